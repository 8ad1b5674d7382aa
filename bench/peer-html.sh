#!/bin/sh
# peer-html.sh FILE.md CSS > FILE.html: the same text as hiraku's source, as
# the HTML a peer (WeasyPrint) sets. The YAML front matter becomes the
# title block hiraku prints (title, organisation, date); hiraku's ruby
# markup {base|reading} becomes <ruby>; the body is converted by cmark
# (libcmark's own command; --unsafe keeps the <ruby> elements).
set -eu
src=$1 css=$2
# The front matter's flat `key: value` lines (all the samples use).
meta() { awk -v k="$1" 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {exit} fm && index($0, k ": ") == 1 {print substr($0, length(k) + 3); exit}' "$src"; }
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }
title=$(meta title | esc)
org=$(meta organization | esc)
date=$(meta date | esc)
lang=$(meta lang)
printf '<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n' "${lang:-ja}" "$title"
printf '<link rel="stylesheet" href="%s">\n</head>\n<body>\n' "$css"
[ -n "$title" ] && printf '<h1 class="title">%s</h1>\n' "$title"
[ -n "$org" ] && printf '<p class="meta">%s</p>\n' "$org"
[ -n "$date" ] && printf '<p class="meta">%s</p>\n' "$date"
awk 'NR==1 && /^---$/ {fm=1; next} fm && /^---$/ {fm=0; next} !fm' "$src" |
    sed -E 's/\{([^{}|]+)\|([^{}]+)\}/<ruby>\1<rt>\2<\/rt><\/ruby>/g' |
    cmark --unsafe
printf '</body>\n</html>\n'
