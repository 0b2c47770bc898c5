-- render.lua — the comparison as text for the terminal, and the corpus-wide
-- list of spelling variants gathered from the pairs' differences.
local M = {}

-- Pad s (UTF-8) to `width` characters; `right` aligns right.
local function pad(s, width, right)
  s = tostring(s)
  local gap = width - (utf8.len(s) or #s)
  if gap <= 0 then return s end
  return right and (string.rep(" ", gap) .. s) or (s .. string.rep(" ", gap))
end

-- s on one line, cut to at most n characters with … when cut.
local function clip(s, n)
  s = (s or ""):gsub("%s+", " ")
  local len = utf8.len(s)
  if not len or len <= n then return s end
  return s:sub(1, utf8.offset(s, n) - 1) .. "…"
end

-- A share as a percentage.
local function pct(x) return string.format("%d%%", math.floor(x * 100 + 0.5)) end

-- Spelling variants over all pairs: each pair of spellings once, with the
-- documents using each and how it was found ("alignment": a substitution
-- inside aligned text; "vocabulary": names spelled two ways across a story
-- cluster, see differences.vocabulary_variants):
-- { {a = word, b = word, docs_a = {…}, docs_b = {…}, found_by}, … }.
function M.variants(pairs_, vocabulary)
  local byword, out = {}, {}
  for _, p in ipairs(pairs_) do
    for _, d in ipairs(p.differences) do
      if d.type == "spelling" then
        local x, y, dx, dy = d.a, d.b, p.a, p.b
        if x > y then x, y, dx, dy = y, x, dy, dx end
        local key = x .. "\0" .. y
        local v = byword[key]
        if not v then
          v = { a = x, b = y, docs_a = {}, docs_b = {}, seen_a = {}, seen_b = {}, found_by = "alignment" }
          byword[key] = v
          out[#out + 1] = v
        end
        if not v.seen_a[dx] then v.seen_a[dx] = true table.insert(v.docs_a, dx) end
        if not v.seen_b[dy] then v.seen_b[dy] = true table.insert(v.docs_b, dy) end
      end
    end
  end
  for _, w in ipairs(vocabulary or {}) do
    local x, y, da, db = w.a, w.b, w.docs_a, w.docs_b
    if x > y then x, y, da, db = y, x, db, da end
    local v = byword[x .. "\0" .. y]
    if not v then
      v = { a = x, b = y, docs_a = {}, docs_b = {}, seen_a = {}, seen_b = {}, found_by = "vocabulary" }
      byword[x .. "\0" .. y] = v
      out[#out + 1] = v
    end
    for _, n in ipairs(da) do if not v.seen_a[n] then v.seen_a[n] = true table.insert(v.docs_a, n) end end
    for _, n in ipairs(db) do if not v.seen_b[n] then v.seen_b[n] = true table.insert(v.docs_b, n) end end
  end
  for _, v in ipairs(out) do
    v.seen_a, v.seen_b = nil, nil
    table.sort(v.docs_a)
    table.sort(v.docs_b)
  end
  table.sort(out, function(x, y) return x.a < y.a or (x.a == y.a and x.b < y.b) end)
  return out
end

-- The text report.
function M.text(r, args)
  local lines = {}
  local function add(fmt, ...) lines[#lines + 1] = (string.format(fmt, ...):gsub("%s+$", "")) end
  local docs = r.documents
  local label = {}
  local iw = #tostring(#docs)
  for _, d in ipairs(docs) do label[d.name] = "[" .. pad(d.index, iw, true) .. "]" end

  add("%d document%s; %s compared; related from relatedness %.2f", #docs, #docs == 1 and "" or "s",
    r.compared, r.min_relatedness)
  add("")
  for _, d in ipairs(docs) do
    add("%s %s%s", label[d.name], d.name, d.date and ("  " .. d.date) or "")
  end
  add("")

  -- 1. Similarity table.
  local top = math.tointeger(args.top) or 20
  add("Pairs by relatedness (jaccard: word 5-grams; a⊂b, b⊂a: containment; cosine: tf-idf of content")
  add("words; sentences: share matched in order; reused: share inside aligned passages):")
  add("  %s  %s  %s  %s  %s  %s  %s  %s  %s  %s  %s", pad("a", iw + 2), pad("b", iw + 2), pad("related", 7, true),
    pad("jaccard", 7, true), pad("a⊂b", 5, true), pad("b⊂a", 5, true), pad("cosine", 6, true),
    pad("sent.", 5, true), pad("reused a", 8, true), pad("reused b", 8, true), "direction")
  for k, p in ipairs(r.pairs) do
    if k > top then
      add("  … %d more pair%s (--top N, or --format json for all)", #r.pairs - top, #r.pairs - top == 1 and "" or "s")
      break
    end
    local dir = type(p.direction) == "table" and (label[p.direction.source] .. " → " .. label[p.direction.derived])
      or (p.related and "undecided" or "")
    add("  %s  %s  %s  %s  %s  %s  %s  %s  %s  %s  %s", label[p.a], label[p.b],
      pad(string.format("%.3f%s", p.relatedness, p.related and "*" or " "), 7, true),
      pad(string.format("%.3f", p.jaccard), 7, true), pad(string.format("%.2f", p.a_in_b), 5, true),
      pad(string.format("%.2f", p.b_in_a), 5, true), pad(string.format("%.3f", p.cosine), 6, true),
      pad(string.format("%.2f", p.sentences), 5, true), pad(pct(p.reused_a), 8, true),
      pad(pct(p.reused_b), 8, true), dir)
  end
  add("  (* related)")

  -- 2–4. Each pair with passages: direction, passages, differences.
  local maxp = math.tointeger(args.passages) or 10
  for _, p in ipairs(r.pairs) do
    if #p.passages > 0 or p.related then
      add("")
      add("%s %s ↔ %s %s — relatedness %.3f%s", label[p.a], p.a, label[p.b], p.b, p.relatedness,
        p.related and "" or " (not related: shared passages only)")
      if p.related then
        local ev = p.evidence
        if type(p.direction) == "table" then
          add("  Direction: %s derived from %s (decided by %s)", label[p.direction.derived],
            label[p.direction.source], ev.decided_by)
        else
          add("  Direction: undecided")
        end
        add("  Evidence: dates %s / %s; names and numbers only in %s: %d, only in %s: %d;",
          ev.dates.a or "unknown", ev.dates.b or "unknown", label[p.a], ev.specifics.a_only, label[p.b],
          ev.specifics.b_only)
        add("            reused %s of %s, %s of %s; 5-gram containment %.2f / %.2f; %d sentence%s only these two report",
          pct(p.reused_a), label[p.a], pct(p.reused_b), label[p.b], p.a_in_b, p.b_in_a, ev.shared_only or 0,
          (ev.shared_only or 0) == 1 and "" or "s")
      end
      add("  Passages (%d): %s of %s and %s of %s reused", #p.passages, pct(p.reused_a), label[p.a],
        pct(p.reused_b), label[p.b])
      for k, ps in ipairs(p.passages) do
        if k > maxp then
          add("    … %d more", #p.passages - maxp)
          break
        end
        add("    %-10s %.2f  %s bytes %d–%d ↔ %s bytes %d–%d  (%d equal, %d changed, %d added, %d dropped)",
          ps.label, ps.score, label[p.a], ps.a.start, ps.a["end"], label[p.b], ps.b.start, ps.b["end"], ps.equal,
          ps.substitute, ps.insert, ps.delete)
        add("      %s %s", label[p.a], clip(ps.a.text, 110))
        add("      %s %s", label[p.b], clip(ps.b.text, 110))
      end
      if #p.differences > 0 then
        add("  Differences (%d):", #p.differences)
        for _, d in ipairs(p.differences) do
          add("    %-8s %s %s → %s%s", d.type, d.change, d.a ~= "" and ("“" .. clip(d.a, 50) .. "”") or "∅",
            d.b ~= "" and ("“" .. clip(d.b, 50) .. "”") or "∅", d.inside_quote and "  (inside a quote)" or "")
        end
      end
    end
  end

  -- 5. Per source.
  add("")
  add("Per source: sentences no other source has, and what at least two others report that it omits")
  for _, d in ipairs(docs) do
    add("%s %s: %d unique sentence%s, omits %d", label[d.name], d.name, #d.unique, #d.unique == 1 and "" or "s",
      #d.omits)
    for _, u in ipairs(d.unique) do add("    + %s", clip(u.text, 120)) end
    if #d.unique_details > 0 then
      local ds = {}
      for _, x in ipairs(d.unique_details) do ds[#ds + 1] = x.text end
      add("    + names and numbers no other source has: %s", table.concat(ds, ", "))
    end
    for _, o in ipairs(d.omits) do
      local by = {}
      for _, n in ipairs(o.reported_by) do by[#by + 1] = label[n] end
      add("    − %s  (%s)", clip(o.text, 100), table.concat(by, " "))
    end
  end

  -- Spelling variants.
  if #r.variants > 0 then
    add("")
    add("Spelling variants:")
    for _, v in ipairs(r.variants) do
      local la, lb = {}, {}
      for _, n in ipairs(v.docs_a) do la[#la + 1] = label[n] end
      for _, n in ipairs(v.docs_b) do lb[#lb + 1] = label[n] end
      add("  %s (%s) / %s (%s)  [%s]", v.a, table.concat(la, " "), v.b, table.concat(lb, " "), v.found_by)
    end
  end

  -- 6. Clusters.
  add("")
  if #r.clusters == 0 then
    add("Story clusters: none (no two articles tell the same story)")
  else
    add("Story clusters (%d):", #r.clusters)
    for k, c in ipairs(r.clusters) do
      local ls = {}
      for _, n in ipairs(c.documents) do ls[#ls + 1] = label[n] end
      add("  %d. %d articles: %s", k, c.size, table.concat(ls, " "))
    end
  end
  return table.concat(lines, "\n") .. "\n"
end

return M
