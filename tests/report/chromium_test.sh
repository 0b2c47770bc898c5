#!/bin/sh
# chromium_test.sh — open `lede report seeds/ --html` in headless Chromium
# with no network, and check what a reader sees: the page's script ran with
# no error (the page records script errors, console errors and blocked
# requests in #page-errors; Chromium's console log on stderr is checked
# too), the heatmap, the derivation graph, the passages side by side and the
# quote table are there with the seeds' content. Saves screenshots at laptop
# and phone widths under OUT. Without Chromium it says so and FAILS.
#
#   sh tests/report/chromium_test.sh build/lede build/report-test
set -u
LEDE=${1:?usage: chromium_test.sh LEDE OUTDIR}
OUT=${2:?usage: chromium_test.sh LEDE OUTDIR}
mkdir -p "$OUT"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
    echo "FAIL: Chromium is not installed, so the HTML report cannot be checked."
    echo "      Install it (Debian: apt-get install chromium; tools/bootstrap.sh lists it) and run again."
    exit 1
fi

PAGE="$OUT/report.html"
if ! "$LEDE" report seeds/ --html "$PAGE" --color never > "$OUT/report.txt"; then
    echo "FAIL: lede report seeds/ --html $PAGE failed"
    exit 1
fi

PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
# No network: every host resolves to nothing and the proxy is a closed
# port, so a page needing the network fails visibly instead of loading.
chrome() {
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-extensions --user-data-dir="$PROFILE" \
        --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" \
        --enable-logging=stderr --v=0 "$@"
}

URL="file://$(cd "$(dirname "$PAGE")" && pwd)/$(basename "$PAGE")"
chrome --dump-dom "$URL" > "$OUT/dom.html" 2> "$OUT/chromium.log"
if [ ! -s "$OUT/dom.html" ]; then
    echo "FAIL: Chromium produced no DOM (log: $OUT/chromium.log)"
    exit 1
fi

has() { # has DESCRIPTION FIXED-STRING: the rendered DOM contains the string
    if grep -qF -- "$2" "$OUT/dom.html"; then ok "$1"; else fail "$1: '$2' not in the page"; fi
}

# The page's own script ran to its end and recorded no error.
has "the page's script ran" 'data-script="ran"'
if grep -q '<pre id="page-errors"></pre>' "$OUT/dom.html"; then
    ok "no script error, console error or blocked request"
else
    fail "the page recorded errors: $(sed -n 's/.*<pre id="page-errors">\([^<]*\).*/\1/p' "$OUT/dom.html")"
fi
# Chromium's console log: any message from the page is an error here.
if grep -E 'CONSOLE|Uncaught|Refused to' "$OUT/chromium.log" > "$OUT/console.txt"; then
    fail "console messages: $(cat "$OUT/console.txt")"
else
    ok "no console message in Chromium's log"
fi

# The heatmap: one cell per ordered pair (5 × 4), the 002/003 pair related.
cells=$(grep -o 'class="hm-cell' "$OUT/dom.html" | wc -l)
[ "$cells" -eq 20 ] && ok "heatmap has 20 cells" || fail "heatmap has $cells cells, not 20"
has "heatmap: 002 and 003 related at 0.57" '002 and 003: relatedness 0.57 (related)'
# The derivation graph: 001 derives from 000; 002 and 003 are joined.
# compare may leave 002/003's direction undecided (a dashed line), never reversed.
if grep -qF '003 derives from 002: 87% reused' "$OUT/dom.html" ||
   grep -qF '002 and 003 related (0.57), direction undecided' "$OUT/dom.html"; then
    ok "graph: 002 and 003 joined (003 derived from 002, or undecided)"
else
    fail "graph: no edge between 002 and 003"
fi
if grep -qF '002 derives from 003' "$OUT/dom.html"; then fail "graph: 002 derived from 003 (reversed)"; fi
has "graph: 001 derives from 000" '001 derives from 000: 20% reused'
# Passages side by side, with typed differences marked.
has "passages of 002 and 003" 'id="pair-3-4"'
has "passages of 000 and 001" 'id="pair-1-2"'
has "spelling difference marked" 'spelling changed: Zelensky → Zelenskyy'
has "spelling difference inside a quote" 'spelling changed: recognize → recognise'
# The quote table: Tammy Bruce's quote across four articles.
has "quote table" '<table class="quotes">'
has "Bruce's utterance in 4 articles" 'Tammy Bruce <span class="n">in 4 articles</span>'
has "the variant quote word marked" '<mark class="qw">recognise</mark>'
# Spellings, and links into the texts.
has "Kiev against Kyiv" '<span class="t t-spelling">Kiev</span>'
has "article texts with anchors" 'id="doc-5"'

# A finding's link highlights its span in the article text: opening the
# page at the link of Bruce's quote in 000 marks the quote's words.
TARGET=$(grep -o 'href="#d1-[0-9]*" data-d="1" data-s="[0-9]*" data-e="[0-9]*">000 ↗' "$PAGE" | head -1 |
         sed 's/href="\(#d1-[0-9]*\)".*/\1/')
if [ -n "$TARGET" ]; then
    chrome --dump-dom "$URL$TARGET" > "$OUT/dom-link.html" 2>> "$OUT/chromium.log"
    if grep -qF "id=\"${TARGET#\#}\" data-b=\"${TARGET#\#d1-}\" class=\"ref hit\">Secretary Rubio is a busy man" \
        "$OUT/dom-link.html"; then
        ok "the link to Bruce's quote highlights it in 000's text"
    else
        fail "opening $TARGET did not highlight Bruce's quote in 000's text"
    fi
else
    fail "no link to Bruce's quote in 000"
fi

# Screenshots: a laptop and a phone.
chrome --hide-scrollbars --window-size=1280,1600 --screenshot="$OUT/laptop.png" "$URL" 2>> "$OUT/chromium.log" > /dev/null
chrome --hide-scrollbars --window-size=390,1600 --screenshot="$OUT/phone.png" "$URL" 2>> "$OUT/chromium.log" > /dev/null
for shot in laptop phone; do
    if [ -s "$OUT/$shot.png" ]; then ok "screenshot $OUT/$shot.png"; else fail "no screenshot $OUT/$shot.png"; fi
done

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all checks passed"
