/* error.h — internal helpers for filling a lede_error. */
#ifndef LEDE_ERROR_H
#define LEDE_ERROR_H

#include "lede.h"

/* Write a formatted message into err (if not NULL) and return `code`, so a
 * failure reads `return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(errno));`. */
int lede_fail(lede_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
