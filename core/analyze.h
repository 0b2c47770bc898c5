/* analyze.h — internal contract between documents, the tokenizer and the
 * segmenter. Both work on a text buffer and know nothing of documents. */
#ifndef LEDE_ANALYZE_H
#define LEDE_ANALYZE_H

#include "lede.h"

/* The version of what lede_tokenize and lede_segment produce. Indexes store
 * it and warn when it differs, since their token tables and postings were
 * made by another tokenizer: bump it whenever tokens, their normalized
 * forms, kinds, or sentence and paragraph boundaries change. */
#define LEDE_TOKENIZER_VERSION "2"

/* Growable token array plus the arena holding the tokens' normalized forms
 * (each NUL-terminated; lede_token.norm is an offset into `norms`). */
typedef struct lede_token_buf {
    lede_token *v;
    size_t n, cap;
    char *norms;
    size_t norms_len, norms_cap;
} lede_token_buf;

/* Tokenize text[0, len) (valid UTF-8) into *out, which must be zeroed or
 * previously freed. Fills start, end, norm, norm_len, hash, kind, quote and
 * flags; sentence and paragraph are left 0 for lede_segment. */
int lede_tokenize(const char *text, size_t len, lede_token_buf *out, lede_error *err);
void lede_token_buf_free(lede_token_buf *buf);

typedef struct lede_segments {
    lede_sentence *sentences;
    size_t nsentences;
    lede_paragraph *paragraphs;
    size_t nparagraphs;
} lede_segments;

/* Split the tokenized text into paragraphs and sentences, and write each
 * token's sentence and paragraph index. *out must be zeroed. */
int lede_segment(const char *text, size_t len, lede_token *tokens, size_t ntokens,
                 lede_segments *out, lede_error *err);
void lede_segments_free(lede_segments *segs);

#endif
