/* index_writer.c — lede_index_add: tokenizes each new document, stores it
 * with its token table and sentences, and accumulates its postings in
 * memory; postings are written sorted by term, in rows of about 3 KB per
 * term and batch (the way FTS5 writes segments), all in one transaction.
 * Document and collection frequencies are sums over a term's rows (the
 * `terms` view), so adding documents never rewrites a row.
 *
 * Why so few rows: SQLite costs about 0.7 µs per inserted row. Reuters-21578
 * has 1.6 million (term, document) pairs, 153,000 sentences and 135,000
 * paragraphs but only 71,000 terms; a row per pair, sentence or paragraph
 * took longer than FTS5's whole build (docs/performance.md). Sentences are
 * therefore stored as a JSON array per document and shown as rows by the
 * `sentences` and `paragraphs` views, and terms are a view of postings. */
#include "doc.h"
#include "error.h"
#include "index.h"
#include "index_analyzer.h"

#include <stdlib.h>
#include <string.h>

/* Flush postings to the database when the batch holds about this many bytes. */
#define BATCH_BYTES (32u << 20)
/* A postings row is closed once its data reaches this size, so rows stay
 * within a 16 KiB page (an index b-tree keeps up to about 4,000 bytes of a
 * row on its page; longer rows spill into half-empty overflow pages). */
#define CHUNK_BYTES 3072
#define NO_CHUNK UINT32_MAX
/* How many tokens ahead collect_postings prefetches hash cells. */
#define PREFETCH_AHEAD 8

/* One distinct term seen by this call, with its postings in the batch.
 * Fields read for every occurrence come first (one cache line). */
typedef struct term_slot {
    uint32_t text_off, text_len; /* the term in writer.strings */
    int64_t last_doc;            /* the last document in the batch; 0: not in the batch */
    lede_bytes data;             /* the batch's postings (docs/schema.md, postings.data) */
    uint32_t cur_tf, last_pos;   /* occurrences so far in last_doc, the last one's position */
    size_t tf_at;                /* offset of last_doc's tf placeholder in data */
    /* The chunk being filled (the postings row to be), NO_CHUNK if none. */
    size_t chunk_off;
    uint32_t last_chunk, first_chunk;
    uint32_t chunk_ndocs;
    uint64_t chunk_occurrences;
    int64_t delta_base; /* the document the next entry's delta counts from */
} term_slot;

/* A run of one term's batch postings that becomes one postings row. */
typedef struct chunk {
    size_t off; /* where it starts in its slot's data */
    int64_t first_doc, last_doc;
    uint64_t occurrences;
    uint32_t ndocs;
    uint32_t next; /* the term's next chunk, or NO_CHUNK */
} chunk;

/* Hash table cell: the term's hash beside its slot, so a probe reads one
 * cache line. slot 0 marks an empty cell (slots are stored + 1). */
typedef struct cell {
    uint64_t hash;
    uint32_t slot;
} cell;

typedef struct writer {
    lede_index *index;
    lede_error *err;
    term_slot *slots;
    size_t nslots, slots_cap;
    cell *table;
    size_t table_cap;
    lede_bytes strings; /* the terms' bytes */
    uint32_t *touched;  /* slots the current document touched */
    size_t ntouched, touched_cap;
    chunk *chunks;
    size_t nchunks, chunks_cap;
    size_t batch_bytes;
    int64_t next_doc_id;
    int docs_before;               /* the index had documents when the call began */
    struct seen {
        uint64_t hash;
        const lede_doc *doc;
    } *seen; /* documents chosen by this call, by content hash (open addressing) */
    size_t seen_n, seen_cap;
    lede_bytes tokblob, sentences, mapblob;
    lede_paragraph *paragraphs; /* scratch for checking a document's paragraphs */
    size_t paragraphs_cap;
    sqlite3_stmt *ins_doc, *find_doc, *ins_post;
} writer;

static const char *const SQL_INS_DOC =
    "INSERT INTO documents(id, name, ext_id, title, date, source, url, content_hash, bytes,"
    " ntokens, nwords, nsentences, nparagraphs, sentences, text, tokens, source_map)"
    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
static const char *const SQL_FIND_DOC = "SELECT 1 FROM documents WHERE content_hash = ?2 AND name = ?1";
static const char *const SQL_INS_POST = "INSERT INTO postings VALUES(?,?,?,?,?,?)";

/* Report an allocation failure. */
static int nomem(writer *w) { return lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory"); }

/* Step a fully bound INSERT/UPDATE and reset it; report `what` on failure. */
static int step_done(writer *w, sqlite3_stmt *st, const char *what, const char *name)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return LEDE_OK;
    char where[512];
    snprintf(where, sizeof where, "%s%s%s", what, name ? " " : "", name ? name : "");
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

/* Grow an array (capacity *cap elements of `size` bytes) so that index n
 * is valid, doubling from first_cap; 0 or -1. */
static int grow_one(void **v, size_t *cap, size_t n, size_t size, size_t first_cap)
{
    if (n < *cap) return 0;
    size_t c = *cap ? *cap : first_cap;
    while (c <= n) c *= 2;
    void *p = realloc(*v, c * size);
    if (!p) return -1;
    *v = p;
    *cap = c;
    return 0;
}

/* ------------------------------------------------------------- term table */

/* Double the hash table and re-insert every cell. */
static int table_grow(writer *w)
{
    size_t cap = w->table_cap ? w->table_cap * 2 : 1u << 14;
    cell *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < w->table_cap; i++) {
        if (!w->table[i].slot) continue;
        size_t h = (size_t)w->table[i].hash & (cap - 1);
        while (t[h].slot) h = (h + 1) & (cap - 1);
        t[h] = w->table[i];
    }
    free(w->table);
    w->table = t;
    w->table_cap = cap;
    return 0;
}

/* Find or create the slot of a term (hash: lede_hash of it, as the token
 * carries it); *slot receives its index. */
static int intern(writer *w, const char *term, uint32_t len, uint64_t hash, uint32_t *slot)
{
    if (2 * (w->nslots + 1) > w->table_cap && table_grow(w)) return nomem(w);
    size_t mask = w->table_cap - 1, h = (size_t)hash & mask;
    for (; w->table[h].slot; h = (h + 1) & mask) {
        if (w->table[h].hash != hash) continue;
        const term_slot *s = &w->slots[w->table[h].slot - 1];
        if (s->text_len == len && memcmp(w->strings.v + s->text_off, term, len) == 0) {
            *slot = w->table[h].slot - 1;
            return LEDE_OK;
        }
    }
    if (w->nslots >= UINT32_MAX - 1 || w->strings.n > UINT32_MAX - len)
        return lede_fail(w->err, LEDE_ERR_LIMIT, "too many distinct terms in one add");
    if (grow_one((void **)&w->slots, &w->slots_cap, w->nslots, sizeof *w->slots, 4096)) return nomem(w);
    term_slot *s = &w->slots[w->nslots];
    memset(s, 0, sizeof *s);
    s->first_chunk = s->last_chunk = NO_CHUNK;
    s->text_off = (uint32_t)w->strings.n;
    s->text_len = len;
    lede_bytes_append(&w->strings, term, len);
    if (w->strings.failed) return nomem(w);
    w->table[h] = (cell){.hash = hash, .slot = (uint32_t)w->nslots + 1};
    *slot = (uint32_t)w->nslots++;
    return LEDE_OK;
}

/* -------------------------------------------------------------- postings */

/* Close the term's current chunk, recording its counts. */
static void close_chunk(writer *w, term_slot *s)
{
    if (s->last_chunk == NO_CHUNK) return;
    chunk *c = &w->chunks[s->last_chunk];
    c->last_doc = s->last_doc;
    c->ndocs = s->chunk_ndocs;
    c->occurrences = s->chunk_occurrences;
}

/* Open a new chunk (postings row) for a term, starting with document
 * doc_id: its first document is written as an absolute id, so each row
 * decodes on its own. */
static int start_chunk(writer *w, term_slot *s, int64_t doc_id)
{
    if (w->nchunks >= NO_CHUNK) return lede_fail(w->err, LEDE_ERR_LIMIT, "too many postings in one batch");
    if (grow_one((void **)&w->chunks, &w->chunks_cap, w->nchunks, sizeof *w->chunks, 4096)) return nomem(w);
    close_chunk(w, s);
    uint32_t k = (uint32_t)w->nchunks++;
    w->chunks[k] = (chunk){.off = s->data.n, .first_doc = doc_id, .next = NO_CHUNK};
    if (s->last_chunk == NO_CHUNK)
        s->first_chunk = k;
    else
        w->chunks[s->last_chunk].next = k;
    s->last_chunk = k;
    s->chunk_off = s->data.n;
    s->chunk_ndocs = 0;
    s->chunk_occurrences = 0;
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
        /* Fetch ahead: the hash cell of a token 2 * PREFETCH_AHEAD on, and
         * the slot of one PREFETCH_AHEAD on (whose cell is in cache by now).
         * Table and slots are larger than the caches; the probes would
         * otherwise wait on memory. */
        if (w->table_cap) {
            size_t mask = w->table_cap - 1;
            if (i + 2 * PREFETCH_AHEAD < doc->tokens.n)
                __builtin_prefetch(&w->table[tokens[i + 2 * PREFETCH_AHEAD].hash & mask]);
            if (i + PREFETCH_AHEAD < doc->tokens.n) {
                const cell *c = &w->table[tokens[i + PREFETCH_AHEAD].hash & mask];
                if (c->slot && c->hash == tokens[i + PREFETCH_AHEAD].hash) __builtin_prefetch(&w->slots[c->slot - 1]);
            }
        }
        if (!lede_token_indexed(t->kind)) continue;
        uint32_t k = 0;
        int rc = intern(w, norms + t->norm, t->norm_len, t->hash, &k);
        if (rc) return rc;
        term_slot *s = &w->slots[k];
        if (s->last_doc != doc_id) {
            if (grow_one((void **)&w->touched, &w->touched_cap, w->ntouched, sizeof *w->touched, 256))
                return nomem(w);
            w->touched[w->ntouched++] = k;
            if (s->last_chunk == NO_CHUNK || s->data.n - s->chunk_off >= CHUNK_BYTES) {
                rc = start_chunk(w, s, doc_id);
                if (rc) return rc;
            }
            s->chunk_ndocs++;
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
        s->chunk_occurrences += s->cur_tf;
    }
    w->batch_bytes += 2 * (size_t)ordinal + 4 * w->ntouched;
    *nwords = ordinal;
    return LEDE_OK;
}

/* A term to write, with its bytes at hand for sorting. */
typedef struct sorted_term {
    uint64_t prefix; /* its first 8 bytes, big-endian, zero-padded */
    const uint8_t *text;
    uint32_t len;
    term_slot *slot;
} sorted_term;

/* The byte string order SQLite's BINARY collation uses: memcmp, then the
 * shorter first. Writing rows in key order makes every insert an append.
 * Comparing the 8-byte prefixes as integers decides most pairs at once. */
static int cmp_term(const void *a, const void *b)
{
    const sorted_term *x = a, *y = b;
    if (x->prefix != y->prefix) return x->prefix < y->prefix ? -1 : 1;
    int c = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);
    if (c) return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* A term's first 8 bytes as a big-endian integer, zero-padded (for sorting). */
static uint64_t prefix_of(const uint8_t *text, uint32_t len)
{
    uint64_t v = 0;
    for (uint32_t i = 0; i < 8; i++) v = v << 8 | (i < len ? text[i] : 0);
    return v;
}

/* The slots with postings in the batch, sorted by term. */
static sorted_term *sorted_slots(writer *w, size_t *n)
{
    sorted_term *order = malloc((w->nslots ? w->nslots : 1) * sizeof *order);
    if (!order) return NULL;
    *n = 0;
    for (size_t i = 0; i < w->nslots; i++) {
        term_slot *s = &w->slots[i];
        if (s->first_chunk == NO_CHUNK) continue;
        const uint8_t *text = w->strings.v + s->text_off;
        order[(*n)++] = (sorted_term){prefix_of(text, s->text_len), text, s->text_len, s};
    }
    qsort(order, *n, sizeof *order, cmp_term);
    return order;
}

/* Write the batch's postings, one row per chunk in (term, first document)
 * order, and empty the batch. */
static int flush_batch(writer *w)
{
    size_t n = 0;
    sorted_term *order = sorted_slots(w, &n);
    if (!order) return nomem(w);
    int rc = LEDE_OK;
    for (size_t i = 0; i < n; i++) {
        term_slot *s = order[i].slot;
        close_chunk(w, s);
        for (uint32_t k = s->first_chunk; k != NO_CHUNK && rc == LEDE_OK; k = w->chunks[k].next) {
            const chunk *c = &w->chunks[k];
            size_t end = c->next == NO_CHUNK ? s->data.n : w->chunks[c->next].off;
            sqlite3_bind_text(w->ins_post, 1, (const char *)w->strings.v + s->text_off, (int)s->text_len,
                              SQLITE_STATIC);
            sqlite3_bind_int64(w->ins_post, 2, c->first_doc);
            sqlite3_bind_int64(w->ins_post, 3, c->last_doc);
            sqlite3_bind_int64(w->ins_post, 4, c->ndocs);
            sqlite3_bind_int64(w->ins_post, 5, (int64_t)c->occurrences);
            sqlite3_bind_blob(w->ins_post, 6, s->data.v + c->off, (int)(end - c->off), SQLITE_STATIC);
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

/* ------------------------------------------------------------- documents */

/* Was a document with this name and content already stored, or chosen
 * earlier in this call? The call's documents are remembered by content
 * hash in memory; the database is asked only if it had documents before. */
static int already_stored(writer *w, const lede_doc *doc, int *found)
{
    *found = 0;
    if (2 * (w->seen_n + 1) > w->seen_cap) {
        size_t cap = w->seen_cap ? 2 * w->seen_cap : 1u << 12;
        struct seen *t = calloc(cap, sizeof *t);
        if (!t) return nomem(w);
        for (size_t i = 0; i < w->seen_cap; i++) {
            if (!w->seen[i].doc) continue;
            size_t h = (size_t)w->seen[i].hash & (cap - 1);
            while (t[h].doc) h = (h + 1) & (cap - 1);
            t[h] = w->seen[i];
        }
        free(w->seen);
        w->seen = t;
        w->seen_cap = cap;
    }
    size_t h = (size_t)doc->content_hash & (w->seen_cap - 1);
    for (; w->seen[h].doc; h = (h + 1) & (w->seen_cap - 1))
        if (w->seen[h].hash == doc->content_hash && strcmp(w->seen[h].doc->meta.name, doc->meta.name) == 0) {
            *found = 1;
            return LEDE_OK;
        }
    if (w->docs_before) {
        sqlite3_bind_text(w->find_doc, 1, doc->meta.name, -1, SQLITE_STATIC);
        sqlite3_bind_int64(w->find_doc, 2, (int64_t)doc->content_hash);
        int rc = sqlite3_step(w->find_doc);
        sqlite3_reset(w->find_doc);
        if (rc == SQLITE_ROW)
            *found = 1;
        else if (rc != SQLITE_DONE)
            return lede_index_dbfail(w->index, w->err, "looking up a document");
    }
    if (!*found) {
        w->seen[h] = (struct seen){doc->content_hash, doc};
        w->seen_n++;
    }
    return LEDE_OK;
}

/* Append n in decimal. */
static void put_decimal(lede_bytes *b, uint32_t n)
{
    char buf[10];
    size_t k = sizeof buf;
    do {
        buf[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    lede_bytes_append(b, buf + k, sizeof buf - k);
}

/* The document's sentences as the JSON array documents.sentences holds:
 * [[start_byte, end_byte, first_token, ntokens, paragraph], …]. Paragraphs
 * and each token's sentence and paragraph are rebuilt from it, so it first
 * checks that the sentences tile the tokens and that the paragraphs are
 * exactly the runs of sentences naming them (as lede_segment makes them). */
static int encode_sentences(writer *w, const lede_doc *doc)
{
    const lede_segments *sg = &doc->segments;
    uint32_t next_token = 0;
    for (size_t i = 0; i < sg->nsentences; i++) {
        if (sg->sentences[i].first_token != next_token) break;
        next_token += sg->sentences[i].ntokens;
    }
    int fits = next_token == doc->tokens.n;
    if (fits && sg->nparagraphs) {
        if (grow_one((void **)&w->paragraphs, &w->paragraphs_cap, sg->nparagraphs - 1, sizeof *w->paragraphs,
                     sg->nparagraphs))
            return nomem(w);
        fits = lede_paragraphs_from_sentences(sg->sentences, sg->nsentences, w->paragraphs, sg->nparagraphs) ==
                   0 &&
               memcmp(w->paragraphs, sg->paragraphs, sg->nparagraphs * sizeof *w->paragraphs) == 0;
    }
    if (!fits)
        return lede_fail(w->err, LEDE_ERR_FORMAT,
                         "%s: sentences and paragraphs do not tile the tokens; cannot index", doc->meta.name);
    lede_bytes *b = &w->sentences;
    b->n = 0;
    lede_bytes_byte(b, '[');
    for (size_t i = 0; i < sg->nsentences; i++) {
        const lede_sentence *s = &sg->sentences[i];
        lede_bytes_append(b, i ? ",[" : "[", i ? 2 : 1);
        put_decimal(b, s->start);
        lede_bytes_byte(b, ',');
        put_decimal(b, s->end);
        lede_bytes_byte(b, ',');
        put_decimal(b, s->first_token);
        lede_bytes_byte(b, ',');
        put_decimal(b, s->ntokens);
        lede_bytes_byte(b, ',');
        put_decimal(b, s->paragraph);
        lede_bytes_byte(b, ']');
    }
    lede_bytes_byte(b, ']');
    return b->failed ? nomem(w) : LEDE_OK;
}

/* Bind the document's stored-to-source offset anchors (text.h) as the
 * source_map BLOB: per anchor, its stored then its source offset, each a
 * varint (docs/schema.md). NULL when the loader changed no length, so
 * stored offsets are source offsets. */
static int bind_source_map(writer *w, sqlite3_stmt *st, int col, const lede_offset_map *map)
{
    if (map->n == 0) {
        sqlite3_bind_null(st, col);
        return LEDE_OK;
    }
    w->mapblob.n = 0;
    for (size_t i = 0; i < map->n; i++) {
        lede_bytes_varint(&w->mapblob, map->v[i].stored);
        lede_bytes_varint(&w->mapblob, map->v[i].source);
    }
    if (w->mapblob.failed) return nomem(w);
    sqlite3_bind_blob(st, col, w->mapblob.v, (int)w->mapblob.n, SQLITE_STATIC);
    return LEDE_OK;
}

/* Store the document row: metadata, text, token table and sentences. */
static int write_document(writer *w, lede_doc *doc, int64_t id, uint32_t nwords)
{
    const lede_meta *m = &doc->meta;
    w->tokblob.n = 0;
    if (lede_tokblob_encode(doc->text, doc->len, doc->tokens.v, doc->tokens.n, doc->tokens.norms,
                            doc->tokens.norms_len, &w->tokblob))
        return lede_fail(w->err, LEDE_ERR_FORMAT, "%s: tokens overlap or are out of order; cannot index",
                         m->name);
    if (w->tokblob.failed) return nomem(w);
    int rc = encode_sentences(w, doc);
    if (rc) return rc;
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
    sqlite3_bind_int64(st, 12, (int64_t)doc->segments.nsentences);
    sqlite3_bind_int64(st, 13, (int64_t)doc->segments.nparagraphs);
    sqlite3_bind_text(st, 14, (const char *)w->sentences.v, (int)w->sentences.n, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, doc->text, (int)doc->len, SQLITE_STATIC);
    sqlite3_bind_blob(st, 16, w->tokblob.v, (int)w->tokblob.n, SQLITE_STATIC);
    rc = bind_source_map(w, st, 17, &doc->source_map);
    if (rc) return rc;
    return step_done(w, st, "adding", m->name);
}

/* Index one analyzed document: collect its postings, store it, and flush
 * the batch when it is full. */
static int add_document(writer *w, lede_doc *doc)
{
    int64_t id = w->next_doc_id;
    uint32_t nwords = 0;
    int rc = collect_postings(w, doc, id, &nwords);
    if (rc == LEDE_OK) rc = write_document(w, doc, id, nwords);
    if (rc == LEDE_OK) w->next_doc_id++;
    size_t limit = w->index->batch_bytes ? w->index->batch_bytes : BATCH_BYTES;
    if (rc == LEDE_OK && w->batch_bytes >= limit) rc = flush_batch(w);
    return rc;
}

/* Add the chosen documents in order, analyzed one step ahead on a second
 * thread (index_analyzer.c); *count receives how many were stored. */
static int add_documents(writer *w, lede_doc *const *docs, size_t n, size_t *count)
{
    lede_analyzer *a = NULL;
    int rc = lede_analyzer_start(docs, n, !w->index->single_thread, &a, w->err);
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) {
        rc = lede_analyzer_wait(a, i, w->err);
        if (rc == LEDE_OK) rc = add_document(w, docs[i]);
        lede_analyzer_release(a, i);
        if (rc == LEDE_OK) (*count)++;
    }
    lede_analyzer_finish(a);
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
    int rc = sqlite3_prepare_v2(w->index->db, "SELECT value FROM meta WHERE key = 'tokenizer_version'", -1,
                                &st, NULL);
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
                     "REPLACE INTO meta VALUES('tokenizer_version', '" LEDE_TOKENIZER_VERSION "')", NULL, NULL,
                     NULL) != SQLITE_OK)
        return lede_index_dbfail(w->index, w->err, "writing the tokenizer version");
    return LEDE_OK;
}

/* Prepare the writer's statements. */
static int prepare_all(writer *w)
{
    struct {
        sqlite3_stmt **slot;
        const char *sql;
    } list[] = {{&w->ins_doc, SQL_INS_DOC}, {&w->find_doc, SQL_FIND_DOC}, {&w->ins_post, SQL_INS_POST}};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (sqlite3_prepare_v3(w->index->db, list[i].sql, -1, SQLITE_PREPARE_PERSISTENT, list[i].slot, NULL))
            return lede_index_dbfail(w->index, w->err, "preparing the index writer");
    return LEDE_OK;
}

/* Free the writer's statements and buffers. */
static void writer_free(writer *w)
{
    sqlite3_stmt *sts[] = {w->ins_doc, w->find_doc, w->ins_post};
    for (size_t i = 0; i < sizeof sts / sizeof sts[0]; i++) sqlite3_finalize(sts[i]);
    for (size_t i = 0; i < w->nslots; i++) lede_bytes_free(&w->slots[i].data);
    free(w->slots);
    free(w->table);
    free(w->touched);
    free(w->chunks);
    free(w->seen);
    free(w->paragraphs);
    lede_bytes_free(&w->strings);
    lede_bytes_free(&w->tokblob);
    lede_bytes_free(&w->mapblob);
    lede_bytes_free(&w->sentences);
}

/* Add the corpus's new documents in one transaction (lede.h). */
int lede_index_add(lede_index *index, lede_corpus *corpus, size_t *added, lede_error *err)
{
    if (added) *added = 0;
    if (!index || !corpus) return lede_fail(err, LEDE_ERR_ARG, "lede_index_add: index or corpus is NULL");
    writer w = {.index = index, .err = err};
    /* A marker committed first tells the next writer if this one is killed. */
    int marked = lede_index_mark_pending(index, err);
    if (marked) return marked;
    if (sqlite3_exec(index->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        marked = lede_index_dbfail(index, err, "starting a transaction");
        lede_index_drop_pending(index);
        return marked;
    }
    int64_t ndocs = 0;
    int rc = prepare_all(&w);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT count(*) FROM documents", &ndocs);
    if (rc == LEDE_OK) rc = read_int(&w, "SELECT coalesce(max(id), 0) + 1 FROM documents", &w.next_doc_id);
    w.docs_before = ndocs > 0;
    if (rc == LEDE_OK) rc = check_tokenizer(&w);
    /* Choose the new documents first, then analyze and store them. */
    size_t count = 0, n = lede_corpus_count(corpus), ntodo = 0;
    lede_doc **todo = malloc((n ? n : 1) * sizeof *todo);
    if (!todo && rc == LEDE_OK) rc = nomem(&w);
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) {
        lede_doc *doc = lede_corpus_doc(corpus, i);
        int found = 0;
        rc = already_stored(&w, doc, &found);
        if (rc == LEDE_OK && !found) todo[ntodo++] = doc;
    }
    if (rc == LEDE_OK) rc = add_documents(&w, todo, ntodo, &count);
    free(todo);
    if (rc == LEDE_OK) rc = flush_batch(&w);
    writer_free(&w);
    if (rc == LEDE_OK) rc = lede_index_clear_pending(index, err);
    if (rc == LEDE_OK && sqlite3_exec(index->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = lede_index_dbfail(index, err, "committing");
    if (rc) {
        sqlite3_exec(index->db, "ROLLBACK", NULL, NULL, NULL);
        lede_index_drop_pending(index);
        return rc;
    }
    if (added) *added = count;
    return LEDE_OK;
}
