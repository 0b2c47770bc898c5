-- The lede program as a user runs it: exit codes, help, the script list,
-- the summary in every format, and the messages for mistakes.
local support = dofile("tests/spec/support.lua")
local cjson = require("cjson")
local lede_run = support.lede

describe("lede (no command)", function()
  it("prints usage on stderr and exits 2", function()
    local out, err, code = lede_run({})
    assert.are.equal("", out)
    assert.matches("^usage: lede COMMAND", err)
    assert.are.equal(2, code)
  end)

  it("prints help on stdout and exits 0 with --help", function()
    local out, err, code = lede_run({ "--help" })
    assert.matches("^usage: lede COMMAND", out)
    assert.matches("exit status: 0 success, 1 failure", out, 1, true)
    assert.are.equal("", err)
    assert.are.equal(0, code)
  end)

  it("prints the version", function()
    local out, _, code = lede_run({ "--version" })
    assert.are.equal("lede 0.1.0 (Lua 5.4)\n", out)
    assert.are.equal(0, code)
  end)

  it("rejects an unknown option with exit 2", function()
    local out, err, code = lede_run({ "--frobnicate" })
    assert.are.equal("", out)
    assert.are.equal("lede: unknown option --frobnicate (see lede --help)\n", err)
    assert.are.equal(2, code)
  end)

  it("rejects an unknown command with exit 2 and says where it looked", function()
    local _, err, code = lede_run({ "nosuchscript" })
    assert.matches("^lede: no command or script 'nosuchscript' %(looked in ", err)
    assert.are.equal(2, code)
  end)
end)

describe("exit codes", function()
  it("are the same in the C enum, docs/cli.md and lede --help", function()
    local enum = {}
    for name, code in support.read("bindings/program/main.c"):gmatch("LEDE_EXIT_(%u+) = (%d+)") do
      enum[name] = tonumber(code)
    end
    local documented = {}
    for code, name in support.read("docs/cli.md"):gmatch("\n| *(%d+) | `LEDE_EXIT_(%u+)`") do
      documented[name] = tonumber(code)
    end
    assert.are.same({ OK = 0, FAILURE = 1, USAGE = 2, INPUT = 3, SCRIPT = 4, LIMIT = 5, INTERRUPTED = 130 },
      enum)
    assert.are.same(enum, documented)
    local help = lede_run({ "--help" })
    for _, code in pairs(enum) do assert.matches("[ ,]" .. code .. " %a", help) end
  end)
end)

describe("lede scripts", function()
  it("lists the bundled scripts with their descriptions", function()
    local out, _, code = lede_run({ "scripts" })
    assert.are.equal(0, code)
    assert.matches("\nsummary +A first look: ", "\n" .. out)
  end)

  it("finds scripts in $LEDE_SCRIPTS first and reports an invalid one", function()
    local dir = os.tmpname()
    os.remove(dir)
    os.execute("mkdir " .. support.shell_quote(dir))
    support.write(dir .. "/hello.lua", [[
return { description = "Say hello", args = { { name = "who", help = "whom", default = "world" } },
  run = function(corpus, args)
    local words = require("hello.words") -- a helper beside the script: hello/words.lua
    return { n = #corpus, who = args.who }, words.greeting .. " " .. args.who
  end }]])
    support.write(dir .. "/broken.lua", "return { args = 3 }")
    os.execute("mkdir " .. support.shell_quote(dir .. "/hello"))
    support.write(dir .. "/hello/words.lua", "return { greeting = 'hello' }")
    local out, _, code = lede_run({ "scripts" }, nil, "LEDE_SCRIPTS=" .. support.shell_quote(dir))
    assert.are.equal(0, code)
    assert.matches("\nhello +Say hello\n", "\n" .. out)
    assert.matches("\nbroken +%(invalid: ", "\n" .. out)

    out, _, code = lede_run({ "hello", "seeds", "--who", "you" }, nil,
      "LEDE_SCRIPTS=" .. support.shell_quote(dir))
    assert.are.equal("hello you\n", out)
    assert.are.equal(0, code)

    local err
    out, err, code = lede_run({ "broken", "seeds" }, nil, "LEDE_SCRIPTS=" .. support.shell_quote(dir))
    assert.are.equal("", out)
    assert.are.equal(4, code)
    assert.matches("not a valid lede script:", err, 1, true)
    assert.matches("field 'description' is missing (a one-line string for `lede scripts`)", err, 1, true)
    assert.matches("field 'run' is missing (a function(corpus, args) returning result, text)", err, 1, true)
    assert.matches("field 'args' is a number", err, 1, true)
    os.execute("rm -r " .. support.shell_quote(dir))
  end)
end)

describe("lede summary", function()
  it("writes a text summary of the seeds", function()
    local out, err, code = lede_run({ "summary", "seeds" })
    assert.are.equal(0, code)
    assert.are.equal("", err)
    assert.matches("^5 documents, 16,896 bytes, ", out)
    assert.matches("seeds/000_1a22be602abbdbb3.txt", out, 1, true)
    assert.matches("Rubio and Witkoff Not Attending Ukraine Discussions in London", out, 1, true)
    assert.matches("Loader warnings: none", out, 1, true)
    assert.matches("Content words in at least 3 of the 5 documents:", out, 1, true)
  end)

  it("writes JSON with every document and the shared words", function()
    local out, _, code = lede_run({ "summary", "seeds", "--format", "json", "--top", "5" })
    assert.are.equal(0, code)
    local r = cjson.decode(out)
    assert.are.equal(5, #r.documents)
    assert.are.equal(5, r.totals.documents)
    assert.are.equal(16896, r.totals.bytes)
    assert.are.equal(2704, r.documents[1].bytes)
    assert.are.equal("seeds/000_1a22be602abbdbb3.txt", r.documents[1].name)
    assert.are.same({}, r.warnings)
    assert.are.equal(5, #r.shared_words)
    local words = {}
    for _, w in ipairs(r.shared_words) do words[w.norm] = w.documents end
    assert.are.equal(5, words.rubio) -- in all five (the headline names him in each)
  end)

  it("writes one JSON line per document with --format jsonl", function()
    local out, _, code = lede_run({ "summary", "seeds", "--format=jsonl" })
    assert.are.equal(0, code)
    local n = 0
    for line in out:gmatch("[^\n]+") do
      n = n + 1
      assert.are.equal(n, cjson.decode(line).index)
    end
    assert.are.equal(5, n)
  end)

  it("writes CSV with a header and quotes titles holding commas", function()
    local out, _, code = lede_run({ "summary", "seeds", "--format", "csv" })
    assert.are.equal(0, code)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal(6, #lines)
    assert.are.equal("index,name,source,title,date,url,bytes,tokens,sentences,paragraphs,warnings", lines[1])
    assert.matches('^1,seeds/000_1a22be602abbdbb3.txt,,Rubio and Witkoff Not Attending Ukraine Discussions '
      .. 'in London,,,2704,', lines[2])
    -- 002 has no headline line: its first line is a sentence with commas, quoted.
    assert.matches('^3,seeds/002_93b5036ae66e0d32.txt,,"US Secretary of State Marco Rubio will not attend '
      .. 'talks',
      lines[4])
  end)

  it("prints its generated help", function()
    local out, _, code = lede_run({ "summary", "--help" })
    assert.are.equal(0, code)
    assert.matches("^usage: lede summary PATH%.%.%. | %-%-db FILE %[options%]\n", out)
    assert.matches("  --top N          how many shared words to list (default: 15)\n", out, 1, true)
  end)

  it("reports a missing corpus with its path and exit 3", function()
    local out, err, code = lede_run({ "summary", "no/such/dir" })
    assert.are.equal("", out)
    assert.matches("^lede summary: .*no/such/dir", err)
    assert.are.equal(3, code)
  end)

  it("rejects bad arguments with exit 2", function()
    local cases = {
      { { "summary" }, "lede summary: no input: give PATH... or --db FILE (see lede summary --help)\n" },
      { { "summary", "seeds", "--format", "xml" },
        "lede summary: unknown format 'xml' (text, json, jsonl or csv) (see lede summary --help)\n" },
      { { "summary", "seeds", "--top", "many" },
        "lede summary: --top needs a number, not 'many' (see lede summary --help)\n" },
      { { "summary", "seeds", "--colour" },
        "lede summary: unknown option --colour (see lede summary --help)\n" },
      { { "summary", "seeds", "--top" }, "lede summary: --top needs a value (see lede summary --help)\n" },
      { { "summary", "seeds", "--db", "x.db" },
        "lede summary: give PATH... or --db FILE, not both (see lede summary --help)\n" },
    }
    for _, case in ipairs(cases) do
      local out, err, code = lede_run(case[1])
      assert.are.equal("", out)
      assert.are.equal(case[2], err)
      assert.are.equal(2, code)
    end
  end)

  it("reads standard input with -", function()
    local out, _, code = lede_run({ "summary", "-", "--format", "json" },
      "Rubio stayed home. Witkoff went.\n")
    assert.are.equal(0, code)
    local r = cjson.decode(out)
    assert.are.equal("<stdin>", r.documents[1].name)
    assert.are.equal(2, r.documents[1].sentences)
  end)
end)

describe("lede index", function()
  it("builds an index, extends it, and scripts read it with --db", function()
    local db = os.tmpname()
    os.remove(db)
    local out, _, code = lede_run({ "index", "seeds/000_1a22be602abbdbb3.txt", "--db", db })
    assert.are.equal(0, code)
    assert.are.equal(db .. ": 1 document read, 1 added, 1 in the index\n", out)
    out, _, code = lede_run({ "index", "seeds", "--db", db })
    assert.are.equal(0, code)
    assert.are.equal(db .. ": 5 documents read, 4 added, 5 in the index\n", out)
    out, _, code = lede_run({ "summary", "--db", db, "--format", "json" })
    assert.are.equal(0, code)
    assert.are.equal(16896, cjson.decode(out).totals.bytes)
    os.remove(db)
  end)

  it("keeps offsets into the file as given for repaired text read back with --db", function()
    -- A BOM and a decomposed é shift stored offsets by 3 and 1 bytes; the
    -- quote's offsets must point into the file either way.
    local dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir " .. dir))
    local file = dir .. "/repaired.txt"
    local f = assert(io.open(file, "wb"))
    f:write("\xEF\xBB\xBFCafe\xCC\x81 owner Ann Lee said: \u{201C}We stay open.\u{201D}\n")
    f:close()
    local db = dir .. "/x.db"
    local _, _, code = lede_run({ "index", file, "--db", db })
    assert.are.equal(0, code)
    local from_file = cjson.decode((lede_run({ "quotes", file, "--format", "jsonl", "--no-cross" })))
    local from_db = cjson.decode((lede_run({ "quotes", "--db", db, "--format", "jsonl", "--no-cross" })))
    assert.are.equal(33, from_file.start)
    assert.are.equal(46, from_file["end"])
    assert.are.equal(from_file.start, from_db.start)
    assert.are.equal(from_file["end"], from_db["end"])
    assert.are.equal("Ann Lee", from_db.speaker)
    os.execute("rm -r " .. dir)
  end)

  it("needs --db and a path", function()
    local _, err, code = lede_run({ "index", "seeds" })
    assert.are.equal(2, code)
    assert.matches("^lede index: %-%-db FILE is required\n", err)
    _, err, code = lede_run({ "index", "--db", "x.db" })
    assert.are.equal(2, code)
    assert.matches("^lede index: no PATH to index\n", err)
  end)

  it("reports a missing --db for a script with exit 3", function()
    local _, err, code = lede_run({ "summary", "--db", "no/such.db" })
    assert.are.equal(3, code)
    assert.are.equal("lede summary: no/such.db: no such index\n", err)
  end)
end)

describe("lede run", function()
  it("sets arg as lua does and passes the arguments to the chunk", function()
    local path = os.tmpname()
    support.write(path, "print(arg[0] == ..., select('#', ...), arg[1], arg[2], #arg, arg[-1])")
    local out, _, code = lede_run({ "run", path, path, "b" })
    assert.are.equal(0, code)
    assert.are.equal("true\t2\t" .. path .. "\tb\t2\trun\n", out)
    os.remove(path)
  end)

  it("reads the program from standard input with -", function()
    local out, _, code = lede_run({ "run", "-", "x" }, "print(..., #require('lede').tokenize('a b'))")
    assert.are.equal("x\t2\n", out)
    assert.are.equal(0, code)
  end)

  it("has the lede module preloaded", function()
    local path = os.tmpname()
    support.write(path, "local lede = require 'lede'; print(#assert(lede.load('seeds')))")
    local out, _, code = lede_run({ "run", path })
    assert.are.equal("5\n", out)
    assert.are.equal(0, code)
    os.remove(path)
  end)

  it("reports an error with a traceback and exit 1", function()
    local path = os.tmpname()
    support.write(path, "local function f() error('boom') end\nf()\n")
    local _, err, code = lede_run({ "run", path })
    assert.are.equal(1, code)
    assert.matches("^lede run: " .. path:gsub("%p", "%%%0") .. ":1: boom\nstack traceback:", err)
    os.remove(path)
  end)

  it("reports a missing file with exit 3 and no file with exit 2", function()
    local _, err, code = lede_run({ "run", "no/such.lua" })
    assert.are.equal(3, code)
    assert.are.equal("lede run: cannot open no/such.lua\n", err)
    _, err, code = lede_run({ "run" })
    assert.are.equal(2, code)
    assert.matches("^usage: lede run FILE.lua", err)
  end)

  it("stops on SIGINT (Ctrl-C) with exit 130", function()
    local path = os.tmpname()
    support.write(path, "io.stdout:write('started\\n'); io.stdout:flush(); while true do end")
    local errpath = os.tmpname()
    -- --foreground: plain `timeout` signals the child and then its process
    -- group, so lede would get two SIGINTs, and the second (as in lua.c)
    -- kills at once without the message.
    local p = assert(io.popen(string.format("timeout --foreground --preserve-status -s INT 1 %s run %s 2>%s",
      support.shell_quote(support.bin), support.shell_quote(path), support.shell_quote(errpath))))
    local out = p:read("a")
    local _, _, code = p:close()
    assert.are.equal("started\n", out)
    assert.are.equal(130, code)
    assert.are.equal("lede run: interrupted\n", support.read(errpath))
    os.remove(path)
    os.remove(errpath)
  end)

  it("exits with the status os.exit gives", function()
    local path = os.tmpname()
    support.write(path, "os.exit(7)")
    local _, _, code = lede_run({ "run", path })
    assert.are.equal(7, code)
    os.remove(path)
  end)
end)

describe("a bundled script's input", function()
  it("reports the loader's repairs on standard error", function()
    local path = os.tmpname()
    support.write(path, "Price \xA35 today.\n")
    local out, err, code = support.lede({ "summary", path })
    assert.are.equal(0, code)
    assert.is_true(#out > 0)
    assert.are.equal("warning: " .. path .. ": byte 6: invalid UTF-8 byte 0xA3 replaced by U+FFFD\n", err)
    os.remove(path)
  end)

  it("refuses input that yields no document with exit 3", function()
    local path = os.tmpname() -- empty
    local out, err, code = support.lede({ "summary", path })
    assert.are.equal("", out)
    assert.are.equal("warning: " .. path .. ": byte 0: empty file; skipped\n"
      .. "lede summary: no documents in " .. path .. " (empty or refused files only)\n", err)
    assert.are.equal(3, code)
    os.remove(path)
  end)
end)

describe("lede help", function()
  it("explains each command and each script", function()
    for _, cmd in ipairs({ "run", "scripts", "repl", "index" }) do
      local out, _, code = lede_run({ "help", cmd })
      assert.are.equal(0, code)
      assert.matches("^usage: lede " .. cmd, out)
    end
    local out, _, code = lede_run({ "help", "summary" })
    assert.are.equal(0, code)
    assert.matches("^usage: lede summary", out)
  end)
end)
