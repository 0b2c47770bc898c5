-- collocates.lua — the words that keep company with a node word (or any
-- query): counts in a window around each match, and four association
-- measures with the raw counts beside them (formulas in explore/stats.lua).
--
--   lede collocates seeds/ --node crimea
--   lede collocates seeds/ --node 'kiev OR kyiv' --window 3 --sort g2
--   lede collocates --db reuters.db --node oil --min 5 --format csv
local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
local explore = dofile(dir .. "/explore/init.lua")
local tables, stats = explore.tables, explore.stats
local stopwords = require("lede.stopwords")

local SORTS = { logdice = true, pmi = true, t = true, g2 = true, count = true }

-- Whether a normalized form is worth listing: a word with a letter, and
-- (unless stop words are kept) not a function word.
local function wanted(form, keep_stopwords)
  if not form:find("%a") and not form:find("[\128-\255]") then return false end
  return keep_stopwords or not stopwords.english[form]
end

local function run(corpus, args)
  local node = args.node
  if node == "" then explore.usage("--node is required (a word or a query; see lede collocates --help)") end
  if not SORTS[args.sort] then explore.usage("--sort must be logdice, pmi, t, g2 or count, not '%s'",
      args.sort) end
  local explained, why, _, pos = corpus:explain(node)
  if not explained then explore.usage("%s", explore.query_error(node, why, pos)) end
  local window = math.tointeger(args.window) or 5
  local opts = { window = window, cross = args.cross or nil }
  local counts, positions, nhits = corpus:collocates(node, opts)
  if not counts then return nil, positions end
  local _, n = corpus:totals()
  local min = math.tointeger(args.min) or 2
  local rows = {}
  for _, c in ipairs(counts) do
    if c.count >= min and wanted(c.form, args.stopwords) then
      local _, f_c = corpus:freq(c.form)
      local r = stats.collocation(c.count, f_c, nhits, positions, n)
      r.collocate, r.docs = c.form, c.docs
      rows[#rows + 1] = r
    end
  end
  local key = args.sort == "count" and "o11" or args.sort
  table.sort(rows, function(a, b)
    if a[key] ~= b[key] then return a[key] > b[key] end
    return a.collocate < b.collocate
  end)
  local top = math.tointeger(args.top) or 20
  for i = #rows, top + 1, -1 do rows[i] = nil end
  local result = {
    node = node, parsed = explained, window = window, matches = nhits, window_positions = positions,
    corpus_words = n, collocates = rows,
  }
  local text = string.format("%s: %d match%s, %d words in windows of %d each side, %d words in the corpus\n"
    .. "O11 = in the windows, E11 = expected there by chance, f_c = in the corpus; sorted by %s\n",
    explained, nhits, nhits == 1 and "" or "es", positions, window, n, args.sort)
  if #rows == 0 then
    text = text .. string.format("\nNo collocate occurs %d or more times.\n", min)
  else
    local function f(d) return function(v) return tables.num(v, d) end end
    text = text .. "\n" .. tables.render(rows, {
      { key = "collocate", title = "collocate", max = 30 },
      { key = "o11", title = "O11", right = true },
      { key = "e11", title = "E11", right = true, fmt = f(2) },
      { key = "f_c", title = "f_c", right = true },
      { key = "docs", title = "docs", right = true },
      { key = "logdice", title = "logDice", right = true, fmt = f(2) },
      { key = "pmi", title = "PMI", right = true, fmt = f(2) },
      { key = "t", title = "t", right = true, fmt = f(2) },
      { key = "g2", title = "G²", right = true, fmt = f(2) },
    })
  end
  return result, text
end

return {
  description = "Collocates of a word or query: window counts with logDice, PMI, t-score and "
    .. "log-likelihood G², raw counts beside every score",
  args = {
    { name = "node", help = "the node word, or any query (docs/query.md)", default = "" },
    { name = "window", help = "words each side of a match", default = 5 },
    { name = "cross", help = "let the window run past the match's sentence", default = false },
    { name = "min", help = "least co-occurrences to list a collocate", default = 2 },
    { name = "top", help = "collocates to list", default = 20 },
    { name = "sort", help = "logdice, pmi, t, g2 or count", default = "logdice" },
    { name = "stopwords", help = "keep function words (the, of, …)", default = false },
  },
  records = "collocates",
  columns = { "collocate", "o11", "e11", "f_c", "f_n", "docs", "logdice", "pmi", "t", "g2" },
  run = run,
}
