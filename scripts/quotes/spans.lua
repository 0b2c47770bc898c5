-- spans.lua — what kind of quotation a span is, and indirect speech.
--
-- Kinds (the output contract's `kind`):
--   direct    a whole utterance: it opens its sentence or follows a cue's
--             comma or colon, and starts with a capital
--   partial   words quoted inside the reporter's sentence (`called it “a disaster”`)
--   term      not words said: a scare quote, title or nickname (no
--             attribution, and short or title-cased), a show's or book's
--             title, a subhead, a signature line, a pull quote, a transcript
--             excerpt (M.classify gives the rule)
--   indirect  reported speech without marks: `Zelensky said that …`

local cues = require("quotes.cues")
local headlines = require("quotes.headline")

local M = {}

-- Rules whose quotes have no cue of their own: the rules that borrow a
-- neighbour's speaker, and the marks of a quote nobody said or no rule
-- attributed. A copy of such a quote does not make a pull quote.
local NO_CUE = { same_paragraph = true, continuation = true, clause_subject = true,
  paragraph_speaker = true, previous_paragraph = true, split_before = true, recent_speaker = true,
  none = true, term = true, title = true, subhead = true, signature = true, pull_quote = true,
  excerpt = true }

-- At most this many words, unattributed: a term.
M.term_words = 3
-- Title-cased and unattributed, at most this many words: a title.
M.title_words = 6
-- A paragraph mostly capitalised is a headline when it has at least this
-- many words of four letters or more outside quotes.
M.headline_min_words = 5

-- Tokens after which a capitalised quote is a whole utterance.
local LEADS = { [","] = true, [":"] = true, ["."] = true, ["?"] = true, ["!"] = true, ["—"] = true,
  ["–"] = true, ["("] = true, [";"] = true }

-- Words a title leaves in lower case beyond those of three letters or
-- fewer ("Contract with America", "Notes from Underground").
local MINOR = { with = true, from = true, into = true, onto = true, over = true, upon = true, than = true,
  under = true, without = true }

-- Whether every word of the quote that can be capitalised is (a title).
local function title_cased(v, q)
  local words, caps = 0, 0
  local kind, norm, flags = v.kind, v.norm, v.flags
  for i = q.first, q.last do
    if kind[i] == "word" then
      words = words + 1
      local n = norm[i]
      -- (flags bit 1: capitalised, as View:cap reads it)
      if flags[i] & 1 ~= 0 or #n <= 3 or MINOR[n] then caps = caps + 1 end
    end
  end
  return words > 0 and caps == words
end

-- Whether quote q fills its paragraph: it opens it, and only punctuation
-- follows its closing mark.
local function whole_paragraph(v, q)
  local lo, hi = v:para_range(q.paragraph)
  if not lo or (q.open or q.first) ~= lo then return false end
  for i = (q.close or q.last) + 1, hi do
    if not v:punct(i) then return false end
  end
  return true
end

-- Whether paragraph p is a headline, so that a title-cased quote there
-- says nothing: the document's first paragraph when it reads as a headline
-- (quotes/headline.lua), or a paragraph whose words outside quotes are
-- mostly capitalised.
local function headline(v, p)
  if p == 1 and headlines.is_headline(v, p) then return true end
  local lo, hi = v:para_range(p)
  if not lo then return false end
  local words, caps = 0, 0
  for i = lo, hi do
    if not v.inq[i] and v.kind[i] == "word" and #v.norm[i] > 3 then
      words = words + 1
      if v:cap(i) then caps = caps + 1 end
    end
  end
  -- (a few words say little: "…,” Trump told NBC’s “Today” on Monday.")
  return words >= M.headline_min_words and caps >= 0.7 * words
end

-- Whether a quote is a title (of a show, a book, a slogan): every word
-- capitalised, at most `title_words` words, in a paragraph that is not a
-- headline. A title-cased quote in a headline is an utterance like any other.
function M.title(v, q)
  local n = v:words_in(q)
  if not title_cased(v, q) then return false end
  -- a headline in capitals, quoted (“EUROPEANS ASK IF VIOLENCE IS …”)
  if n >= 2 and M.capitals(v, q) then return not headline(v, q.paragraph) end
  if n > M.title_words then return false end
  local long = false
  for i = q.first, q.last do
    if v.kind[i] == "word" and #v.norm[i] > 3 then long = true end
  end
  return long and not headline(v, q.paragraph)
end

-- Whether every word of quote q is written in capitals.
function M.capitals(v, q)
  for i = q.first, q.last do
    if v.kind[i] == "word" and not v:allcaps(i) then return false end
  end
  return true
end

-- At most this many words in a subhead.
M.subhead_words = 6

-- Whether quote q is a subhead: a paragraph (not the first) that is only
-- a short quote in single marks ("'A change warrior.'"), a phrase from the
-- section below it set as its heading, which nobody said there.
function M.subhead(v, q)
  if q.style ~= "single" or q.paragraph == 1 or v:words_in(q) > M.subhead_words then return false end
  return whole_paragraph(v, q)
end

-- At most this many words in a signature line.
M.signature_words = 8

-- Whether quote q is the signature line of a quote set apart from the
-- text: a paragraph that only a closing mark makes a quote, short and
-- capitalised ("“[Sanders] should stay in …¶Former NAACP president Ben
-- Jealous.”"): the name of who said the lines above, not words said.
function M.signature(v, q)
  return q.no_opener and q.open == nil and v:cap(q.first) and v:words_in(q) <= M.signature_words
    and whole_paragraph(v, q)
end

-- The words of quote q, folded, as one string with a space around each.
local function folded(v, q)
  if not q.folded then
    local w = {}
    for i = q.first, q.last do
      if v:wordlike(i) then w[#w + 1] = v.norm[i] end
    end
    q.folded = " " .. table.concat(w, " ") .. " "
  end
  return q.folded
end

-- At least this many words in a quote repeated as a pull quote.
M.pull_words = 5

-- Whether quote q is a pull quote: a paragraph of its own whose words (at
-- least `pull_words`) are printed again inside another quote of the
-- document, one with a cue of its own. Only the attributed copy is the
-- quotation; the other repeats it for display. `weak` (as in classify)
-- says q has no cue of its own.
function M.pull_quote(v, q, weak)
  if not weak or v:words_in(q) < M.pull_words or not whole_paragraph(v, q) then return false end
  local mine = folded(v, q)
  for _, o in ipairs(v.quotes) do
    if o ~= q and o.rule and not NO_CUE[o.rule] and folded(v, o):find(mine, 1, true) then
      return true
    end
  end
  return false
end

-- Prepositions before a title ("said on “Face the Nation,”", "an
-- interview with “Fox and Friends.”").
local TITLE_PREPOSITIONS = { on = true, ["in"] = true, at = true, to = true, with = true, from = true,
  during = true, ["of"] = true, by = true }

-- Whether the word right before the quote's opening mark is a preposition.
function M.after_preposition(v, q)
  local o = (q.open or q.first) - 1
  return o >= 1 and v.para[o] == q.paragraph and TITLE_PREPOSITIONS[v.norm[o]] == true
end

-- Nouns of a work with a title: a quote in apposition to one is its title
-- ("his 2002 book, ''Make Your Kid a Millionaire,''", "the civil rights
-- anthem ''A Change Is Gonna Come''").
M.works = {
  book = true, books = true, memoir = true, novel = true, biography = true, song = true, anthem = true,
  album = true, film = true, movie = true, documentary = true, show = true, series = true, sitcom = true,
  program = true, programme = true, podcast = true, column = true, ["op-ed"] = true, editorial = true,
  essay = true, article = true, commentary = true, headline = true, slogan = true, hashtag = true,
  play = true, musical = true, opera = true, poem = true, painting = true, report = true, video = true,
  titled = true, entitled = true,
}

-- Whether the word before the quote's opening mark (a comma skipped) is
-- a noun of a work.
function M.after_work(v, q)
  local o = (q.open or q.first) - 1
  if o >= 1 and v.tok[o] == "," then o = o - 1 end
  return o >= 1 and v.para[o] == q.paragraph and not v.inq[o] and M.works[v.norm[o]] == true
end

-- Whether quote q is the title of a piece followed by its author: it opens
-- with a capital, and `by` and a capitalised word follow its closing mark
-- ("“An NYPD sketch artist gets a gallery show,” by Hyperallergic's Carey
-- Dunne"; "''This Kind of War,'' by T.R. Fehrenbach"). Lower-case words
-- before `by` are words someone used (“anointed” by God).
function M.by_author(v, q)
  if not v:cap(q.first) then return false end
  local n = (q.close or q.last) + 1
  if n <= v.n and v.tok[n] == "," then n = n + 1 end
  return n + 1 <= v.n and v.para[n + 1] == q.paragraph and v.norm[n] == "by" and v:cap(n + 1)
end

-- Whether the word right before the quote's opening mark is a
-- capitalised possessive: a show or book of a network or author
-- ("MSNBC's “Morning Joe”", "Ayn Rand's “Atlas Shrugged”").
function M.after_owner(v, q)
  local o = (q.open or q.first) - 1
  return o >= 1 and v.para[o] == q.paragraph and v:cap(o) and v.norm[o]:match("'s$") ~= nil
end

-- Whether a quote is an excerpt of a transcript: it opens with a speaker
-- label in capitals and a colon ("WALLACE: Let’s start …"). The speakers
-- are in the excerpt, not around it.
function M.excerpt(v, q)
  local f = q.first
  return f < q.last and v.kind[f] == "word" and v:allcaps(f) and v.tok[f + 1] == ":"
end

-- Whether quote q is introduced as words said: right after a colon
-- ("had one message: “Dump Trump.”") or a verb of saying, with or without
-- a comma ("he laughed and said, “We’ll see.”"). Such a quote is never a
-- term.
function M.introduced(L, v, q)
  local o = (q.open or q.first) - 1
  if o < 1 or v.para[o] ~= q.paragraph or v.inq[o] then return false end
  if v.tok[o] == ":" then return true end
  if v.tok[o] == "," then o = o - 1 end
  return o >= 1 and v.para[o] == q.paragraph and not v.inq[o] and L.verb[v.norm[o]] ~= nil
end

-- Whether quote q carries on a transcript excerpt: it opens its paragraph,
-- and the quote before it is an excerpt ("“PENCE: …") in the paragraph
-- before — a speaker's turn going on without its label, or a stage note.
function M.excerpt_goes_on(v, q)
  local prev = v.quotes[q.index - 1]
  if not prev or prev.rule ~= "excerpt" or prev.paragraph ~= q.paragraph - 1 then return false end
  local lo = v:para_range(q.paragraph)
  return (q.open or q.first) == lo
end

-- The kind of an attributed quote: direct or partial.
function M.kind(v, q)
  local o = q.open or q.first
  local lead = o > 1 and v.para[o - 1] == v.para[o] and v.tok[o - 1] or nil
  local starts = lead == nil or LEADS[lead] or v.kind[o - 1] == "quote"
  local first = v.tok[q.first]
  local capital = v:cap(q.first) or v.kind[q.first] == "number" or first == "(" or first == "["
    or first == "…" or first == "..."
  if starts and capital then return "direct" end
  return "partial"
end

-- Whether an unattributed quote reads as a term (scare quote, title, nickname).
function M.is_term(v, q)
  if q.introduced then return false end
  local n = v:words_in(q)
  if n <= M.term_words then return true end
  if n <= M.title_words and title_cased(v, q) and not v:final(q.last) then return true end
  return false
end

-- The kind of quote q once attribution has run: returns the kind, and the
-- rule that made it a term (nil when it is direct or partial). `weak` says
-- that q.rule (if any) gave it a speaker without a cue of its own.
function M.classify(v, q, weak)
  local introduced = q.introduced
  -- a title inherited from the quote before it in the paragraph (“…,” he
  -- said. “Donald Trump.”) is that speaker's next words
  if weak and q.rule == "same_paragraph" then weak = false end
  if M.subhead(v, q) then return "term", "subhead" end
  if not introduced and M.by_author(v, q) then return "term", "title" end
  if weak and M.excerpt_goes_on(v, q) then return "term", "excerpt" end
  if M.signature(v, q) then return "term", "signature" end
  if M.pull_quote(v, q, weak) then return "term", "pull_quote" end
  if not introduced and M.title(v, q) and (weak or M.after_preposition(v, q) or M.after_owner(v, q)
      or M.after_work(v, q)) then
    return "term", "title"
  end
  if q.rule then return M.kind(v, q) end
  if not introduced and M.is_term(v, q) then return "term", "term" end
  return M.kind(v, q)
end

-- Indirect speech in the sentences of view v: a `that`-taking cue with a
-- subject, followed (after an optional object, `told reporters that`) by
-- `that` and a clause holding no quote. Returns a list of
-- { first, last (the clause's tokens), cue, phrase }.
function M.indirect(L, v, subject_of)
  local out = {}
  local norm, inq, verb, multi = v.norm, v.inq, L.verb, L.multi
  for i = 1, v.n do
    -- (cues.at looks at the word's entries first: most words have none)
    local w = norm[i]
    if (verb[w] or multi[w]) and not inq[i] then
      local cue = cues.at(L, v, i)
      if cue and cue.that and not cue.phrase then
        local t = cue.last + 1
        if cue.object then
          while t <= v.n and t <= cue.last + 4 and v.norm[t] ~= "that" and not v:punct(t) and not v.inq[t] do
            t = t + 1
          end
        else
          while t <= v.n and t <= cue.last + 2 and v.norm[t] ~= "that" and (v:cap(t) or v.norm[t] == "on") do
            t = t + 1
          end
        end
        if t < v.n and v.norm[t] == "that" and v.para[t] == v.para[i] then
          local e, quoted = t + 1, false
          while e <= v.n and v.para[e] == v.para[i] and not (v:final(e) and not v.inq[e]) do
            if v.inq[e] then quoted = true end
            e = e + 1
          end
          local last = e - 1
          if not quoted and last > t + 1 then
            local p = subject_of(cue)
            if p then out[#out + 1] = { first = t + 1, last = last, cue = cue, phrase = p } end
          end
        end
      end
    end
  end
  return out
end

M.title_cased = title_cased
return M
