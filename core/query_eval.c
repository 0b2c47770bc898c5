/* query_eval.c — running a parsed query over the index: each node of the
 * tree becomes a match set (documents, and in each the spans of word
 * positions that matched), built bottom-up from the postings; the root's
 * documents are filtered by metadata, scored with BM25, ordered and cut to
 * the limit, and their spans mapped to tokens and byte spans. */
#include "error.h"
#include "query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Word positions [start, end) of a match, and the scored unit it counts
 * for (-1: none, e.g. the operands of a NEAR). */
typedef struct span {
    uint32_t start, end;
    int32_t unit;
} span;

/* A match set: document docs[i] has spans sp[off[i] .. off[i + 1]),
 * sorted by start. off always has ndocs + 1 valid entries. After an
 * allocation failure `failed` is set and adds do nothing. */
typedef struct mset {
    int64_t *docs;
    size_t *off;
    span *sp;
    size_t ndocs, nsp, docs_cap, off_cap, sp_cap;
    int failed;
} mset;

static void ms_free(mset *m)
{
    free(m->docs);
    free(m->off);
    free(m->sp);
    memset(m, 0, sizeof *m);
}

static int ms_init(mset *m)
{
    memset(m, 0, sizeof *m);
    if (lede_qgrow((void **)&m->off, &m->off_cap, 1, sizeof *m->off)) return -1;
    m->off[0] = 0;
    return 0;
}

static void ms_add_doc(mset *m, int64_t doc)
{
    if (m->failed) return;
    if (lede_qgrow((void **)&m->docs, &m->docs_cap, m->ndocs + 1, sizeof *m->docs) ||
        lede_qgrow((void **)&m->off, &m->off_cap, m->ndocs + 2, sizeof *m->off)) {
        m->failed = 1;
        return;
    }
    m->docs[m->ndocs++] = doc;
    m->off[m->ndocs] = m->nsp;
}

static void ms_add_span(mset *m, uint32_t start, uint32_t end, int32_t unit)
{
    if (m->failed) return;
    if (lede_qgrow((void **)&m->sp, &m->sp_cap, m->nsp + 1, sizeof *m->sp)) {
        m->failed = 1;
        return;
    }
    m->sp[m->nsp++] = (span){start, end, unit};
    m->off[m->ndocs] = m->nsp;
}

/* Remove the last document (and its spans). */
static void ms_drop_doc(mset *m)
{
    m->ndocs--;
    m->nsp = m->off[m->ndocs];
}

static int span_less(const span *a, const span *b)
{
    return a->start != b->start ? a->start < b->start : a->end < b->end;
}

/* Append the spans of a's doc i and b's doc j, merged by position. */
static void ms_merge_spans(mset *out, const mset *a, size_t i, const mset *b, size_t j)
{
    size_t x = a->off[i], xe = a->off[i + 1], y = b->off[j], ye = b->off[j + 1];
    while (x < xe || y < ye) {
        const span *s = (y >= ye || (x < xe && !span_less(&b->sp[y], &a->sp[x]))) ? &a->sp[x++] : &b->sp[y++];
        ms_add_span(out, s->start, s->end, s->unit);
    }
}

/* Append a's doc i with its spans. */
static void ms_copy_doc(mset *out, const mset *a, size_t i)
{
    ms_add_doc(out, a->docs[i]);
    for (size_t x = a->off[i]; x < a->off[i + 1]; x++) ms_add_span(out, a->sp[x].start, a->sp[x].end, a->sp[x].unit);
}

/* The evaluation's state. */
typedef struct evalctx {
    lede_search *s;
    const lede_query *q;
    uint64_t *df; /* per scored unit: documents it matches in the whole index */
    lede_error *err;
} evalctx;

static int nomem(evalctx *c) { return lede_fail(c->err, LEDE_ERR_NOMEM, "out of memory"); }

/* Decode a term's postings rows into m, one span per position. */
static int load_term(evalctx *c, const char *term, int32_t unit, mset *m)
{
    lede_search *s = c->s;
    if (ms_init(m)) return nomem(c);
    sqlite3_stmt *st = s->postings;
    sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const uint8_t *p = sqlite3_column_blob(st, 0), *end = p + sqlite3_column_bytes(st, 0);
        int64_t doc = 0;
        while (p < end && !bad) {
            uint64_t delta, tf, pos = 0;
            if (lede_varint_get(&p, end, &delta) || lede_varint_get(&p, end, &tf) || !delta || !tf ||
                tf > (uint64_t)(end - p)) {
                bad = 1;
                break;
            }
            doc += (int64_t)delta;
            ms_add_doc(m, doc);
            for (uint64_t i = 0; i < tf; i++) {
                uint64_t d;
                if (lede_varint_get(&p, end, &d) || (i && !d) || pos + d >= UINT32_MAX) {
                    bad = 1;
                    break;
                }
                pos += d;
                ms_add_span(m, (uint32_t)pos, (uint32_t)pos + 1, unit);
            }
        }
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (bad) return lede_fail(c->err, LEDE_ERR_FORMAT, "%s: corrupt postings of term '%s'", s->index->path, term);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return lede_index_dbfail(s->index, c->err, "reading postings");
    return m->failed ? nomem(c) : LEDE_OK;
}

/* Is position x the start of a span among sp[lo, hi) (sorted by start)? */
static int has_start(const span *sp, size_t lo, size_t hi, uint32_t x)
{
    size_t end = hi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sp[mid].start < x) lo = mid + 1;
        else hi = mid;
    }
    return lo < end && sp[lo].start == x;
}

/* A phrase: its k words at consecutive positions. */
static int eval_phrase(evalctx *c, const qnode *nd, mset *out)
{
    size_t k = nd->nwords;
    mset *w = calloc(k, sizeof *w);
    size_t *at = calloc(k, sizeof *at);
    int rc = w && at ? LEDE_OK : nomem(c);
    for (size_t j = 0; j < k && rc == LEDE_OK; j++) rc = load_term(c, c->q->words[nd->first_word + j], -1, &w[j]);
    if (rc == LEDE_OK && ms_init(out)) rc = nomem(c);
    for (size_t i = 0; rc == LEDE_OK && i < w[0].ndocs; i++) {
        int64_t doc = w[0].docs[i];
        int all = 1;
        for (size_t j = 1; j < k && all; j++) {
            while (at[j] < w[j].ndocs && w[j].docs[at[j]] < doc) at[j]++;
            all = at[j] < w[j].ndocs && w[j].docs[at[j]] == doc;
        }
        if (!all) continue;
        int added = 0;
        for (size_t x = w[0].off[i]; x < w[0].off[i + 1]; x++) {
            uint32_t p = w[0].sp[x].start;
            int match = 1;
            for (size_t j = 1; j < k && match; j++) {
                size_t lo = w[j].off[at[j]], hi = w[j].off[at[j] + 1];
                match = has_start(w[j].sp, lo, hi, p + (uint32_t)j);
            }
            if (!match) continue;
            if (!added) ms_add_doc(out, doc);
            added = 1;
            ms_add_span(out, p, p + (uint32_t)k, nd->unit);
        }
    }
    if (rc == LEDE_OK && out->failed) rc = nomem(c);
    for (size_t j = 0; w && j < k; j++) ms_free(&w[j]);
    free(w);
    free(at);
    return rc;
}

/* A (document, position) pair, for merging a prefix's terms. */
typedef struct docpos {
    int64_t doc;
    uint32_t pos;
} docpos;

static int docpos_cmp(const void *a, const void *b)
{
    const docpos *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* A prefix: the union of the postings of every term starting with it. */
static int eval_prefix(evalctx *c, const qnode *nd, mset *out)
{
    lede_search *s = c->s;
    const char *prefix = c->q->words[nd->first_word];
    size_t plen = strlen(prefix);
    /* Every term starting with the prefix sorts in [prefix, prefix + 0xFF):
     * no byte of UTF-8 text is 0xFF. */
    char *upper = malloc(plen + 2);
    if (!upper) return nomem(c);
    memcpy(upper, prefix, plen);
    upper[plen] = (char)0xFF;
    upper[plen + 1] = '\0';
    char **terms = NULL;
    size_t nterms = 0, cap = 0;
    int rc = LEDE_OK, step;
    sqlite3_stmt *st = s->prefix;
    sqlite3_bind_text(st, 1, prefix, (int)plen, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, upper, (int)plen + 1, SQLITE_STATIC);
    while (rc == LEDE_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (lede_qgrow((void **)&terms, &cap, nterms + 1, sizeof *terms) || !(terms[nterms] = strdup(t))) rc = nomem(c);
        else nterms++;
    }
    if (rc == LEDE_OK && step != SQLITE_DONE) rc = lede_index_dbfail(s->index, c->err, "listing terms");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    free(upper);
    docpos *all = NULL;
    size_t n = 0, all_cap = 0;
    for (size_t i = 0; i < nterms && rc == LEDE_OK; i++) {
        mset m;
        rc = load_term(c, terms[i], -1, &m);
        for (size_t d = 0; rc == LEDE_OK && d < m.ndocs; d++)
            for (size_t x = m.off[d]; x < m.off[d + 1]; x++) {
                if (lede_qgrow((void **)&all, &all_cap, n + 1, sizeof *all)) {
                    rc = nomem(c);
                    break;
                }
                all[n++] = (docpos){m.docs[d], m.sp[x].start};
            }
        ms_free(&m);
    }
    for (size_t i = 0; i < nterms; i++) free(terms[i]);
    free(terms);
    if (rc == LEDE_OK && ms_init(out)) rc = nomem(c);
    if (rc == LEDE_OK) {
        if (n) qsort(all, n, sizeof *all, docpos_cmp);
        for (size_t i = 0; i < n; i++) {
            if (i == 0 || all[i].doc != all[i - 1].doc) ms_add_doc(out, all[i].doc);
            ms_add_span(out, all[i].pos, all[i].pos + 1, nd->unit);
        }
        if (out->failed) rc = nomem(c);
    }
    free(all);
    return rc;
}

/* AND, OR or NOT of two match sets. */
static int combine(evalctx *c, int kind, const mset *a, const mset *b, mset *out)
{
    if (ms_init(out)) return nomem(c);
    size_t i = 0, j = 0;
    while (i < a->ndocs || j < b->ndocs) {
        int64_t da = i < a->ndocs ? a->docs[i] : INT64_MAX, db = j < b->ndocs ? b->docs[j] : INT64_MAX;
        if (da == db) {
            if (kind != QN_NOT) {
                ms_add_doc(out, da);
                ms_merge_spans(out, a, i, b, j);
            }
            i++, j++;
        } else if (da < db) {
            if (kind != QN_AND) ms_copy_doc(out, a, i);
            i++;
        } else {
            if (kind == QN_OR) ms_copy_doc(out, b, j);
            j++;
        }
        if (kind != QN_OR && i >= a->ndocs) break;
    }
    return out->failed ? nomem(c) : LEDE_OK;
}

/* NEAR/k: documents where a span of a and a span of b lie within k words
 * of each other (k words or fewer between them, in either order). Each
 * span of a with a partner gives one span from the earlier start to the
 * later end, paired with its nearest partner. */
static int near(evalctx *c, const qnode *nd, const mset *a, const mset *b, mset *out)
{
    if (ms_init(out)) return nomem(c);
    size_t j = 0;
    for (size_t i = 0; i < a->ndocs; i++) {
        while (j < b->ndocs && b->docs[j] < a->docs[i]) j++;
        if (j == b->ndocs) break;
        if (b->docs[j] != a->docs[i]) continue;
        ms_add_doc(out, a->docs[i]);
        size_t first = out->nsp;
        for (size_t x = a->off[i]; x < a->off[i + 1]; x++) {
            const span *sa = &a->sp[x];
            int64_t best = -1;
            const span *partner = NULL;
            for (size_t y = b->off[j]; y < b->off[j + 1]; y++) {
                const span *sb = &b->sp[y];
                if (sb->start == sa->start && sb->end == sa->end) continue;
                int64_t gap = sb->start >= sa->end ? (int64_t)sb->start - sa->end
                              : sa->start >= sb->end ? (int64_t)sa->start - sb->end
                                                     : 0;
                if (gap <= nd->distance && (best < 0 || gap < best)) best = gap, partner = sb;
                if (sb->start > sa->end + nd->distance) break;
            }
            if (!partner) continue;
            uint32_t st = sa->start < partner->start ? sa->start : partner->start;
            uint32_t en = sa->end > partner->end ? sa->end : partner->end;
            ms_add_span(out, st, en, nd->unit);
        }
        if (out->failed) break;
        if (out->nsp == first) {
            ms_drop_doc(out);
            continue;
        }
        /* Sort the doc's spans (a partner may come first) and drop repeats. */
        span *sp = out->sp + first;
        size_t n = out->nsp - first, w = 0;
        for (size_t x = 1; x < n; x++)
            for (size_t y = x; y > 0 && span_less(&sp[y], &sp[y - 1]); y--) {
                span t = sp[y];
                sp[y] = sp[y - 1];
                sp[y - 1] = t;
            }
        for (size_t x = 0; x < n; x++)
            if (w == 0 || sp[x].start != sp[w - 1].start || sp[x].end != sp[w - 1].end) sp[w++] = sp[x];
        out->nsp = first + w;
        out->off[out->ndocs] = out->nsp;
    }
    return out->failed ? nomem(c) : LEDE_OK;
}

/* Does document `id`'s metadata pass a source or date test? */
static int meta_matches(const lede_search *s, int64_t id, const char *source, uint32_t from, uint32_t to)
{
    const qmeta *m = &s->meta[id];
    if (!m->present) return 0;
    if (source && (!m->source || strcasecmp(m->source, source) != 0)) return 0;
    if ((from || to) && (!m->date || m->date < from || m->date > to)) return 0;
    return 1;
}

/* Evaluate node i into out. */
static int eval(evalctx *c, int i, mset *out)
{
    const qnode *nd = &c->q->nodes[i];
    int rc;
    switch (nd->kind) {
    case QN_TERM: rc = load_term(c, c->q->words[nd->first_word], nd->unit, out); break;
    case QN_PHRASE: rc = eval_phrase(c, nd, out); break;
    case QN_PREFIX: rc = eval_prefix(c, nd, out); break;
    case QN_SOURCE:
    case QN_DATE:
        if (ms_init(out)) return nomem(c);
        for (int64_t id = 1; id <= c->s->maxid; id++)
            if (nd->kind == QN_SOURCE ? meta_matches(c->s, id, nd->value, 0, 0)
                                      : meta_matches(c->s, id, NULL, nd->date_from, nd->date_to))
                ms_add_doc(out, id);
        rc = out->failed ? nomem(c) : LEDE_OK;
        break;
    default: {
        mset a = {0}, b = {0};
        rc = eval(c, nd->left, &a);
        /* AND and NOT with nothing on the left need no right side. */
        if (rc == LEDE_OK && (a.ndocs || nd->kind == QN_OR)) rc = eval(c, nd->right, &b);
        if (rc == LEDE_OK && !b.off && ms_init(&b)) rc = nomem(c);
        if (rc == LEDE_OK) rc = nd->kind == QN_NEAR ? near(c, nd, &a, &b, out) : combine(c, nd->kind, &a, &b, out);
        ms_free(&a);
        ms_free(&b);
    }
    }
    if (rc == LEDE_OK && nd->unit >= 0) c->df[nd->unit] = out->ndocs;
    return rc;
}

/* BM25 as SQLite's fts5_aux.c computes it, with a query's scored units (its
 * terms, prefixes, phrases and NEAR groups) for FTS5's phrases:
 *
 *   score(D) = sum over units i:  IDF(i) * f(i,D) * (k1 + 1)
 *                                 / (f(i,D) + k1 * (1 - b + b * |D| / avgdl))
 *   IDF(i)   = log((N - n(i) + 0.5) / (n(i) + 0.5)), at least 1e-6
 *
 * f(i,D) is the unit's matches in D, |D| the document's words, avgdl the
 * mean over the N documents of the index, n(i) the documents the unit
 * matches anywhere (before any filter). FTS5 returns the negated score so
 * that ORDER BY is ascending; here higher is better. */
static double bm25(const lede_search *s, const double *idf, const uint32_t *tf, size_t nunits, int64_t doc,
                   double k1, double b)
{
    double avgdl = s->ndocs ? (double)s->nwords / (double)s->ndocs : 1.0;
    if (avgdl <= 0) avgdl = 1.0;
    double dl = s->meta[doc].nwords, score = 0;
    for (size_t i = 0; i < nunits; i++) {
        if (!tf[i]) continue;
        double f = tf[i];
        score += idf[i] * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * dl / avgdl));
    }
    return score;
}

/* Rank order: higher score first, then lower id. */
static int by_rank(const void *a, const void *b)
{
    const lede_search_doc *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->doc_id > y->doc_id) - (x->doc_id < y->doc_id);
}

/* Map the spans of the returned documents to hits (tokens and bytes). */
static int make_hits(lede_search *s, const mset *m, const size_t *where, lede_search_result *r, lede_error *err)
{
    size_t nsp = 0;
    for (size_t k = 0; k < r->ndocs; k++) nsp += m->off[where[k] + 1] - m->off[where[k]];
    if (nsp && !(r->hits = malloc(nsp * sizeof *r->hits))) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    qdoc d = {0};
    int rc = LEDE_OK;
    for (size_t k = 0; k < r->ndocs && rc == LEDE_OK; k++) {
        size_t i = where[k], lo = m->off[i], hi = m->off[i + 1];
        lede_search_doc *sd = &r->docs[k];
        sd->first_hit = r->nhits;
        if (lo == hi) continue;
        uint32_t reach = 0; /* the word positions the spans reach */
        for (size_t x = lo; x < hi; x++)
            if (m->sp[x].end > reach) reach = m->sp[x].end;
        if ((rc = lede_qdoc_load(s, sd->doc_id, 0, reach, &d, err))) break;
        for (size_t x = lo; x < hi; x++) {
            const span *sp = &m->sp[x];
            if (x > lo && sp->start == m->sp[x - 1].start && sp->end == m->sp[x - 1].end) continue;
            if (sp->end > d.nwords || sp->end <= sp->start) {
                rc = lede_fail(err, LEDE_ERR_FORMAT, "%s: document %lld: postings past its last word",
                               s->index->path, (long long)sd->doc_id);
                break;
            }
            uint32_t t0 = d.word_token[sp->start], t1 = d.word_token[sp->end - 1];
            r->hits[r->nhits++] = (lede_hit){.doc_id = sd->doc_id,
                                             .position = t0,
                                             .ntokens = t1 - t0 + 1,
                                             .start = d.start[t0],
                                             .end = d.end[t1]};
        }
        sd->nhits = r->nhits - sd->first_hit;
    }
    lede_qdoc_free(&d);
    return rc;
}

void lede_search_result_free(lede_search_result *r)
{
    if (!r) return;
    free(r->docs);
    free(r->hits);
    memset(r, 0, sizeof *r);
}

int lede_search_run(lede_search *s, const lede_query *q, const lede_search_opts *opts, lede_search_result *out,
                    lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (!s || !q) return lede_fail(err, LEDE_ERR_ARG, "lede_search_run: search or query is NULL");
    lede_search_opts o = opts ? *opts : (lede_search_opts){0};
    if (o.k1 <= 0) o.k1 = 1.2;
    if (o.b <= 0) o.b = 0.75;
    uint32_t from = 0, to = 0;
    if (o.date_from || o.date_to) {
        /* The bounds are written as in the query language. */
        lede_query *dq = NULL;
        char text[80];
        snprintf(text, sizeof text, "date:%.30s..%.30s", o.date_from ? o.date_from : "", o.date_to ? o.date_to : "");
        lede_error why = {0};
        if (lede_query_parse(text, &dq, NULL, &why)) return lede_fail(err, LEDE_ERR_ARG, "date filter: %s", why.message);
        from = dq->nodes[dq->root].date_from;
        to = dq->nodes[dq->root].date_to;
        lede_query_free(dq);
    }
    int rc = lede_search_refresh(s, err);
    if (rc) return rc;
    evalctx c = {.s = s, .q = q, .err = err};
    lede_error scratch;
    if (!err) c.err = &scratch;
    c.df = calloc(q->nunits ? q->nunits : 1, sizeof *c.df);
    double *idf = calloc(q->nunits ? q->nunits : 1, sizeof *idf);
    uint32_t *tf = calloc(q->nunits ? q->nunits : 1, sizeof *tf);
    size_t *where = NULL;
    mset m = {0};
    if (!c.df || !idf || !tf) rc = nomem(&c);
    if (rc == LEDE_OK) rc = eval(&c, q->root, &m);
    if (rc == LEDE_OK) {
        for (size_t i = 0; i < q->nunits; i++) {
            double n = (double)c.df[i], N = (double)s->ndocs;
            idf[i] = log((N - n + 0.5) / (n + 0.5));
            if (idf[i] <= 0.0) idf[i] = 1e-6;
        }
        out->docs = malloc((m.ndocs ? m.ndocs : 1) * sizeof *out->docs);
        where = malloc((m.ndocs ? m.ndocs : 1) * sizeof *where);
        if (!out->docs || !where) rc = nomem(&c);
    }
    for (size_t i = 0; rc == LEDE_OK && i < m.ndocs; i++) {
        int64_t id = m.docs[i];
        if (id < 1 || id > s->maxid || !meta_matches(s, id, o.source, from, to))
            continue;
        memset(tf, 0, (q->nunits ? q->nunits : 1) * sizeof *tf);
        for (size_t x = m.off[i]; x < m.off[i + 1]; x++)
            if (m.sp[x].unit >= 0) tf[m.sp[x].unit]++;
        /* The position in m goes in first_hit until the hits are made. */
        out->docs[out->ndocs++] = (lede_search_doc){.doc_id = id, .score = bm25(s, idf, tf, q->nunits, id, o.k1, o.b),
                                                    .first_hit = i};
    }
    if (rc == LEDE_OK) {
        out->total = out->ndocs;
        if (o.order == LEDE_ORDER_RANK) qsort(out->docs, out->ndocs, sizeof *out->docs, by_rank);
        if (o.limit && out->ndocs > o.limit) out->ndocs = o.limit;
        for (size_t k = 0; k < out->ndocs; k++) where[k] = out->docs[k].first_hit;
        rc = make_hits(s, &m, where, out, c.err);
    }
    ms_free(&m);
    free(c.df);
    free(idf);
    free(tf);
    free(where);
    if (rc) lede_search_result_free(out);
    return rc;
}
