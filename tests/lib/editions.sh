# Sourced by the golden scripts: how many files one source gives when it is
# rendered in every edition (print, large, press, furigana, epub, web, and the
# braille edition's .pef .brf .bes .bse .braille.txt .proof.pdf). A new
# edition or file changes this one line.
ALL_FILES=12
