/* index_bench.c — lede-bench-index: how fast lede indexes a corpus compared
 * with SQLite FTS5 indexing the same texts.
 *
 *   lede-bench-index PATH [--db FILE] [--runs N] [--only analyze|lede|lede-1t|fts5]
 *
 * Loads PATH with the lede loader, then times, for each run:
 *   analyze   tokenizing and segmenting every document (no database)
 *   lede      lede_index_add into a fresh FILE (tokens, sentences,
 *             positions, byte spans), open to close
 *   lede-1t   the same without the analyzer thread (index_analyzer.c)
 *   fts5      CREATE VIRTUAL TABLE … USING fts5(title, text) filled with the
 *             same titles and texts into a fresh FILE.fts5, open to close
 * Both databases use journal_mode=WAL and synchronous=NORMAL; the times
 * include the checkpoint at close. Peak memory is VmHWM, reset before each
 * phase by writing 5 to /proc/self/clear_refs. With --runs N the medians
 * are printed after the runs. */
#include "doc.h"
#include "index.h"
#include "lede.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { PHASE_ANALYZE, PHASE_LEDE, PHASE_LEDE_1T, PHASE_FTS5, NPHASES };
static const char *const PHASE_NAMES[NPHASES] = {"analyze", "lede", "lede-1t", "fts5"};

typedef struct measure {
    double seconds, peak_mb, rss_start_mb, size_mb, close_seconds, cpu_seconds;
} measure;

static double clock_seconds(clockid_t id)
{
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Wall-clock time, and the CPU time of this process (user + system: less
 * disturbed than wall time on a shared machine). */
static double now(void) { return clock_seconds(CLOCK_MONOTONIC); }
static double cpu_now(void) { return clock_seconds(CLOCK_PROCESS_CPUTIME_ID); }

/* A field of /proc/self/status in MB ("VmHWM", "VmRSS"), or -1. */
static double status_mb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    double mb = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':') mb = atof(line + n + 1) / 1024.0;
    if (f) fclose(f);
    return mb;
}

/* Reset the peak-RSS mark to the current RSS (Linux ≥ 4.0). */
static void reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (f) {
        fputs("5", f);
        fclose(f);
    }
}

/* Return freed heap to the system first, so a phase does not run on memory
 * the previous one left in the heap and look smaller than it is. */
static void begin_phase(measure *m)
{
    malloc_trim(0);
    reset_peak();
    m->rss_start_mb = status_mb("VmRSS");
    m->cpu_seconds = cpu_now();
    m->seconds = now();
}

static void end_phase(measure *m)
{
    m->seconds = now() - m->seconds;
    m->cpu_seconds = cpu_now() - m->cpu_seconds;
    m->peak_mb = status_mb("VmHWM");
}

static double file_mb(const char *path)
{
    struct stat st;
    char buf[1100];
    double mb = stat(path, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    snprintf(buf, sizeof buf, "%s-wal", path);
    if (stat(buf, &st) == 0) mb += (double)st.st_size / 1e6;
    return mb;
}

static void remove_db(const char *path)
{
    char buf[1100];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
}

static void die(const char *what, const lede_error *err)
{
    fprintf(stderr, "lede-bench-index: %s: %s\n", what, err ? err->message : "");
    exit(1);
}

/* Tokenize and segment every document, then drop the analysis again. */
static void run_analyze(lede_corpus *corpus)
{
    lede_error err;
    for (size_t i = 0, n = lede_corpus_count(corpus); i < n; i++) {
        lede_doc *doc = lede_corpus_doc(corpus, i);
        if (lede_doc_analyze(doc, &err)) die("analyze", &err);
        lede_token_buf_free(&doc->tokens);
        lede_segments_free(&doc->segments);
        memset(&doc->tokens, 0, sizeof doc->tokens);
        memset(&doc->segments, 0, sizeof doc->segments);
        doc->analyzed = 0;
    }
}

/* Returns the seconds spent closing (the WAL checkpoint). single_thread:
 * no analyzer thread (index.h), to show what the second thread buys. */
static double run_lede(lede_corpus *corpus, const char *path, int single_thread)
{
    lede_error err;
    lede_index *index = NULL;
    size_t added = 0;
    if (lede_index_open(path, &index, &err)) die("lede_index_open", &err);
    index->single_thread = single_thread;
    if (lede_index_add(index, corpus, &added, &err)) die("lede_index_add", &err);
    double t = now();
    lede_index_close(index);
    return now() - t;
}

static void sql_or_die(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "lede-bench-index: %s: %s\n", sql, msg);
        exit(1);
    }
}

static double run_fts5(lede_corpus *corpus, const char *path)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        fprintf(stderr, "lede-bench-index: %s: %s\n", path, sqlite3_errmsg(db));
        exit(1);
    }
    sql_or_die(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; BEGIN;"
                   "CREATE VIRTUAL TABLE docs USING fts5(title, text)");
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO docs(title, text) VALUES(?, ?)", -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "lede-bench-index: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    for (size_t i = 0, n = lede_corpus_count(corpus); i < n; i++) {
        lede_doc *doc = lede_corpus_doc(corpus, i);
        size_t len;
        const char *text = lede_doc_text(doc, &len);
        const char *title = lede_doc_meta(doc)->title;
        if (title)
            sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 1);
        sqlite3_bind_text(st, 2, text, (int)len, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "lede-bench-index: fts5 insert: %s\n", sqlite3_errmsg(db));
            exit(1);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sql_or_die(db, "COMMIT");
    double t = now();
    sqlite3_close(db);
    return now() - t;
}

/* Bytes per table and index of a database (SQLite's dbstat). */
static void print_sizes(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", -1, &st,
                           NULL) == SQLITE_OK) {
        printf("  %-28s %10s\n", "table or index", "MB");
        while (sqlite3_step(st) == SQLITE_ROW)
            printf("  %-28s %10.2f\n", sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1) / 1e6);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_row(const char *name, const measure *m, double mb, size_t ndocs)
{
    printf("%-8s %7.3f s (cpu %.3f s, close %.3f s) %6.2f MB/s %7.0f docs/s %6.1f MB peak (+%.1f) %6.1f MB on disk\n",
           name, m->seconds, m->cpu_seconds, m->close_seconds, mb / m->seconds, (double)ndocs / m->seconds,
           m->peak_mb, m->peak_mb - m->rss_start_mb, m->size_mb);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *db = "lede-bench-index.db", *only = NULL;
    int runs = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db = argv[++i];
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (strcmp(argv[i], "--help") == 0) {
            printf("usage: lede-bench-index PATH [--db FILE] [--runs N] [--only analyze|lede|lede-1t|fts5]\n");
            return 0;
        } else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            fprintf(stderr, "usage: lede-bench-index PATH [--db FILE] [--runs N] [--only analyze|lede|lede-1t|fts5]\n");
            return 2;
        }
    }
    if (!path || runs < 1 || runs > 99) {
        fprintf(stderr, "usage: lede-bench-index PATH [--db FILE] [--runs N] [--only analyze|lede|lede-1t|fts5]\n");
        return 2;
    }
    char fts_db[1024];
    snprintf(fts_db, sizeof fts_db, "%s.fts5", db);

    lede_error err;
    lede_corpus *corpus = NULL;
    measure load = {0};
    begin_phase(&load);
    if (lede_corpus_new(&corpus, &err) || lede_corpus_add_path(corpus, path, NULL, &err)) die(path, &err);
    end_phase(&load);
    size_t ndocs = lede_corpus_count(corpus);
    double mb = 0;
    for (size_t i = 0; i < ndocs; i++) {
        size_t len;
        lede_doc_text(lede_corpus_doc(corpus, i), &len);
        mb += (double)len / 1e6;
    }
    printf("%s: %zu documents, %.2f MB of text; SQLite %s\n", path, ndocs, mb, sqlite3_libversion());
    print_row("load", &load, mb, ndocs);

    measure all[NPHASES][99];
    for (int r = 0; r < runs; r++) {
        for (int p = 0; p < NPHASES; p++) {
            measure *m = &all[p][r];
            if (only && strcmp(only, PHASE_NAMES[p]) != 0) {
                memset(m, 0, sizeof *m);
                continue;
            }
            const char *file = p == PHASE_FTS5 ? fts_db : db;
            if (p != PHASE_ANALYZE) remove_db(file);
            begin_phase(m);
            if (p == PHASE_ANALYZE) run_analyze(corpus);
            if (p == PHASE_LEDE || p == PHASE_LEDE_1T)
                m->close_seconds = run_lede(corpus, db, p == PHASE_LEDE_1T);
            if (p == PHASE_FTS5) m->close_seconds = run_fts5(corpus, fts_db);
            end_phase(m);
            m->size_mb = p == PHASE_ANALYZE ? 0 : file_mb(file);
            if (runs > 1) printf("run %d: ", r + 1);
            print_row(PHASE_NAMES[p], m, mb, ndocs);
        }
    }
    if (runs > 1) {
        printf("medians of %d runs:\n", runs);
        for (int p = 0; p < NPHASES; p++) {
            if (only && strcmp(only, PHASE_NAMES[p]) != 0) continue;
            double s[99], peak[99], start[99], size[99], close[99], cpu[99];
            for (int r = 0; r < runs; r++) {
                s[r] = all[p][r].seconds;
                peak[r] = all[p][r].peak_mb;
                start[r] = all[p][r].rss_start_mb;
                size[r] = all[p][r].size_mb;
                close[r] = all[p][r].close_seconds;
                cpu[r] = all[p][r].cpu_seconds;
            }
            measure m = {median(s, runs), median(peak, runs), median(start, runs), median(size, runs),
                         median(close, runs), median(cpu, runs)};
            print_row(PHASE_NAMES[p], &m, mb, ndocs);
        }
    }
    printf("lede index %s:\n", db);
    print_sizes(db);
    lede_corpus_free(corpus);
    return 0;
}
