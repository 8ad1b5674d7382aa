# `make fuzz`: libFuzzer (clang) targets, each run for FUZZ_SECONDS from its
# seeds in fuzz/corpus/<name>/: fuzz_source (the reader), fuzz_braille (the
# translator), fuzz_render (the whole render path, every edition) and
# fuzz_layout (layout files, every edition). A crash leaves its input in
# fuzz/regressions/<target>-..., which the unit test test_fuzz_replay
# replays on every test run. Fontconfig's own caches are not leaks of ours
# (tests/lsan.supp).
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_TARGETS := $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SRC     := $(filter-out src/cli/main.c,$(SRC))

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/render_one.h $(FUZZ_SRC)
	@mkdir -p $(FUZZ_BUILD)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DHK_DATADIR='"$(DATADIR)"' -DHK_VERSION='"$(VERSION)"' $(SRC_INC) \
	  $(PKG_CFLAGS) $(MECAB_CFLAGS) -o $@ $< $(FUZZ_SRC) $(PKG_LIBS) $(MECAB_LIBS) -lm

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS) $(RENDER_DEPS)
	@for t in $(FUZZ_TARGETS); do \
	  name=$$(basename $$t); mkdir -p $(FUZZ_BUILD)/corpus-$$name; \
	  seeds=fuzz/corpus/$${name#fuzz_}; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  $$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=3000 \
	    -artifact_prefix=fuzz/regressions/$$name- \
	    $(FUZZ_BUILD)/corpus-$$name $$seeds 2>&1 | grep -E '^(#[0-9]+.*DONE|Done|==|SUMMARY)' ; \
	done
