-- Reliability of the lede program as a user meets it: failing scripts say
-- file:line with a traceback and leave no partial output file, the REPL
-- survives every kind of error and Ctrl-C, output that cannot be written
-- is an error, and limits (memory, instructions, time, document size)
-- stop a run with a clear message and their exit code. The crash-safety
-- test of `lede index` is tests/c/test_crash.c; docs/reliability.md has
-- the table of what was tried.
local support = dofile("tests/spec/support.lua")
local lede_run = support.lede
local q = support.shell_quote
-- The program by an absolute path, for shell scripts that change directory.
local function absolute(path) return path:sub(1, 1) == "/" and path or (os.getenv("PWD") .. "/" .. path) end
local bin = absolute(support.bin)

-- A fresh temporary directory.
local function tmpdir()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir " .. q(dir)))
  return dir
end

-- The names in a directory, sorted (hidden ones too, without . and ..).
local function listing(dir)
  local p = assert(io.popen("ls -A " .. q(dir)))
  local names = {}
  for name in p:lines() do names[#names + 1] = name end
  p:close()
  table.sort(names)
  return names
end

-- The lines of a string.
local function lines_of(s)
  local t = {}
  for line in s:gmatch("[^\n]+") do t[#t + 1] = line end
  return t
end

-- Run the REPL on these input lines; returns stdout without the banner, stderr, code.
local function repl(lines)
  local out, err, code = lede_run({ "repl" }, table.concat(lines, "\n") .. "\n")
  return (out:gsub("^[^\n]*\n", "")), err, code
end

describe("a failing script", function()
  local dir
  before_each(function() dir = tmpdir() end)
  after_each(function() os.execute("rm -rf " .. q(dir)) end)

  it("reports file:line and a traceback of its own frames, and exits 1", function()
    local path = dir .. "/bad.lua"
    support.write(path, table.concat({
      "local function inner(t)",
      "  return t.missing.field",
      "end",
      "local function outer() return inner({}) + 1 end",
      "outer()",
    }, "\n") .. "\n")
    local out, err, code = lede_run({ "run", path })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    local l = lines_of(err)
    assert.are.equal("lede run: " .. path .. ":2: attempt to index a nil value (field 'missing')", l[1])
    assert.are.equal("stack traceback:", l[2])
    assert.are.equal("\t" .. path .. ":2: in upvalue 'inner'", l[3])
    assert.are.equal("\t" .. path .. ":4: in local 'outer'", l[4])
    assert.are.equal("\t" .. path .. ":5: in main chunk", l[5])
    assert.are.equal(5, #l) -- nothing of the program's own Lua (lede/cli.lua)
  end)

  it("shows an error object that is a table, or its __tostring", function()
    local _, err, code = lede_run({ "run", "-" }, "error({code = 7, why = 'no'})")
    assert.are.equal(1, code)
    assert.are.equal('lede run: error object: { code = 7, why = "no" }', lines_of(err)[1])
    _, err = lede_run({ "run", "-" }, "error(setmetatable({}, {__tostring = function() return 'mine' end}))")
    assert.are.equal("lede run: mine", lines_of(err)[1])
    _, err = lede_run({ "run", "-" }, "error(setmetatable({}, {__tostring = function() error('x') end}))")
    assert.are.equal("lede run: error object: a table value", lines_of(err)[1])
    _, err, code = lede_run({ "run", "-" }, "error()")
    assert.are.equal(1, code)
    assert.are.equal("lede run: error object: nil", lines_of(err)[1])
  end)

  it("raised without a position (error(msg, 0)) is a message for the user: no traceback", function()
    local _, err, code = lede_run({ "run", "-" },
      "local function check() error('give a --name', 0) end\ncheck()\n")
    assert.are.equal(1, code)
    assert.are.equal("lede run: give a --name\n", err)
  end)

  it("reports a stack overflow with a shortened traceback", function()
    local _, err, code = lede_run({ "run", "-" }, "local function f() return 1 + f() end\nf()\n")
    assert.are.equal(1, code)
    local l = lines_of(err)
    assert.matches("^lede run: stdin:1: stack overflow", l[1])
    assert.matches("^\t%.%.%.\t%(skipping %d+ levels%)$", err:match("\n(\t%.%.%.[^\n]*)"))
    assert.are.equal("\tstdin:2: in main chunk", l[#l])
    assert.is_true(#l < 30)
  end)

  it("leaves no output file with --output, and writes it whole on success", function()
    local bad = dir .. "/bad.lua"
    support.write(bad, "print('line 1')\nio.write('line 2\\n')\nlocal t = nil\nprint(t.x)\n")
    local out, err, code = lede_run({ "run", "--output", dir .. "/out.txt", bad })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.matches("^lede run: " .. bad:gsub("%p", "%%%0") .. ":4: attempt to index a nil value", err)
    assert.are.same({ "bad.lua" }, listing(dir)) -- neither out.txt nor a temporary file

    local good = dir .. "/good.lua"
    support.write(good, "print('line 1')\nio.write('line 2\\n')\n")
    out, err, code = lede_run({ "run", "--output=" .. dir .. "/out.txt", good })
    assert.are.equal(0, code)
    assert.are.equal("", out .. err)
    assert.are.equal("line 1\nline 2\n", support.read(dir .. "/out.txt"))
    assert.are.same({ "bad.lua", "good.lua", "out.txt" }, listing(dir))
  end)

  it("keeps --output by the status given to os.exit", function()
    local _, _, code = lede_run({ "run", "--output", dir .. "/a.txt", "-" }, "print('a') os.exit(3)")
    assert.are.equal(3, code)
    _, _, code = lede_run({ "run", "--output", dir .. "/b.txt", "-" }, "print('b') os.exit(true)")
    assert.are.equal(0, code)
    assert.are.same({ "b.txt" }, listing(dir))
    assert.are.equal("b\n", support.read(dir .. "/b.txt"))
  end)

  it("replaces an existing output file only on success", function()
    support.write(dir .. "/out.txt", "the old result\n")
    local _, _, code = lede_run({ "run", "--output", dir .. "/out.txt", "-" }, "print('new') error('late')")
    assert.are.equal(1, code)
    assert.are.equal("the old result\n", support.read(dir .. "/out.txt"))
    _, _, code = lede_run({ "run", "--output", dir .. "/out.txt", "-" }, "print('new')")
    assert.are.equal(0, code)
    assert.are.equal("new\n", support.read(dir .. "/out.txt"))
  end)

  it("says when --output cannot be created", function()
    local _, err, code = lede_run({ "run", "--output", dir .. "/no/such/dir/x.txt", "-" }, "print(1)")
    assert.are.equal(1, code)
    assert.are.equal("lede run: " .. dir .. "/no/such/dir/x.txt: No such file or directory\n", err)
    _, err, code = lede_run({ "run", "--output" })
    assert.are.equal(2, code)
    assert.are.equal("lede run: --output needs a FILE\n", err)
  end)

  it("in a bundled script: file:line, traceback, exit 1, no --output file", function()
    support.write(dir .. "/broken_run.lua", table.concat({
      "local function words(d)",
      "  return #d + d.no_such_field.n",
      "end",
      "return { description = 'fails at run time', run = function(corpus)",
      "  local n = 0",
      "  for _, d in corpus:docs() do n = n + words(d) end",
      "  return { n = n }",
      "end }",
    }, "\n") .. "\n")
    local argv = { "broken_run", "seeds", "--format", "json", "--output", dir .. "/r.json" }
    local out, err, code = lede_run(argv, nil, "LEDE_SCRIPTS=" .. q(dir))
    assert.are.equal(1, code)
    assert.are.equal("", out)
    local script = dir .. "/broken_run.lua"
    local l = lines_of(err)
    assert.are.equal("lede broken_run: " .. script
      .. ":2: attempt to index a nil value (field 'no_such_field')", l[1])
    assert.are.equal("stack traceback:", l[2])
    assert.are.equal("\t" .. script .. ":2: in upvalue 'words'", l[3])
    assert.are.equal("\t" .. script .. ":6: in function <" .. script .. ":4>", l[4])
    assert.are.equal(4, #l)
    assert.are.same({ "broken_run.lua" }, listing(dir))
  end)

  it("a bundled script writes --output whole", function()
    local out, err, code = lede_run({ "summary", "seeds", "--format", "csv", "--output", dir .. "/s.csv" })
    assert.are.equal(0, code)
    assert.are.equal("", out .. err)
    local csv = support.read(dir .. "/s.csv")
    assert.are.equal(6, #lines_of(csv)) -- a header and the five seeds
    assert.are.same({ "s.csv" }, listing(dir))
  end)
end)

describe("output that cannot be written", function()
  it("is an error, not a silent loss (a full disk: /dev/full)", function()
    local p = io.open("/dev/full", "w")
    if not p then return end -- no /dev/full on this system
    p:close()
    local cmd = string.format("%s summary seeds 2>&1 >/dev/full", q(bin))
    local pipe = assert(io.popen(cmd .. "; echo $?"))
    local result = pipe:read("a")
    pipe:close()
    assert.are.equal("lede: cannot write the output: No space left on device\n1\n", result)
    pipe = assert(io.popen(string.format("echo 'print(1)' | %s run - 2>&1 >/dev/full; echo $?", q(bin))))
    result = pipe:read("a")
    pipe:close()
    assert.are.equal("lede: cannot write the output: No space left on device\n1\n", result)
  end)
end)

describe("the REPL survives", function()
  it("syntax errors, runtime errors and errors raised with any value", function()
    local out, err, code = repl({ "x = = 1", "nil + 1", "error('plain')", "error('no position', 0)",
      "error({1, 2})", "error()", "error(setmetatable({}, {__tostring = function() error('bad') end}))",
      "=1" })
    assert.are.equal(0, code)
    assert.are.equal("1\n", out)
    assert.are.same({
      "stdin:1: unexpected symbol near '='",
      "stdin:1: attempt to perform arithmetic on a nil value",
      "stdin:1: plain",
      "no position",
      "error object: { 1, 2 }",
      "error object: nil",
      "error object is not a string", -- its __tostring fails, and inspect uses it
    }, lines_of(err))
  end)

  it("errors in __tostring, __index and __len while printing or computing", function()
    local out, err, code = repl({
      "bad = setmetatable({}, {__tostring = function() error('in tostring') end,"
        .. " __index = function() error('in index') end, __len = function() error('in len') end})",
      "print(bad)", "tostring(bad)", "bad.x", "#bad", "=2" })
    assert.are.equal(0, code)
    assert.are.equal("2\n", out)
    assert.are.same(
      { "stdin:1: in tostring", "stdin:1: in tostring", "stdin:1: in index", "stdin:1: in len" },
      lines_of(err))
  end)

  it("errors inside coroutines, wrapped or resumed", function()
    local out, err, code = repl({
      "coroutine.wrap(function() error('in wrap') end)()",
      "coroutine.resume(coroutine.create(function() error('in resume') end))",
      "co = coroutine.wrap(function() coroutine.yield(1) error({from = 'co'}) end)",
      "co()", "co()", "co()", "=3" })
    assert.are.equal(0, code)
    assert.are.equal("false\tstdin:1: in resume\n1\n3\n", out)
    -- coroutine.wrap adds the position of the call to a string error, as in lua5.4
    assert.are.same({ "stdin:1: stdin:1: in wrap", "error object: { from = \"co\" }",
      "stdin:1: cannot resume dead coroutine" }, lines_of(err))
  end)

  it("a stack overflow and a string too large to make", function()
    local out, err, code = repl({ "function f() return 1 + f() end", "f()", "string.rep('x', 1 << 40)",
      "=4" })
    assert.are.equal(0, code)
    assert.are.equal("4\n", out)
    local l = lines_of(err)
    assert.matches("^stdin:1: stack overflow", l[1])
    assert.are.equal("stdin:1: resulting string too large", l[2])
    assert.are.equal(2, #l)
  end)

  it("Ctrl-C during an evaluation, and carries on", function()
    local dir = tmpdir()
    -- The input waits for the interrupt before sending its next line.
    local script = string.format([[
cd %s || exit 9
( printf 'print("looping") io.stdout:flush() while true do end\n'
  while [ ! -f killed ]; do sleep 0.05; done
  printf '=6*7\n' ) | %s repl %s >out 2>err &
pid=$!
for i in $(seq 200); do grep -q looping out 2>/dev/null && break; sleep 0.05; done
kill -INT $pid
touch killed
wait $pid
echo $? >code
]], q(dir), q(bin), q(absolute(support.source) .. "/seeds"))
    assert(os.execute(script))
    assert.are.equal("0\n", support.read(dir .. "/code"))
    assert.are.equal("looping\n42\n", (support.read(dir .. "/out"):gsub("^[^\n]*\n", "")))
    assert.are.equal("interrupted!\n", support.read(dir .. "/err"))
    os.execute("rm -rf " .. q(dir))
  end)
end)

describe("Ctrl-C in lede run", function()
  it("stops the script with exit 130 and leaves no --output file", function()
    local dir = tmpdir()
    local script = string.format([[
cd %s || exit 9
printf 'print("looping") io.stdout:flush() while true do end\n' >loop.lua
%s run loop.lua >out 2>err &
pid=$!
for i in $(seq 200); do grep -q looping out 2>/dev/null && break; sleep 0.05; done
kill -INT $pid
wait $pid
echo $? >code
%s run --output result.txt loop.lua 2>err2 &
pid=$!
for i in $(seq 200); do ls -A | grep -q '^\.result' && break; sleep 0.05; done
sleep 0.2
kill -INT $pid
wait $pid
echo $? >code2
]], q(dir), q(bin), q(bin))
    assert(os.execute(script))
    assert.are.equal("lede run: interrupted\n", support.read(dir .. "/err"))
    assert.are.equal("looping\n", support.read(dir .. "/out"))
    assert.are.equal("130\n", support.read(dir .. "/code"))
    assert.are.equal("130\n", support.read(dir .. "/code2"))
    assert.are.equal("lede run: interrupted\n", support.read(dir .. "/err2"))
    assert.are.same({ "code", "code2", "err", "err2", "loop.lua", "out" }, listing(dir))
    os.execute("rm -rf " .. q(dir))
  end)
end)

describe("limits on scripts", function()
  it("--max-memory stops a script that allocates without end, with exit 5", function()
    local out, err, code = lede_run({ "run", "--max-memory", "20", "-" },
      "local t = {}\nfor i = 1, 1e9 do t[i] = { i } end\n")
    assert.are.equal(5, code)
    assert.are.equal("", out)
    assert.are.equal("lede run: memory limit of 20 MB exceeded (--max-memory)\n", err)
  end)

  it("--max-instructions stops an endless loop at its line, with a traceback and exit 5", function()
    local _, err, code = lede_run({ "--max-instructions", "1e6", "run", "-" },
      "local n = 0\nwhile true do\n  n = n + 1\nend\n")
    assert.are.equal(5, code)
    local l = lines_of(err)
    assert.matches("^lede run: stdin:[23]: instruction limit of 1000000 exceeded %(%-%-max%-instructions%)$",
      l[1])
    assert.are.equal("stack traceback:", l[2])
  end)

  it("--timeout stops a script after its seconds, with exit 5", function()
    local start = os.time()
    local _, err, code = lede_run({ "run", "--timeout=0.3", "-" }, "while true do end\n")
    assert.are.equal(5, code)
    assert.matches("^lede run: stdin:1: time limit of 0.3 s exceeded %(%-%-timeout%)\n", err)
    assert.is_true(os.time() - start <= 5)
  end)

  it("also count inside coroutines and cannot be swallowed by pcall", function()
    local _, err, code = lede_run({ "run", "--max-instructions", "1e5", "-" },
      "local co = coroutine.wrap(function() while true do end end)\n"
        .. "while true do pcall(co) end\n")
    assert.are.equal(5, code)
    assert.matches("instruction limit of 100000 exceeded", err, 1, true)
  end)

  it("stop a bundled script, which then writes no --output file", function()
    local dir = tmpdir()
    support.write(dir .. "/spin.lua",
      "return { description = 'never ends', run = function() while true do end end }\n")
    local argv = { "spin", "seeds", "--max-instructions", "1e6", "--output", dir .. "/r.txt" }
    local _, err, code = lede_run(argv, nil, "LEDE_SCRIPTS=" .. q(dir))
    assert.are.equal(5, code)
    local script = (dir .. "/spin.lua"):gsub("%p", "%%%0")
    assert.matches("^lede spin: " .. script .. ":1: instruction limit of 1000000", err)
    assert.are.same({ "spin.lua" }, listing(dir))
    os.execute("rm -rf " .. q(dir))
  end)

  it("apply to each REPL evaluation, and the session survives them", function()
    local out, err, code = lede_run({ "repl", "--max-memory", "30", "--max-instructions", "1e7" },
      table.concat({ "while true do end", "t = {} for i = 1, 1e9 do t[i] = {} end", "t = nil",
        "n = 0 for i = 1, 1e5 do n = n + i end", "=n", "#corpus" }, "\n") .. "\n")
    assert.are.equal(0, code)
    assert.are.equal("5000050000\n5\n", (out:gsub("^[^\n]*\n", "")))
    assert.are.same({ "stdin:1: instruction limit of 10000000 exceeded (--max-instructions)",
      "memory limit of 30 MB exceeded (--max-memory)" }, lines_of(err))
  end)

  it("count only the REPL's evaluations, not the REPL itself between them", function()
    -- after a stopped loop, and after idling past --timeout, thousands of lines that never
    -- reach evaluation (syntax errors) run the REPL's own Lua: no budget may stop it
    local lines = { "while true do end" }
    for i = 2, 3001 do lines[i] = "x = = 1" end
    lines[#lines + 1] = "=2"
    local input = table.concat(lines, "\n") .. "\n"
    local out, err, code = lede_run({ "repl", "--max-instructions", "1e5" }, input)
    assert.are.equal(0, code)
    assert.are.equal("2\n", (out:gsub("^[^\n]*\n", "")))
    assert.are.equal(3001, #lines_of(err))
    local script = string.format("(echo 1; sleep 0.6; i=0; while [ $i -lt 3000 ]; do echo 'x = = 1';"
      .. " i=$((i+1)); done; echo '=2') | %s repl --timeout 0.3 %s 2>/dev/null",
      q(bin), q(absolute(support.source) .. "/seeds"))
    local p = assert(io.popen(script))
    out = p:read("a")
    local ok = p:close()
    assert.is_true(ok)
    assert.are.equal("1\n2\n", (out:gsub("^[^\n]*\n", "")))
  end)

  it("are read and set from Lua with lede.limits", function()
    local out, err, code = lede_run({ "run", "--max-memory", "64", "-" }, [[
local lede = require("lede")
local l = lede.limits()
print(l.memory, l.memory_used > 0 and l.memory_used < l.memory, l.instructions, l.time)
lede.limits({ memory = 8 * 1024 * 1024 })
local ok, err = pcall(function() local t = {} for i = 1, 1e8 do t[i] = i end end)
print(ok, err)
lede.limits({ memory = false, instructions = 1e5 })
ok, err = pcall(function() while true do end end)
print(ok, (err:gsub("^stdin:%d+: ", "")))
print(lede.limits().instructions_used > 1e5)
]])
    assert.are.equal("", err)
    assert.are.equal(0, code)
    assert.are.equal("67108864\ttrue\t0\t0.0\nfalse\tnot enough memory\n"
      .. "false\tinstruction limit of 100000 exceeded (--max-instructions)\ntrue\n", out)
  end)

  it("refuse values that are not numbers, and leave a script's own arguments alone", function()
    local _, err, code = lede_run({ "--max-memory", "lots", "summary", "seeds" })
    assert.are.equal(2, code)
    assert.are.equal("lede: --max-memory needs a number of megabytes, not 'lots'\n", err)
    _, err, code = lede_run({ "summary", "seeds", "--timeout" })
    assert.are.equal(2, code)
    assert.are.equal("lede: --timeout needs a value\n", err)
    local out
    out, err, code = lede_run({ "run", "-", "--timeout", "5", "--max-memory=1" }, "print(...)")
    assert.are.equal(0, code)
    assert.are.equal("", err)
    assert.are.equal("--timeout\t5\t--max-memory=1\n", out)
  end)
end)

describe("document size and big inputs", function()
  local dir
  before_each(function() dir = tmpdir() end)
  after_each(function() os.execute("rm -rf " .. q(dir)) end)

  it("--max-doc-bytes refuses a larger file, JSON Lines record or standard input, with exit 3", function()
    local _, err, code = lede_run({ "summary", "seeds/000_1a22be602abbdbb3.txt", "--max-doc-bytes", "1K" })
    assert.are.equal(3, code)
    assert.are.equal("lede summary: seeds/000_1a22be602abbdbb3.txt: 2704 bytes, larger than the maximum "
      .. "document size (1024 bytes; see --max-doc-bytes)\n", err)
    support.write(dir .. "/a.jsonl", '{"text": "short"}\n{"text": "' .. string.rep("word ", 300) .. '"}\n')
    _, err, code = lede_run({ "index", dir .. "/a.jsonl", "--db", dir .. "/x.db", "--max-doc-bytes=1k" })
    assert.are.equal(3, code)
    assert.are.equal("lede index: " .. dir .. "/a.jsonl:2: line larger than the maximum document size "
      .. "(1024 bytes; see --max-doc-bytes)\n", err)
    _, err, code = lede_run({ "summary", "-", "--max-doc-bytes", "1K" }, string.rep("word ", 300))
    assert.are.equal(3, code)
    assert.are.equal("lede summary: <stdin>: input larger than the maximum document size (1024 bytes; "
      .. "see --max-doc-bytes)\n", err)
  end)

  it("a 200 MB single-line file is refused by size before it is read (a sparse file)", function()
    local path = dir .. "/big.txt"
    local f = assert(io.open(path, "wb"))
    f:seek("set", 200 * 1024 * 1024 - 1)
    f:write("\n")
    f:close()
    local _, err, code = lede_run({ "summary", path })
    assert.are.equal(3, code)
    assert.are.equal("lede summary: " .. path .. ": 209715200 bytes, larger than the maximum document size "
      .. "(67108864 bytes; see --max-doc-bytes)\n", err)
  end)

  it("a single line of 2.8 MB loads and tokenizes", function()
    local path = dir .. "/line.txt"
    support.write(path, string.rep("word and more words", 150000))
    local out, err, code = lede_run({ "run", "-", path },
      "local d = assert(require('lede').load(arg[1])):doc(1)\nprint(d.bytes, #d, d:nsentences())")
    assert.are.equal("", err)
    assert.are.equal(0, code)
    assert.are.equal("2850000\t450001\t1\n", out)
  end)

  it("a directory of 100,000 files loads in bounded memory", function()
    -- hard links to four small articles: 100,000 directory entries made in a second
    for k = 1, 4 do
      support.write(string.format("%s/src%d", dir, k), "Article " .. k .. ". The council met.\n")
    end
    assert(os.execute("mkdir " .. q(dir .. "/many")))
    local perl = [[for (0..99999) { link("../src" . (1 + $_ % 4), sprintf("%06d.txt", $_)) or die $! }]]
    assert(os.execute("cd " .. q(dir .. "/many") .. " && perl -e " .. q(perl)))
    local out, err, code = lede_run({ "run", "-", dir .. "/many" }, [[
local c = assert(require("lede").load(arg[1]))
local status = io.open("/proc/self/status"):read("a")
print(#c, c:doc(100000).name:match("[^/]+$"), #c:warnings(), tonumber(status:match("VmHWM:%s*(%d+)")) // 1024)
]])
    assert.are.equal("", err)
    assert.are.equal(0, code)
    local n, last, warnings, peak_mb = out:match("^(%d+)\t(%S+)\t(%d+)\t(%d+)\n$")
    assert.are.equal("100000", n)
    assert.are.equal("099999.txt", last)
    assert.are.equal("0", warnings)
    assert.is_true(tonumber(peak_mb) < 400, "peak resident memory " .. peak_mb .. " MB")
  end)
end)

describe("a damaged index", function()
  local dir
  before_each(function() dir = tmpdir() end)
  after_each(function() os.execute("rm -rf " .. q(dir)) end)

  it("cut short is refused with SQLite's words and exit 3", function()
    local db = dir .. "/x.db"
    local _, _, code = lede_run({ "index", "seeds", "--db", db })
    assert.are.equal(0, code)
    assert(os.execute("truncate -s 40000 " .. q(db)))
    local out, err
    out, err, code = lede_run({ "summary", "--db", db })
    assert.are.equal(3, code)
    assert.are.equal("", out)
    assert.are.equal("lede summary: " .. db .. ": cannot read: database disk image is malformed\n", err)
  end)

  it("with a corrupt token table names the document, and stops the script with exit 1", function()
    if not os.execute("command -v sqlite3 >/dev/null") then return end -- needs the sqlite3 program
    local db = dir .. "/x.db"
    lede_run({ "index", "seeds", "--db", db })
    assert(os.execute("sqlite3 " .. q(db) .. " \"UPDATE documents SET tokens = x'0102' WHERE id = 2\""))
    local out, err, code = lede_run({ "summary", "--db", db })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.matches(db:gsub("%p", "%%%0") .. ": document 2: corrupt token table\n", err)
  end)
end)

describe("SIGTERM during lede run --output", function()
  it("removes the temporary file and dies of the signal (exit 143)", function()
    local dir = tmpdir()
    local script = string.format([[
cd %s || exit 9
printf 'print("looping") io.stdout:flush() while true do end\n' >loop.lua
%s run --output result.txt loop.lua 2>err &
pid=$!
for i in $(seq 200); do ls -A | grep -q '^\.result' && break; sleep 0.05; done
sleep 0.2
kill -TERM $pid
wait $pid
echo $? >code
]], q(dir), q(bin))
    assert(os.execute(script))
    assert.are.equal("143\n", support.read(dir .. "/code"))
    assert.are.same({ "code", "err", "loop.lua" }, listing(dir))
    os.execute("rm -rf " .. q(dir))
  end)
end)
