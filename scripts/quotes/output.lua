-- output.lua — the records of the `quotes` script (the JSON Lines
-- contract) and its text for the terminal, and the byte offsets into the
-- file as given.
--
-- lede stores text in NFC with invalid bytes repaired; offsets in the
-- output contract are into the file. When the stored text differs from the
-- file, offsets are mapped back by walking both strings: equal bytes map
-- one to one, and a differing stretch (a decomposed accent, a repaired
-- byte) maps its inside to its start, resynchronising on the next run of
-- four equal ASCII bytes.

local M = {}

-- A function from stored-text offsets to file offsets for document d (the
-- identity when the file is the stored text or cannot be read).
function M.offset_map(d, text)
  local f = d.name and io.open(d.name, "rb")
  if not f then return function(x) return x end end
  local raw = f:read("a")
  f:close()
  if raw == text then return function(x) return x end end
  local map = {}
  local i, j, n, m = 1, 1, #text, #raw
  while i <= n do
    if j <= m and text:byte(i) == raw:byte(j) then
      map[i - 1] = j - 1
      i, j = i + 1, j + 1
    else
      -- find the next place both agree on four ASCII bytes
      local i2, j2
      for a = i + 1, math.min(n, i + 64) do
        local key = text:sub(a, a + 3)
        if #key == 4 and not key:find("[\128-\255]") then
          local b = raw:find(key, j, true)
          if b and b - j <= 64 then i2, j2 = a, b break end
        end
      end
      if not i2 then i2, j2 = n + 1, m + 1 end
      for a = i, i2 - 1 do map[a - 1] = j - 1 end
      i, j = i2, j2
    end
  end
  map[n] = m
  return function(x) return map[x] or x end
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
