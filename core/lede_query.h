/*
 * lede_query.h — searching an index: a small query language (terms,
 * phrases, prefixes, NEAR/k, AND, OR, NOT, source and date filters), BM25
 * ranking, keyword-in-context lines cut from byte spans, and n-gram and
 * collocate counts. Included at the end of lede.h; the ownership and error
 * rules stated there hold. The language is documented in docs/query.md.
 *
 *     lede_query *q; lede_search *s; lede_search_result r;
 *     lede_query_parse("\"logistical issues\" NOT source:cnn", &q, &err);
 *     lede_search_new(index, &s, &err);
 *     lede_search_run(s, q, NULL, &r, &err);   // r.docs ranked, r.hits per doc
 *     …
 *     lede_search_result_free(&r); lede_search_free(s); lede_query_free(q);
 *
 * A lede_search borrows its index (free it before closing the index) and
 * caches the documents' lengths and metadata; it notices documents added
 * to the index since and reads them too.
 */
#ifndef LEDE_QUERY_H
#define LEDE_QUERY_H

#include "lede.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------------- query */

typedef struct lede_query lede_query;

/* Parse a query (docs/query.md). A malformed one gives LEDE_ERR_QUERY with
 * "query: position P: reason", P the 1-based character where the problem
 * is; *error_pos (may be NULL) receives P, or 0 when parsing succeeded. */
int lede_query_parse(const char *text, lede_query **out, size_t *error_pos, lede_error *err);
void lede_query_free(lede_query *q);

/* The parsed query in a canonical, fully bracketed form, e.g.
 * (AND "logistical issues" (NEAR/3 rubio london*)). Caller frees. For
 * tests, docs and `lede search --explain`. */
int lede_query_describe(const lede_query *q, char **out, lede_error *err);

/* ---------------------------------------------------------------- search */

typedef struct lede_search lede_search;

int lede_search_new(lede_index *index, lede_search **out, lede_error *err);
void lede_search_free(lede_search *s);

enum {
    LEDE_ORDER_RANK = 0, /* by BM25 score, best first (ties: document id) */
    LEDE_ORDER_DOC = 1   /* by document id */
};

typedef struct lede_search_opts {
    const char *source;    /* only documents of this source (ASCII case ignored), or NULL */
    const char *date_from; /* only documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD) */
    const char *date_to;   /* … on or before; either may be NULL */
    size_t limit;          /* documents to return (0: all) */
    int order;             /* LEDE_ORDER_RANK or LEDE_ORDER_DOC */
    double k1, b;          /* BM25 parameters; 0 means the usual 1.2 and 0.75 */
} lede_search_opts;

typedef struct lede_search_doc {
    int64_t doc_id;
    double score;            /* BM25 (higher is better; 0 for filter-only queries) */
    size_t first_hit, nhits; /* its hits: result.hits[first_hit .. first_hit + nhits) */
} lede_search_doc;

typedef struct lede_search_result {
    lede_search_doc *docs; /* in the requested order, at most `limit` */
    size_t ndocs;
    size_t total;          /* documents that matched, before the limit */
    lede_hit *hits;        /* the returned documents' matches, by document then position */
    size_t nhits;
} lede_search_result;

/* Run a query. opts may be NULL (rank order, every document). */
int lede_search_run(lede_search *s, const lede_query *q, const lede_search_opts *opts,
                    lede_search_result *out, lede_error *err);
void lede_search_result_free(lede_search_result *r);

/* A document's metadata as the search caches it (strings borrowed from
 * the search, valid until it is freed; any but name may be NULL). */
typedef struct lede_search_docinfo {
    const char *name, *title, *date, *source;
    uint32_t date_key; /* lede_date_key(date) */
    uint64_t nwords;
} lede_search_docinfo;

/* The metadata of document doc_id; LEDE_ERR_NOTFOUND if there is none. */
int lede_search_docinfo_get(lede_search *s, int64_t doc_id, lede_search_docinfo *out, lede_error *err);

/* A date as lede compares them: YYYYMMDD (0 for a missing day or month),
 * read from ISO 8601 (2025-04-23, 2025-04-23T10:00Z, 2025/04/23), Reuters'
 * 26-FEB-1987, "23 April 2025", "April 23, 2025" and RFC 2822 ("Wed, 23
 * Apr 2025 …"). Returns 0 when the text holds no date it understands. */
uint32_t lede_date_key(const char *text);

/* ------------------------------------------------------------------ KWIC */

typedef struct lede_kwic_opts {
    uint32_t context;    /* tokens of context each side (0: the whole sentence; 10 if cross_sentences) */
    int cross_sentences; /* let the context run past the match's sentence */
} lede_kwic_opts;

/* One concordance line. The byte offsets are into the document's text:
 * left context [left, start), the match [start, end), right context
 * [end, right). The same bytes are in kwic.text + text (right - left). */
typedef struct lede_kwic_line {
    int64_t doc_id;
    uint32_t sentence; /* 0-based sentence of the match's first token */
    uint32_t left, start, end, right;
    size_t text;       /* offset of the line's bytes in lede_kwic.text */
} lede_kwic_line;

typedef struct lede_kwic {
    lede_kwic_line *lines;
    size_t n;
    char *text;        /* the lines' bytes, one after the other */
} lede_kwic;

/* Concordance lines for n hits (from lede_search_run or lede_index_term),
 * one per hit, in the same order. opts may be NULL (sentence-bounded, 10
 * tokens each side). */
int lede_search_kwic(lede_search *s, const lede_hit *hits, size_t n, const lede_kwic_opts *opts,
                     lede_kwic *out, lede_error *err);
void lede_kwic_free(lede_kwic *k);

/* ---------------------------------------------------------------- counts */

/* A counted form: a term or n-gram (normalized words joined by one space). */
typedef struct lede_count {
    const char *form; /* NUL-terminated, borrowed from the lede_counts */
    uint64_t count;   /* occurrences */
    uint64_t ndocs;   /* documents it occurs in */
} lede_count;

typedef struct lede_counts {
    lede_count *v;    /* most frequent first (ties: by form, bytewise) */
    size_t n;
    uint64_t total;   /* n-grams (or window positions) counted in all */
    char *arena;      /* owns the forms */
} lede_counts;
void lede_counts_free(lede_counts *c);

/* Frequencies of the n-grams of words (1 <= n <= 8) in the documents
 * docs[0 .. ndocs) (docs NULL: every document). An n-gram never crosses a
 * sentence; punctuation and quote marks inside a sentence are skipped, as
 * in phrase queries. */
int lede_search_ngrams(lede_search *s, const int64_t *docs, size_t ndocs, unsigned n, lede_counts *out,
                       lede_error *err);

/* Collocate counts: the words within `window` words left and right of each
 * hit (the hit's own words excluded), not crossing the hit's sentence
 * unless cross_sentences. A word in the windows of two hits counts twice
 * (as in AntConc). out->total is the number of window positions counted. */
int lede_search_window(lede_search *s, const lede_hit *hits, size_t n, unsigned window,
                       int cross_sentences, lede_counts *out, lede_error *err);

/* Totals of the index (or of one document when doc_id > 0): documents and
 * words (indexed tokens). */
int lede_search_totals(lede_search *s, int64_t doc_id, uint64_t *ndocs, uint64_t *nwords,
                       lede_error *err);

/* Document and collection frequency of a term (normalized first). */
int lede_search_term_freq(lede_search *s, const char *term, uint64_t *df, uint64_t *cf,
                          lede_error *err);

#ifdef __cplusplus
}
#endif

#endif /* LEDE_QUERY_H */
