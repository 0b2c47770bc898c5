-- derivation.lua — which article of a related pair was made from the
-- other, with the evidence, or "undecided".
--
-- Evidence, strongest first:
--   dates      when both articles carry a date and they differ, the earlier
--              one is the source (a copy cannot precede its original);
--   specifics  names and numbers each article has that the other lacks. A
--              rewrite or summary drops details far more often than it
--              invents them, so the article holding clearly more of its
--              own specifics is the source;
--   containment the share of each article inside aligned passages and the
--              5-gram containment both ways. Reported, not decisive: an
--              expansion (source + commentary) and a summary (source −
--              details) leave opposite asymmetries, so on its own it would
--              reverse one of them;
--   shared only sentences the two report and no other source does: a
--              sign they are related directly rather than through a common
--              third article (filled in by unique.lua).
local need = ...
local similarity = need("similarity")

local M = {}

-- Specifics must differ by this ratio and this many to decide.
M.SPECIFICS_RATIO = 1.5
M.SPECIFICS_MARGIN = 5

-- Whether token ti of a prepared document is a specific: a name (a
-- capitalized word not opening its sentence or a quotation, an
-- abbreviation) or a number, and a content word.
function M.is_specific(doc, ti)
  local t, prev = doc.tokens[ti], doc.tokens[ti - 1]
  if not t or not (t.kind == "word" or t.kind == "abbrev" or t.kind == "number") then return false end
  if not similarity.is_content(t.norm) then return false end
  if t.has_digit then return true end
  -- A capital opening a sentence or a quotation says nothing.
  return prev ~= nil and prev.sentence == t.sentence and prev.kind ~= "quote"
    and (t.capitalized or t.allcaps or t.kind == "abbrev")
end

-- The content stem of a token.
function M.stem_of(t)
  return similarity.stem(t.norm)
end

-- The specifics of a prepared document, as a set of stems.
function M.specifics(doc)
  if doc.specifics then return doc.specifics end
  local s = {}
  for ti in ipairs(doc.tokens) do
    if M.is_specific(doc, ti) then s[M.stem_of(doc.tokens[ti])] = true end
  end
  doc.specifics = s
  return s
end

-- How many keys of x are not in y.
local function missing_from(x, y)
  local n = 0
  for k in pairs(x) do if not y[k] then n = n + 1 end end
  return n
end

-- A date's day as YYYY-MM-DD, or nil.
local function day_of(date)
  return date and date:match("^(%d%d%d%d%-%d%d%-%d%d)") or nil
end

-- The direction of a pair: {source = name, derived = name} or nil, and the
-- evidence as a table (the reading of each kind of evidence in words and
-- numbers).
function M.decide(a, b, measures)
  local ev = {}
  local da, db = day_of(a.date), day_of(b.date)
  ev.dates = { a = a.date, b = b.date }
  local sa, sb = M.specifics(a), M.specifics(b)
  local na, nb = missing_from(sa, sb), missing_from(sb, sa)
  ev.specifics = { a_only = na, b_only = nb }
  ev.containment = { reused_a = measures.reused_a, reused_b = measures.reused_b,
    a_in_b = measures.a_in_b, b_in_a = measures.b_in_a }
  local source, derived
  if da and db and da ~= db then
    if da < db then source, derived = a, b else source, derived = b, a end
    ev.decided_by = "dates"
  elseif na >= M.SPECIFICS_RATIO * nb and na - nb >= M.SPECIFICS_MARGIN then
    source, derived = a, b
    ev.decided_by = "specifics"
  elseif nb >= M.SPECIFICS_RATIO * na and nb - na >= M.SPECIFICS_MARGIN then
    source, derived = b, a
    ev.decided_by = "specifics"
  else
    ev.decided_by = "undecided"
  end
  if not source then return nil, ev end
  return { source = source.name, derived = derived.name }, ev
end

return M
