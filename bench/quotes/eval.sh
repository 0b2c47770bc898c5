#!/bin/sh
# eval.sh — attribution scores on PolNeAR dev and train (strict, as the
# issue asks) and on the seeds, with ../shared/eval/score_quotes.py.
#
#   sh bench/quotes/eval.sh [OUTDIR]     (from the project root; default OUTDIR build/quotes-eval)
#
# Writes OUTDIR/{seeds,dev,train}.jsonl (predictions) and prints the scorer's tables.
set -eu
SHARED=${SHARED:-../shared}
[ -d "$SHARED/corpora/polnear" ] || SHARED=/work/shared
LEDE=${LEDE:-build/lede}
OUT=${1:-build/quotes-eval}
mkdir -p "$OUT"
"$LEDE" quotes seeds/ --format jsonl --no-cross > "$OUT/seeds.jsonl"
echo "== seeds (strict and lenient)"
python3 "$SHARED/eval/score_quotes.py" --gold-jsonl "$SHARED/gold/seed-quotes.jsonl" --texts seeds "$OUT/seeds.jsonl" | sed -n '6,8p'
for split in dev train; do
  "$LEDE" quotes "$SHARED/corpora/polnear/$split/text" --format jsonl --no-cross > "$OUT/$split.jsonl"
  echo "== PolNeAR $split"
  python3 "$SHARED/eval/score_quotes.py" --polnear "$SHARED/corpora/polnear/$split" "$OUT/$split.jsonl" | sed -n '6,9p'
done
