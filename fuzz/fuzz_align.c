/* fuzz_align.c — libFuzzer target for passage alignment (lede_align and
 * lede_align_docs, core/align.c and core/reuse_doc.c) on adversarial pairs.
 *
 * Input: byte 0 anchor_n (1..8), byte 1 max_gap (0..254, 255 gives the
 * largest accepted, 1000), byte 2 min_passage (1..16), byte 3 max_repeat
 * (1..4) in its low bits and the mode in bit 7: terms (each byte of A and B
 * a term from an alphabet of 4 or 32 values, bit 6) or documents (A and B
 * are texts, aligned with lede_align_docs). A and B are separated by the
 * first 0xFF byte.
 *
 * Checks, for every passage: its spans lie inside both inputs and are not
 * empty; it holds at least min_passage equal terms; its edit runs are
 * consecutive, cover its spans exactly, add up to its counts, and equal
 * runs pair equal terms; its score is 2*equal/(|a|+|b|); passages are in
 * order of a, then b, do not overlap one another in either input, and own
 * consecutive runs of the edit list. In document mode token and byte spans
 * lie inside both documents. */
#include "fuzz_check.h"

/* Term hash of an input byte in an alphabet of `size` values. */
static uint64_t term_of(uint8_t b, unsigned size) { return lede_hash(&(uint8_t){(uint8_t)(b % size)}, 1); }

/* The invariants above for one alignment of A (na terms) and B. */
static void check_alignment(const lede_terms *A, const lede_terms *B, const lede_align_options *o,
                            const lede_alignment *al)
{
    size_t next_edit = 0;
    for (size_t k = 0; k < al->npassages; k++) {
        const lede_passage *p = &al->passages[k];
        FUZZ_CHECK(p->a.start < p->a.end && p->a.end <= A->n && p->b.start < p->b.end && p->b.end <= B->n,
                   "passage %zu spans a [%u, %u) of %zu, b [%u, %u) of %zu", k, p->a.start, p->a.end, A->n,
                   p->b.start, p->b.end, B->n);
        FUZZ_CHECK(p->nequal >= o->min_passage, "passage %zu has %u equal terms, fewer than %u", k, p->nequal,
                   o->min_passage);
        FUZZ_CHECK(p->first_edit == next_edit && p->nedits > 0 && p->first_edit + p->nedits <= al->nedits,
                   "passage %zu edits [%zu, +%zu) of %zu, expected from %zu", k, p->first_edit, p->nedits, al->nedits,
                   next_edit);
        next_edit = p->first_edit + p->nedits;
        uint32_t i = p->a.start, j = p->b.start, count[4] = {0};
        for (size_t m = p->first_edit; m < next_edit; m++) {
            const lede_edit *e = &al->edits[m];
            FUZZ_CHECK(e->a.start == i && e->b.start == j, "passage %zu edit %zu starts at (%u, %u), not (%u, %u)", k,
                       m, e->a.start, e->b.start, i, j);
            uint32_t la = e->a.end - e->a.start, lb = e->b.end - e->b.start;
            FUZZ_CHECK(e->a.end >= e->a.start && e->b.end >= e->b.start && e->a.end <= p->a.end && e->b.end <= p->b.end,
                       "passage %zu edit %zu runs outside it", k, m);
            switch (e->kind) {
            case LEDE_EDIT_EQUAL:
            case LEDE_EDIT_SUBSTITUTE:
                FUZZ_CHECK(la == lb && la > 0, "passage %zu edit %zu (%s) spans %u and %u terms", k, m,
                           lede_edit_kind_name(e->kind), la, lb);
                for (uint32_t t = 0; t < la; t++)
                    FUZZ_CHECK((A->hash[i + t] == B->hash[j + t]) == (e->kind == LEDE_EDIT_EQUAL),
                               "passage %zu edit %zu (%s): terms a[%u] and b[%u] %s", k, m,
                               lede_edit_kind_name(e->kind), i + t, j + t,
                               e->kind == LEDE_EDIT_EQUAL ? "differ" : "are equal");
                count[e->kind] += la;
                break;
            case LEDE_EDIT_INSERT:
                FUZZ_CHECK(la == 0 && lb > 0, "insert spans %u and %u terms", la, lb);
                count[e->kind] += lb;
                break;
            case LEDE_EDIT_DELETE:
                FUZZ_CHECK(la > 0 && lb == 0, "delete spans %u and %u terms", la, lb);
                count[e->kind] += la;
                break;
            default:
                FUZZ_CHECK(0, "edit %zu has kind %d", m, e->kind);
            }
            if (m > p->first_edit) FUZZ_CHECK(e->kind != al->edits[m - 1].kind, "two runs of one kind in a row");
            i = e->a.end;
            j = e->b.end;
        }
        FUZZ_CHECK(i == p->a.end && j == p->b.end, "passage %zu edits end at (%u, %u), it at (%u, %u)", k, i, j,
                   p->a.end, p->b.end);
        FUZZ_CHECK(count[LEDE_EDIT_EQUAL] == p->nequal && count[LEDE_EDIT_SUBSTITUTE] == p->nsubstitute &&
                       count[LEDE_EDIT_INSERT] == p->ninsert && count[LEDE_EDIT_DELETE] == p->ndelete,
                   "passage %zu counts differ from its edits", k);
        double score = 2.0 * p->nequal / (double)((p->a.end - p->a.start) + (p->b.end - p->b.start));
        FUZZ_CHECK(p->score == score && score > 0 && score <= 1, "passage %zu score %g, expected %g", k, p->score,
                   score);
        if (k) {
            const lede_passage *q = &al->passages[k - 1];
            FUZZ_CHECK(q->a.start < p->a.start || (q->a.start == p->a.start && q->b.start <= p->b.start),
                       "passages %zu and %zu out of order", k - 1, k);
        }
        for (size_t m = 0; m < k; m++) {
            const lede_passage *q = &al->passages[m];
            FUZZ_CHECK(q->a.end <= p->a.start || p->a.end <= q->a.start,
                       "passages %zu and %zu overlap in a: [%u, %u) and [%u, %u)", m, k, q->a.start, q->a.end,
                       p->a.start, p->a.end);
            FUZZ_CHECK(q->b.end <= p->b.start || p->b.end <= q->b.start,
                       "passages %zu and %zu overlap in b: [%u, %u) and [%u, %u)", m, k, q->b.start, q->b.end,
                       p->b.start, p->b.end);
        }
    }
    FUZZ_CHECK(next_edit == al->nedits, "passages own %zu of %zu edits", next_edit, al->nedits);
}

/* Token and byte spans of a document-mode span lie inside its document. */
static void check_doc_span(lede_doc *doc, const lede_span *s, const char *what)
{
    size_t len;
    lede_doc_text(doc, &len);
    size_t ntok = lede_doc_ntokens(doc);
    FUZZ_CHECK(s->tok_start <= s->tok_end && s->tok_end <= ntok, "%s tokens [%u, %u) of %zu", what, s->tok_start,
               s->tok_end, ntok);
    FUZZ_CHECK(s->byte_start <= s->byte_end && s->byte_end <= len, "%s bytes [%u, %u) of %zu", what, s->byte_start,
               s->byte_end, len);
    if (s->end > s->start) {
        const lede_token *t = lede_doc_tokens(doc);
        FUZZ_CHECK(s->byte_start == t[s->tok_start].start && s->byte_end == t[s->tok_end - 1].end,
                   "%s bytes [%u, %u) are not those of tokens [%u, %u)", what, s->byte_start, s->byte_end,
                   s->tok_start, s->tok_end);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4) return 0;
    lede_align_options o;
    lede_align_options_default(&o);
    o.anchor_n = data[0] % 8 + 1u;
    o.max_gap = data[1] == 255 ? 1000u : data[1];
    o.min_passage = data[2] % 16 + 1u;
    o.max_repeat = (data[3] & 3) + 1u;
    int docs_mode = data[3] & 0x80;
    unsigned alphabet = (data[3] & 0x40) ? 32 : 4;
    data += 4;
    size -= 4;
    const uint8_t *sep = memchr(data, 0xFF, size);
    size_t na = sep ? (size_t)(sep - data) : size / 2;
    const uint8_t *b = sep ? sep + 1 : data + na;
    size_t nb = size - (size_t)(b - data);

    lede_error err = {0};
    lede_alignment al = {0};
    if (!docs_mode) {
        uint64_t *ha = fuzz_xmalloc(na * sizeof *ha), *hb = fuzz_xmalloc(nb * sizeof *hb);
        for (size_t i = 0; i < na; i++) ha[i] = term_of(data[i], alphabet);
        for (size_t i = 0; i < nb; i++) hb[i] = term_of(b[i], alphabet);
        lede_terms A = {.hash = ha, .n = na}, B = {.hash = hb, .n = nb};
        int rc = lede_align(&A, &B, &o, &al, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_align failed: %s", err.message);
        check_alignment(&A, &B, &o, &al);
        for (size_t k = 0; k < al.npassages; k++)
            FUZZ_CHECK(al.passages[k].a.tok_start == al.passages[k].a.start &&
                           al.passages[k].a.tok_end == al.passages[k].a.end,
                       "without positions, token spans must equal term spans");
        lede_alignment_free(&al);
        free(ha);
        free(hb);
        return 0;
    }

    lede_doc *da = NULL, *db = NULL;
    if (lede_doc_new((const char *)data, na, NULL, &da, &err) || lede_doc_new((const char *)b, nb, NULL, &db, &err))
        goto out; /* refused as binary: the loader targets check that */
    int rc = lede_align_docs(da, db, &o, &al, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_align_docs failed: %s", err.message);
    lede_terms A, B;
    if (lede_terms_from_doc(da, &A, &err) || lede_terms_from_doc(db, &B, &err)) abort();
    check_alignment(&A, &B, &o, &al);
    for (size_t k = 0; k < al.npassages; k++) {
        check_doc_span(da, &al.passages[k].a, "passage a");
        check_doc_span(db, &al.passages[k].b, "passage b");
    }
    for (size_t m = 0; m < al.nedits; m++) {
        check_doc_span(da, &al.edits[m].a, "edit a");
        check_doc_span(db, &al.edits[m].b, "edit b");
    }
    lede_terms_free(&A);
    lede_terms_free(&B);
    lede_alignment_free(&al);
out:
    lede_doc_free(da);
    lede_doc_free(db);
    return 0;
}
