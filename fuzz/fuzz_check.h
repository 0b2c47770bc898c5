/* fuzz_check.h — invariants the fuzz targets assert on every input, shared
 * by all targets. A broken invariant prints what broke and aborts, so
 * libFuzzer (or the replay driver) reports the input that broke it.
 *
 * The checks restate the contracts of core/lede.h, core/analyze.h and
 * core/lede_reuse.h independently of the code under test: UTF-8 is
 * validated by its own decoder here, spans are recomputed from tokens. */
#ifndef LEDE_FUZZ_CHECK_H
#define LEDE_FUZZ_CHECK_H

#include "analyze.h"
#include "doc.h"
#include "lexical.h"
#include "load.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FUZZ_CHECK(cond, ...)                                                              \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant broken: %s\n  ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fprintf(stderr, "\n");                                                         \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* Abort on an allocation failure in the harness itself (not the code under test). */
static inline void *fuzz_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) abort();
    return p;
}

/* Whether s[0, len) is well-formed UTF-8 (RFC 3629: shortest form, no
 * surrogates, at most U+10FFFF). Written out here rather than taken from
 * the core so that the check does not share the core's mistakes. */
static inline int fuzz_utf8_valid(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        size_t n;
        uint32_t v;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 2; v = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 3; v = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 4; v = c & 0x07; }
        else return 0;
        if (len - i < n) return 0;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return 0;
            v = (v << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF))) return 0;
        if (v >= 0xD800 && v <= 0xDFFF) return 0;
        i += n;
    }
    return 1;
}

/* Whether byte offset off of valid UTF-8 text starts a character (or is its end). */
static inline int fuzz_on_boundary(const char *text, size_t len, size_t off)
{
    return off == len || (off < len && ((unsigned char)text[off] & 0xC0) != 0x80);
}

/* The NFC of valid UTF-8 s[0, len) as a malloc'd string (length in *out_len),
 * by utf8proc, or NULL if utf8proc fails. utf8proc up to 2.10 composes a
 * Hangul LV syllable with U+11A7, which is not a trailing consonant (TCount
 * starts at U+11A8), and so drops the U+11A7 (utf8proc pull request 317).
 * U+11A7 is a starter that composes with nothing, so NFC never reaches
 * across it: normalize the pieces between U+11A7s and join them. */
static inline char *fuzz_nfc(const char *s, size_t len, size_t *out_len)
{
    char *out = fuzz_xmalloc(len * 4 + 16); /* NFC grows UTF-8 at most 3-fold (UAX #15) */
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        int cut = i + 3 <= len && memcmp(s + i, "\xE1\x86\xA7", 3) == 0;
        if (!cut && i < len) continue;
        if (i > start) {
            utf8proc_uint8_t *nfc = NULL;
            utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s + start, (utf8proc_ssize_t)(i - start), &nfc,
                                              UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (m < 0) {
                free(out);
                return NULL;
            }
            memcpy(out + n, nfc, (size_t)m);
            n += (size_t)m;
            free(nfc);
        }
        if (cut) {
            memcpy(out + n, s + i, 3);
            n += 3;
            i += 2;
            start = i + 1;
        }
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* Whether valid UTF-8 text is in NFC (fuzz_nfc as the reference). */
static inline int fuzz_is_nfc(const char *text, size_t len)
{
    if (len == 0) return 1;
    size_t n;
    char *nfc = fuzz_nfc(text, len, &n);
    if (!nfc) return 0;
    int same = n == len && memcmp(nfc, text, len) == 0;
    free(nfc);
    return same;
}

/* Token invariants for text[0, len) (valid UTF-8) and its tokens:
 *   - each token is non-empty, inside the text, on character boundaries;
 *   - tokens are in order and do not overlap;
 *   - nothing but white space, controls and zero-width format characters
 *     lies between tokens (no text is lost);
 *   - kind and quote class are in range, and only quote tokens have a class
 *     and a double- or single-mark flag (and the norm " or ');
 *   - SPACE_BEFORE says exactly whether a gap (or the start) precedes the
 *     token, LINE_BEFORE whether that gap holds a line break, HAS_DIGIT
 *     whether a word, number or abbreviation holds a decimal digit;
 *   - each normalized form lies inside the norms arena, is NUL-terminated,
 *     valid UTF-8, non-empty, and hashed by lede_hash. */
static inline void fuzz_check_tokens(const char *text, size_t len, const lede_token_buf *buf)
{
    const lede_token *t = buf->v;
    size_t prev_end = 0;
    for (size_t i = 0; i < buf->n; i++) {
        FUZZ_CHECK(t[i].start < t[i].end && t[i].end <= len, "token %zu spans [%u, %u) of %zu bytes", i,
                   t[i].start, t[i].end, len);
        FUZZ_CHECK(t[i].start >= prev_end, "token %zu starts at %u before the previous end %zu", i, t[i].start,
                   prev_end);
        FUZZ_CHECK(fuzz_on_boundary(text, len, t[i].start) && fuzz_on_boundary(text, len, t[i].end),
                   "token %zu [%u, %u) splits a UTF-8 character", i, t[i].start, t[i].end);
        const unsigned char *s = (const unsigned char *)text;
        int line_before = 0;
        for (size_t k = prev_end; k < t[i].start;) {
            int32_t cp;
            size_t n = lede_u8_decode(s, len, k, &cp);
            int cls = lede_cclass(cp);
            FUZZ_CHECK(cls == LC_SPACE || cls == LC_LINE || cls == LC_OTHER || cls == LC_FORMAT,
                       "U+%04X (class %d) at byte %zu lies between tokens %zu and %zu", (unsigned)cp, cls, k,
                       i ? i - 1 : 0, i);
            line_before |= cls == LC_LINE;
            k += n;
        }
        uint16_t f = t[i].flags;
        FUZZ_CHECK(!!(f & LEDE_TF_SPACE_BEFORE) == (i == 0 || t[i].start > prev_end),
                   "token %zu [%u, %u): SPACE_BEFORE is %d after a gap of %zu bytes", i, t[i].start, t[i].end,
                   !!(f & LEDE_TF_SPACE_BEFORE), (size_t)t[i].start - prev_end);
        FUZZ_CHECK(!!(f & LEDE_TF_LINE_BEFORE) == line_before, "token %zu [%u, %u): LINE_BEFORE is %d, line break %d",
                   i, t[i].start, t[i].end, !!(f & LEDE_TF_LINE_BEFORE), line_before);
        int marks = !!(f & LEDE_TF_DOUBLE_MARK) + !!(f & LEDE_TF_SINGLE_MARK);
        FUZZ_CHECK(marks == (t[i].kind == LEDE_TOKEN_QUOTE), "token %zu kind %u has %d quote-mark flags", i, t[i].kind,
                   marks);
        if (t[i].kind == LEDE_TOKEN_WORD || t[i].kind == LEDE_TOKEN_NUMBER || t[i].kind == LEDE_TOKEN_ABBREV) {
            int digit = 0;
            for (size_t k = t[i].start; k < t[i].end;) {
                int32_t cp;
                k += lede_u8_decode(s, len, k, &cp);
                digit |= lede_cclass(cp) == LC_DIGIT;
            }
            FUZZ_CHECK(!!(f & LEDE_TF_HAS_DIGIT) == digit, "token %zu [%u, %u) kind %u: HAS_DIGIT is %d, digit %d", i,
                       t[i].start, t[i].end, t[i].kind, !!(f & LEDE_TF_HAS_DIGIT), digit);
        }
        FUZZ_CHECK(t[i].kind >= LEDE_TOKEN_WORD && t[i].kind <= LEDE_TOKEN_SYMBOL, "token %zu has kind %u", i,
                   t[i].kind);
        if (t[i].kind == LEDE_TOKEN_QUOTE)
            FUZZ_CHECK(t[i].quote >= LEDE_QUOTE_OPEN && t[i].quote <= LEDE_QUOTE_AMBIGUOUS,
                       "quote token %zu has class %u", i, t[i].quote);
        else
            FUZZ_CHECK(t[i].quote == LEDE_QUOTE_NONE, "non-quote token %zu has quote class %u", i, t[i].quote);
        FUZZ_CHECK((size_t)t[i].norm + t[i].norm_len < buf->norms_len, "token %zu norm [%u, +%u) outside arena of %zu",
                   i, t[i].norm, t[i].norm_len, buf->norms_len);
        const char *norm = buf->norms + t[i].norm;
        FUZZ_CHECK(norm[t[i].norm_len] == '\0', "token %zu norm not NUL-terminated", i);
        FUZZ_CHECK(t[i].norm_len > 0, "token %zu [%u, %u) has an empty normalized form", i, t[i].start, t[i].end);
        FUZZ_CHECK(fuzz_utf8_valid(norm, t[i].norm_len), "token %zu norm is not valid UTF-8", i);
        FUZZ_CHECK(t[i].hash == lede_hash(norm, t[i].norm_len), "token %zu hash is not lede_hash of its norm", i);
        if (t[i].kind == LEDE_TOKEN_QUOTE)
            FUZZ_CHECK(strcmp(norm, (f & LEDE_TF_DOUBLE_MARK) ? "\"" : "'") == 0, "quote token %zu has norm \"%s\"", i,
                       norm);
        prev_end = t[i].end;
    }
    for (size_t k = prev_end; k < len;) {
        int32_t cp;
        size_t n = lede_u8_decode((const unsigned char *)text, len, k, &cp);
        int cls = lede_cclass(cp);
        FUZZ_CHECK(cls == LC_SPACE || cls == LC_LINE || cls == LC_OTHER || cls == LC_FORMAT,
                   "U+%04X (class %d) at byte %zu lies after the last token", (unsigned)cp, cls, k);
        k += n;
    }
}

/* Segment invariants: sentences partition the tokens in order, paragraphs
 * partition the sentences (and so the tokens), every span runs from its
 * first token's start to its last token's end, and every token records the
 * sentence and paragraph that hold it. */
static inline void fuzz_check_segments(const char *text, size_t len, const lede_token *t, size_t ntok,
                                       const lede_segments *sg)
{
    if (ntok == 0) {
        FUZZ_CHECK(sg->nsentences == 0 && sg->nparagraphs == 0, "no tokens but %zu sentences, %zu paragraphs",
                   sg->nsentences, sg->nparagraphs);
        return;
    }
    FUZZ_CHECK(sg->nsentences > 0 && sg->nparagraphs > 0, "%zu tokens but %zu sentences, %zu paragraphs", ntok,
               sg->nsentences, sg->nparagraphs);
    size_t next_tok = 0;
    for (size_t i = 0; i < sg->nsentences; i++) {
        const lede_sentence *s = &sg->sentences[i];
        FUZZ_CHECK(s->first_token == next_tok && s->ntokens > 0,
                   "sentence %zu has tokens [%u, +%u), expected to start at %zu", i, s->first_token, s->ntokens,
                   next_tok);
        FUZZ_CHECK((size_t)s->first_token + s->ntokens <= ntok, "sentence %zu runs past the %zu tokens", i, ntok);
        size_t last = s->first_token + s->ntokens - 1;
        FUZZ_CHECK(s->start == t[s->first_token].start && s->end == t[last].end,
                   "sentence %zu spans [%u, %u), its tokens [%u, %u)", i, s->start, s->end, t[s->first_token].start,
                   t[last].end);
        FUZZ_CHECK(s->paragraph < sg->nparagraphs, "sentence %zu in paragraph %u of %zu", i, s->paragraph,
                   sg->nparagraphs);
        for (size_t k = s->first_token; k <= last; k++)
            FUZZ_CHECK(t[k].sentence == i && t[k].paragraph == s->paragraph,
                       "token %zu says sentence %u paragraph %u; it lies in sentence %zu of paragraph %u", k,
                       t[k].sentence, t[k].paragraph, i, s->paragraph);
        next_tok = last + 1;
    }
    FUZZ_CHECK(next_tok == ntok, "sentences cover %zu of %zu tokens", next_tok, ntok);
    size_t next_sent = 0;
    for (size_t j = 0; j < sg->nparagraphs; j++) {
        const lede_paragraph *p = &sg->paragraphs[j];
        FUZZ_CHECK(p->first_sentence == next_sent && p->nsentences > 0,
                   "paragraph %zu has sentences [%u, +%u), expected to start at %zu", j, p->first_sentence,
                   p->nsentences, next_sent);
        FUZZ_CHECK((size_t)p->first_sentence + p->nsentences <= sg->nsentences, "paragraph %zu runs past the sentences",
                   j);
        const lede_sentence *fs = &sg->sentences[p->first_sentence];
        const lede_sentence *ls = &sg->sentences[p->first_sentence + p->nsentences - 1];
        FUZZ_CHECK(p->first_token == fs->first_token && p->ntokens == ls->first_token + ls->ntokens - fs->first_token,
                   "paragraph %zu tokens [%u, +%u) are not those of its sentences", j, p->first_token, p->ntokens);
        FUZZ_CHECK(p->start == fs->start && p->end == ls->end, "paragraph %zu spans [%u, %u), its sentences [%u, %u)",
                   j, p->start, p->end, fs->start, ls->end);
        for (size_t i = p->first_sentence; i < (size_t)p->first_sentence + p->nsentences; i++)
            FUZZ_CHECK(sg->sentences[i].paragraph == j, "sentence %zu says paragraph %u; it lies in %zu", i,
                       sg->sentences[i].paragraph, j);
        next_sent = p->first_sentence + p->nsentences;
    }
    FUZZ_CHECK(next_sent == sg->nsentences, "paragraphs cover %zu of %zu sentences", next_sent, sg->nsentences);
    /* Paragraphs start on a new line, and a blank line (two line breaks
     * with only white space between the tokens) always starts one. */
    for (size_t i = 1; i < ntok; i++) {
        int starts = t[i].paragraph != t[i - 1].paragraph;
        size_t breaks = 0;
        for (size_t k = t[i - 1].end; k < t[i].start;) {
            int32_t cp;
            k += lede_u8_decode((const unsigned char *)text, len, k, &cp);
            breaks += lede_cclass(cp) == LC_LINE;
        }
        FUZZ_CHECK(!starts || breaks > 0, "token %zu [%u, %u) starts a paragraph in mid-line", i, t[i].start, t[i].end);
        FUZZ_CHECK(starts || breaks < 2, "token %zu [%u, %u) follows a blank line but continues paragraph %u", i,
                   t[i].start, t[i].end, t[i].paragraph);
    }
}

/* A failed call left a code and a message. */
/* The fuzz input as text the tokenizer accepts: invalid UTF-8 replaced
 * (lede_utf8_repair, without NFC, so the tokenizer also meets text that is
 * not normalized). *owned is the copy to free, or NULL when data was valid. */
static inline const char *fuzz_utf8_text(const uint8_t *data, size_t size, size_t *len, char **owned)
{
    lede_error err = {0};
    *owned = NULL;
    *len = size;
    if (lede_utf8_repair((const char *)data, size, 0, owned, len, NULL, NULL, &err)) abort();
    return *owned ? *owned : (const char *)data;
}

/* Tokenize and segment text; either failing is a finding. */
static inline void fuzz_analyze(const char *text, size_t len, lede_token_buf *buf, lede_segments *segs)
{
    lede_error err = {0};
    int rc = lede_tokenize(text, len, buf, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_tokenize failed: %s", err.message);
    rc = lede_segment(text, len, buf->v, buf->n, segs, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_segment failed: %s", err.message);
}

static inline void fuzz_check_error(int rc, const lede_error *err, const char *what)
{
    FUZZ_CHECK(rc != LEDE_OK, "%s", what);
    FUZZ_CHECK(err->code == rc, "%s: error code %d, returned %d", what, err->code, rc);
    FUZZ_CHECK(err->message[0] != '\0', "%s failed (%s) with an empty message", what, lede_status_name(rc));
    FUZZ_CHECK(memchr(err->message, '\0', sizeof err->message) != NULL, "%s: message not terminated", what);
}

/* A document's stored text is valid NFC UTF-8 without NUL, and its
 * analysis (tokens, sentences, paragraphs) keeps every invariant above. */
static inline void fuzz_check_doc(lede_doc *doc)
{
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    FUZZ_CHECK(text && text[len] == '\0', "document text not NUL-terminated");
    FUZZ_CHECK(memchr(text, 0, len) == NULL, "document text holds a NUL byte");
    FUZZ_CHECK(fuzz_utf8_valid(text, len), "document text is not valid UTF-8");
    FUZZ_CHECK(fuzz_is_nfc(text, len), "document text is not in NFC");
    FUZZ_CHECK(lede_doc_content_hash(doc) == lede_hash(text, len), "content hash is not lede_hash of the text");
    FUZZ_CHECK(lede_doc_meta(doc)->name && lede_doc_meta(doc)->name[0], "document without a name");
    lede_error err = {0};
    int rc = lede_doc_analyze(doc, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_doc_analyze failed: %s", err.message);
    fuzz_check_tokens(text, len, &doc->tokens);
    fuzz_check_segments(text, len, doc->tokens.v, doc->tokens.n, &doc->segments);
}

#endif
