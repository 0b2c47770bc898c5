-- coref.lua — who a pronoun or a surname stands for, inside one document.
--
-- Before attribution, the document's names are collected outside quotes:
-- every run of two or more capitalised name words is a full name
-- (`Volodymyr Zelensky`), indexed by its last word, with the gender its
-- honorific or role gives (`Mr.`, `spokeswoman`). Attribution then records
-- each speaker it finds (`note_speaker`), so that
--   - a surname (`Bruce`, `Mr. Cruz`) resolves to the full name met
--     nearest before it (else the first one after it: a headline may use
--     the surname before the body gives the name);
--   - `he`/`she` resolves, in order of preference, to the latest speaker of
--     the same paragraph, the latest named person of the paragraph, then
--     the speakers and the first-named person of up to three paragraphs
--     before, skipping any whose gender disagrees;
--   - `they`/`it` resolves to the latest organisation or group speaker.

local phrases = require("quotes.phrases")

local M = {}

local Coref = {}
Coref.__index = Coref

-- Last words of the names of publications and broadcasters ("the New York
-- Daily News", "the Orlando Sentinel"): such a name is not a person's.
local MEDIA_HEADS = { news = true, times = true, post = true, journal = true, herald = true, tribune = true,
  network = true, magazine = true, press = true, gazette = true, review = true, sentinel = true,
  telegraph = true, chronicle = true, examiner = true, observer = true, globe = true, star = true,
  radio = true, television = true, daily = true, weekly = true, reporter = true, wire = true }

-- The subject pronouns possessive determiners stand for ("his claim").
local POSSESSIVE_OF = { his = "he", her = "she", their = "they", its = "it" }

-- The lexicon key of pronoun phrase p: its word, or for a possessive
-- determiner the subject pronoun.
local function pronoun_key(v, p)
  local n = v.norm[p.first]
  return p.possessive and POSSESSIVE_OF[n] or n
end

-- Lower-case, possessive-free key of a surface word.
local function key(word)
  return phrases.bare(word):lower()
end

-- Two lists of names, each in token order, merged into one in token order
-- (no two names start at one token).
local function merge_by_pos(a, b)
  local out, i, j = {}, 1, 1
  while i <= #a or j <= #b do
    if j > #b or (i <= #a and a[i].pos < b[j].pos) then
      out[#out + 1] = a[i]
      i = i + 1
    else
      out[#out + 1] = b[j]
      j = j + 1
    end
  end
  return out
end

-- Whether a norm is a word ending in -ly ("^%a+ly$"; the pattern is run
-- only on words ending so).
local function adverb_ly(w)
  return w:byte(-1) == 121 and w:byte(-2) == 108 and w:match("^%a+ly$") ~= nil
end

-- Collect the names of view v.
function M.new(L, v)
  local c = setmetatable({ L = L, v = v, names = {}, by_last = {}, gender = {}, speakers = {} }, Coref)
  local singles = {}
  local i = 1
  local n_tok, flags, inq, para, norm = v.n, v.flags, v.inq, v.para, v.norm
  local class = phrases.class
  while i <= n_tok do
    if flags[i] & 1 ~= 0 and not inq[i] and class(L, v, i) == "name" then
      local j = i
      while j + 1 <= n_tok and not inq[j + 1] and para[j + 1] == para[i]
          and (class(L, v, j + 1) == "name"
            or (class(L, v, j + 1) == "particle" and j + 2 <= n_tok
              and class(L, v, j + 2) == "name"))
          and not norm[j]:match("'s$") do
        j = j + 1
      end
      local before = i > 1 and v.para[i - 1] == v.para[i] and v.norm[i - 1] or nil
      local g = before and L.gender[before] or nil
      local words = {}
      for k = i, j do words[#words + 1] = phrases.bare(v.tok[k]) end
      local last = words[#words]:lower() -- (key(v.tok[j]), from the word already bare)
      if g then c.gender[last] = c.gender[last] or g end
      -- an outlet ("the New York Daily News") or an institution is not a person
      local joined = j > i and table.concat(words, " ") or words[1]
      local ok = j > i and not phrases.institution(L, v, i, j) and not L.outlet_names[joined]
        and not MEDIA_HEADS[last]
      -- a name followed by a verb (or adverbs, then a verb) is the subject of its clause
      local n = j + 1
      while n <= n_tok and (L.aux[norm[n]] or adverb_ly(norm[n])) and not inq[n] do n = n + 1 end
      -- (not the object of a preposition: "talks with Ukraine to discuss")
      local after = j + 1 <= v.n and v.norm[j + 1] or nil
      local subject = n <= v.n and not v.inq[n] and v.kind[n] == "word" and not v:cap(n)
        and not (before and phrases.BREAKERS[before])
        and (L.verb[v.norm[n]] ~= nil or v.norm[n]:match("%a%aed$") ~= nil
          or (after ~= nil and after ~= "to" and L.aux[after] ~= nil))
      if ok then
        local entry = { name = joined, pos = i, para = v.para[i], last = last, subject = subject or nil,
          honorific = before and L.honorific[before] and true or nil }
        c.names[#c.names + 1] = entry
        c.by_last[last] = c.by_last[last] or {}
        table.insert(c.by_last[last], entry)
        if g then c.gender[entry.name] = g end
      elseif j == i then
        singles[#singles + 1] = { i = i, last = last, word = words[1],
          honorific = before and L.honorific[before], subject = subject }
      end
      i = j + 1
    else
      i = i + 1
    end
  end
  -- a lone surname of a full name met anywhere ("Putin") is a mention of
  -- that person too; so is a lone name after an honorific ("Mr. Cruz") or
  -- one a verb follows ("Clinton told …"), unless it names an outlet
  local lone = {}
  for _, sg in ipairs(singles) do
    if c.by_last[sg.last] or sg.honorific or (sg.subject and not L.outlet_names[sg.word]) then
      local full = c:full_name(sg.word, sg.i) or sg.word
      lone[#lone + 1] = { name = full, pos = sg.i, para = v.para[sg.i], last = sg.last, single = true,
        subject = sg.subject or nil }
    end
  end
  c.names = merge_by_pos(c.names, lone)
  return c
end

-- The full name a surname (or a shorter name) at token pos stands for, or
-- nil: the nearest full name before pos ending in the same word, else the
-- first after it.
function Coref:full_name(name, pos)
  local last = name:match("(%S+)$")
  if not last then return nil end
  local list = self.by_last[key(last)]
  if not list then return nil end
  -- the list is in token order: find the last entry at or before pos by
  -- bisection (a document may name its subject a hundred times), then walk
  -- back, else forward, to the nearest longer name
  local lo, hi = 1, #list + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if list[mid].pos <= pos then lo = mid + 1 else hi = mid end
  end
  for k = lo - 1, 1, -1 do
    if #list[k].name > #name then return list[k].name end
  end
  for k = lo, #list do
    if #list[k].name > #name then return list[k].name end
  end
  return nil
end

-- The gender known for a name ("m", "f" or nil).
function Coref:gender_of(name)
  if not name then return nil end
  return self.gender[name] or self.gender[key(name:match("(%S+)$") or name)]
end

-- Record a speaker found at token pos (a resolved phrase).
function Coref:note_speaker(p, pos, quote)
  if not p or not p.speaker then return end
  self.speakers[#self.speakers + 1] = { name = p.speaker,
    kind = p.kind == "pronoun" and p.resolved_kind or p.kind,
    pos = pos, para = self.v.para[pos], phrase = p, quote = quote }
  if p.gender and p.speaker then self.gender[p.speaker] = self.gender[p.speaker] or p.gender end
end

-- Whether a candidate's gender agrees with the pronoun's.
local function agrees(self, name, g)
  if not g then return true end
  local known = self:gender_of(name)
  return known == nil or known == g
end

-- Resolve a pronoun phrase p at token pos; returns the name and how it was
-- found (a rule name), or nil.
function Coref:pronoun(p, pos)
  local L, v = self.L, self.v
  local info = L.pronoun[pronoun_key(v, p)] or {}
  local para = v.para[pos]
  if info.first_person then return nil end
  if info.number == "pl" or info.organisation then
    for k = #self.speakers, 1, -1 do
      local s = self.speakers[k]
      if s.pos < pos and para - s.para <= 3 and (s.kind == "org" or s.kind == "group") then
        return s.name, "pronoun_group"
      end
    end
    if info.organisation then return nil end
  end
  local g = info.gender
  -- the latest speaker of this paragraph
  for k = #self.speakers, 1, -1 do
    local s = self.speakers[k]
    if s.para < para then break end
    if s.pos < pos and s.kind == "person" and agrees(self, s.name, g) then
      return s.name, "pronoun_speaker"
    end
  end
  -- the latest named person of this paragraph that is a clause's subject,
  -- else the latest named person
  for pass = 1, 2 do
    for k = #self.names, 1, -1 do
      local e = self.names[k]
      if e.para < para then break end
      if e.pos < pos and e.para == para and (pass == 2 or e.subject) and agrees(self, e.name, g) then
        return self:full_name(e.name, e.pos) or e.name, "pronoun_name"
      end
    end
  end
  -- earlier paragraphs: their speakers, then the first person they name
  for back = 1, 3 do
    local pp = para - back
    for k = #self.speakers, 1, -1 do
      local s = self.speakers[k]
      if s.para == pp and s.kind == "person" and agrees(self, s.name, g) then
        return s.name, "pronoun_speaker"
      end
    end
    for _, e in ipairs(self.names) do
      if e.para == pp and agrees(self, e.name, g) then
        return self:full_name(e.name, e.pos) or e.name, "pronoun_name"
      end
    end
  end
  return nil
end

-- Fill p.speaker (the resolved name) for a phrase p found at token pos,
-- and p.resolved_by (the rule) when resolution took a step.
function Coref:resolve(p, pos)
  if p.kind == "pronoun" then
    local name, rule = self:pronoun(p, pos)
    p.speaker, p.resolved_by = name, rule
    if name then
      -- a resolved he/she teaches the name's gender
      local g = (self.L.pronoun[pronoun_key(self.v, p)] or {}).gender
      if g then self.gender[name] = self.gender[name] or g end
      p.resolved_kind = (rule == "pronoun_group") and "group" or "person"
    end
  elseif p.kind == "person" then
    local full = self:full_name(p.name, pos)
    if full then
      p.speaker, p.resolved_by = full, "surname"
    else
      p.speaker = p.name
    end
    if p.gender then self.gender[p.speaker] = self.gender[p.speaker] or p.gender end
  else
    p.speaker = p.name
  end
  return p
end

return M
