/* fuzz_normalize.c — libFuzzer target for lede_normalize (core/normalize.c),
 * the normalization of query strings, which reach it as the user typed
 * them: any bytes.
 *
 * Checks: valid UTF-8 input always succeeds and gives valid UTF-8 in NFC,
 * NUL-terminated at the reported length, and normalizing it again changes
 * nothing; invalid input fails with
 * LEDE_ERR_ARG and a message; and, as lede_normalize promises, for every
 * word-like token (WORD, ABBREV, NUMBER, CJK) of the input the normalized
 * form of the token's text equals the token's norm, so a query typed as
 * the text appears finds it in the index. */
#include "fuzz_check.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    lede_error err = {0};
    char *out = NULL;
    size_t out_len = 0;
    int rc = lede_normalize(raw, size, &out, &out_len, &err);
    int valid = fuzz_utf8_valid(raw, size);
    if (rc) {
        fuzz_check_error(rc, &err, "lede_normalize");
        FUZZ_CHECK(!valid, "lede_normalize refused valid UTF-8: %s", err.message);
        FUZZ_CHECK(rc == LEDE_ERR_ARG, "invalid input gave %s, not LEDE_ERR_ARG", lede_status_name(rc));
        FUZZ_CHECK(out == NULL, "failed normalization left output");
        return 0;
    }
    FUZZ_CHECK(out && out[out_len] == '\0', "output not NUL-terminated");
    FUZZ_CHECK(fuzz_utf8_valid(out, out_len), "output is not valid UTF-8");
    FUZZ_CHECK(fuzz_is_nfc(out, out_len), "output is not in NFC");
    /* Idempotent: a normalized query normalizes to itself. */
    char *again = NULL;
    size_t again_len = 0;
    rc = lede_normalize(out, out_len, &again, &again_len, &err);
    FUZZ_CHECK(rc == LEDE_OK, "normalizing the output failed: %s", err.message);
    FUZZ_CHECK(again_len == out_len && memcmp(again, out, out_len) == 0, "normalizing twice changed \"%s\" to \"%s\"",
               out, again);
    free(again);
    free(out);
    if (!valid) return 0;

    lede_token_buf buf;
    rc = lede_tokenize(raw, size, &buf, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_tokenize failed: %s", err.message);
    for (size_t i = 0; i < buf.n; i++) {
        const lede_token *t = &buf.v[i];
        if (t->kind != LEDE_TOKEN_WORD && t->kind != LEDE_TOKEN_ABBREV && t->kind != LEDE_TOKEN_NUMBER &&
            t->kind != LEDE_TOKEN_CJK)
            continue;
        char *q = NULL;
        size_t qlen = 0;
        rc = lede_normalize(raw + t->start, t->end - t->start, &q, &qlen, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_normalize failed on token %zu: %s", i, err.message);
        const char *norm = buf.norms + t->norm;
        FUZZ_CHECK(qlen == t->norm_len && memcmp(q, norm, qlen) == 0,
                   "token %zu [%u, %u) kind %u: norm \"%s\" but lede_normalize gives \"%s\"", i, t->start, t->end,
                   t->kind, norm, q);
        free(q);
    }
    lede_token_buf_free(&buf);
    return 0;
}
