-- pairs.lua — lede's near-duplicate pairs of a collection: candidate
-- generation (word 5-gram MinHash, LSH 32 bands × 4 rows) and verification
-- by exact Jaccard and containment, timed stage by stage.
--
--   lede run bench/compare/pairs.lua FILE.jsonl OUT.tsv [MIN_JACCARD]
--
-- OUT.tsv: one verified pair a line, "a<TAB>b<TAB>jaccard<TAB>a_in_b<TAB>b_in_a"
-- (1-based line numbers of FILE.jsonl). Timings go to standard error.
local lede = require("lede")

local input, out = arg[1], arg[2]
local min_j = tonumber(arg[3] or "0.5")
assert(input and out, "usage: lede run bench/compare/pairs.lua FILE.jsonl OUT.tsv [MIN_JACCARD]")
local clock = os.clock
local t0 = clock()
local c = assert(lede.load(input))
local t1 = clock()
local cands = assert(lede.candidates(c, { min_jaccard = min_j }))
local t2 = clock()
local f = assert(io.open(out, "w"))
for _, p in ipairs(cands) do
  f:write(string.format("%d\t%d\t%.4f\t%.4f\t%.4f\n", p.a, p.b, p.jaccard, p.a_in_b, p.b_in_a))
end
f:close()
io.stderr:write(string.format("lede: %d documents; load %.2f s; tokenize, shingle, MinHash, LSH and verify %.2f s; "
  .. "%d pairs with Jaccard >= %.2f\n", #c, t1 - t0, t2 - t1, #cands, min_j))
