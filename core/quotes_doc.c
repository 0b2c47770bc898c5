/* quotes_doc.c — the quote-span scanner applied to a document (kept apart
 * from quotes.c so the scanner links without the tokenizer). */
#include "lede.h"
#include "error.h"

#include <string.h>

/* Analyse the document if needed and scan its tokens (see lede_quotes.h). */
int lede_doc_quotes(lede_doc *doc, lede_quote_spans *out, lede_error *err)
{
    if (!out) return lede_fail(err, LEDE_ERR_ARG, "lede_doc_quotes: out is NULL");
    memset(out, 0, sizeof *out);
    if (!doc) return lede_fail(err, LEDE_ERR_ARG, "lede_doc_quotes: doc is NULL");
    int rc = lede_doc_analyze(doc, err);
    if (rc) return rc;
    size_t len;
    const char *text = lede_doc_text(doc, &len);
    return lede_quotes_scan(text, len, lede_doc_tokens(doc), lede_doc_ntokens(doc), out, err);
}
