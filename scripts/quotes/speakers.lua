-- speakers.lua — a quote's own attribution: the cue and the speaker phrase
-- next to it, by the patterns news uses (docs/attribution.md):
--
--   after the quote   “…,” said Tammy Bruce  /  “…,” Bruce explained  /  “…,” according to X
--   before the quote  Zelensky said he would “…”  /  According to X, “…”  /  Said Smith: “…”
--                     Smith, a pollster, said “…”  /  Peskov confirmed it, saying “…”
--   later in the sentence   … “…” and more, Smith said.
--   outside the sentence    Cruz continued:¶“…”  /  headline  Sanders: … ‘…’
--
-- Each finder returns nil or { rule, cue (a cues.at table), phrase (a
-- phrases table) }.

local cues = require("quotes.cues")
local phrases = require("quotes.phrases")
local rules = require("quotes.rules")

local M = {}

local description_before_cue

-- Punctuation that may stand between a quote's closing mark and its cue.
local JOINERS = { [","] = true, ["—"] = true, ["–"] = true, ["-"] = true, ["--"] = true, [":"] = true,
  ["―"] = true, [";"] = false }

-- Dashes that introduce the name under a quotation (“…” ― Sonya Herridge).
local DASHES = { ["—"] = true, ["–"] = true, ["-"] = true, ["--"] = true, ["―"] = true }

-- Words after a cue that show the sentence goes on with the cue's own
-- content ("Smith said the plan…"), so a cue after a finished quote is not
-- its attribution.
local function opens_content(v, i)
  if i > v.n or v:punct(i) or v.kind[i] == "quote" then return false end
  local n = v.norm[i]
  local SETTING = { ["in"] = true, on = true, at = true, of = true, to = true, during = true, after = true,
    before = true, when = true, ["while"] = true, as = true, last = true, this = true, yesterday = true,
    today = true, tuesday = true, monday = true, wednesday = true, thursday = true, friday = true,
    saturday = true, sunday = true, later = true, earlier = true, recently = true, afterward = true,
    ["then"] = true, again = true, repeatedly = true, reporters = true, with = true, via = true, from = true }
  if SETTING[n] then return false end
  if v:cap(i) and not phrases.DETERMINERS[n] then return false end -- "told CNN", "said Tuesday"
  return true
end

-- Prepositions: a phrase right after one is its object, not a subject.
local PREPOSITIONS = { ["of"] = true, ["in"] = true, on = true, at = true, ["for"] = true, with = true,
  from = true, by = true, into = true, about = true, after = true, before = true, during = true, over = true,
  under = true, against = true, through = true, among = true, to = true, toward = true, towards = true }

-- A subject phrase ending right before token k (auxiliaries and adverbs
-- skipped), read no further back than lo; with an apposition between
-- commas ("Smith, a Democratic pollster, said") the name before it.
local function subject_before(L, v, k, lo)
  local j = phrases.skip_aux_back(L, v, k - 1, lo)
  local p = phrases.back(L, v, j, lo)
  if p and p.first - 1 >= lo and PREPOSITIONS[v.norm[p.first - 1]] then
    -- the object of a preposition is not the subject: "Trump at the time
    -- said", "a letter to Attorney General Loretta Lynch asking"; look
    -- before the prepositional phrase once
    local j2 = phrases.skip_aux_back(L, v, p.first - 2, lo)
    local p2 = phrases.back(L, v, j2, lo)
    if p2 and not (p2.first - 1 >= lo and PREPOSITIONS[v.norm[p2.first - 1]]) then return p2, "speaker_cue_quote" end
    return nil
  end
  if p then return p, "speaker_cue_quote" end
  if j >= lo and v.tok[j] == "," then
    -- skip an apposition back to the comma before it
    for c = j - 1, math.max(lo, j - 16), -1 do
      if v.inq[c] then break end
      if v.tok[c] == "," then
        local q = phrases.back(L, v, c - 1, lo)
        local appos = phrases.forward(L, v, c + 1, j - 1)
        if q and (q.kind == "person" or q.kind == "pronoun" or q.kind == "org") then
          if appos and not q.role and appos.role then q.role = appos.role end
          return q, "speaker_apposition_cue"
        end
        -- "A top strategist, John Weaver, tells reporters"
        if appos and appos.kind == "person" and appos.last == j - 1 then
          if q and q.role and not appos.role then appos.role = q.role end
          return appos, "speaker_apposition_cue"
        end
        break
      end
      if v:final(c) then break end
    end
  end
  return nil
end

-- The first token of the sentence around token i, not crossing lo: walking
-- back to sentence-final punctuation outside quotes.
local function sentence_start(v, i, lo)
  local k = i
  while k > lo do
    local prev = k - 1
    if not v.inq[prev] and v:final(prev) then break end
    k = prev
  end
  return k
end
M.sentence_start = sentence_start

-- The subject of the clause a participle cue hangs on ("Kremlin spokesman
-- Dmitry Peskov later confirmed …, saying “…”"): the first speaker phrase
-- of the sentence not governed by a preposition.
local function clause_subject(L, v, s, k)
  local i = s
  while i < k do
    if not v.inq[i] and phrases.class(L, v, i) then
      local prev = i > s and v.norm[i - 1] or nil
      local p = phrases.forward(L, v, i, k - 1)
      if p and not (prev and phrases.BREAKERS[prev]) and (p.kind == "person" or p.kind == "pronoun"
          or p.kind == "org" or p.kind == "group") then
        return p
      end
      i = p and p.last + 1 or i + 1
    else
      i = i + 1
    end
  end
  return nil
end

-- A description from token j up to a cue: a determiner and one to three
-- words ("the gambling tycoon", "another supporter", "the editorial board").
local function description_before_cue_impl(L, v, j, hi)
  if v.inq[j] or not phrases.DETERMINERS[v.norm[j]] or v.norm[j] == "that" then return nil end
  for m = j + 2, math.min(hi, j + 4) do
    if cues.at(L, v, m) then
      local text = v:phrase(j + 1, m - 1)
      return { first = j, last = m - 1, text = v:phrase(j, m - 1), kind = "role", role = text, name = text, view = v }
    end
    if v.inq[m] or v.kind[m] ~= "word" or phrases.BREAKERS[v.norm[m]] then return nil end
  end
  return nil
end

-- Past tenses of verbs of speaking that do not end in -ed, for the generic
-- rule “…,” he VERBed (a two-word one is its first word and a particle).
local IRREGULAR = { ["went on"] = true, ["shot back"] = true, ["fired back"] = true, ["chimed in"] = true,
  spoke = true, began = true, went = false }

description_before_cue = description_before_cue_impl

-- Words that may follow the verb of a generic “…,” he VERBed: the end of
-- the clause, or a setting ("Trump barked and …", "she laughed as …").
local AFTER_VERB = { ["and"] = true, as = true, ["in"] = true, on = true, at = true, to = true, during = true,
  ["while"] = true, after = true, with = true, before = true, when = true }

-- The attribution right after the quote's closing mark.
function M.after(L, v, q, lo, hi)
  local j = (q.close or q.last) + 1
  local ended = v:final(q.last) or v.tok[q.last] == "?" or v.tok[q.last] == "!"
  while j <= hi and JOINERS[v.tok[j]] do j = j + 1 end
  if j > hi or v.inq[j] then return nil end
  local new_sentence = ended and v:cap(j) and j == (q.close or q.last) + 1
  -- “…,” said Tammy Bruce  /  “…,” according to Tammy Bruce
  local cue = cues.at(L, v, j)
  if cue then
    if cue.phrase and cue.source == "before" then cue = nil end
  end
  if cue then
    local p = phrases.forward(L, v, cue.last + 1, hi)
    if p then
      if new_sentence and opens_content(v, p.last + 1) and not cue.phrase then return nil end
      return { rule = cue.phrase and "quote_according_to" or "quote_cue_speaker", cue = cue, phrase = p }
    end
  end
  -- “…,” Bruce explained  /  “…,” the ministry said  /  “…,” Smith, a pollster, said
  local p = phrases.forward(L, v, j, hi)
  if not p then
    -- “…,” the gambling tycoon told Reuters: a determiner, a few words, a cue
    p = description_before_cue(L, v, j, hi)
  end
  if p then
    local k = p.last + 1
    -- a party and state tag: "Sen. Claire McCaskill (D-Mo.) said"
    if k <= hi and v.tok[k] == "(" then
      for c = k + 1, math.min(hi, k + 6) do
        if v.tok[c] == ")" then k = c + 1 break end
      end
    end
    -- “…” ― Sonya Herridge: a name under the quote, after a dash
    local dash = j - 1 > (q.close or q.last) and DASHES[v.tok[j - 1]]
    if dash and (p.kind == "person" or p.kind == "org" or p.kind == "group")
        and (k > hi or v:punct(k) and (k == hi or v:final(k) or v.tok[k] == ",")) then
      return { rule = "quote_dash_speaker", phrase = p }
    end
    -- an apposition: ", a Democratic pollster,"
    if k <= hi and v.tok[k] == "," then
      for c = k + 1, math.min(hi, k + 16) do
        if v.inq[c] or v:final(c) then break end
        if v.tok[c] == "," then
          local appos = phrases.forward(L, v, k + 1, c - 1)
          if appos and appos.kind == "person" and p.kind == "role" then
            -- "Ms. Merkel's spokesman, Steffen Seibert, wrote"
            appos.role = appos.role or p.role
            p = appos
          elseif appos and appos.role and not p.role then
            p.role = appos.role
          end
          k = c + 1
          break
        end
      end
    end
    while k <= hi and not v.inq[k] and (L.aux[v.norm[k]] or (v.norm[k]:match("^%a+ly$") and not v:cap(k))) do
      k = k + 1
    end
    local c2 = k <= hi and cues.at(L, v, k) or nil
    if c2 and not (c2.phrase and c2.source == "after") then
      if new_sentence and opens_content(v, c2.last + 1) then return nil end
      return { rule = "quote_speaker_cue", cue = c2, phrase = p }
    end
    -- “…,” he confessed.  A verb in the past the lexicon lacks, closing
    -- the sentence right after a quote that ended in a comma
    if k <= hi and not new_sentence and v.kind[k] == "word" and not v:cap(k) then
      local last = k
      local two = k + 1 <= hi and IRREGULAR[v.norm[k] .. " " .. v.norm[k + 1]]
      if two then last = k + 1 end
      if (two or IRREGULAR[v.norm[k]] or v.norm[k]:match("%a%aed$"))
          and (last + 1 > hi or v:punct(last + 1) or AFTER_VERB[v.norm[last + 1]])
          and (p.kind ~= "role" or p.first < p.last) then
        return { rule = "quote_speaker_verb", cue = { first = k, last = last, lemma = v:phrase(k, last), manner = "neutral" },
          phrase = p }
      end
    end
  end
  return nil
end

-- A generic "X informed the envoys that … “…”": a past-tense or -ing verb
-- not in the lexicon, then an optional object, then `that`, with a subject
-- before the verb. Looks at the `that` nearest before the quote.
local function verb_that(L, v, s, o)
  for t = o, s, -1 do
    if not v.inq[t] and v.norm[t] == "that" then
      for w = t - 1, math.max(s, t - 6), -1 do
        if v.inq[w] or v:punct(w) then break end
        local n = v.norm[w]
        if not v:cap(w) and (n:match("%aed$") or n:match("%aing$")) then
          local p = subject_before(L, v, w, s)
          if p then return { rule = "verb_that", cue = { first = w, last = w, lemma = n, manner = "neutral" }, phrase = p } end
          if n:match("ing$") and w > s and v.tok[w - 1] == "," then
            local cs = clause_subject(L, v, s, w)
            if cs then return { rule = "verb_that", cue = { first = w, last = w, lemma = n, manner = "neutral" }, phrase = cs } end
          end
        end
      end
      return nil
    end
  end
  return nil
end

-- Words before a speech verb's form that make it a noun ("Trump’s charge",
-- "a statement", "of state") rather than the verb of a clause.
local NOUN_BEFORE = { ["of"] = true, ["in"] = true, on = true, at = true, ["for"] = true, with = true,
  from = true, by = true, into = true, about = true, after = true, before = true, during = true, over = true,
  under = true, against = true, through = true, among = true, than = true, like = true }

-- How the word before a cue reads it: "noun" (skip the cue), "infinitive"
-- ("went on to say"), or nil (a verb).
local function cue_context(v, cue, s)
  local k = cue.first - 1
  if k < s or v.inq[k] then return nil end
  local n = v.norm[k]
  if n == "to" then return "infinitive" end
  if NOUN_BEFORE[n] then return "noun" end
  if phrases.DETERMINERS[n] and n ~= "all" and n ~= "both" and n ~= "that" then return "noun" end
  if n:match("'s$") or n:match("s'$") then return "noun" end
  return nil
end

-- The attribution before the quote in its sentence.
function M.before(L, v, q, lo)
  local o = (q.open or q.first) - 1
  if o < lo then return nil end
  local s = sentence_start(v, o + 1, lo)
  local tried = 0
  local k = o
  while k >= s and tried < 6 do
    local cue = not v.inq[k] and cues.at(L, v, k) or nil
    local ctx = cue and not cue.phrase and cue_context(v, cue, s) or nil
    if ctx == "noun" then cue = nil end
    if cue and ctx == "infinitive" then
      -- "Trump went on to say, “…”": the subject of the main clause
      tried = tried + 1
      local cs = clause_subject(L, v, s, cue.first)
      if cs then return { rule = "participle_subject", cue = cue, phrase = cs } end
      cue = nil
    end
    if cue and cue.last <= o then
      tried = tried + 1
      if cue.phrase and cue.source == "after" then
        local p = phrases.forward(L, v, cue.last + 1, o)
        if p then return { rule = "according_to_quote", cue = cue, phrase = p } end
      elseif not cue.phrase then
        local p, rule = subject_before(L, v, cue.first, s)
        -- "Trump and Ryan issued a statement describing …": the object of
        -- the main verb is not the participle's subject; the clause's is
        if p and cue.ing and p.kind == "role" then
          local cs = clause_subject(L, v, s, p.first)
          if cs then return { rule = "participle_subject", cue = cue, phrase = cs } end
        end
        if p then return { rule = rule, cue = cue, phrase = p } end
        -- Said Smith: “…”  /  …, said Smith, “…”
        -- (not after a verb that takes an object first: "telling Reuters,
        -- “…”", "called his rival “…”" name the addressee)
        local f = not cue.object and not cue.ing and phrases.forward(L, v, cue.last + 1, o) or nil
        if f and f.kind ~= "pronoun" and f.last + 1 <= o
            and (v.tok[f.last + 1] == "," or v.tok[f.last + 1] == ":") then
          return { rule = "cue_speaker_quote", cue = cue, phrase = f }
        end
        -- …, saying “…”
        if cue.ing and cue.first > s then
          local cs = clause_subject(L, v, s, cue.first)
          if cs then return { rule = "participle_subject", cue = cue, phrase = cs } end
        end
      end
    end
    k = k - 1
  end
  if rules.on("verb_that") then return verb_that(L, v, s, o) end
  return nil
end

-- The attribution later in the quote's sentence: “…” and more, Smith said.
function M.later(L, v, q, hi)
  local k = (q.close or q.last) + 1
  while k <= hi do
    if v.inq[k] then return nil end
    if v:final(k) then return nil end
    if v.tok[k] == "," and k + 1 <= hi then
      local r = M.after(L, v, { close = k, last = k - 1 }, nil, hi)
      if r then
        r.rule = "quote_cue_later"
        return r
      end
    end
    k = k + 1
  end
  return nil
end

-- A cue ending the previous paragraph with a colon ("Cruz continued:").
function M.colon_before(L, v, q, lo)
  local first = q.open or q.first
  if first ~= lo or lo <= 1 then return nil end
  local pe = lo - 1
  if v.tok[pe] ~= ":" then return nil end
  local plo = v:para_range(v.para[pe])
  local r = M.before(L, v, { open = pe + 1, first = pe + 1 }, plo)
  if r then
    r.rule = "colon_before"
    return r
  end
  -- "Clinton released the following statement:¶“…”": the subject of the
  -- sentence that ends with the colon
  local s = sentence_start(v, pe, plo)
  local p = clause_subject(L, v, s, pe)
  if p then return { rule = "colon_before", phrase = p } end
  return nil
end

-- A speaker named right before a colon that opens the quote: "… doesn't
-- surprise Republican pollster Daron Shaw: “…”", "Jeffrey M. Jones: “…”".
function M.speaker_colon(L, v, q, lo)
  local o = (q.open or q.first) - 1
  if o - 1 < lo or v.tok[o] ~= ":" then return nil end
  local p = phrases.back(L, v, o - 1, lo)
  if p and (p.kind == "person" or p.kind == "org" or p.kind == "group") then
    return { rule = "speaker_colon", phrase = p }
  end
  -- "And Mr. Christie gloated: ''…''": a verb the lexicon lacks before the colon
  local w = o - 1
  if w > lo and v.kind[w] == "word" and not v:cap(w) and (v.norm[w]:match("%a%aed$") or IRREGULAR[v.norm[w]]) then
    local q2 = phrases.back(L, v, phrases.skip_aux_back(L, v, w - 1, lo), lo)
    if q2 and q2.kind ~= "role" then
      return { rule = "speaker_colon", phrase = q2, cue = { first = w, last = w, lemma = v.norm[w], manner = "neutral" } }
    end
  end
  return nil
end

-- The subject of the quote's sentence, when no cue was found: "Clinton
-- decried the GOP for “turning its back”", "he wanted to know, “How …?”".
function M.clause_subject(L, v, q, lo)
  local o = (q.open or q.first) - 1
  if o < lo then return nil end
  local s = sentence_start(v, o + 1, lo)
  if s > o then return nil end
  local p = clause_subject(L, v, s, o + 1)
  if p then return { rule = "clause_subject", phrase = p } end
  return nil
end

-- The person a paragraph (tokens lo..hi) is about: the subject of its
-- last sentence that has a person or a pronoun for subject.
function M.paragraph_subject(L, v, lo, hi)
  local e = hi
  while e >= lo do
    local s = sentence_start(v, e, lo)
    local p = clause_subject(L, v, s, e + 1)
    if p and (p.kind == "person" or p.kind == "pronoun") then return p end
    e = s - 1
  end
  return nil
end

-- A headline or lead-in naming its speaker before a colon: "Sanders: … ‘…’".
function M.headline(L, v, q, lo)
  local p = phrases.forward(L, v, lo, (q.open or q.first) - 1)
  if p and p.last + 1 < (q.open or q.first) and v.tok[p.last + 1] == ":"
      and (p.kind == "person" or p.kind == "org" or p.kind == "group") then
    return { rule = "headline_colon", phrase = p }
  end
  return nil
end

return M
