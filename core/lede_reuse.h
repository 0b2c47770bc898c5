/*
 * lede_reuse.h — the primitives of source comparison: shingles, exact set
 * similarity, MinHash signatures with LSH banding, tf-idf cosine, and
 * passage alignment.
 *
 * Everything here works on sequences of 64-bit term hashes (lede_terms), so
 * it does not depend on the tokenizer: a term is whatever the caller hashed
 * (lede_token.hash, the XXH3 of a normalized form, for documents). The
 * lede_*_doc functions are thin conveniences that take a document's content
 * tokens (WORD, ABBREV, NUMBER, CJK) as its terms and map spans back to
 * token positions and byte offsets. Algorithms, parameters and formulas:
 * docs/reuse.md.
 *
 * Ownership follows lede.h: results returned through a struct pointer are
 * owned by the caller and released with the matching _free function, which
 * accepts a zeroed struct and zeroes what it frees.
 */
#ifndef LEDE_REUSE_H
#define LEDE_REUSE_H

#include "lede.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ terms */

/* A document as a sequence of terms. `pos[i]` is the token index of term i
 * in its document (so spans can be mapped back to tokens); pos NULL means
 * term i is token i. `cls[i]` (optional, NULL: none) is the term's class,
 * a LEDE_TERM_* value: alignment pairs a changed term with one of the same
 * non-zero class when it has the choice. Borrowed by every function that
 * takes it. */
typedef struct lede_terms {
    const uint64_t *hash;
    const uint32_t *pos;
    size_t n;
    const uint8_t *cls;
} lede_terms;

enum {
    LEDE_TERM_OTHER = 0,  /* no class */
    LEDE_TERM_NUMBER = 1, /* a number, or a word with a digit (30-day) */
    LEDE_TERM_NAME = 2    /* a capitalized word or abbreviation not opening a sentence or quotation */
};

/* The content tokens of doc (kinds WORD, ABBREV, NUMBER, CJK) as terms,
 * with their token positions and classes. Analyzes the document if needed.
 * The arrays are malloc'd: release with lede_terms_free (which is only for
 * terms made here; terms over the caller's own arrays are the caller's). */
int lede_terms_from_doc(lede_doc *doc, lede_terms *out, lede_error *err);
void lede_terms_free(lede_terms *terms);

/* --------------------------------------------------------------- shingles */

/* Default shingle length (word 5-grams, the usual choice for reuse between
 * news articles: long enough that chance matches are rare). */
#define LEDE_SHINGLE_N 5

/* The longest n-gram (longer ones make no sense for text reuse). */
#define LEDE_NGRAM_MAX 64

/* The hash of the n-gram terms[0..n), 1 <= n <= LEDE_NGRAM_MAX (larger n is
 * cut to it): XXH3 of the n term hashes written as little-endian bytes, so
 * it is the same on every machine. */
uint64_t lede_ngram_hash(const uint64_t *terms, unsigned n);

typedef struct lede_shingle {
    uint64_t hash;  /* lede_ngram_hash of the n terms */
    uint32_t first; /* index of its first term in the lede_terms */
    uint32_t pos;   /* token position of its first term (terms->pos[first]) */
} lede_shingle;

/* Every shingle of a document in text order, repeats included. */
typedef struct lede_shingles {
    lede_shingle *v;
    size_t n;
    unsigned ngram; /* n */
} lede_shingles;

/* Shingles of n consecutive terms (1 <= n <= LEDE_NGRAM_MAX). A sequence shorter than n has
 * none. */
int lede_shingles_make(const lede_terms *terms, unsigned n, lede_shingles *out, lede_error *err);
void lede_shingles_free(lede_shingles *s);

/* A distinct shingle set: hashes sorted ascending, no repeats, so two sets
 * are compared (and many merged) in one linear pass. */
typedef struct lede_shingle_set {
    uint64_t *v;
    size_t n;
} lede_shingle_set;

int lede_shingle_set_make(const lede_terms *terms, unsigned n, lede_shingle_set *out, lede_error *err);
/* The distinct hashes of already-made shingles. */
int lede_shingle_set_from(const lede_shingles *s, lede_shingle_set *out, lede_error *err);
void lede_shingle_set_free(lede_shingle_set *set);

/* Overlap of two distinct sets A and B, computed exactly in one merge. */
typedef struct lede_overlap {
    size_t na, nb;   /* |A|, |B| */
    size_t shared;   /* |A ∩ B| */
    double jaccard;  /* |A ∩ B| / |A ∪ B|; 0 when both are empty */
    double a_in_b;   /* containment of A in B: |A ∩ B| / |A|; 0 when A is empty */
    double b_in_a;   /* containment of B in A: |A ∩ B| / |B|; 0 when B is empty */
} lede_overlap;

void lede_shingle_set_overlap(const lede_shingle_set *a, const lede_shingle_set *b, lede_overlap *out);

/* A pair of sets with their overlap (a < b, overlap of a against b). */
typedef struct lede_overlap_pair {
    uint32_t a, b;
    lede_overlap overlap;
} lede_overlap_pair;

typedef struct lede_overlap_pairs {
    lede_overlap_pair *v; /* sorted by a, then b */
    size_t n;
} lede_overlap_pairs;

/* Every pair of sets[0..n) in which one set is contained in the other at
 * least to min_containment (0 < min_containment <= 1): max(a_in_b, b_in_a)
 * >= min_containment, exactly, without comparing all pairs (prefix
 * filtering over an inverted index, see docs/reuse.md). Pairs with Jaccard
 * >= t are among those with containment >= t. */
int lede_shingle_set_pairs(const lede_shingle_set *sets, size_t n, double min_containment, lede_overlap_pairs *out,
                           lede_error *err);
void lede_overlap_pairs_free(lede_overlap_pairs *p);

/* Convenience: the distinct shingle set of a document's content terms. */
int lede_shingle_set_doc(lede_doc *doc, unsigned n, lede_shingle_set *out, lede_error *err);

/* ---------------------------------------------------------------- MinHash */

/* MinHash and LSH parameters. k = bands * rows hash functions; the seed
 * makes them: the same parameters give the same signatures on every run and
 * machine. Two sets with Jaccard s become an LSH candidate pair with
 * probability 1 - (1 - s^rows)^bands. */
typedef struct lede_minhash_params {
    unsigned bands; /* b (default 32) */
    unsigned rows;  /* r (default 4) */
    uint64_t seed;  /* default 0x6c656465 ("lede") */
} lede_minhash_params;

#define LEDE_MINHASH_BANDS 32
#define LEDE_MINHASH_ROWS 4
#define LEDE_MINHASH_SEED UINT64_C(0x6c656465)

/* Fill p with the defaults above. */
void lede_minhash_params_default(lede_minhash_params *p);

/* The MinHash signature of a set: sig[i] = min over x in the set of h_i(x),
 * for the k = bands*rows functions of p (each value 32 bits). sig must hold
 * k values. An empty set gives all UINT32_MAX. */
int lede_minhash(const lede_minhash_params *p, const uint64_t *set, size_t n, uint32_t *sig,
                 lede_error *err);

/* Estimated Jaccard of two sets: the share of equal positions in their
 * k-value signatures. */
double lede_minhash_estimate(const uint32_t *sig_a, const uint32_t *sig_b, size_t k);

/* 1 - (1 - s^rows)^bands: the chance that two sets with Jaccard s share at
 * least one band. */
double lede_lsh_probability(double s, unsigned bands, unsigned rows);

/* An LSH index: keeps b 64-bit band keys per document (8*b bytes; 256 for
 * the defaults) and nothing else. */
typedef struct lede_lsh lede_lsh;

typedef struct lede_candidate {
    uint32_t a, b;  /* document numbers (order of lede_lsh_add), a < b */
    uint32_t bands; /* how many bands the two share (1..b) */
} lede_candidate;

typedef struct lede_candidates {
    lede_candidate *v; /* sorted by a, then b */
    size_t n;
} lede_candidates;

int lede_lsh_new(const lede_minhash_params *p, lede_lsh **out, lede_error *err);
void lede_lsh_free(lede_lsh *lsh);
/* Add a document by its signature (k values); documents are numbered 0, 1, …
 * in the order added. A signature of an empty set (all UINT32_MAX) is kept
 * but never paired. */
int lede_lsh_add(lede_lsh *lsh, const uint32_t *sig, lede_error *err);
size_t lede_lsh_count(const lede_lsh *lsh);
/* Make room for ndocs documents in all (optional): the keys are then one
 * exact allocation instead of a doubling array. */
int lede_lsh_reserve(lede_lsh *lsh, size_t ndocs, lede_error *err);
/* Every pair of documents that share at least one band, each pair once.
 * max_bucket > 0 skips buckets holding more documents (mass duplicates
 * would otherwise give max_bucket^2/2 pairs); 0 keeps all. */
int lede_lsh_candidates(lede_lsh *lsh, size_t max_bucket, lede_candidates *out, lede_error *err);
void lede_candidates_free(lede_candidates *c);

/* -------------------------------------------------- document frequencies */

/* How many documents of a collection contain an n-gram (by its hash), for
 * choosing rare anchors. */
typedef uint32_t (*lede_df_fn)(void *ud, uint64_t ngram_hash);

/* A document-frequency table: hashes sorted ascending with their counts. */
typedef struct lede_df_table {
    uint64_t *hash;
    uint32_t *df;
    size_t n;
    size_t ndocs; /* documents counted */
} lede_df_table;

/* Count, for every hash, the number of sets that contain it. */
int lede_df_table_build(const lede_shingle_set *sets, size_t nsets, lede_df_table *out, lede_error *err);
/* The count of a hash (0 if absent); ud is a const lede_df_table *, so this
 * can be passed as lede_align_options.df. */
uint32_t lede_df_table_lookup(void *ud, uint64_t hash);
void lede_df_table_free(lede_df_table *t);

/* ---------------------------------------------------------------- tf-idf */

/* A document's tf-idf vector: its distinct words (as 1-gram shingle
 * hashes, lede_ngram_hash(&term, 1)) ascending with their weights, scaled
 * to unit length. */
typedef struct lede_tfidf {
    uint64_t *hash;
    double *weight;
    size_t n;
} lede_tfidf;

/* The tf-idf vector of a document's terms, as scikit-learn's
 * TfidfVectorizer makes it: weight = count * (ln((1 + N) / (1 + df)) + 1),
 * then l2-normalized; N and df come from `df` (a table of the collection's
 * word sets, lede_shingle_set_make with n = 1). A term absent from the
 * table counts as df 0; df NULL gives plain normalized counts. */
int lede_tfidf_make(const lede_terms *terms, const lede_df_table *df, lede_tfidf *out, lede_error *err);
/* Cosine of two tf-idf vectors (their dot product, as both have unit
 * length); 0 if either is empty. */
double lede_tfidf_cosine(const lede_tfidf *a, const lede_tfidf *b);
void lede_tfidf_free(lede_tfidf *v);

typedef struct lede_scored_pair {
    uint32_t a, b; /* vector numbers, a < b */
    double score;
} lede_scored_pair;

typedef struct lede_scored_pairs {
    lede_scored_pair *v; /* sorted by a, then b */
    size_t n;
} lede_scored_pairs;

/* Every pair of vecs[0..n) with cosine >= threshold (0 < threshold <= 1),
 * exactly: the pairs a full similarity matrix would give, found without
 * computing it (prefix filtering, see docs/reuse.md). */
int lede_tfidf_pairs(const lede_tfidf *vecs, size_t n, double threshold, lede_scored_pairs *out,
                     lede_error *err);
void lede_scored_pairs_free(lede_scored_pairs *p);

/* -------------------------------------------------------------- alignment */

typedef struct lede_align_options {
    unsigned anchor_n;    /* n-gram length of anchors (default 3) */
    unsigned max_gap;     /* most unaligned terms bridged in either document between two
                             anchors, and the reach of edge extension (default 40) */
    unsigned min_passage; /* least equal terms in a reported passage (default 8) */
    unsigned max_repeat;  /* an anchor n-gram may occur at most this often in each
                             document (default 1: unique in both) */
    lede_df_fn df;        /* optional: document frequency of an n-gram hash */
    void *df_ud;          /* its first argument */
    uint32_t max_df;      /* with df: anchors only from n-grams with df <= max_df
                             (default 0: df is not consulted) */
} lede_align_options;

#define LEDE_ALIGN_ANCHOR_N 3
#define LEDE_ALIGN_MAX_GAP 40
#define LEDE_ALIGN_MIN_PASSAGE 8
#define LEDE_ALIGN_MAX_REPEAT 1

void lede_align_options_default(lede_align_options *o);

/* A span of a passage or edit in one document. start/end are term indices
 * (end exclusive); tok_start/tok_end the same span in token positions; the
 * byte span is filled by lede_align_docs only (0 otherwise). An empty span
 * (insertion point) sits just after the term before it. */
typedef struct lede_span {
    uint32_t start, end;
    uint32_t tok_start, tok_end;
    uint32_t byte_start, byte_end;
} lede_span;

/* One run of the token-level edit script from document A to document B. */
typedef enum lede_edit_kind {
    LEDE_EDIT_EQUAL = 0,  /* the same terms in both */
    LEDE_EDIT_SUBSTITUTE, /* as many terms of A replaced by other terms in B */
    LEDE_EDIT_INSERT,     /* terms only in B (a is empty) */
    LEDE_EDIT_DELETE      /* terms only in A (b is empty) */
} lede_edit_kind;

typedef struct lede_edit {
    int kind; /* lede_edit_kind */
    lede_span a, b;
} lede_edit;

typedef struct lede_passage {
    lede_span a, b;
    double score; /* 2*equal / (a terms + b terms): 1 for a verbatim copy */
    uint32_t nequal, nsubstitute, ninsert, ndelete; /* terms in each kind of run */
    size_t first_edit, nedits; /* its runs in lede_alignment.edits, in text order */
} lede_passage;

typedef struct lede_alignment {
    lede_passage *passages; /* every passage found, sorted by a.start then b.start */
    size_t npassages;
    lede_edit *edits;
    size_t nedits;
} lede_alignment;

/* Align two term sequences: every passage of A reused in B. opts may be NULL
 * (defaults). */
int lede_align(const lede_terms *a, const lede_terms *b, const lede_align_options *opts,
               lede_alignment *out, lede_error *err);
/* The same on two documents' content terms, with byte spans filled. */
int lede_align_docs(lede_doc *a, lede_doc *b, const lede_align_options *opts, lede_alignment *out,
                    lede_error *err);
void lede_alignment_free(lede_alignment *al);

/* The name of an edit kind: "equal", "substitute", "insert", "delete". */
const char *lede_edit_kind_name(int kind);

#ifdef __cplusplus
}
#endif
#endif /* LEDE_REUSE_H */
