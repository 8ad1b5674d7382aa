#!/bin/sh
# Golden checks of page making and the heading hierarchy (issue 12), read
# from the PDFs with poppler and qpdf (tests/lib/pagemaking.py,
# tests/lib/headings.py), never from hiraku's own plan:
# - both samples in the print, large, press and furigana editions: heading
#   tags (pdfinfo -struct) and the outline (qpdf --json) at the levels the
#   Markdown's # give; no page ends with a heading or a label (取組例, an
#   item's lead line such as ・税務課); no page begins with a widow; the last
#   page has at least [keep] last_page_lines lines;
# - a synthetic source written here, in which headings, list intros and
#   items' lead lines fall at every height of the page, checked the same way;
# - one-line paragraphs, 1 to 40 of them, so that every count of lines on
#   the last page occurs: none may end on fewer than last_page_lines lines.
# Prints the page counts and the largest empty space at a page's foot.
# once
set -u
. "$(dirname "$0")/../lib/golden.sh"
CHECK="python3 $ROOT/tests/lib/pagemaking.py"
HEADS="python3 $ROOT/tests/lib/headings.py"

layout_of() { # edition
    case $1 in
    large) echo "$ROOT/layouts/large-a4.ini" ;;
    press) echo "$ROOT/layouts/press-a4.ini" ;;
    *) echo "$ROOT/layouts/print-a4.ini" ;;
    esac
}

check_pdf() { # pdf source edition
    [ -f "$1" ] || { bad "no $1"; return; }
    $CHECK "$1" "$2" "$(layout_of "$3")" >"$OUT/check.txt" 2>&1 || fail=1
    cat "$OUT/check.txt"
}

# the samples
mkdir -p "$OUT/samples"
"$HIRAKU" render $SAMPLE_SOURCES -o "$OUT/samples" --edition print,large,press,furigana -q \
    2>"$OUT/stderr.txt" || bad "samples: render failed: $(head -3 "$OUT/stderr.txt")"
for src in $SAMPLE_SOURCES; do
    stem=$(basename "$src" .md)
    for ed in print large press furigana; do
        pdf="$OUT/samples/$stem.$ed.pdf"
        [ -f "$pdf" ] || { bad "$stem: no $ed PDF"; continue; }
        check_pdf "$pdf" "$src" "$ed"
        $HEADS "$pdf" "$src" || fail=1
    done
done

# a synthetic source: a heading, a list intro, a list, a colon label and a
# loose list whose items have a lead line, after 0, 1, ... 33 one-line
# paragraphs, so each of them lands at the foot of some page
syn="$OUT/syn/feet.md"
mkdir -p "$OUT/syn"
{
    printf -- '---\ntitle: 頁組みの試験\nlang: ja\n---\n\n'
    k=0
    while [ $k -le 33 ]; do
        i=0
        while [ $i -lt $k ]; do
            printf '本文の一行です。\n\n'
            i=$((i + 1))
        done
        printf '## 第%d章\n\n' $k
        printf '### 第%d節 取組の一覧\n\n取組例\n\n' $k
        printf -- '- 丁寧な対応に努めます。\n- 地域の課題に取り組みます。\n\n'
        printf '連絡先は次のとおりです：\n\n金沢区役所 区政推進課\n\n'
        printf -- '- 総務課%d\n\n  区民の皆様と力を合わせて取り組みます。\n\n' $k
        printf -- '- 税務課%d\n\n  丁寧でわかりやすい説明を心がけます。\n\n' $k
        k=$((k + 1))
    done
} >"$syn"
# one-line paragraphs, 1 to 40: some count leaves one or two lines on the
# last page of each edition
n=1
while [ $n -le 40 ]; do
    f="$OUT/syn/last-$n.md"
    printf '# 最終頁の試験\n\n' >"$f"
    i=1
    while [ $i -le $n ]; do
        printf '第%d項の本文です。\n\n' $i >>"$f"
        i=$((i + 1))
    done
    n=$((n + 1))
done
for ed in print large; do
    mkdir -p "$OUT/syn/$ed"
    "$HIRAKU" render "$OUT"/syn/*.md -o "$OUT/syn/$ed" --edition "$ed" -q 2>"$OUT/stderr.txt" ||
        bad "synthetic: $ed render failed: $(head -3 "$OUT/stderr.txt")"
    check_pdf "$OUT/syn/$ed/feet.$ed.pdf" "$syn" "$ed"
    [ -f "$OUT/syn/$ed/feet.$ed.pdf" ] && { $HEADS "$OUT/syn/$ed/feet.$ed.pdf" "$syn" || fail=1; }
    short=0
    for f in "$OUT"/syn/last-*.md; do
        stem=$(basename "$f" .md)
        $CHECK "$OUT/syn/$ed/$stem.$ed.pdf" "$f" "$(layout_of $ed)" >"$OUT/check.txt" 2>&1 ||
            { short=$((short + 1)); grep FAIL "$OUT/check.txt"; }
    done
    echo "figure: $ed: $short of 40 one-line-paragraph documents end on a short last page"
    [ $short -eq 0 ] || fail=1
done
exit $fail
