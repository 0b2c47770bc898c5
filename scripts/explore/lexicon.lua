-- explore/lexicon.lua — word lists the entity and date finders use, as
-- plain Lua sets and maps a user can extend (`lexicon.titles["rabbi"] =
-- true`). Keys are normalized forms: lower case, apostrophes as '.
-- Nothing here is about one story: titles, organisation words, countries
-- and their aliases, news organisations, weekdays and months.
local M = {}

local function set(words)
  local s = {}
  for w in words:gmatch("%S+") do s[w] = true end
  return s
end

-- Titles and roles stripped from the front of a name ("US Secretary of
-- State Marco Rubio" is Marco Rubio). "of X" right after a title belongs
-- to it (Secretary of State, Chief of Staff).
M.titles = set([[
president vice secretary minister prime foreign defense defence interior finance general gen. gen
lt. lt col. col maj. major adm. admiral colonel captain capt. sgt. sergeant commander mr. mr mrs.
mrs ms. ms miss dr. dr sir dame lord lady king queen prince princess pope sen. sen senator rep.
representative gov. gov governor mayor chancellor ambassador envoy spokesman spokeswoman
spokesperson chief judge justice director chairman chairwoman chair ceo commissioner special
press deputy premier president-elect leader speaker attorney officer professor prof. retired
former acting
]])

-- Lower-case words that, right before a name, say it is a person's
-- ("spokesperson Tammy Bruce", "envoy Steve Witkoff").
M.roles = set([[
spokesman spokeswoman spokesperson envoy minister secretary president senator adviser advisor
aide official chief lawyer attorney director ambassador leader commander general analyst
economist professor author reporter correspondent editor told colleague wife husband son daughter
mother father brother sister
]])

-- Verbs of saying right after a name: a person (or an organisation
-- speaking, which the organisation words outvote).
M.speech = set([[
said says told added explained stated noted argued warned claimed asked wrote tweeted posted
announced insisted replied responded suggested reiterated confirmed declined
]])

-- Words that make a capitalized run an organisation (State Department,
-- New York Post, European Union, National Guard).
M.org_words = set([[
department ministry office agency administration council committee commission union party post
times news journal herald tribune telegraph guardian press television tv radio network group
company corp. corp inc. inc ltd. ltd plc bank fund court parliament congress senate assembly
army navy force forces guard police service services university institute foundation
association organisation organization alliance coalition house kremlin pentagon nato un eu
federation bureau authority board reserve exchange securities holdings holding partners capital
industries systems technologies communications airlines airways motors petroleum resources
corporation co. co bancorp trust insurance investments
]])

-- News organisations and agencies known by a single name.
M.outlets = set([[
reuters ap afp cnn bbc nbc cbs abc msnbc fox tass ria interfax xinhua bloomberg politico axios
npr pbs dpa efe kyodo yonhap al-jazeera aljazeera
]])

-- Lower-case words right after a name that say it is an organisation.
M.org_after = set([[ news agency newspaper broadcaster company firm group party ]])
-- Lower-case words right before a name that say it is an organisation.
M.org_before = set([[ agency newspaper broadcaster company firm outlet ]])

-- Lower-case words right after a name that say it is a place.
M.place_after = set([[ region city province state county district village town oblast capital peninsula ]])
-- Lower-case words right before a single-word name that say it is a place.
M.place_before = set([[ in to from near across inside outside toward towards ]])

-- Places, by every name they go by: each maps to one canonical name.
-- Countries, with their short forms; capitals and large cities whose
-- spelling varies; regions in the news.
M.places = {}
local function places(canonical, aliases)
  M.places[canonical:lower()] = canonical
  for a in aliases:gmatch("[^|]+") do M.places[a] = canonical end
end
places("United States", "us|u.s.|usa|u.s.a.|united states|america|united states of america")
places("United Kingdom", "uk|u.k.|britain|great britain|united kingdom")
places("Russia", "russia|russian federation")
places("Ukraine", "ukraine")
places("Kyiv", "kyiv|kiev")
places("Kharkiv", "kharkiv|kharkov")
places("Odesa", "odesa|odessa")
places("Beijing", "beijing|peking")
places("Mumbai", "mumbai|bombay")
places("Myanmar", "myanmar|burma")
places("Czechia", "czechia|czech republic")
places("Türkiye", "turkey|türkiye|turkiye")
for name in ([[
Afghanistan Albania Algeria Argentina Armenia Australia Austria Azerbaijan Bahrain Bangladesh
Belarus Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon Canada Chile China Colombia Congo
Croatia Cuba Cyprus Denmark Ecuador Egypt Estonia Ethiopia Finland France Georgia Germany Ghana
Greece Guatemala Haiti Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Kosovo Kuwait Latvia Lebanon Libya Lithuania Luxembourg Malaysia Mali
Malta Mexico Moldova Mongolia Montenegro Morocco Nepal Netherlands Nigeria Norway Oman Pakistan
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Rwanda Senegal Serbia
Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan Tanzania Thailand
Tunisia Uganda Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe
London Paris Berlin Moscow Washington Brussels Rome Madrid Tokyo Warsaw Vienna Geneva Ankara
Istanbul Tehran Baghdad Damascus Jerusalem Cairo Delhi Minsk Riga Vilnius Tallinn Helsinki
Stockholm Oslo Copenhagen Prague Budapest Bucharest Sofia Athens Lisbon Dublin Ottawa Canberra
Seoul Pyongyang Hanoi Bangkok Jakarta Manila Nairobi Lagos Johannesburg Riyadh Doha Dubai
Crimea Donbas Donetsk Luhansk Zaporizhzhia Kherson Mariupol Gaza Kashmir Europe Asia Africa
]]):gmatch("%S+") do M.places[name:lower()] = name end
places("Middle East", "middle east")
places("Eastern Europe", "eastern europe")
places("West Bank", "west bank")
places("North Korea", "north korea")
places("South Korea", "south korea")
places("Saudi Arabia", "saudi arabia")
places("New Zealand", "new zealand")
places("South Africa", "south africa")
places("New York", "new york")
places("Hong Kong", "hong kong")
places("West Germany", "west germany")
places("East Germany", "east germany")
places("Soviet Union", "soviet union|ussr|u.s.s.r.")

-- Adjectives of nationality and region: not entities on their own.
M.demonyms = set([[
american british english scottish welsh irish french german russian ukrainian european western
eastern northern southern chinese japanese korean indian pakistani iranian iraqi israeli
palestinian syrian turkish egyptian saudi arab african asian canadian mexican brazilian italian
spanish portuguese polish dutch belgian swiss austrian swedish norwegian danish finnish greek
hungarian romanian bulgarian serbian croatian czech slovak latvian lithuanian estonian belarusian
georgian armenian kremlin-backed pro-russian soviet nato-led allied
]])

-- Capitalized words that are never names: days, months, holidays, and
-- words capitalized for emphasis.
M.not_names = set([[
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december easter christmas ramadan eid passover
thanksgiving
]])

M.weekdays = { sunday = 1, monday = 2, tuesday = 3, wednesday = 4, thursday = 5, friday = 6, saturday = 7 }
M.months = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7, august = 8,
  september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9, oct = 10,
  nov = 11, dec = 12,
}
-- Words that point a weekday to the future ("will meet on Wednesday").
M.future = set([[ will 'll shall planned plans scheduled expected due upcoming ]])

-- Connectors allowed inside a name between capitalized words.
M.connectors = set([[ of de del della da di du la le van von der den al bin ibn ]])

return M
