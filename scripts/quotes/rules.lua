-- rules.lua — the attribution rules by name, grouped by where they look,
-- with the confidence each gives its decision. Plain data a user may
-- change before running the script: lower a confidence, or switch a rule
-- off with `enabled = false`, e.g.
--
--   local rules = require("quotes.rules")
--   rules.by_name.recent_speaker.enabled = false
--
-- The rules themselves are in quotes/speakers.lua (a quote's own cue),
-- quotes/attribute.lua (the passes, and quotes without a cue of their own)
-- and quotes/coref.lua (resolution); docs/attribution.md describes each.
--
-- Confidence: the share of the rule's quotes whose speaker was right on
-- PolNeAR train (`n` of them, scored as ../shared/eval/score_quotes.py does)
-- where n >= 20; a prior otherwise.

local M = {}

M.list = {
  -- a quote's own cue, right after it
  { name = "quote_cue_speaker", confidence = 0.98, n = 757, example = "“…,” said Tammy Bruce" },
  { name = "quote_speaker_cue", confidence = 0.98, n = 2437, example = "“…,” Bruce explained" },
  { name = "quote_speaker_apposition_cue", confidence = 0.56, n = 27,
    example = "“…,” Anne Richards, assistant secretary of state for refugees, said" },
  { name = "quote_according_to", confidence = 0.85, example = "“…,” according to Tammy Bruce" },
  { name = "quote_dash_speaker", confidence = 0.85, example = "“…” ― Sonya Herridge" },
  { name = "quote_speaker_verb", confidence = 0.73, n = 22, example = "“…,” he confessed." },
  -- a quote's own cue, before it in its sentence
  { name = "according_to_quote", confidence = 0.93, n = 28, example = "According to Bruce, “…”" },
  { name = "speaker_cue_quote", confidence = 0.94, n = 1636, example = "Zelensky said he would “…”" },
  { name = "outer_speaker", confidence = 0.8,
    example = "Trump said that Clinton once described the deal as “the gold standard”" },
  { name = "coordinated_subject", confidence = 0.93, n = 85,
    example = "McConnell was quick to embrace the mogul and said … “…”" },
  { name = "speaker_apposition_cue", confidence = 0.99, n = 244, example = "Smith, a pollster, said “…”" },
  { name = "cue_speaker_quote", confidence = 0.87, n = 23, example = "Said Smith: “…”" },
  { name = "participle_subject", confidence = 0.9, n = 372, example = "Peskov confirmed it, saying “…”" },
  { name = "verb_that", confidence = 0.82, n = 50,
    example = "Umerov informed the envoys that Kiev is “90%” aligned" },
  { name = "passive_by", confidence = 0.8,
    example = "Terre Haute, called the “Crossroads of America” by the citizens" },
  { name = "possessive_noun", confidence = 0.79, n = 19,
    example = "Trump’s claim that there have been “thousands of shootings”" },
  -- the sentence after the quote
  { name = "quote_cue_later", confidence = 0.9, n = 92, example = "“…” and more, Smith said" },
  -- a cue outside the quote's sentence
  { name = "colon_before", confidence = 0.96, n = 24, example = "Cruz continued:\n\n“…”" },
  { name = "dash_next_paragraph", confidence = 0.85, example = "“…”¶— Michelle Marks, Philadelphia." },
  { name = "headline_colon", confidence = 0.94, n = 32,
    example = "Sanders: Clinton ‘candidate of the establishment’" },
  { name = "headline_subject", confidence = 0.8,
    example = "Clinton Says …, Calls Trump’s Remarks ‘Troubling.’" },
  { name = "headline_speaker_cue", confidence = 0.8,
    example = "Guns Are ‘…,’ Howard Dean Tells Convention." },
  { name = "speaker_colon", confidence = 0.9, n = 50, example = "… Republican pollster Daron Shaw: “…”" },
  -- no cue of its own: the speaker of a neighbour
  { name = "split_before", confidence = 0.8, example = "“…” “…,” he said." },
  { name = "sentence_subject", confidence = 0.81, n = 148,
    example = "“…,” he said. He is predicting he will do “very well”" },
  { name = "same_paragraph", confidence = 0.97, n = 1504, example = "“…,” he told reporters. “…”" },
  { name = "next_in_paragraph", confidence = 0.45, enabled = false, -- 45% right on PolNeAR train: off
    example = "“…” The crowd cheered. “…,” he said." },
  { name = "continuation", confidence = 0.85, n = 80,
    example = "a quote carried on into the next paragraph" },
  { name = "previous_paragraph", confidence = 0.65, n = 20,
    example = "Viguerie is upbeat …¶“Not only can Ted Cruz win …”" },
  { name = "previous_sentence", confidence = 0.5, n = 20,
    example = "Dianne Bystrom agreed. “Mainstream Republicans are running out of time.”" },
  { name = "paragraph_speaker", confidence = 0.5,
    example = "Officials asserted that … The ‘reality on the ground’ …" },
  { name = "relative_clause", confidence = 0.7,
    example = "Trump, who has postured himself as the “law and order candidate,”" },
  { name = "clause_subject", confidence = 0.7, n = 294,
    example = "Clinton decried the GOP for “turning its back”" },
  { name = "recent_speaker", confidence = 0.25, n = 28,
    example = "the latest speaker of this or the two paragraphs before" },
  -- nothing found
  { name = "none", confidence = 0.3, example = "an unattributed quote" },
  { name = "term", confidence = 0.6, example = "a scare quote or title: no cue, a few words" },
  { name = "title", confidence = 0.6, example = "hosts “The Nightly Show” (title case, not a headline)" },
  { name = "subhead", confidence = 0.7, example = "¶'A change warrior.'¶ (a heading in single marks)" },
  { name = "signature", confidence = 0.7, example = "“…¶Former NAACP president Ben Jealous.”" },
  { name = "pull_quote", confidence = 0.7, example = "a cue-less copy of a quote attributed elsewhere" },
  { name = "excerpt", confidence = 0.7, example = "“WALLACE: Let’s start …” (a transcript)" },
  { name = "excerpt_speaker", confidence = 0.7, example = "“PENCE: … “Shark Tank.” …”: Pence's" },
  { name = "indirect", confidence = 0.8, example = "Zelensky said that Ukraine would not …" },
}

-- How much a resolution step keeps of the rule's confidence.
M.resolution = {
  pronoun_speaker = 0.9,  -- he -> the latest speaker
  pronoun_name = 0.8,     -- he -> the latest named person
  pronoun_group = 0.85,   -- they -> the latest group or organisation speaker
  surname = 0.97,         -- Bruce -> Tammy Bruce
  unresolved = 0.6,       -- a pronoun left unresolved
}

M.by_name = {}
for i, r in ipairs(M.list) do
  r.order = i
  if r.enabled == nil then r.enabled = true end
  M.by_name[r.name] = r
end

-- Whether a rule is on.
function M.on(name)
  local r = M.by_name[name]
  return r ~= nil and r.enabled
end

-- The confidence of a decision by `rule`, after the resolution step `how`.
function M.confidence(rule, how)
  local c = (M.by_name[rule] or { confidence = 0.5 }).confidence
  if how then c = c * (M.resolution[how] or 1) end
  return math.floor(c * 1000 + 0.5) / 1000
end

return M
