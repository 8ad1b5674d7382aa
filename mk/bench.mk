# The benchmark's own programs (bench/README.md), built by `make bench`
# only, never by `make all` or `make test`, with hiraku's warning flags:
#   bare       the chosen stack alone setting the same text (bench/bare.c);
#   empty-libs a program that does nothing, linked with hiraku's libraries;
#   empty-c    the same program linked with the C library alone.
BENCH_BIN := $(BUILD)/bench-bin
BARE_LIBS := $(shell pkg-config --libs glib-2.0 pangocairo pangoft2 pango cairo cairo-pdf fontconfig 2>/dev/null) -lm
BARE_CFLAGS := $(filter-out $(SRC_INC),$(ALL_CFLAGS)) $(shell pkg-config --cflags glib-2.0 pangocairo pangoft2 fontconfig 2>/dev/null)

.PHONY: bench-bin
bench-bin: $(BENCH_BIN)/bare $(BENCH_BIN)/empty-libs $(BENCH_BIN)/empty-c

$(BENCH_BIN)/bare: bench/bare.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(BARE_CFLAGS) -o $@ $< $(BARE_LIBS)

# --no-as-needed: a linker that drops unused libraries would measure nothing.
$(BENCH_BIN)/empty-libs: bench/empty.c
	@mkdir -p $(@D)
	@echo "CC $< (hiraku's libraries)"
	@$(CC) $(BARE_CFLAGS) -o $@ $< -Wl,--no-as-needed $(LIBS)

$(BENCH_BIN)/empty-c: bench/empty.c
	@mkdir -p $(@D)
	@echo "CC $< (C library alone)"
	@$(CC) $(BARE_CFLAGS) -o $@ $<
