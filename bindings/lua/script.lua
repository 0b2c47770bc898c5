-- lede.script — bundled scripts: finding them, checking what they declare,
-- reading their command line and writing their help.
--
-- A script is a Lua file returning
--   { description = "one line", args = { {name=, help=, default=}, … },
--     run = function(corpus, args) return result, text end,
--     records = "field", columns = { … } }     -- optional, for jsonl/csv
-- `records` names the field of the result holding an array of flat
-- records (one JSON line or CSV row each); `columns` orders the CSV.
-- The loader says precisely what is missing or wrong (after Nmap's
-- nse_main.lua), naming the file.

local M = {}

-- Options every script takes; a script may not declare these names.
local RESERVED = { db = true, format = true, help = true }

-- Whether path names a readable file.
local function readable(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

-- Find script `name` on the search path: its file, or nil and a message
-- listing the places looked at.
function M.find(name, dirs)
  if not name:match("^[%w_][%w_%-]*$") then
    return nil, string.format("'%s' is not a command or a script name", name)
  end
  for _, dir in ipairs(dirs) do
    local path = dir .. "/" .. name .. ".lua"
    if readable(path) then return path end
  end
  return nil, string.format("no command or script '%s' (looked in %s; `lede scripts` lists them)",
    name, table.concat(dirs, ", "))
end

-- Check a script's table; returns it, or nil and every problem found.
function M.check(spec, path)
  local problems = {}
  local function bad(fmt, ...) problems[#problems + 1] = string.format(fmt, ...) end
  if type(spec) ~= "table" then
    return nil, string.format("%s: a script must return a table {description = …, args = …, run = …}, "
      .. "not a %s", path, type(spec))
  end
  if type(spec.description) ~= "string" or spec.description == "" then
    bad("field 'description' is %s (a one-line string for `lede scripts`)",
      spec.description == nil and "missing" or "not a non-empty string")
  end
  if type(spec.run) ~= "function" then
    bad("field 'run' is %s (a function(corpus, args) returning result, text)",
      spec.run == nil and "missing" or "a " .. type(spec.run) .. ", not a function")
  end
  if spec.args ~= nil and type(spec.args) ~= "table" then
    bad("field 'args' is a %s (an array of {name = …, help = …, default = …})", type(spec.args))
  end
  if type(spec.args) == "table" then
    local names = {}
    for i, a in ipairs(spec.args) do
      if type(a) ~= "table" then
        bad("args[%d] is a %s, not a table {name = …, help = …, default = …}", i, type(a))
      else
        if type(a.name) ~= "string" or not a.name:match("^[%a_][%w_%-]*$") then
          bad("args[%d] has no valid 'name' (letters, digits, _ and -)", i)
        elseif RESERVED[a.name] then
          bad("args[%d] uses the reserved name '%s' (every script takes --db, --format, --help)", i, a.name)
        elseif names[a.name] then
          bad("args[%d] repeats the name '%s'", i, a.name)
        else
          names[a.name] = true
        end
        if type(a.help) ~= "string" or a.help == "" then
          bad("args[%d] (%s) has no 'help' string", i, tostring(a.name))
        end
        local dt = type(a.default)
        if a.default ~= nil and dt ~= "string" and dt ~= "number" and dt ~= "boolean" then
          bad("args[%d] (%s) has a default of type %s (string, number or boolean)", i, tostring(a.name), dt)
        end
      end
    end
  end
  if spec.records ~= nil and type(spec.records) ~= "string" then
    bad("field 'records' is a %s (the name of the result field holding the records)", type(spec.records))
  end
  if spec.columns ~= nil then
    local ok = type(spec.columns) == "table"
    for _, c in ipairs(ok and spec.columns or {}) do ok = ok and type(c) == "string" end
    if not ok then bad("field 'columns' is not an array of strings") end
  end
  if #problems > 0 then
    return nil, path .. ": not a valid lede script:\n  " .. table.concat(problems, "\n  ")
  end
  spec.args = spec.args or {}
  return spec
end

-- Put the directory of the script at path on package.path, so a script
-- can keep helpers beside it: scripts/compare.lua may `require
-- "compare.similarity"` (scripts/compare/similarity.lua).
local function add_to_path(path)
  local dir = path:match("^(.*)/[^/]*$") or "."
  local entry = dir .. "/?.lua"
  if not (";" .. package.path .. ";"):find(";" .. entry .. ";", 1, true) then
    package.path = entry .. ";" .. package.path
  end
end

-- Load and check the script at path: its table, or nil and a message.
function M.load(path)
  add_to_path(path)
  local chunk, err = loadfile(path, "t")
  if not chunk then return nil, err end
  local ok, spec = pcall(chunk)
  if not ok then return nil, path .. ": " .. tostring(spec) end
  return M.check(spec, path)
end

-- The text of `lede NAME --help`, generated from the declared args.
function M.help(name, spec)
  local lines = {
    string.format("usage: lede %s PATH... | --db FILE [options]", name),
    "",
    spec.description,
    "",
    "  PATH...          files, directories or .jsonl files to read (- for standard input)",
    "  --db FILE        read the documents of an index built by `lede index` instead",
    "  --format FORMAT  text (default), json, jsonl or csv",
  }
  for _, a in ipairs(spec.args) do
    local flag
    if type(a.default) == "boolean" then
      flag = "--" .. a.name .. (a.default and " / --no-" .. a.name or "")
    else
      flag = "--" .. a.name .. " " .. (type(a.default) == "number" and "N" or "VALUE")
    end
    local default = a.default ~= nil and string.format(" (default: %s)", tostring(a.default)) or ""
    lines[#lines + 1] = string.format("  %-16s %s%s", flag, a.help, default)
  end
  lines[#lines + 1] = "  --help           show this help"
  return table.concat(lines, "\n") .. "\n"
end

-- Read a script's command line. Returns {paths, db, format, help, args}
-- or nil and a usage message.
function M.parse(spec, argv)
  local opts = { paths = {}, format = "text", args = {} }
  local byname = {}
  for _, a in ipairs(spec.args) do
    byname[a.name] = a
    opts.args[a.name] = a.default
  end
  local i = 1
  local function value_of(flag, inline)
    if inline then return inline end
    i = i + 1
    if argv[i] == nil then return nil, flag .. " needs a value" end
    return argv[i]
  end
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do opts.paths[#opts.paths + 1] = argv[j] end
      break
    elseif a == "--help" or a == "-h" then
      opts.help = true
    elseif a:sub(1, 2) == "--" then
      local flag, inline = a:match("^%-%-([^=]+)=(.*)$")
      flag = flag or a:sub(3)
      local decl = byname[flag]
      local negated = not decl and flag:match("^no%-(.+)$")
      if negated and byname[negated] and type(byname[negated].default) == "boolean" then
        opts.args[negated] = false
      elseif flag == "db" or flag == "format" then
        local v, err = value_of(a, inline)
        if not v then return nil, err end
        opts[flag] = v
      elseif not decl then
        return nil, string.format("unknown option --%s", flag)
      elseif type(decl.default) == "boolean" then
        if inline then return nil, string.format("--%s takes no value", flag) end
        opts.args[flag] = true
      else
        local v, err = value_of("--" .. flag, inline)
        if not v then return nil, err end
        if type(decl.default) == "number" then
          local n = tonumber(v)
          if not n then return nil, string.format("--%s needs a number, not '%s'", flag, v) end
          v = n
        end
        opts.args[flag] = v
      end
    else
      opts.paths[#opts.paths + 1] = a
    end
    i = i + 1
  end
  if opts.help then return opts end
  local known = { text = true, json = true, jsonl = true, csv = true }
  if not known[opts.format] then
    return nil, string.format("unknown format '%s' (text, json, jsonl or csv)", opts.format)
  end
  if opts.db and #opts.paths > 0 then return nil, "give PATH... or --db FILE, not both" end
  if not opts.db and #opts.paths == 0 then return nil, "no input: give PATH... or --db FILE" end
  return opts
end

-- Run the bundled script `name` on a corpus from Lua (the REPL's
-- script()): args is a table of its options (defaults fill the rest).
-- Returns result, text; raises if the script is missing or invalid.
function M.run_named(name, corpus, args)
  local path = assert(M.find(name, require("lede").script_path()))
  local spec = assert(M.load(path))
  local values = {}
  for _, a in ipairs(spec.args) do values[a.name] = a.default end
  for k, v in pairs(args or {}) do values[k] = v end
  return spec.run(corpus, values)
end

return M
