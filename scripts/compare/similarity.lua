-- similarity.lua — how alike two articles are, measured four ways: exact
-- word 5-gram overlap (Jaccard, containment both ways), tf-idf cosine of
-- content words, sentence-level alignment in order, and the share of each
-- article inside aligned passages; and the relatedness that combines them.
--
-- Rewording defeats exact n-grams (a light rewrite keeps few 5-grams), so
-- relatedness leans on what survives rewording: the content words (names,
-- places, nouns, verbs) and the order of the sentences that carry them.
local need = ...
local lede = require("lede")
local stopwords = require("lede.stopwords")

local M = {}

-- Content stems: a normalized word reduced to what survives inflection.
-- Possessive 's goes, then one common suffix when a stem of 4+ letters is
-- left (rejected/rejects/rejecting -> reject), so "recognizing" and
-- "recognized" meet. Crude on purpose: it only has to be the same in both
-- articles.
function M.stem(norm)
  local w = norm:match("^(.+)'s$") or norm
  for _, suffix in ipairs({ "ing", "ed", "es", "s", "ly" }) do
    if #w >= #suffix + 4 and w:sub(-#suffix) == suffix then return w:sub(1, -#suffix - 1) end
  end
  return w
end

-- Whether a normalized token is a content word: not a function word, not
-- a verb of saying, not a lone letter or punctuation.
function M.is_content(norm)
  local w = norm:match("^(.+)'s$") or norm
  if (utf8.len(w) or #w) <= 1 then return false end
  if not w:find("[%w\128-\255]") then return false end
  return not stopwords.english[w] and not stopwords.reporting[w]
end

-- Which tokens lie inside a quotation: inquote[i] is true for the words
-- between an opening and a closing quote mark. An ambiguous (straight)
-- mark opens when outside and closes when inside; a paragraph break
-- closes whatever is open (news quotes run at most a paragraph unless
-- reopened).
function M.quoted(tokens)
  local inquote, open, para = {}, false, nil
  for i, t in ipairs(tokens) do
    if t.paragraph ~= para then open, para = false, t.paragraph end
    if t.kind == "quote" then
      if t.quote == "open" then open = true
      elseif t.quote == "close" then open = false
      elseif t.quote == "ambiguous" then open = not open end
    end
    inquote[i] = open and t.kind ~= "quote"
  end
  return inquote
end

-- The prepared form of a document, computed once: its tokens, content
-- stems per sentence, and the stem counts. `index` is its position.
function M.prepare(d, index)
  local doc = { index = index, doc = d, name = d.name, date = d.date, title = d.title,
    source = d.source, ntokens = #d, tokens = {}, sentences = {}, counts = {}, nterms = 0 }
  for i, t in d:tokens() do doc.tokens[i] = t end
  doc.inquote = M.quoted(doc.tokens)
  for si, s in d:sentences() do
    local stems, n = {}, 0
    for ti = s.first_token, s.first_token + s.ntokens - 1 do
      local t = doc.tokens[ti]
      if t and t.kind ~= "punct" and t.kind ~= "quote" and t.kind ~= "symbol" then
        doc.nterms = doc.nterms + 1
        if M.is_content(t.norm) then
          local st = M.stem(t.norm)
          doc.counts[st] = (doc.counts[st] or 0) + 1
          if not stems[st] then stems[st] = true; n = n + 1 end
        end
      end
    end
    doc.sentences[si] = { index = si, start = s.start, stop = s.stop, text = s.text,
      first = s.first_token, last = s.first_token + s.ntokens - 1, stems = stems, nstems = n }
  end
  return doc
end

-- Document frequencies of stems over prepared documents, and the smoothed
-- idf scikit-learn uses (ln((1+n)/(1+df)) + 1), so no stem weighs zero.
function M.idf(docs)
  local df = {}
  for _, doc in ipairs(docs) do
    for st in pairs(doc.counts) do df[st] = (df[st] or 0) + 1 end
  end
  local n, idf = #docs, {}
  for st, k in pairs(df) do idf[st] = math.log((1 + n) / (1 + k)) + 1 end
  return idf, df
end

-- The l2-normalized tf-idf vector of a document (raw counts times idf).
function M.vector(doc, idf)
  local v, norm = {}, 0
  for st, c in pairs(doc.counts) do
    local x = c * (idf[st] or 1)
    v[st] = x
    norm = norm + x * x
  end
  norm = math.sqrt(norm)
  if norm > 0 then for st, x in pairs(v) do v[st] = x / norm end end
  return v
end

-- Cosine of two normalized vectors.
function M.cosine(va, vb)
  if next(va) == nil or next(vb) == nil then return 0 end
  local s = 0
  for st, x in pairs(va) do
    local y = vb[st]
    if y then s = s + x * y end
  end
  return math.min(1, s)
end

-- Weighted Dice of two sentences' stem sets: shared idf mass over the mean
-- mass, so sharing a rare name counts more than sharing "week".
local function sentence_sim(sa, sb, idf)
  if sa.nstems == 0 or sb.nstems == 0 then return 0, 0 end
  local shared, ma, mb, nshared = 0, 0, 0, 0
  for st in pairs(sa.stems) do
    local w = idf[st] or 1
    ma = ma + w
    if sb.stems[st] then shared = shared + w; nshared = nshared + 1 end
  end
  for st in pairs(sb.stems) do mb = mb + (idf[st] or 1) end
  return 2 * shared / (ma + mb), nshared
end

-- A sentence pair counts as the same sentence reworded when its weighted
-- Dice reaches this and it shares at least MIN_SHARED content stems (one
-- shared name is not a sentence).
M.SENTENCE_MIN_SIM = 0.3
M.SENTENCE_MIN_SHARED = 3

-- Sentences of A and B matched one to one and in order, by dynamic
-- programming over the similarity grid (the weighted longest common
-- subsequence): reworded articles keep their sentences' order, chance
-- look-alikes do not. Returns the matched pairs {i, j, sim} in order and
-- the sum of their similarities.
function M.align_sentences(a, b, idf)
  local na, nb = #a.sentences, #b.sentences
  local sim = {}
  for i = 1, na do
    local row = {}
    for j = 1, nb do
      local s, n = sentence_sim(a.sentences[i], b.sentences[j], idf)
      row[j] = (s >= M.SENTENCE_MIN_SIM and n >= M.SENTENCE_MIN_SHARED) and s or 0
    end
    sim[i] = row
  end
  local best = {}
  for i = 0, na do best[i] = {} for j = 0, nb do best[i][j] = 0 end end
  for i = 1, na do
    for j = 1, nb do
      local v = math.max(best[i - 1][j], best[i][j - 1])
      if sim[i][j] > 0 then v = math.max(v, best[i - 1][j - 1] + sim[i][j]) end
      best[i][j] = v
    end
  end
  local pairs_, i, j = {}, na, nb
  while i > 0 and j > 0 do
    if sim[i][j] > 0 and best[i][j] == best[i - 1][j - 1] + sim[i][j] then
      table.insert(pairs_, 1, { i = i, j = j, sim = sim[i][j] })
      i, j = i - 1, j - 1
    elseif best[i - 1][j] >= best[i][j - 1] then
      i = i - 1
    else
      j = j - 1
    end
  end
  return pairs_, best[na][nb]
end

-- Terms of a document inside its side of the passages (side "a" or "b").
local function covered_terms(doc, passages, side)
  local n = 0
  for _, p in ipairs(passages) do
    for ti = p[side].first, p[side].last do
      local t = doc.tokens[ti]
      if t and t.kind ~= "punct" and t.kind ~= "quote" and t.kind ~= "symbol" then n = n + 1 end
    end
  end
  return n
end

-- Every measure of one pair. `passages` is lede.align's result for (a, b).
-- relatedness, in [0, 1], is the mean of three views that each see through
-- rewording in their own way: the tf-idf cosine of content stems (same
-- vocabulary), the share of the shorter article's sentences matched in
-- order (same structure), and the share of the shorter article's terms in
-- aligned passages (same wording, chained through edits). Exact 5-gram
-- Jaccard is reported but not used: a light rewrite keeps few 5-grams.
function M.measure(a, b, va, vb, idf, passages)
  local ov = lede.overlap(a.doc, b.doc, 5)
  local sent_pairs, sent_score = M.align_sentences(a, b, idf)
  local nsa, nsb = #a.sentences, #b.sentences
  local sent_share = math.min(nsa, nsb) > 0 and sent_score / math.min(nsa, nsb) or 0
  local ca, cb = covered_terms(a, passages, "a"), covered_terms(b, passages, "b")
  local reused_a = a.nterms > 0 and ca / a.nterms or 0
  local reused_b = b.nterms > 0 and cb / b.nterms or 0
  local aligned = math.max(reused_a, reused_b)
  local cos = M.cosine(va, vb)
  local rel = (cos + sent_share + aligned) / 3
  return {
    jaccard = ov.jaccard, a_in_b = ov.a_in_b, b_in_a = ov.b_in_a, shared_5grams = ov.shared,
    cosine = cos, sentences = sent_share, matched_sentences = #sent_pairs,
    reused_a = reused_a, reused_b = reused_b, relatedness = math.min(1, math.max(0, rel)),
  }, sent_pairs
end

return M
