-- Run by ctest with a stock lua5.4 (not inside the lede program), with
-- LUA_CPATH pointing at build/lede.so: the module loads and works alone.
local lede = require("lede")
assert(package.loaded.lede == lede, "require 'lede' did not register the module")
assert(lede.version == "0.1.0", "version: " .. tostring(lede.version))
local c = assert(lede.load("seeds"))
assert(#c == 5, "expected 5 seeds, got " .. #c)
assert(c:doc(1):token(1).text == "Rubio")
assert(require("lede.inspect")({ 1 }) == "{ 1 }", "the embedded Lua files are preloaded")
local missing, msg, code = lede.load("no/such/file")
assert(missing == nil and msg:find("no/such/file", 1, true) and code == "LEDE_ERR_IO")
assert(not pcall(lede.load, 42), "a bad argument must raise")
c:close()
print("ok: lede.so under " .. _VERSION)
