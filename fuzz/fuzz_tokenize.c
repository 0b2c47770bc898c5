/* fuzz_tokenize.c — libFuzzer target for the tokenizer (lede_tokenize,
 * core/tokenize.c, with the normalized forms of core/normalize.c).
 *
 * The tokenizer's contract is valid UTF-8, so invalid input is first made
 * valid by lede_utf8_repair (which does not normalize: the tokenizer also
 * sees text that is not in NFC, as lede_doc_new never gives it but a future
 * caller might). Checks: fuzz_check_tokens (order, no overlap, inside the
 * text, on character boundaries, nothing but space between tokens, kinds,
 * valid non-empty NUL-terminated norms and their hashes), and that
 * tokenizing twice gives the same tokens. */
#include "fuzz_check.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_error err = {0};
    char *fixed;
    size_t len;
    const char *text = fuzz_utf8_text(data, size, &len, &fixed);

    lede_token_buf buf;
    int rc = lede_tokenize(text, len, &buf, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_tokenize failed: %s", err.message);
    fuzz_check_tokens(text, len, &buf);
    if (buf.n) FUZZ_CHECK(buf.v[0].flags & LEDE_TF_SPACE_BEFORE, "the first token lacks SPACE_BEFORE");

    lede_token_buf again;
    rc = lede_tokenize(text, len, &again, &err);
    FUZZ_CHECK(rc == LEDE_OK && again.n == buf.n, "second tokenization differs in count");
    for (size_t i = 0; i < buf.n; i++)
        FUZZ_CHECK(memcmp(&again.v[i], &buf.v[i], sizeof buf.v[i]) == 0, "second tokenization differs at token %zu", i);
    lede_token_buf_free(&again);
    lede_token_buf_free(&buf);
    free(fixed);
    return 0;
}
