/* shingle.c — hashed word n-grams, distinct shingle sets, their exact
 * overlap (Jaccard, containment) and document-frequency tables. */
#include "error.h"
#include "lede_reuse.h"

#include <stdlib.h>
#include <string.h>

uint64_t lede_ngram_hash(const uint64_t *terms, unsigned n)
{
    /* Serialize little-endian so the hash does not depend on the machine. */
    unsigned char buf[8 * LEDE_NGRAM_MAX];
    if (n > LEDE_NGRAM_MAX) n = LEDE_NGRAM_MAX;
    for (unsigned i = 0; i < n; i++)
        for (unsigned byte = 0; byte < 8; byte++)
            buf[i * 8 + byte] = (unsigned char)(terms[i] >> (8 * byte));
    return lede_hash(buf, (size_t)n * 8);
}

int lede_shingles_make(const lede_terms *terms, unsigned n, lede_shingles *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 1 || n > LEDE_NGRAM_MAX)
        return lede_fail(err, LEDE_ERR_ARG, "lede_shingles_make: n must be 1..%d, not %u", LEDE_NGRAM_MAX, n);
    if (terms->n > UINT32_MAX)
        return lede_fail(err, LEDE_ERR_LIMIT, "lede_shingles_make: %zu terms exceed 2^32", terms->n);
    out->ngram = n;
    if (terms->n < n) return LEDE_OK;
    size_t count = terms->n - n + 1;
    out->v = malloc(count * sizeof *out->v);
    if (!out->v) return lede_fail(err, LEDE_ERR_NOMEM, "lede_shingles_make: out of memory");
    for (size_t i = 0; i < count; i++) {
        out->v[i].hash = lede_ngram_hash(terms->hash + i, n);
        out->v[i].first = (uint32_t)i;
        out->v[i].pos = terms->pos ? terms->pos[i] : (uint32_t)i;
    }
    out->n = count;
    return LEDE_OK;
}

void lede_shingles_free(lede_shingles *s)
{
    if (!s) return;
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Sort v[0..n) and drop repeats; returns the new count. */
static size_t sort_unique(uint64_t *v, size_t n)
{
    if (n < 2) return n;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1]) v[k++] = v[i];
    return k;
}

int lede_shingle_set_make(const lede_terms *terms, unsigned n, lede_shingle_set *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 1 || n > LEDE_NGRAM_MAX)
        return lede_fail(err, LEDE_ERR_ARG, "lede_shingle_set_make: n must be 1..%d, not %u", LEDE_NGRAM_MAX, n);
    if (terms->n < n) return LEDE_OK;
    size_t count = terms->n - n + 1;
    out->v = malloc(count * sizeof *out->v);
    if (!out->v) return lede_fail(err, LEDE_ERR_NOMEM, "lede_shingle_set_make: out of memory");
    for (size_t i = 0; i < count; i++) out->v[i] = lede_ngram_hash(terms->hash + i, n);
    out->n = sort_unique(out->v, count);
    return LEDE_OK;
}

int lede_shingle_set_from(const lede_shingles *s, lede_shingle_set *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (s->n == 0) return LEDE_OK;
    out->v = malloc(s->n * sizeof *out->v);
    if (!out->v) return lede_fail(err, LEDE_ERR_NOMEM, "lede_shingle_set_from: out of memory");
    for (size_t i = 0; i < s->n; i++) out->v[i] = s->v[i].hash;
    out->n = sort_unique(out->v, s->n);
    return LEDE_OK;
}

void lede_shingle_set_free(lede_shingle_set *set)
{
    if (!set) return;
    free(set->v);
    memset(set, 0, sizeof *set);
}

void lede_shingle_set_overlap(const lede_shingle_set *a, const lede_shingle_set *b, lede_overlap *out)
{
    /* One merge of the two sorted sets counts |A ∩ B|. */
    size_t i = 0, j = 0, shared = 0;
    while (i < a->n && j < b->n) {
        if (a->v[i] < b->v[j]) i++;
        else if (a->v[i] > b->v[j]) j++;
        else shared++, i++, j++;
    }
    out->na = a->n;
    out->nb = b->n;
    out->shared = shared;
    /* Jaccard |A ∩ B| / |A ∪ B| with |A ∪ B| = |A| + |B| - |A ∩ B|. */
    size_t uni = a->n + b->n - shared;
    out->jaccard = uni ? (double)shared / (double)uni : 0.0;
    /* Containment of A in B: the share of A's shingles also in B, |A ∩ B| / |A|. */
    out->a_in_b = a->n ? (double)shared / (double)a->n : 0.0;
    out->b_in_a = b->n ? (double)shared / (double)b->n : 0.0;
}

/* ------------------------------------------------ document frequencies */

int lede_df_table_build(const lede_shingle_set *sets, size_t nsets, lede_df_table *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    size_t total = 0;
    for (size_t i = 0; i < nsets; i++) total += sets[i].n;
    out->ndocs = nsets;
    if (total == 0) return LEDE_OK;
    /* Concatenate the sets (each distinct), sort, and count runs: a hash's
     * run length is the number of sets containing it. */
    uint64_t *all = malloc(total * sizeof *all);
    if (!all) return lede_fail(err, LEDE_ERR_NOMEM, "lede_df_table_build: out of memory");
    size_t k = 0;
    for (size_t i = 0; i < nsets; i++) {
        if (sets[i].n) memcpy(all + k, sets[i].v, sets[i].n * sizeof *all); /* an empty set's v is NULL */
        k += sets[i].n;
    }
    qsort(all, total, sizeof *all, cmp_u64);
    size_t distinct = 1;
    for (size_t i = 1; i < total; i++) distinct += all[i] != all[i - 1];
    out->hash = malloc(distinct * sizeof *out->hash);
    out->df = malloc(distinct * sizeof *out->df);
    if (!out->hash || !out->df) {
        free(all);
        lede_df_table_free(out);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_df_table_build: out of memory");
    }
    size_t d = 0;
    for (size_t i = 0; i < total;) {
        size_t j = i + 1;
        while (j < total && all[j] == all[i]) j++;
        out->hash[d] = all[i];
        out->df[d] = (uint32_t)(j - i);
        d++;
        i = j;
    }
    out->n = d;
    out->ndocs = nsets;
    free(all);
    return LEDE_OK;
}

uint32_t lede_df_table_lookup(void *ud, uint64_t hash)
{
    const lede_df_table *t = ud;
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->hash[mid] < hash) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->n && t->hash[lo] == hash ? t->df[lo] : 0;
}

void lede_df_table_free(lede_df_table *t)
{
    if (!t) return;
    free(t->hash);
    free(t->df);
    memset(t, 0, sizeof *t);
}
