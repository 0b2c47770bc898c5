-- unique.lua — per source, the sentences no other source has (its unique
-- facts) and what it omits that at least two others report.
--
-- Sentences of different articles are linked when they report the same
-- thing: matched by content in order (similarity.align_sentences), or
-- sharing at least LINK_EQUAL equal terms inside an aligned passage.
-- Linked sentences form groups (connected components); a group is a fact
-- and the set of articles reporting it.
local M = {}

M.LINK_EQUAL = 5
-- A unique sentence must carry at least this many content stems (a dateline
-- or a byline is not a fact).
M.MIN_STEMS = 4

-- Union-find over sentence keys "doc:sentence".
local function finder()
  local parent = {}
  local function find(x)
    local p = parent[x]
    if p == nil or p == x then parent[x] = x return x end
    local r = find(p)
    parent[x] = r
    return r
  end
  local function union(x, y)
    local rx, ry = find(x), find(y)
    if rx ~= ry then parent[rx] = ry end
  end
  return find, union
end

-- The sentence (index) of token i of a prepared document.
local function sentence_of(doc, i)
  return doc.tokens[i] and doc.tokens[i].sentence
end

-- Links of one pair: sentence pairs {i, j} from its sentence alignment and
-- from equal runs of its passages.
function M.links(a, b, raw_passages, sentence_pairs)
  local out = {}
  for _, sp in ipairs(sentence_pairs) do out[#out + 1] = { sp.i, sp.j } end
  local count = {}
  for _, p in ipairs(raw_passages) do
    for _, e in ipairs(p.edits) do
      if e.kind == "equal" then
        -- Equal runs pair the k-th word of each side; walk both spans' words.
        local ia, ib = e.a.first, e.b.first
        while ia <= e.a.last and ib <= e.b.last do
          local ta, tb = a.tokens[ia], b.tokens[ib]
          local wa = ta.kind == "word" or ta.kind == "abbrev" or ta.kind == "number" or ta.kind == "cjk"
          local wb = tb.kind == "word" or tb.kind == "abbrev" or tb.kind == "number" or tb.kind == "cjk"
          if not wa then ia = ia + 1
          elseif not wb then ib = ib + 1
          else
            local key = sentence_of(a, ia) .. ":" .. sentence_of(b, ib)
            count[key] = (count[key] or 0) + 1
            ia, ib = ia + 1, ib + 1
          end
        end
      end
    end
  end
  for key, n in pairs(count) do
    if n >= M.LINK_EQUAL then
      local i, j = key:match("^(%d+):(%d+)$")
      out[#out + 1] = { tonumber(i), tonumber(j) }
    end
  end
  return out
end

-- Unique sentences and omissions. `docs` are the prepared documents,
-- `pair_links` a list of {a = doc, b = doc, links = {{i, j}, …}}. Returns
-- unique[doc.index] = {sentence, …}, omits[doc.index] = {{sentence of a
-- reporter, reported_by = {names}}, …}, and shared_only[a.index .. ":" ..
-- b.index] = sentences reported by exactly those two.
function M.find(docs, pair_links)
  local find, union = finder()
  local linked = {}
  for _, pl in ipairs(pair_links) do
    for _, l in ipairs(pl.links) do
      local ka, kb = pl.a.index .. ":" .. l[1], pl.b.index .. ":" .. l[2]
      union(ka, kb)
      linked[ka], linked[kb] = true, true
    end
  end
  local groups, order = {}, {}
  for _, doc in ipairs(docs) do
    for si in ipairs(doc.sentences) do
      local key = doc.index .. ":" .. si
      if linked[key] then
        local root = find(key)
        if not groups[root] then
          groups[root] = { docs = {}, ndocs = 0, first = { doc = doc, sentence = si } }
          order[#order + 1] = root
        end
        local g = groups[root]
        if not g.docs[doc.index] then g.docs[doc.index] = true; g.ndocs = g.ndocs + 1 end
      end
    end
  end
  local function sentence_record(doc, si)
    local s = doc.sentences[si]
    return { sentence = si, start = s.start, ["end"] = s.stop, text = s.text }
  end
  local unique, omits, shared_only = {}, {}, {}
  for _, doc in ipairs(docs) do
    unique[doc.index], omits[doc.index] = {}, {}
    for si, s in ipairs(doc.sentences) do
      if not linked[doc.index .. ":" .. si] and s.nstems >= M.MIN_STEMS then
        table.insert(unique[doc.index], sentence_record(doc, si))
      end
    end
  end
  for _, root in ipairs(order) do
    local g = groups[root]
    if g.ndocs >= 2 then
      local names = {}
      for _, doc in ipairs(docs) do if g.docs[doc.index] then names[#names + 1] = doc.name end end
      for _, doc in ipairs(docs) do
        if not g.docs[doc.index] then
          local r = sentence_record(g.first.doc, g.first.sentence)
          r.reported_by = names
          r.doc = g.first.doc.name
          table.insert(omits[doc.index], r)
        end
      end
      if g.ndocs == 2 then
        local idx = {}
        for i in pairs(g.docs) do idx[#idx + 1] = i end
        table.sort(idx)
        local key = idx[1] .. ":" .. idx[2]
        shared_only[key] = (shared_only[key] or 0) + 1
      end
    end
  end
  return unique, omits, shared_only
end

-- Details no other article has: in sentences that other articles do report,
-- the names and numbers (derivation.specifics) found in no other article —
-- the "90%" a rewrite dropped from a sentence it otherwise kept. A number
-- keeps the symbol written against it (90%, $5). Returns details[doc.index]
-- = { {text, start, end, sentence}, … }.
function M.details(docs, specifics)
  local out = {}
  for _, doc in ipairs(docs) do
    local own = {}
    for _, sent in ipairs(doc.sentences) do
      for ti = sent.first, sent.last do
        local t = doc.tokens[ti]
        local st = t and t.kind ~= "punct" and t.kind ~= "quote" and specifics.stem_of(t)
        if st and specifics.is_specific(doc, ti) then
          local elsewhere = false
          for _, other in ipairs(docs) do
            if other ~= doc and other.counts[st] then elsewhere = true break end
          end
          if not elsewhere and not own[st] then
            own[st] = true
            local stop = t.stop
            local nxt = doc.tokens[ti + 1]
            if t.has_digit and nxt and nxt.kind == "symbol" and nxt.start == t.stop then stop = nxt.stop end
            local prev = doc.tokens[ti - 1]
            local start = t.start
            if t.has_digit and prev and prev.kind == "symbol" and prev.stop == t.start then start = prev.start end
            out[doc.index] = out[doc.index] or {}
            table.insert(out[doc.index], { text = doc.doc:slice(start, stop), start = start, ["end"] = stop,
              sentence = sent.index, sentence_text = sent.text })
          end
        end
      end
    end
  end
  return out
end

return M
