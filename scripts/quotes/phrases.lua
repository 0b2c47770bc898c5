-- phrases.lua — the noun phrase that names a speaker, read from the tokens
-- next to a cue, and what it is made of: a pronoun (`he`), a person's name
-- with its role (`State Department spokesperson Tammy Bruce`), an
-- organisation (`the U.K.’s foreign ministry`), a group (`Russian
-- officials`) or a bare role (`the spokesman`).
--
-- A phrase is { first, last, kind, name, role, text }: first..last its
-- tokens (the local mention), kind one of "pronoun", "person", "org",
-- "group", "role".

local strip_s = require("quotes.view").strip_s

local M = {}

-- Words that open a noun phrase without naming anyone.
local DETERMINERS = {
  the = true, a = true, an = true, both = true, two = true, three = true, several = true, many = true,
  some = true, other = true, another = true, its = true, his = true, her = true, their = true,
  one = true, ["this"] = true, ["that"] = true, these = true, those = true, most = true, few = true,
  all = true, each = true, any = true, our = true, my = true, your = true,
}

-- Modifiers of a role or group that are not names ("a senior official",
-- "the former governor", "top aides").
local MODIFIERS = {
  former = true, senior = true, top = true, deputy = true, acting = true, chief = true, longtime = true,
  veteran = true, current = true, new = true, incoming = true, outgoing = true, ["then"] = true,
  local_ = true, ["local"] = true, foreign = true, federal = true, state = true, national = true,
  press = true, campaign = true, white = true, house = true, retired = true, interim = true,
  assistant = true, associate = true, executive = true, general = true, special = true, high = true,
  ["high-ranking"] = true, ["senior-level"] = true, ["well-known"] = true, political = true,
  democratic = true, republican = true, conservative = true, liberal = true, independent = true,
  military = true, government = true, administration = true, party = true, economic = true,
  legal = true, spokesman = true, spokeswoman = true, defense = true, defence = true, police = true,
  public = true, health = true, election = true, security = true, intelligence = true,
  western = true, european = true, american = true, russian = true, ukrainian = true, british = true,
  ["u.s."] = true, us = true, ["u.k."] = true, uk = true, eu = true,
}

-- Words that end a phrase going backwards: prepositions and conjunctions
-- whose object cannot be the subject of the cue.
local BREAKERS = {
  ["in"] = true, on = true, at = true, ["for"] = true, with = true, from = true, by = true, to = true,
  into = true, about = true, after = true, before = true, during = true, since = true, over = true,
  under = true, against = true, through = true, among = true, than = true, as = true, like = true,
  because = true, when = true, ["while"] = true, ["if"] = true, but = true, ["or"] = true, so = true,
  ["and"] = true, who = true, which = true, whom = true, whose = true, where = true,
  although = true, though = true, unless = true, whether = true,
}

-- Adverbs that open sentences with a capital and are never names.
local SENTENCE_ADVERBS = { ["then"] = true, now = true, later = true, instead = true, indeed = true,
  thus = true, today = true, yesterday = true, tomorrow = true, tonight = true, earlier = true,
  afterward = true, afterwards = true, finally = true, perhaps = true, maybe = true, again = true,
  asked = true, told = true, said = true, says = true, according = true }

-- Endings of adjectives, which never end a description.
local ADJECTIVE_ENDINGS = { "ive", "ous", "ful", "ible", "able", "less", "ish" }

-- Words of a time ("less than two weeks ago").
local TIME_WORDS = { less = true, more = true, than = true, about = true, nearly = true, almost = true,
  just = true, only = true, some = true, a = true, an = true, few = true, several = true, two = true,
  three = true, four = true, five = true, six = true, ten = true, day = true, days = true, week = true,
  weeks = true, month = true, months = true, year = true, years = true, hour = true, hours = true,
  minutes = true, decade = true, decades = true }

M.DETERMINERS, M.MODIFIERS, M.BREAKERS = DETERMINERS, MODIFIERS, BREAKERS

-- Strip a possessive ending from a surface word (Trump’s -> Trump).
local function bare(word)
  -- most words end in none of s, ’ (its last byte is \x99) and ': those are
  -- returned as they are, without running the patterns
  local last = word:byte(-1)
  if last ~= 115 and last ~= 0x99 and last ~= 39 then return word end
  -- (’ is three bytes, so it cannot sit in a character class)
  return (word:gsub("’s$", ""):gsub("'s$", ""):gsub("’$", ""):gsub("'$", ""))
end
M.bare = bare

-- The memo's mark for "no class".
local NONE = false

-- What token i can be inside a speaker phrase: "pronoun", "name", "honorific",
-- "role", "org", "group", "det", "mod", "of", "particle", or nil (not part of one).
function M.class(L, v, i)
  -- memoised per view: every rule asks about the same few tokens
  local cache = v.class_cache
  if not cache then
    cache = {}
    v.class_cache = cache
  end
  local c = cache[i]
  if c == nil then
    c = M.classify(L, v, i) or NONE
    cache[i] = c
  end
  return c or nil
end

-- The class of token i, computed (M.class memoises it).
function M.classify(L, v, i)
  if v.inq[i] then return nil end
  local norm, kind = v.norm[i], v.kind[i]
  if kind ~= "word" and kind ~= "abbrev" and kind ~= "number" then
    if v.tok[i] == "-" or v.tok[i] == "&" then return nil end
    return nil
  end
  local base = strip_s(norm)
  if L.pronoun[norm] and not L.pronoun[norm].object then return "pronoun" end
  if L.honorific[norm] then return "honorific" end
  if L.group[base] then return "group" end
  if L.org[base] then return "org" end
  if L.role[base] ~= nil then return "role" end
  if v:cap(i) then
    if DETERMINERS[norm] then return "det" end
    if L.not_name[norm] or L.not_name[base] or SENTENCE_ADVERBS[norm] then
      if DETERMINERS[norm] then return "det" end
      return nil
    end
    -- capitalised only because a sentence starts here ("Flying home…"),
    -- unless the document writes it capitalised elsewhere, or a name, a
    -- role, a colon or a verb of saying follows ("Kremlin spokesman",
    -- "Sanders: …", "Zelensky said")
    if v.midcap and not v.midcap[base] and v:sentence_initial(i) then
      local j = i + 1
      if j > v.n or v.para[j] ~= v.para[i] then return nil end
      local nn = v.norm[j]
      if not ((v:cap(j) and v.kind[j] == "word") or v.tok[j] == ":" or L.role[nn] ~= nil or L.org[nn]
          or L.group[nn] or L.verb[nn] or (L.aux[nn] and nn ~= "to")) then
        -- ("Continuing to explain …": `to` follows no name)
        return nil
      end
    end
    return "name"
  end
  if DETERMINERS[norm] then return "det" end
  if MODIFIERS[norm] then return "mod" end
  if L.particle[norm] then return "particle" end
  if norm == "of" then return "of" end
  return nil
end

-- Whether tokens a..b are, or end with, an institution of the lexicon
-- ("Kremlin", "White House", "State Department").
function M.institution(L, v, a, b)
  local match_words = require("quotes.cues").match_words
  for i = a, b do
    local list = L.institution[v.norm[i]]
    if list then
      for _, ws in ipairs(list) do
        if match_words(v, i, ws) == b then return true end
      end
    end
  end
  return false
end

-- Heads: what may end a speaker phrase.
local HEAD = { pronoun = true, name = true, role = true, org = true, group = true }

-- Split tokens a..b into role and name, and say what kind of speaker they
-- name; returns a phrase table.
function M.describe(L, v, a, b)
  local classes = {}
  for i = a, b do
    classes[i] = M.class(L, v, i) or "mod"
    -- "Washington and Moscow": a coordination of names reads as one
    if v.norm[i] == "and" and i > a and i < b and v:cap(i - 1) and v:cap(i + 1) then
      classes[i] = "particle"
    end
  end
  local p = { first = a, last = b, text = v:phrase(a, b), view = v }
  -- a pronoun alone
  if a == b and classes[a] == "pronoun" then
    p.kind = "pronoun"
    return p
  end
  -- the trailing run of name words (particles inside) is the person's name
  local k = b
  while k >= a and (classes[k] == "name" or (classes[k] == "particle" and k < b and k > a)) do k = k - 1 end
  local name_first = k + 1
  local head = classes[b]
  -- the first word that is not a determiner
  local s = a
  while s <= b and classes[s] == "det" do s = s + 1 end
  if head == "name" then
    local name = {}
    for i = name_first, b do name[#name + 1] = bare(v.tok[i]) end
    p.name = table.concat(name, " ")
    -- an institution named by a place or building is an organisation
    if M.institution(L, v, name_first, b) then
      p.kind = "org"
      p.name = bare(v:phrase(s, b))
      return p
    end
    p.kind = "person"
    if name_first > s then
      local role_last = name_first - 1
      -- an honorific alone is not a role, but it marks gender
      if not (role_last == s and classes[s] == "honorific") then
        p.role = (v:phrase(s, role_last):gsub("[,%s]+$", ""))
      end
      for i = s, role_last do
        local g = L.gender[v.norm[i]]
        if g then p.gender = g end
      end
    end
    return p
  end
  local words = s <= b and v:phrase(s, b) or p.text
  if head == "org" then
    p.kind = "org"
    p.name = words
  elseif head == "group" then
    p.kind = "group"
    p.name = words
  elseif head == "role" then
    p.kind = "role"
    p.role = words
    p.name = words
    for i = s, b do
      local g = L.gender[v.norm[i]]
      if g then p.gender = g end
    end
  else
    return nil
  end
  return p
end

-- The token after a party and state tag in brackets at token k ("(R-Utah)"),
-- else k.
function M.skip_tag(v, k, hi)
  if k <= hi and v.tok[k] == "(" then
    for c = k + 1, math.min(hi, k + 6) do
      if v.tok[c] == ")" then return c + 1 end
    end
  end
  return k
end

-- Skip backwards over auxiliaries and adverbs before a cue; returns the
-- index of the first token that is neither (may be < lo).
function M.skip_aux_back(L, v, j, lo)
  -- a party and state tag or an age in brackets: "Paul Ryan (R-WI) said",
  -- "Gov. John Kasich (R-OH), said"
  if j - 1 >= lo and v.tok[j] == "," and v.tok[j - 1] == ")" then j = j - 1 end
  if j >= lo and v.tok[j] == ")" then
    for k = j - 1, math.max(lo, j - 6), -1 do
      if v.tok[k] == "(" then j = k - 1 break end
    end
  end
  -- a time before the verb: "The State Department less than two weeks ago said"
  if j >= lo and v.norm[j] == "ago" then
    local k = j - 1
    while k >= lo and k >= j - 6 and not v.inq[k] and (v.kind[k] == "number" or TIME_WORDS[v.norm[k]]) do
      k = k - 1
    end
    j = k
  end
  while j >= lo and not v.inq[j] and (L.aux[v.norm[j]] or (L.adverb[v.norm[j]] and v.norm[j]:match("ly$"))
      or v.norm[j]:match("^%a+ly$") and not v:cap(j)) do
    j = j - 1
  end
  return j
end

-- The phrase ending at token j, read backwards no further than lo: the
-- subject of a cue that follows it. nil if token j cannot end one.
function M.back(L, v, j, lo)
  if j < lo or v.inq[j] then return nil end
  local cj = M.class(L, v, j)
  if not cj or not HEAD[cj] then return M.description_back(L, v, j, lo) end
  if cj == "pronoun" then return M.describe(L, v, j, j) end
  local a = j
  local k = j - 1
  while k >= lo and not v.inq[k] do
    local ck = M.class(L, v, k)
    if ck == nil and M.class(L, v, a) ~= "name" and M.lower_modifier(L, v, k, a) then ck = "mod" end
    if ck == "pronoun" or ck == nil then
      -- "Washington and Moscow": a coordination of two names
      if v.norm[k] == "and" and k - 1 >= lo and v:cap(k - 1) and M.class(L, v, k - 1) == "name"
          and M.class(L, v, a) == "name" then
        a = k - 1
        k = k - 2
      else
        break
      end
    elseif ck == "of" then
      -- "Secretary of State": only between capitalised words or a role and a
      -- name, or two roles ("the former secretary of state")
      if k - 1 >= lo and ((v:cap(k + 1) and (v:cap(k - 1) or M.class(L, v, k - 1) == "role"))
          or (M.class(L, v, k - 1) == "role" and M.class(L, v, k + 1) == "role")) then
        a = k - 1
        k = k - 2
      else
        break
      end
    elseif ck == "det" then
      -- (`that` before a name is the conjunction: "said that Netanyahu …")
      if v.norm[k] ~= "that" or M.class(L, v, a) ~= "name" and M.class(L, v, a) ~= "group" then a = k end
      break
    else
      a = k
      k = k - 1
    end
  end
  -- a leading "both" or "the" is kept in the mention; a phrase of determiners only is none
  return M.describe(L, v, a, j)
end

-- Words a description never holds: verbs of being and conjunctions that
-- show the phrase is a clause, not a noun phrase.
local CLAUSE = { is = true, was = true, are = true, were = true, has = true, have = true, had = true,
  be = true, been = true, ["not"] = true, ["that"] = true, ["and"] = true, ["or"] = true, but = true }

-- Nouns of time and occasion: a description ending in one is an
-- adverbial ("three days after", "this month"), never a speaker.
local TIME = { time = true, times = true, point = true, past = true, day = true, days = true, week = true,
  weeks = true, month = true, months = true, year = true, years = true, hour = true, hours = true,
  minute = true, minutes = true, morning = true, afternoon = true, evening = true, night = true,
  moment = true, weekend = true, decade = true, decades = true, era = true, season = true, meeting = true,
  debate = true, interview = true, speech = true, event = true, rally = true, conference = true }

-- A description ending at token j: a determiner and at most three words
-- ("the Christie supporter", "The ad", "the conservative-leaning newspaper").
function M.description_back(L, v, j, lo)
  if j >= lo and not v.inq[j] then
    -- an adjective does not end a noun phrase ("a snappy retort", "two
    -- lengthy investigative reports")
    local nj0 = v.norm[j]
    for _, suffix in ipairs(ADJECTIVE_ENDINGS) do
      if nj0:sub(-#suffix) == suffix then return nil end
    end
  end
  for k = j - 1, math.max(lo, j - 4), -1 do
    if v.inq[k] or v.kind[k] ~= "word" then return nil end
    local n = v.norm[k]
    if DETERMINERS[n] and n ~= "that" and n ~= "all" then
      local nj = v.norm[j]
      if v.kind[j] ~= "word" or CLAUSE[nj] or BREAKERS[nj] or TIME[nj] then return nil end
      for x = k + 1, j do
        if CLAUSE[v.norm[x]] or BREAKERS[v.norm[x]] or L.pronoun[v.norm[x]] then return nil end
      end
      local text = v:phrase(k + 1, j)
      return { first = k, last = j, text = v:phrase(k, j), kind = "role", role = text, name = text, view = v }
    end
    if CLAUSE[n] or BREAKERS[n] then return nil end
  end
  return nil
end

-- A description starting at token i: a determiner and one to three words
-- up to punctuation ("said the 46-year-old.").
function M.description_forward(L, v, i, hi)
  if i > hi or v.inq[i] or not DETERMINERS[v.norm[i]] or v.norm[i] == "that" then return nil end
  for k = i + 1, math.min(hi + 1, i + 4) do
    -- it ends at punctuation, a preposition or a speech verb: "said the
    -- 46-year-old.", "said one person with knowledge", "the woman said"
    if k > hi or v.inq[k] or v:punct(k) or BREAKERS[v.norm[k]] or (k > i + 1 and L.verb[v.norm[k]]) then
      if k == i + 1 or TIME[v.norm[k - 1]] then return nil end
      local text = v:phrase(i + 1, k - 1)
      return { first = i, last = k - 1, text = v:phrase(i, k - 1), kind = "role", role = text, name = text,
        view = v }
    end
    if CLAUSE[v.norm[k]] or v.kind[k] ~= "word" and v.kind[k] ~= "number" then return nil end
  end
  return nil
end

-- Whether token k is a lower-case word that may modify a role, group or
-- name right after it ("Senate minority leader", "a retired worker"): not
-- a preposition, a verb of being, a pronoun or a speech verb.
local function lower_modifier(L, v, k, nxt)
  if v.inq[k] or v.kind[k] ~= "word" or v:cap(k) then return false end
  local n = v.norm[k]
  if BREAKERS[n] or CLAUSE[n] or L.pronoun[n] or L.verb[n] or L.aux[n] or n:match("ly$") then return false end
  local c = nxt and M.class(L, v, nxt)
  return c == "role" or c == "group" or c == "org" or c == "name" or c == "honorific"
end
M.lower_modifier = lower_modifier

-- The phrase starting at token i, read forwards no further than hi: the
-- speaker after a cue ("said Tammy Bruce", "according to the ministry").
function M.forward(L, v, i, hi)
  if i > hi or v.inq[i] then return nil end
  local ci = M.class(L, v, i)
  if ci == "pronoun" then return M.describe(L, v, i, i) end
  local b = nil
  local k = i
  while k <= hi and not v.inq[k] do
    local ck = M.class(L, v, k)
    if ck == nil and k > i and k < hi and lower_modifier(L, v, k, k + 1) then ck = "mod" end
    if ck == nil or ck == "pronoun" then break end
    if ck == "of" then
      local titled = b and (v:cap(k - 1) or M.class(L, v, k - 1) == "role")
      if not (k + 1 <= hi and v:cap(k + 1) and titled) then break end
    elseif ck == "det" and b then
      break
    end
    if HEAD[ck] then b = k end
    -- a possessive closes a name ("Russia’s Interfax" is read on by the caller)
    k = k + 1
  end
  if not b then return M.description_forward(L, v, i, hi) end
  return M.describe(L, v, i, b)
end

return M
