-- The `quotes` script: attribution on the five seeds against the 25 counted
-- gold quotes of ../shared/gold/seed-quotes.jsonl (copied here as literals,
-- so the spec runs without ../shared), cross-outlet grouping, and the
-- modules' rules on small texts.
local lede = require("lede")
local cjson = require("cjson")

local script = dofile("scripts/quotes.lua") -- also puts scripts/ on package.path
local cues = require("quotes.cues")
local lexicon = require("quotes.lexicon")
local attribute = require("quotes.attribute")
local crossdoc = require("quotes.crossdoc")

-- doc, start, end (file bytes, marks excluded), gold kind, accepted speakers
-- (the gold speaker and its aliases; for 003 also the article's own
-- spelling Zelenskyy).
local GOLD = {
  { "000_1a22be602abbdbb3.txt", 514, 827, "direct", { "Tammy Bruce" } },
  { "000_1a22be602abbdbb3.txt", 1505, 1508, "partial", { "Rustem Umerov" } },
  { "000_1a22be602abbdbb3.txt", 2100, 2176, "direct", { "Dmitry Peskov" } },
  { "000_1a22be602abbdbb3.txt", 2272, 2288, "partial", { "Washington and Moscow", "Washington", "Moscow" } },
  { "000_1a22be602abbdbb3.txt", 2607, 2628, "partial", { "Russian officials" } },
  { "001_c87360ce0d6ae7d5.txt", 2630, 2651, "partial", { "Russian officials" } },
  { "002_93b5036ae66e0d32.txt", 459, 477, "partial", { "Tammy Bruce" } },
  { "002_93b5036ae66e0d32.txt", 1313, 1373, "direct", { "Volodymyr Zelensky", "Zelenskyy", "Zelenskiy" } },
  { "002_93b5036ae66e0d32.txt", 1399, 1462, "direct", { "Volodymyr Zelensky", "Zelenskyy", "Zelenskiy" } },
  { "002_93b5036ae66e0d32.txt", 1509, 1532, "partial", { "Marco Rubio" } },
  { "002_93b5036ae66e0d32.txt", 1633, 1664, "partial", { "Marco Rubio" } },
  { "002_93b5036ae66e0d32.txt", 2399, 2442, "partial", { "Donald Trump" } },
  { "002_93b5036ae66e0d32.txt", 3340, 3380, "partial", { "Karoline Leavitt" } },
  { "002_93b5036ae66e0d32.txt", 4136, 4209, "direct", { "Dmitry Peskov" } },
  { "003_eb122c8a95e99d45.txt", 459, 477, "partial", { "Tammy Bruce" } },
  { "003_eb122c8a95e99d45.txt", 1355, 1415, "direct", { "Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskyy" } },
  { "003_eb122c8a95e99d45.txt", 1445, 1508, "direct", { "Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskyy" } },
  { "003_eb122c8a95e99d45.txt", 1736, 1759, "partial", { "Marco Rubio" } },
  { "003_eb122c8a95e99d45.txt", 1845, 1877, "partial", { "Marco Rubio" } },
  { "003_eb122c8a95e99d45.txt", 3011, 3051, "partial", { "Karoline Leavitt" } },
  { "003_eb122c8a95e99d45.txt", 3564, 3580, "partial", { "Vladimir Putin" } },
  { "003_eb122c8a95e99d45.txt", 3677, 3750, "direct", { "Dmitry Peskov" } },
  { "004_1f2dff42aad0a96b.txt", 585, 635, "direct", { "Andriy Yermak" } },
  { "004_1f2dff42aad0a96b.txt", 1166, 1273, "direct", { "Tammy Bruce" } },
  { "004_1f2dff42aad0a96b.txt", 1489, 1569, "direct",
    { "UK foreign ministry", "U.K. foreign ministry", "U.K.’s foreign ministry", "foreign ministry", "Foreign Office" } },
}

-- The run on the seeds, once.
local result
local function seeds()
  if not result then result = assert(script.run(assert(lede.load("seeds/")), {})) end
  return result
end

-- The record of a quote by document and offsets.
local function find(doc, s, e)
  for _, r in ipairs(seeds().quotes) do
    if r.doc == "seeds/" .. doc and r.start == s and r["end"] == e then return r end
  end
  return nil
end

-- Attribute one text; its quote records (not indirect) in order.
local function attribute_text(text)
  local d = lede.load_string(text):doc(1)
  return attribute.document(cues.compile(lexicon), d).quotes
end

describe("quotes on the seeds", function()
  for _, g in ipairs(GOLD) do
    local doc, s, e, _, names = table.unpack(g)
    it(string.format("finds %s %d-%d said by %s", doc:sub(1, 3), s, e, names[1]), function()
      local r = find(doc, s, e)
      assert.is_not_nil(r, "no quote at these offsets")
      assert.is_true(r.kind == "direct" or r.kind == "partial", "kind " .. tostring(r.kind))
      local ok = false
      for _, n in ipairs(names) do ok = ok or r.speaker == n end
      assert.is_true(ok, "speaker " .. tostring(r.speaker))
      assert.is_string(r.rule)
      assert.is_true(r.confidence > 0 and r.confidence <= 1)
    end)
  end

  it("writes exactly the 25 scored quotes, the scare quote as a term", function()
    local scored, terms = 0, {}
    for _, r in ipairs(seeds().quotes) do
      if r.kind == "direct" or r.kind == "partial" then scored = scored + 1 end
      if r.kind == "term" then terms[#terms + 1] = r.text end
    end
    -- 26: the 25, plus “stepping back” (002), which follows `declined to say`
    assert.are.equal(26, scored)
    assert.are.same({ "terms sheet" }, terms)
  end)

  it("gives text that is the file's bytes at start..end", function()
    for _, r in ipairs(seeds().quotes) do
      local f = assert(io.open(r.doc, "rb"))
      local body = f:read("a")
      f:close()
      assert.are.equal(body:sub(r.start + 1, r["end"]), r.text)
    end
  end)

  it("keeps role, cue with manner, mention and relay", function()
    local bruce = find("002_93b5036ae66e0d32.txt", 459, 477)
    assert.are.equal("State Department spokesperson", bruce.role)
    assert.are.same({ start = 363, ["end"] = 404 }, bruce.mention)
    local zel = find("003_eb122c8a95e99d45.txt", 1355, 1415)
    assert.are.equal("said firmly", zel.cue)
    assert.are.equal("quote_speaker_cue", zel.rule)
    local he = find("002_93b5036ae66e0d32.txt", 1313, 1373)
    assert.are.equal("he", io.open("seeds/002_93b5036ae66e0d32.txt"):read("a"):sub(he.mention.start + 1, he.mention["end"]))
    local peskov = find("002_93b5036ae66e0d32.txt", 4136, 4209)
    assert.are.equal("reported Reuters; citing Interfax", peskov.relay)
    local rubio = find("002_93b5036ae66e0d32.txt", 1509, 1532)
    assert.are.equal("on X", rubio.relay)
    local umerov = find("000_1a22be602abbdbb3.txt", 1505, 1508)
    assert.are.equal("as reported by New York Post", umerov.relay)
    assert.are.equal("Ukrainian Defense Minister", umerov.role)
  end)

  it("writes absent fields as JSON null", function()
    local line = lede.json(find("003_eb122c8a95e99d45.txt", 1355, 1415))
    assert.truthy(line:find('"role":null', 1, true))
    assert.truthy(line:find('"relay":null', 1, true))
  end)

  it("groups the Bruce logistics quote of 000, 002, 003 and 004 and says who printed less", function()
    local g = find("000_1a22be602abbdbb3.txt", 514, 827).group
    assert.is_number(g)
    for _, k in ipairs({ { "002_93b5036ae66e0d32.txt", 459, 477 }, { "003_eb122c8a95e99d45.txt", 459, 477 },
      { "004_1f2dff42aad0a96b.txt", 1166, 1273 } }) do
      assert.are.equal(g, find(table.unpack(k)).group)
    end
    local grp = seeds().groups[g]
    assert.are.equal("Tammy Bruce", grp.speaker)
    assert.are.equal(4, grp.documents)
    local more = {}
    for _, m in ipairs(grp.members) do more[m.doc:sub(7, 9)] = m.more end
    -- 000 prints 47 words (the reference); 002 and 003 two of them, 004 fifteen
    assert.are.same({ ["000"] = 0, ["002"] = -45, ["003"] = -45, ["004"] = -32 }, more)
  end)

  it("groups Zelensky's Crimea quote of 002 and 003 with the spelling difference", function()
    local a = find("002_93b5036ae66e0d32.txt", 1313, 1373)
    local b = find("003_eb122c8a95e99d45.txt", 1355, 1415)
    assert.are.equal(a.group, b.group)
    assert.are.equal(a.speaker_cluster, b.speaker_cluster)
    local diffs = {}
    for _, m in ipairs(seeds().groups[a.group].members) do diffs[#diffs + 1] = m.diff end
    assert.are.same({ "", "recognize→recognise" }, diffs)
  end)

  it("clusters Zelensky and Zelenskyy as one speaker", function()
    for _, c in ipairs(seeds().speakers) do
      if c.name:find("Zelensk") then
        assert.are.same({ "Volodymyr Zelensky", "Volodymyr Zelenskyy" }, c.forms)
        assert.are.equal(4, c.quotes)
        assert.are.equal(2, c.documents)
      end
    end
  end)
end)

describe("quotes rules", function()
  it("resolves a surname and a pronoun to the full name met earlier", function()
    local q = attribute_text("Senator Jane Doe spoke on Monday.\n\n“We will win,” she said. “It is certain,” Doe added.")
    assert.are.equal(2, #q)
    assert.are.equal("Jane Doe", q[1].speaker)
    assert.are.equal("quote_speaker_cue", q[1].rule)
    assert.are.equal("Jane Doe", q[2].speaker)
    assert.are.equal("surname", q[2].resolved_by)
  end)

  it("takes the speaker after the cue, with role and apposition", function()
    local q = attribute_text("“Prices will rise,” said Geoff Garin, a Democratic pollster.")
    assert.are.equal("Geoff Garin", q[1].speaker)
    assert.are.equal("quote_cue_speaker", q[1].rule)
    assert.are.equal("direct", q[1].kind)
  end)

  it("carries a quote split around its attribution and into the next paragraph", function()
    local q = attribute_text("“First part,” Smith told reporters. “Second part.”\n\n“Third part.”\n\nWeather was fine.")
    assert.are.equal("Smith", q[2].speaker)
    assert.are.equal("same_paragraph", q[2].rule)
    assert.are.equal("Smith", q[3].speaker)
    assert.are.equal("continuation", q[3].rule)
  end)

  it("reads doubled apostrophes as quote marks", function()
    local q = attribute_text("''We are ready,'' Mr. Sanders said.")
    assert.are.equal("We are ready,", q[1].text)
    assert.are.equal("Sanders", q[1].speaker)
  end)

  it("makes an unattributed short quote a term and a group a speaker", function()
    local q = attribute_text("The so-called “peace plan” was new. Critics say it is “a surrender to Moscow.”")
    assert.are.equal("term", q[1].kind)
    assert.are.equal("Critics", q[2].speaker)
    assert.are.equal("group", q[2].speaker_kind)
  end)

  it("diffs words with British and American spellings as equal", function()
    assert.are.equal("recognize→recognise, -legally",
      crossdoc.diff_text(crossdoc.diff("We recognize it legally", "We recognise it")))
    assert.is_true(crossdoc.same_surname("zelensky", "zelenskiy"))
    assert.is_false(crossdoc.same_surname("trump", "truman"))
  end)
end)
