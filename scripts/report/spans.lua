-- report/spans.lua — a stretch of text with marked byte spans as HTML: the
-- stretch is cut at every span boundary and each piece is wrapped in a
-- <span> carrying the classes of the marks that cover it, so marks may
-- overlap and nest (a typed difference inside a changed run).
local text = require("report.text")

local M = {}

-- pos moved back to the start of the UTF-8 character it falls in, so a cut
-- never splits a character (s is the whole text, pos a 0-based offset).
function M.char_start(s, pos)
  while pos > 0 and pos < #s do
    local b = s:byte(pos + 1)
    if b < 0x80 or b >= 0xC0 then break end
    pos = pos - 1
  end
  return pos
end

-- HTML for bytes [from, to) of s (0-based, end exclusive) with `marks`, a
-- list of { start, stop, class, title?, id? } in the same offsets (parts
-- outside [from, to) are ignored). `piece(offset)` may return extra
-- attributes for the piece starting at offset (the article texts number
-- their pieces).
function M.render(s, from, to, marks, piece)
  from, to = M.char_start(s, from), M.char_start(s, math.min(to, #s))
  local cuts, seen = { from, to }, { [from] = true, [to] = true }
  local kept = {}
  for _, m in ipairs(marks) do
    local a = M.char_start(s, math.max(from, m.start))
    local b = M.char_start(s, math.min(to, m.stop))
    if a < b then
      kept[#kept + 1] = { start = a, stop = b, class = m.class, title = m.title }
      for _, c in ipairs({ a, b }) do
        if not seen[c] then seen[c] = true; cuts[#cuts + 1] = c end
      end
    end
  end
  table.sort(cuts)
  local out = {}
  for k = 1, #cuts - 1 do
    local a, b = cuts[k], cuts[k + 1]
    local classes, titles = {}, {}
    for _, m in ipairs(kept) do
      if m.start <= a and b <= m.stop then
        classes[#classes + 1] = m.class
        if m.title then titles[#titles + 1] = m.title end
      end
    end
    local extra = piece and piece(a) or ""
    local body = text.html(s:sub(a + 1, b))
    if #classes == 0 and extra == "" then
      out[#out + 1] = body
    else
      out[#out + 1] = string.format('<span%s%s%s>%s</span>', extra,
        #classes > 0 and (' class="' .. table.concat(classes, " ") .. '"') or "",
        #titles > 0 and (' title="' .. text.html(table.concat(titles, "; ")) .. '"') or "", body)
    end
  end
  return table.concat(out)
end

return M
