/* index_schema.c — opening an index database: creating the schema in an
 * empty one, refusing files that are not lede indexes (or are newer than
 * this lede), and closing. The tables are documented in docs/schema.md. */
#include "error.h"
#include "index.h"

#include <stdlib.h>
#include <string.h>

static const char SCHEMA_SQL[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE documents("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " ext_id TEXT, title TEXT, date TEXT, source TEXT, url TEXT,"
    " content_hash INTEGER NOT NULL,"
    " bytes INTEGER NOT NULL,"
    " ntokens INTEGER NOT NULL,"
    " nwords INTEGER NOT NULL,"
    " nsentences INTEGER NOT NULL,"
    " nparagraphs INTEGER NOT NULL,"
    " sentences TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " tokens BLOB NOT NULL,"
    " source_map BLOB);"
    "CREATE INDEX documents_hash ON documents(content_hash);"
    "CREATE TABLE postings("
    " term TEXT NOT NULL,"
    " first_doc INTEGER NOT NULL,"
    " last_doc INTEGER NOT NULL,"
    " ndocs INTEGER NOT NULL,"
    " occurrences INTEGER NOT NULL,"
    " data BLOB NOT NULL,"
    " PRIMARY KEY(term, first_doc)) WITHOUT ROWID;"
    /* Document and collection frequency of each term: sums over its rows. */
    "CREATE VIEW terms(term, df, cf) AS"
    " SELECT term, sum(ndocs), sum(occurrences) FROM postings GROUP BY term;"
    /* Rows of the JSON array documents.sentences, and the paragraphs they
     * make up: each paragraph is the run of sentences naming it. */
    "CREATE VIEW sentences(doc, idx, paragraph, start_byte, end_byte, first_token, ntokens) AS"
    " SELECT d.id, CAST(s.key AS INTEGER), json_extract(s.value, '$[4]'), json_extract(s.value, '$[0]'),"
    " json_extract(s.value, '$[1]'), json_extract(s.value, '$[2]'), json_extract(s.value, '$[3]')"
    " FROM documents AS d, json_each(d.sentences) AS s;"
    "CREATE VIEW paragraphs(doc, idx, start_byte, end_byte, first_sentence, nsentences, first_token,"
    " ntokens) AS"
    " SELECT doc, paragraph, min(start_byte), max(end_byte), min(idx), count(*), min(first_token),"
    " sum(ntokens) FROM sentences GROUP BY doc, paragraph;";

/* "<path>: <what>: <SQLite's message>" as LEDE_ERR_DB. */
int lede_index_dbfail(const lede_index *index, lede_error *err, const char *what)
{
    return lede_fail(err, LEDE_ERR_DB, "%s: %s: %s", index->path, what, sqlite3_errmsg(index->db));
}

/* Prepare a statement kept for the index's lifetime, once. */
int lede_index_prepare(lede_index *index, sqlite3_stmt **slot, const char *sql, lede_error *err)
{
    if (*slot) return LEDE_OK;
    if (sqlite3_prepare_v3(index->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
        return lede_index_dbfail(index, err, "preparing a query");
    return LEDE_OK;
}

/* Run SQL without results; on failure report `what`. */
static int exec(lede_index *index, const char *sql, const char *what, lede_error *err)
{
    if (sqlite3_exec(index->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return lede_index_dbfail(index, err, what);
    return LEDE_OK;
}

/* Run a query returning one integer into *value. */
static int query_int(lede_index *index, const char *sql, int64_t *value)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(index->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int64(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Create the tables and the meta rows in an empty database. */
static int create_schema(lede_index *index, lede_error *err)
{
    int rc = exec(index, "BEGIN IMMEDIATE", "creating the index", err);
    if (rc) return rc;
    char sql[512];
    snprintf(sql, sizeof sql,
             "PRAGMA application_id = %d;"
             "INSERT INTO meta VALUES('application', 'lede index'),"
             "('schema_version', %d), ('tokenizer_version', '%s'), ('lede_version', '%s'),"
             "('created', strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'));",
             LEDE_INDEX_APPLICATION_ID, LEDE_INDEX_SCHEMA_VERSION, LEDE_TOKENIZER_VERSION,
             LEDE_VERSION);
    rc = exec(index, SCHEMA_SQL, "creating the index", err);
    if (rc == LEDE_OK) rc = exec(index, sql, "creating the index", err);
    if (rc == LEDE_OK) rc = exec(index, "COMMIT", "creating the index", err);
    if (rc) sqlite3_exec(index->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Check that an existing, non-empty database is a lede index this lede can
 * read. */
static int check_schema(lede_index *index, lede_error *err)
{
    int64_t app = 0;
    if (query_int(index, "PRAGMA application_id", &app) != SQLITE_OK)
        return lede_index_dbfail(index, err, "reading the header");
    if (app != LEDE_INDEX_APPLICATION_ID)
        return lede_fail(err, LEDE_ERR_FORMAT,
                         "%s: not a lede index (an SQLite database without lede's tables)", index->path);
    int64_t version = 0;
    if (query_int(index, "SELECT value FROM meta WHERE key = 'schema_version'", &version) != SQLITE_OK)
        return lede_fail(err, LEDE_ERR_FORMAT, "%s: not a lede index (no schema version: %s)",
                         index->path, sqlite3_errmsg(index->db));
    if (version > LEDE_INDEX_SCHEMA_VERSION)
        return lede_fail(err, LEDE_ERR_FORMAT,
                         "%s: index schema version %lld is newer than this lede supports (%d); "
                         "upgrade lede",
                         index->path, (long long)version, LEDE_INDEX_SCHEMA_VERSION);
    if (version < LEDE_INDEX_SCHEMA_VERSION)
        return lede_fail(err, LEDE_ERR_FORMAT,
                         "%s: index schema version %lld is older than this lede's (%d); rebuild it",
                         index->path, (long long)version, LEDE_INDEX_SCHEMA_VERSION);
    return LEDE_OK;
}

/* Does the file at path start like an SQLite database, or is it empty or
 * absent (a new index)? SQLite itself takes some tiny files for empty
 * databases and would write over them. */
static int looks_like_sqlite_or_new(const char *path)
{
    static const char magic[16] = "SQLite format 3";
    FILE *f = fopen(path, "rb");
    if (!f) return 1; /* absent (or unreadable: SQLite reports why) */
    char head[16];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return n == 0 || (n == sizeof head && memcmp(head, magic, sizeof magic) == 0);
}

/* Open or create an index file (NULL or ":memory:": in memory), refusing
 * files that are not lede indexes or are newer than this lede (lede.h). */
int lede_index_open(const char *path, lede_index **out, lede_error *err)
{
    *out = NULL;
    int memory = !path || strcmp(path, ":memory:") == 0;
    lede_index *index = calloc(1, sizeof *index);
    if (!index || !(index->path = strdup(memory ? ":memory:" : path))) {
        free(index);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    if (!memory && !looks_like_sqlite_or_new(index->path)) {
        int rc = lede_fail(err, LEDE_ERR_FORMAT, "%s: not a lede index (file is not a database)", index->path);
        lede_index_close(index);
        return rc;
    }
    int rc = sqlite3_open_v2(index->path, &index->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        rc = index->db ? lede_fail(err, LEDE_ERR_IO, "%s: cannot open: %s", index->path,
                                   sqlite3_errmsg(index->db))
                       : lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        lede_index_close(index);
        return rc;
    }
    sqlite3_busy_timeout(index->db, 5000);

    /* The first read tells an SQLite file from anything else. */
    int64_t nobjects = 0;
    rc = query_int(index, "SELECT count(*) FROM sqlite_schema", &nobjects);
    if (rc == SQLITE_NOTADB) {
        rc = lede_fail(err, LEDE_ERR_FORMAT, "%s: not a lede index (%s)", index->path,
                       sqlite3_errmsg(index->db));
    } else if (rc != SQLITE_OK) {
        rc = lede_fail(err, LEDE_ERR_IO, "%s: cannot read: %s", index->path, sqlite3_errmsg(index->db));
    } else if (nobjects > 0) {
        rc = check_schema(index, err);
    }
    /* WAL lets readers work while an index is extended; NORMAL syncs at
     * checkpoints only, which WAL makes safe against corruption. */
    /* 16 KiB pages: most documents (text and token table) then fit on one
     * page, and postings rows are sized for it (index_writer.c). Only takes
     * effect on a new database. */
    if (rc == LEDE_OK && nobjects == 0) rc = exec(index, "PRAGMA page_size = 16384", "opening", err);
    if (rc == LEDE_OK && !memory)
        rc = exec(index, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", "opening", err);
    if (rc == LEDE_OK && nobjects == 0) rc = create_schema(index, err);
    if (rc) {
        lede_index_close(index);
        return rc;
    }
    *out = index;
    return LEDE_OK;
}

/* Finalize the kept statements and close the database. */
void lede_index_close(lede_index *index)
{
    if (!index) return;
    sqlite3_finalize(index->doc_tokens);
    sqlite3_finalize(index->doc_row);
    sqlite3_finalize(index->term_lookup);
    sqlite3_finalize(index->postings);
    sqlite3_close_v2(index->db);
    free(index->interrupted);
    free(index->path);
    free(index);
}
