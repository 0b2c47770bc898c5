/* doc.c — a document: its stored text, metadata, and (on demand) its tokens,
 * sentences and paragraphs. */
#include "doc.h"
#include "error.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s, int *failed)
{
    if (!s) return NULL;
    char *copy = strdup(s);
    if (!copy) *failed = 1;
    return copy;
}

static void meta_free(lede_meta *m)
{
    free((char *)m->name);
    free((char *)m->id);
    free((char *)m->title);
    free((char *)m->date);
    free((char *)m->source);
    free((char *)m->url);
    memset(m, 0, sizeof *m);
}

int lede_doc_adopt(char *text, size_t len, const lede_meta *meta, lede_doc **out, lede_error *err)
{
    *out = NULL;
    lede_doc *doc = calloc(1, sizeof *doc);
    if (!doc) {
        free(text);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    doc->text = text;
    doc->len = len;
    doc->content_hash = lede_hash(text, len);
    int failed = 0;
    const char *name = meta && meta->name ? meta->name : "<text>";
    doc->meta.name = dup_or_null(name, &failed);
    if (meta) {
        doc->meta.id = dup_or_null(meta->id, &failed);
        doc->meta.title = dup_or_null(meta->title, &failed);
        doc->meta.date = dup_or_null(meta->date, &failed);
        doc->meta.source = dup_or_null(meta->source, &failed);
        doc->meta.url = dup_or_null(meta->url, &failed);
    }
    if (failed) {
        lede_doc_free(doc);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    *out = doc;
    return LEDE_OK;
}

int lede_doc_new(const char *text, size_t len, const lede_meta *meta, lede_doc **out, lede_error *err)
{
    *out = NULL;
    if (!text && len) return lede_fail(err, LEDE_ERR_ARG, "lede_doc_new: text is NULL");
    const char *name = meta && meta->name ? meta->name : "<text>";
    char *stored = NULL;
    size_t stored_len = 0;
    lede_offset_map map = {0};
    int rc = lede_text_repair_mapped(text ? text : "", len, name, &stored, &stored_len, &map, NULL,
                                     NULL, err);
    if (rc) return rc;
    if ((rc = lede_doc_adopt(stored, stored_len, meta, out, err))) {
        lede_offset_map_free(&map);
        return rc;
    }
    lede_doc_take_source_map(*out, &map);
    return LEDE_OK;
}

void lede_doc_free(lede_doc *doc)
{
    if (!doc) return;
    free(doc->text);
    meta_free(&doc->meta);
    lede_token_buf_free(&doc->tokens);
    lede_segments_free(&doc->segments);
    lede_offset_map_free(&doc->source_map);
    free(doc);
}

const char *lede_doc_text(const lede_doc *doc, size_t *len)
{
    if (len) *len = doc->len;
    return doc->text;
}

const lede_meta *lede_doc_meta(const lede_doc *doc) { return &doc->meta; }

uint64_t lede_doc_content_hash(const lede_doc *doc) { return doc->content_hash; }

void lede_doc_take_source_map(lede_doc *doc, lede_offset_map *map)
{
    lede_offset_map_free(&doc->source_map);
    doc->source_map = *map;
    memset(map, 0, sizeof *map);
}

size_t lede_doc_source_offset(const lede_doc *doc, size_t offset)
{
    if (offset > doc->len) offset = doc->len;
    return lede_offset_map_source(doc->source_map.v, doc->source_map.n, offset);
}

int lede_doc_analyze(lede_doc *doc, lede_error *err)
{
    if (doc->analyzed) return LEDE_OK;
    int rc = lede_tokenize(doc->text, doc->len, &doc->tokens, err);
    if (rc == LEDE_OK)
        rc = lede_segment(doc->text, doc->len, doc->tokens.v, doc->tokens.n, &doc->segments, err);
    if (rc) {
        lede_token_buf_free(&doc->tokens);
        lede_segments_free(&doc->segments);
        return rc;
    }
    doc->analyzed = 1;
    return LEDE_OK;
}

/* Accessors analyze on first use; a failure leaves the counts at zero. */
static int ensure_analyzed(lede_doc *doc)
{
    return doc->analyzed || lede_doc_analyze(doc, NULL) == LEDE_OK;
}

size_t lede_doc_ntokens(lede_doc *doc) { return ensure_analyzed(doc) ? doc->tokens.n : 0; }
const lede_token *lede_doc_tokens(lede_doc *doc) { return ensure_analyzed(doc) ? doc->tokens.v : NULL; }
const char *lede_doc_norms(lede_doc *doc) { return ensure_analyzed(doc) ? doc->tokens.norms : NULL; }
size_t lede_doc_nsentences(lede_doc *doc) { return ensure_analyzed(doc) ? doc->segments.nsentences : 0; }
const lede_sentence *lede_doc_sentences(lede_doc *doc)
{
    return ensure_analyzed(doc) ? doc->segments.sentences : NULL;
}
size_t lede_doc_nparagraphs(lede_doc *doc) { return ensure_analyzed(doc) ? doc->segments.nparagraphs : 0; }
const lede_paragraph *lede_doc_paragraphs(lede_doc *doc)
{
    return ensure_analyzed(doc) ? doc->segments.paragraphs : NULL;
}
