-- attribute.lua — one document's quotes, attributed: each top-level quote
-- span gets its kind, cue, speaker phrase (the local mention), resolved
-- speaker, role, relay, rule and confidence; indirect speech is added as
-- kind `indirect`.
--
-- Two passes over the quotes in document order. The first tries the
-- quote's own cue (quotes/speakers.lua) and resolves the phrase
-- (quotes/coref.lua) as it goes, so a pronoun sees the speakers before it.
-- The second gives a quote without a cue the subject of its own sentence
-- when one opens it with a verb (`He’s predicting … “…”`), else the speaker
-- of a neighbour: the quote right after it in the paragraph (`“…” “…,” he
-- said`), an earlier quote of the paragraph, the quote the previous
-- paragraph left open or ended with, the previous paragraph's speaker or
-- subject, the subject of the sentence before (`X agreed. “…”`), or the
-- paragraph's latest indirect speaker. Then, last resorts, the antecedent
-- of a `who` clause the quote is in, the subject of the quote's sentence
-- and the latest speaker nearby. Last, kinds: terms
-- (short, titles, transcript excerpts) and direct or partial.

local view = require("quotes.view")
local cues = require("quotes.cues")
local phrases = require("quotes.phrases")
local coref = require("quotes.coref")
local speakers = require("quotes.speakers")
local relay = require("quotes.relay")
local spans = require("quotes.spans")
local headline = require("quotes.headline")
local rules = require("quotes.rules")

local M = {}

-- Rules that give a quote a speaker without a cue of its own: a title
-- found by them is a title.
local WEAK = { same_paragraph = true, continuation = true, clause_subject = true, paragraph_speaker = true,
  previous_paragraph = true, split_before = true, recent_speaker = true, none = true,
  sentence_subject = true, previous_sentence = true }

-- Pronouns that may stand for an organisation or a group.
local BODY_PRONOUNS = { it = true, they = true, ["it's"] = true, ["they're"] = true }

-- Forget a quote's attribution (it was found to be a title or an excerpt).
local function clear(q)
  for _, k in ipairs({ "speaker", "mention", "mention_text", "phrase", "role", "cue", "lemma", "manner",
    "adverb", "relay", "speaker_kind", "resolved_by", "from" }) do
    q[k] = nil
  end
end

-- Whether a speaker phrase is a news outlet of the lexicon.
local function outlet(L, v, p)
  local text = phrases.bare(v:phrase(p.first, p.last)):gsub("^[Tt]he ", "")
  return L.outlet_names[text] == true
end

-- Try the quote's own cue, rule by rule.
local function own(L, v, q, lo, hi)
  local r
  if rules.on("quote_cue_speaker") or rules.on("quote_speaker_cue") then r = speakers.after(L, v, q, hi) end
  -- "“…,” Reuters reported" names the relay, not the speaker, when a
  -- speaker stands before the quote ("Peskov confirmed it, saying “…”")
  if r and r.phrase and outlet(L, v, r.phrase) then
    local b = speakers.before(L, v, q, lo)
    if b and rules.on(b.rule) then return b end
  end
  if r and rules.on(r.rule) then return r end
  r = speakers.before(L, v, q, lo)
  if r and rules.on(r.rule) then return r end
  if rules.on("passive_by") then
    r = speakers.passive_by(L, v, q, lo, hi)
    if r then return r end
  end
  if rules.on("possessive_noun") then
    r = speakers.possessive_noun(L, v, q, lo)
    if r then return r end
  end
  if rules.on("quote_cue_later") then
    r = speakers.later(L, v, q, hi)
    if r then return r end
  end
  if rules.on("colon_before") then
    r = speakers.colon_before(L, v, q, lo)
    if r then return r end
  end
  if rules.on("speaker_colon") then
    r = speakers.speaker_colon(L, v, q, lo)
    if r then return r end
  end
  if rules.on("dash_next_paragraph") then
    r = speakers.dash_next_paragraph(L, v, q, hi)
    if r then return r end
  end
  if rules.on("headline_colon") then
    r = speakers.headline(L, v, q, lo)
    if r then return r end
  end
  return nil
end

-- The sentence bounds (token indices) around an attribution: from the
-- sentence start before the earlier of quote and cue, to the end of the
-- sentence after the later.
local function sentence_bounds(v, a, b, lo, hi)
  local s = speakers.sentence_start(v, a, lo)
  local e = b
  while e < hi and not (v:final(e) and not v.inq[e]) do e = e + 1 end
  return s, e
end

-- Copy the attribution fields of quote `from` to quote `to`, by `rule`.
local function inherit(to, from, rule)
  to.speaker, to.mention, to.phrase = from.speaker, from.mention, from.phrase
  to.role, to.cue, to.manner, to.relay = from.role, from.cue, from.manner, from.relay
  to.speaker_kind = from.speaker_kind
  to.rule = rule
  to.resolved_by = from.resolved_by
  to.confidence = rules.confidence(rule, from.resolved_by)
  to.from = from.index
end

-- Give quote q the speaker phrase p (already resolved) by `rule`.
local function adopt(q, p, rule)
  q.phrase, q.speaker, q.role = p, p.speaker, p.role
  q.speaker_kind = p.kind == "pronoun" and (p.resolved_kind or "pronoun") or p.kind
  q.mention = { start = p.view.start[p.first], ["end"] = p.view.stop[p.last] }
  q.mention_text = p.view:phrase(p.first, p.last)
  q.rule = rule
  q.resolved_by = p.resolved_by
  q.confidence = rules.confidence(rule, p.resolved_by)
end

-- Attribute every quote of document d with the compiled lexicon L.
-- Returns { quotes = {…}, indirect = {…}, view = v }.
function M.document(L, d)
  local v = view.new(d)
  local cr = coref.new(L, v)
  for _, q in ipairs(v.quotes) do q.introduced = spans.introduced(L, v, q) end
  local out = {}

  local function fill(q, r)
    local p = r.phrase
    cr:resolve(p, p.first)
    -- an `it`/`they` no speaker stands for: the body its sentence opens with
    if p.kind == "pronoun" and not p.speaker and BODY_PRONOUNS[v.norm[p.first]] then
      local b = speakers.body_before(L, v, p, (v:para_range(v.para[p.first])))
      if b then
        cr:resolve(b, b.first)
        p.speaker, p.resolved_by, p.resolved_kind = b.speaker, "pronoun_group", b.kind
      end
    end
    q.phrase = p
    q.rule = r.rule
    q.mention = { start = v.start[p.first], ["end"] = v.stop[p.last] }
    q.mention_text = v:phrase(p.first, p.last)
    q.speaker = p.speaker
    q.speaker_kind = p.kind == "pronoun" and (p.resolved_kind or "pronoun") or p.kind
    q.role = p.role
    if r.cue then
      q.cue = v:phrase(r.cue.first, r.cue.last)
      q.lemma = r.cue.lemma
      q.manner = r.cue.manner
      q.adverb = cues.adverb(L, v, r.cue)
      if q.adverb then q.cue = q.cue .. " " .. q.adverb end
    end
    local how = p.resolved_by or (p.kind == "pronoun" and not p.speaker and "unresolved") or nil
    q.resolved_by = p.resolved_by
    q.confidence = rules.confidence(r.rule, how)
    local a = math.min(q.open or q.first, p.first, r.cue and r.cue.first or p.first)
    local b = math.max(q.close or q.last, p.last, r.cue and r.cue.last or p.last)
    local lo, hi = v:para_range(v.para[q.first])
    if a >= lo and b <= hi then
      local s, e = sentence_bounds(v, a, b, lo, hi)
      q.relay = relay.find(L, v, s, e)
    end
    cr:note_speaker(p, p.first, q)
  end

  -- indirect speech first collects speakers that quotes' pronouns may need;
  -- its pronouns are resolved in document order with the quotes below
  local indirect = spans.indirect(L, v, function(cue)
    local p = phrases.back(L, v, phrases.skip_aux_back(L, v, cue.first - 1, 1), 1)
    return p
  end)
  local events = {}
  for _, q in ipairs(v.quotes) do events[#events + 1] = { pos = q.open or q.first, quote = q } end
  for _, ind in ipairs(indirect) do events[#events + 1] = { pos = ind.first, ind = ind } end
  table.sort(events, function(a, b) return a.pos < b.pos end)

  -- pass 1: the quote's own cue
  for _, ev in ipairs(events) do
    if ev.quote then
      local q = ev.quote
      local lo, hi = v:para_range(q.paragraph)
      local r = own(L, v, q, lo, hi)
      if r then fill(q, r) end
    else
      local ind = ev.ind
      cr:resolve(ind.phrase, ind.phrase.first)
      cr:note_speaker(ind.phrase, ind.phrase.first)
    end
  end

  -- pass 2: neighbours
  local quotes = v.quotes
  local extra = {} -- quotes found inside transcript excerpts
  for i, q in ipairs(quotes) do
    -- a headline quote: the headline's own way of naming its speaker
    if not q.rule and q.paragraph == 1 and rules.on("headline_subject") then
      local r = headline.speaker(L, v, cr, q)
      if r then fill(q, r) end
    end
    if not q.rule then
      local lo, hi = v:para_range(q.paragraph)
      local nxt = quotes[i + 1]
      local prev = quotes[i - 1]
      -- “…” “…,” he said: only punctuation between this quote and the next
      if nxt and nxt.paragraph == q.paragraph and nxt.rule and rules.on("split_before")
          and (nxt.rule == "quote_cue_speaker" or nxt.rule == "quote_speaker_cue") then
        local only_punct = true
        for k = (q.close or q.last) + 1, (nxt.open or nxt.first) - 1 do
          if not v:punct(k) then only_punct = false break end
        end
        if only_punct then inherit(q, nxt, "split_before") end
      end
      -- a sentence of its own with a subject: “…,” he said. He added that … “…”
      -- (a short quote only where the previous quote of the paragraph would
      -- have given it a speaker anyway: alone it may be a term)
      local after_quote = prev and prev.paragraph == q.paragraph and prev.rule and prev.speaker_kind ~= nil
      if not q.rule and rules.on("sentence_subject") and (after_quote or not spans.is_term(v, q)) then
        local r = speakers.sentence_subject(L, v, q, lo)
        if r then fill(q, r) end
      end
      if not q.rule and prev and prev.paragraph == q.paragraph and prev.rule and prev.speaker_kind ~= nil
          and rules.on("same_paragraph") then
        inherit(q, prev, "same_paragraph")
      end
      -- a quote carried over from the previous paragraph (the scanner saw it continue)
      if not q.rule and q.continues and prev and prev.rule and rules.on("continuation") then
        inherit(q, prev, "continuation")
      end
      -- “…” Blah. “…,” he said: the next quote of the paragraph has its own cue
      if not q.rule and nxt and nxt.paragraph == q.paragraph and nxt.rule and not nxt.from
          and rules.on("next_in_paragraph") then
        inherit(q, nxt, "next_in_paragraph")
      end
      if not q.rule and prev and prev.rule and rules.on("continuation")
          and (q.open or q.first) == lo and prev.paragraph < q.paragraph
          and (prev.continued or prev.paragraph == q.paragraph - 1) then
        inherit(q, prev, "continuation")
      end
      -- a paragraph that is only a quote continues the previous paragraph's
      -- speaker, or the person its last sentences are about
      if not q.rule and rules.on("previous_paragraph") and (q.open or q.first) == lo and q.paragraph > 1 then
        local plo, phi = v:para_range(q.paragraph - 1)
        local last = (q.close or q.last)
        if plo and (last == hi or (last + 1 == hi and v:punct(hi))) then
          local best
          for k = #cr.speakers, 1, -1 do
            local sp = cr.speakers[k]
            if sp.pos >= plo and sp.pos <= phi then best = sp break end
            if sp.pos < plo then break end
          end
          if best and best.quote then
            inherit(q, best.quote, "previous_paragraph")
          elseif best and best.phrase then
            adopt(q, best.phrase, "previous_paragraph")
          else
            local p = speakers.paragraph_subject(L, v, plo, phi)
            if p then
              cr:resolve(p, p.first)
              adopt(q, p, "previous_paragraph")
            end
          end
        end
      end
      -- “…” after a sentence of the paragraph with a subject: its subject
      if not q.rule and rules.on("previous_sentence") and not spans.is_term(v, q) then
        local r = speakers.previous_sentence(L, v, q, lo)
        if r then fill(q, r) end
      end
      if not q.rule and rules.on("paragraph_speaker") and not spans.is_term(v, q) then
        -- the latest speaker of an indirect attribution earlier in the paragraph
        local best
        for _, ind in ipairs(indirect) do
          if ind.first >= lo and ind.last < (q.open or q.first) and ind.phrase.speaker then best = ind end
        end
        if best then
          local p = best.phrase
          q.phrase, q.speaker, q.role, q.speaker_kind = p, p.speaker, p.role, p.kind
          q.mention = { start = v.start[p.first], ["end"] = v.stop[p.last] }
          q.mention_text = v:phrase(p.first, p.last)
          q.cue, q.lemma, q.manner = v:phrase(best.cue.first, best.cue.last), best.cue.lemma, best.cue.manner
          q.rule = "paragraph_speaker"
          q.confidence = rules.confidence("paragraph_speaker", p.resolved_by)
        end
      end
    end
  end

  -- last resort: the subject of the quote's sentence, for quotes that are
  -- not titles
  if rules.on("clause_subject") then
    for _, q in ipairs(quotes) do
      local title = spans.title_cased(v, q) and v:words_in(q) <= spans.title_words
      if not q.rule and (q.introduced or not title) then
        local lo = v:para_range(q.paragraph)
        local r = rules.on("relative_clause") and speakers.relative_clause(L, v, q, lo)
          or speakers.clause_subject(L, v, q, lo)
        if r then fill(q, r) end
      end
    end
  end

  -- and for quotes still without one that are not terms: the latest
  -- speaker of this or the two paragraphs before
  if rules.on("recent_speaker") then
    for _, q in ipairs(quotes) do
      if not q.rule and not spans.is_term(v, q) then
        local pos = q.open or q.first
        local best
        for _, sp in ipairs(cr.speakers) do
          if sp.pos < pos and q.paragraph - sp.para <= 2 and (not best or sp.pos > best.pos) then
            best = sp
          end
        end
        if best and best.quote and best.quote.rule then
          inherit(q, best.quote, "recent_speaker")
        elseif best and best.phrase then
          adopt(q, best.phrase, "recent_speaker")
        end
      end
    end
  end

  for _, q in ipairs(quotes) do
    if spans.excerpt(v, q) then
      clear(q)
      q.kind, q.rule, q.confidence = "term", "excerpt", rules.confidence("excerpt")
      -- the quotes inside a transcript line are its speaker's
      -- (“PENCE: … “Shark Tank.” …”)
      if rules.on("excerpt_speaker") then
        local label = { first = q.first, last = q.first, kind = "person", name = v.tok[q.first], view = v,
          text = v.tok[q.first] }
        cr:resolve(label, q.first)
        for _, n in ipairs(q.nested or {}) do
          local inner = { start = n.start, stop = n.stop, text = n.text, paragraph = n.paragraph,
            kind = "partial", first = q.first }
          adopt(inner, label, "excerpt_speaker")
          extra[#extra + 1] = inner
        end
      end
    else
      -- direct, partial, or a term (spans.lua); a term keeps no attribution
      local kind, term_rule = spans.classify(v, q, WEAK[q.rule or "none"])
      if term_rule then clear(q) end
      q.kind, q.rule = kind, term_rule or q.rule or "none"
      if term_rule or q.rule == "none" then q.confidence = rules.confidence(q.rule) end
    end
    out[#out + 1] = q
  end
  for _, q in ipairs(extra) do out[#out + 1] = q end
  table.sort(out, function(a, b) return a.start < b.start end)
  local ind_out = {}
  for _, ind in ipairs(indirect) do
    local p = ind.phrase
    ind_out[#ind_out + 1] = {
      start = v.start[ind.first], stop = v.stop[ind.last], text = v:phrase(ind.first, ind.last),
      kind = "indirect", speaker = p.speaker, speaker_kind = p.kind, role = p.role,
      mention = { start = v.start[p.first], ["end"] = v.stop[p.last] },
      mention_text = v:phrase(p.first, p.last),
      cue = v:phrase(ind.cue.first, ind.cue.last), lemma = ind.cue.lemma, manner = ind.cue.manner,
      rule = "indirect", confidence = rules.confidence("speaker_cue_quote", p.resolved_by),
      paragraph = v.para[ind.first],
    }
  end
  return { quotes = out, indirect = ind_out, view = v }
end

return M
