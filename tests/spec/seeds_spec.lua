-- The seeds through the module, with counts read off the text by hand.
local lede = require("lede")
local support = dofile("tests/spec/support.lua")

local SEED4 = "seeds/004_1f2dff42aad0a96b.txt"

describe("seed 004 through the module", function()
  local d, text
  setup(function()
    d = assert(lede.load(SEED4)):doc(1)
    text = support.read(SEED4)
  end)

  it("has one paragraph per line: 10", function()
    assert.are.equal(10, d:nparagraphs())
    local n = 0
    for line in text:gmatch("[^\n]+") do
      n = n + 1
      assert.are.equal(line, d:paragraph(n).text)
    end
    assert.are.equal(10, n)
  end)

  it("has 15 sentences, split as read by hand", function()
    -- Line 4 has three ("…a truce." "Next week marks 100 days…office." "Rubio
    -- suggested … the U.S. may walk away…progress."), line 5 three (the quote
    -- "That is not … the meetings." ends one inside the quotation marks), line
    -- 9 two; every other line one. "U.K.’s", "U.S." and "U.S.-led" end none.
    local per_paragraph = {}
    for i, p in d:paragraphs() do per_paragraph[i] = p.nsentences end
    assert.are.same({ 1, 1, 1, 3, 3, 1, 1, 1, 2, 1 }, per_paragraph)
    assert.are.equal(15, d:nsentences())
    assert.are.equal("Next week marks 100 days of a second presidential term for Trump, who promised to end "
      .. "the war on his first day back in office.", d:sentence(5).text)
    assert.are.equal("It’s a statement about logistical issues in his schedule,” she said.",
      d:sentence(9).text)
  end)

  it("gives each sentence the byte span of its text", function()
    local s = d:sentence(3)
    local first = text:find("“Despite everything", 1, true)
    assert.are.equal(first - 1, s.start)
    local sentence = "“Despite everything, we continue working for peace,” Yermak said in a post on X."
    assert.are.equal(first - 1 + #sentence, s.stop)
    assert.are.equal(3, s.paragraph)
  end)

  it("tokenizes the Yermak quote: marks, words and commas", function()
    local s = d:sentence(3)
    local got = {}
    for i = s.first_token, s.first_token + 16 do got[#got + 1] = d:token(i).text end
    assert.are.same({ "“", "Despite", "everything", ",", "we", "continue", "working", "for", "peace", ",",
      "”", "Yermak", "said", "in", "a", "post", "on" }, got)
    assert.are.equal("open", d:token(s.first_token).quote)
    assert.are.equal("close", d:token(s.first_token + 10).quote)
  end)

  it("splits 'X.' at the end of 'in a post on X.' into the word and the full stop", function()
    local s = d:sentence(3)
    local last = d:token(s.first_token + s.ntokens - 1)
    local before = d:token(s.first_token + s.ntokens - 2)
    assert.are.same({ ".", "punct" }, { last.text, last.kind })
    assert.are.same({ "X", "word" }, { before.text, before.kind })
  end)

  it("keeps hyphenated words and dotted abbreviations whole", function()
    local kinds = {}
    for _, t in d:tokens() do kinds[t.text] = t.kind end
    assert.are.equal("word", kinds["land-for-peace"])
    assert.are.equal("word", kinds["three-year-long"])
    assert.are.equal("word", kinds["Kyiv’s"])
    assert.are.equal("abbrev", kinds["U.S."])
    assert.are.equal("number", kinds["100"])
  end)
end)

describe("the five seeds", function()
  it("total 16,896 bytes and load without warnings", function()
    local c = assert(lede.load("seeds"))
    local bytes = 0
    for _, d in c:docs() do bytes = bytes + d.bytes end
    assert.are.equal(16896, bytes)
    assert.are.same({}, c:warnings())
  end)
end)
