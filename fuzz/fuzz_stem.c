/* fuzz_stem.c — libFuzzer target for lede_stem (core/stem.c), which takes
 * words as scripts and the REPL pass them: any bytes.
 *
 * The first byte picks one of a few languages (Snowball's algorithms differ
 * in their suffix tables); the rest is the word. Checks: a word that is
 * valid UTF-8, non-empty and free of NUL and white space stems; the stem is
 * valid UTF-8, NUL-terminated at the reported length, and stemming is the
 * same for the word's normalized form (so a query and the text it came
 * from fall in one family); anything else fails with LEDE_ERR_ARG and a
 * message, never a crash. */
#include "fuzz_check.h"
#include "load.h"

#include <string.h>

static const char *const LANGUAGES[] = {"english", "french", "german", "russian", "arabic", "porter"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    const char *language = LANGUAGES[data[0] % (sizeof LANGUAGES / sizeof LANGUAGES[0])];
    const char *word = (const char *)data + 1;
    size_t len = size - 1;
    lede_error err = {0};
    lede_stemmer *st = NULL;
    int rc = lede_stemmer_new(language, &st, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_stemmer_new(%s): %s", language, err.message);

    const char *stem = NULL;
    size_t stem_len = 0;
    rc = lede_stem(st, word, len, &stem, &stem_len, &err);
    if (rc) {
        fuzz_check_error(rc, &err, "lede_stem");
        FUZZ_CHECK(rc == LEDE_ERR_ARG, "lede_stem gave %s, not LEDE_ERR_ARG", lede_status_name(rc));
        lede_stemmer_free(st);
        return 0;
    }
    FUZZ_CHECK(fuzz_utf8_valid(word, len), "lede_stem accepted invalid UTF-8");
    FUZZ_CHECK(stem && stem[stem_len] == '\0', "stem not NUL-terminated at its length");
    FUZZ_CHECK(fuzz_utf8_valid(stem, stem_len), "stem is not valid UTF-8");
    char *first = fuzz_xmalloc(stem_len + 1);
    memcpy(first, stem, stem_len + 1);

    /* The normalized word falls in the same family. */
    char *norm = NULL;
    size_t norm_len = 0;
    if (lede_normalize(word, len, &norm, &norm_len, &err) == LEDE_OK && norm_len > 0) {
        rc = lede_stem(st, norm, norm_len, &stem, &stem_len, &err);
        FUZZ_CHECK(rc == LEDE_OK, "stemming the normalized word failed: %s", err.message);
        FUZZ_CHECK(strcmp(stem, first) == 0, "\"%.*s\" stems to \"%s\" but its normalized form to \"%s\"",
                   (int)len, word, first, stem);
    }
    free(norm);
    free(first);
    lede_stemmer_free(st);
    return 0;
}
