-- explore/stats.lua — the association and keyness measures, each with its
-- formula beside the code. Natural logs unless the name says log2.
--
-- References: Church & Hanks 1990 (PMI); Church et al. 1991 (t-score);
-- Dunning 1993 (log-likelihood G²); Rychlý 2008 (logDice); Hardie 2014
-- (Log Ratio); Monroe, Colaresi & Quinn 2008, "Fightin' Words" (log-odds
-- ratio with an informative Dirichlet prior); Evert 2005 (the contingency
-- table notation O11 … O22).
local M = {}

local log, sqrt = math.log, math.sqrt

local function log2(x) return log(x) / log(2) end

-- x · ln(x / e), with 0 · ln 0 = 0: one cell of G².
local function xlogx(o, e)
  if o <= 0 then return 0 end
  return o * log(o / e)
end

-- G² for a 2×2 table of observed counts
--             collocate   other
--   window      O11        O12
--   elsewhere   O21        O22
-- G² = 2 Σ O_ij · ln(O_ij / E_ij), with E_ij = R_i · C_j / N (row total
-- times column total over the grand total).
function M.g2_table(o11, o12, o21, o22)
  local n = o11 + o12 + o21 + o22
  if n <= 0 then return 0 end
  local r1, r2, c1, c2 = o11 + o12, o21 + o22, o11 + o21, o12 + o22
  local function e(r, c) return r * c / n end
  return 2 * (xlogx(o11, e(r1, c1)) + xlogx(o12, e(r1, c2)) + xlogx(o21, e(r2, c1)) + xlogx(o22, e(r2, c2)))
end

-- Association of a collocate with a node word, from
--   o11    the collocate's occurrences in the node's windows
--   f_c    the collocate's occurrences in the corpus
--   f_n    the node's occurrences (its matches)
--   w      the window positions counted around all the node's matches
--   n      the words in the corpus
-- E11 = w · f_c / n is what o11 would be if the collocate fell in the
-- windows no more often than anywhere else.
function M.collocation(o11, f_c, f_n, w, n)
  local e11 = w * f_c / n
  local r = { o11 = o11, f_c = f_c, f_n = f_n, e11 = e11 }
  -- PMI = log2(O11 / E11): how many times (in powers of 2) more often than chance.
  r.pmi = log2(o11 / e11)
  -- t-score = (O11 − E11) / √O11: the evidence for the association, which
  -- favours frequent pairs.
  r.t = (o11 - e11) / sqrt(o11)
  -- logDice = 14 + log2(2 · O11 / (f_n + f_c)): at most 14, independent of
  -- the corpus size.
  r.logdice = 14 + log2(2 * o11 / (f_n + f_c))
  -- G² on the table: window (O11, w − O11) against the rest of the corpus
  -- (f_c − O11, n − w − (f_c − O11)). Windows around close matches overlap,
  -- so f_c − O11 can fall below 0: it is clamped.
  local o21 = math.max(f_c - o11, 0)
  r.g2 = M.g2_table(o11, math.max(w - o11, 0), o21, math.max(n - w - o21, 0))
  return r
end

-- Keyness of a word in a target against a reference, from
--   a, b   its occurrences in the target and the reference
--   c, d   the words in the target and the reference
-- G² = 2 · (a · ln(a / E1) + b · ln(b / E2)), E1 = c · (a + b) / (c + d),
-- E2 = d · (a + b) / (c + d) (Rayson & Garside 2000), signed + when the
-- target uses the word more (a / c > b / d), − when less.
-- Log Ratio = log2((a / c) / (b / d)), a zero count taken as 0.5 (Hardie
-- 2014): +1 is twice as frequent in the target, −1 half as frequent.
function M.keyness(a, b, c, d)
  local e1 = c * (a + b) / (c + d)
  local e2 = d * (a + b) / (c + d)
  local g2 = 2 * (xlogx(a, e1) + xlogx(b, e2))
  local more = a / c > b / d
  local r = { a = a, b = b, g2 = more and g2 or -g2 }
  r.log_ratio = log2(((a > 0 and a or 0.5) / c) / ((b > 0 and b or 0.5) / d))
  return r
end

-- The log-odds ratio with an informative Dirichlet prior (Monroe et al.
-- 2008, eq. 16–22), for a word counted y_t times in the target (n_t words)
-- and y_r times in the reference (n_r words), with prior pseudo-count
-- alpha_w (out of alpha_0 for all words):
--   δ  = ln((y_t + α_w) / (n_t + α_0 − y_t − α_w)) − ln((y_r + α_w) / (n_r + α_0 − y_r − α_w))
--   σ² ≈ 1 / (y_t + α_w) + 1 / (y_r + α_w)
--   z  = δ / σ
-- The prior shrinks the log-odds of rare words towards zero, so a word
-- seen once does not top the list, and z says how sure the difference is.
function M.log_odds(y_t, n_t, y_r, n_r, alpha_w, alpha_0)
  local delta = log((y_t + alpha_w) / (n_t + alpha_0 - y_t - alpha_w))
    - log((y_r + alpha_w) / (n_r + alpha_0 - y_r - alpha_w))
  local var = 1 / (y_t + alpha_w) + 1 / (y_r + alpha_w)
  return { delta = delta, var = var, z = delta / sqrt(var) }
end

return M
