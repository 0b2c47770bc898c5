/* minhash.c — MinHash signatures of shingle sets and LSH banding, which turn
 * a large collection into candidate pairs without comparing all pairs. */
#include "error.h"
#include "lede_reuse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void lede_minhash_params_default(lede_minhash_params *p)
{
    p->bands = LEDE_MINHASH_BANDS;
    p->rows = LEDE_MINHASH_ROWS;
    p->seed = LEDE_MINHASH_SEED;
}

/* The most hash functions a signature may have. */
#define MAX_K 4096

static int check_params(const lede_minhash_params *p, const char *fn, lede_error *err)
{
    if (!p || p->bands < 1 || p->rows < 1 || (unsigned long)p->bands * p->rows > MAX_K)
        return lede_fail(err, LEDE_ERR_ARG, "%s: bands and rows must be >= 1 with bands*rows <= %d", fn,
                         MAX_K);
    return LEDE_OK;
}

/* splitmix64: a well-mixed, reproducible stream of 64-bit values from a seed
 * (Steele, Lea, Flood 2014). Used only to draw the hash functions. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Draw the k functions h_i(x) = (a_i * x + b_i) mod 2^64, keeping the high 32
 * bits, with a_i odd. The inputs are XXH3 shingle hashes, already uniform,
 * so this multiply-add-shift family (Dietzfelbinger) is enough to rank them
 * independently per function; it costs one multiply per shingle and function. */
static void draw_functions(const lede_minhash_params *p, uint64_t *a, uint64_t *b)
{
    uint64_t state = p->seed;
    size_t k = (size_t)p->bands * p->rows;
    for (size_t i = 0; i < k; i++) {
        a[i] = splitmix64(&state) | 1;
        b[i] = splitmix64(&state);
    }
}

int lede_minhash(const lede_minhash_params *p, const uint64_t *set, size_t n, uint32_t *sig,
                 lede_error *err)
{
    int rc = check_params(p, "lede_minhash", err);
    if (rc) return rc;
    size_t k = (size_t)p->bands * p->rows;
    uint64_t a[MAX_K], b[MAX_K];
    draw_functions(p, a, b);
    for (size_t i = 0; i < k; i++) sig[i] = UINT32_MAX;
    /* Four shingles per pass over the functions: a quarter of the loads and
     * stores of sig, and four independent multiplications per step. */
    size_t s = 0;
    for (; s + 4 <= n; s += 4) {
        uint64_t x0 = set[s], x1 = set[s + 1], x2 = set[s + 2], x3 = set[s + 3];
        for (size_t i = 0; i < k; i++) {
            uint32_t v0 = (uint32_t)((a[i] * x0 + b[i]) >> 32), v1 = (uint32_t)((a[i] * x1 + b[i]) >> 32);
            uint32_t v2 = (uint32_t)((a[i] * x2 + b[i]) >> 32), v3 = (uint32_t)((a[i] * x3 + b[i]) >> 32);
            uint32_t v = v0 < v1 ? v0 : v1, w = v2 < v3 ? v2 : v3;
            if (w < v) v = w;
            if (v < sig[i]) sig[i] = v;
        }
    }
    for (; s < n; s++) {
        uint64_t x = set[s];
        for (size_t i = 0; i < k; i++) {
            uint32_t v = (uint32_t)((a[i] * x + b[i]) >> 32);
            if (v < sig[i]) sig[i] = v;
        }
    }
    return LEDE_OK;
}

double lede_minhash_estimate(const uint32_t *sig_a, const uint32_t *sig_b, size_t k)
{
    /* P[min h_i(A) = min h_i(B)] = |A ∩ B| / |A ∪ B| for a min-wise
     * independent h_i, so the share of equal positions estimates Jaccard
     * with standard error sqrt(J(1-J)/k). */
    if (k == 0) return 0.0;
    size_t equal = 0;
    for (size_t i = 0; i < k; i++) equal += sig_a[i] == sig_b[i];
    return (double)equal / (double)k;
}

double lede_lsh_probability(double s, unsigned bands, unsigned rows)
{
    /* A band of r rows matches with probability s^r; at least one of b
     * independent bands matches with probability 1 - (1 - s^r)^b. */
    return 1.0 - pow(1.0 - pow(s, (double)rows), (double)bands);
}

/* ------------------------------------------------------------------ LSH */

struct lede_lsh {
    lede_minhash_params p;
    uint64_t *keys; /* document-major: keys[doc * bands + band] */
    size_t n, cap;  /* documents */
    uint64_t empty_key; /* the band key of an empty set's signature */
};

/* The key of one band: XXH3 of its r values as little-endian bytes. */
static uint64_t band_key(const uint32_t *values, unsigned rows)
{
    unsigned char buf[4 * MAX_K];
    for (unsigned i = 0; i < rows; i++)
        for (unsigned byte = 0; byte < 4; byte++)
            buf[i * 4 + byte] = (unsigned char)(values[i] >> (8 * byte));
    return lede_hash(buf, (size_t)rows * 4);
}

int lede_lsh_new(const lede_minhash_params *p, lede_lsh **out, lede_error *err)
{
    *out = NULL;
    int rc = check_params(p, "lede_lsh_new", err);
    if (rc) return rc;
    lede_lsh *lsh = calloc(1, sizeof *lsh);
    if (!lsh) return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_new: out of memory");
    lsh->p = *p;
    uint32_t empty[MAX_K];
    for (unsigned i = 0; i < p->rows; i++) empty[i] = UINT32_MAX;
    lsh->empty_key = band_key(empty, p->rows);
    *out = lsh;
    return LEDE_OK;
}

void lede_lsh_free(lede_lsh *lsh)
{
    if (!lsh) return;
    free(lsh->keys);
    free(lsh);
}

size_t lede_lsh_count(const lede_lsh *lsh) { return lsh->n; }

int lede_lsh_reserve(lede_lsh *lsh, size_t ndocs, lede_error *err)
{
    if (ndocs <= lsh->cap) return LEDE_OK;
    if (ndocs > UINT32_MAX) return lede_fail(err, LEDE_ERR_LIMIT, "lede_lsh_reserve: more than 2^32-1 documents");
    uint64_t *keys = realloc(lsh->keys, ndocs * lsh->p.bands * sizeof *keys);
    if (!keys) return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_reserve: out of memory");
    lsh->keys = keys;
    lsh->cap = ndocs;
    return LEDE_OK;
}

int lede_lsh_add(lede_lsh *lsh, const uint32_t *sig, lede_error *err)
{
    size_t bands = lsh->p.bands;
    if (lsh->n == UINT32_MAX) return lede_fail(err, LEDE_ERR_LIMIT, "lede_lsh_add: more than 2^32-1 documents");
    if (lsh->n == lsh->cap) {
        size_t cap = lsh->cap ? lsh->cap * 2 : 1024;
        uint64_t *keys = realloc(lsh->keys, cap * bands * sizeof *keys);
        if (!keys) return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_add: out of memory");
        lsh->keys = keys;
        lsh->cap = cap;
    }
    uint64_t *row = lsh->keys + lsh->n * bands;
    for (size_t band = 0; band < bands; band++) row[band] = band_key(sig + band * lsh->p.rows, lsh->p.rows);
    lsh->n++;
    return LEDE_OK;
}

typedef struct keyed_doc {
    uint64_t key;
    uint32_t doc;
} keyed_doc;

static int cmp_keyed(const void *x, const void *y)
{
    const keyed_doc *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    return (a->doc > b->doc) - (a->doc < b->doc);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* A growable array of pairs packed as (a << 32 | b). */
typedef struct pair_buf {
    uint64_t *v;
    size_t n, cap;
} pair_buf;

static int pair_push(pair_buf *pb, uint64_t pair)
{
    if (pb->n == pb->cap) {
        size_t cap = pb->cap ? pb->cap * 2 : 1024;
        uint64_t *v = realloc(pb->v, cap * sizeof *v);
        if (!v) return 0;
        pb->v = v;
        pb->cap = cap;
    }
    pb->v[pb->n++] = pair;
    return 1;
}

int lede_lsh_candidates(lede_lsh *lsh, size_t max_bucket, lede_candidates *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = lsh->n, bands = lsh->p.bands;
    if (n < 2) return LEDE_OK;
    /* One band at a time: sort the documents by their key in that band and
     * pair the documents of each run of equal keys. Only n (key, doc) pairs
     * are held besides the keys themselves. */
    keyed_doc *kd = malloc(n * sizeof *kd);
    pair_buf pairs = {0};
    if (!kd) return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_candidates: out of memory");
    for (size_t band = 0; band < bands; band++) {
        size_t m = 0;
        for (size_t d = 0; d < n; d++) {
            uint64_t key = lsh->keys[d * bands + band];
            if (key == lsh->empty_key) continue; /* empty sets pair with nothing */
            kd[m].key = key;
            kd[m].doc = (uint32_t)d;
            m++;
        }
        qsort(kd, m, sizeof *kd, cmp_keyed);
        for (size_t i = 0; i < m;) {
            size_t j = i + 1;
            while (j < m && kd[j].key == kd[i].key) j++;
            if (j - i >= 2 && (max_bucket == 0 || j - i <= max_bucket)) {
                for (size_t x = i; x < j; x++)
                    for (size_t y = x + 1; y < j; y++)
                        if (!pair_push(&pairs, (uint64_t)kd[x].doc << 32 | kd[y].doc)) {
                            free(kd);
                            free(pairs.v);
                            return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_candidates: out of memory");
                        }
            }
            i = j;
        }
    }
    free(kd);
    if (pairs.n == 0) {
        free(pairs.v);
        return LEDE_OK;
    }
    /* A pair found in several bands appears once per band: sort, count runs. */
    qsort(pairs.v, pairs.n, sizeof *pairs.v, cmp_u64);
    size_t distinct = 1;
    for (size_t i = 1; i < pairs.n; i++) distinct += pairs.v[i] != pairs.v[i - 1];
    out->v = malloc(distinct * sizeof *out->v);
    if (!out->v) {
        free(pairs.v);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_lsh_candidates: out of memory");
    }
    size_t c = 0;
    for (size_t i = 0; i < pairs.n;) {
        size_t j = i + 1;
        while (j < pairs.n && pairs.v[j] == pairs.v[i]) j++;
        out->v[c].a = (uint32_t)(pairs.v[i] >> 32);
        out->v[c].b = (uint32_t)pairs.v[i];
        out->v[c].bands = (uint32_t)(j - i);
        c++;
        i = j;
    }
    out->n = c;
    free(pairs.v);
    return LEDE_OK;
}

void lede_candidates_free(lede_candidates *c)
{
    if (!c) return;
    free(c->v);
    memset(c, 0, sizeof *c);
}
