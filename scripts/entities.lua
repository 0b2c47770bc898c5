-- entities.lua — who and what each source names: people, organisations and
-- places found from capitalization and context, titles stripped, variants
-- clustered (Zelensky/Zelenskyy, Rubio/Marco Rubio, the U.K./UK/Britain),
-- with how often each source mentions each and the sentence it first does.
-- The rules are in explore/entities.lua, the word lists in explore/lexicon.lua.
--
--   lede entities seeds/
--   lede entities seeds/ --type person --format json
--   lede entities corpus/ --min 3 --format csv > mentions.csv
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables = explore.tables
local finder, lexicon = explore.module("entities"), explore.module("lexicon")

local TYPES = { all = true, person = true, organisation = true, place = true, unknown = true }

local function run(corpus, args)
  if not TYPES[args.type] then
    explore.usage("--type must be all, person, organisation, place or unknown, not '%s'", args.type)
  end
  local docs = explore.documents(corpus)
  local items, labels, seen = {}, {}, {}
  for _, m in ipairs(docs) do
    items[#items + 1] = { doc = corpus:doc(m.id), label = m.label }
    if not seen[m.label] then
      seen[m.label] = true
      labels[#labels + 1] = m.label
    end
  end
  local found = finder.find(items, lexicon)
  local min, top = math.tointeger(args.min) or 2, math.tointeger(args.top) or 30
  local entities, records = {}, {}
  for _, e in ipairs(found) do
    if e.count >= min and (args.type == "all" or e.type == args.type) then
      entities[#entities + 1] = e
      for _, label in ipairs(labels) do
        local s = e.sources[label]
        if s then
          records[#records + 1] = { entity = e.name, type = e.type, source = label, count = s.count,
            first_sentence = s.first_sentence, first_text = s.first_text }
        end
      end
    end
  end
  local shown = {}
  for i = 1, math.min(top, #entities) do shown[i] = entities[i] end
  -- The terminal: one row per entity, one column per source (its
  -- mentions there), then the variants.
  local cols = {
    { key = "name", title = "entity", max = 28 },
    { key = "type", title = "type" },
    { key = "count", title = "all", right = true },
  }
  -- A column per source when they fit; else how many sources name it.
  local per_source = #labels <= 8
  if per_source then
    for i, label in ipairs(labels) do
      cols[#cols + 1] = { key = "s" .. i, title = tables.clip(label, 8), right = true }
    end
  else
    cols[#cols + 1] = { key = "nsources", title = "sources", right = true }
  end
  cols[#cols + 1] = { key = "forms", title = "variants", max = 60 }
  local rows = {}
  for _, e in ipairs(shown) do
    local row = { name = e.name, type = e.type, count = e.count }
    if per_source then
      for i, label in ipairs(labels) do row["s" .. i] = e.sources[label] and e.sources[label].count or "" end
    else
      local n = 0
      for _ in pairs(e.sources) do n = n + 1 end
      row.nsources = n
    end
    local forms = {}
    for f, n in pairs(e.variants) do forms[#forms + 1] = { f = f, n = n } end
    table.sort(forms, function(a, b) return a.n > b.n or (a.n == b.n and a.f < b.f) end)
    for i, f in ipairs(forms) do forms[i] = string.format("%s %d", f.f, f.n) end
    row.forms = table.concat(forms, ", ")
    rows[#rows + 1] = row
  end
  local text = string.format("%d entit%s mentioned %d or more times in %d document%s (%s shown)\n",
    #entities, #entities == 1 and "y" or "ies", min, #docs, #docs == 1 and "" or "s", #shown)
  if #rows > 0 then text = text .. "\n" .. tables.render(rows, cols) end
  return { sources = labels, entities = entities, records = records }, text
end

return {
  description = "People, organisations and places each source names, titles stripped and variants "
    .. "clustered, with counts per source and the first sentence",
  args = {
    { name = "type", help = "all, person, organisation, place or unknown", default = "all" },
    { name = "min", help = "least mentions in all", default = 2 },
    { name = "top", help = "entities to show in the terminal", default = 30 },
  },
  records = "records",
  columns = { "entity", "type", "source", "count", "first_sentence", "first_text" },
  run = run,
}
