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
    for (int i = 0; i < 5; i++) {
        lede_tfidf_free(&v[i]);
        lede_shingle_set_free(&words[i]);
        free(hashes[i]);
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
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
