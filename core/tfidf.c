/* tfidf.c — tf-idf vectors of documents and their cosine, computed as
 * scikit-learn's TfidfVectorizer (smooth idf, raw counts, l2 norm) and
 * cosine_similarity compute them, so figures can be checked against it. */
#include "error.h"
#include "lede_reuse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

int lede_tfidf_make(const lede_terms *terms, const lede_df_table *df, lede_tfidf *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (terms->n == 0) return LEDE_OK;
    uint64_t *sorted = malloc(terms->n * sizeof *sorted);
    if (!sorted) return lede_fail(err, LEDE_ERR_NOMEM, "lede_tfidf_make: out of memory");
    /* Terms are keyed as word 1-grams, so a df table of the collection's
     * 1-gram shingle sets applies. */
    for (size_t i = 0; i < terms->n; i++) sorted[i] = lede_ngram_hash(terms->hash + i, 1);
    qsort(sorted, terms->n, sizeof *sorted, cmp_u64);
    size_t distinct = 1;
    for (size_t i = 1; i < terms->n; i++) distinct += sorted[i] != sorted[i - 1];
    out->hash = malloc(distinct * sizeof *out->hash);
    out->weight = malloc(distinct * sizeof *out->weight);
    if (!out->hash || !out->weight) {
        free(sorted);
        lede_tfidf_free(out);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_tfidf_make: out of memory");
    }
    /* w(t) = tf(t) * idf(t), idf(t) = ln((1 + N) / (1 + df(t))) + 1: the
     * smoothed idf of scikit-learn (as if one more document held every
     * term, so no idf is infinite; the +1 keeps terms found in every
     * document). A term absent from the table counts as df 0. */
    double n_docs = df ? (double)df->ndocs : 0.0, norm = 0.0;
    size_t k = 0;
    for (size_t i = 0; i < terms->n;) {
        size_t j = i + 1;
        while (j < terms->n && sorted[j] == sorted[i]) j++;
        double dfv = df ? (double)lede_df_table_lookup((void *)df, sorted[i]) : 0.0;
        double w = (double)(j - i) * (log((1.0 + n_docs) / (1.0 + dfv)) + 1.0);
        out->hash[k] = sorted[i];
        out->weight[k] = w;
        norm += w * w;
        k++;
        i = j;
    }
    /* l2 normalization, so the cosine of two vectors is their dot product. */
    norm = sqrt(norm);
    for (size_t i = 0; i < k; i++) out->weight[i] /= norm;
    out->n = k;
    free(sorted);
    return LEDE_OK;
}

double lede_tfidf_cosine(const lede_tfidf *a, const lede_tfidf *b)
{
    /* cos(a, b) = a · b / (|a| |b|) = a · b for unit vectors: one merge
     * over the shared terms. */
    double dot = 0.0;
    size_t i = 0, j = 0;
    while (i < a->n && j < b->n) {
        if (a->hash[i] < b->hash[j]) i++;
        else if (a->hash[i] > b->hash[j]) j++;
        else dot += a->weight[i++] * b->weight[j++];
    }
    return dot;
}

void lede_tfidf_free(lede_tfidf *v)
{
    if (!v) return;
    free(v->hash);
    free(v->weight);
    memset(v, 0, sizeof *v);
}

/* ------------------------------------------------ all pairs above a cosine */

/* A word of the collection: its hash and the number of vectors holding it. */
typedef struct word_df {
    uint64_t hash;
    uint32_t df;
    uint32_t rank; /* position in the global order: rarest first */
} word_df;

static int cmp_word_rarity(const void *x, const void *y)
{
    const word_df *a = x, *b = y;
    if (a->df != b->df) return a->df < b->df ? -1 : 1;
    return (a->hash > b->hash) - (a->hash < b->hash);
}

static int cmp_word_hash(const void *x, const void *y)
{
    const word_df *a = x, *b = y;
    return (a->hash > b->hash) - (a->hash < b->hash);
}

/* One vector entry in the global order. */
typedef struct ranked_weight {
    uint32_t rank;
    double weight;
} ranked_weight;

static int cmp_ranked_weight(const void *x, const void *y)
{
    const ranked_weight *a = x, *b = y;
    return (a->rank > b->rank) - (a->rank < b->rank);
}

static uint32_t rank_of(const word_df *vocab, size_t nv, uint64_t hash)
{
    size_t lo = 0, hi = nv;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (vocab[mid].hash < hash) lo = mid + 1;
        else hi = mid;
    }
    return vocab[lo].rank; /* every hash of every vector is in the vocabulary */
}

typedef struct pair_out {
    lede_scored_pair *v;
    size_t n, cap;
} pair_out;

static int push_pair(pair_out *o, uint32_t a, uint32_t b, double score)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 1024;
        lede_scored_pair *v = realloc(o->v, cap * sizeof *v);
        if (!v) return 0;
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n].a = a;
    o->v[o->n].b = b;
    o->v[o->n].score = score;
    o->n++;
    return 1;
}

static int cmp_scored_pair(const void *x, const void *y)
{
    const lede_scored_pair *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* A posting: a vector holding a word in its prefix, with its weight. */
typedef struct posting {
    uint32_t doc;
    double weight;
} posting;

int lede_tfidf_pairs(const lede_tfidf *vecs, size_t n, double threshold, lede_scored_pairs *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (!(threshold > 0.0 && threshold <= 1.0))
        return lede_fail(err, LEDE_ERR_ARG, "lede_tfidf_pairs: threshold must be in (0, 1], not %g", threshold);
    if (n > UINT32_MAX) return lede_fail(err, LEDE_ERR_LIMIT, "lede_tfidf_pairs: more than 2^32-1 vectors");
    size_t nnz = 0;
    for (size_t d = 0; d < n; d++) nnz += vecs[d].n;
    word_df *vocab = NULL;
    ranked_weight *rw = NULL;
    size_t *start = NULL, *prefix = NULL, *post_start = NULL, *fill = NULL;
    double *maxw = NULL, *rest = NULL, *restnorm = NULL, *acc = NULL, *sufnorm = NULL;
    posting *postings = NULL;
    uint32_t *stamp = NULL, *cands = NULL;
    pair_out pairs = {0};
    int rc = LEDE_ERR_NOMEM;

    /* 1. The vocabulary with document frequencies, ranked rarest first, and
     * each word's largest weight in any vector. */
    vocab = malloc((nnz ? nnz : 1) * sizeof *vocab);
    if (!vocab) goto done;
    size_t k = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < vecs[d].n; i++) vocab[k].hash = vecs[d].hash[i], vocab[k].df = 1, k++;
    qsort(vocab, nnz, sizeof *vocab, cmp_word_hash);
    size_t nv = 0;
    for (size_t i = 0; i < nnz; i++) {
        if (nv > 0 && vocab[nv - 1].hash == vocab[i].hash) vocab[nv - 1].df++;
        else vocab[nv++] = vocab[i];
    }
    qsort(vocab, nv, sizeof *vocab, cmp_word_rarity);
    for (size_t i = 0; i < nv; i++) vocab[i].rank = (uint32_t)i;
    qsort(vocab, nv, sizeof *vocab, cmp_word_hash);
    rw = malloc((nnz ? nnz : 1) * sizeof *rw);
    start = malloc((n + 1) * sizeof *start);
    prefix = malloc((n ? n : 1) * sizeof *prefix);
    rest = malloc((n ? n : 1) * sizeof *rest);
    restnorm = malloc((n ? n : 1) * sizeof *restnorm);
    sufnorm = malloc((nnz + 1) * sizeof *sufnorm);
    maxw = calloc(nv ? nv : 1, sizeof *maxw);
    if (!rw || !start || !prefix || !rest || !restnorm || !sufnorm || !maxw) goto done;
    k = 0;
    for (size_t d = 0; d < n; d++) {
        start[d] = k;
        for (size_t i = 0; i < vecs[d].n; i++) {
            uint32_t r = rank_of(vocab, nv, vecs[d].hash[i]);
            rw[k + i].rank = r;
            rw[k + i].weight = vecs[d].weight[i];
            if (vecs[d].weight[i] > maxw[r]) maxw[r] = vecs[d].weight[i];
        }
        qsort(rw + k, vecs[d].n, sizeof *rw, cmp_ranked_weight);
        k += vecs[d].n;
    }
    start[n] = k;

    /* 2. Each vector's prefix: the shortest run of its rarest words such
     * that what its remainder R can add to a dot product is below t. That
     * is at most min(|R|, sum over R of w * maxw(word)) (Cauchy-Schwarz
     * with |x| = 1; no vector weighs a word more than maxw). Only the
     * prefix is indexed (Bayardo, Ma, Srikant, "Scaling up all pairs
     * similarity search", 2007). rest[d] keeps the bound of d's remainder. */
    for (size_t d = 0; d < n; d++) {
        const ranked_weight *v = rw + start[d];
        size_t p = start[d + 1] - start[d];
        double sq = 0.0, bymax = 0.0, bound = 0.0;
        while (p > 0) {
            double w = v[p - 1].weight;
            double sq2 = sq + w * w, bymax2 = bymax + w * maxw[v[p - 1].rank];
            double b2 = sqrt(sq2) < bymax2 ? sqrt(sq2) : bymax2;
            if (b2 >= threshold) break;
            sq = sq2, bymax = bymax2, bound = b2;
            p--;
        }
        prefix[d] = p;
        rest[d] = bound;
        restnorm[d] = sqrt(sq);
        /* sufnorm[start[d] + i]: the norm of d's words from the i-th on */
        double tail = 0.0;
        for (size_t i = start[d + 1] - start[d]; i-- > 0;) {
            tail += v[i].weight * v[i].weight;
            sufnorm[start[d] + i] = sqrt(tail);
        }
    }

    /* 3. Posting lists of the prefix words, documents ascending. */
    post_start = calloc(nv + 1, sizeof *post_start);
    fill = malloc((nv ? nv : 1) * sizeof *fill);
    if (!post_start || !fill) goto done;
    size_t npost = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < prefix[d]; i++) post_start[rw[start[d] + i].rank + 1]++, npost++;
    for (size_t r = 0; r < nv; r++) post_start[r + 1] += post_start[r];
    postings = malloc((npost ? npost : 1) * sizeof *postings);
    if (!postings) goto done;
    memcpy(fill, post_start, nv * sizeof *fill);
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; i < prefix[d]; i++) {
            posting *ps = &postings[fill[rw[start[d] + i].rank]++];
            ps->doc = (uint32_t)d;
            ps->weight = rw[start[d] + i].weight;
        }

    /* 4. For each vector x, accumulate the dot product with every earlier
     * vector y through y's prefix words. A pair with cosine >= t shares a
     * word in both prefixes (if the shorter prefix ends at rank p, every
     * shared word beyond p lies in that vector's remainder, which adds less
     * than t), so only x's prefix words admit a new candidate; x's other
     * words still add to the candidates met. The words of y's remainder add
     * at most rest[y], so y is verified only if acc + rest[y] >= t, and
     * then by adding its remainder to acc (the reported score is the exact
     * lede_tfidf_cosine). */
    stamp = malloc((n ? n : 1) * sizeof *stamp);
    cands = malloc((n ? n : 1) * sizeof *cands);
    acc = malloc((n ? n : 1) * sizeof *acc);
    if (!stamp || !cands || !acc) goto done;
    for (size_t d = 0; d < n; d++) stamp[d] = UINT32_MAX;
    for (size_t x = 0; x < n; x++) {
        size_t nc = 0, nx = start[x + 1] - start[x];
        const ranked_weight *vx = rw + start[x];
        for (size_t i = 0; i < nx; i++) {
            uint32_t r = vx[i].rank;
            int admit = i < prefix[x];
            for (size_t q = post_start[r]; q < post_start[r + 1] && postings[q].doc < x; q++) {
                uint32_t y = postings[q].doc;
                if (stamp[y] != (uint32_t)x) {
                    if (!admit) continue;
                    stamp[y] = (uint32_t)x, acc[y] = 0.0, cands[nc++] = y;
                }
                acc[y] += vx[i].weight * postings[q].weight;
            }
        }
        for (size_t c = 0; c < nc; c++) {
            uint32_t y = cands[c];
            const ranked_weight *vy = rw + start[y];
            size_t ny = start[y + 1] - start[y];
            if (acc[y] + rest[y] < threshold) continue;
            /* Tighter: y's remainder meets only x's words of rank at least
             * that of its first remainder word, so it adds at most
             * |y_R| * |x from that rank on|. */
            if (prefix[y] < ny) {
                uint32_t from = vy[prefix[y]].rank;
                size_t lo = 0, hi = nx;
                while (lo < hi) {
                    size_t mid = lo + (hi - lo) / 2;
                    if (vx[mid].rank < from) lo = mid + 1;
                    else hi = mid;
                }
                double tail = lo < nx ? sufnorm[start[x] + lo] : 0.0;
                if (acc[y] + restnorm[y] * tail < threshold) continue;
            }
            /* acc plus x against y's remainder, both in rank order */
            size_t i = 0, j = prefix[y];
            double dot = acc[y];
            while (i < nx && j < ny) {
                if (vx[i].rank < vy[j].rank) i++;
                else if (vx[i].rank > vy[j].rank) j++;
                else dot += vx[i++].weight * vy[j++].weight;
            }
            if (dot < threshold - 1e-9) continue;
            double cos = lede_tfidf_cosine(&vecs[y], &vecs[x]);
            if (cos >= threshold && !push_pair(&pairs, y, (uint32_t)x, cos)) goto done;
        }
    }
    if (pairs.n) qsort(pairs.v, pairs.n, sizeof *pairs.v, cmp_scored_pair);
    out->v = pairs.v;
    out->n = pairs.n;
    pairs.v = NULL;
    rc = LEDE_OK;
done:
    free(vocab);
    free(rw);
    free(start);
    free(prefix);
    free(rest);
    free(restnorm);
    free(sufnorm);
    free(maxw);
    free(post_start);
    free(fill);
    free(postings);
    free(stamp);
    free(cands);
    free(acc);
    free(pairs.v);
    if (rc) return lede_fail(err, rc, "lede_tfidf_pairs: out of memory");
    return LEDE_OK;
}

void lede_scored_pairs_free(lede_scored_pairs *p)
{
    if (!p) return;
    free(p->v);
    memset(p, 0, sizeof *p);
}
