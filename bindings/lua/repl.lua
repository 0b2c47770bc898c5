-- lede.repl — the read-eval-print loop of `lede repl`, after Lua's lua.c:
-- a line is first compiled as `return <line>` (so bare expressions and
-- `=expr` print their values), an error ending in <eof> asks for another
-- line, everything runs under one interruptible protected call, and every
-- error is reported and survived. Line editing, history and completion
-- come from the program (sys), which falls back to plain reading when
-- standard input is not a terminal.

local lede = require("lede")
local inspect = require("lede.inspect")

local M = {}

local HELP = [[
  expr or =expr     evaluate and print (tables print readably)
  statements        run them; an incomplete statement continues on the next line
  corpus            the corpus loaded at start (#corpus, corpus:doc(1), corpus:docs(),
                    corpus:concordance("query") for keyword-in-context lines)
  lede              the module: lede.load, lede.tokenize, lede.index_open, …
  script(NAME [, args])  run a bundled script on `corpus`: returns result, text
  search(q), kwic(q), collocates(word), keyness(source), framing(source), entities(), timeline(date)
                    explore `corpus` (docs/exploration.md); results print as tables
  .help             this help        .quit  leave (or Ctrl-D)
  Tab completes names and methods; Ctrl-C stops a running evaluation.
]]

local KEYWORDS = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto",
  "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }

-- Document fields that are not methods (read through __index).
local DOC_FIELDS = { "name", "title", "date", "source", "url", "id", "hash", "bytes", "index_id" }

-- The names a value offers after `.` or `:`: table keys, or for lede
-- userdata their methods (and a Document's fields after `.`).
local function members(v, sep)
  local names = {}
  local mt = getmetatable(v)
  if type(v) == "table" then
    for k, x in pairs(v) do
      if type(k) == "string" and (sep == "." or type(x) == "function") then names[k] = true end
    end
    if mt and type(mt.__index) == "table" then
      for k in pairs(mt.__index) do if type(k) == "string" then names[k] = true end end
    end
  elseif type(v) == "string" then
    for k in pairs(string) do names[k] = true end
  elseif type(v) == "userdata" and mt and type(mt.__name) == "string" then
    local kind = mt.__name:match("^lede%.(%a+)$")
    local methods = kind and lede[kind] or (type(mt.__index) == "table" and mt.__index) or {}
    for k in pairs(methods) do if type(k) == "string" then names[k] = true end end
    if kind == "Document" and sep == "." then
      for _, k in ipairs(DOC_FIELDS) do names[k] = true end
    end
  end
  return names
end

-- Completions of `word` (the text before the cursor since the last break
-- character) in environment env: full words, sorted.
function M.complete(word, env)
  local out = {}
  local path, sep, prefix = word:match("^([%a_][%w_.:]-)([.:])([%w_]*)$")
  if path then
    local v = env
    for seg in path:gmatch("[^.:]+") do
      if type(v) ~= "table" and type(v) ~= "userdata" then return out end
      local ok, x = pcall(function() return v[seg] end)
      if not ok then return out end
      v = x
    end
    for k in pairs(members(v, sep)) do
      if k:sub(1, #prefix) == prefix and k:match("^[%a_][%w_]*$") then out[#out + 1] = path .. sep .. k end
    end
  else
    prefix = word
    local seen = {}
    local function add(k)
      if type(k) == "string" and not seen[k] and k:sub(1, #prefix) == prefix then
        seen[k] = true
        out[#out + 1] = k
      end
    end
    for k in pairs(env) do add(k) end
    local mt = getmetatable(env)
    if mt and type(mt.__index) == "table" then for k in pairs(mt.__index) do add(k) end end
    for _, k in ipairs(KEYWORDS) do add(k) end
  end
  table.sort(out)
  return out
end

-- Compile one input: as `return <src>` first, then as statements. Returns
-- the function, or nil, the message, and whether the input is merely
-- incomplete (either reading stopped at <eof>: `1 +`, `for i = 1,`).
local function compile(src, env)
  local expr = src:match("^%s*=(.*)$")
  if expr then src = expr end
  local f, rerr = load("return " .. src, "=stdin", "t", env)
  if f then return f end
  local serr
  if expr then
    serr = rerr
  else
    f, serr = load(src, "=stdin", "t", env)
    if f then return f end
  end
  return nil, serr, rerr:match("<eof>$") ~= nil or serr:match("<eof>$") ~= nil
end

-- Print the values a line returned: strings as they are, the rest readably.
local function print_results(n, ...)
  if n == 0 then return end
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[i] = type(v) == "string" and v or inspect(v)
  end
  io.stdout:write(table.concat(parts, "\t"), "\n")
  io.stdout:flush()
end

-- Run one compiled chunk and print its results, or report its error.
-- Printing runs under the same protected, interruptible call, so a
-- failing __tostring or a Ctrl-C during a long print is survived too.
local function evaluate(sys, f)
  local ok, msg = sys.pcall(function()
    local results = table.pack(f())
    print_results(results.n, table.unpack(results, 1, results.n))
  end)
  if not ok then
    if type(msg) == "string" and msg:match("interrupted!$") then
      msg = "interrupted!" -- where the hook fired says nothing useful
    elseif type(msg) ~= "string" then
      local shown, text = pcall(inspect, msg)
      msg = shown and ("error object: " .. text) or "error object is not a string"
    end
    io.stderr:write(msg, "\n")
    io.stderr:flush()
  end
end

-- The REPL: returns the exit status when input ends.
-- `vars` (optional) are extra globals for the session.
function M.run(sys, corpus, how, vars)
  local interactive = sys.interactive()
  local env = setmetatable({}, { __index = _G })
  env.lede = lede
  env.corpus = corpus
  env.inspect = inspect
  env.script = function(name, args)
    return require("lede.script").run_named(name, corpus, args)
  end
  -- The exploration functions (scripts/explore/init.lua) bound to the
  -- corpus: search, kwic, collocates, keyness, framing, entities, timeline.
  for _, dir in ipairs(lede.script_path()) do
    local chunk = loadfile(dir .. "/explore/init.lua")
    if chunk then
      local ok, explore = pcall(chunk)
      if ok and corpus and type(explore) == "table" and explore.repl then
        for k, f in pairs(explore.repl(corpus)) do
          if rawget(env, k) == nil then env[k] = f end
        end
      end
      break
    end
  end
  for k, v in pairs(vars or {}) do env[k] = v end
  io.stdout:write(string.format("lede %s (%s): %s\n", lede.version, _VERSION, how))
  if interactive then
    io.stdout:write("Type .help for help, Ctrl-D to leave.\n")
  end
  io.stdout:flush()
  local history
  if interactive then
    history = os.getenv("LEDE_HISTORY") or ((os.getenv("HOME") or ".") .. "/.lede_history")
    sys.load_history(history)
    sys.set_completer(function(word) return M.complete(word, env) end)
  end
  local buffer = nil
  while true do
    local line = sys.readline(buffer and ">> " or "> ")
    if line == false then -- Ctrl-C at the prompt: drop the line, keep going
      io.stdout:write("\n")
      buffer = nil
      line = ""
    elseif line == nil then
      if buffer then
        -- Input ended inside an unfinished statement: report it as Lua would.
        local _, err = compile(buffer, env)
        io.stderr:write(tostring(err), "\n")
      end
      break
    end
    if interactive and line:match("%S") then sys.add_history(line) end
    if not buffer and line:match("^%s*%.%a+%s*$") then
      local cmd = line:match("%.(%a+)")
      if cmd == "quit" or cmd == "exit" then break end
      if cmd == "help" then
        io.stdout:write(HELP)
      else
        io.stderr:write("unknown command ." .. cmd .. " (try .help)\n")
      end
    else
      local src = buffer and (buffer .. "\n" .. line) or line
      local f, err, incomplete = compile(src, env)
      if f then
        buffer = nil
        evaluate(sys, f)
      elseif incomplete then
        buffer = src
      else
        buffer = nil
        io.stderr:write(err, "\n")
        io.stderr:flush()
      end
    end
  end
  if history then sys.save_history(history) end
  if interactive then io.stdout:write("\n") end
  return sys.exit.OK
end

-- The program's sys table, set by lede.cli so that start() works from a
-- script run by the program.
M.sys = nil

-- Drop into the REPL from a running script with its variables in scope
-- (after pandoc's pandoc.cli.repl): require("lede.repl").start{d = d, hits = hits}.
-- `vars.corpus`, if given, becomes `corpus`. Returns when the user leaves.
-- Only inside the lede program (lede run, lede NAME), which provides the
-- terminal functions.
function M.start(vars)
  if not M.sys then error("lede.repl.start: only available inside the lede program", 2) end
  vars = vars or {}
  local names = {}
  for k in pairs(vars) do names[#names + 1] = tostring(k) end
  table.sort(names)
  local how = "started by a script"
  if #names > 0 then how = how .. " with " .. table.concat(names, ", ") end
  return M.run(M.sys, vars.corpus, how, vars)
end

return M
