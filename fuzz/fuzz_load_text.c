/* fuzz_load_text.c — libFuzzer target for adding a text from memory:
 * lede_corpus_add_text (core/corpus.c) and lede_doc_new (core/doc.c).
 *
 * Checks: the call either succeeds, adding one document (or, for text
 * that is empty after repair, none and a warning), or fails with a code and
 * a non-empty message leaving the corpus's documents and warnings as they
 * were; an added document passes fuzz_check_doc (valid NFC UTF-8, token and
 * segment invariants); lede_doc_new agrees with the corpus on success and
 * on the stored text. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lede_error err = {0};
    lede_corpus *corpus = NULL;
    if (lede_corpus_new(&corpus, &err)) abort();
    /* A document already there, which a failed add must not disturb. */
    if (lede_corpus_add_text(corpus, "Already here.", 13, NULL, &err)) abort();
    size_t ndocs = lede_corpus_count(corpus), nwarn = lede_corpus_nwarnings(corpus);

    lede_meta meta = {.name = "fuzz.txt", .title = "Title", .source = "Outlet"};
    int rc = lede_corpus_add_text(corpus, (const char *)data, size, &meta, &err);
    lede_doc *doc = NULL;
    lede_error err2 = {0};
    int rc2 = lede_doc_new((const char *)data, size, &meta, &doc, &err2);
    FUZZ_CHECK(rc == rc2, "lede_corpus_add_text gave %d, lede_doc_new %d", rc, rc2);
    if (rc) {
        fuzz_check_error(rc, &err, "lede_corpus_add_text");
        fuzz_check_error(rc2, &err2, "lede_doc_new");
        FUZZ_CHECK(lede_corpus_count(corpus) == ndocs && lede_corpus_nwarnings(corpus) == nwarn,
                   "failed add changed the corpus: %zu docs, %zu warnings", lede_corpus_count(corpus),
                   lede_corpus_nwarnings(corpus));
    } else {
        size_t added = lede_corpus_count(corpus) - ndocs;
        FUZZ_CHECK(added <= 1, "one text added %zu documents", added);
        size_t dlen;
        const char *dtext = lede_doc_text(doc, &dlen);
        if (added == 1) {
            lede_doc *d = lede_corpus_doc(corpus, ndocs);
            fuzz_check_doc(d);
            size_t clen;
            const char *ctext = lede_doc_text(d, &clen);
            FUZZ_CHECK(clen == dlen && memcmp(ctext, dtext, clen) == 0, "corpus and lede_doc_new store different text");
            FUZZ_CHECK(strcmp(lede_doc_meta(d)->name, "fuzz.txt") == 0 && strcmp(lede_doc_meta(d)->title, "Title") == 0,
                       "metadata not kept");
        } else {
            FUZZ_CHECK(dlen == 0, "corpus skipped a text that lede_doc_new stores as %zu bytes", dlen);
            FUZZ_CHECK(lede_corpus_nwarnings(corpus) > nwarn, "empty text skipped without a warning");
        }
        const lede_warning *w = lede_corpus_warnings(corpus);
        for (size_t i = nwarn; i < lede_corpus_nwarnings(corpus); i++) {
            FUZZ_CHECK(w[i].name && strcmp(w[i].name, "fuzz.txt") == 0, "warning %zu names another document", i);
            FUZZ_CHECK(w[i].message && w[i].message[0], "warning %zu has no message", i);
            FUZZ_CHECK(w[i].offset <= size, "warning %zu at offset %llu of %zu bytes", i,
                       (unsigned long long)w[i].offset, size);
        }
        fuzz_check_doc(doc);
    }
    lede_doc_free(doc);
    lede_corpus_free(corpus);
    return 0;
}
