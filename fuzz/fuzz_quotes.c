/* fuzz_quotes.c — libFuzzer target for the quote-span scanner
 * (lede_quotes_scan and lede_doc_quotes, core/quotes.c and
 * core/quote_marks.c).
 *
 * The scanner's contract is tokenizer output over valid UTF-8, so invalid
 * input is first made valid by lede_utf8_repair (without normalizing, as in
 * fuzz_tokenize), then tokenized and segmented (the scanner pairs marks
 * inside paragraphs). The same text also goes through lede_doc_new and
 * lede_doc_quotes, which must give what lede_quotes_scan gives on the
 * document's own text and tokens.
 *
 * Checks, for every span (core/lede_quotes.h):
 *   - it is not empty, lies inside the text and inside its paragraph, which
 *     is the paragraph of its marks, and starts and ends on UTF-8 boundaries;
 *   - white space is trimmed from both ends;
 *   - its marks are QUOTE tokens, the opening one before the content and the
 *     closing one after it (a token may hold several marks, as in ''', so
 *     a mark's token may reach into the content but never start inside it);
 *   - it has an opening mark or a closing mark; LEDE_QSF_NO_OPENER says
 *     exactly that the opening one is missing, LEDE_QSF_UNCLOSED that the
 *     closing one is; MISMATCHED needs both, CONTINUED needs UNCLOSED; no
 *     unknown flag or style is set; a one-character mark of the double or
 *     single style carries the tokenizer's double or single flag;
 *   - spans are in document order by their opening position (the opening
 *     mark, or the start for a span without one);
 *   - spans nest: two spans are disjoint or one holds the other, and a
 *     span's depth is the number of spans that hold it.
 * Linear time is checked by libFuzzer's -timeout (fuzz/run.sh sets 10 s for
 * inputs of at most 4 KB). */
#include "fuzz_check.h"
#include "lede_quotes.h"
#include "load.h"

/* Whether the character at (or ending at) a span edge is white space, as the
 * scanner trims it: space and line classes of the tokenizer. */
static int space_at(const char *text, size_t len, size_t off)
{
    int32_t cp;
    lede_u8_decode((const unsigned char *)text, len, off, &cp);
    int cls = lede_cclass(cp);
    return cls == LC_SPACE || cls == LC_LINE;
}

/* The code point at byte off. */
static int32_t cp_at(const char *text, size_t len, size_t off)
{
    int32_t cp;
    lede_u8_decode((const unsigned char *)text, len, off, &cp);
    return cp;
}

/* Offset of the character that ends at byte `end` of valid UTF-8 text. */
static size_t char_before(const char *text, size_t end)
{
    size_t k = end - 1;
    while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80) k--;
    return k;
}

/* The opening position spans are ordered by. */
static uint32_t opening_of(const lede_token *t, const lede_quote_span *s)
{
    return s->open_token != LEDE_QUOTE_NO_TOKEN ? t[s->open_token].start : s->start;
}

/* Whether token t holds a single character. */
static int one_char(const char *text, size_t len, const lede_token *t)
{
    int32_t cp;
    return lede_u8_decode((const unsigned char *)text, len, t->start, &cp) == (size_t)(t->end - t->start);
}

/* Check one mark of span k: a QUOTE token on the right side of the content. */
static void check_mark(const char *text, size_t len, const lede_token *t, size_t ntok, const lede_quote_span *s,
                       size_t k, uint32_t tok, int opening)
{
    const char *what = opening ? "opening" : "closing";
    FUZZ_CHECK(tok < ntok, "span %zu: %s token %u of %zu", k, what, tok, ntok);
    const lede_token *m = &t[tok];
    FUZZ_CHECK(m->kind == LEDE_TOKEN_QUOTE, "span %zu: %s token %u [%u, %u) has kind %u", k, what, tok, m->start,
               m->end, m->kind);
    FUZZ_CHECK(m->paragraph == s->paragraph, "span %zu in paragraph %u, its %s mark in %u", k, s->paragraph, what,
               m->paragraph);
    int whole = one_char(text, len, m);
    if (opening)
        FUZZ_CHECK(m->start < s->start && (!whole || m->end <= s->start),
                   "span %zu [%u, %u) does not follow its opening mark [%u, %u)", k, s->start, s->end, m->start,
                   m->end);
    else
        FUZZ_CHECK(s->end < m->end && (!whole || s->end <= m->start),
                   "span %zu [%u, %u) does not precede its closing mark [%u, %u)", k, s->start, s->end, m->start,
                   m->end);
}

/* The invariants listed at the top for spans q of text[0, len) with tokens t
 * and segments sg. */
static void check_spans(const char *text, size_t len, const lede_token *t, size_t ntok, const lede_segments *sg,
                        const lede_quote_spans *q)
{
    const uint8_t known = LEDE_QSF_UNCLOSED | LEDE_QSF_CONTINUES | LEDE_QSF_CONTINUED | LEDE_QSF_MISMATCHED |
                          LEDE_QSF_NO_OPENER;
    FUZZ_CHECK(q->n == 0 || q->v, "%zu spans without an array", q->n);
    /* the spans that hold the current one, outermost first */
    size_t *holders = fuzz_xmalloc(q->n * sizeof *holders), nholders = 0;
    for (size_t k = 0; k < q->n; k++) {
        const lede_quote_span *s = &q->v[k];
        FUZZ_CHECK(s->start < s->end && s->end <= len, "span %zu is [%u, %u) of %zu bytes", k, s->start, s->end,
                   len);
        FUZZ_CHECK(fuzz_on_boundary(text, len, s->start) && fuzz_on_boundary(text, len, s->end),
                   "span %zu [%u, %u) splits a UTF-8 character", k, s->start, s->end);
        FUZZ_CHECK(!space_at(text, len, s->start) && !space_at(text, len, char_before(text, s->end)),
                   "span %zu [%u, %u) is not trimmed: it runs from U+%04X to U+%04X", k, s->start, s->end,
                   (unsigned)cp_at(text, len, s->start), (unsigned)cp_at(text, len, char_before(text, s->end)));
        FUZZ_CHECK(s->paragraph < sg->nparagraphs, "span %zu in paragraph %u of %zu", k, s->paragraph,
                   sg->nparagraphs);
        const lede_paragraph *p = &sg->paragraphs[s->paragraph];
        FUZZ_CHECK(p->start <= s->start && s->end <= p->end, "span %zu [%u, %u) outside its paragraph %u [%u, %u)",
                   k, s->start, s->end, s->paragraph, p->start, p->end);
        FUZZ_CHECK((s->flags & ~known) == 0, "span %zu has unknown flags %#x", k, s->flags);
        FUZZ_CHECK(s->style >= LEDE_QSTYLE_DOUBLE && s->style <= LEDE_QSTYLE_CORNER, "span %zu has style %u", k,
                   s->style);
        int has_open = s->open_token != LEDE_QUOTE_NO_TOKEN, has_close = s->close_token != LEDE_QUOTE_NO_TOKEN;
        FUZZ_CHECK(has_open || has_close, "span %zu [%u, %u) has neither mark", k, s->start, s->end);
        FUZZ_CHECK(!!(s->flags & LEDE_QSF_NO_OPENER) == !has_open, "span %zu: NO_OPENER %d, opening token %u", k,
                   !!(s->flags & LEDE_QSF_NO_OPENER), s->open_token);
        FUZZ_CHECK(!!(s->flags & LEDE_QSF_UNCLOSED) == !has_close, "span %zu: UNCLOSED %d, closing token %u", k,
                   !!(s->flags & LEDE_QSF_UNCLOSED), s->close_token);
        FUZZ_CHECK(!(s->flags & LEDE_QSF_MISMATCHED) || (has_open && has_close),
                   "span %zu is MISMATCHED without both marks", k);
        FUZZ_CHECK(!(s->flags & LEDE_QSF_CONTINUED) || (s->flags & LEDE_QSF_UNCLOSED),
                   "span %zu is CONTINUED but closed", k);
        if (has_open) check_mark(text, len, t, ntok, s, k, s->open_token, 1);
        if (has_close) check_mark(text, len, t, ntok, s, k, s->close_token, 0);
        if (has_open && has_close)
            FUZZ_CHECK(s->open_token <= s->close_token, "span %zu opens at token %u after it closes at %u", k,
                       s->open_token, s->close_token);
        const lede_token *mark = &t[has_open ? s->open_token : s->close_token];
        if (one_char(text, len, mark) && (s->style == LEDE_QSTYLE_DOUBLE || s->style == LEDE_QSTYLE_SINGLE))
            FUZZ_CHECK(mark->flags & (s->style == LEDE_QSTYLE_DOUBLE ? LEDE_TF_DOUBLE_MARK : LEDE_TF_SINGLE_MARK),
                       "span %zu of style %s has the mark %.*s flagged %#x", k, lede_quote_style_name(s->style),
                       (int)(mark->end - mark->start), text + mark->start, mark->flags);
        if (k)
            FUZZ_CHECK(opening_of(t, &q->v[k - 1]) <= opening_of(t, s),
                       "span %zu opens at %u, before span %zu at %u", k, opening_of(t, s), k - 1,
                       opening_of(t, &q->v[k - 1]));
        /* Nesting: drop the holders that end before this span; the rest
         * must hold it (or the two would cross). */
        while (nholders && q->v[holders[nholders - 1]].end <= s->start) nholders--;
        if (nholders) {
            const lede_quote_span *h = &q->v[holders[nholders - 1]];
            FUZZ_CHECK(h->start <= s->start && s->end <= h->end, "spans %zu [%u, %u) and %zu [%u, %u) cross",
                       holders[nholders - 1], h->start, h->end, k, s->start, s->end);
        }
        FUZZ_CHECK(s->depth == nholders, "span %zu [%u, %u) has depth %u inside %zu spans", k, s->start, s->end,
                   s->depth, nholders);
        holders[nholders++] = k;
    }
    free(holders);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_error err = {0};
    char *fixed;
    size_t len;
    const char *text = fuzz_utf8_text(data, size, &len, &fixed);

    lede_token_buf buf;
    lede_segments segs = {0};
    fuzz_analyze(text, len, &buf, &segs);
    lede_quote_spans q = {0};
    int rc = lede_quotes_scan(text, len, buf.v, buf.n, &q, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_quotes_scan failed: %s", err.message);
    check_spans(text, len, buf.v, buf.n, &segs, &q);
    lede_quote_spans_free(&q);
    lede_segments_free(&segs);
    lede_token_buf_free(&buf);

    lede_doc *doc = NULL;
    rc = lede_doc_new(text, len, NULL, &doc, &err);
    if (rc == LEDE_OK) {
        lede_quote_spans dq = {0}, again = {0};
        rc = lede_doc_quotes(doc, &dq, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_doc_quotes failed: %s", err.message);
        size_t dlen;
        const char *dtext = lede_doc_text(doc, &dlen);
        check_spans(dtext, dlen, doc->tokens.v, doc->tokens.n, &doc->segments, &dq);
        rc = lede_quotes_scan(dtext, dlen, doc->tokens.v, doc->tokens.n, &again, &err);
        FUZZ_CHECK(rc == LEDE_OK && again.n == dq.n, "scanning the document's tokens again gives %zu spans, not %zu",
                   again.n, dq.n);
        for (size_t k = 0; k < dq.n; k++)
            FUZZ_CHECK(memcmp(&again.v[k], &dq.v[k], sizeof dq.v[k]) == 0, "scanning again differs at span %zu", k);
        lede_quote_spans_free(&again);
        lede_quote_spans_free(&dq);
    } else {
        fuzz_check_error(rc, &err, "lede_doc_new");
    }
    lede_doc_free(doc);
    free(fixed);
    return 0;
}
