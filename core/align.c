/* align.c — passage alignment between two term sequences: rare shared
 * n-grams as anchors, grown into maximal exact matches, chained co-linearly
 * (several chains, so reordered paragraphs give several passages), split
 * where another passage sits in a gap, and turned into gap-tolerant
 * alignments with a token-level edit script. docs/reuse.md explains the
 * steps and the parameters. */
#include "error.h"
#include "lede_reuse.h"

#include <stdlib.h>
#include <string.h>

/* Scores of the gap-filling and edge-extension alignments: a match gains 4,
 * a substitution or an inserted/deleted term costs 2, and a substitution
 * between two terms of the same class (lede_terms.cls: number for number,
 * name for name) costs 1. With match = 2 * mismatch one equal term pays
 * for one differing term, so an extension goes through a single changed
 * word ("5" → "6") when the next word agrees again, while runs of unrelated
 * words score below zero. The class bonus only breaks ties: when a changed
 * number sits next to a deleted word, the number pairs with the number. */
enum { SCORE_MATCH = 4, SCORE_MISMATCH = -2, SCORE_MISMATCH_SAME_CLASS = -1, SCORE_GAP = -2 };

/* Chaining: each unaligned term of the larger side of a gap lowers a
 * chain's score by this much, so a chain prefers near predecessors. */
#define CHAIN_GAP_COST 0.1

/* The largest max_gap accepted: gaps are aligned with (max_gap+1)^2 cells. */
#define MAX_GAP_LIMIT 1000

const char *lede_edit_kind_name(int kind)
{
    switch (kind) {
    case LEDE_EDIT_EQUAL: return "equal";
    case LEDE_EDIT_SUBSTITUTE: return "substitute";
    case LEDE_EDIT_INSERT: return "insert";
    case LEDE_EDIT_DELETE: return "delete";
    default: return "unknown";
    }
}

void lede_align_options_default(lede_align_options *o)
{
    memset(o, 0, sizeof *o);
    o->anchor_n = LEDE_ALIGN_ANCHOR_N;
    o->max_gap = LEDE_ALIGN_MAX_GAP;
    o->min_passage = LEDE_ALIGN_MIN_PASSAGE;
    o->max_repeat = LEDE_ALIGN_MAX_REPEAT;
}

void lede_alignment_free(lede_alignment *al)
{
    if (!al) return;
    free(al->passages);
    free(al->edits);
    memset(al, 0, sizeof *al);
}

/* ------------------------------------------------------------- anchors */

typedef struct gram {
    uint64_t hash;
    uint32_t idx;
} gram;

typedef struct anchor {
    uint32_t i, j; /* n-gram at A[i..) equals the one at B[j..) */
} anchor;

/* An exact match A[a, a+len) == B[b, b+len). */
typedef struct seg {
    uint32_t a, b, len;
} seg;

static int cmp_gram(const void *x, const void *y)
{
    const gram *p = x, *q = y;
    if (p->hash != q->hash) return p->hash < q->hash ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/* Anchors on one diagonal (j - i) in order of i, diagonals in order. */
static int cmp_anchor_diag(const void *x, const void *y)
{
    const anchor *p = x, *q = y;
    int64_t dp = (int64_t)p->j - p->i, dq = (int64_t)q->j - q->i;
    if (dp != dq) return dp < dq ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

static int cmp_seg(const void *x, const void *y)
{
    const seg *p = x, *q = y;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* The n-grams of a sequence with their start indices, sorted by hash. */
static gram *make_grams(const lede_terms *t, unsigned n, size_t *count)
{
    *count = t->n >= n ? t->n - n + 1 : 0;
    gram *g = malloc((*count ? *count : 1) * sizeof *g);
    if (!g) return NULL;
    for (size_t i = 0; i < *count; i++) {
        g[i].hash = lede_ngram_hash(t->hash + i, n);
        g[i].idx = (uint32_t)i;
    }
    qsort(g, *count, sizeof *g, cmp_gram);
    return g;
}

/* Anchors: n-grams present in both sequences, at most max_repeat times in
 * each and (with a df function) in at most max_df documents. Rare shared
 * n-grams rarely match by chance, so they mark where reuse is. */
static int find_anchors(const lede_terms *A, const lede_terms *B, const lede_align_options *o,
                        anchor **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    size_t na, nb;
    gram *ga = make_grams(A, o->anchor_n, &na);
    gram *gb = make_grams(B, o->anchor_n, &nb);
    if (!ga || !gb) {
        free(ga);
        free(gb);
        return 0;
    }
    size_t cap = 64, n = 0;
    anchor *v = malloc(cap * sizeof *v);
    int ok = v != NULL;
    size_t i = 0, j = 0;
    while (ok && i < na && j < nb) {
        if (ga[i].hash < gb[j].hash) {
            i++;
            continue;
        }
        if (ga[i].hash > gb[j].hash) {
            j++;
            continue;
        }
        uint64_t h = ga[i].hash;
        size_t ie = i, je = j;
        while (ie < na && ga[ie].hash == h) ie++;
        while (je < nb && gb[je].hash == h) je++;
        int rare = ie - i <= o->max_repeat && je - j <= o->max_repeat;
        if (rare && o->df && o->max_df > 0) rare = o->df(o->df_ud, h) <= o->max_df;
        for (size_t x = i; rare && ok && x < ie; x++)
            for (size_t y = j; ok && y < je; y++) {
                if (n == cap) {
                    anchor *grown = realloc(v, (cap *= 2) * sizeof *v);
                    if (!grown) {
                        ok = 0;
                        break;
                    }
                    v = grown;
                }
                v[n].i = ga[x].idx;
                v[n].j = gb[y].idx;
                n++;
            }
        i = ie;
        j = je;
    }
    free(ga);
    free(gb);
    if (!ok) {
        free(v);
        return 0;
    }
    *out = v;
    *nout = n;
    return 1;
}

/* Grow each anchor along its diagonal while the terms agree, giving maximal
 * exact matches (one per run, however many anchors it holds). Returns the
 * segments sorted by a, then b. */
static seg *grow_segments(const lede_terms *A, const lede_terms *B, anchor *an, size_t nan, unsigned ngram,
                          size_t *nseg)
{
    *nseg = 0;
    seg *s = malloc((nan ? nan : 1) * sizeof *s);
    if (!s) return NULL;
    qsort(an, nan, sizeof *an, cmp_anchor_diag);
    size_t k = 0;
    for (size_t x = 0; x < nan; x++) {
        uint32_t i = an[x].i, j = an[x].j;
        if (k > 0) {
            const seg *last = &s[k - 1];
            if ((int64_t)last->b - last->a == (int64_t)j - i && i < last->a + last->len) continue;
        }
        uint32_t a0 = i, b0 = j, end = i + ngram;
        while (a0 > 0 && b0 > 0 && A->hash[a0 - 1] == B->hash[b0 - 1]) a0--, b0--;
        while (end < A->n && (size_t)j + (end - i) < B->n && A->hash[end] == B->hash[j + (end - i)]) end++;
        s[k].a = a0;
        s[k].b = b0;
        s[k].len = end - a0;
        k++;
    }
    qsort(s, k, sizeof *s, cmp_seg);
    *nseg = k;
    return s;
}

/* ------------------------------------------------------------ chaining */

typedef struct link {
    double score;  /* best chain ending with this segment */
    int64_t pred;  /* previous segment in that chain, or -1 */
    uint32_t trim; /* terms cut from this segment's start to follow pred */
    int used;
} link;

/* Co-linear chaining: a chain is a series of segments increasing in both
 * documents, consecutive ones at most max_gap terms apart in each; a
 * segment overlapping its predecessor is trimmed at its start. score(s) =
 * len(s) + max(0, max_p score(p) - CHAIN_GAP_COST * max(gap_a, gap_b)). */
static void chain_dp(const seg *s, size_t n, unsigned max_gap, link *L)
{
    uint32_t maxlen = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i].len > maxlen) maxlen = s[i].len;
    for (size_t x = 0; x < n; x++) {
        L[x].score = s[x].len;
        L[x].pred = -1;
        L[x].trim = 0;
        L[x].used = 0;
        for (size_t y = x; y-- > 0;) {
            const seg *p = &s[y], *q = &s[x];
            if ((uint64_t)p->a + maxlen + max_gap < q->a) break; /* sorted by a: none nearer */
            uint32_t pa_end = p->a + p->len, pb_end = p->b + p->len;
            if (p->a >= q->a || p->b >= q->b) continue;
            uint32_t ov = 0;
            if (pa_end > q->a) ov = pa_end - q->a;
            if (pb_end > q->b && pb_end - q->b > ov) ov = pb_end - q->b;
            if (ov >= q->len) continue;
            uint32_t gap_a = q->a + ov - pa_end, gap_b = q->b + ov - pb_end;
            if (gap_a > max_gap || gap_b > max_gap) continue;
            uint32_t gap = gap_a > gap_b ? gap_a : gap_b;
            double cand = L[y].score + (q->len - ov) - CHAIN_GAP_COST * gap;
            if (cand > L[x].score) {
                L[x].score = cand;
                L[x].pred = (int64_t)y;
                L[x].trim = ov;
            }
        }
    }
}

typedef struct chain {
    size_t first, n; /* its (trimmed) segments in the flat array */
    uint32_t matched; /* terms in its segments */
} chain;

typedef struct chain_set {
    seg *segs; /* trimmed segments, chain after chain, each in text order */
    size_t nsegs;
    chain *chains;
    size_t nchains;
} chain_set;

typedef struct ranked {
    double score;
    size_t idx;
} ranked;

/* Best score first; ties in segment order, so results are deterministic. */
static int cmp_ranked(const void *x, const void *y)
{
    const ranked *p = x, *q = y;
    if (p->score != q->score) return p->score > q->score ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/* Extract chains best first: from the highest-scoring unused segment, follow
 * predecessors until one already belongs to a chain (as minimap2 does), so
 * every segment ends in exactly one chain. */
static int extract_chains(const seg *s, size_t n, link *L, chain_set *cs)
{
    memset(cs, 0, sizeof *cs);
    ranked *order = malloc((n ? n : 1) * sizeof *order);
    size_t *path = malloc((n ? n : 1) * sizeof *path);
    cs->segs = malloc((n ? n : 1) * sizeof *cs->segs);
    cs->chains = malloc((n ? n : 1) * sizeof *cs->chains);
    if (!order || !path || !cs->segs || !cs->chains) {
        free(order);
        free(path);
        return 0;
    }
    for (size_t i = 0; i < n; i++) order[i].score = L[i].score, order[i].idx = i;
    qsort(order, n, sizeof *order, cmp_ranked);
    for (size_t o = 0; o < n; o++) {
        size_t x = order[o].idx;
        if (L[x].used) continue;
        size_t len = 0;
        int64_t cur = (int64_t)x;
        while (cur >= 0 && !L[cur].used) {
            path[len++] = (size_t)cur;
            L[cur].used = 1;
            cur = L[cur].pred;
        }
        chain *c = &cs->chains[cs->nchains++];
        c->first = cs->nsegs;
        c->n = len;
        c->matched = 0;
        for (size_t k = len; k-- > 0;) {
            size_t id = path[k];
            /* The chain's first segment keeps its start: its predecessor is
             * in another chain. */
            uint32_t trim = k == len - 1 ? 0 : L[id].trim;
            seg t = {s[id].a + trim, s[id].b + trim, s[id].len - trim};
            cs->segs[cs->nsegs++] = t;
            c->matched += t.len;
        }
    }
    free(order);
    free(path);
    return 1;
}

/* Does [lo, hi) intersect [s, s+len)? */
static int overlaps(uint32_t lo, uint32_t hi, uint32_t s, uint32_t len) { return s < hi && lo < s + len; }

/* Split chains at gaps holding a segment of another significant chain: the
 * material between two anchors was reused elsewhere, so the two sides are
 * separate passages (paragraphs that changed places), not one passage with
 * an insertion. Pieces are written to *out (same segment array). */
static int split_chains(const chain_set *cs, unsigned min_passage, chain **out, size_t *nout)
{
    size_t cap = cs->nsegs ? cs->nsegs : 1, n = 0;
    chain *pieces = malloc(cap * sizeof *pieces);
    if (!pieces) return 0;
    for (size_t c = 0; c < cs->nchains; c++) {
        const chain *ch = &cs->chains[c];
        size_t start = ch->first;
        for (size_t k = ch->first + 1; k <= ch->first + ch->n; k++) {
            int cut = k == ch->first + ch->n;
            if (!cut) {
                const seg *p = &cs->segs[k - 1], *q = &cs->segs[k];
                uint32_t a_lo = p->a + p->len, a_hi = q->a, b_lo = p->b + p->len, b_hi = q->b;
                for (size_t d = 0; !cut && d < cs->nchains; d++) {
                    const chain *other = &cs->chains[d];
                    if (d == c || other->matched < min_passage) continue;
                    for (size_t m = other->first; m < other->first + other->n; m++) {
                        const seg *t = &cs->segs[m];
                        if (overlaps(a_lo, a_hi, t->a, t->len) || overlaps(b_lo, b_hi, t->b, t->len)) {
                            cut = 1;
                            break;
                        }
                    }
                }
            }
            if (cut) {
                pieces[n].first = start;
                pieces[n].n = k - start;
                pieces[n].matched = 0;
                for (size_t m = start; m < k; m++) pieces[n].matched += cs->segs[m].len;
                n++;
                start = k;
            }
        }
    }
    *out = pieces;
    *nout = n;
    return 1;
}

/* ------------------------------------------------------ edit scripts */

/* Edit operations term by term: 'E' equal, 'S' substitute, 'D' a term of A
 * only, 'I' a term of B only. */
typedef struct opbuf {
    char *v;
    size_t n, cap;
    int failed;
} opbuf;

static void op_push(opbuf *o, char c)
{
    if (o->failed) return;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 256;
        char *v = realloc(o->v, cap);
        if (!v) {
            o->failed = 1;
            return;
        }
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = c;
}

/* Term k of a direction-aware view: forward from `at`, or backward from it. */
typedef struct view {
    const uint64_t *h;
    const uint8_t *cls; /* or NULL */
    int64_t at;
    int dir; /* +1: h[at + k]; -1: h[at - 1 - k] */
} view;

static int64_t view_index(view v, size_t k) { return v.dir > 0 ? v.at + (int64_t)k : v.at - 1 - (int64_t)k; }
static uint64_t view_get(view v, size_t k) { return v.h[view_index(v, k)]; }

/* The score of aligning X[i] with Y[j]. */
static int pair_score(view X, size_t i, view Y, size_t j)
{
    if (view_get(X, i) == view_get(Y, j)) return SCORE_MATCH;
    if (X.cls && Y.cls) {
        uint8_t cx = X.cls[view_index(X, i)];
        if (cx != 0 && cx == Y.cls[view_index(Y, j)]) return SCORE_MISMATCH_SAME_CLASS;
    }
    return SCORE_MISMATCH;
}

/* Align X[0..nx) with Y[0..ny) by the scores above, anchored at (0, 0). As a
 * global alignment (to_end) it ends at (nx, ny); as an extension it ends
 * where the score is highest (the first such cell in row-major order),
 * and *ex, *ey receive the lengths used (0, 0 if no extension scores above
 * zero). Operations are appended in order from (0, 0) outward. */
static int align_block(view X, size_t nx, view Y, size_t ny, int to_end, opbuf *ops, size_t *ex, size_t *ey)
{
    size_t w = ny + 1;
    int *H = malloc((nx + 1) * w * sizeof *H);
    if (!H) return 0;
    H[0] = 0;
    for (size_t j = 1; j <= ny; j++) H[j] = H[j - 1] + SCORE_GAP;
    for (size_t i = 1; i <= nx; i++) {
        H[i * w] = H[(i - 1) * w] + SCORE_GAP;
        for (size_t j = 1; j <= ny; j++) {
            int diag = H[(i - 1) * w + j - 1] + pair_score(X, i - 1, Y, j - 1);
            int up = H[(i - 1) * w + j] + SCORE_GAP, left = H[i * w + j - 1] + SCORE_GAP;
            int best = diag;
            if (up > best) best = up;
            if (left > best) best = left;
            H[i * w + j] = best;
        }
    }
    size_t bi = nx, bj = ny;
    if (!to_end) {
        bi = bj = 0;
        for (size_t i = 0; i <= nx; i++)
            for (size_t j = 0; j <= ny; j++)
                if (H[i * w + j] > H[bi * w + bj]) bi = i, bj = j;
    }
    *ex = bi;
    *ey = bj;
    /* Trace back from (bi, bj), preferring a diagonal step, then a term of
     * A only, then a term of B only; the steps come out last first. */
    size_t start = ops->n;
    size_t i = bi, j = bj;
    while (i > 0 || j > 0) {
        int h = H[i * w + j];
        if (i > 0 && j > 0) {
            int same = view_get(X, i - 1) == view_get(Y, j - 1);
            if (h == H[(i - 1) * w + j - 1] + pair_score(X, i - 1, Y, j - 1)) {
                op_push(ops, same ? 'E' : 'S');
                i--, j--;
                continue;
            }
        }
        if (i > 0 && h == H[(i - 1) * w + j] + SCORE_GAP) {
            op_push(ops, 'D');
            i--;
        } else {
            op_push(ops, 'I');
            j--;
        }
    }
    free(H);
    if (ops->failed) return 0;
    /* Reverse into order from (0, 0) outward. */
    for (size_t lo = start, hi = ops->n; lo + 1 < hi; lo++, hi--) {
        char t = ops->v[lo];
        ops->v[lo] = ops->v[hi - 1];
        ops->v[hi - 1] = t;
    }
    return 1;
}

/* A gap of at least this many terms on both sides that aligns almost
 * nothing (at most a tenth of the longer side equal) is a replaced stretch,
 * e.g. a sentence dropped and another written in its place: it is reported
 * as a delete and an insert, not as a row of substitutions pairing
 * unrelated words. A short side (a changed number next to an inserted
 * sentence) keeps its pairing. */
#define REPLACED_MIN 8

/* Align the gap between two anchored stretches, X[0..nx) against Y[0..ny),
 * appending its operations. */
static int align_gap(view X, size_t nx, view Y, size_t ny, opbuf *ops)
{
    size_t start = ops->n, ex, ey;
    if (!align_block(X, nx, Y, ny, 1, ops, &ex, &ey)) return 0;
    size_t longer = nx > ny ? nx : ny, shorter = nx > ny ? ny : nx, equal = 0;
    for (size_t k = start; k < ops->n; k++) equal += ops->v[k] == 'E';
    if (shorter >= REPLACED_MIN && equal * 10 <= longer) {
        ops->n = start;
        for (size_t k = 0; k < nx; k++) op_push(ops, 'D');
        for (size_t k = 0; k < ny; k++) op_push(ops, 'I');
    }
    return !ops->failed;
}

/* A passage under construction: where its edit script starts and the
 * script itself. */
typedef struct draft {
    uint32_t a0, b0, a1, b1; /* spans [a0, a1) and [b0, b1) */
    char *ops;
    size_t nops;
    int built; /* its passage is made (spans final) */
} draft;

static int cmp_draft(const void *x, const void *y)
{
    const draft *p = x, *q = y;
    if (p->a0 != q->a0) return p->a0 < q->a0 ? -1 : 1;
    return (p->b0 > q->b0) - (p->b0 < q->b0);
}

/* Reach of an edge extension: up to max_gap terms, not into another passage. */
static uint32_t left_room(uint32_t at, uint32_t limit, unsigned max_gap)
{
    uint32_t room = at > limit ? at - limit : 0;
    return room < max_gap ? room : max_gap;
}

/* Build a piece's passage: its segments as equal runs, the gaps between
 * them aligned globally, and both ends extended while the extension scores
 * above zero. Pieces are built strongest first; a piece's ends inside a
 * passage already built are trimmed, and a piece still overlapping one (in
 * either document) is dropped, since that passage's alignment already
 * accounts for its terms; an extension stops at the nearest other passage. */
/* Is term a of A or term b of B inside a passage already built? */
static int taken(const draft *drafts, size_t n, uint32_t a, uint32_t b)
{
    for (size_t k = 0; k < n; k++)
        if (drafts[k].built && ((a >= drafts[k].a0 && a < drafts[k].a1) || (b >= drafts[k].b0 && b < drafts[k].b1)))
            return 1;
    return 0;
}

/* Trim a piece's ends where they lie inside passages already built: a
 * maximal exact match can run a few terms past a sentence that changed
 * places ("The company said" opens both neighbours), and those terms are
 * the other passage's. Returns 0 if nothing is left. */
static int trim_piece(seg *segs, chain *piece, const draft *drafts, size_t n)
{
    while (piece->n > 0) {
        seg *f = &segs[piece->first];
        if (!taken(drafts, n, f->a, f->b)) break;
        f->a++, f->b++, f->len--;
        piece->matched--;
        if (f->len == 0) piece->first++, piece->n--;
    }
    while (piece->n > 0) {
        seg *l = &segs[piece->first + piece->n - 1];
        if (!taken(drafts, n, l->a + l->len - 1, l->b + l->len - 1)) break;
        l->len--;
        piece->matched--;
        if (l->len == 0) piece->n--;
    }
    return piece->n > 0;
}

static int build_draft(const lede_terms *A, const lede_terms *B, seg *segs, chain *pieces, draft *drafts,
                       size_t npieces, size_t self, unsigned max_gap, unsigned min_passage)
{
    chain *piece = &pieces[self];
    draft *d = &drafts[self];
    if (!trim_piece(segs, piece, drafts, npieces)) return 1;
    const seg *first = &segs[piece->first], *last = &segs[piece->first + piece->n - 1];
    d->a0 = first->a, d->b0 = first->b;
    d->a1 = last->a + last->len, d->b1 = last->b + last->len;
    uint32_t a0 = d->a0, b0 = d->b0, a1 = d->a1, b1 = d->b1;
    /* What still overlaps a built passage lies in its middle: drop it. */
    for (size_t k = 0; k < npieces; k++) {
        const draft *o = &drafts[k];
        if (o->built && ((a0 < o->a1 && o->a0 < a1) || (b0 < o->b1 && o->b0 < b1))) return 1;
    }
    /* The nearest passage on each side, in each document: those built and
     * the cores of pieces with min_passage matched terms still to build
     * (an extension must not swallow the start of a moved paragraph). */
    uint32_t lim_al = 0, lim_bl = 0, lim_ar = (uint32_t)A->n, lim_br = (uint32_t)B->n;
    for (size_t k = 0; k < npieces; k++) {
        if (k == self || (!drafts[k].built && pieces[k].matched < min_passage)) continue;
        const draft *o = &drafts[k];
        if (o->a1 <= a0 && o->a1 > lim_al) lim_al = o->a1;
        if (o->b1 <= b0 && o->b1 > lim_bl) lim_bl = o->b1;
        if (o->a0 >= a1 && o->a0 < lim_ar) lim_ar = o->a0;
        if (o->b0 >= b1 && o->b0 < lim_br) lim_br = o->b0;
    }
    opbuf left = {0}, core = {0}, right = {0};
    size_t la, lb, ra, rb;
    view XL = {A->hash, A->cls, a0, -1}, YL = {B->hash, B->cls, b0, -1};
    int ok = align_block(XL, left_room(a0, lim_al, max_gap), YL, left_room(b0, lim_bl, max_gap), 0, &left, &la, &lb);
    for (size_t k = piece->first; ok && k < piece->first + piece->n; k++) {
        const seg *s = &segs[k];
        if (k > piece->first) {
            const seg *p = &segs[k - 1];
            view X = {A->hash, A->cls, p->a + p->len, 1}, Y = {B->hash, B->cls, p->b + p->len, 1};
            ok = align_gap(X, s->a - (p->a + p->len), Y, s->b - (p->b + p->len), &core);
        }
        for (uint32_t t = 0; ok && t < s->len; t++) op_push(&core, 'E');
    }
    uint32_t room_ar = lim_ar > a1 ? lim_ar - a1 : 0, room_br = lim_br > b1 ? lim_br - b1 : 0;
    view XR = {A->hash, A->cls, a1, 1}, YR = {B->hash, B->cls, b1, 1};
    if (ok)
        ok = align_block(XR, room_ar < max_gap ? room_ar : max_gap, YR, room_br < max_gap ? room_br : max_gap, 0,
                         &right, &ra, &rb);
    if (ok && !core.failed) {
        /* The left extension was built outward (right to left): reverse it. */
        for (size_t lo = 0, hi = left.n; lo + 1 < hi; lo++, hi--) {
            char t = left.v[lo];
            left.v[lo] = left.v[hi - 1];
            left.v[hi - 1] = t;
        }
        size_t total = left.n + core.n + right.n;
        d->ops = malloc(total ? total : 1);
        if (d->ops) {
            if (left.n) memcpy(d->ops, left.v, left.n);
            memcpy(d->ops + left.n, core.v, core.n);
            if (right.n) memcpy(d->ops + left.n + core.n, right.v, right.n);
            d->nops = total;
            d->a0 = a0 - (uint32_t)la;
            d->b0 = b0 - (uint32_t)lb;
            d->a1 = a1 + (uint32_t)ra;
            d->b1 = b1 + (uint32_t)rb;
            d->built = 1;
        } else {
            ok = 0;
        }
    } else {
        ok = 0;
    }
    free(left.v);
    free(core.v);
    free(right.v);
    return ok;
}

/* Merge passages that follow each other in both documents, at most max_gap
 * terms apart in each, with no passage between them in B (in A none can
 * be: they are sorted and disjoint): a chain broken by a few rewritten
 * words is one passage. The gap is aligned like any other. drafts[0..*n)
 * are built passages sorted by their start in A. */
static int merge_drafts(const lede_terms *A, const lede_terms *B, draft *drafts, size_t *n, unsigned max_gap)
{
    size_t out = 0;
    for (size_t k = 0; k < *n; k++) {
        draft *d = &drafts[k];
        draft *last = out ? &drafts[out - 1] : NULL;
        int merge = last && d->a0 >= last->a1 && d->b0 >= last->b1 && d->a0 - last->a1 <= max_gap &&
                    d->b0 - last->b1 <= max_gap;
        for (size_t x = 0; merge && x < *n; x++) {
            const draft *o = &drafts[x];
            if (o == d || o == last || !o->ops) continue;
            if (o->b0 < d->b0 && last->b1 < o->b1) merge = 0;
        }
        if (!merge) {
            if (out != k) {
                drafts[out] = *d;
                d->ops = NULL;
            }
            out++;
            continue;
        }
        opbuf gap = {0};
        view X = {A->hash, A->cls, last->a1, 1}, Y = {B->hash, B->cls, last->b1, 1};
        if (!align_gap(X, d->a0 - last->a1, Y, d->b0 - last->b1, &gap)) {
            free(gap.v);
            return 0;
        }
        char *ops = realloc(last->ops, last->nops + gap.n + d->nops);
        if (!ops) {
            free(gap.v);
            return 0;
        }
        if (gap.n) memcpy(ops + last->nops, gap.v, gap.n);
        memcpy(ops + last->nops + gap.n, d->ops, d->nops);
        free(gap.v);
        free(d->ops);
        d->ops = NULL;
        last->ops = ops;
        last->nops += gap.n + d->nops;
        last->a1 = d->a1;
        last->b1 = d->b1;
    }
    *n = out;
    return 1;
}

/* ----------------------------------------------------------- results */

static uint32_t term_pos(const lede_terms *t, size_t i) { return t->pos ? t->pos[i] : (uint32_t)i; }

/* A span of terms [start, end) with its token positions; an empty span is
 * the point after the term before it. */
static lede_span make_span(const lede_terms *t, uint32_t start, uint32_t end)
{
    lede_span s = {start, end, 0, 0, 0, 0};
    if (end > start) {
        s.tok_start = term_pos(t, start);
        s.tok_end = term_pos(t, end - 1) + 1;
    } else if (start > 0) {
        s.tok_start = s.tok_end = term_pos(t, start - 1) + 1;
    } else if (t->n > 0) {
        s.tok_start = s.tok_end = term_pos(t, 0);
    }
    return s;
}

/* Write the kept passages (drafts[0..keep), in text order) and their edit
 * runs (nedits in all) into *out. */
static int emit_passages(const lede_terms *a, const lede_terms *b, const draft *drafts, size_t keep, size_t nedits,
                         lede_alignment *out)
{
    out->passages = calloc(keep ? keep : 1, sizeof *out->passages);
    out->edits = calloc(nedits ? nedits : 1, sizeof *out->edits);
    if (!out->passages || !out->edits) return 0;
    for (size_t k = 0; k < keep; k++) {
        const draft *d = &drafts[k];
        lede_passage *p = &out->passages[k];
        p->a = make_span(a, d->a0, d->a1);
        p->b = make_span(b, d->b0, d->b1);
        p->first_edit = out->nedits;
        uint32_t i = d->a0, j = d->b0;
        for (size_t m = 0; m < d->nops;) {
            size_t e = m;
            while (e < d->nops && d->ops[e] == d->ops[m]) e++;
            uint32_t run = (uint32_t)(e - m), di = 0, dj = 0;
            lede_edit *ed = &out->edits[out->nedits++];
            switch (d->ops[m]) {
            case 'E': ed->kind = LEDE_EDIT_EQUAL, di = dj = run, p->nequal += run; break;
            case 'S': ed->kind = LEDE_EDIT_SUBSTITUTE, di = dj = run, p->nsubstitute += run; break;
            case 'D': ed->kind = LEDE_EDIT_DELETE, di = run, p->ndelete += run; break;
            default: ed->kind = LEDE_EDIT_INSERT, dj = run, p->ninsert += run; break;
            }
            ed->a = make_span(a, i, i + di);
            ed->b = make_span(b, j, j + dj);
            i += di;
            j += dj;
            m = e;
        }
        p->nedits = out->nedits - p->first_edit;
        /* Identity of the passage: 2 * equal / (terms in A + terms in B). */
        p->score = 2.0 * p->nequal / (double)((d->a1 - d->a0) + (d->b1 - d->b0));
    }
    out->npassages = keep;
    return 1;
}

static int check_options(const lede_align_options *o, lede_error *err)
{
    if (o->anchor_n < 1 || o->anchor_n > LEDE_NGRAM_MAX)
        return lede_fail(err, LEDE_ERR_ARG, "lede_align: anchor_n must be 1..%d, not %u", LEDE_NGRAM_MAX, o->anchor_n);
    if (o->max_gap > MAX_GAP_LIMIT)
        return lede_fail(err, LEDE_ERR_ARG, "lede_align: max_gap must be at most %d, not %u", MAX_GAP_LIMIT, o->max_gap);
    if (o->min_passage < 1) return lede_fail(err, LEDE_ERR_ARG, "lede_align: min_passage must be at least 1");
    if (o->max_repeat < 1) return lede_fail(err, LEDE_ERR_ARG, "lede_align: max_repeat must be at least 1");
    return LEDE_OK;
}

int lede_align(const lede_terms *a, const lede_terms *b, const lede_align_options *opts, lede_alignment *out,
               lede_error *err)
{
    memset(out, 0, sizeof *out);
    lede_align_options o;
    if (opts) o = *opts;
    else lede_align_options_default(&o);
    int rc = check_options(&o, err);
    if (rc) return rc;
    if (a->n >= UINT32_MAX || b->n >= UINT32_MAX)
        return lede_fail(err, LEDE_ERR_LIMIT, "lede_align: more than 2^32-2 terms");

    anchor *an = NULL;
    seg *segs = NULL;
    link *L = NULL;
    chain_set cs = {0};
    chain *pieces = NULL;
    draft *drafts = NULL;
    ranked *order = NULL;
    size_t nan = 0, nseg = 0, npieces = 0;
    rc = LEDE_ERR_NOMEM;
    if (!find_anchors(a, b, &o, &an, &nan)) goto done;
    segs = grow_segments(a, b, an, nan, o.anchor_n, &nseg);
    if (!segs) goto done;
    L = malloc((nseg ? nseg : 1) * sizeof *L);
    if (!L) goto done;
    chain_dp(segs, nseg, o.max_gap, L);
    if (!extract_chains(segs, nseg, L, &cs)) goto done;
    if (!split_chains(&cs, o.min_passage, &pieces, &npieces)) goto done;

    drafts = calloc(npieces ? npieces : 1, sizeof *drafts);
    if (!drafts) goto done;
    for (size_t k = 0; k < npieces; k++) {
        const seg *first = &cs.segs[pieces[k].first], *last = &cs.segs[pieces[k].first + pieces[k].n - 1];
        drafts[k].a0 = first->a;
        drafts[k].b0 = first->b;
        drafts[k].a1 = last->a + last->len;
        drafts[k].b1 = last->b + last->len;
    }
    /* Strongest pieces first (most matched terms, then text order). */
    order = malloc((npieces ? npieces : 1) * sizeof *order);
    if (!order) goto done;
    for (size_t k = 0; k < npieces; k++) order[k].score = pieces[k].matched, order[k].idx = k;
    qsort(order, npieces, sizeof *order, cmp_ranked);
    for (size_t k = 0; k < npieces; k++)
        if (!build_draft(a, b, cs.segs, pieces, drafts, npieces, order[k].idx, o.max_gap, o.min_passage)) goto done;

    /* The passages built, in text order; consecutive ones merged. */
    size_t nbuilt = 0;
    for (size_t k = 0; k < npieces; k++) {
        draft d = drafts[k];
        drafts[k].ops = NULL;
        if (d.built) drafts[nbuilt++] = d;
        else free(d.ops);
    }
    qsort(drafts, nbuilt, sizeof *drafts, cmp_draft);
    if (!merge_drafts(a, b, drafts, &nbuilt, o.max_gap)) goto done;

    /* Keep passages with at least min_passage equal terms. */
    size_t keep = 0, nedits = 0;
    for (size_t k = 0; k < nbuilt; k++) {
        size_t eq = 0, runs = 0;
        for (size_t m = 0; m < drafts[k].nops; m++) {
            eq += drafts[k].ops[m] == 'E';
            runs += m == 0 || drafts[k].ops[m] != drafts[k].ops[m - 1];
        }
        draft d = drafts[k];
        drafts[k].ops = NULL;
        if (eq >= o.min_passage) {
            drafts[keep++] = d;
            nedits += runs;
        } else {
            free(d.ops);
        }
    }
    if (!emit_passages(a, b, drafts, keep, nedits, out)) goto done;
    rc = LEDE_OK;
done:
    if (drafts)
        for (size_t k = 0; k < npieces; k++) free(drafts[k].ops);
    free(drafts);
    free(order);
    free(pieces);
    free(cs.segs);
    free(cs.chains);
    free(L);
    free(segs);
    free(an);
    if (rc) {
        lede_alignment_free(out);
        return lede_fail(err, rc, "lede_align: out of memory");
    }
    return LEDE_OK;
}
