# `make pdfx`: PDF/X-3 copies of every sample's press PDF, out/<stem>.pdfx.pdf,
# made by scripts/pdfx with Debian's Ghostscript (see the script for the
# output intent and how to use a vendor's ICC profile).
.PHONY: pdfx
pdfx: $(patsubst samples/%.md,out/%.pdfx.pdf,$(filter-out samples/README.md,$(SAMPLES)))

out/%.pdfx.pdf: out/.%.stamp scripts/pdfx
	scripts/pdfx out/$*.press.pdf $@
