/* test_reuse_minhash.c — MinHash signatures (determinism, estimate within a
 * stated tolerance of exact Jaccard) and LSH banding (finds a planted
 * near-duplicate among many random documents, and nothing else). */
#include "lede_reuse.h"
#include "test_reuse.h"

/* The test's own reproducible source of "shingle hashes". */
static uint64_t rng_state = 42;
static uint64_t next_hash(void)
{
    uint64_t x = ++rng_state;
    return lede_hash(&x, sizeof x);
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Two sets with exactly `shared` common elements and `only` elements each
 * of their own: Jaccard shared / (shared + 2*only). Sorted, distinct. */
static void make_pair(size_t shared, size_t only, lede_shingle_set *a, lede_shingle_set *b)
{
    a->n = b->n = shared + only;
    a->v = malloc((a->n ? a->n : 1) * sizeof *a->v);
    b->v = malloc((b->n ? b->n : 1) * sizeof *b->v);
    for (size_t i = 0; i < shared; i++) a->v[i] = b->v[i] = next_hash();
    for (size_t i = shared; i < a->n; i++) a->v[i] = next_hash(), b->v[i] = next_hash();
    qsort(a->v, a->n, sizeof *a->v, cmp_u64);
    qsort(b->v, b->n, sizeof *b->v, cmp_u64);
}

static void test_params(void)
{
    lede_minhash_params p;
    lede_minhash_params_default(&p);
    CHECK_EQ(p.bands, 32);
    CHECK_EQ(p.rows, 4);
    CHECK(p.seed == UINT64_C(0x6c656465));
    uint32_t sig[128];
    lede_error err = {0};
    lede_minhash_params bad = {0, 4, 1};
    CHECK_EQ(lede_minhash(&bad, NULL, 0, sig, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_minhash: bands and rows must be >= 1 with bands*rows <= 4096") == 0);
    lede_lsh *lsh = (lede_lsh *)1;
    bad.bands = 64, bad.rows = 65;
    CHECK_EQ(lede_lsh_new(&bad, &lsh, &err), LEDE_ERR_ARG);
    CHECK(lsh == NULL);
    /* An empty set: every value UINT32_MAX. */
    CHECK_EQ(lede_minhash(&p, NULL, 0, sig, &err), LEDE_OK);
    for (int i = 0; i < 128; i++) CHECK(sig[i] == UINT32_MAX);
}

/* Same parameters, same signature; another seed, another signature. */
static void test_deterministic(void)
{
    lede_shingle_set a, b;
    make_pair(100, 0, &a, &b);
    lede_minhash_params p;
    lede_minhash_params_default(&p);
    uint32_t s1[128], s2[128], s3[128];
    lede_error err = {0};
    CHECK_EQ(lede_minhash(&p, a.v, a.n, s1, &err), LEDE_OK);
    CHECK_EQ(lede_minhash(&p, b.v, b.n, s2, &err), LEDE_OK);
    CHECK(memcmp(s1, s2, sizeof s1) == 0);
    CHECK(lede_minhash_estimate(s1, s2, 128) == 1.0);
    p.seed = 7;
    CHECK_EQ(lede_minhash(&p, a.v, a.n, s3, &err), LEDE_OK);
    CHECK(lede_minhash_estimate(s1, s3, 128) < 0.05);
    lede_shingle_set_free(&a);
    lede_shingle_set_free(&b);
}

/* The estimate stays within 3 standard errors sqrt(J(1-J)/k) (+0.01) of the
 * exact Jaccard, and is unbiased on average. */
static void test_estimate(void)
{
    lede_minhash_params p = {64, 4, LEDE_MINHASH_SEED}; /* k = 256 */
    const size_t k = 256;
    static const size_t shared[] = {0, 40, 100, 200, 320, 400};
    static const size_t only[] = {200, 180, 150, 100, 40, 0}; /* J = 0, .1, .25, .5, .8, 1 */
    uint32_t *sa = malloc(k * sizeof *sa), *sb = malloc(k * sizeof *sb);
    lede_error err = {0};
    for (size_t t = 0; t < sizeof shared / sizeof *shared; t++) {
        lede_shingle_set a, b;
        make_pair(shared[t], only[t], &a, &b);
        lede_overlap o;
        lede_shingle_set_overlap(&a, &b, &o);
        CHECK(o.jaccard == (double)shared[t] / (double)(shared[t] + 2 * only[t]));
        lede_minhash(&p, a.v, a.n, sa, &err);
        lede_minhash(&p, b.v, b.n, sb, &err);
        double j = o.jaccard, est = lede_minhash_estimate(sa, sb, k);
        CHECK_NEAR(est, j, 3 * sqrt(j * (1 - j) / (double)k) + 0.01);
        lede_shingle_set_free(&a);
        lede_shingle_set_free(&b);
    }
    /* 200 independent pairs at J = 0.5: the mean estimate is within 0.01
     * (its standard error is 0.031/sqrt(200) = 0.0022). */
    double sum = 0;
    for (int t = 0; t < 200; t++) {
        lede_shingle_set a, b;
        make_pair(100, 50, &a, &b);
        lede_minhash(&p, a.v, a.n, sa, &err);
        lede_minhash(&p, b.v, b.n, sb, &err);
        sum += lede_minhash_estimate(sa, sb, k);
        lede_shingle_set_free(&a);
        lede_shingle_set_free(&b);
    }
    CHECK_NEAR(sum / 200, 0.5, 0.01);
    free(sa);
    free(sb);
}

static void test_probability(void)
{
    /* 1 - (1 - s^r)^b, values from Python. */
    CHECK_NEAR(lede_lsh_probability(0.5, 32, 4), 0.8732112136229997, 1e-12);
    CHECK_NEAR(lede_lsh_probability(0.1, 32, 4), 0.003195044956405657, 1e-12);
    CHECK_NEAR(lede_lsh_probability(0.2, 32, 4), 0.04995032258901233, 1e-12);
    CHECK(lede_lsh_probability(1.0, 32, 4) == 1.0);
    CHECK(lede_lsh_probability(0.0, 32, 4) == 0.0);
}

/* 3000 random documents of 200 shingles, with a near-duplicate pair
 * (J = 0.8) and a weakly related pair (J = 0.1) planted, two empty
 * documents and five identical ones: LSH pairs exactly the near-duplicates
 * and the identical ones. */
static void test_lsh(void)
{
    enum { NDOCS = 3000 };
    lede_minhash_params p;
    lede_minhash_params_default(&p);
    lede_lsh *lsh = NULL;
    lede_error err = {0};
    CHECK_EQ(lede_lsh_new(&p, &lsh, &err), LEDE_OK);
    CHECK_EQ(lede_lsh_reserve(lsh, NDOCS, &err), LEDE_OK);
    CHECK_EQ(lede_lsh_count(lsh), 0);
    uint32_t sig[128];
    lede_shingle_set near_a, near_b, weak_a, weak_b, same_a, same_b;
    make_pair(180, 20, &near_a, &near_b); /* J = 180/220 = 0.82 */
    make_pair(36, 164, &weak_a, &weak_b); /* J = 36/364 = 0.099 */
    make_pair(150, 0, &same_a, &same_b);
    for (size_t d = 0; d < NDOCS; d++) {
        const lede_shingle_set *use = NULL;
        lede_shingle_set rnd = {0};
        if (d == 700) use = &near_a;
        else if (d == 1500) use = &near_b;
        else if (d == 100) use = &weak_a;
        else if (d == 2900) use = &weak_b;
        else if (d >= 2000 && d < 2005) use = &same_a;
        else if (d == 10 || d == 20) use = &rnd; /* empty */
        else {
            lede_shingle_set b;
            make_pair(0, 200, &rnd, &b);
            lede_shingle_set_free(&b);
            use = &rnd;
        }
        CHECK_EQ(lede_minhash(&p, use->v, use->n, sig, &err), LEDE_OK);
        CHECK_EQ(lede_lsh_add(lsh, sig, &err), LEDE_OK);
        lede_shingle_set_free(&rnd);
    }
    CHECK_EQ(lede_lsh_count(lsh), NDOCS);
    lede_candidates c;
    CHECK_EQ(lede_lsh_candidates(lsh, 0, &c, &err), LEDE_OK);
    CHECK_EQ(c.n, 1 + 10);
    if (c.n == 11) {
        CHECK_EQ(c.v[0].a, 700);
        CHECK_EQ(c.v[0].b, 1500);
        CHECK(c.v[0].bands >= 5 && c.v[0].bands < 32);
        size_t k = 1;
        for (uint32_t x = 2000; x < 2005; x++)
            for (uint32_t y = x + 1; y < 2005; y++, k++) {
                CHECK_EQ(c.v[k].a, x);
                CHECK_EQ(c.v[k].b, y);
                CHECK_EQ(c.v[k].bands, 32);
            }
    }
    lede_candidates_free(&c);
    /* Buckets of more than 4 documents are skipped. */
    CHECK_EQ(lede_lsh_candidates(lsh, 4, &c, &err), LEDE_OK);
    CHECK_EQ(c.n, 1);
    lede_candidates_free(&c);
    lede_lsh_free(lsh);
    lede_shingle_set_free(&near_a);
    lede_shingle_set_free(&near_b);
    lede_shingle_set_free(&weak_a);
    lede_shingle_set_free(&weak_b);
    lede_shingle_set_free(&same_a);
    lede_shingle_set_free(&same_b);
}

int main(void)
{
    test_params();
    test_deterministic();
    test_estimate();
    test_probability();
    test_lsh();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
