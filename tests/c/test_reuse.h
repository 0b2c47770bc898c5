/* test_reuse.h — small helpers shared by the tests of the reuse primitives:
 * checks that count failures, file reading, and the reference tokenization
 * of issue 3 (the recipe scikit-learn applies with
 * token_pattern=r"(?u)\w+(?:['’]\w+)*", lowercase=True). */
#ifndef TEST_REUSE_H
#define TEST_REUSE_H

#include "lede.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int failures;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
            failures++;                                                               \
        }                                                                             \
    } while (0)

#define CHECK_EQ(a, b)                                                                           \
    do {                                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                    \
        if (va_ != vb_) {                                                                        \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a, \
                    va_, #b, vb_);                                                               \
            failures++;                                                                          \
        }                                                                                        \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                   \
    do {                                                                                        \
        double va_ = (a), vb_ = (b);                                                            \
        if (!(fabs(va_ - vb_) <= (tol))) {                                                      \
            fprintf(stderr, "%s:%d: %s == %.6f, expected %.6f within %g\n", __FILE__, __LINE__, \
                    #a, va_, vb_, (double)(tol));                                               \
            failures++;                                                                         \
        }                                                                                       \
    } while (0)

/* The whole file, NUL-terminated (aborts the test if unreadable). */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (run from the source tree)\n", path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) exit(2);
    buf[size] = 0;
    fclose(f);
    *len = (size_t)size;
    return buf;
}

/* Python's \w: letters, digits and other numerals, and the underscore. */
static inline int ref_is_word(utf8proc_int32_t c)
{
    if (c == '_') return 1;
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static inline int ref_is_apostrophe(utf8proc_int32_t c) { return c == '\'' || c == 0x2019; }

/* Reference tokens: maximal runs of word characters, an apostrophe kept
 * when word characters stand on both sides, one-letter words kept,
 * lower-cased. Each token's UTF-8 form is hashed with lede_hash; returns the
 * number of tokens and a malloc'd array of hashes in *out, and (if spans is
 * not NULL) a malloc'd array of byte spans, start and end of token i at
 * [2i] and [2i+1]. */
static inline size_t ref_tokenize_spans(const char *text, size_t len, uint64_t **out, uint32_t **spans)
{
    size_t cap = 256, n = 0;
    uint64_t *hashes = malloc(cap * sizeof *hashes);
    uint32_t *sp = malloc(2 * cap * sizeof *sp), wstart = 0;
    unsigned char word[4096];
    size_t wlen = 0;
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t i = 0, L = (utf8proc_ssize_t)len;
    while (i <= L) {
        utf8proc_int32_t c = -1;
        utf8proc_ssize_t step = 1;
        if (i < L) {
            step = utf8proc_iterate(s + i, L - i, &c);
            if (step < 1) step = 1, c = -1;
        }
        int keep = 0;
        if (c >= 0 && ref_is_word(c)) keep = 1;
        else if (c >= 0 && ref_is_apostrophe(c) && wlen > 0 && i + step < L) {
            utf8proc_int32_t next = -1;
            utf8proc_iterate(s + i + step, L - i - step, &next);
            if (next >= 0 && ref_is_word(next)) keep = 1;
        }
        if (keep && wlen == 0) wstart = (uint32_t)i;
        if (keep && wlen + 4 < sizeof word) {
            utf8proc_int32_t lower = ref_is_word(c) ? utf8proc_tolower(c) : c;
            wlen += (size_t)utf8proc_encode_char(lower, word + wlen);
        } else if (!keep && wlen > 0) {
            if (n == cap) {
                cap *= 2;
                hashes = realloc(hashes, cap * sizeof *hashes);
                sp = realloc(sp, 2 * cap * sizeof *sp);
            }
            sp[2 * n] = wstart;
            sp[2 * n + 1] = (uint32_t)i;
            hashes[n++] = lede_hash(word, wlen);
            wlen = 0;
        }
        i += step;
    }
    *out = hashes;
    if (spans) *spans = sp;
    else free(sp);
    return n;
}

static inline size_t ref_tokenize(const char *text, size_t len, uint64_t **out)
{
    return ref_tokenize_spans(text, len, out, NULL);
}

#endif
