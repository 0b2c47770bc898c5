/* kwic.c — keyword-in-context lines. Each hit's context is cut from the
 * document's stored text by the byte spans of its tokens, so the line shows
 * the original punctuation, curly quotes and spacing; it runs `context`
 * tokens each side of the match and stops at the match's sentence (or the
 * whole sentence when context is 0). */
#include "error.h"
#include "query.h"

#include <stdlib.h>
#include <string.h>

void lede_kwic_free(lede_kwic *k)
{
    if (!k) return;
    free(k->lines);
    free(k->text);
    memset(k, 0, sizeof *k);
}

int lede_search_kwic(lede_search *s, const lede_hit *hits, size_t n, const lede_kwic_opts *opts, lede_kwic *out,
                     lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (!s || (n && !hits)) return lede_fail(err, LEDE_ERR_ARG, "lede_search_kwic: search or hits is NULL");
    lede_kwic_opts o = opts ? *opts : (lede_kwic_opts){.context = 10};
    if (n && !(out->lines = malloc(n * sizeof *out->lines))) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    lede_bytes text = {0};
    qdoc d = {0};
    int rc = LEDE_OK;
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) {
        const lede_hit *h = &hits[i];
        if (i == 0 || h->doc_id != d.id) rc = lede_qdoc_load(s, h->doc_id, QDOC_TEXT | QDOC_SENTENCES, 0, &d, err);
        if (rc) break;
        uint32_t first = h->position, last = h->position + (h->ntokens ? h->ntokens - 1 : 0);
        if (last >= d.ntokens || last < first) {
            rc = lede_fail(err, LEDE_ERR_ARG, "hit %zu: tokens %u-%u are not in document %lld (%zu tokens)", i + 1,
                           (unsigned)first, (unsigned)last, (long long)h->doc_id, d.ntokens);
            break;
        }
        const lede_sentence *s1 = &d.sentences[d.sent[first]], *s2 = &d.sentences[d.sent[last]];
        /* The context's first and last tokens. */
        uint32_t lo = o.cross_sentences ? 0 : s1->first_token;
        uint32_t hi = o.cross_sentences ? (uint32_t)d.ntokens - 1 : s2->first_token + s2->ntokens - 1;
        uint32_t a = first, b = last;
        if (o.context == 0 && !o.cross_sentences) {
            a = lo;
            b = hi;
        } else {
            uint32_t ctx = o.context ? o.context : 10;
            a = first - lo > ctx ? first - ctx : lo;
            b = hi - last > ctx ? last + ctx : hi;
        }
        lede_kwic_line *ln = &out->lines[i];
        ln->doc_id = h->doc_id;
        ln->sentence = d.sent[first];
        ln->left = a < first ? d.start[a] : h->start;
        ln->start = h->start;
        ln->end = h->end;
        ln->right = b > last ? d.end[b] : h->end;
        if (ln->right > d.len || ln->left > ln->start || ln->end > ln->right) {
            rc = lede_fail(err, LEDE_ERR_ARG, "hit %zu: bytes %u-%u do not match document %lld", i + 1,
                           (unsigned)h->start, (unsigned)h->end, (long long)h->doc_id);
            break;
        }
        ln->text = text.n;
        lede_bytes_append(&text, d.text + ln->left, ln->right - ln->left);
        lede_bytes_byte(&text, 0);
        out->n++;
    }
    lede_qdoc_free(&d);
    if (rc == LEDE_OK && text.failed) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    if (rc) {
        lede_bytes_free(&text);
        lede_kwic_free(out);
        return rc;
    }
    out->text = (char *)text.v;
    return LEDE_OK;
}
