-- crossdoc.lua — across documents: speaker names clustered (`Zelensky`,
-- `Zelenskyy`, `Zelenskiy`, `Volodymyr Zelensky` are one person), and the
-- same utterance grouped across outlets, with a word-level diff of each
-- version against the longest and how many words more or fewer it prints.

local M = {}

-- Words the grouping ignores when finding candidates (too common to tell
-- utterances apart); quotes share at least `min_shared` other words.
M.min_shared = 2
-- Share of the shorter quote's words the longer one must hold.
M.min_overlap = 0.6
-- Words in more than this many quotes are not used to find candidates.
M.max_df = 20

-- The common Latin accented letters (lower case) and their base letter.
local ACCENTS = { ["á"] = "a", ["à"] = "a", ["â"] = "a", ["ä"] = "a", ["ã"] = "a", ["é"] = "e", ["è"] = "e",
  ["ê"] = "e", ["ë"] = "e", ["í"] = "i", ["ì"] = "i", ["î"] = "i", ["ï"] = "i", ["ó"] = "o", ["ò"] = "o",
  ["ô"] = "o", ["ö"] = "o", ["õ"] = "o", ["ú"] = "u", ["ù"] = "u", ["û"] = "u", ["ü"] = "u", ["ñ"] = "n",
  ["ç"] = "c", ["š"] = "s", ["ž"] = "z", ["č"] = "c", ["ć"] = "c", ["ł"] = "l", ["ø"] = "o", ["ı"] = "i" }
-- Lower case for ASCII, and the common Latin accents dropped: enough to
-- compare names and words of news copy (Zelenskiy, Zelenskíy).
local function fold(s)
  s = s:lower()
  return (s:gsub("[\195-\197][\128-\191]", function(c) return ACCENTS[c:lower()] or ACCENTS[c] or c end))
end
M.fold = fold

-- British and American spellings compared as one (recognise/recognize,
-- colour/color, analyse/analyze).
local function respell(w)
  if not (w:find("[iy]s") or w:find("our", 1, true)) then return w end
  w = w:gsub("is(e[sd]?)$", "iz%1"):gsub("ising$", "izing"):gsub("isation", "ization")
  w = w:gsub("ys(e[sd]?)$", "yz%1")
  if #w > 4 then w = w:gsub("our$", "or"):gsub("ours$", "ors") end
  return w
end

-- respell, memoised: grouping asks for every word of every quote, and news
-- copy repeats its words (one entry per distinct word)
local respelled = {}
local function spelling(w)
  local k = respelled[w]
  if not k then
    k = respell(w)
    respelled[w] = k
  end
  return k
end

-- Edit distance between two short strings (for surname variants).
local function distance(a, b)
  if a == b then return 0 end
  local la, lb = #a, #b
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    for j = 1, lb do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

-- Whether two surnames are spellings of one name: equal, or at least six
-- letters sharing their first five, at most one edit per four letters of
-- the shorter and two in all (transliterations: Zelensky, Zelenskyy,
-- Zelenskiy; not Trump and Truman).
local function same_surname(a, b)
  if a == b then return true end
  if #a < 6 or #b < 6 or a:sub(1, 5) ~= b:sub(1, 5) then return false end
  local d = distance(a, b)
  return d <= 2 and d <= math.min(#a, #b) // 4
end
M.same_surname = same_surname

-- The words of a name, folded, possessives dropped.
local function name_words(name)
  local ws = {}
  for w in name:gmatch("[^%s]+") do
    w = fold(w):gsub("’s$", ""):gsub("'s$", ""):gsub("[%.,]", "")
    if w ~= "" then ws[#ws + 1] = w end
  end
  return ws
end

-- Cluster the speakers of `records` (each with `speaker`, `speaker_kind`,
-- `doc`); sets r.speaker_cluster and returns the clusters
-- { name, forms = {…}, quotes, documents }, largest first.
function M.cluster_speakers(records)
  local clusters = {}
  -- person clusters by the first five letters of the surname (variants
  -- share them, see same_surname); other speakers by their whole name
  local by_prefix, by_key = {}, {}
  -- the words of each speaker name, split once: a corpus names the same
  -- few people thousands of times (the lists are only read)
  local words_of = {}
  local function find(r)
    local ws = words_of[r.speaker]
    if not ws then
      ws = name_words(r.speaker)
      words_of[r.speaker] = ws
    end
    if #ws == 0 then return nil end
    local person = r.speaker_kind == "person" or r.speaker_kind == "pronoun"
    local surname = ws[#ws]
    local key = table.concat(ws, " ")
    if person then
      local prefix = surname:sub(1, 5)
      for _, c in ipairs(by_prefix[prefix] or {}) do
        if same_surname(surname, c.surname) then
          -- first names, when both are given, must agree
          local f1, f2 = #ws > 1 and ws[1] or nil, c.first
          if not (f1 and f2 and f1 ~= f2) then
            if f1 and not c.first then c.first = f1 end
            return c
          end
        end
      end
    elseif by_key[key] then
      return by_key[key]
    end
    local c = { person = person, surname = surname, first = #ws > 1 and ws[1] or nil, key = key,
      counts = {}, docs = {}, quotes = 0 }
    clusters[#clusters + 1] = c
    if person then
      local prefix = surname:sub(1, 5)
      by_prefix[prefix] = by_prefix[prefix] or {}
      table.insert(by_prefix[prefix], c)
    else
      by_key[key] = c
    end
    return c
  end
  for _, r in ipairs(records) do
    if r.speaker and r.kind ~= "term" then
      local c = find(r)
      if c then
        r._cluster = c
        c.counts[r.speaker] = (c.counts[r.speaker] or 0) + 1
        c.docs[r.doc] = true
        c.quotes = c.quotes + 1
      end
    end
  end
  local out = {}
  for _, c in ipairs(clusters) do
    -- the name: the most used form of two words or more, else the most used,
    -- the longer on a tie, then the first in byte order (pairs visits the
    -- forms in an order that changes from run to run)
    local best, bc, bw = nil, -1, 0
    local forms = {}
    for form, n in pairs(c.counts) do
      forms[#forms + 1] = form
      local w = select(2, form:gsub("%S+", ""))
      local better = (w > 1 and bw <= 1) or ((w > 1) == (bw > 1) and (n > bc or (n == bc
        and (#form > #best or (#form == #best and form < best)))))
      if not best or better then best, bc, bw = form, n, w end
    end
    table.sort(forms)
    local ndocs = 0
    for _ in pairs(c.docs) do ndocs = ndocs + 1 end
    c.name = best
    out[#out + 1] = { name = best, forms = forms, quotes = c.quotes, documents = ndocs, _c = c }
  end
  for _, r in ipairs(records) do
    if r._cluster then r.speaker_cluster = r._cluster.name end
    r._cluster = nil
  end
  table.sort(out, function(a, b)
    if a.documents ~= b.documents then return a.documents > b.documents end
    if a.quotes ~= b.quotes then return a.quotes > b.quotes end
    return a.name < b.name
  end)
  for _, c in ipairs(out) do c._c = nil end
  return out
end

-- The tokens of a quote for the diff: words (letters, digits, apostrophes)
-- and single punctuation marks, each with its compare key.
local function diff_tokens(text)
  local toks = {}
  for word, punct in text:gmatch("([%w\128-\255’']+)([^%w\128-\255%s’']*)") do
    toks[#toks + 1] = { text = word, key = spelling(fold(word):gsub("’", "'")) }
    for p in punct:gmatch(".") do toks[#toks + 1] = { text = p, key = p, punct = true } end
  end
  local lead = text:match("^([^%w\128-\255%s’']+)")
  if lead then
    local pre = {}
    for p in lead:gmatch(".") do pre[#pre + 1] = { text = p, key = p, punct = true } end
    for _, t in ipairs(toks) do pre[#pre + 1] = t end
    toks = pre
  end
  return toks
end

-- A word-level diff of b against a: a list of operations
-- { op = "=", "-", "+", "~", a = "…", b = "…" }, substitutions (`~`) where a
-- stretch of a is replaced by one of b; spelling variants (recognize,
-- recognise) count as equal words but are reported as `~`.
function M.diff(a_text, b_text)
  local a, b = diff_tokens(a_text), diff_tokens(b_text)
  local n, m = #a, #b
  local L = {}
  for i = 0, n do L[i] = {} for j = 0, m do L[i][j] = 0 end end
  for i = n - 1, 0, -1 do
    for j = m - 1, 0, -1 do
      if a[i + 1].key == b[j + 1].key then
        L[i][j] = L[i + 1][j + 1] + 1
      else
        L[i][j] = math.max(L[i + 1][j], L[i][j + 1])
      end
    end
  end
  local ops = {}
  local function push(op, x, y)
    local last = ops[#ops]
    if last and last.op == op and op ~= "=" then
      if x then last.a = (last.a and last.a .. " " or "") .. x end
      if y then last.b = (last.b and last.b .. " " or "") .. y end
    else
      ops[#ops + 1] = { op = op, a = x, b = y }
    end
  end
  local i, j = 0, 0
  while i < n or j < m do
    if i < n and j < m and a[i + 1].key == b[j + 1].key then
      if a[i + 1].text ~= b[j + 1].text and fold(a[i + 1].text) ~= fold(b[j + 1].text) then
        ops[#ops + 1] = { op = "~", a = a[i + 1].text, b = b[j + 1].text }
      else
        push("=", a[i + 1].text, b[j + 1].text)
      end
      i, j = i + 1, j + 1
    elseif j < m and (i >= n or L[i][j + 1] >= L[i + 1][j]) then
      push("+", nil, b[j + 1].text)
      j = j + 1
    else
      push("-", a[i + 1].text, nil)
      i = i + 1
    end
  end
  -- a deletion next to an insertion is a substitution
  local merged = {}
  for _, o in ipairs(ops) do
    local last = merged[#merged]
    if last and ((last.op == "-" and o.op == "+") or (last.op == "+" and o.op == "-")) then
      last.op = "~"
      last.a = last.a or o.a
      last.b = last.b or o.b
    else
      merged[#merged + 1] = o
    end
  end
  return merged
end

-- A diff as one readable line: `-words`, `+words`, `old→new`; "" if equal.
function M.diff_text(ops)
  local parts = {}
  for _, o in ipairs(ops) do
    if o.op == "-" then parts[#parts + 1] = "-" .. o.a
    elseif o.op == "+" then parts[#parts + 1] = "+" .. o.b
    elseif o.op == "~" then parts[#parts + 1] = o.a .. "→" .. o.b end
  end
  return table.concat(parts, ", ")
end

-- Word keys of a quote (for grouping), spelling-normalised.
local function word_keys(text)
  local ks = {}
  for w in fold(text):gsub("’", "'"):gmatch("[%w\128-\255']+") do
    local k = spelling(w)
    if #k >= 2 then ks[#ks + 1] = k end
  end
  return ks
end

-- Group the quotes of `records` (direct and partial, across different
-- documents) that are one utterance: same speaker cluster (or one
-- unknown) and most of the shorter quote's words in the longer. Sets
-- r.group (1-based) and returns the groups { speaker, members = { {doc,
-- text, words, more, diff, reference}, … } }.
function M.group_utterances(records)
  local items, df = {}, {}
  for _, r in ipairs(records) do
    if r.kind == "direct" or r.kind == "partial" then
      local ks = word_keys(r.text)
      local set = {}
      for _, k in ipairs(ks) do set[k] = true end
      local nset = 0
      for k in pairs(set) do
        df[k] = (df[k] or 0) + 1
        nset = nset + 1
      end
      items[#items + 1] = { r = r, keys = ks, set = set, nset = nset }
    end
  end
  local postings = {}
  for idx, it in ipairs(items) do
    for k in pairs(it.set) do
      if df[k] <= M.max_df and #k >= 3 then
        postings[k] = postings[k] or {}
        table.insert(postings[k], idx)
      end
    end
  end
  local parent = {}
  local function root(x)
    while parent[x] and parent[x] ~= x do x = parent[x] end
    return x
  end
  for idx, it in ipairs(items) do
    -- the later items sharing distinctive words with this one: a posting
    -- list is in item order, so it is read from its end down to idx
    local shared = {}
    for k in pairs(it.set) do
      local list = postings[k]
      if list then
        for p = #list, 1, -1 do
          local other = list[p]
          if other <= idx then break end
          shared[other] = (shared[other] or 0) + 1
        end
      end
    end
    for other, n in pairs(shared) do
      local jt = items[other]
      local nset = math.min(it.nset, jt.nset)
      -- the distinctive words alone must already come close to the threshold
      if jt.r.doc ~= it.r.doc and nset >= M.min_shared and n >= math.min(M.min_shared, nset) * 1
          and n >= M.min_overlap * nset * 0.5 then
        -- overlap counted on the whole sets, common words included
        local small, large = it.set, jt.set
        if jt.nset < it.nset then small, large = jt.set, it.set end
        local common = 0
        for k in pairs(small) do if large[k] then common = common + 1 end end
        local same_speaker = not it.r.speaker_cluster or not jt.r.speaker_cluster
          or it.r.speaker_cluster == jt.r.speaker_cluster
        if n >= 1 and common >= M.min_shared and common / nset >= M.min_overlap and same_speaker then
          parent[root(other)] = root(idx)
          parent[idx] = parent[idx] or idx
        end
      end
    end
  end
  local byroot, groups = {}, {}
  for idx, it in ipairs(items) do
    if parent[idx] then
      local rt = root(idx)
      if not byroot[rt] then
        byroot[rt] = { members = {} }
        groups[#groups + 1] = byroot[rt]
      end
      table.insert(byroot[rt].members, it)
    end
  end
  local out = {}
  for gi, g in ipairs(groups) do
    local docs = {}
    for _, it in ipairs(g.members) do docs[it.r.doc] = true end
    local ndocs = 0
    for _ in pairs(docs) do ndocs = ndocs + 1 end
    if ndocs >= 2 then
      local ref = g.members[1]
      for _, it in ipairs(g.members) do
        if #it.keys > #ref.keys then ref = it end
      end
      local speaker
      local members = {}
      for _, it in ipairs(g.members) do
        speaker = speaker or it.r.speaker_cluster or it.r.speaker
        local ops = it == ref and {} or M.diff(ref.r.text, it.r.text)
        members[#members + 1] = { doc = it.r.doc, start = it.r.start, ["end"] = it.r["end"], text = it.r.text,
          words = #it.keys, more = #it.keys - #ref.keys, diff = M.diff_text(ops),
          reference = it == ref or nil }
        it.r.group = #out + 1
      end
      out[#out + 1] = { id = #out + 1, speaker = speaker, documents = ndocs, members = members }
    end
    g.index = gi
  end
  return out
end

return M
