/* load_check.h — assertion macros for the loading tests (test_text, test_load). Each failed check
 * prints where and what, and the test's exit status is the failure count. */
#ifndef LEDE_TEST_LOAD_CHECK_H
#define LEDE_TEST_LOAD_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
            check_failures++;                                                        \
        }                                                                            \
    } while (0)

#define CHECK_INT(got, want)                                                             \
    do {                                                                                 \
        long long got_ = (long long)(got), want_ = (long long)(want);                    \
        if (got_ != want_) {                                                             \
            fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", __FILE__, __LINE__, #got, \
                    got_, want_);                                                        \
            check_failures++;                                                            \
        }                                                                                \
    } while (0)

#define CHECK_STR(got, want)                                                                 \
    do {                                                                                     \
        const char *got_ = (got), *want_ = (want);                                           \
        if (!got_ || !want_ || strcmp(got_, want_) != 0) {                                   \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #got, \
                    got_ ? got_ : "(null)", want_ ? want_ : "(null)");                       \
            check_failures++;                                                                \
        }                                                                                    \
    } while (0)

/* Bytes, not strings: the stored text may hold any byte but NUL. */
#define CHECK_MEM(got, got_len, want, want_len)                                               \
    do {                                                                                      \
        size_t gl_ = (got_len), wl_ = (want_len);                                             \
        if (gl_ != wl_ || memcmp((got), (want), wl_) != 0) {                                  \
            fprintf(stderr, "%s:%d: %s is \"%.*s\" (%zu bytes), expected \"%.*s\" (%zu bytes)\n", \
                    __FILE__, __LINE__, #got, (int)gl_, (const char *)(got), gl_, (int)wl_,   \
                    (const char *)(want), wl_);                                               \
            check_failures++;                                                                 \
        }                                                                                     \
    } while (0)

#define CHECK_DONE()                                                              \
    do {                                                                          \
        if (check_failures) fprintf(stderr, "%d check(s) failed\n", check_failures); \
        return check_failures ? 1 : 0;                                            \
    } while (0)

#endif
