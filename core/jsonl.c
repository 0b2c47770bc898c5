/* jsonl.c — JSON Lines input: one article per line, a JSON object whose
 * fields (names configurable, "a|b" alternatives) give the text and the
 * metadata. Parsed with jansson. */
#include "error.h"
#include "load.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Warnings of the UTF-8 repair of one line, named "NAME:LINE". */
typedef struct line_ctx {
    lede_corpus *corpus;
    const char *name;
    uint64_t line;
    int failed;
} line_ctx;

/* A lede_warn_fn recording a repair of the line as a warning. */
static void line_warning(void *ud, uint64_t offset, const char *message)
{
    line_ctx *c = ud;
    if (lede_corpus_warn(c->corpus, c->name, c->line, offset, message, NULL)) c->failed = 1;
}

/* The value of the first field of `spec` ("a|b|c") present in obj and not
 * null, or NULL; *field and *field_len receive the name that matched. */
static json_t *field_get(json_t *obj, const char *spec, const char **field, size_t *field_len)
{
    const char *p = spec;
    for (;;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n) {
            json_t *v = json_object_getn(obj, p, n);
            if (v && !json_is_null(v)) {
                *field = p;
                *field_len = n;
                return v;
            }
        }
        if (!bar) return NULL;
        p = bar + 1;
    }
}

/* "text", or "body", "content" for the spec "body|content", into buf. */
static void describe_spec(const char *spec, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    const char *p = spec;
    for (;;) {
        const char *bar = strchr(p, '|');
        int n = (int)(bar ? (size_t)(bar - p) : strlen(p));
        if (o < size) o += (size_t)snprintf(buf + o, size - o, "%s\"%.*s\"", o ? ", " : "", n, p);
        if (!bar) return;
        p = bar + 1;
    }
}

/* A metadata field as text: strings as they are, numbers as written in JSON
 * (an id of 17 becomes "17"); *owned is set when the text was allocated. */
static int meta_value(json_t *obj, const char *spec, const char *name, uint64_t line,
                      const char **out, char **owned, lede_error *err)
{
    *out = NULL;
    *owned = NULL;
    const char *field;
    size_t field_len;
    json_t *v = field_get(obj, spec, &field, &field_len);
    if (!v) return LEDE_OK;
    if (json_is_string(v)) {
        *out = json_string_value(v);
        return LEDE_OK;
    }
    if (json_is_number(v)) {
        *owned = json_dumps(v, JSON_ENCODE_ANY);
        if (!*owned) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        *out = *owned;
        return LEDE_OK;
    }
    return lede_fail(err, LEDE_ERR_FORMAT, "%s:%llu: field \"%.*s\" is not a string or a number",
                     name, (unsigned long long)line, (int)field_len, field);
}

/* Whether line[0, n) holds only white space. */
static int is_blank(const char *line, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return 0;
    return 1;
}

/* Turn one parsed record into a document named record_name. */
static int add_record(lede_corpus *corpus, json_t *obj, const char *name, const char *record_name,
                      uint64_t line, const lede_load_options *o, lede_error *err)
{
    const char *field;
    size_t field_len;
    json_t *text = field_get(obj, o->text_field, &field, &field_len);
    if (!text) {
        char tried[256];
        describe_spec(o->text_field, tried, sizeof tried);
        return lede_fail(err, LEDE_ERR_FORMAT, "%s:%llu: record has no text field (tried %s)", name,
                         (unsigned long long)line, tried);
    }
    if (!json_is_string(text))
        return lede_fail(err, LEDE_ERR_FORMAT, "%s:%llu: field \"%.*s\" is not a string", name,
                         (unsigned long long)line, (int)field_len, field);

    lede_meta meta = {.name = record_name};
    const char *specs[5] = {o->id_field, o->title_field, o->date_field, o->source_field,
                            o->url_field};
    const char **slots[5] = {&meta.id, &meta.title, &meta.date, &meta.source, &meta.url};
    char *owned[5] = {0};
    int rc = LEDE_OK;
    for (int i = 0; i < 5 && rc == LEDE_OK; i++)
        rc = meta_value(obj, specs[i], name, line, slots[i], &owned[i], err);
    if (rc == LEDE_OK)
        rc = lede_corpus_add_raw(corpus, json_string_value(text), json_string_length(text), &meta,
                                 line, err);
    for (int i = 0; i < 5; i++) free(owned[i]);
    return rc;
}

/* Parse one non-blank line (repaired to valid UTF-8 first) and add it. */
static int load_line(lede_corpus *corpus, lede_line_reader *r, char *line, size_t len,
                     uint64_t offset, char *record_name, const lede_load_options *o,
                     lede_error *err)
{
    line_ctx ctx = {corpus, record_name, r->line, 0};
    char *fixed;
    size_t fixed_len;
    int rc = lede_utf8_repair(line, len, offset, &fixed, &fixed_len, line_warning, &ctx, err);
    if (rc) return rc;
    if (ctx.failed) {
        free(fixed);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    json_error_t jerr;
    json_t *obj = json_loadb(fixed ? fixed : line, fixed ? fixed_len : len, 0, &jerr);
    free(fixed);
    if (!obj)
        return lede_fail(err, LEDE_ERR_FORMAT, "%s:%llu:%d: %s", r->name,
                         (unsigned long long)r->line, jerr.column, jerr.text);
    if (!json_is_object(obj))
        rc = lede_fail(err, LEDE_ERR_FORMAT, "%s:%llu: a record must be a JSON object", r->name,
                       (unsigned long long)r->line);
    else
        rc = add_record(corpus, obj, r->name, record_name, r->line, o, err);
    json_decref(obj);
    return rc;
}

/* Read every line of r: blank ones skipped, the rest parsed as records. */
int lede_jsonl_load(lede_corpus *corpus, lede_line_reader *r, const lede_load_options *opts,
                    uint64_t *nul_at, lede_error *err)
{
    *nul_at = UINT64_MAX;
    size_t name_len = strlen(r->name);
    char *record_name = malloc(name_len + 24); /* "NAME:" and a 64-bit line number */
    if (!record_name) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    int rc;
    for (;;) {
        char *line;
        size_t len;
        if ((rc = lede_line_next(r, &line, &len, err)) || !line) break;
        uint64_t offset = r->offset;
        if (r->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a byte order mark */
            len -= 3;
            offset += 3;
        }
        const char *nul = memchr(line, 0, len);
        if (nul) {
            *nul_at = offset + (uint64_t)(nul - line);
            rc = lede_fail(err, LEDE_ERR_FORMAT, "%s: byte %llu: NUL byte; binary files are refused",
                           r->name, (unsigned long long)*nul_at);
            break;
        }
        if (is_blank(line, len)) continue;
        snprintf(record_name, name_len + 24, "%s:%llu", r->name, (unsigned long long)r->line);
        if ((rc = load_line(corpus, r, line, len, offset, record_name, opts, err))) break;
    }
    free(record_name);
    return rc;
}
