/* index_reader.c — reading documents back from an index: the count, and a
 * whole document with its metadata, text, tokens, sentences and paragraphs
 * rebuilt from the stored rows (no tokenization). */
#include "doc.h"
#include "error.h"
#include "index.h"
#include "text.h"
#include "varint.h"

#include <stdlib.h>
#include <string.h>

/* The number of documents (0 if the count cannot be read). */
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

/* Report a damaged part of a stored document. */
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
                                    : lede_tokblob_predict_flags(doc->text, doc->len, e.prev_end, e.start, e.end, e.kind);
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

/* Paragraphs as runs of sentences (index.h). */
int lede_paragraphs_from_sentences(const lede_sentence *s, size_t ns, lede_paragraph *out, size_t np)
{
    size_t p = 0;
    for (size_t i = 0; i < ns; i++) {
        if (i == 0 || s[i].paragraph != s[i - 1].paragraph) {
            if (s[i].paragraph != p || p >= np) return -1;
            out[p++] = (lede_paragraph){.start = s[i].start,
                                        .first_sentence = (uint32_t)i,
                                        .first_token = s[i].first_token};
        }
        lede_paragraph *P = &out[p - 1];
        P->end = s[i].end;
        P->nsentences++;
        P->ntokens += s[i].ntokens;
    }
    return p == np ? 0 : -1;
}

/* Read an unsigned decimal at *p (as encode_sentences writes it). */
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

/* Parse documents.sentences, [[start_byte, end_byte, first_token, ntokens,
 * paragraph], …], into n sentences. */
static int parse_sentences(const char *json, lede_sentence *out, size_t n)
{
    const char *p = json;
    if (!p || *p++ != '[') return -1;
    for (size_t i = 0; i < n; i++) {
        lede_sentence *s = &out[i];
        if ((i && *p++ != ',') || *p++ != '[' || parse_u32(&p, &s->start) || *p++ != ',' ||
            parse_u32(&p, &s->end) || *p++ != ',' || parse_u32(&p, &s->first_token) || *p++ != ',' ||
            parse_u32(&p, &s->ntokens) || *p++ != ',' || parse_u32(&p, &s->paragraph) || *p++ != ']')
            return -1;
    }
    return p[0] == ']' && p[1] == '\0' ? 0 : -1;
}

/* Fill the document's sentences from their JSON array, paragraphs from the
 * sentences, and give each token its sentence and paragraph. */
static int read_segments(const lede_index *index, int64_t id, lede_doc *doc, const char *json, size_t nsent,
                         size_t npara, lede_error *err)
{
    lede_segments *sg = &doc->segments;
    /* Each sentence takes at least 11 characters ("[0,0,0,0,0]"): a count
     * beyond that is corrupt, not a reason to allocate. */
    if (!json || nsent > strlen(json) / 11 || npara > nsent) return corrupt(index, id, "sentences", err);
    if (nsent && !(sg->sentences = calloc(nsent, sizeof *sg->sentences)))
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    if (npara && !(sg->paragraphs = calloc(npara, sizeof *sg->paragraphs)))
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    if (parse_sentences(json, sg->sentences, nsent) ||
        lede_paragraphs_from_sentences(sg->sentences, nsent, sg->paragraphs, npara))
        return corrupt(index, id, "sentences", err);
    sg->nsentences = nsent;
    sg->nparagraphs = npara;
    for (size_t i = 0; i < nsent; i++) {
        const lede_sentence *s = &sg->sentences[i];
        if (s->first_token > doc->tokens.n || s->ntokens > doc->tokens.n - s->first_token)
            return corrupt(index, id, "sentences", err);
        for (uint32_t t = s->first_token; t < s->first_token + s->ntokens; t++) {
            doc->tokens.v[t].sentence = (uint32_t)i;
            doc->tokens.v[t].paragraph = s->paragraph;
        }
    }
    return LEDE_OK;
}

/* Rebuild the document's stored-to-source offset anchors from the
 * source_map BLOB (varint pairs, index_writer.c); NULL means none. Anchors
 * must rise in stored order and stay inside the text, or lookups would
 * answer wrongly, so anything else is reported as corrupt. */
static int read_source_map(const lede_index *index, int64_t id, lede_doc *doc, const uint8_t *blob,
                           size_t blob_len, lede_error *err)
{
    if (!blob || blob_len == 0) return LEDE_OK;
    lede_offset_map map = {0};
    const uint8_t *p = blob, *end = blob + blob_len;
    int rc = LEDE_OK;
    while (p < end) {
        uint64_t stored = 0, source = 0;
        if (lede_varint_get(&p, end, &stored) || lede_varint_get(&p, end, &source) || stored > doc->len ||
            source > UINT32_MAX || (map.n && stored <= map.v[map.n - 1].stored)) {
            rc = corrupt(index, id, "source map", err);
            break;
        }
        if (lede_offset_map_push(&map, (size_t)stored, (size_t)source)) {
            rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
            break;
        }
    }
    if (rc == LEDE_OK) lede_doc_take_source_map(doc, &map);
    lede_offset_map_free(&map);
    return rc;
}

/* A stored document with its metadata, text, tokens, sentences and
 * paragraphs, rebuilt without the tokenizer (lede.h). */
int lede_index_doc(lede_index *index, int64_t doc_id, lede_doc **out, lede_error *err)
{
    *out = NULL;
    int rc = lede_index_prepare(index, &index->doc_row,
                                "SELECT name, ext_id, title, date, source, url, nsentences, nparagraphs,"
                                " text, tokens, sentences, source_map FROM documents WHERE id = ?",
                                err);
    if (rc) return rc;
    sqlite3_stmt *st = index->doc_row;
    sqlite3_bind_int64(st, 1, doc_id);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
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
    if (rc == LEDE_OK)
        rc = read_segments(index, doc_id, doc, (const char *)sqlite3_column_text(st, 10), (size_t)nsent,
                           (size_t)npara, err);
    if (rc == LEDE_OK)
        rc = read_source_map(index, doc_id, doc, sqlite3_column_blob(st, 11),
                             (size_t)sqlite3_column_bytes(st, 11), err);
    sqlite3_reset(st);
    if (rc) {
        lede_doc_free(doc);
        return rc;
    }
    doc->analyzed = 1;
    *out = doc;
    return LEDE_OK;
}
