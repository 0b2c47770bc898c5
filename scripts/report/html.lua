-- report/html.lua — the report as one self-contained HTML page: inline CSS,
-- inline script and inline SVG, no fonts, images or scripts fetched from
-- anywhere. Sections: the articles, the heatmap and derivation graph, the
-- passages side by side, the shared quotes, spellings, what each source
-- alone has and omits, framing words, names; then the article texts every
-- finding links into. The page records its own script errors in
-- #page-errors (the Chromium test reads it).
local text = require("report.text")
local article = require("report.article")
local heatmap = require("report.heatmap")
local graph = require("report.graph")
local passages = require("report.passages")
local quote_table = require("report.quote_table")

local M = {}

M.CSS = [[
:root{--ink:#1d2433;--soft:#5b6475;--line:#dde2ea;--bg:#fff;--panel:#f6f8fb;--accent:#08457e;
--chg:#fff3c4;--add:#d8f5dd;--del:#fde0e0;--hit:#ffe066}
*{box-sizing:border-box}
[id]{scroll-margin-top:3rem}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);background:var(--bg)}
main{max-width:76rem;margin:0 auto;padding:1rem}
header.top{background:var(--accent);color:#fff;padding:1.2rem 1rem}
header.top h1{margin:0 auto;max-width:76rem;font-size:1.6rem;line-height:1.2}
header.top p{margin:.4rem auto 0;max-width:76rem;opacity:.9}
nav.toc{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);overflow-x:auto;
white-space:nowrap;padding:.4rem 1rem;scrollbar-width:none}
nav.toc a{display:inline-block;margin-right:1rem;color:var(--accent);text-decoration:none;font-size:.9rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--ink)}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
p.hint,.meta,.counts,.sub,.more,.n{color:var(--soft);font-size:.9rem}
a{color:var(--accent)}
a.go{text-decoration-style:dotted;text-underline-offset:.18em}
.card li a.go,ul.diffs a.go{color:var(--ink);text-decoration-color:#8fa3bf}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
td.num,th.num{text-align:right;white-space:nowrap}
.lab{font-weight:600;white-space:nowrap}
.figures{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
figure.hm{flex:0 1 auto;max-width:100%}
figure.hm figcaption{width:0;min-width:100%}
@media(max-width:36rem){figure.hm{flex-basis:100%}}
figure.gr{flex:1 1 22rem;min-width:0}
.figures.stacked figure{flex-basis:100%}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:.8rem}
figcaption{font-size:.9rem;color:var(--soft);margin-top:.4rem}
svg{max-width:100%;height:auto;display:block}
svg.graph.narrow{display:none}
@media(max-width:36rem){svg.graph.wide{display:none}svg.graph.narrow{display:block}}
table.articles .meta{margin-top:.1rem}
.hm-row,.hm-col{font-size:13px;fill:var(--ink)}
.hm-self{fill:#eceff4}
.hm-cell{stroke:#fff}
.hm-related{stroke:#d9480f;stroke-width:3}
.hm-val{font-size:12px;fill:var(--ink);pointer-events:none}
.hm-val.hm-dark{fill:#fff}
.g-node rect{fill:#fff;stroke:var(--accent);stroke-width:1.5}
.g-name{font-size:14px;font-weight:600;fill:var(--ink)}
.g-title{font-size:11px;fill:var(--soft)}
.g-edge{stroke:#d9480f}
.g-head{fill:#d9480f}
.g-undirected{stroke:var(--soft);stroke-width:2.5;stroke-dasharray:6 4}
.g-label.g-undecided{fill:var(--soft)}
.g-label{font-size:13px;fill:#a33a0c;font-weight:600;paint-order:stroke;stroke:#f6f8fb;stroke-width:4px}
section.pair{border:1px solid var(--line);border-radius:8px;padding:.2rem .9rem .8rem;margin:1rem 0}
.score{font-weight:400;color:var(--soft);font-size:.9rem}
.passage{margin:.8rem 0;border-top:1px dashed var(--line);padding-top:.5rem}
.plabel{font-weight:600;font-size:.95rem}
.plabel .counts,.plabel .score{font-weight:400}
.passage summary{cursor:pointer;color:var(--accent);font-size:.9rem;margin:.3rem 0}
.sides{display:grid;grid-template-columns:1fr;gap:.6rem}
@media(min-width:44rem){.sides{grid-template-columns:1fr 1fr}}
.side{background:var(--panel);border-radius:6px;padding:.5rem .7rem}
.where{font-size:.85rem;color:var(--soft);margin-bottom:.2rem}
.ptext,.text{white-space:pre-wrap;overflow-wrap:anywhere}
@media(max-width:44rem){.ptext{max-height:22rem;overflow-y:auto}}
.chg{background:var(--chg)}
.add{background:var(--add)}
.del{background:var(--del);text-decoration:line-through;text-decoration-color:#c0392b80}
.t{border-bottom:3px solid;font-weight:600}
span.t{padding:0 .1rem}
.t-number{border-color:#e8590c}.t-name{border-color:#1971c2}.t-spelling{border-color:#9c36b5}
.t-date{border-color:#2b8a3e}.t-title{border-color:#0c8599}.t-quote{border-color:#c2255c}
.legend span{display:inline-block;margin:.15rem .5rem .15rem 0;font-size:.85rem}
table.quotes td.q div{margin-top:.2rem}
tr.speaker th{background:var(--panel);font-size:1rem}
tr.ref-row td{background:#fbfcfe}
mark.qw{background:var(--chg);padding:0 .1rem}
code.qdiff{font-size:.8rem;color:#7a3b00;white-space:normal;overflow-wrap:anywhere}
.same{color:var(--soft);font-size:.85rem}
.cards{display:grid;grid-template-columns:1fr;gap:.8rem}
@media(min-width:50rem){.cards{grid-template-columns:1fr 1fr}}
.card{border:1px solid var(--line);border-radius:8px;padding:.3rem .9rem .7rem}
.card ul{padding-left:1.1rem;margin:.3rem 0}
.chips a,.chips span.chip{display:inline-block;background:var(--panel);border:1px solid var(--line);
border-radius:999px;padding:0 .55rem;margin:.15rem .2rem .15rem 0;font-size:.9rem;text-decoration:none}
.chips small{color:var(--soft)}
.chips span.chip.less{background:#fff;border-style:dashed;color:var(--soft)}
article.doc{border-top:1px solid var(--line);padding-top:.3rem}
article.doc h3 .lab{color:var(--accent)}
.text{font-family:Georgia,"Times New Roman",serif;font-size:1rem;background:var(--panel);border-radius:6px;
padding:.7rem .9rem;max-height:32rem;overflow-y:auto}
.text span.hit{background:var(--hit);outline:2px solid var(--hit)}
#page-errors{color:#b00020;white-space:pre-wrap}
.empty{color:var(--soft);font-style:italic}
]]

-- The first script: records errors and console errors into window.__errors
-- before anything else runs.
M.GUARD = [[
window.__errors=[];window.addEventListener("error",function(e){window.__errors.push("error: "+e.message)});
document.addEventListener("securitypolicyviolation",function(e){
window.__errors.push("blocked: "+e.blockedURI)});
(function(){var ce=console.error;console.error=function(){window.__errors.push("console.error: "+
Array.prototype.join.call(arguments," "));return ce.apply(console,arguments)}})();
]]

-- The last script: highlights a linked span in its article text when a
-- finding's link is followed, and writes recorded errors into the page.
M.SCRIPT = [[
(function(){
function show(d,s,e){
  document.querySelectorAll(".hit").forEach(function(x){x.classList.remove("hit")});
  var art=document.getElementById("doc-"+d);if(!art)return;
  art.querySelectorAll("span[data-b]").forEach(function(x){var b=+x.getAttribute("data-b");
    if(b>=s&&(b<e||b===s))x.classList.add("hit")});
}
document.addEventListener("click",function(ev){
  var a=ev.target.closest?ev.target.closest("a.go"):null;if(!a)return;
  show(a.getAttribute("data-d"),+a.getAttribute("data-s"),+a.getAttribute("data-e"));
});
var m=/^#d(\d+)-(\d+)$/.exec(location.hash);
if(m){var a=document.querySelector('a.go[href="'+location.hash+'"]');
  show(m[1],+m[2],a?+a.getAttribute("data-e"):+m[2]+1);}
var out=document.getElementById("page-errors");
out.textContent=window.__errors.join("\n");
document.body.setAttribute("data-script","ran");
})();
]]

-- The articles table at the top: label, then title over outlet, date and
-- length (two columns read on a phone as well as on a laptop).
local function articles_table(model, links)
  local rows = {}
  for i, d in ipairs(model.documents) do
    if links.used[i] or #model.documents <= 2 * model.top then
      local meta = {}
      if d.outlet then meta[#meta + 1] = text.html(d.outlet) end
      if d.date then meta[#meta + 1] = text.html(d.date) end
      meta[#meta + 1] = text.thousands(d.words) .. " words"
      rows[#rows + 1] = string.format('<tr><td class="lab">%s</td><td>%s<div class="meta">%s</div></td></tr>',
        links:to_doc(i, text.html(d.label)), text.html(text.clip(d.title or "", 160)),
        table.concat(meta, " · "))
    end
  end
  return '<table class="articles"><thead><tr><th>article</th><th>title · outlet · date · length</th>'
    .. "</tr></thead>"
    .. "<tbody>" .. table.concat(rows) .. "</tbody></table>"
end

-- What each source alone has, and what it omits, one card per article.
local function sources_html(model, links)
  if #model.sources == 0 then return '<p class="empty">No comparison was made.</p>' end
  local docs, out = model.documents, {}
  for _, s in ipairs(model.sources) do
    local parts = {}
    if s.unique_count > 0 then
      local li = {}
      for _, u in ipairs(s.unique) do li[#li + 1] = "<li>" .. links:link(s.doc, u.start, u["end"],
        text.html(text.clip(text.flat(u.text), 220))) .. "</li>" end
      parts[#parts + 1] = string.format("<p><strong>%d sentence%s only here</strong>%s</p><ul>%s</ul>",
        s.unique_count, s.unique_count == 1 and "" or "s", s.unique_count > #s.unique
        and string.format(' <span class="n">(%d shown)</span>', #s.unique) or "", table.concat(li))
    end
    if s.unique_details_count > 0 then
      local chips = {}
      for _, u in ipairs(s.unique_details) do
        chips[#chips + 1] = links:link(s.doc, u.start, u["end"], text.html(u.text), u.sentence_text)
      end
      parts[#parts + 1] = string.format('<p><strong>Names and numbers only here</strong> '
        .. '<span class="n">(%d)</span></p><p class="chips">%s</p>', s.unique_details_count,
        table.concat(chips))
    end
    if s.omits_count > 0 then
      local li = {}
      for _, o in ipairs(s.omits) do
        local by = {}
        for k, i in ipairs(o.reported_by) do by[k] = text.html(docs[i].label) end
        li[#li + 1] = string.format("<li>%s <span class=\"n\">reported by %s</span></li>",
          links:link(o.doc, o.start, o["end"], text.html(text.clip(text.flat(o.text), 220))),
          table.concat(by, ", "))
      end
      parts[#parts + 1] = string.format(
        "<p><strong>Leaves out %d fact%s two others report</strong></p><ul>%s</ul>",
        s.omits_count, s.omits_count == 1 and "" or "s", table.concat(li))
    end
    if #parts == 0 then parts[1] = '<p class="empty">Nothing of its own, nothing left out.</p>' end
    out[#out + 1] = string.format(
      '<div class="card" id="source-%d"><h3>%s <span class="score">%s</span></h3>%s</div>', s.doc,
      links:to_doc(s.doc, text.html(docs[s.doc].label)), text.html(text.clip(docs[s.doc].title or "", 70)),
      table.concat(parts))
  end
  return '<div class="cards">' .. table.concat(out) .. "</div>"
end

-- The framing words of each source: those it uses more than the others,
-- each linked to its first use, and those it uses less (the others'
-- words it avoids: Kyiv where it writes Kiev).
local function keyness_html(model, corpus, links)
  if #model.keyness == 0 then return '<p class="empty">Keyness needs two sources or more.</p>' end
  local docs, out = model.documents, {}
  for _, k in ipairs(model.keyness) do
    local chips = {}
    for _, w in ipairs(k.more) do
      local chip = string.format('%s <small>%d·%d</small>', text.html(w.spelling), w.here, w.rest)
      local linked
      for _, i in ipairs(k.documents) do
        local ok, hits = pcall(function() return corpus:doc(i):find(w.word) end)
        if ok and hits and hits[1] then
          linked = links:link(i, hits[1].start, hits[1].stop, chip, string.format("z = %.2f", w.z))
          break
        end
      end
      chips[#chips + 1] = linked or ('<span class="chip">' .. chip .. "</span>")
    end
    local less = {}
    for _, w in ipairs(k.less) do
      less[#less + 1] = string.format('<span class="chip less">%s <small>%d·%d</small></span>',
        text.html(w.spelling), w.here, w.rest)
    end
    local name = #k.documents == 1 and docs[k.documents[1]].label or k.source
    out[#out + 1] = string.format('<div class="card"><h3>%s <span class="score">%s</span></h3>'
      .. '<p class="chips">%s</p>%s</div>', text.html(name),
      #k.documents == 1 and "" or string.format("%d articles", #k.documents),
      #chips > 0 and table.concat(chips) or '<span class="empty">no word stands out</span>',
      #less > 0 and ('<p class="chips"><span class="n">uses less:</span> ' .. table.concat(less) .. "</p>")
        or "")
  end
  return '<div class="cards">' .. table.concat(out) .. "</div>"
end

-- The spellings that differ between articles, each article linked to its
-- first use of its spelling.
local function variants_html(model, corpus, links)
  if #model.variants == 0 then return '<p class="empty">No spelling differs.</p>' end
  local docs, rows = model.documents, {}
  local function uses(word, list)
    local l = {}
    for k, i in ipairs(list) do
      local ok, hits = pcall(function() return corpus:doc(i):find(word) end)
      if ok and hits and hits[1] then
        l[k] = links:link(i, hits[1].start, hits[1].stop, text.html(docs[i].label), "first use of " .. word)
      else
        l[k] = links:to_doc(i, text.html(docs[i].label))
      end
    end
    return table.concat(l, ", ")
  end
  for _, v in ipairs(model.variants) do
    rows[#rows + 1] = string.format('<tr><td><span class="t t-spelling">%s</span></td><td>%s</td>'
      .. '<td><span class="t t-spelling">%s</span></td><td>%s</td></tr>', text.html(v.a), uses(v.a, v.docs_a),
      text.html(v.b), uses(v.b, v.docs_b))
  end
  return '<div class="scroll"><table class="variants"><thead><tr><th>spelling</th><th>in</th>'
    .. "<th>spelling</th><th>in</th></tr></thead><tbody>" .. table.concat(rows) .. "</tbody></table></div>"
end

-- The entities named most, each article's count linked to the sentence
-- naming it first.
local function entities_html(model, links)
  if #model.entities == 0 then return '<p class="empty">No entities were sought.</p>' end
  local docs, rows = model.documents, {}
  for _, e in ipairs(model.entities) do
    local chips = {}
    for _, f in ipairs(e.first) do
      chips[#chips + 1] = links:link(f.doc, f.start, f.stop, string.format("%s <small>%d</small>",
        text.html(docs[f.doc].label), f.count), "first mention")
    end
    rows[#rows + 1] = string.format(
      '<tr><td>%s</td><td>%s</td><td class="num">%d</td><td class="num">%d</td>'
      .. '<td class="chips">%s</td></tr>',
      text.html(e.name), text.html(e.type), e.count, e.sources, table.concat(chips))
  end
  return '<div class="scroll"><table><thead><tr><th>name</th><th>type</th><th class="num">mentions</th>'
    .. '<th class="num">sources</th><th>first mention in each article</th></tr></thead><tbody>'
    .. table.concat(rows) .. "</tbody></table></div>"
end

-- The whole page for the model.
function M.render(model, corpus)
  local links = article.new(corpus, model.documents)
  local shown = {}
  for _, p in ipairs(model.pairs) do shown[p.a .. "-" .. p.b] = true end
  local function pair_shown(a, b) return shown[a .. "-" .. b] end
  -- Sections that link into the texts come first, so the registry knows
  -- every span before the texts are cut.
  local body = {
    { "figures", "Who is related to whom", string.format(
      '<div class="figures%s"><figure class="hm">%s<figcaption>Relatedness of each pair (0: unrelated, '
      .. '1: the same text); outlined: related pairs. Select a cell for its passages.</figcaption></figure>'
      .. '<figure class="gr">%s'
      .. '<figcaption>Arrows run from the source to the article derived from it, with the share of the '
      .. 'derived article found in reused passages; dashed: related, direction undecided.</figcaption>'
      .. '</figure></div>', #model.heatmap.docs > 12 and " stacked" or "",
      heatmap.render(model, pair_shown),
      graph.render(model, 4, "wide") .. graph.render(model, 2, "narrow")) },
    { "passages", "Reused passages side by side", '<p class="legend"><span class="chg">changed</span>'
      .. '<span class="add">added</span><span class="del">dropped</span>'
      .. '<span class="t t-number">number</span><span class="t t-name">name</span>'
      .. '<span class="t t-spelling">spelling</span><span class="t t-date">date</span>'
      .. '<span class="t t-title">title</span><span class="t t-quote">quote</span></p>'
      .. passages.render(model, corpus, links) },
    { "quotes", "Quotes shared across outlets", '<p class="hint">Each block is one utterance as the articles '
      .. 'quote it; marked words are missing from the longest version.</p>'
      .. quote_table.render(model, links) },
    { "spellings", "Spellings that differ",
      variants_html(model, corpus, links) },
    { "sources", "What each source alone has, and leaves out", sources_html(model, links) },
    { "framing", "Framing words", '<p class="hint">Words each source uses more than the others (keyness, '
      .. 'log-odds z-score), and those it uses less; times here · elsewhere. Select a word for its first '
      .. 'use.</p>'
      .. keyness_html(model, corpus, links) },
    { "names", "Most named", entities_html(model, links) },
  }
  local all_texts = #model.documents <= 2 * model.top
  local articles_intro = articles_table(model, links)
  local texts = links:render(all_texts)
  local toc, sections = { '<a href="#articles">Articles</a>' }, {}
  for _, s in ipairs(body) do
    toc[#toc + 1] = string.format('<a href="#%s">%s</a>', s[1], text.html(s[2]))
    sections[#sections + 1] = string.format('<section id="%s"><h2>%s</h2>%s</section>', s[1],
      text.html(s[2]), s[3])
  end
  toc[#toc + 1] = '<a href="#texts">Texts</a>'
  local notes = ""
  if #model.notes > 0 then
    local li = {}
    for k, n in ipairs(model.notes) do li[k] = "<li>" .. text.html(n) .. "</li>" end
    notes = '<section id="notes"><h2>Notes</h2><ul>' .. table.concat(li) .. "</ul></section>"
  end
  local title = string.format("lede report: %s articles", text.thousands(#model.documents))
  return table.concat({
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      .. "script-src 'unsafe-inline'; img-src data:\">",
    "<title>" .. text.html(title) .. "</title>",
    "<style>" .. M.CSS .. "</style>",
    "<script>" .. M.GUARD .. "</script></head><body>",
    string.format('<header class="top"><h1>%s</h1><p>%d derivation%s · %d related pair%s · %d quote%s shared '
      .. "across outlets · %d spelling variant%s</p></header>", text.html(title), #model.derivations,
      #model.derivations == 1 and "" or "s", model.related or 0, (model.related or 0) == 1 and "" or "s",
      model.quote_groups, model.quote_groups == 1 and "" or "s", #model.variants,
      #model.variants == 1 and "" or "s"),
    '<nav class="toc">' .. table.concat(toc) .. "</nav><main>",
    '<section id="articles"><h2>Articles</h2>' .. articles_intro .. "</section>",
    table.concat(sections, "\n"),
    notes,
    '<section id="texts"><h2>The article texts</h2><p class="hint">Every finding above links to its place '
      .. "here.</p>" .. texts .. "</section>",
    '<pre id="page-errors"></pre></main>',
    "<script>" .. M.SCRIPT .. "</script></body></html>",
  }, "\n") .. "\n"
end

return M
