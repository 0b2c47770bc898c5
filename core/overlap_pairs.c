/* overlap_pairs.c — every pair of shingle sets in which one set is
 * contained in the other at least to a given share, found exactly without
 * comparing all pairs. It is the search for "who copied whom" when a short
 * article is copied whole into a long one: its Jaccard stays low, so LSH on
 * Jaccard would miss it, while its containment is high. */
#include "error.h"
#include "lede_reuse.h"

#include <stdlib.h>
#include <string.h>

typedef struct hash_doc {
    uint64_t hash;
    uint32_t doc;
} hash_doc;

static int cmp_hash_doc(const void *x, const void *y)
{
    const hash_doc *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return (a->doc > b->doc) - (a->doc < b->doc);
}

/* A shingle of the collection, by its index in hash order. */
typedef struct shingle_df {
    uint64_t hash;
    uint32_t df;     /* sets holding it */
    uint32_t hindex; /* its index in hash order */
} shingle_df;

/* Rarest first; ties by hash, so the order is the same on every run. */
static int cmp_rarity(const void *x, const void *y)
{
    const shingle_df *a = x, *b = y;
    if (a->df != b->df) return a->df < b->df ? -1 : 1;
    return (a->hash > b->hash) - (a->hash < b->hash);
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static int cmp_overlap_pair(const void *x, const void *y)
{
    const lede_overlap_pair *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* |A ∩ B| of two rank-sorted sets. */
static size_t shared_count(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t i = 0, j = 0, shared = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else shared++, i++, j++;
    }
    return shared;
}

/* The fewest shared shingles s with s / na >= t, computed as the
 * containment itself is (a double division), so the prefix below is never
 * one too short. */
static size_t least_shared(size_t na, double t)
{
    size_t s = (size_t)(t * (double)na);
    while (s > 0 && (double)(s - 1) / (double)na >= t) s--;
    while ((double)s / (double)na < t) s++;
    return s;
}

int lede_shingle_set_pairs(const lede_shingle_set *sets, size_t n, double min_containment, lede_overlap_pairs *out,
                           lede_error *err)
{
    memset(out, 0, sizeof *out);
    double t = min_containment;
    if (!(t > 0.0 && t <= 1.0))
        return lede_fail(err, LEDE_ERR_ARG, "lede_shingle_set_pairs: min_containment must be in (0, 1], not %g", t);
    if (n > UINT32_MAX) return lede_fail(err, LEDE_ERR_LIMIT, "lede_shingle_set_pairs: more than 2^32-1 sets");
    size_t nnz = 0;
    for (size_t d = 0; d < n; d++) nnz += sets[d].n;
    hash_doc *all = NULL;
    shingle_df *vocab = NULL;
    uint32_t *rank = NULL, *ranks = NULL, *stamp = NULL, *cands = NULL;
    size_t *start = NULL, *fill = NULL, *post_start = NULL, *hindex_of_rank = NULL;
    lede_overlap_pair *v = NULL;
    size_t nv = 0, cap = 0, count = 0;
    int rc = LEDE_ERR_NOMEM;

    /* 1. Every (shingle, set) in hash order: a shingle's sets are then one
     * run, its posting list. */
    all = malloc((nnz ? nnz : 1) * sizeof *all);
    if (!all) goto done;
    size_t k = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < sets[d].n; i++) all[k].hash = sets[d].v[i], all[k].doc = (uint32_t)d, k++;
    qsort(all, nnz, sizeof *all, cmp_hash_doc);
    vocab = malloc((nnz ? nnz : 1) * sizeof *vocab);
    post_start = malloc((nnz + 1) * sizeof *post_start);
    if (!vocab || !post_start) goto done;
    for (size_t i = 0; i < nnz; i++) {
        if (nv > 0 && vocab[nv - 1].hash == all[i].hash) {
            vocab[nv - 1].df++;
        } else {
            vocab[nv].hash = all[i].hash, vocab[nv].df = 1, vocab[nv].hindex = (uint32_t)nv;
            post_start[nv] = i;
            nv++;
        }
    }
    post_start[nv] = nnz;

    /* 2. Ranks, rarest shingle first, and every set as its sorted ranks. */
    qsort(vocab, nv, sizeof *vocab, cmp_rarity);
    rank = malloc((nv ? nv : 1) * sizeof *rank);
    hindex_of_rank = malloc((nv ? nv : 1) * sizeof *hindex_of_rank);
    ranks = malloc((nnz ? nnz : 1) * sizeof *ranks);
    start = malloc((n + 1) * sizeof *start);
    fill = malloc((n ? n : 1) * sizeof *fill);
    if (!rank || !hindex_of_rank || !ranks || !start || !fill) goto done;
    for (size_t r = 0; r < nv; r++) rank[vocab[r].hindex] = (uint32_t)r, hindex_of_rank[r] = vocab[r].hindex;
    start[0] = 0;
    for (size_t d = 0; d < n; d++) start[d + 1] = start[d] + sets[d].n;
    memcpy(fill, start, n * sizeof *fill);
    for (size_t h = 0; h < nv; h++)
        for (size_t i = post_start[h]; i < post_start[h + 1]; i++) ranks[fill[all[i].doc]++] = rank[h];
    for (size_t d = 0; d < n; d++) qsort(ranks + start[d], sets[d].n, sizeof *ranks, cmp_u32);

    /* 3. If x is contained in y at least to t, y holds at least s = ⌈t·|x|⌉
     * of x's shingles, so it holds one of any |x| - s + 1 of them: of x's
     * rarest ones, whose posting lists are short. Each set y met there is
     * verified with one merge; the pair is reported once, from the side of
     * the set contained (from the lower number if each is contained in the
     * other). */
    stamp = malloc((n ? n : 1) * sizeof *stamp);
    cands = malloc((n ? n : 1) * sizeof *cands);
    if (!stamp || !cands) goto done;
    for (size_t d = 0; d < n; d++) stamp[d] = UINT32_MAX;
    for (size_t x = 0; x < n; x++) {
        size_t nx = sets[x].n;
        if (nx == 0) continue;
        size_t prefix = nx - least_shared(nx, t) + 1, nc = 0;
        for (size_t i = 0; i < prefix; i++) {
            size_t h = hindex_of_rank[ranks[start[x] + i]];
            for (size_t q = post_start[h]; q < post_start[h + 1]; q++) {
                uint32_t y = all[q].doc;
                if (y != x && stamp[y] != (uint32_t)x) stamp[y] = (uint32_t)x, cands[nc++] = y;
            }
        }
        for (size_t c = 0; c < nc; c++) {
            uint32_t y = cands[c];
            size_t ny = sets[y].n;
            size_t shared = shared_count(ranks + start[x], nx, ranks + start[y], ny);
            double x_in_y = (double)shared / (double)nx, y_in_x = (double)shared / (double)ny;
            if (x_in_y < t || (y_in_x >= t && y < x)) continue;
            if (count == cap) {
                cap = cap ? cap * 2 : 1024;
                lede_overlap_pair *grown = realloc(v, cap * sizeof *v);
                if (!grown) goto done;
                v = grown;
            }
            uint32_t a = x < y ? (uint32_t)x : y, b = x < y ? y : (uint32_t)x;
            v[count].a = a;
            v[count].b = b;
            lede_shingle_set_overlap(&sets[a], &sets[b], &v[count].overlap);
            count++;
        }
    }
    if (count) qsort(v, count, sizeof *v, cmp_overlap_pair);
    out->v = v;
    out->n = count;
    v = NULL;
    rc = LEDE_OK;
done:
    free(all);
    free(vocab);
    free(rank);
    free(hindex_of_rank);
    free(ranks);
    free(start);
    free(fill);
    free(post_start);
    free(stamp);
    free(cands);
    free(v);
    if (rc) return lede_fail(err, rc, "lede_shingle_set_pairs: out of memory");
    return LEDE_OK;
}

void lede_overlap_pairs_free(lede_overlap_pairs *p)
{
    if (!p) return;
    free(p->v);
    memset(p, 0, sizeof *p);
}
