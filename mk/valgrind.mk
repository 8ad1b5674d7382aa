# `make valgrind`: the render of both samples in every edition under valgrind.
.PHONY: valgrind
valgrind: all
	@d=$$(mktemp -d) && OUT=$$d HIRAKU=$(CURDIR)/$(BUILD)/hiraku sh tests/golden/valgrind.sh; rc=$$?; rm -rf $$d; exit $$rc
