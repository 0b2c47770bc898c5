/*
 * module.c — luaopen_lede: registers the embedded Lua files in
 * package.preload, builds the private table of C functions and types, and
 * hands it to the Lua prelude (lua/init.lua), which builds the public module.
 * C never touches globals: everything the prelude needs arrives in the
 * private table (the pattern of Nmap's nse_main).
 */
#include "lede_lua.h"

#include <inttypes.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

/* Written by tools/embed_lua.cmake from the files in bindings/lua. */
struct lede_embedded_lua {
    const char *name;
    const char *source;
    size_t len;
};
extern const struct lede_embedded_lua lede_embedded_lua[];

#ifndef LEDE_SOURCE_SCRIPTS
#define LEDE_SOURCE_SCRIPTS ""
#endif
#ifndef LEDE_INSTALLED_SCRIPTS
#define LEDE_INSTALLED_SCRIPTS ""
#endif

/* Report a failure of the world: nil, message, status name (lede_lua.h).
 * [-0, +3, m] */
int lede_lua_fail(lua_State *L, const lede_error *err)
{
    luaL_pushfail(L);
    lua_pushstring(L, err->message[0] ? err->message : lede_status_name(err->code));
    lua_pushstring(L, lede_status_name(err->code));
    return 3;
}

/* Register a userdata type and its method table (lede_lua.h). [-0, +0, m] */
void lede_lua_newtype(lua_State *L, int priv, const char *name, const char *field,
                      const luaL_Reg *meta, const luaL_Reg *methods)
{
    priv = lua_absindex(L, priv);
    luaL_newmetatable(L, name);   /* mt */
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);              /* mt, methods */
    luaL_setfuncs(L, methods, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "__index");
    lua_setfield(L, priv, field); /* mt */
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
}

/* Find an embedded file by name; NULL if there is none. */
static const struct lede_embedded_lua *embedded_find(const char *name)
{
    for (const struct lede_embedded_lua *e = lede_embedded_lua; e->name; e++)
        if (strcmp(e->name, name) == 0) return e;
    return NULL;
}

/* [-0, +1, e] Load embedded file `e` as a function (does not run it). */
static void embedded_load(lua_State *L, const struct lede_embedded_lua *e)
{
    char chunkname[128];
    snprintf(chunkname, sizeof chunkname, "@lede/%s.lua", e->name);
    if (luaL_loadbufferx(L, e->source, e->len, chunkname, "t") != LUA_OK) lua_error(L);
}

/* package.preload loader for "lede.<name>": upvalue 1 is the embedded
 * file's position in the table. [-0, +1, e] */
static int embedded_loader(lua_State *L)
{
    const struct lede_embedded_lua *e = &lede_embedded_lua[lua_tointeger(L, lua_upvalueindex(1))];
    embedded_load(L, e);
    lua_pushvalue(L, 1); /* the module name, as require passes it */
    lua_call(L, 1, 1);
    return 1;
}

/* [-0, +0, e] package.preload["lede.<name>"] for every embedded file except
 * the prelude. */
static void register_preloads(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (int i = 0; lede_embedded_lua[i].name; i++) {
        if (strcmp(lede_embedded_lua[i].name, "init") == 0) continue;
        lua_pushinteger(L, i);
        lua_pushcclosure(L, embedded_loader, 1);
        lua_pushfstring(L, "lede.%s", lede_embedded_lua[i].name);
        lua_insert(L, -2);
        lua_settable(L, -3);
    }
    lua_pop(L, 1);
}

/* status_name(code) -> string  [-0, +1, m] */
static int l_status_name(lua_State *L)
{
    lua_pushstring(L, lede_status_name((int)luaL_checkinteger(L, 1)));
    return 1;
}

/*** lede.tokenize(text) -> {token, …}
 * The tokens of a string, as an array of token tables (see
 * `Document:token`). The text goes through the loader's repairs first, so
 * offsets are into the repaired text (the same bytes for valid UTF-8 in
 * NFC). Raises if `text` is not a string; returns `nil, message, code` if
 * the text is refused (NUL bytes).
 *
 *     local toks = lede.tokenize("Russia’s 30-day truce")
 *     print(#toks, toks[1].text, toks[1].norm, toks[1].kind) --> 3	Russia’s	russia's	word
 *     print(toks[2].start, toks[2].stop)                     --> 11	17
 *
 * [-0, +(1|3), v]
 */
static int l_tokenize(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lede_meta meta = {.name = "<string>"};
    lede_error err = {0};
    /* The document lives in a userdata from birth, so it is freed even if
     * building the tables raises (memory). */
    lede_ldoc *ud = lede_lua_newowneddoc(L, 0, 0);
    if (lede_doc_new(text, len, &meta, &ud->doc, &err) != LEDE_OK ||
        lede_doc_analyze(ud->doc, &err) != LEDE_OK) {
        lede_doc_free(ud->doc);
        ud->doc = NULL;
        return lede_lua_fail(L, &err);
    }
    size_t n = lede_doc_ntokens(ud->doc);
    lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lede_lua_pushtoken(L, ud->doc, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_doc_free(ud->doc); /* free now rather than at the next collection */
    ud->doc = NULL;
    return 1;
}

/* [-0, +1, m] Push the scripts directory of an installation relative to
 * the running executable (<bin>/../share/lede/scripts), so a tree installed
 * under another prefix than the configured one, or moved, finds its
 * scripts; "" when /proc/self/exe cannot be read. */
static void push_exe_scripts(lua_State *L)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (!slash) {
        lua_pushliteral(L, "");
        return;
    }
    *slash = '\0';
    lua_pushfstring(L, "%s/../share/lede/scripts", exe);
}

/* [-0, +1, m] The build-time configuration the prelude needs. */
static void push_config(lua_State *L)
{
    lua_createtable(L, 0, 5);
    push_exe_scripts(L);
    lua_setfield(L, -2, "exe_scripts");
    lua_pushstring(L, LEDE_VERSION);
    lua_setfield(L, -2, "version");
    lua_pushstring(L, LEDE_SOURCE_SCRIPTS);
    lua_setfield(L, -2, "source_scripts");
    lua_pushstring(L, LEDE_INSTALLED_SCRIPTS);
    lua_setfield(L, -2, "installed_scripts");
}

/* [-0, +1, e] The entry point for `require "lede"`. */
int luaopen_lede(lua_State *L)
{
    register_preloads(L);

    lua_newtable(L); /* priv */
    int priv = lua_gettop(L);
    static const luaL_Reg funcs[] = {
        {"status_name", l_status_name},
        {"tokenize", l_tokenize},
        {NULL, NULL}};
    luaL_setfuncs(L, funcs, 0);
    push_config(L);
    lua_setfield(L, priv, "config");
    lede_lua_open_corpus(L, priv);
    lede_lua_open_document(L, priv);
    lede_lua_open_index(L, priv);
    lede_lua_open_limits(L, priv);
    lede_lua_open_reuse(L, priv);
    lede_lua_open_quotes(L, priv);
    lede_lua_open_query(L, priv);
    lede_lua_open_stem(L, priv);

    const struct lede_embedded_lua *init = embedded_find("init");
    if (!init) return luaL_error(L, "lede: the embedded prelude lua/init.lua is missing");
    embedded_load(L, init);
    lua_pushvalue(L, priv);
    lua_call(L, 1, 1); /* the public module */
    return 1;
}
