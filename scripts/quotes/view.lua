-- view.lua — one document as attribution reads it: its tokens as flat
-- arrays (Document:columns), its top-level quote spans (Document:quotes),
-- which token lies inside which quote, and small predicates on tokens.
--
-- Token positions are 1-based indices into the columns; a span's tokens are
-- `first..last` (its marks excluded), `open`/`close` its mark tokens.

local M = {}

local CAP, ALLCAPS = 1, 2

-- Kinds of token that carry words.
local WORDLIKE = { word = true, abbrev = true, number = true, cjk = true }

-- Sentence-final punctuation.
local FINAL = { ["."] = true, ["?"] = true, ["!"] = true, ["…"] = true }

-- A norm without its possessive `'s` (norm:gsub("'s$", ""), without the
-- pattern machinery for the many words that do not end in s).
function M.strip_s(norm)
  if norm:byte(-1) == 115 and norm:byte(-2) == 39 then return norm:sub(1, -3) end
  return norm
end

local View = {}
View.__index = View

-- The first token index whose start is >= pos (binary search), n + 1 if none.
local function first_at_or_after(starts, n, pos)
  local lo, hi = 1, n + 1
  while lo < hi do
    local mid = (lo + hi) // 2
    if starts[mid] < pos then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- Build the view of document d. `spans` (optional) replaces the scanner's
-- spans, for tests.
function M.new(d, spans)
  local c = d:columns()
  local v = setmetatable({
    doc = d,
    text = d:text(),
    n = #c.norm,
    tok = c.text, norm = c.norm, kind = c.kind, start = c.start, stop = c.stop,
    sent = c.sentence, para = c.paragraph, flags = c.flags,
    inq = {},      -- token index -> index of the top-level quote it is inside (marks included)
    quotes = {},   -- top-level spans, each with first/last/open/close token indices and
                   -- `nested`, the spans one level inside it
  }, View)
  -- words written with a capital where no sentence starts: names, as far
  -- as the document tells (a word capitalised only at sentence starts is not)
  local midcap = {}
  local flags, toks, para, kind, norm = v.flags, v.tok, v.para, v.kind, v.norm
  for i = 2, v.n do
    if flags[i] & CAP ~= 0 then
      local prev = toks[i - 1]
      if para[i - 1] == para[i] and not FINAL[prev] and kind[i - 1] ~= "quote"
          and prev ~= ":" and prev ~= "—" then
        midcap[M.strip_s(norm[i])] = true
      end
    end
  end
  v.midcap = midcap
  local all = spans or assert(d:quotes())
  for _, s in ipairs(all) do
    if s.depth == 0 then
      local q = {
        start = s.start, stop = s.stop, text = s.text, paragraph = s.paragraph, style = s.style,
        unclosed = s.unclosed, continues = s.continues, continued = s.continued,
        mismatched = s.mismatched, no_opener = s.no_opener,
      }
      q.first = first_at_or_after(v.start, v.n, s.start)
      q.last = first_at_or_after(v.start, v.n, s.stop) - 1
      q.open = s.open_token
      q.close = s.close_token
      if q.last >= q.first then
        v.quotes[#v.quotes + 1] = q
        q.index = #v.quotes
        local a = q.open or q.first
        local b = q.close or q.last
        for i = a, b do v.inq[i] = q.index end
      end
    elseif s.depth == 1 and #v.quotes > 0 then
      -- a quote inside the latest top-level one (kept for transcript excerpts)
      local outer = v.quotes[#v.quotes]
      outer.nested = outer.nested or {}
      table.insert(outer.nested, { start = s.start, stop = s.stop, text = s.text, paragraph = s.paragraph,
        style = s.style })
    end
  end
  return v
end

-- Whether token i opens a sentence (or a paragraph, or follows a quote
-- mark or a colon).
function View:sentence_initial(i)
  if i == 1 or self.para[i - 1] ~= self.para[i] then return true end
  local p = self.tok[i - 1]
  if self.kind[i - 1] == "quote" then
    -- after an opening mark, or after a closing mark whose quote ended a sentence
    if self.inq[i] and self.inq[i] == self.inq[i - 1] then return true end
    return i > 2 and FINAL[self.tok[i - 2]] == true
  end
  return FINAL[p] == true or p == ":" or p == "—"
end

-- Whether token i is capitalised (its first letter upper or title case).
function View:cap(i) return self.flags[i] & CAP ~= 0 end

-- Whether token i is written in capitals (two letters or more).
function View:allcaps(i) return self.flags[i] & ALLCAPS ~= 0 end

-- Whether token i is a word, abbreviation, number or CJK run.
function View:wordlike(i) return WORDLIKE[self.kind[i]] == true end

-- Whether token i is punctuation (not a quote mark).
function View:punct(i) return self.kind[i] == "punct" end

-- Whether token i ends a sentence (. ? ! …).
function View:final(i) return FINAL[self.tok[i]] == true end

-- Whether token i is the first of its paragraph.
function View:para_start(i) return i == 1 or self.para[i - 1] ~= self.para[i] end

-- The text between two byte offsets.
function View:slice(a, b) return self.text:sub(a + 1, b) end

-- The text of tokens i..j (as written, spaces kept).
function View:phrase(i, j) return self.text:sub(self.start[i] + 1, self.stop[j]) end

-- Number of words in a quote.
function View:words_in(q)
  local n, kind = 0, self.kind
  for i = q.first, q.last do
    if WORDLIKE[kind[i]] then n = n + 1 end
  end
  return n
end

-- The first and last token of paragraph p that the view holds (nil if none).
-- (memoised per view: the rules ask for the same few paragraphs again and again)
function View:para_range(p)
  local memo = self.para_memo
  if not memo then
    memo = {}
    self.para_memo = memo
  end
  local r = memo[p]
  if r == nil then
    local lo = first_at_or_after(self.para, self.n, p)
    if lo > self.n or self.para[lo] ~= p then
      r = false
    else
      r = { lo, first_at_or_after(self.para, self.n, p + 1) - 1 }
    end
    memo[p] = r
  end
  if not r then return nil end
  return r[1], r[2]
end

return M
