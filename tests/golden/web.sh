#!/bin/sh
# Golden checks of the web page and EPUB editions, with independent tools:
# epubcheck (Debian's, EPUB 3 rules) passes on every EPUB, whose zip starts
# with a stored `mimetype` and whose package carries the EPUB
# Accessibility 1.1 metadata; html-validate (npm, offline) finds no error
# in any page; Debian's headless chromium loads each page from disk and
# axe-core with the WCAG 2.2 AA rules finds zero violations (default,
# prefers-contrast and large-type styles), nothing scrolls sideways at
# 320 CSS px (400 % zoom), and screenshots at 100 % and 400 % are kept in
# $BUILD/screenshots; the page's text in reading order equals pdftotext of
# the print PDF's body (whitespace and the print's list labels removed);
# the EPUB's content document passes the same browser checks and has the
# same text; the page links exactly the sibling editions present; with
# render --furigana its readings are the furigana PDF's; both files
# are byte-identical from run to run; a figure that is not a PNG is a clear
# error and no file. Figures: render time and size of both editions.
# once
set -u
export LC_ALL=C.UTF-8
. "$(dirname "$0")/../lib/golden.sh"
BROWSER="$ROOT/tests/browser"
SHOTS="$ROOT/${BUILD:-build}/screenshots"
EPUBCHECK=/usr/share/java/epubcheck.jar
# epubcheck runs a few seconds, mostly in the JIT: the client compiler alone
# and the serial collector halve its CPU time (8 s -> 4 s); the checks and
# their rules are the jar's, unchanged.
JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
fixture="$ROOT/tests/data/print-fixture.md"
SOURCES="$fixture $SAMPLE_SOURCES"

# Nothing here is optional: a missing tool is a failure with its reason.
[ -d "$BROWSER/node_modules/puppeteer-core" ] && [ -d "$BROWSER/node_modules/axe-core" ] &&
    [ -d "$BROWSER/node_modules/html-validate" ] ||
    { bad "tests/browser/node_modules is incomplete: run scripts/install-deps (it runs npm ci there)"; exit 1; }
[ -f "$EPUBCHECK" ] || { bad "$EPUBCHECK missing: install Debian's epubcheck (scripts/install-deps)"; exit 1; }
command -v java >/dev/null || { bad "no java to run epubcheck (scripts/install-deps)"; exit 1; }

# The print PDF's body text (as tests/golden/furigana.sh reads it), without
# the list labels the print edition draws (the page's are CSS markers) and
# without whitespace, which differs wherever a line broke.
print_text() {
    pdftotext -x 0 -y 60 -W 595 -H 735 "$1" - | tr '\f' '\n' | sed -E 's/^(・|[0-9]+\.) //' | tr -d ' \n\t'
}
# ruby pairs "base reading" of a page, one a line (the writer emits each
# <rb> directly followed by its <rt>).
html_ruby() {
    grep -oP '<rb>[^<]*</rb><rt>[^<]*</rt>' "$1" | sed -E 's#<rb>([^<]*)</rb><rt>([^<]*)</rt>#\1 \2#'
}

pages=""
for src in $SOURCES; do
    stem=$(basename "$src" .md)
    html="$OUT/$stem.html"
    epub="$OUT/$stem.epub"
    "$HIRAKU" render "$src" -o "$OUT" --edition print,braille 2>/dev/null || { bad "$stem: print render failed"; continue; }
    render_measured epub "$src" || continue
    esecs=$secs ekb=$kb
    render_measured web "$src" || continue
    echo "figure: web $stem: $(($(stat -c %s "$html") / 1024)) KiB html in ${secs}s ($((kb / 1024)) MiB peak)," \
        "$(($(stat -c %s "$epub") / 1024)) KiB epub in ${esecs}s ($((ekb / 1024)) MiB peak)"
    pages="$pages $html"

    # EPUB: epubcheck, the OCF zip's first entry, the accessibility metadata
    # shellcheck disable=SC2086 # two options, split on purpose
    java $JAVA_OPTS -jar "$EPUBCHECK" "$epub" >"$OUT/epubcheck.txt" 2>&1 ||
        bad "$stem: epubcheck: $(grep -E '^(ERROR|FATAL|WARNING)' "$OUT/epubcheck.txt" | head -5)"
    grep -q 'No errors or warnings detected' "$OUT/epubcheck.txt" ||
        bad "$stem: epubcheck reports: $(grep -E '^(ERROR|FATAL|WARNING)' "$OUT/epubcheck.txt" | head -5)"
    echo "figure: epubcheck $stem: $(grep -E '^Messages:' "$OUT/epubcheck.txt")"
    [ "$(head -c 58 "$epub" | tail -c 28)" = "mimetypeapplication/epub+zip" ] ||
        bad "$stem: the zip does not start with a stored mimetype without extra field"
    unzip -p "$epub" EPUB/package.opf >"$OUT/package.opf" || bad "$stem: no EPUB/package.opf"
    for p in schema:accessMode schema:accessModeSufficient schema:accessibilityFeature \
        schema:accessibilityHazard schema:accessibilitySummary dcterms:modified; do
        grep -q "property=\"$p\"" "$OUT/package.opf" || bad "$stem: package.opf lacks $p"
    done
    if grep -q '{[^}|]*|' "$src"; then
        grep -q '>rubyAnnotations<' "$OUT/package.opf" || bad "$stem: ruby but no rubyAnnotations feature"
        unzip -p "$epub" EPUB/content.xhtml | grep -q '<ruby><rb>' || bad "$stem: no ruby in the EPUB"
    fi

    # the page: structure the source asks for
    grep -q '^<html lang="ja">' "$html" || bad "$stem: no <html lang=\"ja\">"
    for tag in '<header>' '<main id="main">' '<nav class="hk-toc"' '<h1 id="hk-title">'; do
        grep -qF "$tag" "$html" || bad "$stem: no $tag"
    done
    grep -q '{[^}|]*|' "$src" && { grep -q '<ruby><rb>' "$html" || bad "$stem: the author's ruby is missing"; }
    grep -Eq '^ *[-*] ' "$src" && { grep -q '<ul><li>' "$html" || bad "$stem: no list"; }
    grep -Eq '[A-Za-z]{2}' "$src" && { grep -q '<span lang="en">' "$html" || bad "$stem: no lang=\"en\" on Latin text"; }
    grep -q '!\[' "$src" && { grep -Eq '<img src="data:image/png;base64,[^"]+" alt="[^"]+"' "$html" || bad "$stem: no figure with alt"; }
    grep -q 'lang="en">I<' "$html" && bad "$stem: a Roman numeral is marked English"
    # links: the editions beside it (print, braille, epub rendered; large not)
    for sib in print.pdf epub brf pef; do
        grep -qF "href=\"$stem.$sib\"" "$html" || bad "$stem: no link to the $sib edition beside it"
    done
    grep -qF "href=\"$stem.large.pdf\"" "$html" && bad "$stem: links a large-type PDF that is not there"

    # the text in reading order equals the print edition's (read by chromium below)
    print_text "$OUT/$stem.print.pdf" >"$OUT/$stem.print.txt"

    # byte-identical on a second run (into a folder with the same siblings)
    mkdir -p "$OUT/again"
    cp "$OUT/$stem.print.pdf" "$OUT/$stem.brf" "$OUT/$stem.pef" "$OUT/again/"
    "$HIRAKU" render "$src" -o "$OUT/again" --edition epub,web 2>/dev/null || bad "$stem: second render failed"
    cmp -s "$epub" "$OUT/again/$stem.epub" || bad "$stem: EPUB differs between runs"
    cmp -s "$html" "$OUT/again/$stem.html" || bad "$stem: HTML differs between runs"
done

# html-validate, offline, with the project's rules (tests/browser/htmlvalidate.json)
(cd "$BROWSER" && node node_modules/html-validate/bin/html-validate.mjs -c htmlvalidate.json $pages) >"$OUT/validate.txt" 2>&1 ||
    bad "html-validate: $(head -20 "$OUT/validate.txt")"
echo "figure: html-validate: $(echo $pages | wc -w) pages, $(grep -c ' error ' "$OUT/validate.txt") errors"

# chromium + axe-core; screenshots into $BUILD/screenshots
mkdir -p "$SHOTS"
node "$BROWSER/check.js" "$SHOTS" $pages >"$OUT/browser.txt" 2>&1 || bad "browser checks: $(grep -v '^figure:' "$OUT/browser.txt" | head -20)"
grep '^figure:' "$OUT/browser.txt"
for html in $pages; do
    stem=$(basename "$html" .html)
    [ -s "$SHOTS/$stem-100.png" ] && [ -s "$SHOTS/$stem-400.png" ] || bad "$stem: no screenshots"
    tr -d ' \n\t' <"$SHOTS/$stem.text.txt" >"$OUT/$stem.web.txt"
    [ -s "$OUT/$stem.print.txt" ] || bad "$stem: no text in the print PDF"
    cmp -s "$OUT/$stem.print.txt" "$OUT/$stem.web.txt" ||
        bad "$stem: the page's text differs from the print edition's: $(cmp "$OUT/$stem.print.txt" "$OUT/$stem.web.txt")"
done

# the EPUB's content document in the same browser: axe, reflow, and the
# same text as the print edition (the EPUB has no page furniture either)
for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    rm -rf "$OUT/epub-$stem" && mkdir -p "$OUT/epub-$stem"
    (cd "$OUT/epub-$stem" && unzip -q "$OUT/$stem.epub") || { bad "$stem: cannot unzip the EPUB"; continue; }
    node "$BROWSER/check.js" "$SHOTS/epub-$stem" "$OUT/epub-$stem/EPUB/content.xhtml" >"$OUT/browser.txt" 2>&1 ||
        bad "browser checks (EPUB $stem): $(grep -v '^figure:' "$OUT/browser.txt" | head -20)"
    grep '^figure:' "$OUT/browser.txt" | sed "s/^figure: axe content:/figure: axe EPUB $stem:/"
    tr -d ' \n\t' <"$SHOTS/epub-$stem/content.text.txt" >"$OUT/$stem.epub.txt"
    cmp -s "$OUT/$stem.print.txt" "$OUT/$stem.epub.txt" ||
        bad "$stem: the EPUB's text differs from the print edition's: $(cmp "$OUT/$stem.print.txt" "$OUT/$stem.epub.txt")"
done

# furigana (render --furigana: layouts/web-furigana.ini, [text] furigana =
# true): the page's readings are the furigana PDF's (the same multiset:
# the PDF holds them in page object order, the page in reading order)
KANJI='[\x{4E00}-\x{9FFF}\x{3400}-\x{4DBF}\x{F900}-\x{FAFF}\x{3005}\x{3006}\x{3007}]'
furipages=""
for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    mkdir -p "$OUT/furi"
    "$HIRAKU" render "$src" -o "$OUT/furi" --edition furigana,web --furigana 2>/dev/null ||
        { bad "$stem: furigana render failed"; continue; }
    qpdf --json --json-key=qpdf "$OUT/furi/$stem.furigana.pdf" | grep -o '"/ActualText": "u:[^"]*"' |
        sed 's/^"\/ActualText": "u://; s/"$//' | sort >"$OUT/pdf-rt.txt"
    # the table of contents repeats the headings (and their readings)
    sed '/^<nav class="hk-toc"/d' "$OUT/furi/$stem.html" >"$OUT/furi/body.html"
    html_ruby "$OUT/furi/body.html" >"$OUT/web-ruby.txt"
    cut -d' ' -f2 "$OUT/web-ruby.txt" | sort >"$OUT/web-rt.txt"
    plain=$(sed '/^<nav class="hk-toc"/d' "$OUT/$stem.html" | grep -o '<rt>' | wc -l)
    echo "figure: web furigana $stem: $(wc -l <"$OUT/web-rt.txt") readings (furigana PDF $(wc -l <"$OUT/pdf-rt.txt"); without the layout key $plain)"
    [ "$(wc -l <"$OUT/web-rt.txt")" -gt "$plain" ] || bad "$stem: web-furigana.ini added no readings"
    cmp -s "$OUT/pdf-rt.txt" "$OUT/web-rt.txt" ||
        bad "$stem: readings differ from the furigana PDF: $(diff "$OUT/pdf-rt.txt" "$OUT/web-rt.txt" | head -6)"
    cut -d' ' -f1 "$OUT/web-ruby.txt" | grep -vP "$KANJI" | head -3 | grep . && bad "$stem: a reading over a base without kanji"
    furipages="$furipages $OUT/furi/$stem.html"
done
# the furigana pages too: valid, and no axe violation with dense ruby
(cd "$BROWSER" && node node_modules/html-validate/bin/html-validate.mjs -c htmlvalidate.json $furipages) >"$OUT/validate.txt" 2>&1 ||
    bad "html-validate (furigana): $(head -20 "$OUT/validate.txt")"
mkdir -p "$SHOTS/furigana"
node "$BROWSER/check.js" "$SHOTS/furigana" $furipages >"$OUT/browser.txt" 2>&1 ||
    bad "browser checks (furigana): $(grep -v '^figure:' "$OUT/browser.txt" | head -20)"
grep '^figure:' "$OUT/browser.txt" | sed 's/^figure: axe /figure: axe furigana /'

# --- bad input: a clear message, non-zero exit, no file ---
mkdir -p "$OUT/src" "$OUT/bad"
printf 'not an image\n' >"$OUT/src/photo.png"
printf '# 見出し\n\n本文。\n\n![写真の説明](photo.png)\n' >"$OUT/src/img.md"
for ed in web epub; do
    "$HIRAKU" render "$OUT/src/img.md" -o "$OUT/bad" --edition $ed 2>"$OUT/bad.err"
    rc=$?
    [ "$rc" -eq 2 ] || bad "$ed: image not PNG: exit $rc, wanted 2"
    grep -Eq "img.md:5:1: image 'photo.png' is not a PNG file" "$OUT/bad.err" || bad "$ed: message '$(cat "$OUT/bad.err")'"
    [ -z "$(ls -A "$OUT/bad")" ] || bad "$ed: left files: $(ls -A "$OUT/bad")"
done
"$HIRAKU" render "$OUT/src/img.md" -o "$OUT/bad" --edition print --furigana 2>"$OUT/bad.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q -- '--furigana applies to the web and epub editions' "$OUT/bad.err" ||
    bad "--furigana with print only: exit $rc, '$(cat "$OUT/bad.err")'"
[ -z "$(ls -A "$OUT/bad")" ] || bad "--furigana with print only: left files"
sed 's/^screen = web.css$/screen = missing.css/' "$ROOT/layouts/web.ini" >"$OUT/src/bad.ini"
"$HIRAKU" render "$OUT/src/img.md" -o "$OUT/bad" --edition web --layout "$OUT/src/bad.ini" 2>"$OUT/bad.err"
rc=$?
[ "$rc" -eq 2 ] || bad "missing stylesheet: exit $rc, wanted 2"
grep -Eq "bad.ini:[0-9]+:1: \[style\] screen: cannot read the stylesheet" "$OUT/bad.err" || bad "missing stylesheet: message '$(cat "$OUT/bad.err")'"
exit $fail
