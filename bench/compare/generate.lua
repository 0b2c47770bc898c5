-- generate.lua — derived versions of real articles with recorded edits, the
-- known truth for scoring lede's alignment and typed differences
-- (bench/compare/score.lua; figures in docs/compare.md).
--
--   lede run bench/compare/generate.lua [--in FILE.jsonl] [--out DIR]
--       [--setting light|heavy] [--count N] [--seed N]
--
-- Writes DIR/original.jsonl, DIR/derived.jsonl (line i derived from line i)
-- and DIR/truth.jsonl: per pair, every derived word that comes from an
-- original word (`pairs`: {original byte start, derived byte start}) and
-- every recorded change (`changes`: kind number | name | synonym |
-- spelling | reword, with both starts and both words).
--
-- Edits, by setting (per article):
--   light  1 sentence deleted, 1 inserted (from another article), 1 swap
--          of adjacent paragraphs, 2 numbers and 1 name changed, 30% of the
--          words with a listed synonym replaced, 2% of other content words
--          reworded, 1 spelling variant (American -> British)
--   heavy  3 deleted, 3 inserted, 2 swaps, 5 numbers and 3 names changed,
--          60% of synonyms, 12% reworded, every spelling variant
local lede = require("lede")
local cjson = require("cjson")

local SETTINGS = {
  light = { delete = 1, insert = 1, swap = 1, numbers = 2, names = 1, synonym = 0.3, reword = 0.02, spelling = 1 },
  heavy = { delete = 3, insert = 3, swap = 2, numbers = 5, names = 3, synonym = 0.6, reword = 0.12, spelling = 1e9 },
}

-- Common news words and a synonym each (both directions are used).
local SYNONYMS = {
  said = "stated", rose = "climbed", fell = "dropped", increase = "rise", decrease = "decline",
  company = "firm", profit = "earnings", shares = "stocks", buy = "purchase", sell = "divest",
  expected = "anticipated", agreed = "consented", big = "large", small = "minor", major = "leading",
  begin = "start", began = "started", ["end"] = "finish", ended = "finished", help = "assist",
  officials = "authorities", government = "administration", plan = "proposal", talks = "negotiations",
  week = "period", quickly = "rapidly", about = "around", also = "additionally", but = "however",
  higher = "greater", lower = "reduced", total = "overall", new = "fresh", announced = "disclosed",
  reported = "posted", estimated = "projected", market = "exchange", price = "cost", prices = "costs",
  sales = "revenues", loss = "deficit", bank = "lender", told = "informed", added = "noted",
  because = "since", very = "highly", many = "numerous", show = "indicate", showed = "indicated",
  strong = "robust", weak = "soft", raise = "lift", raised = "lifted", cut = "reduced",
}
local REVERSE = {}
for k, v in pairs(SYNONYMS) do REVERSE[v] = k end

-- Months and weekdays: capitalized, but dates rather than names.
local CALENDAR = {}
for w in ([[january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday]]):gmatch("%a+") do CALENDAR[w] = true end

-- American spellings and their British forms, by rule: -ize -> -ise,
-- -or -> -our for a few stems, -er -> -re, -se -> -ce.
local function british(word)
  local lower = word:lower()
  local function keep_case(new)
    if word:match("^%u%l") then return new:sub(1, 1):upper() .. new:sub(2) end
    if word:match("^%u+$") then return new:upper() end
    return new
  end
  for _, stem in ipairs({ "labor", "favor", "color", "honor", "harbor", "neighbor", "behavior" }) do
    if lower:sub(1, #stem) == stem then return keep_case(stem:sub(1, -3) .. "our" .. lower:sub(#stem + 1)) end
  end
  local base, ending = lower:match("^(%a%a%a+)iz(e[sd]?)$")
  if not base then base, ending = lower:match("^(%a%a%a+)iz(ing)$") end
  if not base then base, ending = lower:match("^(%a%a%a+)iz(ation)$") end
  if base then return keep_case(base .. "is" .. ending) end
  if lower == "center" or lower == "centers" then return keep_case(lower:gsub("^center", "centre")) end
  if lower == "defense" then return keep_case("defence") end
  if lower == "offense" then return keep_case("offence") end
  return nil
end

-- A different number written like `text`: each digit run scaled by a
-- random factor, keeping separators and decimals.
local function other_number(text, rng)
  local out = text:gsub("%d+", function(d)
    local n = tonumber(d)
    local m = n
    while m == n do m = math.floor(n * (0.5 + rng()) + rng(1, 9)) end
    local s = tostring(m)
    if #s > #d and #d > 1 then s = s:sub(1, #d) end
    if s == d then s = tostring((n + 1) % (10 ^ #d)) end
    return s
  end, 1)
  return out
end

local function parse_args(argv)
  local o = { input = "/work/shared/corpora/reuters21578.jsonl", out = "bench-out", setting = "light",
    count = 300, seed = 1 }
  local i = 1
  while i <= #argv do
    local a, v = argv[i], argv[i + 1]
    if a == "--in" then o.input = v
    elseif a == "--out" then o.out = v
    elseif a == "--setting" then o.setting = v
    elseif a == "--count" then o.count = tonumber(v)
    elseif a == "--seed" then o.seed = tonumber(v)
    else error("unknown argument " .. a) end
    i = i + 2
  end
  assert(SETTINGS[o.setting], "setting must be light or heavy")
  return o
end

-- Kinds of token that carry words.
local WORDLIKE = { word = true, abbrev = true, number = true, cjk = true }

-- The sentences of a document as lists of tokens, grouped by paragraph:
-- { {sentence, …}, … } where a sentence is {tokens = {token, …}}.
local function structure(d)
  local paras, toks = {}, {}
  for i, t in d:tokens() do toks[i] = t end
  for _, s in d:sentences() do
    local list = {}
    for ti = s.first_token, s.first_token + s.ntokens - 1 do list[#list + 1] = toks[ti] end
    local p = list[1] and list[1].paragraph or 0
    local last = paras[#paras]
    if not last or last.index ~= p then
      last = { index = p, sentences = {} }
      paras[#paras + 1] = last
    end
    last.sentences[#last.sentences + 1] = { tokens = list, text = s.text }
  end
  return paras, toks
end

local function main(argv)
  local o = parse_args(argv)
  local set = SETTINGS[o.setting]
  math.randomseed(o.seed)
  local rng = math.random
  local corpus = assert(lede.load(o.input))
  -- Candidate articles: 150 to 1,500 tokens, 3 or more sentences, each body
  -- used once (Reuters repeats some).
  local pool, seen = {}, {}
  for i, d in corpus:docs() do
    local n = #d
    if n >= 150 and n <= 1500 and d:nsentences() >= 3 and not seen[d.hash] then
      seen[d.hash] = true
      pool[#pool + 1] = i
    end
  end
  -- Shuffle and take count.
  for i = #pool, 2, -1 do
    local j = rng(i)
    pool[i], pool[j] = pool[j], pool[i]
  end
  os.execute("mkdir -p '" .. o.out .. "'")
  local fo = assert(io.open(o.out .. "/original.jsonl", "w"))
  local fd = assert(io.open(o.out .. "/derived.jsonl", "w"))
  local ft = assert(io.open(o.out .. "/truth.jsonl", "w"))
  -- A pool of names to swap in: capitalized words from other articles.
  local names = {}
  for k = o.count + 1, math.min(#pool, o.count + 200) do
    local d = corpus:doc(pool[k])
    for _, t in d:tokens() do
      if t.kind == "word" and t.text:match("^%u%l%l%l+$") and t.space_before and not CALENDAR[t.norm] then
        names[#names + 1] = t.text
      end
    end
  end

  for k = 1, math.min(o.count, #pool) do
    local d = corpus:doc(pool[k])
    local text = d:text()
    local paras = structure(d)
    -- Sentence units in order, with their paragraph.
    local units = {}
    for pi, p in ipairs(paras) do
      for _, s in ipairs(p.sentences) do units[#units + 1] = { para = pi, tokens = s.tokens } end
    end
    -- Delete sentences (never the first).
    for _ = 1, set.delete do
      if #units > 3 then table.remove(units, rng(2, #units)) end
    end
    -- Swap adjacent paragraphs (or sentences when there is one paragraph).
    local order = {}
    for _, u in ipairs(units) do
      if not order[#order] or order[#order].para ~= u.para then order[#order + 1] = { para = u.para, units = {} } end
      table.insert(order[#order].units, u)
    end
    for _ = 1, set.swap do
      if #order >= 3 then
        local i = rng(2, #order - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
      elseif #order[1].units >= 3 then
        local us = order[1].units
        local i = rng(2, #us - 1)
        us[i], us[i + 1] = us[i + 1], us[i]
      end
    end
    -- Insert sentences from another article.
    local other = corpus:doc(pool[(k + o.count) % #pool + 1])
    local osent = {}
    for _, s in other:sentences() do if s.ntokens >= 8 then osent[#osent + 1] = s.text:gsub("%s+", " ") end end
    for _ = 1, set.insert do
      if #osent > 0 then
        local g = order[rng(1, #order)]
        table.insert(g.units, rng(1, #g.units + 1), { inserted = table.remove(osent, rng(1, #osent)) })
      end
    end
    -- Choose the word tokens to change: numbers, names, spellings.
    -- A word opening its sentence or a quotation is capitalized for its
    -- place, not for being a name.
    local words = {}
    for _, g in ipairs(order) do
      for _, u in ipairs(g.units) do
        local prev
        for ti, t in ipairs(u.tokens or {}) do
          if WORDLIKE[t.kind] then
            words[#words + 1] = { t = t, first = ti == 1 or (prev and prev.kind == "quote") }
          end
          prev = t
        end
      end
    end
    local change = {}
    local function pick(filter, n, kind, make)
      local cands = {}
      for _, w in ipairs(words) do if not change[w.t.start] and filter(w) then cands[#cands + 1] = w end end
      for _ = 1, n do
        if #cands == 0 then break end
        local w = table.remove(cands, rng(1, #cands))
        local new = make(w.t.text)
        if new and new ~= w.t.text then change[w.t.start] = { kind = kind, new = new } end
      end
    end
    pick(function(w) return w.t.kind == "number" end, set.numbers, "number", function(s) return other_number(s, rng) end)
    pick(function(w)
      return w.t.kind == "word" and not w.first and w.t.text:match("^%u%l%l+$") and not CALENDAR[w.t.norm]
    end, set.names, "name",
      function(s)
        for _ = 1, 5 do
          local n = names[rng(1, #names)]
          if n ~= s then return n end
        end
      end)
    pick(function(w) return british(w.t.text) ~= nil end, set.spelling, "spelling", british)
    for _, w in ipairs(words) do
      local t = w.t
      if not change[t.start] and t.kind == "word" then
        local syn = SYNONYMS[t.norm] or REVERSE[t.norm]
        if syn and rng() < set.synonym then
          change[t.start] = { kind = "synonym", new = t.text:match("^%u") and (syn:sub(1, 1):upper() .. syn:sub(2)) or syn }
        elseif not syn and #t.norm >= 4 and not t.text:match("^%u") and rng() < set.reword then
          -- Reworded: a content word replaced by another article's word.
          local ws = osent[1] or "other"
          local cand = {}
          for wd in ws:gmatch("%l%l%l%l+") do cand[#cand + 1] = wd end
          if #cand > 0 then change[t.start] = { kind = "reword", new = cand[rng(1, #cand)] } end
        end
      end
    end
    -- Write the derived text, recording where every word lands.
    local out, pos = {}, 0
    local pairs_, changes = {}, {}
    local function emit(s)
      out[#out + 1] = s
      pos = pos + #s
    end
    for gi, g in ipairs(order) do
      if gi > 1 then emit("\n\n") end
      for ui, u in ipairs(g.units) do
        if ui > 1 then emit(" ") end
        if u.inserted then
          emit(u.inserted)
        else
          local prev
          for _, t in ipairs(u.tokens) do
            if prev then
              local gap = text:sub(prev.stop + 1, t.start):gsub("%s+", " ")
              emit(gap)
            end
            local c = change[t.start]
            local at = pos
            emit(c and c.new or t.text)
            if WORDLIKE[t.kind] then
              pairs_[#pairs_ + 1] = { t.start, at }
              if c then
                changes[#changes + 1] = { kind = c.kind, a = t.start, b = at, old = t.text, new = c.new }
              end
            end
            prev = t
          end
        end
      end
    end
    local derived = table.concat(out)
    local id = tostring(d.id or pool[k])
    fo:write(cjson.encode({ id = id, title = d.title, text = text }), "\n")
    fd:write(cjson.encode({ id = id .. "-" .. o.setting, title = d.title, text = derived }), "\n")
    ft:write(cjson.encode({ id = id, setting = o.setting, pairs = pairs_, changes = changes }), "\n")
  end
  fo:close()
  fd:close()
  ft:close()
  io.stderr:write(string.format("%d pairs (%s) written to %s\n", math.min(o.count, #pool), o.setting, o.out))
end

main(arg or { ... })
