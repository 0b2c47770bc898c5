-- derivation.lua — which article of a related pair was made from the
-- other, with the evidence, or "undecided".
--
-- Evidence, strongest first:
--   dates      when both articles carry a date (and time, when given) and
--              they differ, the earlier one is the source (a copy cannot
--              precede its original);
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

local MONTHS = { jan = 1, feb = 2, mar = 3, apr = 4, may = 5, jun = 6, jul = 7, aug = 8, sep = 9, oct = 10,
  nov = 11, dec = 12 }

-- A date as a sortable "YYYY-MM-DD HH:MM:SS" (time "00:00:00" when not
-- given), or nil. Reads ISO 8601 (2025-04-22, 2025-04-22T10:15:00Z) and
-- the day-month-year form of wire archives (26-FEB-1987 15:01:01.79).
function M.moment(date)
  if type(date) ~= "string" then return nil end
  local y, mo, d, rest = date:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)(.*)$")
  if not y then
    local dd, mon, yy
    dd, mon, yy, rest = date:match("^(%d%d?)[%- ](%a%a%a)%a*[%- ](%d%d%d%d)(.*)$")
    if dd and MONTHS[mon:lower()] then
      y, mo, d = yy, string.format("%02d", MONTHS[mon:lower()]), string.format("%02d", tonumber(dd))
    end
  end
  if not y then return nil end
  local h, mi, sec = (rest or ""):match("^[T ](%d%d):(%d%d):?(%d?%d?)")
  if not sec or sec == "" then sec = "00" end
  return string.format("%s-%s-%s %s:%s:%s", y, mo, d, h or "00", mi or "00", sec)
end

-- Specifics of the linked sentences (unique.links: sentences the two
-- articles both report) that the other article lacks: the details a
-- rewrite of the same sentence dropped or added. Unlike the whole-article
-- count, material only one article has (a paragraph taken from a third
-- source, commentary) does not weigh here.
function M.linked_specifics(a, b, links)
  local sa, sb = M.specifics(a), M.specifics(b)
  local na, nb, seen_a, seen_b = 0, 0, {}, {}
  for _, l in ipairs(links) do
    if not seen_a[l[1]] then
      seen_a[l[1]] = true
      local s = a.sentences[l[1]]
      for ti = s.first, s.last do
        if M.is_specific(a, ti) and not sb[M.stem_of(a.tokens[ti])] then na = na + 1 end
      end
    end
    if not seen_b[l[2]] then
      seen_b[l[2]] = true
      local s = b.sentences[l[2]]
      for ti = s.first, s.last do
        if M.is_specific(b, ti) and not sa[M.stem_of(b.tokens[ti])] then nb = nb + 1 end
      end
    end
  end
  return na, nb
end

-- Linked specifics must differ by this ratio and this many to decide.
M.LINKED_RATIO = 2
M.LINKED_MARGIN = 5

-- 1 when x clearly exceeds y by the ratio and margin, -1 the other way, 0
-- otherwise.
local function lean(x, y, ratio, margin)
  if x >= ratio * y and x - y >= margin then return 1 end
  if y >= ratio * x and y - x >= margin then return -1 end
  return 0
end

-- The direction of a pair: {source = name, derived = name} or nil, and the
-- evidence as a table (the reading of each kind of evidence in words and
-- numbers). `links` are the pair's linked sentences (unique.links).
-- Without dates, both counts of specifics must lean the same way: on the
-- benchmark (bench/compare) the whole-article count alone reverses most
-- of the pairs it decides, since a derived version that takes in a
-- paragraph from elsewhere gains names and numbers of its own.
function M.decide(a, b, measures, links)
  local ev = {}
  local da, db = M.moment(a.date), M.moment(b.date)
  ev.dates = { a = a.date, b = b.date }
  local sa, sb = M.specifics(a), M.specifics(b)
  local na, nb = missing_from(sa, sb), missing_from(sb, sa)
  local la, lb = M.linked_specifics(a, b, links or {})
  ev.specifics = { a_only = na, b_only = nb, linked_a_only = la, linked_b_only = lb }
  ev.containment = { reused_a = measures.reused_a, reused_b = measures.reused_b,
    a_in_b = measures.a_in_b, b_in_a = measures.b_in_a }
  local source, derived
  local whole = lean(na, nb, M.SPECIFICS_RATIO, M.SPECIFICS_MARGIN)
  local linked = lean(la, lb, M.LINKED_RATIO, M.LINKED_MARGIN)
  if da and db and da ~= db then
    if da < db then source, derived = a, b else source, derived = b, a end
    ev.decided_by = "dates"
  elseif whole ~= 0 and whole == linked then
    if whole > 0 then source, derived = a, b else source, derived = b, a end
    ev.decided_by = "specifics"
  else
    ev.decided_by = "undecided"
  end
  if not source then return nil, ev end
  return { source = source.name, derived = derived.name }, ev
end

return M
