/* test_stem.c — lede_stem: word families from the Snowball stemmers
 * (exact stems, normalization before stemming, the errors a caller sees). */
#include "lede.h"
#include "check.h"

#include <string.h>

/* Stem `word` with st and check the exact stem. */
static void check_stem(lede_stemmer *st, const char *word, const char *want)
{
    const char *out = NULL;
    size_t n = 99;
    lede_error err = {0};
    int rc = lede_stem(st, word, strlen(word), &out, &n, &err);
    CHECK(rc == LEDE_OK, "lede_stem(%s): %s", word, err.message);
    if (rc != LEDE_OK) return;
    CHECK(strcmp(out, want) == 0 && n == strlen(want), "lede_stem(%s) = '%s' (%zu), want '%s'", word, out, n, want);
}

/* One family for the word forms a reader takes as one choice. */
static void test_english_families(void)
{
    lede_stemmer *st = NULL;
    OK(lede_stemmer_new("english", &st, ERR));
    CHECK(strcmp(lede_stemmer_language(st), "english") == 0, "language %s", lede_stemmer_language(st));
    check_stem(st, "annexed", "annex");
    check_stem(st, "annexation", "annex");
    check_stem(st, "annexes", "annex");
    check_stem(st, "illegal", "illeg");
    check_stem(st, "illegally", "illeg");
    check_stem(st, "integrated", "integr");
    check_stem(st, "referendum", "referendum");
    check_stem(st, "Kiev", "kiev");
    check_stem(st, "Kyiv", "kyiv");
    /* Normalized first: case folded, the curly apostrophe unified, so the
     * possessive goes with the name. */
    check_stem(st, "Russia\xE2\x80\x99s", "russia");
    check_stem(st, "RUSSIA'S", "russia");
    check_stem(st, "Crimea", "crimea");
    check_stem(st, "2014", "2014");
    check_stem(st, "land-for-peace", "land-for-peac");
    /* The result is the stemmer's until its next call: a second call
     * replaces it. */
    const char *a = NULL, *b = NULL;
    OK(lede_stem(st, "talks", 5, &a, NULL, ERR));
    CHECK(strcmp(a, "talk") == 0, "talks -> %s", a);
    OK(lede_stem(st, "meetings", 8, &b, NULL, ERR));
    CHECK(strcmp(b, "meet") == 0, "meetings -> %s", b);
    lede_stemmer_free(st);
}

/* ISO codes name the same algorithm; other languages are there. */
static void test_languages(void)
{
    lede_stemmer *st = NULL;
    OK(lede_stemmer_new("en", &st, ERR));
    check_stem(st, "recognizing", "recogn");
    lede_stemmer_free(st);
    OK(lede_stemmer_new("german", &st, ERR));
    check_stem(st, "Verhandlungen", "verhandl");
    lede_stemmer_free(st);
    OK(lede_stemmer_new("russian", &st, ERR));
    check_stem(st, "\xD0\x9A\xD1\x80\xD1\x8B\xD0\xBC\xD0\xB0", "\xD0\xBA\xD1\x80\xD1\x8B\xD0\xBC"); /* Крыма -> крым */
    lede_stemmer_free(st);
    int english = 0, n = 0;
    for (const char **l = lede_stem_languages(); *l; l++, n++)
        if (strcmp(*l, "english") == 0) english = 1;
    CHECK(english && n >= 20, "%d languages, english %d", n, english);
}

/* The caller's mistakes, each with its code and message. */
static void test_errors(void)
{
    lede_error err = {0};
    lede_stemmer *st = (lede_stemmer *)1;
    CHECK(lede_stemmer_new("klingon", &st, &err) == LEDE_ERR_ARG && st == NULL, "klingon accepted");
    CHECK(strcmp(err.message, "lede_stemmer_new: no stemmer for language 'klingon' (see lede_stem_languages)") == 0,
          "%s", err.message);
    CHECK(lede_stemmer_new("", &st, &err) == LEDE_ERR_ARG, "empty language accepted");
    CHECK(lede_stemmer_new(NULL, &st, &err) == LEDE_ERR_ARG, "NULL language accepted");
    CHECK(lede_stemmer_new("english", NULL, &err) == LEDE_ERR_ARG, "NULL out accepted");

    OK(lede_stemmer_new("english", &st, ERR));
    const char *out = "x";
    size_t n = 7;
    CHECK(lede_stem(st, "", 0, &out, &n, &err) == LEDE_ERR_ARG && out == NULL && n == 0, "empty word accepted");
    CHECK(strcmp(err.message, "lede_stem: empty word") == 0, "%s", err.message);
    CHECK(lede_stem(st, "ab\0c", 4, &out, &n, &err) == LEDE_ERR_ARG, "NUL byte accepted");
    CHECK(strcmp(err.message, "lede_stem: the word contains a NUL byte") == 0, "%s", err.message);
    CHECK(lede_stem(st, "two words", 9, &out, &n, &err) == LEDE_ERR_ARG, "two words accepted");
    CHECK(strcmp(err.message, "lede_stem: 'two words' is not one word (it holds white space)") == 0, "%s",
          err.message);
    CHECK(lede_stem(st, "a\xFF" "b", 3, &out, &n, &err) == LEDE_ERR_ARG && out == NULL, "invalid UTF-8 accepted");
    CHECK(strncmp(err.message, "lede_normalize: ", 16) == 0, "%s", err.message);
    CHECK(lede_stem(NULL, "a", 1, &out, &n, &err) == LEDE_ERR_ARG, "NULL stemmer accepted");
    CHECK(lede_stem(st, NULL, 1, &out, &n, &err) == LEDE_ERR_ARG, "NULL word accepted");
    /* The stemmer still works after the errors. */
    check_stem(st, "annexed", "annex");
    lede_stemmer_free(st);
    lede_stemmer_free(NULL);
}

int main(void)
{
    test_english_families();
    test_languages();
    test_errors();
    return CHECK_SUMMARY("test_stem");
}
