/*
 * lede_stem.h — word families: the Snowball stemmers (libstemmer), so that
 * `annexed`, `annexation` and `annexes` count as one choice of word
 * (`annex`). Included at the end of lede.h; the ownership and error rules
 * stated there hold.
 *
 *     lede_stemmer *st; const char *stem; size_t n;
 *     lede_stemmer_new("english", &st, &err);
 *     lede_stem(st, "Annexation", 10, &stem, &n, &err);   // "annex", n = 5
 *     lede_stemmer_free(st);
 *
 * A stemmer is not thread-safe (Snowball keeps its work buffer in it): use
 * one per thread.
 */
#ifndef LEDE_STEM_H
#define LEDE_STEM_H

#include "lede.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lede_stemmer lede_stemmer;

/* The names of the available algorithms ("arabic", …, "english", …),
 * NULL-terminated; static, never freed. */
const char **lede_stem_languages(void);

/* A stemmer for `language`: an algorithm name from lede_stem_languages() or
 * its ISO 639 code ("en", "eng"); lower case. An unknown name gives
 * LEDE_ERR_ARG. */
int lede_stemmer_new(const char *language, lede_stemmer **out, lede_error *err);
void lede_stemmer_free(lede_stemmer *stemmer);

/* The algorithm's name the stemmer was made with, as given. Borrowed. */
const char *lede_stemmer_language(const lede_stemmer *stemmer);

/* The stem of one word. The word is normalized first (lede_normalize: NFC,
 * case folded, apostrophes unified to '), so "Russia’s" and "russia's"
 * give the same stem ("russia"). *out (NUL-terminated, *out_len bytes) is
 * borrowed from the stemmer until its next call or its free. An empty word,
 * a word containing a NUL byte or white space, or invalid UTF-8 gives
 * LEDE_ERR_ARG. */
int lede_stem(lede_stemmer *stemmer, const char *word, size_t len, const char **out, size_t *out_len,
              lede_error *err);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_STEM_H */
