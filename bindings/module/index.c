/*
 * index.c — the Index userdata: lede.index_open and the index methods
 * (add, term, phrase, df, doc, docs). An Index also answers the corpus
 * protocol (#, doc, docs, warnings), so scripts take either.
 */
#include "lede_lua.h"

#include <string.h>

/* [-0, +0, v] The open index at `arg`. */
static lede_lindex *check_index(lua_State *L, int arg)
{
    lede_lindex *ix = (lede_lindex *)luaL_checkudata(L, arg, LEDE_INDEX_MT);
    if (!ix->index) luaL_argerror(L, arg, "attempt to use a closed index");
    return ix;
}

/* The one finaliser (__gc, __close, close): idempotent. [-0, +0, -] */
static int index_gc(lua_State *L)
{
    lede_lindex *ix = (lede_lindex *)luaL_checkudata(L, 1, LEDE_INDEX_MT);
    lede_index_close(ix->index);
    ix->index = NULL;
    return 0;
}

/*** lede.index_open([path]) -> Index | nil, message, code
 * Open (creating if needed) an index database at `path`, or an in-memory
 * index when `path` is nil or `":memory:"`. A file that is not a lede index,
 * or that cannot be opened, gives `nil, message, code`. The database is
 * plain SQLite with a documented schema (see docs/index.md).
 *
 *     local ix = assert(lede.index_open())     -- in memory
 *     print(#ix)                               --> 0
 *
 * [-0, +(1|3), v]
 */
static int l_index_open(lua_State *L)
{
    const char *path = luaL_optstring(L, 1, NULL);
    lede_lindex *ix = (lede_lindex *)lua_newuserdatauv(L, sizeof *ix, 1);
    ix->index = NULL; /* closed until the database is open */
    luaL_setmetatable(L, LEDE_INDEX_MT);
    lua_pushstring(L, path ? path : ":memory:");
    lua_setiuservalue(L, -2, 1); /* its path, for tostring */
    lede_error err = {0};
    if (lede_index_open(path, &ix->index, &err) != LEDE_OK) {
        ix->index = NULL;
        return lede_lua_fail(L, &err);
    }
    return 1;
}

/*** Index:add(corpus) -> added | nil, message, code
 * Add every document of the corpus that the index does not hold yet (same
 * name and content), in one transaction: on failure nothing is added.
 * Returns how many were added.
 *
 *     local ix = assert(lede.index_open())
 *     print(ix:add(assert(lede.load("seeds/")))) --> 5
 *     print(ix:add(assert(lede.load("seeds/")))) --> 0
 *
 * [-0, +(1|3), v]
 */
static int index_add(lua_State *L)
{
    lede_lindex *ix = check_index(L, 1);
    lede_lcorpus *c = lede_lua_checkcorpus(L, 2);
    size_t added = 0;
    lede_error err = {0};
    if (lede_index_add(ix->index, c->corpus, &added, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushinteger(L, (lua_Integer)added);
    return 1;
}

/*** Index:interrupted() -> string | nil
 * After `Index:add`: a message if that call found that an earlier write to
 * this index had been killed before it finished (its transaction was rolled
 * back, so the index held what the last complete write left), else nil.
 * `lede index` prints it as a warning.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     print(ix:interrupted())                  --> nil
 *
 * [-0, +1, -]
 */
static int index_interrupted(lua_State *L)
{
    lede_lindex *ix = check_index(L, 1);
    const char *msg = lede_index_interrupted(ix->index);
    if (msg)
        lua_pushstring(L, msg);
    else
        lua_pushnil(L);
    return 1;
}

/* [-0, +1, m] Push the hits as an array of {doc, position, ntokens, start, stop}. */
static void push_hits(lua_State *L, const lede_hits *h)
{
    lua_createtable(L, h->n > INT32_MAX ? INT32_MAX : (int)h->n, 0);
    for (size_t i = 0; i < h->n; i++) {
        const lede_hit *x = &h->hits[i];
        lua_createtable(L, 0, 5);
        lua_pushinteger(L, x->doc_id);
        lua_setfield(L, -2, "doc");
        lua_pushinteger(L, (lua_Integer)x->position + 1);
        lua_setfield(L, -2, "position");
        lua_pushinteger(L, x->ntokens);
        lua_setfield(L, -2, "ntokens");
        lua_pushinteger(L, x->start);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, x->end);
        lua_setfield(L, -2, "stop");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* term/phrase: run `query` and push its hits as Lua tables. Building them
 * may raise (memory), so the query writes its array straight into a small
 * userdata whose finaliser frees it if that happens. [-0, +(1|3), v] */
static int run_query(lua_State *L, int (*query)(lede_index *, const char *, lede_hits *, lede_error *))
{
    lede_lindex *ix = check_index(L, 1);
    const char *q = luaL_checkstring(L, 2);
    lede_hits *hits = (lede_hits *)lua_newuserdatauv(L, sizeof *hits, 0);
    hits->hits = NULL; /* empty until the query fills it */
    hits->n = 0;
    luaL_setmetatable(L, "lede.Hits");
    lede_error err = {0};
    if (query(ix->index, q, hits, &err) != LEDE_OK) {
        lede_hits_free(hits);
        return lede_lua_fail(L, &err);
    }
    push_hits(L, hits);
    lede_hits_free(hits); /* free now rather than at the next collection */
    return 1;
}

/* The hits guard's finaliser. [-0, +0, -] */
static int hits_gc(lua_State *L)
{
    lede_hits_free((lede_hits *)luaL_checkudata(L, 1, "lede.Hits"));
    return 0;
}

/*** Index:term(term) -> {hit, …} | nil, message, code
 * Every occurrence of one term (normalized as tokens are: `"Kyiv’s"` finds
 * `kyiv's`), in document order. Each hit is `{doc = id, position = i,
 * ntokens = n, start = …, stop = …}`: the document's id in the index, the
 * 1-based position of the token (`ix:doc(id):token(position)`), and its
 * bytes (0-based, end exclusive).
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     local hits = ix:term("Witkoff")
 *     print(hits[1].doc, ix:doc(hits[1].doc):slice(hits[1].start, hits[1].stop)) --> 1	Witkoff
 *
 * [-0, +(1|3), v]
 */
static int index_term(lua_State *L) { return run_query(L, lede_index_term); }

/*** Index:phrase(phrase) -> {hit, …} | nil, message, code
 * Every occurrence of a phrase: its words in order and adjacent
 * (punctuation between them is skipped). Hits are as for `Index:term`, with
 * `ntokens` the tokens spanned.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     local docs = {}
 *     for _, h in ipairs(ix:phrase("logistical issues")) do docs[h.doc] = true end
 *     local n = 0; for _ in pairs(docs) do n = n + 1 end
 *     print(n)                                 --> 4
 *
 * [-0, +(1|3), v]
 */
static int index_phrase(lua_State *L) { return run_query(L, lede_index_phrase); }

/*** Index:df(term) -> integer | nil, message, code
 * The number of documents containing the term.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     print(ix:df("rubio"), ix:df("zzz"))      --> 5	0
 *
 * [-0, +(1|3), v]
 */
static int index_df(lua_State *L)
{
    lede_lindex *ix = check_index(L, 1);
    const char *term = luaL_checkstring(L, 2);
    size_t df = 0;
    lede_error err = {0};
    if (lede_index_df(ix->index, term, &df, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushinteger(L, (lua_Integer)df);
    return 1;
}

/*** Index:doc(id) -> Document | nil, message, code
 * The document with this id (1-based, as stored), with its metadata, text
 * and stored tokens and sentences. An id the index does not hold gives
 * `nil, message, "LEDE_ERR_NOTFOUND"`. The Document owns its memory
 * (close it early with `d:close()`) and keeps the index alive.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     print(ix:doc(2).name, ix:doc(2).index_id) --> seeds/001_c87360ce0d6ae7d5.txt	2
 *     print(select(3, ix:doc(99)))             --> LEDE_ERR_NOTFOUND
 *
 * [-0, +(1|3), v]
 */
static int index_doc(lua_State *L)
{
    lede_lindex *ix = check_index(L, 1);
    lua_Integer id = luaL_checkinteger(L, 2);
    lede_error err = {0};
    lede_ldoc *d = lede_lua_newowneddoc(L, 1, id);
    if (lede_index_doc(ix->index, id, &d->doc, &err) != LEDE_OK) {
        d->doc = NULL;
        return lede_lua_fail(L, &err);
    }
    return 1;
}

/* docs() iterator: (ix, id) -> next id, document; ids the index does not
 * hold are skipped, other failures raise. [-0, +(0|2), e] */
static int index_docs_next(lua_State *L)
{
    lede_lindex *ix = check_index(L, 1);
    lua_Integer id = luaL_checkinteger(L, 2);
    lua_Integer n = (lua_Integer)lede_index_ndocs(ix->index);
    while (++id <= n) {
        lede_error err = {0};
        lua_pushinteger(L, id);
        lede_ldoc *d = lede_lua_newowneddoc(L, 1, id);
        int rc = lede_index_doc(ix->index, id, &d->doc, &err);
        if (rc == LEDE_OK) return 2;
        d->doc = NULL;
        lua_pop(L, 2);
        if (rc != LEDE_ERR_NOTFOUND) return luaL_error(L, "%s", err.message);
    }
    return 0;
}

/*** Index:docs() -> iterator
 * Iterate over the stored documents: `for id, d in ix:docs() do … end`.
 * With `#ix`, `ix:doc(i)` and `ix:warnings()` (always empty) an Index can
 * stand wherever a Corpus is read, so every script also runs on `--db FILE`.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(assert(lede.load("seeds/")))
 *     local n = 0
 *     for _, d in ix:docs() do n = n + d.bytes end
 *     print(n)                                 --> 16896
 *
 * [-0, +3, e]
 */
static int index_docs(lua_State *L)
{
    check_index(L, 1);
    lua_pushcfunction(L, index_docs_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/*** Index:warnings() -> {}
 * Always empty: the loader's warnings were reported when the documents
 * were read and indexed (`lede index` prints them). Here so that an Index
 * answers everything a Corpus does.
 *
 *     print(#assert(lede.index_open()):warnings()) --> 0
 *
 * [-0, +1, v]
 */
static int index_warnings(lua_State *L)
{
    check_index(L, 1);
    lua_newtable(L);
    return 1;
}

/*** #index -> integer
 * The number of documents in the index.
 *
 *     local ix = assert(lede.index_open())
 *     ix:add(lede.load_string("One."))
 *     print(#ix)                               --> 1
 *
 * [-0, +1, v]
 */
static int index_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_index_ndocs(check_index(L, 1)->index));
    return 1;
}

/*** Index:close()
 * Close the database now. Calling it again does nothing; an Index is also
 * a to-be-closed value (`local ix <close> = assert(lede.index_open(path))`).
 *
 *     local ix = assert(lede.index_open())
 *     ix:close()
 *     print(tostring(ix))                      --> lede.Index (closed)
 *
 * [-0, +0, v]
 */
static int index_close(lua_State *L) { return index_gc(L); }

/* __tostring: "lede.Index (path, N documents)" or "lede.Index (closed)". [-0, +1, m] */
static int index_tostring(lua_State *L)
{
    lede_lindex *ix = (lede_lindex *)luaL_checkudata(L, 1, LEDE_INDEX_MT);
    if (!ix->index) {
        lua_pushliteral(L, "lede.Index (closed)");
        return 1;
    }
    lua_getiuservalue(L, 1, 1);
    size_t n = lede_index_ndocs(ix->index);
    lua_pushfstring(L, "lede.Index (%s, %I document%s)", lua_tostring(L, -1), (lua_Integer)n,
                    n == 1 ? "" : "s");
    return 1;
}

/* Register the Index type, its hits guard and lede.index_open. [-0, +0, m] */
void lede_lua_open_index(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    static const luaL_Reg meta[] = {
        {"__gc", index_gc},
        {"__close", index_gc},
        {"__len", index_len},
        {"__tostring", index_tostring},
        {NULL, NULL}};
    static const luaL_Reg methods[] = {
        {"add", index_add},
        {"interrupted", index_interrupted},
        {"term", index_term},
        {"phrase", index_phrase},
        {"df", index_df},
        {"doc", index_doc},
        {"docs", index_docs},
        {"warnings", index_warnings},
        {"close", index_close},
        {NULL, NULL}};
    lede_lua_newtype(L, priv, LEDE_INDEX_MT, "Index", meta, methods);
    luaL_newmetatable(L, "lede.Hits");
    lua_pushcfunction(L, hits_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_pushcfunction(L, l_index_open);
    lua_setfield(L, priv, "index_open");
}
