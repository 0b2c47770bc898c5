-- Quote spans and kinds in the `quotes` script (scripts/quotes/spans.lua,
-- scripts/quotes/headline.lua): which spans are quotes and which are terms,
-- headline quotes and their speakers. Small texts written for the rules;
-- offsets are byte offsets of the quoted words, marks excluded.
local lede = require("lede")

dofile("scripts/quotes.lua") -- puts scripts/ on package.path
local cues = require("quotes.cues")
local lexicon = require("quotes.lexicon")
local attribute = require("quotes.attribute")

local L = cues.compile(lexicon)

-- The quote records of one text (indirect speech left out), in order.
local function quotes(text)
  local d = lede.load_string(text):doc(1)
  return attribute.document(L, d).quotes
end

-- The one quote of `text` at bytes s..e, failing when there is none.
local function at(text, s, e)
  for _, q in ipairs(quotes(text)) do
    if q.start == s and q.stop == e then return q end
  end
  error(string.format("no quote at %d-%d", s, e))
end

describe("headline quotes", function()
  it("gives a headline quote to the person the headline opens with (headline_subject)", function()
    local text = "Clinton Says Russians Hacked DNC, Calls Trump’s Putin Remarks ‘Troubling.’\n\n"
      .. "Hillary Clinton said on Sunday that Russia was behind the attack on the party."
    local q = at(text, 67, 77)
    assert.are.equal("Troubling.", q.text)
    assert.are.equal("partial", q.kind)
    assert.are.equal("headline_subject", q.rule)
    assert.are.equal("Hillary Clinton", q.speaker)
    assert.are.same({ start = 0, ["end"] = 7 }, q.mention)
  end)

  it("reads `Name on Topic:` as the subject too", function()
    local text = "Obama on Climate Change: The Trends Are 'Terrifying.'\n\n"
      .. "Barack Obama spoke about the climate on Thursday."
    local q = at(text, 41, 52)
    assert.are.equal("headline_subject", q.rule)
    assert.are.equal("Barack Obama", q.speaker)
    assert.are.equal("partial", q.kind)
  end)

  it("takes the name before a speech verb after the quote (headline_speaker_cue)", function()
    local text = "Guns Are ‘The Ultimate Public Health Crisis,’ Howard Dean Tells Convention.\n\n"
      .. "The former governor spoke on Tuesday in Philadelphia."
    local q = at(text, 12, 46)
    assert.are.equal("headline_speaker_cue", q.rule)
    assert.are.equal("Howard Dean", q.speaker)
    assert.are.equal("Tells", q.cue)
  end)

  it("leaves a quote that modifies a noun a term (a title, not words said)", function()
    local text = "Bradley Cooper Upset ‘American Sniper’ Fans By Attending Convention.\n\n"
      .. "Bradley Cooper was seen at the convention on Thursday."
    local q = at(text, 24, 39)
    assert.are.equal("term", q.kind)
    assert.is_nil(q.speaker)
  end)

  it("reads a short headline as a headline: its title-cased quote is words said", function()
    local text = "Issa: Hillary Clinton’s ‘Honesty Is In Question.’\n\n"
      .. "Rep. Darrell Issa said on Sunday that Clinton was not honest."
    local q = at(text, 29, 52)
    assert.are.equal("partial", q.kind)
    assert.are.equal("headline_colon", q.rule)
    assert.are.equal("Darrell Issa", q.speaker)
  end)

  it("does not read a first paragraph without a body after it as a headline", function()
    local q = at("Obama on Climate Change: The Trends Are 'Terrifying.'", 41, 52)
    assert.are_not.equal("headline_subject", q.rule)
  end)
end)

describe("terms and quotes", function()
  it("keeps a title-cased quote introduced by a colon", function()
    local text = "Giant screens carried a three-word proclamation: “Over the Top.” The crowd cheered."
    local q = at(text, 52, 65)
    assert.are.equal("direct", q.kind)
  end)

  it("keeps a title-cased quote that continues the speaker of the paragraph", function()
    local text = "“We’ve got a common enemy,” Burton told delegates. “Donald Trump.”"
    local q = at(text, 60, 73)
    assert.are.equal("direct", q.kind)
    assert.are.equal("same_paragraph", q.rule)
    assert.are.equal("Burton", q.speaker)
  end)

  it("still calls a show's name after a preposition a title", function()
    local q = at("He appeared on “Face the Nation” on Sunday.", 18, 33)
    assert.are.equal("term", q.kind)
    assert.are.equal("title", q.rule)
  end)
end)

describe("quotes that are not words said", function()
  it("calls a paragraph that is only a short quote in single marks a subhead", function()
    local text = "Her campaign opened an office in the city on Monday.\n\n'A change warrior.'\n\n"
      .. "The staff said the office would stay open."
    local q = at(text, 55, 72)
    assert.are.equal("term", q.kind)
    assert.are.equal("subhead", q.rule)
  end)

  it("calls the name line that a closing mark ends a signature, and keeps the quote above it", function()
    local text = "Clyburn spoke to supporters in the morning.\n\n"
      .. "\"We are going to win this state, and we will win it well.\nS.C. Rep. Jim Clyburn.\"\n\n"
      .. "The rally ended at noon."
    local sig = at(text, 103, 125)
    assert.are.equal("term", sig.kind)
    assert.are.equal("signature", sig.rule)
    assert.are.equal("direct", at(text, 46, 102).kind)
  end)

  it("calls a cue-less copy of a quote attributed elsewhere a pull quote", function()
    local text = "Clyburn spoke in Columbia on Monday.\n\n"
      .. "\"We will win this state and we will win it well.\"\n\n"
      .. "He was cheered. \"We will win this state and we will win it well,\" Clyburn said."
    local pull = at(text, 39, 86)
    assert.are.equal("term", pull.kind)
    assert.are.equal("pull_quote", pull.rule)
    local said = at(text, 106, 153)
    assert.are.equal("direct", said.kind)
    assert.are.equal("Clyburn", said.speaker)
  end)

  it("carries a transcript excerpt on to the next paragraph of the speaker's turn", function()
    local text = "Pence spoke to Fox News on Sunday.\n\n\"PENCE: Well, look, you know, it matters.\n\n"
      .. "\"But the truth is that the campaign is doing well in the state.\n\nThe interview ended there."
    assert.are.equal("excerpt", at(text, 37, 77).rule)
    local q = at(text, 80, 142)
    assert.are.equal("term", q.kind)
    assert.are.equal("excerpt", q.rule)
  end)

  it("calls a title-cased quote after a network's possessive a title, cue or not", function()
    local q = at("Sanders told MSNBC's \"Morning Joe\" that nobody would question it.", 22, 33)
    assert.are.equal("term", q.kind)
    assert.are.equal("title", q.rule)
  end)

  it("reads a short paragraph with a few capitalised words as text, not as a headline", function()
    local q = at("“I was sitting in a house in Florida,” Trump told NBC’s “Today” on Monday.", 65, 70)
    assert.are.equal("title", q.rule)
  end)

  it("calls a capitalised quote followed by `by` and a name the title of a piece", function()
    local text = "—\"An NYPD sketch artist gets a gallery show,\" by Hyperallergic's Carey Dunne: "
      .. "http://bit.ly/1NSbMIk."
    local q = at(text, 4, 46)
    assert.are.equal("term", q.kind)
    assert.are.equal("title", q.rule)
    -- lower-case words before `by` are words someone used
    local used = at("He was “anointed” by God, the pastor said.", 10, 18)
    assert.are_not.equal("term", used.kind)
  end)

  it("calls a title-cased quote in apposition to a book a title", function()
    local text = "In his 2002 book, ''Make Your Kid a Millionaire,'' Mr. McKinley suggested saving early."
    local q = at(text, 20, 48)
    assert.are.equal("title", q.rule)
  end)

  it("reads a title's lower-case `with`, `from`, `over` as title case", function()
    local q = at("The 1994 “Contract with the American People” changed the House.", 12, 45)
    assert.are.equal("term", q.kind)
  end)

  it("calls a quoted headline in capitals a title", function()
    local text = "The paper ran ‘EUROPEANS ASK IF VIOLENCE IS BECOMING FACT OF LIFE’ on its front page."
    local q = at(text, 17, 67)
    assert.are.equal("title", q.rule)
  end)
end)

describe("marks of real copy", function()
  it("reads two apostrophes as quote marks (''…'', the New York Times)", function()
    local text = "Bernie Sanders spoke in Iowa. ''I'm not sure,'' Mr. Sanders said. ''We will see.''"
    local first, second = at(text, 32, 45), at(text, 68, 80)
    assert.are.equal("I'm not sure,", first.text)
    assert.are.equal("direct", first.kind)
    assert.are.equal("Bernie Sanders", first.speaker)
    assert.are.equal("direct", second.kind)
    assert.are.equal("same_paragraph", second.rule)
    local lopez = "Maria Lopez met voters on Monday. She called the plan ''a disaster'' and left."
    local partial = at(lopez, 56, 66)
    assert.are.equal("partial", partial.kind)
    assert.are.equal("Maria Lopez", partial.speaker)
  end)

  it("keeps a quote reopened in the next paragraph as two quotes, the second attributed", function()
    local text = "Maria Lopez met voters on Monday.\n\n“We have worked hard for this town for ten years.\n\n"
      .. "“And we will keep working for it,” she said."
    local qs = quotes(text)
    assert.are.equal(2, #qs)
    assert.are.same({ 38, 86, "direct" }, { qs[1].start, qs[1].stop, qs[1].kind })
    assert.are.same({ 91, 123, "direct", "Maria Lopez" },
      { qs[2].start, qs[2].stop, qs[2].kind, qs[2].speaker })
  end)
end)
