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
