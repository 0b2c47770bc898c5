-- summary.lua — a first look at a corpus: what each article is (outlet,
-- title, date, size, tokens, sentences, paragraphs), what the loader had to
-- repair, and which content words several articles share (the story's
-- common vocabulary: names, places, the event).
--
--   lede summary seeds/
--   lede summary seeds/ --format json | jq '.shared_words[:5]'
--   lede summary corpus.jsonl --format csv > articles.csv
local stopwords = require("lede.stopwords")

-- The first non-blank line of a text, trimmed: the headline of a plain-text
-- article that carries no title metadata.
local function first_line(text)
  for line in text:gmatch("[^\n]+") do
    local trimmed = line:match("^%s*(.-)%s*$")
    if trimmed ~= "" then return trimmed end
  end
  return nil
end

-- s cut to at most n characters (not bytes), with … when cut.
local function clip(s, n)
  if not s then return "" end
  if utf8.len(s) == nil or utf8.len(s) <= n then return s end
  return s:sub(1, utf8.offset(s, n) - 1) .. "…"
end

-- Integer with thousands separators: 16896 -> 16,896.
local function thousands(n)
  local s = tostring(n)
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^,", ""))
end

-- Pad s (UTF-8) with spaces to `width` characters.
local function pad(s, width, right)
  s = tostring(s)
  local gap = width - (utf8.len(s) or #s)
  if gap <= 0 then return s end
  return right and (string.rep(" ", gap) .. s) or (s .. string.rep(" ", gap))
end

-- Whether a normalized word is a content word worth counting: more than
-- one character, not a number or amount, not a function word, not a verb
-- of saying.
local function is_content(n)
  if #n <= 4 and (utf8.len(n) or 0) <= 1 then return false end
  if n:find("^[%d%p]") then return false end
  return not stopwords.english[n] and not stopwords.reporting[n]
end

-- One row per document, counting its content words into `stats`:
-- stats.df[w] documents, stats.total[w] occurrences, stats.where[w] the
-- documents (when kept). d:terms() counts in C, so the Lua work is per
-- distinct word, not per token.
local function describe(i, d, stats)
  local df, total, where = stats.df, stats.total, stats.where
  local counts = {}
  for norm, c in pairs(d:terms()) do
    -- A possessive counts as its word: Witkoff’s is Witkoff.
    local n = norm:match("^(.+)'s$") or norm
    if is_content(n) then counts[n] = (counts[n] or 0) + c end
  end
  for n, c in pairs(counts) do
    total[n] = (total[n] or 0) + c
    df[n] = (df[n] or 0) + 1
    if where then
      where[n] = where[n] or {}
      where[n][#where[n] + 1] = i
    end
  end
  return {
    index = i,
    name = d.name,
    source = d.source,
    title = d.title or first_line(d:text()),
    date = d.date,
    url = d.url,
    bytes = d.bytes,
    tokens = #d,
    sentences = d:nsentences(),
    paragraphs = d:nparagraphs(),
    warnings = 0,
  }
end

-- How the words in `wanted` (a set of norms) are spelled in the first
-- `limit` documents: { norm = { spelling = count } }.
local function spellings(corpus, wanted, limit)
  local forms = {}
  for i, d in corpus:docs() do
    if i > limit then break end
    for _, t in d:words() do
      local base = t.norm:match("^(.+)'s$")
      local n = base or t.norm
      if wanted[n] then
        local form = base and t.text:match("^(.+)['’]s$") or t.text
        forms[n] = forms[n] or {}
        forms[n][form] = (forms[n][form] or 0) + 1
      end
    end
  end
  return forms
end

-- The most common surface form of a word across the corpus ("Rubio" for rubio).
local function best_surface(forms)
  local best, count = nil, -1
  for s, c in pairs(forms) do
    if c > count or (c == count and s < best) then best, count = s, c end
  end
  return best
end

-- The documents listed for each shared word, up to this many documents.
local WHERE_LIMIT = 100
-- How many documents are read for the usual spelling of the shared words.
local SPELLING_DOCS = 200

local function run(corpus, args)
  local documents, byname = {}, {}
  local stats = { df = {}, total = {}, where = #corpus <= WHERE_LIMIT and {} or nil }
  local df, total, where = stats.df, stats.total, stats.where
  local totals = { documents = 0, bytes = 0, tokens = 0, sentences = 0, paragraphs = 0 }
  for i, d in corpus:docs() do
    local row = describe(i, d, stats)
    documents[#documents + 1] = row
    byname[row.name] = row
    for k in pairs(totals) do
      if k ~= "documents" then totals[k] = totals[k] + row[k] end
    end
    totals.documents = totals.documents + 1
  end

  local warnings = {}
  for _, w in ipairs(corpus:warnings()) do
    warnings[#warnings + 1] = { name = w.name, line = w.line, offset = w.offset, message = w.message }
    local row = byname[w.name]
    if row then row.warnings = row.warnings + 1 end
  end

  -- Shared words: in at least min-docs documents (default: half, at least 2),
  -- ranked by how many documents have them, then by occurrences.
  local ndocs = #documents
  local min_docs = math.tointeger(args["min-docs"]) or 0
  if min_docs <= 0 then min_docs = math.max(2, (ndocs + 1) // 2) end
  local shared = {}
  for w, n in pairs(df) do
    if n >= min_docs then
      shared[#shared + 1] = { norm = w, documents = n, count = total[w], ["in"] = where and where[w] }
    end
  end
  table.sort(shared, function(a, b)
    if a.documents ~= b.documents then return a.documents > b.documents end
    if a.count ~= b.count then return a.count > b.count end
    return a.norm < b.norm
  end)
  local top = math.tointeger(args.top) or 15
  while #shared > top do shared[#shared] = nil end
  -- Show each word as it is most often spelled (Rubio, not rubio), judged
  -- on the first documents: enough for words shared this widely.
  local wanted = {}
  for _, s in ipairs(shared) do wanted[s.norm] = true end
  local forms = spellings(corpus, wanted, SPELLING_DOCS)
  for _, s in ipairs(shared) do s.word = forms[s.norm] and best_surface(forms[s.norm]) or s.norm end

  local result = {
    totals = totals,
    documents = documents,
    warnings = warnings,
    shared_words = shared,
    min_docs = min_docs,
  }

  -- The text for the terminal.
  local lines = {}
  local function add(fmt, ...) lines[#lines + 1] = (string.format(fmt, ...):gsub("%s+$", "")) end
  add("%d document%s, %s bytes, %s tokens, %s sentences, %s paragraphs", totals.documents,
    totals.documents == 1 and "" or "s", thousands(totals.bytes), thousands(totals.tokens),
    thousands(totals.sentences), thousands(totals.paragraphs))
  add("")
  local namew = 8
  for _, r in ipairs(documents) do namew = math.max(namew, utf8.len(r.name) or #r.name) end
  namew = math.min(namew, 40)
  local iw = math.max(2, #tostring(ndocs))
  add("%s  %s  %s  %s  %s  %s  %s  %s  %s", pad("#", iw, true), pad("document", namew), pad("outlet", 12),
    pad("date", 10), pad("bytes", 7, true), pad("tokens", 6, true), pad("sent.", 5, true),
    pad("para.", 5, true), pad("warn.", 5, true))
  for _, r in ipairs(documents) do
    add("%s  %s  %s  %s  %s  %s  %s  %s  %s", pad(r.index, iw, true), pad(clip(r.name, namew), namew),
      pad(clip(r.source or "-", 12), 12), pad(clip(r.date or "-", 10), 10), pad(r.bytes, 7, true),
      pad(r.tokens, 6, true), pad(r.sentences, 5, true), pad(r.paragraphs, 5, true), pad(r.warnings, 5, true))
  end
  add("")
  add("Titles (where the input gives none, the first line):")
  for _, r in ipairs(documents) do
    add("%s  %s", pad(r.index, iw, true), clip(r.title or "-", 100))
  end
  add("")
  if #warnings == 0 then
    add("Loader warnings: none")
  else
    add("Loader warnings (%d):", #warnings)
    for _, w in ipairs(warnings) do
      add("  %s%s: byte %d: %s", w.name, w.line and (":" .. w.line) or "", w.offset, w.message)
    end
  end
  add("")
  if #shared == 0 then
    add("No content word appears in %d or more of the %d documents.", min_docs, ndocs)
  else
    add("Content words in at least %d of the %d documents:", min_docs, ndocs)
    local ww = 4
    for _, s in ipairs(shared) do ww = math.max(ww, utf8.len(s.word) or #s.word) end
    local dw, tw = math.max(4, #tostring(ndocs)), 5
    for _, s in ipairs(shared) do tw = math.max(tw, #tostring(s.count)) end
    add("  %s  %s  %s  %s", pad("word", ww), pad("docs", dw, true), pad("times", tw, true),
      where and "in documents" or "")
    for _, s in ipairs(shared) do
      local list = not s["in"] and "" or #s["in"] == ndocs and "all" or table.concat(s["in"], " ")
      add("  %s  %s  %s  %s", pad(s.word, ww), pad(s.documents, dw, true), pad(s.count, tw, true), list)
    end
  end
  return result, table.concat(lines, "\n") .. "\n"
end

return {
  description = "A first look: each article's outlet, title, date and size, the loader's warnings, "
    .. "and the content words several articles share",
  args = {
    { name = "top", help = "how many shared words to list", default = 15 },
    { name = "min-docs", help = "a shared word is in at least this many documents (0: half, at least 2)",
      default = 0 },
  },
  records = "documents",
  columns = { "index", "name", "source", "title", "date", "url", "bytes", "tokens", "sentences",
    "paragraphs", "warnings" },
  run = run,
}
