-- report/gather.lua — runs the bundled analyses (compare, quotes, keyness,
-- entities) through their scripts and keeps their top findings in one
-- model: documents as indices, spans as byte offsets into each document's
-- stored text (Document:text()), so every renderer can link a finding to
-- its place. The analyses' result shapes are documented in docs/compare.md,
-- docs/attribution.md and docs/exploration.md; nothing here re-analyses.
local script = require("lede.script")
local text = require("report.text")

local M = {}

-- Keyness and entities compare sources; with more sources than this (an
-- archive of one outlet gives one "source" per article) they are skipped.
M.MAX_SOURCES = 50
-- Entities are looked for in corpora up to this many documents (on the
-- 19,043 Reuters articles they would add 43 s to 26 s, for one list).
M.MAX_ENTITY_DOCS = 2000
-- Each entity links to its first mention in at most this many articles.
M.ENTITY_LINKS = 12
-- The heatmap shows at most this many articles.
M.HEATMAP_DOCS = 24

-- The stored-text offset of a source offset (what `lede quotes` reports):
-- the smallest o with d:source_offset(o) >= src. They differ only where the
-- loader repaired the input or the document is a JSON string.
local function stored_offset(d, src, len)
  if src <= len and d:source_offset(src) == src then return src end
  local lo, hi = 0, len
  while lo < hi do
    local mid = (lo + hi) // 2
    if d:source_offset(mid) < src then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- The source a document belongs to for per-source analyses: its outlet, or
-- (as the explore scripts label documents without one) its file stem.
local function source_key(d)
  if d.source and d.source ~= "" then return d.source end
  return ((d.name:match("([^/\\]+)$") or d.name):gsub("%.[%w]+$", ""))
end

-- x when it is a table, else nil (the analyses write JSON null as cjson.null).
local function tbl(x)
  return type(x) == "table" and x or nil
end

-- x when it is a string, else nil.
local function str(x)
  return type(x) == "string" and x or nil
end

-- Run one analysis by its script and hand its result to `keep`, which
-- stores the findings in the model. A failure of either becomes a note
-- instead of ending the report (the other findings still stand), e.g. if a
-- script's result no longer has the documented shape.
local function analyse(name, corpus, args, notes, progress, keep)
  progress:stage(name)
  local ok, result, err = pcall(script.run_named, name, corpus, args)
  if not ok or result == nil then
    notes[#notes + 1] = string.format("%s failed: %s", name, tostring(ok and err or result))
    return
  end
  local kept, why = pcall(keep, result)
  if not kept then
    notes[#notes + 1] = string.format("%s's result could not be read: %s", name, tostring(why))
  end
end

-- The articles: index, name, short label, outlet, title, date, length.
local function documents(corpus)
  local docs, raw = {}, {}
  for i, d in corpus:docs() do
    local words = 0
    for _, c in pairs(d:terms()) do words = words + c end
    raw[i] = { name = d.name, id = d.id, source = str(d.source) }
    docs[i] = {
      index = i, name = d.name, outlet = str(d.source), date = str(d.date), url = str(d.url),
      title = (d.title ~= nil and d.title ~= "") and d.title or text.first_line(d:text()),
      bytes = d.bytes, words = words, source_key = source_key(d),
    }
  end
  for i, label in ipairs(text.labels(raw)) do docs[i].label = label end
  return docs
end

-- The pairs worth showing, most related first: related ones, then pairs
-- sharing passages; each keeps its passages and typed differences.
local function pairs_of(cmp, index_of, top)
  local out = {}
  for _, p in ipairs(cmp.pairs) do
    if p.related or #p.passages > 0 then
      local dir, ev = tbl(p.direction), tbl(p.evidence)
      out[#out + 1] = {
        a = p.a_index, b = p.b_index, relatedness = p.relatedness, related = p.related,
        cosine = p.cosine, reused_a = p.reused_a, reused_b = p.reused_b,
        direction = dir and { source = index_of[dir.source], derived = index_of[dir.derived] } or nil,
        decided_by = ev and ev.decided_by or nil,
        shared_only = ev and ev.shared_only or nil,
        passages = p.passages, differences = p.differences,
      }
      if #out >= top then break end
    end
  end
  return out
end

-- The heatmap's articles (all of a small corpus, else those of the pairs
-- shown, up to `limit`) and the relatedness of every compared pair among
-- them: { docs = {i, …}, cells = {{a, b, relatedness}, …} }.
local function heatmap(cmp, ndocs, shown, limit)
  local docs, seen = {}, {}
  if ndocs <= limit then
    for i = 1, ndocs do docs[i] = i; seen[i] = true end
  else
    for _, p in ipairs(shown) do
      for _, i in ipairs({ p.a, p.b }) do
        if not seen[i] and #docs < limit then docs[#docs + 1] = i; seen[i] = true end
      end
    end
  end
  local cells = {}
  for _, p in ipairs(cmp.pairs) do
    if seen[p.a_index] and seen[p.b_index] then
      cells[#cells + 1] = { a = p.a_index, b = p.b_index, relatedness = p.relatedness, related = p.related }
    end
  end
  return { docs = docs, cells = cells }
end

-- Who derives from whom: the related pairs with a direction, and how much
-- of the derived article lies inside passages reused from its source.
local function derivations(shown)
  local out = {}
  for _, p in ipairs(shown) do
    if p.related and p.direction then
      local derived_is_a = p.direction.derived == p.a
      out[#out + 1] = {
        source = p.direction.source, derived = p.direction.derived, relatedness = p.relatedness,
        reused = derived_is_a and p.reused_a or p.reused_b, decided_by = p.decided_by,
      }
    end
  end
  return out
end

-- Per document: its unique sentences and details, and what it omits that
-- two others report, each cut to `top` (the counts say how many in all).
local function sources(corpus, cmp, index_of, wanted, top)
  local out = {}
  -- compare lists names word by word (New, York); words of one name, a
  -- space apart in the text, are shown as one detail (New York).
  local function merged(i, details)
    local list, d = {}, corpus:doc(i)
    for _, u in ipairs(details) do
      local last = list[#list]
      if last and u.start == last["end"] + 1 and d:slice(last["end"], u.start) == " " then
        last["end"] = u["end"]
        last.text = d:slice(last.start, u["end"])
      else
        list[#list + 1] = { start = u.start, ["end"] = u["end"], text = u.text,
                            sentence_text = u.sentence_text }
      end
    end
    return list
  end
  local function cut(list, f)
    local kept = {}
    for k = 1, math.min(top, #list) do kept[k] = f(list[k]) end
    return kept
  end
  for _, d in ipairs(cmp.documents) do
    if wanted[d.index] then
      local details = merged(d.index, d.unique_details)
      out[#out + 1] = {
        doc = d.index,
        unique_count = #d.unique, unique_details_count = #details, omits_count = #d.omits,
        unique = cut(d.unique, function(u) return { start = u.start, ["end"] = u["end"], text = u.text } end),
        unique_details = cut(details, function(u) return u end),
        omits = cut(d.omits, function(o)
          local by = {}
          for _, n in ipairs(o.reported_by) do by[#by + 1] = index_of[n] end
          return { doc = index_of[o.doc], start = o.start, ["end"] = o["end"], text = o.text,
                   reported_by = by }
        end),
      }
    end
  end
  return out
end

-- The quotes shared across outlets: utterance groups of two or more
-- documents, widest first, members as documents with stored-text spans.
local function shared_quotes(corpus, q, index_of, top)
  local groups = {}
  for _, g in ipairs(q.groups) do
    if g.documents >= 2 then groups[#groups + 1] = g end
  end
  -- Widest first; among equals, groups whose wording differs first.
  local function differs(g)
    for _, m in ipairs(g.members) do if m.diff ~= "" then return 1 end end
    return 0
  end
  table.sort(groups, function(x, y)
    if x.documents ~= y.documents then return x.documents > y.documents end
    if differs(x) ~= differs(y) then return differs(x) > differs(y) end
    return x.id < y.id
  end)
  local out = {}
  for k = 1, math.min(top, #groups) do
    local g, members = groups[k], {}
    for _, m in ipairs(g.members) do
      local i = assert(index_of[m.doc], "a quote names a document the corpus does not hold")
      local d = corpus:doc(i)
      local len = #d:text()
      members[#members + 1] = {
        doc = i, start = stored_offset(d, m.start, len), ["end"] = stored_offset(d, m["end"], len),
        text = m.text, words = m.words, more = m.more, diff = m.diff, reference = m.reference or false,
      }
    end
    out[#out + 1] = { id = g.id, speaker = str(g.speaker), documents = g.documents, members = members }
  end
  return out, #groups
end

-- Keyness per source: the words each uses more than the rest.
local function keyness(k, docs_of_source, top)
  local out = {}
  for _, t in ipairs(k.targets) do
    local more = {}
    for n = 1, math.min(top, #t.more) do
      local w = t.more[n]
      more[n] = { word = w.word, spelling = w.spelling, here = w.target, rest = w.reference, z = w.z }
    end
    local less = {}
    for n = 1, math.min(top, #t.less) do
      local w = t.less[n]
      less[n] = { word = w.word, spelling = w.spelling, here = w.target, rest = w.reference, z = w.z }
    end
    out[#out + 1] = { source = t.target, documents = t.documents or docs_of_source[t.target] or {},
                      words = t.words, more = more, less = less }
  end
  return out
end

-- The entities named most, with how many sources name each and, for the
-- sources that are one article, the sentence of its first mention there
-- ({doc, start, stop}, by article).
local function entities(e, corpus, docs_of_source, top)
  local out = {}
  for n = 1, math.min(top, #e.entities) do
    local x = e.entities[n]
    local by, first = 0, {}
    for src, where in pairs(x.sources) do
      by = by + 1
      local docs = docs_of_source[src]
      if docs and #docs == 1 and math.tointeger(where.first_sentence) then
        local ok, sent = pcall(function() return corpus:doc(docs[1]):sentence(where.first_sentence) end)
        if ok then
          first[#first + 1] = { doc = docs[1], start = sent.start, stop = sent.stop, count = where.count }
        end
      end
    end
    table.sort(first, function(a, b) return a.doc < b.doc end)
    for k = #first, M.ENTITY_LINKS + 1, -1 do first[k] = nil end
    out[n] = { name = x.name, type = x.type, count = x.count, sources = by, first = first }
  end
  return out
end

-- Keep compare's findings in the model: the pairs shown, derivations,
-- heatmap, spelling variants, clusters, and per-source facts (for every
-- article of a small corpus, else for the articles of the pairs shown).
local function keep_compare(model, corpus, cmp, index_of, progress)
  local docs, top = model.documents, model.top
  model.related = 0
  for _, p in ipairs(cmp.pairs) do if p.related then model.related = model.related + 1 end end
  model.compared = cmp.compared
  progress:fact(string.format("%d pairs compared, %d related", #cmp.pairs, model.related))
  model.pairs = pairs_of(cmp, index_of, top)
  model.derivations = derivations(model.pairs)
  model.heatmap = heatmap(cmp, #docs, model.pairs, M.HEATMAP_DOCS)
  for k = 1, math.min(top, #cmp.variants) do
    local v, da, db = cmp.variants[k], {}, {}
    for _, n in ipairs(v.docs_a) do da[#da + 1] = index_of[n] end
    for _, n in ipairs(v.docs_b) do db[#db + 1] = index_of[n] end
    model.variants[k] = { a = v.a, b = v.b, docs_a = da, docs_b = db }
  end
  for k = 1, math.min(top, #cmp.clusters) do model.clusters[k] = cmp.clusters[k].indices end
  local wanted = {}
  if #docs <= 2 * top then
    for i in ipairs(docs) do wanted[i] = true end
  else
    for _, p in ipairs(model.pairs) do wanted[p.a], wanted[p.b] = true, true end
  end
  model.sources = sources(corpus, cmp, index_of, wanted, math.max(3, top // 2))
end

-- Keep the quotes' findings: the shared utterances and the counts.
local function keep_quotes(model, corpus, q, index_of, progress)
  model.quotes, model.quote_groups = shared_quotes(corpus, q, index_of, model.top)
  model.quote_count = #q.quotes
  progress:fact(string.format("%d quotes", #q.quotes))
end

-- The whole model. args: top (findings per list), progress (an object
-- with :stage(name) and :done()).
function M.gather(corpus, args, progress)
  local top = math.max(1, math.tointeger(args.top) or 10)
  local notes = {}
  progress:stage("documents")
  local docs = documents(corpus)
  local index_of, docs_of_source, nsources = {}, {}, 0
  for i, d in ipairs(docs) do
    index_of[d.name] = i
    if not docs_of_source[d.source_key] then
      docs_of_source[d.source_key] = {}
      nsources = nsources + 1
    end
    table.insert(docs_of_source[d.source_key], i)
  end

  local model = { documents = docs, notes = notes, top = top, pairs = {}, derivations = {},
                  quotes = {}, quote_groups = 0, variants = {}, sources = {}, keyness = {},
                  entities = {}, clusters = {}, heatmap = { docs = {}, cells = {} } }

  -- Each analysis's full result is only an argument here, so it can be
  -- collected once its findings are kept: a large corpus holds one at a time.
  analyse("compare", corpus, { ["min-relatedness"] = args["min-relatedness"] }, notes, progress,
    function(cmp) keep_compare(model, corpus, cmp, index_of, progress) end)
  collectgarbage()
  analyse("quotes", corpus, {}, notes, progress,
    function(q) keep_quotes(model, corpus, q, index_of, progress) end)
  collectgarbage()
  if nsources >= 2 and nsources <= M.MAX_SOURCES then
    analyse("keyness", corpus, { top = top }, notes, progress,
      function(k) model.keyness = keyness(k, docs_of_source, math.max(4, top // 2)) end)
  else
    notes[#notes + 1] = string.format("keyness per source skipped: %d source%s (it compares 2 to %d)",
      nsources, nsources == 1 and "" or "s", M.MAX_SOURCES)
  end
  if #docs <= M.MAX_ENTITY_DOCS then
    analyse("entities", corpus, {}, notes, progress,
      function(e) model.entities = entities(e, corpus, docs_of_source, top) end)
  else
    notes[#notes + 1] = string.format("entities skipped: more than %s documents",
      text.thousands(M.MAX_ENTITY_DOCS))
  end
  progress:done()
  return model
end

return M
