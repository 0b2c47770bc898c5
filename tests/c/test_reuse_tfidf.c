/* test_reuse_tfidf.c — tf-idf vectors and cosine, against scikit-learn on
 * the seeds (reference tokenization of issue 3) and on small cases worked
 * out by hand. */
#include "lede_reuse.h"
#include "test_reuse.h"

static const char *SEEDS[5] = {
    "seeds/000_1a22be602abbdbb3.txt", "seeds/001_c87360ce0d6ae7d5.txt", "seeds/002_93b5036ae66e0d32.txt",
    "seeds/003_eb122c8a95e99d45.txt", "seeds/004_1f2dff42aad0a96b.txt",
};

/* scikit-learn 1.2.1: TfidfVectorizer(token_pattern=r"(?u)\w+(?:['’]\w+)*",
 * lowercase=True) fitted on the five seeds, then cosine_similarity. */
static const double SKLEARN[5][5] = {
    {0, 0.6581382762067858, 0.6563650268500842, 0.6412401234371045, 0.5704942440544813},
    {0, 0, 0.6569174769547244, 0.6325950400085895, 0.4925453266481937},
    {0, 0, 0, 0.8045918915850371, 0.6502570586958721},
    {0, 0, 0, 0, 0.6157780656778604},
    {0},
};

static void test_seeds(void)
{
    uint64_t *hashes[5];
    size_t n[5];
    lede_shingle_set words[5];
    lede_error err = {0};
    for (int i = 0; i < 5; i++) {
        size_t len;
        char *text = read_file(SEEDS[i], &len);
        n[i] = ref_tokenize(text, len, &hashes[i]);
        free(text);
        lede_terms t = {hashes[i], NULL, n[i], NULL};
        CHECK_EQ(lede_shingle_set_make(&t, 1, &words[i], &err), LEDE_OK);
    }
    lede_df_table df;
    CHECK_EQ(lede_df_table_build(words, 5, &df, &err), LEDE_OK);
    CHECK_EQ(df.n, 793); /* the vocabulary scikit-learn finds */
    lede_tfidf v[5];
    for (int i = 0; i < 5; i++) {
        lede_terms t = {hashes[i], NULL, n[i], NULL};
        CHECK_EQ(lede_tfidf_make(&t, &df, &v[i], &err), LEDE_OK);
        CHECK_EQ(v[i].n, words[i].n);
        CHECK_NEAR(lede_tfidf_cosine(&v[i], &v[i]), 1.0, 1e-12);
    }
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++) {
            CHECK_NEAR(lede_tfidf_cosine(&v[i], &v[j]), SKLEARN[i][j], 1e-12);
            CHECK(lede_tfidf_cosine(&v[i], &v[j]) == lede_tfidf_cosine(&v[j], &v[i]));
        }
    /* All pairs at or above a cosine: exactly those of the matrix. */
    lede_scored_pairs pairs;
    CHECK_EQ(lede_tfidf_pairs(v, 5, 0.65, &pairs, &err), LEDE_OK);
    static const int want[5][2] = {{0, 1}, {0, 2}, {1, 2}, {2, 3}, {2, 4}};
    CHECK_EQ(pairs.n, 5);
    for (size_t k = 0; k < pairs.n && k < 5; k++) {
        CHECK_EQ(pairs.v[k].a, want[k][0]);
        CHECK_EQ(pairs.v[k].b, want[k][1]);
        CHECK_NEAR(pairs.v[k].score, SKLEARN[want[k][0]][want[k][1]], 1e-12);
    }
    lede_scored_pairs_free(&pairs);
    CHECK_EQ(lede_tfidf_pairs(v, 5, 0.66, &pairs, &err), LEDE_OK);
    CHECK_EQ(pairs.n, 1);
    if (pairs.n == 1) CHECK(pairs.v[0].a == 2 && pairs.v[0].b == 3);
    lede_scored_pairs_free(&pairs);
    for (int i = 0; i < 5; i++) {
        lede_tfidf_free(&v[i]);
        lede_shingle_set_free(&words[i]);
        free(hashes[i]);
    }
    lede_df_table_free(&df);
}

/* The test's own reproducible random numbers (splitmix64). */
static uint64_t rnd_state = 3;
static uint64_t rnd(uint64_t bound)
{
    uint64_t z = (rnd_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (z ^ (z >> 31)) % bound;
}

/* 400 documents over a skewed vocabulary (a few words very common, most
 * rare), every tenth a light rewrite of the one before: lede_tfidf_pairs
 * gives exactly the pairs that comparing all 79,800 pairs gives, at every
 * threshold. */
static void test_pairs_exact(void)
{
    enum { N = 400 };
    static uint64_t words[N][200];
    static size_t len[N];
    lede_shingle_set sets[N];
    lede_tfidf v[N];
    lede_error err = {0};
    for (size_t d = 0; d < N; d++) {
        len[d] = d % 10 == 1 ? len[d - 1] : 20 + rnd(180);
        for (size_t i = 0; i < len[d]; i++) {
            /* a word's rank r has probability ~ 1/r: the square of a uniform */
            uint64_t u = rnd(3000);
            words[d][i] = 1 + u * u / 3000;
            if (d % 10 == 1 && rnd(10) > 0) words[d][i] = words[d - 1][i];
        }
        lede_terms t = {words[d], NULL, len[d], NULL};
        lede_shingle_set_make(&t, 1, &sets[d], &err);
    }
    lede_df_table df;
    CHECK_EQ(lede_df_table_build(sets, N, &df, &err), LEDE_OK);
    for (size_t d = 0; d < N; d++) {
        lede_terms t = {words[d], NULL, len[d], NULL};
        CHECK_EQ(lede_tfidf_make(&t, &df, &v[d], &err), LEDE_OK);
    }
    static double all[N][N];
    for (uint32_t a = 0; a < N; a++)
        for (uint32_t b = a + 1; b < N; b++) all[a][b] = lede_tfidf_cosine(&v[a], &v[b]);
    static const double thresholds[] = {0.05, 0.2, 0.4, 0.6, 0.9, 1.0};
    size_t found_any = 0;
    for (size_t k = 0; k < sizeof thresholds / sizeof *thresholds; k++) {
        lede_scored_pairs pairs;
        CHECK_EQ(lede_tfidf_pairs(v, N, thresholds[k], &pairs, &err), LEDE_OK);
        size_t m = 0, mismatches = 0;
        for (uint32_t a = 0; a < N; a++)
            for (uint32_t b = a + 1; b < N; b++) {
                double c = all[a][b];
                if (c < thresholds[k]) continue;
                if (m < pairs.n && pairs.v[m].a == a && pairs.v[m].b == b && pairs.v[m].score == c) m++;
                else mismatches++;
            }
        CHECK_EQ(mismatches, 0);
        CHECK_EQ(m, pairs.n);
        found_any += pairs.n;
        if (thresholds[k] == 0.6) CHECK(pairs.n >= N / 10); /* at least the 40 planted rewrites */
        lede_scored_pairs_free(&pairs);
    }
    CHECK(found_any > 0);
    lede_scored_pairs pairs;
    CHECK_EQ(lede_tfidf_pairs(v, N, 0.0, &pairs, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_tfidf_pairs: threshold must be in (0, 1], not 0") == 0);
    for (size_t d = 0; d < N; d++) {
        lede_tfidf_free(&v[d]);
        lede_shingle_set_free(&sets[d]);
    }
    lede_df_table_free(&df);
}

/* By hand: without a table the weights are counts. "a a b" against "a b":
 * (2, 1)/√5 · (1, 1)/√2 = 3/√10. With a table of 3 documents where a is in
 * all 3 and b in 1: idf(a) = ln(4/4) + 1 = 1, idf(b) = ln(4/2) + 1, so
 * "a b" is (1, 1 + ln 2) before normalization. */
static void test_by_hand(void)
{
    uint64_t x[3] = {7, 7, 9}, y[2] = {7, 9}, z[2] = {11, 12};
    lede_terms tx = {x, NULL, 3, NULL}, ty = {y, NULL, 2, NULL}, tz = {z, NULL, 2, NULL}, te = {NULL, NULL, 0, NULL};
    lede_tfidf vx, vy, vz, ve;
    lede_error err = {0};
    CHECK_EQ(lede_tfidf_make(&tx, NULL, &vx, &err), LEDE_OK);
    CHECK_EQ(lede_tfidf_make(&ty, NULL, &vy, &err), LEDE_OK);
    CHECK_EQ(lede_tfidf_make(&tz, NULL, &vz, &err), LEDE_OK);
    CHECK_EQ(lede_tfidf_make(&te, NULL, &ve, &err), LEDE_OK);
    CHECK_EQ(vx.n, 2);
    uint64_t seven = lede_ngram_hash(x, 1);
    size_t at7 = vx.hash[0] == seven ? 0 : 1; /* the vector is keyed by 1-gram hashes */
    CHECK(vx.hash[at7] == seven);
    CHECK_NEAR(vx.weight[at7], 2 / sqrt(5), 1e-15);
    CHECK_NEAR(lede_tfidf_cosine(&vx, &vy), 3 / sqrt(10), 1e-15);
    CHECK(lede_tfidf_cosine(&vx, &vz) == 0.0);
    CHECK(lede_tfidf_cosine(&vx, &ve) == 0.0);
    CHECK_EQ(ve.n, 0);
    lede_tfidf_free(&vx);
    lede_tfidf_free(&vy);

    lede_terms only_a = {y, NULL, 1, NULL};
    lede_shingle_set sets[3];
    lede_shingle_set_make(&only_a, 1, &sets[0], &err);
    lede_shingle_set_make(&only_a, 1, &sets[1], &err);
    lede_shingle_set_make(&ty, 1, &sets[2], &err);
    lede_df_table df;
    CHECK_EQ(lede_df_table_build(sets, 3, &df, &err), LEDE_OK);
    CHECK_EQ(lede_tfidf_make(&ty, &df, &vy, &err), LEDE_OK);
    double wb = 1 + log(2.0), norm = sqrt(1 + wb * wb);
    at7 = vy.hash[0] == seven ? 0 : 1;
    CHECK_NEAR(vy.weight[at7], 1 / norm, 1e-15);
    CHECK_NEAR(vy.weight[1 - at7], wb / norm, 1e-15);
    for (int i = 0; i < 3; i++) lede_shingle_set_free(&sets[i]);
    lede_tfidf_free(&vy);
    lede_tfidf_free(&vz);
    lede_tfidf_free(&ve);
    lede_df_table_free(&df);
}

int main(void)
{
    test_seeds();
    test_by_hand();
    test_pairs_exact();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
