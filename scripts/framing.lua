-- framing.lua — the words that show how each source frames a story: word
-- families (Snowball stems) compared by how many SOURCES use them, around a
-- topic (--near) or in whole articles, with the families that take their
-- place in the other sources paired beside them. docs/framing.md explains
-- the measures; the computations are in explore/framing.lua.
--
--   lede framing seeds/ --near crimea               every source against the rest
--   lede framing seeds/ --target 000                one source, whole articles
--   lede framing --db news.db --near '"peace deal"' --format csv
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables, stats = explore.tables, explore.stats
local fw = explore.module("framing")
local lede = require("lede")

-- The shortest prefix (at least 3 characters, whole UTF-8 characters) that
-- tells each label apart from the others, for the "used by" column.
local function short_labels(labels)
  local out = {}
  for _, l in ipairs(labels) do
    local n = math.min(3, utf8.len(l) or #l)
    local function prefix(s, k) return s:sub(1, (utf8.offset(s, k + 1) or (#s + 1)) - 1) end
    while true do
      local p, clash = prefix(l, n), false
      for _, o in ipairs(labels) do
        if o ~= l and prefix(o, n) == p then clash = true end
      end
      if not clash or n >= (utf8.len(l) or #l) then
        out[l] = p
        break
      end
      n = n + 1
    end
  end
  return out
end

-- The documents in scope that use each family: family -> {id = true}.
local function family_docs(counts, inscope)
  local d = {}
  for id, m in pairs(counts) do
    if inscope[id] then
      for f in pairs(m) do
        local s = d[f]
        if not s then s = {}; d[f] = s end
        s[id] = true
      end
    end
  end
  return d
end

-- How far two families avoid each other: the share of the documents using
-- the rarer one that also use the other (0: never in one document, as
-- substitutes are; 1: always together). `fdocs` is family_docs' table;
-- answers are kept per fdocs table, as they do not depend on the target.
local co_memo = setmetatable({}, { __mode = "k" }) -- fdocs -> {pair -> co-use}
local function co_use(fdocs, fa, fb)
  local key = fa < fb and (fa .. "\0" .. fb) or (fb .. "\0" .. fa)
  local memo = co_memo[fdocs]
  if not memo then memo = {}; co_memo[fdocs] = memo end
  if memo[key] then return memo[key] end
  local da, db = fdocs[fa] or {}, fdocs[fb] or {}
  local na, nb, both = 0, 0, 0
  for id in pairs(da) do
    na = na + 1
    if db[id] then both = both + 1 end
  end
  for _ in pairs(db) do nb = nb + 1 end
  local m = math.min(na, nb)
  memo[key] = m > 0 and both / m or 0
  return memo[key]
end

-- Compare one target source with the rest (or the sources in the set
-- `against`). Returns the rows of every family used in scope, each
--   { family, p_here, p_rest, delta, rest_sources (how many use it),
--     n_rest, tokens_here, tokens_rest, z, users = {labels} },
-- and the number of sources compared with; nil when there are none.
local function compare(target, sources, against, families, prior, keep)
  local rest = {}
  for _, s in ipairs(sources) do
    if s ~= target and (not against or against[s]) then rest[#rest + 1] = s end
  end
  if #rest == 0 then return nil end
  local seen = {}
  for _, s in ipairs(rest) do
    for f in pairs(s.use) do seen[f] = true end
  end
  for f in pairs(target.use) do seen[f] = true end
  local tsize, rsize = target.total, 0
  for _, s in ipairs(rest) do rsize = rsize + s.total end
  local alpha0 = prior.alpha * (tsize + rsize)
  local rows = {}
  for f in pairs(seen) do
    if keep or not families[f].stop then
      -- Source dispersion: p_here is the share of the target's documents
      -- in scope that use the family (0 or 1 for one article); p_rest the
      -- same share averaged over the other sources, each source weighing
      -- one (an outlet with 40 articles counts as much as one with 2).
      -- delta = p_here − p_rest runs from +1 (only the target uses it)
      -- to −1 (every other source does, the target never).
      local p_here = target.use[f] or 0
      local sum, k, b = 0, 0, 0
      local users = {}
      for _, s in ipairs(rest) do
        local u = s.use[f]
        if u then
          sum, k = sum + u, k + 1
          users[#users + 1] = s.label
        end
        b = b + (s.tokens[f] or 0)
      end
      local p_rest = sum / #rest
      local a = target.tokens[f] or 0
      -- Token counts and Monroe et al.'s z beside (prior: the family's
      -- share of the whole corpus, alpha0 pseudo-counts in all).
      local lo = stats.log_odds(a, tsize, b, rsize, alpha0 * families[f].n / prior.nall, alpha0)
      rows[#rows + 1] = {
        family = f, p_here = p_here, p_rest = p_rest, delta = p_here - p_rest,
        rest_sources = k, n_rest = #rest,
        tokens_here = a, tokens_rest = b, z = lo.z, users = users,
      }
    end
  end
  return rows, #rest
end

-- Pair substitutes and score. For a family f used more here (delta > 0)
-- and g used more by the rest (delta < 0), the evidence that g is what the
-- rest write where the target writes f is
--   pair(f, g) = sim(f, g) · min(delta_f, −delta_g) · (1 − co_use(f, g))
-- with sim the larger of the cosine of their slot contexts and, for two
-- names that sound alike (the same Soundex code), their Jaro–Winkler
-- similarity when it is at least 0.8 (spelling variants: Kiev/Kyiv 0.85,
-- not John/Josh 0.87, whose codes differ). min(…) makes a pair as strong
-- as its weaker side: "one source alone uses f" and "the others agree on
-- g" must both hold; co_use discounts families used side by side.
-- Each family's score is |delta| + its best pair: among families with the
-- same spread, those with a substitute on the other side come first.
local SPELLING = 0.8
-- How many pairs the text shows side by side in context, per target, and
-- the least similarity for that (weaker pairs are mostly chance neighbours
-- on a few articles: docs/framing.md, Limits).
local PAIRS_SHOWN, SHOWN_SIM = 3, 0.3
local function pair_and_score(rows, cosine, families, fdocs, candidates)
  local plus, minus = {}, {}
  for _, r in ipairs(rows) do
    if r.delta > 0 then plus[#plus + 1] = r elseif r.delta < 0 then minus[#minus + 1] = r end
  end
  -- Pairing looks at the strongest candidates of each side only (the cost
  -- is their product); order: spread, then tokens.
  local function strongest(list)
    table.sort(list, function(x, y)
      if math.abs(x.delta) ~= math.abs(y.delta) then return math.abs(x.delta) > math.abs(y.delta) end
      local tx, ty = x.tokens_here + x.tokens_rest, y.tokens_here + y.tokens_rest
      if tx ~= ty then return tx > ty end
      return x.family < y.family
    end)
    local out = {}
    for i = 1, math.min(candidates, #list) do out[i] = list[i] end
    return out
  end
  local P, N = strongest(plus), strongest(minus)
  local names = {}
  local function is_name(f)
    if names[f] == nil then names[f] = fw.is_name(families[f]) end
    return names[f]
  end
  local usual = {}
  local function spelled(f)
    if not usual[f] then usual[f] = fw.forms(families[f], 1)[1]:lower() end
    return usual[f]
  end
  for _, r in ipairs(rows) do r.score, r.pair, r.pair_strength, r.sim = math.abs(r.delta), nil, 0, 0 end
  for _, f in ipairs(P) do
    for _, g in ipairs(N) do
      local sim, how = cosine(f.family, g.family), "context"
      if is_name(f.family) and is_name(g.family) then
        local a, b = spelled(f.family), spelled(g.family)
        local jw = fw.jaro_winkler(a, b)
        if jw >= SPELLING and jw > sim and fw.soundex(a) and fw.soundex(a) == fw.soundex(b) then
          sim, how = jw, "spelling"
        end
      end
      local bound = sim * math.min(f.delta, -g.delta)
      -- co-use only lowers a pair: skip it when the pair cannot beat either side's best
      if bound > 0 and (bound > f.pair_strength or bound > g.pair_strength) then
        local strength = bound * (1 - co_use(fdocs, f.family, g.family))
        if strength > f.pair_strength then
          f.pair, f.pair_strength, f.sim, f.pair_how = g.family, strength, sim, how
        end
        if strength > g.pair_strength then
          g.pair, g.pair_strength, g.sim, g.pair_how = f.family, strength, sim, how
        end
      end
    end
  end
  for _, r in ipairs(rows) do r.score = math.abs(r.delta) + r.pair_strength end
end

-- The n rows of one side, best first: score, then the z of the tokens,
-- then the family.
local function side(rows, sign, n)
  local list = {}
  for _, r in ipairs(rows) do
    if (sign > 0 and r.delta > 0) or (sign < 0 and r.delta < 0) then list[#list + 1] = r end
  end
  table.sort(list, function(a, b)
    if a.score ~= b.score then return a.score > b.score end
    if a.z ~= b.z then return sign > 0 and a.z > b.z or (sign < 0 and a.z < b.z) end
    return a.family < b.family
  end)
  local out = {}
  for i = 1, math.min(n, #list) do out[i] = list[i] end
  return out
end

-- The --topics listing: result and text.
local function show_topics(topics, n, nsources, window, families)
  local rows = {}
  for i = 1, math.min(n, #topics) do
    local t = topics[i]
    rows[i] = { rank = i, family = t.family, words = table.concat(fw.forms(families[t.family], 2), "/"),
      sources = t.sources, tokens = t.tokens, divergence = t.divergence,
      sources_of = string.format("%d/%d", t.sources, nsources) }
  end
  local text = string.format("Shared topics: content words most sources use, with how differently they write "
    .. "within %d words of them\n(divergence: mean Jaccard distance between sources' words there; "
    .. "lede framing --near WORD looks closer)\n\n", window)
    .. explore.tables.render(rows, {
      { key = "rank", title = "#", right = true },
      { key = "words", title = "topic", max = 30 },
      { key = "sources_of", title = "sources", right = true },
      { key = "tokens", title = "tokens", right = true },
      { key = "divergence", title = "divergence", right = true,
        fmt = function(v) return tables.num(v, 2) end },
    })
  for _, r in ipairs(rows) do r.sources_of = nil end
  return { topics = rows, records = rows }, text
end

local function run(corpus, args)
  local docs = explore.documents(corpus)
  local groups = explore.groups(docs)
  if #groups < 2 then explore.usage("framing needs documents from at least two sources") end
  local window = math.tointeger(args.window)
  if not window or window < 0 then explore.usage("--window must be 0 (the sentence) or more, not %s",
      tostring(args.window)) end
  local width = math.tointeger(args.context)
  if not width or width < 1 then
    explore.usage("--context must be 1 or more, not %s", tostring(args.context))
  end
  local n = math.tointeger(args.top)
  if not n or n < 1 then explore.usage("--top must be 1 or more, not %s", tostring(args.top)) end
  local candidates = math.tointeger(args.candidates)
  if not candidates or candidates < 1 then explore.usage("--candidates must be 1 or more") end
  local ntopics = math.tointeger(args.topics)
  if not ntopics or ntopics < 0 then
    explore.usage("--topics must be 0 or more, not %s", tostring(args.topics))
  end
  if args.target == "" and ntopics == 0 and #groups > 50 then
    explore.usage("%d sources (documents without a source are one each): name one with --target", #groups)
  end
  local language = args.language
  if not pcall(lede.stem, "a", language) then
    explore.usage("no stemmer for --language '%s' (one of: %s)", language,
      table.concat(lede.stem_languages(), ", "))
  end

  local hits
  if args.near ~= "" then hits = explore.near_hits(corpus, args.near) end

  local words, families = fw.read(corpus, docs, language)
  if ntopics > 0 then
    -- Shared topics: what all sources mention (all but one when there are
    -- more than three), the most widely mentioned first.
    local need = #groups <= 3 and #groups or #groups - 1
    local topics = fw.topics(words, docs, groups, families, window, need, ntopics)
    return show_topics(topics, ntopics, #groups, window, families)
  end
  local scope = fw.scope(words, docs, hits, window)
  local counts, inscope, forms = fw.doc_counts(words, docs, scope)
  local sources = fw.sources(groups, counts, inscope, forms)
  if #sources < 2 then
    explore.usage("%s: only %d source%s",
      hits and ("nothing near '" .. args.near .. "' in more than one source") or "no words",
      #sources, #sources == 1 and "" or "s")
  end
  local nall = 0
  for _, fam in pairs(families) do nall = nall + fam.n end
  -- The topic's own families, left out of the slot contexts.
  local topic = {}
  for id, list in pairs(hits or {}) do
    local w = words[id]
    for _, h in ipairs(list) do
      for i = h.position, h.position + h.ntokens - 1 do
        if w.at[i] then topic[w.fam[w.at[i]]] = true end
      end
    end
  end
  local cosine = fw.cosine_of(fw.contexts(words, docs, families, width, topic))
  local fdocs = family_docs(counts, inscope)

  local targets = {}
  if args.target ~= "" then
    for _, s in ipairs(sources) do
      local probe = { label = s.label, source = s.label }
      if explore.in_group(probe, args.target) then targets[#targets + 1] = s end
    end
    if #targets == 0 then
      explore.usage("no source %smatches --target '%s'", hits and "mentioning the topic " or "", args.target)
    end
  else
    targets = sources
  end

  -- The sources compared with: the rest, or those --against names.
  local against
  if args.against ~= "" then
    against = {}
    local any = false
    for _, s in ipairs(sources) do
      if explore.in_group({ label = s.label, source = s.label }, args.against) then
        against[s], any = true, true
      end
    end
    if not any then
      explore.usage("no source %smatches --against '%s'", hits and "mentioning the topic " or "",
        args.against)
    end
  end

  local labels = {}
  for i, s in ipairs(sources) do labels[i], s.order = s.label, i end
  local short = short_labels(labels)
  -- A family as the given sources write it in scope ("annexed/annexation",
  -- the two commonest forms), or as the corpus does.
  local function side_forms(f, among)
    local merged = {}
    for _, s in ipairs(among or {}) do
      for form, c in pairs(s.forms[f] or {}) do merged[form] = (merged[form] or 0) + c end
    end
    if next(merged) == nil then merged = families[f].forms end
    return fw.forms(merged, 2)
  end
  local function spelling(f, among) return table.concat(side_forms(f, among), "/") end

  -- The content families of the sentence around word position k of a
  -- document, as a set.
  local function sentence_families(w, k)
    local set, s = {}, w.sentence[k]
    local i = k
    while i > 1 and w.sentence[i - 1] == s do i = i - 1 end
    while i <= #w.fam and w.sentence[i] == s do
      if not families[w.fam[i]].stop then set[w.fam[i]] = true end
      i = i + 1
    end
    return set
  end
  -- An occurrence in scope of family f in the documents of the given
  -- sources, as a concordance line "left [match] right", its source and
  -- its sentence's families; nil if there is none. Without `like`, the
  -- first one in the form those sources write most; with `like` (a set
  -- of families), the one whose sentence shares most of them, so that a
  -- substitute is shown in the passage that parallels its partner's.
  local function example(f, among, like)
    local form = side_forms(f, among)[1]
    local best, best_score
    for _, s in ipairs(among) do
      for _, id in ipairs(s.ids) do
        local w = words[id]
        for k in pairs(scope[id]) do
          if w.fam[k] == f then
            -- score: shared families (with `like`), then the usual form, then earlier
            local shared = 0
            if like then
              for g in pairs(sentence_families(w, k)) do
                if like[g] then shared = shared + 1 end
              end
            end
            local score = { shared, w.text[k] == form and 1 or 0 }
            local better = not best
              or score[1] > best_score[1]
              or (score[1] == best_score[1] and score[2] > best_score[2])
              or (score[1] == best_score[1] and score[2] == best_score[2]
                and (best.order > s.order or (best.order == s.order
                  and (best.id > id or (best.id == id and best.k > k)))))
            if better then best, best_score = { id = id, k = k, source = s, order = s.order }, score end
          end
        end
      end
    end
    if not best then return nil end
    local w = words[best.id]
    local tok = assert(corpus:doc(best.id)):token(w.tok[best.k])
    local l = corpus:concordance({ { doc = best.id, position = w.tok[best.k], ntokens = 1, start = tok.start,
      stop = tok.stop } }, { context = 7 })
    if not (l and l[1]) then return nil end
    return { source = best.source.label, line = l[1].left .. "[" .. l[1].match .. "]" .. l[1].right,
      families = sentence_families(w, best.k) }
  end

  local result = { near = hits and args.near or nil, window = hits and window or nil, language = language,
    sources = {}, targets = {} }
  for _, s in ipairs(sources) do
    result.sources[#result.sources + 1] = { source = s.label, short = short[s.label], documents = s.ndocs,
      words = s.total }
  end
  local records, text = {}, {}
  for _, t in ipairs(targets) do
    local rows, nrest = compare(t, sources, against, families, { alpha = tonumber(args.alpha), nall = nall },
      args.stopwords)
    if not rows then goto next_target end
    pair_and_score(rows, cosine, families, fdocs, candidates)
    local here, rest = side(rows, 1, n), side(rows, -1, n)
    local entry = { target = t.label, documents = t.ndocs, against = nrest, here = {}, rest = {} }
    local others = {}
    for _, s in ipairs(sources) do
      if s ~= t and (not against or against[s]) then others[#others + 1] = s end
    end
    local writers = { here = { t }, rest = others }
    for _, name in ipairs({ "here", "rest" }) do
      for i, r in ipairs(name == "here" and here or rest) do
        local used = {}
        for _, u in ipairs(r.users) do used[#used + 1] = short[u] end
        local rec = {
          target = t.label, side = name, rank = i, family = r.family,
          words = spelling(r.family, writers[name]),
          here = r.p_here, rest = r.p_rest, rest_sources = r.rest_sources, n_rest = r.n_rest, delta = r.delta,
          tokens_here = r.tokens_here, tokens_rest = r.tokens_rest, z = r.z,
          substitute = r.pair and spelling(r.pair, writers[name == "here" and "rest" or "here"]) or nil,
          substitute_family = r.pair,
          similarity = r.pair and r.sim or nil, paired_by = r.pair_how, score = r.score,
          used_by = table.concat(used, " "),
        }
        entry[name][i] = rec
        records[#records + 1] = rec
      end
    end
    result.targets[#result.targets + 1] = entry

    local function f(d) return function(v) return tables.num(v, d) end end
    local cols = {
      { key = "words", title = "word family", max = 26 },
      { key = "here", title = "here", right = true, fmt = f(2) },
      { key = "rest_of", title = "rest", right = true },
      { key = "delta", title = "Δ", right = true, fmt = f(2) },
      { key = "tokens", title = "tokens", right = true },
      { key = "z", title = "z", right = true, fmt = f(2) },
      { key = "instead", title = "in its place", max = 32 },
      { key = "score", title = "score", right = true, fmt = f(2) },
      { key = "used_by", title = "rest using it", max = 40 },
    }
    local function shown(list)
      local out = {}
      for i, r in ipairs(list) do
        out[i] = {
          words = r.words, here = r.here, delta = r.delta, z = r.z, score = r.score, used_by = r.used_by,
          rest_of = string.format("%d/%d", r.rest_sources, r.n_rest),
          tokens = string.format("%d:%d", r.tokens_here, r.tokens_rest),
          instead = r.substitute and string.format("%s (%.2f)", r.substitute, r.similarity) or "",
        }
      end
      return out
    end
    local block = {}
    block[#block + 1] = string.format("%s (%d document%s%s) against %d other source%s", t.label, t.ndocs,
      t.ndocs == 1 and "" or "s", hits and string.format(", %s near %s",
        window == 0 and "sentences" or (window .. " words"), args.near) or "",
      nrest, nrest == 1 and "" or "s")
    block[#block + 1] = "  its own choices:"
    block[#block + 1] = #here > 0 and tables.render(shown(entry.here), cols):gsub("[^\n]+", "    %0")
      or "    (none)\n"
    block[#block + 1] = "  what the others write:"
    block[#block + 1] = #rest > 0 and tables.render(shown(entry.rest), cols):gsub("[^\n]+", "    %0")
      or "    (none)\n"
    -- Side by side: the strongest pairs of either list whose similarity
    -- is at least SHOWN_SIM, each word in its first sentence in scope, so
    -- the reader sees the two slots.
    local pairs_seen, candidates_shown = {}, {}
    for _, name in ipairs({ "here", "rest" }) do
      for _, r in ipairs(entry[name]) do
        if r.substitute_family and r.similarity >= SHOWN_SIM then
          local mine, theirs = r.family, r.substitute_family
          if name == "rest" then mine, theirs = theirs, mine end
          local key = mine .. "\0" .. theirs
          if not pairs_seen[key] then
            pairs_seen[key] = true
            candidates_shown[#candidates_shown + 1] = { rec = r, side = name, mine = mine, theirs = theirs,
              strength = r.score - math.abs(r.delta) }
          end
        end
      end
    end
    table.sort(candidates_shown, function(a, b)
      if a.strength ~= b.strength then return a.strength > b.strength end
      return a.mine .. a.theirs < b.mine .. b.theirs
    end)
    local lines = {}
    for _, c in ipairs(candidates_shown) do
      if #lines >= 2 * PAIRS_SHOWN then break end
      local a = example(c.mine, { t })
      local b = a and example(c.theirs, others, a.families)
      if a and b then
        local r = c.rec
        local mine_words = c.side == "here" and r.words or r.substitute
        local their_words = c.side == "here" and r.substitute or r.words
        lines[#lines + 1] = { pair = #lines // 2 + 1, word = mine_words, source = short[a.source],
          line = a.line }
        lines[#lines + 1] = { pair = "", word = their_words, source = short[b.source], line = b.line }
        r.example = c.side == "here" and a.line or b.line
        r.substitute_example = c.side == "here" and b.line or a.line
      end
    end
    if #lines > 0 then
      block[#block + 1] = "  side by side:"
      block[#block + 1] = tables.render(lines, {
        { key = "pair", title = "#", right = true },
        { key = "word", title = "word", max = 26 },
        { key = "source", title = "source" },
        { key = "line", title = "in context", max = 110 },
      }):gsub("[^\n]+", "    %0")
    end
    text[#text + 1] = table.concat(block, "\n")
    ::next_target::
  end
  if #result.targets == 0 then explore.usage("--against names only the target: nothing to compare with") end
  result.records = records
  local legend = {}
  for _, s in ipairs(sources) do legend[#legend + 1] = short[s.label] .. " = " .. s.label end
  local head = string.format("Framing by source dispersion of word families (%s stems)%s.\n"
    .. "here = share of the target's documents using the family, rest = other sources using it, "
    .. "Δ = here − mean share of the others,\ntokens = here:rest, z = Monroe et al.'s log-odds z on tokens, "
    .. "in its place = the family the other side uses in the same slot (similarity).\nSources: %s\n\n",
    language, hits and string.format(" around %s", args.near) or " in whole documents",
    table.concat(legend, ", "))
  return result, head .. table.concat(text, "\n")
end

return {
  description = "How each source frames the story: word families (stems) one source uses where the others "
    .. "use another, by how many sources use them",
  args = {
    { name = "near", help = "compare the words near this query's matches (docs/query.md; "
        .. "empty: whole documents)",
        default = "" },
    { name = "topics", help = "list this many shared topics (words most sources use), to choose --near",
        default = 0 },
    { name = "window", help = "with --near: words each side of a match (in its sentence), 0 for the sentence",
        default = 10 },
    { name = "target", help = "a source, or the start of file names (empty: every source in turn)",
        default = "" },
    { name = "against", help = "compare with this source (or file-name prefix) only (empty: all the others)",
        default = "" },
    { name = "top", help = "families to list each way", default = 8 },
    { name = "context", help = "content words each side that make a family's slot (for pairing)",
        default = 3 },
    { name = "candidates", help = "families each side considered for pairing", default = 200 },
    { name = "language", help = "the Snowball stemmer (lede.stem_languages())", default = "english" },
    { name = "alpha", help = "log-odds prior pseudo-counts as a share of the words compared", default = 0.1 },
    { name = "stopwords", help = "keep function words and verbs of saying", default = false },
  },
  records = "records",
  columns = { "target", "side", "rank", "family", "words", "here", "rest", "rest_sources", "n_rest", "delta",
    "tokens_here", "tokens_rest", "z", "substitute", "similarity", "paired_by", "score", "used_by", "example",
    "substitute_example" },
  run = run,
}
