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

static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

uint16_t lede_tokblob_predict_flags(const char *text, uint32_t prev_end, uint32_t start, uint32_t end,
                                    unsigned kind)
{
    uint16_t flags = 0;
    if (start == 0 || is_space((unsigned char)text[start - 1])) flags |= LEDE_TF_SPACE_BEFORE;
    for (uint32_t i = prev_end; i < start; i++)
        if (text[i] == '\n' || text[i] == '\r') {
            flags |= LEDE_TF_LINE_BEFORE;
            break;
        }
    /* Case and digits judged on ASCII letters only; other scripts miss the
     * prediction and have their flags stored. */
    unsigned letters = 0, upper = 0;
    for (uint32_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= '0' && c <= '9') flags |= LEDE_TF_HAS_DIGIT;
        int is_upper = c >= 'A' && c <= 'Z', is_lower = c >= 'a' && c <= 'z';
        if (!is_upper && !is_lower) continue;
        if (letters++ == 0 && is_upper) flags |= LEDE_TF_CAPITALIZED;
        upper += (unsigned)is_upper;
    }
    if (letters >= 2 && upper == letters) flags |= LEDE_TF_ALLCAPS;
    if (kind == LEDE_TOKEN_QUOTE) {
        static const char *const doubles[] = {"\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e",
                                              "\xe2\x80\x9f", "\xc2\xab", "\xc2\xbb", "''"};
        size_t len = end - start;
        int dbl = 0;
        for (size_t i = 0; i < sizeof doubles / sizeof doubles[0]; i++)
            if (strlen(doubles[i]) == len && memcmp(doubles[i], text + start, len) == 0) dbl = 1;
        flags |= dbl ? LEDE_TF_DOUBLE_MARK : LEDE_TF_SINGLE_MARK;
    }
    return flags;
}

/* Is norm the ASCII lower case of the ASCII bytes s? (len bytes each) */
static int is_ascii_lower_of(const char *s, const char *norm, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) return 0;
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + ('a' - 'A'));
        if ((unsigned char)norm[i] != c) return 0;
    }
    return 1;
}

int lede_tokblob_encode(const char *text, const lede_token *tokens, size_t n, const char *norms,
                        lede_bytes *out)
{
    lede_bytes_varint(out, n);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const lede_token *t = &tokens[i];
        if (t->start < prev_end || t->end < t->start || t->kind > 7 || t->quote > 3) return -1;
        uint32_t len = t->end - t->start, gap = t->start - prev_end;
        const char *surface = text + t->start;
        const char *norm = norms + t->norm;
        unsigned mode;
        if (t->norm_len == len && memcmp(surface, norm, len) == 0)
            mode = LEDE_NORM_SAME;
        else if (t->norm_len == len && is_ascii_lower_of(surface, norm, len))
            mode = LEDE_NORM_LOWER;
        else
            mode = LEDE_NORM_INLINE;
        int explicit_flags = t->flags != lede_tokblob_predict_flags(text, prev_end, t->start, t->end, t->kind);
        lede_bytes_byte(out, (uint8_t)(t->kind | t->quote << 3 | mode << 5 | explicit_flags << 7));
        if (explicit_flags) lede_bytes_varint(out, t->flags);
        lede_bytes_varint(out, (uint64_t)len << 2 | (gap < 3 ? gap : 3));
        if (gap >= 3) lede_bytes_varint(out, gap - 3);
        if (mode == LEDE_NORM_INLINE) {
            lede_bytes_varint(out, t->norm_len);
            lede_bytes_append(out, norm, t->norm_len);
        }
        prev_end = t->end;
    }
    return 0;
}

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
