-- explore/framing.lua — the computations of `lede framing`: word families
-- (Snowball stems), what each source writes around a topic, source-level
-- dispersion of each family, and substitutes (families that fill the same
-- slot, one source using one where the others use the other).
--
-- Why sources, not tokens: in a handful of articles about one event, a
-- framing word ("annexed", "integrated", "Kiev") is a choice each outlet
-- makes once or twice. Token counts then cannot tell it from any other
-- word seen once; what sets it apart is how the choice is spread over the
-- outlets — one uses it, the others all use something else in its place.
-- So the unit of evidence is the source (as in Gries 2008's dispersion:
-- how evenly a word is spread over a corpus's parts), and the word forms of
-- one choice (annexed/annexation, illegal/illegally) count as one family.
-- docs/framing.md has the rationale and a worked example.
local lede = require("lede")
local stopwords = require("lede.stopwords")

local M = {}

-- Kinds of token that carry words.
local WORDLIKE = { word = true, abbrev = true, number = true, cjk = true }
local CAPITALIZED = 1 -- LEDE_TF_CAPITALIZED

-- Whether a normalized form is a function word or a verb of saying.
local function is_stop(norm)
  local base = norm:match("^(.+)'s$") or norm
  return stopwords.english[base] or stopwords.reporting[base] or false
end
M.is_stop = is_stop

-- The family (stem) of a normalized form, memoized in `cache`. Forms with
-- no letter (numbers) are their own family; so are forms the stemmer
-- refuses (none that the tokenizer makes, but a family must never fail).
local function family_of(norm, language, cache)
  local f = cache[norm]
  if f then return f end
  if norm:find("%a") or norm:find("[\128-\255]") then
    local ok, stem = pcall(lede.stem, norm, language)
    f = ok and stem or norm
  else
    f = norm
  end
  cache[norm] = f
  return f
end

-- Read every document once: its word tokens as parallel arrays
-- { fam = {…}, text = {…}, sentence = {…}, tok = {…}, at = {…} } over
-- word-like tokens only (position k is the k-th word, tok[k] its token
-- index, at[token index] = k), and the family table
--   families[f] = { forms = {text = count}, n = occurrences,
--                   cap = capitalized ones, stop = bool, letter = bool }.
function M.read(corpus, docs, language)
  local cache, families = {}, {}
  local words = {}
  for _, d in ipairs(docs) do
    local doc = assert(corpus:doc(d.id))
    local c = doc:columns()
    local w = { fam = {}, text = {}, sentence = {}, tok = {}, at = {} }
    for i = 1, #c.norm do
      if WORDLIKE[c.kind[i]] then
        local k = #w.fam + 1
        local norm = c.norm[i]
        local f = family_of(norm, language, cache)
        w.fam[k], w.text[k], w.sentence[k] = f, c.text[i], c.sentence[i]
        w.tok[k], w.at[i] = i, k
        local fam = families[f]
        if not fam then
          fam = { forms = {}, n = 0, cap = 0, stop = true,
            letter = f:find("%a") ~= nil or f:find("[\128-\255]") ~= nil }
          families[f] = fam
        end
        fam.n = fam.n + 1
        if (c.flags[i] & CAPITALIZED) ~= 0 then fam.cap = fam.cap + 1 end
        fam.forms[c.text[i]] = (fam.forms[c.text[i]] or 0) + 1
        -- A family is a stop family when every form of it is a stop word
        -- (or has no letter: numbers are kept, they are dates and counts).
        if fam.stop and not is_stop(norm) then fam.stop = false end
      end
    end
    words[d.id] = w
  end
  return words, families
end

-- The forms of a family (a table form -> count, or a family record with
-- .forms) most frequent first: an array of forms (at most `limit`), and
-- the {form, count} pairs.
function M.forms(fam, limit)
  local list = {}
  for form, n in pairs(fam.forms or fam) do list[#list + 1] = { form, n } end
  table.sort(list, function(a, b)
    if a[2] ~= b[2] then return a[2] > b[2] end
    return a[1] < b[1]
  end)
  local out = {}
  for i = 1, math.min(limit or #list, #list) do out[i] = list[i][1] end
  return out, list
end

-- The word positions in scope in each document: with `hits` (doc id ->
-- array of {position, ntokens}), the words within `window` words either
-- side of a match inside its sentence (window 0: the whole sentence), the
-- match's own words left out; without, every word. Returns doc id -> set
-- of word positions (k), and doc id -> number of matches.
function M.scope(words, docs, hits, window)
  local scope, nmatches = {}, {}
  for _, d in ipairs(docs) do
    local w = words[d.id]
    local set = {}
    if not hits then
      for k = 1, #w.fam do set[k] = true end
      nmatches[d.id] = 0
    else
      local own = {}
      local list = hits[d.id] or {}
      for _, h in ipairs(list) do
        for i = h.position, h.position + h.ntokens - 1 do
          if w.at[i] then own[w.at[i]] = true end
        end
      end
      for _, h in ipairs(list) do
        -- the first word of the match (a match starts on a word)
        local first = w.at[h.position]
        local last = first
        for i = h.position + h.ntokens - 1, h.position, -1 do
          if w.at[i] then last = w.at[i]; break end
        end
        if first then
          local s = w.sentence[first]
          local lo, hi = first - 1, last + 1
          local k, n = lo, 0
          while k >= 1 and w.sentence[k] == s and (window == 0 or n < window) do
            if not own[k] then set[k] = true end
            k, n = k - 1, n + 1
          end
          k, n = hi, 0
          while k <= #w.fam and w.sentence[k] == s and (window == 0 or n < window) do
            if not own[k] then set[k] = true end
            k, n = k + 1, n + 1
          end
        end
      end
      nmatches[d.id] = #list
    end
    scope[d.id] = set
  end
  return scope, nmatches
end

-- Counts in scope per document: doc id -> {family -> tokens}, the
-- documents in scope (those with at least one word in it), and doc id ->
-- {family -> {form as written -> tokens}}.
function M.doc_counts(words, docs, scope)
  local counts, inscope, forms = {}, {}, {}
  for _, d in ipairs(docs) do
    local w, m, fm = words[d.id], {}, {}
    local any = false
    for k in pairs(scope[d.id]) do
      local f = w.fam[k]
      m[f] = (m[f] or 0) + 1
      local t = fm[f]
      if not t then t = {}; fm[f] = t end
      t[w.text[k]] = (t[w.text[k]] or 0) + 1
      any = true
    end
    counts[d.id], inscope[d.id], forms[d.id] = m, any, fm
  end
  return counts, inscope, forms
end

-- Per source (a group of documents): for each family the share of the
-- source's documents in scope that use it (u, from 0 to 1) and its tokens.
-- For a source of one document u is 0 or 1: it made the choice or not.
-- Returns { {label, ids, ndocs = documents in scope, use = {f -> u},
-- tokens = {f -> n}, forms = {f -> {form -> n}}, total = tokens in
-- scope}, … } for the sources with at least one document in scope.
function M.sources(groups, counts, inscope, forms)
  local out = {}
  for _, g in ipairs(groups) do
    local s = { label = g.label, ids = g.ids, ndocs = 0, use = {}, tokens = {}, forms = {}, total = 0 }
    for _, id in ipairs(g.ids) do
      if inscope[id] then
        s.ndocs = s.ndocs + 1
        for f, n in pairs(counts[id]) do
          s.use[f] = (s.use[f] or 0) + 1
          s.tokens[f] = (s.tokens[f] or 0) + n
          s.total = s.total + n
          local t = s.forms[f]
          if not t then t = {}; s.forms[f] = t end
          for form, c in pairs(forms[id][f]) do t[form] = (t[form] or 0) + c end
        end
      end
    end
    if s.ndocs > 0 then
      for f, n in pairs(s.use) do s.use[f] = n / s.ndocs end
      out[#out + 1] = s
    end
  end
  return out
end

-- The positions of a family's words as search hits: doc id -> { {position
-- = token index, ntokens = 1}, … }, for fw.scope.
function M.family_hits(words, docs, f)
  local hits = {}
  for _, d in ipairs(docs) do
    local w, list = words[d.id], nil
    for k = 1, #w.fam do
      if w.fam[k] == f then
        list = list or {}
        list[#list + 1] = { position = w.tok[k], ntokens = 1 }
      end
    end
    hits[d.id] = list
  end
  return hits
end

-- Candidate topics: the content families that most sources mention, each
-- with how differently the sources write around it. A family qualifies
-- when at least `need` sources use it; the `limit` with most sources, then
-- most tokens, are measured. Divergence is the mean, over pairs of
-- sources, of the Jaccard distance 1 − |A ∩ B| / |A ∪ B| between the
-- content families each writes within `window` words of the topic: 0 when
-- all write the same words around it, near 1 when they share none.
-- Sources that mention a topic more have more words around it, so the
-- measure is a guide for choosing --near, not a test.
function M.topics(words, docs, groups, families, window, need, limit)
  local by_source = {}
  for _, g in ipairs(groups) do
    for _, id in ipairs(g.ids) do by_source[id] = g end
  end
  -- sources and tokens of every content family
  local src, tokens = {}, {}
  for _, d in ipairs(docs) do
    local w = words[d.id]
    for k = 1, #w.fam do
      local f = w.fam[k]
      if not families[f].stop and families[f].letter then
        local set = src[f]
        if not set then set = {}; src[f] = set end
        set[by_source[d.id]] = true
        tokens[f] = (tokens[f] or 0) + 1
      end
    end
  end
  local list = {}
  for f, set in pairs(src) do
    local k = 0
    for _ in pairs(set) do k = k + 1 end
    if k >= need then list[#list + 1] = { family = f, sources = k, tokens = tokens[f] } end
  end
  table.sort(list, function(a, b)
    if a.sources ~= b.sources then return a.sources > b.sources end
    if a.tokens ~= b.tokens then return a.tokens > b.tokens end
    return a.family < b.family
  end)
  local out = {}
  for i = 1, math.min(limit, #list) do
    local t = list[i]
    local hits = M.family_hits(words, docs, t.family)
    local scope = M.scope(words, docs, hits, window)
    -- each source's content families around the topic
    local sets = {}
    for _, g in ipairs(groups) do
      local set, any = {}, false
      for _, id in ipairs(g.ids) do
        local w = words[id]
        for k in pairs(scope[id]) do
          local f = w.fam[k]
          if not families[f].stop and f ~= t.family then set[f], any = true, true end
        end
      end
      if any then sets[#sets + 1] = set end
    end
    local sum, pairs_n = 0, 0
    for a = 1, #sets do
      for b = a + 1, #sets do
        local inter, union = 0, 0
        for f in pairs(sets[a]) do
          union = union + 1
          if sets[b][f] then inter = inter + 1 end
        end
        for f in pairs(sets[b]) do
          if not sets[a][f] then union = union + 1 end
        end
        sum, pairs_n = sum + (union > 0 and 1 - inter / union or 0), pairs_n + 1
      end
    end
    t.divergence = pairs_n > 0 and sum / pairs_n or 0
    t.hits = hits
    out[i] = t
  end
  return out
end

-- Slot contexts: for each family, the content families seen within
-- `width` content words either side of its occurrences (inside the
-- sentence), over the whole corpus, as a sparse count vector. Two families
-- that fill the same slot ("Crimea, which was integrated into Russia in
-- 2014" / "Crimea … annexed by Moscow in 2014") share context words.
-- Stop families are skipped both as contexts and as the words whose
-- contexts are counted (they would make every pair look alike).
--
-- Each context word is weighted by its inverse sentence frequency,
-- ln(S / S_c) (S sentences in the corpus, S_c those holding c), so that a
-- word that is everywhere in the story says less about a slot than one in
-- a few sentences (the "2014" of "annexed in 2014"), and divided by its
-- distance in content words (the next word says most); only the 100
-- heaviest dimensions of a vector are kept. Families in `skip`
-- (the topic's own words, which every word in scope is near) are left out.
local KEEP = 100
function M.contexts(words, docs, families, width, skip)
  skip = skip or {}
  -- One pass: sentence frequencies, and each document's content words
  -- (cpos: positions of the non-stop words; cidx: position -> its index
  -- there) with every family's occurrences among them.
  local nsent, sent_df = 0, {}
  local content, occurrences = {}, {}
  for _, d in ipairs(docs) do
    local w = words[d.id]
    local seen, last = {}, nil
    local cpos, cidx = {}, {}
    for k = 1, #w.fam do
      if w.sentence[k] ~= last then
        nsent, last, seen = nsent + 1, w.sentence[k], {}
      end
      local f = w.fam[k]
      if not seen[f] then
        seen[f] = true
        sent_df[f] = (sent_df[f] or 0) + 1
      end
      if not families[f].stop then
        cpos[#cpos + 1] = k
        cidx[k] = #cpos
        local occ = occurrences[f]
        if not occ then occ = {}; occurrences[f] = occ end
        occ[#occ + 1] = d.id
        occ[#occ + 1] = k
      end
    end
    content[d.id] = { cpos = cpos, cidx = cidx }
  end
  -- A family's vector, built when first asked for (pairing asks for a few
  -- hundred families, not the whole vocabulary).
  local function build(f)
    local v = {}
    local occ = occurrences[f] or {}
    for i = 1, #occ, 2 do
      local id, k = occ[i], occ[i + 1]
      local w, c = words[id], content[id]
      local j, s = c.cidx[k], w.sentence[k]
      for o = math.max(1, j - width), math.min(#c.cpos, j + width) do
        local kk = c.cpos[o]
        if o ~= j and w.sentence[kk] == s then
          local g = w.fam[kk]
          -- nearer words say more about the slot: weight 1 / distance
          if g ~= f and not skip[g] then
            v[g] = (v[g] or 0) + math.log(nsent / sent_df[g]) / math.abs(o - j)
          end
        end
      end
    end
    -- Keep the KEEP heaviest dimensions: a frequent word's vector has
    -- thousands, most of them chance neighbours, and the cost of a cosine
    -- is its length.
    local list = {}
    for g, x in pairs(v) do list[#list + 1] = { g, x } end
    if #list <= KEEP then return v end
    table.sort(list, function(a, b)
      if a[2] ~= b[2] then return a[2] > b[2] end
      return a[1] < b[1]
    end)
    local kept = {}
    for i = 1, KEEP do kept[list[i][1]] = list[i][2] end
    return kept
  end
  return setmetatable({}, { __index = function(t, f)
    local v = build(f)
    rawset(t, f, v)
    return v
  end })
end

-- Cosine similarity of two context vectors, leaving out the two families
-- themselves (a word next to its substitute says nothing about the slot).
function M.cosine(a, b, fa, fb)
  local dot, na, nb = 0, 0, 0
  for k, x in pairs(a) do
    if k ~= fa and k ~= fb then
      na = na + x * x
      local y = b[k]
      if y then dot = dot + x * y end
    end
  end
  for k, y in pairs(b) do
    if k ~= fa and k ~= fb then nb = nb + y * y end
  end
  if dot == 0 then return 0 end
  return dot / math.sqrt(na * nb)
end

-- A memoized M.cosine over the context vectors `ctx` (family -> vector):
-- the squared norms are computed once per family, the dot product runs
-- over the shorter vector, and each pair is computed once per run.
function M.cosine_of(ctx)
  local norm2, size, memo = {}, {}, {}
  local function prep(f)
    if norm2[f] then return end
    local v, n, k = ctx[f] or {}, 0, 0
    for _, x in pairs(v) do n, k = n + x * x, k + 1 end
    norm2[f], size[f] = n, k
  end
  return function(fa, fb)
    local key = fa < fb and (fa .. "\0" .. fb) or (fb .. "\0" .. fa)
    local r = memo[key]
    if r then return r end
    prep(fa)
    prep(fb)
    local a, b = ctx[fa] or {}, ctx[fb] or {}
    -- leave the two families out of each other's vector
    local na = norm2[fa] - (a[fb] or 0) ^ 2
    local nb = norm2[fb] - (b[fa] or 0) ^ 2
    if size[fa] > size[fb] then a, b = b, a end
    local dot = 0
    for k, x in pairs(a) do
      if k ~= fa and k ~= fb then
        local y = b[k]
        if y then dot = dot + x * y end
      end
    end
    r = (dot ~= 0 and na > 0 and nb > 0) and dot / math.sqrt(na * nb) or 0
    memo[key] = r
    return r
  end
end

-- Jaro–Winkler similarity of two strings (compared by UTF-8 character):
-- Jaro = (m/|a| + m/|b| + (m − t)/m) / 3 with m the characters that match
-- within ⌊max(|a|,|b|)/2⌋ − 1 positions and t half the matched characters
-- out of order; Winkler adds 0.1 · ℓ · (1 − Jaro) for a common prefix of ℓ
-- ≤ 4 characters (Winkler 1990). 1 for equal strings, near 0.8–0.9 for
-- spelling variants of a name (Zelensky/Zelenskyy 0.97, Kiev/Kyiv 0.85).
function M.jaro_winkler(a, b)
  local A, B = {}, {}
  for _, c in utf8.codes(a) do A[#A + 1] = c end
  for _, c in utf8.codes(b) do B[#B + 1] = c end
  if #A == 0 or #B == 0 then return 0 end
  local range = math.max(0, math.max(#A, #B) // 2 - 1)
  local ma, mb, m = {}, {}, 0
  for i = 1, #A do
    for j = math.max(1, i - range), math.min(#B, i + range) do
      if not mb[j] and A[i] == B[j] then
        ma[i], mb[j], m = true, true, m + 1
        break
      end
    end
  end
  if m == 0 then return 0 end
  local t, j = 0, 1
  for i = 1, #A do
    if ma[i] then
      while not mb[j] do j = j + 1 end
      if A[i] ~= B[j] then t = t + 1 end
      j = j + 1
    end
  end
  t = t / 2
  local jaro = (m / #A + m / #B + (m - t) / m) / 3
  local l = 0
  while l < 4 and l < #A and l < #B and A[l + 1] == B[l + 1] do l = l + 1 end
  return jaro + 0.1 * l * (1 - jaro)
end

-- The Soundex code of a word (Russell 1918, as Knuth, TAOCP vol. 3,
-- describes it): its first letter, then the digits of the consonants that
-- follow (b f p v 1; c g j k q s x z 2; d t 3; l 4; m n 5; r 6), a digit
-- dropped when it repeats the previous one (also across h and w), vowels
-- and y separating repeats, cut or padded to four characters. Names spelt
-- in two transliterations keep their consonants (Kiev, Kyiv: K100;
-- Zelensky, Zelenskyy: Z452) while different names rarely do (John J500,
-- Josh J200). Only ASCII letters count; nil when the word has none.
local SOUNDEX = {}
for letters, digit in pairs({ bfpv = "1", cgjkqsxz = "2", dt = "3", l = "4", mn = "5", r = "6" }) do
  for c in letters:gmatch(".") do SOUNDEX[c] = digit end
end
function M.soundex(word)
  local letters = word:lower():gsub("[^a-z]", "")
  if letters == "" then return nil end
  local code, last = letters:sub(1, 1):upper(), SOUNDEX[letters:sub(1, 1)]
  for i = 2, #letters do
    local c = letters:sub(i, i)
    local d = SOUNDEX[c]
    if d then
      if d ~= last then code = code .. d end
      last = d
    elseif c ~= "h" and c ~= "w" then
      last = nil -- a vowel (or y) lets a repeated digit count again
    end
    if #code == 4 then break end
  end
  return (code .. "000"):sub(1, 4)
end

-- Whether a family is a name: capitalized in at least 90% of its
-- occurrences (sentence-initial words are capitalized anyway, so a common
-- word rarely passes; a name passes even when it opens some sentences).
function M.is_name(fam)
  return fam.n > 0 and fam.cap / fam.n >= 0.9
end

return M
