-- lede.stopwords — English function words, as plain Lua sets a user can
-- extend (`require("lede.stopwords").english["via"] = true`).
--
--   english    articles, pronouns, auxiliaries, prepositions, conjunctions,
--              common adverbs and determiners (the usual IR stop list, in
--              normalized form: lower case, apostrophes as ')
--   reporting  verbs of saying that every news story repeats (said, told, …):
--              not function words, but they say nothing about the story
local M = {}

-- A set from a string of words separated by white space.
local function set(words)
  local s = {}
  for w in words:gmatch("%S+") do s[w] = true end
  return s
end

M.english = set([[
a about above after again against ago all almost along already also although always am among an and
another any anyone anything are aren't around as at away back be became because become been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't
done down during each either else enough even ever every few for from further get gets getting go goes
going got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just least
less let's like made make many may me might more most much must mustn't my myself near neither never
no nor not now of off often on once one only onto or other others otherwise ought our ours ourselves
out over own per perhaps quite rather really same several shan't she she'd she'll she's should
shouldn't since so some something still such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those though through thus to too toward
towards under until up upon us very via was wasn't we we'd we'll we're we've were weren't what what's
whatever when when's where where's whether which while who who's whom whose why why's will with within
without won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
's n't mr mrs ms dr
]])

M.reporting = set([[
said says say saying told tell tells telling added adds according asked stated noted explained
announced reported claimed
]])

return M
