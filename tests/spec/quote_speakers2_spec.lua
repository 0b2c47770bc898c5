-- The `quotes` script's speaker rules of session 2 (docs/attribution.md):
-- each on a small text written for it, with the exact speaker, local
-- mention, rule and cue a user would see.
local lede = require("lede")

dofile("scripts/quotes.lua") -- puts scripts/ on package.path
local cues = require("quotes.cues")
local lexicon = require("quotes.lexicon")
local attribute = require("quotes.attribute")

-- The quotes (not indirect speech) of one text, attributed, in order.
local function quotes_of(text)
  local d = lede.load_string(text):doc(1)
  return attribute.document(cues.compile(lexicon), d).quotes
end

-- The attribution of the quote whose text starts with `start`.
local function quote(text, start)
  for _, q in ipairs(quotes_of(text)) do
    if q.text:sub(1, #start) == start then
      return { speaker = q.speaker, mention = q.mention_text, rule = q.rule, cue = q.cue, kind = q.kind }
    end
  end
  error("no quote starting with " .. start)
end

describe("quote speakers: the subject of the quote's own sentence", function()
  it("gives a quote whose sentence opens with a pronoun and a verb that pronoun as its mention", function()
    local text = "“It is bad,” Mary Smith said. She wants the candidates"
      .. " “first and foremost to admit it.”"
    assert.are.same({ speaker = "Mary Smith", mention = "She", rule = "sentence_subject", kind = "partial" },
      quote(text, "first and foremost"))
  end)

  it("takes a description that opens the quote's sentence with a verb", function()
    local text = "“We are working on it,” the FBI said. The agency declined to detail the investigation’s "
      .. "“specific focus, scope or potential targets.”"
    local q = quote(text, "specific focus")
    assert.are.same({ "The agency", "sentence_subject" }, { q.mention, q.rule })
  end)

  it("takes the subject of a later clause of the sentence, nearest the quote", function()
    local text = "“It is a bad deal,” Sanders said. Meanwhile, Clinton endorsed the deal, although she made "
      .. "it clear that she has “serious concerns” about some provisions."
    local q = quote(text, "serious concerns")
    assert.are.same({ "she", "sentence_subject" }, { q.mention, q.rule })
  end)

  it("reads a pronoun with its auxiliary (he’s, she’d) as a pronoun subject", function()
    local text = "Trump says he goes “back to war tomorrow.” He’s"
      .. " predicting he will do “very, very well” there."
    assert.are.same({ speaker = "Trump", mention = "He’s", rule = "sentence_subject", kind = "partial" },
      quote(text, "very, very well"))
  end)

  it("does not take the subject of a passive with an agent", function()
    local text = "Dr. Ann Lee was praised by colleagues.\n\nHe’s been investigated"
      .. " by Congress for promoting “magic” pills."
    local q = quote(text, "magic")
    assert.are.equal("term", q.kind)
    assert.is_nil(q.speaker)
  end)
end)

describe("quote speakers: the subject before a cue", function()
  it("gives a verb coordinated with `and` the subject of the clause it joins", function()
    local text = "McConnell was quick to embrace the mogul and said this"
      .. " week that Trump will be “very competitive” soon."
    assert.are.same({
      speaker = "McConnell", mention = "McConnell", rule = "coordinated_subject", cue = "said",
      kind = "partial" }, quote(text, "very competitive"))
  end)

  it("skips a clause after `that` for the coordinated subject", function()
    local text = "The president noted that he taught constitutional"
      .. " law, and added: “I know a little about this.”"
    assert.are.same({ speaker = "president", mention = "The president", rule = "coordinated_subject",
      cue = "added", kind = "direct" }, quote(text, "I know"))
  end)

  it("cuts a setting off a name that a preposition governs", function()
    local text = "At the party convention Sen. Elizabeth Warren (D-MA)"
      .. " said Trump was a “proven failure” in business."
    assert.are.same({
      speaker = "Elizabeth Warren", mention = "Sen. Elizabeth Warren", rule = "speaker_cue_quote",
      cue = "said", kind = "partial" }, quote(text, "proven failure"))
  end)

  it("takes the name that opens the sentence across several appositions", function()
    local text = "Giovanni Maria Vian, the editor in chief of the Vatican's official newspaper, "
      .. "L'Osservatore Romano, said every pope was ''both religious and political.''"
    local q = quote(text, "both religious")
    assert.are.same({ "Giovanni Maria Vian", "Giovanni Maria Vian", "speaker_apposition_cue" },
      { q.speaker, q.mention, q.rule })
    text = "Mr. Slinker, whose latest start-up, Paradata, uses big data to help brands, said Mr. Trump "
      .. "was “a start-up kind of guy.”"
    q = quote(text, "a start-up")
    assert.are.same({ "Mr. Slinker", "speaker_apposition_cue" }, { q.mention, q.rule })
  end)

  it("takes a description that opens the sentence and runs up to the cue", function()
    local text = "Another source familiar with Cruz’s thinking said, “I think he will try to be friendly.”"
    local q = quote(text, "I think")
    assert.are.same({ "Another source familiar with Cruz’s thinking", "speaker_cue_quote", "said" },
      { q.mention, q.rule, q.cue })
    q = quote("Another tweeted, “Clinton thinks she is above the rules.”", "Clinton thinks")
    assert.are.same({ "Another", "speaker_cue_quote", "tweeted" }, { q.mention, q.rule, q.cue })
  end)

  it("reads an apposition that ends in a title with its comma inside the marks", function()
    local text = "As Akhil Amar, professor of law at Yale and author of ''America's Unwritten "
      .. "Constitution,'' put it, ''Senate Republicans should remember that a compromise may be better.''"
    local q = quote(text, "Senate Republicans")
    assert.are.same({ "Akhil Amar", "speaker_apposition_cue", "put it" }, { q.speaker, q.rule, q.cue })
  end)

  it("takes a description that opens the sentence across an apposition", function()
    local text = "An Israeli official, speaking on the condition of anonymity,"
      .. " said that Netanyahu “will meet anyone.”"
    assert.are.same({
      speaker = "Israeli official", mention = "An Israeli official", rule = "speaker_apposition_cue",
      cue = "said", kind = "partial" }, quote(text, "will meet"))
  end)
end)

describe("quote speakers: nested attributions and participles", function()
  it("gives a quote the reporter of a nested attribution (`X said that Y described …`)", function()
    local text = "Trump said during a rally in Michigan that Clinton once described the deal as "
      .. "“the gold standard” of trade deals."
    assert.are.same({ speaker = "Trump", mention = "Trump", rule = "outer_speaker", cue = "said",
      kind = "partial" }, quote(text, "the gold standard"))
  end)

  it("takes the outer pronoun of `She said she recalls …`", function()
    local text = "Mary Jones spoke first. She said she recalls the colleague being “confused” by the client."
    local q = quote(text, "confused")
    assert.are.same({ "Mary Jones", "She", "outer_speaker" }, { q.speaker, q.mention, q.rule })
  end)

  it("gives a participle after a clause the clause's subject, not a place before it", function()
    local text = "Speaking at a town hall event in Salem, New Hampshire, Trump went after Bush, calling him "
      .. "“a total stiff.”"
    assert.are.same({ speaker = "Trump", mention = "Trump", rule = "participle_subject", cue = "calling",
      kind = "partial" }, quote(text, "a total stiff"))
  end)

  it("reads `who` across a setting as the mention of the name before it", function()
    local text = "Glenn Beck spoke on Monday.\n\nBeck, who has in the past described Trump as "
      .. "“a pathological narcissistic sociopath,” spoke again."
    assert.are.same({ speaker = "Glenn Beck", mention = "who", rule = "speaker_cue_quote",
      cue = "described", kind = "partial" }, quote(text, "a pathological"))
  end)

  it("knows more groups that speak (agents, commentators, strategists)", function()
    local text = "Tunnels are so numerous in the area that Border Patrol agents described the ground as "
      .. "''Swiss cheese.''"
    local q = quote(text, "Swiss cheese")
    assert.are.same({ "Border Patrol agents", "speaker_cue_quote", "described" },
      { q.mention, q.rule, q.cue })
  end)

  it("knows less common verbs of saying (mused, boasted, joked)", function()
    for _, verb in ipairs({ "mused", "boasted", "joked", "countered", "proclaimed" }) do
      local q = quote("“We will win,” Mary Jones " .. verb .. ".", "We will win")
      assert.are.same({ "Mary Jones", "quote_speaker_cue", verb }, { q.speaker, q.rule, q.cue })
    end
  end)
end)

describe("quote speakers: after the quote, and the sentence before it", function()
  it("gives a quote that is a sentence of its own the subject of the sentence before", function()
    local text = "Iowa State University’s Dianne Bystrom agreed. "
      .. "“Mainstream Republicans are running out of time.”"
    assert.are.same({ speaker = "Dianne Bystrom", mention = "Iowa State University’s Dianne Bystrom",
      rule = "previous_sentence", kind = "direct" }, quote(text, "Mainstream"))
  end)

  it("reads a verb the lexicon lacks after a question as its cue", function()
    local text = "Trump spoke to Sean Hannity on Monday.\n\n“Would it be negotiable about the 11 million?” "
      .. "Hannity pressed. “Maybe not.”"
    local q = quote(text, "Would it")
    assert.are.same({ "Sean Hannity", "quote_speaker_verb", "pressed" }, { q.speaker, q.rule, q.cue })
  end)

  it("does not read a description after a dash as a speaker of an unknown verb", function()
    local text = "She added that 2016 “is going to be a national security election” — an issue "
      .. "Democrats have struggled with in the past."
    local q = quote(text, "is going to be")
    assert.are_not.equal("quote_speaker_verb", q.rule)
  end)

  it("passes over a manner adverb after a question's cue", function()
    local text = "“Do I think that the dealer should be sued?” Sanders asked rhetorically, shaking his head."
    local q = quote(text, "Do I think")
    assert.are.same({ "Sanders", "quote_speaker_cue", "asked" }, { q.speaker, q.rule, q.cue })
  end)

  it("does not take for a quote inside a sentence a later cue that has content of its own", function()
    local text = "But even as Trump claimed on Tuesday that “General Petraeus got in trouble for far less,” "
      .. "one of the former prosecutors said the two cases were quite different."
    assert.are.same({ speaker = "Trump", mention = "Trump", rule = "speaker_cue_quote", cue = "claimed",
      kind = "partial" }, quote(text, "General Petraeus"))
  end)

  it("leaves a cue whose own sentence goes on to a quote to that quote", function()
    local text = "Donald Trump said Hillary Clinton “caused death.” Bernie Sanders called Trump a "
      .. "“pathological liar.”"
    local q = quote(text, "caused death")
    assert.are.same({ "Donald Trump", "speaker_cue_quote", "said" }, { q.speaker, q.rule, q.cue })
  end)

  it("reads a day after a cue as a setting before the cue's own content", function()
    local text = "In appealing for the inquiry, Attorney General Lisa Madigan asserted that “trust in the "
      .. "police is broken.” Hillary Clinton said Wednesday she, too, wants an inquiry."
    local q = quote(text, "trust in the police")
    assert.are.same({ "Lisa Madigan", "speaker_cue_quote", "asserted" }, { q.speaker, q.rule, q.cue })
  end)

  it("keeps a cue that takes its addressee first after a quote inside a sentence", function()
    local text = "He thought of his speeches as “little talks,” he told friends, in which he could "
      .. "tell stories."
    local q = quote(text, "little talks")
    assert.are.same({ "he", "quote_speaker_cue", "told" }, { q.mention, q.rule, q.cue })
  end)
end)

describe("quote speakers: more patterns after the quote", function()
  it("reads a role the lexicon lacks before a name right before a cue", function()
    local text = "“I am impressed by his ability,” screenwriter Cole Haddon wrote on Twitter."
    assert.are.same({ speaker = "Cole Haddon", mention = "screenwriter Cole Haddon",
      rule = "quote_speaker_cue", cue = "wrote", kind = "direct" }, quote(text, "I am impressed"))
    text = "“Subpoenas are not optional,” panel Chairman Rep. Jason Chaffetz (R-Utah) said after "
      .. "the hearing."
    local q = quote(text, "Subpoenas")
    assert.are.same({ "Jason Chaffetz", "panel Chairman Rep. Jason Chaffetz", "quote_speaker_cue" },
      { q.speaker, q.mention, q.rule })
    q = quote("“They are 100 percent wrong,” said 9/11 widow Terry Strada.", "They are")
    assert.are.same({ "Terry Strada", "9/11 widow Terry Strada", "quote_cue_speaker" },
      { q.speaker, q.mention, q.rule })
  end)

  it("does not read the object of a preposition before a name as a role", function()
    local text = "Rubio said he has begun “to unmask the true nature” of Trump, whom he called "
      .. "a “con artist.”"
    local q = quote(text, "to unmask")
    assert.are.same({ "Rubio", "Rubio" }, { q.speaker, q.mention })
  end)

  it("takes the name signed under a quote in the next paragraph after a dash", function()
    local text = "“The whole idea needs to stop.”\n\n-Michelle Marks, Philadelphia.\n"
    assert.are.same({ speaker = "Michelle Marks", mention = "Michelle Marks", rule = "dash_next_paragraph",
      kind = "direct" }, quote(text, "The whole idea"))
  end)

  it("leaves a participle after the quote to the subject before it", function()
    local text = "Donald Trump has delivered a defense of “New York values,” saying the city "
      .. "embodied courage."
    local q = quote(text, "New York values")
    assert.are.same({ "Donald Trump", "Donald Trump", "clause_subject" }, { q.speaker, q.mention, q.rule })
  end)

  it("reads an infinitive with an adverb after `to` as the main clause's", function()
    local text = "Ms. Nance would like Trump to further explain his stance because there is “no question” "
      .. "he is pro-life."
    local q = quote(text, "no question")
    assert.are.same({ "Nance", "Ms. Nance", "participle_subject" }, { q.speaker, q.mention, q.rule })
  end)

  it("does not read `continue to be` as a verb of saying", function()
    local text = "Cruz said he is certain Rubio will continue to be “a champion for opportunity.”"
    local q = quote(text, "a champion")
    assert.are.same({ "Cruz", "Cruz", "speaker_cue_quote", "said" }, { q.speaker, q.mention, q.rule, q.cue })
  end)

  it("does not take `X to` for a subject and its verb before a participle", function()
    local text = "Hours later, Trump returned the compliment to Adelson, telling Reuters, "
      .. "“Sheldon and I have been friends for a long time.”"
    local q = quote(text, "Sheldon")
    assert.are.same({ "Trump", "Trump", "participle_subject", "telling" },
      { q.speaker, q.mention, q.rule, q.cue })
  end)
end)

describe("quote speakers: the subject of a participle", function()
  it("prefers a name to a description as the nearest subject of a finite verb", function()
    local text = "The photo spread fast, and Mills forwarded a note in which the subject line was "
      .. "“Photo gone viral!”"
    local q = quote(text, "Photo gone viral")
    assert.are.same({ "Mills", "Mills", "clause_subject" }, { q.speaker, q.mention, q.rule })
  end)

  it("reads a lower-case `secretary of state` as one role", function()
    local text = "Reprising one of her favorite lines, the former secretary of state talked about continuing "
      .. "the “progress we had under President Obama” and more."
    local q = quote(text, "progress we had")
    assert.are.same({ "the former secretary of state", "clause_subject" }, { q.mention, q.rule })
  end)

  it("skips a dateline that opens the paragraph", function()
    local text = "WASHINGTON, Dec. 8 (UPI) — In response to the plan, Hillary Clinton’s top aide rallied "
      .. "supporters, saying: “We have to be ready to stop him.”"
    local q = quote(text, "We have to be")
    assert.are.same({ "Hillary Clinton’s top aide", "participle_subject", "saying" },
      { q.mention, q.rule, q.cue })
  end)

  it("passes a short setting between the subject and its verb", function()
    local text = "Sen. Bernie Sanders (I-Vt.) on Saturday criticized the accord adopted after two weeks of "
      .. "talks, saying the agreement goes “nowhere near far enough.”"
    local q = quote(text, "nowhere near")
    assert.are.same({ "Bernie Sanders", "Sen. Bernie Sanders", "participle_subject", "saying" },
      { q.speaker, q.mention, q.rule, q.cue })
  end)

  it("gives a participle after `with` its own subject", function()
    local text = "At a rally in Birmingham, Alabama, his supporters punched a protester, with Trump "
      .. "reportedly yelling: “Get him the hell out of here!”"
    local q = quote(text, "Get him")
    assert.are.same({ "Trump", "Trump", "participle_subject", "yelling" },
      { q.speaker, q.mention, q.rule, q.cue })
    text = "Her backers tried to tie Bradley to Walker, with one of her ads asking, "
      .. "“Is Bradley independent enough?”"
    q = quote(text, "Is Bradley")
    assert.are.same({ "one of her ads", "participle_subject" }, { q.mention, q.rule })
  end)

  it("does not read a capitalised word before `to` that opens a sentence as a name", function()
    local text = "Continuing to explain his view, Carson rejected the notion that the episode should be "
      .. "forgotten, saying that he “would fix it.”"
    local q = quote(text, "would fix it")
    assert.are.same({ "Carson", "Carson", "participle_subject" }, { q.speaker, q.mention, q.rule })
  end)
end)

describe("quote speakers: a possessive before a noun of saying", function()
  it("gives the quote the possessor of `claim that`", function()
    local text = "Politifact seized on Donald Trump’s claim that there have been “thousands of shootings” "
      .. "in Chicago."
    assert.are.same({ speaker = "Donald Trump", mention = "Donald Trump’s", rule = "possessive_noun",
      kind = "partial" }, quote(text, "thousands of shootings"))
  end)

  it("resolves `her remark that` like `she`", function()
    local text = "Madeleine Albright fanned controversy this year over her remark that “there is a special "
      .. "place in hell for women who do not help each other.”"
    local q = quote(text, "there is a special")
    assert.are.same({ "Madeleine Albright", "her", "possessive_noun" }, { q.speaker, q.mention, q.rule })
  end)

  it("does not take a noun of saying whose content the quote is not", function()
    local text = "They published the results by announcing that Trump’s statement was “true.”"
    assert.are_not.equal("possessive_noun", quote(text, "true").rule)
  end)
end)

describe("quote speakers: `it` that is no one", function()
  it("takes the subject after `that` for an expletive `it`", function()
    local q = quote("It is strange that Trump would denounce “self-deportation,” which is mild.",
      "self-deportation")
    assert.are.same({ "Trump", "Trump", "clause_subject" }, { q.speaker, q.mention, q.rule })
    local text = "It has not helped that her campaign has cycled through slogans, from championing "
      .. "“everyday Americans” to others."
    q = quote(text, "everyday Americans")
    assert.are.same({ "her campaign", "verb_that" }, { q.mention, q.rule })
  end)
end)

describe("quote speakers: a colon before the quote", function()
  it("gives the sentence's subject a quote after an object and a colon", function()
    local text = "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: "
      .. "“It is time to quit attacking people.”"
    local q = quote(text, "It is time")
    assert.are.same({ "Mitch McConnell", "Senate Majority Leader Mitch McConnell", "speaker_colon" },
      { q.speaker, q.mention, q.rule })
  end)

  it("takes the name before `on` in a headline `X on Y: ‘…’`", function()
    local text = "Gillibrand on Hillary Releasing Her Speech Transcripts: ‘I Think She Will.’\n\n"
      .. "Sen. Kirsten Gillibrand spoke on CNN.\n"
    local q = quote(text, "I Think She Will")
    assert.are.same({ "Kirsten Gillibrand", "Gillibrand", "speaker_colon" }, { q.speaker, q.mention, q.rule })
  end)

  it("keeps the name before the colon when it is no object of a preposition or cue", function()
    local text = "The result does not surprise Republican pollster Daron Shaw: “Voters are angry.”"
    local q = quote(text, "Voters")
    assert.are.same({ "Daron Shaw", "speaker_colon" }, { q.speaker, q.rule })
  end)
end)

describe("quote speakers: a quote inside a relative clause", function()
  it("gives `who` after a comma as the mention and its antecedent as the speaker", function()
    local text = "Donald Trump spoke on Monday.\n\nTrump, who has postured himself as the "
      .. "“law and order candidate,” has taken a hard line since."
    assert.are.same({ speaker = "Donald Trump", mention = "who", rule = "relative_clause", kind = "partial" },
      quote(text, "law and order"))
  end)

  it("does not read a restrictive clause about someone else that way", function()
    local text = "Aaron Kall compared Trump to a coach at a basketball game who is “working the referees” "
      .. "in hopes."
    assert.are_not.equal("relative_clause", quote(text, "working the referees").rule)
  end)
end)

describe("quote speakers: bodies and infinitives", function()
  it("resolves an `it` no speaker stands for to the body its sentence opens with", function()
    local text = "The United Nations Security Council on Friday pledged to impose further sanctions as a "
      .. "deterrence to what it called “a clear threat to international peace.”"
    local q = quote(text, "a clear threat")
    assert.are.same({ "United Nations Security Council", "it", "speaker_cue_quote" },
      { q.speaker, q.mention, q.rule })
  end)

  it("takes an earlier verb of saying over an infinitive that says nothing", function()
    local text = "At a press conference, the mayor also said that it was too early to tell whether the blast "
      .. "was a bomb, and there was “no evidence” yet of terrorism."
    local q = quote(text, "no evidence")
    assert.are.same({ "the mayor", "speaker_cue_quote", "said" }, { q.mention, q.rule, q.cue })
  end)
end)

describe("quote speakers: prepositions that open clauses", function()
  it("reads the phrase after `after` inside a sentence as its clause's subject", function()
    local text = "A court sentenced a man to probation and a 300-euro fine after the man had posted on his "
      .. "Facebook page that refugees should “burn alive” in the sea."
    local q = quote(text, "burn alive")
    assert.are.same({ "the man", "speaker_cue_quote", "posted" }, { q.mention, q.rule, q.cue })
  end)
end)

describe("quote speakers: a passive with its agent", function()
  it("gives a quote after `called … by` the agent", function()
    local text = "Vigo County, called the “Crossroads of America” by the citizens, leans toward Trump."
    local q = quote(text, "Crossroads of America")
    assert.are.same({ "the citizens", "passive_by" }, { q.mention, q.rule })
  end)
end)

describe("quote speakers: descriptions after the quote", function()
  it("reads `and` and a comma between modifiers inside a description before its cue", function()
    local q = quote("“North Korea is run by a lunatic,” the Florida senator and Republican candidate said.",
      "North Korea")
    assert.are.same({ "the Florida senator and Republican candidate", "quote_speaker_cue" },
      { q.mention, q.rule })
    q = quote("“From Day One, I made climate the priority,” the bespectacled, 71-year-old diplomat said.",
      "From Day One")
    assert.are.same({ "the bespectacled, 71-year-old diplomat", "quote_speaker_cue" }, { q.mention, q.rule })
  end)

  it("takes a longer description after a cue up to a relative pronoun", function()
    local text = "“After we came here, we realized it was all lies,” said one owner of a shop that sells "
      .. "coats who declined to be named."
    local q = quote(text, "After we came")
    assert.are.same({ "one owner of a shop", "quote_cue_speaker", "said" }, { q.mention, q.rule, q.cue })
  end)

  it("takes a determiner standing alone after a cue", function()
    local q = quote("“America is great! Trump is disgusting,” read one. “Anybody but Trump,” was another.",
      "America is great")
    assert.are.same({ "one", "quote_cue_speaker", "read" }, { q.mention, q.rule, q.cue })
  end)
end)

describe("quote speakers: `called` with an object", function()
  it("reads `many commentators called him “…”` as the commentators' words", function()
    local text = "Kasich is coming off a strong debate Thursday night, when many commentators called him "
      .. "“the grownup on the stage” amid the fight."
    local q = quote(text, "the grownup")
    assert.are.same({ "many commentators", "speaker_cue_quote", "called" }, { q.mention, q.rule, q.cue })
  end)
end)

