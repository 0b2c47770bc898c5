/*
 * query.c — searching from Lua: Index:search, concordance, ngrams, collocates,
 * freq, totals, explain and meta (core/lede_query.h), and the same methods
 * on a Corpus, which answers them through an in-memory index built on first
 * use (and extended when the corpus grows).
 *
 * Each Index gets one lede_search (it caches document lengths and
 * metadata), kept in a registry table with weak keys: the Search userdata
 * keeps its Index alive, and dies with it.
 */
#include "lede_lua.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_MT "lede.Search"
#define GUARD_MT "lede.QueryGuard"
#define SEARCH_CACHE "lede.search_cache" /* registry: Index -> Search (weak keys) */
#define CORPUS_CACHE "lede.corpus_index" /* registry: Corpus -> {index, count} (weak keys) */

/* A search bound to one open index. */
typedef struct lsearch {
    lede_search *s;
    lede_index *bound; /* the index it was made for */
} lsearch;

/* Everything a call may hold in C while it builds Lua tables (which may
 * raise for memory): freed by the guard's finaliser if that happens, and
 * at the end of the call otherwise. */
typedef struct guard {
    lede_query *q;
    lede_search_result r;
    lede_kwic k;
    lede_counts c;
    lede_hit *hits; /* hits read from a Lua table */
    int64_t *docs;  /* document ids read from a Lua table */
} guard;

/* [-0, +0, -] Free what the guard holds (idempotent). */
static void guard_clear(guard *g)
{
    lede_query_free(g->q);
    g->q = NULL;
    lede_search_result_free(&g->r);
    lede_kwic_free(&g->k);
    lede_counts_free(&g->c);
    free(g->hits);
    g->hits = NULL;
    free(g->docs);
    g->docs = NULL;
}

/* [-0, +0, -] */
static int guard_gc(lua_State *L)
{
    guard_clear((guard *)luaL_checkudata(L, 1, GUARD_MT));
    return 0;
}

/* [-0, +1, m] Push a new, empty guard. */
static guard *new_guard(lua_State *L)
{
    guard *g = (guard *)lua_newuserdatauv(L, sizeof *g, 0);
    memset(g, 0, sizeof *g);
    luaL_setmetatable(L, GUARD_MT);
    return g;
}

/* [-0, +0, -] */
static int search_gc(lua_State *L)
{
    lsearch *x = (lsearch *)luaL_checkudata(L, 1, SEARCH_MT);
    lede_search_free(x->s);
    x->s = NULL;
    return 0;
}

/* [-0, +0, e] The lede_search of the Index at arg 1, made on first use. */
static lede_search *check_search(lua_State *L)
{
    lede_lindex *ix = (lede_lindex *)luaL_checkudata(L, 1, LEDE_INDEX_MT);
    if (!ix->index) luaL_argerror(L, 1, "attempt to use a closed index");
    luaL_getsubtable(L, LUA_REGISTRYINDEX, SEARCH_CACHE); /* cache */
    if (!lua_getmetatable(L, -1)) {
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
    } else {
        lua_pop(L, 1);
    }
    lua_pushvalue(L, 1);
    lua_rawget(L, -2); /* cache, search? */
    lsearch *x = (lsearch *)luaL_testudata(L, -1, SEARCH_MT);
    if (x && x->s && x->bound == ix->index) {
        lua_pop(L, 2);
        return x->s;
    }
    lua_pop(L, 1);
    x = (lsearch *)lua_newuserdatauv(L, sizeof *x, 1); /* cache, search */
    x->s = NULL;
    x->bound = ix->index;
    luaL_setmetatable(L, SEARCH_MT);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1); /* the search keeps its index alive */
    lede_error err = {0};
    if (lede_search_new(ix->index, &x->s, &err) != LEDE_OK) {
        x->s = NULL;
        luaL_error(L, "%s", err.message);
    }
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4); /* cache[index] = search */
    lua_pop(L, 2);
    return x->s;
}

/* [-0, +0, e] If arg 1 is a Corpus, replace it with its in-memory Index
 * (made with the index_open function in upvalue 1 and kept in a weak
 * table), adding the documents the corpus gained since. */
static void corpus_to_index(lua_State *L)
{
    if (!luaL_testudata(L, 1, LEDE_CORPUS_MT)) return;
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, CORPUS_CACHE); /* cache */
    if (!lua_getmetatable(L, -1)) {
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
    } else {
        lua_pop(L, 1);
    }
    lua_pushvalue(L, 1);
    lua_rawget(L, -2); /* cache, entry? */
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_createtable(L, 0, 2); /* cache, entry */
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_call(L, 0, 3); /* cache, entry, index, msg, code */
        if (lua_isnil(L, -3)) luaL_error(L, "%s", lua_tostring(L, -2));
        lua_pop(L, 2);
        lua_setfield(L, -2, "index");
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "count");
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -2);
        lua_rawset(L, -4); /* cache[corpus] = entry */
    }
    size_t n = lede_corpus_count(c->corpus);
    lua_getfield(L, -1, "count");
    lua_Integer had = lua_tointeger(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, -1, "index"); /* cache, entry, index */
    lede_lindex *ix = (lede_lindex *)luaL_checkudata(L, -1, LEDE_INDEX_MT);
    if ((size_t)had != n) {
        lede_error err = {0};
        if (lede_index_add(ix->index, c->corpus, NULL, &err) != LEDE_OK) luaL_error(L, "%s", err.message);
        lua_pushinteger(L, (lua_Integer)n);
        lua_setfield(L, -3, "count");
    }
    lua_replace(L, 1);
    lua_pop(L, 2);
}

/* [-0, +0, v] Raise if the table at arg has a key not in `known`
 * (NULL-terminated). A nil or absent arg is an empty table. */
static void check_options(lua_State *L, int arg, const char *const *known)
{
    if (lua_isnoneornil(L, arg)) return;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        lua_pop(L, 1);
        int ok = 0;
        if (lua_type(L, -1) == LUA_TSTRING)
            for (const char *const *k = known; *k && !ok; k++) ok = strcmp(lua_tostring(L, -1), *k) == 0;
        if (!ok) {
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (const char *const *k = known; *k; k++) {
                if (k != known) luaL_addstring(&b, ", ");
                luaL_addstring(&b, *k);
            }
            luaL_pushresult(&b);
            luaL_argerror(L, arg,
                          lua_pushfstring(L, "unknown option '%s' (options: %s)", luaL_tolstring(L, -2, NULL),
                                          lua_tostring(L, -1)));
        }
    }
}

/* [-0, +0, v] opts[field] as a string (NULL if absent); it stays valid
 * while the options table is on the stack. */
static const char *opt_string(lua_State *L, int arg, const char *field)
{
    if (lua_isnoneornil(L, arg)) return NULL;
    lua_getfield(L, arg, field);
    const char *s = NULL;
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a string", field));
        s = lua_tostring(L, -1);
    }
    lua_pop(L, 1);
    return s;
}

/* [-0, +0, v] opts[field] as a non-negative integer, or `dflt`. */
static lua_Integer opt_count(lua_State *L, int arg, const char *field, lua_Integer dflt, lua_Integer max)
{
    if (lua_isnoneornil(L, arg)) return dflt;
    lua_getfield(L, arg, field);
    lua_Integer v = dflt;
    if (!lua_isnil(L, -1)) {
        int isnum = 0;
        v = lua_tointegerx(L, -1, &isnum);
        if (!isnum || v < 0 || v > max)
            luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a whole number from 0 to %I", field, max));
    }
    lua_pop(L, 1);
    return v;
}

/* [-0, +0, v] opts[field] as a positive number, or 0 when absent. */
static double opt_number(lua_State *L, int arg, const char *field)
{
    if (lua_isnoneornil(L, arg)) return 0;
    lua_getfield(L, arg, field);
    double v = 0;
    if (!lua_isnil(L, -1)) {
        int isnum = 0;
        v = lua_tonumberx(L, -1, &isnum);
        if (!isnum || v <= 0) luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be a positive number", field));
    }
    lua_pop(L, 1);
    return v;
}

/* [-0, +0, v] The search options in the table at arg. */
static lede_search_opts search_options(lua_State *L, int arg, int default_order)
{
    lede_search_opts o = {0};
    o.source = opt_string(L, arg, "source");
    o.date_from = opt_string(L, arg, "from");
    o.date_to = opt_string(L, arg, "to");
    o.limit = (size_t)opt_count(L, arg, "limit", 0, LUA_MAXINTEGER);
    o.k1 = opt_number(L, arg, "k1");
    o.b = opt_number(L, arg, "b");
    const char *order = opt_string(L, arg, "order");
    o.order = default_order;
    if (order && strcmp(order, "rank") == 0) o.order = LEDE_ORDER_RANK;
    else if (order && strcmp(order, "doc") == 0) o.order = LEDE_ORDER_DOC;
    else if (order) luaL_argerror(L, arg, "option 'order' must be \"rank\" or \"doc\"");
    return o;
}

/* [-0, +(2|4), m] Push nil, message, code and, for a malformed query, its
 * position; return the count. */
static int query_fail(lua_State *L, const lede_error *err, size_t pos)
{
    lede_lua_fail(L, err);
    if (!pos) return 3;
    lua_pushinteger(L, (lua_Integer)pos);
    return 4;
}

/* [-0, +0, -] Set t[field] = s (t at the top) unless s is NULL. */
static void set_string(lua_State *L, const char *field, const char *s)
{
    if (!s) return;
    lua_pushstring(L, s);
    lua_setfield(L, -2, field);
}

/* [-0, +0, m] Set the document's name, source, date and title on the table at the top. */
static void set_docinfo(lua_State *L, lede_search *s, int64_t id)
{
    lede_search_docinfo info;
    lede_error err = {0};
    if (lede_search_docinfo_get(s, id, &info, &err) != LEDE_OK) return;
    set_string(L, "name", info.name);
    set_string(L, "source", info.source);
    set_string(L, "date", info.date);
    set_string(L, "title", info.title);
}

/* [-0, +0, m] Parse the query at arg 2 into g->q and run it into g->r;
 * returns 0, or the count of failure values pushed. */
static int run_search(lua_State *L, lede_search *s, guard *g, const lede_search_opts *o)
{
    const char *text = luaL_checkstring(L, 2);
    lede_error err = {0};
    size_t pos = 0;
    if (lede_query_parse(text, &g->q, &pos, &err) != LEDE_OK) return query_fail(L, &err, pos);
    if (lede_search_run(s, g->q, o, &g->r, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    return 0;
}

/* [-0, +1, m] Push one hit as {doc, position, ntokens, start, stop}. */
static void push_hit(lua_State *L, const lede_hit *h)
{
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, h->doc_id);
    lua_setfield(L, -2, "doc");
    lua_pushinteger(L, (lua_Integer)h->position + 1);
    lua_setfield(L, -2, "position");
    lua_pushinteger(L, h->ntokens);
    lua_setfield(L, -2, "ntokens");
    lua_pushinteger(L, h->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, h->end);
    lua_setfield(L, -2, "stop");
}

static const char *const SEARCH_OPTIONS[] = {"source", "from", "to", "limit", "order", "k1", "b", NULL};

/*** Index:search(query [, opts]) -> result | nil, message, code [, position]
 * Run a query (the language of docs/query.md: words, `"phrases"`,
 * prefixes `recogni*`, `a NEAR/5 b`, `AND`, `OR`, `NOT`, brackets,
 * `source:X` and `date:2025-04-01..2025-04-30`) and rank the matching
 * documents with BM25. Returns `{query = canonical form, total = matching
 * documents, docs = {…}}`; each document is `{doc = id, score = BM25,
 * name, source, date, title, hits = {hit, …}}` with hits as for
 * `Index:term`. `opts`: `limit` (documents returned, default all),
 * `order` (`"rank"`, the default, or `"doc"`), `source`, `from` and `to`
 * (dates `YYYY[-MM[-DD]]`), and the BM25 parameters `k1` (1.2) and `b`
 * (0.75). A malformed query gives `nil, message, "LEDE_ERR_QUERY",
 * position` (the character where it goes wrong). A Corpus has the same
 * method, over an in-memory index of its documents.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     local r = ix:search('"logistical issues" NOT kiev', { limit = 2 })
 *     print(r.total, #r.docs, r.docs[1].name)  --> 3	2	seeds/004_1f2dff42aad0a96b.txt
 *     print(r.query)                           --> (NOT "logistical issues" kiev)
 *     local _, msg, code, pos = ix:search("rubio AND")
 *     print(msg)                               --> query: position 7: AND needs a term, phrase or group after it
 *     print(code, pos)                         --> LEDE_ERR_QUERY	7
 *
 * [-0, +(1|4), v]
 */
static int query_search(lua_State *L)
{
    lua_settop(L, 3); /* the guard goes above the arguments */
    corpus_to_index(L);
    lede_search *s = check_search(L);
    check_options(L, 3, SEARCH_OPTIONS);
    lede_search_opts o = search_options(L, 3, LEDE_ORDER_RANK);
    guard *g = new_guard(L);
    int nfail = run_search(L, s, g, &o);
    if (nfail) return nfail;
    lua_createtable(L, 0, 3);
    char *canon = NULL;
    lede_error err = {0};
    if (lede_query_describe(g->q, &canon, &err) == LEDE_OK) {
        lua_pushstring(L, canon);
        free(canon);
        lua_setfield(L, -2, "query");
    }
    lua_pushinteger(L, (lua_Integer)g->r.total);
    lua_setfield(L, -2, "total");
    lua_createtable(L, g->r.ndocs > INT32_MAX ? INT32_MAX : (int)g->r.ndocs, 0);
    for (size_t i = 0; i < g->r.ndocs; i++) {
        const lede_search_doc *d = &g->r.docs[i];
        lua_createtable(L, 0, 8);
        lua_pushinteger(L, d->doc_id);
        lua_setfield(L, -2, "doc");
        lua_pushnumber(L, d->score);
        lua_setfield(L, -2, "score");
        set_docinfo(L, s, d->doc_id);
        lua_createtable(L, (int)d->nhits, 0);
        for (size_t k = 0; k < d->nhits; k++) {
            push_hit(L, &g->r.hits[d->first_hit + k]);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, -2, "hits");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "docs");
    guard_clear(g);
    return 1;
}

/* [-0, +0, v] Read an array of hit tables ({doc, position, ntokens, start,
 * stop}, as search and term return them) at arg into g->hits. */
static size_t read_hits(lua_State *L, int arg, guard *g)
{
    size_t n = (size_t)luaL_len(L, arg);
    g->hits = calloc(n ? n : 1, sizeof *g->hits);
    if (!g->hits) luaL_error(L, "out of memory");
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, arg, (lua_Integer)i + 1);
        if (!lua_istable(L, -1)) luaL_argerror(L, arg, lua_pushfstring(L, "hit %I is not a table", (lua_Integer)i + 1));
        static const char *const fields[] = {"doc", "position", "ntokens", "start", "stop"};
        lua_Integer v[5];
        for (int f = 0; f < 5; f++) {
            lua_getfield(L, -1, fields[f]);
            int isnum = 0;
            v[f] = lua_tointegerx(L, -1, &isnum);
            if (!isnum || v[f] < (f == 1 || f == 0 ? 1 : 0) || v[f] > UINT32_MAX)
                luaL_argerror(L, arg, lua_pushfstring(L, "hit %I has no valid '%s'", (lua_Integer)i + 1, fields[f]));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        g->hits[i] = (lede_hit){.doc_id = v[0],
                                .position = (uint32_t)(v[1] - 1),
                                .ntokens = (uint32_t)v[2],
                                .start = (uint32_t)v[3],
                                .end = (uint32_t)v[4]};
    }
    return n;
}

/* [-0, +(0|3|4), v] The hits a concordance or collocates call is about: a query
 * string at arg 2 (run with the options at arg 3, in document order), or
 * an array of hits. Sets *hits and *n; returns the failure values pushed, or 0. */
static int hits_of(lua_State *L, lede_search *s, guard *g, const lede_hit **hits, size_t *n)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        *n = read_hits(L, 2, g);
        *hits = g->hits;
        return 0;
    }
    lede_search_opts o = search_options(L, 3, LEDE_ORDER_DOC);
    int nfail = run_search(L, s, g, &o);
    if (nfail) return nfail;
    *hits = g->r.hits;
    *n = g->r.nhits;
    return 0;
}

static const char *const KWIC_OPTIONS[] = {"source", "from", "to", "limit", "order", "k1", "b", "context", "cross", NULL};

/*** Index:concordance(query | hits [, opts]) -> {line, …} | nil, message, code [, position]
 * Keyword-in-context lines for every match of a query in the query
 * language (documents in id order unless `order = "rank"`), or for an
 * array of hits. Each line is
 * `{doc, name, source, sentence, left, match, right, start, stop}`: the
 * left context, the match and the right context cut from the text by
 * byte spans (original punctuation and quotes), the match's bytes, and
 * its sentence (1-based). `opts`: `context` (tokens each side, default
 * 10; 0 for the whole sentence), `cross` (let the context run past the
 * sentence), and the options of `Index:search`.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     local l = ix:concordance("logistical", { context = 3 })[1]
 *     print(l.left .. "[" .. l.match .. "]" .. l.right)  --> a statement about [logistical] issues in his
 *
 * [-0, +(1|4), v]
 */
static int query_concordance(lua_State *L)
{
    lua_settop(L, 3); /* the guard goes above the arguments */
    corpus_to_index(L);
    lede_search *s = check_search(L);
    check_options(L, 3, KWIC_OPTIONS);
    lede_kwic_opts ko = {.context = (uint32_t)opt_count(L, 3, "context", 10, 1000)};
    if (!lua_isnoneornil(L, 3)) {
        lua_getfield(L, 3, "cross");
        ko.cross_sentences = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    guard *g = new_guard(L);
    const lede_hit *hits = NULL;
    size_t n = 0;
    int nfail = hits_of(L, s, g, &hits, &n);
    if (nfail) return nfail;
    lede_error err = {0};
    if (lede_search_kwic(s, hits, n, &ko, &g->k, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
    for (size_t i = 0; i < g->k.n; i++) {
        const lede_kwic_line *l = &g->k.lines[i];
        const char *t = g->k.text + l->text;
        lua_createtable(L, 0, 10);
        lua_pushinteger(L, l->doc_id);
        lua_setfield(L, -2, "doc");
        set_docinfo(L, s, l->doc_id);
        lua_pushinteger(L, (lua_Integer)l->sentence + 1);
        lua_setfield(L, -2, "sentence");
        lua_pushlstring(L, t, l->start - l->left);
        lua_setfield(L, -2, "left");
        lua_pushlstring(L, t + (l->start - l->left), l->end - l->start);
        lua_setfield(L, -2, "match");
        lua_pushlstring(L, t + (l->end - l->left), l->right - l->end);
        lua_setfield(L, -2, "right");
        lua_pushinteger(L, l->start);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, l->end);
        lua_setfield(L, -2, "stop");
        lua_pushinteger(L, (lua_Integer)hits[i].position + 1);
        lua_setfield(L, -2, "position");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    guard_clear(g);
    return 1;
}

/* [-0, +2, m] Push the counts as {{form, count, docs}, …} and the total. */
static int push_counts(lua_State *L, const lede_counts *c)
{
    lua_createtable(L, c->n > INT32_MAX ? INT32_MAX : (int)c->n, 0);
    for (size_t i = 0; i < c->n; i++) {
        lua_createtable(L, 0, 3);
        lua_pushstring(L, c->v[i].form);
        lua_setfield(L, -2, "form");
        lua_pushinteger(L, (lua_Integer)c->v[i].count);
        lua_setfield(L, -2, "count");
        lua_pushinteger(L, (lua_Integer)c->v[i].ndocs);
        lua_setfield(L, -2, "docs");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_pushinteger(L, (lua_Integer)c->total);
    return 2;
}

/*** Index:ngrams([n [, docs]]) -> {{form, count, docs}, …}, total
 * Frequencies of the n-grams of words (n from 1, the default, to 8) in
 * the documents whose ids are listed in `docs` (default: all): each
 * normalized form (words joined by a space) with its occurrences and the
 * number of documents holding it, most frequent first; and the number of
 * n-grams counted. An n-gram never crosses a sentence; punctuation inside
 * one is skipped, as in phrases.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(lede.load_string("The cat sat. The cat ran!"))
 *     local c, total = ix:ngrams(2)
 *     print(c[1].form, c[1].count, total)     --> the cat	2	4
 *
 * [-0, +2, v]
 */
static int query_ngrams(lua_State *L)
{
    lua_settop(L, 3); /* the guard goes above the arguments */
    corpus_to_index(L);
    lede_search *s = check_search(L);
    lua_Integer n = luaL_optinteger(L, 2, 1);
    luaL_argcheck(L, n >= 1 && n <= 8, 2, "n must be from 1 to 8");
    guard *g = new_guard(L);
    size_t ndocs = 0;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        ndocs = (size_t)luaL_len(L, 3);
        g->docs = calloc(ndocs ? ndocs : 1, sizeof *g->docs);
        if (!g->docs) return luaL_error(L, "out of memory");
        for (size_t i = 0; i < ndocs; i++) {
            lua_geti(L, 3, (lua_Integer)i + 1);
            int isnum = 0;
            g->docs[i] = lua_tointegerx(L, -1, &isnum);
            if (!isnum) luaL_argerror(L, 3, "document ids must be integers");
            lua_pop(L, 1);
        }
    }
    lede_error err = {0};
    if (lede_search_ngrams(s, g->docs, ndocs, (unsigned)n, &g->c, &err) != LEDE_OK) {
        if (err.code == LEDE_ERR_NOTFOUND) return luaL_argerror(L, 3, err.message);
        return lede_lua_fail(L, &err);
    }
    push_counts(L, &g->c);
    guard_clear(g);
    return 2;
}

static const char *const COLLOCATE_OPTIONS[] = {"source", "from", "to", "limit", "order", "k1",
                                                "b",      "window", "cross", NULL};

/*** Index:collocates(query | hits [, opts]) -> {{form, count, docs}, …}, total, nhits
 * The words around every match of a query (or an array of hits): each
 * word within `window` words (default 5) left or right of a match, the
 * match's own words excluded, with how often it occurs there and in how
 * many documents; then the number of window positions counted and of
 * matches. The window stays inside the match's sentence unless `cross`
 * is true. A word in the windows of two matches counts twice. Other
 * `opts` are those of `Index:search`. The statistics built on these
 * counts are in `lede collocates`.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(lede.load_string("The cat sat. A dog saw the cat!"))
 *     local c, total, nhits = ix:collocates("cat", { window = 2 })
 *     print(c[1].form, c[1].count, total, nhits) --> the	2	4	2
 *
 * [-0, +(3|4), v]
 */
static int query_collocates(lua_State *L)
{
    lua_settop(L, 3); /* the guard goes above the arguments */
    corpus_to_index(L);
    lede_search *s = check_search(L);
    check_options(L, 3, COLLOCATE_OPTIONS);
    unsigned window = (unsigned)opt_count(L, 3, "window", 5, 100);
    int cross = 0;
    if (!lua_isnoneornil(L, 3)) {
        lua_getfield(L, 3, "cross");
        cross = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    guard *g = new_guard(L);
    const lede_hit *hits = NULL;
    size_t n = 0;
    int nfail = hits_of(L, s, g, &hits, &n);
    if (nfail) return nfail;
    lede_error err = {0};
    if (lede_search_window(s, hits, n, window, cross, &g->c, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    push_counts(L, &g->c);
    lua_pushinteger(L, (lua_Integer)n);
    guard_clear(g);
    return 3;
}

/*** Index:freq(term) -> df, cf
 * The number of documents containing the term, and its occurrences in
 * all of them.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     print(ix:freq("Kyiv"))                   --> 3	9
 *
 * [-0, +(2|3), v]
 */
static int query_freq(lua_State *L)
{
    corpus_to_index(L);
    lede_search *s = check_search(L);
    const char *term = luaL_checkstring(L, 2);
    uint64_t df, cf;
    lede_error err = {0};
    if (lede_search_term_freq(s, term, &df, &cf, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushinteger(L, (lua_Integer)df);
    lua_pushinteger(L, (lua_Integer)cf);
    return 2;
}

/*** Index:totals([doc]) -> ndocs, nwords
 * The number of documents and of words (indexed tokens: words,
 * abbreviations, numbers) in the index, or in document `doc`.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(lede.load_string("“Yes,” he said."))
 *     print(ix:totals())                       --> 1	3
 *
 * [-0, +(2|3), v]
 */
static int query_totals(lua_State *L)
{
    corpus_to_index(L);
    lede_search *s = check_search(L);
    lua_Integer doc = luaL_optinteger(L, 2, 0);
    uint64_t ndocs, nwords;
    lede_error err = {0};
    if (lede_search_totals(s, doc, &ndocs, &nwords, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushinteger(L, (lua_Integer)ndocs);
    lua_pushinteger(L, (lua_Integer)nwords);
    return 2;
}

/*** Index:explain(query) -> string | nil, message, code, position
 * The query as lede reads it, fully bracketed, with words normalized:
 * a way to check precedence (NEAR, then NOT, then AND, then OR).
 *
 *     local ix = assert(lede.index_open())
 *     print(ix:explain('Kyiv’s OR "peace talks" NOT london'))  --> (OR kyiv's (NOT "peace talks" london))
 *
 * [-0, +(1|4), v]
 */
static int query_explain(lua_State *L)
{
    lua_settop(L, 2);
    const char *text = luaL_checkstring(L, 2);
    guard *g = new_guard(L);
    lede_error err = {0};
    size_t pos = 0;
    if (lede_query_parse(text, &g->q, &pos, &err) != LEDE_OK) return query_fail(L, &err, pos);
    char *canon = NULL;
    if (lede_query_describe(g->q, &canon, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushstring(L, canon);
    free(canon);
    guard_clear(g);
    return 1;
}

/*** Index:meta(doc) -> {name, title, date, source, words, date_key} | nil, message, code
 * A document's metadata without loading its text: name, title, date and
 * source as stored, its length in words, and the date read as a number
 * YYYYMMDD (`date_key`, absent when the date is not understood).
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(lede.load_string("Text.", { name = "a", date = "26-FEB-1987 15:01" }))
 *     local m = ix:meta(1)
 *     print(m.name, m.date_key, m.words)       --> a	19870226	1
 *
 * [-0, +(1|3), v]
 */
static int query_meta(lua_State *L)
{
    corpus_to_index(L);
    lede_search *s = check_search(L);
    lua_Integer id = luaL_checkinteger(L, 2);
    lede_search_docinfo info;
    lede_error err = {0};
    if (lede_search_docinfo_get(s, id, &info, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_createtable(L, 0, 6);
    set_string(L, "name", info.name);
    set_string(L, "title", info.title);
    set_string(L, "date", info.date);
    set_string(L, "source", info.source);
    lua_pushinteger(L, (lua_Integer)info.nwords);
    lua_setfield(L, -2, "words");
    if (info.date_key) {
        lua_pushinteger(L, info.date_key);
        lua_setfield(L, -2, "date_key");
    }
    return 1;
}

/*** Corpus:search(query [, opts]) -> result | nil, message, code [, position]
 * `Index:search` over the corpus: the first call builds an in-memory
 * index of its documents (ids are their positions), later calls reuse it
 * and add the documents the corpus gained since. The same holds for the
 * other query methods of a Corpus below.
 *
 *     local c = assert(lede.load("seeds/"))
 *     print(c:search("kiev OR kyiv").total)    --> 4
 *
 * [-0, +(1|4), v]
 */

/*** Corpus:concordance(query | hits [, opts]) -> {line, …} | nil, message, code [, position]
 * `Index:concordance` over the corpus's in-memory index.
 *
 *     local l = assert(lede.load("seeds/")):concordance("Kiev", { context = 2 })[2]
 *     print(l.left .. "[" .. l.match .. "]" .. l.right)  --> representatives from [Kiev].
 *
 * [-0, +(1|4), v]
 */

/*** Corpus:ngrams([n [, docs]]) -> {{form, count, docs}, …}, total
 * `Index:ngrams` over the corpus's in-memory index.
 * [-0, +2, v]
 */

/*** Corpus:collocates(query | hits [, opts]) -> {{form, count, docs}, …}, total, nhits
 * `Index:collocates` over the corpus's in-memory index.
 * [-0, +(3|4), v]
 */

/*** Corpus:freq(term) -> df, cf
 * `Index:freq` over the corpus's in-memory index.
 * [-0, +(2|3), v]
 */

/*** Corpus:totals([doc]) -> ndocs, nwords
 * `Index:totals` over the corpus's in-memory index.
 * [-0, +(2|3), v]
 */

/*** Corpus:explain(query) -> string | nil, message, code, position
 * `Index:explain`: how the query is read (no index needed).
 * [-0, +(1|4), v]
 */

/*** Corpus:meta(doc) -> {name, title, date, source, words, date_key} | nil, message, code
 * `Index:meta` over the corpus's in-memory index.
 * [-0, +(1|3), v]
 */

/* [-0, +0, m] Add the query methods to the Index and Corpus method tables
 * in priv (the Corpus versions need priv.index_open as upvalue). */
void lede_lua_open_query(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    luaL_newmetatable(L, SEARCH_MT);
    lua_pushcfunction(L, search_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, GUARD_MT);
    lua_pushcfunction(L, guard_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    static const luaL_Reg methods[] = {
        {"search", query_search},     {"concordance", query_concordance},     {"ngrams", query_ngrams},
        {"collocates", query_collocates}, {"freq", query_freq}, {"totals", query_totals},
        {"explain", query_explain},   {"meta", query_meta},     {NULL, NULL}};
    static const char *const types[] = {"Index", "Corpus"};
    for (int t = 0; t < 2; t++) {
        lua_getfield(L, priv, types[t]);
        lua_getfield(L, priv, "index_open");
        luaL_setfuncs(L, methods, 1);
        lua_pop(L, 1);
    }
}
