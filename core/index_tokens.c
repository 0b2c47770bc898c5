/* index_tokens.c — a document's token table as a compact BLOB, so an index
 * returns a document's tokens without tokenizing it again.
 *
 * Layout (docs/schema.md): varint ntokens, then per token
 *   1 byte   kind (bits 0-2) | quote class (bits 3-4) | norm mode (bits 5-6)
 *            | bit 7 set when the flags differ from the predicted ones
 *   [varint  flags (LEDE_TF_*), only when bit 7 is set]
 *   varint   length << 2 | min(gap, 3), where gap is the token's start
 *            minus the previous token's end (the first token's: its start)
 *   [varint  gap - 3, only when gap >= 3]
 *   [varint  norm length, then its bytes, only for LEDE_NORM_INLINE]
 * A typical word takes two bytes. Flags are predicted from the text (see
 * lede_tokblob_predict_flags) and stored only when the prediction misses,
 * so the stored table is exact whatever the tokenizer decides. A token's
 * sentence and paragraph come from the sentences table, its hash from
 * lede_hash of its normalized form. */
#include "index.h"

#include <string.h>

/* ASCII white space, as the flag prediction understands it. */
static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Flags judged from the bytes before the token: white space (or the start
 * of the text) right before it, a line break since the previous token. */
static inline uint16_t gap_flags(const char *text, uint32_t prev_end, uint32_t start)
{
    uint16_t flags = 0;
    if (start == 0 || is_space((unsigned char)text[start - 1])) flags |= LEDE_TF_SPACE_BEFORE;
    for (uint32_t i = prev_end; i < start; i++)
        if (text[i] == '\n' || text[i] == '\r') {
            flags |= LEDE_TF_LINE_BEFORE;
            break;
        }
    return flags;
}

/* Flags of a quote mark: double or single. */
static uint16_t quote_flags(const char *s, size_t len)
{
    static const char *const doubles[] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
                                          "\xe2\x80\x9f", "\xc2\xab", "\xc2\xbb", "''"};
    for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++)
        if (strlen(doubles[i]) == len && memcmp(doubles[i], s, len) == 0) return LEDE_TF_DOUBLE_MARK;
    return LEDE_TF_SINGLE_MARK;
}

#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

/* Bytes p[0, n) (n <= 8) as a little-endian word, zero-padded; reads 8
 * bytes at once when they lie before `limit`. */
static inline uint64_t load_word(const unsigned char *p, uint32_t n, const unsigned char *limit)
{
    uint64_t v = 0;
    if (limit - p >= 8) {
        memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v);
#endif
        if (n < 8) v &= (1ull << (8 * n)) - 1;
    } else {
        for (uint32_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

/* High bit set in each byte of y (7-bit values) that is >= c. No carries
 * cross bytes: y + 128 - c <= 255. */
static inline uint64_t at_least(uint64_t y, unsigned c) { return (y + (128u - c) * ONES) & HIGH; }

/* One pass over a token's bytes, eight at a time: the flags its ASCII
 * letters and digits predict (case judged on ASCII letters only; other
 * scripts miss the prediction and get their flags stored) and, when norm
 * is not NULL, how its normalized form relates to it (*mode). Bytes at or
 * past the limits are never read. */
static inline uint16_t scan_token(const unsigned char *s, uint32_t len, const unsigned char *s_limit,
                                  const unsigned char *norm, uint32_t norm_len, const unsigned char *norm_limit,
                                  unsigned *mode)
{
    unsigned letters = 0, upper_count = 0, digit = 0, cap = 0, seen_letter = 0;
    int same = norm && norm_len == len, lower = same;
    for (uint32_t i = 0; i < len; i += 8) {
        uint32_t n = len - i < 8 ? len - i : 8;
        uint64_t valid = n == 8 ? HIGH : HIGH & ((1ull << (8 * n)) - 1);
        uint64_t x = load_word(s + i, n, s_limit);
        uint64_t ascii = ~x & valid, y = x & ~HIGH;
        uint64_t up = at_least(y, 'A') & ~at_least(y, 'Z' + 1) & ascii;
        uint64_t lo = at_least(y, 'a') & ~at_least(y, 'z' + 1) & ascii;
        uint64_t dg = at_least(y, '0') & ~at_least(y, '9' + 1) & ascii;
        uint64_t letter = up | lo;
        if (letter && !seen_letter) {
            seen_letter = 1;
            cap = (letter & (0 - letter) & up) != 0; /* the first letter is upper case */
        }
        letters += (unsigned)__builtin_popcountll(letter);
        upper_count += (unsigned)__builtin_popcountll(up);
        digit |= dg != 0;
        if (same | lower) {
            uint64_t nw = load_word(norm + i, n, norm_limit);
            same &= x == nw;
            lower &= ascii == valid && (x | up >> 2) == nw; /* 'A' | 0x20 == 'a' */
        }
    }
    if (mode) *mode = same ? LEDE_NORM_SAME : lower ? LEDE_NORM_LOWER : LEDE_NORM_INLINE;
    return (uint16_t)((cap ? LEDE_TF_CAPITALIZED : 0) |
                      (letters >= 2 && upper_count == letters ? LEDE_TF_ALLCAPS : 0) |
                      (digit ? LEDE_TF_HAS_DIGIT : 0));
}

uint16_t lede_tokblob_predict_flags(const char *text, size_t text_len, uint32_t prev_end, uint32_t start,
                                    uint32_t end, unsigned kind)
{
    const unsigned char *t = (const unsigned char *)text;
    uint16_t flags = gap_flags(text, prev_end, start) |
                     scan_token(t + start, end - start, t + text_len, NULL, 0, NULL, NULL);
    if (kind == LEDE_TOKEN_QUOTE) flags |= quote_flags(text + start, end - start);
    return flags;
}

int lede_tokblob_encode(const char *text, size_t text_len, const lede_token *tokens, size_t n,
                        const char *norms, size_t norms_len, lede_bytes *out)
{
    const unsigned char *text_limit = (const unsigned char *)text + text_len;
    const unsigned char *norms_limit = (const unsigned char *)norms + norms_len;
    /* At most 3 varints and a byte per token besides inline norms: reserve
     * once so the loop below writes without checks. */
    if (lede_bytes_reserve(out, LEDE_VARINT_MAX + n * (1 + 3 * LEDE_VARINT_MAX))) return 0;
    uint8_t *p = out->v + out->n;
    p += lede_varint_put(p, n);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_token *t = &tokens[i];
        if (t->start < prev_end || t->end < t->start || t->end > text_len || t->kind > 7 || t->quote > 3 ||
            t->norm > norms_len || t->norm_len > norms_len - t->norm)
            return -1;
        uint32_t len = t->end - t->start, gap = t->start - prev_end;
        unsigned mode;
        uint16_t predicted = gap_flags(text, prev_end, t->start) |
                             scan_token((const unsigned char *)text + t->start, len, text_limit,
                                        (const unsigned char *)norms + t->norm, t->norm_len, norms_limit, &mode);
        if (t->kind == LEDE_TOKEN_QUOTE) predicted |= quote_flags(text + t->start, len);
        unsigned explicit_flags = t->flags != predicted;
        *p++ = (uint8_t)(t->kind | t->quote << 3 | mode << 5 | explicit_flags << 7);
        if (explicit_flags) p += lede_varint_put(p, t->flags);
        p += lede_varint_put(p, (uint64_t)len << 2 | (gap < 3 ? gap : 3));
        if (gap >= 3) p += lede_varint_put(p, gap - 3);
        if (mode == LEDE_NORM_INLINE) {
            out->n = (size_t)(p - out->v);
            lede_bytes_varint(out, t->norm_len);
            lede_bytes_append(out, norms + t->norm, t->norm_len);
            /* Room for the remaining tokens again. */
            if (lede_bytes_reserve(out, (n - i) * (1 + 3 * LEDE_VARINT_MAX))) return 0;
            p = out->v + out->n;
        }
        prev_end = t->end;
    }
    out->n = (size_t)(p - out->v);
    return 0;
}

/* Start decoding a token table (index.h). */
int lede_tokblob_open(lede_tokblob_reader *r, const void *blob, size_t len, uint64_t *ntokens)
{
    r->p = blob;
    r->end = r->p + len;
    r->prev_end = 0;
    r->remaining = 0;
    if (!blob || lede_varint_get(&r->p, r->end, &r->remaining)) return -1;
    *ntokens = r->remaining;
    return 0;
}

/* Decode the next token, checking its offsets against the text (index.h). */
int lede_tokblob_next(lede_tokblob_reader *r, size_t text_len, lede_tokblob_entry *e)
{
    uint64_t flags = 0, packed, gap;
    if (!r->remaining || r->p >= r->end) return -1;
    uint8_t head = *r->p++;
    if ((head & 0x80) && lede_varint_get(&r->p, r->end, &flags)) return -1;
    if (lede_varint_get(&r->p, r->end, &packed)) return -1;
    gap = packed & 3;
    if (gap == 3) {
        if (lede_varint_get(&r->p, r->end, &gap)) return -1;
        gap += 3;
    }
    uint64_t len = packed >> 2;
    if (gap > text_len - r->prev_end || len > text_len - r->prev_end - gap || flags > UINT16_MAX) return -1;
    e->kind = head & 7;
    e->quote = (head >> 3) & 3;
    e->norm_mode = (head >> 5) & 3;
    e->flags_explicit = (head >> 7) & 1;
    e->flags = (uint16_t)flags;
    e->prev_end = r->prev_end;
    e->start = r->prev_end + (uint32_t)gap;
    e->end = e->start + (uint32_t)len;
    e->norm = NULL;
    e->norm_len = (uint32_t)len;
    if (e->norm_mode == LEDE_NORM_INLINE) {
        uint64_t nlen;
        if (lede_varint_get(&r->p, r->end, &nlen) || nlen > (uint64_t)(r->end - r->p)) return -1;
        e->norm = r->p;
        e->norm_len = (uint32_t)nlen;
        r->p += nlen;
    } else if (e->norm_mode != LEDE_NORM_SAME && e->norm_mode != LEDE_NORM_LOWER) {
        return -1;
    }
    r->prev_end = e->end;
    r->remaining--;
    return 0;
}
