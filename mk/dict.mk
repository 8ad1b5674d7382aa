# dict: the MeCab dictionaries the braille reader names explicitly.
#
# build/dict/hiraku-naist: a system dictionary compiled from Debian's
#   NAIST-JDIC source (package mecab-naist-jdic-eucjp, EUC-JP, converted to
#   UTF-8 here) plus the braille rows of libkuraji-jtalk-dic
#   (dict/nvdajp-custom-dic.csv, BSD-3, dict/LICENSE-libkuraji-jtalk-dic.txt),
#   with libkuraji-jtalk-dic's corrections to NAIST-JDIC's own rows applied
#   first (dict/naist-jdic-corrections.tsv, same licence: braille notations
#   such as 四季 4キ, rows that mislead a reader dropped) by
#   scripts/apply-dict-corrections.
# build/dict/hiraku-user.dic: the project's own rows (dict/hiraku-*.csv:
#   local names of the samples), a user dictionary over the one above.
#
# Both live at a fixed place below the source tree (not below $(BUILD)) so
# the normal and the sanitizer builds share them; the program finds them
# through hk_dict_path() (src/source/datadir.h); `make install` copies them
# to $(PREFIX)/share/hiraku/dict/.

DICT_OUT       := $(CURDIR)/build/dict
DICT_SYSDIR    := $(DICT_OUT)/hiraku-naist
DICT_USERDIC   := $(DICT_OUT)/hiraku-user.dic
NAIST_SRC      ?= /usr/share/mecab/dic/naist-jdic-eucjp
MECAB_LIBEXEC  := $(shell mecab-config --libexecdir 2>/dev/null)
MECAB_DICT_INDEX ?= $(firstword $(wildcard $(MECAB_LIBEXEC)/mecab-dict-index /usr/lib/mecab/mecab-dict-index) mecab-dict-index)
DICT_SYS_ROWS  := dict/nvdajp-custom-dic.csv dict/nvdajp-tankan-dic.csv
DICT_FIXES     := dict/naist-jdic-corrections.tsv
DICT_USER_ROWS := $(sort $(wildcard dict/hiraku-*.csv))

.PHONY: dict
dict: $(DICT_SYSDIR)/sys.dic $(DICT_USERDIC)
all: dict
unit: dict

# Compiled into a temporary directory and renamed into place, so an
# interrupted build never leaves a half-written dictionary under the name.
$(DICT_SYSDIR)/sys.dic: $(DICT_SYS_ROWS) $(DICT_FIXES) scripts/apply-dict-corrections mk/dict.mk
	@test -f $(NAIST_SRC)/naist-jdic.csv || { echo "missing $(NAIST_SRC): install mecab-naist-jdic-eucjp (make deps)" >&2; exit 1; }
	rm -rf $(DICT_OUT)/src $(DICT_SYSDIR).tmp
	mkdir -p $(DICT_OUT)/src $(DICT_SYSDIR).tmp
	for f in $(NAIST_SRC)/*.csv $(NAIST_SRC)/*.def; do \
	    iconv -f EUC-JP -t UTF-8 "$$f" > $(DICT_OUT)/src/$$(basename "$$f") || exit 1; \
	done
	scripts/apply-dict-corrections $(DICT_FIXES) $(DICT_OUT)/src/naist-jdic.csv > $(DICT_OUT)/src/naist-jdic.fixed || exit 1
	mv $(DICT_OUT)/src/naist-jdic.fixed $(DICT_OUT)/src/naist-jdic.csv
	iconv -f EUC-JP -t UTF-8 $(NAIST_SRC)/dicrc | sed 's/^config-charset.*/config-charset = UTF-8/' > $(DICT_OUT)/src/dicrc
	cp $(DICT_SYS_ROWS) $(DICT_OUT)/src/
	$(MECAB_DICT_INDEX) -d $(DICT_OUT)/src -o $(DICT_SYSDIR).tmp -f UTF-8 -t UTF-8 > $(DICT_OUT)/sys.log 2>&1 || { tail -5 $(DICT_OUT)/sys.log >&2; exit 1; }
	cp $(DICT_OUT)/src/dicrc $(DICT_SYSDIR).tmp/
	rm -rf $(DICT_SYSDIR) $(DICT_OUT)/src
	mv $(DICT_SYSDIR).tmp $(DICT_SYSDIR)

$(DICT_USERDIC): $(DICT_USER_ROWS) $(DICT_SYSDIR)/sys.dic
	rm -rf $(DICT_OUT)/usrc
	mkdir -p $(DICT_OUT)/usrc
	for f in $(NAIST_SRC)/*.def; do iconv -f EUC-JP -t UTF-8 "$$f" > $(DICT_OUT)/usrc/$$(basename "$$f") || exit 1; done
	cp $(DICT_SYSDIR)/dicrc $(DICT_OUT)/usrc/
	$(MECAB_DICT_INDEX) -d $(DICT_OUT)/usrc -u $@.tmp -f UTF-8 -t UTF-8 $(DICT_USER_ROWS) > $(DICT_OUT)/user.log 2>&1 || { tail -5 $(DICT_OUT)/user.log >&2; exit 1; }
	rm -rf $(DICT_OUT)/usrc
	mv $@.tmp $@
