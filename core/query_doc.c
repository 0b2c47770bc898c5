/* query_doc.c — the searcher and what it caches: each document's length in
 * words, source and date (read once, extended when documents are added),
 * and one document's token spans, sentences and normalized forms read
 * from its stored token table (docs/schema.md) without tokenizing again. */
#include "error.h"
#include "query.h"

#include <stdlib.h>
#include <string.h>

int lede_qgrow(void **v, size_t *cap, size_t need, size_t size)
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

/* Prepare a statement of the searcher once. */
static int prepare(lede_search *s, sqlite3_stmt **slot, const char *sql, lede_error *err)
{
    if (*slot) return LEDE_OK;
    if (sqlite3_prepare_v3(s->index->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
        return lede_index_dbfail(s->index, err, "preparing a search");
    return LEDE_OK;
}

int lede_search_new(lede_index *index, lede_search **out, lede_error *err)
{
    *out = NULL;
    if (!index) return lede_fail(err, LEDE_ERR_ARG, "lede_search_new: index is NULL");
    lede_search *s = calloc(1, sizeof *s);
    if (!s) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    s->index = index;
    int rc = prepare(s, &s->postings, "SELECT data FROM postings WHERE term = ? ORDER BY first_doc", err);
    if (rc == LEDE_OK)
        rc = prepare(s, &s->prefix, "SELECT DISTINCT term FROM postings WHERE term >= ?1 AND term < ?2", err);
    if (rc == LEDE_OK)
        rc = prepare(s, &s->doc, "SELECT bytes, tokens, sentences, text FROM documents WHERE id = ?", err);
    if (rc == LEDE_OK)
        rc = prepare(s, &s->freq,
                     "SELECT coalesce(sum(ndocs), 0), coalesce(sum(occurrences), 0) FROM postings WHERE term = ?",
                     err);
    if (rc == LEDE_OK) rc = prepare(s, &s->maxid_stmt, "SELECT coalesce(max(id), 0) FROM documents", err);
    if (rc == LEDE_OK) rc = lede_search_refresh(s, err);
    if (rc) {
        lede_search_free(s);
        return rc;
    }
    *out = s;
    return LEDE_OK;
}

void lede_search_free(lede_search *s)
{
    if (!s) return;
    sqlite3_finalize(s->postings);
    sqlite3_finalize(s->prefix);
    sqlite3_finalize(s->doc);
    sqlite3_finalize(s->freq);
    sqlite3_finalize(s->maxid_stmt);
    for (int64_t i = 0; s->meta && i <= s->maxid; i++) {
        free(s->meta[i].source);
        free(s->meta[i].name);
        free(s->meta[i].title);
        free(s->meta[i].date_text);
    }
    free(s->meta);
    free(s);
}

/* Column `col` as a new string, NULL when SQL NULL; *failed on OOM. */
static char *dup_column(sqlite3_stmt *st, int col, int *failed)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    if (!v) return NULL;
    char *copy = strdup(v);
    if (!copy) *failed = 1;
    return copy;
}

int lede_search_refresh(lede_search *s, lede_error *err)
{
    sqlite3 *db = s->index->db;
    sqlite3_stmt *st = s->maxid_stmt;
    int64_t maxid = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) maxid = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (step != SQLITE_ROW) return lede_index_dbfail(s->index, err, "counting documents");
    if (maxid == s->maxid) return LEDE_OK;
    if (maxid < s->maxid)
        return lede_fail(err, LEDE_ERR_FORMAT, "%s: documents were removed while a search was open", s->index->path);
    qmeta *meta = realloc(s->meta, (size_t)(maxid + 1) * sizeof *meta);
    if (!meta) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    memset(meta + s->maxid + (s->meta ? 1 : 0), 0, (size_t)(maxid - s->maxid + (s->meta ? 0 : 1)) * sizeof *meta);
    s->meta = meta;
    if (sqlite3_prepare_v2(db, "SELECT id, nwords, source, date, name, title FROM documents WHERE id > ? ORDER BY id", -1, &st,
                           NULL) != SQLITE_OK)
        return lede_index_dbfail(s->index, err, "reading document metadata");
    sqlite3_bind_int64(st, 1, s->maxid);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (id <= s->maxid || id > maxid) continue;
        qmeta *m = &meta[id];
        m->present = 1;
        m->nwords = (uint32_t)sqlite3_column_int64(st, 1);
        int failed = 0;
        m->source = dup_column(st, 2, &failed);
        m->date_text = dup_column(st, 3, &failed);
        m->name = dup_column(st, 4, &failed);
        m->title = dup_column(st, 5, &failed);
        if (failed) {
            sqlite3_finalize(st);
            s->maxid = id;
            return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        }
        m->date = lede_date_key(m->date_text);
        s->ndocs++;
        s->nwords += m->nwords;
    }
    sqlite3_finalize(st);
    s->maxid = maxid;
    if (rc != SQLITE_DONE) return lede_index_dbfail(s->index, err, "reading document metadata");
    return LEDE_OK;
}

void lede_qdoc_free(qdoc *d)
{
    free(d->text);
    free(d->start);
    free(d->end);
    free(d->sent);
    free(d->word_token);
    free(d->norm);
    free(d->kind);
    free(d->norms);
    free(d->sentences);
    memset(d, 0, sizeof *d);
}

/* Read an unsigned decimal at *p. */
static int parse_u32(const char **p, uint32_t *v)
{
    const char *q = *p;
    uint64_t x = 0;
    if (*q < '0' || *q > '9') return -1;
    while (*q >= '0' && *q <= '9') {
        x = x * 10 + (uint64_t)(*q++ - '0');
        if (x > UINT32_MAX) return -1;
    }
    *v = (uint32_t)x;
    *p = q;
    return 0;
}

/* Parse documents.sentences ([[start, end, first_token, ntokens, paragraph], …]). */
static int parse_sentences(const char *p, qdoc *d)
{
    d->nsent = 0;
    if (!p || *p++ != '[') return -1;
    while (*p == '[' || *p == ',') {
        if (d->nsent && *p++ != ',') return -1;
        if (lede_qgrow((void **)&d->sentences, &d->sent_cap, d->nsent + 1, sizeof *d->sentences)) return -2;
        lede_sentence *s = &d->sentences[d->nsent];
        if (*p++ != '[' || parse_u32(&p, &s->start) || *p++ != ',' || parse_u32(&p, &s->end) || *p++ != ',' ||
            parse_u32(&p, &s->first_token) || *p++ != ',' || parse_u32(&p, &s->ntokens) || *p++ != ',' ||
            parse_u32(&p, &s->paragraph) || *p++ != ']')
            return -1;
        d->nsent++;
    }
    return *p == ']' ? 0 : -1;
}

/* Append a normalized form to the document's norms. */
static int add_norm(qdoc *d, const void *bytes, size_t len, int lower)
{
    if (lede_qgrow((void **)&d->norms, &d->norms_cap, d->norms_len + len + 1, 1)) return -1;
    char *dst = d->norms + d->norms_len;
    memcpy(dst, bytes, len);
    if (lower)
        for (size_t i = 0; i < len; i++)
            if (dst[i] >= 'A' && dst[i] <= 'Z') dst[i] = (char)(dst[i] + ('a' - 'A'));
    dst[len] = '\0';
    d->norms_len += len + 1;
    return 0;
}

/* Make room for n tokens in every per-token array. */
static int grow_tokens(qdoc *d, size_t n)
{
    if (n <= d->tok_cap) return 0;
    size_t c = d->tok_cap ? d->tok_cap : 64;
    while (c < n) c *= 2;
    void **arrays[] = {(void **)&d->start, (void **)&d->end, (void **)&d->sent, (void **)&d->word_token,
                       (void **)&d->norm};
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
        void *p = realloc(*arrays[i], c * sizeof(uint32_t));
        if (!p) return -1;
        *arrays[i] = p;
    }
    uint8_t *k = realloc(d->kind, c);
    if (!k) return -1;
    d->kind = k;
    d->tok_cap = c;
    return 0;
}

int lede_qdoc_load(lede_search *s, int64_t id, int what, uint32_t words, qdoc *d, lede_error *err)
{
    sqlite3_stmt *st = s->doc;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return rc == SQLITE_DONE
                   ? lede_fail(err, LEDE_ERR_NOTFOUND, "%s: no document with id %lld", s->index->path, (long long)id)
                   : lede_index_dbfail(s->index, err, "reading a document");
    }
    d->id = id;
    size_t text_len = (size_t)sqlite3_column_int64(st, 0);
    const void *blob = sqlite3_column_blob(st, 1);
    size_t blob_len = (size_t)sqlite3_column_bytes(st, 1);
    const char *text = NULL;
    int bad = 0, nomem = 0;
    if (what & (QDOC_TEXT | QDOC_NORMS)) {
        text = (const char *)sqlite3_column_text(st, 3);
        if ((size_t)sqlite3_column_bytes(st, 3) != text_len) bad = 1;
    }
    if (!bad && (what & QDOC_TEXT)) {
        free(d->text);
        d->text = malloc(text_len + 1);
        if (!d->text) nomem = 1;
        else {
            memcpy(d->text, text, text_len);
            d->text[text_len] = '\0';
        }
        d->len = text_len;
    }
    lede_tokblob_reader r;
    uint64_t n = 0;
    if (!bad && !nomem && (lede_tokblob_open(&r, blob, blob_len, &n) || n > blob_len)) bad = 1;
    if (!bad && !nomem && grow_tokens(d, (size_t)n)) nomem = 1;
    if (!bad && !nomem) {
        d->ntokens = (size_t)n;
        d->nwords = 0;
        d->norms_len = 0;
        if ((what & QDOC_SENTENCES) || words == 0) words = UINT32_MAX;
        for (size_t i = 0; i < n && !bad && !nomem; i++) {
            if (d->nwords >= words) {
                d->ntokens = i; /* the rest is not needed */
                break;
            }
            lede_tokblob_entry e;
            if (lede_tokblob_next(&r, text_len, &e)) {
                bad = 1;
                break;
            }
            d->start[i] = e.start;
            d->end[i] = e.end;
            d->kind[i] = e.kind;
            if (lede_token_indexed(e.kind)) d->word_token[d->nwords++] = (uint32_t)i;
            if (what & QDOC_NORMS) {
                d->norm[i] = (uint32_t)d->norms_len;
                if (e.norm_mode == LEDE_NORM_INLINE) nomem = add_norm(d, e.norm, e.norm_len, 0);
                else nomem = add_norm(d, text + e.start, e.norm_len, e.norm_mode == LEDE_NORM_LOWER);
            }
        }
    }
    d->nsent = 0;
    if (!bad && !nomem && (what & QDOC_SENTENCES)) {
        int sr = parse_sentences((const char *)sqlite3_column_text(st, 2), d);
        if (sr == -2) nomem = 1;
        else if (sr) bad = 1;
    }
    sqlite3_reset(st);
    if (nomem) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    /* Each token's sentence; the sentences must cover the tokens in order,
     * one after the other (KWIC and the counts rely on it). */
    size_t next = 0;
    for (size_t k = 0; !bad && k < d->nsent; k++) {
        const lede_sentence *x = &d->sentences[k];
        if (x->first_token != next || x->ntokens > d->ntokens - x->first_token) bad = 1;
        else
            for (uint32_t t = x->first_token; t < x->first_token + x->ntokens; t++) d->sent[t] = (uint32_t)k;
        next = (size_t)x->first_token + x->ntokens;
    }
    if (!bad && (what & QDOC_SENTENCES) && next != d->ntokens) bad = 1;
    if (bad)
        return lede_fail(err, LEDE_ERR_FORMAT, "%s: document %lld: corrupt token table or sentences", s->index->path,
                         (long long)id);
    return LEDE_OK;
}

int lede_search_docinfo_get(lede_search *s, int64_t doc_id, lede_search_docinfo *out, lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (doc_id < 1 || doc_id > s->maxid || !s->meta[doc_id].present) {
        int rc = lede_search_refresh(s, err);
        if (rc) return rc;
        if (doc_id < 1 || doc_id > s->maxid || !s->meta[doc_id].present)
            return lede_fail(err, LEDE_ERR_NOTFOUND, "%s: no document with id %lld", s->index->path,
                             (long long)doc_id);
    }
    const qmeta *m = &s->meta[doc_id];
    *out = (lede_search_docinfo){.name = m->name,
                                 .title = m->title,
                                 .date = m->date_text,
                                 .source = m->source,
                                 .date_key = m->date,
                                 .nwords = m->nwords};
    return LEDE_OK;
}
