/* index.h — internals shared by the index's files: the handle, the schema
 * constants, SQLite error reporting and the token-table BLOB codec.
 *
 *   index_schema.c  open, close, schema creation and the "is this a lede
 *                   index" checks
 *   index_tokens.c  a document's token table as a compact BLOB
 *   index_writer.c  lede_index_add: batches of postings written sorted
 *   index_reader.c  lede_index_ndocs, lede_index_doc
 *   index_query.c   term, phrase and df queries
 *
 * The layout of every table and BLOB is documented in docs/schema.md. */
#ifndef LEDE_INDEX_H
#define LEDE_INDEX_H

#include "analyze.h"
#include "lede.h"
#include "varint.h"

#include <sqlite3.h>

/* Bump when a table or BLOB layout changes; an index with a larger version
 * is refused, one with a smaller version must be rebuilt. */
#define LEDE_INDEX_SCHEMA_VERSION 2
/* PRAGMA application_id of a lede index: "lede" in ASCII. */
#define LEDE_INDEX_APPLICATION_ID 0x6c656465

struct lede_index {
    sqlite3 *db;
    char *path;               /* as given, or ":memory:"; used in messages */
    sqlite3_stmt *doc_tokens; /* SELECT tokens FROM documents WHERE id = ? */
    sqlite3_stmt *doc_row;    /* a whole documents row, for lede_index_doc */
    sqlite3_stmt *term_lookup; /* the df of a term */
    sqlite3_stmt *postings;    /* SELECT data FROM postings WHERE term = ? ORDER BY first_doc */
    int single_thread;         /* analyze on the calling thread only (benchmarks, tests) */
    size_t batch_bytes;        /* flush postings at this size; 0: the default (tests) */
    char *interrupted;         /* lede_index_interrupted's message, or NULL */
};

/* Tokens whose normalized form is indexed: words, abbreviations, numbers
 * and CJK characters. Quote marks, punctuation and symbols are not, so a
 * phrase matches across them (as SQLite FTS5 does). */
static inline int lede_token_indexed(unsigned kind)
{
    return kind == LEDE_TOKEN_WORD || kind == LEDE_TOKEN_ABBREV || kind == LEDE_TOKEN_NUMBER ||
           kind == LEDE_TOKEN_CJK;
}

/* Fill err with "<path>: <what>: <SQLite's message>" and return LEDE_ERR_DB. */
int lede_index_dbfail(const lede_index *index, lede_error *err, const char *what);

/* Prepare a statement once and keep it in *slot (finalized by close). */
int lede_index_prepare(lede_index *index, sqlite3_stmt **slot, const char *sql, lede_error *err);

/* The write marker (index_pending.c). mark_pending commits
 * meta('write_pending') before a write's transaction, noting whether an
 * earlier writer died with its marker set; clear_pending deletes it inside
 * the write's transaction; drop_pending deletes it after a failed write. */
int lede_index_mark_pending(lede_index *index, lede_error *err);
int lede_index_clear_pending(lede_index *index, lede_error *err);
void lede_index_drop_pending(lede_index *index);

/* Rebuild paragraphs from sentences: paragraph p spans the run of sentences
 * whose paragraph is p (np cells in out). Returns 0, or -1 if the
 * sentences' paragraph numbers do not run 0, 1, 2, … np - 1 in order. */
int lede_paragraphs_from_sentences(const lede_sentence *s, size_t ns, lede_paragraph *out, size_t np);

/* ---- token table BLOB (documents.tokens); layout in docs/schema.md ---- */

/* How a token's normalized form is stored. */
enum {
    LEDE_NORM_SAME = 0,   /* identical to the token's bytes in the text */
    LEDE_NORM_LOWER = 1,  /* the token is ASCII; the form is its ASCII lower case */
    LEDE_NORM_INLINE = 2  /* the form follows in the BLOB */
};

/* Encode n tokens of `text` (their norms in `norms`) onto out. Returns 0
 * (check out->failed), or -1 if the tokens are out of order, overlap or
 * point outside the text or norms (they cannot be stored). */
int lede_tokblob_encode(const char *text, size_t text_len, const lede_token *tokens, size_t n,
                        const char *norms, size_t norms_len, lede_bytes *out);

/* The flags a token most likely has, judged from the text around it:
 * white space or a line break before it, ASCII case and digits, the kind
 * of quote mark. The token table stores flags only where this misses. */
uint16_t lede_tokblob_predict_flags(const char *text, size_t text_len, uint32_t prev_end, uint32_t start,
                                    uint32_t end, unsigned kind);

/* One decoded token. For LEDE_NORM_INLINE, norm points into the BLOB. Unless
 * flags_explicit, the flags are lede_tokblob_predict_flags(text, text_len,
 * prev_end, start, end, kind). */
typedef struct lede_tokblob_entry {
    uint32_t prev_end, start, end;
    uint8_t kind, quote, norm_mode, flags_explicit;
    uint16_t flags;
    const uint8_t *norm;
    uint32_t norm_len;
} lede_tokblob_entry;

typedef struct lede_tokblob_reader {
    const uint8_t *p, *end;
    uint32_t prev_end;
    uint64_t remaining;
} lede_tokblob_reader;

/* Start reading a BLOB; *ntokens receives its token count. Returns 0 or -1
 * if the BLOB is corrupt. */
int lede_tokblob_open(lede_tokblob_reader *r, const void *blob, size_t len, uint64_t *ntokens);
/* Read the next token into *e. Returns 0, or -1 if the BLOB is corrupt or
 * the offsets pass text_len. */
int lede_tokblob_next(lede_tokblob_reader *r, size_t text_len, lede_tokblob_entry *e);

#endif
