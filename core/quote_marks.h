/* quote_marks.h — internal: recognizing quote marks and reading the
 * characters around them, for the quote-span scanner (quotes.c). */
#ifndef LEDE_QUOTE_MARKS_H
#define LEDE_QUOTE_MARKS_H

#include <stddef.h>
#include <stdint.h>

/* One glyph (or, for QM_DAPOS and QM_BACKTICKS, one pair of characters). */
typedef enum qm_glyph {
    QM_NONE = 0,
    QM_LDQ,       /* “ */
    QM_RDQ,       /* ” */
    QM_SDQ,       /* "  straight double */
    QM_LOWD,      /* „ */
    QM_REVD,      /* ‟ */
    QM_DAPOS,     /* '' two apostrophes standing for a double mark */
    QM_BACKTICKS, /* `` */
    QM_LSQ,       /* ‘ */
    QM_RSQ,       /* ’ */
    QM_SSQ,       /* '  straight single */
    QM_LOWS,      /* ‚ */
    QM_REVS,      /* ‛ */
    QM_LAQ,       /* « */
    QM_RAQ,       /* » */
    QM_LSAQ,      /* ‹ */
    QM_RSAQ,      /* › */
    QM_LCORNER,   /* 「 */
    QM_RCORNER,   /* 」 */
    QM_LWCORNER,  /* 『 */
    QM_RWCORNER,  /* 』 */
    QM_NGLYPHS
} qm_glyph;

/* Kinds of mark: a closing mark only closes a quote opened by its own kind. */
typedef enum qm_family {
    QM_FAM_DOUBLE = 0, /* “ ” " „ ‟ '' `` */
    QM_FAM_SINGLE,     /* ‘ ’ ' ‚ ‛ */
    QM_FAM_GUIL,       /* « » */
    QM_FAM_SGUIL,      /* ‹ › */
    QM_FAM_CORNER,     /* 「 」 */
    QM_FAM_WCORNER,    /* 『 』 */
    QM_NFAMILIES
} qm_family;

/* The glyph of the quote mark at s[0, n) and its length in bytes through
 * *len, or QM_NONE (with *len the length of the character there, at least 1
 * when n > 0). A single apostrophe reads as QM_SSQ: runs of apostrophes are
 * the scanner's to interpret. */
qm_glyph qm_read(const char *s, size_t n, size_t *len);

qm_family qm_family_of(qm_glyph g);
int qm_style_of(qm_glyph g); /* lede_quote_style */

/* Whether a quote opened with `open` and closed with `close` is written
 * consistently (“…”, „…“, »…«, ''…''); other pairs of one family are
 * flagged as mismatched. */
int qm_pair_matches(qm_glyph open, qm_glyph close);

/* What kind of character stands next to a mark. */
typedef enum qm_char_class {
    QM_C_EDGE = 0,  /* start or end of the text */
    QM_C_SPACE,     /* white space, and invisible format characters (U+202A, U+200B) */
    QM_C_ALNUM,     /* letter or digit (any script) */
    QM_C_OPENER,    /* ( [ { and dashes, slash: a quote may open after these */
    QM_C_CLOSER,    /* . , ; : ! ? … ) ] } : a quote may close before these */
    QM_C_MARK,      /* another quote mark */
    QM_C_CJK,       /* an ideograph, kana or hangul: CJK text has no spaces, so it says nothing */
    QM_C_OTHER
} qm_char_class;

/* The code point ending just before byte `pos` (or -1 at the start), and
 * the one starting at `pos` (or -1 at the end). Invalid bytes read as U+FFFD. */
int32_t qm_cp_before(const char *text, size_t pos);
int32_t qm_cp_at(const char *text, size_t len, size_t pos);

qm_char_class qm_classify(int32_t cp);
int qm_is_space(int32_t cp);
int qm_is_digit(int32_t cp); /* ASCII 0-9 */

#endif
