# hiraku build. `make samples` installs missing Debian packages (as root),
# builds and renders every sample into out/; `make test` runs every test.
# Module fragments (dictionary, tables, benchmarks…) live in mk/*.mk.

BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0
PKGS    := glib-2.0 pangocairo pangoft2 pango cairo cairo-pdf harfbuzz fontconfig \
           libcmark yaml-0.1 libxml-2.0 libqpdf liblouis lcms2 minizip
# Where `make install` puts things (DESTDIR is prepended to each, for
# staging; the program itself only ever knows PREFIX).
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
DATAROOT := $(PREFIX)/share/hiraku
MANDIR  := $(PREFIX)/share/man/man1
# The data directory compiled into the binary (src/source/datadir.c): the
# build in $(BUILD) reads the source tree, so `make samples` and the tests
# need no install; `make install` links a second binary for $(DATAROOT).
DATADIR := $(CURDIR)

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
MECAB_CFLAGS := $(shell mecab-config --cflags 2>/dev/null)
MECAB_LIBS   := $(shell mecab-config --libs 2>/dev/null)

# src/ is one folder per pipeline stage (see src/README.md); headers are
# included by name, so every folder is on the include path.
SRC_DIRS := source print braille book web cli
SRC_INC := $(SRC_DIRS:%=-Isrc/%)

OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
              -DHK_VERSION='"$(VERSION)"' \
              $(SRC_INC) $(PKG_CFLAGS) $(MECAB_CFLAGS) $(CFLAGS)
# The dynamic loader looks each of the program's ~16,000 symbol references
# up in the libraries in the order the program names them, then theirs (64
# objects): naming first the ones most references land in (libc, qpdf's
# own, GLib, MeCab's) saves 5 M instructions a run, and every symbol still
# binds where it did (LD_DEBUG=bindings gives the same list; libm stays
# before libc, which share frexp and modf). Not under ASan, whose runtime
# must come first.
LINK_FIRST := -lm -lc $(filter -lqpdf -lglib-2.0,$(PKG_LIBS)) $(filter -lmecab,$(MECAB_LIBS))
LIBS    := $(LINK_FIRST) $(PKG_LIBS) $(MECAB_LIBS) -lm

# SAN=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer.
ifeq ($(SAN),1)
LIBS    := $(PKG_LIBS) $(MECAB_LIBS) -lm
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LIBS       += -fsanitize=address,undefined
endif

SRC     := $(sort $(wildcard $(SRC_DIRS:%=src/%/*.c)))
OBJ     := $(SRC:src/%.c=$(BUILD)/obj/%.o)
LIBOBJ  := $(filter-out $(BUILD)/obj/cli/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
SAMPLES := $(sort $(wildcard samples/*.md))
# Anything a rendered edition depends on besides its source and the binary;
# fragments in mk/ add to it (the compiled dictionary, for instance).
RENDER_DEPS := $(wildcard layouts/*.ini layouts/*.css fonts/* tables/*)

.DEFAULT_GOAL := all
-include $(wildcard mk/*.mk)
# The braille edition reads with the compiled dictionary (mk/dict.mk).
RENDER_DEPS += $(DICT_SYSDIR)/sys.dic $(DICT_USERDIC)

.PHONY: all deps bench-deps samples render-samples test unit clean format format-check bench profile FORCE

all: $(BUILD)/hiraku

deps:
	@scripts/install-deps

# The benchmark's peers and profiler (WeasyPrint, cmark, MeCab's command,
# perf): a group of their own, so that `make test` never needs them.
bench-deps:
	@scripts/install-deps bench

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -c -o $@ $<

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

$(BUILD)/hiraku: $(OBJ)
	@echo "LD $@"
	@$(CC) -o $@ $(OBJ) $(LIBS)

# Only datadir.o knows the data directory. It is rebuilt when the directory
# changes (a moved tree, another PREFIX): the .dir file holds the value the
# object was compiled with and is rewritten only when that value differs.
$(BUILD)/obj/source/datadir.o: ALL_CFLAGS += -DHK_DATADIR='"$(DATADIR)"' -DHK_DICT_SUBDIR='"build/dict"'
$(BUILD)/obj/source/datadir.o: $(BUILD)/obj/source/datadir.dir
$(BUILD)/obj/source/datadir.dir: FORCE | $(BUILD)/obj
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

FORCE:

$(BUILD)/tests/test_%: tests/unit/test_%.c $(LIBOBJ) | $(BUILD)/tests
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBOBJ) $(LIBS) $(shell pkg-config --libs cmocka json-glib-1.0 2>/dev/null) $(shell pkg-config --cflags json-glib-1.0 2>/dev/null)

unit: $(UNIT_BIN)

# The first README command: dependencies, build, every sample in every edition.
samples: deps
	$(MAKE) render-samples

# Each sample is rendered (all editions) only when it or what it depends on
# changed: the stamp records the last complete render.
render-samples: $(SAMPLES:samples/%.md=out/.%.stamp)

out/.%.stamp: samples/%.md $(BUILD)/hiraku $(RENDER_DEPS)
	@mkdir -p out
	$(BUILD)/hiraku render $< -o out
	@touch $@

# The second README command: the whole suite, then the same under ASan+UBSan.
# The two builds are made side by side (after the dictionary they share), one
# compiler per CPU between them; tests/run then runs the tests in parallel.
NPROC := $(shell getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
test: deps
	$(MAKE) dict
	$(MAKE) -j$(NPROC) -Otarget test-build test-build-san
	tests/run

.PHONY: test-build test-build-san
test-build:
	$(MAKE) all unit
test-build-san:
	$(MAKE) BUILD=build-san SAN=1 OPT=-O1 all unit

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c bench/*.c

format-check:
	clang-format --dry-run --Werror src/*/*.c src/*/*.h tests/unit/*.c bench/*.c

clean:
	rm -rf build build-san out

-include $(OBJ:.o=.d)

# Speed and memory figures against the peers (not a test): see bench/README.md.
bench: bench-deps
	$(MAKE) all bench-bin $(RENDER_DEPS)
	bench/bench.sh

# Where the time goes (perf): out/profile-*.txt, see bench/README.md.
profile: bench-deps
	$(MAKE) all $(RENDER_DEPS)
	bench/profile.sh
