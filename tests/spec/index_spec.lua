-- The Index API: building in memory and on disk, queries, documents read
-- back, and the two kinds of failure.
local lede = require("lede")
local support = dofile("tests/spec/support.lua")

-- The set of document ids among hits, as a sorted array.
local function doc_ids(hits)
  local seen, ids = {}, {}
  for _, h in ipairs(hits) do
    if not seen[h.doc] then
      seen[h.doc] = true
      ids[#ids + 1] = h.doc
    end
  end
  table.sort(ids)
  return ids
end

describe("Index", function()
  local ix
  before_each(function()
    ix = assert(lede.index_open())
    assert.are.equal(5, ix:add(assert(lede.load("seeds"))))
  end)
  after_each(function() ix:close() end)

  it("adds only documents it does not hold yet", function()
    assert.are.equal(0, ix:add(assert(lede.load("seeds"))))
    assert.are.equal(1, ix:add(lede.load_string("A new one.", { name = "new" })))
    assert.are.equal(6, #ix)
  end)

  it("finds 'logistical issues' in four of the five seeds", function()
    -- 000 ("logistical issues in his schedule"), 002 ("due to “logistical
    -- issues.”"), 003 ("due to “logistical issues,”"), 004 (the same quote);
    -- 001 paraphrases it as "scheduling conflicts".
    local hits = assert(ix:phrase("logistical issues"))
    assert.are.same({ 1, 3, 4, 5 }, doc_ids(hits))
    for _, h in ipairs(hits) do
      local d = ix:doc(h.doc)
      assert.are.equal("logistical issues", d:slice(h.start, h.stop))
      assert.are.equal("logistical", d:token(h.position).text)
      assert.are.equal(2, h.ntokens)
    end
  end)

  it("finds the same phrases as Document:find, which reads the tokens without an index", function()
    local corpus = assert(lede.load("seeds"))
    for _, phrase in ipairs({ "logistical issues", "Witkoff", "State Department", "Kyiv", "peace talks",
      "land-for-peace deal", "U.S." }) do
      local from_index, from_tokens = {}, {}
      for _, l in ipairs(ix:kwic(phrase)) do
        from_index[#from_index + 1] = l.name .. "@" .. l.start .. ":" .. l.line
      end
      for _, l in ipairs(corpus:kwic(phrase)) do
        from_tokens[#from_tokens + 1] = l.name .. "@" .. l.start .. ":" .. l.line
      end
      assert.is_true(#from_tokens > 0, phrase)
      assert.are.same(from_tokens, from_index, phrase)
    end
  end)

  it("finds a term whatever its case, with its byte span", function()
    local hits = assert(ix:term("WITKOFF"))
    assert.is_true(#hits > 0)
    local h = hits[1]
    assert.are.equal(1, h.doc)
    assert.are.equal("Witkoff", ix:doc(1):slice(h.start, h.stop))
    assert.are.equal(3, h.position) -- "Rubio and Witkoff"
  end)

  it("counts documents containing a term", function()
    assert.are.equal(5, ix:df("rubio"))
    assert.are.equal(0, ix:df("zzzz"))
  end)

  it("reads documents back with their metadata and text", function()
    local d = assert(ix:doc(2))
    assert.are.equal("seeds/001_c87360ce0d6ae7d5.txt", d.name)
    assert.are.equal(2, d.index_id)
    assert.are.equal(support.read("seeds/001_c87360ce0d6ae7d5.txt"), d:text())
    assert.are.equal("Witkoff", d:token(1).text)
  end)

  it("returns nil, message, LEDE_ERR_NOTFOUND for an id it does not hold", function()
    local d, msg, code = ix:doc(99)
    assert.is_nil(d)
    assert.are.equal(":memory:: no document with id 99", msg)
    assert.are.equal("LEDE_ERR_NOTFOUND", code)
  end)

  it("iterates over its documents like a corpus", function()
    local names = {}
    for id, d in ix:docs() do names[id] = d.name end
    assert.are.equal(5, #names)
    assert.are.equal("seeds/004_1f2dff42aad0a96b.txt", names[5])
    assert.are.same({}, ix:warnings())
  end)

  it("raises for caller mistakes", function()
    assert.has_error(function() ix:term() end, "bad argument #1 to 'term' (string expected, got no value)")
    assert.has_error(function() ix:add("seeds") end,
      "bad argument #1 to 'add' (lede.Corpus expected, got string)")
  end)

  it("closes idempotently, and its documents keep it alive until then", function()
    local d = assert(ix:doc(1))
    assert.matches("^lede%.Index %(:memory:, 5 documents%)$", tostring(ix))
    collectgarbage()
    assert.are.equal("seeds/000_1a22be602abbdbb3.txt", d.name)
    ix:close()
    ix:close()
    assert.are.equal("lede.Index (closed)", tostring(ix))
    assert.has_error(function() return #ix end, "bad argument #1 to 'len' (attempt to use a closed index)")
    assert.are.equal("seeds/000_1a22be602abbdbb3.txt", d.name) -- the document owns its copy
  end)
end)

describe("lede.index_open", function()
  it("persists an index and reopens it without re-adding", function()
    local path = os.tmpname()
    os.remove(path)
    local ix = assert(lede.index_open(path))
    assert.are.equal(5, ix:add(assert(lede.load("seeds"))))
    ix:close()
    local again = assert(lede.index_open(path))
    assert.are.equal(5, #again)
    assert.are.equal(0, again:add(assert(lede.load("seeds"))))
    assert.are.same({ 1, 3, 4, 5 }, doc_ids(assert(again:phrase("logistical issues"))))
    again:close()
    os.remove(path)
  end)

  it("refuses a file that is not a lede index with nil, message", function()
    local path = os.tmpname()
    support.write(path, "not a database, just text\n")
    local ix, msg, code = lede.index_open(path)
    os.remove(path)
    assert.is_nil(ix)
    assert.matches(path, msg, 1, true)
    assert.is_string(code)
  end)
end)
