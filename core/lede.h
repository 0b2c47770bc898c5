/*
 * lede.h — the public C API of lede's core.
 *
 * The core loads news text, tokenizes and segments it, indexes it in SQLite
 * and provides the hot primitives the Lua analyses are built on. It has no
 * Lua in it, never prints and never exits: every failure is a status code
 * plus a message in a caller-supplied lede_error.
 *
 * Ownership, stated once:
 *   - An object returned through `T **out` by lede_T_new/open/load is owned by
 *     the caller and released with lede_T_free (or lede_index_close). Every
 *     free function accepts NULL and is safe to call once per object.
 *   - A pointer returned by a getter (text, tokens, sentences, metadata
 *     strings, hit arrays inside a result) borrows from its object and stays
 *     valid until that object is freed. Documents borrow from nothing: a
 *     lede_doc taken from a corpus is owned by the corpus.
 *   - Strings passed in are borrowed for the duration of the call and copied
 *     if kept.
 *
 * Offsets: every offset is a byte offset into the document's stored text
 * (lede_doc_text), end exclusive. The stored text is the input after the
 * loader's repairs (see lede_corpus_add_*), which it lists as warnings.
 */
#ifndef LEDE_H
#define LEDE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LEDE_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

typedef enum lede_status {
    LEDE_OK = 0,
    LEDE_ERR_NOMEM,    /* an allocation failed */
    LEDE_ERR_IO,       /* a file or directory could not be opened, read or written */
    LEDE_ERR_FORMAT,   /* the input is not what it claims: binary, NUL bytes, bad JSON */
    LEDE_ERR_LIMIT,    /* a configured limit was exceeded (document size, …) */
    LEDE_ERR_DB,       /* SQLite reported an error */
    LEDE_ERR_ARG,      /* the caller passed an invalid argument */
    LEDE_ERR_NOTFOUND, /* the thing asked for does not exist */
    LEDE_ERR_QUERY     /* a query could not be parsed */
} lede_status;

/* A failure's details. `message` names the file and place where there is
 * one ("seeds/x.txt: byte 257: …", "a.jsonl:12: …"). Functions only write
 * it when they return a non-zero status. */
typedef struct lede_error {
    int code;           /* a lede_status */
    char message[1024];
} lede_error;

/* The status's name, e.g. "LEDE_ERR_IO"; never NULL. */
const char *lede_status_name(int code);

/* --------------------------------------------------------------- tokens */

typedef enum lede_token_kind {
    LEDE_TOKEN_WORD = 1, /* letters and digits with inner ' ’ - : Russia’s, land-for-peace, 30-day */
    LEDE_TOKEN_ABBREV,   /* dotted abbreviations and initials: U.S., U.K., Gen., a.m. */
    LEDE_TOKEN_NUMBER,   /* 3,270,459  1.2  90%  $1.2bn  £5  2014 */
    LEDE_TOKEN_CJK,      /* one CJK ideograph (or kana/hangul syllable) per token */
    LEDE_TOKEN_QUOTE,    /* a quote mark: “ ” „ ‟ « » ‹ › " ' ‘ ’ ‚ '' ; see lede_token.quote */
    LEDE_TOKEN_PUNCT,    /* other punctuation: . , ; : ! ? … — – ( ) [ ] / … */
    LEDE_TOKEN_SYMBOL    /* symbols and emoji not attached to a number */
} lede_token_kind;

/* How a quote mark is used, judged from the mark and its neighbours. */
typedef enum lede_quote_class {
    LEDE_QUOTE_NONE = 0, /* not a quote mark */
    LEDE_QUOTE_OPEN,     /* opens a quotation (“ „ « or " after a space) */
    LEDE_QUOTE_CLOSE,    /* closes a quotation (” » or " before a space/punctuation) */
    LEDE_QUOTE_AMBIGUOUS /* could be either (" between two spaces, …) */
} lede_quote_class;

/* Token flags (lede_token.flags). */
enum {
    LEDE_TF_CAPITALIZED = 1 << 0,  /* first letter is upper or title case */
    LEDE_TF_ALLCAPS = 1 << 1,      /* at least two letters, all upper case */
    LEDE_TF_HAS_DIGIT = 1 << 2,    /* contains a decimal digit */
    LEDE_TF_SPACE_BEFORE = 1 << 3, /* white space (or the start of text) precedes it */
    LEDE_TF_LINE_BEFORE = 1 << 4,  /* a line break lies between it and the previous token */
    LEDE_TF_DOUBLE_MARK = 1 << 5,  /* quote token: a double mark (“ ” " „ « » '') */
    LEDE_TF_SINGLE_MARK = 1 << 6   /* quote token: a single mark (‘ ’ ' ‚ ‹ ›) */
};

typedef struct lede_token {
    uint32_t start, end;   /* byte span in the document text */
    uint32_t norm;         /* offset of the normalized form in lede_doc_norms() */
    uint32_t norm_len;     /* its length in bytes (the form is also NUL-terminated) */
    uint32_t sentence;     /* index of the token's sentence */
    uint32_t paragraph;    /* index of the token's paragraph */
    uint64_t hash;         /* lede_hash() of the normalized form */
    uint8_t kind;          /* lede_token_kind */
    uint8_t quote;         /* lede_quote_class (LEDE_QUOTE_NONE unless kind is QUOTE) */
    uint16_t flags;        /* LEDE_TF_* */
} lede_token;

typedef struct lede_sentence {
    uint32_t start, end;            /* byte span, from its first to its last token */
    uint32_t first_token, ntokens;  /* its tokens */
    uint32_t paragraph;             /* index of its paragraph */
} lede_sentence;

typedef struct lede_paragraph {
    uint32_t start, end;                /* byte span, from its first to its last token */
    uint32_t first_sentence, nsentences;
    uint32_t first_token, ntokens;
} lede_paragraph;

/* 64-bit hash used for normalized forms, shingles and content: stable across
 * runs and machines (it is persisted in indexes). */
uint64_t lede_hash(const void *data, size_t len);

/* Normalized form used for matching: NFC, case-folded, apostrophes unified to
 * ', hyphens and dashes inside words to -. Writes a NUL-terminated string
 * into *out (caller frees with free()). */
int lede_normalize(const char *text, size_t len, char **out, size_t *out_len, lede_error *err);

/* ------------------------------------------------------------- documents */

typedef struct lede_doc lede_doc;

/* Metadata fields a document may carry; any may be NULL. `name` is the file
 * as given (or "path:line" for a JSON Lines record, "<stdin>" for standard
 * input) and is always set. */
typedef struct lede_meta {
    const char *name;
    const char *id;
    const char *title;
    const char *date;
    const char *source; /* the outlet */
    const char *url;
} lede_meta;

/* A repair the loader made, or something it noticed, at a byte offset of
 * the input it read (not of the stored text). */
typedef struct lede_warning {
    const char *name;    /* the document's name */
    uint64_t line;       /* JSON Lines line number, or 0 */
    uint64_t offset;     /* byte offset in the file (or the record's text) */
    const char *message; /* e.g. "invalid UTF-8 replaced by U+FFFD" */
} lede_warning;

/* A standalone document from a string (for tokenizing a snippet, tests, …).
 * The text goes through the same repairs as loaded text. */
int lede_doc_new(const char *text, size_t len, const lede_meta *meta, lede_doc **out, lede_error *err);
void lede_doc_free(lede_doc *doc);

const char *lede_doc_text(const lede_doc *doc, size_t *len);
const lede_meta *lede_doc_meta(const lede_doc *doc);
uint64_t lede_doc_content_hash(const lede_doc *doc); /* lede_hash of the stored text */

/* The byte offset in the document's source (the file, the stream, or the
 * JSON string of a JSON Lines record) of stored-text offset `offset`
 * (clamped to the text's length). The two agree unless the loader dropped a
 * BOM, replaced invalid UTF-8 or normalized to NFC; tools that report
 * offsets against the original file (the quote scorer, an editor) use this.
 * A document read back from an index has no map and returns `offset`. */
size_t lede_doc_source_offset(const lede_doc *doc, size_t offset);

/* Tokenize and segment the document (idempotent; the accessors below call it
 * on first use, so an error shows as a zero count: call it to see errors). */
int lede_doc_analyze(lede_doc *doc, lede_error *err);

size_t lede_doc_ntokens(lede_doc *doc);
const lede_token *lede_doc_tokens(lede_doc *doc);
const char *lede_doc_norms(lede_doc *doc); /* base of the normalized forms */
size_t lede_doc_nsentences(lede_doc *doc);
const lede_sentence *lede_doc_sentences(lede_doc *doc);
size_t lede_doc_nparagraphs(lede_doc *doc);
const lede_paragraph *lede_doc_paragraphs(lede_doc *doc);

/* ---------------------------------------------------------------- corpus */

typedef struct lede_corpus lede_corpus;

typedef enum lede_format {
    LEDE_FORMAT_AUTO = 0, /* .jsonl/.ndjson by name, else text */
    LEDE_FORMAT_TEXT,
    LEDE_FORMAT_JSONL
} lede_format;

typedef struct lede_load_options {
    lede_format format;
    size_t max_doc_bytes;  /* refuse larger documents (0: default, 64 MiB) */
    /* JSON Lines field names (NULL: the defaults in brackets). Each may list
     * alternatives separated by '|', the first present wins. */
    const char *text_field;   /* ["text"] */
    const char *title_field;  /* ["title"] */
    const char *date_field;   /* ["date"] */
    const char *source_field; /* ["source|outlet"] */
    const char *url_field;    /* ["url"] */
    const char *id_field;     /* ["id"] */
} lede_load_options;

int lede_corpus_new(lede_corpus **out, lede_error *err);
void lede_corpus_free(lede_corpus *corpus);

/* Add a file, a directory (recursively, files in byte order of their paths,
 * hidden files skipped) or a JSON Lines file. On error nothing from `path`
 * stays in the corpus. opts may be NULL. */
int lede_corpus_add_path(lede_corpus *corpus, const char *path, const lede_load_options *opts,
                         lede_error *err);
/* Add everything readable from a stream (standard input), named `name`. */
int lede_corpus_add_stream(lede_corpus *corpus, FILE *stream, const char *name,
                           const lede_load_options *opts, lede_error *err);
/* Add one document from memory. */
int lede_corpus_add_text(lede_corpus *corpus, const char *text, size_t len, const lede_meta *meta,
                         lede_error *err);

size_t lede_corpus_count(const lede_corpus *corpus);
lede_doc *lede_corpus_doc(const lede_corpus *corpus, size_t i); /* borrowed */
size_t lede_corpus_nwarnings(const lede_corpus *corpus);
/* The warnings of every add so far, oldest first. The array may move when
 * more is added (its strings do not): fetch it again after an add. */
const lede_warning *lede_corpus_warnings(const lede_corpus *corpus);

/* ----------------------------------------------------------------- index */

typedef struct lede_index lede_index;

/* Open (creating if needed) an index database. path NULL or ":memory:" makes
 * an in-memory index. An existing file that is not a lede index is refused. */
int lede_index_open(const char *path, lede_index **out, lede_error *err);
void lede_index_close(lede_index *index);

/* Add every document of the corpus not already in the index (same name and
 * same content hash), inside one transaction: on error nothing is added.
 * *added (may be NULL) receives the number added. */
int lede_index_add(lede_index *index, lede_corpus *corpus, size_t *added, lede_error *err);

/* After lede_index_add: a message if that call found that an earlier write
 * to this index had been killed before it finished (its transaction was
 * rolled back, so the index is as the last complete write left it), else
 * NULL. Borrowed from the index. */
const char *lede_index_interrupted(const lede_index *index);

size_t lede_index_ndocs(lede_index *index);

/* Load document `doc_id` (1-based, as stored) with its metadata, text and
 * stored tokens/sentences (no re-tokenization). Caller frees with lede_doc_free. */
int lede_index_doc(lede_index *index, int64_t doc_id, lede_doc **out, lede_error *err);

typedef struct lede_hit {
    int64_t doc_id;    /* document id in the index */
    uint32_t position; /* index of the first matching token in the document's token array */
    uint32_t ntokens;  /* tokens spanned by the match (punctuation between words included) */
    uint32_t start, end; /* byte span of the match in the document text */
} lede_hit;

typedef struct lede_hits {
    lede_hit *hits;
    size_t n;
} lede_hits;
void lede_hits_free(lede_hits *hits); /* frees hits->hits and zeroes it */

/* Occurrences of one term (normalized with lede_normalize before lookup). */
int lede_index_term(lede_index *index, const char *term, lede_hits *out, lede_error *err);
/* Occurrences of a phrase: its words in order, adjacent (punctuation is not
 * indexed and so is skipped, as in SQLite FTS5). */
int lede_index_phrase(lede_index *index, const char *phrase, lede_hits *out, lede_error *err);
/* Number of documents that contain the term. */
int lede_index_df(lede_index *index, const char *term, size_t *df, lede_error *err);

#ifdef __cplusplus
}
#endif

#include "lede_reuse.h"
#include "lede_quotes.h"
#include "lede_query.h"
#include "lede_stem.h"

#endif /* LEDE_H */
