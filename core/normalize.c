/* normalize.c — the normalized form of tokens and query strings: NFC,
 * Unicode case folding, apostrophe look-alikes unified to ' and hyphens and
 * dashes inside words to -. See docs/tokenization.md. */
#include "error.h"
#include "lexical.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NORM_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)

/* Grow the norms arena so that `need` more bytes fit. */
static int norms_reserve(lede_token_buf *buf, size_t need)
{
    if (buf->norms_len + need <= buf->norms_cap) return LEDE_OK;
    size_t cap = buf->norms_cap ? buf->norms_cap : 256;
    while (cap < buf->norms_len + need) cap *= 2;
    char *p = realloc(buf->norms, cap);
    if (!p) return LEDE_ERR_NOMEM;
    buf->norms = p;
    buf->norms_cap = cap;
    return LEDE_OK;
}

/* utf8proc custom mapping for word-like tokens: every apostrophe look-alike
 * and every joining hyphen in such a token is inside the word by construction. */
static utf8proc_int32_t map_word_cp(utf8proc_int32_t cp, void *data)
{
    (void)data;
    if (lede_is_apostrophe(cp)) return '\'';
    if (lede_is_word_hyphen(cp)) return '-';
    return cp;
}

/* Decompose, case-fold and recompose text[0, len) into a code point buffer.
 * Returns the number of code points (or a negative utf8proc error); *cps is
 * `stack` when it fits, else malloc'd (caller frees when != stack). */
static utf8proc_ssize_t fold_to_cps(const char *text, size_t len, utf8proc_custom_func map,
                                    utf8proc_int32_t *stack, size_t stack_n, utf8proc_int32_t **cps)
{
    *cps = stack;
    utf8proc_ssize_t n = utf8proc_decompose_custom((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
                                                   stack, (utf8proc_ssize_t)stack_n, NORM_OPTIONS, map, NULL);
    if (n < 0) return n;
    if ((size_t)n > stack_n) {
        utf8proc_int32_t *heap = malloc((size_t)n * sizeof *heap);
        if (!heap) return UTF8PROC_ERROR_NOMEM;
        utf8proc_ssize_t m = utf8proc_decompose_custom((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len,
                                                       heap, n, NORM_OPTIONS, map, NULL);
        if (m < 0) {
            free(heap);
            return m;
        }
        *cps = heap;
        n = m;
    }
    /* utf8proc maps code points before folding them, and folding can make
     * a look-alike the map never saw (ŉ U+0149 folds to ʼ U+02BC + n): map
     * the folded code points again, so that normalizing is idempotent and a
     * query typed as its own normalized form finds the same words. */
    if (map)
        for (utf8proc_ssize_t i = 0; i < n; i++) (*cps)[i] = map((*cps)[i], NULL);
    return utf8proc_normalize_utf32(*cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

/* Append a token's normalized form to the norms arena (see lexical.h). */
int lede_norm_append(lede_token_buf *buf, const char *text, uint32_t start, uint32_t end, int kind,
                     uint16_t flags, lede_token *tok)
{
    size_t len = end - start;
    const unsigned char *s = (const unsigned char *)text + start;
    if (norms_reserve(buf, len + 2)) return LEDE_ERR_NOMEM;
    char *dst = buf->norms + buf->norms_len;
    size_t n = 0;
    if (kind == LEDE_TOKEN_QUOTE) {
        dst[n++] = (flags & LEDE_TF_DOUBLE_MARK) ? '"' : '\'';
    } else if (kind == LEDE_TOKEN_PUNCT) {
        /* Punctuation has no case and carries no marks: its bytes are its norm. */
        memcpy(dst, s, len);
        n = len;
    } else {
        int wordlike = kind == LEDE_TOKEN_WORD || kind == LEDE_TOKEN_ABBREV || kind == LEDE_TOKEN_NUMBER;
        /* Fast path: ASCII folds inline; ’ and the joining hyphens map to one
         * ASCII byte. Anything else non-ASCII goes through utf8proc. */
        size_t i = 0;
        while (i < len) {
            unsigned char c = s[i];
            if (c < 0x80) {
                if (wordlike && c == '`') c = '\''; /* the ASCII apostrophe look-alike */
                dst[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                i++;
                continue;
            }
            int32_t cp;
            size_t k = lede_u8_decode(s, len, i, &cp);
            if (wordlike && lede_is_apostrophe(cp)) dst[n++] = '\'';
            else if (wordlike && lede_is_word_hyphen(cp)) dst[n++] = '-';
            else break;
            i += k;
        }
        if (i < len) {
            utf8proc_int32_t stack[128], *cps;
            utf8proc_ssize_t m = fold_to_cps((const char *)s, len, wordlike ? map_word_cp : NULL, stack,
                                             sizeof stack / sizeof *stack, &cps);
            if (m < 0) {
                if (cps != stack) free(cps);
                /* Invalid UTF-8 cannot reach here from repaired text; keep the bytes. */
                if (m != UTF8PROC_ERROR_NOMEM) {
                    memcpy(dst, s, len);
                    n = len;
                    goto done;
                }
                return LEDE_ERR_NOMEM;
            }
            if (norms_reserve(buf, (size_t)m * 4 + 2)) {
                if (cps != stack) free(cps);
                return LEDE_ERR_NOMEM;
            }
            dst = buf->norms + buf->norms_len;
            n = 0;
            for (utf8proc_ssize_t j = 0; j < m; j++)
                n += (size_t)utf8proc_encode_char(cps[j], (utf8proc_uint8_t *)dst + n);
            if (cps != stack) free(cps);
        }
    }
done:
    dst[n] = '\0';
    tok->norm = (uint32_t)buf->norms_len;
    tok->norm_len = (uint32_t)n;
    buf->norms_len += n + 1;
    return LEDE_OK;
}

/* Mapping for free text (queries): apostrophe look-alikes to ', the double
 * quote marks a tokenizer would class as QUOTE to ", single marks to '. */
static utf8proc_int32_t map_text_cp(utf8proc_int32_t cp, void *data)
{
    (void)data;
    if (lede_is_apostrophe(cp)) return '\'';
    switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0xFF02:
        return '"';
    case 0x201A: case 0x201B: case 0x2039: case 0x203A:
        return '\'';
    default:
        return cp;
    }
}

/* Whether a code point next to a hyphen makes it a joining hyphen, as the
 * tokenizer decides: an apostrophe or a word character. A Hangul syllable
 * counts too: in text not yet in NFC it was a run of jamo, which are
 * letters to the tokenizer (found by fuzz_normalize: "n–각" with 각
 * decomposed is one word, normalized "n-각"). */
static int joins_words(utf8proc_int32_t cp)
{
    return cp == '\'' || lede_is_word_class(lede_cclass(cp)) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* lede_normalize: NFC + case fold + apostrophes to ' everywhere, quote marks
 * to " or ', and hyphens/dashes (‐ ‑ ‒ –) to - where both neighbours are
 * letters, digits or apostrophes. For one token's text the result equals the token's norm
 * (except the two-character quote marks '' and ``). */
int lede_normalize(const char *text, size_t len, char **out, size_t *out_len, lede_error *err)
{
    *out = NULL;
    if (out_len) *out_len = 0;
    if (!text && len) return lede_fail(err, LEDE_ERR_ARG, "lede_normalize: text is NULL");
    utf8proc_int32_t stack[256], *cps;
    utf8proc_ssize_t m = fold_to_cps(text ? text : "", len, map_text_cp, stack, sizeof stack / sizeof *stack, &cps);
    if (m < 0) {
        if (cps != stack) free(cps);
        if (m == UTF8PROC_ERROR_NOMEM) return lede_fail(err, LEDE_ERR_NOMEM, "lede_normalize: out of memory");
        return lede_fail(err, LEDE_ERR_ARG, "lede_normalize: %s", utf8proc_errmsg(m));
    }
    /* An apostrophe counts as part of the word here: it may have been the
     * letter ʼ (U+02BC), which the tokenizer joins words with, before the
     * mapping above made it ' (so "aʼ–b" gives "a'-b", as its token does). */
    for (utf8proc_ssize_t j = 1; j + 1 < m; j++)
        if (cps[j] != '-' && lede_is_word_hyphen(cps[j]) && joins_words(cps[j - 1]) && joins_words(cps[j + 1]))
            cps[j] = '-';
    char *dst = malloc((size_t)m * 4 + 1);
    if (!dst) {
        if (cps != stack) free(cps);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_normalize: out of memory");
    }
    size_t n = 0;
    for (utf8proc_ssize_t j = 0; j < m; j++) n += (size_t)utf8proc_encode_char(cps[j], (utf8proc_uint8_t *)dst + n);
    dst[n] = '\0';
    if (cps != stack) free(cps);
    *out = dst;
    if (out_len) *out_len = n;
    return LEDE_OK;
}
