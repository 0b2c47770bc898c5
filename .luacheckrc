-- luacheck configuration: `luacheck bindings scripts tests` from the top.
std = "lua54"
max_line_length = 120
files["tests/spec"] = { std = "+busted" }
-- The REPL and scripts run in the lede program, where `arg` is set as in lua.
globals = { "arg" }
exclude_files = { "build", "build-asan" }
