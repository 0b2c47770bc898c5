-- report/article.lua — the article texts of the HTML page and the links
-- into them. Every finding links to its place with link(doc, start, stop,
-- …); the texts, rendered last, are cut at every linked byte offset so each
-- link's target exists (id d<doc>-<start>) and the page's script can
-- highlight the whole span (pieces carry their offset in data-b).
local text = require("report.text")
local spans = require("report.spans")

local M = {}
M.__index = M

-- A registry for the articles of `corpus`; `labels` maps index to label.
function M.new(corpus, docs)
  return setmetatable({ corpus = corpus, docs = docs, cuts = {}, used = {}, texts = {} }, M)
end

-- The stored text of document i (read once).
function M:text_of(i)
  if not self.texts[i] then self.texts[i] = self.corpus:doc(i):text() end
  return self.texts[i]
end

-- An <a> to bytes [start, stop) of document i, with inner HTML `inner`
-- (escaped by the caller) and an optional tooltip.
function M:link(i, start, stop, inner, title)
  local s = self:text_of(i)
  start = spans.char_start(s, start)
  stop = spans.char_start(s, math.min(stop or start, #s))
  self.cuts[i] = self.cuts[i] or {}
  table.insert(self.cuts[i], { start = start, stop = stop })
  self.used[i] = true
  return string.format('<a class="go" href="#d%d-%d" data-d="%d" data-s="%d" data-e="%d"%s>%s</a>',
    i, start, i, start, stop, title and (' title="' .. text.html(title) .. '"') or "", inner)
end

-- A link to the start of document i's text.
function M:to_doc(i, inner)
  self.used[i] = true
  return string.format('<a href="#doc-%d">%s</a>', i, inner)
end

-- The <article> of document i: its heading and its text cut at every link.
function M:render_one(i)
  local d, s = self.docs[i], self:text_of(i)
  local marks, starts = {}, {}
  for _, c in ipairs(self.cuts[i] or {}) do
    marks[#marks + 1] = { start = c.start, stop = math.max(c.stop, c.start), class = "ref" }
    starts[c.start] = true
  end
  local body = spans.render(s, 0, #s, marks, function(at)
    if starts[at] then return string.format(' id="d%d-%d" data-b="%d"', i, at, at) end
    return string.format(' data-b="%d"', at)
  end)
  local meta = {}
  if d.outlet then meta[#meta + 1] = text.html(d.outlet) end
  if d.date then meta[#meta + 1] = text.html(d.date) end
  meta[#meta + 1] = text.thousands(d.words) .. " words"
  meta[#meta + 1] = text.html(d.name)
  return string.format('<article class="doc" id="doc-%d"><h3><span class="lab">%s</span> %s</h3>'
    .. '<p class="meta">%s</p><div class="text">%s</div></article>', i, text.html(d.label),
    text.html(text.clip(d.title or "", 160)), table.concat(meta, " · "), body)
end

-- Every article linked to (all of them when `all`), in corpus order.
function M:render(all)
  local out = {}
  for i in ipairs(self.docs) do
    if all or self.used[i] then out[#out + 1] = self:render_one(i) end
  end
  return table.concat(out, "\n")
end

return M
