/* tokenize.c — splitting news text into tokens: words, abbreviations,
 * numbers, CJK characters, quote marks, punctuation and symbols. The rules are
 * documented with examples in docs/tokenization.md. */
#include "error.h"
#include "lexical.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------ character classes */

#define S_ LC_SPACE
#define L_ LC_LINE
#define U_ LC_UPPER
#define W_ LC_LOWER
#define D_ LC_DIGIT
#define P_ LC_PUNCT
#define O_ LC_OPEN
#define C_ LC_CLOSE
#define H_ LC_DASH
#define Y_ LC_SYMBOL
#define M_ LC_CURRENCY
#define X_ LC_OTHER

/* ASCII classes: CR, tab and space are white space; LF, VT and FF break lines. */
const uint8_t lede_ascii_class[128] = {
    X_, X_, X_, X_, X_, X_, X_, X_, X_, S_, L_, L_, L_, S_, X_, X_, /* 0x00 */
    X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, X_, /* 0x10 */
    S_, P_, P_, P_, M_, P_, P_, P_, O_, C_, P_, Y_, P_, H_, P_, P_, /*  !"#$%&'()*+,-./ */
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, Y_, Y_, Y_, P_, /* 0-9 :;<=>? */
    P_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, /* @A-O */
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, O_, P_, C_, Y_, P_, /* P-Z [\]^_ */
    Y_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, /* `a-o */
    W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, W_, O_, Y_, C_, Y_, X_, /* p-z {|}~ DEL */
};

/* CJK ideographs, kana and hangul syllables: each is one token. */
static int is_cjk(int32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) ||   /* hiragana, katakana */
           (cp >= 0x31F0 && cp <= 0x31FF) ||   /* katakana phonetic extensions */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* CJK unified ideographs */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* hangul syllables */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
           (cp >= 0xFF66 && cp <= 0xFF9D) ||   /* half-width katakana */
           (cp >= 0x20000 && cp <= 0x3FFFF);   /* supplementary ideographic planes */
}

/* Class of a non-ASCII code point: line separators, CJK ranges, then the
 * Unicode general category. */
int lede_cclass_slow(int32_t cp)
{
    if (cp == 0x85 || cp == 0x2028 || cp == 0x2029) return LC_LINE;
    if (is_cjk(cp) && cp != 0x30FC && cp != 0x30FB) return LC_CJK; /* ー and ・ are not ideographs */
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return LC_UPPER;
    case UTF8PROC_CATEGORY_LL: return LC_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return LC_LETTER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return LC_MARK;
    case UTF8PROC_CATEGORY_ND: return LC_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return LC_NUMERIC;
    case UTF8PROC_CATEGORY_PS: return LC_OPEN;
    case UTF8PROC_CATEGORY_PE: return LC_CLOSE;
    case UTF8PROC_CATEGORY_PD: return LC_DASH;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return LC_PUNCT;
    case UTF8PROC_CATEGORY_SC: return LC_CURRENCY;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return LC_SYMBOL;
    case UTF8PROC_CATEGORY_ZS: return LC_SPACE;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return LC_LINE;
    case UTF8PROC_CATEGORY_CF: return LC_FORMAT;
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CS: return LC_OTHER;
    default: return LC_SYMBOL; /* unassigned and private use: keep them visible */
    }
}

/* ---------------------------------------------------- abbreviation lexicon */

typedef struct abbrev_entry {
    const char *s;
    int cls;
} abbrev_entry;

/* Common news abbreviations written with a final dot, sorted by strcmp.
 * TITLE ones stand before a name or number (never ending a sentence there);
 * OTHER ones often end a sentence too (Inc., Jr., etc., months, states, and
 * St. Mt. Ft. which are also Street, Mount, Fort at the end of an address). */
#define T LEDE_ABBREV_TITLE
#define O LEDE_ABBREV_OTHER
static const abbrev_entry abbrevs[] = {
    {"Adm", T}, {"Ala", O}, {"Amb", T}, {"Apr", O}, {"Ariz", O}, {"Ark", O}, {"Assn", O}, {"Atty", T},
    {"Aug", O}, {"Ave", O}, {"Blvd", O}, {"Brig", T}, {"Bros", O}, {"Calif", O}, {"Capt", T}, {"Cdr", T},
    {"Cmdr", T}, {"Co", O}, {"Col", T}, {"Colo", O}, {"Conn", O}, {"Corp", O}, {"Cos", O}, {"Cpl", T},
    {"Dec", O}, {"Del", O}, {"Dept", O}, {"Det", T}, {"Dr", T}, {"Esq", O}, {"Feb", O}, {"Fig", T},
    {"Fla", O}, {"Fr", T}, {"Ft", O}, {"Ga", O}, {"Gen", T}, {"Gov", T}, {"Govs", T}, {"Govt", O}, {"Hon", T},
    {"Hwy", O}, {"Ill", O}, {"Inc", O}, {"Ind", O}, {"Insp", T}, {"Jan", O}, {"Jr", O}, {"Jul", O},
    {"Jun", O}, {"Kan", O}, {"Kans", O}, {"Ky", O}, {"La", O}, {"Lt", T}, {"Ltd", O}, {"Maj", T}, {"Mar", O},
    {"Mass", O}, {"Md", O}, {"Messrs", T}, {"Mich", O}, {"Minn", O}, {"Miss", O}, {"Mlle", T}, {"Mme", T},
    {"Mo", O}, {"Mont", O}, {"Mr", T}, {"Mrs", T}, {"Ms", T}, {"Msgr", T}, {"Mt", O}, {"Neb", O}, {"Nev", O},
    {"No", T}, {"Nos", T}, {"Nov", O}, {"Oct", O}, {"Okla", O}, {"Ore", O}, {"Pa", O}, {"Penn", O},
    {"Plc", O}, {"Pres", T}, {"Prof", T}, {"Pty", O}, {"Pvt", T}, {"Rd", O}, {"Rep", T}, {"Reps", T},
    {"Rev", T}, {"Rt", T}, {"Sec", T}, {"Sen", T}, {"Sens", T}, {"Sep", O}, {"Sept", O}, {"Sgt", T},
    {"Sr", O}, {"St", O}, {"Ste", O}, {"Supt", T}, {"Tenn", O}, {"Tex", O}, {"Va", O}, {"Vol", T}, {"Vt", O},
    {"Wash", O}, {"Wis", O}, {"Wyo", O}, {"al", O}, {"approx", O}, {"ca", O}, {"cf", O}, {"est", O},
    {"etc", O}, {"vol", T}, {"vs", T},
};
#undef T
#undef O

/* Binary search of the sorted lexicon. */
int lede_abbrev_lookup(const char *s, size_t n)
{
    size_t lo = 0, hi = sizeof abbrevs / sizeof *abbrevs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = abbrevs[mid].s;
        size_t en = strlen(e);
        int c = memcmp(s, e, n < en ? n : en);
        if (c == 0) c = n < en ? -1 : n > en ? 1 : 0;
        if (c == 0) return abbrevs[mid].cls;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return LEDE_ABBREV_NONE;
}

/* ---------------------------------------------------------------- scanner */

typedef struct scanner {
    const unsigned char *s;
    size_t len;
} scanner;

/* Code point and class at byte i; cp -1 and class 0 past the end. */
static inline size_t peek(const scanner *sc, size_t i, int32_t *cp, int *cls)
{
    if (i >= sc->len) {
        *cp = -1;
        *cls = 0;
        return 0;
    }
    size_t n;
    if (sc->s[i] < 0x80) {
        *cp = sc->s[i];
        n = 1;
        *cls = lede_ascii_class[*cp];
    } else {
        n = lede_u8_decode(sc->s, sc->len, i, cp);
        *cls = lede_cclass_slow(*cp);
    }
    return n;
}

/* Code point and class just before byte i; cp -1 at the start. */
static inline void peek_back(const scanner *sc, size_t i, int32_t *cp, int *cls)
{
    if (i == 0) {
        *cp = -1;
        *cls = 0;
        return;
    }
    size_t j = lede_u8_prev(sc->s, i);
    peek(sc, j, cp, cls);
}

/* Letter-case bookkeeping for the CAPITALIZED and ALLCAPS flags. */
typedef struct casecount {
    unsigned upper, lower, digit;
    int first; /* class of the first code point */
} casecount;

/* Count one code point of a token. */
static inline void count_cp(casecount *cc, int cls)
{
    if (!cc->first) cc->first = cls;
    if (cls == LC_UPPER) cc->upper++;
    else if (cls == LC_LOWER) cc->lower++;
    else if (cls == LC_DIGIT) cc->digit++;
}

/* CAPITALIZED, ALLCAPS and HAS_DIGIT from the counts. */
static uint16_t case_flags(const casecount *cc)
{
    uint16_t f = 0;
    if (cc->first == LC_UPPER) f |= LEDE_TF_CAPITALIZED;
    if (cc->upper >= 2 && cc->lower == 0) f |= LEDE_TF_ALLCAPS;
    if (cc->digit) f |= LEDE_TF_HAS_DIGIT;
    return f;
}

/* Number of ASCII digits at i, up to max+1. */
static size_t count_digits(const scanner *sc, size_t i, size_t max)
{
    size_t n = 0;
    while (i + n < sc->len && n <= max && sc->s[i + n] >= '0' && sc->s[i + n] <= '9') n++;
    return n;
}

/* Is there a dotted-letter abbreviation at i: one or two letters and a dot,
 * at least twice (U.S. U.K. a.m. e.g. Ph.D. U.S.A.), not followed by a letter
 * or digit? Returns its end or 0. */
static size_t scan_letter_dots(const scanner *sc, size_t i, casecount *cc)
{
    size_t j = i;
    int chunks = 0;
    casecount local = {0};
    for (;;) {
        size_t k = j;
        int letters = 0;
        int32_t cp;
        int cls;
        size_t n;
        while ((n = peek(sc, k, &cp, &cls)) && (cls == LC_UPPER || cls == LC_LOWER) && letters < 3) {
            count_cp(&local, cls);
            k += n;
            letters++;
        }
        if (letters == 0 || letters > 2 || k >= sc->len || sc->s[k] != '.') break;
        j = k + 1;
        chunks++;
    }
    if (chunks < 2) return 0;
    int32_t cp;
    int cls;
    peek(sc, j, &cp, &cls);
    if (lede_is_word_class(cls)) return 0;
    *cc = local;
    return j;
}

/* End of a possessive ’s (apostrophe then letters) at i, or i if none. */
static size_t scan_possessive(const scanner *sc, size_t i, casecount *cc)
{
    int32_t cp, cp2;
    int cls, cls2;
    size_t n = peek(sc, i, &cp, &cls);
    if (!n || !lede_is_apostrophe(cp)) return i;
    size_t j = i + n, m;
    peek(sc, j, &cp2, &cls2);
    if (!lede_is_letter_class(cls2)) return i; /* class 0 past the end */
    while ((m = peek(sc, j, &cp2, &cls2)) && lede_is_word_class(cls2)) {
        count_cp(cc, cls2);
        j += m;
    }
    return j;
}

/* Scan a word or number starting at i (a letter, digit or mark, or a
 * currency sign before a digit). Inner apostrophes join letters (they’re,
 * Rubio's), hyphens join letters and digits (30-day, land-for-peace), & joins
 * capitals (AT&T, M&S), and
 * between digits , . : / join as separators (3,270,459  1.5  10:30  1/2); a
 * number takes a letter suffix (1.2bn, 1990s) and a final % or currency sign.
 * Sets *kind to NUMBER when it starts with a digit or currency sign and has
 * no inner apostrophe, no hyphen next to a letter and no digit after a
 * letter (1986-87 and 132-1/2 are numbers, 30-day is a word), else WORD. */
static size_t scan_word(const scanner *sc, size_t i, int *kind, casecount *cc)
{
    size_t j = i;
    int32_t cp, next;
    int cls, ncls, prev = 0;
    int numeric = 0, joined = 0, letter_seen = 0, digit_after_letter = 0;
    size_t n = peek(sc, j, &cp, &cls);
    if (cls == LC_CURRENCY || cls == LC_DIGIT) numeric = 1;
    if (cls == LC_CURRENCY) {
        j += n;
        prev = cls;
    }
    while ((n = peek(sc, j, &cp, &cls))) {
        if (lede_is_word_class(cls)) {
            count_cp(cc, cls);
            if (cls == LC_DIGIT) {
                if (letter_seen) digit_after_letter = 1;
            } else if (cls != LC_NUMERIC) {
                letter_seen = 1;
            }
            j += n;
            prev = cls;
            continue;
        }
        peek(sc, j + n, &next, &ncls);
        if (cls == LC_FORMAT && (cp == 0x200C || cp == 0x200D || cp == 0xAD) && lede_is_word_class(ncls) &&
            lede_is_word_class(prev)) {
            j += n; /* ZWNJ, ZWJ and soft hyphen inside a word */
            continue;
        }
        if (lede_is_apostrophe(cp) && lede_is_word_class(prev) && prev != LC_NUMERIC && lede_is_letter_class(ncls) &&
            ncls != LC_MARK) {
            j += n;
            joined = 1;
            prev = LC_PUNCT;
            continue;
        }
        if (cp == '&' && prev == LC_UPPER && ncls == LC_UPPER) { /* AT&T M&S S&P Q&A */
            j += n;
            joined = 1;
            prev = LC_PUNCT;
            continue;
        }
        if (lede_is_word_hyphen(cp) && lede_is_word_class(prev) && lede_is_word_class(ncls) && ncls != LC_MARK) {
            casecount ignored = {0};
            if (scan_letter_dots(sc, j + n, &ignored)) break; /* (D-N.C.): keep N.C. whole */
            if (prev != LC_DIGIT || ncls != LC_DIGIT) joined = 1; /* 1986-87 stays a number */
            j += n;
            prev = LC_DASH;
            continue;
        }
        if (prev == LC_DIGIT && !letter_seen) {
            if (cp == '.' && ncls == LC_DIGIT) {
                j += n;
                prev = LC_PUNCT;
                continue;
            }
            if (cp == ',' && count_digits(sc, j + 1, 3) == 3) {
                j += n;
                prev = LC_PUNCT;
                continue;
            }
            if (cp == '/' && ncls == LC_DIGIT) { /* 1/2 1986/87 9/11 2/15/2016 */
                j += n;
                prev = LC_PUNCT;
                continue;
            }
            if (cp == ':' && count_digits(sc, j + 1, 2) == 2) {
                j += n;
                prev = LC_PUNCT;
                continue;
            }
            if (cp == '%' || cp == 0x2030 || cls == LC_CURRENCY) {
                j += n;
                break;
            }
        }
        break;
    }
    *kind = numeric && !joined && !digit_after_letter ? LEDE_TOKEN_NUMBER : LEDE_TOKEN_WORD;
    return j;
}

/* ------------------------------------------------------- links and e-mail */

/* Does s[i, len) start with the ASCII string p, ignoring case? */
static int starts_ci(const unsigned char *s, size_t len, size_t i, const char *p)
{
    for (; *p; p++, i++) {
        if (i >= len) return 0;
        unsigned c = s[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != (unsigned char)*p) return 0;
    }
    return 1;
}

/* An ASCII letter or digit. */
static int is_alnum_ascii(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Top-level domains accepted in a bare domain name (state.gov, t.co,
 * bit.ly); words that are also common English words (it, in, to, me, us)
 * are left out so a missing space ("end.to") is not a link. */
static int known_tld(const unsigned char *s, size_t n)
{
    static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "mil", "int", "io", "co", "ly",
                                       "ms", "fo", "uk", "tv", "info", "biz", "ru", "cn", "eu", "ca", "au"};
    for (size_t k = 0; k < sizeof tlds / sizeof *tlds; k++)
        if (strlen(tlds[k]) == n && memcmp(tlds[k], s, n) == 0) return 1;
    return 0;
}

/* A domain name at i: labels of letters, digits and hyphens joined by dots,
 * at least two, the last of 2 to 6 letters (a known one when `bare`, and
 * then all in lower case). Returns its end or 0. */
static size_t scan_domain(const unsigned char *s, size_t len, size_t i, int bare)
{
    size_t j = i, labels = 0, last = i;
    for (;;) {
        size_t k = j;
        while (k < len && (is_alnum_ascii(s[k]) || s[k] == '-')) {
            if (bare && s[k] >= 'A' && s[k] <= 'Z') return 0;
            k++;
        }
        if (k == j) break;
        labels++;
        last = j;
        j = k;
        if (j + 1 < len && s[j] == '.' && is_alnum_ascii(s[j + 1])) j++;
        else break;
    }
    size_t tld = j - last;
    if (labels < 2 || tld < 2 || tld > 6) return 0;
    for (size_t k = last; k < j; k++)
        if (!((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) return 0;
    if (bare && !known_tld(s + last, tld)) return 0;
    return j;
}

/* A link or e-mail address starting at i, as one WORD token: http:// or
 * https:// or www. and what follows up to white space, or a bare domain
 * (pic.twitter.com/…), or local@domain. Trailing punctuation that ends the
 * sentence or closes a bracket or quote stays outside. Returns its end or 0. */
static size_t scan_link(const scanner *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t len = sc->len, j;
    if (starts_ci(s, len, i, "https://")) j = i + 8;
    else if (starts_ci(s, len, i, "http://")) j = i + 7;
    else if (starts_ci(s, len, i, "www.")) j = i + 4;
    else {
        size_t k = i;
        while (k < len && (is_alnum_ascii(s[k]) || s[k] == '.' || s[k] == '_' || s[k] == '%' || s[k] == '+' ||
                           s[k] == '-'))
            k++;
        if (k < len && s[k] == '@') return scan_domain(s, len, k + 1, 0);
        j = scan_domain(s, len, i, 1);
        if (!j) return 0;
        if (j >= len || s[j] != '/') return j;
    }
    size_t body = j;
    while (j < len && s[j] > ' ' && s[j] < 0x7F && !strchr("<>\"`{}|\\^", s[j])) j++;
    while (j > body && strchr(".,;:!?'\")]", s[j - 1])) j--;
    return j > body ? j : 0;
}

/* Quote-mark context: can the mark at [i, end) open (start of text, space,
 * opening bracket, dash or opening quote before it)? */
static int opening_context(const scanner *sc, size_t i)
{
    int32_t cp;
    int cls;
    peek_back(sc, i, &cp, &cls);
    /* straight marks before it: look past them ('''Sir opens twice) */
    while ((cp == '"' || cp == '\'' || cp == '`') && i > 0) {
        i--;
        peek_back(sc, i, &cp, &cls);
    }
    if (cp < 0 || lede_is_space_class(cls) || cls == LC_OPEN || cls == LC_DASH) return 1;
    return cp == 0x201C || cp == 0x2018 || cp == 0x201E || cp == 0x201A || cp == 0xAB || cp == 0x2039 ||
           cp == 0x201F || cp == 0x201B;
}

/* Can the mark ending at `end` close (end of text, space or punctuation after it)? */
static int closing_context(const scanner *sc, size_t end)
{
    int32_t cp;
    int cls;
    peek(sc, end, &cp, &cls);
    return cp < 0 || lede_is_space_class(cls) || cls == LC_PUNCT || cls == LC_CLOSE || cls == LC_DASH;
}

/* White space or the start of text before byte i. */
static int space_or_edge_before(const scanner *sc, size_t i)
{
    int32_t cp;
    int cls;
    peek_back(sc, i, &cp, &cls);
    return cp < 0 || lede_is_space_class(cls);
}

/* White space or the end of text at byte `end`. */
static int space_or_edge_after(const scanner *sc, size_t end)
{
    int32_t cp;
    int cls;
    peek(sc, end, &cp, &cls);
    return cp < 0 || lede_is_space_class(cls);
}

/* Glyph families of quote marks. */
enum { QG_NONE, QG_OPEN, QG_CLOSE, QG_STRAIGHT };

/* The glyph family of a quote mark (QG_NONE if cp is not one); *dbl says
 * whether it is a double mark. */
static int quote_glyph(int32_t cp, int *dbl)
{
    switch (cp) {
    case 0x201C: case 0x201E: case 0x201F: case 0xAB: case 0x300C: case 0x301D:
        *dbl = 1; return QG_OPEN;       /* “ „ ‟ « 「 〝 */
    case 0x2018: case 0x201A: case 0x201B: case 0x2039: case 0x300E:
        *dbl = 0; return QG_OPEN;       /* ‘ ‚ ‛ ‹ 『 */
    case 0x201D: case 0xBB: case 0x300D: case 0x301E: case 0x301F:
        *dbl = 1; return QG_CLOSE;      /* ” » 」 〞 〟 */
    case 0x2019: case 0x203A: case 0x300F:
        *dbl = 0; return QG_CLOSE;      /* ’ › 』 */
    case '"': case 0xFF02:
        *dbl = 1; return QG_STRAIGHT;
    case '\'': case '`': case 0xFF07:
        *dbl = 0; return QG_STRAIGHT;
    default:
        return QG_NONE;
    }
}

/* Class a quote mark spanning [i, end) from its glyph and neighbours.
 * Straight marks: OPEN after start/space/bracket/dash when a non-space
 * follows; CLOSE after a non-space when space, punctuation or the end
 * follows; else AMBIGUOUS. Curly marks keep their glyph's class unless the
 * context clearly says the opposite (German „…“, Swedish ”…”, Danish »…«). */
static int quote_class(const scanner *sc, size_t i, size_t end, int glyph)
{
    int open_ctx = opening_context(sc, i);
    int close_ctx = closing_context(sc, end);
    int space_before = space_or_edge_before(sc, i);
    int space_after = space_or_edge_after(sc, end);
    switch (glyph) {
    case QG_OPEN:
        return !open_ctx && close_ctx ? LEDE_QUOTE_CLOSE : LEDE_QUOTE_OPEN;
    case QG_CLOSE: {
        int32_t cp;
        int cls;
        peek(sc, end, &cp, &cls);
        return open_ctx && (lede_is_word_class(cls) || cls == LC_CJK) ? LEDE_QUOTE_OPEN : LEDE_QUOTE_CLOSE;
    }
    default:
        if (open_ctx && !space_after) return LEDE_QUOTE_OPEN;
        if (!space_before && close_ctx) return LEDE_QUOTE_CLOSE;
        return LEDE_QUOTE_AMBIGUOUS;
    }
}

/* Extend a symbol or CJK token over the rest of its grapheme cluster (emoji
 * sequences, variation selectors, combining marks). */
static size_t extend_grapheme(const scanner *sc, size_t i, size_t n, int32_t cp)
{
    size_t j = i + n;
    int32_t state = 0, next;
    int cls;
    size_t m;
    while ((m = peek(sc, j, &next, &cls)) && !utf8proc_grapheme_break_stateful(cp, next, &state)) {
        j += m;
        cp = next;
    }
    return j;
}

/* One token starting at i (not white space): its end, kind, quote class and
 * flags other than SPACE_BEFORE/LINE_BEFORE. */
static size_t scan_token(const scanner *sc, size_t i, int32_t cp, size_t n, int cls, int *kind, int *quote,
                         uint16_t *flags)
{
    casecount cc = {0};
    int32_t next;
    int ncls;
    *quote = LEDE_QUOTE_NONE;
    if (cls == LC_CJK) {
        *kind = LEDE_TOKEN_CJK;
        return extend_grapheme(sc, i, n, cp);
    }
    /* Quick test first: a dotted abbreviation has a dot at i+1 or i+2 (ASCII). */
    if ((cls == LC_UPPER || cls == LC_LOWER) &&
        (cp >= 0x80 || (i + 1 < sc->len && sc->s[i + 1] == '.') || (i + 2 < sc->len && sc->s[i + 2] == '.'))) {
        size_t end = scan_letter_dots(sc, i, &cc);
        if (end) {
            end = scan_possessive(sc, end, &cc);
            *kind = LEDE_TOKEN_ABBREV;
            *flags |= case_flags(&cc);
            return end;
        }
    }
    if (lede_is_word_class(cls) || (cls == LC_CURRENCY && (peek(sc, i + n, &next, &ncls), ncls == LC_DIGIT))) {
        size_t end = scan_word(sc, i, kind, &cc);
        if (end < sc->len && (sc->s[end] == '.' || sc->s[end] == '@' || sc->s[end] == ':') && cp < 0x80) {
            size_t link = scan_link(sc, i);
            if (link > end) {
                casecount lc = {0};
                for (size_t k = i; k < link; k++) count_cp(&lc, lede_ascii_class[sc->s[k]]);
                *kind = LEDE_TOKEN_WORD;
                *flags |= case_flags(&lc);
                return link;
            }
        }
        /* A plain word followed by a dot may be an initial or a listed abbreviation. */
        if (*kind == LEDE_TOKEN_WORD && end < sc->len && sc->s[end] == '.' && cc.digit == 0) {
            peek(sc, end + 1, &next, &ncls);
            if (!lede_is_word_class(ncls)) {
                int abbrev = 0;
                if (cc.upper == 1 && cc.lower == 0 && end - i <= 4 && (int)(end - i) == (int)n) {
                    /* An initial is followed on its line by the name it shortens
                     * (John F. Kennedy); before a line end, the end of the text, a
                     * quote mark or a lower-case word (on X.) the dot ends a sentence. */
                    size_t k = end + 1;
                    while (k < sc->len && (sc->s[k] == ' ' || sc->s[k] == '\t')) k++;
                    int32_t after;
                    int acls;
                    abbrev = k > end + 1 && peek(sc, k, &after, &acls) && acls == LC_UPPER;
                }
                else if (end - i <= 8) {
                    int c = lede_abbrev_lookup((const char *)sc->s + i, end - i);
                    /* No. and Nos. only before a number: "No. 10", not "said no." */
                    if (c && (end - i == 2 || (end - i == 3 && sc->s[i + 2] == 's')) && sc->s[i] == 'N' &&
                        sc->s[i + 1] == 'o') {
                        size_t k = end + 1;
                        while (k < sc->len && sc->s[k] == ' ') k++;
                        c = k < sc->len && sc->s[k] >= '0' && sc->s[k] <= '9';
                    }
                    abbrev = c != LEDE_ABBREV_NONE;
                }
                if (abbrev) {
                    *kind = LEDE_TOKEN_ABBREV;
                    end = scan_possessive(sc, end + 1, &cc); /* Jr.'s */
                }
            }
        }
        *flags |= case_flags(&cc);
        return end;
    }
    int dbl = 0;
    int glyph = quote_glyph(cp, &dbl);
    if (glyph) {
        size_t end = i + n;
        /* '' and `` stand for a double mark. In ,''' the single mark closes
         * first (' then ''); in '''Sir the double mark opens first. */
        int triple_close = cp == '\'' && end + 1 < sc->len && sc->s[end] == '\'' && sc->s[end + 1] == '\'' &&
                           !space_or_edge_before(sc, i);
        if ((cp == '\'' || cp == '`') && end < sc->len && sc->s[end] == (unsigned char)cp && !triple_close) {
            end++;
            dbl = 1;
        }
        *kind = LEDE_TOKEN_QUOTE;
        *flags |= dbl ? LEDE_TF_DOUBLE_MARK : LEDE_TF_SINGLE_MARK;
        *quote = cp == '`' && dbl ? LEDE_QUOTE_OPEN : quote_class(sc, i, end, glyph);
        return end;
    }
    if (cls == LC_CURRENCY || cls == LC_SYMBOL || cls == LC_FORMAT || cls == LC_OTHER) {
        *kind = LEDE_TOKEN_SYMBOL;
        return extend_grapheme(sc, i, n, cp);
    }
    /* Punctuation: runs of dots (...), of … and of hyphens (--) are one token. */
    *kind = LEDE_TOKEN_PUNCT;
    size_t end = i + n;
    if (cp == '.' || cp == 0x2026 || cp == '-') {
        size_t m;
        while ((m = peek(sc, end, &next, &ncls)) && next == cp) end += m;
    }
    return end;
}

/* ------------------------------------------------------------ token buffer */

static int push_token(lede_token_buf *buf, const lede_token *tok)
{
    if (buf->n == buf->cap) {
        size_t cap = buf->cap ? buf->cap * 2 : 64;
        lede_token *v = realloc(buf->v, cap * sizeof *v);
        if (!v) return LEDE_ERR_NOMEM;
        buf->v = v;
        buf->cap = cap;
    }
    buf->v[buf->n++] = *tok;
    return LEDE_OK;
}

/* Free a token buffer and zero it (safe on a zeroed buffer). */
void lede_token_buf_free(lede_token_buf *buf)
{
    if (!buf) return;
    free(buf->v);
    free(buf->norms);
    memset(buf, 0, sizeof *buf);
}

/* Tokenize text[0, len): skip white space, remembering whether it held a
 * line break, scan one token, normalize and hash it, repeat. */
int lede_tokenize(const char *text, size_t len, lede_token_buf *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (!text && len) return lede_fail(err, LEDE_ERR_ARG, "lede_tokenize: text is NULL");
    if (len > UINT32_MAX - 1)
        return lede_fail(err, LEDE_ERR_LIMIT, "lede_tokenize: text of %zu bytes exceeds the 4 GiB token offset limit",
                         len);
    scanner sc = {(const unsigned char *)text, len};
    /* Typical news runs about 5.5 bytes per token and 5 bytes per norm. */
    size_t guess = len / 5 + 16;
    out->v = malloc(guess * sizeof *out->v);
    out->norms = malloc(len + guess + 16);
    if (!out->v || !out->norms) goto nomem;
    out->cap = guess;
    out->norms_cap = len + guess + 16;

    uint16_t pending = LEDE_TF_SPACE_BEFORE; /* the start of text counts as space */
    size_t i = 0;
    while (i < len) {
        unsigned char c = sc.s[i];
        if (c == ' ') { /* fast path for the commonest byte */
            pending |= LEDE_TF_SPACE_BEFORE;
            i++;
            continue;
        }
        int32_t cp;
        int cls;
        size_t n = peek(&sc, i, &cp, &cls);
        if (cls == LC_SPACE || cls == LC_OTHER) {
            pending |= LEDE_TF_SPACE_BEFORE;
            i += n;
            continue;
        }
        if (cls == LC_LINE) {
            pending |= LEDE_TF_SPACE_BEFORE | LEDE_TF_LINE_BEFORE;
            i += n;
            continue;
        }
        if (cls == LC_FORMAT) { /* ZWSP, BOM, soft hyphen, stray ZWJ between tokens: a zero-width space */
            pending |= LEDE_TF_SPACE_BEFORE;
            i += n;
            continue;
        }
        lede_token tok = {0};
        int kind, quote;
        uint16_t flags = pending;
        size_t end = scan_token(&sc, i, cp, n, cls, &kind, &quote, &flags);
        tok.start = (uint32_t)i;
        tok.end = (uint32_t)end;
        tok.kind = (uint8_t)kind;
        tok.quote = (uint8_t)quote;
        tok.flags = flags;
        if (lede_norm_append(out, text, tok.start, tok.end, kind, flags, &tok)) goto nomem;
        tok.hash = lede_hash(out->norms + tok.norm, tok.norm_len);
        if (push_token(out, &tok)) goto nomem;
        pending = 0;
        i = end;
    }
    return LEDE_OK;
nomem:
    lede_token_buf_free(out);
    return lede_fail(err, LEDE_ERR_NOMEM, "lede_tokenize: out of memory");
}
