-- The pieces behind `--format` and script loading: the JSON and CSV
-- writers, the inspect printer, and the script checker and option parser.
local output = require("lede.output")
local inspect = require("lede.inspect")
local script = require("lede.script")
local lede = require("lede")

describe("lede.output.json", function()
  it("sorts keys and writes integers, floats, booleans and strings exactly", function()
    assert.are.equal('{"a":1,"b":0.5,"c":true,"d":"x\\"y","e":[1,2,3]}',
      output.json({ e = { 1, 2, 3 }, d = 'x"y', c = true, b = 0.5, a = 1 }))
  end)

  it("writes an empty table as [] and a lede.object as {}", function()
    assert.are.equal('{"list":[],"map":{}}', output.json({ list = {}, map = lede.object() }))
  end)

  it("keeps slashes and non-ASCII text readable", function()
    assert.are.equal('["seeds/000.txt","Kyiv’s","a\\\\/b"]',
      output.json({ "seeds/000.txt", "Kyiv’s", "a\\/b" }))
  end)

  it("writes a sparse or mixed table as an object with string keys", function()
    assert.are.equal('{"1":"a","3":"c"}', output.json({ [1] = "a", [3] = "c" }))
    assert.are.equal('{"1":"a","k":"v"}', output.json({ "a", k = "v" }))
  end)

  it("refuses values JSON cannot hold", function()
    local t = {}
    t.self = t
    assert.has_error(function() output.json(t) end, "cannot encode a table that contains itself as JSON")
    assert.has_error(function() output.json({ f = print }) end, "cannot encode a function as JSON")
    assert.has_error(function() output.json({ 0 / 0 }) end)
  end)
end)

describe("lede.output.csv", function()
  it("quotes fields with commas, quotes and line breaks, and doubles quotes", function()
    local csv = output.csv({
      { name = "a", title = 'He said "no", twice' },
      { name = "b", title = "two\nlines" },
      { name = "c" },
    }, { "name", "title" })
    assert.are.equal('name,title\na,"He said ""no"", twice"\nb,"two\nlines"\nc,\n', csv)
  end)

  it("takes its columns from the records when none are given", function()
    assert.are.equal("a,b,c\n1,2,\n,,3\n", output.csv({ { b = 2, a = 1 }, { c = 3 } }))
  end)

  it("writes nested values as JSON", function()
    assert.are.equal('in\n"[1,2]"\n', output.csv({ { ["in"] = { 1, 2 } } }))
  end)
end)

describe("lede.output.render", function()
  it("needs records for jsonl and csv", function()
    local out, err = output.render("csv", { total = 3 })
    assert.is_nil(out)
    assert.are.equal("this result has no records to write as csv (use --format json)", err)
    assert.are.equal('{"n":1}\n{"n":2}\n',
      output.render("jsonl", { rows = { { n = 1 }, { n = 2 } } }, nil, "rows"))
  end)

  it("prints the text, or the inspected result when there is none", function()
    assert.are.equal("hello\n", output.render("text", {}, "hello"))
    assert.are.equal("{ n = 1 }\n", output.render("text", { n = 1 }))
  end)
end)

describe("lede.inspect", function()
  it("prints short tables on one line with sorted keys", function()
    assert.are.equal('{ 1, "two", a = true, b = { c = 1 }, ["key with space"] = 2 }',
      inspect({ 1, "two", b = { c = 1 }, a = true, ["key with space"] = 2 }))
  end)

  it("indents long tables, marks cycles and cuts long ones short", function()
    local t = { name = string.rep("x", 70), more = string.rep("y", 20) }
    t.self = t
    assert.are.equal('{\n  more = "' .. string.rep("y", 20) .. '",\n  name = "' .. string.rep("x", 70)
      .. '",\n  self = <cycle>\n}', inspect(t))
    local long = {}
    for i = 1, 50 do long[i] = i end
    -- Array items share lines up to 80 columns; the first 40 items are shown.
    assert.are.equal("{\n  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,\n"
      .. "  23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,\n  … (10 more)\n}",
      inspect(long))
  end)

  it("escapes control characters and shows userdata by tostring", function()
    assert.are.equal('"a\\nb\\t\\001"', inspect("a\nb\t\1"))
    assert.are.equal("lede.Corpus (1 document)", inspect(lede.load_string("x")))
  end)
end)

describe("lede.script", function()
  it("accepts a well-formed script and fills in args", function()
    local spec = assert(script.check({ description = "d", run = function() end }, "x.lua"))
    assert.are.same({}, spec.args)
  end)

  it("lists every problem of a malformed script", function()
    local spec, err = script.check({
      description = "",
      run = "not a function",
      args = { { name = "format", help = "x" }, { name = "n" }, 5,
        { name = "n", help = "again", default = {} } },
      records = 3,
    }, "bad.lua")
    assert.is_nil(spec)
    assert.are.equal(table.concat({
      "bad.lua: not a valid lede script:",
      "  field 'description' is not a non-empty string (a one-line string for `lede scripts`)",
      "  field 'run' is a string, not a function (a function(corpus, args) returning result, text)",
      "  args[1] uses the reserved name 'format' (every script takes --db, --format, --help)",
      "  args[2] (n) has no 'help' string",
      "  args[3] is a number, not a table {name = …, help = …, default = …}",
      "  args[4] repeats the name 'n'",
      "  args[4] (n) has a default of type table (string, number or boolean)",
      "  field 'records' is a number (the name of the result field holding the records)",
    }, "\n"), err)
  end)

  it("parses options by the types of their defaults", function()
    local spec = assert(script.check({ description = "d", run = print, args = {
      { name = "top", help = "n", default = 10 },
      { name = "verbose", help = "v", default = false },
      { name = "colour", help = "c", default = true },
      { name = "label", help = "l", default = "x" },
    } }, "s.lua"))
    local o = assert(script.parse(spec, { "a", "--top=3", "--verbose", "--no-colour", "--label", "y", "b",
      "--format", "csv" }))
    assert.are.same({ "a", "b" }, o.paths)
    assert.are.same({ top = 3, verbose = true, colour = false, label = "y" }, o.args)
    assert.are.equal("csv", o.format)
    local _, err = script.parse(spec, { "a", "--verbose=yes" })
    assert.are.equal("--verbose takes no value", err)
    o = assert(script.parse(spec, { "--", "--odd-file-name" }))
    assert.are.same({ "--odd-file-name" }, o.paths)
    _, err = script.parse(spec, { "--db", "x.db", "a" })
    assert.are.equal("give PATH... or --db FILE, not both", err)
  end)
end)
