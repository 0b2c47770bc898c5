-- score.lua — lede's alignment and typed differences against the known truth
-- written by generate.lua.
--
--   lede run bench/compare/score.lua DIR
--
-- For each (original, derived) pair: lede.align's passages and the compare
-- script's differences (scripts/compare/differences.lua), scored against
-- DIR/truth.jsonl:
--   term pairs   every derived word that comes from an original word is a
--                true pair; the equal and substitute runs of the passages
--                pair words one to one. precision = true pairs predicted /
--                pairs predicted, recall = true pairs predicted / true pairs
--                (over all pairs: micro);
--   per passage  a true passage is a maximal run of true pairs consecutive
--                in both texts (at least 8 words); its recall is the share
--                of its pairs predicted. A predicted passage's precision is
--                the share of its pairs that are true. Both averaged over
--                passages (macro);
--   changes      a changed number (name) is found when a difference typed
--                number or date (name, title or spelling) covers the
--                original word and its replacement; spellings likewise.
local lede = require("lede")
local cjson = require("cjson")

local dir = assert((arg or { ... })[1], "usage: lede run bench/compare/score.lua DIR")
local root = debug.getinfo(1, "S").source:match("^@(.*)/bench/compare/[^/]*$") or "."
local loaded = {}
local function need(name)
  if loaded[name] == nil then
    loaded[name] = assert(loadfile(root .. "/scripts/compare/" .. name .. ".lua"))(need)
  end
  return loaded[name]
end
local similarity, differences = need("similarity"), need("differences")

local WORDLIKE = { word = true, abbrev = true, number = true, cjk = true }

local orig = assert(lede.load(dir .. "/original.jsonl"))
local der = assert(lede.load(dir .. "/derived.jsonl"))
local truths = {}
for line in io.lines(dir .. "/truth.jsonl") do truths[#truths + 1] = cjson.decode(line) end

local tot = { pred = 0, true_pred = 0, truth = 0 }
local prec_sum, prec_n, rec_sum, rec_n = 0, 0, 0, 0
local found = { number = { 0, 0 }, name = { 0, 0 }, spelling = { 0, 0 } }
local ACCEPT = { number = { number = true, date = true }, name = { name = true, title = true, spelling = true },
  spelling = { spelling = true } }
local t0 = os.clock()

for k, truth in ipairs(truths) do
  local a, b = orig:doc(k), der:doc(k)
  -- Byte start -> token index, and word rank of each token.
  local function index(d)
    local at, rank, n = {}, {}, 0
    for i, t in d:tokens() do
      if WORDLIKE[t.kind] then
        n = n + 1
        at[t.start] = i
        rank[i] = n
      end
    end
    return at, rank
  end
  local at_a, rank_a = index(a)
  local at_b, rank_b = index(b)
  local tmap, tlist = {}, {}
  for _, p in ipairs(truth.pairs) do
    local ia, ib = at_a[p[1]], at_b[p[2]]
    if ia and ib then
      tmap[ia] = ib
      tlist[#tlist + 1] = { ia, ib }
    end
  end
  local raw = assert(lede.align(a, b))
  local pred = {}
  local ta, tb = {}, {}
  for i, t in a:tokens() do ta[i] = t end
  for i, t in b:tokens() do tb[i] = t end
  for _, p in ipairs(raw) do
    local n, ok = 0, 0
    for _, e in ipairs(p.edits) do
      if e.kind == "equal" or e.kind == "substitute" then
        local ia, ib = e.a.first, e.b.first
        while ia <= e.a.last and ib <= e.b.last do
          if not WORDLIKE[ta[ia].kind] then ia = ia + 1
          elseif not WORDLIKE[tb[ib].kind] then ib = ib + 1
          else
            pred[ia] = ib
            n = n + 1
            if tmap[ia] == ib then ok = ok + 1 end
            ia, ib = ia + 1, ib + 1
          end
        end
      end
    end
    tot.pred = tot.pred + n
    tot.true_pred = tot.true_pred + ok
    if n > 0 then prec_sum, prec_n = prec_sum + ok / n, prec_n + 1 end
  end
  tot.truth = tot.truth + #tlist
  -- True passages: runs consecutive in both texts' word ranks.
  table.sort(tlist, function(x, y) return x[2] < y[2] end)
  local run = {}
  local function close_run()
    if #run >= 8 then
      local ok = 0
      for _, pr in ipairs(run) do if pred[pr[1]] == pr[2] then ok = ok + 1 end end
      rec_sum, rec_n = rec_sum + ok / #run, rec_n + 1
    end
    run = {}
  end
  for _, pr in ipairs(tlist) do
    local last = run[#run]
    if last and not (rank_a[pr[1]] == rank_a[last[1]] + 1 and rank_b[pr[2]] == rank_b[last[2]] + 1) then close_run() end
    run[#run + 1] = pr
  end
  close_run()
  -- Typed differences.
  local pa, pb = similarity.prepare(a, 1), similarity.prepare(b, 2)
  local idf = similarity.idf({ pa, pb })
  local sent_pairs = similarity.align_sentences(pa, pb, idf)
  local diffs = differences.find(pa, pb, raw, sent_pairs)
  for _, c in ipairs(truth.changes) do
    local f = found[c.kind]
    if f then
      local ia, ib = at_a[c.a], at_b[c.b]
      f[2] = f[2] + 1
      for _, d in ipairs(diffs) do
        if ACCEPT[c.kind][d.type] and d.a_span and d.b_span and ia and ib
          and d.a_span.first_token <= ia and ia <= d.a_span.last_token
          and d.b_span.first_token <= ib and ib <= d.b_span.last_token then
          f[1] = f[1] + 1
          break
        end
      end
    end
  end
end

local function ratio(x, y) return y > 0 and x / y or 0 end
print(string.format("%s: %d pairs, %.1f s", dir, #truths, os.clock() - t0))
print(string.format("term pairs:   precision %.3f  recall %.3f  (%d predicted, %d true, %d both)",
  ratio(tot.true_pred, tot.pred), ratio(tot.true_pred, tot.truth), tot.pred, tot.truth, tot.true_pred))
print(string.format("per passage:  precision %.3f (%d predicted)  recall %.3f (%d true passages of 8+ words)",
  ratio(prec_sum, prec_n), prec_n, ratio(rec_sum, rec_n), rec_n))
for _, kind in ipairs({ "number", "name", "spelling" }) do
  local f = found[kind]
  print(string.format("changed %-8s found %d of %d (%.3f)", kind .. "s", f[1], f[2], ratio(f[1], f[2])))
end
