-- kwic.lua — a concordance: every match of a query with its context, the
-- matches aligned in one column. Contexts are cut from the original text
-- by byte spans, so punctuation and curly quotes show as printed; they
-- stop at the sentence unless --cross.
--
--   lede kwic seeds/ --query 'Kiev OR Kyiv'
--   lede kwic seeds/ --query 'recogni*' --sort right --context 6
--   lede kwic seeds/ --query '"logistical issues"' --sentence --format csv
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables = explore.tables

-- The first (or last) word of a context, lower-cased, for sorting.
local function edge_word(s, last)
  local words = {}
  for w in s:gmatch("[%w\128-\255'’%-]+") do words[#words + 1] = w:lower() end
  return (last and words[#words] or words[1]) or ""
end

local SORTS = { doc = true, left = true, right = true, match = true }

local function run(corpus, args)
  local query = args.query
  if query == "" then explore.usage("--query is required (see lede kwic --help)") end
  if not SORTS[args.sort] then explore.usage("--sort must be doc, left, right or match, not '%s'",
      args.sort) end
  local explained, why, _, pos = corpus:explain(query)
  if not explained then explore.usage("%s", explore.query_error(query, why, pos)) end
  local opts = {
    context = args.sentence and 0 or (math.tointeger(args.context) or 10),
    cross = args.cross or nil,
  }
  if args.source ~= "" then opts.source = args.source end
  if args.from ~= "" then opts.from = args.from end
  if args.to ~= "" then opts.to = args.to end
  -- In document order a limit needs no more documents than lines: the
  -- index stops there (and says how many documents match in all).
  local limit = math.tointeger(args.limit) or 0
  local ndocs
  if args.sort == "doc" and limit > 0 then
    opts.limit, opts.order = limit, "doc"
    ndocs = assert(corpus:search(query, { limit = 1, source = opts.source, from = opts.from,
        to = opts.to })).total
  end
  local lines, err = corpus:concordance(query, opts)
  if not lines then return nil, err end
  for _, l in ipairs(lines) do
    l.label = explore.label(l)
    l.left_word, l.right_word = edge_word(l.left, true), edge_word(l.right, false)
  end
  if args.sort ~= "doc" then
    local key = args.sort == "left" and "left_word" or args.sort == "right" and "right_word" or "match"
    table.sort(lines, function(a, b)
      local x, y = key == "match" and a.match:lower() or a[key], key == "match" and b.match:lower() or b[key]
      if x ~= y then return x < y end
      if a.doc ~= b.doc then return a.doc < b.doc end
      return a.start < b.start
    end)
  end
  local total = #lines
  if limit > 0 then
    for i = #lines, limit + 1, -1 do lines[i] = nil end
  end
  local records = {}
  for i, l in ipairs(lines) do
    records[i] = {
      doc = l.doc, name = l.name, source = l.source, sentence = l.sentence, start = l.start, stop = l.stop,
      left = l.left, match = l.match, right = l.right,
    }
  end
  -- The terminal: the label, then the left context right-aligned so the
  -- matches line up, the match, the right context.
  local width = math.tointeger(args.width) or 50
  local out = {}
  local lw, mw = 0, 0
  for _, l in ipairs(lines) do
    lw = math.max(lw, tables.width(explore.short_label(l.label)))
    mw = math.max(mw, tables.width(l.match))
  end
  local function flat(s) return (s:gsub("%s+", " ")) end
  for _, l in ipairs(lines) do
    local left = tables.clip_left(flat(l.left), width)
    out[#out + 1] = (string.format("%s  %s[%s]%s", tables.pad(explore.short_label(l.label), lw),
      tables.pad(left, width, true), l.match, tables.clip(flat(l.right), width)):gsub("%s+$", ""))
  end
  local text = string.format("%d match%s of %s%s\n", total, total == 1 and "" or "es", explained,
    #lines < total and string.format(" (the first %d by --sort)", #lines) or "")
  if ndocs then
    text = string.format("%d line%s of %s from the first of %d matching document%s\n", #lines,
      #lines == 1 and "" or "s", explained, ndocs, ndocs == 1 and "" or "s")
  end
  if #out > 0 then text = text .. "\n" .. table.concat(out, "\n") .. "\n" end
  return { query = query, parsed = explained, total = not ndocs and total or nil, documents = ndocs,
    lines = records }, text
end

return {
  description = "Concordance (keyword in context) of a query's matches, aligned, with the original "
    .. "punctuation and quotes; context bounded by the sentence",
  args = {
    { name = "query", help = "the query (docs/query.md)", default = "" },
    { name = "context", help = "tokens of context each side", default = 10 },
    { name = "sentence", help = "show the whole sentence as context", default = false },
    { name = "cross", help = "let the context run past the sentence", default = false },
    { name = "sort", help = "order: doc, left (word before), right (word after) or match", default = "doc" },
    { name = "limit", help = "lines to show (0: all)", default = 0 },
    { name = "width", help = "characters of context shown each side in the terminal", default = 50 },
    { name = "source", help = "only documents of this source", default = "" },
    { name = "from", help = "only documents dated on or after YYYY[-MM[-DD]]", default = "" },
    { name = "to", help = "only documents dated on or before YYYY[-MM[-DD]]", default = "" },
  },
  records = "lines",
  columns = { "doc", "name", "source", "sentence", "start", "stop", "left", "match", "right" },
  run = run,
}
