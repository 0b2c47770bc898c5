/* fuzz_load_stream.c — libFuzzer target for the stream and file loaders:
 * lede_corpus_add_stream over fmemopen and lede_corpus_add_path over a
 * temporary file (core/corpus.c, core/jsonl.c, core/read.c), as JSON Lines,
 * text, or by guess (LEDE_FORMAT_AUTO).
 *
 * The first input byte chooses how the rest is loaded:
 *   bits 0-1  format: 0 auto, 1 text, 2 JSON Lines, 3 auto
 *   bit 2     through a file (lede_corpus_add_path) instead of a stream
 *   bit 3     the file is named .jsonl rather than .txt (auto format)
 *   bits 4-5  max_doc_bytes: default, 8, 64, 1024 (to reach the limits)
 *   bit 6     JSON Lines fields "body|text" and "headline|title"
 * Checks: each call succeeds or fails with a code and a non-empty message;
 * a failure leaves the corpus's documents and warnings as they were; every
 * added document passes fuzz_check_doc and is named; every warning has a
 * name and a message; text input is stored as lede_text_repair makes it,
 * and JSON Lines give at most one document per line. */
#include "fuzz_check.h"
#include "text.h"

#include <unistd.h>

/* A private directory for the file mode, removed at exit. */
static char tmp_dir[64];
static char tmp_path[96];

static void remove_tmp(void)
{
    if (tmp_path[0]) unlink(tmp_path);
    if (tmp_dir[0]) rmdir(tmp_dir);
}

/* Write data to the temporary file named with suffix; its path. */
static const char *write_tmp(const uint8_t *data, size_t size, const char *suffix)
{
    if (!tmp_dir[0]) {
        snprintf(tmp_dir, sizeof tmp_dir, "/tmp/lede-fuzz-XXXXXX");
        if (!mkdtemp(tmp_dir)) abort();
        atexit(remove_tmp);
    }
    if (tmp_path[0]) unlink(tmp_path);
    snprintf(tmp_path, sizeof tmp_path, "%s/input%s", tmp_dir, suffix);
    FILE *f = fopen(tmp_path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    fclose(f);
    return tmp_path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    unsigned mode = data[0];
    data++;
    size--;
    static const size_t limits[4] = {0, 8, 64, 1024};
    lede_load_options opts = {0};
    opts.format = (mode & 3) == 3 ? LEDE_FORMAT_AUTO : (lede_format)(mode & 3);
    opts.max_doc_bytes = limits[(mode >> 4) & 3];
    if (mode & 64) {
        opts.text_field = "body|text";
        opts.title_field = "headline|title";
    }

    lede_error err = {0};
    lede_corpus *corpus = NULL;
    if (lede_corpus_new(&corpus, &err)) abort();
    if (lede_corpus_add_text(corpus, "Already here.", 13, NULL, &err)) abort();
    size_t ndocs = lede_corpus_count(corpus), nwarn = lede_corpus_nwarnings(corpus);

    int rc;
    const char *name;
    if (mode & 4) {
        name = write_tmp(data, size, (mode & 8) ? ".jsonl" : ".txt");
        rc = lede_corpus_add_path(corpus, name, &opts, &err);
    } else {
        name = "<fuzz>";
        /* fmemopen refuses a zero size: an empty stream is /dev/null's. */
        FILE *f = size ? fmemopen((void *)data, size, "rb") : fopen("/dev/null", "rb");
        if (!f) abort();
        rc = lede_corpus_add_stream(corpus, f, name, &opts, &err);
        fclose(f);
    }

    if (rc) {
        fuzz_check_error(rc, &err, "loading");
        FUZZ_CHECK(rc == LEDE_ERR_FORMAT || rc == LEDE_ERR_LIMIT, "loading failed with %s: %s", lede_status_name(rc),
                   err.message);
        FUZZ_CHECK(lede_corpus_count(corpus) == ndocs && lede_corpus_nwarnings(corpus) == nwarn,
                   "failed load changed the corpus: %zu docs, %zu warnings (%s)", lede_corpus_count(corpus),
                   lede_corpus_nwarnings(corpus), err.message);
    } else {
        for (size_t i = ndocs; i < lede_corpus_count(corpus); i++) {
            lede_doc *d = lede_corpus_doc(corpus, i);
            FUZZ_CHECK(strncmp(lede_doc_meta(d)->name, name, strlen(name)) == 0, "document %zu named \"%s\"", i,
                       lede_doc_meta(d)->name);
            size_t len;
            lede_doc_text(d, &len);
            FUZZ_CHECK(len > 0, "document %zu is empty", i);
            fuzz_check_doc(d);
        }
        size_t added = lede_corpus_count(corpus) - ndocs;
        if ((mode & 3) == 1) {
            FUZZ_CHECK(added <= 1, "text input gave %zu documents", added);
            /* Text stores exactly what lede_text_repair makes of the input. */
            char *want = NULL;
            size_t want_len = 0;
            lede_error e2 = {0};
            int rc2 = lede_text_repair((const char *)data, size, "x", &want, &want_len, NULL, NULL, &e2);
            FUZZ_CHECK(rc2 == LEDE_OK, "text loaded but lede_text_repair refuses it: %s", e2.message);
            size_t got_len = 0;
            const char *got = added ? lede_doc_text(lede_corpus_doc(corpus, ndocs), &got_len) : "";
            FUZZ_CHECK(got_len == want_len && memcmp(got, want ? want : "", want_len) == 0,
                       "stored text differs from lede_text_repair's");
            free(want);
        } else {
            size_t lines = 0;
            for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
            FUZZ_CHECK(added <= lines + 1, "%zu documents from %zu lines", added, lines + 1);
        }
        const lede_warning *w = lede_corpus_warnings(corpus);
        for (size_t i = nwarn; i < lede_corpus_nwarnings(corpus); i++)
            FUZZ_CHECK(w[i].name && w[i].name[0] && w[i].message && w[i].message[0], "warning %zu incomplete", i);
    }
    lede_corpus_free(corpus);
    return 0;
}
