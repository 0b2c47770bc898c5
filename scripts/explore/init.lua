-- explore — what the exploration scripts (search, kwic, collocates,
-- keyness, framing, entities, timeline) share: finding the other modules, the
-- documents of a corpus or index grouped by source, and the text tables.
-- A script loads it with
--   local dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "."
--   local explore = dofile(dir .. "/explore/init.lua")
-- and the REPL finds it the same way (see docs/exploration.md).
local M = {}

M.dir = debug.getinfo(1, "S").source:match("^@(.+)/[^/]+$") or "explore"

local loaded = {}

-- Load a sibling module (explore/NAME.lua) once.
function M.module(name)
  if not loaded[name] then loaded[name] = assert(dofile(M.dir .. "/" .. name .. ".lua")) end
  return loaded[name]
end

M.tables = M.module("tables")
M.stats = M.module("stats")

-- The label of a document for grouping: its source, else its file name
-- without folder and extension (seeds/000_1a22….txt -> 000_1a22…).
function M.label(meta)
  if meta.source and meta.source ~= "" then return meta.source end
  local base = (meta.name or "?"):match("([^/]+)$") or meta.name
  return (base:gsub("%.[%w]+$", ""))
end

-- The documents of a corpus or index: { {id, name, label, source, date,
-- date_key, title, words}, … } in id order. Ids are the index's (for a
-- Corpus, the in-memory index's, which follow the corpus's order).
function M.documents(corpus)
  local ndocs = corpus:totals()
  -- A Corpus's in-memory index skips a document it already holds (same
  -- name and text), and then its ids are no longer positions.
  if ndocs ~= #corpus then
    M.usage("the corpus holds %d documents but %d distinct ones (the same file twice?): "
      .. "load each once, or index them with `lede index`", #corpus, ndocs)
  end
  local docs = {}
  for id = 1, ndocs do
    local m = corpus:meta(id)
    if m then
      m.id = id
      m.label = M.label(m)
      docs[#docs + 1] = m
    end
  end
  return docs
end

-- A document's date for a table: ISO (YYYY-MM-DD) when lede understands
-- it, else as stored.
function M.short_date(meta)
  local k = meta.date_key
  if k then return string.format("%04d-%02d-%02d", k // 10000, k // 100 % 100, k % 100) end
  return meta.date
end

-- A label for a narrow column: its end, which tells path:line names apart.
function M.short_label(label, width)
  return M.tables.clip_left(label, width or 20)
end

-- Whether a document belongs to the group a user named: its source equal
-- to `want` (ASCII case ignored), its file as given or base name, or `want`
-- a prefix of its label.
function M.in_group(doc, want)
  if not want or want == "" then return true end
  local w = want:lower()
  if doc.source and doc.source:lower() == w then return true end
  -- The file as given (seeds/000_….txt) or its base name (000_….txt)
  -- names its document too: users paste what `ls` shows.
  local name = (doc.name or ""):lower()
  if name == w or (name:match("([^/]+)$") or name) == w then return true end
  return doc.label:lower():sub(1, #w) == w
end

-- The groups of documents by label, in order of first appearance:
-- { {label, ids = {…}, words = n}, … }.
function M.groups(docs)
  local groups, by = {}, {}
  for _, d in ipairs(docs) do
    local g = by[d.label]
    if not g then
      g = { label = d.label, ids = {}, words = 0 }
      by[d.label] = g
      groups[#groups + 1] = g
    end
    g.ids[#g.ids + 1] = d.id
    g.words = g.words + (d.words or 0)
  end
  return groups
end

-- Counts of n-grams in some documents as a map form -> count, and the total.
function M.counts(corpus, ids, n)
  local list, total = corpus:ngrams(n or 1, ids)
  local map = {}
  for _, c in ipairs(list) do map[c.form] = c.count end
  return map, total, list
end

-- An error a script raises for a user's mistake, without a traceback.
function M.usage(fmt, ...)
  error(string.format(fmt, ...), 0)
end

-- A query's failure as a readable message with the position marked:
--   query: position 7: AND needs a term, phrase or group after it
--     rubio AND
--           ^
function M.query_error(query, message, position)
  if not position then return message end
  local prefix = query:sub(1, (utf8.offset(query, position) or (#query + 1)) - 1)
  return string.format("%s\n  %s\n  %s^", message, query, string.rep(" ", utf8.len(prefix) or #prefix))
end

-- The matches of query `near` per document, { [doc id] = {hit, …} }, for
-- scripts that compare only the words around them (keyness and framing
-- --near); a malformed query is a usage error showing where.
function M.near_hits(corpus, near)
  local explained, why, _, pos = corpus:explain(near)
  if not explained then M.usage("%s", M.query_error(near, why, pos)) end
  local r = assert(corpus:search(near, { order = "doc" }))
  local hits = {}
  for _, d in ipairs(r.docs) do hits[d.doc] = d.hits end
  return hits
end

-- A script's result that prints as the script's text (in the REPL, whose
-- printer uses __tostring), with `methods` for refining it.
function M.shown(result, text, methods)
  return setmetatable(result, { __tostring = function() return text end, __index = methods })
end

-- Run script `name` (a sibling of this folder) on corpus with args over
-- its defaults; returns its result, printable as its text.
local function run_script(name, corpus, args, methods)
  local spec = assert(dofile(M.dir .. "/../" .. name .. ".lua"))
  local values = {}
  for _, a in ipairs(spec.args) do values[a.name] = a.default end
  for k, v in pairs(args or {}) do
    if values[k] == nil and k ~= "db" then M.usage("%s: unknown option '%s'", name, k) end
    values[k] = v
  end
  local result, text = spec.run(corpus, values)
  if not result then error(text, 3) end
  return M.shown(result, text, methods)
end

-- The exploration functions bound to one corpus, as the REPL offers them:
--   search(q [, opts])      ranked documents; r:refine("NOT kiev") narrows,
--                           r:kwic(), r:collocates() look closer
--   kwic(q [, opts])        concordance lines
--   collocates(node [, opts])
--   keyness([target] [, opts])
--   framing([target] [, opts])  word families one source uses where the others use another
--   entities([opts])
--   timeline([date] [, opts])
-- opts are the scripts' options by name ({ context = 4 }, { near = "crimea" }).
function M.repl(corpus)
  local f = {}
  local function with(t, k, v)
    local o = {}
    for x, y in pairs(t or {}) do o[x] = y end
    if v ~= nil then o[k] = v end
    return o
  end
  local search_methods = {}
  function f.search(q, opts)
    local r = run_script("search", corpus, with(opts, "query", q), search_methods)
    rawset(r, "opts", opts)
    return r
  end
  function search_methods.refine(r, more) return f.search("(" .. r.query .. ") " .. more, r.opts) end
  function search_methods.kwic(r, opts) return f.kwic(r.query, opts) end
  function search_methods.collocates(r, opts) return f.collocates(r.query, opts) end
  function f.kwic(q, opts) return run_script("kwic", corpus, with(opts, "query", q)) end
  function f.collocates(node, opts) return run_script("collocates", corpus, with(opts, "node", node)) end
  function f.keyness(target, opts)
    if type(target) == "table" then target, opts = nil, target end
    return run_script("keyness", corpus, with(opts, "target", target))
  end
  function f.framing(target, opts)
    if type(target) == "table" then target, opts = nil, target end
    return run_script("framing", corpus, with(opts, "target", target))
  end
  function f.entities(opts) return run_script("entities", corpus, opts) end
  function f.timeline(date, opts)
    if type(date) == "table" then date, opts = nil, date end
    return run_script("timeline", corpus, with(opts, "date", date))
  end
  return f
end

return M
