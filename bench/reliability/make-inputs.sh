#!/bin/sh
# make-inputs.sh DIR — the large inputs measured in docs/reliability.md:
#   DIR/big200.txt    209,715,199 bytes of words and no line break
#   DIR/big200.jsonl  the same text as one JSON Lines record
#   DIR/many/         100,000 one-line files (00001.txt … 100000.txt)
# then, for example: /usr/bin/time -v build/lede summary DIR/big200.txt
set -eu
dir=${1:?usage: make-inputs.sh DIR}
mkdir -p "$dir/many"
yes 'word' | tr '\n' ' ' | head -c 209715199 > "$dir/big200.txt"
{ printf '{"text":"'; cat "$dir/big200.txt"; printf '"}\n'; } > "$dir/big200.jsonl"
seq -w 1 100000 | awk -v d="$dir/many" '{ f = d "/" $1 ".txt"; print "Article " $1 " says one thing." > f; close(f) }'
echo "made $dir/big200.txt, $dir/big200.jsonl and $dir/many/ (100,000 files)"
