/* test_reuse_shingle.c — shingles, distinct shingle sets, exact Jaccard and
 * containment (on the seeds, by the reference recipe of issue 3), and
 * document-frequency tables. */
#include "lede_reuse.h"
#include "test_reuse.h"

static const char *SEEDS[5] = {
    "seeds/000_1a22be602abbdbb3.txt", "seeds/001_c87360ce0d6ae7d5.txt", "seeds/002_93b5036ae66e0d32.txt",
    "seeds/003_eb122c8a95e99d45.txt", "seeds/004_1f2dff42aad0a96b.txt",
};

/* The distinct 5-gram set of a seed under the reference tokenization. */
static void seed_set(int i, lede_shingle_set *set)
{
    size_t len;
    char *text = read_file(SEEDS[i], &len);
    uint64_t *hashes;
    size_t n = ref_tokenize(text, len, &hashes);
    lede_terms terms = {hashes, NULL, n, NULL};
    lede_error err = {0};
    CHECK_EQ(lede_shingle_set_make(&terms, 5, set, &err), LEDE_OK);
    free(hashes);
    free(text);
}

/* Seeds 002 and 003: the numbers issue 3 states, exactly. */
static void test_seed_jaccard(void)
{
    lede_shingle_set a, b;
    seed_set(2, &a);
    seed_set(3, &b);
    lede_overlap o;
    lede_shingle_set_overlap(&a, &b, &o);
    CHECK_EQ(o.na, 704);
    CHECK_EQ(o.nb, 590);
    CHECK_EQ(o.shared, 49);
    CHECK(o.jaccard == 49.0 / (704 + 590 - 49)); /* 0.03936 */
    CHECK_NEAR(o.jaccard, 0.039, 0.0005);
    CHECK(o.a_in_b == 49.0 / 704);
    CHECK(o.b_in_a == 49.0 / 590);
    lede_shingle_set_free(&a);
    lede_shingle_set_free(&b);
}

/* Every pair of seeds, against the table scikit-learn 1.2.1 gives for
 * CountVectorizer(token_pattern=r"(?u)\w+(?:['’]\w+)*", ngram_range=(5,5),
 * binary=True) on the same files. */
static void test_seed_table(void)
{
    static const size_t sizes[5] = {407, 501, 704, 590, 393};
    static const size_t shared[5][5] = {
        {0, 9, 7, 5, 15}, {0, 0, 5, 3, 7}, {0, 0, 0, 49, 5}, {0, 0, 0, 0, 3}, {0},
    };
    lede_shingle_set sets[5];
    for (int i = 0; i < 5; i++) {
        seed_set(i, &sets[i]);
        CHECK_EQ(sets[i].n, sizes[i]);
    }
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++) {
            lede_overlap o;
            lede_shingle_set_overlap(&sets[i], &sets[j], &o);
            CHECK_EQ(o.shared, shared[i][j]);
        }
    /* Document frequencies: 5 sets; the 49 shingles 002 and 003 share have df >= 2. */
    lede_df_table df;
    lede_error err = {0};
    CHECK_EQ(lede_df_table_build(sets, 5, &df, &err), LEDE_OK);
    CHECK_EQ(df.ndocs, 5);
    size_t total = 0, in_two_or_more = 0;
    for (size_t i = 0; i < df.n; i++) {
        total += df.df[i];
        in_two_or_more += df.df[i] >= 2;
        if (i) CHECK(df.hash[i - 1] < df.hash[i]);
    }
    CHECK_EQ(total, 407 + 501 + 704 + 590 + 393);
    size_t shared_23 = 0;
    for (size_t i = 0; i < sets[2].n; i++) {
        uint32_t d = lede_df_table_lookup(&df, sets[2].v[i]);
        CHECK(d >= 1);
        if (lede_df_table_lookup(&df, sets[2].v[i]) >= 2) {
            /* shared with some other seed */
            size_t lo = 0, hi = sets[3].n;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (sets[3].v[mid] < sets[2].v[i]) lo = mid + 1;
                else hi = mid;
            }
            shared_23 += lo < sets[3].n && sets[3].v[lo] == sets[2].v[i];
        }
    }
    CHECK_EQ(shared_23, 49);
    CHECK(in_two_or_more >= 49);
    CHECK_EQ(lede_df_table_lookup(&df, 12345), 0);
    lede_df_table_free(&df);

    /* Pairs by containment: at 0.05 only 002/003 (0.070 and 0.083); at
     * 0.03 also 000/004 (15 shared of 407 and 393: 0.037, 0.038). */
    lede_overlap_pairs pairs;
    CHECK_EQ(lede_shingle_set_pairs(sets, 5, 0.05, &pairs, &err), LEDE_OK);
    CHECK_EQ(pairs.n, 1);
    if (pairs.n == 1) {
        CHECK(pairs.v[0].a == 2 && pairs.v[0].b == 3);
        CHECK_EQ(pairs.v[0].overlap.shared, 49);
        CHECK(pairs.v[0].overlap.b_in_a == 49.0 / 590);
    }
    lede_overlap_pairs_free(&pairs);
    CHECK_EQ(lede_shingle_set_pairs(sets, 5, 0.03, &pairs, &err), LEDE_OK);
    CHECK_EQ(pairs.n, 2);
    if (pairs.n == 2) {
        CHECK(pairs.v[0].a == 0 && pairs.v[0].b == 4);
        CHECK_EQ(pairs.v[0].overlap.shared, 15);
        CHECK(pairs.v[1].a == 2 && pairs.v[1].b == 3);
    }
    lede_overlap_pairs_free(&pairs);
    CHECK_EQ(lede_shingle_set_pairs(sets, 5, 1.5, &pairs, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_shingle_set_pairs: min_containment must be in (0, 1], not 1.5") == 0);
    for (int i = 0; i < 5; i++) lede_shingle_set_free(&sets[i]);
}

/* Shingles keep text order, repeats and token positions. */
static void test_shingles(void)
{
    /* terms: a b c a b c d, at token positions 0 2 3 5 6 8 9 (punctuation between) */
    uint64_t h[7] = {11, 22, 33, 11, 22, 33, 44};
    uint32_t pos[7] = {0, 2, 3, 5, 6, 8, 9};
    lede_terms terms = {h, pos, 7, NULL};
    lede_shingles s;
    lede_error err = {0};
    CHECK_EQ(lede_shingles_make(&terms, 3, &s, &err), LEDE_OK);
    CHECK_EQ(s.n, 5);
    CHECK_EQ(s.ngram, 3);
    CHECK_EQ(s.v[0].first, 0);
    CHECK_EQ(s.v[4].first, 4);
    CHECK_EQ(s.v[3].pos, 5);
    CHECK_EQ(s.v[4].pos, 6);
    CHECK(s.v[0].hash == s.v[3].hash); /* a b c twice */
    CHECK(s.v[0].hash != s.v[1].hash);
    CHECK(s.v[0].hash == lede_ngram_hash(h, 3));
    lede_shingle_set set;
    CHECK_EQ(lede_shingle_set_from(&s, &set, &err), LEDE_OK);
    CHECK_EQ(set.n, 4); /* abc bca cab bcd */
    for (size_t i = 1; i < set.n; i++) CHECK(set.v[i - 1] < set.v[i]);
    lede_shingle_set set2;
    CHECK_EQ(lede_shingle_set_make(&terms, 3, &set2, &err), LEDE_OK);
    CHECK_EQ(set2.n, 4);
    CHECK(memcmp(set.v, set2.v, 4 * sizeof *set.v) == 0);
    lede_shingle_set_free(&set);
    lede_shingle_set_free(&set2);
    lede_shingles_free(&s);

    /* The n-gram hash is persisted: its value is frozen (XXH3-64 of the
     * little-endian bytes of 1, 2, 3). */
    uint64_t one_two_three[3] = {1, 2, 3};
    unsigned char bytes[24] = {1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3};
    CHECK(lede_ngram_hash(one_two_three, 3) == lede_hash(bytes, 24));

    /* Shorter than n: no shingles. n = 0: an argument error naming the function. */
    lede_terms two = {h, NULL, 2, NULL};
    CHECK_EQ(lede_shingles_make(&two, 3, &s, &err), LEDE_OK);
    CHECK_EQ(s.n, 0);
    CHECK(s.v == NULL);
    CHECK_EQ(lede_shingles_make(&two, 0, &s, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_shingles_make: n must be 1..64, not 0") == 0);
    CHECK_EQ(lede_shingle_set_make(&two, 65, &set, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_shingle_set_make: n must be 1..64, not 65") == 0);
}

/* The test's own reproducible random numbers (splitmix64). */
static uint64_t rnd_state = 11;
static uint64_t rnd(uint64_t bound)
{
    uint64_t z = (rnd_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (z ^ (z >> 31)) % bound;
}

static int cmp_hash(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* 300 sets over a skewed universe, with short sets copied into long ones
 * (containment 1, Jaccard small) and near-duplicates planted: the pairs by
 * containment are exactly those that comparing all 44,850 pairs gives, at
 * every threshold, with the same overlap figures. */
static void test_pairs_exact(void)
{
    enum { N = 300 };
    lede_shingle_set sets[N];
    for (size_t d = 0; d < N; d++) {
        size_t len = 10 + rnd(390);
        uint64_t *v = malloc((len + (d ? sets[d - 1].n : 0)) * sizeof *v);
        size_t n = 0;
        if (d % 20 == 19) { /* a long set holding the short set before it */
            for (size_t i = 0; i < sets[d - 1].n; i++) v[n++] = sets[d - 1].v[i];
        } else if (d % 20 == 9) { /* a near-duplicate of the set before it */
            for (size_t i = 0; i < sets[d - 1].n; i++)
                if (rnd(10)) v[n++] = sets[d - 1].v[i];
        }
        for (size_t i = 0; i < len; i++) {
            uint64_t u = rnd(5000);
            v[n++] = 1 + u * u / 5000; /* rank r drawn with probability ~ 1/sqrt(r) */
        }
        qsort(v, n, sizeof *v, cmp_hash);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (m == 0 || v[i] != v[m - 1]) v[m++] = v[i];
        sets[d].v = v;
        sets[d].n = m;
    }
    static lede_overlap all[N][N];
    for (uint32_t a = 0; a < N; a++)
        for (uint32_t b = a + 1; b < N; b++) lede_shingle_set_overlap(&sets[a], &sets[b], &all[a][b]);
    static const double thresholds[] = {0.05, 0.2, 0.5, 0.8, 1.0};
    for (size_t k = 0; k < sizeof thresholds / sizeof *thresholds; k++) {
        double t = thresholds[k];
        lede_overlap_pairs pairs;
        lede_error err = {0};
        CHECK_EQ(lede_shingle_set_pairs(sets, N, t, &pairs, &err), LEDE_OK);
        size_t m = 0, mismatches = 0;
        for (uint32_t a = 0; a < N; a++)
            for (uint32_t b = a + 1; b < N; b++) {
                const lede_overlap o = all[a][b];
                if (o.a_in_b < t && o.b_in_a < t) continue;
                if (m < pairs.n && pairs.v[m].a == a && pairs.v[m].b == b && pairs.v[m].overlap.shared == o.shared &&
                    pairs.v[m].overlap.jaccard == o.jaccard)
                    m++;
                else
                    mismatches++;
            }
        CHECK_EQ(mismatches, 0);
        CHECK_EQ(m, pairs.n);
        if (t == 1.0) CHECK(pairs.n >= N / 20); /* the 15 short sets copied whole */
        lede_overlap_pairs_free(&pairs);
    }
    for (size_t d = 0; d < N; d++) free(sets[d].v);
}

/* Overlap edge cases: empty sets, identical sets, containment direction. */
static void test_overlap(void)
{
    uint64_t av[4] = {1, 2, 3, 4}, bv[2] = {3, 4};
    lede_shingle_set a = {av, 4}, b = {bv, 2}, empty = {NULL, 0};
    lede_overlap o;
    lede_shingle_set_overlap(&a, &b, &o);
    CHECK_EQ(o.shared, 2);
    CHECK(o.jaccard == 0.5);
    CHECK(o.a_in_b == 0.5); /* half of A is in B */
    CHECK(o.b_in_a == 1.0); /* all of B is in A */
    lede_shingle_set_overlap(&a, &a, &o);
    CHECK(o.jaccard == 1.0 && o.a_in_b == 1.0 && o.b_in_a == 1.0);
    lede_shingle_set_overlap(&empty, &empty, &o);
    CHECK(o.jaccard == 0.0 && o.a_in_b == 0.0 && o.b_in_a == 0.0);
    lede_shingle_set_overlap(&a, &empty, &o);
    CHECK(o.jaccard == 0.0 && o.a_in_b == 0.0 && o.b_in_a == 0.0);
    CHECK_EQ(o.na, 4);
}

/* A df table over sets some of which are empty (v NULL, as
 * lede_shingle_set_make leaves them for a text shorter than n). Found by
 * fuzz_reuse: the empty set's NULL was passed to memcpy (undefined). */
static void test_df_empty_sets(void)
{
    uint64_t av[2] = {5, 9}, bv[1] = {9};
    lede_shingle_set sets[4] = {{NULL, 0}, {av, 2}, {NULL, 0}, {bv, 1}};
    lede_df_table df;
    lede_error err = {0};
    CHECK_EQ(lede_df_table_build(sets, 4, &df, &err), LEDE_OK);
    CHECK_EQ(df.ndocs, 4);
    CHECK_EQ(df.n, 2);
    CHECK_EQ(lede_df_table_lookup(&df, 5), 1);
    CHECK_EQ(lede_df_table_lookup(&df, 9), 2);
    lede_df_table_free(&df);
}

int main(void)
{
    test_seed_jaccard();
    test_seed_table();
    test_shingles();
    test_overlap();
    test_pairs_exact();
    test_df_empty_sets();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
