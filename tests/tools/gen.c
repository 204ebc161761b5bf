/* gen.c — makes a large synthetic database for the board's benchmarks: the region tree of a
 * gazetteer, and reports of synthetic items imported through db_import (so triggers, tallies,
 * history and the search index are exactly what a real import makes). Test tool: no SQL here.
 *
 *   gen [-n ITEMS] [-r ITEMS_PER_REPORT] [-g GAZETTEER] [-s SEED] DB
 *
 * Deterministic for a seed. Prints what it made and how long it took. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "import.h"

static uint64_t rng = 88172645463325252ULL;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static const char *const subjects[] = {
	"部分旗县", "个别企业", "市住建部门", "自治区水利部门", "工业园区", "部分城镇污水处理厂",
	"矿山企业", "生活垃圾填埋场", "农村牧区", "自然保护区内", "黄河流域沿线", "煤化工项目",
	"重点排污单位", "乌梁素海周边", "露天煤矿", "尾矿库", "畜禽养殖场", "建筑工地",
};
static const char *const problems[] = {
	"生态环境保护责任落实不到位", "污水直排问题仍然存在", "扬尘污染治理不彻底",
	"违规取用地下水", "草原生态修复进展缓慢", "固体废物随意堆存", "监管执法宽松软",
	"整改工作推进迟缓", "环评审批把关不严", "在线监测数据弄虚作假", "防渗措施不到位",
	"大气污染物超标排放", "河道垃圾清理不及时", "禁牧政策落实不到位", "再生水利用率偏低",
};
static const char *const details[] = {
	"督察发现，", "经现场核查，", "群众反映强烈，", "2023年以来，", "抽查中发现，",
	"截至督察进驻时，", "相关部门未及时督促，", "问题长期得不到解决，",
};
static const char *const tails[] = {
	"涉及面积约1200亩。", "造成一定生态破坏。", "存在较大环境风险。", "影响周边群众生活。",
	"整改方案未按期报送。", "相关台账不完整。", "未建立长效机制。", "已多次被群众投诉。",
};
static const char *const statuses[] = {
	"已完成整改", "已完成整改", "正在推进", "序时推进", "未达到序时进度",
	"已完成，待自治区验收销号", "已销号", NULL,
};
static const char *const deadlines[] = {
	"2024年12月底前", "2025年6月底前", "2025年12月底前", "2026年6月底前", "立行立改",
	"长期坚持", "2024年6月底前", "2025年3月底前", "2026年12月底前", NULL,
};
static const char *const categories[] = {
	"贯彻落实习近平生态文明思想还有差距", "北方重要生态安全屏障建设存在短板",
	"黄河流域生态保护和高质量发展存在差距", "污染防治攻坚战仍需加力",
};

static char *append(char *buf, size_t *len, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 < cap) {
		memcpy(buf + *len, s, n + 1);
		*len += n;
	}
	return buf;
}

static char *make_text(void)
{
	char buf[1024];
	size_t len = 0;
	int parts = 2 + (int)rnd(3);

	buf[0] = '\0';
	for (int i = 0; i < parts; i++) {
		append(buf, &len, sizeof buf, details[rnd(sizeof details / sizeof details[0])]);
		append(buf, &len, sizeof buf, subjects[rnd(sizeof subjects / sizeof subjects[0])]);
		append(buf, &len, sizeof buf, problems[rnd(sizeof problems / sizeof problems[0])]);
		append(buf, &len, sizeof buf, "，");
	}
	append(buf, &len, sizeof buf, tails[rnd(sizeof tails / sizeof tails[0])]);
	return strdup(buf);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The leaf regions of the gazetteer (lines a/b/c), added to the tree as they go. */
static size_t load_regions(struct db *db, const char *path, char ***leaves)
{
	FILE *f = fopen(path, "r");
	char line[512];
	size_t n = 0, cap = 0;

	*leaves = NULL;
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f)) {
		char *names[8], *save = NULL;
		size_t k = 0;
		if (line[0] == '#')
			continue;
		for (char *t = strtok_r(line, "/\r\n", &save); t && k < 8; t = strtok_r(NULL, "/\r\n", &save))
			names[k++] = t;
		if (k == 0)
			continue;
		if (db_region_add_path(db, (const char *const *)names, k) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			*leaves = realloc(*leaves, cap * sizeof **leaves);
		}
		(*leaves)[n++] = strdup(names[k - 1]);
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	long total = 1000000, per_report = 1000;
	const char *gazetteer = "data/gazetteer.txt";
	char **leaves, err[512];
	size_t nleaves;
	struct db *db;
	int opt;
	long made = 0, reports = 0;
	clock_t t0 = clock();
	time_t w0 = time(NULL);

	while ((opt = getopt(argc, argv, "n:r:g:s:")) != -1) {
		switch (opt) {
		case 'n': total = atol(optarg); break;
		case 'r': per_report = atol(optarg); break;
		case 'g': gazetteer = optarg; break;
		case 's': rng = (uint64_t)atoll(optarg) * 2654435761ULL + 1; break;
		default:
			fputs("usage: gen [-n ITEMS] [-r ITEMS_PER_REPORT] [-g GAZETTEER] [-s SEED] DB\n",
			      stderr);
			return 2;
		}
	}
	if (optind != argc - 1 || total < 1 || per_report < 4) {
		fputs("usage: gen [-n ITEMS] [-r ITEMS_PER_REPORT] [-g GAZETTEER] [-s SEED] DB\n", stderr);
		return 2;
	}
	if (db_open(argv[optind], "gen", &db, err, sizeof err) < 0) {
		fprintf(stderr, "gen: %s\n", err);
		return 1;
	}
	nleaves = load_regions(db, gazetteer, &leaves);
	if (nleaves == 0) {
		fprintf(stderr, "gen: no regions in %s\n", gazetteer);
		return 1;
	}
	while (made < total) {
		struct import_report *rp = calloc(1, sizeof *rp), r;
		struct db_import_result res;
		long n = total - made < per_report ? total - made : per_report;
		size_t ncat = sizeof categories / sizeof categories[0];
		char buf[256];
		long seq = 0;

		if (!rp) {
			fprintf(stderr, "gen: out of memory\n");
			db_close(db);
			return 1;
		}
		memset(&r, 0, sizeof r);
		snprintf(buf, sizeof buf, "gen-%05ld.txt", reports);
		r.file = strdup(buf);
		r.region = strdup(leaves[reports % nleaves]);
		snprintf(buf, sizeof buf, "%s第%ld批生态环境保护督察整改清单", r.region,
		         reports / (long)nleaves + 1);
		r.title = strdup(buf);
		snprintf(r.digest, sizeof r.digest, "%016lx", (unsigned long)reports);
		r.encoding = strdup("UTF-8");
		r.category_count = ncat;
		r.categories = calloc(ncat, sizeof *r.categories);
		for (size_t c = 0; c < ncat; c++) {
			struct import_category *cat = &r.categories[c];
			long count = n / (long)ncat + ((long)c < n % (long)ncat ? 1 : 0);
			static const char *const marks[] = {"第一个方面", "第二个方面", "第三个方面",
			                                    "第四个方面"};
			cat->label = strdup(marks[c]);
			cat->title = strdup(categories[c]);
			cat->item_count = (size_t)count;
			cat->items = calloc((size_t)count + 1, sizeof *cat->items);
			for (long i = 0; i < count; i++) {
				struct import_item *it = &cat->items[i];
				size_t nm = 1 + rnd(2);
				snprintf(buf, sizeof buf, "%ld", ++seq);
				it->no = strdup(buf);
				it->text = make_text();
				it->status = dup_or_null(statuses[rnd(sizeof statuses / sizeof statuses[0])]);
				it->deadline = dup_or_null(deadlines[rnd(sizeof deadlines / sizeof deadlines[0])]);
				it->lead_unit = strdup("旗县党委和政府");
				it->responsible_unit = strdup("相关部门");
				it->line = (int)seq;
				it->measure_count = nm;
				it->measures = calloc(nm, sizeof *it->measures);
				for (size_t m = 0; m < nm; m++) {
					it->measures[m].text = strdup("制定整改方案，明确责任单位和完成时限，加强日常监管。");
					it->measures[m].status = rnd(2) ? strdup("已完成整改") : NULL;
				}
			}
		}
		/* Built on the stack for brevity, owned by rp so import_report_free frees it all. */
		*rp = r;
		memset(&res, 0, sizeof res);
		if (db_import(db, rp, &res) < 0) {
			fprintf(stderr, "gen: %s\n", db_errmsg(db));
			import_report_free(rp);
			db_close(db);
			return 1;
		}
		db_import_result_free(&res);
		import_report_free(rp);
		made += n;
		reports++;
		if (reports % 100 == 0) {
			fprintf(stderr, "gen: %ld items\r", made);
			fflush(stderr);
		}
	}
	db_close(db);
	for (size_t i = 0; i < nleaves; i++)
		free(leaves[i]);
	free(leaves);
	printf("gen: %ld items in %ld reports over %zu regions, %.1f s CPU, %ld s\n", made, reports,
	       nleaves, (double)(clock() - t0) / CLOCKS_PER_SEC, (long)(time(NULL) - w0));
	return 0;
}
