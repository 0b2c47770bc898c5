/*
 * lede_quotes.h — the quote-span scanner: where the quotations of a
 * tokenized document begin and end.
 *
 * The scanner pairs the document's QUOTE tokens into spans of quoted text.
 * It finds spans, not speakers: attribution is the `quotes` script's job.
 * It runs in time linear in the number of tokens and never fails on odd
 * input (unbalanced, nested, mismatched or adversarial marks); it only fails
 * on an allocation failure or on a token array that does not fit the text.
 *
 * The rules are set out in docs/quotes.md. In short:
 *   - Marks pair inside one paragraph. A quote left open at the end of a
 *     paragraph runs to the paragraph's end (LEDE_QSF_UNCLOSED); when the
 *     next paragraph opens with a mark of the same kind, its span carries
 *     LEDE_QSF_CONTINUES (the news convention for a quote running over
 *     several paragraphs) and the open one LEDE_QSF_CONTINUED.
 *   - Double marks (“ ” " „ ‟ and '' two apostrophes), single marks (‘ ’ ' ‚ ‛),
 *     guillemets (« » ‹ ›) and corner brackets (「 」 『 』) are told apart by
 *     kind; a closing mark of another glyph of the same kind closes the quote
 *     and sets LEDE_QSF_MISMATCHED (“…side." or „…“ is fine, the latter is
 *     the German convention and is not flagged).
 *   - Apostrophes are not quotes: inside words (Russia’s), after a plural
 *     (Witkoffs’ plans), before a year (’90s), in an elision (’em, rock ’n’
 *     roll) or before a lone s (Trump ’s plan).
 *   - Each mark's neighbouring characters decide whether it opens or
 *     closes; the token's lede_quote_class decides only where they do not.
 */
#ifndef LEDE_QUOTES_H
#define LEDE_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The marks a quote was written with (those of its opening mark, or of its
 * closing mark when it has none). */
typedef enum lede_quote_style {
    LEDE_QSTYLE_DOUBLE = 1,  /* “…”  "…"  „…“  „…” */
    LEDE_QSTYLE_SINGLE,      /* ‘…’  '…'  ‚…‘ */
    LEDE_QSTYLE_GUILLEMET,   /* «…»  »…«  ‹…› */
    LEDE_QSTYLE_APOSTROPHES, /* ''…'' (two apostrophes for a double mark) and ``…'' */
    LEDE_QSTYLE_CORNER       /* 「…」  『…』 */
} lede_quote_style;

/* Quote span flags (lede_quote_span.flags). */
enum {
    LEDE_QSF_UNCLOSED = 1 << 0,   /* no closing mark: the span runs to the end of its paragraph,
                                     or to the closing mark of the quote around it */
    LEDE_QSF_CONTINUES = 1 << 1,  /* opens its paragraph and carries on a quote the previous
                                     paragraph left open (or reopens one at a sentence start
                                     where the paragraph break was lost: `…myself. "I have…`) */
    LEDE_QSF_CONTINUED = 1 << 2,  /* left open and carried on by the next such span */
    LEDE_QSF_MISMATCHED = 1 << 3, /* closed by a mark of another glyph (“…") */
    LEDE_QSF_NO_OPENER = 1 << 4   /* a closing mark with no opening mark: the span runs from
                                     the start of its paragraph (or of its sentence) */
};

/* "No such token" for lede_quote_span.open_token and close_token. */
#define LEDE_QUOTE_NO_TOKEN UINT32_MAX

/* One quotation. */
typedef struct lede_quote_span {
    uint32_t start, end;   /* byte span of the quoted text: marks excluded, white space trimmed */
    uint32_t open_token;   /* index of the opening mark's token, or LEDE_QUOTE_NO_TOKEN */
    uint32_t close_token;  /* index of the closing mark's token, or LEDE_QUOTE_NO_TOKEN */
    uint32_t paragraph;    /* index of the paragraph the quote is in */
    uint16_t depth;        /* 0 for a top-level quote, 1 for a quote inside it, … */
    uint8_t style;         /* lede_quote_style */
    uint8_t flags;         /* LEDE_QSF_* */
} lede_quote_span;

/* The scanner's result: spans in document order (by opening position; a
 * quote comes before the quotes nested in it). Free with lede_quote_spans_free. */
typedef struct lede_quote_spans {
    lede_quote_span *v;
    size_t n;
} lede_quote_spans;

struct lede_token;
struct lede_error;
struct lede_doc;

/* Scan the tokens of text[0, len) for quotations. tokens must come from the
 * tokenizer (or be built the same way): in text order, not overlapping,
 * each inside the text, with paragraph indices that never decrease. Only
 * QUOTE tokens are looked at; a QUOTE token may hold several marks (''').
 * *out must be zeroed or freed; on failure it is left empty and the status
 * (LEDE_ERR_NOMEM, or LEDE_ERR_ARG for tokens that do not fit the text) is
 * returned with a message in err. */
int lede_quotes_scan(const char *text, size_t len, const struct lede_token *tokens, size_t ntokens,
                     lede_quote_spans *out, struct lede_error *err);

/* lede_quotes_scan over a document's stored text and tokens (analysing the
 * document first if needed). */
int lede_doc_quotes(struct lede_doc *doc, lede_quote_spans *out, struct lede_error *err);

/* Free out->v and zero *out; accepts NULL. */
void lede_quote_spans_free(lede_quote_spans *spans);

/* The style's name ("double", "single", "guillemet", "apostrophes", "corner"), "?" if unknown. */
const char *lede_quote_style_name(int style);

#ifdef __cplusplus
}
#endif
#endif /* LEDE_QUOTES_H */
