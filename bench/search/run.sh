#!/bin/sh
# Rerun the search benchmark quoted in docs/exploration.md: 100 phrase and
# NEAR queries on Reuters-21578, lede against SQLite FTS5, in one run.
#   bench/search/run.sh [CORPUS] [extra lede-bench-search options]
# Builds into build/ (RelWithDebInfo, -O2) and keeps both indexes in /tmp.
set -e
cd "$(dirname "$0")/../.."
corpus=${1:-/work/shared/corpora/reuters21578.jsonl}
[ $# -gt 0 ] && shift
cmake -S . -B build >/dev/null
cmake --build build -j2 --target lede-bench-search >/dev/null
exec build/bench/search/lede-bench-search "$corpus" --db /tmp/lede-bench-search.db "$@"
