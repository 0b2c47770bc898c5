-- timeline.lua — the dates each source mentions, resolved against the
-- article's date where it is known (its date metadata, else --date), in
-- order: what happened when, as each source tells it. The rules are in
-- explore/dates.lua.
--
--   lede timeline seeds/ --date 2025-04-23
--   lede timeline corpus.jsonl --format csv
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables = explore.tables
local dates, lexicon = explore.module("dates"), explore.module("lexicon")

local function run(corpus, args)
  local fy, fm, fd
  if args.date ~= "" then
    fy, fm, fd = dates.parse_iso(args.date)
    if not fy then explore.usage("--date must be YYYY-MM-DD, not '%s'", args.date) end
  end
  local records, order = {}, {}
  local sources = {}
  for _, meta in ipairs(explore.documents(corpus)) do
    local ay, am, ad = dates.from_key(meta.date_key)
    local dated_by = ay and "metadata" or nil
    if not ay and fy then ay, am, ad, dated_by = fy, fm, fd, "--date" end
    local d = corpus:doc(meta.id)
    for si, s in d:sentences() do
      local tokens = {}
      for k = s.first_token, s.first_token + s.ntokens - 1 do tokens[#tokens + 1] = d:token(k) end
      for _, e in ipairs(dates.find(tokens, lexicon)) do
        local resolved, precision, how = dates.resolve(e, tokens, ay, am, ad, lexicon)
        local r = {
          source = meta.label, doc = meta.id, name = meta.name,
          article_date = ay and dates.iso(ay, am, ad) or nil, article_date_from = dated_by,
          expression = e.text, kind = e.kind, resolved = resolved, precision = precision, rule = how,
          sentence = si, text = s.text,
        }
        records[#records + 1] = r
        if not sources[meta.label] then
          sources[meta.label] = {}
          order[#order + 1] = meta.label
        end
        local list = sources[meta.label]
        list[#list + 1] = r
      end
    end
  end
  -- Each source's dates in time order (unresolved last), then as written.
  local function before(a, b)
    local x, y = a.resolved or "~", b.resolved or "~"
    if x ~= y then return x < y end
    if a.doc ~= b.doc then return a.doc < b.doc end
    return a.sentence < b.sentence
  end
  local out = {}
  for _, label in ipairs(order) do
    local list = sources[label]
    table.sort(list, before)
    local first = list[1]
    out[#out + 1] = string.format("%s (article date: %s)", label,
      first.article_date and (first.article_date .. " from " .. first.article_date_from) or "unknown")
    out[#out + 1] = (tables.render(list, {
      { key = "resolved", title = "date", fmt = function(v) return v or "?" end },
      { key = "expression", title = "as written", max = 24 },
      { key = "text", title = "sentence", max = 90 },
    }):gsub("[^\n]+", "  %0"))
  end
  table.sort(records, function(a, b)
    if a.source ~= b.source then return a.source < b.source end
    return before(a, b)
  end)
  local text = string.format("%d date expression%s in %d source%s\n\n", #records, #records == 1 and "" or "s",
    #order, #order == 1 and "" or "s") .. table.concat(out, "\n")
  return { records = records }, text
end

return {
  description = "Dates each source mentions (explicit dates, weekdays, yesterday, last week), resolved "
    .. "against the article's date, as a timeline per source",
  args = {
    { name = "date", help = "the date (YYYY-MM-DD) of articles whose metadata gives none", default = "" },
  },
  records = "records",
  columns = { "source", "doc", "resolved", "precision", "expression", "kind", "rule", "article_date",
    "sentence", "text" },
  run = run,
}
