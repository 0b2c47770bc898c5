--- # Conventions
-- `local lede = require "lede"` — in the `lede` program the module is
-- preloaded; from a stock `lua5.4`, put `lede.so` on `LUA_CPATH`.
--
-- **Errors.** A caller's mistake (a wrong argument type, an unknown
-- option, an index out of range, a closed object) raises an error. A
-- failure of the world (a missing file, an unreadable database, input
-- that is refused) returns `nil, message, code`: the message names the file
-- and place, `code` is the status name (`"LEDE_ERR_IO"`, `"LEDE_ERR_FORMAT"`,
-- `"LEDE_ERR_NOTFOUND"`, …). So `assert(lede.load(path))` stops with the
-- message, and `local c, err = lede.load(path)` lets a script carry on.
--
-- **Positions.** Indices of documents, tokens, sentences and paragraphs
-- are 1-based, like Lua arrays. Byte offsets are 0-based and end-exclusive,
-- exactly as in the C API and in every JSON output: a token, sentence or
-- hit has `start` and `stop` (the JSON `end`), and its text is
-- `d:slice(x.start, x.stop)`, or `d:text():sub(x.start + 1, x.stop)`.
--
-- **Lifetimes.** Corpus, Document and Index are userdata. Each is freed by
-- the garbage collector, or at once by `:close()` (which may be called
-- twice) or by a `<close>` variable. A Document keeps the corpus or index
-- it came from alive; using one whose corpus was closed raises.
-- `tostring` names the object, or says `(closed)`. The iterators
-- (`docs`, `tokens`, `sentences`, …) hold no resource of their own — the
-- core hands out whole arrays — so leaving a loop early frees nothing late.

-- The prelude: luaopen_lede runs this file with the private table of C
-- functions and types, and returns what it returns as the public module.
local core = ...

local lede = {}

--- lede.version
-- The version string.
--
--     print(lede.version)                      --> 0.1.0
lede.version = core.config.version

lede.load = core.load
lede.load_string = core.load_string
lede.stdin = core.stdin
lede.tokenize = core.tokenize
lede.index_open = core.index_open
lede.limits = core.limits
lede.overlap = core.overlap
lede.align = core.align
lede.candidates = core.candidates
lede.tfidf_pairs = core.tfidf_pairs
lede.stem = core.stem
lede.stem_languages = core.stem_languages

--- lede.Corpus, lede.Document, lede.Index
-- The method tables of the three types. Adding a function to one adds a
-- method to every object of that type (this is how the Lua-written methods
-- below are attached).
--
--     function lede.Document.first_line(d) return (d:text():match("[^\n]*")) end
--     print(lede.load_string("Headline\nBody."):doc(1):first_line()) --> Headline
lede.Corpus, lede.Document, lede.Index = core.Corpus, core.Document, core.Index

-- Kinds of token that carry words (not punctuation, quote marks or symbols).
local WORDLIKE = { word = true, abbrev = true, number = true, cjk = true }

--- Document:words() -> iterator
-- Iterate over the word-like tokens (kinds word, abbrev, number, cjk),
-- skipping punctuation, quote marks and symbols:
-- `for i, t in d:words() do … end`, with `i` the token's index.
--
--     local out = {}
--     for _, t in lede.load_string("“Yes,” he said."):doc(1):words() do out[#out + 1] = t.norm end
--     print(table.concat(out, " "))            --> yes he said
function lede.Document.words(d)
  local n = #d
  return function(_, i)
    while i < n do
      i = i + 1
      local t = d:token(i)
      if WORDLIKE[t.kind] then return i, t end
    end
    return nil
  end, d, 0
end

--- Corpus:names() -> {string, …}
-- The documents' names, in order.
--
--     print(assert(lede.load("seeds/")):names()[2]) --> seeds/001_c87360ce0d6ae7d5.txt
function lede.Corpus.names(c)
  local names = {}
  for i, d in c:docs() do names[i] = d.name end
  return names
end

-- The normalized words of a query, as the tokenizer reads them.
local function query_words(query)
  local words = {}
  for _, t in ipairs(assert(lede.tokenize(query))) do
    if WORDLIKE[t.kind] then words[#words + 1] = t.norm end
  end
  return words
end

--- Document:find(phrase) -> {hit, …}
-- Every occurrence of a word or phrase in the document, as the index finds
-- them but without one: the phrase's words, normalized, in order, with
-- only punctuation and quote marks between them. Each hit is `{position =
-- i, ntokens = n, start = …, stop = …}` (token index 1-based, bytes 0-based
-- end-exclusive).
--
--     local d = lede.load_string("Logistical issues, he said: “logistical” issues."):doc(1)
--     local hits = d:find("logistical issues")
--     print(#hits, d:slice(hits[2].start, hits[2].stop)) --> 2	logistical” issues
function lede.Document.find(d, phrase)
  local words = query_words(phrase)
  local hits = {}
  if #words == 0 then return hits end
  local n = #d
  for i = 1, n do
    local t = d:token(i)
    if t.norm == words[1] and WORDLIKE[t.kind] then
      local k, j, last = 2, i, t
      while k <= #words and j < n do
        j = j + 1
        local u = d:token(j)
        if WORDLIKE[u.kind] then
          if u.norm ~= words[k] then break end
          k, last = k + 1, u
        end
      end
      if k > #words then
        hits[#hits + 1] = { position = i, ntokens = last.index - i + 1, start = t.start, stop = last.stop }
      end
    end
  end
  return hits
end

--- lede.script_path() -> {dir, …}
-- Where `lede NAME` looks for bundled scripts, in order: the directories
-- in `$LEDE_SCRIPTS` (separated by `:`), `share/lede/scripts` beside the
-- running program's `bin/` (an installed tree, wherever it was put), the
-- configured installed share directory, then the source tree's `scripts/`.
-- Directories that do not exist are left out.
--
--     local dirs = lede.script_path()
--     print(dirs[#dirs]:match("scripts$"))     --> scripts
function lede.script_path()
  local dirs = {}
  local env = os.getenv("LEDE_SCRIPTS")
  if env then
    for dir in env:gmatch("[^:]+") do dirs[#dirs + 1] = dir end
  end
  local config = core.config
  for _, dir in ipairs({ config.exe_scripts, config.installed_scripts, config.source_scripts }) do
    -- a directory exists when "dir/." can be opened (io.open reads directories on Linux)
    local probe = dir ~= "" and io.open(dir .. "/.")
    if probe then
      probe:close()
      dirs[#dirs + 1] = dir
    end
  end
  return dirs
end

--- lede.open(source [, opts]) -> Corpus or Index | nil, message, code
-- What a command-line PATH or `--db FILE` names, opened the usual way:
-- `source` is a path, an array of paths, `"-"` for standard input, or a
-- table `{db = FILE}` for an existing index (which must exist: a missing
-- database is an error here rather than a new empty one). `opts` as for
-- `lede.load`.
--
--     local c = assert(lede.open({ "seeds/" }))
--     print(#c)                                --> 5
--     print((select(2, lede.open({ db = "no/such.db" })))) --> no/such.db: no such index
function lede.open(source, opts)
  if type(source) == "table" and source.db then
    local f = io.open(source.db, "rb")
    if not f then return nil, source.db .. ": no such index", "LEDE_ERR_NOTFOUND" end
    f:close()
    return lede.index_open(source.db)
  end
  if source == "-" or (type(source) == "table" and #source == 1 and source[1] == "-") then
    return lede.stdin(opts)
  end
  return lede.load(source, opts)
end

-- An empty Lua table is both an empty array and an empty object; JSON
-- output writes it as [] unless it is marked as an object.
local object_mt = { __name = "lede.object" }

--- lede.object([t]) -> t
-- Mark a table as a JSON object, so that it is written `{}` when empty
-- (an unmarked empty table is written `[]`). Returns the table.
--
--     print(lede.json({ a = lede.object(), b = {} })) --> {"a":{},"b":[]}
function lede.object(t)
  return setmetatable(t or {}, object_mt)
end

--- lede.is_object(t) -> boolean
-- Whether `t` was marked with `lede.object`.
--
--     print(lede.is_object(lede.object()), lede.is_object({})) --> true	false
function lede.is_object(t)
  return getmetatable(t) == object_mt
end

--- lede.json(value) -> string
-- Encode a value as JSON (with lua-cjson) in one line, with the rules
-- bundled scripts rely on: keys sorted, empty tables as `[]` unless
-- marked by `lede.object`, integers without a decimal point.
--
--     print(lede.json({ n = 3, list = { 1, 2 }, name = "x" })) --> {"list":[1,2],"n":3,"name":"x"}
function lede.json(value)
  return require("lede.output").json(value)
end

--- lede.inspect(value) -> string
-- A readable rendering of any value, as the REPL prints it: tables with
-- sorted keys and indentation, cycles marked, long tables cut short.
--
--     print(lede.inspect({ 1, 2, x = "y" }))   --> { 1, 2, x = "y" }
function lede.inspect(value, opts)
  return require("lede.inspect")(value, opts)
end

return lede
