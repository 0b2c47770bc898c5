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
-- limits wrap the state's allocator and set a hook; both must be gone before
-- lua_close unloads lede.so, or the interpreter crashes on exit
lede.limits({ memory = 16 * 1024 * 1024, instructions = 1e6 })
local ok, err = pcall(function() local t = {} for i = 1, 1e8 do t[i] = {} end return #t end)
assert(not ok and err == "not enough memory", tostring(err))
ok, err = pcall(function() while true do end end)
assert(not ok and err:find("instruction limit of 1000000 exceeded", 1, true), tostring(err))
print("ok: lede.so under " .. _VERSION)
