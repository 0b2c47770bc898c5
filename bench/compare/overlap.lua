-- overlap.lua — the exact 5-gram overlap of listed pairs of a collection.
--
--   lede run bench/compare/overlap.lua FILE.jsonl PAIRS.tsv
--
-- PAIRS.tsv: "a<TAB>b" per line (1-based lines of FILE.jsonl). Prints
-- "a<TAB>b<TAB>jaccard<TAB>a_in_b<TAB>b_in_a" per pair.
local lede = require("lede")
local path = assert(arg[1], "usage: lede run bench/compare/overlap.lua FILE.jsonl PAIRS.tsv")
local c = assert(lede.load(path))
for line in io.lines(assert(arg[2])) do
  local a, b = line:match("^(%d+)\t(%d+)")
  if a then
    local ov = lede.overlap(c:doc(tonumber(a)), c:doc(tonumber(b)))
    print(string.format("%s\t%s\t%.4f\t%.4f\t%.4f", a, b, ov.jaccard, ov.a_in_b, ov.b_in_a))
  end
end
