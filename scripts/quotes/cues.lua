-- cues.lua — the lexicon compiled into look-up tables, and cue finding:
-- where a speech verb or cue phrase ("said", "told", "according to",
-- "pointed out") stands in a document, with its lemma and manner.
--
-- The lexicon (quotes/lexicon.lua) is plain data a user may extend; compile
-- it once per run with cues.compile(lexicon).

local M = {}

-- A set from a list of strings (lower-cased).
local function set(list)
  local s = {}
  for _, w in ipairs(list or {}) do s[w:lower()] = true end
  return s
end

-- Split a phrase into its lower-case words ("pointed out" -> {"pointed", "out"}).
local function words(s)
  local out = {}
  for w in s:lower():gmatch("%S+") do out[#out + 1] = w end
  return out
end

-- Auxiliaries and negations that may stand between a subject and its cue
-- ("has said", "would not say", "had earlier told").
local AUX = set { "has", "have", "had", "was", "were", "is", "are", "be", "been", "will", "would",
  "could", "can", "may", "might", "should", "must", "did", "does", "do", "not", "n't", "also",
  "later", "previously", "earlier", "then", "once", "again", "recently", "repeatedly", "often",
  "has", "to", "just", "even", "still", "already", "reportedly", "allegedly", "only", "never",
  "first", "further", "publicly", "privately", "since", "subsequently" }

-- Compile the lexicon: returns the tables every other module reads.
function M.compile(lex)
  local L = {
    verb = {},        -- norm -> { lemma, manner, that, object, ing }
    multi = {},       -- first word -> list of { words = {…}, lemma, manner, that, source }
    aux = AUX,
    adverb = set(lex.manner_adverbs),
    honorific = {},
    role = {},        -- single role words
    role_multi = {},  -- last word -> list of word arrays
    org = set(lex.organisation_words),
    institution = {}, -- first word -> list of word arrays
    group = set(lex.group_nouns),
    pronoun = {},
    not_name = set(lex.not_names),
    particle = set(lex.name_particles),
    outlets = {},     -- list of word arrays (as written), longest first
    media = {},       -- first word -> list of word arrays
    gender = {},      -- norm -> "m" | "f"
  }
  for lemma, v in pairs(lex.speech_verbs or {}) do
    for _, form in ipairs(v.forms or {}) do
      local ws = words(form)
      local entry = { lemma = lemma, manner = v.manner or "neutral", that = v.that, object = v.object,
        ing = form:match("ing$") ~= nil, past = form:match("ed$") ~= nil or form == "said" or form == "told" }
      if #ws == 1 then
        L.verb[ws[1]] = entry
      else
        entry.words = ws
        L.multi[ws[1]] = L.multi[ws[1]] or {}
        table.insert(L.multi[ws[1]], entry)
      end
    end
  end
  for _, p in ipairs(lex.cue_phrases or {}) do
    local ws = words(p.words)
    local entry = { words = ws, lemma = p.words, manner = "neutral", source = p.source, phrase = true }
    L.multi[ws[1]] = L.multi[ws[1]] or {}
    table.insert(L.multi[ws[1]], entry)
  end
  for _, list in pairs(L.multi) do
    table.sort(list, function(a, b) return #a.words > #b.words end)
  end
  for _, h in ipairs(lex.honorifics or {}) do
    h = h:lower()
    L.honorific[h] = true
    L.honorific[(h:gsub("%.$", ""))] = true
  end
  for _, r in ipairs(lex.roles or {}) do
    local ws = words(r)
    if #ws == 1 then
      L.role[ws[1]] = true
    else
      local last = ws[#ws]
      L.role[last] = L.role[last] or false
      L.role_multi[last] = L.role_multi[last] or {}
      table.insert(L.role_multi[last], ws)
    end
  end
  for _, r in ipairs(lex.institutions or {}) do
    local ws = words(r)
    L.institution[ws[1]] = L.institution[ws[1]] or {}
    table.insert(L.institution[ws[1]], ws)
  end
  for p, info in pairs(lex.pronouns or {}) do L.pronoun[p] = info end
  -- a subject pronoun with its auxiliary ("he's", "she'd", "they're") is
  -- the pronoun, a finite verb included (not "it's", mostly "it is", nor
  -- "I'm", "we're": first persons open the writer's own sentences)
  for p, info in pairs(lex.pronouns or {}) do
    if not info.object and p ~= "it" and not info.first_person then
      for _, tail in ipairs({ "'s", "'d", "'ll", "'re", "'ve", "'m" }) do
        if L.pronoun[p .. tail] == nil then
          local c = { contraction = true }
          for k, val in pairs(info) do c[k] = val end
          L.pronoun[p .. tail] = c
        end
      end
    end
  end
  for _, o in ipairs(lex.outlets or {}) do
    local ws = {}
    for w in o:gmatch("%S+") do ws[#ws + 1] = w end
    L.outlets[#L.outlets + 1] = ws
  end
  table.sort(L.outlets, function(a, b) return #a > #b end)
  -- outlets by their first word as written (possessive stripped), longest first
  L.outlet_first, L.outlet_names = {}, {}
  for _, ws in ipairs(L.outlets) do
    L.outlet_first[ws[1]] = L.outlet_first[ws[1]] or {}
    table.insert(L.outlet_first[ws[1]], ws)
    L.outlet_names[table.concat(ws, " ")] = true
  end
  for _, m in ipairs(lex.media or {}) do
    local ws = words(m)
    L.media[ws[1]] = L.media[ws[1]] or {}
    table.insert(L.media[ws[1]], ws)
  end
  for g, list in pairs(lex.gender_titles or {}) do
    for _, w in ipairs(list) do L.gender[w:lower()] = g end
  end
  return L
end

-- Whether the words of `ws` stand at token i of view v (compared on norms,
-- a trailing possessive ignored on the last word); returns the last index.
function M.match_words(v, i, ws)
  local n = #ws
  if i + n - 1 > v.n then return nil end
  for k = 1, n do
    local norm = v.norm[i + k - 1]
    if norm ~= ws[k] and not (k == n and norm == ws[k] .. "'s") then return nil end
  end
  return i + n - 1
end

-- The cue at token i of view v, or nil: { first, last, lemma, manner, that,
-- object, ing, phrase, source }. Tokens inside quotes are never cues.
function M.at(L, v, i)
  local norm = v.norm[i]
  if not (L.verb[norm] or L.multi[norm]) or v.inq[i] then return nil end
  -- a capitalised word right after another is part of a name ("the New
  -- York Post"), not a cue ("Said Smith:", "Murphy, …, Tweeted")
  if v:cap(i) and i > 1 and v.para[i - 1] == v.para[i] and v:cap(i - 1) and v.kind[i - 1] ~= "quote" then
    return nil
  end
  local multi = L.multi[norm]
  if multi then
    for _, e in ipairs(multi) do
      local last = M.match_words(v, i, e.words)
      if last then
        return { first = i, last = last, lemma = e.lemma, manner = e.manner, that = e.that,
          object = e.object, ing = e.ing, phrase = e.phrase, source = e.source }
      end
    end
  end
  local e = L.verb[norm]
  if e then
    return { first = i, last = i, lemma = e.lemma, manner = e.manner, that = e.that, object = e.object,
      ing = e.ing, past = e.past }
  end
  return nil
end

-- The manner adverb right before or after a cue ("firmly said", "said
-- firmly"), or nil.
function M.adverb(L, v, cue)
  local a, b = cue.first - 1, cue.last + 1
  if b <= v.n and not v.inq[b] and L.adverb[v.norm[b]] and v.norm[b]:match("ly$") then return v.tok[b] end
  if a >= 1 and not v.inq[a] and L.adverb[v.norm[a]] and v.norm[a]:match("ly$") then return v.tok[a] end
  return nil
end

return M
