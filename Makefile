# duban — one non-recursive GNU Makefile.  `make run` opens the board on a demo database made
# from data/reports; `make check` builds and runs every test; `make bench`, `make fuzz`.
# Model sources (text, date, state, import, db, export, summary, msg, field) link without curses.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LIBDIR  ?= $(PREFIX)/lib
DATADIR ?= $(PREFIX)/share/duban
DESTDIR ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
           -Wpointer-arith -Wvla -Wundef -Wcast-align -Wno-unused-parameter
ifneq ($(CI),)
WARNINGS += -Werror
endif
PKGS      = ncursesw sqlite3
# ncursesw's pkg-config flags define _XOPEN_SOURCE=600; ours (700) stand alone.
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
# Printing (issue 8): Pango, Cairo and fontconfig, linked into the duban binaries only; the
# model (summary*.c) links without them, so the unit tests do too.
PRINT_PKGS  = pangocairo fontconfig
PRINT_CFLAGS := $(shell pkg-config --cflags $(PRINT_PKGS) 2>/dev/null)
PRINT_LIBS  := $(shell pkg-config --libs $(PRINT_PKGS) 2>/dev/null || echo -lpangocairo-1.0 -lpango-1.0 -lgobject-2.0 -lglib-2.0 -lcairo -lfontconfig)
# iconv is in glibc; elsewhere pass ICONV_LIBS=-liconv.
ICONV_LIBS ?=
DEFS = -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DDUBAN_DATADIR='"$(DATADIR)"' \
       -DDUBAN_LIBDIR='"$(LIBDIR)/duban"'
ALL_CFLAGS = -std=c11 $(DEFS) $(WARNINGS) $(PKG_CFLAGS) -Isrc -I$(B)/gen -Itests $(CPPFLAGS) $(CFLAGS)

B = build
MODEL_SRC := $(sort $(wildcard src/text.c src/date.c src/state.c src/import*.c src/db*.c \
                               src/export*.c src/summary*.c src/msg.c src/field.c))
# The PDF renderer is a module of its own (duban-pdf.so, loaded by print.c when a PDF is made)
# so that the forty libraries behind Pango do not slow every start of duban.
PDF_SRC   := src/print_pdf.c
APP_SRC   := $(sort $(filter-out $(MODEL_SRC) $(PDF_SRC),$(wildcard src/*.c)))
UNIT_SRC  := $(sort $(wildcard tests/unit/*.c)) tests/harness.c tests/json.c tests/golden.c
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))

MODEL_OBJ := $(MODEL_SRC:%.c=$(B)/obj/%.o)
APP_OBJ   := $(APP_SRC:%.c=$(B)/obj/%.o)
UNIT_OBJ  := $(UNIT_SRC:%.c=$(B)/obj/%.o)
ASAN_OBJ  := $(MODEL_SRC:%.c=$(B)/asan/%.o) $(UNIT_SRC:%.c=$(B)/asan/%.o)
ASAN_APP  := $(MODEL_SRC:%.c=$(B)/asan/%.o) $(APP_SRC:%.c=$(B)/asan/%.o)
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

DEMO_DB = $(B)/demo.db
REPORTS = $(sort $(wildcard data/reports/*.txt))

.PHONY: all check run deps bench fuzz lint install uninstall clean
all: $(B)/duban

# -rdynamic: the module calls the model (text_fit, tr, …) in the binary that loads it.
$(B)/duban: $(MODEL_OBJ) $(APP_OBJ) | $(B)/duban-pdf.so
	$(CC) $(CFLAGS) -rdynamic $(LDFLAGS) -o $@ $^ $(CURSES_LIBS) $(SQLITE_LIBS) $(ICONV_LIBS) -ldl -lm

$(B)/duban-pdf.so: $(B)/pic/src/print_pdf.o
	$(CC) $(CFLAGS) -shared $(LDFLAGS) -o $@ $^ $(PRINT_LIBS)

$(B)/unit-tests: $(UNIT_OBJ) $(MODEL_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(SQLITE_LIBS) $(ICONV_LIBS) -lm

$(B)/asan-unit-tests: $(ASAN_OBJ)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $^ $(SQLITE_LIBS) $(ICONV_LIBS) -lm

$(B)/asan-duban: $(ASAN_APP) | $(B)/duban-pdf.so
	$(CC) $(CFLAGS) $(SAN) -rdynamic $(LDFLAGS) -o $@ $^ $(CURSES_LIBS) $(SQLITE_LIBS) $(ICONV_LIBS) -ldl -lm

# Only the PDF renderer sees the Pango / Cairo headers.
$(B)/pic/src/print_pdf.o: ALL_CFLAGS += $(PRINT_CFLAGS)

$(B)/pic/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -MMD -MP -c -o $@ $<

# The importer's built-in label vocabulary is data/labels.txt itself, made a C string here.
$(B)/gen/labels.inc: data/labels.txt
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' data/labels.txt >$@
$(B)/obj/src/import_labels.o $(B)/asan/src/import_labels.o: $(B)/gen/labels.inc

# Test tools (pty driver, generators, golden check) are plain programs linked with the model
# and the tests' JSON reader.
$(B)/tools/%: tests/tools/%.c $(MODEL_OBJ) $(B)/obj/tests/json.o $(B)/obj/tests/golden.o
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $^ $(SQLITE_LIBS) $(ICONV_LIBS) -lutil -lm

deps:
	@sh .ci/deps build

$(DEMO_DB): $(B)/duban $(REPORTS) data/gazetteer.txt
	rm -f $@ $@-wal $@-shm
	DUBAN_GAZETTEER=data/gazetteer.txt $(B)/duban -f $@ import $(REPORTS)

run: deps
	@$(MAKE) --no-print-directory $(B)/duban $(DEMO_DB)
	DUBAN_GAZETTEER=data/gazetteer.txt $(B)/duban -f $(DEMO_DB)

check:
	@sh .ci/deps check
	@$(MAKE) --no-print-directory $(B)/duban $(B)/unit-tests $(B)/asan-unit-tests $(B)/asan-duban \
		$(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)
	@sh tests/run.sh

lint:
	@sh tests/lint.sh

bench:
	@sh .ci/deps bench
	@$(MAKE) --no-print-directory $(B)/duban $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)
	@sh tests/bench.sh

FUZZ_CC ?= clang
fuzz: $(B)/fuzz-import $(B)/fuzz-text
	@mkdir -p $(B)/fuzz-corpus
	cp -n data/reports/*.txt $(B)/fuzz-corpus/ 2>/dev/null || true
	$(B)/fuzz-import -max_total_time=$${FUZZ_SECONDS:-60} -max_len=65536 -rss_limit_mb=2048 \
		-dict=tests/fuzz/import.dict \
		$(B)/fuzz-corpus
	@mkdir -p $(B)/fuzz-text-corpus
	$(B)/fuzz-text -max_total_time=$${FUZZ_SECONDS:-60} -max_len=4096 -rss_limit_mb=2048 \
		-dict=tests/fuzz/text.dict $(B)/fuzz-text-corpus

# Dates and text alone (issue 7): date_parse_deadline, date_check_deadline, text_sanitize,
# text_fit, text_to_utf8.
$(B)/fuzz-text: tests/fuzz/fuzz_text.c src/date.c src/text.c src/msg.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 $(DEFS) -Isrc -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $^ $(ICONV_LIBS) -lm

$(B)/fuzz-import: tests/fuzz/fuzz_import.c $(MODEL_SRC) $(B)/gen/labels.inc
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 $(DEFS) -Isrc -I$(B)/gen -g -O1 -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -o $@ $(filter %.c,$^) \
		$(SQLITE_LIBS) $(ICONV_LIBS) -lm

install: $(B)/duban $(B)/duban-pdf.so
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(B)/duban $(DESTDIR)$(BINDIR)/duban
	install -d $(DESTDIR)$(LIBDIR)/duban
	install -m 644 $(B)/duban-pdf.so $(DESTDIR)$(LIBDIR)/duban/duban-pdf.so
	install -m 644 man/duban.1 $(DESTDIR)$(MANDIR)/man1/duban.1
	install -m 644 data/gazetteer.txt $(DESTDIR)$(DATADIR)/gazetteer.txt
	install -m 644 data/labels.txt $(DESTDIR)$(DATADIR)/labels.txt

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/duban $(DESTDIR)$(MANDIR)/man1/duban.1 \
		$(DESTDIR)$(DATADIR)/gazetteer.txt $(DESTDIR)$(DATADIR)/labels.txt \
		$(DESTDIR)$(LIBDIR)/duban/duban-pdf.so
	-rmdir $(DESTDIR)$(DATADIR) $(DESTDIR)$(LIBDIR)/duban

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
