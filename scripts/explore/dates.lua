-- explore/dates.lua — dates in news text and what day they mean. Found in
-- a sentence's tokens:
--   explicit dates    April 23, 2025 · 23 April 2025 · Apr. 23 · 2025-04-23
--   years             in 2014, since 2022 (after in/since/until/by/from/before/after/during)
--   weekdays          (on) Tuesday · last Tuesday · next Tuesday · this Tuesday
--   relative days     yesterday · today · tomorrow
--   weeks             last week · this week · next week
-- and resolved against the article's date when it is known:
--   - a date without a year takes the article's year;
--   - a weekday is the article's own day if it is that weekday; "last X"
--     is the X before it and "next X" the X after it; a bare weekday is the
--     X before it (news reports what happened) unless its clause points
--     ahead (will, scheduled, expected, … before any past-tense verb such
--     as said), then the X after it; so "said Tuesday" in an article dated
--     Wednesday 23 April 2025 is 22 April 2025, and "will not attend talks
--     … on Wednesday" in one dated Tuesday 22 April is 23 April;
--   - a week is the Monday it starts on.
local M = {}

local DAY = 86400

-- Seconds at noon UTC-agnostic local time of a date (noon avoids DST edges).
local function time_of(y, m, d)
  return os.time({ year = y, month = m, day = d, hour = 12 })
end

-- The date n days after (y, m, d), as y, m, d, weekday (1 = Sunday).
local function add_days(y, m, d, n)
  local t = os.date("*t", time_of(y, m, d) + n * DAY)
  return t.year, t.month, t.day, t.wday
end
M.add_days = add_days

-- The weekday (1 = Sunday … 7 = Saturday) of a date.
function M.weekday(y, m, d)
  return os.date("*t", time_of(y, m, d)).wday
end

-- ISO text of a date.
local function iso(y, m, d)
  return string.format("%04d-%02d-%02d", y, m, d)
end
M.iso = iso

-- The article date as y, m, d from a YYYYMMDD key (nil if 0 or partial).
function M.from_key(key)
  if not key or key == 0 then return nil end
  local y, m, d = key // 10000, key // 100 % 100, key % 100
  if m < 1 or m > 12 or d < 1 or d > 31 then return nil end
  return y, m, d
end

-- An ISO date string as y, m, d (nil if it is not one).
function M.parse_iso(s)
  local y, m, d = (s or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > 31 then return nil end
  return y, m, d
end

local YEAR_BEFORE = { ["in"] = true, since = true, ["until"] = true, by = true, from = true, before = true,
  after = true, during = true }

-- A number token's value if it is a day of the month.
local function day_of(t)
  if not t or t.kind ~= "number" or not t.text:match("^%d%d?$") then return nil end
  local n = tonumber(t.text)
  return n >= 1 and n <= 31 and n or nil
end

-- A number token's value if it is a year (1900-2099).
local function year_of(t)
  if not t or t.kind ~= "number" or not t.text:match("^%d%d%d%d$") then return nil end
  local n = tonumber(t.text)
  return n >= 1900 and n <= 2099 and n or nil
end

-- A token's month (1-12), if it names one: a capitalized month name or
-- abbreviation ("May" only before a day or a year).
local function month_of(t, lex)
  if not t or not t.capitalized or (t.kind ~= "word" and t.kind ~= "abbrev") then return nil end
  return lex.months[(t.norm:gsub("%.$", ""))]
end

-- The date expressions of one sentence (tokens: its token tables), each
-- { text, first, last (token indices), kind, y, m, d, weekday, modifier }.
function M.find(tokens, lex)
  local out = {}
  local i = 1
  local function text_of(a, b)
    -- Cut from the sentence by the tokens' spans, keeping the original spacing.
    local parts = {}
    for k = a, b do
      if k > a and tokens[k].space_before then parts[#parts + 1] = " " end
      parts[#parts + 1] = tokens[k].text
    end
    return table.concat(parts)
  end
  while i <= #tokens do
    local t = tokens[i]
    local n1, n2 = tokens[i + 1], tokens[i + 2]
    local month = month_of(t, lex)
    local found
    if month and day_of(n1) then
      -- April 23[, 2025]
      local year, last = nil, i + 1
      if n2 and n2.text == "," and year_of(tokens[i + 3]) then
        year, last = year_of(tokens[i + 3]), i + 3
      elseif year_of(n2) then
        year, last = year_of(n2), i + 2
      end
      found = { kind = "date", first = i, last = last, y = year, m = month, d = day_of(n1) }
    elseif day_of(t) and month_of(n1, lex) and (t.norm ~= "may" or true) then
      -- 23 April[ 2025]
      local year, last = year_of(n2), i + 1
      if year then last = i + 2 end
      found = { kind = "date", first = i, last = last, y = year, m = month_of(n1, lex), d = day_of(t) }
    elseif t.kind == "number" and t.text:match("^%d%d%d%d%-%d%d%-%d%d$") then
      local y, m, d = M.parse_iso(t.text)
      if y then found = { kind = "date", first = i, last = i, y = y, m = m, d = d } end
    elseif year_of(t) and tokens[i - 1] and YEAR_BEFORE[tokens[i - 1].norm] then
      found = { kind = "year", first = i, last = i, y = year_of(t) }
    elseif t.capitalized and lex.weekdays[t.norm] then
      local prev = tokens[i - 1] and tokens[i - 1].norm
      local modifier = (prev == "last" or prev == "next" or prev == "this") and prev or nil
      found = { kind = "weekday", first = modifier and i - 1 or i, last = i, weekday = lex.weekdays[t.norm],
        modifier = modifier }
    elseif t.norm == "yesterday" or t.norm == "today" or t.norm == "tomorrow" then
      found = { kind = "relative", first = i, last = i, offset = ({ yesterday = -1, today = 0,
          tomorrow = 1 })[t.norm] }
    elseif t.norm == "week" and tokens[i - 1] and (tokens[i - 1].norm == "last"
        or tokens[i - 1].norm == "this"
        or tokens[i - 1].norm == "next") then
      found = { kind = "week", first = i - 1, last = i, modifier = tokens[i - 1].norm }
    end
    if found then
      found.text = text_of(found.first, found.last)
      out[#out + 1] = found
      i = found.last + 1
    else
      i = i + 1
    end
  end
  return out
end

-- Whether the clause of a weekday (tokens before it, back to a comma,
-- colon or quote mark) points ahead: a word such as will or scheduled
-- comes before any verb in the past (said, confirmed, -ed).
local function future(tokens, first, lex)
  for k = first - 1, 1, -1 do
    local t = tokens[k]
    if t.kind == "punct" or t.kind == "quote" then return false end
    if lex.future[t.norm] then return true end
    if lex.speech[t.norm] or (t.kind == "word" and t.norm:match("%aed$")) then return false end
  end
  return false
end

-- Resolve one expression against the article date (ay, am, ad; nil when
-- unknown). Returns the resolved ISO text (or the year, or nil), the
-- precision (day, week, year) and a short note saying how.
function M.resolve(e, tokens, ay, am, ad, lex)
  if e.kind == "date" then
    if e.y then return iso(e.y, e.m, e.d), "day", "explicit" end
    if ay then return iso(ay, e.m, e.d), "day", "year of the article" end
    return nil, "day", "no year and no article date"
  elseif e.kind == "year" then
    return string.format("%04d", e.y), "year", "explicit"
  end
  if not ay then return nil, e.kind == "week" and "week" or "day", "needs the article's date" end
  if e.kind == "relative" then
    local y, m, d = add_days(ay, am, ad, e.offset)
    return iso(y, m, d), "day", "relative to the article"
  elseif e.kind == "week" then
    local wd = M.weekday(ay, am, ad)
    local back = (wd + 5) % 7 -- days since Monday
    local shift = ({ last = -7, this = 0, next = 7 })[e.modifier]
    local y, m, d = add_days(ay, am, ad, shift - back)
    return iso(y, m, d), "week", e.modifier .. " week: the Monday it starts"
  end
  -- A weekday.
  local wd = M.weekday(ay, am, ad)
  local before = (wd - e.weekday) % 7 -- days back to the last such weekday (0: today)
  local after = (e.weekday - wd) % 7
  local shift, how
  if e.modifier == "last" then
    shift, how = -(before == 0 and 7 or before), "last: the one before the article"
  elseif e.modifier == "next" then
    shift, how = (after == 0 and 7 or after), "next: the one after the article"
  elseif before == 0 then
    shift, how = 0, "the article's own day"
  elseif future(tokens, e.first, lex) then
    shift, how = after, "ahead (the sentence points to the future)"
  else
    shift, how = -before, "the one before the article"
  end
  local y, m, d = add_days(ay, am, ad, shift)
  return iso(y, m, d), "day", how
end

return M
