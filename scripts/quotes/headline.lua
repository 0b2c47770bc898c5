-- headline.lua — quotes in a document's headline, attributed by the way
-- headlines are written.
--
-- A headline names its speaker without the reporter's syntax: "Clinton
-- Says Russians Hacked DNC, Calls Trump’s Putin Remarks ‘Troubling.’",
-- "Obama on Climate Change: The Trends Are 'Terrifying.'", "Guns Are ‘The
-- Ultimate Public Health Crisis,’ Howard Dean Tells Democratic Convention."
-- Title case hides the verbs from the cue finder (a capitalised word after
-- a capital reads as part of a name), so the rules here read the headline
-- against the names the article's body uses:
--
--   headline_speaker_cue  a speech verb after the quote with a name right
--                         before it ("‘…,’ Howard Dean Tells …")
--   headline_subject      the headline opens with a person the body names
--                         ("Clinton Says …", "Obama on …:"), and the quote
--                         comes after that subject and its verb
--
-- A quote that modifies a noun ("upset ‘American Sniper’ fans", "Ohio’s
-- ‘Golden Week’") or opens the headline (the subject itself) is left to
-- the term rules: it names a thing, it does not report words.

local phrases = require("quotes.phrases")

local M = {}

-- A headline has at most this many words.
M.max_words = 30
-- A headline subject has at most this many words.
M.subject_words = 4

-- Words that may follow a quote of reported words in a headline without
-- making it a modifier of a noun ("‘Genocide’ Over …", "‘Moan’ About …").
local FOLLOWERS = {
  about = true, after = true, against = true, ["and"] = true, as = true, at = true, before = true,
  but = true, by = true, during = true, ["for"] = true, from = true, ["if"] = true, ["in"] = true,
  into = true, of = true, on = true, ["or"] = true, over = true, since = true, than = true, to = true,
  ["then"] = true, under = true, ["until"] = true, when = true, ["while"] = true, with = true,
  without = true, despite = true, amid = true, ahead = true, says = true, said = true, tells = true,
}

-- Whether paragraph p of view v is the document's headline: its first
-- paragraph, with a body after it and at most `max_words` words.
function M.is_headline(v, p)
  if p ~= 1 then return false end
  local lo, hi = v:para_range(1)
  if not lo or hi >= v.n then return false end
  local words = 0
  for i = lo, hi do
    if v:wordlike(i) then words = words + 1 end
  end
  return words <= M.max_words
end

-- The names of people the body (every paragraph after the headline)
-- mentions, from the coreference index: full names, and their first and
-- last words, lower-cased.
local function body_names(cr)
  if cr.headline_names then return cr.headline_names end
  local full, single = {}, {}
  for _, e in ipairs(cr.names) do
    if e.para > 1 then
      full[e.name:lower()] = e.name
      local first = e.name:match("^(%S+)")
      local last = e.name:match("(%S+)$")
      if not e.single and first then single[first:lower()] = single[first:lower()] or e.name end
      if last then single[last:lower()] = e.name end
    end
  end
  cr.headline_names = { full = full, single = single }
  return cr.headline_names
end

-- The person the headline opens with: the longest run of its first
-- capitalised words (at most `subject_words`) that the body names.
-- Returns a phrase, or nil.
local function subject(L, v, cr, lo, hi)
  local names = body_names(cr)
  local run = lo - 1
  while run + 1 <= hi and run + 1 - lo < M.subject_words and not v.inq[run + 1]
      and (v.kind[run + 1] == "word" or v.kind[run + 1] == "abbrev") and v:cap(run + 1)
      and not v.norm[run + 1]:match("'s$") do
    run = run + 1
  end
  for last = run, lo, -1 do
    local words = {}
    for i = lo, last do words[#words + 1] = phrases.bare(v.tok[i]) end
    local joined = table.concat(words, " ")
    local key = joined:lower()
    if names.full[key] or (last == lo and names.single[key] and not L.honorific[v.norm[lo]]) then
      return { first = lo, last = last, kind = "person", name = joined, text = v:phrase(lo, last), view = v }
    end
  end
  -- a description: "Retired General", "Black Lawmakers"
  for last = run, lo, -1 do
    local c = phrases.class(L, v, last)
    if c == "role" or c == "group" or c == "org" then
      local p = phrases.describe(L, v, lo, last)
      if p and p.kind ~= "pronoun" then return p end
    end
  end
  return nil
end

-- Whether quote q modifies a noun: a possessive before it, or after it a
-- word that continues the noun phrase ("‘Golden Week’ Of", "‘American
-- Sniper’ fans"), when the quote holds no closing punctuation.
local function modifier(L, v, q, hi)
  local o = (q.open or q.first) - 1
  if o >= 1 and v.para[o] == q.paragraph and (v.norm[o]:match("'s$") or v.norm[o]:match("s'$")) then
    return true
  end
  if v:punct(q.last) then return false end
  local n = (q.close or q.last) + 1
  return n <= hi and v.kind[n] == "word" and not FOLLOWERS[v.norm[n]] and not L.aux[v.norm[n]]
end

-- A speech verb after quote q in the headline with a name right before it
-- ("‘…,’ Howard Dean Tells …", "…, Trevor Noah Says."): the phrase, or nil.
local function speaker_cue_after(L, v, q, hi)
  for i = (q.close or q.last) + 1, hi do
    if v.inq[i] then return nil end
    local e = L.verb[v.norm[i]]
    local b = i - 1
    while b > (q.close or q.last) and L.aux[v.norm[b]] do b = b - 1 end
    if e and not e.ing and b > (q.close or q.last) and v:cap(b) then
      local a = b
      while a - 1 > (q.close or q.last) and v:cap(a - 1) and not v:punct(a - 1) and not v.inq[a - 1]
          and (v.kind[a - 1] == "word" or v.kind[a - 1] == "abbrev") do
        a = a - 1
      end
      if b - a < M.subject_words then
        local p = phrases.describe(L, v, a, b)
        if p and p.kind ~= "pronoun" then
          return p, { first = i, last = i, lemma = e.lemma, manner = e.manner }
        end
      end
      return nil
    end
  end
  return nil
end

-- The attribution of a headline quote that no other rule attributed:
-- { rule, phrase, cue } or nil. `cr` is the document's coreference index.
function M.speaker(L, v, cr, q)
  if not M.is_headline(v, q.paragraph) then return nil end
  local lo, hi = v:para_range(q.paragraph)
  if modifier(L, v, q, hi) then return nil end
  local s = subject(L, v, cr, lo, hi)
  -- the subject, a word (its verb, or "on" and a topic), then the quote
  if s and (q.open or q.first) > s.last + 1 then
    return { rule = "headline_subject", phrase = s }
  end
  local p, cue = speaker_cue_after(L, v, q, hi)
  if p then return { rule = "headline_speaker_cue", phrase = p, cue = cue } end
  return nil
end

return M
