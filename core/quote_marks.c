/* quote_marks.c — which characters are quote marks, of what kind, and what
 * stands around them. Pure lookups for the scanner in quotes.c. */
#include "quote_marks.h"
#include "lede_quotes.h"

#include <utf8proc.h>

/* The quote mark at s[0, n), by its UTF-8 bytes (see quote_marks.h). */
qm_glyph qm_read(const char *s, size_t n, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    *len = n ? 1 : 0;
    if (!n) return QM_NONE;
    if (u[0] == '"') return QM_SDQ;
    if (u[0] == '\'') return QM_SSQ;
    if (u[0] == '`') {
        if (n >= 2 && u[1] == '`') {
            *len = 2;
            return QM_BACKTICKS;
        }
        return QM_NONE;
    }
    if (u[0] < 0x80) return QM_NONE;
    /* length of a non-ASCII character, for skipping it */
    size_t clen = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    *len = clen <= n ? clen : n;
    if (n >= 2 && u[0] == 0xC2) {
        if (u[1] == 0xAB) return QM_LAQ;
        if (u[1] == 0xBB) return QM_RAQ;
        return QM_NONE;
    }
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80) {
        switch (u[2]) {
        case 0x98: return QM_LSQ;
        case 0x99: return QM_RSQ;
        case 0x9A: return QM_LOWS;
        case 0x9B: return QM_REVS;
        case 0x9C: return QM_LDQ;
        case 0x9D: return QM_RDQ;
        case 0x9E: return QM_LOWD;
        case 0x9F: return QM_REVD;
        case 0xB9: return QM_LSAQ;
        case 0xBA: return QM_RSAQ;
        default: return QM_NONE;
        }
    }
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80) {
        switch (u[2]) {
        case 0x8C: return QM_LCORNER;
        case 0x8D: return QM_RCORNER;
        case 0x8E: return QM_LWCORNER;
        case 0x8F: return QM_RWCORNER;
        case 0x9D: return QM_LDQ; /* 〝 double prime quotation marks (CJK) */
        case 0x9E: case 0x9F: return QM_RDQ; /* 〞 〟 */
        default: return QM_NONE;
        }
    }
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC) {
        if (u[2] == 0x82) return QM_SDQ; /* ＂ fullwidth */
        if (u[2] == 0x87) return QM_SSQ; /* ＇ fullwidth */
    }
    return QM_NONE;
}

/* The kind of quote a glyph opens or closes. */
qm_family qm_family_of(qm_glyph g)
{
    switch (g) {
    case QM_LSQ: case QM_RSQ: case QM_SSQ: case QM_LOWS: case QM_REVS: return QM_FAM_SINGLE;
    case QM_LAQ: case QM_RAQ: return QM_FAM_GUIL;
    case QM_LSAQ: case QM_RSAQ: return QM_FAM_SGUIL;
    case QM_LCORNER: case QM_RCORNER: return QM_FAM_CORNER;
    case QM_LWCORNER: case QM_RWCORNER: return QM_FAM_WCORNER;
    default: return QM_FAM_DOUBLE;
    }
}

/* The lede_quote_style reported for a quote opened (or closed) with g. */
int qm_style_of(qm_glyph g)
{
    switch (qm_family_of(g)) {
    case QM_FAM_SINGLE: return LEDE_QSTYLE_SINGLE;
    case QM_FAM_GUIL: case QM_FAM_SGUIL: return LEDE_QSTYLE_GUILLEMET;
    case QM_FAM_CORNER: case QM_FAM_WCORNER: return LEDE_QSTYLE_CORNER;
    default: return g == QM_DAPOS || g == QM_BACKTICKS ? LEDE_QSTYLE_APOSTROPHES : LEDE_QSTYLE_DOUBLE;
    }
}

/* Whether open … close is a consistent pair (one line per opening glyph). */
int qm_pair_matches(qm_glyph open, qm_glyph close)
{
    switch (open) {
    case QM_LDQ: return close == QM_RDQ;
    case QM_RDQ: return close == QM_RDQ;                    /* Swedish ”…” */
    case QM_LOWD: return close == QM_LDQ || close == QM_RDQ; /* German „…“, Polish „…” */
    case QM_REVD: return close == QM_RDQ;
    case QM_SDQ: return close == QM_SDQ;
    case QM_DAPOS: case QM_BACKTICKS: return close == QM_DAPOS; /* ''…'' and ``…'' */
    case QM_LSQ: return close == QM_RSQ;
    case QM_RSQ: return close == QM_RSQ;
    case QM_LOWS: return close == QM_LSQ || close == QM_RSQ;
    case QM_REVS: return close == QM_RSQ;
    case QM_SSQ: return close == QM_SSQ;
    case QM_LAQ: return close == QM_RAQ;
    case QM_RAQ: return close == QM_LAQ || close == QM_RAQ; /* German »…«, Finnish »…» */
    case QM_LSAQ: return close == QM_RSAQ;
    case QM_RSAQ: return close == QM_LSAQ || close == QM_RSAQ;
    case QM_LCORNER: return close == QM_RCORNER;
    case QM_LWCORNER: return close == QM_RWCORNER;
    default: return 0;
    }
}

/* The code point ending at byte pos, -1 at the start, U+FFFD if invalid. */
int32_t qm_cp_before(const char *text, size_t pos)
{
    if (pos == 0) return -1;
    const unsigned char *u = (const unsigned char *)text;
    size_t start = pos - 1;
    /* step back over at most three continuation bytes to the lead byte */
    while (start > 0 && pos - start < 4 && (u[start] & 0xC0) == 0x80) start--;
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(u + start, (utf8proc_ssize_t)(pos - start), &cp);
    if (n < 0 || (size_t)n != pos - start) return 0xFFFD;
    return cp;
}

/* The code point starting at byte pos, -1 at the end, U+FFFD if invalid. */
int32_t qm_cp_at(const char *text, size_t len, size_t pos)
{
    if (pos >= len) return -1;
    const unsigned char *u = (const unsigned char *)text;
    size_t avail = len - pos < 4 ? len - pos : 4;
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(u + pos, (utf8proc_ssize_t)avail, &cp);
    return n < 0 ? 0xFFFD : cp;
}

/* White space: ASCII blanks, NEL and Unicode Zs, Zl, Zp (what the tokenizer
 * reads as space or a line break). */
int qm_is_space(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') return 1;
    if (cp == 0x85) return 1; /* NEL, a C1 control the tokenizer reads as a line break */
    if (cp < 0x80) return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

/* An ASCII digit. */
int qm_is_digit(int32_t cp) { return cp >= '0' && cp <= '9'; }

/* What kind of character stands next to a mark (see qm_char_class). */
qm_char_class qm_classify(int32_t cp)
{
    if (cp < 0) return QM_C_EDGE;
    if (qm_is_space(cp)) return QM_C_SPACE;
    switch (cp) {
    case '"': case '\'': case '`':
    case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039: case 0x203A:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D: case 0x301E: case 0x301F:
    case 0xFF02: case 0xFF07:
        return QM_C_MARK;
    case '(': case '[': case '{': case '/': case '<':
    case '-': case 0x2010: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2E3A:
        return QM_C_OPENER;
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
    case '>': case 0x2026: case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E:
        return QM_C_CLOSER;
    default: break;
    }
    if ((cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return QM_C_CJK;
    if (cp < 0x80) {
        if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            return QM_C_ALNUM;
        return QM_C_OTHER;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CF:
        return QM_C_SPACE; /* invisible format characters (U+200B, U+202A, U+FEFF): as white space */
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return QM_C_ALNUM;
    default:
        return QM_C_OTHER;
    }
}
