/* query_date.c — lede_date_key: the date a metadata field holds, as
 * YYYYMMDD, so documents can be filtered by date range whatever format
 * their source wrote the date in. */
#include "lede_query.h"

#include <ctype.h>
#include <string.h>

static const char *const MONTHS[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};

/* The month (1-12) a word at s names (at least its first three letters,
 * ASCII case ignored), or 0; *len receives the word's length. */
static unsigned month_at(const char *s, size_t *len)
{
    size_t n = 0;
    while (isalpha((unsigned char)s[n])) n++;
    *len = n;
    if (n < 3) return 0;
    for (unsigned m = 0; m < 12; m++)
        if (tolower((unsigned char)s[0]) == MONTHS[m][0] && tolower((unsigned char)s[1]) == MONTHS[m][1] &&
            tolower((unsigned char)s[2]) == MONTHS[m][2])
            return m + 1;
    return 0;
}

/* Read 1 to `max` digits at *s into *v; returns the count read. */
static int digits(const char **s, int max, unsigned *v)
{
    int n = 0;
    *v = 0;
    while (n < max && isdigit((unsigned char)**s)) {
        *v = *v * 10 + (unsigned)(**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

/* YYYYMMDD if the parts make a plausible date, else 0. */
static uint32_t key(unsigned y, unsigned m, unsigned d)
{
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return 0;
    return y * 10000 + m * 100 + d;
}

uint32_t lede_date_key(const char *text)
{
    if (!text) return 0;
    const char *s = text;
    while (*s == ' ' || *s == '\t') s++;
    /* RFC 2822: a weekday name and a comma first. */
    size_t wl;
    if (isalpha((unsigned char)*s) && !month_at(s, &wl)) {
        const char *comma = s;
        while (isalpha((unsigned char)*comma)) comma++;
        if (*comma == ',') s = comma + 1;
        while (*s == ' ') s++;
    }
    const char *p = s;
    unsigned a, b, c;
    int na = digits(&p, 4, &a);
    if (na == 4 && (*p == '-' || *p == '/' || *p == '.')) {
        /* ISO 8601: 2025-04-23, 2025/04/23 */
        char sep = *p++;
        if (digits(&p, 2, &b) && *p == sep) {
            p++;
            if (digits(&p, 2, &c)) return key(a, b, c);
        }
        return 0;
    }
    if (na >= 1 && na <= 2) {
        while (*p == ' ' || *p == '-') p++;
        size_t ml;
        unsigned m = month_at(p, &ml);
        if (m) {
            /* 26-FEB-1987, 23 April 2025, 23 Apr 2025 */
            p += ml;
            while (*p == ' ' || *p == '-' || *p == '.' || *p == ',') p++;
            if (digits(&p, 4, &c) == 4) return key(c, m, a);
        }
        return 0;
    }
    if (na == 0) {
        size_t ml;
        unsigned m = month_at(p, &ml);
        if (m) {
            /* April 23, 2025 */
            p += ml;
            while (*p == ' ' || *p == '.') p++;
            if (digits(&p, 2, &b)) {
                while (*p == ',' || *p == ' ') p++;
                if (digits(&p, 4, &c) == 4) return key(c, m, b);
            }
        }
    }
    return 0;
}
