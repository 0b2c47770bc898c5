/* index_query.c — term, phrase and document-frequency queries.
 *
 * A phrase is tokenized like the documents; its indexed tokens (words,
 * abbreviations, numbers, CJK) must occur at consecutive word positions.
 * Postings count indexed tokens only, so punctuation and quote marks
 * between the words do not break a match (as in SQLite FTS5). Hits are
 * mapped back to token indices and byte spans through the document's
 * stored token table. */
#include "doc.h"
#include "error.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

/* One term's postings, decoded: document i has positions
 * pos[off[i] .. off[i + 1]). */
typedef struct plist {
    int64_t *docs;
    size_t *off;
    uint32_t *pos;
    size_t ndocs, docs_cap, off_cap, npos, pos_cap;
} plist;

/* Free a decoded postings list. */
static void plist_free(plist *pl)
{
    free(pl->docs);
    free(pl->off);
    free(pl->pos);
    memset(pl, 0, sizeof *pl);
}

/* Grow *v (elements of size `size`, capacity *cap) to hold `need`. */
static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *p = realloc(*v, c * size);
    if (!p) return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* Decode one postings row (docs/schema.md, postings.data) onto pl. */
static int decode_postings(plist *pl, const uint8_t *p, const uint8_t *end)
{
    int64_t doc = 0;
    while (p < end) {
        uint64_t delta, tf;
        if (lede_varint_get(&p, end, &delta) || lede_varint_get(&p, end, &tf) || !delta ||
            tf > (uint64_t)(end - p) || tf == 0)
            return -1;
        doc += (int64_t)delta;
        if (grow((void **)&pl->docs, &pl->docs_cap, pl->ndocs + 1, sizeof *pl->docs) ||
            grow((void **)&pl->off, &pl->off_cap, pl->ndocs + 2, sizeof *pl->off) ||
            grow((void **)&pl->pos, &pl->pos_cap, pl->npos + (size_t)tf, sizeof *pl->pos))
            return -2;
        pl->docs[pl->ndocs] = doc;
        pl->off[pl->ndocs] = pl->npos;
        uint64_t pos = 0;
        for (uint64_t i = 0; i < tf; i++) {
            uint64_t d;
            if (lede_varint_get(&p, end, &d) || (i && !d) || pos + d > UINT32_MAX) return -1;
            pos += d;
            pl->pos[pl->npos++] = (uint32_t)pos;
        }
        pl->ndocs++;
        pl->off[pl->ndocs] = pl->npos;
    }
    return 0;
}

/* Load every postings row of a term, in document order. */
static int load_postings(lede_index *index, const char *term, size_t term_len, plist *pl, lede_error *err)
{
    int rc = lede_index_prepare(index, &index->postings,
                                "SELECT data FROM postings WHERE term = ? ORDER BY first_doc", err);
    if (rc) return rc;
    sqlite3_stmt *st = index->postings;
    sqlite3_bind_text(st, 1, term, (int)term_len, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const uint8_t *blob = sqlite3_column_blob(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        int bad = decode_postings(pl, blob, blob + len);
        if (bad) {
            sqlite3_reset(st);
            return bad == -2 ? lede_fail(err, LEDE_ERR_NOMEM, "out of memory")
                             : lede_fail(err, LEDE_ERR_FORMAT, "%s: corrupt postings of term '%.*s'",
                                         index->path, (int)term_len, term);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return lede_index_dbfail(index, err, "reading postings");
    return LEDE_OK;
}

/* The document frequency of a normalized term (0 when absent). */
static int lookup_df(lede_index *index, const char *term, size_t len, int64_t *df, lede_error *err)
{
    *df = 0;
    int rc = lede_index_prepare(index, &index->term_lookup,
                                "SELECT coalesce(sum(ndocs), 0) FROM postings WHERE term = ?", err);
    if (rc) return rc;
    sqlite3_stmt *st = index->term_lookup;
    sqlite3_bind_text(st, 1, term, (int)len, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *df = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return lede_index_dbfail(index, err, "looking up a term");
    return LEDE_OK;
}

/* Token spans of one document and the token index of each word position. */
typedef struct doc_map {
    uint32_t *start, *end; /* per token */
    uint32_t *word_token;  /* per word position */
    size_t ntokens, nwords, start_cap, end_cap, word_cap;
} doc_map;

/* Free a document map's arrays. */
static void doc_map_free(doc_map *m)
{
    free(m->start);
    free(m->end);
    free(m->word_token);
}

/* Read a document's token table into m, up to its word max_word (the
 * tokens after it are not needed). */
static int load_doc_map(lede_index *index, int64_t doc, uint32_t max_word, doc_map *m, lede_error *err)
{
    int rc = lede_index_prepare(index, &index->doc_tokens,
                                "SELECT bytes, tokens FROM documents WHERE id = ?", err);
    if (rc) return rc;
    sqlite3_stmt *st = index->doc_tokens;
    sqlite3_bind_int64(st, 1, doc);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? lede_fail(err, LEDE_ERR_FORMAT, "%s: postings name missing document %lld",
                                             index->path, (long long)doc)
                                 : lede_index_dbfail(index, err, "reading a document's tokens");
    }
    size_t text_len = (size_t)sqlite3_column_int64(st, 0);
    const void *blob = sqlite3_column_blob(st, 1);
    size_t blob_len = (size_t)sqlite3_column_bytes(st, 1);
    lede_tokblob_reader r;
    uint64_t n;
    int bad = lede_tokblob_open(&r, blob, blob_len, &n) || n > blob_len;
    if (!bad) {
        if (grow((void **)&m->start, &m->start_cap, (size_t)n, sizeof *m->start) ||
            grow((void **)&m->end, &m->end_cap, (size_t)n, sizeof *m->end) ||
            grow((void **)&m->word_token, &m->word_cap, (size_t)n, sizeof *m->word_token)) {
            sqlite3_reset(st);
            return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        }
        m->ntokens = (size_t)n;
        m->nwords = 0;
        for (size_t i = 0; i < n && !bad && m->nwords <= max_word; i++) {
            lede_tokblob_entry e;
            bad = lede_tokblob_next(&r, text_len, &e);
            m->start[i] = e.start;
            m->end[i] = e.end;
            if (!bad && lede_token_indexed(e.kind)) m->word_token[m->nwords++] = (uint32_t)i;
        }
    }
    sqlite3_reset(st);
    if (bad)
        return lede_fail(err, LEDE_ERR_FORMAT, "%s: document %lld: corrupt token table", index->path,
                         (long long)doc);
    return LEDE_OK;
}

/* Is x among the sorted positions pos[0, n)? */
static int has_position(const uint32_t *pos, size_t n, uint32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pos[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && pos[lo] == x;
}

/* A normalized term of a query. */
typedef struct qterm {
    const char *text;
    size_t len;
} qterm;

/* Find the documents holding all k terms, at consecutive word positions,
 * and append one hit per match. */
static int match_terms(lede_index *index, const qterm *terms, size_t k, lede_hits *out, lede_error *err)
{
    plist *lists = calloc(k, sizeof *lists);
    size_t *at = calloc(k, sizeof *at);
    doc_map map = {0};
    size_t cap = 0;
    int rc = lists && at ? LEDE_OK : lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    for (size_t j = 0; j < k && rc == LEDE_OK; j++) rc = load_postings(index, terms[j].text, terms[j].len, &lists[j], err);
    int done = rc != LEDE_OK;
    for (; !done && at[0] < lists[0].ndocs; at[0]++) {
        int64_t doc = lists[0].docs[at[0]];
        int all = 1;
        for (size_t j = 1; j < k; j++) {
            while (at[j] < lists[j].ndocs && lists[j].docs[at[j]] < doc) at[j]++;
            if (at[j] == lists[j].ndocs) done = 1;
            if (done || lists[j].docs[at[j]] != doc) all = 0;
        }
        if (!all) continue;
        int mapped = 0;
        for (size_t q = lists[0].off[at[0]]; q < lists[0].off[at[0] + 1] && rc == LEDE_OK; q++) {
            uint32_t p = lists[0].pos[q];
            int match = 1;
            for (size_t j = 1; j < k && match; j++) {
                const plist *l = &lists[j];
                match = has_position(l->pos + l->off[at[j]], l->off[at[j] + 1] - l->off[at[j]],
                                     p + (uint32_t)j);
            }
            if (!match) continue;
            /* The last word any match in this document can reach. */
            uint32_t max_word = lists[0].pos[lists[0].off[at[0] + 1] - 1] + (uint32_t)k - 1;
            if (!mapped && (rc = load_doc_map(index, doc, max_word, &map, err)) != LEDE_OK) break;
            mapped = 1;
            uint32_t last = p + (uint32_t)k - 1;
            if (last >= map.nwords) {
                rc = lede_fail(err, LEDE_ERR_FORMAT, "%s: document %lld: postings past its last word",
                               index->path, (long long)doc);
                break;
            }
            if (grow((void **)&out->hits, &cap, out->n + 1, sizeof *out->hits)) {
                rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
                break;
            }
            uint32_t first_tok = map.word_token[p], last_tok = map.word_token[last];
            out->hits[out->n++] = (lede_hit){.doc_id = doc,
                                             .position = first_tok,
                                             .ntokens = last_tok - first_tok + 1,
                                             .start = map.start[first_tok],
                                             .end = map.end[last_tok]};
        }
        if (rc) done = 1;
    }
    for (size_t j = 0; lists && j < k; j++) plist_free(&lists[j]);
    free(lists);
    free(at);
    doc_map_free(&map);
    return rc;
}

/* Free a query's hits (lede.h). */
void lede_hits_free(lede_hits *hits)
{
    if (!hits) return;
    free(hits->hits);
    hits->hits = NULL;
    hits->n = 0;
}

/* Occurrences of one term, normalized with lede_normalize (lede.h). */
int lede_index_term(lede_index *index, const char *term, lede_hits *out, lede_error *err)
{
    out->hits = NULL;
    out->n = 0;
    if (!term) return lede_fail(err, LEDE_ERR_ARG, "lede_index_term: term is NULL");
    char *norm = NULL;
    size_t len = 0;
    int rc = lede_normalize(term, strlen(term), &norm, &len, err);
    if (rc) return rc;
    qterm q = {norm, len};
    if (len == 0)
        rc = lede_fail(err, LEDE_ERR_QUERY, "empty term");
    else
        rc = match_terms(index, &q, 1, out, err);
    free(norm);
    if (rc) lede_hits_free(out);
    return rc;
}

/* Occurrences of a phrase: its words tokenized like the documents, at
 * consecutive word positions (lede.h). */
int lede_index_phrase(lede_index *index, const char *phrase, lede_hits *out, lede_error *err)
{
    out->hits = NULL;
    out->n = 0;
    if (!phrase) return lede_fail(err, LEDE_ERR_ARG, "lede_index_phrase: phrase is NULL");
    lede_doc *doc = NULL;
    int rc = lede_doc_new(phrase, strlen(phrase), NULL, &doc, err);
    if (rc == LEDE_OK) rc = lede_doc_analyze(doc, err);
    if (rc) {
        lede_doc_free(doc);
        return rc;
    }
    size_t n = lede_doc_ntokens(doc), k = 0;
    const lede_token *tokens = lede_doc_tokens(doc);
    const char *norms = lede_doc_norms(doc);
    qterm *terms = malloc((n ? n : 1) * sizeof *terms);
    if (!terms) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == LEDE_OK; i++)
        if (lede_token_indexed(tokens[i].kind))
            terms[k++] = (qterm){norms + tokens[i].norm, tokens[i].norm_len};
    if (rc == LEDE_OK && k == 0) rc = lede_fail(err, LEDE_ERR_QUERY, "phrase \"%s\" has no words", phrase);
    if (rc == LEDE_OK) rc = match_terms(index, terms, k, out, err);
    free(terms);
    lede_doc_free(doc);
    if (rc) lede_hits_free(out);
    return rc;
}

/* Documents containing the term: the sum of ndocs over its rows (lede.h). */
int lede_index_df(lede_index *index, const char *term, size_t *df, lede_error *err)
{
    *df = 0;
    if (!term) return lede_fail(err, LEDE_ERR_ARG, "lede_index_df: term is NULL");
    char *norm = NULL;
    size_t len = 0;
    int rc = lede_normalize(term, strlen(term), &norm, &len, err);
    if (rc) return rc;
    int64_t count = 0;
    rc = lookup_df(index, norm, len, &count, err);
    free(norm);
    if (rc == LEDE_OK) *df = (size_t)count;
    return rc;
}
