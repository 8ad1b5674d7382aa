# `make install` / `make uninstall`, honouring PREFIX (default /usr/local)
# and DESTDIR (a staging root prepended to every path written):
#   $(PREFIX)/bin/hiraku
#   $(PREFIX)/share/hiraku/{layouts,tables,fonts}/, dict/ (compiled MeCab
#     dictionaries and the licence of the rows compiled into them)
#   $(PREFIX)/share/man/man1/hiraku.1
#
# The installed program is not $(BUILD)/hiraku (that one reads the source
# tree, for `make samples` and the tests) but $(BUILD)/install/hiraku: the
# same objects relinked with a datadir.o compiled for $(PREFIX)/share/hiraku,
# so installing never disturbs the build in the tree, and the installed
# program never reads the tree or the current directory.

INST_OBJ := $(filter-out $(BUILD)/obj/source/datadir.o,$(OBJ)) $(BUILD)/install/datadir.o
INST_DATA_DIRS := layouts tables fonts dict dict/hiraku-naist
DICT_SYS_FILES := char.bin matrix.bin sys.dic unk.dic dicrc

.PHONY: install uninstall install-bin

$(BUILD)/install/datadir.dir: FORCE
	@mkdir -p $(@D)
	@echo '$(DATAROOT)' | cmp -s - $@ || echo '$(DATAROOT)' > $@

$(BUILD)/install/datadir.o: src/source/datadir.c src/source/datadir.h $(BUILD)/install/datadir.dir
	@echo "CC $< (data in $(DATAROOT))"
	@$(CC) $(ALL_CFLAGS) -DHK_DATADIR='"$(DATAROOT)"' -DHK_DICT_SUBDIR='"dict"' -c -o $@ $<

$(BUILD)/install/hiraku: $(INST_OBJ)
	@echo "LD $@"
	@$(CC) -o $@ $(INST_OBJ) $(LIBS)

install-bin: $(BUILD)/install/hiraku

install: all install-bin
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(INST_DATA_DIRS:%=$(DESTDIR)$(DATAROOT)/%)
	install -m 755 $(BUILD)/install/hiraku $(DESTDIR)$(BINDIR)/hiraku
	install -m 644 $(wildcard layouts/*.ini layouts/*.css) $(DESTDIR)$(DATAROOT)/layouts/
	install -m 644 tables/* $(DESTDIR)$(DATAROOT)/tables/
	install -m 644 fonts/fonts.conf $(DESTDIR)$(DATAROOT)/fonts/
	install -m 644 $(DICT_SYS_FILES:%=$(DICT_SYSDIR)/%) $(DESTDIR)$(DATAROOT)/dict/hiraku-naist/
	install -m 644 $(DICT_USERDIC) dict/braille-words.ini dict/LICENSE-libkuraji-jtalk-dic.txt $(DESTDIR)$(DATAROOT)/dict/
	install -m 644 docs/hiraku.1 $(DESTDIR)$(MANDIR)/hiraku.1

# Removes what install wrote, and share/hiraku (which only hiraku owns);
# bin/ and man1/ are shared with other programs and stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hiraku $(DESTDIR)$(MANDIR)/hiraku.1
	rm -rf $(DESTDIR)$(DATAROOT)
