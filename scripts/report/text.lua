-- report/text.lua — small text helpers shared by the report's renderers:
-- width-aware padding and clipping of UTF-8 strings, thousands separators,
-- percentages, HTML escaping, and short labels for documents.
local M = {}

-- The number of characters (not bytes) of a UTF-8 string; bytes when it is
-- not valid UTF-8.
function M.width(s)
  return utf8.len(s) or #s
end

-- s cut to at most n characters, with … when cut; nil gives "".
function M.clip(s, n)
  if s == nil then return "" end
  s = tostring(s)
  local len = utf8.len(s)
  if len == nil then return s:sub(1, n) end
  if len <= n then return s end
  return s:sub(1, utf8.offset(s, n) - 1) .. "…"
end

-- s cut to at most n characters from the left, keeping its end (the part
-- that tells tech/001 from tech/002), with … when cut.
function M.clip_left(s, n)
  s = tostring(s or "")
  local len = utf8.len(s)
  if len == nil then return s:sub(-n) end
  if len <= n then return s end
  return "…" .. s:sub(utf8.offset(s, len - n + 2))
end

-- s padded with spaces to `width` characters, on the left when `right`.
function M.pad(s, width, right)
  s = tostring(s)
  local gap = width - M.width(s)
  if gap <= 0 then return s end
  return right and (string.rep(" ", gap) .. s) or (s .. string.rep(" ", gap))
end

-- Integer with thousands separators: 19043 -> 19,043.
function M.thousands(n)
  local s = tostring(math.tointeger(n) or n)
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^,", ""))
end

-- A share in [0, 1] as a whole percentage: 0.7347 -> "73%".
function M.percent(x)
  return string.format("%d%%", math.floor((x or 0) * 100 + 0.5))
end

-- Whitespace runs (line breaks, indents) as single spaces, trimmed: a
-- passage or sentence on one line.
function M.flat(s)
  return ((s or ""):gsub("%s+", " "):match("^ ?(.-) ?$"))
end

local ENTITIES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- s escaped for HTML text and attribute values.
function M.html(s)
  return (tostring(s == nil and "" or s):gsub("[&<>\"']", ENTITIES))
end

-- The file name without directories and extension: seeds/000_1a.txt -> 000_1a.
-- A JSON Lines record (corpus.jsonl:12) keeps its line number.
function M.stem(name)
  local base = name:match("([^/\\]+)$") or name
  local file, line = base:match("^(.-)%.[%w]+:(%d+)$")
  if file then return file .. ":" .. line end
  return (base:gsub("%.[%w]+$", ""))
end

-- The last two parts of a path without extension: bbc/tech/001.txt -> tech/001.
local function parent_stem(name)
  local dir = name:match("([^/\\]+)[/\\][^/\\]+$")
  return dir and (dir .. "/" .. M.stem(name)) or M.stem(name)
end

-- Short labels for documents, unique among them where the names allow: the
-- outlet of an article that is its outlet's only one (CNN), else the
-- record id of a JSON Lines record (#12), else the file stem (with its
-- folder when two files share a stem: tech/001), shortened to its part
-- before the first `_` or `-` when that part alone is unique (000 for
-- 000_1a22be602abbdbb3.txt), else cut to 18 characters.
function M.labels(docs)
  local full, head, count, seen = {}, {}, {}, {}
  for i, d in ipairs(docs) do
    if d.id and d.id ~= "" and d.name:find("%.[%w]+:%d+$") then
      full[i] = "#" .. tostring(d.id)
    else
      full[i] = M.stem(d.name)
    end
    seen[full[i]] = (seen[full[i]] or 0) + 1
  end
  for i, d in ipairs(docs) do
    if seen[full[i]] > 1 and not full[i]:find("^#") then full[i] = parent_stem(d.name) end
    head[i] = full[i]:match("^([^_%-/]+)[_%-]") or full[i]
    count[head[i]] = (count[head[i]] or 0) + 1
  end
  local outlets = {}
  for _, d in ipairs(docs) do
    if d.source and d.source ~= "" then outlets[d.source] = (outlets[d.source] or 0) + 1 end
  end
  local out = {}
  for i, d in ipairs(docs) do
    if d.source and outlets[d.source] == 1 then
      out[i] = M.clip(d.source, 18)
    else
      out[i] = count[head[i]] == 1 and head[i] or M.clip(full[i], 18)
    end
  end
  return out
end

-- The first non-blank line of a text, trimmed: the headline of a plain-text
-- article with no title metadata.
function M.first_line(text)
  for line in text:gmatch("[^\n]+") do
    local trimmed = line:match("^%s*(.-)%s*$")
    if trimmed ~= "" then return trimmed end
  end
  return nil
end

return M
