-- Framing (scripts/framing.lua, scripts/explore/framing.lua): word families
-- through lede.stem, source dispersion counted by hand on a four-document
-- corpus, substitutes, and the framing words of the seeds.
local lede = require("lede")
local script = require("lede.script")
local support = dofile("tests/spec/support.lua")

local seeds = assert(lede.load("seeds/"))
local fw = dofile("scripts/explore/framing.lua")

-- The word families (`words` column) of a list, in order.
local function words(list)
  local out = {}
  for i, r in ipairs(list) do out[i] = r.words end
  return out
end

-- The rank of the row whose family is `family` in a list, or nil.
local function rank(list, family)
  for i, r in ipairs(list) do
    if r.family == family then return i end
  end
  return nil
end

describe("lede.stem", function()
  it("gives one stem to the forms of one choice", function()
    assert.are.same({ "annex", "annex", "annex", "illeg", "illeg", "integr", "referendum", "kiev", "kyiv" },
      lede.stem({ "annexed", "annexation", "Annexes", "illegal", "illegally", "integrated", "referendum",
        "Kiev", "Kyiv" }))
    -- normalized first: the curly apostrophe of the possessive goes
    assert.are.equal("russia", lede.stem("Russia’s"))
    assert.are.equal("2014", lede.stem("2014"))
    assert.are.equal("verhandl", lede.stem("Verhandlungen", "german"))
    assert.are.equal("recogn", lede.stem("recognizing", "en"))
  end)

  it("raises for what is not one word or not a language", function()
    -- The message, after Lua's "bad argument #N to '…'" prefix.
    local function message(...)
      local ok, err = pcall(lede.stem, ...)
      assert.is_false(ok)
      return (err:gsub("^bad argument (#%d) to '[^']*' ", "%1 "))
    end
    assert.are.equal("#1 (lede_stem: empty word)", message(""))
    assert.are.equal("#1 (lede_stem: 'two words' is not one word (it holds white space))",
      message("two words"))
    assert.are.equal("#1 (lede_stem: the word contains a NUL byte)", message("a\0b"))
    assert.are.equal("#2 (no stemmer for language 'klingon' (see lede.stem_languages()))",
      message("x", "klingon"))
    assert.are.equal("#1 (word 2 is a number, not a string)", message({ "a", 3 }))
    assert.truthy(message("a\255b"):find("^#1 %(lede_normalize: "))
    assert.truthy(message(nil):find("^#1 %(string expected, got nil%)"))
  end)

  it("lists its languages", function()
    local set = {}
    for _, l in ipairs(lede.stem_languages()) do set[l] = true end
    assert.is_true(set.english and set.german and set.russian and set.porter)
  end)
end)

describe("framing measures", function()
  it("Jaro–Winkler as Winkler defines it", function()
    -- kiev/kyiv: 3 matches (k, i, v), no transposition, common prefix 1:
    -- Jaro = (3/4 + 3/4 + 3/3) / 3, plus 0.1 · 1 · (1 − Jaro).
    local j = (3 / 4 + 3 / 4 + 1) / 3
    assert.is_true(math.abs(fw.jaro_winkler("kiev", "kyiv") - (j + 0.1 * (1 - j))) < 1e-12)
    -- zelensky/zelenskyy: 8 matches, prefix 4.
    j = (1 + 8 / 9 + 1) / 3
    assert.is_true(math.abs(fw.jaro_winkler("zelensky", "zelenskyy") - (j + 0.4 * (1 - j))) < 1e-12)
    assert.are.equal(1, fw.jaro_winkler("kyiv", "kyiv"))
    assert.are.equal(0, fw.jaro_winkler("abc", "xyz"))
  end)

  it("Soundex as Knuth gives it", function()
    local got = {}
    for _, w in ipairs({ "Robert", "Rupert", "Rubin", "Ashcraft", "Tymczak", "Pfister", "Honeyman", "Kiev",
      "Kyiv", "John", "Josh" }) do got[#got + 1] = fw.soundex(w) end
    assert.are.same({ "R163", "R163", "R150", "A261", "T522", "P236", "H555", "K100", "K100", "J500",
      "J200" }, got)
    assert.is_nil(fw.soundex("2014"))
  end)

  it("cosine leaves out the two families compared", function()
    assert.are.equal(1, fw.cosine({ x = 1, a = 5 }, { x = 2, b = 7 }, "a", "b"))
    assert.are.equal(0, fw.cosine({ x = 1 }, { y = 1 }, "a", "b"))
  end)
end)

describe("framing on four documents counted by hand", function()
  -- Three sources: A has two documents, B and C one each.
  local dir = os.tmpname()
  os.remove(dir)
  local path = dir .. ".jsonl"
  support.write(path, table.concat({
    '{"source": "A", "text": "Crimea was annexed in 2014. Troops entered Crimea."}',
    '{"source": "A", "text": "Crimea joined Russia."}',
    '{"source": "B", "text": "Crimea was annexed illegally in 2014."}',
    '{"source": "C", "text": "Crimea was integrated in 2014 after a vote."}',
  }, "\n") .. "\n")
  local corpus = assert(lede.load(path))
  os.remove(path)
  local r = script.run_named("framing", corpus, { target = "C", top = 20 })
  local t = r.targets[1]
  local function row(list, family)
    return list[assert(rank(list, family), family .. " not listed: " .. table.concat(words(list), " "))]
  end

  it("counts documents per source", function()
    -- words in scope (here, whole documents): every word token, function words too
    assert.are.same({ { "A", 2, 11 }, { "B", 1, 6 }, { "C", 1, 8 } }, {
      { r.sources[1].source, r.sources[1].documents, r.sources[1].words },
      { r.sources[2].source, r.sources[2].documents, r.sources[2].words },
      { r.sources[3].source, r.sources[3].documents, r.sources[3].words },
    })
  end)

  it("measures each family by the sources using it", function()
    -- annex: A uses it in 1 of its 2 documents (0.5), B in its one (1):
    -- p_rest = (0.5 + 1) / 2 = 0.75; C never: Δ = −0.75. Tokens 0:2.
    local annex = row(t.rest, "annex")
    assert.are.same({ 0, 0.75, 2, 2, -0.75, 0, 2, "annexed" },
      { annex.here, annex.rest, annex.rest_sources, annex.n_rest, annex.delta, annex.tokens_here,
        annex.tokens_rest, annex.words })
    -- illeg: B only: (0 + 1) / 2.  troop: A's first document: (0.5 + 0) / 2.
    assert.are.same({ 0.5, 1, -0.5 }, { row(t.rest, "illeg").rest, row(t.rest, "illeg").rest_sources,
      row(t.rest, "illeg").delta })
    assert.are.same({ 0.25, -0.25, "A" }, { row(t.rest, "troop").rest, row(t.rest, "troop").delta,
      row(t.rest, "troop").used_by })
    -- integr and vote: C alone.
    local integr = row(t.here, "integr")
    assert.are.same({ 1, 0, 0, 1, 1, 0, "integrated" },
      { integr.here, integr.rest, integr.rest_sources, integr.delta, integr.tokens_here, integr.tokens_rest,
        integr.words })
    -- 2014: C, B and one of A's two documents: Δ = 1 − (0.5 + 1) / 2.
    assert.are.same({ 1, 0.75, 0.25 }, { row(t.here, "2014").here, row(t.here, "2014").rest,
      row(t.here, "2014").delta })
    -- crimea: every document, Δ = 0: on neither side.
    assert.is_nil(rank(t.here, "crimea"))
    assert.is_nil(rank(t.rest, "crimea"))
  end)

  it("pairs integrated with annexed by their slot contexts", function()
    -- Five sentences; crimea is in all (weight ln 5/5 = 0), 2014 in three
    -- (ln 5/3), illegally and vote in one (ln 5). Content words only,
    -- weight / distance: integrated sees 2014 at 1 and vote at 2;
    -- annexed sees 2014 at 1 (A) and at 2 (B), illegally at 1 (B).
    local w2014, w1 = math.log(5 / 3), math.log(5)
    local i2014, ivote = w2014, w1 / 2
    local a2014, aill = w2014 + w2014 / 2, w1
    local cos = i2014 * a2014 / (math.sqrt(i2014 ^ 2 + ivote ^ 2) * math.sqrt(a2014 ^ 2 + aill ^ 2))
    local integr = row(t.here, "integr")
    assert.are.equal("annexed", integr.substitute)
    assert.are.equal("context", integr.paired_by)
    assert.is_true(math.abs(integr.similarity - cos) < 1e-12, tostring(integr.similarity))
    -- score = |Δ| + sim · min(Δ_integr, −Δ_annex) · (1 − co-use), co-use 0
    assert.is_true(math.abs(integr.score - (1 + cos * 0.75)) < 1e-12, tostring(integr.score))
    assert.are.equal(1, integr.rank)
  end)
end)

describe("shared topics", function()
  it("lists what every source mentions, with the Jaccard distance of the words around it", function()
    local path = os.tmpname() .. ".jsonl"
    support.write(path, table.concat({
      '{"source": "A", "text": "Crimea was annexed in 2014. Troops entered Crimea."}',
      '{"source": "A", "text": "Crimea joined Russia."}',
      '{"source": "B", "text": "Crimea was annexed illegally in 2014."}',
      '{"source": "C", "text": "Crimea was integrated in 2014 after a vote."}',
    }, "\n") .. "\n")
    local corpus = assert(lede.load(path))
    os.remove(path)
    local r = script.run_named("framing", corpus, { topics = 5 })
    -- crimea (5 tokens) is in all three sources; so is 2014, but a
    -- number is not a topic.
    assert.are.equal(1, #r.topics)
    assert.are.same({ "crimea", 3, 5 }, { r.topics[1].family, r.topics[1].sources, r.topics[1].tokens })
    -- Around crimea: A {annex, 2014, troop, enter, join, russia},
    -- B {annex, illeg, 2014}, C {integr, 2014, vote}.
    local d = (1 - 2 / 7 + 1 - 1 / 8 + 1 - 1 / 5) / 3
    assert.is_true(math.abs(r.topics[1].divergence - d) < 1e-12, tostring(r.topics[1].divergence))
  end)

  it("on the seeds starts with talks, Ukraine and Rubio", function()
    local r = script.run_named("framing", seeds, { topics = 3 })
    assert.are.same({ "talks/talk", "Ukraine/Ukraine’s", "Rubio/Rubio's" },
      { r.topics[1].words, r.topics[2].words, r.topics[3].words })
    assert.are.same({ 5, 31 }, { r.topics[1].sources, r.topics[1].tokens })
  end)
end)

describe("framing on the seeds", function()
  it("whole articles: Kiev for 000, Kyiv and annexed for the rest (top 5)", function()
    local t = script.run_named("framing", seeds, { target = "000", top = 5 }).targets[1]
    assert.are.equal("kiev", t.here[1].family)
    assert.are.equal("Kyiv/Kyiv’s", t.here[1].substitute)
    assert.are.equal("spelling", t.here[1].paired_by)
    assert.is_truthy(rank(t.rest, "kyiv"), table.concat(words(t.rest), " "))
    assert.is_truthy(rank(t.rest, "annex"), table.concat(words(t.rest), " "))
    -- possibly / potentially, the substitute shown in the parallel sentence
    -- (001's, which shares recognizing, Crimea, Russian, territory, lifting,
    -- sanctions, Moscow), not in 003's "a potential ceasefire"
    local possibl = t.here[assert(rank(t.here, "possibl"))]
    assert.are.same({ "potential/potentially", "includes recognizing Crimea as Russian territory and "
      .. "[potentially] lifting sanctions against Moscow." },
      { possibl.substitute, possibl.substitute_example })
    -- Kyiv: three of the four others (001 never writes it)
    local kyiv = t.rest[rank(t.rest, "kyiv")]
    assert.are.same({ 3, 4, "002 003 004" }, { kyiv.rest_sources, kyiv.n_rest, kyiv.used_by })
  end)

  it("near Crimea: integrated and referendum for 000, annexed for the rest (top 5)", function()
    local t = script.run_named("framing", seeds, { target = "000", near = "crimea", top = 5 })
      .targets[1]
    assert.is_truthy(rank(t.here, "integr"), table.concat(words(t.here), " "))
    assert.is_truthy(rank(t.here, "referendum"), table.concat(words(t.here), " "))
    assert.are.equal("annex", t.rest[1].family)
    -- the pair in context: 000's first sentence with integrated, 001's with annexed
    local integr = t.here[rank(t.here, "integr")]
    assert.are.equal("the status of Crimea, which was [integrated] into Russia in 2014 following a "
      .. "referendum", integr.example)
    assert.are.equal("the status of Crimea or other territories [annexed] since 2014, underscoring their "
      .. "firm stance", integr.substitute_example)
    assert.are.same({ 4, 4, "001 002 003 004" },
      { t.rest[1].rest_sources, t.rest[1].n_rest, t.rest[1].used_by })
  end)

  it("near Crimea: 002 against 000 writes annexed and illegally (top 5)", function()
    local t = script.run_named("framing", seeds,
      { target = "002", against = "000", near = "crimea", top = 5 }).targets[1]
    assert.are.equal(1, t.against)
    assert.is_truthy(rank(t.here, "annex"), table.concat(words(t.here), " "))
    assert.is_truthy(rank(t.here, "illeg"), table.concat(words(t.here), " "))
    assert.is_truthy(rank(t.rest, "integr"), table.concat(words(t.rest), " "))
  end)

  it("refuses what it cannot compare", function()
    assert.has_error(function() script.run_named("framing", seeds, { target = "zzz" }) end,
      "no source matches --target 'zzz'")
    assert.has_error(function() script.run_named("framing", seeds, { near = "crimea", target = "zzz" }) end,
      "no source mentioning the topic matches --target 'zzz'")
    assert.has_error(function() script.run_named("framing", seeds, { target = "000", against = "000" }) end,
      "--against names only the target: nothing to compare with")
    assert.has_error(function() script.run_named("framing", seeds, { window = -1 }) end,
      "--window must be 0 (the sentence) or more, not -1")
    assert.has_error(function() script.run_named("framing", seeds, { near = "zzzz" }) end,
      "nothing near 'zzzz' in more than one source: only 0 sources")
    local one = assert(lede.load_string("Crimea was annexed."))
    assert.has_error(function() script.run_named("framing", one, {}) end,
      "framing needs documents from at least two sources")
  end)
end)

describe("keyness --by family", function()
  it("sums the forms of a stem: annexed 3 + annexation 2 near Crimea", function()
    local r = script.run_named("keyness", seeds, { target = "000", near = "crimea", min = 1, top = 10,
      by = "family" })
    local t = r.targets[1]
    local found
    for _, x in ipairs(t.less) do
      if x.word == "annex" then found = x end
    end
    assert.is_truthy(found)
    assert.are.same({ 0, 5, "annexed/annexation" }, { found.target, found.reference, found.spelling })
    -- without it, annexed alone: 0 against 3
    local w = script.run_named("keyness", seeds, { target = "000", near = "crimea", min = 1, top = 10 })
    for _, x in ipairs(w.targets[1].less) do
      if x.word == "annexed" then found = x end
    end
    assert.are.same({ 0, 3 }, { found.target, found.reference })
    assert.has_error(function() script.run_named("keyness", seeds, { by = "lemma" }) end,
      "--by must be word or family, not 'lemma'")
  end)
end)

describe("lede framing", function()
  it("has --help and writes text, json and csv", function()
    local out, _, code = support.lede({ "framing", "--help" })
    assert.are.equal(0, code)
    assert.truthy(out:find("usage: lede framing", 1, true))
    out, _, code = support.lede({ "framing", "seeds/", "--target", "000", "--top", "3" })
    assert.are.equal(0, code)
    assert.truthy(out:find("\n    Kiev  ", 1, true), out)
    assert.truthy(out:find("Kyiv/Kyiv’s (0.85)", 1, true), out)
    -- the first pair side by side, each in its first sentence
    assert.truthy(out:find("  side by side:\n    #  word", 1, true), out)
    assert.truthy(out:find("    1  Kiev  +000     who is engaged in direct negotiations with %[Kiev%], will"),
      out)
    assert.truthy(out:find("       Kyiv/Kyiv’s  +002     to Russia’s war in Ukraine, as %[Kyiv%] signaled"),
      out)
    out, _, code = support.lede({ "framing", "seeds/", "--near", "crimea", "--format", "csv" })
    assert.are.equal(0, code)
    assert.truthy(out:find("^target,side,rank,family,words,"), out:sub(1, 200))
    assert.truthy(out:find("\n000_1a22be602abbdbb3,rest,1,annex,annexed/annexation,", 1, true))
    out, _, code = support.lede({ "framing", "seeds/", "--target", "004", "--format", "json" })
    assert.are.equal(0, code)
    assert.truthy(out:match("^{"))
  end)

  it("is one call away in the REPL", function()
    local out, err, code = support.lede({ "repl", "seeds/" },
      'framing("000", { top = 1 }).targets[1].here[1].words\n')
    assert.are.equal(0, code, err)
    assert.truthy(out:find("\nKiev\n", 1, true), out)
  end)
end)
