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

exit status: 0 success, 1 failure (a script or Lua error), 2 usage mistake,
  3 input unreadable (missing file, bad database, refused input),
  4 invalid script, 130 interrupted (Ctrl-C).
]]

local COMMAND_HELP = {
  run = [[
usage: lede run FILE.lua [ARGS]

Run a Lua 5.4 file (- for standard input) with the lede module preloaded
(`local lede = require "lede"`).
As with the lua interpreter, the global `arg` holds arg[0] = FILE.lua and
arg[1..n] = ARGS, and the chunk receives ARGS as `...`. Busted runs this way:
  lede run /usr/bin/busted tests/spec
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
local function complain(where, fmt, ...)
  io.stderr:write(where, ": ", string.format(fmt, ...), "\n")
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

-- lede run FILE [ARGS]
local function cmd_run(sys, argv)
  local EXIT = sys.exit
  local file = argv[2]
  if not file then
    io.stderr:write(COMMAND_HELP.run)
    return EXIT.USAGE
  end
  if file == "--help" or file == "-h" then
    io.stdout:write(COMMAND_HELP.run)
    return EXIT.OK
  end
  local args = { [-2] = sys.progname, [-1] = "run", [0] = file }
  for i = 3, #argv do args[#args + 1] = argv[i] end
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
  local ok, msg, traceback = sys.pcall(chunk, table.unpack(args, 1, #args))
  if not ok then
    if type(msg) == "string" and msg:match("interrupted!$") then
      io.stderr:write("lede run: interrupted\n")
      return EXIT.INTERRUPTED
    end
    io.stderr:write("lede run: ", tostring(msg), "\n", traceback or "", "\n")
    return EXIT.FAILURE
  end
  return EXIT.OK
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
  local corpus, lerr = lede.open(input.paths)
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
  local c, err = lede.open(paths)
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
  local corpus, cerr = lede.open(opts.db and { db = opts.db } or opts.paths)
  if not corpus then
    complain("lede " .. name, "%s", cerr)
    return EXIT.INPUT
  end
  local ok, result, text = sys.pcall(spec.run, corpus, opts.args)
  if not ok then
    if type(result) == "string" and result:match("interrupted!$") then
      io.stderr:write("lede ", name, ": interrupted\n")
      return EXIT.INTERRUPTED
    end
    complain("lede " .. name, "%s", tostring(result))
    if os.getenv("LEDE_DEBUG") then io.stderr:write(text or "", "\n") end
    return EXIT.FAILURE
  end
  if result == nil then
    complain("lede " .. name, "%s", tostring(text or "the script returned no result"))
    return EXIT.FAILURE
  end
  local out, oerr = output.render(opts.format, result, text, spec.records, spec.columns)
  if not out then
    complain("lede " .. name, "%s", oerr)
    return EXIT.USAGE
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

-- The program's entry point: returns the exit status.
function M.main(sys, argv)
  require("lede.repl").sys = sys -- for require("lede.repl").start() in scripts
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
