-- passages.lua — the aligned passages of a pair as the report shows them:
-- each with its spans, text and a label (verbatim, light edit, rewrite),
-- and the share of each document that lies inside passages.
local M = {}

-- Labels by the passage's Dice score of aligned terms (2·equal / terms of
-- both sides). A verbatim copy scores 1 (a few dropped quote marks or
-- punctuation do not count: they are not terms); a light edit keeps at
-- least 7 terms in 10 equal (a changed number or name, a synonym, an
-- added clause); below that most of the wording changed: a rewrite that
-- still follows the source word by word in places.
M.VERBATIM = 0.97
M.LIGHT = 0.7

-- The label of a passage.
function M.label(p)
  if p.score >= M.VERBATIM and p.substitute == 0 and p.insert + p.delete <= 1 then return "verbatim" end
  if p.score >= M.LIGHT then return "light edit" end
  return "rewrite"
end

-- The report's form of lede.align's passages for documents a and b
-- (prepared, see similarity.prepare): spans in bytes and tokens, the text of
-- both sides, the label and the counts.
function M.describe(a, b, raw)
  local out = {}
  for i, p in ipairs(raw) do
    out[i] = {
      label = M.label(p),
      score = p.score,
      equal = p.equal, substitute = p.substitute, insert = p.insert, delete = p.delete,
      a = { start = p.a.start, ["end"] = p.a.stop, first_token = p.a.first, last_token = p.a.last,
        text = a.doc:slice(p.a.start, p.a.stop) },
      b = { start = p.b.start, ["end"] = p.b.stop, first_token = p.b.first, last_token = p.b.last,
        text = b.doc:slice(p.b.start, p.b.stop) },
    }
  end
  return out
end

return M
