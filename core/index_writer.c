/* index_writer.c — lede_index_add: tokenizes each new document, stores it
 * with its token table, sentences and paragraphs, and accumulates its
 * postings in memory; postings are written sorted by term, one row per term
 * and batch (the way FTS5 writes segments), all inside one transaction.
 *
 * Why one postings row per term and batch rather than per (term, document):
 * SQLite costs about 0.7 µs per inserted row; Reuters-21578 has 1.6 million
 * (term, document) pairs but only 42,000 terms, and row-per-pair alone took
 * longer than FTS5's whole build (docs/performance.md). */
#include "doc.h"
#include "error.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

/* Flush postings to the database when the batch holds this many bytes. */
#define BATCH_BYTES (32u << 20)
/* A postings row is closed once its data reaches this size, so rows stay
 * within a 16 KiB page (an index b-tree keeps up to about 4,000 bytes of a
 * row on its page; longer rows spill into half-empty overflow pages). */
#define CHUNK_BYTES 3072

/* One distinct term seen by this call, with its postings in the batch. */
typedef struct term_slot {
    uint64_t hash;
    uint32_t text_off, text_len; /* the term in writer.strings */
    int64_t id;                  /* terms.id (new or existing) */
    int existing;                /* already in the terms table before this call */
    uint64_t df, cf;             /* documents and occurrences added by this call */
    int64_t last_doc;            /* the last document in the batch; 0: not in the batch */
    int64_t delta_base;          /* the document the next entry's delta counts from */
    uint32_t first_chunk, last_chunk; /* its chunks in writer.chunks, NO_CHUNK if none */
    uint32_t cur_tf, last_pos;   /* occurrences so far in last_doc, the last one's position */
    size_t tf_at;                /* offset of last_doc's tf placeholder in data */
    lede_bytes data;             /* the batch's postings (docs/schema.md, postings.data) */
} term_slot;

/* A run of one term's batch postings that becomes one postings row. */
typedef struct chunk {
    size_t off;        /* where it starts in its slot's data */
    int64_t first_doc, last_doc;
    uint32_t ndocs;
    uint32_t next;     /* the term's next chunk, or NO_CHUNK */
} chunk;

#define NO_CHUNK UINT32_MAX

typedef struct writer {
    lede_index *index;
    lede_error *err;
    term_slot *slots;
    size_t nslots, slots_cap;
    uint32_t *table; /* open addressing over slots: slot index + 1, 0 is empty */
    size_t table_cap;
    lede_bytes strings;
    uint32_t *touched; /* slots the current document touched */
    size_t ntouched, touched_cap;
    chunk *chunks;
    size_t nchunks, chunks_cap;
    size_t batch_bytes;
    int64_t next_term_id, next_doc_id;
    int terms_before, docs_before; /* the tables had rows when the call began */
    uint64_t *seen_hashes;         /* content hashes added by this call (open addressing) */
    size_t seen_n, seen_cap;
    lede_bytes tokblob;
    sqlite3_stmt *ins_doc, *ins_sent, *ins_para, *find_doc, *find_term, *ins_term, *upd_term,
        *ins_post;
} writer;

static const char *const SQL_INS_DOC =
    "INSERT INTO documents(id, name, ext_id, title, date, source, url, content_hash, bytes,"
    " ntokens, nwords, nsentences, nparagraphs, text, tokens)"
    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
static const char *const SQL_INS_SENT = "INSERT INTO sentences VALUES(?,?,?,?,?,?,?)";
static const char *const SQL_INS_PARA = "INSERT INTO paragraphs VALUES(?,?,?,?,?,?,?,?)";
static const char *const SQL_FIND_DOC =
    "SELECT 1 FROM documents WHERE name = ? AND content_hash = ?";
static const char *const SQL_FIND_TERM = "SELECT id FROM terms WHERE term = ?";
static const char *const SQL_INS_TERM = "INSERT INTO terms(id, term, df, cf) VALUES(?,?,?,?)";
static const char *const SQL_UPD_TERM = "UPDATE terms SET df = df + ?2, cf = cf + ?3 WHERE id = ?1";
static const char *const SQL_INS_POST = "INSERT INTO postings VALUES(?,?,?,?,?)";

static int nomem(writer *w) { return lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory"); }

/* Step a fully bound INSERT/UPDATE and reset it; report `what` on failure. */
static int step_done(writer *w, sqlite3_stmt *st, const char *what, const char *name)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return LEDE_OK;
    char where[512];
    snprintf(where, sizeof where, "%s %s", what, name ? name : "");
    return lede_index_dbfail(w->index, w->err, where);
}

/* Bind a string that may be NULL. */
static void bind_text_or_null(sqlite3_stmt *st, int col, const char *s)
{
    if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, col);
}

/* ------------------------------------------------------------- term table */

/* Double the hash table and re-insert every slot. */
static int table_grow(writer *w)
{
    size_t cap = w->table_cap ? w->table_cap * 2 : 1u << 14;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < w->nslots; i++) {
        size_t h = (size_t)w->slots[i].hash & (cap - 1);
        while (t[h]) h = (h + 1) & (cap - 1);
        t[h] = (uint32_t)i + 1;
    }
    free(w->table);
    w->table = t;
    w->table_cap = cap;
    return 0;
}

/* The terms.id of an existing term, or 0 if it is new. */
static int find_existing_term(writer *w, const char *term, size_t len, int64_t *id)
{
    *id = 0;
    sqlite3_bind_text(w->find_term, 1, term, (int)len, SQLITE_STATIC);
    int rc = sqlite3_step(w->find_term);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(w->find_term, 0);
    sqlite3_reset(w->find_term);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return lede_index_dbfail(w->index, w->err, "looking up a term");
    return LEDE_OK;
}

/* Find or create the slot of a term; *slot receives its index. */
static int intern(writer *w, const char *term, uint32_t len, uint64_t hash, uint32_t *slot)
{
    if (2 * (w->nslots + 1) > w->table_cap && table_grow(w)) return nomem(w);
    size_t mask = w->table_cap - 1, h = (size_t)hash & mask;
    for (; w->table[h]; h = (h + 1) & mask) {
        term_slot *s = &w->slots[w->table[h] - 1];
        if (s->hash == hash && s->text_len == len && memcmp(w->strings.v + s->text_off, term, len) == 0) {
            *slot = w->table[h] - 1;
            return LEDE_OK;
        }
    }
    if (w->nslots == w->slots_cap) {
        size_t cap = w->slots_cap ? w->slots_cap * 2 : 4096;
        term_slot *v = realloc(w->slots, cap * sizeof *v);
        if (!v) return nomem(w);
        w->slots = v;
        w->slots_cap = cap;
    }
    term_slot *s = &w->slots[w->nslots];
    memset(s, 0, sizeof *s);
    s->first_chunk = s->last_chunk = NO_CHUNK;
    s->hash = hash;
    s->text_off = (uint32_t)w->strings.n;
    s->text_len = len;
    lede_bytes_append(&w->strings, term, len);
    if (w->strings.failed) return nomem(w);
    if (w->terms_before) {
        int rc = find_existing_term(w, term, len, &s->id);
        if (rc) return rc;
        s->existing = s->id != 0;
    }
    if (!s->existing) s->id = w->next_term_id++;
    w->table[h] = (uint32_t)w->nslots + 1;
    *slot = (uint32_t)w->nslots++;
    return LEDE_OK;
}

/* -------------------------------------------------------------- postings */

/* Open a new chunk (postings row) for a term: its first document is
 * written as an absolute id, so each row decodes on its own. */
static int start_chunk(writer *w, term_slot *s)
{
    if (w->nchunks == w->chunks_cap) {
        size_t cap = w->chunks_cap ? w->chunks_cap * 2 : 4096;
        chunk *v = realloc(w->chunks, cap * sizeof *v);
        if (!v) return nomem(w);
        w->chunks = v;
        w->chunks_cap = cap;
    }
    if (w->nchunks >= NO_CHUNK) return lede_fail(w->err, LEDE_ERR_LIMIT, "too many postings in one batch");
    uint32_t k = (uint32_t)w->nchunks++;
    w->chunks[k] = (chunk){.off = s->data.n, .next = NO_CHUNK};
    if (s->last_chunk == NO_CHUNK)
        s->first_chunk = k;
    else
        w->chunks[s->last_chunk].next = k;
    s->last_chunk = k;
    s->delta_base = 0;
    return LEDE_OK;
}

/* Append the positions of one document's indexed tokens to their terms'
 * batch postings: per term and document, varint(doc delta) varint(tf)
 * then tf varint position deltas (positions count indexed tokens only). */
static int collect_postings(writer *w, lede_doc *doc, int64_t doc_id, uint32_t *nwords)
{
    const lede_token *tokens = doc->tokens.v;
    const char *norms = doc->tokens.norms;
    uint32_t ordinal = 0;
    w->ntouched = 0;
    for (size_t i = 0; i < doc->tokens.n; i++) {
        const lede_token *t = &tokens[i];
        if (!lede_token_indexed(t->kind)) continue;
        uint32_t k = 0;
        int rc = intern(w, norms + t->norm, t->norm_len, t->hash, &k);
        if (rc) return rc;
        term_slot *s = &w->slots[k];
        if (s->last_doc != doc_id) {
            if (w->ntouched == w->touched_cap) {
                size_t cap = w->touched_cap ? w->touched_cap * 2 : 256;
                uint32_t *v = realloc(w->touched, cap * sizeof *v);
                if (!v) return nomem(w);
                w->touched = v;
                w->touched_cap = cap;
            }
            w->touched[w->ntouched++] = k;
            if (s->last_chunk == NO_CHUNK || s->data.n - w->chunks[s->last_chunk].off >= CHUNK_BYTES) {
                int rc2 = start_chunk(w, s);
                if (rc2) return rc2;
            }
            chunk *c = &w->chunks[s->last_chunk];
            if (!c->ndocs) c->first_doc = doc_id;
            c->last_doc = doc_id;
            c->ndocs++;
            lede_bytes_varint(&s->data, (uint64_t)(doc_id - s->delta_base));
            s->tf_at = s->data.n;
            lede_bytes_byte(&s->data, 0); /* tf, patched below */
            s->last_doc = s->delta_base = doc_id;
            s->cur_tf = 0;
            s->last_pos = 0;
        }
        lede_bytes_varint(&s->data, ordinal - s->last_pos);
        s->last_pos = ordinal;
        s->cur_tf++;
        ordinal++;
    }
    /* Patch each term's tf; one byte was reserved, which holds tf < 128. */
    for (size_t i = 0; i < w->ntouched; i++) {
        term_slot *s = &w->slots[w->touched[i]];
        if (s->data.failed) return nomem(w);
        uint8_t buf[LEDE_VARINT_MAX];
        size_t len = lede_varint_put(buf, s->cur_tf);
        if (len > 1) {
            if (lede_bytes_reserve(&s->data, len - 1)) return nomem(w);
            uint8_t *at = s->data.v + s->tf_at;
            memmove(at + len, at + 1, s->data.n - s->tf_at - 1);
            s->data.n += len - 1;
        }
        memcpy(s->data.v + s->tf_at, buf, len);
        s->df++;
        s->cf += s->cur_tf;
    }
    w->batch_bytes += 2 * (size_t)ordinal + 4 * w->ntouched;
    *nwords = ordinal;
    return LEDE_OK;
}

/* qsort order of slot pointers by term id. */
static int cmp_slot_id(const void *a, const void *b)
{
    const term_slot *x = *(term_slot *const *)a, *y = *(term_slot *const *)b;
    return (x->id > y->id) - (x->id < y->id);
}

/* Write the batch's postings, one row per chunk in (term id, first
 * document) order, and empty the batch. */
static int flush_batch(writer *w)
{
    size_t n = 0;
    term_slot **order = malloc((w->nslots ? w->nslots : 1) * sizeof *order);
    if (!order) return nomem(w);
    for (size_t i = 0; i < w->nslots; i++)
        if (w->slots[i].first_chunk != NO_CHUNK) order[n++] = &w->slots[i];
    qsort(order, n, sizeof *order, cmp_slot_id);
    int rc = LEDE_OK;
    for (size_t i = 0; i < n; i++) {
        term_slot *s = order[i];
        for (uint32_t k = s->first_chunk; k != NO_CHUNK && rc == LEDE_OK; k = w->chunks[k].next) {
            const chunk *c = &w->chunks[k];
            size_t end = c->next == NO_CHUNK ? s->data.n : w->chunks[c->next].off;
            sqlite3_bind_int64(w->ins_post, 1, s->id);
            sqlite3_bind_int64(w->ins_post, 2, c->first_doc);
            sqlite3_bind_int64(w->ins_post, 3, c->last_doc);
            sqlite3_bind_int64(w->ins_post, 4, c->ndocs);
            sqlite3_bind_blob(w->ins_post, 5, s->data.v + c->off, (int)(end - c->off), SQLITE_STATIC);
            rc = step_done(w, w->ins_post, "writing postings", NULL);
        }
        lede_bytes_free(&s->data);
        s->first_chunk = s->last_chunk = NO_CHUNK;
        s->last_doc = 0;
    }
    free(order);
    w->nchunks = 0;
    w->batch_bytes = 0;
    return rc;
}

/* Add the call's document and occurrence counts to the terms table. */
static int write_terms(writer *w)
{
    int rc = LEDE_OK;
    for (size_t i = 0; i < w->nslots && rc == LEDE_OK; i++) {
        term_slot *s = &w->slots[i];
        if (s->existing) {
            sqlite3_bind_int64(w->upd_term, 1, s->id);
            sqlite3_bind_int64(w->upd_term, 2, (int64_t)s->df);
            sqlite3_bind_int64(w->upd_term, 3, (int64_t)s->cf);
            rc = step_done(w, w->upd_term, "updating terms", NULL);
        } else {
            sqlite3_bind_int64(w->ins_term, 1, s->id);
            sqlite3_bind_text(w->ins_term, 2, (const char *)w->strings.v + s->text_off,
                              (int)s->text_len, SQLITE_STATIC);
            sqlite3_bind_int64(w->ins_term, 3, (int64_t)s->df);
            sqlite3_bind_int64(w->ins_term, 4, (int64_t)s->cf);
            rc = step_done(w, w->ins_term, "writing terms", NULL);
        }
    }
    return rc;
}

/* ------------------------------------------------------------- documents */

/* Was a document with this name and content already stored? Content hashes
 * of this call are remembered in memory so the database is only asked when
 * the index had documents before or a hash repeats. */
static int already_stored(writer *w, const lede_doc *doc, int *found)
{
    *found = 0;
    uint64_t key = doc->content_hash ? doc->content_hash : 1; /* 0 marks an empty cell */
    int repeat = 0;
    if (2 * (w->seen_n + 1) > w->seen_cap) {
        size_t cap = w->seen_cap ? 2 * w->seen_cap : 1u << 12;
        uint64_t *t = calloc(cap, sizeof *t);
        if (!t) return nomem(w);
        for (size_t i = 0; i < w->seen_cap; i++) {
            if (!w->seen_hashes[i]) continue;
            size_t h = (size_t)w->seen_hashes[i] & (cap - 1);
            while (t[h]) h = (h + 1) & (cap - 1);
            t[h] = w->seen_hashes[i];
        }
        free(w->seen_hashes);
        w->seen_hashes = t;
        w->seen_cap = cap;
    }
    size_t h = (size_t)key & (w->seen_cap - 1);
    for (; w->seen_hashes[h]; h = (h + 1) & (w->seen_cap - 1))
        if (w->seen_hashes[h] == key) repeat = 1;
    if (!repeat) {
        w->seen_hashes[h] = key;
        w->seen_n++;
    }
    if (!repeat && !w->docs_before) return LEDE_OK;
    sqlite3_bind_text(w->find_doc, 1, doc->meta.name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(w->find_doc, 2, (int64_t)doc->content_hash);
    int rc = sqlite3_step(w->find_doc);
    sqlite3_reset(w->find_doc);
    if (rc == SQLITE_ROW) *found = 1;
    else if (rc != SQLITE_DONE) return lede_index_dbfail(w->index, w->err, "looking up a document");
    return LEDE_OK;
}

/* Store the document row, its sentences and its paragraphs. */
static int write_document(writer *w, lede_doc *doc, int64_t id, uint32_t nwords)
{
    const lede_meta *m = &doc->meta;
    const lede_segments *sg = &doc->segments;
    w->tokblob.n = 0;
    if (lede_tokblob_encode(doc->text, doc->tokens.v, doc->tokens.n, doc->tokens.norms, &w->tokblob))
        return lede_fail(w->err, LEDE_ERR_FORMAT, "%s: tokens overlap or are out of order; cannot index",
                         m->name);
    if (w->tokblob.failed) return nomem(w);
    sqlite3_stmt *st = w->ins_doc;
    sqlite3_bind_int64(st, 1, id);
    bind_text_or_null(st, 2, m->name);
    bind_text_or_null(st, 3, m->id);
    bind_text_or_null(st, 4, m->title);
    bind_text_or_null(st, 5, m->date);
    bind_text_or_null(st, 6, m->source);
    bind_text_or_null(st, 7, m->url);
    sqlite3_bind_int64(st, 8, (int64_t)doc->content_hash);
    sqlite3_bind_int64(st, 9, (int64_t)doc->len);
    sqlite3_bind_int64(st, 10, (int64_t)doc->tokens.n);
    sqlite3_bind_int64(st, 11, nwords);
    sqlite3_bind_int64(st, 12, (int64_t)sg->nsentences);
    sqlite3_bind_int64(st, 13, (int64_t)sg->nparagraphs);
    sqlite3_bind_text(st, 14, doc->text, (int)doc->len, SQLITE_STATIC);
    sqlite3_bind_blob(st, 15, w->tokblob.v ? (const void *)w->tokblob.v : "", (int)w->tokblob.n,
                      SQLITE_STATIC);
    int rc = step_done(w, st, "adding", m->name);
    for (size_t i = 0; i < sg->nsentences && rc == LEDE_OK; i++) {
        const lede_sentence *s = &sg->sentences[i];
        st = w->ins_sent;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_int64(st, 3, s->paragraph);
        sqlite3_bind_int64(st, 4, s->start);
        sqlite3_bind_int64(st, 5, s->end);
        sqlite3_bind_int64(st, 6, s->first_token);
        sqlite3_bind_int64(st, 7, s->ntokens);
        rc = step_done(w, st, "adding sentences of", m->name);
    }
    for (size_t i = 0; i < sg->nparagraphs && rc == LEDE_OK; i++) {
        const lede_paragraph *p = &sg->paragraphs[i];
        st = w->ins_para;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_int64(st, 3, p->start);
        sqlite3_bind_int64(st, 4, p->end);
        sqlite3_bind_int64(st, 5, p->first_sentence);
        sqlite3_bind_int64(st, 6, p->nsentences);
        sqlite3_bind_int64(st, 7, p->first_token);
        sqlite3_bind_int64(st, 8, p->ntokens);
        rc = step_done(w, st, "adding paragraphs of", m->name);
    }
    return rc;
}

/* Index one document: analyze it (dropping the analysis again afterwards if
 * it was not there before, so a large corpus is not held in token form),
 * store it and collect its postings. */
static int add_document(writer *w, lede_doc *doc)
{
    int was_analyzed = doc->analyzed;
    int rc = lede_doc_analyze(doc, w->err);
    if (rc) return rc;
    int64_t id = w->next_doc_id;
    uint32_t nwords = 0;
    rc = collect_postings(w, doc, id, &nwords);
    if (rc == LEDE_OK) rc = write_document(w, doc, id, nwords);
    if (rc == LEDE_OK) w->next_doc_id++;
    if (!was_analyzed) {
        lede_token_buf_free(&doc->tokens);
        lede_segments_free(&doc->segments);
        memset(&doc->tokens, 0, sizeof doc->tokens);
        memset(&doc->segments, 0, sizeof doc->segments);
        doc->analyzed = 0;
    }
    if (rc == LEDE_OK && w->batch_bytes >= BATCH_BYTES) rc = flush_batch(w);
    return rc;
}

/* ------------------------------------------------------------ the call */

/* Read one integer from a query (the database's state before the call). */
static int read_int(writer *w, const char *sql, int64_t *v)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(w->index->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        *v = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? LEDE_OK : lede_index_dbfail(w->index, w->err, "reading the index");
}

/* Refuse to mix documents tokenized by different tokenizer versions; an
 * empty index takes the current version. */
static int check_tokenizer(writer *w)
{
    sqlite3_stmt *st = NULL;
    char stored[64] = "";
    int rc = sqlite3_prepare_v2(w->index->db, "SELECT value FROM meta WHERE key = 'tokenizer_version'",
                                -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(stored, sizeof stored, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) return lede_index_dbfail(w->index, w->err, "reading the index");
    if (strcmp(stored, LEDE_TOKENIZER_VERSION) == 0) return LEDE_OK;
    if (w->docs_before)
        return lede_fail(w->err, LEDE_ERR_FORMAT,
                         "%s: built with tokenizer version %s but this lede tokenizes with version %s; "
                         "rebuild the index",
                         w->index->path, stored, LEDE_TOKENIZER_VERSION);
    if (sqlite3_exec(w->index->db,
                     "REPLACE INTO meta VALUES('tokenizer_version', '" LEDE_TOKENIZER_VERSION "')", NULL,
                     NULL, NULL) != SQLITE_OK)
        return lede_index_dbfail(w->index, w->err, "writing the tokenizer version");
    return LEDE_OK;
}

static int prepare_all(writer *w)
{
    struct {
        sqlite3_stmt **slot;
        const char *sql;
    } list[] = {{&w->ins_doc, SQL_INS_DOC},   {&w->ins_sent, SQL_INS_SENT}, {&w->ins_para, SQL_INS_PARA},
                {&w->find_doc, SQL_FIND_DOC}, {&w->find_term, SQL_FIND_TERM}, {&w->ins_term, SQL_INS_TERM},
                {&w->upd_term, SQL_UPD_TERM}, {&w->ins_post, SQL_INS_POST}};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (sqlite3_prepare_v3(w->index->db, list[i].sql, -1, SQLITE_PREPARE_PERSISTENT, list[i].slot, NULL))
            return lede_index_dbfail(w->index, w->err, "preparing the index writer");
    return LEDE_OK;
}

static void writer_free(writer *w)
{
    sqlite3_stmt *sts[] = {w->ins_doc,  w->ins_sent, w->ins_para, w->find_doc,
                           w->find_term, w->ins_term, w->upd_term, w->ins_post};
    for (size_t i = 0; i < sizeof sts / sizeof sts[0]; i++) sqlite3_finalize(sts[i]);
    for (size_t i = 0; i < w->nslots; i++) lede_bytes_free(&w->slots[i].data);
    free(w->slots);
    free(w->table);
    free(w->touched);
    free(w->chunks);
    free(w->seen_hashes);
    lede_bytes_free(&w->strings);
    lede_bytes_free(&w->tokblob);
}

int lede_index_add(lede_index *index, lede_corpus *corpus, size_t *added, lede_error *err)
{
    if (added) *added = 0;
    if (!index || !corpus) return lede_fail(err, LEDE_ERR_ARG, "lede_index_add: index or corpus is NULL");
    writer w = {.index = index, .err = err};
    if (sqlite3_exec(index->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return lede_index_dbfail(index, err, "starting a transaction");
    int64_t ndocs = 0, nterms = 0;
    int rc = prepare_all(&w);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT count(*) FROM documents", &ndocs);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT coalesce(max(id), 0) + 1 FROM documents", &w.next_doc_id);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT count(*) FROM terms", &nterms);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT coalesce(max(id), 0) + 1 FROM terms", &w.next_term_id);
    w.docs_before = ndocs > 0;
    w.terms_before = nterms > 0;
    if (rc == LEDE_OK) rc = check_tokenizer(&w);
    size_t count = 0;
    for (size_t i = 0, n = lede_corpus_count(corpus); i < n && rc == LEDE_OK; i++) {
        lede_doc *doc = lede_corpus_doc(corpus, i);
        int found = 0;
        rc = already_stored(&w, doc, &found);
        if (rc || found) continue;
        rc = add_document(&w, doc);
        if (rc == LEDE_OK) count++;
    }
    if (rc == LEDE_OK) rc = flush_batch(&w);
    if (rc == LEDE_OK) rc = write_terms(&w);
    writer_free(&w);
    if (rc == LEDE_OK && sqlite3_exec(index->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = lede_index_dbfail(index, err, "committing");
    if (rc) {
        sqlite3_exec(index->db, "ROLLBACK", NULL, NULL, NULL);
        return rc;
    }
    if (added) *added = count;
    return LEDE_OK;
}
