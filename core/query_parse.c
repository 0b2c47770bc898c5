/* query_parse.c — the query language (docs/query.md): a lexer, a
 * recursive-descent parser building the tree of query.h, and
 * lede_query_describe. Precedence, tightest first, as in SQLite FTS5:
 * NEAR, NOT, AND (also implicit, by juxtaposition), OR.
 *
 *   query   := or
 *   or      := and ("OR" and)*
 *   and     := not (["AND"] not)*
 *   not     := near ("NOT" near)*
 *   near    := primary ("NEAR" | "NEAR/k") primary    (leaves only)
 *   primary := WORD | WORD* | "PHRASE" | source:X | date:A..B | "(" or ")"
 *
 * Operators are upper case; `and`, `or`, `not` in lower case are words.
 * Words are normalized as the documents' tokens are, so a bare word that
 * tokenizes into several words (U.S.-led) is a phrase. */
#include "error.h"
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lexeme kinds. */
enum { LX_END, LX_WORD, LX_PHRASE, LX_LPAREN, LX_RPAREN, LX_AND, LX_OR, LX_NOT, LX_NEAR, LX_FIELD };

typedef struct lexeme {
    int kind;
    size_t start, end;            /* bytes of the lexeme in the query */
    size_t vstart, vend;          /* its value: a phrase's or field's content */
    unsigned distance;            /* NEAR/k */
    int field;                    /* LX_FIELD: 's' source, 'd' date */
} lexeme;

typedef struct parser {
    const char *text;
    size_t len, at; /* next byte to lex */
    lexeme cur;     /* the current lexeme */
    lede_query *q;
    lede_error *err;
    size_t error_pos;
    int depth;
} parser;

/* The 1-based character position of byte `byte` of the query. */
static size_t char_pos(const char *text, size_t byte)
{
    size_t n = 1;
    for (size_t i = 0; i < byte; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Fail at byte `byte` of the query: "query: position P: reason". */
static int fail_at(parser *p, size_t byte, const char *fmt, const char *arg)
{
    char reason[600];
    snprintf(reason, sizeof reason, fmt, arg ? arg : "");
    p->error_pos = char_pos(p->text, byte);
    return lede_fail(p->err, LEDE_ERR_QUERY, "query: position %zu: %s", p->error_pos, reason);
}

/* A short quoted excerpt of the query from byte `start` to `end` (cut at
 * 40 bytes), for messages. */
static const char *excerpt(parser *p, size_t start, size_t end, char *buf, size_t size)
{
    size_t n = end - start;
    if (n > 40) n = 40;
    snprintf(buf, size, "%.*s", (int)n, p->text + start);
    return buf;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Does a bare run of bytes end here? */
static int ends_bare(unsigned char c) { return c == 0 || is_space(c) || c == '(' || c == ')' || c == '"'; }

/* Read the next lexeme into p->cur. */
static int lex(parser *p)
{
    const char *t = p->text;
    while (p->at < p->len && is_space((unsigned char)t[p->at])) p->at++;
    lexeme *x = &p->cur;
    memset(x, 0, sizeof *x);
    x->start = p->at;
    if (p->at >= p->len) {
        x->kind = LX_END;
        x->end = p->at;
        return LEDE_OK;
    }
    char c = t[p->at];
    if (c == '(' || c == ')') {
        x->kind = c == '(' ? LX_LPAREN : LX_RPAREN;
        x->end = ++p->at;
        return LEDE_OK;
    }
    if (c == '"') {
        const char *close = memchr(t + p->at + 1, '"', p->len - p->at - 1);
        if (!close) return fail_at(p, p->at, "unterminated phrase: this '\"' is never closed%s", NULL);
        x->kind = LX_PHRASE;
        x->vstart = p->at + 1;
        x->vend = (size_t)(close - t);
        p->at = x->end = x->vend + 1;
        return LEDE_OK;
    }
    size_t end = p->at;
    while (end < p->len && !ends_bare((unsigned char)t[end])) end++;
    size_t n = end - p->at;
    const char *w = t + p->at;
    x->end = end;
    x->vstart = p->at;
    x->vend = end;
    if (n == 3 && memcmp(w, "AND", 3) == 0) x->kind = LX_AND;
    else if (n == 2 && memcmp(w, "OR", 2) == 0) x->kind = LX_OR;
    else if (n == 3 && memcmp(w, "NOT", 3) == 0) x->kind = LX_NOT;
    else if (n >= 4 && memcmp(w, "NEAR", 4) == 0 && (n == 4 || w[4] == '/')) {
        x->kind = LX_NEAR;
        x->distance = 10;
        if (n > 4) {
            unsigned long k = 0;
            size_t i = 5;
            for (; i < n && isdigit((unsigned char)w[i]) && k <= 1000; i++) k = k * 10 + (unsigned long)(w[i] - '0');
            if (i == 5 || i < n || k > 100) {
                char buf[64];
                return fail_at(p, p->at, "%s: the distance after NEAR/ must be a whole number from 0 to 100",
                               excerpt(p, p->at, end, buf, sizeof buf));
            }
            x->distance = (unsigned)k;
        }
    } else if ((n >= 7 && memcmp(w, "source:", 7) == 0) || (n >= 5 && memcmp(w, "date:", 5) == 0)) {
        x->kind = LX_FIELD;
        x->field = w[0] == 's' ? 's' : 'd';
        x->vstart = p->at + (x->field == 's' ? 7 : 5);
        if (x->vstart == end && end < p->len && t[end] == '"') {
            /* source:"New York Post" */
            const char *close = memchr(t + end + 1, '"', p->len - end - 1);
            if (!close) return fail_at(p, end, "unterminated value: this '\"' is never closed%s", NULL);
            x->vstart = end + 1;
            x->vend = (size_t)(close - t);
            end = x->end = x->vend + 1;
        }
        if (x->vend == x->vstart) {
            char buf[16];
            return fail_at(p, p->at, "%s needs a value", excerpt(p, p->at, x->vstart, buf, sizeof buf));
        }
    } else {
        x->kind = LX_WORD;
    }
    p->at = end;
    return LEDE_OK;
}

/* Append a node; returns its index or -1 (out of memory, err set). */
static int new_node(parser *p, int kind, size_t byte)
{
    lede_query *q = p->q;
    if (lede_qgrow((void **)&q->nodes, &q->cap, q->n + 1, sizeof *q->nodes)) {
        lede_fail(p->err, LEDE_ERR_NOMEM, "out of memory");
        return -1;
    }
    qnode *nd = &q->nodes[q->n];
    memset(nd, 0, sizeof *nd);
    nd->kind = kind;
    nd->pos = char_pos(p->text, byte);
    nd->left = nd->right = -1;
    nd->unit = -1;
    return (int)q->n++;
}

/* Keep a copy of a normalized word in q->words. */
static int add_word(parser *p, const char *w, size_t len)
{
    lede_query *q = p->q;
    char *copy = malloc(len + 1);
    if (!copy || lede_qgrow((void **)&q->words, &q->words_cap, q->nwords + 1, sizeof *q->words)) {
        free(copy);
        return lede_fail(p->err, LEDE_ERR_NOMEM, "out of memory");
    }
    memcpy(copy, w, len);
    copy[len] = '\0';
    q->words[q->nwords++] = copy;
    return LEDE_OK;
}

/* Tokenize bytes [start, end) of the query as documents are tokenized and
 * add their indexed words; *count receives how many. */
static int add_words_of(parser *p, size_t start, size_t end, size_t *count)
{
    *count = 0;
    lede_doc *doc = NULL;
    int rc = lede_doc_new(p->text + start, end - start, NULL, &doc, p->err);
    /* The loader refuses bytes that are mostly control characters or
     * invalid UTF-8 as binary; in a query that is a malformed query. */
    if (rc != LEDE_OK && rc != LEDE_ERR_NOMEM)
        return fail_at(p, start, "not text: the words here are control characters or invalid UTF-8%s", NULL);
    if (rc == LEDE_OK) rc = lede_doc_analyze(doc, p->err);
    if (rc == LEDE_OK) {
        const lede_token *tok = lede_doc_tokens(doc);
        const char *norms = lede_doc_norms(doc);
        for (size_t i = 0, n = lede_doc_ntokens(doc); i < n && rc == LEDE_OK; i++)
            if (lede_token_indexed(tok[i].kind)) {
                rc = add_word(p, norms + tok[i].norm, tok[i].norm_len);
                if (rc == LEDE_OK) (*count)++;
            }
    }
    lede_doc_free(doc);
    return rc;
}

/* Read a date bound: YYYY, YYYY-MM or YYYY-MM-DD into the first (or, when
 * `upper`, the last) YYYYMMDD key it covers. Returns 0, or -1. */
static int date_bound(const char *s, size_t n, int upper, uint32_t *key)
{
    unsigned y = 0, m = 0, d = 0;
    size_t i = 0;
    for (; i < 4; i++) {
        if (i >= n || !isdigit((unsigned char)s[i])) return -1;
        y = y * 10 + (unsigned)(s[i] - '0');
    }
    if (i < n) {
        if (s[i++] != '-' || i + 2 > n || !isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1])) return -1;
        m = (unsigned)((s[i] - '0') * 10 + (s[i + 1] - '0'));
        i += 2;
        if (m < 1 || m > 12) return -1;
    }
    if (i < n) {
        if (s[i++] != '-' || i + 2 != n || !isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1])) return -1;
        d = (unsigned)((s[i] - '0') * 10 + (s[i + 1] - '0'));
        if (d < 1 || d > 31) return -1;
    }
    if (upper) {
        if (!m) m = 99;
        if (!d) d = 99;
    }
    *key = y * 10000 + m * 100 + d;
    return 0;
}

/* A field filter lexeme: source:X or date:A, date:A..B, date:A.., date:..B. */
static int parse_field(parser *p, const lexeme *x, int *out)
{
    int kind = x->field == 's' ? QN_SOURCE : QN_DATE;
    int id = new_node(p, kind, x->start);
    if (id < 0) return p->err->code;
    qnode *nd = &p->q->nodes[id];
    const char *v = p->text + x->vstart;
    size_t n = x->vend - x->vstart;
    if (kind == QN_SOURCE) {
        nd->value = malloc(n + 1);
        if (!nd->value) return lede_fail(p->err, LEDE_ERR_NOMEM, "out of memory");
        memcpy(nd->value, v, n);
        nd->value[n] = '\0';
    } else {
        const char *dots = NULL;
        for (size_t i = 0; i + 1 < n; i++)
            if (v[i] == '.' && v[i + 1] == '.') {
                dots = v + i;
                break;
            }
        int bad;
        if (dots) {
            size_t a = (size_t)(dots - v), b = n - a - 2;
            nd->date_from = 0;
            nd->date_to = 99999999;
            bad = (a == 0 && b == 0) || (a && date_bound(v, a, 0, &nd->date_from)) ||
                  (b && date_bound(dots + 2, b, 1, &nd->date_to));
        } else {
            bad = date_bound(v, n, 0, &nd->date_from) || date_bound(v, n, 1, &nd->date_to);
        }
        if (bad) {
            char buf[64];
            return fail_at(p, x->vstart,
                           "date:%s: expected YYYY, YYYY-MM or YYYY-MM-DD, or a range FROM..TO (either end may be left out)",
                           excerpt(p, x->vstart, x->vend, buf, sizeof buf));
        }
        if (nd->date_from > nd->date_to) return fail_at(p, x->vstart, "date range ends before it starts%s", NULL);
    }
    *out = id;
    return LEDE_OK;
}

/* A bare word: a term, a prefix (word*) or, when it tokenizes into several
 * words, a phrase. */
static int parse_word(parser *p, const lexeme *x, int *out)
{
    const char *w = p->text + x->start;
    size_t n = x->end - x->start;
    char buf[64];
    const char *star = memchr(w, '*', n);
    if (star && star != w + n - 1)
        return fail_at(p, (size_t)(star - p->text), "'*' may only end a word (a prefix such as recogni*)%s", NULL);
    if (star) {
        if (n == 1) return fail_at(p, x->start, "'*' needs the start of a word before it (recogni*)%s", NULL);
        char *norm = NULL;
        size_t len = 0;
        int rc = lede_normalize(w, n - 1, &norm, &len, p->err);
        if (rc == LEDE_ERR_ARG) return fail_at(p, x->start, "the prefix before '*' is not valid UTF-8%s", NULL);
        if (rc) return rc;
        int space = len == 0 || memchr(norm, ' ', len) != NULL;
        if (!space) rc = add_word(p, norm, len);
        free(norm);
        if (space)
            return fail_at(p, x->start, "%s: a prefix must be the start of one word",
                           excerpt(p, x->start, x->end, buf, sizeof buf));
        if (rc) return rc;
        int id = new_node(p, QN_PREFIX, x->start);
        if (id < 0) return p->err->code;
        p->q->nodes[id].first_word = p->q->nwords - 1;
        p->q->nodes[id].nwords = 1;
        *out = id;
        return LEDE_OK;
    }
    size_t first = p->q->nwords, count = 0;
    int rc = add_words_of(p, x->start, x->end, &count);
    if (rc) return rc;
    if (count == 0)
        return fail_at(p, x->start, "'%s' has no words to search for (punctuation is not indexed)",
                       excerpt(p, x->start, x->end, buf, sizeof buf));
    int id = new_node(p, count == 1 ? QN_TERM : QN_PHRASE, x->start);
    if (id < 0) return p->err->code;
    p->q->nodes[id].first_word = first;
    p->q->nodes[id].nwords = count;
    *out = id;
    return LEDE_OK;
}

static int parse_or(parser *p, int *out);

/* The name of a lexeme kind, for messages. */
static const char *lexeme_name(const parser *p, const lexeme *x, char *buf, size_t size)
{
    switch (x->kind) {
    case LX_END: return "the end of the query";
    case LX_RPAREN: return "')'";
    case LX_AND: return "AND";
    case LX_OR: return "OR";
    case LX_NOT: return "NOT";
    case LX_NEAR: snprintf(buf, size, "%.*s", (int)(x->end - x->start), p->text + x->start); return buf;
    default: return "this";
    }
}

/* primary := WORD | PHRASE | FIELD | "(" or ")". `after` names what came
 * before (an operator), for the message when the primary is missing. */
static int parse_primary(parser *p, const char *after, size_t after_byte, int *out)
{
    lexeme x = p->cur;
    char buf[64];
    int rc;
    switch (x.kind) {
    case LX_WORD:
        if ((rc = parse_word(p, &x, out))) return rc;
        return lex(p);
    case LX_PHRASE: {
        size_t first = p->q->nwords, count = 0;
        if ((rc = add_words_of(p, x.vstart, x.vend, &count))) return rc;
        if (count == 0) return fail_at(p, x.start, "empty phrase: there are no words between the quotes%s", NULL);
        int id = new_node(p, count == 1 ? QN_TERM : QN_PHRASE, x.start);
        if (id < 0) return p->err->code;
        p->q->nodes[id].first_word = first;
        p->q->nodes[id].nwords = count;
        *out = id;
        return lex(p);
    }
    case LX_FIELD:
        if ((rc = parse_field(p, &x, out))) return rc;
        return lex(p);
    case LX_LPAREN:
        if (++p->depth > 100) return fail_at(p, x.start, "groups nested more than 100 deep%s", NULL);
        if ((rc = lex(p))) return rc;
        if (p->cur.kind == LX_RPAREN) return fail_at(p, x.start, "empty group '()'%s", NULL);
        if ((rc = parse_or(p, out))) return rc;
        if (p->cur.kind != LX_RPAREN) {
            if (p->cur.kind == LX_END) return fail_at(p, x.start, "'(' is never closed%s", NULL);
            return fail_at(p, p->cur.start, "expected ')' to close the '(' here, not %s",
                           lexeme_name(p, &p->cur, buf, sizeof buf));
        }
        p->depth--;
        return lex(p);
    case LX_RPAREN:
        if (!after) return fail_at(p, x.start, "')' without a matching '('%s", NULL);
        /* fall through */
    default:
        if (after)
            return fail_at(p, after_byte, "%s needs a term, phrase or group after it", after);
        return fail_at(p, x.start, "%s needs a term, phrase or group before it",
                       lexeme_name(p, &x, buf, sizeof buf));
    }
}

/* Whether node i can stand beside NEAR: a term, prefix or phrase. */
static int is_leaf(const lede_query *q, int i)
{
    int k = q->nodes[i].kind;
    return k == QN_TERM || k == QN_PREFIX || k == QN_PHRASE;
}

/* near := primary (NEAR primary)? */
static int parse_near(parser *p, const char *after, size_t after_byte, int *out)
{
    int left, rc;
    if ((rc = parse_primary(p, after, after_byte, &left))) return rc;
    while (p->cur.kind == LX_NEAR) {
        lexeme op = p->cur;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(op.end - op.start), p->text + op.start);
        if (!is_leaf(p->q, left))
            return fail_at(p, op.start,
                           "%s joins two terms or phrases; the left side is a group, filter or NEAR "
                           "(write (a NEAR b) AND (b NEAR c) for a chain)",
                           name);
        if ((rc = lex(p))) return rc;
        int right;
        if ((rc = parse_primary(p, name, op.start, &right))) return rc;
        if (!is_leaf(p->q, right))
            return fail_at(p, op.start, "%s joins two terms or phrases; the right side is a group or filter", name);
        int id = new_node(p, QN_NEAR, op.start);
        if (id < 0) return p->err->code;
        p->q->nodes[id].left = left;
        p->q->nodes[id].right = right;
        p->q->nodes[id].distance = op.distance;
        left = id;
    }
    *out = left;
    return LEDE_OK;
}

/* not := near ("NOT" near)* */
static int parse_not(parser *p, const char *after, size_t after_byte, int *out)
{
    int left, rc;
    if ((rc = parse_near(p, after, after_byte, &left))) return rc;
    while (p->cur.kind == LX_NOT) {
        size_t at = p->cur.start;
        if ((rc = lex(p))) return rc;
        int right;
        if ((rc = parse_near(p, "NOT", at, &right))) return rc;
        int id = new_node(p, QN_NOT, at);
        if (id < 0) return p->err->code;
        p->q->nodes[id].left = left;
        p->q->nodes[id].right = right;
        left = id;
    }
    *out = left;
    return LEDE_OK;
}

/* Can the current lexeme start a primary (for implicit AND)? */
static int starts_primary(int kind)
{
    return kind == LX_WORD || kind == LX_PHRASE || kind == LX_FIELD || kind == LX_LPAREN;
}

/* and := not (["AND"] not)* */
static int parse_and(parser *p, const char *after, size_t after_byte, int *out)
{
    int left, rc;
    if ((rc = parse_not(p, after, after_byte, &left))) return rc;
    while (p->cur.kind == LX_AND || starts_primary(p->cur.kind)) {
        size_t at = p->cur.start;
        const char *op = NULL;
        if (p->cur.kind == LX_AND) {
            op = "AND";
            if ((rc = lex(p))) return rc;
        }
        int right;
        if ((rc = parse_not(p, op, at, &right))) return rc;
        int id = new_node(p, QN_AND, at);
        if (id < 0) return p->err->code;
        p->q->nodes[id].left = left;
        p->q->nodes[id].right = right;
        left = id;
    }
    *out = left;
    return LEDE_OK;
}

/* or := and ("OR" and)* */
static int parse_or(parser *p, int *out)
{
    int left, rc;
    if ((rc = parse_and(p, NULL, 0, &left))) return rc;
    while (p->cur.kind == LX_OR) {
        size_t at = p->cur.start;
        if ((rc = lex(p))) return rc;
        int right;
        if ((rc = parse_and(p, "OR", at, &right))) return rc;
        int id = new_node(p, QN_OR, at);
        if (id < 0) return p->err->code;
        p->q->nodes[id].left = left;
        p->q->nodes[id].right = right;
        left = id;
    }
    *out = left;
    return LEDE_OK;
}

/* Number the scored units: NEAR nodes, and leaves not under a NEAR. A
 * filter is not scored. */
static void number_units(lede_query *q, int i, int under_near)
{
    qnode *nd = &q->nodes[i];
    if (nd->kind == QN_NEAR) {
        nd->unit = (int)q->nunits++;
        number_units(q, nd->left, 1);
        number_units(q, nd->right, 1);
    } else if (is_leaf(q, i)) {
        if (!under_near) nd->unit = (int)q->nunits++;
    } else if (nd->left >= 0) {
        number_units(q, nd->left, under_near);
        number_units(q, nd->right, under_near);
    }
}

int lede_query_parse(const char *text, lede_query **out, size_t *error_pos, lede_error *err)
{
    *out = NULL;
    if (error_pos) *error_pos = 0;
    if (!text) return lede_fail(err, LEDE_ERR_ARG, "lede_query_parse: text is NULL");
    lede_query *q = calloc(1, sizeof *q);
    if (!q) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    lede_error scratch;
    parser p = {.text = text, .len = strlen(text), .q = q, .err = err ? err : &scratch};
    int rc = lex(&p);
    if (rc == LEDE_OK && p.cur.kind == LX_END) rc = fail_at(&p, 0, "empty query%s", NULL);
    if (rc == LEDE_OK) rc = parse_or(&p, &q->root);
    if (rc == LEDE_OK && p.cur.kind != LX_END) {
        /* Only ')' can stop the parse early here. */
        rc = fail_at(&p, p.cur.start, "')' without a matching '('%s", NULL);
    }
    if (rc) {
        if (error_pos) *error_pos = p.error_pos;
        lede_query_free(q);
        return rc;
    }
    number_units(q, q->root, 0);
    *out = q;
    return LEDE_OK;
}

void lede_query_free(lede_query *q)
{
    if (!q) return;
    for (size_t i = 0; i < q->n; i++) free(q->nodes[i].value);
    for (size_t i = 0; i < q->nwords; i++) free(q->words[i]);
    free(q->nodes);
    free(q->words);
    free(q);
}

/* Append node i's canonical form to b. */
static void describe(const lede_query *q, int i, lede_bytes *b)
{
    const qnode *nd = &q->nodes[i];
    char buf[64];
    switch (nd->kind) {
    case QN_TERM:
    case QN_PREFIX:
        lede_bytes_append(b, q->words[nd->first_word], strlen(q->words[nd->first_word]));
        if (nd->kind == QN_PREFIX) lede_bytes_byte(b, '*');
        break;
    case QN_PHRASE:
        lede_bytes_byte(b, '"');
        for (size_t k = 0; k < nd->nwords; k++) {
            if (k) lede_bytes_byte(b, ' ');
            lede_bytes_append(b, q->words[nd->first_word + k], strlen(q->words[nd->first_word + k]));
        }
        lede_bytes_byte(b, '"');
        break;
    case QN_SOURCE:
        lede_bytes_append(b, "source:\"", 8);
        lede_bytes_append(b, nd->value, strlen(nd->value));
        lede_bytes_byte(b, '"');
        break;
    case QN_DATE:
        snprintf(buf, sizeof buf, "date:%08u..%08u", (unsigned)nd->date_from, (unsigned)nd->date_to);
        lede_bytes_append(b, buf, strlen(buf));
        break;
    default: {
        const char *op = nd->kind == QN_AND ? "AND" : nd->kind == QN_OR ? "OR" : nd->kind == QN_NOT ? "NOT" : NULL;
        if (!op) {
            snprintf(buf, sizeof buf, "NEAR/%u", nd->distance);
            op = buf;
        }
        lede_bytes_byte(b, '(');
        lede_bytes_append(b, op, strlen(op));
        lede_bytes_byte(b, ' ');
        describe(q, nd->left, b);
        lede_bytes_byte(b, ' ');
        describe(q, nd->right, b);
        lede_bytes_byte(b, ')');
    }
    }
}

int lede_query_describe(const lede_query *q, char **out, lede_error *err)
{
    *out = NULL;
    lede_bytes b = {0};
    describe(q, q->root, &b);
    lede_bytes_byte(&b, 0);
    if (b.failed) {
        lede_bytes_free(&b);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    *out = (char *)b.v;
    return LEDE_OK;
}
