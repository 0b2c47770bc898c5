-- differences.lua — what changed inside aligned text, typed: numbers,
-- dates, names, titles and roles, spellings, and words added or dropped
-- inside quotations.
--
-- The changes come from two alignments: the token-level edit script of
-- each aligned passage (lede.align), and a word-level alignment inside
-- each pair of sentences matched by content (similarity.align_sentences),
-- which reaches rewritten sentences no passage covers. A spelling variant
-- is a substitution of one word by a similar string (Kiev/Kyiv,
-- recognize/recognise): found by the alignment, not looked up.
local M = {}

-- Words that name a month, a weekday or a relative day: a change touching
-- one is a change of date.
local DATE_WORDS = {}
for w in ([[january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday
  sunday today yesterday tomorrow tonight]]):gmatch("%a+") do DATE_WORDS[w] = true end

-- Titles and roles of people in the news (general English, not from any
-- one story): a change touching one changes how someone is described.
local ROLE_WORDS = {}
for w in ([[president vice prime minister secretary envoy ambassador spokesperson spokesman spokeswoman
  spokespeople chancellor governor senator representative congressman congresswoman mayor general
  admiral colonel commander chief director chairman chairwoman chair ceo executive officer head
  leader official officials aide adviser advisor advisers advisors counsellor counselor diplomat
  diplomats king queen prince princess pope minister's deputy special foreign defense defence
  attorney judge justice speaker premier commissioner negotiator negotiators analyst analysts
  correspondent editor founder owner president's]]):gmatch("[%a']+") do ROLE_WORDS[w] = true end

-- Number words, so "three" -> "four" is a changed number too.
local NUMBER_WORDS = {}
for w in ([[zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
  fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
  hundred thousand million billion trillion dozen dozens half quarter percent]]):gmatch("%a+") do
  NUMBER_WORDS[w] = true
end

-- Whether a token is a word (not punctuation, a quote mark or a symbol).
local function is_word(t)
  return t.kind == "word" or t.kind == "abbrev" or t.kind == "number" or t.kind == "cjk"
end

-- Levenshtein distance between two strings, by UTF-8 characters.
local function edit_distance(s, t)
  local a, b = {}, {}
  for _, c in utf8.codes(s) do a[#a + 1] = c end
  for _, c in utf8.codes(t) do b[#b + 1] = c end
  local prev = {}
  for j = 0, #b do prev[j] = j end
  for i = 1, #a do
    local cur = { [0] = i }
    for j = 1, #b do
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i] == b[j] and 0 or 1))
    end
    prev = cur
  end
  return prev[#b]
end
M.edit_distance = edit_distance

-- Whether two words are spellings of one word: letters only, at least four
-- characters each, the same first letter, and at most two characters
-- changed, added or dropped (recognize/recognise, Kiev/Kyiv, color/colour),
-- two only when the last letter is kept.
-- When one word is the other with letters added at the end, only a doubled
-- last letter is spelling (Zelensky/Zelenskyy, travel/travell-); any other
-- ending is grammar or derivation (report/reports, German/Germany).
function M.is_spelling(x, y)
  local a, b = x:lower(), y:lower()
  if a == b then return false end
  if not a:match("^[%a]+$") or not b:match("^[%a]+$") then return false end
  if #a < 4 or #b < 4 or a:sub(1, 1) ~= b:sub(1, 1) then return false end
  -- Lower-case words of four letters differ by a letter too easily
  -- (post/past): spelling variants of common words are longer.
  if (#a < 5 or #b < 5) and not (x:match("^%u") and y:match("^%u")) then return false end
  local short, long = a, b
  if #short > #long then short, long = long, short end
  if long:sub(1, #short) == short then
    return long:sub(#short + 1) == short:sub(-1)
  end
  -- Two changes must keep both ends (Kiev/Kyiv), or France/French and
  -- every pair of short words would pass.
  local d = edit_distance(a, b)
  if d == 2 and a:sub(-1) ~= b:sub(-1) then return false end
  return d <= 2
end

-- Whether token i of doc is a name: a capitalized or all-capitals word that
-- does not open its sentence, or an abbreviation.
local function is_name(doc, i)
  local t = doc.tokens[i]
  if not t or not is_word(t) then return false end
  if t.kind == "abbrev" then return true end
  if not (t.capitalized or t.allcaps) then return false end
  local prev = doc.tokens[i - 1]
  local opens = not prev or prev.sentence ~= t.sentence
  if prev and prev.kind == "quote" then opens = true end
  return not opens
end

-- The word tokens of doc in [first, last].
local function words_in(doc, first, last)
  local out = {}
  for i = first, last do
    local t = doc.tokens[i]
    if t and is_word(t) then out[#out + 1] = i end
  end
  return out
end

-- The type of a change between token lists wa (of a) and wb (of b), or
-- nil when it is only rewording. An empty side means an added or dropped
-- stretch; those are reported only inside quotations.
local function classify(a, b, wa, wb)
  -- What each side holds: digits or number words, date words, role words,
  -- names.
  local function scan(doc, list)
    local f = {}
    for _, i in ipairs(list) do
      local t = doc.tokens[i]
      local n = t.norm
      if t.has_digit or NUMBER_WORDS[n] then f.digits = true end
      if DATE_WORDS[n] then f.date = true end
      if ROLE_WORDS[n] then f.role = true end
      if is_name(doc, i) then f.name = true end
    end
    return f
  end
  if #wa == 1 and #wb == 1 and M.is_spelling(a.tokens[wa[1]].text, b.tokens[wb[1]].text) then
    return "spelling"
  end
  if #wa == 0 or #wb == 0 then return nil end
  local fa, fb = scan(a, wa), scan(b, wb)
  -- Each type needs its kind of word on both sides: a date replaced by a
  -- date, a number by a number; otherwise the words merely stand in the
  -- same place.
  if (fa.date or fb.date) and (fa.date or fa.digits) and (fb.date or fb.digits) then return "date" end
  if fa.digits and fb.digits then return "number" end
  -- A date word on one side only: a date replaced by other words.
  if fa.date or fb.date then return nil end
  if fa.role and fb.role then return "title" end
  if fa.name and fb.name then return "name" end
  return nil
end

-- Whether any of the tokens is inside a quotation.
local function any_quoted(doc, list)
  for _, i in ipairs(list) do if doc.inquote[i] then return true end end
  return false
end

-- The text of doc from token `first` to `last` (empty when last < first).
local function text_of(doc, list)
  if #list == 0 then return "" end
  return doc.doc:slice(doc.tokens[list[1]].start, doc.tokens[list[#list]].stop)
end

-- One difference record.
local function record(a, b, wa, wb, kind, origin)
  local function span(doc, list)
    if #list == 0 then return nil end
    return { start = doc.tokens[list[1]].start, ["end"] = doc.tokens[list[#list]].stop,
      first_token = list[1], last_token = list[#list] }
  end
  local quoted = any_quoted(a, wa) or any_quoted(b, wb)
  local change = #wa == 0 and "added" or #wb == 0 and "dropped" or "changed"
  return { type = kind, change = change, a = text_of(a, wa), b = text_of(b, wb), a_span = span(a, wa),
    b_span = span(b, wb), inside_quote = quoted, from = origin }
end

-- Whether the point just before token `first` of doc (an empty span of an
-- insertion or deletion) lies inside a quotation: the word before it is.
local function point_quoted(doc, first)
  local i = first - 1
  while i >= 1 and doc.tokens[i] and not is_word(doc.tokens[i]) do i = i - 1 end
  return i >= 1 and doc.inquote[i] or false
end

-- Typed changes are short: a number, a name, a title of at most this many
-- words a side. Longer runs are rewording, where a "name changed" would
-- pair unrelated words.
M.MAX_TYPED_WORDS = 4

-- Add the difference for one run (token lists wa, wb) to out, if it is
-- typed, or if it is a change inside a quotation on both sides. `pa`, `pb`:
-- for an empty side, the token its insertion point precedes; `in_quote`:
-- both sides are known to lie inside a quotation.
local function consider(out, seen, a, b, wa, wb, origin, pa, pb, in_quote)
  if #wa == 0 and #wb == 0 then return end
  local key = (wa[1] or -1) .. ":" .. (wa[#wa] or -1) .. "/" .. (wb[1] or -1) .. ":" .. (wb[#wb] or -1)
  if seen[key] then return end
  local kind
  if #wa <= M.MAX_TYPED_WORDS and #wb <= M.MAX_TYPED_WORDS then kind = classify(a, b, wa, wb) end
  local qa = #wa > 0 and any_quoted(a, wa) or #wa == 0 and pa and point_quoted(a, pa)
  local qb = #wb > 0 and any_quoted(b, wb) or #wb == 0 and pb and point_quoted(b, pb)
  local quoted = (in_quote or qa and qb) and true or false
  if not kind and quoted then kind = "quote" end
  if not kind then return end
  seen[key] = true
  local r = record(a, b, wa, wb, kind, origin)
  r.inside_quote = quoted
  out[#out + 1] = r
end

-- Spelling variants inside one stretch of non-equal runs: a word of A and a
-- word of B in the same aligned gap that are spellings of each other, even
-- when the edit script paired them with other words (Zelensky made clear
-- Tuesday / Zelenskyy reiterated).
local function spellings_in_gap(out, seen, a, b, la, lb)
  for _, i in ipairs(la) do
    for _, j in ipairs(lb) do
      if M.is_spelling(a.tokens[i].text, b.tokens[j].text) then
        local key = i .. ":" .. i .. "/" .. j .. ":" .. j
        if not seen[key] then
          seen[key] = true
          local r = record(a, b, { i }, { j }, "spelling", "passage")
          r.inside_quote = (a.inquote[i] and b.inquote[j]) and true or false
          out[#out + 1] = r
        end
      end
    end
  end
end

-- Word-level alignment of two token lists by their norms (longest common
-- subsequence), returned as the runs between matches: { {wa, wb}, … }.
local function word_runs(a, b, la, lb)
  local n, m = #la, #lb
  local L = {}
  for i = 0, n do L[i] = { [0] = 0 } end
  for j = 0, m do L[0][j] = 0 end
  for i = 1, n do
    for j = 1, m do
      if a.tokens[la[i]].norm == b.tokens[lb[j]].norm then
        L[i][j] = L[i - 1][j - 1] + 1
      else
        L[i][j] = math.max(L[i - 1][j], L[i][j - 1])
      end
    end
  end
  local runs, i, j = {}, n, m
  local ra, rb = {}, {}
  local function flush()
    if #ra > 0 or #rb > 0 then
      local fa, fb = {}, {}
      for k = #ra, 1, -1 do fa[#fa + 1] = ra[k] end
      for k = #rb, 1, -1 do fb[#fb + 1] = rb[k] end
      table.insert(runs, 1, { fa, fb })
      ra, rb = {}, {}
    end
  end
  while i > 0 or j > 0 do
    if i > 0 and j > 0 and a.tokens[la[i]].norm == b.tokens[lb[j]].norm then
      flush()
      i, j = i - 1, j - 1
    elseif j > 0 and (i == 0 or L[i][j - 1] >= L[i - 1][j]) then
      rb[#rb + 1] = lb[j]
      j = j - 1
    else
      ra[#ra + 1] = la[i]
      i = i - 1
    end
  end
  flush()
  return runs
end

-- Passages scoring below this are rewrites (passages.lua labels them so).
local REWRITE_SCORE = 0.7

-- Words between the opening quote mark and token `at` (exclusive) when
-- `at` is inside a quotation, walking `step` (-1: back to the opening, +1:
-- on to the closing).
local function quote_edge(doc, at, step)
  local list = {}
  local i = at + step
  while doc.tokens[i] and doc.inquote[i] do
    if is_word(doc.tokens[i]) then list[#list + 1] = i end
    i = i + step
  end
  if step < 0 then
    local r = {}
    for k = #list, 1, -1 do r[#r + 1] = list[k] end
    list = r
  end
  return list
end

-- Every typed difference of a pair: from the passages' edit scripts, from
-- the edges of passages that start or end inside a quotation (words the
-- other side's quote adds or drops there), and from matched sentences
-- outside the passages.
function M.find(a, b, raw_passages, sentence_pairs)
  local out, seen = {}, {}
  local covered_a = {}
  for _, p in ipairs(raw_passages) do
    for i = p.a.first, p.a.last do covered_a[i] = true end
    local gap_a, gap_b = {}, {}
    -- In a rewrite (most words changed) only a clean replacement — one
    -- changed run between two equal runs — is typed; inside reworded
    -- stretches the edit script pairs words that merely stand in the
    -- same place.
    local rewrite = p.score < REWRITE_SCORE
    for k, e in ipairs(p.edits) do
      if e.kind ~= "equal" then
        local wa, wb = words_in(a, e.a.first, e.a.last), words_in(b, e.b.first, e.b.last)
        local prev, nxt = p.edits[k - 1], p.edits[k + 1]
        local clean = (not prev or prev.kind == "equal") and (not nxt or nxt.kind == "equal")
        if clean or not rewrite then
          consider(out, seen, a, b, wa, wb, "passage", e.a.first, e.b.first)
        else
          local q = any_quoted(a, wa) and any_quoted(b, wb)
          if q then consider(out, seen, a, b, wa, wb, "passage", e.a.first, e.b.first) end
        end
        for _, i in ipairs(wa) do gap_a[#gap_a + 1] = i end
        for _, j in ipairs(wb) do gap_b[#gap_b + 1] = j end
      end
      local nxt = p.edits[k + 1]
      if not nxt or nxt.kind == "equal" then
        spellings_in_gap(out, seen, a, b, gap_a, gap_b)
        gap_a, gap_b = {}, {}
      end
    end
    -- A quotation cut at a passage's edge: compare what each side's quote
    -- holds beyond the passage.
    if a.inquote[p.a.first] and b.inquote[p.b.first] then
      local wa, wb = quote_edge(a, p.a.first, -1), quote_edge(b, p.b.first, -1)
      for _, r in ipairs(word_runs(a, b, wa, wb)) do
        consider(out, seen, a, b, r[1], r[2], "quote edge", nil, nil, true)
      end
    end
    if a.inquote[p.a.last] and b.inquote[p.b.last] then
      local wa, wb = quote_edge(a, p.a.last, 1), quote_edge(b, p.b.last, 1)
      for _, r in ipairs(word_runs(a, b, wa, wb)) do
        consider(out, seen, a, b, r[1], r[2], "quote edge", nil, nil, true)
      end
    end
  end
  -- Matched sentences: the changes outside every passage (a sentence no
  -- passage covers, or the edge of one a passage stops short of).
  local covered_b = {}
  for _, p in ipairs(raw_passages) do
    for i = p.b.first, p.b.last do covered_b[i] = true end
  end
  local function outside(list, covered)
    for _, i in ipairs(list) do if covered[i] then return false end end
    return true
  end
  for _, sp in ipairs(sentence_pairs) do
    local sa, sb = a.sentences[sp.i], b.sentences[sp.j]
    for _, r in ipairs(word_runs(a, b, words_in(a, sa.first, sa.last), words_in(b, sb.first, sb.last))) do
      if outside(r[1], covered_a) and outside(r[2], covered_b) then
        -- In a sentence matched only by content, keep the sharp changes:
        -- a run of at most three words each side.
        if #r[1] <= 3 and #r[2] <= 3 then consider(out, seen, a, b, r[1], r[2], "sentence") end
        if #r[1] > 0 and #r[2] > 0 then spellings_in_gap(out, seen, a, b, r[1], r[2]) end
      end
    end
  end
  table.sort(out, function(x, y)
    local xa, ya = x.a_span and x.a_span.start or -1, y.a_span and y.a_span.start or -1
    if xa ~= ya then return xa < ya end
    return (x.b_span and x.b_span.start or -1) < (y.b_span and y.b_span.start or -1)
  end)
  return out
end

-- Spelling variants across a story cluster, for names no passage aligns
-- (Kiev in one article's rewritten sentence, Kyiv in another's): two
-- capitalized forms that are spellings of each other (M.is_spelling), each
-- used as a name in some article of the cluster, and never both in one
-- article — an outlet keeps to its own spelling, while two different names
-- that look alike (Austria, Australia) turn up together. `docs` are the
-- cluster's prepared documents. Returns {a, b, docs_a, docs_b}.
function M.vocabulary_variants(docs)
  local where, forms = {}, {}
  for _, doc in ipairs(docs) do
    local seen = {}
    for i, t in ipairs(doc.tokens) do
      if t.kind == "word" and t.text:match("^%u%l+$") and #t.text >= 4 and is_name(doc, i) then
        local form = t.text:match("^(.+)['’]s$") or t.text
        if not seen[form] then
          seen[form] = true
          if not where[form] then where[form] = {} forms[#forms + 1] = form end
          where[form][#where[form] + 1] = doc
        end
      end
    end
    -- Every spelling the article uses anywhere (opening a sentence too), so
    -- "never both in one article" looks at all of it.
    doc.forms = {}
    for _, t in ipairs(doc.tokens) do doc.forms[t.text:match("^(.+)['’]s$") or t.text] = true end
  end
  table.sort(forms)
  local out = {}
  for i = 1, #forms do
    for j = i + 1, #forms do
      local x, y = forms[i], forms[j]
      if x:sub(1, 1) == y:sub(1, 1) and math.abs(#x - #y) <= 2 and M.is_spelling(x, y) then
        local together = false
        for _, doc in ipairs(docs) do
          if doc.forms[x] and doc.forms[y] then together = true break end
        end
        if not together then
          local da, db = {}, {}
          for _, doc in ipairs(where[x]) do da[#da + 1] = doc.name end
          for _, doc in ipairs(where[y]) do db[#db + 1] = doc.name end
          out[#out + 1] = { a = x, b = y, docs_a = da, docs_b = db }
        end
      end
    end
  end
  return out
end

return M
