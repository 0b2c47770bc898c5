/*
 * reuse.c — the text-reuse primitives for Lua: exact shingle overlap of two
 * documents (lede.overlap), passage alignment with its edit script
 * (lede.align) and candidate pairs of a collection by MinHash and LSH,
 * verified by exact Jaccard (lede.candidates). Algorithms: docs/reuse.md.
 *
 * Every C result that must outlive a Lua call that may raise lives in a
 * "box" userdata whose finaliser frees it, so an error (a bad argument, no
 * memory) between allocation and return leaks nothing.
 */
#include "lede_lua.h"

#include <stdlib.h>
#include <string.h>

#define LEDE_REUSE_BOX_MT "lede.ReuseBox"

/* What a box owns: every field may be NULL/zero. */
typedef struct reuse_box {
    lede_alignment al;
    lede_shingle_set *sets; /* nsets sets */
    size_t nsets;
    uint32_t *sig;
    lede_lsh *lsh;
    lede_candidates cand;
    lede_doc **docs;
} reuse_box;

/* The finaliser of a box: frees what it owns, idempotent. [-0, +0, -] */
static int box_gc(lua_State *L)
{
    reuse_box *b = (reuse_box *)luaL_checkudata(L, 1, LEDE_REUSE_BOX_MT);
    lede_alignment_free(&b->al);
    for (size_t i = 0; i < b->nsets; i++) lede_shingle_set_free(&b->sets[i]);
    free(b->sets);
    b->sets = NULL;
    b->nsets = 0;
    free(b->sig);
    b->sig = NULL;
    lede_lsh_free(b->lsh);
    b->lsh = NULL;
    lede_candidates_free(&b->cand);
    free(b->docs);
    b->docs = NULL;
    return 0;
}

/* [-0, +1, m] Push a new empty box. */
static reuse_box *box_new(lua_State *L)
{
    reuse_box *b = (reuse_box *)lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    luaL_setmetatable(L, LEDE_REUSE_BOX_MT);
    return b;
}

/* [-0, +0, v] Integer option `name` of the table at `arg` (absent: def),
 * checked to lie in [lo, hi]. */
static lua_Integer opt_int(lua_State *L, int arg, const char *name, lua_Integer def, lua_Integer lo,
                           lua_Integer hi)
{
    if (lua_isnoneornil(L, arg)) return def;
    lua_getfield(L, arg, name);
    lua_Integer v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        v = lua_tointegerx(L, -1, &ok);
        if (!ok || v < lo || v > hi)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be an integer from %I to %I", name, lo, hi));
    }
    lua_pop(L, 1);
    return v;
}

/* [-0, +0, v] Number option `name` of the table at `arg` (absent: def). */
static double opt_num(lua_State *L, int arg, const char *name, double def)
{
    if (lua_isnoneornil(L, arg)) return def;
    lua_getfield(L, arg, name);
    double v = def;
    if (!lua_isnil(L, -1)) {
        int ok;
        v = lua_tonumberx(L, -1, &ok);
        if (!ok) luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a number", name));
    }
    lua_pop(L, 1);
    return v;
}

/* [-0, +0, v] Raise if the options table at `arg` has a key not in `known`
 * (a NULL-terminated list; `list` is the same names for the message). */
static void check_option_names(lua_State *L, int arg, const char *const *known, const char *list)
{
    if (lua_isnoneornil(L, arg)) return;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        int i = 0;
        while (key && known[i] && strcmp(known[i], key) != 0) i++;
        if (!key || !known[i])
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s' (known: %s)",
                                                 key ? key : luaL_typename(L, -2), list));
        lua_pop(L, 1);
    }
}

/* [-0, +1, m] Push {jaccard, a_in_b, b_in_a, shared, na, nb}. */
static void push_overlap(lua_State *L, const lede_overlap *ov)
{
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, (lua_Integer)ov->na);
    lua_setfield(L, -2, "na");
    lua_pushinteger(L, (lua_Integer)ov->nb);
    lua_setfield(L, -2, "nb");
    lua_pushinteger(L, (lua_Integer)ov->shared);
    lua_setfield(L, -2, "shared");
    lua_pushnumber(L, ov->jaccard);
    lua_setfield(L, -2, "jaccard");
    lua_pushnumber(L, ov->a_in_b);
    lua_setfield(L, -2, "a_in_b");
    lua_pushnumber(L, ov->b_in_a);
    lua_setfield(L, -2, "b_in_a");
}

/*** lede.overlap(a, b [, n]) -> {jaccard, a_in_b, b_in_a, shared, na, nb}
 * Exact overlap of the distinct word n-grams (default 5) of two Documents'
 * content tokens (words, abbreviations, numbers; not punctuation or quote
 * marks): `na`, `nb` distinct n-grams, `shared` in both, `jaccard` =
 * shared / (na + nb − shared), `a_in_b` = shared / na (containment of A in
 * B), `b_in_a` = shared / nb. Empty sets give 0.
 *
 *     local c = assert(lede.load("seeds/"))
 *     local ov = lede.overlap(c:doc(3), c:doc(4))
 *     print(ov.na, ov.nb, ov.shared)           --> 701	587	49
 *     print(("%.4f"):format(ov.jaccard))       --> 0.0395
 * [-0, +1, e]
 */
static int l_overlap(lua_State *L)
{
    lede_doc *da = lede_lua_checkdoc(L, 1), *db = lede_lua_checkdoc(L, 2);
    unsigned n = (unsigned)luaL_optinteger(L, 3, LEDE_SHINGLE_N);
    luaL_argcheck(L, n >= 1 && n <= LEDE_NGRAM_MAX, 3, "n must be from 1 to 64");
    reuse_box *box = box_new(L);
    box->sets = (lede_shingle_set *)calloc(2, sizeof *box->sets);
    if (!box->sets) return luaL_error(L, "not enough memory");
    box->nsets = 2;
    lede_error err = {0};
    if (lede_shingle_set_doc(da, n, &box->sets[0], &err) || lede_shingle_set_doc(db, n, &box->sets[1], &err))
        return lede_lua_fail(L, &err);
    lede_overlap ov;
    lede_shingle_set_overlap(&box->sets[0], &box->sets[1], &ov);
    push_overlap(L, &ov);
    return 1;
}

/* [-0, +1, m] Push a span as {start, stop, first, last}: bytes (0-based,
 * end exclusive) and tokens (1-based, inclusive; last = first - 1 when the
 * span is empty, the point before token `first`). */
static void push_span(lua_State *L, const lede_span *s)
{
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, s->byte_start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, s->byte_end);
    lua_setfield(L, -2, "stop");
    lua_pushinteger(L, (lua_Integer)s->tok_start + 1);
    lua_setfield(L, -2, "first");
    lua_pushinteger(L, s->tok_end);
    lua_setfield(L, -2, "last");
}

static const char *const align_option_names[] = {"anchor_n", "max_gap", "min_passage", "max_repeat", NULL};

/*** lede.align(a, b [, opts]) -> {passage, …} | nil, message, code
 * Every passage of Document `a` reused in Document `b` (docs/reuse.md:
 * anchors from n-grams unique in both, chained and extended into
 * gap-tolerant alignments), sorted by their place in `a`. `opts`:
 * `anchor_n` (default 3), `max_gap` (40), `min_passage` (8),
 * `max_repeat` (1). A passage is
 * `{a = span, b = span, score, equal, substitute, insert, delete, edits}`:
 * a span is `{start, stop, first, last}` (bytes, and tokens 1-based
 * inclusive); `score` is 2·equal / (terms of a + terms of b), 1 for a
 * verbatim copy; the counts are terms in each kind of run; `edits` is the
 * token-level edit script from a to b, runs `{kind, a = span, b = span}`
 * with kind `"equal"`, `"substitute"`, `"insert"` (a's span empty) or
 * `"delete"` (b's span empty).
 *
 *     local c = assert(lede.load("seeds/"))
 *     local ps = lede.align(c:doc(1), c:doc(5))
 *     local p = ps[2]                          -- the spokesperson's quote
 *     print(#ps, p.equal, p.score, #p.edits)   --> 2	17	1.0	1
 *     print(c:doc(1):slice(p.a.start, p.a.stop):sub(1, 26)) --> that is not a statement re
 * [-0, +(1|3), e]
 */
static int l_align(lua_State *L)
{
    lede_doc *da = lede_lua_checkdoc(L, 1), *db = lede_lua_checkdoc(L, 2);
    check_option_names(L, 3, align_option_names, "anchor_n, max_gap, min_passage, max_repeat");
    lede_align_options o;
    lede_align_options_default(&o);
    o.anchor_n = (unsigned)opt_int(L, 3, "anchor_n", o.anchor_n, 1, LEDE_NGRAM_MAX);
    o.max_gap = (unsigned)opt_int(L, 3, "max_gap", o.max_gap, 0, 1000);
    o.min_passage = (unsigned)opt_int(L, 3, "min_passage", o.min_passage, 1, 1000000);
    o.max_repeat = (unsigned)opt_int(L, 3, "max_repeat", o.max_repeat, 1, 1000000);
    reuse_box *box = box_new(L);
    lede_error err = {0};
    if (lede_align_docs(da, db, &o, &box->al, &err)) return lede_lua_fail(L, &err);
    const lede_alignment *al = &box->al;
    lua_createtable(L, (int)al->npassages, 0);
    for (size_t i = 0; i < al->npassages; i++) {
        const lede_passage *p = &al->passages[i];
        lua_createtable(L, 0, 8);
        push_span(L, &p->a);
        lua_setfield(L, -2, "a");
        push_span(L, &p->b);
        lua_setfield(L, -2, "b");
        lua_pushnumber(L, p->score);
        lua_setfield(L, -2, "score");
        lua_pushinteger(L, p->nequal);
        lua_setfield(L, -2, "equal");
        lua_pushinteger(L, p->nsubstitute);
        lua_setfield(L, -2, "substitute");
        lua_pushinteger(L, p->ninsert);
        lua_setfield(L, -2, "insert");
        lua_pushinteger(L, p->ndelete);
        lua_setfield(L, -2, "delete");
        lua_createtable(L, (int)p->nedits, 0);
        for (size_t j = 0; j < p->nedits; j++) {
            const lede_edit *e = &al->edits[p->first_edit + j];
            lua_createtable(L, 0, 3);
            lua_pushstring(L, lede_edit_kind_name(e->kind));
            lua_setfield(L, -2, "kind");
            push_span(L, &e->a);
            lua_setfield(L, -2, "a");
            push_span(L, &e->b);
            lua_setfield(L, -2, "b");
            lua_rawseti(L, -2, (lua_Integer)j + 1);
        }
        lua_setfield(L, -2, "edits");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* [-0, +0, v] Fill box->docs with the documents at `arg`: a Corpus, or an
 * array of Documents. Returns how many. */
static size_t check_docs(lua_State *L, int arg, reuse_box *box)
{
    lede_lcorpus *c = (lede_lcorpus *)luaL_testudata(L, arg, LEDE_CORPUS_MT);
    size_t n;
    if (c) {
        if (!c->corpus) luaL_argerror(L, arg, "attempt to use a closed corpus");
        n = lede_corpus_count(c->corpus);
    } else {
        if (!lua_istable(L, arg)) luaL_typeerror(L, arg, "Corpus or array of Documents");
        n = (size_t)luaL_len(L, arg);
    }
    box->docs = (lede_doc **)malloc((n ? n : 1) * sizeof *box->docs);
    if (!box->docs) luaL_error(L, "not enough memory");
    for (size_t i = 0; i < n; i++) {
        if (c) {
            box->docs[i] = lede_corpus_doc(c->corpus, i);
        } else {
            lua_rawgeti(L, arg, (lua_Integer)i + 1);
            if (!luaL_testudata(L, -1, LEDE_DOCUMENT_MT))
                luaL_argerror(L, arg, lua_pushfstring(L, "item %I is a %s, not a Document", (lua_Integer)i + 1,
                                                     luaL_typename(L, -1)));
            box->docs[i] = lede_lua_checkdoc(L, -1);
            lua_pop(L, 1);
        }
    }
    return n;
}

static const char *const cand_option_names[] = {"n", "bands", "rows", "seed", "max_bucket", "min_jaccard",
                                                 "min_containment", NULL};

/*** lede.candidates(docs [, opts]) -> {pair, …} | nil, message, code
 * Pairs of near-duplicate documents in a collection without comparing all
 * pairs: each document's distinct word n-grams are reduced to a MinHash
 * signature, LSH banding proposes the pairs that share a band, and each
 * proposed pair is verified by its exact overlap. `docs` is a Corpus or an
 * array of Documents. `opts`: `n` (shingle length, default 5), `bands`
 * (32) and `rows` (4) (a pair with Jaccard s is proposed with probability
 * 1 − (1 − s^rows)^bands), `seed`, `max_bucket` (skip LSH buckets of more
 * documents, default 0: none), `min_jaccard` and `min_containment` (keep a
 * proposed pair when its exact Jaccard, or its larger containment, reaches
 * either; defaults 0: keep all). A pair is `{a, b, bands, jaccard, a_in_b,
 * b_in_a, shared}` with `a < b` the documents' positions (1-based), sorted
 * by a, then b.
 *
 *     local c = assert(lede.load("seeds/"))
 *     print(#lede.candidates(c))               --> 0
 *     local twice = { c:doc(1), c:doc(2), c:doc(1) }
 *     local p = lede.candidates(twice)[1]
 *     print(p.a, p.b, p.bands, p.jaccard)      --> 1	3	32	1.0
 * [-0, +(1|3), e]
 */
static int l_candidates(lua_State *L)
{
    check_option_names(L, 2, cand_option_names,
                       "n, bands, rows, seed, max_bucket, min_jaccard, min_containment");
    unsigned n = (unsigned)opt_int(L, 2, "n", LEDE_SHINGLE_N, 1, LEDE_NGRAM_MAX);
    lede_minhash_params p;
    lede_minhash_params_default(&p);
    p.bands = (unsigned)opt_int(L, 2, "bands", p.bands, 1, 4096);
    p.rows = (unsigned)opt_int(L, 2, "rows", p.rows, 1, 4096);
    luaL_argcheck(L, (size_t)p.bands * p.rows <= 4096, 2, "bands * rows must be at most 4096");
    p.seed = (uint64_t)opt_int(L, 2, "seed", (lua_Integer)p.seed, LUA_MININTEGER, LUA_MAXINTEGER);
    size_t max_bucket = (size_t)opt_int(L, 2, "max_bucket", 0, 0, LUA_MAXINTEGER);
    double min_j = opt_num(L, 2, "min_jaccard", 0), min_c = opt_num(L, 2, "min_containment", 0);

    reuse_box *box = box_new(L);
    size_t ndocs = check_docs(L, 1, box);
    lede_error err = {0};
    box->sets = (lede_shingle_set *)calloc(ndocs ? ndocs : 1, sizeof *box->sets);
    box->sig = (uint32_t *)malloc((size_t)p.bands * p.rows * sizeof *box->sig);
    if (!box->sets || !box->sig) return luaL_error(L, "not enough memory");
    box->nsets = ndocs;
    if (lede_lsh_new(&p, &box->lsh, &err) || lede_lsh_reserve(box->lsh, ndocs, &err))
        return lede_lua_fail(L, &err);
    for (size_t i = 0; i < ndocs; i++) {
        lede_shingle_set *s = &box->sets[i];
        if (lede_shingle_set_doc(box->docs[i], n, s, &err) || lede_minhash(&p, s->v, s->n, box->sig, &err) ||
            lede_lsh_add(box->lsh, box->sig, &err))
            return lede_lua_fail(L, &err);
    }
    if (lede_lsh_candidates(box->lsh, max_bucket, &box->cand, &err)) return lede_lua_fail(L, &err);
    lua_newtable(L);
    lua_Integer k = 0;
    for (size_t i = 0; i < box->cand.n; i++) {
        const lede_candidate *cd = &box->cand.v[i];
        lede_overlap ov;
        lede_shingle_set_overlap(&box->sets[cd->a], &box->sets[cd->b], &ov);
        double contain = ov.a_in_b > ov.b_in_a ? ov.a_in_b : ov.b_in_a;
        if ((min_j > 0 || min_c > 0) && !(min_j > 0 && ov.jaccard >= min_j) && !(min_c > 0 && contain >= min_c))
            continue;
        push_overlap(L, &ov);
        lua_pushinteger(L, (lua_Integer)cd->a + 1);
        lua_setfield(L, -2, "a");
        lua_pushinteger(L, (lua_Integer)cd->b + 1);
        lua_setfield(L, -2, "b");
        lua_pushinteger(L, cd->bands);
        lua_setfield(L, -2, "bands");
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

/* [-0, +0, m] */
void lede_lua_open_reuse(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    luaL_newmetatable(L, LEDE_REUSE_BOX_MT);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    static const luaL_Reg fns[] = {
        {"overlap", l_overlap},
        {"align", l_align},
        {"candidates", l_candidates},
        {NULL, NULL}};
    for (const luaL_Reg *f = fns; f->name; f++) {
        lua_pushcfunction(L, f->func);
        lua_setfield(L, priv, f->name);
    }
}
