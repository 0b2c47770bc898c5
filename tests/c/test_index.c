/* test_index.c — the SQLite index: exact postings, term and phrase hits
 * with byte spans, document frequencies, documents read back without
 * tokenizing, reopening, incremental adds, in-memory mode, refusal of
 * foreign files, and rollback on failure. */
#include "doc.h"
#include "index.h"
#include "lede.h"
#include "varint.h"
#include "check.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *SEEDS[5] = {
    "seeds/000_1a22be602abbdbb3.txt", "seeds/001_c87360ce0d6ae7d5.txt", "seeds/002_93b5036ae66e0d32.txt",
    "seeds/003_eb122c8a95e99d45.txt", "seeds/004_1f2dff42aad0a96b.txt"};

static char tmpdir[] = "/tmp/lede-test-index-XXXXXX";

/* A path inside the test's temporary folder. */
static const char *tmp_path(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

/* Remove an index file and its WAL companions. */
static void remove_db(const char *path)
{
    char buf[600];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
}

/* Run SQL on a database file directly; returns the first column of the
 * first row as an integer (or -1 on error). */
static long long sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "sql_int(%s): %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* Run SQL statements on a database file directly; 0 on success. */
static int sql_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc) fprintf(stderr, "sql_exec(%s): %s\n", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

/* The first column of the first row of a query, as text (static buffer). */
static const char *sql_text(const char *path, const char *sql)
{
    static char out[4096];
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    snprintf(out, sizeof out, "<error>");
    if (sqlite3_open(path, &db) == SQLITE_OK && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, sizeof out, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "<null>");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

static lede_corpus *corpus_of_texts(const char *const *names, const char *const *texts, size_t n)
{
    lede_corpus *c = NULL;
    OK(lede_corpus_new(&c, ERR));
    for (size_t i = 0; i < n; i++) {
        lede_meta m = {.name = names[i], .title = "title"};
        OK(lede_corpus_add_text(c, texts[i], strlen(texts[i]), &m, ERR));
    }
    return c;
}

/* A corpus of seeds[first .. last]. */
static lede_corpus *corpus_of_seeds(size_t first, size_t last)
{
    lede_corpus *c = NULL;
    OK(lede_corpus_new(&c, ERR));
    for (size_t i = first; i <= last; i++) OK(lede_corpus_add_path(c, SEEDS[i], NULL, ERR));
    return c;
}

static lede_hits phrase(lede_index *ix, const char *q)
{
    lede_hits h = {0};
    OK(lede_index_phrase(ix, q, &h, ERR));
    return h;
}

static lede_hits term(lede_index *ix, const char *q)
{
    lede_hits h = {0};
    OK(lede_index_term(ix, q, &h, ERR));
    return h;
}

static size_t df(lede_index *ix, const char *t)
{
    size_t n = 0;
    OK(lede_index_df(ix, t, &n, ERR));
    return n;
}

static int hit_is(const lede_hit *h, int64_t doc, uint32_t pos, uint32_t ntok, uint32_t start, uint32_t end)
{
    return h->doc_id == doc && h->position == pos && h->ntokens == ntok && h->start == start && h->end == end;
}

#define HIT_FMT "doc %lld pos %u ntokens %u [%u, %u)"
#define HIT_ARGS(h) (long long)(h).doc_id, (h).position, (h).ntokens, (h).start, (h).end

/* The varints every BLOB is made of: sizes, round trips, corrupt input. */
static void test_varint(void)
{
    static const struct {
        uint64_t v;
        size_t len;
        uint8_t first;
    } cases[] = {{0, 1, 0x00}, {127, 1, 0x7f}, {128, 2, 0x80}, {16383, 2, 0xff}, {16384, 3, 0x80},
                 {UINT32_MAX, 5, 0xff}, {UINT64_MAX, 10, 0xff}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t buf[LEDE_VARINT_MAX];
        size_t len = lede_varint_put(buf, cases[i].v);
        const uint8_t *p = buf;
        uint64_t back = 0;
        CHECK(len == cases[i].len && buf[0] == cases[i].first, "varint %llu: %zu bytes",
              (unsigned long long)cases[i].v, len);
        CHECK(lede_varint_get(&p, buf + len, &back) == 0 && back == cases[i].v && p == buf + len,
              "varint %llu round trip", (unsigned long long)cases[i].v);
        p = buf;
        if (len > 1) CHECK(lede_varint_get(&p, buf + len - 1, &back) == -1 && p == buf, "truncated varint");
    }
    uint8_t endless[12];
    memset(endless, 0xff, sizeof endless);
    const uint8_t *p = endless;
    uint64_t v;
    CHECK(lede_varint_get(&p, endless + sizeof endless, &v) == -1, "11 continuation bytes are corrupt");
    lede_bytes b = {0};
    for (uint64_t i = 0; i < 1000; i++) lede_bytes_varint(&b, i * 1000);
    CHECK(!b.failed && b.n == 1 * 1 + 16 * 2 + 983 * 3, "1000 varints: %zu bytes", b.n);
    lede_bytes_free(&b);
    CHECK(b.v == NULL && b.n == 0, "freed");
}

/* Postings, hits and df on three tiny documents worked out by hand. */
static void test_small_corpus(void)
{
    const char *names[] = {"a.txt", "b.txt", "c.txt"};
    const char *texts[] = {"The cat sat. The cat ran!", "A dog, a cat.", "Dogs run."};
    const char *path = tmp_path("small.db");
    lede_corpus *c = corpus_of_texts(names, texts, 3);
    lede_index *ix = NULL;
    size_t added = 99;
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    CHECK(added == 3, "added %zu", added);
    CHECK(lede_index_ndocs(ix) == 3, "ndocs %zu", lede_index_ndocs(ix));

    /* Words by position: a.txt the0 cat1 sat2 the3 cat4 ran5; b.txt a0 dog1
     * a2 cat3; c.txt dogs0 run1. Postings of "cat": doc 1 (delta 1) tf 2 at
     * 1, 4 (deltas 1, 3); doc 2 (delta 1) tf 1 at 3. */
    CHECK(strcmp(sql_text(path, "SELECT hex(data) FROM postings WHERE term = 'cat'"), "01020103010103") == 0,
          "cat postings %s", sql_text(path, "SELECT hex(data) FROM postings WHERE term = 'cat'"));
    CHECK(strcmp(sql_text(path, "SELECT hex(data) FROM postings WHERE term = 'a'"), "02020002") == 0,
          "a postings %s", sql_text(path, "SELECT hex(data) FROM postings WHERE term = 'a'"));
    CHECK(sql_int(path, "SELECT first_doc * 100 + last_doc * 10 + ndocs FROM postings WHERE term = 'cat'") == 122,
          "cat postings row");
    CHECK(strcmp(sql_text(path, "SELECT group_concat(term, ' ') FROM terms"), "a cat dog dogs ran run sat the") == 0,
          "terms in order: %s", sql_text(path, "SELECT group_concat(term, ' ') FROM terms"));
    CHECK(sql_int(path, "SELECT count(*) FROM terms") == 8, "8 terms: the cat sat ran a dog dogs run");
    CHECK(sql_int(path, "SELECT df * 10 + cf FROM terms WHERE term = 'cat'") == 23, "cat df 2 cf 3");
    CHECK(sql_int(path, "SELECT df * 10 + cf FROM terms WHERE term = 'the'") == 12, "the df 1 cf 2");
    CHECK(sql_int(path, "SELECT count(*) FROM postings") == 8, "one postings row per term");
    CHECK(sql_int(path, "SELECT sum(nwords) * 100 + sum(ntokens) FROM documents") == 1217,
          "12 words, 17 tokens");
    CHECK(sql_int(path, "SELECT count(*) FROM sentences WHERE doc = 1") == 2, "a.txt has two sentences");
    CHECK(sql_int(path, "SELECT start_byte * 100 + end_byte FROM sentences WHERE doc = 1 AND idx = 1") == 1325,
          "second sentence of a.txt spans [13, 25)");
    CHECK(strcmp(sql_text(path, "SELECT sentences FROM documents WHERE id = 1"), "[[0,12,0,4,0],[13,25,4,4,0]]") == 0,
          "sentences JSON %s", sql_text(path, "SELECT sentences FROM documents WHERE id = 1"));
    CHECK(sql_int(path, "SELECT count(*) FROM paragraphs") == 3, "one paragraph per document");
    CHECK(sql_int(path, "SELECT start_byte * 1000000 + end_byte * 10000 + first_sentence * 1000 + nsentences * 100 +"
                        " first_token * 10 + ntokens FROM paragraphs WHERE doc = 1") == 250208,
          "a.txt's paragraph: [0, 25), sentences 0-1, tokens 0-7");

    lede_hits h = term(ix, "cat");
    CHECK(h.n == 3, "cat: %zu hits", h.n);
    if (h.n == 3) {
        CHECK(hit_is(&h.hits[0], 1, 1, 1, 4, 7), HIT_FMT, HIT_ARGS(h.hits[0]));
        CHECK(hit_is(&h.hits[1], 1, 5, 1, 17, 20), HIT_FMT, HIT_ARGS(h.hits[1]));
        CHECK(hit_is(&h.hits[2], 2, 4, 1, 9, 12), HIT_FMT, HIT_ARGS(h.hits[2]));
    }
    lede_hits_free(&h);
    CHECK(h.hits == NULL && h.n == 0, "lede_hits_free zeroes");
    h = term(ix, "CAT");
    CHECK(h.n == 3, "CAT is normalized: %zu hits", h.n);
    lede_hits_free(&h);

    /* Punctuation is not indexed: "dog, a cat" matches "dog a cat". */
    h = phrase(ix, "dog a cat");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 2, 1, 4, 2, 12), "dog a cat: %zu hits", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "cat sat. The");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 1, 1, 4, 4, 16), "cat sat the: %zu hits", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "the cat");
    CHECK(h.n == 2 && hit_is(&h.hits[0], 1, 0, 2, 0, 7) && hit_is(&h.hits[1], 1, 4, 2, 13, 20),
          "the cat: %zu hits", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "cat the");
    CHECK(h.n == 0, "words in the wrong order: %zu hits", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "cat zebra");
    CHECK(h.n == 0 && h.hits == NULL, "unknown word: %zu hits", h.n);
    lede_hits_free(&h);

    lede_error e = {0};
    lede_hits none = {0};
    CHECK(lede_index_phrase(ix, " , ! ", &none, &e) == LEDE_ERR_QUERY, "phrase without words");
    CHECK(strcmp(e.message, "phrase \" , ! \" has no words") == 0, "message: %s", e.message);

    /* A document without words is stored and read back (the loader skips
     * empty texts, so there are no empty documents). */
    const char *names2[] = {"punct.txt"};
    const char *texts2[] = {"-- ! --"};
    lede_corpus *c2 = corpus_of_texts(names2, texts2, 1);
    OK(lede_index_add(ix, c2, &added, ERR));
    CHECK(added == 1 && lede_index_ndocs(ix) == 4, "added %zu", added);
    lede_doc *d = NULL;
    OK(lede_index_doc(ix, 4, &d, ERR));
    CHECK(lede_doc_ntokens(d) == 3 && lede_doc_nsentences(d) == 1 && lede_doc_nparagraphs(d) == 1,
          "punct.txt: %zu tokens", lede_doc_ntokens(d));
    CHECK(strcmp(lede_doc_meta(d)->title, "title") == 0, "title read back");
    lede_doc_free(d);
    lede_corpus_free(c2);
    CHECK(sql_int(path, "SELECT nwords * 100 + ntokens FROM documents WHERE id = 4") == 3, "no words");

    CHECK(df(ix, "cat") == 2, "df cat");
    CHECK(df(ix, "Dogs") == 1, "df dogs");
    CHECK(df(ix, "dog") == 1, "df dog");
    CHECK(df(ix, "zebra") == 0, "df zebra");
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* A term in more documents than one postings row holds gets several rows,
 * each starting with an absolute document id; a tf of 128 or more takes a
 * two-byte varint. */
static void test_postings_rows(void)
{
    const char *path = tmp_path("rows.db");
    lede_corpus *c = NULL;
    OK(lede_corpus_new(&c, ERR));
    for (int i = 0; i < 1100; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%04d", i);
        lede_meta m = {.name = name};
        OK(lede_corpus_add_text(c, "alpha beta", 10, &m, ERR));
    }
    char gamma[200 * 6 + 1];
    for (int i = 0; i < 200; i++) memcpy(gamma + 6 * i, "gamma ", 6);
    gamma[sizeof gamma - 1] = '\0';
    lede_meta m = {.name = "gammas"};
    OK(lede_corpus_add_text(c, gamma, strlen(gamma), &m, ERR));
    lede_index *ix = NULL;
    size_t added = 0;

    /* Documents are analyzed for the add and returned to their state after:
     * one analyzed before stays analyzed, the others are not held in token
     * form. */
    size_t analyzed_after = 0;
    OK(lede_doc_analyze(lede_corpus_doc(c, 3), ERR));

    /* First a failure halfway (documents are analyzed ahead on a second
     * thread here): nothing is stored, and the next add works. */
    OK(lede_index_open(path, &ix, ERR));
    lede_index_close(ix);
    CHECK(sql_exec(path, "CREATE TRIGGER fail BEFORE INSERT ON documents WHEN NEW.name = 'doc0500'"
                         " BEGIN SELECT RAISE(ABORT, 'injected failure'); END") == 0,
          "trigger");
    lede_error e = {0};
    OK(lede_index_open(path, &ix, ERR));
    CHECK(lede_index_add(ix, c, &added, &e) == LEDE_ERR_DB && lede_index_ndocs(ix) == 0, "failed add");
    char want[600];
    snprintf(want, sizeof want, "%s: adding doc0500: injected failure", path);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    lede_index_close(ix);
    CHECK(sql_int(path, "SELECT count(*) FROM postings") == 0, "no postings");
    for (size_t i = 0; i < lede_corpus_count(c); i++) analyzed_after += lede_corpus_doc(c, i)->analyzed != 0;
    CHECK(analyzed_after == 1 && lede_corpus_doc(c, 3)->analyzed, "after a failed add: %zu analyzed",
          analyzed_after);
    CHECK(sql_exec(path, "DROP TRIGGER fail") == 0, "drop trigger");

    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    CHECK(added == 1101, "added %zu", added);
    analyzed_after = 0;
    for (size_t i = 0; i < lede_corpus_count(c); i++) analyzed_after += lede_corpus_doc(c, i)->analyzed != 0;
    CHECK(analyzed_after == 1 && lede_corpus_doc(c, 3)->analyzed, "after the add: %zu analyzed", analyzed_after);
    /* Each alpha entry is 3 bytes (delta 1, tf 1, position 0): a row closes
     * at 3,072 bytes, after 1,024 documents. */
    CHECK(sql_int(path, "SELECT count(*) FROM postings WHERE term = 'alpha'") == 2, "two rows");
    CHECK(strcmp(sql_text(path, "SELECT group_concat(first_doc || '-' || last_doc || ':' || ndocs || '/' ||"
                                " occurrences, ' ') FROM postings WHERE term = 'alpha'"),
                 "1-1024:1024/1024 1025-1100:76/76") == 0,
          "alpha rows: %s",
          sql_text(path, "SELECT group_concat(first_doc || '-' || last_doc || ':' || ndocs, ' ') FROM postings"
                         " WHERE term = 'alpha'"));
    CHECK(strcmp(sql_text(path, "SELECT substr(hex(data), 1, 12) FROM postings WHERE term = 'alpha'"
                                " AND first_doc = 1025"),
                 "810801000101") == 0,
          "second row starts with the absolute id 1025");
    CHECK(sql_int(path, "SELECT df * 10000 + cf FROM terms WHERE term = 'alpha'") == 11001100, "alpha df, cf");
    /* gamma: document 1101 (CD 08), tf 200 (C8 01), positions 0, 1, …, 199. */
    CHECK(strcmp(sql_text(path, "SELECT substr(hex(data), 1, 12) || ' ' || length(data) FROM postings"
                                " WHERE term = 'gamma'"),
                 "CD08C8010001 204") == 0,
          "gamma row: %s", sql_text(path, "SELECT substr(hex(data), 1, 12) FROM postings WHERE term = 'gamma'"));
    lede_hits h = term(ix, "alpha");
    CHECK(h.n == 1100, "alpha: %zu hits", h.n);
    int ordered = 1;
    for (size_t i = 0; i < h.n; i++)
        if (!hit_is(&h.hits[i], (int64_t)i + 1, 0, 1, 0, 5)) ordered = 0;
    CHECK(ordered, "one hit per document, in order");
    lede_hits_free(&h);
    h = term(ix, "gamma");
    CHECK(h.n == 200 && hit_is(&h.hits[199], 1101, 199, 1, 1194, 1199), "gamma: %zu hits", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "beta alpha");
    CHECK(h.n == 0, "beta alpha never follows across documents: %zu", h.n);
    lede_hits_free(&h);
    h = phrase(ix, "gamma gamma gamma");
    CHECK(h.n == 198 && hit_is(&h.hits[0], 1101, 0, 3, 0, 17), "gamma x3: %zu hits", h.n);
    lede_hits_free(&h);
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* CJK text is indexed one character per token, so a phrase of characters
 * matches inside a run of them; an abbreviation and a number are words. */
static void test_cjk_and_kinds(void)
{
    const char *names[] = {"zh.txt", "en.txt"};
    const char *texts[] = {"中国经济增长。", "The U.S. grew 3.5% in 2014."};
    lede_corpus *c = corpus_of_texts(names, texts, 2);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(NULL, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    /* 中 [0,3) 国 [3,6) 经 [6,9) 济 [9,12) 增 [12,15) 长 [15,18) 。 [18,21) */
    lede_hits h = phrase(ix, "经济");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 1, 2, 2, 6, 12), "经济: %zu hits", h.n);
    lede_hits_free(&h);
    CHECK(df(ix, "国") == 1, "one character is a term");
    h = phrase(ix, "济增长");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 1, 3, 3, 9, 18), "济增长");
    lede_hits_free(&h);
    /* The(0) U.S.(1) grew(2) 3.5%(3) in(4) 2014(5) .(6) */
    h = phrase(ix, "u.s. grew 3.5%");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 2, 1, 3, 4, 18), "u.s. grew 3.5%%: %zu hits", h.n);
    lede_hits_free(&h);
    h = term(ix, "2014");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 2, 5, 1, 22, 26), "2014");
    lede_hits_free(&h);
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* Exact equality of a document read back from the index and the same
 * document analyzed afresh. */
static void check_same_doc(lede_doc *stored, lede_doc *fresh, const char *name)
{
    size_t la, lb;
    const char *ta = lede_doc_text(stored, &la), *tb = lede_doc_text(fresh, &lb);
    CHECK(la == lb && memcmp(ta, tb, la) == 0, "%s: text", name);
    CHECK(strcmp(lede_doc_meta(stored)->name, lede_doc_meta(fresh)->name) == 0, "%s: name", name);
    CHECK(lede_doc_content_hash(stored) == lede_doc_content_hash(fresh), "%s: hash", name);
    size_t n = lede_doc_ntokens(fresh);
    CHECK(lede_doc_ntokens(stored) == n && n > 100, "%s: %zu tokens", name, lede_doc_ntokens(stored));
    const lede_token *a = lede_doc_tokens(stored), *b = lede_doc_tokens(fresh);
    const char *na = lede_doc_norms(stored), *nb = lede_doc_norms(fresh);
    size_t bad = 0;
    for (size_t i = 0; i < n && i < lede_doc_ntokens(stored); i++) {
        const lede_token *x = &a[i], *y = &b[i];
        if (x->start != y->start || x->end != y->end || x->norm_len != y->norm_len ||
            strcmp(na + x->norm, nb + y->norm) != 0 || x->sentence != y->sentence ||
            x->paragraph != y->paragraph || x->hash != y->hash || x->kind != y->kind || x->quote != y->quote ||
            x->flags != y->flags) {
            if (!bad++)
                fprintf(stderr, "%s: token %zu differs: [%u,%u) %s s%u p%u k%u q%u f%u vs [%u,%u) %s s%u p%u k%u q%u f%u\n",
                        name, i, x->start, x->end, na + x->norm, x->sentence, x->paragraph, x->kind, x->quote,
                        x->flags, y->start, y->end, nb + y->norm, y->sentence, y->paragraph, y->kind, y->quote,
                        y->flags);
        }
    }
    CHECK(bad == 0, "%s: %zu tokens differ", name, bad);
    size_t ns = lede_doc_nsentences(fresh), np = lede_doc_nparagraphs(fresh);
    CHECK(lede_doc_nsentences(stored) == ns && ns > 3, "%s: sentences", name);
    CHECK(lede_doc_nparagraphs(stored) == np && np > 1, "%s: paragraphs", name);
    if (lede_doc_nsentences(stored) == ns)
        CHECK(memcmp(lede_doc_sentences(stored), lede_doc_sentences(fresh), ns * sizeof(lede_sentence)) == 0,
              "%s: sentence spans", name);
    if (lede_doc_nparagraphs(stored) == np)
        CHECK(memcmp(lede_doc_paragraphs(stored), lede_doc_paragraphs(fresh), np * sizeof(lede_paragraph)) == 0,
              "%s: paragraph spans", name);
}

/* The seeds: "logistical issues" in exactly four of five (000, 002, 003,
 * 004; spans found by reading them), df values, documents read back. */
static void check_seed_index(lede_index *ix)
{
    static const struct {
        int64_t doc;
        uint32_t start, end;
    } want[4] = {{1, 793, 810}, {3, 459, 476}, {4, 459, 476}, {5, 1239, 1256}};
    lede_hits h = phrase(ix, "Logistical issues");
    CHECK(h.n == 4, "logistical issues: %zu hits", h.n);
    for (size_t i = 0; i < h.n && i < 4; i++) {
        CHECK(h.hits[i].doc_id == want[i].doc && h.hits[i].start == want[i].start &&
                  h.hits[i].end == want[i].end && h.hits[i].ntokens == 2,
              "hit %zu: " HIT_FMT, i, HIT_ARGS(h.hits[i]));
        lede_doc *d = NULL;
        OK(lede_index_doc(ix, h.hits[i].doc_id, &d, ERR));
        const lede_token *t = lede_doc_tokens(d);
        size_t len;
        const char *text = lede_doc_text(d, &len);
        CHECK(t[h.hits[i].position].start == h.hits[i].start &&
                  t[h.hits[i].position + 1].end == h.hits[i].end,
              "hit %zu: position %u is its first token", i, h.hits[i].position);
        CHECK(memcmp(text + h.hits[i].start, "logistical issues", 17) == 0, "hit %zu text", i);
        lede_doc_free(d);
    }
    lede_hits_free(&h);
    CHECK(df(ix, "logistical") == 4, "df logistical");
    CHECK(df(ix, "issues") == 4, "df issues");
    CHECK(df(ix, "Rubio") == 5, "df rubio");
    h = term(ix, "rubio");
    CHECK(h.n == 22, "rubio: %zu hits (4 + 3 + 5 + 5 + 5 standalone)", h.n);
    lede_hits_free(&h);
}

static void test_seeds_and_docs(void)
{
    lede_corpus *c = corpus_of_seeds(0, 4);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(NULL, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    CHECK(added == 5, "added %zu", added);
    check_seed_index(ix);
    for (size_t i = 0; i < 5; i++) {
        lede_doc *d = NULL;
        OK(lede_index_doc(ix, (int64_t)i + 1, &d, ERR));
        check_same_doc(d, lede_corpus_doc(c, i), SEEDS[i]);
        lede_doc_free(d);
    }
    lede_error e = {0};
    lede_doc *d = (lede_doc *)&e;
    CHECK(lede_index_doc(ix, 6, &d, &e) == LEDE_ERR_NOTFOUND && d == NULL, "no document 6");
    CHECK(strcmp(e.message, ":memory:: no document with id 6") == 0, "message: %s", e.message);
    lede_index_close(ix);

    /* ":memory:" is the same as NULL, and each is a fresh index. */
    OK(lede_index_open(":memory:", &ix, ERR));
    CHECK(lede_index_ndocs(ix) == 0, "fresh in-memory index");
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* Reopening a file: same results, and adding the same documents again adds
 * nothing. */
static void test_reopen(void)
{
    const char *path = tmp_path("seeds.db");
    lede_corpus *c = corpus_of_seeds(0, 4);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    lede_index_close(ix);
    CHECK(strcmp(sql_text(path, "PRAGMA journal_mode"), "wal") == 0, "WAL journal");
    long long rows = sql_int(path, "SELECT (SELECT count(*) FROM postings) + (SELECT count(*) FROM terms) +"
                                   " (SELECT count(*) FROM sentences) + (SELECT count(*) FROM documents)");
    OK(lede_index_open(path, &ix, ERR));
    CHECK(lede_index_ndocs(ix) == 5, "reopened: %zu docs", lede_index_ndocs(ix));
    check_seed_index(ix);
    OK(lede_index_add(ix, c, &added, ERR));
    CHECK(added == 0, "same documents again: added %zu", added);
    lede_index_close(ix);
    CHECK(sql_int(path, "SELECT (SELECT count(*) FROM postings) + (SELECT count(*) FROM terms) +"
                        " (SELECT count(*) FROM sentences) + (SELECT count(*) FROM documents)") == rows,
          "no new rows");
    CHECK(strcmp(sql_text(path, "SELECT value FROM meta WHERE key = 'application'"), "lede index") == 0, "meta");
    CHECK(sql_int(path, "SELECT value FROM meta WHERE key = 'schema_version'") == 2, "schema version");
    lede_corpus_free(c);
}

/* Adding documents to an index built earlier gives the same index as
 * building it in one go; a duplicate inside one corpus is skipped too. */
static void test_incremental(void)
{
    const char *one = tmp_path("one.db"), *two = tmp_path("two.db");
    lede_corpus *all = corpus_of_seeds(0, 4), *first = corpus_of_seeds(0, 2);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(one, &ix, ERR));
    OK(lede_index_add(ix, all, &added, ERR));
    lede_index_close(ix);

    OK(lede_index_open(two, &ix, ERR));
    OK(lede_index_add(ix, first, &added, ERR));
    CHECK(added == 3, "first three: %zu", added);
    OK(lede_index_add(ix, all, &added, ERR));
    CHECK(added == 2, "then the other two: %zu", added);
    CHECK(lede_index_ndocs(ix) == 5, "five documents");
    check_seed_index(ix);
    lede_index_close(ix);

    char sql[1024];
    snprintf(sql, sizeof sql,
             "ATTACH '%s' AS one;"
             "CREATE TEMP TABLE diff AS SELECT count(*) AS n FROM ("
             " SELECT term, df, cf FROM main.terms EXCEPT SELECT term, df, cf FROM one.terms);"
             "INSERT INTO temp.diff SELECT count(*) FROM ("
             " SELECT id, name, content_hash, text, tokens FROM main.documents"
             " EXCEPT SELECT id, name, content_hash, text, tokens FROM one.documents);"
             "INSERT INTO temp.diff SELECT count(*) FROM ("
             " SELECT * FROM main.sentences EXCEPT SELECT * FROM one.sentences);",
             one);
    sqlite3 *db = NULL;
    sqlite3_open(two, &db);
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_stmt *st = NULL;
    long long diff = -1;
    if (rc == SQLITE_OK && sqlite3_prepare_v2(db, "SELECT sum(n) FROM temp.diff", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        diff = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(diff == 0, "incremental and one-shot indexes hold the same terms, documents, sentences (%lld)", diff);
    CHECK(sql_int(two, "SELECT count(*) FROM terms") == sql_int(one, "SELECT count(*) FROM terms"), "term count");

    /* The same name with other content is a new document. */
    const char *names[] = {SEEDS[0]};
    const char *texts[] = {"Rubio cancels again."};
    lede_corpus *edited = corpus_of_texts(names, texts, 1);
    OK(lede_index_open(two, &ix, ERR));
    OK(lede_index_add(ix, edited, &added, ERR));
    CHECK(added == 1 && lede_index_ndocs(ix) == 6, "edited document added: %zu", added);
    CHECK(df(ix, "cancels") == 1, "its words are indexed");
    lede_index_close(ix);
    lede_corpus_free(edited);

    /* Postings flushed after every document (many batches in one add) give
     * the same terms, frequencies and hits, in more rows. */
    const char *batched = tmp_path("batched.db");
    OK(lede_index_open(batched, &ix, ERR));
    ix->batch_bytes = 1;
    ix->single_thread = 1;
    OK(lede_index_add(ix, all, &added, ERR));
    check_seed_index(ix);
    lede_index_close(ix);
    snprintf(sql, sizeof sql,
             "ATTACH '%s' AS one; SELECT (SELECT count(*) FROM (SELECT * FROM main.terms EXCEPT"
             " SELECT * FROM one.terms)) + (SELECT count(*) FROM (SELECT * FROM one.terms EXCEPT"
             " SELECT * FROM main.terms))",
             one);
    db = NULL;
    sqlite3_open(batched, &db);
    sqlite3_exec(db, sql, NULL, NULL, NULL); /* ATTACH; the SELECT runs below */
    diff = -1;
    st = NULL;
    if (sqlite3_prepare_v2(db, strchr(sql, ';') + 1, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        diff = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    CHECK(diff == 0, "batched terms equal one-batch terms (%lld)", diff);
    CHECK(sql_int(batched, "SELECT count(*) FROM postings") > sql_int(one, "SELECT count(*) FROM postings"),
          "more rows");

    /* A corpus naming the same file twice adds it once. */
    lede_corpus *twice = corpus_of_seeds(1, 1);
    OK(lede_corpus_add_path(twice, SEEDS[1], NULL, ERR));
    OK(lede_index_open(NULL, &ix, ERR));
    OK(lede_index_add(ix, twice, &added, ERR));
    CHECK(added == 1 && lede_index_ndocs(ix) == 1, "duplicate in one corpus: added %zu", added);
    lede_index_close(ix);
    lede_corpus_free(twice);
    lede_corpus_free(all);
    lede_corpus_free(first);
}

/* Files that are not lede indexes, or newer ones, are refused. */
static void test_refusals(void)
{
    lede_error e = {0};
    lede_index *ix = (lede_index *)&e;
    const char *other = tmp_path("other.db");
    CHECK(sql_exec(other, "CREATE TABLE t(x); INSERT INTO t VALUES(1)") == 0, "made a plain database");
    CHECK(lede_index_open(other, &ix, &e) == LEDE_ERR_FORMAT && ix == NULL, "plain SQLite refused");
    char want[600];
    snprintf(want, sizeof want, "%s: not a lede index (an SQLite database without lede's tables)", other);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    CHECK(sql_int(other, "SELECT count(*) FROM sqlite_schema") == 1, "plain database left untouched");

    const char *garbage = tmp_path("garbage.db");
    FILE *f = fopen(garbage, "w");
    for (int i = 0; i < 100; i++) fputs("this is not a database at all\n", f);
    fclose(f);
    CHECK(lede_index_open(garbage, &ix, &e) == LEDE_ERR_FORMAT, "garbage refused");
    snprintf(want, sizeof want, "%s: not a lede index (file is not a database)", garbage);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);

    /* Even a one-byte file (which SQLite alone would take for an empty
     * database and write over) is refused and left alone. */
    const char *tiny = tmp_path("tiny.db");
    f = fopen(tiny, "w");
    fputc('x', f);
    fclose(f);
    CHECK(lede_index_open(tiny, &ix, &e) == LEDE_ERR_FORMAT, "tiny file refused");
    snprintf(want, sizeof want, "%s: not a lede index (file is not a database)", tiny);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    f = fopen(tiny, "rb");
    CHECK(fgetc(f) == 'x' && fgetc(f) == EOF, "tiny file untouched");
    fclose(f);

    const char *newer = tmp_path("newer.db");
    OK(lede_index_open(newer, &ix, ERR));
    lede_index_close(ix);
    CHECK(sql_exec(newer, "UPDATE meta SET value = 3 WHERE key = 'schema_version'") == 0, "made it newer");
    CHECK(lede_index_open(newer, &ix, &e) == LEDE_ERR_FORMAT, "newer schema refused");
    snprintf(want, sizeof want,
             "%s: index schema version 3 is newer than this lede supports (2); upgrade lede", newer);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    /* Version 1 files have no source maps: reading their offsets as source
     * offsets would be wrong for repaired text, so they are rebuilt. */
    CHECK(sql_exec(newer, "UPDATE meta SET value = 1 WHERE key = 'schema_version'") == 0, "made it older");
    CHECK(lede_index_open(newer, &ix, &e) == LEDE_ERR_FORMAT, "older schema refused");
    snprintf(want, sizeof want, "%s: index schema version 1 is older than this lede's (2); rebuild it", newer);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);

    CHECK(lede_index_open(tmp_path("no/such/dir.db"), &ix, &e) == LEDE_ERR_IO, "missing folder: %s",
          e.message);

    /* Documents tokenized by another tokenizer version are not mixed in. */
    const char *oldtok = tmp_path("oldtok.db");
    lede_corpus *c = corpus_of_seeds(0, 0);
    size_t added = 0;
    OK(lede_index_open(oldtok, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    lede_index_close(ix);
    CHECK(sql_exec(oldtok, "UPDATE meta SET value = '0' WHERE key = 'tokenizer_version'") == 0, "old tokenizer");
    lede_corpus_free(c);
    c = corpus_of_seeds(1, 1);
    OK(lede_index_open(oldtok, &ix, ERR));
    CHECK(lede_index_add(ix, c, &added, &e) == LEDE_ERR_FORMAT && lede_index_ndocs(ix) == 1, "refused add");
    snprintf(want, sizeof want,
             "%s: built with tokenizer version 0 but this lede tokenizes with version " LEDE_TOKENIZER_VERSION
             "; rebuild the index",
             oldtok);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    lede_index_close(ix);
    lede_corpus_free(c);

    /* An empty file becomes a new index. */
    const char *empty = tmp_path("empty.db");
    fclose(fopen(empty, "w"));
    OK(lede_index_open(empty, &ix, ERR));
    CHECK(lede_index_ndocs(ix) == 0, "empty file: new index");
    lede_index_close(ix);
    CHECK(sql_int(empty, "SELECT value FROM meta WHERE key = 'schema_version'") == 2, "schema written");
}

/* Damaged BLOBs are reported, not trusted. */
static void test_corrupt(void)
{
    const char *path = tmp_path("corrupt.db");
    const char *names[] = {"a.txt", "b.txt"};
    const char *texts[] = {"The cat sat.", "A dog ran."};
    lede_corpus *c = corpus_of_texts(names, texts, 2);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    lede_index_close(ix);
    CHECK(sql_exec(path, "UPDATE documents SET tokens = x'05' WHERE id = 1;"
                         "UPDATE documents SET sentences = '[[0,10,0,4,0]' WHERE id = 2;"
                         "UPDATE postings SET data = x'0180' WHERE term = 'sat'") == 0,
          "damage");
    OK(lede_index_open(path, &ix, ERR));
    lede_error e = {0};
    lede_doc *d = NULL;
    char want[600];
    CHECK(lede_index_doc(ix, 1, &d, &e) == LEDE_ERR_FORMAT && d == NULL, "damaged token table");
    snprintf(want, sizeof want, "%s: document 1: corrupt token table", path);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    CHECK(lede_index_doc(ix, 2, &d, &e) == LEDE_ERR_FORMAT && d == NULL, "damaged sentences");
    snprintf(want, sizeof want, "%s: document 2: corrupt sentences", path);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    lede_hits h = {0};
    CHECK(lede_index_term(ix, "sat", &h, &e) == LEDE_ERR_FORMAT && h.n == 0 && h.hits == NULL, "damaged postings");
    snprintf(want, sizeof want, "%s: corrupt postings of term 'sat'", path);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    /* The term query maps hits through document 1's token table. */
    CHECK(lede_index_term(ix, "cat", &h, &e) == LEDE_ERR_FORMAT, "hit in a damaged document");
    h = term(ix, "dog");
    CHECK(h.n == 1 && hit_is(&h.hits[0], 2, 1, 1, 2, 5), "undamaged document still answers");
    lede_hits_free(&h);
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* Documents read back keep the loader's map from stored to source offsets
 * (the BOM dropped, an invalid byte made U+FFFD, "e" + U+0301 composed to
 * U+00E9), so results from an index point into the files as given. */
static void test_source_map(void)
{
    const char *path = tmp_path("srcmap.db");
    /* Source bytes: BOM 0-2, "Caf" 3-5, e + U+0301 6-8, " x" 9-10, 0xFF 11, " y" 12-13.
     * Stored: "Caf" 0-2, U+00E9 3-4, " x" 5-6, U+FFFD 7-9, " y" 10-11. */
    const char src[] = "\xEF\xBB\xBF" "Cafe\xCC\x81 x\xFF y";
    lede_corpus *c = NULL;
    OK(lede_corpus_new(&c, ERR));
    lede_meta m = {.name = "repaired.txt"};
    OK(lede_corpus_add_text(c, src, sizeof src - 1, &m, ERR));
    OK(lede_corpus_add_text(c, "Plain text.", 11, &(lede_meta){.name = "plain.txt"}, ERR));
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, c, &added, ERR));
    CHECK(sql_int(path, "SELECT source_map IS NULL FROM documents WHERE name = 'plain.txt'") == 1,
          "no map where nothing was repaired");
    lede_doc *d = NULL;
    OK(lede_index_doc(ix, 1, &d, ERR));
    const lede_doc *orig = lede_corpus_doc(c, 0);
    static const size_t want[][2] = {{0, 3}, {3, 6}, {5, 9}, {7, 11}, {10, 12}, {12, 14}};
    for (size_t i = 0; d && i < sizeof want / sizeof want[0]; i++)
        CHECK(lede_doc_source_offset(d, want[i][0]) == want[i][1], "stored %zu -> source %zu, got %zu",
              want[i][0], want[i][1], lede_doc_source_offset(d, want[i][0]));
    for (size_t off = 0; d && off <= d->len; off++)
        CHECK(lede_doc_source_offset(d, off) == lede_doc_source_offset(orig, off), "offset %zu as loaded", off);
    lede_doc_free(d);
    lede_index_close(ix);

    /* A damaged map is refused, not used. */
    CHECK(sql_exec(path, "UPDATE documents SET source_map = x'0503' || x'0203' WHERE id = 1") == 0, "damage");
    OK(lede_index_open(path, &ix, ERR));
    lede_error e = {0};
    d = NULL;
    CHECK(lede_index_doc(ix, 1, &d, &e) == LEDE_ERR_FORMAT && d == NULL, "anchors out of order refused");
    char msg[600];
    snprintf(msg, sizeof msg, "%s: document 1: corrupt source map", path);
    CHECK(strcmp(e.message, msg) == 0, "message: %s", e.message);
    lede_index_close(ix);
    lede_corpus_free(c);
}

/* A failure halfway through an add leaves the index as it was. */
static void test_rollback(void)
{
    const char *path = tmp_path("rollback.db");
    lede_corpus *first = corpus_of_seeds(0, 2), *all = corpus_of_seeds(0, 4);
    lede_index *ix = NULL;
    size_t added = 0;
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, first, &added, ERR));
    lede_index_close(ix);
    const char *count_sql = "SELECT (SELECT count(*) FROM documents) * 1000000 + (SELECT count(*) FROM terms)"
                            " * 100 + (SELECT count(*) FROM postings) + (SELECT sum(df) FROM terms) * 7 +"
                            " (SELECT count(*) FROM sentences) * 13 + (SELECT count(*) FROM paragraphs) * 17";
    long long before = sql_int(path, count_sql);
    /* Fail on the last document, after the others were written. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "CREATE TRIGGER fail BEFORE INSERT ON documents WHEN NEW.name = '%s'"
             " BEGIN SELECT RAISE(ABORT, 'injected failure'); END",
             SEEDS[4]);
    CHECK(sql_exec(path, sql) == 0, "trigger");
    lede_error e = {0};
    OK(lede_index_open(path, &ix, ERR));
    added = 99;
    CHECK(lede_index_add(ix, all, &added, &e) == LEDE_ERR_DB && added == 0, "add fails");
    char want[600];
    snprintf(want, sizeof want, "%s: adding %s: injected failure", path, SEEDS[4]);
    CHECK(strcmp(e.message, want) == 0, "message: %s", e.message);
    CHECK(lede_index_ndocs(ix) == 3, "still three documents");
    lede_index_close(ix);
    CHECK(sql_int(path, count_sql) == before, "nothing half-written");
    CHECK(sql_exec(path, "DROP TRIGGER fail") == 0, "drop trigger");
    OK(lede_index_open(path, &ix, ERR));
    OK(lede_index_add(ix, all, &added, ERR));
    CHECK(added == 2, "then the add succeeds: %zu", added);
    check_seed_index(ix);
    lede_index_close(ix);
    lede_corpus_free(first);
    lede_corpus_free(all);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    test_varint();
    test_small_corpus();
    test_postings_rows();
    test_cjk_and_kinds();
    test_seeds_and_docs();
    test_reopen();
    test_incremental();
    test_refusals();
    test_corrupt();
    test_source_map();
    test_rollback();
    const char *files[] = {"small.db", "rows.db", "empty.db", "tiny.db", "batched.db", "oldtok.db", "corrupt.db", "seeds.db", "one.db", "two.db", "other.db", "garbage.db", "newer.db", "srcmap.db",
                           "rollback.db"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) remove_db(tmp_path(files[i]));
    rmdir(tmpdir);
    return CHECK_SUMMARY("test_index");
}
