/* test_crash.c — crash safety of `lede index`, with the real program.
 *
 * A corpus big enough for the write to take a while is generated in a
 * temporary folder: A (the documents already in the index) and B (the ones a
 * second `lede index A B --db FILE` adds). Then:
 *
 *   1. kills: the second run is killed with SIGKILL at several moments —
 *      after fractions of its measured duration, and when its WAL file has
 *      grown to fractions of what the whole write adds (so certainly inside
 *      the transaction). After each kill the database must pass SQLite's
 *      integrity_check and hold exactly the old documents or exactly the new
 *      ones, with postings that agree with the documents table, and every
 *      document must read back; the next `lede index` must then complete,
 *      warn that the earlier write was interrupted (when it was), and leave
 *      the new state.
 *      A first build (no file yet) is killed early at a few moments too: what
 *      is left is no index, an empty one or the whole one, and the next run
 *      builds it.
 *   2. readers: while a writer extends the index, this process (through the
 *      C API, each check inside one read transaction) and the lede program
 *      (`lede run` of a small reader) query it again and again; every answer
 *      must be the before or the after state, never a mix, and reads must
 *      succeed while the write is under way.
 *   3. two writers at once: one waits for the other; both succeed and the
 *      documents are added once.
 *
 * The program is $LEDE_BIN, else ../lede beside this test's own folder
 * (build/tests/test_crash -> build/lede). */
#include "index.h"
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>


/* Stop the test at once (setup failures). */
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("test_crash: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* Documents in A and in B; B's are what a run adds, and must be enough to
 * keep the writer busy for a while. */
#define NDOCS_A 40
#define NDOCS_B 2500
/* Every document holds this word once: its df must equal the document count. */
#define MARK_WORD "zyxcrashmark"

static char tmpdir[] = "/tmp/lede-test-crash-XXXXXX";
static char lede_bin[4096];

/* A path inside the temporary folder (8 rotating buffers). */
static const char *tmp_path(const char *name)
{
    static char buf[8][600];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 600, "%s/%s", tmpdir, name);
    return p;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sleep for s seconds. */
static void pause_for(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* Size of a file, 0 if it does not exist. */
static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* A small deterministic generator (xorshift64*), so every run writes the same corpus. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

/* Write `n` articles named dir/NNNNN.txt: paragraphs of sentences of
 * made-up words (a vocabulary of a few thousand), the mark word once. */
static void make_corpus(const char *dir, int n)
{
    static const char *syll[] = {"ka", "lo", "mer", "tan", "vi", "sor", "pe", "dun", "ra", "gel",
                                 "mo", "ti", "bra", "ne", "sul", "fa", "cor", "wi", "zen", "hu"};
    const int nsyll = (int)(sizeof syll / sizeof *syll);
    if (mkdir(dir, 0700) != 0) die("mkdir %s: %s", dir, strerror(errno));
    for (int d = 0; d < n; d++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%05d.txt", dir, d);
        FILE *f = fopen(path, "w");
        if (!f) die("%s: %s", path, strerror(errno));
        fprintf(f, "Article %d of the crash corpus\n\n", d);
        int nsent = 25 + (int)(rng() % 20);
        for (int s = 0; s < nsent; s++) {
            int nwords = 8 + (int)(rng() % 12);
            for (int w = 0; w < nwords; w++) {
                if (s == 3 && w == 2) {
                    fputs(MARK_WORD, f);
                } else {
                    int k = 1 + (int)(rng() % 3);
                    for (int i = 0; i < k; i++) {
                        const char *sy = syll[rng() % (uint64_t)nsyll];
                        fputc(w == 0 && i == 0 ? sy[0] - 'a' + 'A' : sy[0], f);
                        fputs(sy + 1, f);
                    }
                }
                fputs(w + 1 < nwords ? " " : ". ", f);
            }
            if (s % 5 == 4) fputs("\n\n", f);
        }
        fputc('\n', f);
        fclose(f);
    }
}

/* Copy a file (an index without WAL companions: it was closed cleanly). */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) die("copy %s -> %s: %s", from, to, strerror(errno));
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    if (fclose(out) != 0) die("copy to %s failed", to);
}

/* Remove an index and its WAL companions. */
static void remove_db(const char *path)
{
    char buf[700];
    unlink(path);
    snprintf(buf, sizeof buf, "%s-wal", path);
    unlink(buf);
    snprintf(buf, sizeof buf, "%s-shm", path);
    unlink(buf);
}

/* Start lede with argv (NULL-terminated, argv[0] ignored), stdout and
 * stderr to the file `log`. */
static pid_t spawn(char *const argv[], const char *log)
{
    pid_t pid = fork();
    if (pid < 0) die("fork: %s", strerror(errno));
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) _exit(126);
        dup2(fd, 1);
        dup2(fd, 2);
        close(fd);
        execv(lede_bin, argv);
        _exit(127);
    }
    return pid;
}

/* Wait for pid; its exit code, or 128 + signal. */
static int wait_for(pid_t pid)
{
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) die("waitpid: %s", strerror(errno));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Run `lede index A B --db db` to the end; its exit code, output in log. */
static int run_index(const char *db, const char *log)
{
    char *argv[] = {"lede", "index", (char *)tmp_path("A"), (char *)tmp_path("B"), "--db", (char *)db, NULL};
    return wait_for(spawn(argv, log));
}

/* The whole of a small file as a string (static buffer). */
static const char *slurp(const char *path)
{
    static char buf[8192];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f) fclose(f);
    buf[n] = '\0';
    return buf;
}

/* One integer from SQL on db (-1 on failure). */
static long long sql_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Check a database left by a killed writer: SQLite's integrity_check says
 * "ok", it holds exactly `before` or `after` documents, the postings agree
 * with the documents table, and every document reads back through lede.
 * Returns the document count (-1 when it could not even be opened). */
static long long check_state(const char *db_path, const char *when, long long before, long long after)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        CHECK(0, "%s: cannot open %s: %s", when, db_path, sqlite3_errmsg(db));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_stmt *st = NULL;
    char verdict[256] = "";
    int rows = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            if (!rows++) snprintf(verdict, sizeof verdict, "%s", (const char *)sqlite3_column_text(st, 0));
        }
    sqlite3_finalize(st);
    CHECK(rows == 1 && strcmp(verdict, "ok") == 0, "%s: integrity_check: %d rows, first '%s'", when, rows,
          verdict);
    long long n = sql_int(db, "SELECT count(*) FROM documents");
    CHECK(n == before || n == after, "%s: %lld documents, expected %lld or %lld", when, n, before, after);
    CHECK(sql_int(db, "SELECT coalesce(max(id), 0) FROM documents") == n, "%s: ids are not 1..%lld", when, n);
    CHECK(sql_int(db, "SELECT coalesce(max(last_doc), 0) FROM postings") == n,
          "%s: postings name documents up to %lld, there are %lld", when,
          sql_int(db, "SELECT max(last_doc) FROM postings"), n);
    CHECK(sql_int(db, "SELECT coalesce(sum(ndocs), 0) FROM postings WHERE term = '" MARK_WORD "'") == n,
          "%s: df of the mark word disagrees with %lld documents", when, n);
    sqlite3_close(db);

    lede_index *ix = NULL;
    lede_error err = {0};
    if (lede_index_open(db_path, &ix, &err) != LEDE_OK) {
        CHECK(0, "%s: lede cannot open the index: %s", when, err.message);
        return n;
    }
    CHECK(lede_index_ndocs(ix) == (size_t)n, "%s: lede counts %zu documents", when, lede_index_ndocs(ix));
    int bad = 0;
    for (long long id = 1; id <= n; id++) {
        lede_doc *doc = NULL;
        if (lede_index_doc(ix, id, &doc, &err) != LEDE_OK) {
            if (!bad++) CHECK(0, "%s: document %lld does not read back: %s", when, id, err.message);
        }
        lede_doc_free(doc);
    }
    lede_index_close(ix);
    return n;
}

/* Kill a run of `lede index A B` on a copy of the base index when `when`
 * says so, check what it left, then finish with a second run. Returns 1
 * if the kill landed before the write committed (the old state). */
typedef struct trigger {
    double after_s;      /* kill this long after the start (if > 0) */
    long long wal_bytes; /* or once the WAL file is this large (if > 0) */
} trigger;

static int kill_and_recover(const char *label, trigger t, long long before, long long after)
{
    const char *db = tmp_path("kill.db"), *log = tmp_path("kill.log");
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", db);
    remove_db(db);
    copy_file(tmp_path("base.db"), db);
    char *argv[] = {"lede", "index", (char *)tmp_path("A"), (char *)tmp_path("B"), "--db", (char *)db, NULL};
    double start = now();
    pid_t pid = spawn(argv, log);
    int killed = 0, status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid) break; /* finished before the trigger */
        int fire = (t.after_s > 0 && now() - start >= t.after_s) ||
                   (t.wal_bytes > 0 && file_size(wal) >= t.wal_bytes);
        if (fire) {
            kill(pid, SIGKILL);
            wait_for(pid);
            killed = 1;
            break;
        }
        pause_for(0.0005);
    }
    char when[200];
    snprintf(when, sizeof when, "%s (%s at %.3f s)", label, killed ? "killed" : "finished", now() - start);
    long long n = check_state(db, when, before, after);
    if (t.wal_bytes > 0 && killed)
        CHECK(n == before, "%s: a kill inside the transaction must leave the old state", when);
    int old_state = n == before;

    /* The next run completes, and says that the last one was interrupted. */
    const char *log2 = tmp_path("rerun.log");
    int code = run_index(db, log2);
    const char *out = slurp(log2);
    CHECK(code == 0, "%s: the next lede index exited %d: %s", when, code, out);
    char expect[200];
    snprintf(expect, sizeof expect, "%lld added, %lld in the index", old_state ? after - before : 0, after);
    CHECK(strstr(out, expect) != NULL, "%s: the next run said: %s", when, out);
    if (old_state && killed && file_size(wal) > 0)
        CHECK(strstr(out, "was interrupted before it finished") != NULL,
              "%s: the next run did not report the interrupted write: %s", when, out);
    if (!killed)
        CHECK(strstr(out, "interrupted") == NULL, "%s: a false report of an interrupted write: %s", when, out);
    check_state(db, "after the next run", after, after);
    printf("  %-34s -> %s state\n", when, old_state ? "old" : "new");
    return killed && old_state;
}

/* A first build killed: `lede index A --db new.db` on no file at all,
 * killed after `after_s`. What is left must be no file, or an index (maybe
 * still without its tables) that lede opens with 0 or all of A's
 * documents; the next run must build it whole. */
static void kill_first_build(double after_s, long long ndocs)
{
    const char *db = tmp_path("first.db"), *log = tmp_path("first.log");
    remove_db(db);
    char *argv[] = {"lede", "index", (char *)tmp_path("A"), "--db", (char *)db, NULL};
    double start = now();
    pid_t pid = spawn(argv, log);
    int status, killed = 0;
    while (waitpid(pid, &status, WNOHANG) != pid) {
        if (now() - start >= after_s) {
            kill(pid, SIGKILL);
            wait_for(pid);
            killed = 1;
            break;
        }
        pause_for(0.0005);
    }
    char when[120];
    snprintf(when, sizeof when, "first build %s at %.3f s", killed ? "killed" : "finished", now() - start);
    const char *left = file_size(db) == 0 ? "no index" : "an index";
    long long n = -1;
    if (file_size(db) == 0) {
        n = 0; /* nothing written yet: an empty file or none, which the next run makes an index */
    } else {
        sqlite3 *sq = NULL;
        if (sqlite3_open_v2(db, &sq, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
            CHECK(sql_int(sq, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1,
                  "%s: integrity_check fails", when);
            int has_tables = sql_int(sq, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'") == 1;
            sqlite3_close(sq);
            n = has_tables ? check_state(db, when, 0, ndocs) : 0;
        } else {
            CHECK(0, "%s: cannot open what was left", when);
            sqlite3_close(sq);
        }
    }
    CHECK(n == 0 || n == ndocs, "%s: %lld documents", when, n);
    int code = wait_for(spawn(argv, tmp_path("first2.log")));
    CHECK(code == 0, "%s: the next run exited %d: %s", when, code, slurp(tmp_path("first2.log")));
    check_state(db, "after the next first build", ndocs, ndocs);
    printf("  %-34s -> %s, %lld documents\n", when, left, n);
    remove_db(db);
}

/* The reader of part 2, as a user's script: prints "#ix df" in one line. */
static const char READER_LUA[] =
    "local lede = require 'lede'\n"
    "local ix = assert(lede.index_open(arg[1]))\n"
    "print(#ix, ix:df('" MARK_WORD "'))\n"
    "ix:close()\n";

/* Part 2: readers while a writer extends the index. */
static void test_readers(long long before, long long after)
{
    const char *db = tmp_path("read.db"), *lua = tmp_path("reader.lua"), *rlog = tmp_path("reader.log");
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", db);
    remove_db(db);
    copy_file(tmp_path("base.db"), db);
    FILE *f = fopen(lua, "w");
    if (!f) die("%s: %s", lua, strerror(errno));
    fputs(READER_LUA, f);
    fclose(f);

    char *argv[] = {"lede", "index", (char *)tmp_path("A"), (char *)tmp_path("B"), "--db", (char *)db, NULL};
    pid_t writer = spawn(argv, tmp_path("writer.log"));
    int reads = 0, reads_old = 0, reads_mid = 0, program_reads = 0, failed_reads = 0, status = 0;
    for (int round = 0;; round++) {
        if (waitpid(writer, &status, WNOHANG) == writer) break;
        long long wal_before = file_size(wal);
        lede_index *ix = NULL;
        lede_error err = {0};
        if (lede_index_open(db, &ix, &err) != LEDE_OK) {
            if (!failed_reads++) CHECK(0, "a reader cannot open the index during a write: %s", err.message);
            continue;
        }
        /* One read transaction: the count, the df and the last document
         * all come from the same snapshot. */
        sqlite3_exec(ix->db, "BEGIN", NULL, NULL, NULL);
        size_t n = lede_index_ndocs(ix), df = 0;
        int df_rc = lede_index_df(ix, MARK_WORD, &df, &err);
        lede_doc *last = NULL;
        int doc_rc = n ? lede_index_doc(ix, (int64_t)n, &last, &err) : LEDE_OK;
        sqlite3_exec(ix->db, "COMMIT", NULL, NULL, NULL);
        lede_doc_free(last);
        lede_index_close(ix);
        reads++;
        CHECK(df_rc == LEDE_OK && doc_rc == LEDE_OK, "a read failed during the write: %s", err.message);
        CHECK((n == (size_t)before || n == (size_t)after) && df == n,
              "a reader saw %zu documents and a df of %zu (expected %lld or %lld, equal)", n, df, before,
              after);
        if (n == (size_t)before) {
            reads_old++;
            if (wal_before > (1 << 20)) reads_mid++; /* the writer's transaction had written pages */
        }
        if (round % 4 == 0) { /* the lede program as a reader, too */
            char *rargv[] = {"lede", "run", (char *)lua, (char *)db, NULL};
            int code = wait_for(spawn(rargv, rlog));
            long long pn = -1, pdf = -2;
            const char *out = slurp(rlog);
            CHECK(code == 0 && sscanf(out, "%lld %lld", &pn, &pdf) == 2, "lede reader exited %d: %s", code, out);
            CHECK((pn == before || pn == after) && pdf == pn, "the lede reader saw %lld documents, df %lld", pn,
                  pdf);
            program_reads++;
        }
        pause_for(0.002);
    }
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer exited with status %d", status);
    check_state(db, "after the concurrent write", after, after);
    printf("  readers: %d reads (%d old, %d of them while the WAL held the open write), %d by the program\n",
           reads, reads_old, reads_mid, program_reads);
    CHECK(reads_mid >= 1, "no read happened inside the write (%d reads, %d old)", reads, reads_old);
    CHECK(program_reads >= 1, "the lede program never read during the write");
    remove_db(db);
}

/* Two writers at once on one index: SQLite's write lock makes one wait for
 * the other (busy timeout), so both succeed, the documents are added once,
 * and neither reports an interrupted write. */
static void test_two_writers(long long before, long long after)
{
    const char *db = tmp_path("two.db");
    remove_db(db);
    copy_file(tmp_path("base.db"), db);
    char *argv[] = {"lede", "index", (char *)tmp_path("A"), (char *)tmp_path("B"), "--db", (char *)db, NULL};
    pid_t first = spawn(argv, tmp_path("w1.log")), second = spawn(argv, tmp_path("w2.log"));
    int c1 = wait_for(first), c2 = wait_for(second);
    char out1[4096], out2[4096];
    snprintf(out1, sizeof out1, "%s", slurp(tmp_path("w1.log")));
    snprintf(out2, sizeof out2, "%s", slurp(tmp_path("w2.log")));
    CHECK(c1 == 0 && c2 == 0, "two writers exited %d and %d: %s / %s", c1, c2, out1, out2);
    char all[100], none[100];
    snprintf(all, sizeof all, "%lld added, %lld in the index", after - before, after);
    snprintf(none, sizeof none, "0 added, %lld in the index", after);
    CHECK((strstr(out1, all) && strstr(out2, none)) || (strstr(out1, none) && strstr(out2, all)),
          "two writers said: %s / %s", out1, out2);
    CHECK(!strstr(out1, "interrupted") && !strstr(out2, "interrupted"), "a false report: %s / %s", out1, out2);
    check_state(db, "after two writers", after, after);
    printf("  two writers at once: both exit 0, one adds %lld, the other 0\n", after - before);
    remove_db(db);
}

/* The lede program: $LEDE_BIN, else ../lede from this test's folder. */
static void find_lede(void)
{
    const char *env = getenv("LEDE_BIN");
    if (env) {
        snprintf(lede_bin, sizeof lede_bin, "%s", env);
    } else {
        char self[4000];
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) die("cannot find myself: %s", strerror(errno));
        self[n] = '\0';
        *strrchr(self, '/') = '\0';
        snprintf(lede_bin, sizeof lede_bin, "%s/../lede", self);
    }
    if (access(lede_bin, X_OK) != 0) die("no lede program at %s (set LEDE_BIN)", lede_bin);
}

int main(void)
{
    find_lede();
    if (!mkdtemp(tmpdir)) die("mkdtemp: %s", strerror(errno));
    make_corpus(tmp_path("A"), NDOCS_A);
    make_corpus(tmp_path("B"), NDOCS_B);
    long long before = NDOCS_A, after = NDOCS_A + NDOCS_B;

    /* The index before: A only. */
    char *argv[] = {"lede", "index", (char *)tmp_path("A"), "--db", (char *)tmp_path("base.db"), NULL};
    double base_start = now();
    int code = wait_for(spawn(argv, tmp_path("base.log")));
    double base_time = now() - base_start;
    if (code != 0) die("building the base index failed (%d): %s", code, slurp(tmp_path("base.log")));
    check_state(tmp_path("base.db"), "the base index", before, before);

    /* A full run, to time it and see how much it writes. */
    remove_db(tmp_path("full.db"));
    copy_file(tmp_path("base.db"), tmp_path("full.db"));
    double t0 = now();
    code = run_index(tmp_path("full.db"), tmp_path("full.log"));
    double full = now() - t0;
    CHECK(code == 0, "the full run exited %d: %s", code, slurp(tmp_path("full.log")));
    long long grown = file_size(tmp_path("full.db")) - file_size(tmp_path("base.db"));
    printf("test_crash: a full run adds %lld documents in %.2f s, %lld bytes\n", after - before, full, grown);
    remove_db(tmp_path("full.db"));

    int inside = 0;
    static const double times[] = {0.05, 0.3, 0.6, 0.9};
    for (size_t i = 0; i < sizeof times / sizeof *times; i++) {
        char label[64];
        snprintf(label, sizeof label, "at %.0f%% of the run time", 100 * times[i]);
        inside += kill_and_recover(label, (trigger){.after_s = times[i] * full}, before, after);
    }
    static const double wal_parts[] = {0.02, 0.2, 0.5, 0.8};
    for (size_t i = 0; i < sizeof wal_parts / sizeof *wal_parts; i++) {
        char label[64];
        snprintf(label, sizeof label, "at %.0f%% of the WAL", 100 * wal_parts[i]);
        inside += kill_and_recover(label, (trigger){.wal_bytes = (long long)(wal_parts[i] * (double)grown)},
                                   before, after);
    }
    CHECK(inside >= 4, "only %d kills landed inside the write; the test proves nothing", inside);

    /* A first build killed at fractions of its time: before the file, in the schema, in the write. */
    static const double first[] = {0.1, 0.3, 0.5, 0.7, 0.9};
    for (size_t i = 0; i < sizeof first / sizeof *first; i++) kill_first_build(first[i] * base_time, before);

    test_readers(before, after);
    test_two_writers(before, after);

    remove_db(tmp_path("base.db"));
    remove_db(tmp_path("kill.db"));
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "test_crash: could not remove %s\n", tmpdir);
    return CHECK_SUMMARY("test_crash");
}
