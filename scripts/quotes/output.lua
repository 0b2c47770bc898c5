-- output.lua — the records of the `quotes` script (the JSON Lines
-- contract) and its text for the terminal, and the byte offsets into the
-- file as given.
--
-- lede stores text in NFC with invalid bytes repaired and a BOM dropped;
-- offsets in the output contract are into the source, so they go through
-- Document:source_offset. Where the stored text differs from the source,
-- the record's text is read from the source file too.

local M = {}

-- A function from stored-text offsets to source offsets for document d,
-- and the source's bytes when they differ from the stored text (else nil).
function M.offset_map(d, text)
  local map = function(x) return d:source_offset(x) end
  -- every repair (a dropped BOM, a replaced byte, NFC) changes the length
  -- in practice; the source is read only then, for the records' text
  if d:source_offset(#text) == #text then return map, nil end
  local raw
  local f = d.name and io.open(d.name, "rb")
  if f then
    raw = f:read("a")
    f:close()
  end
  return map, raw
end

-- Fields of a JSON Lines record, in the contract's order (for CSV).
M.columns = { "doc", "start", "end", "text", "kind", "speaker", "mention", "cue", "manner", "role", "relay",
  "rule", "confidence", "speaker_cluster", "group" }

-- The record of one quote of document `name`, offsets mapped by `off`.
function M.record(name, q, off, raw)
  local a, b = off(q.start), off(q.stop)
  local r = {
    doc = name, start = a, ["end"] = b, text = raw and raw:sub(a + 1, b) or q.text, kind = q.kind,
    speaker = q.speaker, cue = q.cue, manner = q.manner, role = q.role,
    relay = q.relay and q.relay.text or nil, relay_outlets = q.relay and q.relay.outlets or nil,
    medium = q.relay and q.relay.medium or nil,
    rule = q.rule, confidence = q.confidence, speaker_kind = q.speaker_kind,
    paragraph = q.paragraph,
  }
  if q.mention then
    r.mention = { start = off(q.mention.start), ["end"] = off(q.mention["end"]) }
    r.mention_text = q.mention_text
  end
  return r
end

-- Set every absent contract field to JSON null (cjson.null via lede.json's
-- rules is not available, so the caller writes nulls with this marker).
M.NULLABLE = { "speaker", "mention", "cue", "role", "relay" }

-- s cut to n characters with … when cut.
local function clip(s, n)
  if not s then return "" end
  s = s:gsub("%s+", " ")
  if (utf8.len(s) or #s) <= n then return s end
  return s:sub(1, (utf8.offset(s, n) or n + 1) - 1) .. "…"
end
M.clip = clip

-- The text for the terminal: per document its quotes with speaker, cue,
-- role and relay; then the speakers across documents and the utterances
-- several outlets carry, with how their wording differs.
function M.text(docs, clusters, groups)
  local lines = {}
  local function add(fmt, ...) lines[#lines + 1] = (string.format(fmt, ...):gsub("%s+$", "")) end
  for _, d in ipairs(docs) do
    local n = 0
    for _, r in ipairs(d.records) do if r.kind ~= "indirect" then n = n + 1 end end
    add("%s: %d quote%s, %d indirect", d.name, n, n == 1 and "" or "s", #d.records - n)
    for _, r in ipairs(d.records) do
      local who = r.speaker or "?"
      if r.role then who = who .. " (" .. r.role .. ")" end
      add("  %-8s %-24s %s", r.kind, clip(who, 24), clip("“" .. r.text .. "”", 70))
      local how = {}
      if r.cue then how[#how + 1] = "cue: " .. r.cue .. (r.manner and r.manner ~= "neutral" and " [" .. r.manner .. "]" or "") end
      if r.mention_text and r.mention_text ~= r.speaker then how[#how + 1] = "mention: " .. r.mention_text end
      if r.relay then how[#how + 1] = "relay: " .. r.relay end
      how[#how + 1] = string.format("%s %.2f", r.rule, r.confidence)
      add("  %8s %s", "", table.concat(how, "; "))
    end
    add("")
  end
  if clusters and #clusters > 0 then
    add("Speakers across documents:")
    for _, c in ipairs(clusters) do
      local forms = {}
      for _, f in ipairs(c.forms) do forms[#forms + 1] = f end
      add("  %-28s %d quote%s in %d document%s%s", c.name, c.quotes, c.quotes == 1 and "" or "s", c.documents,
        c.documents == 1 and "" or "s", #forms > 1 and ("; written " .. table.concat(forms, ", ")) or "")
    end
    add("")
  end
  if groups and #groups > 0 then
    add("Utterances carried by several documents:")
    for gi, g in ipairs(groups) do
      add("  [%d] %s, in %d documents", gi, g.speaker or "?", #g.members)
      for _, m in ipairs(g.members) do
        local note = m.reference and "longest" or string.format("%+d words%s", m.more, m.diff ~= "" and ("; " .. m.diff) or "")
        add("      %-28s %s  (%s)", clip(m.doc, 28), clip("“" .. m.text .. "”", 60), note)
      end
    end
  end
  return table.concat(lines, "\n") .. "\n"
end

return M
