-- explore/tables.lua — plain-text tables for the terminal: columns padded
-- to their widest cell (counted in characters, not bytes), numbers right
-- aligned, long cells cut with an ellipsis.
local M = {}

-- The display width of a string: its UTF-8 characters (bytes if invalid).
function M.width(s)
  return utf8.len(s) or #s
end

-- s cut to at most n characters, with … when cut.
function M.clip(s, n)
  s = tostring(s)
  if M.width(s) <= n then return s end
  if n <= 1 then return "…" end
  return s:sub(1, (utf8.offset(s, n) or (#s + 1)) - 1) .. "…"
end

-- s padded with spaces to `width` characters, on the left when `right`.
function M.pad(s, width, right)
  s = tostring(s)
  local gap = width - M.width(s)
  if gap <= 0 then return s end
  return right and (string.rep(" ", gap) .. s) or (s .. string.rep(" ", gap))
end

-- The last n characters of s, with … in front when cut (for left contexts).
function M.clip_left(s, n)
  local w = M.width(s)
  if w <= n then return s end
  if n <= 1 then return "…" end
  local from = utf8.offset(s, w - n + 2) or 1
  return "…" .. s:sub(from)
end

-- A number for a table: integers as they are, others with `digits` decimals.
function M.num(v, digits)
  if v == nil then return "" end
  if math.type(v) == "integer" then return tostring(v) end
  if v ~= v then return "nan" end
  if v == math.huge then return "inf" end
  if v == -math.huge then return "-inf" end
  return string.format("%." .. (digits or 2) .. "f", v)
end

-- Render rows as a table. columns: { {key =, title =, right = bool,
-- max = width, fmt = function(value, row) -> string}, … }.
function M.render(rows, columns)
  local cells, widths = {}, {}
  for c, col in ipairs(columns) do widths[c] = M.width(col.title) end
  for r, row in ipairs(rows) do
    cells[r] = {}
    for c, col in ipairs(columns) do
      local v = row[col.key]
      local s = col.fmt and col.fmt(v, row) or (type(v) == "number" and M.num(v) or tostring(v == nil and ""
          or v))
      s = s:gsub("[\r\n\t]", " ")
      if col.max then s = M.clip(s, col.max) end
      cells[r][c] = s
      widths[c] = math.max(widths[c], M.width(s))
    end
  end
  local lines = {}
  local head = {}
  for c, col in ipairs(columns) do head[c] = M.pad(col.title, widths[c], col.right) end
  lines[1] = (table.concat(head, "  "):gsub("%s+$", ""))
  for r in ipairs(rows) do
    local parts = {}
    for c, col in ipairs(columns) do parts[c] = M.pad(cells[r][c], widths[c], col.right) end
    lines[#lines + 1] = (table.concat(parts, "  "):gsub("%s+$", ""))
  end
  return table.concat(lines, "\n") .. "\n"
end

return M
