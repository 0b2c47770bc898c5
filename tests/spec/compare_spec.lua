-- The compare script and the reuse bindings on the seeds, against the
-- relations read by hand in ../shared/gold/seed-relations.json (written
-- here as literals, so the spec needs nothing outside the repository), and
-- the command line's answers to good and bad input.
local lede = require("lede")
local cjson = require("cjson")
local support = dofile("tests/spec/support.lua")

local S0, S1, S2, S3, S4 = "seeds/000_1a22be602abbdbb3.txt", "seeds/001_c87360ce0d6ae7d5.txt",
  "seeds/002_93b5036ae66e0d32.txt", "seeds/003_eb122c8a95e99d45.txt", "seeds/004_1f2dff42aad0a96b.txt"

-- The gold relations (seed-relations.json).
local GOLD = {
  most_related = { { S2, S3 }, { S0, S1 } },
  derived = { { source = S2, derived = S3 }, { source = S0, derived = S1 } },
  variants = {
    { a = "Kiev", b = "Kyiv", docs_a = { S0 }, docs_b = { S2, S3, S4 } },
    { a = "Zelensky", b = "Zelenskyy", docs_a = { S2 }, docs_b = { S3, S4 } },
    { a = "recognize", b = "recognise", docs_a = { S2 }, docs_b = { S3 } },
  },
  unique_facts = {
    { doc = S2, phrase = "nine people were killed" },
    { doc = S2, phrase = "17 Ukrainian attack drones" },
    { doc = S0, phrase = "90%" },
    { doc = S0, phrase = "a lot of fakes" },
    { doc = S4, phrase = "100 days" },
    { doc = S4, phrase = "is being postponed" },
    { doc = S4, phrase = "Despite everything, we continue working for peace" },
  },
}

-- The JSON result of `lede compare seeds --format json`, computed once.
local result
local function compare_seeds()
  if not result then
    local out, err, code = support.lede({ "compare", "seeds", "--format", "json" })
    assert(code == 0, err)
    result = cjson.decode(out)
  end
  return result
end

-- The pair of two documents (in either order) and whether it is reversed.
local function pair_of(r, x, y)
  for _, p in ipairs(r.pairs) do
    if p.a == x and p.b == y then return p, false end
    if p.a == y and p.b == x then return p, true end
  end
  error("no pair " .. x .. " / " .. y)
end

-- Whether the list holds the value.
local function has(list, v)
  for _, x in ipairs(list) do if x == v then return true end end
  return false
end

describe("lede.overlap, lede.align, lede.candidates", function()
  local c = assert(lede.load("seeds"))

  it("gives the exact 5-gram overlap of 002 and 003 with lede's tokens", function()
    local ov = lede.overlap(c:doc(3), c:doc(4))
    assert.are.same({ 701, 587, 49 }, { ov.na, ov.nb, ov.shared })
    assert.are.equal(49 / (701 + 587 - 49), ov.jaccard)
    assert.are.equal(49 / 701, ov.a_in_b)
    assert.are.equal(49 / 587, ov.b_in_a)
    assert.are.equal(9, lede.overlap(c:doc(1), c:doc(2)).shared)
  end)

  it("aligns the spokesperson's quote of 000 and 004 as one verbatim passage at its bytes", function()
    local ps = lede.align(c:doc(1), c:doc(5))
    local quote
    for _, p in ipairs(ps) do if p.score == 1 then quote = p end end
    assert.are.equal(17, quote.equal)
    assert.are.equal("that is not a statement regarding the meetings; it’s a statement about "
      .. "logistical issues in his schedule", c:doc(1):slice(quote.a.start, quote.a.stop))
    assert.are.equal("That is not a statement regarding the meetings. It’s a statement about "
      .. "logistical issues in his schedule", c:doc(5):slice(quote.b.start, quote.b.stop))
    assert.are.same({ { kind = "equal", a = quote.a, b = quote.b } }, quote.edits)
  end)

  it("reports recognize/recognise as a substitute run in 002/003", function()
    local found = false
    for _, p in ipairs(lede.align(c:doc(3), c:doc(4))) do
      for _, e in ipairs(p.edits) do
        if e.kind == "substitute" and c:doc(3):slice(e.a.start, e.a.stop) == "recognize" then
          assert.are.equal("recognise", c:doc(4):slice(e.b.start, e.b.stop))
          found = true
        end
      end
    end
    assert.is_true(found)
  end)

  it("finds a copied article among the seeds and nothing else", function()
    assert.are.same({}, lede.candidates(c))
    local pairs_ = lede.candidates({ c:doc(1), c:doc(2), c:doc(3), c:doc(1) })
    assert.are.equal(1, #pairs_)
    local p = pairs_[1]
    assert.are.same({ 1, 4, 32, 1.0, 403, 403 }, { p.a, p.b, p.bands, p.jaccard, p.na, p.shared })
    assert.are.same({}, lede.candidates({ c:doc(1), c:doc(2), c:doc(1) }, { min_jaccard = 1.5 }))
  end)

  it("raises for a caller's mistakes", function()
    assert.has_error(function() lede.align(c:doc(1), "x") end)
    assert.has_error(function() lede.align(c:doc(1), c:doc(2), { anchor_n = 0 }) end,
      "bad argument #3 to 'align' (option 'anchor_n' must be an integer from 1 to 64)")
    assert.has_error(function() lede.align(c:doc(1), c:doc(2), { frob = 1 }) end,
      "bad argument #3 to 'align' (unknown option 'frob' "
        .. "(known: anchor_n, max_gap, min_passage, max_repeat))")
    assert.has_error(function() lede.candidates({ c:doc(1), 7 }) end,
      "bad argument #1 to 'candidates' (item 2 is a number, not a Document)")
    assert.has_error(function() lede.overlap(c:doc(1), c:doc(2), 0) end,
      "bad argument #3 to 'overlap' (n must be from 1 to 64)")
  end)
end)

describe("lede compare on the seeds", function()
  it("has the documented top-level fields and every pair's fields", function()
    local r = compare_seeds()
    assert.are.equal(5, #r.documents)
    assert.are.equal(10, #r.pairs)
    for k, p in ipairs(r.pairs) do
      assert.are.equal(k, p.rank)
      assert.is_true(p.relatedness >= 0 and p.relatedness <= 1)
      if k > 1 then assert.is_true(r.pairs[k - 1].relatedness >= p.relatedness) end
      local fields = { "a", "b", "jaccard", "a_in_b", "b_in_a", "cosine", "passages", "differences" }
      for _, field in ipairs(fields) do
        assert.is_not_nil(p[field], field)
      end
      assert.is_true(p.direction == cjson.null or type(p.direction) == "table")
    end
  end)

  it("ranks 002/003 and 000/001 as the two most related pairs", function()
    local r = compare_seeds()
    for k, gold in ipairs(GOLD.most_related) do
      assert.are.same(gold, { r.pairs[k].a, r.pairs[k].b })
      assert.is_true(r.pairs[k].related)
    end
    for k = 3, #r.pairs do assert.is_false(r.pairs[k].related) end
  end)

  it("sees 000/001 through rewording: few shared 5-grams, yet above 000/004", function()
    local r = compare_seeds()
    local p01, p04 = pair_of(r, S0, S1), pair_of(r, S0, S4)
    assert.are.equal(9, p01.shared_5grams)
    assert.are.equal(15, p04.shared_5grams)
    assert.is_true(p01.relatedness > p04.relatedness)
  end)

  it("never reverses a derivation: 003 from 002, 001 from 000, or undecided", function()
    local r = compare_seeds()
    for _, gold in ipairs(GOLD.derived) do
      local p = pair_of(r, gold.source, gold.derived)
      assert.is_table(p.evidence)
      if p.direction ~= cjson.null then assert.are.same(gold, p.direction) end
    end
  end)

  it("reports the spelling variants with the documents using each", function()
    local r = compare_seeds()
    for _, gold in ipairs(GOLD.variants) do
      local found
      for _, v in ipairs(r.variants) do
        if v.a == gold.a and v.b == gold.b then found = { docs_a = v.docs_a, docs_b = v.docs_b } end
        if v.a == gold.b and v.b == gold.a then found = { docs_a = v.docs_b, docs_b = v.docs_a } end
      end
      assert.are.same({ docs_a = gold.docs_a, docs_b = gold.docs_b }, found)
    end
  end)

  it("types recognize/recognise and (looks)/(I look) as changes inside a quote in 002/003", function()
    local p = pair_of(compare_seeds(), S2, S3)
    local spelling, look
    for _, d in ipairs(p.differences) do
      if d.a == "recognize" and d.b == "recognise" then spelling = d end
      if d.a:find("looks", 1, true) and d.b:find("I look", 1, true) then look = d end
    end
    assert.are.equal("spelling", spelling.type)
    assert.is_true(spelling.inside_quote)
    assert.is_true(look.inside_quote)
    assert.are.equal("changed", look.change)
  end)

  it("reports Witkoff's title rewritten in 003 (Middle East envoy / special envoy to the Middle East)",
    function()
    local p = pair_of(compare_seeds(), S2, S3)
    local added, dropped
    for _, d in ipairs(p.differences) do
      if d.type == "title" and d.change == "added" and d.b == "special envoy to the" then added = d end
      if d.type == "title" and d.change == "dropped" and d.a == "envoy" then dropped = d end
    end
    assert.is_table(added)
    assert.is_table(dropped)
    assert.are.equal("Trump’s Middle East envoy Steve Witkoff",
      support.read(S2):sub(dropped.a_span.start - 21, dropped.a_span["end"] + 14))
  end)

  it("shows 000/004 sharing the spokesperson's quote and little else", function()
    local p = pair_of(compare_seeds(), S0, S4)
    assert.is_false(p.related)
    local close = {}
    for _, ps in ipairs(p.passages) do
      if ps.label ~= "rewrite" then close[#close + 1] = ps end
    end
    assert.are.equal(1, #close)
    assert.are.equal("verbatim", close[1].label)
    assert.matches("^that is not a statement regarding the meetings; it’s a statement about", close[1].a.text)
    assert.matches("^That is not a statement regarding the meetings%. It’s", close[1].b.text)
    assert.is_true(p.reused_a < 0.15 and p.reused_b < 0.15)
    -- 000 quotes more of the spokesperson: up to "But" before the shared part.
    local dropped
    for _, d in ipairs(p.differences) do
      if d.type == "quote" and d.change == "dropped" and d.a:match("But$") then dropped = d end
    end
    assert.is_true(dropped.inside_quote)
    assert.matches("^Secretary Rubio is a busy man", dropped.a)
  end)

  it("attributes each unique fact to its source alone", function()
    local r = compare_seeds()
    local function holds(doc, phrase)
      for _, u in ipairs(doc.unique) do if u.text:find(phrase, 1, true) then return true end end
      for _, u in ipairs(doc.unique_details) do if u.text == phrase then return true end end
      return false
    end
    for _, gold in ipairs(GOLD.unique_facts) do
      for _, doc in ipairs(r.documents) do
        assert.are.equal(doc.name == gold.doc, holds(doc, gold.phrase), gold.phrase .. " in " .. doc.name)
      end
    end
  end)

  it("lists what a source omits that two others report", function()
    local r = compare_seeds()
    -- 000 and 004 both carry the spokesperson's quote; 001, 002, 003 do not.
    for _, doc in ipairs(r.documents) do
      local omits = false
      for _, o in ipairs(doc.omits) do
        if o.text:find("not a statement regarding the meetings", 1, true) then
          omits = true
          assert.are.same({ S0, S4 }, o.reported_by)
        end
      end
      assert.are.equal(has({ S1, S2, S3 }, doc.name), omits, doc.name)
    end
  end)

  it("puts the five articles in one story cluster", function()
    local r = compare_seeds()
    assert.are.equal(1, #r.clusters)
    assert.are.same({ S0, S1, S2, S3, S4 }, r.clusters[1].documents)
  end)
end)

describe("lede compare on the command line", function()
  it("writes the text report", function()
    local out, err, code = support.lede({ "compare", "seeds" })
    assert.are.equal(0, code)
    assert.are.equal("", err)
    assert.matches("^5 documents; all pairs compared; related from relatedness 0%.25\n", out)
    assert.matches("\n  %[3%]  %[4%]   0%.%d+%*", out)
    assert.matches("\n  Direction: ", out)
    assert.matches("\n    verbatim   1%.00  %[1%] bytes 720–826 ↔ %[5%] bytes 1166–1272", out)
    assert.matches("\n  Kiev %(%[1%]%) / Kyiv %(%[3%] %[4%] %[5%]%)  %[vocabulary%]\n", out)
    assert.matches("\nStory clusters %(1%):\n  1%. 5 articles: %[1%] %[2%] %[3%] %[4%] %[5%]\n$", out)
  end)

  it("gives the same JSON bytes on every run", function()
    local first = support.lede({ "compare", "seeds", "--format", "json" })
    local second = support.lede({ "compare", "seeds", "--format", "json" })
    assert.are.equal(first, second)
    assert.are.same(compare_seeds(), cjson.decode(first))
  end)

  it("writes one CSV row per pair", function()
    local out, _, code = support.lede({ "compare", "seeds", "--format", "csv" })
    assert.are.equal(0, code)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal(11, #lines)
    assert.matches("^rank,a,b,relatedness,related,jaccard,", lines[1])
    assert.matches("^1,seeds/002_93b5036ae66e0d32%.txt,seeds/003_eb122c8a95e99d45%.txt,", lines[2])
  end)

  it("takes the threshold of relatedness", function()
    local out, _, code = support.lede({ "compare", "seeds", "--format", "json", "--min-relatedness", "0.5" })
    assert.are.equal(0, code)
    local r = cjson.decode(out)
    assert.is_true(r.pairs[1].related)
    assert.is_false(r.pairs[2].related)
  end)

  it("compares two texts given on the command line and a JSON Lines file", function()
    local dir = os.tmpname()
    os.remove(dir)
    os.execute("mkdir " .. support.shell_quote(dir))
    local text = support.read(S0)
    support.write(dir .. "/a.jsonl", cjson.encode({ text = text, date = "2025-04-22" }) .. "\n"
      .. cjson.encode({ text = text:gsub("Kiev", "Kyiv"):gsub("90%%", "80%%"), date = "2025-04-23" }) .. "\n")
    local out, err, code = support.lede({ "compare", dir .. "/a.jsonl", "--format", "json" })
    assert.are.equal(0, code, err)
    local r = cjson.decode(out)
    local p = r.pairs[1]
    assert.is_true(p.relatedness > 0.9)
    assert.are.same({ source = p.a, derived = p.b }, p.direction)
    assert.are.equal("dates", p.evidence.decided_by)
    local types = {}
    for _, d in ipairs(p.differences) do types[#types + 1] = d.type .. ":" .. d.a .. ">" .. d.b end
    assert.are.same({ "spelling:Kiev>Kyiv", "spelling:Kiev>Kyiv", "spelling:Kiev>Kyiv", "number:90%>80%",
      "spelling:Kiev>Kyiv" }, types)
    os.execute("rm -r " .. support.shell_quote(dir))
  end)

  it("compares candidate pairs only above --all-pairs articles: 002/003 by their tf-idf cosine", function()
    local out, err, code = support.lede({ "compare", "seeds", "--format", "json", "--all-pairs", "4" })
    assert.are.equal(0, code, err)
    local r = cjson.decode(out)
    assert.are.equal("candidate pairs (word 5-gram MinHash/LSH, and tf-idf cosine)", r.compared)
    assert.are.equal(1, #r.pairs)
    assert.are.same({ S2, S3 }, { r.pairs[1].a, r.pairs[1].b })
    assert.are.equal(compare_seeds().pairs[1].relatedness, r.pairs[1].relatedness)
    out = support.lede({ "compare", "seeds", "--format", "json", "--all-pairs", "4", "--min-cosine", "0.65" })
    -- 002/003 0.804, 002/004 0.667, 000/001 0.658, 001/002 0.658, 000/002 0.656
    assert.are.equal(5, #cjson.decode(out).pairs)
  end)

  it("reads the documents of an index with --db", function()
    local db = os.tmpname()
    os.remove(db)
    local _, err, code = support.lede({ "index", "seeds", "--db", db })
    assert.are.equal(0, code, err)
    local out
    out, err, code = support.lede({ "compare", "--db", db, "--format", "json" })
    assert.are.equal(0, code, err)
    local r = cjson.decode(out)
    assert.are.same({ S2, S3 }, { r.pairs[1].a, r.pairs[1].b })
    assert.are.same({ S0, S1 }, { r.pairs[2].a, r.pairs[2].b })
    assert.are.equal(compare_seeds().pairs[1].relatedness, r.pairs[1].relatedness)
    os.remove(db)
  end)

  it("refuses a missing input with exit 3 and no input with exit 2", function()
    local out, err, code = support.lede({ "compare", "no/such/dir" })
    assert.are.equal("", out)
    assert.matches("^lede compare: no/such/dir", err)
    assert.are.equal(3, code)
    out, err, code = support.lede({ "compare" })
    assert.are.equal("", out)
    assert.matches("^lede compare: no input: give PATH%.%.%. or %-%-db FILE", err)
    assert.are.equal(2, code)
  end)

  it("refuses an unknown option and a bad number", function()
    local _, err, code = support.lede({ "compare", "seeds", "--frobnicate" })
    assert.are.equal(2, code)
    assert.matches("^lede compare: unknown option %-%-frobnicate", err)
    _, err, code = support.lede({ "compare", "seeds", "--min-relatedness", "lots" })
    assert.are.equal(2, code)
    assert.matches("min%-relatedness", err)
  end)

  it("refuses binary and malformed input, and input without documents, with exit 3", function()
    local dir = os.tmpname()
    os.remove(dir)
    os.execute("mkdir " .. support.shell_quote(dir))
    support.write(dir .. "/nul.txt", "a\0b")
    local out, err, code = support.lede({ "compare", dir .. "/nul.txt" })
    assert.are.equal("", out)
    assert.are.equal("lede compare: " .. dir .. "/nul.txt: byte 1: NUL byte; binary files are refused\n", err)
    assert.are.equal(3, code)
    support.write(dir .. "/bad.jsonl", '{"text": 5}\n')
    out, err, code = support.lede({ "compare", dir .. "/bad.jsonl" })
    assert.are.equal("", out)
    assert.are.equal("lede compare: " .. dir .. "/bad.jsonl:1: field \"text\" is not a string\n", err)
    assert.are.equal(3, code)
    os.remove(dir .. "/nul.txt")
    os.remove(dir .. "/bad.jsonl")
    out, err, code = support.lede({ "compare", dir })
    assert.are.equal("", out)
    assert.are.equal("lede compare: no documents in " .. dir .. " (empty or refused files only)\n", err)
    assert.are.equal(3, code)
    os.execute("rm -r " .. support.shell_quote(dir))
  end)

  it("says so when a corpus holds a single document", function()
    local out, err, code = support.lede({ "compare", S0 })
    assert.are.equal(0, code, err)
    assert.matches("^1 document; all pairs compared", out)
  end)
end)

describe("compare/derivation.lua", function()
  local derivation = assert(loadfile("scripts/compare/derivation.lua"))(function(name)
    return assert(loadfile("scripts/compare/" .. name .. ".lua"))()
  end)

  it("reads ISO dates and wire-archive dates into one sortable form", function()
    assert.are.equal("2025-04-22 00:00:00", derivation.moment("2025-04-22"))
    assert.are.equal("2025-04-22 10:15:00", derivation.moment("2025-04-22T10:15:00Z"))
    assert.are.equal("1987-02-26 15:01:01", derivation.moment("26-FEB-1987 15:01:01.79"))
    assert.are.equal("1987-03-02 00:00:00", derivation.moment("2 March 1987"))
    assert.is_nil(derivation.moment("yesterday"))
    assert.is_nil(derivation.moment(nil))
  end)
end)

describe("compare/differences.lua", function()
  local differences = assert(loadfile("scripts/compare/differences.lua"))()

  it("tells spelling variants from other words that look alike", function()
    for _, yes in ipairs({ { "recognize", "recognise" }, { "Zelensky", "Zelenskyy" }, { "Kiev", "Kyiv" },
      { "color", "colour" }, { "center", "centre" } }) do
      assert.is_true(differences.is_spelling(yes[1], yes[2]), yes[1] .. "/" .. yes[2])
    end
    for _, no in ipairs({ { "German", "Germany" }, { "France", "French" }, { "post", "past" },
      { "report", "reported" }, { "talks", "walks" }, { "UK", "US" }, { "Kyiv", "Kyiv" },
      { "1987", "1988" } }) do
      assert.is_false(differences.is_spelling(no[1], no[2]), no[1] .. "/" .. no[2])
    end
  end)
end)
