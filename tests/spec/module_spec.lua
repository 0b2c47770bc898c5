-- The lede module's Corpus and Document API, on the seeds and on small
-- strings whose tokens can be read off by eye.
local lede = require("lede")
local support = dofile("tests/spec/support.lua")

local SEEDS = {
  "seeds/000_1a22be602abbdbb3.txt",
  "seeds/001_c87360ce0d6ae7d5.txt",
  "seeds/002_93b5036ae66e0d32.txt",
  "seeds/003_eb122c8a95e99d45.txt",
  "seeds/004_1f2dff42aad0a96b.txt",
}

-- The (text, kind) pairs of a document's tokens.
local function tokens_of(d)
  local out = {}
  for _, t in d:tokens() do out[#out + 1] = t.text .. "/" .. t.kind end
  return table.concat(out, " ")
end

describe("lede.load", function()
  it("loads a directory in byte order of the paths", function()
    local c = assert(lede.load("seeds"))
    assert.are.equal(5, #c)
    assert.are.same(SEEDS, c:names())
  end)

  it("loads an array of paths in the order given", function()
    local c = assert(lede.load({ SEEDS[3], SEEDS[1] }))
    assert.are.same({ SEEDS[3], SEEDS[1] }, c:names())
  end)

  it("keeps the stored text byte for byte for clean UTF-8 input", function()
    local c = assert(lede.load(SEEDS[1]))
    assert.are.equal(support.read(SEEDS[1]), c:doc(1):text())
    assert.are.equal(2704, c:doc(1).bytes)
  end)

  it("returns nil, a message naming the file, and the status for a missing file", function()
    local c, msg, code = lede.load("no/such/file.txt")
    assert.is_nil(c)
    assert.matches("no/such/file.txt", msg, 1, true)
    assert.are.equal("LEDE_ERR_IO", code)
  end)

  it("fails as a whole when one path of several is missing", function()
    local c, msg = lede.load({ SEEDS[1], "missing.txt" })
    assert.is_nil(c)
    assert.matches("missing.txt", msg, 1, true)
  end)

  it("raises for caller mistakes", function()
    assert.has_error(function() lede.load(42) end,
      "bad argument #1 to 'load' (string or array of strings expected, got number)")
    assert.has_error(function() lede.load({}) end, "bad argument #1 to 'load' (no paths given)")
    assert.has_error(function() lede.load({ "a", 3 }) end,
      "bad argument #1 to 'load' (path 2 is a number, not a string)")
    assert.has_error(function() lede.load("seeds", { format = "xml" }) end,
      "bad argument #2 to 'load' (option 'format' must be auto, text or jsonl, not 'xml')")
    assert.has_error(function() lede.load("seeds", { colour = "red" }) end,
      "bad argument #2 to 'load' (unknown option 'colour' (known: format, max_doc_bytes, fields))")
    assert.has_error(function() lede.load("seeds", { fields = { body = "text" } }) end,
      "bad argument #2 to 'load' (unknown field 'body' in option 'fields' "
      .. "(known: text, title, date, source, url, id))")
    assert.has_error(function() lede.load("seeds", { max_doc_bytes = -1 }) end,
      "bad argument #2 to 'load' (option 'max_doc_bytes' must be a non-negative integer)")
  end)

  it("refuses a document over max_doc_bytes with nil, message", function()
    local c, msg, code = lede.load(SEEDS[1], { max_doc_bytes = 1000 })
    assert.is_nil(c)
    assert.matches(SEEDS[1], msg, 1, true)
    assert.are.equal("LEDE_ERR_LIMIT", code)
  end)

  it("reads JSON Lines with configured field names", function()
    local path = os.tmpname() .. ".jsonl"
    support.write(path, '{"body": "Rubio stayed home.", "headline": "Rubio", "outlet": "Wire", "id": "a1"}\n'
      .. '{"body": "Witkoff went.", "headline": "Witkoff", "outlet": "Post", "id": "a2"}\n')
    local c = assert(lede.load(path, { fields = { text = "body", title = "headline" } }))
    os.remove(path)
    assert.are.equal(2, #c)
    local d = c:doc(2)
    assert.are.equal("Witkoff went.", d:text())
    assert.are.equal("Witkoff", d.title)
    assert.are.equal("Post", d.source)
    assert.are.equal("a2", d.id)
    assert.are.equal(path .. ":2", d.name)
  end)
end)

describe("lede.load_string", function()
  it("makes a corpus of one document with the metadata given", function()
    local c = assert(lede.load_string("Hello, world.",
      { name = "greeting", source = "Example", date = "2025-04-23" }))
    assert.are.equal(1, #c)
    local d = c:doc(1)
    assert.are.equal("greeting", d.name)
    assert.are.equal("Example", d.source)
    assert.are.equal("2025-04-23", d.date)
    assert.is_nil(d.title)
    assert.is_nil(d.url)
  end)

  it("names the document <string> by default", function()
    assert.are.equal("<string>", lede.load_string("x"):doc(1).name)
  end)

  it("raises for an unknown metadata key", function()
    assert.has_error(function() lede.load_string("x", { author = "me" }) end,
      "bad argument #2 to 'load_string' (unknown metadata key 'author' "
      .. "(known: name, id, title, date, source, url))")
  end)

  it("refuses text with a NUL byte with nil, message, LEDE_ERR_FORMAT", function()
    local c, msg, code = lede.load_string("a\0b", { name = "nul" })
    assert.is_nil(c)
    assert.matches("^nul", msg)
    assert.are.equal("LEDE_ERR_FORMAT", code)
  end)

  it("replaces invalid UTF-8 and lists a warning at its byte offset", function()
    local c = assert(lede.load_string("caf\xE9 au lait", { name = "latin1" }))
    local w = c:warnings()
    assert.are.equal(1, #w)
    assert.are.equal("latin1", w[1].name)
    assert.are.equal(3, w[1].offset)
    assert.are.equal("caf\u{FFFD} au lait", c:doc(1):text())
  end)
end)

describe("Corpus", function()
  local corpus
  before_each(function() corpus = assert(lede.load("seeds")) end)

  it("gives each document once: c:doc(i) == c:doc(i)", function()
    assert.are.equal(corpus:doc(2), corpus:doc(2))
    assert.are_not.equal(corpus:doc(1), corpus:doc(2))
  end)

  it("gives a fresh Document after one was closed", function()
    local d = corpus:doc(1)
    d:close()
    local again = corpus:doc(1)
    assert.are_not.equal(d, again)
    assert.are.equal(SEEDS[1], again.name)
  end)

  it("raises for a document index out of range", function()
    assert.has_error(function() corpus:doc(0) end,
      "bad argument #1 to 'doc' (document 0 out of range (the corpus has 5))")
    assert.has_error(function() corpus:doc(6) end,
      "bad argument #1 to 'doc' (document 6 out of range (the corpus has 5))")
    assert.has_error(function() corpus:doc("x") end)
  end)

  it("iterates over its documents in order", function()
    local seen = {}
    for i, d in corpus:docs() do seen[i] = d.name end
    assert.are.same(SEEDS, seen)
  end)

  it("adds more paths, or reports a missing one", function()
    local c = assert(lede.load(SEEDS[1]))
    local d1 = c:doc(1)
    assert.is_true(c:add({ SEEDS[2], SEEDS[3] }))
    assert.are.equal(3, #c)
    assert.are.equal(SEEDS[1], d1.name) -- documents taken earlier stay valid
    local ok, msg, code = c:add("missing.txt")
    assert.is_nil(ok)
    assert.matches("missing.txt", msg, 1, true)
    assert.are.equal("LEDE_ERR_IO", code)
    assert.are.equal(3, #c)
  end)

  it("has no warnings for the clean seeds", function()
    assert.are.same({}, corpus:warnings())
  end)

  it("closes idempotently and says so", function()
    assert.are.equal("lede.Corpus (5 documents)", tostring(corpus))
    local d = corpus:doc(1)
    corpus:close()
    corpus:close()
    assert.are.equal("lede.Corpus (closed)", tostring(corpus))
    assert.are.equal("lede.Document (closed)", tostring(d))
    assert.has_error(function() return #corpus end,
      "bad argument #1 to 'len' (attempt to use a closed corpus)")
    assert.has_error(function() return d.name end)
    assert.has_error(function() d:text() end,
      "calling 'text' on bad self (attempt to use a document of a closed corpus)")
  end)

  it("is a to-be-closed value", function()
    local outer
    do
      local c <close> = assert(lede.load(SEEDS[1]))
      outer = c
      assert.are.equal(1, #c)
    end
    assert.are.equal("lede.Corpus (closed)", tostring(outer))
  end)

  it("is kept alive by a document taken from it", function()
    local d = assert(lede.load(SEEDS[4])):doc(1)
    collectgarbage()
    collectgarbage()
    assert.are.equal(SEEDS[4], d.name)
    assert.are.equal(3771, #d:text())
  end)
end)

describe("Document", function()
  it("reads metadata as fields and methods through the same table", function()
    local d = assert(lede.load(SEEDS[1])):doc(1)
    assert.are.equal(SEEDS[1], d.name)
    assert.are.equal(2704, d.bytes)
    assert.matches("^%x+$", d.hash)
    assert.are.equal(16, #d.hash)
    assert.is_nil(d.index_id)
    assert.are.equal("function", type(d.tokens))
    assert.is_nil(d.no_such_field)
  end)

  it("takes string.sub positions in sub() and 0-based spans in slice()", function()
    local d = lede.load_string("Hello, world"):doc(1)
    assert.are.equal("Hello", d:sub(1, 5))
    assert.are.equal("world", d:sub(-5))
    assert.are.equal("Hello, world", d:sub(1))
    assert.are.equal("", d:sub(5, 4))
    assert.are.equal("Hello", d:slice(0, 5))
    assert.are.equal("world", d:slice(7))
    assert.are.equal("", d:slice(12, 12))
    assert.has_error(function() d:slice(-1, 2) end,
      "bad argument #1 to 'slice' (offset -1 outside the text (0..12))")
    assert.has_error(function() d:slice(3, 13) end, "bad argument #2 to 'slice' (offset 13 outside 3..12)")
  end)

  it("gives tokens with kinds, norms and 0-based end-exclusive spans", function()
    local d = lede.load_string("U.S. officials met."):doc(1)
    assert.are.equal("U.S./abbrev officials/word met/word ./punct", tokens_of(d))
    local t = d:token(2)
    assert.are.equal("officials", t.text)
    assert.are.equal(5, t.start)
    assert.are.equal(14, t.stop)
    assert.are.equal(2, t.index)
    assert.are.equal(1, t.sentence)
    assert.are.equal(1, t.paragraph)
    assert.are.equal(t.text, d:slice(t.start, t.stop))
    assert.are.equal(t.text, d:text():sub(t.start + 1, t.stop))
    assert.are.equal(4, #d)
  end)

  it("classes quote marks and unifies apostrophes in norms", function()
    local d = lede.load_string("“Russia’s war,” Bruce said."):doc(1)
    local t1, t2, t5 = d:token(1), d:token(2), d:token(5)
    assert.are.equal("“", t1.text)
    assert.are.equal("quote", t1.kind)
    assert.are.equal("open", t1.quote)
    assert.are.equal(0, t1.start)
    assert.are.equal(3, t1.stop)
    assert.are.equal("Russia’s", t2.text)
    assert.are.equal("russia's", t2.norm)
    assert.is_true(t2.capitalized)
    assert.are.equal("close", t5.quote)
    assert.is_nil(d:token(3).quote)
  end)

  it("raises for a token index out of range", function()
    local d = lede.load_string("One two."):doc(1)
    assert.has_error(function() d:token(4) end,
      "bad argument #1 to 'token' (token 4 out of range (the document has 3))")
    assert.has_error(function() d:sentence(2) end,
      "bad argument #1 to 'sentence' (sentence 2 out of range (the document has 1))")
  end)

  it("splits sentences with their token ranges and spans", function()
    local d = lede.load_string("Rubio stayed home. Witkoff went to Moscow."):doc(1)
    assert.are.equal(2, d:nsentences())
    local s = d:sentence(2)
    assert.are.equal("Witkoff went to Moscow.", s.text)
    assert.are.equal(19, s.start)
    assert.are.equal(42, s.stop)
    assert.are.equal(5, s.first_token)
    assert.are.equal(5, s.ntokens)
    assert.are.equal(1, s.paragraph)
    local texts = {}
    for i, x in d:sentences() do texts[i] = x.text end
    assert.are.same({ "Rubio stayed home.", "Witkoff went to Moscow." }, texts)
  end)

  it("splits paragraphs at blank lines", function()
    local d = lede.load_string("Title\n\nOne. Two.\n"):doc(1)
    assert.are.equal(2, d:nparagraphs())
    local p = d:paragraph(2)
    assert.are.equal("One. Two.", p.text)
    assert.are.equal(7, p.start)
    assert.are.equal(16, p.stop)
    assert.are.equal(2, p.first_sentence)
    assert.are.equal(2, p.nsentences)
    assert.are.equal(2, p.first_token)
    assert.are.equal(4, p.ntokens)
    local n = 0
    for _ in d:paragraphs() do n = n + 1 end
    assert.are.equal(2, n)
  end)

  it("iterates over word-like tokens only with words()", function()
    local out = {}
    for i, t in lede.load_string("“Yes,” he said 3 times."):doc(1):words() do
      out[#out + 1] = i .. ":" .. t.norm
    end
    assert.are.same({ "2:yes", "5:he", "6:said", "7:3", "8:times" }, out)
  end)

  it("stops a break out of a token loop cleanly and can start again", function()
    local d = assert(lede.load(SEEDS[1])):doc(1)
    local first
    for i, t in d:tokens() do
      first = t.text
      if i == 1 then break end
    end
    assert.are.equal("Rubio", first)
    assert.are.equal("Rubio", d:token(1).text)
  end)

  it("counts what the first seed begins with", function()
    -- Seed 000's first line is its headline, 10 words with no final stop:
    -- "Rubio and Witkoff Not Attending Ukraine Discussions in London"
    local d = assert(lede.load(SEEDS[1])):doc(1)
    local words = {}
    for i = 1, 9 do words[i] = d:token(i).text end
    assert.are.equal("Rubio and Witkoff Not Attending Ukraine Discussions in London",
      table.concat(words, " "))
    assert.are.equal(1, d:token(9).paragraph)
    assert.are.equal(2, d:token(10).paragraph) -- "US" opens the next line
    assert.are.equal("US", d:token(10).text)
    assert.are.equal(62, d:token(10).start) -- 61 bytes of headline, then the line feed
  end)

  it("closes an owned document and survives a second close", function()
    local d = lede.load_string("x"):doc(1)
    d:close()
    d:close()
    assert.are.equal("lede.Document (closed)", tostring(d))
    assert.has_error(function() d:text() end, "calling 'text' on bad self (attempt to use a closed document)")
  end)

  it("says what it is in tostring", function()
    assert.are.equal("lede.Document (<string>, 5 bytes)", tostring(lede.load_string("Hello"):doc(1)))
  end)
end)

describe("lede.tokenize", function()
  it("returns the token tables of a string", function()
    local toks = lede.tokenize("Russia’s 30-day truce")
    assert.are.equal(3, #toks)
    assert.are.equal("Russia’s", toks[1].text)
    assert.are.equal("30-day", toks[2].text)
    assert.are.equal(11, toks[2].start) -- "Russia’s" is 10 bytes (’ is 3), then a space
    assert.are.equal(17, toks[2].stop)
    assert.are.equal("truce", toks[3].text)
  end)

  it("raises for a non-string and returns nil, message for refused text", function()
    assert.has_error(function() lede.tokenize({}) end,
      "bad argument #1 to 'tokenize' (string expected, got table)")
    local t, msg, code = lede.tokenize("a\0b")
    assert.is_nil(t)
    assert.is_string(msg)
    assert.are.equal("LEDE_ERR_FORMAT", code)
  end)
end)

describe("lede.open", function()
  it("opens paths as a corpus and a missing --db as an error", function()
    assert.are.equal(5, #assert(lede.open({ "seeds" })))
    local ix, msg, code = lede.open({ db = "no/such.db" })
    assert.is_nil(ix)
    assert.are.equal("no/such.db: no such index", msg)
    assert.are.equal("LEDE_ERR_NOTFOUND", code)
  end)
end)
