-- keyness.lua — the words one source (or group of documents) uses more, or
-- less, than the rest: G² with its effect size (Log Ratio), and the log-odds
-- ratio with an informative Dirichlet prior ("Fightin' Words", Monroe et al.
-- 2008) with z-scores. Formulas in explore/stats.lua.
--
--   lede keyness seeds/                       every source against the rest
--   lede keyness seeds/ --target 000          one source (or a prefix of its file name)
--   lede keyness --db news.db --target "New York Post" --sort g2 --format csv
--   lede keyness seeds/ --target 000 --near crimea   the words around Crimea: how each frames it
--   lede keyness seeds/ --target 000 --by family      word families (Snowball stems) instead of words
-- (lede framing counts sources instead of tokens: docs/framing.md)
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables, stats = explore.tables, explore.stats
local stopwords = require("lede.stopwords")
local lede = require("lede")

local SORTS = { z = true, g2 = true, log_ratio = true }

-- Whether a normalized word is counted: it has a letter, and (unless stop
-- words are kept) it is not a function word or a verb of saying.
local function wanted(form, keep)
  -- An n-gram is wanted when one of its words is.
  if form:find(" ", 1, true) then
    for w in form:gmatch("%S+") do
      if wanted(w, keep) then return true end
    end
    return false
  end
  if not form:find("%a") and not form:find("[\128-\255]") then return false end
  if keep then return true end
  local base = form:match("^(.+)'s$") or form
  return not stopwords.english[base] and not stopwords.reporting[base]
end

-- The usual spelling of a normalized word in the corpus (Kiev for kiev),
-- from the matches of the word itself.
local function surface(corpus, form)
  local hits = corpus:concordance('"' .. form .. '"', { context = 1 })
  local count, best, n = {}, form, 0
  for _, l in ipairs(hits or {}) do
    count[l.match] = (count[l.match] or 0) + 1
    if count[l.match] > n or (count[l.match] == n and l.match < best) then best, n = l.match,
        count[l.match] end
  end
  return best
end

-- Score every word of the target against the reference.
-- `focus` holds the counts compared (target + reference), `all` and
-- `nall` the whole corpus's, which give the prior.
local function compare(target, tsize, ref, rsize, focus, all, nall, alpha0, min, keep)
  local rows = {}
  for w, total in pairs(focus) do
    if total >= min and wanted(w, keep) then
      local a, b = target[w] or 0, ref[w] or 0
      local k = stats.keyness(a, b, tsize, rsize)
      -- The prior: the word's share of the whole corpus, α0 pseudo-counts in all.
      local lo = stats.log_odds(a, tsize, b, rsize, alpha0 * (all[w] or total) / nall, alpha0)
      rows[#rows + 1] = {
        word = w, target = a, reference = b, g2 = k.g2, log_ratio = k.log_ratio, delta = lo.delta, z = lo.z,
      }
    end
  end
  return rows
end

-- The n rows most characteristic of the target (descending) or of the
-- reference (ascending) by `key`.
local function top(rows, key, n, ascending)
  local sorted = {}
  for i, r in ipairs(rows) do sorted[i] = r end
  table.sort(sorted, function(a, b)
    if a[key] ~= b[key] then
      if ascending then return a[key] < b[key] end
      return a[key] > b[key]
    end
    return a.word < b.word
  end)
  local out = {}
  for i = 1, math.min(n, #sorted) do
    if (ascending and sorted[i][key] < 0) or (not ascending
        and sorted[i][key] > 0) then out[#out + 1] = sorted[i] end
  end
  return out
end

local function run(corpus, args)
  if not SORTS[args.sort] then explore.usage("--sort must be z, g2 or log_ratio, not '%s'", args.sort) end
  local docs = explore.documents(corpus)
  local groups = explore.groups(docs)
  local targets = {}
  if args.target ~= "" then
    local ids = {}
    for _, d in ipairs(docs) do
      if explore.in_group(d, args.target) then ids[#ids + 1] = d.id end
    end
    if #ids == 0 then explore.usage("no document's source or name matches --target '%s'", args.target) end
    if #ids == #docs then explore.usage("every document matches --target '%s': nothing to compare with",
        args.target) end
    targets[1] = { label = args.target, ids = ids }
  else
    if #groups < 2 then explore.usage("keyness needs documents from at least two sources") end
    if #groups > 50 then
      explore.usage("%d sources (documents without a source are one each): name one with --target", #groups)
    end
    targets = groups
  end
  local ngram = math.tointeger(args.ngram) or 1
  if ngram < 1 or ngram > 8 then explore.usage("--ngram must be from 1 to 8, not %s",
      tostring(args.ngram)) end
  if ngram > 1 and args.near ~= "" then explore.usage("--near compares single words: leave out --ngram") end
  if args.by ~= "word" and args.by ~= "family" then
    explore.usage("--by must be word or family, not '%s'", args.by)
  end
  if args.by == "family" and ngram > 1 then
    explore.usage("--by family compares single words: leave out --ngram")
  end
  -- With --by family, counts are summed over the forms of one Snowball
  -- stem (annexed + annexation = annex): the forms of one choice count
  -- as one word. forms[stem] keeps each form's count for the spelling.
  local forms = {}
  local function by_family(map, total)
    if args.by ~= "family" then return map, total end
    local out = {}
    for form, c in pairs(map) do
      local ok, stem = pcall(lede.stem, form)
      stem = ok and stem or form
      out[stem] = (out[stem] or 0) + c
      local f = forms[stem]
      if not f then f = {}; forms[stem] = f end
      f[form] = math.max(f[form] or 0, c)
    end
    return out, total
  end
  local all, nall = by_family(explore.counts(corpus, nil, ngram))
  -- With --near, what is compared is the words in windows around a
  -- query's matches (how each source writes about one thing), and the
  -- prior still comes from the whole corpus.
  local near_hits
  if args.near ~= "" then near_hits = explore.near_hits(corpus, args.near) end
  local window = math.tointeger(args.window) or 10
  -- Counts of one group: all its words, or those near the matches.
  local function group_counts(ids)
    if not near_hits then return by_family(explore.counts(corpus, ids, ngram)) end
    local hits = {}
    for _, id in ipairs(ids) do
      for _, h in ipairs(near_hits[id] or {}) do hits[#hits + 1] = h end
    end
    local list, total = corpus:collocates(hits, { window = window })
    local map = {}
    for _, c in ipairs(list) do map[c.form] = c.count end
    return by_family(map, total)
  end
  local focus, nfocus = all, nall
  if near_hits then
    local ids = {}
    for _, d in ipairs(docs) do ids[#ids + 1] = d.id end
    focus, nfocus = group_counts(ids)
  end
  local alpha0 = tonumber(args.alpha) * nfocus
  local n, min = math.tointeger(args.top) or 10, math.tointeger(args.min) or 2
  local result = { sort = args.sort, alpha0 = alpha0, corpus_words = nall, near = near_hits and args.near
      or nil,
    window = near_hits and window or nil, targets = {} }
  local records, text = {}, {}
  local spelled = {}
  local function spell(w)
    if not spelled[w] then
      if args.by == "family" then
        -- the family's forms, commonest first, each as the corpus spells it
        local list = {}
        for form, c in pairs(forms[w] or { [w] = 1 }) do list[#list + 1] = { form, c } end
        table.sort(list, function(a, b)
          if a[2] ~= b[2] then return a[2] > b[2] end
          return a[1] < b[1]
        end)
        local out = {}
        for i = 1, math.min(2, #list) do out[i] = surface(corpus, list[i][1]) end
        spelled[w] = table.concat(out, "/")
      else
        spelled[w] = surface(corpus, w)
      end
    end
    return spelled[w]
  end
  for _, g in ipairs(targets) do
    local target, tsize = group_counts(g.ids)
    local ref, rsize = {}, nfocus - tsize
    for w, c in pairs(focus) do
      local r = c - (target[w] or 0)
      if r > 0 then ref[w] = r end
    end
    local rows = compare(target, tsize, ref, rsize, focus, all, nall, alpha0, min, args.stopwords)
    local more, less = top(rows, args.sort, n, false), top(rows, args.sort, n, true)
    for _, list in ipairs({ more, less }) do
      for _, r in ipairs(list) do r.spelling = spell(r.word) end
    end
    result.targets[#result.targets + 1] = { target = g.label, documents = g.ids, words = tsize,
        reference_words = rsize,
      more = more, less = less }
    for side, list in pairs({ more = more, less = less }) do
      for _, r in ipairs(list) do
        records[#records + 1] = {
          target = g.label, side = side, word = r.word, spelling = r.spelling, target_count = r.target,
          reference_count = r.reference, g2 = r.g2, log_ratio = r.log_ratio, log_odds = r.delta, z = r.z,
        }
      end
    end
    local function f(d) return function(v) return tables.num(v, d) end end
    local cols = {
      { key = "spelling", title = "word", max = 24 },
      { key = "target", title = "here", right = true },
      { key = "reference", title = "rest", right = true },
      { key = "g2", title = "G²", right = true, fmt = f(2) },
      { key = "log_ratio", title = "LogRatio", right = true, fmt = f(2) },
      { key = "delta", title = "log-odds", right = true, fmt = f(2) },
      { key = "z", title = "z", right = true, fmt = f(2) },
    }
    text[#text + 1] = string.format("%s (%d document%s, %d %s%s) against the rest (%d)", g.label, #g.ids,
      #g.ids == 1 and "" or "s", tsize, ngram > 1 and (ngram .. "-grams") or "words",
      near_hits and string.format(" within %d of %s", window, args.near) or "", rsize)
    text[#text + 1] = "  used more here:"
    text[#text + 1] = #more > 0 and tables.render(more, cols):gsub("[^\n]+", "    %0") or "    (none)\n"
    text[#text + 1] = "  used more by the rest:"
    text[#text + 1] = #less > 0 and tables.render(less, cols):gsub("[^\n]+", "    %0") or "    (none)\n"
  end
  result.records = records
  local head = string.format("Keyness, sorted by %s (log-odds with an informative Dirichlet prior of %g "
    .. "pseudo-counts; G² signed + for more here)\n\n", args.sort == "z" and "z of the log-odds" or args.sort,
        alpha0)
  local out = {}
  for i = 1, #text, 5 do out[#out + 1] = table.concat(text, "\n", i, math.min(i + 4, #text)) end
  return result, head .. table.concat(out, "\n")
end

return {
  description = "Keyness of one source (or each) against the rest: G² with Log Ratio, and Monroe et al.'s "
    .. "log-odds with an informative Dirichlet prior and z-scores",
  args = {
    { name = "target", help = "a source, or the start of file names (default: every source in turn)",
        default = "" },
    { name = "top", help = "words to list each way", default = 10 },
    { name = "min", help = "least occurrences in what is compared", default = 2 },
    { name = "ngram", help = "compare n-grams of this many words (1 to 8)", default = 1 },
    { name = "near", help = "compare only the words near this query's matches (docs/query.md)",
        default = "" },
    { name = "window", help = "with --near: words each side of a match, within its sentence", default = 10 },
    { name = "by", help = "word, or family: sum the forms of one Snowball stem (annexed + annexation)",
        default = "word" },
    { name = "sort", help = "z (log-odds), g2 or log_ratio", default = "z" },
    { name = "alpha", help = "prior pseudo-counts as a share of the corpus's words", default = 0.1 },
    { name = "stopwords", help = "keep function words and verbs of saying", default = false },
  },
  records = "records",
  columns = { "target", "side", "word", "spelling", "target_count", "reference_count", "g2", "log_ratio",
      "log_odds", "z" },
  run = run,
}
