/* fuzz_segment.c — libFuzzer target for the sentence and paragraph
 * segmenter (lede_segment, core/segment.c) on tokenizer output.
 *
 * Input is made valid UTF-8 by lede_utf8_repair, tokenized, then
 * segmented. Checks fuzz_check_segments: sentences partition the tokens in
 * order and paragraphs partition the sentences, every token's sentence and
 * paragraph index is the one that holds it, every span runs from its
 * first token's start to its last token's end, paragraphs start only after
 * a line break and always after a blank line. A second pass through the
 * whole document path (lede_doc_new, which also normalizes to NFC) checks
 * the same on stored text. */
#include "fuzz_check.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_error err = {0};
    char *fixed;
    size_t len;
    const char *text = fuzz_utf8_text(data, size, &len, &fixed);

    lede_token_buf buf;
    lede_segments segs = {0};
    fuzz_analyze(text, len, &buf, &segs);
    fuzz_check_segments(text, len, buf.v, buf.n, &segs);
    lede_segments_free(&segs);
    lede_token_buf_free(&buf);

    lede_doc *doc = NULL;
    int rc = lede_doc_new(text, len, NULL, &doc, &err);
    if (rc == LEDE_OK) fuzz_check_doc(doc);
    else fuzz_check_error(rc, &err, "lede_doc_new");
    lede_doc_free(doc);
    free(fixed);
    return 0;
}
