-- report/passages.lua — the reused passages of each pair side by side:
-- article A's words beside article B's, the runs the aligner found changed,
-- added or dropped shaded, and the typed differences of `lede compare`
-- (numbers, names, spellings, dates, titles, quotes) marked by type. The
-- runs come from lede.align's edit script (docs/reuse.md), the passages
-- and differences from the compare result.
local lede = require("lede")
local text = require("report.text")
local spans = require("report.spans")

local M = {}

-- Passages shown per pair.
M.PER_PAIR = 6
-- Verbatim passages of more equal terms than this are folded.
M.FOLD_VERBATIM = 60

-- lede.align's passages of the pair, by "a-start:b-start", to find each
-- compare passage's edit script.
local function edits_by_start(corpus, a, b)
  local ok, ps = pcall(lede.align, corpus:doc(a), corpus:doc(b))
  local out = {}
  if ok and type(ps) == "table" then
    for _, p in ipairs(ps) do out[p.a.start .. ":" .. p.b.start] = p.edits end
  end
  return out
end

-- The marks of one side: changed runs from the edit script, typed
-- differences from compare that fall inside [from, to).
local function marks_for(side, edits, differences, from, to)
  local marks = {}
  for _, e in ipairs(edits or {}) do
    local span = e[side]
    if e.kind ~= "equal" and span and span.stop > span.start then
      local class = e.kind == "substitute" and "chg" or (side == "a" and "del" or "add")
      marks[#marks + 1] = { start = span.start, stop = span.stop, class = class }
    end
  end
  for _, d in ipairs(differences) do
    local span = d[side .. "_span"]
    if type(span) == "table" and span.start and span.start >= from and span["end"] <= to then
      marks[#marks + 1] = { start = span.start, stop = span["end"], class = "t t-" .. d.type,
                            title = string.format("%s %s: %s → %s", d.type, d.change, d.a or "", d.b or "") }
    end
  end
  return marks
end

-- A short sentence saying how a pair relates.
local function relation(p, docs)
  local label = function(i) return text.html(docs[i].label) end
  if p.related and p.direction then
    local derived_is_a = p.direction.derived == p.a
    return string.format("%s derives from %s: %s of %s lies in passages reused from it (decided by %s).",
      label(p.direction.derived), label(p.direction.source),
      text.percent(derived_is_a and p.reused_a or p.reused_b), label(p.direction.derived),
      text.html(p.decided_by or "?"))
  elseif p.related then
    return string.format("Related, direction undecided: %s of %s and %s of %s lie in shared passages.",
      text.percent(p.reused_a), label(p.a), text.percent(p.reused_b), label(p.b))
  end
  return "Not related as wholes: they share passages only."
end

-- HTML for every pair of the model: a section per pair with its passages
-- side by side. `links` is the article registry (report/article.lua).
function M.render(model, corpus, links)
  local docs = model.documents
  if #model.pairs == 0 then return '<p class="empty">No two articles share a passage.</p>' end
  local out = {}
  for _, p in ipairs(model.pairs) do
    local ta, tb = links:text_of(p.a), links:text_of(p.b)
    local edits = edits_by_start(corpus, p.a, p.b)
    out[#out + 1] = string.format('<section class="pair" id="pair-%d-%d"><h3>%s ↔ %s '
      .. '<span class="score">relatedness %.2f</span></h3><p>%s</p>', p.a, p.b, links:to_doc(p.a,
      text.html(docs[p.a].label)), links:to_doc(p.b, text.html(docs[p.b].label)), p.relatedness,
      relation(p, docs))
    for k, ps in ipairs(p.passages) do
      if k > M.PER_PAIR then
        out[#out + 1] = string.format('<p class="more">%d more passages (lede compare lists them all).</p>',
          #p.passages - M.PER_PAIR)
        break
      end
      local e = edits[ps.a.start .. ":" .. ps.b.start]
      local side_html = {}
      for _, side in ipairs({ "a", "b" }) do
        local i, s, span = p[side], side == "a" and ta or tb, ps[side]
        local marks = marks_for(side, e, p.differences, span.start, span["end"])
        side_html[side] = string.format('<div class="side"><div class="where">%s · %s</div>'
          .. '<div class="ptext">%s</div></div>', text.html(docs[i].label),
          links:link(i, span.start, span["end"], string.format("bytes %d–%d ↗", span.start, span["end"])),
          spans.render(s, span.start, span["end"], marks))
      end
      local sides = string.format('<div class="sides">%s%s</div>', side_html.a, side_html.b)
      -- A long verbatim copy says nothing more when read twice: folded.
      if ps.label == "verbatim" and ps.equal > M.FOLD_VERBATIM then
        sides = string.format("<details><summary>show the copied text (%d words, the same on both sides)"
          .. "</summary>%s</details>", ps.equal, sides)
      end
      out[#out + 1] = string.format('<div class="passage"><div class="plabel">%s '
        .. '<span class="score">%.2f</span> '
        .. '<span class="counts">%d equal, %d changed, %d added, %d dropped</span></div>%s</div>',
        text.html(ps.label), ps.score, ps.equal, ps.substitute, ps.insert, ps.delete, sides)
    end
    -- Differences found outside the passages (sentences matched by content).
    local outside = {}
    for _, d in ipairs(p.differences) do
      if d.from ~= "passage" and type(d.a_span) == "table" and type(d.b_span) == "table" then
        outside[#outside + 1] = string.format('<li><span class="t t-%s">%s</span> %s → %s</li>',
          text.html(d.type), text.html(d.type),
          links:link(p.a, d.a_span.start, d.a_span["end"], "“" .. text.html(d.a or "") .. "”"),
          links:link(p.b, d.b_span.start, d.b_span["end"], "“" .. text.html(d.b or "") .. "”"))
      end
    end
    if #outside > 0 then
      out[#out + 1] = '<p class="sub">Differences in sentences matched outside the passages:</p>'
        .. '<ul class="diffs">'
        .. table.concat(outside) .. "</ul>"
    end
    out[#out + 1] = "</section>"
  end
  return table.concat(out, "\n")
end

return M
