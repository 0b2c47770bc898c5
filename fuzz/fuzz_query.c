/* fuzz_query.c — libFuzzer target for the query language (lede_query_parse
 * and lede_query_describe, core/query_parse.c) and its evaluation
 * (lede_search_run, core/query_eval.c; docs/query.md).
 *
 * Input: the query, up to its first NUL byte (it is a C string), as bytes:
 * any bytes, valid UTF-8 or not. The search runs over a small in-memory
 * index built once from SEED_TEXTS (with sources and dates, so that source:
 * and date: filters select something).
 *
 * Checks:
 *   - parsing succeeds, or fails with LEDE_ERR_QUERY, no query, and the
 *     message "query: position P: reason" (reason not empty) where P, also
 *     given in error_pos, is a character of the query or just past its end;
 *   - a parsed query has a non-empty canonical form (lede_query_describe;
 *     it is bracketed prefix notation, not the query language, so it is
 *     not parsed back);
 *   - a parsed query runs, in rank order and in document order with a
 *     limit: documents are existing ids, in the documented order (rank:
 *     score descending, ties by id; document order: ids ascending), at most
 *     the limit and at most `total`; each owns consecutive hits in order
 *     (first_hit, nhits); every hit is in its document, spans tokens
 *     [position, position + ntokens) of it, and its byte span is exactly
 *     those tokens' span; hits of a document are sorted by position;
 *   - KWIC lines of the hits lie inside their documents and hold the match;
 *   - nothing leaks (ASan's leak check; the index is built once and kept). */
#include "fuzz_check.h"
#include "lede_query.h"

static const char *const SEED_TEXTS[] = {
    "The cat sat on the mat. A dog barked at the cat!",
    "\342\200\234Cats and dogs,\xe2\x80\x9d she said. The dog ran.\n\nRecognition matters; they recognized it.",
    ("Secretary of State Marco Rubio said \xe2\x80\x9clogistical issues\xe2\x80\x9d kept him from London. "
    "Kyiv\xe2\x80\x99s envoy met Steve Witkoff."),
    "The U.S.-led talks on a 30-day ceasefire stalled, and Kiev (Kyiv) said Crimea was annexed in 2014.",
};
static const char *const SEED_SOURCES[] = {"A", "B", "New York Post", "a"};
static const char *const SEED_DATES[] = {"2025-04-22", "2025-04-23", "26-APR-2025 10:00", NULL};
#define NSEEDS (sizeof SEED_TEXTS / sizeof *SEED_TEXTS)

static lede_index *index_;
static lede_search *search_;
/* The documents as the index stores them: doc_[i] is document id i + 1. */
static lede_doc *doc_[NSEEDS];

/* Build the index and load its documents back, once. */
static void setup(void)
{
    lede_error err = {0};
    lede_corpus *c = NULL;
    if (lede_corpus_new(&c, &err)) abort();
    for (size_t i = 0; i < NSEEDS; i++) {
        char name[16];
        snprintf(name, sizeof name, "doc%zu", i + 1);
        lede_meta m = {.name = name, .source = SEED_SOURCES[i], .date = SEED_DATES[i]};
        FUZZ_CHECK(lede_corpus_add_text(c, SEED_TEXTS[i], strlen(SEED_TEXTS[i]), &m, &err) == LEDE_OK, "seed %zu: %s",
                   i, err.message);
    }
    FUZZ_CHECK(lede_index_open(NULL, &index_, &err) == LEDE_OK, "lede_index_open: %s", err.message);
    FUZZ_CHECK(lede_index_add(index_, c, NULL, &err) == LEDE_OK, "lede_index_add: %s", err.message);
    lede_corpus_free(c);
    FUZZ_CHECK(lede_index_ndocs(index_) == NSEEDS, "index holds %zu documents", lede_index_ndocs(index_));
    for (size_t i = 0; i < NSEEDS; i++)
        FUZZ_CHECK(lede_index_doc(index_, (int64_t)i + 1, &doc_[i], &err) == LEDE_OK, "lede_index_doc %zu: %s", i + 1,
                   err.message);
    FUZZ_CHECK(lede_search_new(index_, &search_, &err) == LEDE_OK, "lede_search_new: %s", err.message);
}

/* The invariants of one search result (see the top of the file). */
static void check_result(const lede_search_result *r, const lede_search_opts *o, const char *query)
{
    FUZZ_CHECK(r->ndocs <= r->total && r->total <= NSEEDS, "[%s]: %zu documents of %zu matched", query, r->ndocs,
               r->total);
    FUZZ_CHECK(!o->limit || r->ndocs <= o->limit, "[%s]: %zu documents over the limit %zu", query, r->ndocs,
               o->limit);
    FUZZ_CHECK(o->limit ? r->ndocs == (r->total < o->limit ? r->total : o->limit) : r->ndocs == r->total,
               "[%s]: %zu of %zu documents returned with limit %zu", query, r->ndocs, r->total, o->limit);
    size_t next_hit = 0;
    for (size_t k = 0; k < r->ndocs; k++) {
        const lede_search_doc *d = &r->docs[k];
        FUZZ_CHECK(d->doc_id >= 1 && d->doc_id <= (int64_t)NSEEDS, "[%s]: document id %lld", query,
                   (long long)d->doc_id);
        FUZZ_CHECK(d->score >= 0 && d->score == d->score, "[%s]: document %lld scores %g", query, (long long)d->doc_id,
                   d->score);
        if (k) {
            const lede_search_doc *p = &r->docs[k - 1];
            if (o->order == LEDE_ORDER_DOC)
                FUZZ_CHECK(p->doc_id < d->doc_id, "[%s]: documents %lld then %lld in document order", query,
                           (long long)p->doc_id, (long long)d->doc_id);
            else
                FUZZ_CHECK(p->score > d->score || (p->score == d->score && p->doc_id < d->doc_id),
                           "[%s]: document %lld (%g) ranked before %lld (%g)", query, (long long)p->doc_id, p->score,
                           (long long)d->doc_id, d->score);
        }
        FUZZ_CHECK(d->first_hit == next_hit && d->first_hit + d->nhits <= r->nhits,
                   "[%s]: document %lld owns hits [%zu, +%zu) of %zu, expected from %zu", query, (long long)d->doc_id,
                   d->first_hit, d->nhits, r->nhits, next_hit);
        next_hit = d->first_hit + d->nhits;
        lede_doc *doc = doc_[d->doc_id - 1];
        size_t len, ntok = lede_doc_ntokens(doc);
        lede_doc_text(doc, &len);
        const lede_token *t = lede_doc_tokens(doc);
        for (size_t i = d->first_hit; i < next_hit; i++) {
            const lede_hit *h = &r->hits[i];
            FUZZ_CHECK(h->doc_id == d->doc_id, "[%s]: hit %zu of document %lld says %lld", query, i,
                       (long long)d->doc_id, (long long)h->doc_id);
            FUZZ_CHECK(h->ntokens > 0 && (size_t)h->position + h->ntokens <= ntok,
                       "[%s]: hit %zu tokens [%u, +%u) of %zu", query, i, h->position, h->ntokens, ntok);
            FUZZ_CHECK(h->start < h->end && h->end <= len, "[%s]: hit %zu bytes [%u, %u) of %zu", query, i, h->start,
                       h->end, len);
            FUZZ_CHECK(h->start == t[h->position].start && h->end == t[h->position + h->ntokens - 1].end,
                       "[%s]: hit %zu bytes [%u, %u) are not those of its tokens", query, i, h->start, h->end);
            if (i > d->first_hit)
                FUZZ_CHECK(r->hits[i - 1].position <= h->position, "[%s]: hits %zu and %zu out of order", query, i - 1,
                           i);
        }
    }
    FUZZ_CHECK(next_hit == r->nhits, "[%s]: documents own %zu of %zu hits", query, next_hit, r->nhits);
}

/* KWIC lines of the hits: one per hit, inside its document, holding the match. */
static void check_kwic(const lede_search_result *r, const char *query)
{
    lede_error err = {0};
    lede_kwic k = {0};
    FUZZ_CHECK(lede_search_kwic(search_, r->hits, r->nhits, NULL, &k, &err) == LEDE_OK, "[%s]: kwic: %s", query,
               err.message);
    FUZZ_CHECK(k.n == r->nhits, "[%s]: %zu KWIC lines for %zu hits", query, k.n, r->nhits);
    for (size_t i = 0; i < k.n; i++) {
        const lede_kwic_line *l = &k.lines[i];
        size_t len;
        const char *text = lede_doc_text(doc_[r->hits[i].doc_id - 1], &len);
        FUZZ_CHECK(l->doc_id == r->hits[i].doc_id && l->start == r->hits[i].start && l->end == r->hits[i].end,
                   "[%s]: KWIC line %zu is not its hit's", query, i);
        FUZZ_CHECK(l->left <= l->start && l->end <= l->right && l->right <= len,
                   "[%s]: KWIC line %zu [%u, %u, %u, %u) of %zu", query, i, l->left, l->start, l->end, l->right, len);
        FUZZ_CHECK(memcmp(k.text + l->text, text + l->left, l->right - l->left) == 0,
                   "[%s]: KWIC line %zu text differs from the document's", query, i);
    }
    lede_kwic_free(&k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!search_) setup();
    const uint8_t *nul = memchr(data, 0, size);
    size_t len = nul ? (size_t)(nul - data) : size;
    char *query = fuzz_xmalloc(len + 1);
    memcpy(query, data, len);
    query[len] = '\0';
    size_t chars = 0;
    for (size_t i = 0; i < len; i++) chars += ((unsigned char)query[i] & 0xC0) != 0x80;

    lede_error err = {0};
    lede_query *q = NULL;
    size_t pos = 12345;
    int rc = lede_query_parse(query, &q, &pos, &err);
    if (rc != LEDE_OK) {
        fuzz_check_error(rc, &err, "lede_query_parse");
        FUZZ_CHECK(rc == LEDE_ERR_QUERY && q == NULL, "[%s]: failed with %s, query %p", query, lede_status_name(rc),
                   (void *)q);
        FUZZ_CHECK(pos >= 1 && pos <= chars + 1, "[%s]: error at position %zu of %zu characters", query, pos, chars);
        char head[48];
        int n = snprintf(head, sizeof head, "query: position %zu: ", pos);
        FUZZ_CHECK(strncmp(err.message, head, (size_t)n) == 0 && err.message[n] != '\0',
                   "[%s]: message \"%s\" at position %zu", query, err.message, pos);
        free(query);
        return 0;
    }
    FUZZ_CHECK(q != NULL && pos == 0, "[%s]: parsed, query %p, position %zu", query, (void *)q, pos);

    char *canon = NULL;
    FUZZ_CHECK(lede_query_describe(q, &canon, &err) == LEDE_OK && canon && canon[0], "[%s]: describe: %s", query,
               err.message);

    lede_search_opts rank = {0}, bydoc = {.order = LEDE_ORDER_DOC, .limit = 2};
    const lede_search_opts *opts[] = {&rank, &bydoc};
    for (size_t i = 0; i < 2; i++) {
        lede_search_result r;
        rc = lede_search_run(search_, q, opts[i], &r, &err);
        FUZZ_CHECK(rc == LEDE_OK, "[%s] (%s): lede_search_run: %s", query, canon, err.message);
        check_result(&r, opts[i], query);
        if (i == 0) check_kwic(&r, query);
        lede_search_result_free(&r);
    }
    free(canon);
    lede_query_free(q);
    free(query);
    return 0;
}
