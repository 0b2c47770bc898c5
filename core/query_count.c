/* query_count.c — counting forms over documents of the index: n-gram
 * frequencies (with the number of documents holding each), collocate
 * counts in windows around hits, and the totals the statistics divide by.
 * Counting happens in an open-addressing hash table keyed by lede_hash of
 * the form; the forms live in one arena. */
#include "error.h"
#include "query.h"

#include <stdlib.h>
#include <string.h>

typedef struct cslot {
    uint64_t hash, count, ndocs;
    int64_t last_doc; /* the last document counted, for ndocs */
    size_t form;      /* offset in the arena, +1 (0: empty slot) */
    uint32_t len;
} cslot;

typedef struct counter {
    cslot *slots;
    size_t cap, used;
    lede_bytes arena;
    uint64_t total;
} counter;

static void counter_free(counter *c)
{
    free(c->slots);
    lede_bytes_free(&c->arena);
}

/* Count one occurrence of form[0, len) in document doc. Returns 0 or -1. */
static int counter_add(counter *c, const char *form, size_t len, int64_t doc)
{
    if ((c->used + 1) * 4 > c->cap * 3) {
        size_t ncap = c->cap ? c->cap * 2 : 1024;
        cslot *ns = calloc(ncap, sizeof *ns);
        if (!ns) return -1;
        for (size_t i = 0; i < c->cap; i++)
            if (c->slots[i].form) {
                size_t j = c->slots[i].hash & (ncap - 1);
                while (ns[j].form) j = (j + 1) & (ncap - 1);
                ns[j] = c->slots[i];
            }
        free(c->slots);
        c->slots = ns;
        c->cap = ncap;
    }
    uint64_t h = lede_hash(form, len);
    size_t j = h & (c->cap - 1);
    while (c->slots[j].form) {
        cslot *x = &c->slots[j];
        if (x->hash == h && x->len == len && memcmp(c->arena.v + x->form - 1, form, len) == 0) break;
        j = (j + 1) & (c->cap - 1);
    }
    cslot *x = &c->slots[j];
    if (!x->form) {
        x->hash = h;
        x->len = (uint32_t)len;
        x->form = c->arena.n + 1;
        x->last_doc = 0;
        lede_bytes_append(&c->arena, form, len);
        lede_bytes_byte(&c->arena, 0);
        if (c->arena.failed) return -1;
        c->used++;
    }
    x->count++;
    if (x->last_doc != doc) {
        x->ndocs++;
        x->last_doc = doc;
    }
    c->total++;
    return 0;
}

/* Most frequent first, then by form. */
static int by_count(const void *a, const void *b)
{
    const lede_count *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->form, y->form);
}

/* Move the counter's forms into out, sorted; the counter is freed. */
static int counter_finish(counter *c, lede_counts *out, lede_error *err)
{
    if (c->used && !(out->v = malloc(c->used * sizeof *out->v))) {
        counter_free(c);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].form)
            out->v[out->n++] = (lede_count){.form = (const char *)c->arena.v + c->slots[i].form - 1,
                                            .count = c->slots[i].count,
                                            .ndocs = c->slots[i].ndocs};
    if (out->n) qsort(out->v, out->n, sizeof *out->v, by_count);
    out->total = c->total;
    out->arena = (char *)c->arena.v;
    free(c->slots);
    return LEDE_OK;
}

void lede_counts_free(lede_counts *c)
{
    if (!c) return;
    free(c->v);
    free(c->arena);
    memset(c, 0, sizeof *c);
}

/* Count the n-grams of one loaded document. */
static int count_doc_ngrams(const qdoc *d, unsigned n, counter *c, lede_bytes *buf)
{
    for (size_t w = 0; w + n <= d->nwords; w++) {
        uint32_t t0 = d->word_token[w], t1 = d->word_token[w + n - 1];
        if (d->sent[t0] != d->sent[t1]) continue;
        buf->n = 0;
        for (unsigned k = 0; k < n; k++) {
            const char *form = d->norms + d->norm[d->word_token[w + k]];
            if (k) lede_bytes_byte(buf, ' ');
            lede_bytes_append(buf, form, strlen(form));
        }
        if (buf->failed || counter_add(c, (const char *)buf->v, buf->n, d->id)) return -1;
    }
    return 0;
}

int lede_search_ngrams(lede_search *s, const int64_t *docs, size_t ndocs, unsigned n, lede_counts *out,
                       lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 1 || n > 8) return lede_fail(err, LEDE_ERR_ARG, "lede_search_ngrams: n must be 1 to 8, not %u", n);
    int rc = lede_search_refresh(s, err);
    if (rc) return rc;
    counter c = {0};
    lede_bytes buf = {0};
    qdoc d = {0};
    size_t count = docs ? ndocs : (size_t)s->maxid;
    for (size_t i = 0; i < count && rc == LEDE_OK; i++) {
        int64_t id = docs ? docs[i] : (int64_t)i + 1;
        if (!docs && !s->meta[id].present) continue;
        rc = lede_qdoc_load(s, id, QDOC_NORMS | QDOC_SENTENCES, 0, &d, err);
        if (rc == LEDE_OK && count_doc_ngrams(&d, n, &c, &buf)) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    lede_qdoc_free(&d);
    lede_bytes_free(&buf);
    if (rc) {
        counter_free(&c);
        return rc;
    }
    return counter_finish(&c, out, err);
}

int lede_search_window(lede_search *s, const lede_hit *hits, size_t n, unsigned window, int cross_sentences,
                       lede_counts *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (n && !hits) return lede_fail(err, LEDE_ERR_ARG, "lede_search_window: hits is NULL");
    counter c = {0};
    qdoc d = {0};
    int rc = LEDE_OK;
    uint32_t *word_of = NULL; /* token -> word position, or UINT32_MAX */
    size_t word_cap = 0;
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) {
        const lede_hit *h = &hits[i];
        if (i == 0 || h->doc_id != d.id) {
            rc = lede_qdoc_load(s, h->doc_id, QDOC_NORMS | QDOC_SENTENCES, 0, &d, err);
            if (rc) break;
            if (lede_qgrow((void **)&word_of, &word_cap, d.ntokens + 1, sizeof *word_of)) {
                rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
                break;
            }
            for (size_t t = 0; t < d.ntokens; t++) word_of[t] = UINT32_MAX;
            for (size_t w = 0; w < d.nwords; w++) word_of[d.word_token[w]] = (uint32_t)w;
        }
        uint32_t last_tok = h->position + (h->ntokens ? h->ntokens - 1 : 0);
        if (last_tok >= d.ntokens) {
            rc = lede_fail(err, LEDE_ERR_ARG, "hit %zu is not in document %lld", i + 1, (long long)h->doc_id);
            break;
        }
        /* The hit's first and last word positions. */
        uint32_t w0 = UINT32_MAX, w1 = 0;
        for (uint32_t t = h->position; t <= last_tok; t++)
            if (word_of[t] != UINT32_MAX) {
                if (w0 == UINT32_MAX) w0 = word_of[t];
                w1 = word_of[t];
            }
        if (w0 == UINT32_MAX) continue;
        uint32_t s0 = d.sent[h->position], s1 = d.sent[last_tok];
        size_t lo = w0 > window ? w0 - window : 0, hi = (size_t)w1 + window;
        if (hi >= d.nwords) hi = d.nwords - 1;
        for (size_t w = lo; w <= hi && rc == LEDE_OK; w++) {
            if (w >= w0 && w <= w1) continue;
            uint32_t t = d.word_token[w];
            if (!cross_sentences && (d.sent[t] < s0 || d.sent[t] > s1)) continue;
            const char *form = d.norms + d.norm[t];
            if (counter_add(&c, form, strlen(form), d.id)) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        }
    }
    lede_qdoc_free(&d);
    free(word_of);
    if (rc) {
        counter_free(&c);
        return rc;
    }
    return counter_finish(&c, out, err);
}

int lede_search_totals(lede_search *s, int64_t doc_id, uint64_t *ndocs, uint64_t *nwords, lede_error *err)
{
    int rc = lede_search_refresh(s, err);
    if (rc) return rc;
    if (doc_id > 0) {
        if (doc_id > s->maxid || !s->meta[doc_id].present)
            return lede_fail(err, LEDE_ERR_NOTFOUND, "%s: no document with id %lld", s->index->path, (long long)doc_id);
        *ndocs = 1;
        *nwords = s->meta[doc_id].nwords;
        return LEDE_OK;
    }
    *ndocs = s->ndocs;
    *nwords = s->nwords;
    return LEDE_OK;
}

int lede_search_term_freq(lede_search *s, const char *term, uint64_t *df, uint64_t *cf, lede_error *err)
{
    *df = *cf = 0;
    if (!term) return lede_fail(err, LEDE_ERR_ARG, "lede_search_term_freq: term is NULL");
    char *norm = NULL;
    size_t len = 0;
    int rc = lede_normalize(term, strlen(term), &norm, &len, err);
    if (rc) return rc;
    sqlite3_stmt *st = s->freq;
    sqlite3_bind_text(st, 1, norm, (int)len, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *df = (uint64_t)sqlite3_column_int64(st, 0);
        *cf = (uint64_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(norm);
    if (step != SQLITE_ROW) return lede_index_dbfail(s->index, err, "looking up a term");
    return LEDE_OK;
}
