/* scale.c — lede-bench-compare-scale: candidate generation for a million
 * generated articles, timed, with peak memory.
 *
 *   lede-bench-compare-scale [FILE.jsonl] [--docs N] [--plant-every K] [--seed S]
 *
 * The articles are generated at the term level from real ones (default
 * ../shared/corpora/reuters21578.jsonl, tokenized once by lede): article i
 * is a random real article with 30% of its terms replaced by random terms
 * of the collection, so generated articles are unrelated to each other
 * (two made from the same real article share about 0.7^10 of their
 * 5-grams). Every K-th article (default 1,000) is instead a near-duplicate
 * of the article before it, 5% of its terms replaced: the planted pairs the
 * candidates must contain. Each article then goes through candidate
 * generation exactly as lede.candidates does: its distinct word 5-gram set
 * (lede_shingle_set_make), its MinHash signature (32 bands × 4 rows) and
 * lede_lsh_add; then lede_lsh_candidates. Tokenizing text is not part of
 * this run (measured on Reuters by bench/compare/pairs.lua).
 *
 * Prints the time of each stage and the planted pairs found; run under
 * /usr/bin/time -v for peak memory. */
#include "error.h"
#include "lede.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* splitmix64: the generator's random numbers, reproducible from the seed. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* The real articles' terms, concatenated: article i is all[off[i] .. off[i+1]). */
typedef struct source_terms {
    uint64_t *all;
    size_t *off;
    size_t ndocs, nterms;
} source_terms;

/* Load path and keep every article's content-term hashes. */
static int load_sources(const char *path, source_terms *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    lede_corpus *c = NULL;
    int rc = lede_corpus_new(&c, err);
    if (!rc) rc = lede_corpus_add_path(c, path, NULL, err);
    size_t n = rc ? 0 : lede_corpus_count(c), cap = 0;
    if (!rc) {
        out->off = calloc(n + 1, sizeof *out->off);
        if (!out->off) rc = lede_fail(err, LEDE_ERR_NOMEM, "scale: out of memory");
    }
    for (size_t i = 0; !rc && i < n; i++) {
        lede_terms t;
        rc = lede_terms_from_doc(lede_corpus_doc(c, i), &t, err);
        if (rc) break;
        if (out->nterms + t.n > cap) {
            size_t ncap = cap ? cap * 2 : 1 << 20;
            while (ncap < out->nterms + t.n) ncap *= 2;
            uint64_t *grown = realloc(out->all, ncap * sizeof *grown);
            if (!grown) {
                lede_terms_free(&t);
                rc = lede_fail(err, LEDE_ERR_NOMEM, "scale: out of memory");
                break;
            }
            out->all = grown;
            cap = ncap;
        }
        memcpy(out->all + out->nterms, t.hash, t.n * sizeof *t.hash);
        out->nterms += t.n;
        out->off[i + 1] = out->nterms;
        lede_terms_free(&t);
        /* Free the analysis as we go: only the hashes are kept. */
    }
    out->ndocs = n;
    lede_corpus_free(c);
    return rc;
}

static void sources_free(source_terms *s)
{
    free(s->all);
    free(s->off);
    memset(s, 0, sizeof *s);
}

/* Copy `src` (n terms) into dst, replacing each term with probability
 * `rate` by a random term of the collection. */
static void mutate(const source_terms *s, const uint64_t *src, size_t n, double rate, uint64_t *dst,
                   uint64_t *rng)
{
    for (size_t i = 0; i < n; i++) {
        double u = (double)(next_random(rng) >> 11) * 0x1.0p-53;
        dst[i] = u < rate ? s->all[next_random(rng) % s->nterms] : src[i];
    }
}

int main(int argc, char **argv)
{
    const char *path = "/work/shared/corpora/reuters21578.jsonl";
    size_t ndocs = 1000000, plant_every = 1000;
    uint64_t seed = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--docs") == 0 && i + 1 < argc) ndocs = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--plant-every") == 0 && i + 1 < argc) plant_every = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoull(argv[++i], NULL, 10);
        else if (argv[i][0] != '-') path = argv[i];
        else {
            fprintf(stderr, "usage: %s [FILE.jsonl] [--docs N] [--plant-every K] [--seed S]\n", argv[0]);
            return 2;
        }
    }
    lede_error err = {0};
    double t0 = now();
    source_terms s;
    if (load_sources(path, &s, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    double t1 = now();
    size_t maxlen = 0;
    for (size_t i = 0; i < s.ndocs; i++)
        if (s.off[i + 1] - s.off[i] > maxlen) maxlen = s.off[i + 1] - s.off[i];

    lede_minhash_params p;
    lede_minhash_params_default(&p);
    size_t k = (size_t)p.bands * p.rows;
    uint64_t *cur = malloc((maxlen + 1) * sizeof *cur), *prev = malloc((maxlen + 1) * sizeof *prev);
    uint32_t *sig = malloc(k * sizeof *sig);
    lede_lsh *lsh = NULL;
    int rc = (!cur || !prev || !sig) ? lede_fail(&err, LEDE_ERR_NOMEM, "scale: out of memory") : 0;
    if (!rc) rc = lede_lsh_new(&p, &lsh, &err);
    if (!rc) rc = lede_lsh_reserve(lsh, ndocs, &err);
    /* Planted pairs of articles of at least 50 terms: a short article loses
     * most of its few 5-grams to one changed term, a long one does not. */
    unsigned char *long_plant = calloc(plant_every ? ndocs / plant_every + 1 : 1, 1);
    if (!long_plant && !rc) rc = lede_fail(&err, LEDE_ERR_NOMEM, "scale: out of memory");
    size_t nlong = 0;
    uint64_t rng = seed;
    size_t prev_n = 0, nterms_total = 0, planted = 0;
    double t_shingle = 0, t_minhash = 0;
    for (size_t i = 0; !rc && i < ndocs; i++) {
        size_t n;
        if (plant_every && i > 0 && i % plant_every == 0) {
            n = prev_n;
            mutate(&s, prev, n, 0.05, cur, &rng);
            planted++;
            if (n >= 50) {
                long_plant[i / plant_every] = 1;
                nlong++;
            }
        } else {
            size_t src = next_random(&rng) % s.ndocs;
            n = s.off[src + 1] - s.off[src];
            mutate(&s, s.all + s.off[src], n, 0.30, cur, &rng);
        }
        nterms_total += n;
        double a = now();
        lede_terms terms = {cur, NULL, n, NULL};
        lede_shingle_set set;
        rc = lede_shingle_set_make(&terms, LEDE_SHINGLE_N, &set, &err);
        if (rc) break;
        double b = now();
        rc = lede_minhash(&p, set.v, set.n, sig, &err);
        if (!rc) rc = lede_lsh_add(lsh, sig, &err);
        lede_shingle_set_free(&set);
        t_shingle += b - a;
        t_minhash += now() - b;
        uint64_t *tmp = prev;
        prev = cur;
        cur = tmp;
        prev_n = n;
    }
    double t2 = now();
    lede_candidates cand = {0};
    if (!rc) rc = lede_lsh_candidates(lsh, 0, &cand, &err);
    double t3 = now();
    if (rc) {
        fprintf(stderr, "%s\n", err.message);
    } else {
        size_t found = 0, found_long = 0;
        for (size_t i = 0; i < cand.n; i++)
            if (plant_every && cand.v[i].b % plant_every == 0 && cand.v[i].a + 1 == cand.v[i].b) {
                found++;
                found_long += long_plant[cand.v[i].b / plant_every];
            }
        printf("%zu real articles (%zu terms) loaded and tokenized in %.1f s\n", s.ndocs, s.nterms, t1 - t0);
        printf("%zu generated articles, %zu terms (%.0f per article)\n", ndocs, nterms_total,
               (double)nterms_total / (double)(ndocs ? ndocs : 1));
        printf("generation and candidate generation %.1f s: 5-gram sets %.1f s, MinHash + LSH add %.1f s, "
               "candidates %.1f s\n", t3 - t1, t_shingle, t_minhash, t3 - t2);
        printf("%zu candidate pairs; planted near-duplicates found %zu of %zu (of %zu articles of 50+ terms: %zu)\n",
               cand.n, found, planted, nlong, found_long);
    }
    lede_candidates_free(&cand);
    lede_lsh_free(lsh);
    free(cur);
    free(prev);
    free(sig);
    free(long_plant);
    sources_free(&s);
    return rc ? 1 : 0;
}
