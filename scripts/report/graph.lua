-- report/graph.lua — the derivation graph as inline SVG: an arrow from each
-- source to the article derived from it, labelled with the share of the
-- derived article reused; related pairs without a direction are dashed
-- lines. Each group of connected articles is laid out in its own column
-- block, sources above what derives from them.
local text = require("report.text")

local M = {}

local NODE_W, NODE_H, SLOT_W, ROW_H, MARGIN = 168, 48, 196, 116, 16

-- The nodes and edges: every article of a small corpus, else those of the
-- derivations and related pairs.
local function collect(model)
  local edges, nodes, seen = {}, {}, {}
  local function node(i)
    if not seen[i] then seen[i] = true; nodes[#nodes + 1] = i end
  end
  for _, v in ipairs(model.derivations) do
    edges[#edges + 1] = { from = v.source, to = v.derived, reused = v.reused, directed = true }
    node(v.source); node(v.derived)
  end
  for _, p in ipairs(model.pairs) do
    if p.related and not p.direction then
      edges[#edges + 1] = { from = p.a, to = p.b, directed = false, relatedness = p.relatedness }
      node(p.a); node(p.b)
    end
  end
  if #model.documents <= 12 then
    for i in ipairs(model.documents) do node(i) end
  end
  table.sort(nodes)
  return nodes, edges
end

-- Place the nodes: connected groups (by edges) as blocks; inside a block,
-- depth = the longest chain of edges above a node.
local function layout(nodes, edges, max_slots)
  local parent = {}
  local function find(x)
    while parent[x] ~= x do x = parent[x] end
    return x
  end
  for _, i in ipairs(nodes) do parent[i] = i end
  for _, e in ipairs(edges) do parent[find(e.from)] = find(e.to) end
  local depth = {}
  for _, i in ipairs(nodes) do depth[i] = 0 end
  -- Longest path by relaxation; at most #nodes rounds, so a cycle stops.
  -- An undecided pair is drawn one above the other too (the first article
  -- above), so its dashed line is as visible as an arrow.
  for _ = 1, #nodes do
    local changed = false
    for _, e in ipairs(edges) do
      if depth[e.to] < depth[e.from] + 1 then
        depth[e.to] = depth[e.from] + 1
        changed = true
      end
    end
    if not changed then break end
  end
  local blocks, order = {}, {}
  for _, i in ipairs(nodes) do
    local r = find(i)
    if not blocks[r] then blocks[r] = {}; order[#order + 1] = r end
    table.insert(blocks[r], i)
  end
  local at, slot, line, line_rows, lines_y = {}, 0, 0, 0, 0
  for _, r in ipairs(order) do
    local rows = {}
    for _, i in ipairs(blocks[r]) do
      rows[depth[i] + 1] = rows[depth[i] + 1] or {}
      table.insert(rows[depth[i] + 1], i)
    end
    local width, height = 1, #rows
    for _, row in pairs(rows) do width = math.max(width, #row) end
    if slot > 0 and slot + width > max_slots then
      lines_y = lines_y + line_rows
      slot, line, line_rows = 0, line + 1, 0
    end
    for d, row in pairs(rows) do
      for k, i in ipairs(row) do
        local offset = (width - #row) / 2
        at[i] = { x = MARGIN + (slot + offset + k - 1) * SLOT_W, y = MARGIN + (lines_y + d - 1) * ROW_H }
      end
    end
    slot = slot + width
    line_rows = math.max(line_rows, height)
  end
  return at, (lines_y + line_rows)
end

-- The SVG for the model's derivations, blocks wrapped after `max_slots`
-- columns; `class` names the variant (the page shows a wide one on a
-- laptop and a narrow one on a phone) and keeps its marker id unique.
function M.render(model, max_slots, class)
  local nodes, edges = collect(model)
  if #nodes == 0 then return '<p class="empty">No article derives from another.</p>' end
  local at, rows = layout(nodes, edges, max_slots)
  local maxx = 0
  for _, p in pairs(at) do maxx = math.max(maxx, p.x) end
  -- Room on the right for the last arrow's label.
  local w, h = maxx + NODE_W + MARGIN + 100, rows * ROW_H - (ROW_H - NODE_H) + 2 * MARGIN
  local docs = model.documents
  local out = {}
  out[#out + 1] = string.format('<svg class="graph %s" viewBox="0 0 %d %d" width="%d" role="img" '
    .. 'aria-label="Which articles derive from which" xmlns="http://www.w3.org/2000/svg">', class, w, h, w)
  out[#out + 1] = '<defs><marker id="arrow-' .. class .. '" viewBox="0 0 10 10" refX="9" refY="5" '
    .. 'markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
    .. '<path d="M0,0 L10,5 L0,10 z" class="g-head"/></marker></defs>'
  for _, e in ipairs(edges) do
    local a, b = at[e.from], at[e.to]
    local x1, y1 = a.x + NODE_W / 2, a.y + NODE_H
    local x2, y2 = b.x + NODE_W / 2, b.y
    if a.y == b.y then -- side by side: from the nearer edges
      y1, y2 = a.y + NODE_H / 2, b.y + NODE_H / 2
      if a.x < b.x then x1, x2 = a.x + NODE_W, b.x else x1, x2 = a.x, b.x + NODE_W end
    end
    local lo, hi = math.min(e.from, e.to), math.max(e.from, e.to)
    if e.directed then
      local width = 1.5 + 4 * (e.reused or 0)
      out[#out + 1] = string.format('<a href="#pair-%d-%d"><line class="g-edge" x1="%.1f" y1="%.1f" '
        .. 'x2="%.1f" y2="%.1f" stroke-width="%.1f" marker-end="url(#arrow-%s)">'
        .. '<title>%s derives from %s: %s reused</title>'
        .. '</line><text class="g-label" x="%.1f" y="%.1f">%s reused</text></a>', lo, hi, x1, y1, x2, y2 - 2,
        width, class, text.html(docs[e.to].label), text.html(docs[e.from].label), text.percent(e.reused),
        (x1 + x2) / 2 + width / 2 + 6, (y1 + y2) / 2 + 4, text.percent(e.reused))
    else
      out[#out + 1] = string.format('<a href="#pair-%d-%d"><line class="g-undirected" x1="%.1f" y1="%.1f" '
        .. 'x2="%.1f" y2="%.1f"><title>%s and %s related (%.2f), direction undecided</title></line>'
        .. '<text class="g-label g-undecided" x="%.1f" y="%.1f">related %.2f</text></a>',
        lo, hi, x1, y1, x2, y2, text.html(docs[lo].label), text.html(docs[hi].label), e.relatedness or 0,
        (x1 + x2) / 2 + 8, (y1 + y2) / 2 + 4, e.relatedness or 0)
    end
  end
  for _, i in ipairs(nodes) do
    local p, d = at[i], docs[i]
    out[#out + 1] = string.format('<a href="#doc-%d"><g class="g-node"><rect x="%.1f" y="%.1f" width="%d" '
      .. 'height="%d" rx="8"/><text class="g-name" x="%.1f" y="%.1f">%s</text><text class="g-title" x="%.1f" '
      .. 'y="%.1f">%s</text><title>%s</title></g></a>', i, p.x, p.y, NODE_W, NODE_H, p.x + 10, p.y + 19,
      text.html(text.clip(d.label .. (d.outlet and (" · " .. d.outlet) or ""), 22)), p.x + 10, p.y + 37,
      text.html(text.clip(d.title or "", 24)), text.html(d.title or d.name))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

return M
