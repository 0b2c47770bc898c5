/* error.c — status names and the formatted-failure helper. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

const char *lede_status_name(int code)
{
    switch (code) {
    case LEDE_OK: return "LEDE_OK";
    case LEDE_ERR_NOMEM: return "LEDE_ERR_NOMEM";
    case LEDE_ERR_IO: return "LEDE_ERR_IO";
    case LEDE_ERR_FORMAT: return "LEDE_ERR_FORMAT";
    case LEDE_ERR_LIMIT: return "LEDE_ERR_LIMIT";
    case LEDE_ERR_DB: return "LEDE_ERR_DB";
    case LEDE_ERR_ARG: return "LEDE_ERR_ARG";
    case LEDE_ERR_NOTFOUND: return "LEDE_ERR_NOTFOUND";
    case LEDE_ERR_QUERY: return "LEDE_ERR_QUERY";
    default: return "LEDE_ERR_UNKNOWN";
    }
}

int lede_fail(lede_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}
