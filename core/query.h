/* query.h — internals shared by the query files:
 *
 *   query_parse.c  the query language: lexer, parser, the tree, describe
 *   query_eval.c   evaluating the tree over postings, BM25, lede_search_run
 *   query_doc.c    the searcher's caches: document lengths and metadata,
 *                  one document's token spans, sentences and norms
 *   query_count.c  n-gram and collocate counts
 *   query_date.c   lede_date_key
 *   kwic.c         concordance lines
 */
#ifndef LEDE_QUERY_INTERNAL_H
#define LEDE_QUERY_INTERNAL_H

#include "index.h"
#include "lede.h"

/* Kinds of query node. */
enum {
    QN_TERM,   /* one word */
    QN_PREFIX, /* words starting with a prefix */
    QN_PHRASE, /* words in order, adjacent */
    QN_NEAR,   /* two leaves within `distance` words of each other */
    QN_AND,
    QN_OR,
    QN_NOT,    /* left AND NOT right */
    QN_SOURCE, /* documents of one source */
    QN_DATE    /* documents dated in [date_from, date_to] */
};

typedef struct qnode {
    int kind;
    size_t pos;                /* 1-based character position in the query */
    int left, right;           /* children (node indices) or -1 */
    unsigned distance;         /* NEAR/k */
    size_t first_word, nwords; /* leaf words: query->words[first_word …] */
    char *value;               /* QN_SOURCE: the source, as written */
    uint32_t date_from, date_to;
    int unit;                  /* scored unit (BM25 "phrase"), or -1 */
} qnode;

struct lede_query {
    qnode *nodes;
    size_t n, cap;
    char **words; /* normalized words of the leaves, owned */
    size_t nwords, words_cap;
    int root;
    size_t nunits; /* scored units: leaves not under NEAR, and NEAR nodes */
};

/* One document's cached metadata. */
typedef struct qmeta {
    uint32_t nwords;
    uint32_t date;  /* lede_date_key of its date, 0 if none */
    char *source;   /* owned, or NULL */
    char *name;     /* owned */
    char *title;    /* owned, or NULL */
    char *date_text; /* the date as stored, owned, or NULL */
    uint8_t present;
} qmeta;

struct lede_search {
    lede_index *index;
    sqlite3_stmt *postings, *prefix, *doc, *freq, *maxid_stmt;
    qmeta *meta;     /* by document id; meta[0] unused */
    int64_t maxid;   /* highest document id read into meta */
    uint64_t ndocs, nwords;
};

/* Refresh the metadata cache if documents were added since. */
int lede_search_refresh(lede_search *s, lede_error *err);

/* A document's tokens as the query code needs them. */
typedef struct qdoc {
    int64_t id;
    char *text; /* owned copy (when loaded with text) */
    size_t len;
    uint32_t *start, *end, *sent; /* per token: bytes, sentence */
    uint32_t *word_token;         /* token of each word position */
    uint32_t *norm;               /* per token: offset in norms (when loaded with norms) */
    uint8_t *kind;
    char *norms;                  /* NUL-terminated forms */
    size_t norms_len, norms_cap;
    lede_sentence *sentences;
    size_t ntokens, nwords, nsent, tok_cap, sent_cap;
} qdoc;

enum {
    QDOC_TEXT = 1,     /* a copy of the text */
    QDOC_NORMS = 2,    /* the tokens' normalized forms */
    QDOC_SENTENCES = 4 /* the sentences, and each token's */
};

/* Load document `id` into d (reusing its buffers). `what` is QDOC_* bits.
 * Without QDOC_SENTENCES, `words` > 0 stops decoding the token table after
 * that many word positions (the tokens a match can reach). */
int lede_qdoc_load(lede_search *s, int64_t id, int what, uint32_t words, qdoc *d, lede_error *err);
void lede_qdoc_free(qdoc *d);

/* Grow *v (elements of `size` bytes, capacity *cap) to hold `need`. */
int lede_qgrow(void **v, size_t *cap, size_t need, size_t size);

#endif
