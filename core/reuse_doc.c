/* reuse_doc.c — the reuse primitives on documents: a document's content
 * tokens as terms, and alignment spans mapped back to byte offsets. Kept
 * apart from the primitives so these link without the tokenizer. */
#include "error.h"
#include "lede_reuse.h"

#include <stdlib.h>
#include <string.h>

/* Content tokens carry the words of the text; quote marks, punctuation and
 * symbols are left out so that "said:" and "said," match. */
static int is_content(const lede_token *t)
{
    return t->kind == LEDE_TOKEN_WORD || t->kind == LEDE_TOKEN_ABBREV || t->kind == LEDE_TOKEN_NUMBER ||
           t->kind == LEDE_TOKEN_CJK;
}

/* A term's class: numbers (and words with digits), names (capitalized
 * words and abbreviations that do not open a sentence or a quotation, where
 * any word is capitalized), or nothing. It only steers which changed term
 * pairs with which, so an occasional miss costs little. */
static uint8_t term_class(const lede_token *t, int opens_sentence)
{
    if (t->kind == LEDE_TOKEN_NUMBER || (t->flags & LEDE_TF_HAS_DIGIT)) return LEDE_TERM_NUMBER;
    if ((t->kind == LEDE_TOKEN_WORD || t->kind == LEDE_TOKEN_ABBREV) && !opens_sentence &&
        (t->flags & (LEDE_TF_CAPITALIZED | LEDE_TF_ALLCAPS)))
        return LEDE_TERM_NAME;
    return LEDE_TERM_OTHER;
}

int lede_terms_from_doc(lede_doc *doc, lede_terms *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = lede_doc_analyze(doc, err);
    if (rc) return rc;
    size_t ntok = lede_doc_ntokens(doc);
    const lede_token *tok = lede_doc_tokens(doc);
    if (ntok > UINT32_MAX)
        return lede_fail(err, LEDE_ERR_LIMIT, "%s: %zu tokens exceed 2^32", lede_doc_meta(doc)->name, ntok);
    size_t n = 0;
    for (size_t i = 0; i < ntok; i++) n += is_content(&tok[i]);
    if (n == 0) return LEDE_OK;
    uint64_t *hash = malloc(n * sizeof *hash);
    uint32_t *pos = malloc(n * sizeof *pos);
    uint8_t *cls = malloc(n);
    if (!hash || !pos || !cls) {
        free(hash);
        free(pos);
        free(cls);
        return lede_fail(err, LEDE_ERR_NOMEM, "lede_terms_from_doc: out of memory");
    }
    size_t k = 0;
    uint32_t sentence = UINT32_MAX; /* sentence of the previous content token */
    for (size_t i = 0; i < ntok; i++) {
        if (!is_content(&tok[i])) continue;
        hash[k] = tok[i].hash;
        pos[k] = (uint32_t)i;
        /* A sentence's first word, and the first word of a quotation, are
         * capitalized whatever they are. */
        int opens = tok[i].sentence != sentence ||
                    (i > 0 && tok[i - 1].kind == LEDE_TOKEN_QUOTE && tok[i - 1].quote == LEDE_QUOTE_OPEN);
        cls[k] = term_class(&tok[i], opens);
        sentence = tok[i].sentence;
        k++;
    }
    out->hash = hash;
    out->pos = pos;
    out->cls = cls;
    out->n = n;
    return LEDE_OK;
}

void lede_terms_free(lede_terms *terms)
{
    if (!terms) return;
    free((void *)terms->hash);
    free((void *)terms->pos);
    free((void *)terms->cls);
    memset(terms, 0, sizeof *terms);
}

int lede_shingle_set_doc(lede_doc *doc, unsigned n, lede_shingle_set *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    lede_terms terms;
    int rc = lede_terms_from_doc(doc, &terms, err);
    if (rc) return rc;
    rc = lede_shingle_set_make(&terms, n, out, err);
    lede_terms_free(&terms);
    return rc;
}

/* Fill a span's byte offsets from its token positions: a non-empty span runs
 * from its first token's start to its last token's end; an empty span is
 * the point just after the token before it. */
static void span_bytes(lede_span *s, const lede_token *tok, size_t ntok)
{
    if (s->tok_end > s->tok_start && s->tok_end <= ntok) {
        s->byte_start = tok[s->tok_start].start;
        s->byte_end = tok[s->tok_end - 1].end;
    } else if (s->tok_start > 0 && s->tok_start <= ntok) {
        s->byte_start = s->byte_end = tok[s->tok_start - 1].end;
    } else {
        s->byte_start = s->byte_end = 0;
    }
}

int lede_align_docs(lede_doc *a, lede_doc *b, const lede_align_options *opts, lede_alignment *out,
                    lede_error *err)
{
    memset(out, 0, sizeof *out);
    lede_terms ta, tb;
    int rc = lede_terms_from_doc(a, &ta, err);
    if (rc) return rc;
    rc = lede_terms_from_doc(b, &tb, err);
    if (rc) {
        lede_terms_free(&ta);
        return rc;
    }
    rc = lede_align(&ta, &tb, opts, out, err);
    if (rc == LEDE_OK) {
        const lede_token *toka = lede_doc_tokens(a), *tokb = lede_doc_tokens(b);
        size_t na = lede_doc_ntokens(a), nb = lede_doc_ntokens(b);
        for (size_t i = 0; i < out->npassages; i++) {
            span_bytes(&out->passages[i].a, toka, na);
            span_bytes(&out->passages[i].b, tokb, nb);
        }
        for (size_t i = 0; i < out->nedits; i++) {
            span_bytes(&out->edits[i].a, toka, na);
            span_bytes(&out->edits[i].b, tokb, nb);
        }
    }
    lede_terms_free(&ta);
    lede_terms_free(&tb);
    return rc;
}
