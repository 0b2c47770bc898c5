-- report/quote_table.lua — the quotes shared across outlets as a table,
-- one block per utterance (a group of `lede quotes`), one row per article:
-- its wording with the words the longest version lacks marked, the word
-- count against the longest, the group's word diff, and a link to the
-- quote's place in the article.
local text = require("report.text")

local M = {}

-- A word folded for comparison: lower case, outer punctuation off, curly
-- apostrophes straight.
local function fold(w)
  w = w:lower():gsub("’", "'")
  return (w:gsub("^[%p]+", ""):gsub("[%p]+$", ""))
end

-- HTML of `quote` with each word missing from the set `known` marked.
local function marked(quote, known)
  local out = {}
  for space, word in quote:gmatch("(%s*)(%S+)") do
    local f = fold(word)
    if f ~= "" and not known[f] then
      out[#out + 1] = space .. '<mark class="qw">' .. text.html(word) .. "</mark>"
    else
      out[#out + 1] = space .. text.html(word)
    end
  end
  return table.concat(out)
end

-- How member m differs from the longest version `ref`: an excerpt is said
-- to be one (its diff would list the words left out), a change shows the
-- group's word diff (-words, +words, old→new).
local function difference(m, ref)
  if m.reference then return '<span class="same">the longest version</span>' end
  if m.diff == "" then return '<span class="same">same words</span>' end
  if m.more <= -5 then
    return string.format('<span class="same">an excerpt: %d of its %d words</span>', m.words, ref.words)
  end
  return '<code class="qdiff">' .. text.html(text.clip(m.diff, 160)) .. "</code>"
end

-- HTML for model.quotes; `links` is the article registry.
function M.render(model, links)
  local docs = model.documents
  if #model.quotes == 0 then return '<p class="empty">No quote appears in two articles.</p>' end
  local out = { '<div class="scroll"><table class="quotes"><thead><tr><th>article</th>'
    .. '<th>wording, and how it differs from the longest</th><th class="num">words</th></tr></thead>' }
  for _, g in ipairs(model.quotes) do
    local ref
    for _, m in ipairs(g.members) do if m.reference then ref = m end end
    ref = ref or g.members[1]
    local known = {}
    for w in ref.text:gmatch("%S+") do known[fold(w)] = true end
    out[#out + 1] = string.format('<tbody class="utterance"><tr class="speaker"><th colspan="3">%s '
      .. '<span class="n">in %d articles</span></th></tr>', text.html(g.speaker or "unknown speaker"),
      g.documents)
    for _, m in ipairs(g.members) do
      out[#out + 1] = string.format('<tr%s><td class="lab">%s</td><td class="q">“%s”<div>%s</div></td>'
        .. '<td class="num">%d</td></tr>', m.reference and ' class="ref-row"' or "",
        links:link(m.doc, m.start, m["end"], text.html(docs[m.doc].label) .. " ↗"),
        m.reference and text.html(m.text) or marked(m.text, known), difference(m, ref), m.words)
    end
    out[#out + 1] = "</tbody>"
  end
  out[#out + 1] = "</table></div>"
  return table.concat(out, "\n")
end

return M
