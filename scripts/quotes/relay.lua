-- relay.lua — the medium and outlets between a speaker and the article:
-- `told CNN`, `in a post on X`, `as reported by the New York Post`,
-- `Reuters reported, citing Russia’s Interfax`.
--
-- Looked for in the sentence of the attribution (from the sentence's start
-- to its end, quotes skipped). The result is nil or
-- { outlets = { {name, frame}, … }, medium = "X", text = "told CNN; …" }:
-- `frame` is how the outlet stands ("told", "reported", "citing",
-- "reported by", "according to", "interview with", "quoted by").

local cues = require("quotes.cues")

local M = {}

-- Frames read from the words before an outlet, longest first.
local BEFORE = {
  { "as", "reported", "by" }, { "reported", "by" }, { "in", "an", "interview", "with" },
  { "interview", "with" }, { "quoted", "by" }, { "according", "to" }, { "citing" }, { "told" },
  { "telling" }, { "to" }, { "on" }, { "in", "comments", "to" },
}

-- Whether the outlet's words (as written) stand at token i; returns the last index.
local function outlet_at(v, i, ws)
  if i + #ws - 1 > v.n then return nil end
  for k = 1, #ws do
    local t = v.tok[i + k - 1]
    if t ~= ws[k] and not (k == #ws and (t == ws[k] .. "’s" or t == ws[k] .. "'s")) then return nil end
  end
  return i + #ws - 1
end

-- The frame before token i (an outlet's first word), or nil.
local function frame_before(v, i, s)
  for _, f in ipairs(BEFORE) do
    local a = i - #f
    -- skip a determiner and a possessive country: "the", "Russia’s"
    for skip = 0, 2 do
      local b = a - skip
      if b >= s then
        local ok = true
        for k = 1, #f do
          if v.inq[b + k - 1] or v.norm[b + k - 1] ~= f[k] then ok = false break end
        end
        if ok then return table.concat(f, " ") end
      end
    end
  end
  return nil
end

-- No candidates (shared, never written).
local NONE = {}

-- The outlets (word lists) whose first word is token `tok` as written, its
-- possessive dropped ("CNN’s"), or NONE; memo[tok] holds the answer once
-- asked.
local function outlets_from(memo, L, tok)
  local cands = memo[tok]
  if cands == nil then
    cands = L.outlet_first[tok]
    -- (the possessive stripped only from a word that may have one)
    if not cands and tok:byte(-1) == 115 then
      cands = L.outlet_first[(tok:gsub("’s$", ""):gsub("'s$", ""))]
    end
    cands = cands or NONE
    memo[tok] = cands
  end
  return cands
end

-- The first outlet of `cands` that stands at token i, in the sentence s..e:
-- adds it to `found` with its frame (if it has one) and returns its last
-- token; nil if none stands there.
local function outlet_hit(v, i, s, e, cands, found)
  for _, ws in ipairs(cands) do
    local last = outlet_at(v, i, ws)
    if last then
      local frame = frame_before(v, i, s)
      if not frame then
        local n = last + 1
        while n <= e and (v.tok[n] == "," or v:cap(n)) and n <= last + 3 do n = n + 1 end
        if n <= e and (v.norm[n] == "reported" or v.norm[n] == "reports" or v.norm[n] == "said") then
          frame = "reported"
        end
      end
      if frame then found[#found + 1] = { name = table.concat(ws, " "), frame = frame } end
      return last
    end
  end
  return nil
end

-- The relay of an attribution whose sentence runs over tokens s..e.
function M.find(L, v, s, e)
  local found, medium = {}, nil
  local inq, toks, norm = v.inq, v.tok, v.norm
  -- the outlets each word may start, memoised in the compiled lexicon: a
  -- relay is looked for over every word of every attributed sentence, and
  -- the same few thousand words come back
  local memo = L.outlets_from
  if not memo then
    memo = {}
    L.outlets_from = memo
  end
  local i = s
  while i <= e do
    if not inq[i] then
      local cands = outlets_from(memo, L, toks[i])
      local hit = cands ~= NONE and outlet_hit(v, i, s, e, cands, found) or nil
      if not hit and (norm[i] == "on" or norm[i] == "via") and i + 1 <= e then
        for _, ws in ipairs(L.media[v.norm[i + 1]] or {}) do
          if cues.match_words(v, i + 1, ws) then
            -- X is a medium only capitalised ("on X"), as are most platforms
            if #ws > 1 or v:cap(i + 1) or v.norm[i + 1] == "television" or v.norm[i + 1] == "radio" then
              medium = v:phrase(i + 1, i + #ws)
            end
            break
          end
        end
      end
      i = (hit or i) + 1
    else
      i = i + 1
    end
  end
  if #found == 0 and not medium then return nil end
  local parts = {}
  for _, o in ipairs(found) do parts[#parts + 1] = o.frame .. " " .. o.name end
  if medium then parts[#parts + 1] = "on " .. medium end
  return { outlets = found, medium = medium, text = table.concat(parts, "; ") }
end

return M
