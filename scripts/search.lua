-- search.lua — ranked search: the documents matching a query (docs/query.md),
-- best first by BM25, each with its number of matches and a snippet of the
-- first one cut from the text.
--
--   lede search seeds/ --query '"logistical issues" NOT kiev'
--   lede search --db reuters.db --query 'oil NEAR/3 price*' --limit 5 --format json
--   lede search seeds/ --query 'rubio AND' --explain     (shows the error and where)
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables = explore.tables

-- The options of a search from the script's arguments.
local function search_options(args, extra)
  local o = extra or {}
  if args.source ~= "" then o.source = args.source end
  if args.from ~= "" then o.from = args.from end
  if args.to ~= "" then o.to = args.to end
  return o
end

local function run(corpus, args)
  local query = args.query
  if query == "" then explore.usage("--query is required (see lede search --help)") end
  local explained, why, _, pos = corpus:explain(query)
  if not explained then explore.usage("%s", explore.query_error(query, why, pos)) end
  local opts = search_options(args, { limit = math.tointeger(args.limit) or 10 })
  local r, err = corpus:search(query, opts)
  if not r then return nil, err end
  local results = {}
  for rank, d in ipairs(r.docs) do
    local snippet = ""
    if d.hits[1] then
      local line = corpus:concordance({ d.hits[1] }, { context = math.tointeger(args.context) or 8 })[1]
      snippet = line.left .. "[" .. line.match .. "]" .. line.right
    end
    results[rank] = {
      rank = rank, doc = d.doc, name = d.name, source = d.source, date = d.date, title = d.title,
      score = d.score, hits = #d.hits, snippet = snippet,
    }
  end
  local result = { query = query, parsed = r.query, total = r.total, results = results }
  local lines = {}
  if args.explain then lines[#lines + 1] = "query: " .. r.query end
  lines[#lines + 1] = string.format("%d document%s match; %s", r.total, r.total == 1 and "" or "s",
    #results < r.total and string.format("the best %d:", #results) or "ranked by BM25:")
  local text = table.concat(lines, "\n") .. "\n"
  if #results > 0 then
    for _, row in ipairs(results) do
      local meta = corpus:meta(row.doc) or row
      row.label = explore.short_label(explore.label(row), 28)
      row.day = explore.short_date(meta)
      row.flat = row.snippet:gsub("%s+", " ")
    end
    text = text .. "\n" .. tables.render(results, {
      { key = "rank", title = "#", right = true },
      { key = "score", title = "bm25", right = true, fmt = function(v) return string.format("%.4g", v) end },
      { key = "label", title = "document" },
      { key = "day", title = "date", max = 16 },
      { key = "hits", title = "hits", right = true },
      { key = "flat", title = "first match", max = 90 },
    })
  end
  return result, text
end

return {
  description = "Ranked search (BM25) with the query language of docs/query.md: words, \"phrases\", prefix*, "
    .. "NEAR/k, AND, OR, NOT, source: and date: filters",
  args = {
    { name = "query", help = "the query (docs/query.md)", default = "" },
    { name = "limit", help = "documents to list", default = 10 },
    { name = "context", help = "tokens of context each side in the snippet", default = 8 },
    { name = "source", help = "only documents of this source", default = "" },
    { name = "from", help = "only documents dated on or after YYYY[-MM[-DD]]", default = "" },
    { name = "to", help = "only documents dated on or before YYYY[-MM[-DD]]", default = "" },
    { name = "explain", help = "also print the query as it was read, fully bracketed", default = false },
  },
  records = "results",
  columns = { "rank", "doc", "name", "source", "date", "title", "score", "hits", "snippet" },
  run = run,
  search_options = search_options,
}
