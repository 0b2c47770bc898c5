/* check.h — the C tests' assertion: CHECK(cond, fmt, ...) counts a check
 * and, when cond is false, prints file:line, the condition and the detail,
 * then carries on, so one run lists every failure. CHECK_SUMMARY(name)
 * prints the tally and is main's exit status. Include it once per test. */
#ifndef LEDE_TEST_CHECK_H
#define LEDE_TEST_CHECK_H

#include <stdio.h>

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

#define CHECK_SUMMARY(name) \
    (printf("%s: %d checks, %d failures\n", (name), checks, failures), failures ? 1 : 0)

#endif
