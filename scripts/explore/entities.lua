-- explore/entities.lua — people, organisations and places named in a set
-- of documents, found from capitalization and the words around them, with
-- titles stripped and the variants of one name clustered:
--
--   1. A mention is a run of capitalized words in a sentence (connectors
--      such as "of" may join them; a possessive 's ends it). At the start
--      of a sentence, and in headline-case lines, a capitalized word counts
--      only if the corpus never writes it in lower case ("Despite", "Not"
--      and "Attending" are ordinary words; "Rubio" is not).
--   2. Titles are stripped from the front ("US Secretary of State Marco
--      Rubio" is "Marco Rubio", a person).
--   3. Each mention votes for a type from its own words and its
--      neighbours (explore/lexicon.lua): a title or a role before it, a
--      verb of saying after it (person); organisation words, outlets,
--      acronyms (organisation); the gazetteer and words such as "region",
--      "in" (place).
--   4. Places cluster through the gazetteer's aliases (the U.K., UK and
--      Britain are United Kingdom). People cluster by surname: "Rubio"
--      joins "Marco Rubio"; surnames of six letters or more one edit apart
--      are one person (Zelensky, Zelenskyy).
local stopwords = require("lede.stopwords")

local M = {}

-- Levenshtein distance between two strings, by UTF-8 characters.
local function distance(a, b)
  local x, y = {}, {}
  for _, c in utf8.codes(a) do x[#x + 1] = c end
  for _, c in utf8.codes(b) do y[#y + 1] = c end
  local prev = {}
  for j = 0, #y do prev[j] = j end
  for i = 1, #x do
    local cur = { [0] = i }
    for j = 1, #y do
      cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i] == y[j] and 0 or 1))
    end
    prev = cur
  end
  return prev[#y]
end
M.distance = distance

-- A token's form without a possessive ('s or ’s), and whether it had one.
local function strip_possessive(text, norm)
  local base = norm:match("^(.+)'s$")
  if not base then return text, norm, false end
  for _, suffix in ipairs({ "’s", "'s", "’S", "'S" }) do
    if text:sub(-#suffix) == suffix then return text:sub(1, -#suffix - 1), base, true end
  end
  return text, base, true
end

local WORDLIKE = { word = true, abbrev = true }

-- Whether a sentence is set in headline case: at least three words with
-- letters, and three in four of them capitalized.
local function headline(tokens)
  local words, caps = 0, 0
  for _, t in ipairs(tokens) do
    if t.kind == "word" and t.text:find("%a") then
      words = words + 1
      if t.capitalized then caps = caps + 1 end
    end
  end
  return words >= 3 and caps * 4 >= words * 3
end

-- The mentions of one sentence: { {words = {text…}, norms = {…}, prev, next, prev2}, … }.
local function runs(tokens, lower, midcaps, lex)
  local out = {}
  local is_headline = headline(tokens)
  local first_word = true
  local run = nil
  local function close(next_norm)
    if run and #run.words > 0 then
      -- A connector cannot end a name.
      while #run.norms > 0 and lex.connectors[run.norms[#run.norms]] do
        run.words[#run.words], run.norms[#run.norms] = nil, nil
      end
      if #run.words > 0 then
        run.next = next_norm
        out[#out + 1] = run
      end
    end
    run = nil
  end
  -- Could token i be part of a name, judged on itself alone?
  local function capital(i)
    local t = tokens[i]
    if not t or not WORDLIKE[t.kind] or not t.capitalized then return false end
    local text, base = strip_possessive(t.text, t.norm)
    if base:find("-", 1, true) or not text:find("%a") or lex.not_names[base] then return false end
    -- A single letter only inside a name (Debra A Smith).
    if utf8.len((text:gsub("%.", ""))) == 1 and not run then return false end
    return true
  end
  -- Does a run of capitalized words start at token i and hold an
  -- organisation word?
  local function org_follows(i)
    while capital(i) do
      if lex.org_words[tokens[i].norm] then return true end
      i = i + 1
    end
    return false
  end
  for i, t in ipairs(tokens) do
    local text, base, possessive = strip_possessive(t.text, t.norm)
    local name_word = capital(i)
    if name_word and is_headline then
      -- Headline case: only words the corpus does not write in lower case,
      -- a middle initial between two (Debra A Smith), and an organisation
      -- word after a name (TROIB News).
      local initial = run and text:match("^%u%.?$") and capital(i + 1)
      name_word = initial or (run and lex.org_words[base]) or (not lower[base]
          and not stopwords.english[base])
    elseif name_word and first_word then
      -- First word of a sentence: an ordinary word, unless a name follows
      -- (State Department); a lone word must be capitalized elsewhere too.
      local ordinary = lower[base] or stopwords.english[base]
      if capital(i + 1) and not possessive then
        name_word = not stopwords.english[base]
      else
        name_word = not ordinary and (midcaps[base] or lex.places[base] ~= nil)
      end
    end
    if name_word then
      if not run then
        local p, p2 = tokens[i - 1], tokens[i - 2]
        run = { words = {}, norms = {}, prev = p and p.norm, prev2 = p2 and p2.norm, sentence = t.sentence,
          token = i }
      end
      run.words[#run.words + 1] = text
      run.norms[#run.norms + 1] = base
      if possessive then close("'s") end
    elseif run and t.kind == "word" and lex.connectors[t.norm] and tokens[i + 1]
        and tokens[i + 1].capitalized then
      run.words[#run.words + 1] = t.text
      run.norms[#run.norms + 1] = t.norm
    elseif run and (t.norm == "and" or t.text == "&") and org_follows(i + 1) then
      -- "and" inside an organisation's name (Securities and Exchange
      -- Commission), not between two names (Rubio and Witkoff).
      run.words[#run.words + 1] = t.text
      run.norms[#run.norms + 1] = t.norm
    else
      close(t.norm)
    end
    if t.kind ~= "quote" and t.kind ~= "punct" then first_word = false end
  end
  close(nil)
  return out
end

-- Runs that start with a place and go on with another name ("US Crimea
-- concession", "envoy to Ukraine Keith Kellogg") are two mentions, unless
-- the whole is a place or an organisation ("New York Post").
local function split_places(list, lex)
  local out = {}
  for _, run in ipairs(list) do
    local whole = table.concat(run.norms, " ")
    local cut = nil
    if #run.norms > 1 and not lex.places[whole] then
      local org = false
      for _, w in ipairs(run.norms) do org = org or lex.org_words[w] end
      for k = #run.norms - 1, 1, -1 do
        if not org and not cut and lex.places[table.concat(run.norms, " ", 1, k)]
            and not lex.connectors[run.norms[k + 1]] then
          cut = k
        end
      end
    end
    if cut then
      out[#out + 1] = { words = table.move(run.words, 1, cut, 1, {}), norms = table.move(run.norms, 1, cut, 1,
          {}),
        prev = run.prev, prev2 = run.prev2, next = run.norms[cut + 1], sentence = run.sentence }
      out[#out + 1] = { words = table.move(run.words, cut + 1, #run.words, 1, {}),
        norms = table.move(run.norms, cut + 1, #run.norms, 1, {}), prev = run.norms[cut],
            prev2 = run.norms[cut - 1] or run.prev,
        next = run.next, sentence = run.sentence }
    else
      out[#out + 1] = run
    end
  end
  return out
end

-- Strip titles from the front of a run; returns the name's words and
-- norms and whether a title was stripped (nil if nothing is left).
local function strip_titles(run, lex)
  local n, last = #run.norms, 0
  local i = 1
  while i <= n do
    if lex.titles[run.norms[i]] then
      last = i
      if run.norms[i + 1] == "of" and i + 2 <= n then
        last = i + 2
        i = i + 3
      else
        i = i + 1
      end
    else
      i = i + 1
    end
  end
  if last == 0 then return run.words, run.norms, false end
  if last >= n then return nil end
  return table.move(run.words, last + 1, n, 1, {}), table.move(run.norms, last + 1, n, 1, {}), true
end

-- The type votes of one mention: { person =, org =, place = }.
local function votes(m, lex)
  local v = { person = 0, org = 0, place = 0 }
  local key = table.concat(m.norms, " ")
  if m.titled then v.person = v.person + 3 end
  if m.prev and lex.roles[m.prev] then v.person = v.person + 2 end
  if m.next and lex.speech[m.next] then v.person = v.person + 1 end
  for _, w in ipairs(m.norms) do
    if lex.org_words[w] then v.org = v.org + 3 end
  end
  if #m.norms == 1 and lex.outlets[key] then v.org = v.org + 4 end
  if #m.norms == 1 and m.words[1]:match("^%u%u%u?%u?%u?%u?$")
      and not lex.places[key] then v.org = v.org + 1 end
  if (m.prev and lex.org_before[m.prev]) or (m.next and lex.org_after[m.next]) then v.org = v.org + 2 end
  if lex.places[key] then v.place = v.place + 4 end
  if m.next and lex.place_after[m.next] then v.place = v.place + 2 end
  if #m.norms == 1 and m.prev and lex.place_before[m.prev] then v.place = v.place + 1 end
  if m.prev == "of" and m.prev2 and lex.place_after[m.prev2] then v.place = v.place + 2 end
  if #m.norms >= 2 and #m.norms <= 3 and v.org == 0 and v.place == 0 then v.person = v.person + 1 end
  return v
end

-- Find the entities of docs = { {doc = Document, label = source}, … }.
-- Returns clusters sorted by mentions: { {name, type, count, variants =
-- {form = n}, sources = {label = {count, first_sentence, first_text}}}, … }.
function M.find(docs, lex)
  -- Words the corpus writes in lower case somewhere: ordinary words.
  local lower = {}
  for _, item in ipairs(docs) do
    for _, t in item.doc:words() do
      if not t.capitalized then lower[t.norm:match("^(.+)'s$") or t.norm] = true end
    end
  end
  -- Words capitalized somewhere other than a sentence's start.
  local midcaps = {}
  for _, item in ipairs(docs) do
    local d = item.doc
    for _, s in d:sentences() do
      for k = s.first_token + 1, s.first_token + s.ntokens - 1 do
        local t = d:token(k)
        if t.capitalized and WORDLIKE[t.kind] then
          local p = d:token(k - 1)
          if p.kind == "word" or p.kind == "abbrev" or p.kind == "number" or p.text == "," then
            midcaps[t.norm:match("^(.+)'s$") or t.norm] = true
          end
        end
      end
    end
  end
  -- Every mention, with its type votes.
  local mentions = {}
  for _, item in ipairs(docs) do
    local d = item.doc
    for si, s in d:sentences() do
      local tokens = {}
      for k = s.first_token, s.first_token + s.ntokens - 1 do tokens[#tokens + 1] = d:token(k) end
      for _, run in ipairs(split_places(runs(tokens, lower, midcaps, lex), lex)) do
        local words, norms, titled = strip_titles(run, lex)
        local single = words and #norms == 1 and norms[1]
        if words and not (single and (lex.demonyms[single] or lex.demonyms[single:match("^(.+)s$")
            or ""])) then
          local m = { words = words, norms = norms, titled = titled, prev = run.prev, prev2 = run.prev2,
            next = run.next, label = item.label, sentence = si, text = s.text }
          -- A title stripped leaves the name's own first word as `prev`.
          if titled then m.prev = nil end
          m.key = table.concat(norms, " ")
          m.form = table.concat(words, " ")
          m.votes = votes(m, lex)
          mentions[#mentions + 1] = m
        end
      end
    end
  end
  -- Clusters: places by the gazetteer, other multi-word names by their
  -- key; then single words and spelling variants join them.
  local clusters, by_key = {}, {}
  local function cluster_of(key)
    local c = by_key[key]
    if not c then
      c = { key = key, mentions = {}, votes = { person = 0, org = 0, place = 0 } }
      by_key[key] = c
      clusters[#clusters + 1] = c
    end
    return c
  end
  local function add(c, m)
    c.mentions[#c.mentions + 1] = m
    for k, v in pairs(m.votes) do c.votes[k] = c.votes[k] + v end
  end
  local pending = {}
  for _, m in ipairs(mentions) do
    local place = lex.places[m.key]
    if place then
      add(cluster_of("place:" .. place), m)
      by_key["place:" .. place].canonical = place
    elseif #m.norms > 1 then
      add(cluster_of(m.key), m)
    else
      pending[#pending + 1] = m
    end
  end
  -- Names one edit apart are found through an index: each word is filed
  -- under itself and, at six letters or more, under each of its one-letter
  -- deletions, so two words one edit apart share a key (as in SymSpell);
  -- `similar` then checks the distance.
  local function similar(a, b)
    if a == b then return true end
    return utf8.len(a) >= 6 and utf8.len(b) >= 6 and distance(a, b) <= 1
  end
  local function edit_keys(w)
    local keys, chars = { w }, {}
    for _, c in utf8.codes(w) do chars[#chars + 1] = utf8.char(c) end
    if #chars >= 6 then
      for k = 1, #chars do keys[#keys + 1] = table.concat(chars, "", 1, k - 1) .. table.concat(chars, "",
          k + 1) end
    end
    return keys
  end
  -- The first entry of index[key] for any key of w that is similar to w
  -- (ok(entry) must hold; best(a, b) picks between candidates).
  local function lookup(index, w, last_of, ok, better)
    local found
    for _, k in ipairs(edit_keys(w)) do
      for _, e in ipairs(index[k] or {}) do
        if ok(e) and similar(last_of(e), w) and (not found or better(e, found)) then found = e end
      end
    end
    return found
  end
  local function file(index, w, e)
    for _, k in ipairs(edit_keys(w)) do
      index[k] = index[k] or {}
      table.insert(index[k], e)
    end
  end
  local function last_word(c) local n = c.mentions[1].norms return n[#n] end
  local function earlier(a, b) return a.order < b.order end
  -- Multi-word names with the same first words whose last words are one
  -- edit apart are one name (the first seen keeps it).
  local kept, by_prefix = {}, {}
  for order, c in ipairs(clusters) do
    c.order = order
    if c.canonical then
      kept[#kept + 1] = c
    else
      local norms = c.mentions[1].norms
      local prefix = #norms .. "|" .. table.concat(norms, " ", 1, #norms - 1)
      local index = by_prefix[prefix] or {}
      by_prefix[prefix] = index
      local into = lookup(index, norms[#norms], last_word, function() return true end, earlier)
      if into then
        for _, m in ipairs(c.mentions) do add(into, m) end
      else
        file(index, norms[#norms], c)
        kept[#kept + 1] = c
      end
    end
  end
  clusters = kept
  -- A single word joins the most mentioned multi-word name it ends (as a
  -- surname, or one edit from it), if that name is not a place or an
  -- organisation; else another single word one edit away, or stands alone.
  local by_last, singles = {}, {}
  for _, c in ipairs(clusters) do
    if not c.canonical then file(by_last, last_word(c), c) end
  end
  local function personish(c) return c.votes.org <= c.votes.person end
  local function more_mentioned(a, b)
    if #a.mentions ~= #b.mentions then return #a.mentions > #b.mentions end
    return a.order < b.order
  end
  for _, m in ipairs(pending) do
    local best = lookup(by_last, m.key, last_word, personish, more_mentioned)
      or lookup(singles, m.key, function(c) return c.key end, function() return true end, earlier)
    if not best then
      best = { key = m.key, mentions = {}, votes = { person = 0, org = 0, place = 0 }, order = #clusters + 1 }
      file(singles, m.key, best)
      clusters[#clusters + 1] = best
    end
    add(best, m)
  end
  -- Describe each cluster.
  local out = {}
  for _, c in ipairs(clusters) do
    local variants, sources, forms = {}, {}, {}
    for _, m in ipairs(c.mentions) do
      variants[m.form] = (variants[m.form] or 0) + 1
      local s = sources[m.label]
      if not s then
        s = { count = 0, first_sentence = m.sentence, first_text = m.text }
        sources[m.label] = s
      end
      s.count = s.count + 1
    end
    for f, n in pairs(variants) do forms[#forms + 1] = { form = f, n = n, words = select(2, f:gsub("%S+",
        "")) } end
    -- The name: the gazetteer's, else the most used of the longest forms.
    table.sort(forms, function(a, b)
      if a.words ~= b.words then return a.words > b.words end
      if a.n ~= b.n then return a.n > b.n end
      return a.form < b.form
    end)
    local v = c.votes
    local kind = "unknown"
    if v.place > 0 and v.place >= v.org and v.place >= v.person then
      kind = "place"
    elseif v.org > 0 and v.org >= v.person then
      kind = "organisation"
    elseif v.person > 0 then
      kind = "person"
    end
    out[#out + 1] = { name = c.canonical or forms[1].form, type = kind, count = #c.mentions,
        variants = variants,
      sources = sources, votes = v }
  end
  table.sort(out, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.name < b.name
  end)
  return out
end

return M
