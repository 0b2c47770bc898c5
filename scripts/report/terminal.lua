-- report/terminal.lua — the report as text for the terminal: short
-- sections a person reads in a minute, columns aligned, colour (ANSI) only
-- when asked for (the caller decides: a terminal, not a pipe).
local text = require("report.text")

local M = {}

-- The width text lines are cut to, unless the caller gives the terminal's.
M.WIDTH = 100

local CODES = { bold = "1", dim = "2", red = "31", green = "32", yellow = "33", blue = "34",
                magenta = "35", cyan = "36", head = "1;36" }

-- A painter: paint(style, s) wraps s in the ANSI code of `style` when
-- colour is on, else returns s unchanged.
local function painter(colour)
  return function(style, s)
    if not colour or s == "" then return s end
    return "\27[" .. CODES[style] .. "m" .. s .. "\27[0m"
  end
end

-- The render: model (report/gather.lua) and options { colour = bool,
-- html = path or nil, width = columns or nil } to the report's text.
function M.render(model, opts)
  local paint = painter(opts.colour)
  local docs = model.documents
  local out = {}
  local function add(s) out[#out + 1] = (s:gsub("%s+$", "")) end
  local function label(i) return docs[i] and docs[i].label or ("[" .. tostring(i) .. "]") end
  local function labels(list)
    local l = {}
    for k, i in ipairs(list) do l[k] = label(i) end
    return table.concat(l, " ")
  end
  local function heading(s, note)
    add("")
    add(paint("head", s) .. (note and ("  " .. paint("dim", note)) or ""))
  end
  local W = opts.width or M.WIDTH

  -- Headline: what there is to read.
  local shared_quotes = #model.quotes
  local function plural(n) return n == 1 and "" or "s" end
  add(paint("bold", string.format(
    "lede report: %s article%s, %d derivation%s, %d quote%s shared across outlets",
    text.thousands(#docs), plural(#docs), #model.derivations, plural(#model.derivations), model.quote_groups,
    plural(model.quote_groups))))

  -- The articles (a long corpus: only those the findings name).
  local listed, shown = {}, {}
  if #docs <= 2 * model.top then
    for i in ipairs(docs) do listed[#listed + 1] = i end
  else
    for _, p in ipairs(model.pairs) do
      for _, i in ipairs({ p.a, p.b }) do
        if not shown[i] then shown[i] = true; listed[#listed + 1] = i end
      end
    end
    table.sort(listed)
  end
  heading("Articles", #listed < #docs and string.format("(%d of %s: those of the pairs below)",
    #listed, text.thousands(#docs)) or nil)
  -- Outlet and date columns only when some article has one.
  local lw, ow, iw = 5, 0, math.max(1, #tostring(#docs))
  local dated = false
  for _, i in ipairs(listed) do
    lw = math.max(lw, text.width(docs[i].label))
    if docs[i].outlet then ow = math.max(ow, 6, math.min(16, text.width(docs[i].outlet))) end
    if docs[i].date then dated = true end
  end
  -- The day of a date: 2025-04-23 of 2025-04-23T10:00Z, 2-MAR-1987 of
  -- "2-MAR-1987 15:01:01.79".
  local function day(date)
    if not date then return "-" end
    local iso = date:match("^(%d%d%d%d%-%d%d%-%d%d)")
    return iso or date:match("^(%S+)")
  end
  local function row(index, name, outlet, date, words, title)
    local cells = { text.pad(index, iw, true), name }
    if ow > 0 then cells[#cells + 1] = text.pad(text.clip(outlet, ow), ow) end
    if dated then cells[#cells + 1] = text.pad(text.clip(date, 11), 11) end
    cells[#cells + 1] = text.pad(words, 6, true)
    cells[#cells + 1] = title
    return "  " .. table.concat(cells, "  ")
  end
  local fixed = 2 + iw + 2 + lw + 2 + (ow > 0 and ow + 2 or 0) + (dated and 13 or 0) + 6 + 2
  add(paint("dim", row("#", text.pad("label", lw), "outlet", "date", "words", "title")))
  for _, i in ipairs(listed) do
    local d = docs[i]
    add(row(i, paint("bold", text.pad(d.label, lw)), d.outlet or "-", day(d.date), text.thousands(d.words),
      text.clip(d.title or "-", math.max(20, W - fixed))))
  end

  -- Who derives from whom: the related pairs, most related first, with
  -- the direction compare decided (derived ← source) or ↔ when it could
  -- not; then the pairs that only share passages.
  heading("Who derives from whom", "(reused: share of the derived article inside passages from its source)")
  local related, dw = {}, 1
  for _, p in ipairs(model.pairs) do
    if p.related then
      related[#related + 1] = p
      dw = math.max(dw, text.width(label(p.a)), text.width(label(p.b)))
    end
  end
  if #related == 0 then add("  No two articles are related.") end
  for _, p in ipairs(related) do
    local dir = p.direction
    if dir then
      local reused = dir.derived == p.a and p.reused_a or p.reused_b
      add(string.format("  %s %s %s  %s of %s reused  %s", paint("bold", text.pad(label(dir.derived), dw)),
        paint("yellow", "←"), paint("bold", text.pad(label(dir.source), dw)),
        paint("yellow", text.pad(text.percent(reused), 4, true)), label(dir.derived),
        paint("dim", string.format("relatedness %.2f, decided by %s", p.relatedness, p.decided_by or "?"))))
    else
      local how
      if p.reused_a >= 0.99 and p.reused_b >= 0.99 then
        how = "duplicates: all of each shared"
      else
        how = string.format("undecided: %s of %s, %s of %s shared", text.percent(p.reused_a), label(p.a),
          text.percent(p.reused_b), label(p.b))
      end
      add(string.format("  %s %s %s  %s  %s", paint("bold", text.pad(label(p.a), dw)), paint("yellow", "↔"),
        paint("bold", text.pad(label(p.b), dw)), how,
        paint("dim", string.format("relatedness %.2f", p.relatedness))))
    end
  end
  local others = {}
  for _, p in ipairs(model.pairs) do
    if not p.related then
      others[#others + 1] = string.format("%s–%s %.2f", label(p.a), label(p.b), p.relatedness)
    end
  end
  if #others > 0 then
    add("  " .. paint("dim", "Sharing passages only: ") .. text.clip(table.concat(others, ", "), W - 25))
  end

  -- Quotes shared across outlets: those whose wording differs in full, the
  -- ones quoted alike on one line each.
  heading("Quotes shared across outlets", model.quote_groups > shared_quotes
    and string.format("(%d of %d utterances)", shared_quotes, model.quote_groups) or nil)
  if shared_quotes == 0 then add("  No quote appears in two articles.") end
  local alike, qw = {}, 1
  for _, g in ipairs(model.quotes) do
    for _, m in ipairs(g.members) do qw = math.max(qw, text.width(label(m.doc))) end
  end
  for _, g in ipairs(model.quotes) do
    local differs, ref = false, nil
    for _, m in ipairs(g.members) do
      if m.diff ~= "" then differs = true end
      if m.reference then ref = m end
    end
    local speaker = g.speaker or "unknown speaker"
    if not differs then
      local ls = {}
      for k, m in ipairs(g.members) do ls[k] = label(m.doc) end
      alike[#alike + 1] = string.format("%s “%s” (%s)", speaker, text.clip(text.flat(ref.text), 50),
        table.concat(ls, " "))
    else
      add(string.format("  %s, in %d articles", paint("bold", speaker), g.documents))
      for _, m in ipairs(g.members) do
        local tail
        if m.reference then
          tail = paint("dim", "(longest)")
        elseif m.diff == "" then
          tail = paint("green", "same words")
        elseif m.more <= -5 then
          tail = paint("yellow", string.format("excerpt: %d of %d words", m.words, ref.words))
        else
          tail = paint("yellow", text.clip(m.diff, 32)) ..
            (m.more ~= 0 and paint("red", string.format(" (%+d words)", m.more)) or "")
        end
        local room = W - 10 - qw - text.width((tail:gsub("\27%[[%d;]*m", "")))
        add(string.format("    %s  “%s”  %s", text.pad(label(m.doc), qw),
          text.clip(text.flat(m.text), math.max(24, room)), tail))
      end
    end
  end
  if #alike > 0 then
    add("  " .. paint("dim", "Quoted in the same words: "))
    for _, l in ipairs(alike) do add("    " .. text.clip(l, W - 4)) end
  end

  -- Spellings.
  if #model.variants > 0 then
    heading("Spellings that differ")
    for _, v in ipairs(model.variants) do
      add(string.format("  %s (%s) / %s (%s)", paint("magenta", v.a), labels(v.docs_a), paint("magenta", v.b),
        labels(v.docs_b)))
    end
  end

  -- Unique facts and omissions: the articles with something to say, then
  -- how many have nothing of their own and leave nothing out.
  if #model.sources > 0 then
    heading("What each source alone has, and what it leaves out")
    local quiet = 0
    for _, s in ipairs(model.sources) do
      local head = paint("bold", text.pad(label(s.doc), lw))
      local indent = string.rep(" ", lw + 2)
      local first = true
      local function line(s2)
        add("  " .. (first and head or indent) .. "  " .. s2)
        first = false
      end
      if s.unique_count > 0 then
        -- The example: the longest sentence shown, a fact more often than a
        -- headline or a fragment of a quote.
        local example = s.unique[1]
        for _, u in ipairs(s.unique) do
          if #u.text > #example.text then example = u end
        end
        line(string.format("%s only here, e.g. “%s”",
          paint("green", s.unique_count .. (s.unique_count == 1 and " sentence" or " sentences")),
          text.clip(text.flat(example.text), W - lw - 36)))
      end
      if s.unique_details_count > 0 then
        local ds = {}
        for k, u in ipairs(s.unique_details) do ds[k] = u.text end
        line(paint("green", "details only here: ") .. text.clip(table.concat(ds, ", "), W - lw - 24))
      end
      if s.omits_count > 0 then
        local o = s.omits[1]
        line(string.format("%s others report, e.g. “%s” (%s)",
          paint("red", "omits " .. s.omits_count .. (s.omits_count == 1 and " fact" or " facts")),
          text.clip(text.flat(o.text), W - lw - 48 - text.width(labels(o.reported_by))),
          labels(o.reported_by)))
      end
      if first then quiet = quiet + 1 end
    end
    if quiet > 0 then
      local who = quiet == #model.sources
        and (quiet == 1 and "The article" or ("All " .. quiet .. " articles"))
        or (quiet .. " other article" .. plural(quiet))
      add(paint("dim", string.format("  %s: nothing of %s own, nothing left out", who,
        quiet == 1 and "its" or "their")))
    end
  end

  -- Framing words.
  if #model.keyness > 0 then
    heading("Framing words", "(keyness: used more by this source than by the others; times here·elsewhere)")
    -- A source of one article goes by the article's label.
    local function name_of(k)
      return #k.documents == 1 and label(k.documents[1]) or text.clip(k.source, 24)
    end
    local kw = 3
    for _, k in ipairs(model.keyness) do kw = math.max(kw, text.width(name_of(k))) end
    for _, k in ipairs(model.keyness) do
      local ws = {}
      for n, w in ipairs(k.more) do
        ws[n] = string.format("%s %d·%d", paint("cyan", w.spelling), w.here, w.rest)
      end
      local name = name_of(k)
      add(string.format("  %s  %s", paint("bold", text.pad(name, kw)), #ws > 0 and table.concat(ws, ", ")
        or paint("dim", "no word stands out")))
    end
  end

  -- Entities.
  if #model.entities > 0 then
    heading("Most named")
    -- As many as fit on one line.
    local es, used = {}, 2
    for _, e in ipairs(model.entities) do
      local item = string.format("%s %d", e.name, e.count)
      if used + text.width(item) + 2 > W then break end
      es[#es + 1] = item
      used = used + text.width(item) + 2
    end
    add("  " .. table.concat(es, ", "))
  end

  if #model.notes > 0 then
    heading("Notes")
    for _, n in ipairs(model.notes) do add("  " .. paint("dim", n)) end
  end
  if opts.html then
    add("")
    add("HTML report: " .. opts.html)
  end
  return table.concat(out, "\n") .. "\n"
end

return M
