-- lede.cli — the `lede` program's commands. The C main (program/main.c)
-- calls main(sys, argv) under an interruptible protected call and exits
-- with what it returns. `sys` holds what only the program can do: line
-- editing, interruptible calls, directory listing, and the exit codes.

local lede = require("lede")
local script = require("lede.script")
local output = require("lede.output")

local M = {}

M.USAGE = [[
usage: lede COMMAND [ARGS]

Compare how several sources report the same story.

commands:
  lede NAME PATH... [options]      run the bundled script NAME on a corpus (`lede NAME --help`)
  lede NAME --db FILE [options]    ... on the documents of an index instead
  lede scripts                     list the bundled scripts with their descriptions
  lede run FILE.lua [ARGS]         run a Lua file with the lede module loaded (`arg` as in lua)
  lede repl [PATH... | --db FILE]  interactive Lua with a corpus loaded as `corpus` (default: seeds/)
  lede index PATH... --db FILE     build or extend a persistent index
  lede help [COMMAND | NAME]       help on a command or a script
  lede --help                      this help
  lede --version                   the version

limits (before the command, or among its options; see docs/reliability.md):
  --max-memory MB  --max-instructions N  --timeout SECONDS  --max-doc-bytes SIZE

exit status: 0 success, 1 failure (a script or Lua error), 2 usage mistake,
  3 input unreadable (missing file, bad database, refused input),
  4 invalid script, 5 limit exceeded, 130 interrupted (Ctrl-C).
]]

local COMMAND_HELP = {
  run = [[
usage: lede run FILE.lua [ARGS]
       lede run --output FILE FILE.lua [ARGS]

Run a Lua 5.4 file (- for standard input) with the lede module preloaded
(`local lede = require "lede"`).
As with the lua interpreter, the global `arg` holds arg[0] = FILE.lua and
arg[1..n] = ARGS, and the chunk receives ARGS as `...`. Busted runs this way:
  lede run /usr/bin/busted tests/spec
An error stops the file with its message (file:line) and a traceback, exit 1.
With --output FILE, standard output goes to FILE, which appears only if the
file runs to the end without error (a temporary file is renamed into place).
]],
  scripts = [[
usage: lede scripts

List the bundled scripts with their one-line descriptions. Scripts are found in
$LEDE_SCRIPTS (directories separated by ':'), the installed share directory, then
the source tree's scripts/; the first file of a name wins.
]],
  repl = [[
usage: lede repl [PATH... | --db FILE]

Interactive Lua with the lede module loaded as `lede` and a corpus as `corpus`:
the PATHs given, the index given with --db, or else seeds/. A line is first tried
as an expression (`=expr` too) and its values printed; incomplete input asks for
more lines. Ctrl-C stops a running evaluation; Ctrl-D or .quit leaves. Type .help.
History: $LEDE_HISTORY, else ~/.lede_history.
]],
  index = [[
usage: lede index PATH... --db FILE

Build the index FILE from the PATHs (files, directories, .jsonl files), or extend
it with the documents it does not hold yet. Prints how many were read and added.
Every script then reads the documents with --db FILE.
]],
}

-- Write a message to standard error, prefixed with "lede: " (or "lede CMD: ").
-- The loader's "see max_doc_bytes" becomes the option a user can give.
local function complain(where, fmt, ...)
  local msg = string.format(fmt, ...):gsub("%(([^()]*); see max_doc_bytes%)", "(%1; see --max-doc-bytes)")
  io.stderr:write(where, ": ", msg, "\n")
end

-- An error value in words: a string as it is, else its __tostring (if
-- that works), else what inspect shows ("error object: { code = 7 }").
local function describe_error(err)
  if type(err) == "string" then return err end
  local mt = getmetatable(err)
  if mt and mt.__tostring then
    local ok, s = pcall(tostring, err)
    if ok and type(s) == "string" then return s end
  end
  local ok, s = pcall(require("lede.inspect"), err)
  return "error object: " .. (ok and s or ("a " .. type(err) .. " value"))
end
M.describe_error = describe_error

-- Report a failed protected call of `what` (its message and, for an error
-- with a position or a non-string error, the traceback) and return the exit
-- status: INTERRUPTED for Ctrl-C, else FAILURE.
-- A limit (`limit`: "memory", "instructions", "time") gives LIMIT.
local function report_failure(sys, what, err, traceback, limit)
  if not limit and type(err) == "string" and err:match("interrupted!$") then
    io.stderr:write(what, ": interrupted\n")
    return sys.exit.INTERRUPTED
  end
  io.stderr:write(what, ": ", describe_error(err), "\n")
  -- A string raised without a position (error(msg, 0)) is a message a script
  -- meant for its user, not a bug: it is shown alone.
  local deliberate = type(err) == "string" and not err:match("^[^\n]-:%d+:")
  if traceback and traceback ~= "" and not deliberate then io.stderr:write(traceback, "\n") end
  return limit and sys.exit.LIMIT or sys.exit.FAILURE
end

-- Start sending standard output to FILE (see sys.output_open), and make
-- os.exit keep or drop it by its status. Returns true or nil, message.
local function open_output(sys, path)
  local ok, err = sys.output_open(path)
  if not ok then return nil, err end
  local exit = os.exit
  os.exit = function(code, close) -- luacheck: ignore 122 (a script may still call os.exit)
    sys.output_close(code == nil or code == true or code == 0)
    return exit(code, close)
  end
  return true
end

-- Finish the output FILE: kept when status is OK, else removed. Returns
-- the status, or FAILURE when the file could not be written.
local function close_output(sys, what, status)
  local ok, err = sys.output_close(status == sys.exit.OK)
  if not ok and status == sys.exit.OK then
    complain(what, "%s", err)
    return sys.exit.FAILURE
  end
  return status
end

-- The loader's warnings, one line each on standard error.
local function print_warnings(corpus)
  for _, w in ipairs(corpus:warnings()) do
    io.stderr:write(string.format("warning: %s%s: byte %d: %s\n", w.name,
      w.line and (":" .. w.line) or "", w.offset, w.message))
  end
end

-- Split argv into PATHs and --db FILE for the commands that read a corpus.
-- Returns {paths, db} or nil and a usage message.
local function parse_input(argv, first)
  local r = { paths = {} }
  local i = first
  while i <= #argv do
    local a = argv[i]
    if a == "--db" then
      i = i + 1
      if not argv[i] then return nil, "--db needs a FILE" end
      r.db = argv[i]
    elseif a:match("^%-%-db=") then
      r.db = a:sub(6)
    elseif a:match("^%-%-.") then
      return nil, "unknown option " .. a
    else
      r.paths[#r.paths + 1] = a
    end
    i = i + 1
  end
  return r
end

-- lede run [--output FILE] FILE [ARGS]
local function cmd_run(sys, argv)
  local EXIT = sys.exit
  local first, outfile = 2, nil
  while argv[first] and argv[first]:match("^%-%-output") do
    local inline = argv[first]:match("^%-%-output=(.*)$")
    if inline then
      outfile = inline
    elseif argv[first] == "--output" and argv[first + 1] then
      outfile = argv[first + 1]
      first = first + 1
    else
      complain("lede run", "%s needs a FILE", argv[first])
      return EXIT.USAGE
    end
    first = first + 1
  end
  local file = argv[first]
  if not file then
    io.stderr:write(COMMAND_HELP.run)
    return EXIT.USAGE
  end
  if file == "--help" or file == "-h" then
    io.stdout:write(COMMAND_HELP.run)
    return EXIT.OK
  end
  local args = { [-2] = sys.progname, [-1] = "run", [0] = file }
  for i = first + 1, #argv do args[#args + 1] = argv[i] end
  _G.arg = args
  if file ~= "-" then
    local f = io.open(file, "rb")
    if not f then
      complain("lede run", "cannot open %s", file)
      return EXIT.INPUT
    end
    f:close()
  end
  local chunk, err = loadfile(file ~= "-" and file or nil) -- "-": standard input, as lua does
  if not chunk then
    complain("lede run", "%s", err)
    return EXIT.FAILURE
  end
  if outfile then
    local ok, oerr = open_output(sys, outfile)
    if not ok then
      complain("lede run", "%s", oerr)
      return EXIT.FAILURE
    end
  end
  local ok, msg, traceback, limit = sys.pcall(chunk, table.unpack(args, 1, #args))
  local status = ok and EXIT.OK or report_failure(sys, "lede run", msg, traceback, limit)
  if outfile then status = close_output(sys, "lede run", status) end
  return status
end

-- Every script on the search path: {name, path, spec or nil, error} sorted by name.
local function all_scripts(sys)
  local found, list = {}, {}
  for _, dir in ipairs(lede.script_path()) do
    local names = sys.listdir(dir) or {}
    table.sort(names)
    for _, file in ipairs(names) do
      local name = file:match("^([%w_][%w_%-]*)%.lua$")
      if name and not found[name] then
        found[name] = true
        local path = dir .. "/" .. file
        local spec, err = script.load(path)
        list[#list + 1] = { name = name, path = path, spec = spec, error = err }
      end
    end
  end
  table.sort(list, function(a, b) return a.name < b.name end)
  return list
end

-- lede scripts
local function cmd_scripts(sys, argv)
  if argv[2] == "--help" or argv[2] == "-h" then
    io.stdout:write(COMMAND_HELP.scripts)
    return sys.exit.OK
  end
  local list = all_scripts(sys)
  if #list == 0 then
    complain("lede scripts", "no scripts found (looked in %s)", table.concat(lede.script_path(), ", "))
    return sys.exit.FAILURE
  end
  local width = 0
  for _, s in ipairs(list) do width = math.max(width, #s.name) end
  for _, s in ipairs(list) do
    local what = s.spec and s.spec.description or ("(invalid: " .. (s.error or "?"):match("[^\n]*") .. ")")
    io.stdout:write(string.format("%-" .. width .. "s  %s\n", s.name, what))
  end
  return sys.exit.OK
end

-- lede index PATH... --db FILE
local function cmd_index(sys, argv)
  local EXIT = sys.exit
  if argv[2] == "--help" or argv[2] == "-h" then
    io.stdout:write(COMMAND_HELP.index)
    return EXIT.OK
  end
  local input, err = parse_input(argv, 2)
  if input and not input.db then err = "--db FILE is required" end
  if input and #input.paths == 0 then err = "no PATH to index" end
  if err then
    complain("lede index", "%s", err)
    io.stderr:write(COMMAND_HELP.index)
    return EXIT.USAGE
  end
  local corpus, lerr = lede.open(input.paths, M.load_options)
  if not corpus then
    complain("lede index", "%s", lerr)
    return EXIT.INPUT
  end
  print_warnings(corpus)
  local ix, ierr = lede.index_open(input.db)
  if not ix then
    complain("lede index", "%s", ierr)
    return EXIT.INPUT
  end
  local added, aerr = ix:add(corpus)
  if ix:interrupted() then complain("lede index", "warning: %s", ix:interrupted()) end
  if not added then
    complain("lede index", "%s", aerr)
    return EXIT.FAILURE
  end
  io.stdout:write(string.format("%s: %d document%s read, %d added, %d in the index\n", input.db,
    #corpus, #corpus == 1 and "" or "s", added, #ix))
  ix:close()
  corpus:close()
  return EXIT.OK
end

-- The corpus the REPL starts with: the one named, else seeds/ here or in
-- the source tree. Returns corpus (or nil), a description, or nil + error.
local function repl_corpus(input)
  if input.db then
    local ix, err = lede.open({ db = input.db })
    if not ix then return nil, err end
    return ix, string.format("corpus = lede.index_open(%q) (%d document%s)", input.db, #ix,
      #ix == 1 and "" or "s")
  end
  local paths = input.paths
  if #paths == 0 then
    local candidates = { "seeds" }
    local source = lede.script_path()[#lede.script_path()]
    if source then candidates[2] = (source:gsub("scripts$", "seeds")) end
    for _, dir in ipairs(candidates) do
      local f = io.open(dir, "rb") -- opening a directory succeeds on POSIX
      if f then
        f:close()
        paths = { dir }
        break
      end
    end
    if #paths == 0 then return false, "no corpus loaded (name one: lede repl PATH)" end
  end
  local c, err = lede.open(paths, M.load_options)
  if not c then return nil, err end
  return c, string.format("corpus = lede.load(%s) (%d document%s)",
    #paths == 1 and string.format("%q", paths[1]) or "{…}", #c, #c == 1 and "" or "s")
end

-- lede repl [PATH... | --db FILE]
local function cmd_repl(sys, argv)
  local EXIT = sys.exit
  if argv[2] == "--help" or argv[2] == "-h" then
    io.stdout:write(COMMAND_HELP.repl)
    return EXIT.OK
  end
  local input, err = parse_input(argv, 2)
  if input and input.db and #input.paths > 0 then err = "give PATH... or --db FILE, not both" end
  if err then
    complain("lede repl", "%s", err)
    return EXIT.USAGE
  end
  local corpus, how = repl_corpus(input)
  if corpus == nil then
    complain("lede repl", "%s", how)
    return EXIT.INPUT
  end
  return require("lede.repl").run(sys, corpus or nil, how)
end

-- lede NAME [ARGS]: a bundled script.
local function cmd_script(sys, argv)
  local EXIT = sys.exit
  local name = argv[1]
  local path, err = script.find(name, lede.script_path())
  if not path then
    complain("lede", "%s", err)
    return EXIT.USAGE
  end
  local spec, lerr = script.load(path)
  if not spec then
    complain("lede " .. name, "%s", lerr)
    return EXIT.SCRIPT
  end
  local rest = { table.unpack(argv, 2) }
  local opts, perr = script.parse(spec, rest)
  if not opts then
    complain("lede " .. name, "%s (see lede %s --help)", perr, name)
    return EXIT.USAGE
  end
  if opts.help then
    io.stdout:write(script.help(name, spec))
    return EXIT.OK
  end
  local corpus, cerr = lede.open(opts.db and { db = opts.db } or opts.paths, M.load_options)
  if not corpus then
    complain("lede " .. name, "%s", cerr)
    return EXIT.INPUT
  end
  if not opts.db then
    print_warnings(corpus)
    -- Input that yields no document (empty or refused files only) is a
    -- mistake to report, not an empty analysis to print.
    if #corpus == 0 then
      complain("lede " .. name, "no documents in %s (empty or refused files only)",
        table.concat(opts.paths, " "))
      return EXIT.INPUT
    end
  end
  local ok, result, text, limit = sys.pcall(spec.run, corpus, opts.args)
  if not ok then return report_failure(sys, "lede " .. name, result, text, limit) end
  if result == nil then
    complain("lede " .. name, "%s", tostring(text or "the script returned no result"))
    return EXIT.FAILURE
  end
  local out, oerr = output.render(opts.format, result, text, spec.records, spec.columns)
  if not out then
    complain("lede " .. name, "%s", oerr)
    return EXIT.USAGE
  end
  if opts.output then
    local opened, operr = open_output(sys, opts.output)
    if not opened then
      complain("lede " .. name, "%s", operr)
      return EXIT.FAILURE
    end
    io.stdout:write(out)
    return close_output(sys, "lede " .. name, EXIT.OK)
  end
  io.stdout:write(out)
  return EXIT.OK
end

-- lede help [COMMAND | NAME]
local function cmd_help(sys, argv)
  local topic = argv[2]
  if not topic then
    io.stdout:write(M.USAGE)
    return sys.exit.OK
  end
  if COMMAND_HELP[topic] then
    io.stdout:write(COMMAND_HELP[topic])
    return sys.exit.OK
  end
  return cmd_script(sys, { topic, "--help" })
end

local COMMANDS = {
  run = cmd_run,
  scripts = cmd_scripts,
  index = cmd_index,
  repl = cmd_repl,
  help = cmd_help,
}

-- Options limiting a run (docs/reliability.md), with how to read their value.
local MiB = 1024 * 1024
local SUFFIX = { [""] = 1, k = 1024, K = 1024, m = MiB, M = MiB, g = 1024 * MiB, G = 1024 * MiB }
local LIMIT_OPTIONS = {
  ["max-memory"] = function(v) -- megabytes
    local n = tonumber(v)
    return n and n > 0 and math.floor(n * MiB) or nil, "a number of megabytes"
  end,
  ["max-instructions"] = function(v)
    local n = tonumber(v)
    return n and n >= 1 and math.floor(n) or nil, "a number of instructions"
  end,
  ["timeout"] = function(v)
    local n = tonumber(v)
    return n and n > 0 and n or nil, "a number of seconds"
  end,
  ["max-doc-bytes"] = function(v) -- bytes, or with a suffix K, M or G
    local digits, suffix = v:match("^(%d+%.?%d*)([kKmMgG]?)$")
    local n = digits and tonumber(digits) * SUFFIX[suffix]
    return n and n >= 1 and math.floor(n) or nil, "a size in bytes (or with K, M or G)"
  end,
}

-- Take the limit options out of argv: before the command and, for every
-- command but `run`, anywhere before a `--`; for `run`, before its FILE
-- (what follows belongs to the Lua file). Returns the remaining argv and
-- the values, or nil and a message.
function M.take_limits(argv)
  local rest, values = {}, {}
  local command, scanning, i = nil, true, 1
  while i <= #argv do
    local a = argv[i]
    local name, inline = nil, nil
    if scanning then name, inline = a:match("^%-%-([%w-]+)=(.*)$") end
    if scanning and not name then name = a:match("^%-%-([%w-]+)$") end
    if scanning and a == "--" then scanning = false end
    if name and LIMIT_OPTIONS[name] then
      local v = inline
      if not v then
        i = i + 1
        v = argv[i]
        if not v then return nil, "--" .. name .. " needs a value" end
      end
      local value, what = LIMIT_OPTIONS[name](v)
      if not value then return nil, string.format("--%s needs %s, not '%s'", name, what, v) end
      values[name] = value
    else
      rest[#rest + 1] = a
      if not command and a:sub(1, 1) ~= "-" then
        command = a
      elseif command == "run" and scanning and (a:sub(1, 1) ~= "-" or a == "-") then
        scanning = false -- the FILE: its arguments are its own
      elseif command == "run" and a == "--output" then
        i = i + 1
        rest[#rest + 1] = argv[i]
      end
    end
    i = i + 1
  end
  return rest, values
end

-- Put the limits in force: the Lua ones through lede.limits, the document
-- size through the options every command loads with.
local function apply_limits(sys, values)
  if values["max-memory"] or values["max-instructions"] or values["timeout"] then
    lede.limits({ memory = values["max-memory"], instructions = values["max-instructions"],
      time = values["timeout"] })
    sys.pause_limits() -- the budgets run with each script (sys.pcall), not before
  end
  M.load_options = values["max-doc-bytes"] and { max_doc_bytes = values["max-doc-bytes"] } or nil
end

-- The program's entry point: returns the exit status.
function M.main(sys, argv)
  require("lede.repl").sys = sys -- for require("lede.repl").start() in scripts
  local values
  argv, values = M.take_limits(argv)
  if not argv then
    complain("lede", "%s", values)
    return sys.exit.USAGE
  end
  apply_limits(sys, values)
  local cmd = argv[1]
  if cmd == nil then
    io.stderr:write(M.USAGE)
    return sys.exit.USAGE
  elseif cmd == "--help" or cmd == "-h" then
    io.stdout:write(M.USAGE)
    return sys.exit.OK
  elseif cmd == "--version" or cmd == "-v" then
    io.stdout:write(string.format("lede %s (%s)\n", lede.version, _VERSION))
    return sys.exit.OK
  elseif cmd:sub(1, 1) == "-" then
    complain("lede", "unknown option %s (see lede --help)", cmd)
    return sys.exit.USAGE
  end
  local f = COMMANDS[cmd] or cmd_script
  return f(sys, argv)
end

return M
