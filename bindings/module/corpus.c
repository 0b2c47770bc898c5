/*
 * corpus.c — the Corpus userdata: lede.load, lede.load_string, lede.stdin
 * and the corpus methods. A Corpus owns its lede_corpus and every document
 * in it; Documents taken from it borrow and keep it alive.
 */
#include "lede_lua.h"

#include <stdio.h>
#include <string.h>

/* The open corpus at `arg`, or raise (lede_lua.h). [-0, +0, v] */
lede_lcorpus *lede_lua_checkcorpus(lua_State *L, int arg)
{
    lede_lcorpus *c = (lede_lcorpus *)luaL_checkudata(L, arg, LEDE_CORPUS_MT);
    if (!c->corpus) luaL_argerror(L, arg, "attempt to use a closed corpus");
    return c;
}

/* [-0, +1, m] Push a new Corpus in the closed state with its empty document
 * cache, then create the lede_corpus; on failure leave the closed userdata
 * on the stack and return the status (err filled). */
static int corpus_push_new(lua_State *L, lede_lcorpus **out, lede_error *err)
{
    lede_lcorpus *c = (lede_lcorpus *)lua_newuserdatauv(L, sizeof *c, 1);
    c->corpus = NULL; /* closed until the resource exists */
    luaL_setmetatable(L, LEDE_CORPUS_MT);
    lua_newtable(L); /* the document cache, weak-valued */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_setiuservalue(L, -2, 1);
    *out = c;
    return lede_corpus_new(&c->corpus, err);
}

/* The one finaliser (__gc, __close, close): idempotent. [-0, +0, -] */
static int corpus_gc(lua_State *L)
{
    lede_lcorpus *c = (lede_lcorpus *)luaL_checkudata(L, 1, LEDE_CORPUS_MT);
    lede_corpus_free(c->corpus);
    c->corpus = NULL;
    return 0;
}

/* Names of the lede_load_options fields, as the `fields` option spells them. */
static const char *const field_names[] = {"text", "title", "date", "source", "url", "id", NULL};

/* [-0, +0, v] Fill *o from the options table at `arg` (absent or nil: the
 * defaults). Unknown options and wrong types are caller mistakes and raise.
 * The strings stay valid while the table is on the stack. */
static void check_load_options(lua_State *L, int arg, lede_load_options *o)
{
    memset(o, 0, sizeof *o);
    if (lua_isnoneornil(L, arg)) return;
    luaL_checktype(L, arg, LUA_TTABLE);
    arg = lua_absindex(L, arg);
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        if (key && strcmp(key, "format") == 0) {
            static const char *const formats[] = {"auto", "text", "jsonl", NULL};
            static const lede_format values[] = {LEDE_FORMAT_AUTO, LEDE_FORMAT_TEXT, LEDE_FORMAT_JSONL};
            if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, arg, "option 'format' must be a string");
            const char *f = lua_tostring(L, -1);
            int i = 0;
            while (formats[i] && strcmp(formats[i], f) != 0) i++;
            if (!formats[i])
                luaL_argerror(L, arg,
                              lua_pushfstring(L, "option 'format' must be auto, text or jsonl, not '%s'", f));
            o->format = values[i];
        } else if (key && strcmp(key, "max_doc_bytes") == 0) {
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0)
                luaL_argerror(L, arg, "option 'max_doc_bytes' must be a non-negative integer");
            o->max_doc_bytes = (size_t)lua_tointeger(L, -1);
        } else if (key && strcmp(key, "fields") == 0) {
            if (!lua_istable(L, -1)) luaL_argerror(L, arg, "option 'fields' must be a table");
            int fields = lua_gettop(L);
            const char **slots[] = {&o->text_field, &o->title_field, &o->date_field,
                                    &o->source_field, &o->url_field, &o->id_field};
            lua_pushnil(L);
            while (lua_next(L, fields)) {
                const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
                int i = 0;
                while (name && field_names[i] && strcmp(field_names[i], name) != 0) i++;
                if (!name || !field_names[i])
                    luaL_argerror(L, arg, lua_pushfstring(L, "unknown field '%s' in option 'fields' "
                                                         "(known: text, title, date, source, url, id)",
                                                         name ? name : luaL_typename(L, -2)));
                if (lua_type(L, -1) != LUA_TSTRING)
                    luaL_argerror(L, arg, lua_pushfstring(L, "fields.%s must be a string", name));
                *slots[i] = lua_tostring(L, -1);
                lua_pop(L, 1);
            }
        } else {
            luaL_argerror(L, arg,
                          lua_pushfstring(L, "unknown option '%s' (known: format, max_doc_bytes, fields)",
                                                 key ? key : luaL_typename(L, -2)));
        }
        lua_pop(L, 1);
    }
}

/* [-0, +0, v] Check that the argument is a path or a non-empty array of
 * paths; return how many. */
static lua_Integer check_paths(lua_State *L, int arg)
{
    if (lua_type(L, arg) == LUA_TSTRING) return 1;
    if (!lua_istable(L, arg)) luaL_typeerror(L, arg, "string or array of strings");
    lua_Integer n = luaL_len(L, arg);
    if (n == 0) luaL_argerror(L, arg, "no paths given");
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, arg, i) != LUA_TSTRING)
            luaL_argerror(L, arg, lua_pushfstring(L, "path %d is a %s, not a string", (int)i,
                                                 luaL_typename(L, -1)));
        lua_pop(L, 1);
    }
    return n;
}

/* [-0, +0, m] Add the paths at `arg` (already checked) to c. */
static int add_paths(lua_State *L, lede_corpus *c, int arg, const lede_load_options *o, lede_error *err)
{
    if (lua_type(L, arg) == LUA_TSTRING) return lede_corpus_add_path(c, lua_tostring(L, arg), o, err);
    lua_Integer n = luaL_len(L, arg);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, arg, i);
        int rc = lede_corpus_add_path(c, lua_tostring(L, -1), o, err);
        lua_pop(L, 1);
        if (rc) return rc;
    }
    return LEDE_OK;
}

/*** lede.load(paths [, opts]) -> Corpus | nil, message, code
 * Load a file, a directory (recursively, in byte order of the paths,
 * hidden files skipped) or a JSON Lines file — or an array of them — into
 * a new corpus. `opts` (all optional):
 *
 * - `format`: `"auto"` (default: `.jsonl`/`.ndjson` by name, else text), `"text"` or `"jsonl"`;
 * - `max_doc_bytes`: refuse larger documents (default 64 MiB);
 * - `fields`: JSON Lines field names, e.g. `{text = "body", source = "outlet|publisher"}`
 *   (keys `text`, `title`, `date`, `source`, `url`, `id`; `|` separates alternatives).
 *
 * A missing file or bad input returns `nil, message, code`, the message
 * naming the file and place; a wrong argument or unknown option raises.
 *
 *     local c = assert(lede.load("seeds/"))
 *     print(#c)                                --> 5
 *     print(lede.load("no/such/dir") == nil)   --> true
 *
 * [-0, +(1|3), v]
 */
static int l_load(lua_State *L)
{
    check_paths(L, 1);
    lede_load_options o;
    check_load_options(L, 2, &o);
    lede_error err = {0};
    lede_lcorpus *c;
    if (corpus_push_new(L, &c, &err) != LEDE_OK || add_paths(L, c->corpus, 1, &o, &err) != LEDE_OK) {
        lede_corpus_free(c->corpus); /* free now, not at the next collection */
        c->corpus = NULL;
        return lede_lua_fail(L, &err);
    }
    return 1;
}

/* [-0, +0, v] Fill *meta from the table at `arg` (absent: only the name);
 * unknown keys raise. */
static void check_meta(lua_State *L, int arg, lede_meta *meta, const char *default_name)
{
    memset(meta, 0, sizeof *meta);
    meta->name = default_name;
    if (lua_isnoneornil(L, arg)) return;
    luaL_checktype(L, arg, LUA_TTABLE);
    static const char *const keys[] = {"name", "id", "title", "date", "source", "url", NULL};
    const char **slots[] = {&meta->name, &meta->id, &meta->title, &meta->date, &meta->source, &meta->url};
    lua_pushnil(L);
    while (lua_next(L, arg)) {
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        int i = 0;
        while (key && keys[i] && strcmp(keys[i], key) != 0) i++;
        if (!key || !keys[i])
            luaL_argerror(L, arg,
                          lua_pushfstring(L, "unknown metadata key '%s' (known: name, id, title, date, "
                                                 "source, url)", key ? key : luaL_typename(L, -2)));
        if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
            luaL_argerror(L, arg, lua_pushfstring(L, "metadata '%s' must be a string", key));
        *slots[i] = lua_tostring(L, -1); /* converts numbers in place: the key is untouched */
        lua_pop(L, 1);
    }
}

/*** lede.load_string(text [, meta]) -> Corpus | nil, message, code
 * A corpus of one document made from a string. `meta` may give `name`
 * (default `"<string>"`), `id`, `title`, `date`, `source` and `url`. The
 * text goes through the loader's repairs (invalid UTF-8 replaced and
 * listed in `warnings()`); text with NUL bytes is refused with `nil,
 * message, code`.
 *
 *     local c = lede.load_string("Hello, world.", {name = "greeting", source = "Example"})
 *     local d = c:doc(1)
 *     print(d.name, d.source, #d)              --> greeting	Example	4
 *
 * [-0, +(1|3), v]
 */
static int l_load_string(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lede_meta meta;
    check_meta(L, 2, &meta, "<string>");
    lede_error err = {0};
    lede_lcorpus *c;
    if (corpus_push_new(L, &c, &err) != LEDE_OK ||
        lede_corpus_add_text(c->corpus, text, len, &meta, &err) != LEDE_OK) {
        lede_corpus_free(c->corpus);
        c->corpus = NULL;
        return lede_lua_fail(L, &err);
    }
    return 1;
}

/*** lede.stdin([opts]) -> Corpus | nil, message, code
 * A corpus read from standard input, named `<stdin>`. `opts` as for
 * `lede.load` (`format = "jsonl"` reads one article per line; otherwise the
 * whole input is one document). For example a file `count.lua` holding
 * `print(#assert(require("lede").stdin()):doc(1))`, run as
 * `echo "Some text." | lede run count.lua`, prints `3`.
 *
 * [-0, +(1|3), v]
 */
static int l_stdin(lua_State *L)
{
    lede_load_options o;
    check_load_options(L, 1, &o);
    lede_error err = {0};
    lede_lcorpus *c;
    if (corpus_push_new(L, &c, &err) != LEDE_OK ||
        lede_corpus_add_stream(c->corpus, stdin, "<stdin>", &o, &err) != LEDE_OK) {
        lede_corpus_free(c->corpus);
        c->corpus = NULL;
        return lede_lua_fail(L, &err);
    }
    return 1;
}

/*** Corpus:add(paths [, opts]) -> true | nil, message, code
 * Add more files to the corpus, as `lede.load` reads them. On failure
 * nothing from the failing path is added.
 *
 *     local c = assert(lede.load("seeds/000_1a22be602abbdbb3.txt"))
 *     assert(c:add("seeds/001_c87360ce0d6ae7d5.txt"))
 *     print(#c)                                --> 2
 *
 * [-0, +(1|3), v]
 */
static int corpus_add(lua_State *L)
{
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    check_paths(L, 2);
    lede_load_options o;
    check_load_options(L, 3, &o);
    lede_error err = {0};
    if (add_paths(L, c->corpus, 2, &o, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

/*** #corpus -> integer
 * The number of documents.
 *
 *     print(#assert(lede.load("seeds/")))     --> 5
 *
 * [-0, +1, v]
 */
static int corpus_len(lua_State *L)
{
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    lua_pushinteger(L, (lua_Integer)lede_corpus_count(c->corpus));
    return 1;
}

/* Push the (cached) Document for position i of the corpus (lede_lua.h). [-0, +1, m] */
void lede_lua_pushcorpusdoc(lua_State *L, int corpus_arg, size_t i)
{
    corpus_arg = lua_absindex(L, corpus_arg);
    lede_lcorpus *c = (lede_lcorpus *)lua_touserdata(L, corpus_arg);
    lua_getiuservalue(L, corpus_arg, 1); /* cache */
    if (lua_rawgeti(L, -1, (lua_Integer)i + 1) == LUA_TUSERDATA && /* cache, doc */
        ((lede_ldoc *)lua_touserdata(L, -1))->doc != NULL) {      /* not closed by d:close() */
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1); /* cache */
    lede_ldoc *d = (lede_ldoc *)lua_newuserdatauv(L, sizeof *d, 1);
    d->doc = lede_corpus_doc(c->corpus, i);
    d->pos = i;
    d->corpus = c;
    d->owned = 0;
    d->index_id = 0;
    luaL_setmetatable(L, LEDE_DOCUMENT_MT);
    lua_pushvalue(L, corpus_arg);
    lua_setiuservalue(L, -2, 1); /* the document keeps its corpus alive */
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, (lua_Integer)i + 1); /* cache, doc */
    lua_remove(L, -2);
}

/*** Corpus:doc(i) -> Document
 * The i-th document (1-based; the order of loading). Raises if `i` is not
 * in `1..#corpus`. The same Document is returned each time, and it keeps
 * the corpus alive; once the corpus is closed, using the document raises.
 *
 *     local d = assert(lede.load("seeds/")):doc(1)
 *     print(d.name)                            --> seeds/000_1a22be602abbdbb3.txt
 *
 * [-0, +1, v]
 */
static int corpus_doc(lua_State *L)
{
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    size_t n = lede_corpus_count(c->corpus);
    if (i < 1 || (lua_Unsigned)i > n)
        luaL_argerror(L, 2,
                      lua_pushfstring(L, "document %I out of range (the corpus has %I)", i, (lua_Integer)n));
    lede_lua_pushcorpusdoc(L, 1, (size_t)(i - 1));
    return 1;
}

/* docs() iterator: (corpus, i) -> i + 1, document  [-0, +(0|2), v] */
static int corpus_docs_next(lua_State *L)
{
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 0 || (lua_Unsigned)i >= lede_corpus_count(c->corpus)) return 0;
    lua_pushinteger(L, i + 1);
    lede_lua_pushcorpusdoc(L, 1, (size_t)i);
    return 2;
}

/*** Corpus:docs() -> iterator
 * Iterate over the documents: `for i, d in corpus:docs() do … end`.
 *
 *     for i, d in assert(lede.load("seeds/")):docs() do
 *       if i == 5 then print(i, d.name) end    --> 5	seeds/004_1f2dff42aad0a96b.txt
 *     end
 *
 * [-0, +3, v]
 */
static int corpus_docs(lua_State *L)
{
    lede_lua_checkcorpus(L, 1);
    lua_pushcfunction(L, corpus_docs_next);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/*** Corpus:warnings() -> {warning, …}
 * What the loader repaired or noticed, in order: each warning is a table
 * `{name = …, offset = …, message = …}` plus `line` for JSON Lines input.
 * `offset` is a 0-based byte offset in the file as read (or in the
 * record's text), not in the stored text.
 *
 *     local c = lede.load_string("caf\xE9 au lait", {name = "latin1"})
 *     local w = c:warnings()[1]
 *     print(#c:warnings(), w.name, w.offset)   --> 1	latin1	3
 *
 * [-0, +1, v]
 */
static int corpus_warnings(lua_State *L)
{
    lede_lcorpus *c = lede_lua_checkcorpus(L, 1);
    size_t n = lede_corpus_nwarnings(c->corpus);
    const lede_warning *w = lede_corpus_warnings(c->corpus);
    lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        lua_pushstring(L, w[i].name);
        lua_setfield(L, -2, "name");
        if (w[i].line) {
            lua_pushinteger(L, (lua_Integer)w[i].line);
            lua_setfield(L, -2, "line");
        }
        lua_pushinteger(L, (lua_Integer)w[i].offset);
        lua_setfield(L, -2, "offset");
        lua_pushstring(L, w[i].message);
        lua_setfield(L, -2, "message");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/*** Corpus:close()
 * Free the corpus and its documents now rather than at the next garbage
 * collection. Calling it again does nothing; using the corpus or one of its
 * documents afterwards raises. A corpus is also a to-be-closed value:
 * `local c <close> = assert(lede.load(path))`.
 *
 *     local c = assert(lede.load("seeds/"))
 *     c:close()
 *     print(tostring(c))                       --> lede.Corpus (closed)
 *
 * [-0, +0, v]
 */
static int corpus_close(lua_State *L)
{
    return corpus_gc(L);
}

/* __tostring: "lede.Corpus (5 documents)" or "lede.Corpus (closed)". [-0, +1, m] */
static int corpus_tostring(lua_State *L)
{
    lede_lcorpus *c = (lede_lcorpus *)luaL_checkudata(L, 1, LEDE_CORPUS_MT);
    if (!c->corpus)
        lua_pushliteral(L, "lede.Corpus (closed)");
    else {
        size_t n = lede_corpus_count(c->corpus);
        lua_pushfstring(L, "lede.Corpus (%I document%s)", (lua_Integer)n, n == 1 ? "" : "s");
    }
    return 1;
}

/* Register the Corpus type and lede.load, load_string, stdin. [-0, +0, m] */
void lede_lua_open_corpus(lua_State *L, int priv)
{
    static const luaL_Reg meta[] = {
        {"__gc", corpus_gc},
        {"__close", corpus_gc},
        {"__len", corpus_len},
        {"__tostring", corpus_tostring},
        {NULL, NULL}};
    static const luaL_Reg methods[] = {
        {"add", corpus_add},
        {"doc", corpus_doc},
        {"docs", corpus_docs},
        {"warnings", corpus_warnings},
        {"close", corpus_close},
        {NULL, NULL}};
    lede_lua_newtype(L, priv, LEDE_CORPUS_MT, "Corpus", meta, methods);
    static const luaL_Reg funcs[] = {
        {"load", l_load},
        {"load_string", l_load_string},
        {"stdin", l_stdin},
        {NULL, NULL}};
    lua_pushvalue(L, priv);
    luaL_setfuncs(L, funcs, 0);
    lua_pop(L, 1);
}
