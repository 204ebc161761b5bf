/* test_state.c — unit tests for state.c: every status printed in the seed reports, the prefix
 * traps (已完成 inside 已完成，待自治区验收销号, 达到序时进度 inside 未达到序时进度), the
 * derivation from measure statuses when a report prints no item status, names and labels. */
#include "harness.h"
#include "state.h"

#include <string.h>

#define N_ROWS(a) (sizeof(a) / sizeof((a)[0]))

TEST(state_classify_rows)
{
	static const struct {
		const char *status;
		enum state want;
	} rows[] = {
	    /* Every status in the seed reports. */
	    {"已完成整改，长期坚持", STATE_DONE},
	    {"已完成整改", STATE_DONE},
	    {"正在推进", STATE_IN_PROGRESS},
	    {"正在推进实施", STATE_IN_PROGRESS},
	    {"正在推进整改", STATE_IN_PROGRESS},
	    {"已销号", STATE_VERIFIED},
	    {"达到序时进度", STATE_ON_SCHEDULE},
	    {"已完成，待自治区验收销号", STATE_AWAITING_VERIFICATION},
	    {"已完成", STATE_DONE},
	    /* Prefix traps: the shorter wording is inside the longer one. */
	    {"已完成，待验收", STATE_AWAITING_VERIFICATION},
	    {"已完成整改，待市级验收", STATE_AWAITING_VERIFICATION},
	    {"待销号", STATE_AWAITING_VERIFICATION},
	    {"未达到序时进度", STATE_BEHIND},
	    {"未达序时进度", STATE_BEHIND},
	    {"进度滞后", STATE_BEHIND},
	    {"未完成", STATE_BEHIND},
	    {"已超期", STATE_BEHIND},
	    {"序时推进", STATE_ON_SCHEDULE},
	    {"销号完成", STATE_VERIFIED},
	    {"已通过验收", STATE_VERIFIED},
	    /* 基本完成 still has work left. */
	    {"基本完成", STATE_IN_PROGRESS},
	    {"整改中", STATE_IN_PROGRESS},
	    {"进行中", STATE_IN_PROGRESS},
	    {"未开始", STATE_PENDING},
	    {"尚未启动", STATE_PENDING},
	    /* As printed in 002: a trailing 。 and stray spaces change nothing. */
	    {"已完成整改。", STATE_DONE},
	    {" 正在推进实施。", STATE_IN_PROGRESS},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++)
		if (!CHECK_INT(state_classify(rows[i].status, NULL, 0), rows[i].want))
			CHECK_STR(rows[i].status, "");
}

TEST(state_classify_from_measures)
{
	/* 003 prints no item status; measures carry （已完成整改） or nothing. */
	static const char *const all_done[] = {"已完成整改", "已完成整改", "已完成"};
	static const char *const some_done[] = {"已完成", "已完成", NULL};
	static const char *const third_only[] = {NULL, NULL, "已完成整改"};
	static const char *const none_done[] = {NULL, NULL};
	static const char *const awaiting[] = {"已完成整改", "已完成，待验收"};
	static const char *const progress[] = {"正在推进", NULL};
	static const struct {
		const char *status;
		const char *const *measures;
		size_t n;
		enum state want;
	} rows[] = {
	    {NULL, all_done, 3, STATE_DONE},
	    {NULL, some_done, 3, STATE_IN_PROGRESS},
	    {NULL, third_only, 3, STATE_IN_PROGRESS},
	    {NULL, none_done, 2, STATE_PENDING},
	    {NULL, awaiting, 2, STATE_DONE},
	    {NULL, progress, 2, STATE_IN_PROGRESS},
	    {NULL, NULL, 0, STATE_PENDING},
	    {NULL, all_done, 0, STATE_PENDING},
	    {"", all_done, 3, STATE_DONE},
	    /* A printed item status wins over the measures. */
	    {"正在推进", all_done, 3, STATE_IN_PROGRESS},
	};
	size_t i;

	for (i = 0; i < N_ROWS(rows); i++)
		CHECK_INT(state_classify(rows[i].status, rows[i].measures, rows[i].n), rows[i].want);
}

TEST(state_names_and_labels)
{
	static const struct {
		enum state s;
		const char *name, *label;
		int closed;
	} rows[] = {
	    {STATE_PENDING, "pending", "未开始", 0},
	    {STATE_IN_PROGRESS, "in_progress", "推进中", 0},
	    {STATE_ON_SCHEDULE, "on_schedule", "序时进度", 0},
	    {STATE_BEHIND, "behind", "滞后", 0},
	    {STATE_DONE, "done", "已完成", 1},
	    {STATE_AWAITING_VERIFICATION, "awaiting_verification", "待验收", 1},
	    {STATE_VERIFIED, "verified", "已销号", 1},
	};
	size_t i;

	CHECK_INT(N_ROWS(rows), STATE_COUNT);
	for (i = 0; i < N_ROWS(rows); i++) {
		CHECK_STR(state_name(rows[i].s), rows[i].name);
		CHECK_STR(state_label(rows[i].s), rows[i].label);
		CHECK_INT(state_from_name(rows[i].name), rows[i].s);
		CHECK_INT(state_is_closed(rows[i].s), rows[i].closed);
	}
	CHECK_INT(state_from_name("Done"), -1);
	CHECK_INT(state_from_name("已完成"), -1);
	CHECK_INT(state_from_name(""), -1);
	CHECK_INT(state_from_name(NULL), -1);
}
