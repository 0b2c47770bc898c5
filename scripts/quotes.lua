-- quotes.lua — every quotation of every article, who said it (cue, speaker,
-- role, relay), and the same utterance lined up across outlets.
--
--   lede quotes seeds/                        readable, per document, then across documents
--   lede quotes seeds/ --format jsonl         one JSON object per quote (docs/attribution.md)
--   lede quotes seeds/ --format json | jq '.groups'
--
-- The scanner (Document:quotes) finds the spans; the modules under
-- scripts/quotes/ decide the rest, one concern each: view (tokens and
-- spans), cues and lexicon, phrases (speaker noun phrases), speakers (the
-- cue patterns), coref (pronouns and surnames), relay, spans (kinds and
-- indirect speech), attribute (the passes), crossdoc (clusters, groups,
-- diffs), output. Rules and word lists are Lua tables (quotes.rules,
-- quotes.lexicon) a user may change before running the script.

-- Modules are found next to this file: scripts/quotes/*.lua.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
if not package.path:find(here .. "/?.lua", 1, true) then
  package.path = here .. "/?.lua;" .. package.path
end

local lede = require("lede")
local cjson = require("cjson")
local lexicon = require("quotes.lexicon")
local cues = require("quotes.cues")
local attribute = require("quotes.attribute")
local crossdoc = require("quotes.crossdoc")
local output = require("quotes.output")


-- Attribute every document, then cluster speakers and group utterances
-- across them; returns the result and its text (built when written).
local function run(corpus, args)
  -- Each document's view, names and candidate phrases die with it: a
  -- generational collector spends less on such short-lived tables than the
  -- incremental one (about 6% of a run over 840 articles). The caller's mode
  -- is put back after the documents: the grouping across them keeps most of
  -- what it makes, and runs faster under it.
  local previous_gc = collectgarbage("generational")
  local L = cues.compile(lexicon)
  local records, docs = {}, {}
  local want_indirect = not args["no-indirect"]
  local min_conf = tonumber(args["min-confidence"]) or 0
  for _, d in corpus:docs() do
    local res = attribute.document(L, d)
    local off, raw = output.offset_map(d, res.view.text)
    local entry = { name = d.name, records = {} }
    local list = {}
    for _, q in ipairs(res.quotes) do list[#list + 1] = q end
    if want_indirect then
      for _, q in ipairs(res.indirect) do list[#list + 1] = q end
      table.sort(list, function(a, b) return a.start < b.start end)
    end
    for _, q in ipairs(list) do
      if (q.confidence or 0) >= min_conf or q.kind == "term" then
        local r = output.record(d.name, q, off, raw)
        entry.records[#entry.records + 1] = r
        records[#records + 1] = r
      end
    end
    docs[#docs + 1] = entry
  end

  collectgarbage(previous_gc)
  local clusters, groups = {}, {}
  if not args["no-cross"] then
    clusters = crossdoc.cluster_speakers(records)
    groups = crossdoc.group_utterances(records)
  end
  -- the text is written only for --format text: build it when asked
  local text = setmetatable({}, { __tostring = function() return output.text(docs, clusters, groups) end })
  for _, r in ipairs(records) do
    for _, k in ipairs(output.NULLABLE) do
      if r[k] == nil then r[k] = cjson.null end
    end
    if r.mention ~= cjson.null then r.mention = lede.object(r.mention) end
  end
  local result = { quotes = records, speakers = clusters, groups = groups }
  return result, text
end

return {
  description = "Quotations with their speaker, role, cue and relay, and the same quote compared "
    .. "across outlets",
  args = {
    { name = "min-confidence", help = "leave out quotes attributed with a lower confidence (0-1)",
      default = 0 },
    { name = "no-indirect", help = "leave out indirect speech (kind indirect)", default = false },
    { name = "no-cross", help = "skip speaker clustering and cross-document grouping", default = false },
  },
  records = "quotes",
  columns = output.columns,
  run = run,
}
