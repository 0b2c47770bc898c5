-- lede repl fed through a pipe: no terminal, so no line editing, but the
-- same evaluation: expressions print, statements run, incomplete input
-- continues, errors are reported and survived.
local support = dofile("tests/spec/support.lua")

-- Run the REPL on these lines; returns stdout, stderr, exit code.
local function repl(lines, args)
  local argv = { "repl" }
  for _, a in ipairs(args or {}) do argv[#argv + 1] = a end
  return support.lede(argv, table.concat(lines, "\n") .. "\n")
end

describe("lede repl", function()
  it("starts with the seeds loaded and says so in its banner", function()
    local out, err, code = repl({ "#corpus" })
    assert.are.equal(0, code)
    assert.are.equal("", err)
    assert.are.equal('lede 0.1.0 (Lua 5.4): corpus = lede.load("seeds") (5 documents)\n5\n', out)
  end)

  it("loads the corpus named on the command line", function()
    local out = repl({ "#corpus", "corpus:doc(1).name" }, { "seeds/002_93b5036ae66e0d32.txt" })
    assert.are.equal('lede 0.1.0 (Lua 5.4): corpus = lede.load("seeds/002_93b5036ae66e0d32.txt") '
      .. '(1 document)\n'
      .. "1\nseeds/002_93b5036ae66e0d32.txt\n", out)
  end)

  it("prints bare expressions and =expr, and runs statements silently", function()
    local out = repl({ "=1 + 1", "x = 20", "x + 1", "'text'", "nil", "1, 'a'" })
    assert.are.equal("2\n21\ntext\nnil\n1\ta\n", (out:gsub("^[^\n]*\n", "")))
  end)

  it("prints tables readably", function()
    local out = repl({ "{1, 2, name = 'x', nested = {a = true}}" })
    assert.are.equal('{ 1, 2, name = "x", nested = { a = true } }\n', (out:gsub("^[^\n]*\n", "")))
  end)

  it("continues an incomplete statement on the next lines", function()
    local out, err = repl({ "function twice(n)", "  return 2 * n", "end", "twice(21)", "1 +", "", "2" })
    assert.are.equal("", err)
    assert.are.equal("42\n3\n", (out:gsub("^[^\n]*\n", "")))
  end)

  it("reports errors and carries on", function()
    local out, err, code = repl({ "error('boom')", "x = = 1", "nil .. 1", "=3" })
    assert.are.equal(0, code)
    assert.are.equal("3\n", (out:gsub("^[^\n]*\n", "")))
    local lines = {}
    for line in err:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal("stdin:1: boom", lines[1])
    assert.are.equal("stdin:1: unexpected symbol near '='", lines[2])
    assert.matches("attempt to concatenate a nil value", lines[3], 1, true)
    assert.are.equal(3, #lines)
  end)

  it("survives error objects that are not strings and values that fail to print", function()
    local out, err, code = repl({ "error({code = 7})",
      "setmetatable({}, {__pairs = function() error('no') end})", "=1" })
    assert.are.equal(0, code)
    assert.are.equal("1\n", (out:gsub("^[^\n]*\n", "")))
    local lines = {}
    for line in err:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal("error object: { code = 7 }", lines[1])
    assert.are.equal("stdin:1: no", lines[2])
  end)

  it("uses the lede API on the loaded corpus", function()
    local out = repl({ "corpus:doc(1):token(1).text", "tostring(corpus)", "lede.version" })
    assert.are.equal("Rubio\nlede.Corpus (5 documents)\n0.1.0\n", (out:gsub("^[^\n]*\n", "")))
  end)

  it("runs a bundled script on the corpus with script()", function()
    local out = repl({ "r = script('summary')", "r.totals.documents" })
    assert.are.equal("5\n", (out:gsub("^[^\n]*\n", "")))
  end)

  it("leaves on .quit and knows .help", function()
    local out = repl({ ".help", ".quit", "=1" })
    assert.matches("Tab completes names and methods", out, 1, true)
    assert.is_nil(out:find("\n1\n"))
  end)

  it("starts on an index with --db and reports a missing one with exit 3", function()
    local _, err, code = repl({ "#corpus" }, { "--db", "no/such.db" })
    assert.are.equal(3, code)
    assert.are.equal("lede repl: no/such.db: no such index\n", err)
  end)
end)

describe("lede.repl.start", function()
  it("opens a REPL from a script with the script's variables", function()
    local path = os.tmpname()
    support.write(path,
      "local answer = 42\nrequire('lede.repl').start({ answer = answer })\nprint('after')\n")
    local out, err, code = support.lede({ "run", path, "-" }, "answer + 1\n")
    -- standard input feeds the REPL; the script carries on after it
    assert.are.equal(0, code)
    assert.are.equal("", err)
    assert.are.equal("lede 0.1.0 (Lua 5.4): started by a script with answer\n43\nafter\n", out)
    os.remove(path)
  end)
end)

describe("lede.repl completion", function()
  local repl_mod = require("lede.repl")
  local lede = require("lede")
  local env = setmetatable({ lede = lede, corpus = assert(lede.load("seeds")) }, { __index = _G })

  it("completes globals, module fields and methods", function()
    assert.are.same({ "corpus" }, repl_mod.complete("corp", env))
    assert.are.same({ "lede.load", "lede.load_string" }, repl_mod.complete("lede.loa", env))
    assert.are.same({ "corpus:doc", "corpus:docs" }, repl_mod.complete("corpus:do", env))
    assert.are.same({ "string.format" }, repl_mod.complete("string.form", env))
    assert.are.same({}, repl_mod.complete("nothing.here", env))
  end)
end)
