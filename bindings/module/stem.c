/*
 * stem.c — lede.stem and lede.stem_languages: the core's Snowball stemmers
 * (lede_stem.h) for Lua. One stemmer per language is made on first use
 * and kept, in a table that is the functions' upvalue, inside a userdata
 * whose finaliser frees it.
 */
#include "lede_lua.h"

#include <string.h>

#define STEMMER_MT "lede.Stemmer"

/* __gc of a cached stemmer. [-0, +0, -] */
static int stemmer_gc(lua_State *L)
{
    lede_stemmer **ud = luaL_checkudata(L, 1, STEMMER_MT);
    lede_stemmer_free(*ud);
    *ud = NULL;
    return 0;
}

/* [-0, +0, v] The cached stemmer for the language at `arg` (default
 * "english"), made on first use; raises for a language libstemmer lacks. */
static lede_stemmer *check_stemmer(lua_State *L, int arg)
{
    const char *language = luaL_optstring(L, arg, "english");
    lua_getfield(L, lua_upvalueindex(1), language);
    lede_stemmer **ud = lua_touserdata(L, -1);
    lua_pop(L, 1); /* the cache table keeps it alive */
    if (ud && *ud) return *ud;
    ud = lua_newuserdatauv(L, sizeof *ud, 0);
    *ud = NULL;
    luaL_setmetatable(L, STEMMER_MT);
    lede_error err = {0};
    if (lede_stemmer_new(language, ud, &err) != LEDE_OK) {
        if (err.code == LEDE_ERR_NOMEM) luaL_error(L, "%s", err.message);
        luaL_argerror(L, arg, lua_pushfstring(L, "no stemmer for language '%s' (see lede.stem_languages())",
                                              language));
    }
    lua_setfield(L, lua_upvalueindex(1), language);
    return *ud;
}

/* [-0, +1, v] Push the stem of the string at stack index `idx`; a word the
 * core refuses raises, naming argument `arg`. */
static void push_stem(lua_State *L, lede_stemmer *st, int idx, int arg)
{
    size_t len, n;
    const char *word = lua_tolstring(L, idx, &len);
    const char *stem;
    lede_error err = {0};
    if (lede_stem(st, word, len, &stem, &n, &err) != LEDE_OK) {
        if (err.code == LEDE_ERR_NOMEM) luaL_error(L, "%s", err.message);
        luaL_argerror(L, arg, err.message);
    }
    lua_pushlstring(L, stem, n);
}

/*** lede.stem(word [, language]) -> stem
 * The Snowball stem of a word (libstemmer): the word family that
 * `annexed`, `annexation` and `annexes` share. The word is normalized first
 * as tokens are (case folded, NFC, apostrophes unified), so `Russia’s` and
 * `russia's` both give `russia`. `word` may also be an array of words: the
 * result is then an array of their stems. `language` is an algorithm name
 * from `lede.stem_languages()` or its ISO 639 code (default `"english"`).
 * Stems are keys, not words: `illegal` and `illegally` are both `illeg`.
 * An empty word, one holding white space or a NUL byte, invalid UTF-8, or
 * an unknown language raises.
 *
 *     print(lede.stem("Annexation"), lede.stem("annexed"))   --> annex	annex
 *     print(lede.stem("illegally"), lede.stem("Russia’s"))   --> illeg	russia
 *     print(table.concat(lede.stem({"talks", "meetings"}), " ")) --> talk meet
 *     print(lede.stem("Verhandlungen", "de"))                --> verhandl
 *
 * [-0, +1, v]
 */
static int l_stem(lua_State *L)
{
    lede_stemmer *st = check_stemmer(L, 2);
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, 1);
        lua_createtable(L, n > INT32_MAX ? INT32_MAX : (int)n, 0);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_geti(L, 1, i) != LUA_TSTRING)
                luaL_argerror(L, 1, lua_pushfstring(L, "word %I is a %s, not a string", i, luaL_typename(L, -1)));
            push_stem(L, st, -1, 1);
            lua_rawseti(L, -3, i);
            lua_pop(L, 1);
        }
        return 1;
    }
    luaL_checktype(L, 1, LUA_TSTRING);
    push_stem(L, st, 1, 1);
    return 1;
}

/*** lede.stem_languages() -> {name, …}
 * The languages `lede.stem` knows, by algorithm name, in libstemmer's
 * order (`"arabic"`, …, `"english"`, …).
 *
 *     local ok = false
 *     for _, l in ipairs(lede.stem_languages()) do ok = ok or l == "english" end
 *     print(ok)                                          --> true
 *
 * [-0, +1, m]
 */
static int l_stem_languages(lua_State *L)
{
    lua_newtable(L);
    lua_Integer i = 0;
    for (const char **l = lede_stem_languages(); *l; l++) {
        lua_pushstring(L, *l);
        lua_rawseti(L, -2, ++i);
    }
    return 1;
}

/* Register stem and stem_languages in the private table (lede_lua.h). */
void lede_lua_open_stem(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    luaL_newmetatable(L, STEMMER_MT);
    lua_pushcfunction(L, stemmer_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    lua_newtable(L); /* the cache: language -> stemmer userdata */
    lua_pushvalue(L, -1);
    lua_pushcclosure(L, l_stem, 1);
    lua_setfield(L, priv, "stem");
    lua_pushcclosure(L, l_stem_languages, 1);
    lua_setfield(L, priv, "stem_languages");
}
