/* test_load.c — the corpus API: loading files, directory trees, JSON Lines
 * and streams, the repairs and warnings, every error message, and that a
 * failed add leaves the corpus as it was. Fixtures: tests/data/load/. */
#include "lede.h"
#include "load_check.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA "tests/data/load/"

static lede_corpus *new_corpus(void)
{
    lede_corpus *c = NULL;
    lede_error err;
    if (lede_corpus_new(&c, &err) != LEDE_OK) {
        fprintf(stderr, "lede_corpus_new: %s\n", err.message);
        exit(1);
    }
    return c;
}

/* Add path expecting success. */
static void add_ok(lede_corpus *c, const char *path, const lede_load_options *opts, int line)
{
    lede_error err = {0};
    int rc = lede_corpus_add_path(c, path, opts, &err);
    if (rc != LEDE_OK) {
        fprintf(stderr, "%s:%d: adding %s failed: %s\n", __FILE__, line, path, err.message);
        check_failures++;
    }
}
#define ADD_OK(c, path, opts) add_ok(c, path, opts, __LINE__)

/* Add path expecting failure with code and exactly message, and no change
 * to the corpus. */
#define ADD_FAILS(c, path, opts, want_code, want_message)                 \
    do {                                                                 \
        size_t n_ = lede_corpus_count(c), w_ = lede_corpus_nwarnings(c); \
        lede_error err_ = {0};                                           \
        CHECK_INT(lede_corpus_add_path(c, path, opts, &err_), want_code); \
        CHECK_INT(err_.code, want_code);                                 \
        CHECK_STR(err_.message, want_message);                           \
        CHECK_INT(lede_corpus_count(c), n_);                             \
        CHECK_INT(lede_corpus_nwarnings(c), w_);                         \
    } while (0)

static const char *doc_text(lede_corpus *c, size_t i, size_t *len)
{
    return lede_doc_text(lede_corpus_doc(c, i), len);
}

static const char *doc_name(lede_corpus *c, size_t i)
{
    return lede_doc_meta(lede_corpus_doc(c, i))->name;
}

#define CHECK_TEXT(c, i, want)                                  \
    do {                                                        \
        size_t len_;                                            \
        const char *t_ = doc_text(c, i, &len_);                 \
        CHECK_MEM(t_, len_, want, sizeof(want) - 1);            \
    } while (0)

#define CHECK_WARNING(c, i, want_name, want_line, want_offset, want_message) \
    do {                                                                   \
        const lede_warning *w_ = &lede_corpus_warnings(c)[i];              \
        CHECK_STR(w_->name, want_name);                                    \
        CHECK_INT(w_->line, want_line);                                    \
        CHECK_INT(w_->offset, want_offset);                                \
        CHECK_STR(w_->message, want_message);                              \
    } while (0)

static void test_file(void)
{
    lede_corpus *c = new_corpus();
    ADD_OK(c, DATA "plain.txt", NULL);
    CHECK_INT(lede_corpus_count(c), 1);
    CHECK_INT(lede_corpus_nwarnings(c), 0);
    CHECK_TEXT(c, 0, "The minister resigned on Tuesday.\n");
    const lede_meta *m = lede_doc_meta(lede_corpus_doc(c, 0));
    CHECK_STR(m->name, DATA "plain.txt");
    CHECK(m->id == NULL && m->title == NULL && m->date == NULL && m->source == NULL &&
          m->url == NULL);
    CHECK(lede_corpus_doc(c, 1) == NULL);
    lede_corpus_free(c);
}

static void test_repairs(void)
{
    lede_corpus *c = new_corpus();
    /* The defect of the BBC corpus's sport/199.txt: a Latin-1 pound sign. */
    ADD_OK(c, DATA "latin1_pound.txt", NULL);
    CHECK_TEXT(c, 0, "Mutu fee\n\nChelsea paid a \xEF\xBF\xBD" "15.8m fee for Mutu.\n");
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    CHECK_WARNING(c, 0, DATA "latin1_pound.txt", 0, 25,
                  "invalid UTF-8 byte 0xA3 replaced by U+FFFD");
    /* Offsets into the stored text: "15.8m" follows the 3-byte U+FFFD. */
    size_t len;
    const char *t = doc_text(c, 0, &len);
    CHECK(memcmp(t + 28, "15.8m", 5) == 0);

    /* BOM dropped, CR LF kept. */
    ADD_OK(c, DATA "bom_crlf.txt", NULL);
    CHECK_TEXT(c, 1, "Headline\r\n\r\nBody text.\r\n");
    CHECK_WARNING(c, 1, DATA "bom_crlf.txt", 0, 0, "UTF-8 byte order mark dropped");

    /* NFD to NFC: "Cafe\u0301 owner Jose\u0301 said." */
    ADD_OK(c, DATA "nfd.txt", NULL);
    CHECK_TEXT(c, 2, "Caf\xC3\xA9 owner Jos\xC3\xA9 said.\n");
    t = doc_text(c, 2, &len);
    CHECK_INT(len, 24);
    CHECK(memcmp(t + 12, "Jos\xC3\xA9", 5) == 0);
    CHECK_WARNING(c, 2, DATA "nfd.txt", 0, 3,
                  "text normalized to Unicode NFC from here on; stored offsets map back to the input's "
                  "with lede_doc_source_offset");
    CHECK_INT(lede_corpus_nwarnings(c), 3);
    CHECK_INT(lede_corpus_count(c), 3);

    /* The tokenizer works on the stored text: spans after the BOM and the
     * CR LF line ends are offsets into it. */
    lede_doc *d = lede_corpus_doc(c, 1);
    lede_error err;
    CHECK_INT(lede_doc_analyze(d, &err), LEDE_OK);
    CHECK_INT(lede_doc_ntokens(d), 4); /* Headline Body text . */
    const lede_token *tk = lede_doc_tokens(d);
    if (lede_doc_ntokens(d) == 4) {
        CHECK_INT(tk[0].start, 0);
        CHECK_INT(tk[0].end, 8);
        CHECK_INT(tk[1].start, 12); /* after "\r\n\r\n" */
        CHECK_INT(tk[1].end, 16);
        CHECK_INT(tk[3].start, 21);
    }
    lede_corpus_free(c);
}

static void test_file_errors(void)
{
    lede_corpus *c = new_corpus();
    ADD_OK(c, DATA "plain.txt", NULL); /* so that "nothing changed" means something */
    ADD_FAILS(c, DATA "missing.txt", NULL, LEDE_ERR_IO,
              DATA "missing.txt: No such file or directory");
    ADD_FAILS(c, DATA "nul.txt", NULL, LEDE_ERR_FORMAT,
              DATA "nul.txt: byte 3: NUL byte; binary files are refused");
    ADD_FAILS(c, DATA "binary.dat", NULL, LEDE_ERR_FORMAT,
              DATA "binary.dat: not text: 30 of the first 38 bytes are control characters or "
                   "invalid UTF-8; binary files are refused");
    lede_load_options small = {.max_doc_bytes = 20};
    ADD_FAILS(c, DATA "plain.txt", &small, LEDE_ERR_LIMIT,
              DATA "plain.txt: 34 bytes, larger than the maximum document size (20 bytes; see "
                   "max_doc_bytes)");
    lede_load_options fits = {.max_doc_bytes = 34};
    ADD_OK(c, DATA "plain.txt", &fits);
    CHECK_INT(lede_corpus_count(c), 2);
    lede_load_options huge = {.max_doc_bytes = SIZE_MAX}; /* clamped, not wrapped to 0 */
    ADD_OK(c, DATA "plain.txt", &huge);
    CHECK_INT(lede_corpus_count(c), 3);

    /* An empty file adds nothing but a warning. */
    ADD_OK(c, DATA "empty.txt", NULL);
    CHECK_INT(lede_corpus_count(c), 3);
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    CHECK_WARNING(c, 0, DATA "empty.txt", 0, 0, "empty file; skipped");
    lede_corpus_free(c);
}

/* The default limit, 64 MiB, is checked with fstat before anything is read:
 * a sparse file of 65 MiB (all NUL bytes) fails on its size, not its NULs. */
static void test_default_limit(void)
{
    char path[] = "/tmp/lede-test-big-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    CHECK_INT(ftruncate(fd, 65L * 1024 * 1024), 0);
    close(fd);
    lede_corpus *c = new_corpus();
    char want[256];
    snprintf(want, sizeof want,
             "%s: 68157440 bytes, larger than the maximum document size (67108864 bytes; see "
             "max_doc_bytes)",
             path);
    ADD_FAILS(c, path, NULL, LEDE_ERR_LIMIT, want);
    lede_corpus_free(c);
    unlink(path);
}

static void test_directory(void)
{
    lede_corpus *c = new_corpus();
    /* A trailing slash does not show in the names. Byte order of the whole
     * path puts "b-c.txt" ('-' is 0x2D) before "b/c.txt" ('/' is 0x2F). */
    ADD_OK(c, DATA "tree/", NULL);
    CHECK_INT(lede_corpus_count(c), 4);
    CHECK_STR(doc_name(c, 0), DATA "tree/a.txt");
    CHECK_STR(doc_name(c, 1), DATA "tree/b-c.txt");
    CHECK_STR(doc_name(c, 2), DATA "tree/b/c.txt");
    CHECK_STR(doc_name(c, 3), DATA "tree/b/d/e.txt");
    CHECK_TEXT(c, 0, "Alpha.\n");
    CHECK_TEXT(c, 1, "Bravo.\n");
    CHECK_TEXT(c, 2, "Charlie.\n");
    CHECK_TEXT(c, 3, "Echo.\n");
    /* Hidden files and folders are skipped silently; an empty and a binary
     * file are skipped with a warning instead of failing the tree. */
    CHECK_INT(lede_corpus_nwarnings(c), 2);
    CHECK_WARNING(c, 0, DATA "tree/empty.txt", 0, 0, "empty file; skipped");
    CHECK_WARNING(c, 1, DATA "tree/nul.bin", 0, 2, "binary file skipped: NUL byte at byte 2");
    /* The same tree again, without the slash: the same order. */
    ADD_OK(c, DATA "tree", NULL);
    CHECK_INT(lede_corpus_count(c), 8);
    CHECK_STR(doc_name(c, 5), DATA "tree/b-c.txt");
    lede_corpus_free(c);
}

/* JSON Lines files in a directory are read as such; a binary one is skipped
 * whole, including the records it gave before its NUL byte. */
static void test_directory_mixed(void)
{
    lede_corpus *c = new_corpus();
    ADD_OK(c, DATA "mixed", NULL);
    CHECK_INT(lede_corpus_count(c), 3);
    CHECK_STR(doc_name(c, 0), DATA "mixed/a.jsonl:1");
    CHECK_STR(lede_doc_meta(lede_corpus_doc(c, 0))->id, "1");
    CHECK_TEXT(c, 0, "First record.");
    CHECK_STR(doc_name(c, 1), DATA "mixed/a.jsonl:2");
    CHECK_TEXT(c, 1, "Second record.");
    CHECK_STR(doc_name(c, 2), DATA "mixed/b.txt");
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    CHECK_WARNING(c, 0, DATA "mixed/c.jsonl", 0, 46, "binary file skipped: NUL byte at byte 46");
    /* Given directly, the same file is an error. */
    ADD_FAILS(c, DATA "mixed/c.jsonl", NULL, LEDE_ERR_FORMAT,
              DATA "mixed/c.jsonl: byte 46: NUL byte; binary files are refused");
    lede_corpus_free(c);
}

/* A directory that links to itself is walked once. */
static void test_directory_symlink_loop(void)
{
    char dir[] = "/tmp/lede-test-load-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        check_failures++;
        return;
    }
    char path[256], sub[256];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    CHECK_INT(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/sub/up", dir);
    CHECK_INT(symlink("..", path), 0);
    snprintf(path, sizeof path, "%s/sub/x.txt", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("Text.\n", f);
        fclose(f);
    }
    lede_corpus *c = new_corpus();
    ADD_OK(c, sub, NULL); /* sub/up leads to the parent, which holds sub again */
    CHECK_INT(lede_corpus_count(c), 1);
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    lede_corpus_free(c);
    c = new_corpus();
    ADD_OK(c, dir, NULL);
    CHECK_INT(lede_corpus_count(c), 1);
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    char up[256];
    snprintf(up, sizeof up, "%s/sub/up", dir);
    CHECK_WARNING(c, 0, up, 0, 0, "directory already visited (a symbolic link); skipped");
    lede_corpus_free(c);
    unlink(path);
    snprintf(path, sizeof path, "%s/sub/up", dir);
    unlink(path);
    /* An empty directory loads nothing, without error. */
    c = new_corpus();
    ADD_OK(c, sub, NULL);
    CHECK_INT(lede_corpus_count(c), 0);
    CHECK_INT(lede_corpus_nwarnings(c), 0);
    lede_corpus_free(c);
    rmdir(sub);
    rmdir(dir);
}

static void test_jsonl(void)
{
    lede_corpus *c = new_corpus();
    lede_load_options o = {.text_field = "content|body",
                           .title_field = "headline",
                           .date_field = "published",
                           .url_field = "link"};
    ADD_OK(c, DATA "articles.jsonl", &o);
    CHECK_INT(lede_corpus_count(c), 3); /* lines 2 and 4 are blank */
    const lede_meta *m = lede_doc_meta(lede_corpus_doc(c, 0));
    CHECK_STR(m->name, DATA "articles.jsonl:1");
    CHECK_STR(m->id, "17");
    CHECK_STR(m->title, "Talks resume");
    CHECK_STR(m->date, "2024-03-01");
    CHECK_STR(m->source, "Reuters"); /* "outlet", the default's second choice */
    CHECK_STR(m->url, "https://example.com/a");
    CHECK_TEXT(c, 0, "Talks resumed in Cairo.");
    /* "content" wins over "body" when both are there. */
    m = lede_doc_meta(lede_corpus_doc(c, 1));
    CHECK_STR(m->name, DATA "articles.jsonl:3");
    CHECK_STR(m->id, "ap-2");
    CHECK(m->date == NULL && m->url == NULL);
    CHECK_TEXT(c, 1, "Negotiators met again.");
    m = lede_doc_meta(lede_corpus_doc(c, 2));
    CHECK_STR(m->name, DATA "articles.jsonl:5");
    CHECK_STR(m->id, "3.5");
    CHECK_STR(m->source, "BBC");
    CHECK(m->title == NULL);
    CHECK_TEXT(c, 2, "Caf\xC3\xA9 talks.");
    /* Repairs of a record's text are at offsets in that text. */
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    CHECK_WARNING(c, 0, DATA "articles.jsonl:5", 5, 3,
                  "text normalized to Unicode NFC from here on; stored offsets map back to the input's "
                  "with lede_doc_source_offset");

    /* Invalid UTF-8 in a line is repaired before parsing; the offset is in
     * the file. */
    ADD_OK(c, DATA "latin1.jsonl", NULL);
    CHECK_INT(lede_corpus_count(c), 4);
    CHECK_TEXT(c, 3, "Chelsea paid \xEF\xBF\xBD" "15.8m.");
    CHECK_WARNING(c, 1, DATA "latin1.jsonl:1", 1, 23, "invalid UTF-8 byte 0xA3 replaced by U+FFFD");

    /* Loaded as text when asked, whatever the name says. */
    lede_load_options as_text = {.format = LEDE_FORMAT_TEXT};
    ADD_OK(c, DATA "latin1.jsonl", &as_text);
    CHECK_INT(lede_corpus_count(c), 5);
    CHECK_STR(doc_name(c, 4), DATA "latin1.jsonl");
    lede_corpus_free(c);
}

static void test_jsonl_errors(void)
{
    lede_corpus *c = new_corpus();
    ADD_OK(c, DATA "plain.txt", NULL);
    /* Line 1 is fine, line 2 is not: line 1 does not stay either. */
    ADD_FAILS(c, DATA "bad_json.jsonl", NULL, LEDE_ERR_FORMAT,
              DATA "bad_json.jsonl:2:22: '}' expected near '\"title\"'");
    ADD_FAILS(c, DATA "no_text.jsonl", NULL, LEDE_ERR_FORMAT,
              DATA "no_text.jsonl:2: record has no text field (tried \"text\")");
    lede_load_options o = {.text_field = "body|content"};
    ADD_FAILS(c, DATA "no_text.jsonl", &o, LEDE_ERR_FORMAT,
              DATA "no_text.jsonl:1: record has no text field (tried \"body\", \"content\")");
    /* Line 1 has 15 bytes, line 2 20. */
    lede_load_options small = {.max_doc_bytes = 16};
    ADD_FAILS(c, DATA "no_text.jsonl", &small, LEDE_ERR_LIMIT,
              DATA "no_text.jsonl:2: line larger than the maximum document size (16 bytes; see "
                   "max_doc_bytes)");
    /* In a directory, a broken JSON Lines file fails the whole directory:
     * its good neighbour a.txt does not stay. */
    ADD_FAILS(c, DATA "broken", NULL, LEDE_ERR_FORMAT,
              DATA "broken/b.jsonl:2:19: string or '}' expected near ','");
    CHECK_INT(lede_corpus_count(c), 1);
    lede_corpus_free(c);
}

/* Add a stream made from a string; returns the status. */
static int add_memory_stream(lede_corpus *c, const char *data, size_t len,
                             const lede_load_options *opts, lede_error *err)
{
    FILE *f = fmemopen((void *)data, len, "r");
    if (!f) {
        perror("fmemopen");
        exit(1);
    }
    int rc = lede_corpus_add_stream(c, f, NULL, opts, err);
    fclose(f);
    return rc;
}

static void test_stream(void)
{
    lede_corpus *c = new_corpus();
    lede_error err = {0};
    /* Plain text: one document named <stdin>. */
    static const char text[] = "Headline\n\n{not JSON} but text.\n";
    CHECK_INT(add_memory_stream(c, text, sizeof text - 1, NULL, &err), LEDE_OK);
    CHECK_INT(lede_corpus_count(c), 1);
    CHECK_STR(doc_name(c, 0), "<stdin>");
    CHECK_TEXT(c, 0, "Headline\n\n{not JSON} but text.\n");

    /* Every non-blank line starts with '{': JSON Lines. */
    static const char jsonl[] = "{\"text\": \"One.\", \"id\": 1}\n\n  {\"text\": \"Two.\"}\r\n";
    CHECK_INT(add_memory_stream(c, jsonl, sizeof jsonl - 1, NULL, &err), LEDE_OK);
    CHECK_INT(lede_corpus_count(c), 3);
    CHECK_STR(doc_name(c, 1), "<stdin>:1");
    CHECK_STR(lede_doc_meta(lede_corpus_doc(c, 1))->id, "1");
    CHECK_TEXT(c, 1, "One.");
    CHECK_STR(doc_name(c, 2), "<stdin>:3");
    CHECK_TEXT(c, 2, "Two.");

    /* Errors leave nothing behind. */
    static const char bad[] = "{\"text\": \"One.\"}\n{\"text\": 5}\n";
    CHECK_INT(add_memory_stream(c, bad, sizeof bad - 1, NULL, &err), LEDE_ERR_FORMAT);
    CHECK_STR(err.message, "<stdin>:2: field \"text\" is not a string");
    CHECK_INT(lede_corpus_count(c), 3);
    static const char bool_title[] = "{\"text\": \"One.\", \"title\": true}\n";
    CHECK_INT(add_memory_stream(c, bool_title, sizeof bool_title - 1, NULL, &err), LEDE_ERR_FORMAT);
    CHECK_STR(err.message, "<stdin>:1: field \"title\" is not a string or a number");
    static const char array[] = "{\"text\": \"One.\"}\n[1, 2]\n";
    lede_load_options jsonl_opt = {.format = LEDE_FORMAT_JSONL};
    CHECK_INT(add_memory_stream(c, array, sizeof array - 1, &jsonl_opt, &err), LEDE_ERR_FORMAT);
    CHECK_STR(err.message, "<stdin>:2: a record must be a JSON object");
    CHECK_INT(lede_corpus_count(c), 3);
    lede_load_options small = {.max_doc_bytes = 8};
    CHECK_INT(add_memory_stream(c, text, sizeof text - 1, &small, &err), LEDE_ERR_LIMIT);
    CHECK_STR(err.message,
              "<stdin>: input larger than the maximum document size (8 bytes; see max_doc_bytes)");
    /* JSON Lines longer than the limit as a whole still loads line by line. */
    lede_load_options lines = {.max_doc_bytes = 30};
    CHECK_INT(add_memory_stream(c, jsonl, sizeof jsonl - 1, &lines, &err), LEDE_OK);
    CHECK_INT(lede_corpus_count(c), 5);
    /* A record with an empty text adds a warning, not a document. */
    static const char empty_text[] = "{\"text\": \"\"}\n";
    CHECK_INT(add_memory_stream(c, empty_text, sizeof empty_text - 1, NULL, &err), LEDE_OK);
    CHECK_INT(lede_corpus_count(c), 5);
    CHECK_INT(lede_corpus_nwarnings(c), 1);
    CHECK_WARNING(c, 0, "<stdin>:1", 1, 0, "empty text; skipped");
    static const char nul[] = "text\0more";
    CHECK_INT(add_memory_stream(c, nul, sizeof nul - 1, NULL, &err), LEDE_ERR_FORMAT);
    CHECK_STR(err.message, "<stdin>: byte 4: NUL byte; binary files are refused");
    CHECK_INT(lede_corpus_count(c), 5);
    CHECK_INT(add_memory_stream(c, "", 0, NULL, &err), LEDE_OK);
    CHECK_INT(lede_corpus_count(c), 5);
    CHECK_INT(lede_corpus_nwarnings(c), 2);
    CHECK_WARNING(c, 1, "<stdin>", 0, 0, "empty input; skipped");
    lede_corpus_free(c);
}

static void test_add_text(void)
{
    lede_corpus *c = new_corpus();
    lede_error err = {0};
    lede_meta m = {.name = "snippet", .source = "AP"};
    CHECK_INT(lede_corpus_add_text(c, "\xEF\xBB\xBFOne \xA3.", 9, &m, &err), LEDE_OK);
    CHECK_TEXT(c, 0, "One \xEF\xBF\xBD.");
    CHECK_STR(lede_doc_meta(lede_corpus_doc(c, 0))->source, "AP");
    CHECK_INT(lede_corpus_nwarnings(c), 2);
    CHECK_WARNING(c, 1, "snippet", 0, 7, "invalid UTF-8 byte 0xA3 replaced by U+FFFD");
    CHECK_INT(lede_corpus_add_text(c, "a\0b", 3, NULL, &err), LEDE_ERR_FORMAT);
    CHECK_STR(err.message, "<text>: byte 1: NUL byte; binary files are refused");
    CHECK_INT(lede_corpus_count(c), 1);
    CHECK_INT(lede_corpus_add_text(c, NULL, 3, NULL, &err), LEDE_ERR_ARG);
    lede_load_options bad_format = {.format = (lede_format)7};
    CHECK_INT(lede_corpus_add_path(c, DATA "plain.txt", &bad_format, &err), LEDE_ERR_ARG);
    CHECK_STR(err.message, "unknown input format 7");
    lede_corpus_free(c);
}

int main(void)
{
    test_file();
    test_repairs();
    test_file_errors();
    test_default_limit();
    test_directory();
    test_directory_mixed();
    test_directory_symlink_loop();
    test_jsonl();
    test_jsonl_errors();
    test_stream();
    test_add_text();
    CHECK_DONE();
}
