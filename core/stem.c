/* stem.c — word families through the Snowball stemmers of libstemmer
 * (lede_stem.h). The library does the stemming; this file checks the
 * word, normalizes it as tokens are normalized, and copies the result into
 * a buffer the stemmer owns. */
#include "error.h"

#include <libstemmer.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct lede_stemmer {
    struct sb_stemmer *sb;
    char *language;
    char *buf; /* the last stem, NUL-terminated */
    size_t cap;
};

/* The algorithms libstemmer was built with. */
const char **lede_stem_languages(void)
{
    return sb_stemmer_list();
}

/* Create a stemmer for `language` (lede_stem.h). */
int lede_stemmer_new(const char *language, lede_stemmer **out, lede_error *err)
{
    if (!out) return lede_fail(err, LEDE_ERR_ARG, "lede_stemmer_new: out is NULL");
    *out = NULL;
    if (!language || !*language) return lede_fail(err, LEDE_ERR_ARG, "lede_stemmer_new: no language given");
    lede_stemmer *s = calloc(1, sizeof *s);
    if (!s) return lede_fail(err, LEDE_ERR_NOMEM, "lede_stemmer_new: out of memory");
    s->language = strdup(language);
    if (!s->language) {
        free(s);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_stemmer_new: out of memory");
    }
    s->sb = sb_stemmer_new(language, NULL); /* NULL: UTF-8 */
    if (!s->sb) {
        /* sb_stemmer_new also returns NULL when out of memory: tell the two
         * apart by whether the name is one the library lists. */
        int known = 0;
        for (const char **l = sb_stemmer_list(); *l; l++)
            if (strcmp(*l, language) == 0) known = 1;
        lede_stemmer_free(s);
        if (known) return lede_fail(err, LEDE_ERR_NOMEM, "lede_stemmer_new: out of memory");
        return lede_fail(err, LEDE_ERR_ARG,
                         "lede_stemmer_new: no stemmer for language '%s' (see lede_stem_languages)", language);
    }
    *out = s;
    return LEDE_OK;
}

/* Free a stemmer (NULL is fine). */
void lede_stemmer_free(lede_stemmer *stemmer)
{
    if (!stemmer) return;
    sb_stemmer_delete(stemmer->sb);
    free(stemmer->language);
    free(stemmer->buf);
    free(stemmer);
}

/* The language the stemmer was made for. */
const char *lede_stemmer_language(const lede_stemmer *stemmer)
{
    return stemmer ? stemmer->language : NULL;
}

/* Whether a normalized word has a character that cannot be inside one
 * word: ASCII white space (the normalizer keeps other spaces as they are,
 * and a word token never holds any). */
static int has_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\v' || s[i] == '\f')
            return 1;
    return 0;
}

/* Stem one word (lede_stem.h). */
int lede_stem(lede_stemmer *stemmer, const char *word, size_t len, const char **out, size_t *out_len,
              lede_error *err)
{
    if (out) *out = NULL;
    if (out_len) *out_len = 0;
    if (!stemmer || !word || !out) return lede_fail(err, LEDE_ERR_ARG, "lede_stem: stemmer, word or out is NULL");
    if (len == 0) return lede_fail(err, LEDE_ERR_ARG, "lede_stem: empty word");
    if (memchr(word, '\0', len)) return lede_fail(err, LEDE_ERR_ARG, "lede_stem: the word contains a NUL byte");
    char *norm = NULL;
    size_t n = 0;
    int rc = lede_normalize(word, len, &norm, &n, err);
    if (rc != LEDE_OK) return rc; /* invalid UTF-8: LEDE_ERR_ARG from the normalizer */
    if (has_space(norm, n)) {
        free(norm);
        return lede_fail(err, LEDE_ERR_ARG, "lede_stem: '%.*s' is not one word (it holds white space)",
                         (int)(len > 64 ? 64 : len), word);
    }
    if (n > INT_MAX) {
        free(norm);
        return lede_fail(err, LEDE_ERR_LIMIT, "lede_stem: word of %zu bytes is too long", n);
    }
    const sb_symbol *stem = sb_stemmer_stem(stemmer->sb, (const sb_symbol *)norm, (int)n);
    free(norm);
    if (!stem) return lede_fail(err, LEDE_ERR_NOMEM, "lede_stem: out of memory");
    size_t m = (size_t)sb_stemmer_length(stemmer->sb);
    if (m + 1 > stemmer->cap) {
        size_t cap = stemmer->cap ? stemmer->cap : 64;
        while (cap < m + 1) cap *= 2;
        char *p = realloc(stemmer->buf, cap);
        if (!p) return lede_fail(err, LEDE_ERR_NOMEM, "lede_stem: out of memory");
        stemmer->buf = p;
        stemmer->cap = cap;
    }
    memcpy(stemmer->buf, stem, m);
    stemmer->buf[m] = '\0';
    *out = stemmer->buf;
    if (out_len) *out_len = m;
    return LEDE_OK;
}
