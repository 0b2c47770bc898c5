-- speakers.lua — a quote's own attribution: the cue and the speaker phrase
-- next to it, by the patterns news uses (docs/attribution.md):
--
--   after the quote   “…,” said Tammy Bruce  /  “…,” Bruce explained  /  “…,” according to X
--                     “…” by the citizens (after `called`)  /  “…”¶— Michelle Marks
--   before the quote  Zelensky said he would “…”  /  According to X, “…”  /  Said Smith: “…”
--                     Smith, a pollster, said “…”  /  Peskov confirmed it, saying “…”
--                     X was quick to … and said “…”  /  X said that Y described it as “…” (X)
--                     Trump’s claim that “…”
--   later in the sentence   … “…” and more, Smith said.
--   outside the sentence    Cruz continued:¶“…”  /  headline  Sanders: … ‘…’
--   no cue (pass 2)   He’s predicting he will do “…”  /  X agreed. “…”  /  Trump, who has … “…”
--
-- Each finder returns nil or { rule, cue (a cues.at table), phrase (a
-- phrases table) }.

local cues = require("quotes.cues")
local phrases = require("quotes.phrases")
local rules = require("quotes.rules")

local M = {}

-- Prepositions a description may carry ("a voice-over in the ad").
local PP_WORDS = { ["in"] = true, ["of"] = true, ["for"] = true, at = true, from = true, on = true }

-- Punctuation that may stand between a quote's closing mark and its cue.
local JOINERS = { [","] = true, ["—"] = true, ["–"] = true, ["-"] = true, ["--"] = true, [":"] = true,
  ["―"] = true, [";"] = false }

-- Dashes that introduce the name under a quotation (“…” ― Sonya Herridge).
local DASHES = { ["—"] = true, ["–"] = true, ["-"] = true, ["--"] = true, ["―"] = true }

-- Days and times of day after a cue ("said Wednesday", "told Tuesday night").
local DAYS = { yesterday = true, today = true, tonight = true, monday = true, tuesday = true,
  wednesday = true, thursday = true, friday = true, saturday = true, sunday = true, night = true,
  morning = true, afternoon = true, evening = true }

local opens_content

-- Words after a cue that show the sentence goes on with the cue's own
-- content ("Smith said the plan…"), so a cue after a finished quote is not
-- its attribution.
function opens_content(v, i)
  if i > v.n then return false end
  -- "He added: “…”", "He added, “…”": the cue introduces the next quote
  if v.tok[i] == ":" or v.kind[i] == "quote"
      or (v.tok[i] == "," and i + 1 <= v.n and v.kind[i + 1] == "quote" and v.para[i + 1] == v.para[i]) then
    return true
  end
  if v:punct(i) then return false end
  local n = v.norm[i]
  -- "Sanders asked rhetorically, shaking his head"
  if n:match("^%a+ly$") and not v:cap(i) then return opens_content(v, i + 1) end
  local SETTING = { ["in"] = true, on = true, at = true, of = true, to = true, during = true, after = true,
    before = true, when = true, ["while"] = true, as = true, last = true, this = true, yesterday = true,
    today = true, tuesday = true, monday = true, wednesday = true, thursday = true, friday = true,
    saturday = true, sunday = true, later = true, earlier = true, recently = true, afterward = true,
    ["then"] = true, again = true, repeatedly = true, reporters = true, with = true, via = true, from = true,
    about = true, into = true, over = true, ["for"] = true, by = true, through = true }
  -- "said Wednesday she …": a day, then the content
  if DAYS[n] then return opens_content(v, i + 1) end
  if SETTING[n] then return false end
  if v:cap(i) and not phrases.DETERMINERS[n] then return false end -- "told CNN", "said Tuesday"
  return true
end

-- Whether the sentence of the cue ending at token c goes on to a quote of
-- its own ("“…caused death.” Bernie Sanders called Trump a “pathological
-- liar.”"): the cue is that quote's.
local function quote_follows(L, v, c, hi)
  for k = c + 1, hi do
    if v.kind[k] == "quote" or v.inq[k] then return true end
    -- (not past another cue: "“…?” He tweeted when …, remarking, “…”")
    if v:final(k) or cues.at(L, v, k) then return false end
  end
  return false
end

-- A person named after one or two words the lexicon lacks, from token i
-- ("screenwriter Cole Haddon", "9/11 widow Terry Strada", "panel Chairman
-- Rep. Jason Chaffetz"): the phrase with those words as its role, or nil.
local function loose_person(L, v, i, hi)
  for n = i + 1, math.min(hi, i + 2) do
    local w = n - 1
    if v.inq[w] or v:cap(w) or not (v.kind[w] == "word" or v.kind[w] == "number") then return nil end
    local nw = v.norm[w]
    if phrases.BREAKERS[nw] or L.aux[nw] or L.verb[nw] or phrases.DETERMINERS[nw] or nw == "of" then
      return nil
    end
    local c = phrases.class(L, v, n)
    if c == "name" or c == "role" or c == "honorific" then
      local named = phrases.forward(L, v, n, hi)
      if named and named.kind == "person" then
        local p = phrases.describe(L, v, i, named.last)
        return p.kind == "person" and p or nil
      end
      return nil
    end
  end
  return nil
end

-- Prepositions: a phrase right after one is its object, not a subject.
local PREPOSITIONS = { ["of"] = true, ["in"] = true, on = true, at = true, ["for"] = true, with = true,
  from = true, by = true, into = true, about = true, after = true, before = true, during = true, over = true,
  under = true, against = true, through = true, among = true, to = true, toward = true, towards = true }

-- Relative pronouns that open an apposition clause.
local REL = { who = true, whose = true, which = true }

-- Object pronouns, after which `called` is a verb ("called him “…”").
local OBJECT_PRONOUNS = { him = true, her = true, them = true, it = true, me = true, us = true }

-- Prepositions that also open a clause ("after the man had posted").
local CLAUSE_PREPOSITIONS = { after = true, before = true, since = true, ["until"] = true }

-- Determiners that stand for a speaker on their own ("Another said").
local PRONOMINAL = { another = true, one = true, others = true, some = true, many = true, several = true,
  most = true, few = true, both = true, all = true }

local opening_subject, coordinated_subject, verb_like, expletive_that -- defined below

-- A relative pronoun at token j as a cue's subject: "Trump, who has said
-- …", "Beck, who has in the past described …". The pronoun is the local mention, its
-- antecedent (a name, organisation, group or description) the speaker.
local function relative_subject(L, v, j, lo)
  local rel = v.norm[j]
  if j - 1 < lo or v.inq[j] or not (rel == "who" or rel == "which") then return nil end
  -- (not "a surrogate who said …" without a comma: a restrictive clause
  -- inside another's sentence is mostly a nested attribution)
  if j - 2 < lo or v.tok[j - 1] ~= "," then return nil end
  local a = phrases.back(L, v, j - 2, lo)
  if not a or a.kind == "pronoun" then return nil end
  local mention = {}
  for key, val in pairs(a) do mention[key] = val end
  mention.first, mention.last, mention.text = j, j, v.tok[j]
  return mention
end

-- A subject phrase ending right before token k (auxiliaries and adverbs
-- skipped), read no further back than lo; with an apposition between
-- commas ("Smith, a Democratic pollster, said") the name before it.
local function subject_before(L, v, k, lo)
  local j = phrases.skip_aux_back(L, v, k - 1, lo)
  -- "McConnell was quick to embrace the mogul and said …": a verb
  -- coordinated with the main clause's shares its subject
  if j > lo and v.norm[j] == "and" and not v.inq[j] and rules.on("coordinated_subject") then
    local first = coordinated_subject(L, v, lo, j)
    if first and first.last < j - 1 then return first, "coordinated_subject" end
  end
  local r = relative_subject(L, v, j, lo)
  if r then return r, "speaker_cue_quote" end
  local p = phrases.back(L, v, j, lo)
  -- "a fine after the man had posted …": after, before, since and until
  -- also open clauses; the phrase is that clause's subject
  -- (not one that opens the sentence: "After Brown criticized Clinton, Hillary
  -- shot back, “…”" is the main clause's)
  if p and p.first - 1 > lo and CLAUSE_PREPOSITIONS[v.norm[p.first - 1]] and p.kind ~= "org"
      and (j < k - 1 or k - 1 == p.last) then
    return p, "speaker_cue_quote"
  end
  if p and p.first - 1 >= lo and PREPOSITIONS[v.norm[p.first - 1]] then
    -- "at the party convention Sen. Elizabeth Warren (D-MA) said": the
    -- phrase read back ran over a common noun into the setting; the name
    -- after that noun is the subject
    if p.kind == "person" then
      local cut
      for m = p.last - 1, p.first, -1 do
        if not phrases.class(L, v, m) then cut = m break end
      end
      if cut then
        local sub = phrases.describe(L, v, cut + 1, p.last)
        if sub.kind == "person" then return sub, "speaker_cue_quote" end
      end
    end
    -- the object of a preposition is not the subject: "Trump at the time
    -- said", "a letter to Attorney General Loretta Lynch asking"; look
    -- before the prepositional phrase once
    local j2 = phrases.skip_aux_back(L, v, p.first - 2, lo)
    -- "Beck, who has in the past described …"
    local r2 = relative_subject(L, v, j2, lo)
    if r2 then return r2, "speaker_cue_quote" end
    local p2 = phrases.back(L, v, j2, lo)
    if p2 and not (p2.first - 1 >= lo and PREPOSITIONS[v.norm[p2.first - 1]]) then
      return p2, "speaker_cue_quote"
    end
    return nil
  end
  if p then return p, "speaker_cue_quote" end
  -- a description that opens the sentence and runs up to the cue
  -- ("Another source familiar with Cruz’s thinking said", "Another
  -- tweeted", "One attendee at the meeting said"): no verb, comma or quote
  -- between
  if k - lo <= 10 and k > lo and phrases.DETERMINERS[v.norm[lo]] and v.norm[lo] ~= "that"
      and v.norm[lo] ~= "this" and v.norm[lo] ~= "these" and v.norm[lo] ~= "those" then
    local clean = true
    for c = lo + 1, k - 1 do
      if v.inq[c] or v:punct(c) or verb_like(L, v, c) or cues.at(L, v, c) then clean = false break end
    end
    if clean then
      local text = v:phrase(lo, k - 1)
      return { first = lo, last = k - 1, text = text, kind = "role", role = text, name = text, view = v },
        "speaker_cue_quote"
    end
  end
  -- a setting of common words between subject and verb: "Beck, who has in
  -- the past described …", "Trump on Monday said" is read above
  if j >= lo and not p and v.kind[j] == "word" and not v:cap(j) and not v.inq[j]
      and not phrases.BREAKERS[v.norm[j]] and not v.norm[j]:match("ing$") then
    for m = j - 1, math.max(lo, j - 3), -1 do
      if v.inq[m] or v.kind[m] ~= "word" then break end
      if PREPOSITIONS[v.norm[m]] and m - 1 >= lo then
        local j3 = phrases.skip_aux_back(L, v, m - 1, lo)
        local r3 = relative_subject(L, v, j3, lo)
        if r3 then return r3, "speaker_cue_quote" end
        local p3 = phrases.back(L, v, j3, lo)
        if p3 and (p3.kind == "person" or p3.kind == "pronoun") and p3.last == j3
            and not (p3.first - 1 >= lo and PREPOSITIONS[v.norm[p3.first - 1]]) then
          return p3, "speaker_cue_quote"
        end
        break
      end
    end
  end
  -- (an apposition may end in a title whose marks enclose its comma:
  -- "Akhil Amar, author of ''America's Unwritten Constitution,'' put it")
  local title_comma = j >= lo and v.inq[j] and v.kind[j] == "quote" and v.tok[j - 1] == ","
    and v.quotes[v.inq[j]] and v:words_in(v.quotes[v.inq[j]]) <= 6
  if j >= lo and (v.tok[j] == "," or title_comma) then
    -- a name that opens the sentence, then appositions up to the cue
    -- ("Giovanni Maria Vian, the editor in chief of the Vatican's
    -- newspaper, L'Osservatore Romano, said", "Mr. Slinker, whose start-up,
    -- Paradata, uses big data, said"): the name, not the last apposition
    local f = phrases.forward(L, v, lo, j - 1)
    if f and f.first == lo and (f.kind == "person" or f.kind == "org" or f.kind == "group")
        and f.last + 1 < j and v.tok[f.last + 1] == "," then
      local rel = REL[v.norm[f.last + 2]]
      local clause = false
      for c = f.last + 2, j - 1 do
        if v.inq[c] or (not rel and verb_like(L, v, c)) or v:final(c) then clause = true break end
      end
      if not clause then return f, "speaker_apposition_cue" end
    end
    -- skip an apposition back to the comma before it (or before that:
    -- "Sanders, meanwhile, who sits at zero endorsements, said"; "Sen.
    -- Claire McCaskill (D-Mo.), who has endorsed Clinton, said")
    local commas = 0
    local c = j - 1
    while c >= math.max(lo, j - 25) do
      -- a title in marks inside the apposition ("the co-author of “Going Viral,”")
      if v.inq[c] then
        local other = v.quotes[v.inq[c]]
        if v:words_in(other) > 6 then break end
        c = (other.open or other.first) - 1
        if c < lo then break end
      end
      if v.tok[c] == "," then
        commas = commas + 1
        local q = phrases.back(L, v, phrases.skip_aux_back(L, v, c - 1, lo), lo)
        local appos = phrases.forward(L, v, c + 1, j - 1)
        -- (a description is the subject when the sentence opens with it:
        -- "An Israeli official, speaking on condition of anonymity, said")
        if q and (q.kind == "person" or q.kind == "pronoun" or q.kind == "org"
            or ((q.kind == "role" or q.kind == "group") and q.first == lo)) then
          if appos and not q.role and appos.role then q.role = appos.role end
          return q, "speaker_apposition_cue"
        end
        -- "A top strategist, John Weaver, tells reporters"
        if appos and appos.kind == "person" and appos.last == j - 1 then
          if q and q.role and not appos.role then appos.role = q.role end
          return appos, "speaker_apposition_cue"
        end
        if q or commas >= 3 then break end
      end
      if v:final(c) then break end
      c = c - 1
    end
  end
  return nil
end

-- The first token of the sentence around token i, not crossing lo: walking
-- back to sentence-final punctuation outside quotes.
local function sentence_start(v, i, lo)
  local k = i
  local inq, toks, kind = v.inq, v.tok, v.kind
  while k > lo do
    local prev = k - 1
    -- (a full stop before a bracket or a comma ends an abbreviation:
    -- "(D-Nev.) told", "Cambridge, Mass., said")
    if not inq[prev] and v:final(prev) and toks[k] ~= ")" and toks[k] ~= "," then break end
    -- a quote that ended its sentence: “…server.” The agency …
    if kind[prev] == "quote" and prev - 1 >= lo and v:final(prev - 1) and v:cap(k)
        and inq[prev] ~= inq[k] then
      break
    end
    k = prev
  end
  return k
end

-- The token just before quote q (left of its opening mark) and the first
-- token of its sentence, or nil when nothing of [lo, …] lies before it:
-- where the rules that read a quote's own sentence start from.
local function before_quote(v, q, lo)
  local o = (q.open or q.first) - 1
  if o < lo then return nil end
  return o, sentence_start(v, o + 1, lo)
end
M.sentence_start = sentence_start

-- A dateline opening a paragraph ("WASHINGTON, Dec. 8 (UPI) — …",
-- "LA CROSSE, Wisc. — …"): the token after its dash, else s.
local function skip_dateline(v, s, k)
  if not v:para_start(s) or v.kind[s] ~= "word" or not v:allcaps(s) or #v.tok[s] < 2 then return s end
  for d = s + 1, math.min(k - 1, s + 12) do
    if v.inq[d] then return s end
    if DASHES[v.tok[d]] then return d + 1 end
  end
  return s
end

-- Verbs after which `it` is no one: "It is strange that …", "It has not
-- helped that …", "It seems that …".
local EXPLETIVE_VERBS = { is = true, was = true, ["'s"] = true, has = true, had = true, seems = true,
  seemed = true, appears = true, appeared = true, remains = true, ["isn't"] = true, ["wasn't"] = true }

-- For phrase p an expletive `it` ("It is strange that …") before token k:
-- the index of its `that`, else nil.
function expletive_that(v, p, k)
  if p.kind ~= "pronoun" or p.first ~= p.last then return nil end
  local n = v.norm[p.first]
  if not (n == "it" or n == "it's") then return nil end
  local j = p.last + 1
  if n == "it" and not (j < k and EXPLETIVE_VERBS[v.norm[j]]) then return nil end
  for t = j, math.min(k - 1, j + 6) do
    if v.inq[t] or v:final(t) then return nil end
    if v.norm[t] == "that" then return t end
  end
  return nil
end

-- The subject of the clause a participle cue hangs on ("Kremlin spokesman
-- Dmitry Peskov later confirmed …, saying “…”"): the first speaker phrase
-- of the sentence not governed by a preposition.
local function clause_subject(L, v, s, k)
  local i = skip_dateline(v, s, k)
  while i < k do
    if not v.inq[i] and phrases.class(L, v, i) then
      local prev = i > s and v.norm[i - 1] or nil
      local p = phrases.forward(L, v, i, k - 1)
      -- "It is strange that Trump would denounce “…”": the clause after `that`
      local t = p and expletive_that(v, p, k)
      if t then return clause_subject(L, v, t + 1, k) end
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

-- Words before a participle that make it no finite verb ("can be heard").
local PASSIVE_AUX = { be = true, been = true, being = true, is = true, was = true, were = true, are = true,
  has = true, have = true, had = true }

-- A description from token j up to a cue: a determiner and up to six words
-- ("the gambling tycoon", "another supporter", "a voice-over in the ad").
local function description_before_cue(L, v, j, hi)
  if v.inq[j] or not phrases.DETERMINERS[v.norm[j]] or v.norm[j] == "that" then return nil end
  for m = j + 2, math.min(hi, j + 9) do
    if cues.at(L, v, m) then
      local text = v:phrase(j + 1, m - 1)
      return { first = j, last = m - 1, text = v:phrase(j, m - 1), kind = "role", role = text, name = text,
        view = v }
    end
    -- words, and prepositional phrases after them ("a voice-over in the ad states");
    -- not a clause ("a campaign official later walked back the comments");
    -- a comma between modifiers ("the bespectacled, 71-year-old diplomat")
    -- and `and` between roles ("the Florida senator and Republican candidate")
    local listed = v.tok[m] == "," and m + 1 <= hi and not v.inq[m + 1] and v.kind[m + 1] == "word"
      and not v:cap(m + 1) and not phrases.BREAKERS[v.norm[m + 1]]
    if v.inq[m] or not (v.kind[m] == "word" or v.kind[m] == "number" or listed) then return nil end
    if v.norm[m]:match("%a%aed$") and not (PASSIVE_AUX[v.norm[m - 1]]) then return nil end
    if phrases.BREAKERS[v.norm[m]] and not PP_WORDS[v.norm[m]] and v.norm[m] ~= "and" then return nil end
  end
  return nil
end

-- Past tenses of verbs of speaking that do not end in -ed, for the generic
-- rule “…,” he VERBed (a two-word one is its first word and a particle).
local IRREGULAR = { ["went on"] = true, ["shot back"] = true, ["fired back"] = true, ["chimed in"] = true,
  spoke = true, began = true, went = false }

-- Words that may follow the verb of a generic “…,” he VERBed: the end of
-- the clause, or a setting ("Trump barked and …", "she laughed as …").
local AFTER_VERB = { ["and"] = true, as = true, ["in"] = true, on = true, at = true, to = true, during = true,
  ["while"] = true, after = true, with = true, before = true, when = true }

-- Whether token c ends a sentence: final punctuation not followed by a
-- comma or a lower-case word ("R-Ky., said" does not end one).
local function ends_sentence(v, c)
  if not v:final(c) or v.inq[c] then return false end
  local n = c + 1
  if n > v.n or v.para[n] ~= v.para[c] then return true end
  return not (v.tok[n] == "," or (v.kind[n] == "word" and not v:cap(n)))
end

-- Common verbs whose past does not end in -ed.
local IRREGULAR_PAST = {}
for w in ([[wrote said told made took gave went came saw spoke began became left met held sent brought
  thought knew got put ran won lost led kept paid set stood sat felt heard found read struck sought
  drew fought chose threw broke bought caught taught meant built spent]]):gmatch("%a+") do
  IRREGULAR_PAST[w] = true
end

-- Kinds of phrase that can be the subject of a clause.
local SUBJECT_KINDS = { person = true, pronoun = true, org = true, group = true, role = true }

-- Auxiliaries that are finite verbs on their own.
local FINITE_AUX = {}
for w in ("has have had was were is are will would could can may might should must did does"):gmatch("%a+") do
  FINITE_AUX[w] = true
end

-- Whether token i reads as the finite verb after a subject: an
-- auxiliary, a speech verb in the past, `says`, or a lower-case word in -ed.
function verb_like(L, v, i)
  if i > v.n or v.inq[i] or v.kind[i] ~= "word" or v:cap(i) then return false end
  local n = v.norm[i]
  -- (a speech verb's -s form is as often a noun: "remarks", "comments";
  -- `to` and adverbs are no verb: "returned the compliment to Adelson")
  if L.aux[n] and not FINITE_AUX[n] and n ~= "not" then return n ~= "to" and verb_like(L, v, i + 1) end
  return L.aux[n] or n:match("%a%aed$") or n == "says" or IRREGULAR_PAST[n] or (L.verb[n] and L.verb[n].past)
    or false
end

-- Words that open a short setting between a subject and its verb.
local SETTING_WORDS = { on = true, ["in"] = true, at = true, during = true, last = true, this = true,
  earlier = true, late = true, early = true }

-- Forms of `be` before a passive participle.
local BE = { been = true, was = true, were = true, is = true, are = true, be = true, being = true }

-- Whether phrase p is the subject of a passive with an agent ("He’s been
-- investigated by Congress", "Rubio was asked by the moderator"): its
-- words are not its own.
local function passive_after(L, v, p)
  local n = p.last + 1
  if n <= v.n and (L.pronoun[v.norm[p.last]] or {}).contraction and v.norm[n] == "been" then n = n + 1 end
  while n <= v.n and not v.inq[n] and (L.aux[v.norm[n]] or BE[v.norm[n]]) do n = n + 1 end
  if n - 1 <= p.last and not (L.pronoun[v.norm[p.last]] or {}).contraction then return false end
  if n > v.n or v.inq[n] or not (v.norm[n]:match("%aed$") or IRREGULAR_PAST[v.norm[n]]) then return false end
  local m = n + 1
  while m <= v.n and not v.inq[m] and v.norm[m]:match("^%a+ly$") do m = m + 1 end
  return m <= v.n and v.norm[m] == "by"
end


-- Whether token i reads as a verb in the present after a subject: a
-- lower-case -s form ("wants", "believes") or a verb of the lexicon.
local function present_like(L, v, i)
  if i > v.n or v.inq[i] or v.kind[i] ~= "word" or v:cap(i) then return false end
  local n = v.norm[i]
  if phrases.BREAKERS[n] or phrases.DETERMINERS[n] then return false end
  return (n:match("%a[^s]s$") ~= nil) or L.verb[n] ~= nil
end

-- The subject the sentence from s opens with, when a finite verb follows
-- it before token k (after a party tag, an apposition or adverbs): the
-- main clause's subject, or nil.
-- Whether a finite verb follows phrase `first` before token k (after a
-- party tag, an apposition or adverbs); `loose` also takes a verb in the
-- present and a pronoun with its auxiliary ("he’s").
local function verb_follows(L, v, first, k, loose)
  if passive_after(L, v, first) then return false end
  if loose and first.kind == "pronoun" and (L.pronoun[v.norm[first.first]] or {}).contraction then
    return true
  end
  local n = first.last + 1
  if n < k and v.tok[n] == "(" then
    while n < k and v.tok[n] ~= ")" do n = n + 1 end
    n = n + 1
  end
  if n < k and v.tok[n] == "," then
    local c = n + 1
    while c < k and v.tok[c] ~= "," and not v.inq[c] do c = c + 1 end
    n = c + 1
  end
  -- a short setting between subject and verb: "Sanders on Saturday criticized"
  if n < k and SETTING_WORDS[v.norm[n]] and not v.inq[n] then
    local m = n + 1
    while m < k and m <= n + 4 and not v.inq[m] and v.kind[m] ~= "punct" and not verb_like(L, v, m) do
      m = m + 1
    end
    if m < k and verb_like(L, v, m) then n = m end
  end
  -- (a finite auxiliary is the verb: "McConnell was quick to …")
  if n < k and FINITE_AUX[v.norm[n]] and not v.inq[n] then return true end
  while n < k and (L.aux[v.norm[n]] or v.norm[n]:match("^%a+ly$") or v.tok[n] == "(") do n = n + 1 end
  -- (a present -s form only after a person or a pronoun: "the police videos")
  return n < k and (verb_like(L, v, n)
    or (loose and (first.kind == "person" or first.kind == "pronoun") and present_like(L, v, n))) or false
end

-- Words that open a clause whose subject is not the sentence's: "noted
-- that he taught …", "When told Perez was …".
local SUBORDINATORS = { that = true, when = true, ["if"] = true, because = true, although = true,
  though = true, ["while"] = true, since = true, after = true, before = true, unless = true, whether = true,
  told = true, asked = true, whom = true, which = true }

-- The subject of the clause a verb coordinated at token k ("… and said")
-- belongs to: the nearest subject before it, scanning back to s, that a
-- finite verb follows and no preposition or subordinating word precedes.
function coordinated_subject(L, v, s, k)
  for j = k - 1, s, -1 do
    if not v.inq[j] then
      local p = phrases.back(L, v, j, s)
      -- (a description only when the sentence opens with it: "The
      -- president noted that he taught …, and added")
      if p and p.last == j and SUBJECT_KINDS[p.kind] and (p.kind ~= "role" or p.first == s)
          and not SUBORDINATORS[v.norm[p.first]] and verb_follows(L, v, p, k, true) then
        local b = p.first - 1
        local before = b >= s and v.norm[b] or nil
        -- (nor the subject of a cue's content: "He said his attacks …")
        if not (before and (PREPOSITIONS[before] or SUBORDINATORS[before] or cues.at(L, v, b))) then
          return p
        end
      end
    end
  end
  return nil
end

-- The subject the sentence from s opens with, when a finite verb follows it
-- before token k; `loose` as for verb_follows.
function opening_subject(L, v, s, k, loose)
  local first = clause_subject(L, v, s, k)
  if first and verb_follows(L, v, first, k, loose) then return first end
  return nil
end

-- The subject nearest before a participle at token k: the last speaker
-- phrase of the sentence (from s) that a finite verb follows and no
-- preposition precedes ("Mr. Manafort said, adding …", "The Florida senator
-- sought …, saying …"); else the first phrase of the sentence.
local function participle_subject(L, v, s, k)
  -- "with Republican Senator John McCain telling reporters", "with Trump
  -- reportedly yelling", "with one of her ads asking": the participle's own subject
  local b = k - 1
  while b > s and v.norm[b]:match("^%a+ly$") and not v:cap(b) and not v.inq[b] do b = b - 1 end
  local p0 = phrases.back(L, v, b, s)
  if p0 and p0.first - 1 >= s and v.norm[p0.first - 1] == "with" then return p0 end
  local participle = k <= v.n and not v.inq[k] and v.norm[k]:match("%a%aing$") ~= nil
  for w = b - 1, participle and v.kind[b] == "word" and math.max(s, b - 9) or b, -1 do
    if v.inq[w] or v:punct(w) then break end
    if v.norm[w] == "with" then
      if w + 1 <= b and phrases.DETERMINERS[v.norm[w + 1]] then
        local text = v:phrase(w + 1, b)
        return { first = w + 1, last = b, text = text, kind = "role", role = text, name = text, view = v }
      end
      break
    end
  end
  local first = opening_subject(L, v, s, k)
  if first then return first end
  -- the nearest subject of a finite verb; a description only when no
  -- name, pronoun or body is one ("the subject line includes …")
  local described
  for j = k - 2, s, -1 do
    if not v.inq[j] and verb_like(L, v, j + 1) then
      local e = phrases.skip_aux_back(L, v, j, s)
      local p = phrases.back(L, v, e, s)
      if p and p.last == e and not (p.first - 1 >= s and PREPOSITIONS[v.norm[p.first - 1]])
          and SUBJECT_KINDS[p.kind] and not passive_after(L, v, p) then
        if p.kind ~= "role" then return p end
        described = described or p
      end
    end
  end
  if described then return described end
  local cs = clause_subject(L, v, s, k)
  if cs and passive_after(L, v, cs) then return nil end
  return cs
end

-- The attribution right after the quote's closing mark.
function M.after(L, v, q, hi)
  local j = (q.close or q.last) + 1
  local ended = v:final(q.last) or v.tok[q.last] == "?" or v.tok[q.last] == "!"
  while j <= hi and JOINERS[v.tok[j]] do j = j + 1 end
  -- “…,” as Cruz said on the radio
  if j < hi and v.norm[j] == "as" and j > (q.close or q.last) + 1 then j = j + 1 end
  if j > hi or v.inq[j] then return nil end
  local new_sentence = ended and v:cap(j) and j == (q.close or q.last) + 1
  -- a quote inside a sentence that began before it ("Trump claimed that
  -- “…,” one of the prosecutors said the cases differ"): a cue with content
  -- of its own after it is another attribution, as after a new sentence
  local o = q.open and q.open - 1 or 0
  local embedded = o >= 1 and v.para[o] == v.para[j] and not v.inq[o]
    and v.kind[o] == "word" and not v:final(o)
  -- “…,” said Tammy Bruce  /  “…,” according to Tammy Bruce
  local cue = cues.at(L, v, j)
  if cue then
    if cue.phrase and cue.source == "before" then cue = nil end
    -- “…,” saying the city embodied …: a participle's speaker stands
    -- before the quote (the rules before it look there)
    if cue and cue.ing and not cue.phrase then cue = nil end
  end
  if cue then
    local p = phrases.forward(L, v, cue.last + 1, hi)
    -- “…,” said 9/11 widow Terry Strada.
    if not p and not cue.phrase then p = loose_person(L, v, cue.last + 1, hi) end
    -- “…,” said one owner of a shop that sells …: a longer description,
    -- up to punctuation or a relative pronoun
    local a = cue.last + 1
    if not p and not cue.phrase and a + 1 <= hi and phrases.DETERMINERS[v.norm[a]] and v.norm[a] ~= "that"
        and not v.inq[a] then
      for e = a + 2, math.min(hi, a + 9) do
        if v.inq[e] or (v.kind[e] ~= "word" and not v:punct(e)) then break end
        if v:punct(e) or REL[v.norm[e]] or v.norm[e] == "that" then
          if e - 1 > a then
            local text = v:phrase(a + 1, e - 1)
            p = { first = a, last = e - 1, text = v:phrase(a, e - 1), kind = "role", role = text, name = text,
              view = v }
          end
          break
        end
        if L.verb[v.norm[e]] or L.aux[v.norm[e]] or v.norm[e]:match("%a%aed$") then break end
      end
    end
    -- “…,” read one.  /  “…,” added another.
    if not p and not cue.phrase and a <= hi and PRONOMINAL[v.norm[a]] and not v.inq[a]
        and (a + 1 > hi or v:punct(a + 1)) then
      p = { first = a, last = a, text = v.tok[a], kind = "role", name = v.tok[a], role = v.tok[a], view = v }
    end
    if p then
      if new_sentence and opens_content(v, p.last + 1) and not cue.phrase then return nil end
      return { rule = cue.phrase and "quote_according_to" or "quote_cue_speaker", cue = cue, phrase = p }
    end
  end
  -- “…,” Bruce explained  /  “…,” the ministry said  /  “…,” Smith, a pollster, said
  local p = phrases.forward(L, v, j, hi)
  -- “…,” screenwriter Cole Haddon wrote / “…,” panel Chairman Rep. Jason
  -- Chaffetz (R-Utah) said: a role the lexicon lacks before a name
  if not p then
    local named = loose_person(L, v, j, hi)
    -- (only right before a cue: "of Trump, whom he called" is no speaker)
    local c = named and phrases.skip_tag(v, named.last + 1, hi)
    if c and c <= hi and v.norm[c]:match("^%a+ly$") then c = c + 1 end
    if named and c <= hi and cues.at(L, v, c) then p = named end
  end
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
        if v.inq[c] or ends_sentence(v, c) then break end
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
      if new_sentence and (opens_content(v, c2.last + 1) or quote_follows(L, v, c2.last, hi)) then
        return nil
      end
      -- (inside a sentence only a word opens the content, and not after a
      -- verb that takes its addressee first: "he told friends")
      if embedded and not c2.object and c2.last + 1 <= hi and v.kind[c2.last + 1] == "word"
          and opens_content(v, c2.last + 1) then
        return nil
      end
      return { rule = "quote_speaker_cue", cue = c2, phrase = p }
    end
    -- “…,” the RNC member said: a description the name phrase was the start of
    local d = description_before_cue(L, v, j, hi)
    if d then
      local c3 = cues.at(L, v, d.last + 1)
      if c3 and not c3.phrase and not (new_sentence and opens_content(v, c3.last + 1)) then
        return { rule = "quote_speaker_cue", cue = c3, phrase = d }
      end
    end
    -- “…,” Anne Richards, assistant secretary of state for population,
    -- refugees, and migration, said / James Pethokoukis of the American
    -- Enterprise Institute wrote: the first cue within the sentence, after
    -- a comma or a name, closes a long apposition
    if not new_sentence and (p.kind == "person" or p.kind == "org" or p.kind == "group") then
      for c = p.last + 1, math.min(hi, p.last + 25) do
        if v.inq[c] or ends_sentence(v, c) or v.kind[c] == "quote" then break end
        local c4 = cues.at(L, v, c)
        if c4 and not c4.phrase then
          return { rule = "quote_speaker_apposition_cue", cue = c4, phrase = p }
        end
      end
    end
    -- “…,” he confessed.  A verb in the past the lexicon lacks, closing
    -- the sentence right after a quote that ended in a comma
    -- (after a question or an exclamation too: "“…?” Hannity pressed.")
    local asked = v.tok[q.last] == "?" or v.tok[q.last] == "!"
    if k <= hi and (not new_sentence or asked) and v.kind[k] == "word" and not v:cap(k) then
      local last = k
      local two = k + 1 <= hi and IRREGULAR[v.norm[k] .. " " .. v.norm[k + 1]]
      if two then last = k + 1 end
      -- (not after a dash, a `that` or a form of `be`: "… — an issue
      -- Democrats have struggled with", "“…” -- that Bloomberg is perceived
      -- as …" describe, they do not attribute)
      local passive = BE[v.norm[k - 1]] or (k - 2 >= 1 and BE[v.norm[k - 2]] and L.aux[v.norm[k - 1]])
      if (two or IRREGULAR[v.norm[k]] or v.norm[k]:match("%a%aed$"))
          and (last + 1 > hi or v:punct(last + 1) or AFTER_VERB[v.norm[last + 1]])
          and (p.kind ~= "role" or p.first < p.last)
          and not DASHES[v.tok[j - 1]] and v.norm[p.first] ~= "that" and not passive then
        return { rule = "quote_speaker_verb", phrase = p,
          cue = { first = k, last = last, lemma = v:phrase(k, last), manner = "neutral" } }
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
          local cue = { first = w, last = w, lemma = n, manner = "neutral" }
          local p = subject_before(L, v, w, s)
          -- "It has not helped that her campaign has cycled through …"
          if p and expletive_that(v, p, o + 1) then
            local cs = clause_subject(L, v, t + 1, o + 1)
            if cs then return { rule = "verb_that", phrase = cs } end
            return nil
          end
          if p then return { rule = "verb_that", cue = cue, phrase = p } end
          if n:match("ing$") and w > s and v.tok[w - 1] == "," then
            local cs = clause_subject(L, v, s, w)
            if cs then return { rule = "verb_that", cue = cue, phrase = cs } end
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

-- Adverbs that may stand between `to` and its verb.
local ADVERBS = { further = true, also = true, again = true, never = true, just = true, even = true,
  ["then"] = true, still = true, once = true, first = true }

-- How the word before a cue reads it: "noun" (skip the cue), "infinitive"
-- ("went on to say"), or nil (a verb).
local function cue_context(v, cue, s)
  local k = cue.first - 1
  if k < s or v.inq[k] then return nil end
  local n = v.norm[k]
  -- ("to further explain", "to also say": adverbs before an infinitive)
  local a = k
  while a > s and not v.inq[a] and (ADVERBS[v.norm[a]] or v.norm[a]:match("^%a+ly$")) do a = a - 1 end
  if v.norm[a] == "to" then return "infinitive" end
  if NOUN_BEFORE[n] then return "noun" end
  -- ("Another tweeted", "Some said": a determiner standing alone before
  -- a verb in the past)
  if PRONOMINAL[n] and cue.past then return nil end
  if phrases.DETERMINERS[n] and n ~= "all" and n ~= "both" and n ~= "that" then return "noun" end
  if n:match("'s$") or n:match("s'$") then return "noun" end
  return nil
end

-- The cue of a nested attribution's reporter: "Trump said during a rally
-- that Clinton once described the deal as “…”", "She said she recalls the
-- colleague being “…”". For a cue whose subject phrase p stands in the
-- content of an earlier verb of saying with a `that` clause in the same
-- sentence (from s), that verb's cue and subject: the one who reports.
local function outer_attribution(L, v, s, p)
  -- (the phrase read back may have taken `that` for a determiner)
  local k, has_that = p.first - 1, false
  if v.norm[p.first] == "that" then
    has_that = true
  elseif k >= s and v.norm[k] == "that" then
    has_that, k = true, k - 1
  end
  -- the outer cue right before the content, or before a short setting
  -- and `that` ("said during a Friday evening rally in Michigan that")
  local lim = has_that and math.max(s, k - 8) or k
  for c = k, lim, -1 do
    if v.inq[c] or v:final(c) then return nil end
    local cue = cues.at(L, v, c)
    if cue and not cue.phrase and cue.last == c and L.verb[v.norm[cue.first]]
        and L.verb[v.norm[cue.first]].that then
      local outer = subject_before(L, v, cue.first, s)
      if outer and outer.first < cue.first then return cue, outer end
      return nil
    end
  end
  return nil
end

-- The attribution before the quote in its sentence.
function M.before(L, v, q, lo)
  local r = M.before_own(L, v, q, lo)
  if r and r.cue and r.phrase and (r.rule == "speaker_cue_quote" or r.rule == "coordinated_subject")
      and rules.on("outer_speaker") then
    local s = sentence_start(v, (q.open or q.first), lo)
    local cue, outer = outer_attribution(L, v, s, r.phrase)
    if cue then return { rule = "outer_speaker", cue = cue, phrase = outer } end
  end
  return r
end

-- The attribution before the quote in its sentence, by its nearest cue.
function M.before_own(L, v, q, lo)
  local o, s = before_quote(v, q, lo)
  if not o then return nil end
  local tried = 0
  local k = o
  while k >= s and tried < 6 do
    local cue = not v.inq[k] and cues.at(L, v, k) or nil
    -- ("Rubio will continue to be …" is no verb of saying)
    if cue and cue.lemma == "continue" and cue.last + 1 <= v.n and v.norm[cue.last + 1] == "to" then
      cue = nil
    end
    local ctx = cue and not cue.phrase and cue_context(v, cue, s) or nil
    if ctx == "noun" then cue = nil end
    if cue and ctx == "infinitive" then
      -- "Trump went on to say, “…”": the subject of the main clause; but
      -- "the mayor said that it was too early to tell whether …": an
      -- earlier verb of saying in the sentence is the cue
      tried = tried + 1
      local earlier = false
      for c = cue.first - 2, s, -1 do
        local e = not v.inq[c] and cues.at(L, v, c)
        if e and not e.phrase and e.past and not e.ing then earlier = true break end
      end
      local cs = not earlier and clause_subject(L, v, s, cue.first) or nil
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
        -- "a short film called “Tenemos Familias”": a description before
        -- `called` names a thing, not a speaker
        -- (but "many commentators called him “…”": an object after it makes
        -- `called` the verb)
        if p and cue.lemma == "call" and p.kind == "role" then
          local nx = cue.last + 1 <= v.n and v.norm[cue.last + 1] or ""
          local named = v:cap(cue.last + 1) and phrases.class(L, v, cue.last + 1) == "name"
          if not (OBJECT_PRONOUNS[nx] or named) then
            p = nil
          end
        end
        -- "Trump and Ryan issued a statement describing …": the object of
        -- the main verb is not the participle's subject; the clause's is
        -- "In Salem, New Hampshire, Trump went after Bush, calling him
        -- “…”": what stands before a participle's comma is a clause, not an
        -- apposition; its subject speaks
        if p and cue.ing and (p.kind == "role" or rule == "speaker_apposition_cue") then
          local cs = participle_subject(L, v, s, rule == "speaker_apposition_cue" and cue.first or p.first)
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
          local cs = participle_subject(L, v, s, cue.first)
          if cs then return { rule = "participle_subject", cue = cue, phrase = cs } end
        end
      end
    end
    k = k - 1
  end
  if rules.on("verb_that") then return verb_that(L, v, s, o) end
  return nil
end

-- Nouns of saying a possessive names the speaker of ("Trump’s claim that
-- …", "her remark that …", "his description of the deal as …").
local SPEECH_NOUNS = {}
for w in ([[claim claims remark remarks comment comments statement statements warning warnings suggestion
  assertion assertions pledge pledges promise promises call calls description words charge charges
  accusation accusations argument insistence declaration message tweet tweets response answer admission
  vow prediction boast quip joke jibe retort complaint contention rhetoric slogan dictum line lines
  announcement vows suggestions]]):gmatch("%S+") do
  SPEECH_NOUNS[w] = true
end

-- Possessive determiners that name a speaker.
local POSSESSIVE = { his = true, her = true, their = true }

-- Words that open a noun of saying's content ("claim that …", "call for …").
local CONTENT_OPENERS = { that = true, of = true, ["for"] = true, to = true, about = true,
  [":"] = true, [","] = true }

-- A quote in the content of a noun of saying with a possessive before it,
-- in the quote's sentence: "Trump’s claim that there have been “thousands
-- of shootings”", "her remark that “there’s a special place in hell …”".
-- The possessor is the speaker; `his`/`her` are its local mention.
function M.possessive_noun(L, v, q, lo)
  local o, s = before_quote(v, q, lo)
  if not o then return nil end
  for k = o, math.max(s, o - 12), -1 do
    if v.inq[k] or (k < o and v:final(k)) then return nil end
    -- (a noun of saying may share its form with a verb: "her remark that")
    if not (SPEECH_NOUNS[v.norm[k]] and k > s and (POSSESSIVE[v.norm[k - 1]] or v.norm[k - 1]:match("'s$")))
        and cues.at(L, v, k) then
      return nil
    end
    if SPEECH_NOUNS[v.norm[k]] and not v:cap(k) and (k == o or CONTENT_OPENERS[v.norm[k + 1]]) then
      -- the possessor: right before the noun, or before one or two modifiers
      for m = k - 1, math.max(s, k - 3), -1 do
        if v.inq[m] or v:punct(m) then break end
        local n = v.norm[m]
        if POSSESSIVE[n] then
          local p = { first = m, last = m, text = v.tok[m], kind = "pronoun", view = v }
          -- resolved like he/she/they
          p.possessive = n
          return { rule = "possessive_noun", phrase = p }
        end
        if n:match("'s$") or n:match("s'$") then
          local owner = phrases.back(L, v, m, s)
          if owner and (owner.kind == "person" or owner.kind == "org" or owner.kind == "group") then
            return { rule = "possessive_noun", phrase = owner }
          end
          break
        end
        if phrases.BREAKERS[n] or phrases.DETERMINERS[n] then break end
      end
      return nil
    end
  end
  return nil
end

-- Past participles of naming and describing in a passive ("called “…” by").
local PASSIVE_CUES = { called = true, described = true, labeled = true, labelled = true, dubbed = true,
  branded = true, deemed = true, termed = true, characterized = true, derided = true }

-- A passive with its agent after the quote: "Terre Haute, called the
-- “Crossroads of America” by the citizens", "a plan described as “…” by
-- critics". The agent speaks.
function M.passive_by(L, v, q, lo, hi)
  local o = (q.open or q.first) - 1
  local c = (q.close or q.last) + 1
  if c + 1 > hi or v.norm[c] ~= "by" or v.inq[c] then return nil end
  local found = false
  for k = o, math.max(lo, o - 4), -1 do
    if v.inq[k] or v:final(k) then break end
    if PASSIVE_CUES[v.norm[k]] then found = true break end
  end
  if not found then return nil end
  local p = phrases.forward(L, v, c + 1, hi)
  if p and (p.kind == "person" or p.kind == "org" or p.kind == "group" or p.kind == "role") then
    return { rule = "passive_by", phrase = p }
  end
  return nil
end

-- The attribution later in the quote's sentence: “…” and more, Smith said.
function M.later(L, v, q, hi)
  -- a quote that ends with its sentence (“….” However, …) has no later cue
  if v:final(q.last) then return nil end
  local k = (q.close or q.last) + 1
  while k <= hi do
    -- another quote of the sentence is passed over ("a “good thing” that
    -- yielded “good information,” he said")
    if v.inq[k] then
      local other = v.quotes[v.inq[k]]
      if v:final(other.last) then return nil end
      k = (other.close or other.last) + 1
      if k > hi then return nil end
    end
    if v:final(k) then return nil end
    if v.tok[k] == "," and k + 1 <= hi then
      local r = M.after(L, v, { close = k, last = k - 1 }, hi)
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
  -- a headline's "Gillibrand on Hillary Releasing Her Transcripts: ‘…’",
  -- "CNN President On Trump: ‘…’": the name before `on`
  local s = sentence_start(v, o, lo)
  local h = phrases.forward(L, v, s, o - 1)
  if h and h.first == s and h.last + 1 < o - 1 and v.norm[h.last + 1] == "on"
      and (h.kind == "person" or h.kind == "org" or h.kind == "group" or h.kind == "role") then
    return { rule = "speaker_colon", phrase = h }
  end
  local p = phrases.back(L, v, o - 1, lo)
  -- "Priebus later told Fox News: “…”", "Kaine has adopted the stance
  -- common among Catholics in public office: “…”": a name after a
  -- preposition or a cue is an object; the sentence's subject speaks
  if p and p.first > lo then
    local before = v.norm[p.first - 1]
    if PREPOSITIONS[before] or cues.at(L, v, p.first - 1) or present_like(L, v, p.first - 1) then
      local first = opening_subject(L, v, s, p.first, true)
      if first and first.last < p.first then return { rule = "speaker_colon", phrase = first } end
    end
  end
  if p and (p.kind == "person" or p.kind == "org" or p.kind == "group") then
    return { rule = "speaker_colon", phrase = p }
  end
  -- "And Mr. Christie gloated: ''…''": a verb the lexicon lacks before the colon
  local w = o - 1
  local nw = v.norm[w]
  if w > lo and v.kind[w] == "word" and not v:cap(w) and (nw:match("%a%aed$") or IRREGULAR[nw]) then
    local q2 = phrases.back(L, v, phrases.skip_aux_back(L, v, w - 1, lo), lo)
    if q2 and q2.kind ~= "role" then
      return { rule = "speaker_colon", phrase = q2,
        cue = { first = w, last = w, lemma = nw, manner = "neutral" } }
    end
  end
  return nil
end

-- A quote inside a relative clause with no cue of its own: "Trump, who
-- has postured himself as the “law and order candidate,”". The `who` is
-- the local mention, its antecedent the speaker. The clause must follow a
-- comma, begin with a verb and still be open at the quote (no comma or
-- dash closing it).
function M.relative_clause(L, v, q, lo)
  local o, s = before_quote(v, q, lo)
  if not o then return nil end
  for w = o, s + 1, -1 do
    if v.inq[w] then
      local other = v.quotes[v.inq[w]]
      if not other or (other.open or other.first) <= s then return nil end
    elseif v.tok[w] == "," or DASHES[v.tok[w]] or v:final(w) or v.tok[w] == ";" then
      if w < o then return nil end
    elseif v.norm[w] == "who" and v.tok[w - 1] == "," then
      -- (not a restrictive clause: "a coach who is “working the referees”"
      -- describes someone inside another's words)
      local n = w + 1
      while n < o and not v.inq[n] and (L.aux[v.norm[n]] or v.norm[n]:match("^%a+ly$"))
          and v.norm[n] ~= "to" do
        n = n + 1
      end
      if not (verb_like(L, v, n) or present_like(L, v, n) or FINITE_AUX[v.norm[w + 1]]) then return nil end
      local a = w - 2
      if a < s then return nil end
      local ante = phrases.back(L, v, a, s)
      if not ante or ante.kind == "pronoun" then return nil end
      local mention = {}
      for key, val in pairs(ante) do mention[key] = val end
      mention.first, mention.last, mention.text = w, w, v.tok[w]
      return { rule = "relative_clause", phrase = mention }
    end
  end
  return nil
end

-- The subject of the quote's sentence, when no cue was found: "Clinton
-- decried the GOP for “turning its back”", "he wanted to know, “How …?”".
function M.clause_subject(L, v, q, lo)
  local o, s = before_quote(v, q, lo)
  if not o or s > o then return nil end
  local p = participle_subject(L, v, s, o + 1)
  if p then return { rule = "clause_subject", phrase = p } end
  return nil
end

-- Words after which a clause with a subject of its own begins.
local CLAUSE_OPENERS = { ["and"] = true, but = true, although = true, though = true, as = true,
  ["while"] = true, when = true, because = true, so = true }

-- A quote without a cue of its own whose sentence opens with a person or
-- a pronoun and a finite verb: that subject, the local mention ("He’s
-- predicting he will do “very, very well”", "She wants the candidates “…”").
function M.sentence_subject(L, v, q, lo)
  local o, s = before_quote(v, q, lo)
  if not o or s > o then return nil end
  local p = opening_subject(L, v, s, o + 1, true)
  -- a later clause of the sentence with a subject of its own ("Clinton
  -- endorsed the deal, although she made it clear that she has “…”",
  -- "Perez is winning nods as he keeps talking about the “…”"): its
  -- subject, the nearest before the quote
  if p then
    for j = o, p.last + 2, -1 do
      local b = v.norm[j - 1]
      if not v.inq[j] and (CLAUSE_OPENERS[b] or v.tok[j - 1] == ",")
          and (phrases.class(L, v, j) == "pronoun" or phrases.class(L, v, j) == "name") then
        local c = phrases.forward(L, v, j, o)
        if c and (c.kind == "pronoun" or c.kind == "person") and verb_follows(L, v, c, o + 1, true) then
          p = c
          break
        end
      end
    end
  end
  if p and (p.kind == "person" or p.kind == "pronoun") then
    return { rule = "sentence_subject", phrase = p }
  end
  -- a description, organisation or group that opens the sentence ("The
  -- agency declined to detail the investigation's “specific focus”")
  if p and p.first == s and (p.kind == "org" or p.kind == "group") and not passive_after(L, v, p) then
    return { rule = "sentence_subject", phrase = p }
  end
  if not p then
    local d = phrases.forward(L, v, s, o)
    if d and d.first == s and (d.kind == "role" or d.kind == "org" or d.kind == "group")
        and (verb_follows(L, v, d, o + 1, false) or present_like(L, v, d.last + 1))
        and not passive_after(L, v, d) then
      return { rule = "sentence_subject", phrase = d }
    end
  end
  return nil
end

-- A quote that is a sentence of its own, without a cue, after a sentence
-- of its paragraph whose subject is a person or a description with a
-- finite verb: that subject ("Iowa State University's Dianne Bystrom
-- agreed. “Mainstream Republicans are running out of time …”").
function M.previous_sentence(L, v, q, lo)
  local o = (q.open or q.first) - 1
  if o < lo or not v:final(o) or v.inq[o] then return nil end
  local s = sentence_start(v, o, lo)
  if s >= o then return nil end
  local p = opening_subject(L, v, s, o, true)
  if not p then
    -- a description that opens the sentence ("The former senator agreed.")
    local d = phrases.forward(L, v, s, o - 1)
    if d and d.kind == "role" and d.first == s and verb_follows(L, v, d, o, false) then p = d end
  end
  if p and (p.kind == "person" or p.kind == "pronoun" or p.kind == "role") then
    return { rule = "previous_sentence", phrase = p }
  end
  return nil
end

-- For an `it` or `they` that found no speaker: the organisation or group
-- its sentence opens with ("The United Nations Security Council … pledged
-- sanctions as a deterrence to what it called “…”"), or nil.
function M.body_before(L, v, p, lo)
  local s = sentence_start(v, p.first, lo)
  local first = clause_subject(L, v, s, p.first)
  if first and first.last < p.first and (first.kind == "org" or first.kind == "group") then return first end
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

-- A quote that ends its paragraph, signed in the next one by a dash and a
-- name: “…”¶— Clinton.  /  “…”¶-Michelle Marks, Philadelphia.
function M.dash_next_paragraph(L, v, q, hi)
  local k = (q.close or q.last) + 1
  while k <= hi and v:punct(k) and not DASHES[v.tok[k]] do k = k + 1 end
  if k <= hi or hi + 2 > v.n then return nil end
  local d = hi + 1
  if not DASHES[v.tok[d]] then return nil end
  local _, nhi = v:para_range(v.para[d])
  local p = phrases.forward(L, v, d + 1, nhi)
  if not p or not (p.kind == "person" or p.kind == "org" or p.kind == "group") then return nil end
  -- the name, then the end of the paragraph or a comma and a short place or role
  local e = p.last + 1
  if e <= nhi and v.tok[e] == "," then
    if nhi - e > 8 then return nil end
  elseif not (e > nhi or (e == nhi and v:final(e))) then
    return nil
  end
  return { rule = "dash_next_paragraph", phrase = p }
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
