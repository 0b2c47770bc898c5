/*
 * lede_lua.h — what the module's C files share: the userdata layouts, their
 * metatable names, and the helpers that check arguments and report failures.
 *
 * Conventions (stated once, as in the Lua manual §4.8): each function that
 * touches the Lua stack carries a comment [-o, +p, x] — it pops o values,
 * pushes p, and x is '-' (never raises), 'm' (may raise only for memory) or
 * 'v'/'e' (may raise for a bad argument / any error). The Lua-callable
 * functions carry it as the last line of their doc comment, counting the
 * values they return (+(1|3): one value, or nil, message, code).
 *
 * Errors: a caller's mistake (wrong type, closed object, index out of range,
 * unknown option) raises with luaL_argerror/luaL_error. A failure of the world
 * (missing file, unreadable database, bad input) returns nil, message, code
 * where code is the status name ("LEDE_ERR_IO").
 */
#ifndef LEDE_LUA_H
#define LEDE_LUA_H

#include "lede.h"

#include <lauxlib.h>
#include <lua.h>

#define LEDE_CORPUS_MT "lede.Corpus"
#define LEDE_DOCUMENT_MT "lede.Document"
#define LEDE_INDEX_MT "lede.Index"

/* A corpus. `corpus` is NULL while the userdata is being born and after it
 * is closed. User value 1: a weak-valued table caching its Document
 * userdata by position, so c:doc(1) == c:doc(1). */
typedef struct lede_lcorpus {
    lede_corpus *corpus;
} lede_lcorpus;

/* An index; `index` is NULL before it is opened and after it is closed. */
typedef struct lede_lindex {
    lede_index *index;
} lede_lindex;

/* A document. Either borrowed from a corpus (`corpus` points at the parent
 * userdata, which user value 1 keeps alive, `pos` is its position there
 * and `owned` is 0; the lede_doc is looked up again on each use, so a
 * growing corpus cannot leave it dangling) or owned (standalone or loaded
 * from an index: freed by the finaliser). `doc` is NULL once closed. */
typedef struct lede_ldoc {
    lede_doc *doc;
    lede_lcorpus *corpus; /* parent corpus when borrowed, else NULL */
    size_t pos;
    int owned;
    int64_t index_id;     /* id in the index it came from, or 0 */
} lede_ldoc;

/* [-0, +3, m] Push nil, err->message and the status name; return 3, the
 * number of values pushed (for `return lede_lua_fail(L, &err);`). */
int lede_lua_fail(lua_State *L, const lede_error *err);

/* [-0, +0, v] The corpus at `arg`; raises if it is not one or is closed. */
lede_lcorpus *lede_lua_checkcorpus(lua_State *L, int arg);

/* [-0, +1, m] Push a Document for the corpus at `corpus_arg` (a lede_lcorpus
 * userdata) and its i-th document (0-based), reusing a cached one. */
void lede_lua_pushcorpusdoc(lua_State *L, int corpus_arg, size_t i);

/* [-0, +1, m] Push a new owned Document in the closed state (doc NULL) and
 * return it: the caller then creates the lede_doc straight into ->doc, so
 * an error at any point leaves nothing unowned (liolib's newprefile).
 * The finaliser frees ->doc. `parent` (0: none) is the stack index of a
 * value kept alive with it. */
lede_ldoc *lede_lua_newowneddoc(lua_State *L, int parent, int64_t index_id);

/* [-0, +0, v] The document at `arg`; raises if closed or if its corpus is. */
lede_doc *lede_lua_checkdoc(lua_State *L, int arg);

/* [-0, +1, m] Push the token table for token i (0-based) of doc. */
void lede_lua_pushtoken(lua_State *L, lede_doc *doc, size_t i);

/* [-0, +0, m] Register a type: create metatable `name` with metamethods `meta`
 * and an __index table holding `methods`, and store the methods table in
 * the table at `priv` under `field` so the Lua prelude can add methods. */
void lede_lua_newtype(lua_State *L, int priv, const char *name, const char *field,
                      const luaL_Reg *meta, const luaL_Reg *methods);

/* Each file registers its type and its module-level functions in the
 * private table at `priv`; lua/init.lua decides what becomes public. A new
 * file (bindings/module/x.c) declares its lede_lua_open_x here and adds one
 * call in luaopen_lede (module.c). [-0, +0, m] */
void lede_lua_open_corpus(lua_State *L, int priv);
void lede_lua_open_document(lua_State *L, int priv);
void lede_lua_open_index(lua_State *L, int priv);
void lede_lua_open_limits(lua_State *L, int priv);
void lede_lua_open_reuse(lua_State *L, int priv);
void lede_lua_open_quotes(lua_State *L, int priv);
void lede_lua_open_query(lua_State *L, int priv);
void lede_lua_open_stem(lua_State *L, int priv);

/* ---- limits (limits.c), for the program's protected calls ---- */

/* Install the budget hook in thread L if a budget is set, else remove any
 * hook (after a Ctrl-C hook has fired). */
void lede_lua_limits_rearm(lua_State *L);
/* Start the instruction and time budgets afresh (each top-level run). */
void lede_lua_limits_restart(lua_State *L);
/* Switch the budgets off until the next restart: the program's own Lua
 * between runs (the REPL waiting for a line) is not the script's time. */
void lede_lua_limits_pause(lua_State *L);
/* After a protected call ended with `status`: which limit stopped it
 * ("memory", "instructions", "time") or NULL; clears the record. */
const char *lede_lua_limits_tripped(int status);
/* The memory ceiling in bytes (0: none). */
size_t lede_lua_limits_max_memory(void);

#endif
