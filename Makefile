# Makefile - builds every glosy program into bin/ and runs the tests.
#
# Every stages/NAME.c (with any private stages/NAME/*.c) becomes
# bin/glosy-NAME; pipeline/glosy.c becomes bin/glosy.  stages/lib/*.c make
# the static library they all link.  Parts of the build that belong to one
# component live in a *.mk file beside it and are included below.

include config.mk

PKGS = icu-uc icu-i18n libpcre2-8 zlib
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS))

WARN = -Wall -Wextra -Wno-unused-parameter
ifdef SANITIZE
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) \
	-fno-omit-frame-pointer
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DGLOSY_VERSION='"$(VERSION)"' -DGLOSY_DATADIR='"$(DATADIR)"' \
	-Istages/lib $(PKG_CFLAGS) $(WARN) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LIBS = $(PKG_LIBS) $(STEMMER_LIBS) -lm

LIBSRC = $(wildcard stages/lib/*.c)
LIBDIR ?= build/lib
LIBOBJ = $(LIBSRC:stages/lib/%.c=$(LIBDIR)/%.o)
LIBA = $(LIBDIR)/libglosy.a
HDRS = $(wildcard stages/lib/*.h)

STAGES = $(patsubst stages/%.c,%,$(wildcard stages/*.c))
PROGS = $(STAGES:%=bin/glosy-%) $(if $(wildcard pipeline/glosy.c),bin/glosy)
UNITS = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/t-*.c))
FUZZ = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
REPLAY = $(FUZZ:%=build/tests/replay-%)
MANS = $(wildcard stages/*.1 stages/lib/*.5 pipeline/*.1 pipeline/*.7 \
	lexicons/*.5)
DATA =

all: $(PROGS) data

$(LIBDIR)/%.o: stages/lib/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBA): $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

.SECONDEXPANSION:
bin/glosy-%: stages/%.c $$(wildcard stages/%/*.c) $(LIBA) $(HDRS)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.c,$^) $(LIBA) $(ALL_LDFLAGS) $(LIBS)

bin/glosy: pipeline/glosy.c $(LIBA) $(HDRS)
	@mkdir -p bin
	$(CC) $(ALL_CFLAGS) -o $@ pipeline/glosy.c $(LIBA) $(ALL_LDFLAGS) $(LIBS)

build/tests/t-%: tests/unit/t-%.c tests/unit/check.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBA) $(ALL_LDFLAGS) $(LIBS)

build/tests/replay-%: tests/fuzz/%.c tests/fuzz/replay.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(LIBA) \
		$(ALL_LDFLAGS) $(LIBS)

FUZZFLAGS = -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer
# The fuzzers link a library built apart, with clang and sanitizers, so that
# they never disturb the ordinary build.
fuzz:
	@test "$(CC)" = clang || { echo "make fuzz needs CC=clang" >&2; exit 2; }
	$(MAKE) LIBDIR=build/fuzz/lib SANITIZE=address,undefined \
		CFLAGS="$(CFLAGS) -fsanitize=fuzzer-no-link" \
		build/fuzz/lib/libglosy.a
	for f in $(FUZZ); do \
		$(CC) $(ALL_CFLAGS) $(FUZZFLAGS) -o build/fuzz/$$f \
			tests/fuzz/$$f.c build/fuzz/lib/libglosy.a $(LIBS) || exit 1; \
	done
	@echo "run e.g.: build/fuzz/$(firstword $(FUZZ)) tests/fuzz/corpus/$(firstword $(FUZZ))"

check: all $(UNITS) $(REPLAY)
	@sh tests/run

eval: all
	@sh tests/eval/run

bench: all
	@sh tests/bench/run

lint-man:
	@rc=0; for m in $(MANS); do \
		mandoc -Tlint -W warning $$m || rc=1; done; exit $$rc

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	for p in $(PROGS); do \
		cp -f $$p $(DESTDIR)$(BINDIR)/ && \
		chmod 755 $(DESTDIR)$(BINDIR)/$${p#bin/}; done
	for m in $(MANS); do s=$${m##*.}; \
		mkdir -p $(DESTDIR)$(MANDIR)/man$$s && \
		cp -f $$m $(DESTDIR)$(MANDIR)/man$$s/ && \
		chmod 644 $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	cd lexicons && find . -type f ! -name '*.5' ! -name '*.md' | \
		while read f; do \
		mkdir -p "$(DESTDIR)$(DATADIR)/$${f%/*}" && \
		cp -f "$$f" "$(DESTDIR)$(DATADIR)/$$f" && \
		chmod 644 "$(DESTDIR)$(DATADIR)/$$f"; done
	mkdir -p $(DESTDIR)$(DATADIR)/corpora
	cp -f corpora/*.csv $(DESTDIR)$(DATADIR)/corpora/ 2>/dev/null || :

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$${p#bin/}; done
	for m in $(MANS); do s=$${m##*.}; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin build

-include stages/*.mk lexicons/*.mk corpora/*.mk pipeline/*.mk

data: $(DATA)

.PHONY: all data check eval bench fuzz lint-man install uninstall clean
