-- compare.lua — source comparison: which articles reuse which, the reused
-- passages aligned and labelled, who derived from whom, what changed
-- inside the passages, what each source alone has and what it leaves out,
-- and which articles tell the same story. docs/compare.md describes the
-- measures, the rules and the JSON schema.
--
--   lede compare seeds/
--   lede compare seeds/ --format json | jq '.pairs[0]'
--   lede compare archive.jsonl --min-relatedness 0.3
--
-- The concerns live in scripts/compare/*.lua, loaded from beside this file.
local lede = require("lede")
local cjson = require("cjson")

-- The directory of this file, to load the helper modules from.
local here = (debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$")) or "."

local loaded = {}
-- Load helper scripts/compare/NAME.lua once; it receives `need` itself.
local function need(name)
  if loaded[name] == nil then
    local chunk = assert(loadfile(here .. "/compare/" .. name .. ".lua", "t"))
    loaded[name] = chunk(need)
  end
  return loaded[name]
end

local similarity = need("similarity")
local passages = need("passages")
local differences = need("differences")
local derivation = need("derivation")
local unique = need("unique")
local clusters = need("clusters")
local render = need("render")

-- Up to this many documents every pair is compared; above it, candidate
-- pairs come from MinHash/LSH over word 5-grams (lede.candidates), which
-- finds copies and light edits but not rewrites that share few 5-grams.
local ALL_PAIRS_LIMIT = 300

-- The stem counts of a document from the C term counts (no token tables),
-- for idf over a large collection.
local function stem_counts(d)
  local counts = {}
  for norm, c in pairs(d:terms()) do
    if similarity.is_content(norm) then
      local st = similarity.stem(norm)
      counts[st] = (counts[st] or 0) + c
    end
  end
  return counts
end

-- Whether a pair with these measures and passages is worth its details:
-- related, or sharing a passage.
local function worth_details(m, raw, min_rel)
  return m.relatedness >= min_rel or #raw > 0
end

local function run(corpus, args)
  local min_rel = tonumber(args["min-relatedness"]) or 0.25
  local entries = {}
  for i, d in corpus:docs() do
    entries[i] = { index = i, doc = d, name = d.name, date = d.date, title = d.title, source = d.source }
  end
  local ndocs = #entries
  if ndocs == 0 then return nil, "no documents to compare" end

  -- Prepared documents (token tables, sentences), made when first needed.
  local prepared = {}
  local function prep(i)
    if not prepared[i] then
      prepared[i] = similarity.prepare(entries[i].doc, i)
    end
    return prepared[i]
  end

  -- idf of content stems over the whole collection.
  local df = {}
  local counts = {}
  for i, e in ipairs(entries) do
    counts[i] = ndocs <= ALL_PAIRS_LIMIT and prep(i).counts or stem_counts(e.doc)
    for st in pairs(counts[i]) do df[st] = (df[st] or 0) + 1 end
  end
  local idf = {}
  for st, k in pairs(df) do idf[st] = math.log((1 + ndocs) / (1 + k)) + 1 end
  local vectors = {}
  local function vector(i)
    if not vectors[i] then vectors[i] = similarity.vector({ counts = counts[i] }, idf) end
    return vectors[i]
  end

  -- The pairs to score.
  local todo = {}
  local mode
  if ndocs <= ALL_PAIRS_LIMIT then
    mode = "all pairs"
    for i = 1, ndocs do for j = i + 1, ndocs do todo[#todo + 1] = { i, j } end end
  else
    mode = "candidate pairs (MinHash/LSH over word 5-grams)"
    local docs = {}
    for i, e in ipairs(entries) do docs[i] = e.doc end
    local cands = assert(lede.candidates(docs, { min_containment = 0.2, min_jaccard = 0.1 }))
    for _, c in ipairs(cands) do todo[#todo + 1] = { c.a, c.b } end
  end

  local pairs_, links = {}, {}
  for _, ij in ipairs(todo) do
    local a, b = prep(ij[1]), prep(ij[2])
    local raw = assert(lede.align(a.doc, b.doc))
    local m, sent_pairs = similarity.measure(a, b, vector(ij[1]), vector(ij[2]), idf, raw)
    local p = {
      a = a.name, b = b.name, a_index = a.index, b_index = b.index,
      relatedness = m.relatedness, related = m.relatedness >= min_rel,
      jaccard = m.jaccard, a_in_b = m.a_in_b, b_in_a = m.b_in_a, cosine = m.cosine,
      shared_5grams = m.shared_5grams, sentences = m.sentences, matched_sentences = m.matched_sentences,
      reused_a = m.reused_a, reused_b = m.reused_b,
      direction = cjson.null, passages = {}, differences = {},
    }
    if worth_details(m, raw, min_rel) then
      p.passages = passages.describe(a, b, raw)
      p.differences = differences.find(a, b, raw, sent_pairs)
      if p.related then
        local dir, ev = derivation.decide(a, b, m)
        p.direction = dir or cjson.null
        p.evidence = ev
      end
    end
    links[#links + 1] = { a = a, b = b, links = unique.links(a, b, raw, sent_pairs), pair = p }
    pairs_[#pairs_ + 1] = p
  end
  table.sort(pairs_, function(x, y)
    if x.relatedness ~= y.relatedness then return x.relatedness > y.relatedness end
    if x.a_index ~= y.a_index then return x.a_index < y.a_index end
    return x.b_index < y.b_index
  end)
  for r, p in ipairs(pairs_) do p.rank = r end

  -- Unique facts and omissions (over the documents that were compared).
  local docs_seen = {}
  for i = 1, ndocs do if prepared[i] then docs_seen[#docs_seen + 1] = prepared[i] end end
  local uniq, omits, shared_only = unique.find(docs_seen, links)
  local details = unique.details(docs_seen, derivation)
  for _, l in ipairs(links) do
    if l.pair.evidence then
      l.pair.evidence.shared_only = shared_only[l.a.index .. ":" .. l.b.index] or 0
    end
  end

  local documents = {}
  for i, e in ipairs(entries) do
    documents[i] = {
      index = i, name = e.name, title = e.title, date = e.date, source = e.source,
      tokens = #e.doc, unique = uniq[i] or {}, unique_details = details[i] or {}, omits = omits[i] or {},
    }
  end

  -- Story clusters, and the names spelled two ways inside each.
  local story = clusters.find(entries, pairs_, min_rel)
  local vocabulary = {}
  for _, c in ipairs(story) do
    local members = {}
    for _, i in ipairs(c.indices) do if prepared[i] then members[#members + 1] = prepared[i] end end
    for _, v in ipairs(differences.vocabulary_variants(members)) do vocabulary[#vocabulary + 1] = v end
  end

  local result = {
    documents = documents,
    pairs = pairs_,
    variants = render.variants(pairs_, vocabulary),
    clusters = story,
    compared = mode,
    min_relatedness = min_rel,
  }
  return result, render.text(result, args)
end

return {
  description = "Source comparison: which articles reuse which, aligned passages, direction, "
    .. "typed differences, unique facts and omissions, story clusters",
  args = {
    { name = "min-relatedness", help = "a pair is related from this relatedness (0 to 1)", default = 0.25 },
    { name = "top", help = "how many pairs the text lists in the similarity table", default = 20 },
    { name = "passages", help = "how many passages the text shows per pair", default = 10 },
  },
  records = "pairs",
  columns = { "rank", "a", "b", "relatedness", "related", "jaccard", "a_in_b", "b_in_a", "cosine",
    "sentences", "reused_a", "reused_b", "direction" },
  run = run,
}
