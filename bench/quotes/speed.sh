#!/bin/sh
# speed.sh — lede's full quote attribution against wink-nlp's tokenizer with
# quote pairing, side by side in one run over the 840 PolNeAR train articles.
#
#   sh bench/quotes/speed.sh              (from the project root)
#
# wink-nlp is installed outside the repository, once:
#   mkdir -p /tmp/wink && cd /tmp/wink && npm install wink-nlp wink-eng-lite-web-model
# (WINK_MODULES points at its node_modules; default /tmp/wink/node_modules).
set -eu
SHARED=${SHARED:-../shared}
[ -d "$SHARED/corpora/polnear" ] || SHARED=/work/shared
DIR="$SHARED/corpora/polnear/train/text"
LEDE=${LEDE:-build/lede}
WINK_MODULES=${WINK_MODULES:-/tmp/wink/node_modules}
runs=${RUNS:-3}
for i in $(seq "$runs"); do
  /usr/bin/time -f "lede quotes (attribution, clusters, groups, jsonl): %e s wall, %U s user, %S s sys, %M KB" \
    "$LEDE" quotes "$DIR" --format jsonl > /dev/null
  NODE_PATH="$WINK_MODULES" /usr/bin/time -f "wink-nlp (tokens + quote pairing): %e s wall, %U s user, %S s sys, %M KB" \
    node bench/quotes/wink_quotes.js "$DIR"
done
