# Issue 9 (lost or half-written data, wrong answers, security): every
# reproducer in tests/data/repro/ that this script names, with its result:
# refused with a located message and exit 2 and nothing written, or
# rendered as it should be. Also: a full disk (a 200 KB tmpfs, or a
# write-failure shim where mounting is not allowed), SIGINT/SIGTERM during
# a render and under -j, a crashing -j child, and output file modes.
# The inputs in tests/data/repro/ were written for issue 9 by the project.
set -u
. "$(dirname "$0")/../lib/editions.sh"
fail=0
R=tests/data/repro
check() { # description, expected exit, expected stderr pattern, command...
    desc=$1 want=$2 pat=$3
    shift 3
    "$@" >"$OUT/stdout" 2>"$OUT/stderr"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -qE -- "$pat" "$OUT/stderr"; then
        echo "FAIL: $desc: exit $got (want $want), stderr: $(head -c 400 "$OUT/stderr")"
        fail=1
    fi
}
nothing_in() { # description, dir: no file at all (not even a temporary)
    if [ -n "$(ls -A "$2" 2>/dev/null)" ]; then
        echo "FAIL: $1 left: $(ls -lA "$2" | tail -n +2)"
        fail=1
    fi
}
refused() { # name, pattern, source, render options...
    name=$1 pat=$2 src=$3
    shift 3
    check "$name" 2 "$pat" "$HIRAKU" render "$src" -o "$OUT/r-$name" "$@"
    nothing_in "$name" "$OUT/r-$name"
}

# --- Layouts: all checked before anything is written; NaN, infinities and
# unknown keys refused at the key.
refused large-small "layouts/large-small.ini:[0-9]+:1: \[body\] size: 12 is out of range" \
    $R/lay.md --edition print,large --layout large=$R/layouts/large-small.ini
[ -e "$OUT/r-large-small" ] && { echo "FAIL: output directory made for a refused run"; fail=1; }
for l in p-nan-width p-nan-dpi p-nan-size p-nan-leading p-nan-margin p-nan-ruby p-inf; do
    refused "$l" "$l.ini:[0-9]+:1: \[[a-z0-9]+\] [a-z_]+: '[-+]?([Nn][Aa][Nn]|[Ii][Nn][Ff][a-zA-Z]*)' is not a finite number" \
        $R/lay.md --edition print --layout $R/layouts/$l.ini
done
for l in b-nan-margin b-nan; do
    refused "$l" "$l.ini:[0-9]+:1: \[[a-z]+\] [a-z_]+: '[-+]?[Nn][Aa][Nn]' is not a finite number" \
        $R/lay.md --edition braille --layout $R/layouts/$l.ini
done
refused p-1e308 "p-1e308.ini:[0-9]+:1: " $R/lay.md --edition print --layout $R/layouts/p-1e308.ini
refused p-unknown "p-unknown.ini:19:1: \[page\] colour_of_sky: unknown key \(the print edition reads here: .*width_mm" \
    $R/lay.md --edition print --layout $R/layouts/p-unknown.ini
# A string key that is not UTF-8 (a kinsoku set, a label ending) is refused
# at its key, not silently replaced by the default.
sed 's/^no_end = .*/no_end = \xff/' layouts/print-a4.ini >"$OUT/p-latin1.ini"
cp layouts/jlreq.ini "$OUT/"
refused p-latin1 "p-latin1.ini:[0-9]+:1: \[kinsoku\] no_end: not valid UTF-8" \
    $R/lay.md --edition print --layout "$OUT/p-latin1.ini"
refused p-unknowngroup "p-unknowngroup.ini:[0-9]+:1: \[bogus\]: unknown group" \
    $R/lay.md --edition print --layout $R/layouts/p-unknowngroup.ini
# Every shipped layout loads for the editions that use it.
for l in layouts/*.ini; do
    case $l in
    # a composition table, not an edition's layout: it loads through the
    # print, large and press layouts that name it, checked here
    */jlreq.ini) continue ;;
    *braille*) eds=braille ;; *large*) eds=large ;; *press*) eds=press ;; *web*) eds="web epub" ;; *) eds="print furigana" ;;
    esac
    for e in $eds; do
        "$HIRAKU" render tests/data/ok.md -o "$OUT/shipped" --edition "$e" --layout "$l" 2>"$OUT/stderr" ||
            { echo "FAIL: shipped $l for $e: $(head -c 300 "$OUT/stderr")"; fail=1; }
    done
done

# --- Front matter.
refused fm-date01 "fm-date01.md:3:7: front matter: date '2025-4-1' is not a calendar date written YYYY-MM-DD" $R/fm-date01.md
refused fm-date02 "fm-date02.md:3:7: front matter: date '2025-02-30' is not" $R/fm-date02.md
refused fm-date03 "fm-date03.md:3:7: front matter: date '2025-13-01' is not" $R/fm-date03.md
for n in 04 06 07 08 09 10 11 12 15; do
    refused "fm-date$n" "fm-date$n.md:3:7: front matter: date '.*' is not a calendar date" $R/fm-date$n.md --edition braille
done
for n in 00 05 13 14; do # valid, quoted or not
    "$HIRAKU" render $R/fm-date$n.md -o "$OUT/date$n" --edition braille || { echo "FAIL: fm-date$n.md refused"; fail=1; }
done
refused fm-dup "fm-dup.md:3:1: front matter: 'title' is given twice \(first at line 2\)" $R/fm-dup.md
refused fm-title-newline "fm-title-newline.md:2:8: front matter: 'title' contains the control character U\+000A" \
    $R/fm-title-newline.md --edition print
[ "$(wc -l <"$OUT/stderr")" -eq 1 ] && ! grep -q "^b" "$OUT/stderr" ||
    { echo "FAIL: title with a newline: message is not one line"; fail=1; }
refused fm-xmp-ctrl "fm-xmp-ctrl.md:2:8: front matter: 'title' contains the control character U\+0001" \
    $R/fm-xmp-ctrl.md --edition print
refused fm-nul-title "fm-nul-title.md:2:8: front matter: 'title' contains a NUL" $R/fm-nul-title.md --edition print
refused fm-esc "fm-esc.md:2:8: front matter: 'title' contains the control character U\+001B" $R/fm-esc.md
refused ctrl-fm "ctrl-fm.md:2:[0-9]+: front matter: control characters are not allowed" $R/ctrl-fm.md
refused fm-lang-weird "fm-lang-weird.md:3:7: front matter: lang .* is not a language tag" $R/fm-lang-weird.md
refused fm-lang-long "fm-lang-long.md:3:7: front matter: lang .* is not a language tag" $R/fm-lang-long.md
refused fm-lang-empty "fm-lang-empty.md:3:7: front matter: 'lang' must not be empty" $R/fm-lang-empty.md
# Line endings: CR only and CRLF: the front matter is the title, not text.
for f in cr crlf; do
    "$HIRAKU" render $R/$f.md -o "$OUT/$f" --edition print || { echo "FAIL: $f.md"; fail=1; }
    [ "$(pdfinfo "$OUT/$f/$f.print.pdf" | sed -n 's/^Title: *//p')" = T ] || { echo "FAIL: $f.md: title not T"; fail=1; }
    pdftotext "$OUT/$f/$f.print.pdf" - | grep -q "title:" && { echo "FAIL: $f.md: front matter printed"; fail=1; }
done

# --- Ruby with an empty reading.
refused ruby-empty-reading "ruby-empty-reading.md:5:1: ruby \{漢字\|\}: the reading is empty" $R/ruby-empty-reading.md
refused ruby-empty-reading2 "ruby-empty-reading2.md:5:1: ruby \{漢字\|かん\|\}" $R/ruby-empty-reading2.md

# --- The BES date without a front-matter date: SOURCE_DATE_EPOCH's UTC
# date, else blank; never today's.
bes_date() { dd if="$1" bs=1 skip=8 count=10 2>/dev/null; }
(unset SOURCE_DATE_EPOCH; "$HIRAKU" render $R/nodate.md -o "$OUT/nd1" --edition braille) || { echo "FAIL: nodate.md"; fail=1; }
[ "$(bes_date "$OUT/nd1/nodate.bes")" = "          " ] || { echo "FAIL: BES date not blank: '$(bes_date "$OUT/nd1/nodate.bes")'"; fail=1; }
TZ=Pacific/Kiritimati SOURCE_DATE_EPOCH=1700000000 "$HIRAKU" render $R/nodate.md -o "$OUT/nd2" --edition braille
[ "$(bes_date "$OUT/nd2/nodate.bes")" = "2023/11/14" ] || { echo "FAIL: BES date with SOURCE_DATE_EPOCH: '$(bes_date "$OUT/nd2/nodate.bes")'"; fail=1; }

# --- Links: only http, https, mailto, tel and the document's editions.
refused autolink-js "autolink-js.md:5:1: link 'javascript:alert\(1\)' refused: links may only use http, https, mailto or tel" $R/autolink-js.md
refused autolink-file "autolink-file.md:5:1: link 'file:///etc/passwd' refused" $R/autolink-file.md
refused link-data "link-data.md:5:1: link 'data:text/html,.*' refused" $R/link-data.md
refused link-relative "link-relative.md:5:1: link '../../etc/passwd' refused: a relative link may only name one of this document's editions" $R/link-relative.md
refused link-quote "link-quote.md:7:1: link .* refused: a link target may not contain spaces" $R/link-quote.md
mkdir -p "$OUT/links"
printf -- '---\ntitle: T\n---\n\n[大きな文字](ln.large.pdf) [点字](ln.brf) [区](https://www.city.yokohama.lg.jp/kanazawa/) [電話](tel:045-788-7711) [メール](MAILTO:a@example.jp) <http://example.jp/>\n' >"$OUT/links/ln.md"
"$HIRAKU" render "$OUT/links/ln.md" -o "$OUT/links/o" --edition print || { echo "FAIL: allowed links refused"; fail=1; }
[ "$(qpdf --qdf --object-streams=disable "$OUT/links/o/ln.print.pdf" - | grep -c '/URI')" -ge 6 ] ||
    { echo "FAIL: allowed links missing from the PDF"; fail=1; }

# --- Images outside the document's directory, one message found or not.
outside="is outside the document's directory \(name its directory with --allow-dir to use it\)"
refused image-abs "image-abs.md:5:1: image '/usr/share/pixmaps/debian-logo.png' $outside" $R/image-abs.md
refused image-passwd-abs "image-passwd-abs.md:5:1: image '/etc/passwd' $outside" $R/image-passwd-abs.md
refused image-proc "image-proc.md:5:1: image '/proc/self/environ' $outside" $R/image-proc.md
refused image-devzero "image-devzero.md:5:1: image '/dev/zero' $outside" $R/image-devzero.md
"$HIRAKU" render $R/image-dotdot.md -o "$OUT/dotdot" --edition print ||
    { echo "FAIL: image-dotdot.md (../repro/x.png is the document's own directory)"; fail=1; }
mkdir -p "$OUT/img/doc" "$OUT/img/pics"
cp $R/image-shadow.md "$OUT/img/doc/"
ln -s /etc/shadow "$OUT/img/doc/shadow.png"
refused image-shadow "image-shadow.md:5:1: image 'shadow.png' $outside" "$OUT/img/doc/image-shadow.md"
cp $R/x.png "$OUT/img/pics/p.png"
printf -- '---\ntitle: T\n---\n\n![図](../pics/p.png)\n' >"$OUT/img/doc/up.md"
printf -- '---\ntitle: T\n---\n\n![図](../pics/none.png)\n' >"$OUT/img/doc/none.md"
refused image-up "up.md:5:1: image '../pics/p.png' $outside" "$OUT/img/doc/up.md"
refused image-none "none.md:5:1: image '../pics/none.png' $outside" "$OUT/img/doc/none.md"
"$HIRAKU" render "$OUT/img/doc/up.md" -o "$OUT/img/o" --edition print --allow-dir "$OUT/img/pics" ||
    { echo "FAIL: --allow-dir"; fail=1; }
refused image-none-allowed "none.md:5:1: image '../pics/none.png' not found" "$OUT/img/doc/none.md" --allow-dir "$OUT/img/pics"
ln -s ../pics/p.png "$OUT/img/doc/link.png"
printf -- '---\ntitle: T\n---\n\n![図](link.png)\n' >"$OUT/img/doc/link.md"
refused image-symlink "link.md:5:1: image 'link.png' $outside" "$OUT/img/doc/link.md"
"$HIRAKU" render "$OUT/img/doc/link.md" -o "$OUT/img/o2" --edition print --allow-dir "$OUT/img/pics" ||
    { echo "FAIL: symbolic link into an allowed directory"; fail=1; }

# --- Control characters from the source are escaped in messages.
esc=$(printf '\033') bel=$(printf '\007')
refused esc-ruby 'esc-ruby.md:5:1: ruby \{\\x1B\]0;owned\\x07\\x1B\[2J' $R/esc-ruby.md
refused esc-image "esc-image.md:5:1: image '\\\\x1B\[2Jx.png' not found" $R/esc-image.md
for f in esc-ruby esc-image; do
    "$HIRAKU" render $R/$f.md -o "$OUT/r-$f" 2>&1 | grep -q "[$esc$bel]" && { echo "FAIL: $f: raw ESC/BEL in the message"; fail=1; }
done

# A sign the braille tables lacked ('+') once failed the braille edition
# and so the whole source; now it is written (issue 10), every edition.
# (That a failing edition leaves none of the others is the full-disk
# test's all-editions run below.)
"$HIRAKU" render $R/symbols.md -o "$OUT/sym" 2>/dev/null || { echo "FAIL: symbols.md: exit $?"; fail=1; }
n=$(ls -A "$OUT/sym" 2>/dev/null | wc -l)
[ "$n" -eq "$ALL_FILES" ] || { echo "FAIL: symbols.md wrote $n files, want $ALL_FILES: $(ls -A "$OUT/sym")"; fail=1; }

# --- Two sources, one output name.
refused same-stem "d2/x.md: would write the same files as .*d1/x.md" $R/d1/x.md $R/d2/x.md -j 2
mkdir -p "$OUT/st/a"
cp $R/a.md "$OUT/st/"
(cd "$OUT/st" && "$HIRAKU" render a.md a/../a.md -o o) 2>"$OUT/stderr"
[ $? -eq 2 ] && grep -q "a/../a.md: would write the same files as a.md" "$OUT/stderr" ||
    { echo "FAIL: a.md a/../a.md: $(cat "$OUT/stderr")"; fail=1; }
nothing_in "a.md a/../a.md" "$OUT/st/o"

# --- File modes: 0666 less the umask.
for m in 022:644 077:600; do
    (umask "${m%:*}" && "$HIRAKU" render tests/data/ok.md -o "$OUT/mode${m%:*}") || { echo "FAIL: umask ${m%:*}"; fail=1; }
    for f in "$OUT/mode${m%:*}"/*; do
        [ "$(stat -c %a "$f")" = "${m#*:}" ] || { echo "FAIL: umask ${m%:*}: $f is $(stat -c %a "$f")"; fail=1; }
    done
    echo "figure: umask ${m%:*}: $(stat -c '%a %n' "$OUT/mode${m%:*}"/* | sed "s|$OUT/||" | tr '\n' ' ')"
done

# --- A full disk: exit 1 with the reason, and no file at all left.
full_disk() { # dir: run every edition, then print alone, into dir
    check "full disk, all editions" 1 "No space left on device" \
        "$HIRAKU" render samples/kanazawa-r07-policy.md -o "$1"
    nothing_in "full disk, all editions" "$1"
    check "full disk, print" 1 "kanazawa-r07-policy.print.pdf: cannot write output: No space left on device" \
        "$HIRAKU" render samples/kanazawa-r07-policy.md -o "$1" --edition print
    nothing_in "full disk, print" "$1"
}
mkdir -p "$OUT/full"
if mount -t tmpfs -o size=200k tmpfs "$OUT/full" 2>/dev/null; then
    echo "info: full disk: a 200 KB tmpfs"
    full_disk "$OUT/full"
    umount "$OUT/full"
else
    echo "info: full disk: tmpfs not mountable here; write-failure shim instead"
fi
# The shim (always run, for what a tmpfs cannot do): write() fails with
# ENOSPC after HK_SHIM_BYTES bytes to a file, or fsync() fails with EIO.
cat >"$OUT/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
static long written;
static int regular(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}
ssize_t write(int fd, const void *buf, size_t n)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *lim = getenv("HK_SHIM_BYTES");
    if (lim && regular(fd)) {
        if (written >= atol(lim)) {
            errno = ENOSPC;
            return -1;
        }
        written += (long)n;
    }
    return real(fd, buf, n);
}
/* libqpdf writes the PDF editions through stdio, whose own write() the
 * one above does not see. */
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    static size_t (*real)(const void *, size_t, size_t, FILE *);
    if (!real)
        real = (size_t (*)(const void *, size_t, size_t, FILE *))dlsym(RTLD_NEXT, "fwrite");
    const char *lim = getenv("HK_SHIM_BYTES");
    if (lim && regular(fileno(f))) {
        if (written >= atol(lim)) {
            errno = ENOSPC;
            return 0;
        }
        written += (long)(size * n);
    }
    return real(buf, size, n, f);
}
int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    if (getenv("HK_SHIM_FSYNC") && regular(fd)) {
        errno = EIO;
        return -1;
    }
    return real(fd);
}
EOF
if cc -shared -fPIC -o "$OUT/shim.so" "$OUT/shim.c" -ldl; then
    export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"
    mkdir -p "$OUT/shim1" "$OUT/shim2"
    check "write fails (shim)" 1 "kanazawa-r07-policy\.[a-z.]+: cannot write output: No space left on device" \
        env LD_PRELOAD="$OUT/shim.so" HK_SHIM_BYTES=50000 "$HIRAKU" render samples/kanazawa-r07-policy.md -o "$OUT/shim1"
    nothing_in "write fails (shim)" "$OUT/shim1"
    mkdir -p "$OUT/shim3"
    check "write fails (shim), print" 1 "kanazawa-r07-policy\.print\.pdf: cannot write output: No space left on device" \
        env LD_PRELOAD="$OUT/shim.so" HK_SHIM_BYTES=50000 "$HIRAKU" render samples/kanazawa-r07-policy.md -o "$OUT/shim3" --edition print
    nothing_in "write fails (shim), print" "$OUT/shim3"
    check "fsync fails (shim)" 1 "cannot write output: Input/output error" \
        env LD_PRELOAD="$OUT/shim.so" HK_SHIM_FSYNC=1 "$HIRAKU" render samples/kanazawa-r07-policy.md -o "$OUT/shim2" --edition braille
    nothing_in "fsync fails (shim)" "$OUT/shim2"
else
    echo "FAIL: cannot build the write-failure shim"
    fail=1
fi

# --- Signals. The run is killed once a temporary file exists (the print
# edition done, the large one under way): exit 128+signal, nothing left.
mkdir -p "$OUT/sig"
zcat $R/sig.md.gz >"$OUT/sig/sig.md"
cp "$OUT/sig/sig.md" "$OUT/sig/sig2.md"
wait_for_temp() { # dir: up to 120 s for a .*.XXXXXX file
    i=0
    while [ $i -lt 1200 ]; do
        ls -A "$1" 2>/dev/null | grep -q '^\.sig' && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
# A non-interactive shell starts background commands with SIGINT ignored
# (and hiraku keeps an ignored signal ignored, as nohup expects): perl
# restores the default first.
dfl() { exec perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' "$@"; }
for s in INT:130 TERM:143; do
    d="$OUT/sig/o-${s%:*}"
    dfl "$HIRAKU" render "$OUT/sig/sig.md" -o "$d" --edition print,large &
    pid=$!
    wait_for_temp "$d" || echo "FAIL: SIG${s%:*}: no temporary file appeared"
    kill -"${s%:*}" $pid
    wait $pid 2>/dev/null
    got=$?
    [ $got -eq "${s#*:}" ] || { echo "FAIL: SIG${s%:*}: exit $got (want ${s#*:})"; fail=1; }
    nothing_in "SIG${s%:*}" "$d"
done
# -j: the parent forwards the signal, waits for its children, then dies.
d="$OUT/sig/o-j"
"$HIRAKU" render "$OUT/sig/sig.md" "$OUT/sig/sig2.md" -o "$d" --edition print,large -j 2 &
pid=$!
wait_for_temp "$d" || echo "FAIL: -j: no temporary file appeared"
children=$(pgrep -P $pid)
kill -TERM $pid
wait $pid 2>/dev/null
got=$?
[ $got -eq 143 ] || { echo "FAIL: -j SIGTERM: exit $got (want 143)"; fail=1; }
for c in $children; do
    st=$(ps -o stat= -p "$c" 2>/dev/null)
    [ -n "$st" ] && [ "${st#Z}" = "$st" ] && { echo "FAIL: -j child $c outlived its parent"; fail=1; }
done
nothing_in "-j SIGTERM" "$d"
# A parent killed by SIGKILL cannot forward: its children get SIGTERM from
# the kernel (PR_SET_PDEATHSIG) and clean up themselves.
d="$OUT/sig/o-kill"
"$HIRAKU" render "$OUT/sig/sig.md" "$OUT/sig/sig2.md" -o "$d" --edition print,large -j 2 &
pid=$!
wait_for_temp "$d" || echo "FAIL: -j KILL: no temporary file appeared"
children=$(pgrep -P $pid)
kill -KILL $pid
wait $pid 2>/dev/null
alive() { # pid: running, not a zombie waiting for a reaper
    st=$(ps -o stat= -p "$1" 2>/dev/null)
    [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}
for c in $children; do
    i=0
    while alive "$c" && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    alive "$c" && { echo "FAIL: -j child $c still running 10 s after its parent was killed"; fail=1; }
done
nothing_in "-j parent killed" "$d"
# A child that crashes (SIGABRT, as a failed assertion) is reported with
# its file and signal; the other file is still rendered.
d="$OUT/sig/o-crash"
"$HIRAKU" render "$OUT/sig/sig.md" "$OUT/sig/sig2.md" -o "$d" --edition print -j 2 2>"$OUT/crash.err" &
pid=$!
# The first child, as soon as there is one (a fixed pause found none on a
# loaded machine, where the parent had not forked yet).
i=0
victim=""
while [ -z "$victim" ] && [ $i -lt 1200 ] && kill -0 $pid 2>/dev/null; do
    victim=$(pgrep -P $pid | head -n 1)
    [ -n "$victim" ] || sleep 0.05
    i=$((i + 1))
done
if [ -n "$victim" ]; then
    kill -ABRT "$victim"
else
    echo "FAIL: crashed child: no -j child appeared"
    fail=1
fi
wait $pid
got=$?
[ $got -eq 1 ] || { echo "FAIL: crashed child: exit $got (want 1)"; fail=1; }
grep -qE "sig2?\.md: rendering stopped by signal 6 \(Abort" "$OUT/crash.err" ||
    { echo "FAIL: crashed child not reported: $(cat "$OUT/crash.err")"; fail=1; }
[ "$(ls -A "$d" | wc -l)" -eq 1 ] || { echo "FAIL: crashed child: want the other file's PDF only, got: $(ls -A "$d")"; fail=1; }
exit $fail
