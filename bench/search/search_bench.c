/* search_bench.c — lede-bench-search: ranked phrase and NEAR queries with
 * snippets, lede against SQLite FTS5 on the same texts, in one run.
 *
 *   lede-bench-search PATH [--db FILE] [--queries N] [--runs N] [--show N]
 *
 * Loads PATH (e.g. ../shared/corpora/reuters21578.jsonl), builds (or
 * reuses) a lede index in FILE and an FTS5 table fts5(text) of the same
 * texts in FILE.fts5, and makes N queries (default 100) from the texts
 * themselves, deterministically: half phrases of two or three adjacent
 * words, half NEAR pairs of words three apart. Words are ASCII letters
 * only, at least three of them, so both tokenizers see the same words.
 * Each query runs on both sides, asking for the 10 best documents and a
 * snippet of each:
 *
 *   FTS5   SELECT rowid, bm25(t), snippet(t, 0, '[', ']', '…', 12) FROM t
 *          WHERE t MATCH ?1 ORDER BY bm25(t) LIMIT 10
 *          with ?1 = "a b" or NEAR(a b, 5)
 *   lede   lede_query_parse("\"a b\"" or "a NEAR/5 b"), lede_search_run
 *          (limit 10), lede_search_kwic of each document's first match
 *          (5 tokens of context each side, within its sentence)
 *
 * Both use prepared statements and a warm page cache (a first, untimed
 * pass); each timed run is the wall time of all queries, every result row
 * and snippet read; the median of --runs (default 5) is printed. Also
 * printed: how many of FTS5's top-10 documents lede's top 10 has, and the
 * queries' total matching documents on each side. */
#include "lede.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define TOPK 10

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(const char *what, const char *msg)
{
    fprintf(stderr, "lede-bench-search: %s: %s\n", what, msg);
    exit(1);
}

/* A query in both languages. */
typedef struct bquery {
    char lede[128], fts[128];
} bquery;

/* Whether a token's text is ASCII letters only, at least 3, and not one of
 * a few function words (so that queries are selective). */
static int plain_word(const char *text, const lede_token *t)
{
    static const char *const common[] = {"the", "and", "for", "that", "with", "said", "was", "has", "have", "from",
                                         "are", "its", "his", "will", "not", "but", "this", "which", "were", "been",
                                         "reuter", NULL};
    size_t n = t->end - t->start;
    if (t->kind != LEDE_TOKEN_WORD || n < 3 || n > 20) return 0;
    char low[24];
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[t->start + i];
        if (!isalpha(c)) return 0;
        low[i] = (char)tolower(c);
    }
    low[n] = '\0';
    for (const char *const *w = common; *w; w++)
        if (strcmp(low, *w) == 0) return 0;
    return 1;
}

/* The k-th indexed word after token i (its token index), or -1. */
static long word_after(const lede_token *tok, size_t n, size_t i, int k)
{
    for (size_t j = i + 1; j < n; j++) {
        unsigned kind = tok[j].kind;
        if (kind == LEDE_TOKEN_WORD || kind == LEDE_TOKEN_ABBREV || kind == LEDE_TOKEN_NUMBER || kind == LEDE_TOKEN_CJK)
            if (--k == 0) return (long)j;
    }
    return -1;
}

/* Make query q (0-based) from a document of the index. */
static int make_query(lede_index *ix, size_t ndocs, int q, bquery *out)
{
    lede_error err;
    for (int attempt = 0; attempt < 50; attempt++) {
        int64_t id = 1 + (int64_t)(((size_t)q * 7919u + (size_t)attempt * 104729u) % ndocs);
        lede_doc *d = NULL;
        if (lede_index_doc(ix, id, &d, &err)) die("lede_index_doc", err.message);
        size_t n = lede_doc_ntokens(d), len;
        const char *text = lede_doc_text(d, &len);
        const lede_token *tok = lede_doc_tokens(d);
        int found = 0;
        for (size_t s = n ? ((size_t)q * 31u) % n : 0, tries = 0; n && tries < n && !found; tries++, s = (s + 1) % n) {
            if (!plain_word(text, &tok[s])) continue;
            if (q % 2 == 0) {
                /* A phrase of 2 or 3 adjacent words (skipping punctuation, as both do). */
                int k = q % 4 == 0 ? 2 : 3;
                long w[3] = {(long)s, word_after(tok, n, s, 1), word_after(tok, n, s, 2)};
                int ok = 1;
                for (int j = 1; j < k; j++) ok = ok && w[j] >= 0 && plain_word(text, &tok[w[j]]);
                if (!ok) continue;
                char words[96] = "";
                for (int j = 0; j < k; j++)
                    snprintf(words + strlen(words), sizeof words - strlen(words), "%s%.*s", j ? " " : "",
                             (int)(tok[w[j]].end - tok[w[j]].start), text + tok[w[j]].start);
                snprintf(out->lede, sizeof out->lede, "\"%s\"", words);
                snprintf(out->fts, sizeof out->fts, "\"%s\"", words);
            } else {
                /* Two words three apart, within 5 of each other. */
                long b = word_after(tok, n, s, 3);
                if (b < 0 || !plain_word(text, &tok[b])) continue;
                int la = (int)(tok[s].end - tok[s].start), lb = (int)(tok[b].end - tok[b].start);
                snprintf(out->lede, sizeof out->lede, "%.*s NEAR/5 %.*s", la, text + tok[s].start, lb,
                         text + tok[b].start);
                snprintf(out->fts, sizeof out->fts, "NEAR(%.*s %.*s, 5)", la, text + tok[s].start, lb,
                         text + tok[b].start);
            }
            found = 1;
        }
        lede_doc_free(d);
        if (found) return 0;
    }
    return -1;
}

/* The result of one side for one query: its top documents. */
typedef struct topk {
    int64_t ids[TOPK];
    size_t n, total;
    size_t snippet_bytes;
} topk;

static sqlite3 *open_fts(const char *path, lede_corpus *corpus)
{
    sqlite3 *db = NULL;
    struct stat st;
    int exists = stat(path, &st) == 0 && st.st_size > 0;
    if (sqlite3_open(path, &db) != SQLITE_OK) die(path, sqlite3_errmsg(db));
    if (exists) return db;
    char *msg = NULL;
    if (sqlite3_exec(db, "PRAGMA journal_mode = WAL; BEGIN; CREATE VIRTUAL TABLE t USING fts5(text)", NULL, NULL,
                     &msg) != SQLITE_OK)
        die("create fts5", msg);
    sqlite3_stmt *ins = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, text) VALUES(?, ?)", -1, &ins, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(db));
    for (size_t i = 0, n = lede_corpus_count(corpus); i < n; i++) {
        size_t len;
        const char *text = lede_doc_text(lede_corpus_doc(corpus, i), &len);
        sqlite3_bind_int64(ins, 1, (sqlite3_int64)i + 1);
        sqlite3_bind_text(ins, 2, text, (int)len, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE) die("fts5 insert", sqlite3_errmsg(db));
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) die("commit", msg);
    return db;
}

/* Run every query through FTS5. */
static void run_fts(sqlite3 *db, sqlite3_stmt *st, sqlite3_stmt *count, const bquery *qs, int nq, topk *out)
{
    for (int q = 0; q < nq; q++) {
        topk *r = &out[q];
        r->n = r->snippet_bytes = 0;
        sqlite3_bind_text(st, 1, qs[q].fts, -1, SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (r->n < TOPK) r->ids[r->n++] = sqlite3_column_int64(st, 0);
            (void)sqlite3_column_double(st, 1);
            r->snippet_bytes += (size_t)sqlite3_column_bytes(st, 2);
        }
        if (rc != SQLITE_DONE) die(qs[q].fts, sqlite3_errmsg(db));
        sqlite3_reset(st);
        if (count) {
            sqlite3_bind_text(count, 1, qs[q].fts, -1, SQLITE_STATIC);
            if (sqlite3_step(count) == SQLITE_ROW) r->total = (size_t)sqlite3_column_int64(count, 0);
            sqlite3_reset(count);
        }
    }
}

/* Run every query through lede: ranked top 10 and a KWIC line for each. */
static void run_lede(lede_search *s, lede_query **parsed, int nq, topk *out)
{
    lede_error err;
    lede_search_opts o = {.limit = TOPK};
    lede_kwic_opts ko = {.context = 5};
    lede_hit first[TOPK];
    for (int q = 0; q < nq; q++) {
        topk *r = &out[q];
        lede_search_result res;
        if (lede_search_run(s, parsed[q], &o, &res, &err)) die("lede_search_run", err.message);
        r->n = res.ndocs;
        r->total = res.total;
        size_t nfirst = 0;
        for (size_t i = 0; i < res.ndocs; i++) {
            r->ids[i] = res.docs[i].doc_id;
            if (res.docs[i].nhits) first[nfirst++] = res.hits[res.docs[i].first_hit];
        }
        lede_kwic k;
        if (lede_search_kwic(s, first, nfirst, &ko, &k, &err)) die("lede_search_kwic", err.message);
        r->snippet_bytes = 0;
        for (size_t i = 0; i < k.n; i++) r->snippet_bytes += k.lines[i].right - k.lines[i].left;
        lede_kwic_free(&k);
        lede_search_result_free(&res);
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *db_path = "/tmp/lede-bench-search.db";
    int nq = 100, runs = 5, show = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) db_path = argv[++i];
        else if (strcmp(argv[i], "--queries") == 0 && i + 1 < argc) nq = atoi(argv[++i]);
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) show = atoi(argv[++i]);
        else if (argv[i][0] != '-' && !path) path = argv[i];
        else {
            fprintf(stderr, "usage: lede-bench-search PATH [--db FILE] [--queries N] [--runs N] [--show N]\n");
            return 2;
        }
    }
    if (!path || nq < 1 || runs < 1) {
        fprintf(stderr, "usage: lede-bench-search PATH [--db FILE] [--queries N] [--runs N] [--show N]\n");
        return 2;
    }
    lede_error err;
    lede_corpus *corpus = NULL;
    if (lede_corpus_new(&corpus, &err) || lede_corpus_add_path(corpus, path, NULL, &err)) die(path, err.message);
    lede_index *ix = NULL;
    size_t added = 0;
    double t0 = now();
    if (lede_index_open(db_path, &ix, &err) || lede_index_add(ix, corpus, &added, &err)) die(db_path, err.message);
    double t_lede_build = now() - t0;
    char fts_path[1100];
    snprintf(fts_path, sizeof fts_path, "%s.fts5", db_path);
    t0 = now();
    sqlite3 *db = open_fts(fts_path, corpus);
    double t_fts_build = now() - t0;
    size_t ndocs = lede_index_ndocs(ix);
    printf("%s: %zu documents; lede index %s (%s, %.2f s), FTS5 %s (%.2f s)\n", path, ndocs, db_path,
           added ? "built" : "reused", t_lede_build, fts_path, t_fts_build);

    bquery *qs = calloc((size_t)nq, sizeof *qs);
    lede_query **parsed = calloc((size_t)nq, sizeof *parsed);
    topk *a = calloc((size_t)nq, sizeof *a), *b = calloc((size_t)nq, sizeof *b);
    if (!qs || !parsed || !a || !b) die("memory", "out of memory");
    for (int q = 0; q < nq; q++) {
        if (make_query(ix, ndocs, q, &qs[q])) die("queries", "could not make a query from the texts");
        if (lede_query_parse(qs[q].lede, &parsed[q], NULL, &err)) die(qs[q].lede, err.message);
    }
    sqlite3_stmt *st = NULL, *count = NULL;
    if (sqlite3_prepare_v3(db,
                           "SELECT rowid, bm25(t), snippet(t, 0, '[', ']', '…', 12) FROM t WHERE t MATCH ?1 "
                           "ORDER BY bm25(t) LIMIT 10",
                           -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &count, NULL) != SQLITE_OK)
        die("prepare", sqlite3_errmsg(db));
    lede_search *s = NULL;
    if (lede_search_new(ix, &s, &err)) die("lede_search_new", err.message);

    /* Untimed pass: warms both caches, counts matches and compares. */
    run_fts(db, st, count, qs, nq, b);
    run_lede(s, parsed, nq, a);
    size_t overlap = 0, fts_top = 0, total_a = 0, total_b = 0, same_total = 0;
    for (int q = 0; q < nq; q++) {
        for (size_t i = 0; i < b[q].n; i++)
            for (size_t j = 0; j < a[q].n; j++)
                if (b[q].ids[i] == a[q].ids[j]) overlap++;
        fts_top += b[q].n;
        total_a += a[q].total;
        total_b += b[q].total;
        same_total += a[q].total == b[q].total;
        if (q < show)
            printf("  %-34s %-34s lede %zu docs, FTS5 %zu\n", qs[q].lede, qs[q].fts, a[q].total, b[q].total);
    }
    double *tf = calloc((size_t)runs, sizeof *tf), *tl = calloc((size_t)runs, sizeof *tl);
    for (int r = 0; r < runs; r++) {
        double t = now();
        run_fts(db, st, NULL, qs, nq, b);
        tf[r] = now() - t;
        t = now();
        run_lede(s, parsed, nq, a);
        tl[r] = now() - t;
    }
    qsort(tf, (size_t)runs, sizeof *tf, cmp_double);
    qsort(tl, (size_t)runs, sizeof *tl, cmp_double);
    printf("%d queries (%d phrases, %d NEAR/5), top %d documents each with one snippet, median of %d runs:\n", nq,
           (nq + 1) / 2, nq / 2, TOPK, runs);
    printf("  FTS5 bm25() + snippet()        %8.4f s  (%.3f ms per query)\n", tf[runs / 2], tf[runs / 2] * 1e3 / nq);
    printf("  lede BM25 + KWIC (byte spans)  %8.4f s  (%.3f ms per query)\n", tl[runs / 2], tl[runs / 2] * 1e3 / nq);
    printf("  lede / FTS5: %.2f\n", tl[runs / 2] / tf[runs / 2]);
    printf("matching documents: lede %zu, FTS5 %zu (same count for %zu of %d queries); "
           "FTS5's top documents also in lede's top %d: %zu of %zu\n",
           total_a, total_b, same_total, nq, TOPK, overlap, fts_top);
    for (int q = 0; q < nq; q++) lede_query_free(parsed[q]);
    free(parsed);
    free(qs);
    free(a);
    free(b);
    free(tf);
    free(tl);
    sqlite3_finalize(st);
    sqlite3_finalize(count);
    sqlite3_close(db);
    lede_search_free(s);
    lede_index_close(ix);
    lede_corpus_free(corpus);
    return 0;
}
