/* test_query.c — the query language (canonical forms, and errors with
 * their positions), search over a small index (terms, phrases across
 * punctuation, prefixes, NEAR/k, AND, OR, NOT, source and date filters,
 * BM25 scores worked out by hand), KWIC lines cut from byte spans, n-gram
 * and window counts, date keys, and the seeds. */
#include "lede.h"
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- parsing */

/* The canonical form of a query that must parse. */
static void check_describe(const char *query, const char *want)
{
    lede_query *q = NULL;
    char *got = NULL;
    OK(lede_query_parse(query, &q, NULL, ERR));
    OK(lede_query_describe(q, &got, ERR));
    CHECK(strcmp(got, want) == 0, "%s\n  got  %s\n  want %s", query, got, want);
    free(got);
    lede_query_free(q);
}

/* A query that must fail with exactly this message and position. */
static void check_error(const char *query, size_t want_pos, const char *want)
{
    lede_query *q = NULL;
    lede_error err = {0};
    size_t pos = 99;
    int rc = lede_query_parse(query, &q, &pos, &err);
    CHECK(rc == LEDE_ERR_QUERY && q == NULL, "%s: rc %d", query, rc);
    CHECK(pos == want_pos, "%s: position %zu, want %zu", query, pos, want_pos);
    CHECK(strcmp(err.message, want) == 0, "%s\n  got  %s\n  want %s", query, err.message, want);
}

static void test_parse(void)
{
    check_describe("Rubio", "rubio");
    check_describe("Russia’s", "russia's");
    check_describe("\"Logistical  Issues\"", "\"logistical issues\"");
    check_describe("rubio \"logistical issues\" OR kyiv NOT kiev",
                   "(OR (AND rubio \"logistical issues\") (NOT kyiv kiev))");
    check_describe("a AND b OR c AND d", "(OR (AND a b) (AND c d))");
    check_describe("a OR b c", "(OR a (AND b c))");
    check_describe("(a OR b) c", "(AND (OR a b) c)");
    check_describe("a NOT b NOT c", "(NOT (NOT a b) c)");
    check_describe("recogni* NEAR/3 crimea", "(NEAR/3 recogni* crimea)");
    check_describe("rubio NEAR london", "(NEAR/10 rubio london)");
    check_describe("\"special envoy\" NEAR/0 witkoff NOT kiev", "(NOT (NEAR/0 \"special envoy\" witkoff) kiev)");
    check_describe("and or not", "(AND (AND and or) not)");
    check_describe("land-for-peace", "land-for-peace");
    check_describe("30-day ceasefire", "(AND 30-day ceasefire)");
    check_describe("source:\"New York Post\" date:2025-04..2025-05",
                   "(AND source:\"New York Post\" date:20250400..20250599)");
    check_describe("dog date:2025-04-23", "(AND dog date:20250423..20250423)");
    check_describe("dog date:..2024", "(AND dog date:00000000..20249999)");
    check_describe("source:cnn NOT kiev", "(NOT source:\"cnn\" kiev)");
}

static void test_parse_errors(void)
{
    check_error("", 1, "query: position 1: empty query");
    check_error("   ", 1, "query: position 1: empty query");
    check_error("\"\"", 1, "query: position 1: empty phrase: there are no words between the quotes");
    check_error("rubio AND", 7, "query: position 7: AND needs a term, phrase or group after it");
    check_error("a NOT", 3, "query: position 3: NOT needs a term, phrase or group after it");
    check_error("OR rubio", 1, "query: position 1: OR needs a term, phrase or group before it");
    check_error("NOT kiev", 1, "query: position 1: NOT needs a term, phrase or group before it");
    check_error("a AND OR b", 3, "query: position 3: AND needs a term, phrase or group after it");
    check_error("(rubio OR kyiv", 1, "query: position 1: '(' is never closed");
    check_error("rubio)", 6, "query: position 6: ')' without a matching '('");
    check_error(")", 1, "query: position 1: ')' without a matching '('");
    check_error("()", 1, "query: position 1: empty group '()'");
    check_error("(a OR )", 4, "query: position 4: OR needs a term, phrase or group after it");
    check_error("kyiv \"logistical issues", 6, "query: position 6: unterminated phrase: this '\"' is never closed");
    check_error("rubio NEAR/x kyiv", 7,
                "query: position 7: NEAR/x: the distance after NEAR/ must be a whole number from 0 to 100");
    check_error("rubio NEAR/500 kyiv", 7,
                "query: position 7: NEAR/500: the distance after NEAR/ must be a whole number from 0 to 100");
    check_error("re*cog", 3, "query: position 3: '*' may only end a word (a prefix such as recogni*)");
    check_error("a *", 3, "query: position 3: '*' needs the start of a word before it (recogni*)");
    check_error("(a OR b) NEAR c", 10,
                "query: position 10: NEAR joins two terms or phrases; the left side is a group, filter or NEAR "
                "(write (a NEAR b) AND (b NEAR c) for a chain)");
    check_error("a NEAR/2 b NEAR/2 c", 12,
                "query: position 12: NEAR/2 joins two terms or phrases; the left side is a group, filter or NEAR "
                "(write (a NEAR b) AND (b NEAR c) for a chain)");
    check_error("a NEAR (b OR c)", 3, "query: position 3: NEAR joins two terms or phrases; the right side is a group or filter");
    /* Positions count characters, not bytes: “ and — are 3 bytes each. */
    check_error("“Kyiv” — x", 8, "query: position 8: '—' has no words to search for (punctuation is not indexed)");
    check_error("date:April", 6,
                "query: position 6: date:April: expected YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO "
                "(either end may be left out)");
    check_error("date:2025-13", 6,
                "query: position 6: date:2025-13: expected YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO "
                "(either end may be left out)");
    check_error("date:2025..2024", 6, "query: position 6: date range ends before it starts");
    check_error("kyiv source:", 6, "query: position 6: source: needs a value");
    check_error("source:\"New York", 8, "query: position 8: unterminated value: this '\"' is never closed");
    {
        /* 101 opening brackets: nesting is bounded so a hostile query cannot exhaust the stack. */
        char deep[160];
        memset(deep, '(', 101);
        strcpy(deep + 101, "kyiv");
        check_error(deep, 101, "query: position 101: groups nested more than 100 deep");
    }
    /* Found by fuzz_query: words the loader refuses as binary and a prefix
     * of invalid UTF-8 failed with LEDE_ERR_FORMAT or LEDE_ERR_ARG and no
     * position. A few invalid bytes in a word are still repaired (to
     * U+FFFD, which is not indexed, so the word stays a word). */
    check_error("rubio AN\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff" "D", 7,
                "query: position 7: not text: the words here are control characters or invalid UTF-8");
    check_error("a \"\x01\x02\x03\x04\x05\x06\"", 4,
                "query: position 4: not text: the words here are control characters or invalid UTF-8");
    check_error("kyiv x\xff*", 6, "query: position 6: the prefix before '*' is not valid UTF-8");
    check_describe("kyiv\xff", "kyiv");
}

/* Random strings of the language's pieces: every one parses or fails with
 * LEDE_ERR_QUERY at a position inside the query (or just after it); what
 * parses can be described, runs on the seeds and gives KWIC lines in
 * order. Under ASan this also checks the parser and the evaluation on
 * odd input (NOT of filters, NEAR of prefixes, empty results). */
static void test_parse_random(lede_search *seeds)
{
    static const char *const pieces[] = {"a", "kyiv", "Russia’s", "rubio", "the", "\"state department\"", "wit*", "\"", "(", ")", " ", " ", "AND", "OR", "NOT",
                                         "NEAR", "NEAR/2", "NEAR/", "*", "re*", "source:", "date:", "2025",
                                         "-04", "..", "—", ",", "“", "x"};
    unsigned seed = 12345;
    int parsed = 0, failed = 0, bad = 0;
    for (int round = 0; round < 3000; round++) {
        char q[256] = "";
        seed = seed * 1103515245u + 12345u;
        int n = 1 + (int)((seed >> 16) % 9);
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            strcat(q, pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)]);
        }
        lede_query *lq = NULL;
        lede_error err = {0};
        size_t pos = 0, chars = 0;
        for (const char *c = q; *c; c++) chars += ((unsigned char)*c & 0xC0) != 0x80;
        int rc = lede_query_parse(q, &lq, &pos, &err);
        if (rc == LEDE_OK) {
            char *d = NULL;
            OK(lede_query_describe(lq, &d, ERR));
            free(d);
            /* What parses runs, and its hits make KWIC lines inside the text. */
            lede_search_result r;
            lede_kwic k;
            lede_search_opts some = {.limit = (size_t)(round % 4)};
            OK(lede_search_run(seeds, lq, &some, &r, ERR));
            OK(lede_search_kwic(seeds, r.hits, r.nhits, NULL, &k, ERR));
            for (size_t i = 0; i < k.n; i++)
                if (!(k.lines[i].left <= k.lines[i].start && k.lines[i].start < k.lines[i].end &&
                      k.lines[i].end <= k.lines[i].right) && bad++ < 5)
                    fprintf(stderr, "random query [%s]: line %zu out of order\n", q, i);
            lede_kwic_free(&k);
            lede_search_result_free(&r);
            lede_query_free(lq);
            parsed++;
        } else {
            failed++;
            if (rc != LEDE_ERR_QUERY || pos < 1 || pos > chars + 1 || strncmp(err.message, "query: position ", 16)) {
                if (bad++ < 5) fprintf(stderr, "random query [%s]: rc %d pos %zu: %s\n", q, rc, pos, err.message);
            }
        }
    }
    CHECK(bad == 0, "%d random queries failed badly", bad);
    CHECK(parsed > 300 && failed > 300, "both outcomes exercised: %d parsed, %d refused", parsed, failed);
}

/* ---------------------------------------------------------- small index */

static const char *TEXTS[3] = {
    "The cat sat on the mat. A dog barked at the cat!",
    "\xe2\x80\x9c" "Cats and dogs,\xe2\x80\x9d she said. The dog ran.",
    "Recognition matters. They recognized it; we recognize nothing.",
};
static const char *SOURCES[3] = {"A", "B", "A"};
static const char *DATES[3] = {"2025-04-22", "2025-04-23", "26-APR-2025 10:00"};

static lede_index *small_index(void)
{
    lede_corpus *c = NULL;
    lede_index *ix = NULL;
    OK(lede_corpus_new(&c, ERR));
    for (int i = 0; i < 3; i++) {
        char name[16];
        snprintf(name, sizeof name, "doc%d", i + 1);
        lede_meta m = {.name = name, .source = SOURCES[i], .date = DATES[i]};
        OK(lede_corpus_add_text(c, TEXTS[i], strlen(TEXTS[i]), &m, ERR));
    }
    OK(lede_index_open(NULL, &ix, ERR));
    OK(lede_index_add(ix, c, NULL, ERR));
    lede_corpus_free(c);
    return ix;
}

/* Run a query; the result's documents as "1,2" and the hits' texts as
 * "1:The cat|1:the cat". */
static void run(lede_search *s, const char *query, const lede_search_opts *o, char *docs, char *hits,
                lede_search_result *keep)
{
    lede_query *q = NULL;
    lede_search_result r;
    OK(lede_query_parse(query, &q, NULL, ERR));
    OK(lede_search_run(s, q, o, &r, ERR));
    docs[0] = hits[0] = '\0';
    for (size_t i = 0; i < r.ndocs; i++)
        sprintf(docs + strlen(docs), "%s%lld", i ? "," : "", (long long)r.docs[i].doc_id);
    for (size_t i = 0; i < r.nhits; i++) {
        const lede_hit *h = &r.hits[i];
        const char *t = TEXTS[h->doc_id - 1];
        sprintf(hits + strlen(hits), "%s%lld:%.*s", i ? "|" : "", (long long)h->doc_id, (int)(h->end - h->start),
                t + h->start);
    }
    if (keep) *keep = r;
    else lede_search_result_free(&r);
    lede_query_free(q);
}

#define EXPECT(s, query, opts, want_docs, want_hits)                                                    \
    do {                                                                                               \
        char d_[256], h_[2048];                                                                        \
        run(s, query, opts, d_, h_, NULL);                                                             \
        CHECK(strcmp(d_, want_docs) == 0, "%s: docs %s, want %s", query, d_, want_docs);               \
        CHECK(strcmp(h_, want_hits) == 0, "%s: hits\n  got  %s\n  want %s", query, h_, want_hits);     \
    } while (0)

static void test_search(void)
{
    lede_index *ix = small_index();
    lede_search *s = NULL;
    OK(lede_search_new(ix, &s, ERR));
    lede_search_opts bydoc = {.order = LEDE_ORDER_DOC};

    EXPECT(s, "cat", NULL, "1", "1:cat|1:cat");
    EXPECT(s, "CATS", NULL, "2", "2:Cats");
    EXPECT(s, "\"the cat\"", NULL, "1", "1:The cat|1:the cat");
    /* Punctuation is not indexed: a phrase runs across the full stop. */
    EXPECT(s, "\"mat a dog\"", NULL, "1", "1:mat. A dog");
    EXPECT(s, "\"cat the\"", NULL, "", "");
    EXPECT(s, "recogni*", NULL, "3", "3:Recognition|3:recognized|3:recognize");
    EXPECT(s, "recognize*", NULL, "3", "3:recognized|3:recognize");
    EXPECT(s, "zebra*", NULL, "", "");
    /* cat(1) and mat(5) have three words between them. */
    EXPECT(s, "cat NEAR/2 mat", NULL, "", "");
    EXPECT(s, "cat NEAR/3 mat", NULL, "1", "1:cat sat on the mat");
    /* Each mat pairs with its nearest cat. */
    EXPECT(s, "mat NEAR/5 cat", NULL, "1", "1:cat sat on the mat");
    EXPECT(s, "cat NEAR/5 mat", NULL, "1", "1:cat sat on the mat|1:mat. A dog barked at the cat");
    EXPECT(s, "dog NOT cat", NULL, "2", "2:dog");
    EXPECT(s, "dog cat", NULL, "1", "1:cat|1:dog|1:cat");
    EXPECT(s, "cat OR cats", &bydoc, "1,2", "1:cat|1:cat|2:Cats");
    EXPECT(s, "dog source:a", NULL, "1", "1:dog");
    EXPECT(s, "dog NOT source:A", NULL, "2", "2:dog");
    EXPECT(s, "source:A", &bydoc, "1,3", "");
    EXPECT(s, "dog date:2025-04-23", NULL, "2", "2:dog");
    EXPECT(s, "date:2025-04-23..", &bydoc, "2,3", "");
    EXPECT(s, "date:..2025-04-22", &bydoc, "1", "");
    lede_search_opts onlyb = {.source = "b"};
    EXPECT(s, "dog", &onlyb, "2", "2:dog");
    lede_search_opts april24 = {.date_from = "2025-04-24", .order = LEDE_ORDER_DOC};
    EXPECT(s, "source:A", &april24, "3", "");
    lede_search_opts one = {.limit = 1};
    char d[64], h[256];
    lede_search_result r;
    run(s, "dog", &one, d, h, &r);
    CHECK(r.total == 2 && r.ndocs == 1, "limit: total %zu, returned %zu", r.total, r.ndocs);
    /* dog is in 2 of 3 documents: IDF = log(1.5 / 2.5) < 0, clamped to
     * 1e-6 as in FTS5; the shorter document (8 words against 12) ranks first. */
    CHECK(strcmp(d, "2") == 0, "dog ranks the shorter document first: %s", d);
    lede_search_result_free(&r);

    /* cat: n = 1 of N = 3, IDF = log(2.5 / 1.5) = 0.5108; in doc 1 f = 2,
     * |D| = 12, avgdl = 28 / 3: 0.5108 * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 12 / 9.333)) = 0.6501. */
    run(s, "cat", NULL, d, h, &r);
    CHECK(r.ndocs == 1 && fabs(r.docs[0].score - 0.6501) < 5e-4, "bm25(cat) = %.4f", r.ndocs ? r.docs[0].score : 0);
    lede_search_result_free(&r);
    /* cat OR cats: two units, each with IDF 0.5108; doc 2 (8 words, f = 1):
     * 0.5108 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 8 / 9.333)) = 0.5108 * 2.2 / 2.0714 = 0.5425. */
    run(s, "cat OR cats", NULL, d, h, &r);
    CHECK(strcmp(d, "1,2") == 0 && fabs(r.docs[1].score - 0.5425) < 5e-4, "cat OR cats: %s %.4f", d,
          r.ndocs > 1 ? r.docs[1].score : 0);
    lede_search_result_free(&r);

    /* A filter that cannot parse is an argument error. */
    lede_query *q = NULL;
    lede_error err = {0};
    OK(lede_query_parse("dog", &q, NULL, ERR));
    lede_search_opts bad = {.date_from = "yesterday"};
    CHECK(lede_search_run(s, q, &bad, &r, &err) == LEDE_ERR_ARG, "bad date filter");
    CHECK(strstr(err.message, "date filter: query: position 6: date:yesterday..") != NULL, "%s", err.message);
    lede_query_free(q);

    lede_search_free(s);
    lede_index_close(ix);
}

/* ------------------------------------------------------------------ KWIC */

/* The three parts of a KWIC line as "left[match]right". */
static void kwic_text(const lede_kwic *k, size_t i, char *out)
{
    const lede_kwic_line *l = &k->lines[i];
    const char *t = k->text + l->text;
    sprintf(out, "%.*s[%.*s]%.*s", (int)(l->start - l->left), t, (int)(l->end - l->start), t + (l->start - l->left),
            (int)(l->right - l->end), t + (l->end - l->left));
}

static void test_kwic(void)
{
    lede_index *ix = small_index();
    lede_search *s = NULL;
    lede_query *q = NULL;
    lede_search_result r;
    lede_kwic k;
    char line[512];
    OK(lede_search_new(ix, &s, ERR));
    OK(lede_query_parse("dogs OR cat", &q, NULL, ERR));
    lede_search_opts bydoc = {.order = LEDE_ORDER_DOC};
    OK(lede_search_run(s, q, &bydoc, &r, ERR));
    /* Whole sentences: the context stops at the sentence's ends. */
    lede_kwic_opts whole = {.context = 0};
    OK(lede_search_kwic(s, r.hits, r.nhits, &whole, &k, ERR));
    CHECK(k.n == 3, "%zu lines", k.n);
    kwic_text(&k, 0, line);
    CHECK(strcmp(line, "The [cat] sat on the mat.") == 0, "%s", line);
    kwic_text(&k, 1, line);
    CHECK(strcmp(line, "A dog barked at the [cat]!") == 0, "%s", line);
    CHECK(k.lines[1].sentence == 1 && k.lines[1].start == 44 && k.lines[1].end == 47, "line 2 at %u-%u",
          k.lines[1].start, k.lines[1].end);
    kwic_text(&k, 2, line);
    /* Curly quotes and the comma come from the text as they stand. */
    CHECK(strcmp(line, "\xe2\x80\x9c" "Cats and [dogs],\xe2\x80\x9d she said.") == 0, "%s", line);
    lede_kwic_free(&k);
    /* Two tokens each side (a quote mark and a comma are tokens). */
    lede_kwic_opts two = {.context = 2};
    OK(lede_search_kwic(s, r.hits, r.nhits, &two, &k, ERR));
    kwic_text(&k, 0, line);
    CHECK(strcmp(line, "The [cat] sat on") == 0, "%s", line);
    kwic_text(&k, 2, line);
    CHECK(strcmp(line, "Cats and [dogs],\xe2\x80\x9d") == 0, "%s", line);
    lede_kwic_free(&k);
    /* Across sentences when asked. */
    lede_kwic_opts cross = {.context = 3, .cross_sentences = 1};
    OK(lede_search_kwic(s, r.hits, 1, &cross, &k, ERR));
    kwic_text(&k, 0, line);
    CHECK(strcmp(line, "The [cat] sat on the") == 0, "%s", line);
    lede_kwic_free(&k);
    lede_search_result_free(&r);
    lede_query_free(q);
    lede_search_free(s);
    lede_index_close(ix);
}

/* -------------------------------------------------------------- counts */

/* The count of `form` in c, or -1. */
static long long count_of(const lede_counts *c, const char *form, long long *ndocs)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].form, form) == 0) {
            if (ndocs) *ndocs = (long long)c->v[i].ndocs;
            return (long long)c->v[i].count;
        }
    return -1;
}

static void test_counts(void)
{
    lede_index *ix = small_index();
    lede_search *s = NULL;
    lede_counts c;
    long long nd = 0;
    OK(lede_search_new(ix, &s, ERR));
    OK(lede_search_ngrams(s, NULL, 0, 1, &c, ERR));
    CHECK(c.total == 28, "28 words: %llu", (unsigned long long)c.total);
    CHECK(count_of(&c, "the", &nd) == 4 && nd == 2, "the: 4 in 2 documents");
    CHECK(strcmp(c.v[0].form, "the") == 0, "most frequent first: %s", c.v[0].form);
    CHECK(count_of(&c, "cat", &nd) == 2 && nd == 1, "cat: 2 in 1");
    CHECK(count_of(&c, "dog", &nd) == 2 && nd == 2, "dog: 2 in 2");
    lede_counts_free(&c);
    /* Bigrams do not cross sentences: doc 1 has 5 + 5, doc 2 4 + 2, doc 3 1 + 5. */
    OK(lede_search_ngrams(s, NULL, 0, 2, &c, ERR));
    CHECK(c.total == 22, "bigrams: %llu", (unsigned long long)c.total);
    CHECK(count_of(&c, "the cat", &nd) == 2 && nd == 1, "the cat");
    CHECK(count_of(&c, "mat a", NULL) == -1, "no bigram across a sentence");
    CHECK(count_of(&c, "dogs she", NULL) == 1, "a bigram across the closing quote and comma");
    lede_counts_free(&c);
    int64_t only[1] = {2};
    OK(lede_search_ngrams(s, only, 1, 1, &c, ERR));
    CHECK(c.total == 8 && count_of(&c, "the", NULL) == 1, "one document: %llu", (unsigned long long)c.total);
    lede_counts_free(&c);
    lede_error err = {0};
    CHECK(lede_search_ngrams(s, NULL, 0, 9, &c, &err) == LEDE_ERR_ARG, "n = 9 refused");

    /* Collocates of cat, two words each side, within the sentence:
     * "The [cat] sat on" and "at the [cat]" (the ! is not a word). */
    lede_hits hits;
    OK(lede_index_term(ix, "cat", &hits, ERR));
    OK(lede_search_window(s, hits.hits, hits.n, 2, 0, &c, ERR));
    CHECK(c.total == 5, "window positions: %llu", (unsigned long long)c.total);
    CHECK(count_of(&c, "the", NULL) == 2 && count_of(&c, "sat", NULL) == 1 && count_of(&c, "on", NULL) == 1 &&
              count_of(&c, "at", NULL) == 1 && count_of(&c, "mat", NULL) == -1,
          "collocates of cat");
    lede_counts_free(&c);
    lede_hits_free(&hits);

    uint64_t ndocs, nwords, df, cf;
    OK(lede_search_totals(s, 0, &ndocs, &nwords, ERR));
    CHECK(ndocs == 3 && nwords == 28, "totals %llu %llu", (unsigned long long)ndocs, (unsigned long long)nwords);
    OK(lede_search_totals(s, 3, &ndocs, &nwords, ERR));
    CHECK(nwords == 8, "doc 3: %llu words", (unsigned long long)nwords);
    OK(lede_search_term_freq(s, "The", &df, &cf, ERR));
    CHECK(df == 2 && cf == 4, "the: df %llu cf %llu", (unsigned long long)df, (unsigned long long)cf);
    lede_search_free(s);
    lede_index_close(ix);
}

static void test_dates(void)
{
    CHECK(lede_date_key("2025-04-23") == 20250423, "iso");
    CHECK(lede_date_key("2025-04-23T10:15:00Z") == 20250423, "iso with time");
    CHECK(lede_date_key("2025/04/23") == 20250423, "slashes");
    CHECK(lede_date_key("26-FEB-1987 15:01:01.79") == 19870226, "reuters");
    CHECK(lede_date_key("23 April 2025") == 20250423, "day month year");
    CHECK(lede_date_key("April 23, 2025") == 20250423, "month day, year");
    CHECK(lede_date_key("Wed, 23 Apr 2025 10:00:00 +0000") == 20250423, "rfc 2822");
    CHECK(lede_date_key("yesterday") == 0, "no date");
    CHECK(lede_date_key("2025-13-01") == 0, "month 13");
    CHECK(lede_date_key(NULL) == 0, "NULL");
}

/* ---------------------------------------------------------------- seeds */

static void test_seeds(void)
{
    lede_corpus *c = NULL;
    lede_index *ix = NULL;
    lede_search *s = NULL;
    OK(lede_corpus_new(&c, ERR));
    OK(lede_corpus_add_path(c, "seeds", NULL, ERR));
    OK(lede_index_open(NULL, &ix, ERR));
    OK(lede_index_add(ix, c, NULL, ERR));
    OK(lede_search_new(ix, &s, ERR));
    struct {
        const char *query;
        const char *docs; /* in document order */
        size_t nhits;
    } cases[] = {
        {"\"logistical issues\"", "1,3,4,5", 4},
        {"kiev", "1", 4},
        /* Kyiv’s is the term kyiv's: 3 + 4 + 2 (004 also has Kyiv’s). */
        {"kyiv", "3,4,5", 9},
        {"kyiv*", "3,4,5", 10},
        {"kiev OR kyiv", "1,3,4,5", 13},
        {"zelensky OR zelenskyy", "3,4,5", 4},
        {"recogni*", "1,2,3,4,5", 11},
        {"crimea NOT (annexed OR annexation)", "1", 2},
        /* "Rubio and special envoy Steve Witkoff" has four words between. */
        {"rubio NEAR/3 witkoff", "1,2,5", 5},
        /* recognizing Crimea (000, 001); recognize(s) … control of Crimea and
         * recognize the occupation of Crimea (002: 4; 003: 1); not 003's
         * "recognition of Moscow’s control over Crimea" nor 004's "recognize
         * Russia’s currently illegal annexation of Crimea" (4 and 5 between). */
        {"recogni* NEAR/3 crimea", "1,2,3,4", 7},
    };
    lede_search_opts bydoc = {.order = LEDE_ORDER_DOC};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        lede_query *q = NULL;
        lede_search_result r;
        char docs[64] = "";
        OK(lede_query_parse(cases[i].query, &q, NULL, ERR));
        OK(lede_search_run(s, q, &bydoc, &r, ERR));
        for (size_t k = 0; k < r.ndocs; k++) sprintf(docs + strlen(docs), "%s%lld", k ? "," : "", (long long)r.docs[k].doc_id);
        CHECK(strcmp(docs, cases[i].docs) == 0 && r.nhits == cases[i].nhits, "%s: docs %s hits %zu",
              cases[i].query, docs, r.nhits);
        lede_search_result_free(&r);
        lede_query_free(q);
    }
    /* A phrase's hits are exactly lede_index_phrase's (same tokens, same bytes). */
    const char *phrases[] = {"logistical issues", "State Department", "Secretary of State Marco Rubio", "Kyiv’s",
                             "“90%”"};
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++) {
        char query[128];
        snprintf(query, sizeof query, "\"%s\"", phrases[i]);
        lede_query *q = NULL;
        lede_search_result r;
        lede_hits h;
        OK(lede_query_parse(query, &q, NULL, ERR));
        OK(lede_search_run(s, q, &bydoc, &r, ERR));
        OK(lede_index_phrase(ix, phrases[i], &h, ERR));
        int same = r.nhits == h.n;
        for (size_t k = 0; same && k < h.n; k++)
            same = r.hits[k].doc_id == h.hits[k].doc_id && r.hits[k].position == h.hits[k].position &&
                   r.hits[k].ntokens == h.hits[k].ntokens && r.hits[k].start == h.hits[k].start &&
                   r.hits[k].end == h.hits[k].end;
        CHECK(same && h.n > 0, "%s: %zu hits against lede_index_phrase's %zu", phrases[i], r.nhits, h.n);
        lede_hits_free(&h);
        lede_search_result_free(&r);
        lede_query_free(q);
    }
    lede_search_free(s);
    lede_index_close(ix);
    lede_corpus_free(c);
}

int main(void)
{
    test_parse();
    test_parse_errors();
    {
        lede_corpus *c = NULL;
        lede_index *ix = NULL;
        lede_search *s = NULL;
        OK(lede_corpus_new(&c, ERR));
        OK(lede_corpus_add_path(c, "seeds", NULL, ERR));
        OK(lede_index_open(NULL, &ix, ERR));
        OK(lede_index_add(ix, c, NULL, ERR));
        OK(lede_search_new(ix, &s, ERR));
        test_parse_random(s);
        lede_search_free(s);
        lede_index_close(ix);
        lede_corpus_free(c);
    }
    test_search();
    test_kwic();
    test_counts();
    test_dates();
    test_seeds();
    return CHECK_SUMMARY("test_query");
}
