/* check.h — the C tests' assertion: CHECK(cond, fmt, ...) counts a check
 * and, when cond is false, prints file:line, the condition and the detail,
 * then carries on, so one run lists every failure. CHECK_SUMMARY(name)
 * prints the tally and is main's exit status. Include it once per test. */
#ifndef LEDE_TEST_CHECK_H
#define LEDE_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int failures, checks;

#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        checks++;                                                                        \
        if (!(cond)) {                                                                   \
            failures++;                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__, #cond);   \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
        }                                                                                \
    } while (0)

/* OK(call) runs a setup call that must succeed, passing ERR as its
 * lede_error argument, and stops the test with its message if it fails. */
#define OK(call)                                                                         \
    do {                                                                                 \
        lede_error e_ = {0};                                                             \
        int rc_ = (call);                                                                \
        if (rc_ != LEDE_OK) {                                                            \
            fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__, #call, e_.message); \
            exit(1);                                                                     \
        }                                                                                \
    } while (0)
#define ERR (&e_)

#define CHECK_SUMMARY(name) \
    (printf("%s: %d checks, %d failures\n", (name), checks, failures), failures ? 1 : 0)

#endif
