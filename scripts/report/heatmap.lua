-- report/heatmap.lua — the similarity heatmap as inline SVG: one row and
-- one column per article, each cell coloured by the pair's relatedness
-- (docs/compare.md), related pairs outlined, each cell linking to the
-- pair's passages when the page shows them.
local text = require("report.text")

local M = {}

-- The cell colour for relatedness r on a white-to-blue ramp; `top` is the
-- relatedness drawn darkest (the largest on the page, at least 0.5), so a
-- corpus of loose relations still shows its structure.
local function colour(r, top)
  local t = math.min(1, math.max(0, r / top))
  local from, to = { 247, 251, 255 }, { 8, 69, 148 }
  local c = {}
  for k = 1, 3 do c[k] = math.floor(from[k] + (to[k] - from[k]) * t + 0.5) end
  return string.format("#%02x%02x%02x", c[1], c[2], c[3]), t
end

-- The SVG for model.heatmap; `pair_shown(a, b)` says whether the page has
-- a section #pair-a-b to link to.
function M.render(model, pair_shown)
  local hm, docs = model.heatmap, model.documents
  local n = #hm.docs
  if n < 2 then return '<p class="empty">Fewer than two articles: nothing to compare.</p>' end
  local value, related = {}, {}
  local top = 0.5
  for _, c in ipairs(hm.cells) do
    value[c.a .. "-" .. c.b], value[c.b .. "-" .. c.a] = c.relatedness, c.relatedness
    related[c.a .. "-" .. c.b], related[c.b .. "-" .. c.a] = c.related, c.related
    top = math.max(top, c.relatedness)
  end
  local lw = 0
  for _, i in ipairs(hm.docs) do lw = math.max(lw, text.width(text.clip_left(docs[i].label, 14))) end
  local cell = n <= 12 and 44 or 26
  local left = 16 + lw * 8
  local head = 16 + lw * 8
  -- Room on the right for the last column's slanted label.
  local size_w, size_h = left + n * cell + 4 + lw * 5, head + n * cell + 4
  local out = {}
  out[#out + 1] = string.format('<svg class="heatmap" viewBox="0 0 %d %d" width="%d" role="img" '
    .. 'aria-label="Relatedness of each pair of articles" xmlns="http://www.w3.org/2000/svg">',
    size_w, size_h, size_w)
  for k, i in ipairs(hm.docs) do
    local l = text.html(text.clip_left(docs[i].label, 14))
    local y = head + (k - 1) * cell + cell / 2
    out[#out + 1] = string.format('<text class="hm-row" x="%d" y="%.1f" text-anchor="end" '
      .. 'dominant-baseline="middle">%s</text>', left - 6, y, l)
    local x = left + (k - 1) * cell + cell / 2
    out[#out + 1] = string.format('<text class="hm-col" transform="translate(%.1f %d) rotate(-60)" '
      .. 'dominant-baseline="middle">%s</text>', x, head - 6, l)
  end
  for r, i in ipairs(hm.docs) do
    for c, j in ipairs(hm.docs) do
      local x, y = left + (c - 1) * cell, head + (r - 1) * cell
      if i == j then
        out[#out + 1] = string.format('<rect class="hm-self" x="%d" y="%d" width="%d" height="%d"/>',
          x + 1, y + 1, cell - 2, cell - 2)
      else
        local v = value[i .. "-" .. j]
        local fill, t = colour(v or 0, top)
        local tip = string.format("%s and %s: %s", docs[i].label, docs[j].label,
          v and string.format("relatedness %.2f%s", v, related[i .. "-" .. j] and " (related)" or "")
          or "not compared (no shared 5-grams)")
        local rect = string.format('<rect class="hm-cell%s" x="%d" y="%d" width="%d" height="%d" fill="%s">'
          .. '<title>%s</title></rect>', related[i .. "-" .. j] and " hm-related" or "", x + 1, y + 1,
          cell - 2, cell - 2, fill, text.html(tip))
        if n <= 12 and v then
          rect = rect .. string.format('<text class="hm-val%s" x="%.1f" y="%.1f" text-anchor="middle" '
            .. 'dominant-baseline="middle">%s</text>', t > 0.55 and " hm-dark" or "", x + cell / 2,
            y + cell / 2, string.format("%.2f", v):gsub("^0", ""))
        end
        local a, b = math.min(i, j), math.max(i, j)
        if v and pair_shown(a, b) then
          rect = string.format('<a href="#pair-%d-%d">%s</a>', a, b, rect)
        end
        out[#out + 1] = rect
      end
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

return M
