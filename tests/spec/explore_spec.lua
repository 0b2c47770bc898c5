-- Exploration on the seeds: each query form, KWIC lines, collocation
-- counts checked by hand, keyness top terms, entity clusters and resolved
-- dates; and the six scripts from the command line.
local lede = require("lede")
local script = require("lede.script")
local support = dofile("tests/spec/support.lua")

local seeds = assert(lede.load("seeds/"))

-- The ids of a search's documents, in its order.
local function ids(r)
  local out = {}
  for i, d in ipairs(r.docs) do out[i] = d.doc end
  return out
end

-- The number of hits of a search.
local function nhits(r)
  local n = 0
  for _, d in ipairs(r.docs) do n = n + #d.hits end
  return n
end

describe("Corpus:search on the seeds", function()
  local function search(q, opts)
    opts = opts or {}
    opts.order = opts.order or "doc"
    return assert(seeds:search(q, opts))
  end

  it("finds a term in every case and only as a whole word", function()
    local r = search("Kiev")
    assert.are.same({ 1 }, ids(r))
    assert.are.equal(4, nhits(r))
    assert.are.same({ 1 }, ids(search("KIEV")))
  end)

  it("keeps a possessive apart, and a prefix finds both", function()
    -- 004 writes Kyiv’s once: the term kyiv's.
    assert.are.equal(9, nhits(search("kyiv")))
    assert.are.equal(10, nhits(search("kyiv*")))
    assert.are.equal(1, nhits(search("Kyiv’s")))
  end)

  it("matches a phrase across punctuation and quote marks, with its byte span", function()
    local r = search('"logistical issues"')
    assert.are.same({ 1, 3, 4, 5 }, ids(r))
    local h = r.docs[2].hits[1]
    assert.are.equal("logistical issues", seeds:doc(3):slice(h.start, h.stop))
    -- In 000 the words are split by a comma and a closing quote: "Rubio’s
    -- withdrawal" has none, "conflicts, emphasizing" has a comma.
    local c = search('"scheduling conflicts emphasizing"')
    assert.are.same({ 1 }, ids(c))
    local x = c.docs[1].hits[1]
    assert.are.equal("scheduling conflicts, emphasizing", seeds:doc(1):slice(x.start, x.stop))
  end)

  it("expands a prefix to every word it starts", function()
    local r = search("recogni*")
    assert.are.same({ 1, 2, 3, 4, 5 }, ids(r))
    assert.are.equal(11, nhits(r))
    local words = {}
    for _, d in ipairs(r.docs) do
      for _, h in ipairs(d.hits) do words[seeds:doc(d.doc):slice(h.start, h.stop):lower()] = true end
    end
    assert.are.same({ recognise = true, recognition = true, recognize = true, recognizes = true,
        recognizing = true },
      words)
  end)

  it("keeps NEAR/k to k words between, in either order", function()
    -- "Rubio and Witkoff" (1 between) in 000, 001, 004; "Marco Rubio and
    -- special envoy Steve Witkoff" has 4 between.
    local r = search("rubio NEAR/3 witkoff")
    assert.are.same({ 1, 2, 5 }, ids(r))
    assert.are.equal(5, nhits(r))
    -- Four between: 001 and 004 gain one each ("Marco Rubio and special
    -- envoy Steve Witkoff"); 001's "Rubio and US special envoy Steve
    -- Witkoff" has five.
    assert.are.equal(7, nhits(search("rubio NEAR/4 witkoff")))
    assert.are.same(ids(search("witkoff NEAR/3 rubio")), ids(r))
    local h = r.docs[1].hits[1]
    assert.are.equal("Rubio and Witkoff", seeds:doc(1):slice(h.start, h.stop))
  end)

  it("combines with AND, OR and NOT, and brackets", function()
    assert.are.same({ 1, 3, 4, 5 }, ids(search("kiev OR kyiv")))
    assert.are.same({ 3, 4, 5 }, ids(search("zelensky OR zelenskyy")))
    assert.are.same({ 3 }, ids(search("zelensky AND kellogg")))
    assert.are.same({ 3 }, ids(search("zelensky kellogg")))
    assert.are.same({ 1 }, ids(search("crimea NOT annex*")))
    -- Ids follow the files: 004 is document 5.
    assert.are.same({ 1, 5 }, ids(search("(kiev OR illegal) NOT zelensky")))
    assert.are.same({ 1 }, ids(search("(kiev OR illegal) NOT kyiv's")))
  end)

  it("ranks with BM25: more matches in a shorter document first", function()
    local r = assert(seeds:search("kyiv OR zelenskyy"))
    -- 003 has Kyiv 4 times and Zelenskyy twice.
    assert.are.equal(4, r.docs[1].doc)
    assert.is_true(r.docs[1].score > r.docs[2].score)
    assert.are.equal(3, r.total)
  end)

  it("filters by source and date, in the query or as options", function()
    local path = os.tmpname() .. ".jsonl"
    support.write(path, '{"text": "The dog ran.", "source": "CNN", "date": "2025-04-22"}\n'
      .. '{"text": "A dog barked.", "source": "NBC News", "date": "April 23, 2025"}\n'
      .. '{"text": "No dog here.", "source": "CNN", "date": "26-APR-2025"}\n')
    local c = assert(lede.load(path))
    os.remove(path)
    local function of(q, o)
      o = o or {}
      o.order = "doc"
      return ids(assert(c:search(q, o)))
    end
    assert.are.same({ 1, 3 }, of("dog source:cnn"))
    assert.are.same({ 2 }, of('dog source:"NBC News"'))
    assert.are.same({ 2, 3 }, of("dog date:2025-04-23.."))
    assert.are.same({ 1 }, of("dog date:..2025-04-22"))
    assert.are.same({ 1, 2 }, of("dog NOT date:2025-04-26"))
    assert.are.same({ 3 }, of("dog", { source = "cnn", from = "2025-04-23" }))
    assert.are.same({ 1, 2, 3 }, of("dog", { from = "2025-04", to = "2025-04" }))
  end)

  it("reports a malformed query with its position", function()
    local r, msg, code, pos = seeds:search('kiev AND ("peace talks" OR')
    assert.is_nil(r)
    assert.are.equal("query: position 25: OR needs a term, phrase or group after it", msg)
    assert.are.equal("LEDE_ERR_QUERY", code)
    assert.are.equal(25, pos)
    assert.are.equal("(AND kiev (OR \"peace talks\" london))",
        seeds:explain('kiev AND ("peace talks" OR london)'))
  end)

  it("answers the same on an Index, and follows a growing corpus", function()
    local ix = assert(lede.index_open())
    ix:add(seeds)
    local from_index = assert(ix:search("kiev OR zelensky*", { order = "doc" }))
    assert.are.same(ids(search("kiev OR zelensky*")), ids(from_index))
    local c = assert(lede.load_string("Kiev again.", { name = "x" }))
    assert.are.equal(1, assert(c:search("kiev")).total)
    assert(c:add({ "seeds/000_1a22be602abbdbb3.txt" }))
    local r = assert(c:search("kiev", { order = "doc" }))
    assert.are.same({ 1, 2 }, ids(r))
    assert.are.equal("seeds/000_1a22be602abbdbb3.txt", r.docs[2].name)
  end)

  it("raises for a wrong option", function()
    assert.has_error(function() seeds:search("kiev", { limt = 3 }) end,
      "bad argument #2 to 'search' (unknown option 'limt' (options: source, from, to, limit, order, k1, b))")
  end)
end)

describe("Corpus:concordance on the seeds", function()
  it("cuts left, match and right from the text, with the original quotes", function()
    local lines = assert(seeds:concordance("Kiev", { context = 4 }))
    assert.are.equal(4, #lines)
    local l = lines[1]
    assert.are.same({ "in direct negotiations with ", "Kiev", ", will represent the", 9, 1 },
      { l.left, l.match, l.right, l.sentence, l.doc })
    assert.are.equal("seeds/000_1a22be602abbdbb3.txt", l.name)
    assert.are.same({ "the US envoys that ", "Kiev", " is “90%”" }, { lines[3].left, lines[3].match,
        lines[3].right })
    -- Quote marks and the number are tokens of the context.
    local a = assert(seeds:concordance("aligned", { context = 3 }))[1]
    assert.are.same({ "“90%” ", "aligned", " with Washington’s proposed" }, { a.left, a.match, a.right })
  end)

  it("stops at the sentence, or gives it whole", function()
    local l = assert(seeds:concordance("Kiev", { context = 10 }))[2]
    assert.are.equal(".", l.right)
    local s = assert(seeds:concordance('"logistical issues"', { context = 0 }))[2]
    assert.are.equal("Rubio had been expected to take part in the discussions with Ukrainian, UK and "
      .. "European officials, but State Department spokesperson Tammy Bruce said Tuesday that he would "
      .. "no longer attend "
      .. "due to “", s.left)
    assert.are.equal(".”", s.right)
  end)

  it("aligns the matches in the terminal and writes CSV", function()
    local out, _, code = support.lede({ "kwic", "seeds/", "--query", "Kiev", "--context", "4" })
    assert.are.equal(0, code)
    local cols = {}
    for line in out:gmatch("[^\n]+") do
      local at = line:find("[Kiev]", 1, true)
      if at then cols[#cols + 1] = utf8.len(line:sub(1, at)) end
    end
    assert.are.equal(4, #cols)
    for _, c in ipairs(cols) do assert.are.equal(cols[1], c) end
    local csv = support.lede({ "kwic", "seeds/", "--query", "aligned", "--context", "3", "--format", "csv" })
    assert.are.equal('doc,name,source,sentence,start,stop,left,match,right\n'
      .. '1,seeds/000_1a22be602abbdbb3.txt,,12,1512,1519,"“90%” ",aligned," with Washington’s proposed"\n',
          csv)
  end)
end)

describe("collocates on the seeds", function()
  it("counts the words around each match, checked by hand", function()
    -- Kiev, two words each side within the sentence:
    --   negotiations with [Kiev], will represent
    --   representatives from [Kiev].
    --   envoys that [Kiev] is “90%”
    --   coup in [Kiev], along with
    local counts, positions, matches = seeds:collocates("kiev", { window = 2 })
    local got = {}
    for _, c in ipairs(counts) do got[c.form] = c.count end
    assert.are.same({ negotiations = 1, with = 2, will = 1, represent = 1, representatives = 1, from = 1,
      envoys = 1, that = 1, is = 1, ["90%"] = 1, coup = 1, ["in"] = 1, along = 1 }, got)
    assert.are.equal(14, positions)
    assert.are.equal(4, matches)
  end)

  it("scores with the formulas beside the counts", function()
    local r = script.run_named("collocates", seeds, { node = "kiev", window = 2, stopwords = true })
    assert.are.equal(1, #r.collocates)
    local w = r.collocates[1]
    -- with: O11 = 2 in 14 window positions, f_c = 39 in N = 2598 words, f_n = 4.
    assert.are.same({ "with", 2, 39, 4 }, { w.collocate, w.o11, w.f_c, w.f_n })
    local e11 = 14 * 39 / 2598
    assert.is_true(math.abs(w.e11 - e11) < 1e-12)
    assert.is_true(math.abs(w.pmi - math.log(2 / e11, 2)) < 1e-12)               -- 3.2504
    assert.is_true(math.abs(w.t - (2 - e11) / math.sqrt(2)) < 1e-12)             -- 1.2656
    assert.is_true(math.abs(w.logdice - (14 + math.log(2 * 2 / (4 + 39), 2))) < 1e-12) -- 10.5737
    -- G² on O11 = 2, O12 = 12, O21 = 37, O22 = 2598 - 14 - 37.
    local o = { 2, 12, 37, 2547 }
    local e = { 14 * 39 / 2598, 14 * 2559 / 2598, 2584 * 39 / 2598, 2584 * 2559 / 2598 }
    local g2 = 0
    for i = 1, 4 do g2 = g2 + 2 * o[i] * math.log(o[i] / e[i]) end
    assert.is_true(math.abs(w.g2 - g2) < 1e-9)
  end)
end)

describe("keyness on the seeds", function()
  -- The words of a list, in order.
  local function words(list)
    local out = {}
    for i, r in ipairs(list) do out[i] = r.spelling end
    return out
  end
  local function has(list, word)
    for _, r in ipairs(list) do if r.spelling == word then return true end end
    return false
  end

  it("surfaces Kiev for 000 and Kyiv for the rest", function()
    local r = script.run_named("keyness", seeds, { target = "000" })
    local t = r.targets[1]
    assert.are.equal("Kiev", t.more[1].spelling)
    assert.are.same({ 4, 0 }, { t.more[1].target, t.more[1].reference })
    assert.is_true(t.more[1].g2 > 14.8 and t.more[1].log_ratio > 5.4 and t.more[1].z > 2)
    assert.is_true(has(t.less, "Kyiv"), table.concat(words(t.less), " "))
  end)

  it("takes the file as given, or its base name, as --target", function()
    for _, name in ipairs({ "seeds/000_1a22be602abbdbb3.txt", "000_1a22be602abbdbb3.txt" }) do
      local r = script.run_named("keyness", seeds, { target = name })
      assert.are.equal(1, #r.targets)
      assert.are.equal("Kiev", r.targets[1].more[1].spelling)
    end
  end)

  it("near Crimea: integrated and referendum in 000, annexed in the rest", function()
    local r = script.run_named("keyness", seeds, { target = "000", near = "crimea", min = 1, top = 15 })
    local t = r.targets[1]
    assert.is_true(has(t.more, "integrated") and has(t.more, "referendum"), table.concat(words(t.more), " "))
    assert.is_true(has(t.less, "annexed"), table.concat(words(t.less), " "))
  end)

  it("compares n-grams too", function()
    local r = script.run_named("keyness", seeds, { target = "000", ngram = 2, top = 3 })
    local first = r.targets[1].less[1]
    assert.are.same({ "special envoy", 0, 7 }, { first.word, first.target, first.reference })
  end)

  it("gives every source its top words", function()
    local r = script.run_named("keyness", seeds, { top = 3 })
    local top = {}
    for _, t in ipairs(r.targets) do top[t.target] = t.more[1].spelling end
    assert.are.same({
      ["000_1a22be602abbdbb3"] = "Kiev",
      ["001_c87360ce0d6ae7d5"] = "ongoing",
      ["002_93b5036ae66e0d32"] = "end",
      ["003_eb122c8a95e99d45"] = "April",
      ["004_1f2dff42aad0a96b"] = "foreign",
    }, top)
  end)
end)

describe("entities on the seeds", function()
  local r = script.run_named("entities", seeds, { min = 1 })
  local by = {}
  for _, e in ipairs(r.entities) do by[e.name] = e end

  it("strips titles and joins a surname to the full name", function()
    local rubio = by["Marco Rubio"]
    assert.are.equal("person", rubio.type)
    assert.are.same({ Rubio = 18, ["Marco Rubio"] = 6 }, rubio.variants)
    assert.are.equal(24, rubio.count)
    assert.are.same({ "person", 6 }, { by["Keith Kellogg"].type,
        by["Keith Kellogg"].variants["Keith Kellogg"] })
    assert.is_nil(by["General Keith Kellogg"])
    assert.is_nil(by["Secretary"])
  end)

  it("clusters spellings one edit apart and the U.K.'s names", function()
    assert.are.same({ ["Volodymyr Zelenskyy"] = 2, ["Volodymyr Zelensky"] = 1, Zelenskyy = 1 },
      by["Volodymyr Zelenskyy"].variants)
    assert.are.same({ UK = 5, ["United Kingdom"] = 3, Britain = 1, ["U.K."] = 1 },
        by["United Kingdom"].variants)
    assert.are.same({ Kyiv = 10, Kiev = 4 }, by["Kyiv"].variants)
    assert.are.equal("place", by["Kyiv"].type)
  end)

  it("says which source mentions whom, how often and first where", function()
    local k = by["Kyiv"].sources
    assert.are.equal(4, k["000_1a22be602abbdbb3"].count)
    assert.is_nil(k["001_c87360ce0d6ae7d5"])
    assert.are.equal(9, k["000_1a22be602abbdbb3"].first_sentence)
    local z = by["Volodymyr Zelenskyy"].sources["002_93b5036ae66e0d32"]
    assert.are.equal("Ukraine’s President Volodymyr Zelensky made clear Tuesday that he was open to talks "
      .. "with "
      .. "Russia, but that Kyiv would not accept a deal that recognizes Moscow’s control of Crimea.",
          z.first_text)
  end)

  it("keeps 'and' inside an organisation's name only, and drops a title alone", function()
    local c = assert(lede.load_string("The Securities and Exchange Commission met Rubio and Witkoff. "
      .. "Officials met the Secretary of State.", { name = "t" }))
    local names = {}
    for _, e in ipairs(script.run_named("entities", c,
        { min = 1 }).entities) do names[#names + 1] = e.name end
    table.sort(names)
    assert.are.same({ "Rubio", "Securities and Exchange Commission", "Witkoff" }, names)
  end)

  it("types organisations and leaves sentence-initial words out", function()
    assert.are.equal("organisation", by["State Department"].type)
    assert.are.equal("organisation", by["New York Post"].type)
    assert.are.equal("organisation", by["NATO"].type)
    assert.is_nil(by["Despite"])
    assert.is_nil(by["Meanwhile"])
    assert.is_nil(by["Attending"])
  end)
end)

describe("timeline", function()
  local function resolved(text, date, extra)
    local c = assert(lede.load_string(text, { name = "t", date = date }))
    local r = script.run_named("timeline", c, extra or {})
    local out = {}
    for _, x in ipairs(r.records) do out[#out + 1] = x.expression .. "=" .. tostring(x.resolved) end
    table.sort(out)
    return out
  end

  it("resolves weekdays against the article's date", function()
    -- 23 April 2025 is a Wednesday.
    assert.are.same({ "Tuesday=2025-04-22" }, resolved("Bruce said Tuesday that he would not attend.",
        "2025-04-23"))
    assert.are.same({ "Wednesday=2025-04-23" }, resolved("Rubio will not attend talks on Wednesday.",
        "2025-04-22"))
    assert.are.same({ "Wednesday=2025-04-23" }, resolved("On Wednesday, nine people were killed.",
        "2025-04-23"))
    assert.are.same({ "Monday=2025-04-21" }, resolved("On Monday, Putin raised the prospect.",
        "April 23, 2025"))
    assert.are.same({ "last Friday=2025-04-18", "next Friday=2025-04-25" },
      resolved("They met last Friday and meet again next Friday.", "2025-04-23"))
  end)

  it("resolves explicit dates, years, relative days and weeks", function()
    assert.are.same({ "2014=2014", "April 21=2025-04-21", "April 23, 2025=2025-04-23", "last week=2025-04-14",
      "yesterday=2025-04-22" },
      resolved("On April 23, 2025, it said that yesterday, last week and April 21 followed what began "
        .. "in 2014.",
        "2025-04-23"))
    assert.are.same({ "22 March 2024=2024-03-22" }, resolved("It happened on 22 March 2024.", nil))
  end)

  it("leaves what needs a date unresolved without one, or uses --date", function()
    assert.are.same({ "Tuesday=nil" }, resolved("Bruce said Tuesday.", nil))
    assert.are.same({ "Tuesday=2025-04-22" }, resolved("Bruce said Tuesday.", nil, { date = "2025-04-23" }))
  end)

  it("lists the seeds' dates per source", function()
    local r = script.run_named("timeline", seeds, { date = "2025-04-23" })
    local got = {}
    for _, x in ipairs(r.records) do
      if x.source == "002_93b5036ae66e0d32" and x.kind == "weekday" then got[#got + 1] = x.resolved end
    end
    assert.are.same({ "2025-04-21", "2025-04-22", "2025-04-22", "2025-04-22", "2025-04-22", "2025-04-23",
      "2025-04-23", "2025-04-23" }, got)
  end)
end)

describe("the exploration scripts", function()
  for _, name in ipairs({ "search", "kwic", "collocates", "keyness", "entities", "timeline" }) do
    it(name .. " has --help and writes json and csv", function()
      local out, _, code = support.lede({ name, "--help" })
      assert.are.equal(0, code)
      assert.truthy(out:find("usage: lede " .. name, 1, true))
      local args = ({
        search = { "--query", "kyiv" }, kwic = { "--query", "kyiv" }, collocates = { "--node", "crimea" },
        keyness = { "--target", "000" }, entities = {}, timeline = { "--date", "2025-04-23" },
      })[name]
      for _, format in ipairs({ "text", "json", "csv" }) do
        local argv = { name, "seeds/", "--format", format }
        for _, a in ipairs(args) do argv[#argv + 1] = a end
        local o, err, c = support.lede(argv)
        assert.are.equal(0, c, err)
        assert.is_true(#o > 0)
        if format == "json" then assert.truthy(o:match("^{")) end
      end
    end)
  end

  it("are one call away in the REPL, and print as tables", function()
    local out, err, code = support.lede({ "repl", "seeds/" },
      'r = search "kiev OR zelensky*"\nr:refine("NOT kiev")\nkwic("Kiev", { context = 2 })\n'
      .. 'keyness("000", { top = 1 }).targets[1].more[1].spelling\n')
    assert.are.equal(0, code, err)
    assert.truthy(out:find("3 documents match; ranked by BM25:", 1, true))
    assert.truthy(out:find("#       bm25  document              date  hits  first match", 1, true))
    assert.truthy(out:find("representatives from [Kiev].", 1, true))
    assert.truthy(out:find("\nKiev\n", 1, true))
  end)

  it("shows where a query goes wrong", function()
    local _, err, code = support.lede({ "search", "seeds/", "--query", "rubio AND" })
    assert.are.equal(1, code)
    assert.are.equal("lede search: query: position 7: AND needs a term, phrase or group after it\n"
      .. "  rubio AND\n        ^\n", err)
  end)

  it("ranks search results with snippets", function()
    local out = support.lede({ "search", "seeds/", "--query", '"logistical issues" NOT kiev', "--format",
        "csv" })
    local lines = {}
    for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
    assert.are.equal(4, #lines)
    assert.truthy(lines[2]:find("It’s a statement about [logistical issues] in his schedule,” she said.", 1,
        true))
  end)
end)
