/* index_pending.c — noticing that an earlier lede_index_add was killed.
 *
 * SQLite already makes a killed write harmless: lede_index_add writes in one
 * transaction, and after a crash the uncommitted frames at the end of the
 * WAL file are ignored, so the index is exactly what the last complete write
 * left. What SQLite does not do is say so. Before its transaction a writer
 * therefore commits a marker row, meta('write_pending', "pid@host since
 * time"), and its transaction deletes the row together with the documents
 * it adds. A writer that finds a marker left by a process that is gone
 * knows that process died mid-write, and lede_index_interrupted reports it.
 *
 * The marker costs one small commit per call (no fsync: WAL with
 * synchronous = NORMAL). */
#include "error.h"
#include "index.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* "pid@host" of this process, into buf. */
static void owner_id(char *buf, size_t size)
{
    char host[256] = "";
    if (gethostname(host, sizeof host) != 0) host[0] = '\0';
    host[sizeof host - 1] = '\0';
    snprintf(buf, size, "%ld@%s", (long)getpid(), host);
}

/* Whether the writer named by a marker value ("pid@host since …") is still
 * running: same host and a live pid (kill(pid, 0) succeeds or is merely not
 * permitted). A marker from another host cannot be checked and counts as
 * gone. */
static int owner_alive(const char *marker)
{
    char *end;
    long pid = strtol(marker, &end, 10);
    if (pid <= 0 || *end != '@') return 0;
    char me[300];
    owner_id(me, sizeof me);
    const char *host = end + 1, *my_host = strchr(me, '@') + 1;
    size_t host_len = strcspn(host, " ");
    if (host_len != strlen(my_host) || memcmp(host, my_host, host_len) != 0) return 0;
    if (pid == (long)getpid()) return 1;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/* Run SQL without results; on failure report `what`. */
static int exec(lede_index *index, const char *sql, const char *what, lede_error *err)
{
    if (sqlite3_exec(index->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return lede_index_dbfail(index, err, what);
    return LEDE_OK;
}

int lede_index_mark_pending(lede_index *index, lede_error *err)
{
    free(index->interrupted);
    index->interrupted = NULL;
    int rc = exec(index, "BEGIN IMMEDIATE", "starting a transaction", err);
    if (rc) return rc;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(index->db, "SELECT value FROM meta WHERE key = 'write_pending'", -1, &st, NULL) !=
        SQLITE_OK) {
        rc = lede_index_dbfail(index, err, "reading the index");
    } else if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        const char *marker = (const char *)sqlite3_column_text(st, 0);
        if (!owner_alive(marker)) {
            char msg[600];
            snprintf(msg, sizeof msg,
                     "%s: an earlier write (process %.300s) was interrupted before it finished; "
                     "it added nothing, and the index holds every write that completed",
                     index->path, marker);
            if (!(index->interrupted = strdup(msg))) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        }
    }
    sqlite3_finalize(st);
    char value[400], since[32];
    owner_id(value, 300);
    time_t now = time(NULL);
    struct tm tm;
    strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    size_t n = strlen(value);
    snprintf(value + n, sizeof value - n, " since %s", since);
    if (rc == LEDE_OK) {
        if (sqlite3_prepare_v2(index->db, "REPLACE INTO meta VALUES('write_pending', ?)", -1, &st, NULL) !=
            SQLITE_OK) {
            rc = lede_index_dbfail(index, err, "marking a write");
        } else {
            sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE) rc = lede_index_dbfail(index, err, "marking a write");
            sqlite3_finalize(st);
        }
    }
    if (rc == LEDE_OK) rc = exec(index, "COMMIT", "marking a write", err);
    if (rc) sqlite3_exec(index->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int lede_index_clear_pending(lede_index *index, lede_error *err)
{
    return exec(index, "DELETE FROM meta WHERE key = 'write_pending'", "clearing the write marker", err);
}

void lede_index_drop_pending(lede_index *index)
{
    sqlite3_exec(index->db,
                 "BEGIN IMMEDIATE; DELETE FROM meta WHERE key = 'write_pending'; COMMIT", NULL, NULL, NULL);
    if (!sqlite3_get_autocommit(index->db)) sqlite3_exec(index->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *lede_index_interrupted(const lede_index *index)
{
    return index ? index->interrupted : NULL;
}
