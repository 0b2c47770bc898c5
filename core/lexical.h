/* lexical.h — internals shared by tokenize.c, normalize.c and segment.c:
 * UTF-8 decoding, character classes, the abbreviation lexicon and the
 * token-norm writer. Not part of the public API. */
#ifndef LEDE_LEXICAL_H
#define LEDE_LEXICAL_H

#include <stddef.h>
#include <stdint.h>

#include "analyze.h"

/* Character classes the tokenizer and segmenter reason with. */
enum lede_cclass {
    LC_SPACE = 1, /* white space that is not a line break (CR included) */
    LC_LINE,      /* a line break: LF, VT, FF, NEL, LS, PS */
    LC_UPPER,     /* upper- or title-case letter */
    LC_LOWER,     /* lower-case letter */
    LC_LETTER,    /* other letter (modifier, uncased scripts) */
    LC_DIGIT,     /* decimal digit */
    LC_NUMERIC,   /* other number (½ ² Ⅻ) */
    LC_MARK,      /* combining mark */
    LC_CJK,       /* CJK ideograph, kana or hangul syllable: one per token */
    LC_OPEN,      /* opening bracket ( [ { */
    LC_CLOSE,     /* closing bracket ) ] } */
    LC_DASH,      /* dash punctuation - ‐ – — */
    LC_PUNCT,     /* other punctuation, including quote marks */
    LC_CURRENCY,  /* $ £ € ¥ … */
    LC_SYMBOL,    /* other symbols, emoji */
    LC_FORMAT,    /* format characters (ZWJ, soft hyphen) */
    LC_OTHER      /* controls, unassigned, private use */
};

/* Decode the code point at s[i] (i < len) into *cp and return its length in
 * bytes. Malformed or truncated sequences decode as U+FFFD of length 1, so a
 * scan always advances and never reads past len. */
static inline size_t lede_u8_decode(const unsigned char *s, size_t len, size_t i, int32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    size_t n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (i + n > len) { *cp = 0xFFFD; return 1; }
    for (size_t k = 1; k < n; k++) {
        unsigned d = s[i + k];
        if ((d & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (int32_t)(d & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = 0xFFFD; return 1; }
    *cp = v;
    return n;
}

/* The start of the code point that ends just before byte i (i > 0). */
static inline size_t lede_u8_prev(const unsigned char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80) j--;
    return j;
}

/* Class of a non-ASCII code point (utf8proc categories plus CJK ranges). */
int lede_cclass_slow(int32_t cp);

extern const uint8_t lede_ascii_class[128];

/* Class of any code point; ASCII from a table. */
static inline int lede_cclass(int32_t cp)
{
    return cp < 128 ? lede_ascii_class[cp] : lede_cclass_slow(cp);
}

/* Class tests: white space; letters, digits and marks (word characters); letters and marks. */
static inline int lede_is_space_class(int c) { return c == LC_SPACE || c == LC_LINE; }
static inline int lede_is_word_class(int c)
{
    return c == LC_UPPER || c == LC_LOWER || c == LC_LETTER || c == LC_DIGIT || c == LC_NUMERIC ||
           c == LC_MARK;
}
static inline int lede_is_letter_class(int c)
{
    return c == LC_UPPER || c == LC_LOWER || c == LC_LETTER || c == LC_MARK;
}

/* Apostrophe look-alikes that join a word when between letters: ' ’ ‘ ʼ ′ ` */
static inline int lede_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032 || cp == '`';
}

/* Hyphens and dashes that join a word when between letters or digits:
 * - ‐ ‑ ‒ – (the em dash — and the minus sign never join). */
static inline int lede_is_word_hyphen(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2013);
}

/* Abbreviation classes returned by lede_abbrev_lookup. */
enum {
    LEDE_ABBREV_NONE = 0,
    LEDE_ABBREV_TITLE, /* precedes a name or number and never ends a sentence there: Mr. Gen. St. */
    LEDE_ABBREV_OTHER  /* may end a sentence: Inc. Jr. etc. Jan. */
};

/* Look up letters s[0, n) (without the final dot) in the lexicon of common
 * news abbreviations, case-sensitively. */
int lede_abbrev_lookup(const char *s, size_t n);

/* Append the normalized form of text[start, end) to buf->norms (NUL-terminated)
 * and store its offset and length in *tok. `kind` is the token's kind: quote
 * tokens normalize to '"' or '\''. Returns LEDE_OK or LEDE_ERR_NOMEM. */
int lede_norm_append(lede_token_buf *buf, const char *text, uint32_t start, uint32_t end, int kind,
                     uint16_t flags, lede_token *tok);

/* A code point that serves as a sentence-final mark: . ! ? … and the CJK ones. */
static inline int lede_is_terminal_cp(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 ||
           cp == 0xFF1F || cp == 0xFF0E || cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049;
}

#endif
