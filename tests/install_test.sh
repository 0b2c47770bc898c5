#!/bin/sh
# install_test.sh BUILD_DIR — `cmake --install` into a fresh prefix (not the
# configured one) puts the program, the Lua module, the bundled scripts and
# the docs in place, and the installed program finds its own scripts.
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/lede lib/lua/5.4/lede.so share/lede/scripts/compare.lua share/lede/scripts/quotes.lua \
         share/doc/lede/api.md share/doc/lede/cli.md; do
    [ -e "$prefix/$f" ] || { echo "install_test: $f was not installed" >&2; exit 1; }
done
cd "$prefix"
first=$(env -u LEDE_SCRIPTS "$prefix/bin/lede" run - <<'LUA'
print(require("lede").script_path()[1])
LUA
)
[ "$first" = "$prefix/bin/../share/lede/scripts" ] ||
    { echo "install_test: scripts searched first in '$first'" >&2; exit 1; }
env -u LEDE_SCRIPTS "$prefix/bin/lede" scripts | grep -q '^compare ' ||
    { echo "install_test: the installed lede lists no compare script" >&2; exit 1; }
LUA_CPATH="$prefix/lib/lua/5.4/?.so" lua5.4 -e 'assert(require("lede").version)' ||
    { echo "install_test: stock lua5.4 cannot require the installed module" >&2; exit 1; }
echo "install_test: ok ($prefix)"
