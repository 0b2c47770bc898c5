/* index_reader.c — reading documents back from an index: the count, and a
 * whole document with its metadata, text, tokens, sentences and paragraphs
 * rebuilt from the stored rows (no tokenization). */
#include "doc.h"
#include "error.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

size_t lede_index_ndocs(lede_index *index)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(index->db, "SELECT count(*) FROM documents", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Duplicate column `col` as a string, NULL when SQL NULL; *failed on OOM. */
static char *column_dup(sqlite3_stmt *st, int col, int *failed)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    if (!s) return NULL;
    char *copy = strdup((const char *)s);
    if (!copy) *failed = 1;
    return copy;
}

static int corrupt(const lede_index *index, int64_t id, const char *what, lede_error *err)
{
    return lede_fail(err, LEDE_ERR_FORMAT, "%s: document %lld: corrupt %s", index->path, (long long)id,
                     what);
}

/* Rebuild doc's token array and norms arena from its token-table BLOB. */
static int decode_tokens(const lede_index *index, int64_t id, lede_doc *doc, const void *blob,
                         size_t blob_len, lede_error *err)
{
    lede_tokblob_reader r;
    uint64_t n;
    if (lede_tokblob_open(&r, blob, blob_len, &n) || n > blob_len) return corrupt(index, id, "token table", err);
    lede_token_buf *buf = &doc->tokens;
    lede_bytes norms = {0};
    if (n) {
        buf->v = calloc((size_t)n, sizeof *buf->v);
        if (!buf->v) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        buf->cap = (size_t)n;
    }
    for (size_t i = 0; i < n; i++) {
        lede_tokblob_entry e;
        if (lede_tokblob_next(&r, doc->len, &e)) {
            lede_bytes_free(&norms);
            return corrupt(index, id, "token table", err);
        }
        lede_token *t = &buf->v[i];
        t->start = e.start;
        t->end = e.end;
        t->kind = e.kind;
        t->quote = e.quote;
        t->flags = e.flags_explicit ? e.flags
                                    : lede_tokblob_predict_flags(doc->text, e.prev_end, e.start, e.end, e.kind);
        t->norm = (uint32_t)norms.n;
        t->norm_len = e.norm_len;
        if (e.norm_mode == LEDE_NORM_INLINE) {
            lede_bytes_append(&norms, e.norm, e.norm_len);
        } else {
            lede_bytes_append(&norms, doc->text + e.start, e.norm_len);
            if (e.norm_mode == LEDE_NORM_LOWER && !norms.failed)
                for (uint8_t *c = norms.v + t->norm, *end = c + e.norm_len; c < end; c++)
                    if (*c >= 'A' && *c <= 'Z') *c = (uint8_t)(*c + ('a' - 'A'));
        }
        lede_bytes_byte(&norms, 0);
        if (!norms.failed) t->hash = lede_hash(norms.v + t->norm, t->norm_len);
    }
    if (norms.failed) {
        lede_bytes_free(&norms);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    buf->n = (size_t)n;
    buf->norms = (char *)norms.v;
    buf->norms_len = norms.n;
    buf->norms_cap = norms.cap;
    return LEDE_OK;
}

/* Read the sentences and paragraphs rows and give each token its sentence
 * and paragraph. */
static int read_segments(lede_index *index, int64_t id, lede_doc *doc, size_t nsent, size_t npara,
                         lede_error *err)
{
    lede_segments *sg = &doc->segments;
    if (nsent && !(sg->sentences = calloc(nsent, sizeof *sg->sentences)))
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    if (npara && !(sg->paragraphs = calloc(npara, sizeof *sg->paragraphs)))
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(index->db,
                                "SELECT idx, paragraph, start_byte, end_byte, first_token, ntokens"
                                " FROM sentences WHERE doc = ? ORDER BY idx",
                                -1, &st, NULL);
    if (rc != SQLITE_OK) return lede_index_dbfail(index, err, "reading sentences");
    sqlite3_bind_int64(st, 1, id);
    size_t k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k >= nsent || sqlite3_column_int64(st, 0) != (int64_t)k) break;
        lede_sentence *s = &sg->sentences[k++];
        s->paragraph = (uint32_t)sqlite3_column_int64(st, 1);
        s->start = (uint32_t)sqlite3_column_int64(st, 2);
        s->end = (uint32_t)sqlite3_column_int64(st, 3);
        s->first_token = (uint32_t)sqlite3_column_int64(st, 4);
        s->ntokens = (uint32_t)sqlite3_column_int64(st, 5);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return rc == SQLITE_ROW ? corrupt(index, id, "sentences", err)
                                                   : lede_index_dbfail(index, err, "reading sentences");
    if (k != nsent) return corrupt(index, id, "sentences", err);
    sg->nsentences = nsent;

    rc = sqlite3_prepare_v2(index->db,
                            "SELECT idx, start_byte, end_byte, first_sentence, nsentences, first_token,"
                            " ntokens FROM paragraphs WHERE doc = ? ORDER BY idx",
                            -1, &st, NULL);
    if (rc != SQLITE_OK) return lede_index_dbfail(index, err, "reading paragraphs");
    sqlite3_bind_int64(st, 1, id);
    k = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k >= npara || sqlite3_column_int64(st, 0) != (int64_t)k) break;
        lede_paragraph *p = &sg->paragraphs[k++];
        p->start = (uint32_t)sqlite3_column_int64(st, 1);
        p->end = (uint32_t)sqlite3_column_int64(st, 2);
        p->first_sentence = (uint32_t)sqlite3_column_int64(st, 3);
        p->nsentences = (uint32_t)sqlite3_column_int64(st, 4);
        p->first_token = (uint32_t)sqlite3_column_int64(st, 5);
        p->ntokens = (uint32_t)sqlite3_column_int64(st, 6);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return rc == SQLITE_ROW ? corrupt(index, id, "paragraphs", err)
                                                   : lede_index_dbfail(index, err, "reading paragraphs");
    if (k != npara) return corrupt(index, id, "paragraphs", err);
    sg->nparagraphs = npara;

    /* Each token belongs to the sentence whose token range holds it, and
     * to that sentence's paragraph (as lede_segment sets them). */
    for (size_t i = 0; i < nsent; i++) {
        const lede_sentence *s = &sg->sentences[i];
        if (s->first_token > doc->tokens.n || s->ntokens > doc->tokens.n - s->first_token ||
            (npara && s->paragraph >= npara))
            return corrupt(index, id, "sentences", err);
        for (uint32_t t = s->first_token; t < s->first_token + s->ntokens; t++) {
            doc->tokens.v[t].sentence = (uint32_t)i;
            doc->tokens.v[t].paragraph = s->paragraph;
        }
    }
    return LEDE_OK;
}

int lede_index_doc(lede_index *index, int64_t doc_id, lede_doc **out, lede_error *err)
{
    *out = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(index->db,
                           "SELECT name, ext_id, title, date, source, url, nsentences, nparagraphs,"
                           " text, tokens FROM documents WHERE id = ?",
                           -1, &st, NULL) != SQLITE_OK)
        return lede_index_dbfail(index, err, "reading a document");
    sqlite3_bind_int64(st, 1, doc_id);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE)
            return lede_fail(err, LEDE_ERR_NOTFOUND, "%s: no document with id %lld", index->path,
                             (long long)doc_id);
        return lede_index_dbfail(index, err, "reading a document");
    }
    int failed = 0;
    lede_meta meta = {
        .name = column_dup(st, 0, &failed),
        .id = column_dup(st, 1, &failed),
        .title = column_dup(st, 2, &failed),
        .date = column_dup(st, 3, &failed),
        .source = column_dup(st, 4, &failed),
        .url = column_dup(st, 5, &failed),
    };
    int64_t nsent = sqlite3_column_int64(st, 6), npara = sqlite3_column_int64(st, 7);
    const char *text_col = (const char *)sqlite3_column_text(st, 8);
    size_t len = (size_t)sqlite3_column_bytes(st, 8);
    char *text = malloc(len + 1);
    if (text) {
        if (len) memcpy(text, text_col, len);
        text[len] = '\0';
    }
    lede_doc *doc = NULL;
    if (failed || !text) {
        free(text);
        rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    } else {
        rc = lede_doc_adopt(text, len, &meta, &doc, err);
    }
    free((char *)meta.name);
    free((char *)meta.id);
    free((char *)meta.title);
    free((char *)meta.date);
    free((char *)meta.source);
    free((char *)meta.url);
    if (rc == LEDE_OK && (nsent < 0 || npara < 0)) rc = corrupt(index, doc_id, "counts", err);
    if (rc == LEDE_OK) {
        const void *blob = sqlite3_column_blob(st, 9);
        rc = decode_tokens(index, doc_id, doc, blob, (size_t)sqlite3_column_bytes(st, 9), err);
    }
    sqlite3_finalize(st);
    if (rc == LEDE_OK) rc = read_segments(index, doc_id, doc, (size_t)nsent, (size_t)npara, err);
    if (rc) {
        lede_doc_free(doc);
        return rc;
    }
    doc->analyzed = 1;
    *out = doc;
    return LEDE_OK;
}
