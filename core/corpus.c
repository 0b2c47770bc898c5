/* corpus.c — a corpus: documents in the order they were added, and the
 * warnings the loader gave while adding them. Adding a path or a stream is
 * atomic: on error the corpus is left as it was before the call. */
#include "doc.h"
#include "error.h"
#include "load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define DEFAULT_MAX_DOC_BYTES ((size_t)64 * 1024 * 1024)

struct lede_corpus {
    lede_doc **docs;
    size_t ndocs, docs_cap;
    lede_warning *warnings; /* name and message of each owned */
    size_t nwarnings, warnings_cap;
};

/* How far the corpus had got when an add_* call began. */
typedef struct corpus_mark {
    size_t ndocs, nwarnings;
} corpus_mark;

/* An empty corpus. */
int lede_corpus_new(lede_corpus **out, lede_error *err)
{
    *out = calloc(1, sizeof **out);
    if (!*out) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    return LEDE_OK;
}

/* Where the corpus stands now, to roll back to. */
static corpus_mark corpus_get_mark(const lede_corpus *c)
{
    return (corpus_mark){c->ndocs, c->nwarnings};
}

/* Drop every document and warning added since mark. */
static void corpus_rollback(lede_corpus *c, corpus_mark mark)
{
    while (c->ndocs > mark.ndocs) lede_doc_free(c->docs[--c->ndocs]);
    while (c->nwarnings > mark.nwarnings) {
        lede_warning *w = &c->warnings[--c->nwarnings];
        free((char *)w->name);
        free((char *)w->message);
    }
}

/* Free the corpus with its documents and warnings. */
void lede_corpus_free(lede_corpus *corpus)
{
    if (!corpus) return;
    corpus_rollback(corpus, (corpus_mark){0, 0});
    free(corpus->docs);
    free(corpus->warnings);
    free(corpus);
}

/* Accessors: documents and warnings, borrowed from the corpus. */
size_t lede_corpus_count(const lede_corpus *corpus) { return corpus->ndocs; }

lede_doc *lede_corpus_doc(const lede_corpus *corpus, size_t i)
{
    return i < corpus->ndocs ? corpus->docs[i] : NULL;
}

size_t lede_corpus_nwarnings(const lede_corpus *corpus) { return corpus->nwarnings; }

const lede_warning *lede_corpus_warnings(const lede_corpus *corpus) { return corpus->warnings; }

/* Append a warning, copying its strings. */
int lede_corpus_warn(lede_corpus *corpus, const char *name, uint64_t line, uint64_t offset,
                     const char *message, lede_error *err)
{
    if (corpus->nwarnings == corpus->warnings_cap) {
        size_t cap = corpus->warnings_cap ? corpus->warnings_cap * 2 : 16;
        lede_warning *v = realloc(corpus->warnings, cap * sizeof *v);
        if (!v) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        corpus->warnings = v;
        corpus->warnings_cap = cap;
    }
    char *n = strdup(name), *m = strdup(message);
    if (!n || !m) {
        free(n);
        free(m);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    corpus->warnings[corpus->nwarnings++] = (lede_warning){n, line, offset, m};
    return LEDE_OK;
}

/* Append doc (taken over). */
static int corpus_push(lede_corpus *corpus, lede_doc *doc, lede_error *err)
{
    if (corpus->ndocs == corpus->docs_cap) {
        size_t cap = corpus->docs_cap ? corpus->docs_cap * 2 : 64;
        lede_doc **v = realloc(corpus->docs, cap * sizeof *v);
        if (!v) {
            lede_doc_free(doc);
            return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        }
        corpus->docs = v;
        corpus->docs_cap = cap;
    }
    corpus->docs[corpus->ndocs++] = doc;
    return LEDE_OK;
}

/* Warnings of lede_text_repair for one document, into the corpus. The
 * callback cannot fail, so an allocation failure is remembered. */
typedef struct repair_ctx {
    lede_corpus *corpus;
    const char *name;
    uint64_t line;
    int failed;
} repair_ctx;

/* A lede_warn_fn that records the repair as a warning of the document. */
static void repair_warning(void *ud, uint64_t offset, const char *message)
{
    repair_ctx *c = ud;
    if (!c->failed && lede_corpus_warn(c->corpus, c->name, c->line, offset, message, NULL))
        c->failed = 1;
}

/* Repair raw text and append it as a document (see load.h). */
int lede_corpus_add_raw(lede_corpus *corpus, const char *raw, size_t len, const lede_meta *meta,
                        uint64_t line, lede_error *err)
{
    repair_ctx ctx = {corpus, meta->name, line, 0};
    char *text;
    size_t text_len;
    lede_offset_map map = {0};
    int rc = lede_text_repair_mapped(raw, len, meta->name, &text, &text_len, &map, repair_warning,
                                     &ctx, err);
    if (rc) return rc;
    if (ctx.failed || text_len == 0) {
        free(text);
        lede_offset_map_free(&map);
        if (ctx.failed) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        return lede_corpus_warn(corpus, meta->name, line, 0, "empty text; skipped", err);
    }
    lede_doc *doc;
    if ((rc = lede_doc_adopt(text, text_len, meta, &doc, err))) {
        lede_offset_map_free(&map);
        return rc;
    }
    lede_doc_take_source_map(doc, &map);
    return corpus_push(corpus, doc, err);
}

/* One document from memory; NULL meta or name gives the name "<text>". */
int lede_corpus_add_text(lede_corpus *corpus, const char *text, size_t len, const lede_meta *meta,
                         lede_error *err)
{
    if (!corpus) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_text: corpus is NULL");
    if (!text && len) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_text: text is NULL");
    lede_meta m = {0};
    if (meta) m = *meta;
    if (!m.name) m.name = "<text>";
    corpus_mark mark = corpus_get_mark(corpus);
    int rc = lede_corpus_add_raw(corpus, text ? text : "", len, &m, 0, err);
    if (rc) corpus_rollback(corpus, mark);
    return rc;
}

/* Copy the caller's options with every default filled in. */
static int resolve_options(const lede_load_options *in, lede_load_options *o, lede_error *err)
{
    memset(o, 0, sizeof *o);
    if (in) *o = *in;
    if (o->format != LEDE_FORMAT_AUTO && o->format != LEDE_FORMAT_TEXT &&
        o->format != LEDE_FORMAT_JSONL)
        return lede_fail(err, LEDE_ERR_ARG, "unknown input format %d", (int)o->format);
    if (!o->max_doc_bytes) o->max_doc_bytes = DEFAULT_MAX_DOC_BYTES;
    /* Offsets are 32-bit, so no document can be larger anyway; the clamp
     * also keeps max_doc_bytes + 1 from wrapping around. */
    if (o->max_doc_bytes > UINT32_MAX) o->max_doc_bytes = UINT32_MAX;
    if (!o->text_field) o->text_field = "text";
    if (!o->title_field) o->title_field = "title";
    if (!o->date_field) o->date_field = "date";
    if (!o->source_field) o->source_field = "source|outlet";
    if (!o->url_field) o->url_field = "url";
    if (!o->id_field) o->id_field = "id";
    if (strspn(o->text_field, "|") == strlen(o->text_field))
        return lede_fail(err, LEDE_ERR_ARG, "text_field names no field");
    return LEDE_OK;
}

/* Whether path names a JSON Lines file: it ends in .jsonl or .ndjson. */
static int has_jsonl_suffix(const char *path)
{
    size_t n = strlen(path);
    return (n > 6 && strcasecmp(path + n - 6, ".jsonl") == 0) ||
           (n > 7 && strcasecmp(path + n - 7, ".ndjson") == 0);
}

/* Load a JSON Lines file. Inside a directory a binary file is skipped with a
 * warning (and whatever it added so far dropped). */
static int load_jsonl_file(lede_corpus *corpus, const char *path, const lede_load_options *o,
                           int in_dir, lede_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(errno));
    corpus_mark mark = corpus_get_mark(corpus);
    lede_line_reader r;
    lede_line_reader_init(&r, f, path, o->max_doc_bytes, NULL, 0);
    uint64_t nul_at;
    int rc = lede_jsonl_load(corpus, &r, o, &nul_at, err);
    lede_line_reader_free(&r);
    fclose(f);
    if (rc && in_dir && nul_at != UINT64_MAX) {
        corpus_rollback(corpus, mark);
        char why[256];
        lede_refusal_describe(LEDE_REFUSE_NUL, nul_at, 0, 0, 1, why, sizeof why);
        return lede_corpus_warn(corpus, path, 0, nul_at, why, err);
    }
    return rc;
}

/* Load one text file. Inside a directory a binary file is skipped with a
 * warning rather than failing the whole directory. */
static int load_text_file(lede_corpus *corpus, const char *path, const lede_load_options *o,
                          int in_dir, lede_error *err)
{
    char *raw;
    size_t len;
    int rc = lede_read_file(path, o->max_doc_bytes, &raw, &len, err);
    if (rc) return rc;
    if (len == 0) {
        free(raw);
        return lede_corpus_warn(corpus, path, 0, 0, "empty file; skipped", err);
    }
    if (in_dir) {
        uint64_t at;
        size_t bad, examined;
        lede_refusal why = lede_text_refusal(raw, len, &at, &bad, &examined);
        if (why) {
            free(raw);
            char msg[256];
            lede_refusal_describe(why, at, bad, examined, 1, msg, sizeof msg);
            return lede_corpus_warn(corpus, path, 0, at, msg, err);
        }
    }
    lede_meta meta = {.name = path};
    rc = lede_corpus_add_raw(corpus, raw, len, &meta, 0, err);
    free(raw);
    return rc;
}

/* Load one file as JSON Lines or text, by the option or else by its name. */
static int load_file(lede_corpus *corpus, const char *path, const lede_load_options *o, int in_dir,
                     lede_error *err)
{
    int jsonl = o->format == LEDE_FORMAT_JSONL ||
                (o->format == LEDE_FORMAT_AUTO && has_jsonl_suffix(path));
    return jsonl ? load_jsonl_file(corpus, path, o, in_dir, err)
                 : load_text_file(corpus, path, o, in_dir, err);
}

/* lede_dir_list's skipped entries become warnings; the first failure to
 * record one is kept. */
typedef struct skip_ctx {
    lede_corpus *corpus;
    int failed;
} skip_ctx;

/* A lede_skip_fn that records the skipped entry as a warning. */
static void skip_warning(void *ud, const char *path, const char *why)
{
    skip_ctx *c = ud;
    if (!c->failed && lede_corpus_warn(c->corpus, path, 0, 0, why, NULL)) c->failed = 1;
}

/* Load every file under dir in byte order of the paths. */
static int load_dir(lede_corpus *corpus, const char *dir, const lede_load_options *o,
                    lede_error *err)
{
    char **paths;
    size_t n;
    skip_ctx ctx = {corpus, 0};
    int rc = lede_dir_list(dir, &paths, &n, skip_warning, &ctx, err);
    if (rc) return rc;
    if (ctx.failed) rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) rc = load_file(corpus, paths[i], o, 1, err);
    lede_dir_list_free(paths, n);
    return rc;
}

/* A file or a directory; on error the corpus is rolled back to where it was. */
int lede_corpus_add_path(lede_corpus *corpus, const char *path, const lede_load_options *opts,
                         lede_error *err)
{
    if (!corpus) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_path: corpus is NULL");
    if (!path) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_path: path is NULL");
    lede_load_options o;
    int rc = resolve_options(opts, &o, err);
    if (rc) return rc;
    struct stat st;
    if (stat(path, &st) != 0) return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(errno));
    corpus_mark mark = corpus_get_mark(corpus);
    rc = S_ISDIR(st.st_mode) ? load_dir(corpus, path, &o, err) : load_file(corpus, path, &o, 0, err);
    if (rc) corpus_rollback(corpus, mark);
    return rc;
}

/* Whether buf holds JSON Lines: every non-blank line starts (after spaces
 * or tabs, and a byte order mark on the first) with '{', and there is one. */
static int looks_like_jsonl(const char *buf, size_t len)
{
    size_t i = 0;
    int records = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len) {
        while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')) i++;
        if (i < len && buf[i] != '\n') {
            if (buf[i] != '{') return 0;
            records = 1;
        }
        const char *nl = memchr(buf + i, '\n', len - i);
        if (!nl) break;
        i = (size_t)(nl - buf) + 1;
    }
    return records;
}

/* Load a stream whose whole content (or its first max + 1 bytes, when
 * `truncated`) is in buf (taken over). */
static int load_stream_buffer(lede_corpus *corpus, FILE *stream, const char *name, char *buf,
                              size_t len, int truncated, const lede_load_options *o,
                              lede_error *err)
{
    if (o->format == LEDE_FORMAT_AUTO && looks_like_jsonl(buf, len)) {
        lede_line_reader r;
        lede_line_reader_init(&r, truncated ? stream : NULL, name, o->max_doc_bytes, buf, len);
        uint64_t nul_at;
        int rc = lede_jsonl_load(corpus, &r, o, &nul_at, err);
        lede_line_reader_free(&r);
        return rc;
    }
    int rc;
    if (truncated) {
        rc = lede_fail(err, LEDE_ERR_LIMIT,
                       "%s: input larger than the maximum document size (%zu bytes; see "
                       "max_doc_bytes)",
                       name, o->max_doc_bytes);
    } else if (len == 0) {
        rc = lede_corpus_warn(corpus, name, 0, 0, "empty input; skipped", err);
    } else {
        lede_meta meta = {.name = name};
        rc = lede_corpus_add_raw(corpus, buf, len, &meta, 0, err);
    }
    free(buf);
    return rc;
}

/* A stream: JSON Lines when asked or when it looks so, else one text; on
 * error the corpus is rolled back to where it was. */
int lede_corpus_add_stream(lede_corpus *corpus, FILE *stream, const char *name,
                           const lede_load_options *opts, lede_error *err)
{
    if (!corpus) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_stream: corpus is NULL");
    if (!stream) return lede_fail(err, LEDE_ERR_ARG, "lede_corpus_add_stream: stream is NULL");
    if (!name) name = "<stdin>";
    lede_load_options o;
    int rc = resolve_options(opts, &o, err);
    if (rc) return rc;
    corpus_mark mark = corpus_get_mark(corpus);
    if (o.format == LEDE_FORMAT_JSONL) {
        lede_line_reader r;
        lede_line_reader_init(&r, stream, name, o.max_doc_bytes, NULL, 0);
        uint64_t nul_at;
        rc = lede_jsonl_load(corpus, &r, &o, &nul_at, err);
        lede_line_reader_free(&r);
    } else {
        char *buf;
        size_t len;
        int truncated;
        rc = lede_read_stream(stream, name, o.max_doc_bytes, &buf, &len, &truncated, err);
        if (rc == LEDE_OK) rc = load_stream_buffer(corpus, stream, name, buf, len, truncated, &o, err);
    }
    if (rc) corpus_rollback(corpus, mark);
    return rc;
}
