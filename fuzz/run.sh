#!/bin/sh
# fuzz/run.sh — build lede's libFuzzer targets with clang
# (-fsanitize=fuzzer,address,undefined) and run each for a while.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 30); TARGET names as in fuzz/CMakeLists.txt
# (default: all). Targets run one after another with -jobs=1. Each starts
# from its seed corpus fuzz/corpus/TARGET (read-only) plus a working corpus
# in build-fuzz/corpus/TARGET that keeps what earlier runs found; crash,
# timeout and leak inputs go to build-fuzz/artifacts/TARGET/. Prints
# executions and crashes per target and exits non-zero if any target
# crashed. Environment: BUILD (build directory, default build-fuzz),
# CC (default clang), FUZZ_FLAGS (extra libFuzzer flags).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
secs=${1:-30}
[ $# -gt 0 ] && shift
# Default: every target fuzz/CMakeLists.txt lists (LEDE_FUZZ_TARGETS), the one list of them.
all=$(sed -n 's/^set(LEDE_FUZZ_TARGETS \(.*\))$/\1/p' "$here/CMakeLists.txt")
[ -n "$all" ] || { echo "fuzz/run.sh: no LEDE_FUZZ_TARGETS in $here/CMakeLists.txt" >&2; exit 2; }
targets=${*:-$all}
build=${BUILD:-$src/build-fuzz}

CC=${CC:-clang} cmake -S "$src" -B "$build" -DLEDE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
for t in $targets; do
    cmake --build "$build" -j2 --target "fuzz_$t" >/dev/null
done

failed=0 npassed=0 nfailed=0
printf '%-12s %8s %12s %8s\n' target seconds executions crashes
for t in $targets; do
    work="$build/corpus/$t"
    art="$build/artifacts/$t"
    log="$build/logs/$t.log"
    mkdir -p "$work" "$art" "$(dirname "$log")"
    dict=""
    [ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
    before=$(ls "$art" | wc -l)
    # libFuzzer exits non-zero on a crash; keep going to report every target.
    set +e
    # With -jobs libFuzzer writes the worker's output to fuzz-0.log in the
    # current directory (and copies it to ours at the end): run from logs/.
    (cd "$(dirname "$log")" && "$build/fuzz/fuzz_$t" "$work" "$here/corpus/$t" -jobs=1 -workers=1 \
        -max_total_time="$secs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$art/" $dict ${FUZZ_FLAGS:-}) >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    crashes=$(( $(ls "$art" | wc -l) - before ))
    [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes=1
    printf '%-12s %8s %12s %8s\n' "$t" "$secs" "${execs:-?}" "$crashes"
    if [ "$crashes" -ne 0 ]; then
        failed=1
        nfailed=$((nfailed + 1))
        echo "  see $log and $art/" >&2
    else
        npassed=$((npassed + 1))
    fi
done
echo "fuzz: $npassed passed, $nfailed failed"
exit $failed
