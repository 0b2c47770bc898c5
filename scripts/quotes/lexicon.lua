-- lexicon.lua — the word lists quote attribution reads: speech verbs with
-- their manner, cue phrases, titles and roles, organisations and groups,
-- outlets and media, pronouns.
--
-- Plain data: every list is a Lua table a user may extend before running
-- the `quotes` script, e.g.
--
--   local lex = require("quotes.lexicon")
--   lex.speech_verbs.grumble = { forms = { "grumble", "grumbles", "grumbled", "grumbling" },
--                                manner = "negative" }
--   lex.outlets[#lex.outlets + 1] = "Kyiv Independent"
--
-- Matching is on lede's normalized forms (case-folded, apostrophes
-- unified to '), so entries are written in lower case unless they are
-- names (outlets, honorifics), which are matched case-folded too.
-- Counts in comments are from PolNeAR train (docs/quotes.md): how often the
-- annotators marked the word as the cue of an attributed quote.

local lexicon = {}

-- Speech verbs (cues). `forms`: every inflection to match; `manner`: what
-- the verb says about how the words were said, reported in the output so a
-- reader can compare outlets ("said" in one, "admitted" in another):
--   neutral     said, told, added — the reporter's default
--   written     wrote, tweeted, posted — the words were written
--   asking      asked, wondered
--   answering   replied, responded
--   asserting   insisted, declared, stressed — said with force
--   conceding   admitted, acknowledged, conceded
--   tentative   suggested, speculated
--   negative    accused, complained, warned, lamented, slammed
--   positive    praised, hailed, welcomed
--   promising   promised, pledged, vowed
--   loud        shouted, yelled, chanted
--   explaining  explained, noted, pointed out
-- `that`: the verb commonly takes a `that` clause (indirect speech:
-- "Zelensky said that …"); `object`: the verb takes the addressee first
-- ("told reporters", "told CNN"), which is where a relay or audience sits.
lexicon.speech_verbs = {
  -- said 4095, says 222
  say = { forms = { "say", "says", "said", "saying" }, manner = "neutral", that = true },
  -- told 396
  tell = { forms = { "tell", "tells", "told", "telling" }, manner = "neutral", that = true, object = true },
  add = { forms = { "add", "adds", "added", "adding" }, manner = "neutral", that = true }, -- added 227
  continue = { forms = { "continue", "continues", "continued", "continuing" }, manner = "neutral" }, -- 72
  state = { forms = { "state", "states", "stated", "stating" }, manner = "neutral", that = true },
  remark = { forms = { "remark", "remarks", "remarked", "remarking" }, manner = "neutral", that = true },
  comment = { forms = { "comment", "comments", "commented", "commenting" }, manner = "neutral" },
  recall = { forms = { "recall", "recalls", "recalled", "recalling" }, manner = "neutral", that = true },
  inform = { forms = { "inform", "informs", "informed", "informing" }, manner = "neutral", that = true,
             object = true },
  clarify = { forms = { "clarify", "clarifies", "clarified", "clarifying" }, manner = "explaining",
              that = true },
  describe = { forms = { "describe", "describes", "described", "describing" }, manner = "neutral" },
  -- "called it …"
  call = { forms = { "call", "calls", "called", "calling" }, manner = "neutral", object = true },
  put = { forms = { "put it", "puts it" }, manner = "neutral" }, -- "as she put it"
  quip = { forms = { "quip", "quips", "quipped", "quipping" }, manner = "neutral" },

  -- 238
  write = { forms = { "write", "writes", "wrote", "writing", "written" }, manner = "written", that = true },
  tweet = { forms = { "tweet", "tweets", "tweeted", "tweeting" }, manner = "written", that = true }, -- 57
  post = { forms = { "post", "posts", "posted", "posting" }, manner = "written" },
  read = { forms = { "read", "reads" }, manner = "written" }, -- "the statement read"

  ask = { forms = { "ask", "asks", "asked", "asking" }, manner = "asking", object = true }, -- 58
  wonder = { forms = { "wonder", "wonders", "wondered", "wondering" }, manner = "asking" },
  question = { forms = { "question", "questions", "questioned", "questioning" }, manner = "asking" },
  reply = { forms = { "reply", "replies", "replied", "replying" }, manner = "answering", that = true },
  respond = { forms = { "respond", "responds", "responded", "responding" }, manner = "answering" },
  answer = { forms = { "answer", "answers", "answered", "answering" }, manner = "answering" },
  retort = { forms = { "retort", "retorts", "retorted", "retorting" }, manner = "answering" },

  insist = { forms = { "insist", "insists", "insisted", "insisting" }, manner = "asserting", that = true },
  declare = { forms = { "declare", "declares", "declared", "declaring" }, manner = "asserting", that = true },
  stress = { forms = { "stress", "stresses", "stressed", "stressing" }, manner = "asserting", that = true },
  emphasize = { forms = { "emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise",
                          "emphasises", "emphasised", "emphasising" }, manner = "asserting", that = true },
  argue = { forms = { "argue", "argues", "argued", "arguing" }, manner = "asserting", that = true },
  assert = { forms = { "assert", "asserts", "asserted", "asserting" }, manner = "asserting", that = true },
  claim = { forms = { "claim", "claims", "claimed", "claiming" }, manner = "asserting", that = true },
  maintain = { forms = { "maintain", "maintains", "maintained", "maintaining" },
               manner = "asserting", that = true },
  announce = { forms = { "announce", "announces", "announced", "announcing" },
               manner = "asserting", that = true },
  conclude = { forms = { "conclude", "concludes", "concluded", "concluding" },
               manner = "asserting", that = true },
  assure = { forms = { "assure", "assures", "assured", "assuring" }, manner = "asserting", object = true },

  admit = { forms = { "admit", "admits", "admitted", "admitting" }, manner = "conceding", that = true },
  acknowledge = { forms = { "acknowledge", "acknowledges", "acknowledged", "acknowledging" },
                  manner = "conceding", that = true },
  concede = { forms = { "concede", "concedes", "conceded", "conceding" }, manner = "conceding", that = true },
  confirm = { forms = { "confirm", "confirms", "confirmed", "confirming" },
              manner = "conceding", that = true },

  suggest = { forms = { "suggest", "suggests", "suggested", "suggesting" },
              manner = "tentative", that = true },
  speculate = { forms = { "speculate", "speculates", "speculated", "speculating" },
                manner = "tentative", that = true },
  predict = { forms = { "predict", "predicts", "predicted", "predicting" },
              manner = "tentative", that = true },

  accuse = { forms = { "accuse", "accuses", "accused", "accusing" }, manner = "negative", object = true },
  complain = { forms = { "complain", "complains", "complained", "complaining" },
               manner = "negative", that = true },
  warn = { forms = { "warn", "warns", "warned", "warning" }, manner = "negative", that = true },
  caution = { forms = { "caution", "cautions", "cautioned", "cautioning" }, manner = "negative",
              that = true },
  lament = { forms = { "lament", "laments", "lamented", "lamenting" }, manner = "negative", that = true },
  criticize = { forms = { "criticize", "criticizes", "criticized", "criticizing", "criticise",
                          "criticises", "criticised", "criticising" }, manner = "negative" },
  slam = { forms = { "slam", "slams", "slammed", "slamming" }, manner = "negative" },
  charge = { forms = { "charge", "charges", "charged", "charging" }, manner = "negative", that = true },
  deny = { forms = { "deny", "denies", "denied", "denying" }, manner = "negative", that = true },
  scoff = { forms = { "scoff", "scoffs", "scoffed", "scoffing" }, manner = "negative" },

  praise = { forms = { "praise", "praises", "praised", "praising" }, manner = "positive" },
  hail = { forms = { "hail", "hails", "hailed", "hailing" }, manner = "positive" },
  welcome = { forms = { "welcome", "welcomes", "welcomed", "welcoming" }, manner = "positive" },

  promise = { forms = { "promise", "promises", "promised", "promising" }, manner = "promising", that = true },
  pledge = { forms = { "pledge", "pledges", "pledged", "pledging" }, manner = "promising", that = true },
  vow = { forms = { "vow", "vows", "vowed", "vowing" }, manner = "promising", that = true },
  urge = { forms = { "urge", "urges", "urged", "urging" }, manner = "promising", object = true },

  shout = { forms = { "shout", "shouts", "shouted", "shouting" }, manner = "loud" },
  yell = { forms = { "yell", "yells", "yelled", "yelling" }, manner = "loud" },
  chant = { forms = { "chant", "chants", "chanted", "chanting" }, manner = "loud" },
  exclaim = { forms = { "exclaim", "exclaims", "exclaimed", "exclaiming" }, manner = "loud" },

  explain = { forms = { "explain", "explains", "explained", "explaining" },
              manner = "explaining", that = true },
  note = { forms = { "note", "notes", "noted", "noting" }, manner = "explaining", that = true },
  observe = { forms = { "observe", "observes", "observed", "observing" },
              manner = "explaining", that = true },
  point_out = { forms = { "point out", "points out", "pointed out", "pointing out" }, manner = "explaining",
                that = true },
  report = { forms = { "report", "reports", "reported", "reporting" }, manner = "neutral", that = true },
  -- less common verbs of saying
  reiterate = { forms = { "reiterate", "reiterates", "reiterated", "reiterating" },
                manner = "asserting", that = true },
  proclaim = { forms = { "proclaim", "proclaims", "proclaimed", "proclaiming" },
               manner = "asserting", that = true },
  contend = { forms = { "contend", "contends", "contended", "contending" },
              manner = "asserting", that = true },
  counter = { forms = { "counter", "counters", "countered", "countering" },
              manner = "answering", that = true },
  confess = { forms = { "confess", "confesses", "confessed", "confessing" },
              manner = "conceding", that = true },
  boast = { forms = { "boast", "boasts", "boasted", "boasting" }, manner = "positive", that = true },
  brag = { forms = { "brag", "brags", "bragged", "bragging" }, manner = "positive", that = true },
  tout = { forms = { "tout", "touts", "touted", "touting" }, manner = "positive" },
  muse = { forms = { "muse", "muses", "mused", "musing" }, manner = "tentative" },
  joke = { forms = { "joke", "jokes", "joked", "joking" }, manner = "neutral", that = true },
  mock = { forms = { "mock", "mocks", "mocked", "mocking" }, manner = "negative" },
  bark = { forms = { "bark", "barks", "barked", "barking" }, manner = "loud" },
  scream = { forms = { "scream", "screams", "screamed", "screaming" }, manner = "loud" },
  recount = { forms = { "recount", "recounts", "recounted", "recounting" }, manner = "neutral" },
  testify = { forms = { "testify", "testifies", "testified", "testifying" },
              manner = "neutral", that = true },
  allege = { forms = { "allege", "alleges", "alleged", "alleging" }, manner = "negative", that = true },
  opine = { forms = { "opine", "opines", "opined", "opining" }, manner = "neutral", that = true },
  interject = { forms = { "interject", "interjects", "interjected", "interjecting" }, manner = "neutral" },
  whisper = { forms = { "whisper", "whispers", "whispered", "whispering" }, manner = "neutral" },
  marvel = { forms = { "marvel", "marvels", "marveled", "marveling" }, manner = "positive" },
  gush = { forms = { "gush", "gushes", "gushed", "gushing" }, manner = "positive" },
  remember = { forms = { "remember", "remembers", "remembered", "remembering" }, manner = "neutral",
               that = true },
  react = { forms = { "react", "reacts", "reacted", "reacting" }, manner = "answering" },
  sneer = { forms = { "sneer", "sneers", "sneered", "sneering" }, manner = "negative" },
}

-- Adverbs of manner next to a cue ("said firmly", "flatly rejected"); the
-- output keeps them with the cue.
lexicon.manner_adverbs = {
  "firmly", "flatly", "bluntly", "calmly", "angrily", "sharply", "quietly", "loudly", "softly",
  "emphatically", "forcefully", "repeatedly", "simply", "candidly", "frankly", "cautiously",
  "confidently", "defiantly", "sarcastically", "jokingly", "wryly", "bitterly", "tearfully",
  "proudly", "publicly", "privately", "later", "also", "again", "once",
}

-- Multi-word cues. `source`: where the speaker stands relative to the
-- phrase: "after" in "according to Tammy Bruce", "before" in "he went on to say".
lexicon.cue_phrases = {
  { words = "according to", source = "after" },          -- 88 in PolNeAR train
  { words = "in the words of", source = "after" },
  { words = "as quoted by", source = "after" },
  { words = "as cited by", source = "after" },
  { words = "went on to say", source = "before" },
  { words = "as follows", source = "before" },             -- "said as follows:"
  { words = "had this to say", source = "before" },
}

-- Words of a speech situation that stand in for a cue after the verb
-- ("said in a statement", "told reporters"); kept as the cue's context.
lexicon.speech_settings = {
  "in a statement", "in an interview", "in a post", "in a tweet", "in a video", "in a speech",
  "at a news conference", "at a press conference", "at a briefing", "at a rally", "at a hearing",
  "on a call with reporters", "to reporters", "told reporters", "in an email", "in a letter",
}

-- Honorifics written before a name (matched case-folded, with or without
-- the dot). They are never the speaker's name themselves.
lexicon.honorifics = {
  "mr.", "mrs.", "ms.", "miss", "dr.", "prof.", "sen.", "rep.", "gov.", "lt.", "gen.", "col.", "maj.",
  "capt.", "sgt.", "adm.", "rev.", "sir", "dame", "lord", "lady", "sheikh", "imam", "rabbi", "father",
  "sister", "st.", "hon.", "atty.", "supt.", "insp.",
}

-- Roles and titles: before a name ("State Department spokesperson Tammy
-- Bruce", "President Vladimir Putin") or standing for the speaker ("the
-- spokesman said"). The output reports them as `role`. Multi-word roles
-- come before their last word so the longest match wins.
lexicon.roles = {
  "prime minister", "foreign minister", "defense minister", "defence minister", "interior minister",
  "finance minister", "foreign secretary", "home secretary", "defense secretary", "secretary of state",
  "press secretary", "vice president", "attorney general", "chief of staff", "national security adviser",
  "chief executive", "white house press secretary", "supreme leader", "special envoy",
  "president", "vice-president", "premier", "chancellor", "minister", "secretary", "senator",
  "representative", "congressman", "congresswoman", "governor", "mayor", "ambassador", "envoy",
  "spokesman", "spokeswoman", "spokesperson", "spokespeople", "adviser", "advisor", "aide",
  "official", "diplomat", "commander", "general", "admiral", "colonel", "chairman", "chairwoman",
  "chair", "director", "chief", "ceo", "founder", "president-elect", "candidate", "nominee", "leader",
  "speaker", "judge", "justice", "prosecutor", "lawyer", "attorney", "professor", "analyst",
  "economist", "strategist", "pollster", "researcher", "expert", "scientist", "editor", "reporter",
  "correspondent", "columnist", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop",
  "sheriff", "police chief", "officer", "negotiator", "lawmaker", "legislator", "mp", "mep",
}

-- Words that make a capitalised phrase an organisation, which can be a
-- speaker ("the U.K.'s foreign ministry said", "the Pentagon said").
lexicon.organisation_words = {
  "ministry", "department", "office", "agency", "administration", "government", "council",
  "committee", "commission", "party", "campaign", "embassy", "army", "military", "police",
  "court", "parliament", "congress", "senate", "house", "cabinet", "union", "association",
  "institute", "foundation", "university", "company", "corporation", "group", "bank", "fund",
  "organization", "organisation", "service", "authority", "authorities", "coalition", "alliance",
}

-- Institutions named by a place or building, speakers without a person
-- ("the Kremlin said", "the White House said").
lexicon.institutions = {
  "white house", "kremlin", "pentagon", "state department", "downing street", "elysee", "élysée",
  "whitehall", "capitol", "nato", "united nations", "un", "eu", "european union", "european commission",
  "foreign office", "supreme court", "fbi", "cia", "justice department", "treasury",
}

-- Plural nouns that make a group a speaker ("Russian officials argue",
-- "sources said", "critics say").
lexicon.group_nouns = {
  "officials", "sources", "diplomats", "analysts", "experts", "critics", "supporters", "opponents",
  "residents", "witnesses", "lawmakers", "leaders", "authorities", "investigators", "prosecutors",
  "protesters", "voters", "aides", "advisers", "people", "observers", "economists", "scientists",
  "researchers", "activists", "members", "democrats", "republicans", "negotiators",
  -- session 2: more groups that speak in news copy
  "agents", "officers", "lawyers", "attorneys", "advocates", "organizers", "delegates", "donors",
  "strategists", "operatives", "commentators", "pollsters", "executives", "staffers", "veterans",
  "conservatives", "liberals", "progressives", "demonstrators", "parents", "students", "workers",
}

-- News organisations: a relay between a speaker and the article ("told
-- CNN", "as reported by the New York Post", "Reuters reported, citing
-- Russia's Interfax"), or a source of their own ("the Financial Times
-- reported"). Matched case-sensitively as written, longest match first.
lexicon.outlets = {
  "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "Interfax", "Tass",
  "TASS", "RIA Novosti", "Xinhua", "Kyodo", "Yonhap", "Anadolu", "Ukrinform", "dpa", "EFE", "ANSA",
  "CNN", "BBC", "NBC", "NBC News", "ABC", "ABC News", "CBS", "CBS News", "Fox News", "MSNBC", "NPR",
  "PBS", "Sky News", "Al Jazeera", "Euronews", "Deutsche Welle", "DW", "France 24", "RT",
  "New York Times", "The New York Times", "Washington Post", "The Washington Post", "Wall Street Journal",
  "The Wall Street Journal", "New York Post", "USA Today", "Los Angeles Times", "Politico", "Axios",
  "The Hill", "HuffPost", "Huffington Post", "Breitbart", "Breitbart News", "Newsweek", "Time",
  "The Atlantic", "Vox", "BuzzFeed News", "Daily Beast", "Financial Times", "The Guardian", "Guardian",
  "The Times", "The Telegraph", "The Independent", "Daily Mail", "The Economist", "Le Monde",
  "Der Spiegel", "Die Welt", "El País", "Corriere della Sera", "Kyiv Independent", "Kyiv Post",
  "Meduza", "Kommersant", "Izvestia", "Haaretz", "Times of Israel", "South China Morning Post",
}

-- Channels the words went through ("in a post on X", "on Telegram"):
-- reported as part of the relay.
lexicon.media = {
  "x", "twitter", "facebook", "instagram", "telegram", "truth social", "youtube", "tiktok",
  "threads", "linkedin", "weibo", "wechat", "television", "radio", "podcast", "state media",
  "state television", "state tv", "news agency", "news conference", "press conference", "blog",
}

-- Verbs and frames by which an outlet relays another's words. `outlet`:
-- where the outlet stands relative to the words ("told CNN", "Reuters reported").
lexicon.relay_frames = {
  { words = "told", outlet = "after" },              -- "told CNN"
  { words = "said in an interview with", outlet = "after" },
  { words = "in an interview with", outlet = "after" },
  { words = "as reported by", outlet = "after" },
  { words = "according to", outlet = "after" },
  { words = "reported", outlet = "before" },          -- "Reuters reported"
  { words = "citing", outlet = "after" },             -- "…, citing Russia's Interfax"
  { words = "quoted by", outlet = "after" },
  { words = "in comments to", outlet = "after" },
}

-- Pronouns that can be a speaker, with what they can refer to; resolved to
-- the nearest earlier name that agrees (docs/quotes.md has the rule).
-- gender: "m", "f", or nil (any); number: "sg" or "pl".
lexicon.pronouns = {
  he = { gender = "m", number = "sg" },
  she = { gender = "f", number = "sg" },
  they = { number = "pl" }, -- also singular they; and organisations ("the ministry … they")
  it = { number = "sg", organisation = true },
  i = { first_person = true },
  we = { first_person = true, number = "pl" },
  him = { gender = "m", number = "sg", object = true },
  her = { gender = "f", number = "sg", object = true },
  them = { number = "pl", object = true },
}

-- First names commonly marking gender, for agreeing pronouns; a user adds
-- names of the corpus at hand. Titles also mark gender (Mr., Mrs., Ms.).
lexicon.gender_titles = {
  m = { "mr.", "mr", "sir", "lord", "king", "prince", "father", "spokesman", "congressman", "chairman" },
  f = { "mrs.", "mrs", "ms.", "ms", "miss", "dame", "lady", "queen", "princess", "sister", "spokeswoman",
        "congresswoman", "chairwoman" },
}

-- Lower-case words inside names ("Ursula von der Leyen", "Mohammed bin Salman").
lexicon.name_particles = { "de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al",
                           "el", "la", "le", "di", "du", "dos", "das", "ter", "zu" }

-- Capitalised words that are never a speaker's name: sentence-initial
-- function words, days, months.
lexicon.not_names = {
  "the", "a", "an", "and", "but", "or", "so", "yet", "if", "when", "while", "as", "after", "before",
  "meanwhile", "however", "still", "also", "unless", "although", "though", "because", "since", "until",
  "whether", "once", "in", "on", "at", "for", "with", "from", "by", "to", "of",
  "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i",
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december",
}

return lexicon
