#!/usr/bin/env bash
# bootstrap.sh — install what is missing (Debian 12, as root), build, then run.
#
#   bash tools/bootstrap.sh run    build and run the main job on seeds/
#   bash tools/bootstrap.sh test   build (plain and with ASan/UBSan) and run every test
#
# Builds go to build/ (and build-asan/ for the sanitizer run).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config git
          liblua5.4-dev lua5.4 libsqlite3-dev sqlite3 libutf8proc-dev libedit-dev libxxhash-dev libjansson-dev libstemmer-dev
          lua-busted lua-cjson lua-check unicode-data bzip2 valgrind
          clang libclang-rt-14-dev
          chromium)  # chromium: the HTML report's test (tests/report/chromium_test.sh)

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "bootstrap: installing ${missing[*]}" >&2
        if [ "$(id -u)" -ne 0 ]; then
            echo "bootstrap: run as root (or install: ${missing[*]})" >&2
            exit 1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

build() { # build DIR [cmake options…]
    local dir=$1; shift
    cmake -S . -B "$dir" -DLEDE_WERROR=ON "$@" >/dev/null
    cmake --build "$dir" -j "$(nproc)"
}

case "${1:-}" in
run)
    install_missing
    build build
    exec build/lede report seeds/
    ;;
test)
    install_missing
    build build
    build build-asan -DLEDE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
    echo "== tests (plain build)"
    ctest --test-dir build --output-on-failure
    echo "== tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
    ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure
    echo "== fuzz (a short libFuzzer run of every target; docs/fuzzing.md)"
    bash fuzz/run.sh "${LEDE_FUZZ_SECONDS:-10}"
    ;;
*)
    echo "usage: bash tools/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac
