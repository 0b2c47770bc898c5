/*
 * limits.c — lede.limits: a memory ceiling and an instruction and time
 * budget for the Lua code of a state, so a runaway script stops with a
 * clear message instead of eating the machine.
 *
 * Memory: the state's allocator is wrapped (lua_setallocf) by one that
 * counts the bytes Lua holds and refuses an allocation that would pass the
 * ceiling; Lua then collects garbage, retries, and raises "not enough
 * memory" if that is not enough. Only growth is refused: freeing and
 * shrinking always succeed, as Lua requires. The count starts from
 * lua_gc(LUA_GCCOUNT), so the wrapper can be installed at any time.
 *
 * Instructions and time: a count hook every HOOK_STEP VM instructions adds
 * them up and checks the clock, and raises once the budget is spent (at
 * the script's line: "x.lua:3: instruction limit of … exceeded"). Hooks
 * belong to a thread; coroutines created afterwards inherit it.
 *
 * There is one set of limits per process (the lede program has one Lua
 * state); installing them in a second state is refused. Memory that the C
 * core allocates (documents, indexes) is not Lua's and is not counted: it
 * is bounded by the loader's max_doc_bytes per document.
 */
#include "lede_lua.h"

#include <string.h>
#include <time.h>

/* VM instructions between two checks of the budget. */
#define HOOK_STEP 1000

static struct {
    lua_State *owner;      /* the main thread the limits were installed in, or NULL */
    lua_Alloc base_alloc;  /* the allocator the wrapper forwards to */
    void *base_ud;
    size_t used;           /* bytes Lua holds */
    size_t max_bytes;      /* 0: no ceiling */
    size_t peak;           /* the most Lua held since installation */
    int refused;           /* an allocation was refused since lede_lua_limits_tripped was asked */
    lua_Integer max_instructions, counted; /* budget (0: none) and instructions since its start */
    double timeout, deadline;              /* seconds (0: none) and the monotonic deadline */
    const char *tripped;   /* "instructions" or "time" once the hook raised, else NULL */
    int paused;            /* budgets off between runs (lede_lua_limits_pause) */
} limits;

/* Seconds on the monotonic clock. */
static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The counting allocator (a lua_Alloc): forwards to the base allocator,
 * refusing growth past the ceiling. For a new block `osize` is a type tag,
 * not a size. */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    size_t old = ptr ? osize : 0;
    if (nsize > old && limits.max_bytes && limits.used - old + nsize > limits.max_bytes) {
        limits.refused = 1;
        return NULL;
    }
    void *p = limits.base_alloc(limits.base_ud, ptr, osize, nsize);
    if (nsize == 0) {
        limits.used -= old;
    } else if (p) {
        limits.used = limits.used - old + nsize;
        if (limits.used > limits.peak) limits.peak = limits.used;
    }
    return p;
}

/* The count hook: add up instructions, check the budget and the clock. */
static void budget_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    limits.counted += HOOK_STEP;
    if (limits.max_instructions && limits.counted > limits.max_instructions) {
        limits.tripped = "instructions";
        luaL_where(L, 0); /* the running function: in a hook it is level 0 */
        lua_pushfstring(L, "instruction limit of %I exceeded (--max-instructions)", limits.max_instructions);
        lua_concat(L, 2);
        lua_error(L);
    }
    if (limits.timeout > 0 && monotonic_now() > limits.deadline) {
        limits.tripped = "time";
        luaL_where(L, 0);
        lua_pushfstring(L, "time limit of %f s exceeded (--timeout)", limits.timeout);
        lua_concat(L, 2);
        lua_error(L);
    }
}

void lede_lua_limits_rearm(lua_State *L)
{
    if (limits.owner && !limits.paused && (limits.max_instructions || limits.timeout > 0))
        lua_sethook(L, budget_hook, LUA_MASKCOUNT, HOOK_STEP);
    else
        lua_sethook(L, NULL, 0, 0);
}

void lede_lua_limits_pause(lua_State *L)
{
    limits.paused = 1;
    lua_sethook(L, NULL, 0, 0);
}

void lede_lua_limits_restart(lua_State *L)
{
    limits.paused = 0;
    limits.counted = 0;
    limits.deadline = monotonic_now() + limits.timeout;
    limits.tripped = NULL;
    limits.refused = 0;
    lede_lua_limits_rearm(L);
}

const char *lede_lua_limits_tripped(int status)
{
    const char *what = limits.tripped;
    if (status == LUA_ERRMEM && limits.refused) what = "memory";
    limits.tripped = NULL;
    limits.refused = 0;
    return what;
}

size_t lede_lua_limits_max_memory(void) { return limits.max_bytes; }

/* __gc of a sentinel kept in the registry from installation on: when the
 * state closes, give it back its own allocator and drop the hook before
 * other finalizers run. A stock lua5.4 unloads lede.so during lua_close
 * (the package library's finalizer, created before the sentinel and so
 * finalized after it); the state must not call into it afterwards. */
static int limits_release(lua_State *L)
{
    if (limits.owner) {
        lua_setallocf(L, limits.base_alloc, limits.base_ud);
        lua_sethook(limits.owner, NULL, 0, 0);
        if (L != limits.owner) lua_sethook(L, NULL, 0, 0);
    }
    memset(&limits, 0, sizeof limits);
    return 0;
}

/* [-0, +0, v] The main thread of L, where the limits live. */
static lua_State *main_thread(lua_State *L)
{
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
    lua_State *main = lua_tothread(L, -1);
    lua_pop(L, 1);
    return main;
}

/* [-0, +0, v] A non-negative number field of the table at 1, or -1 when
 * absent; false counts as 0 (no limit). */
static double limit_field(lua_State *L, const char *name)
{
    int t = lua_getfield(L, 1, name);
    double v = -1;
    if (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
        v = 0;
    } else if (t != LUA_TNIL) {
        int isnum;
        v = lua_tonumberx(L, -1, &isnum);
        if (!isnum || v < 0 || v != v)
            luaL_error(L, "lede.limits: %s must be a non-negative number or false", name);
    }
    lua_pop(L, 1);
    return v;
}

/*** lede.limits([new]) -> {memory, memory_used, instructions, time, …}
 * Set and read the limits on this Lua state's scripts. `new` may give
 * (each optional; 0 or false removes the limit):
 *
 * - `memory`: the most bytes Lua may hold (tables, strings, closures, and
 *   the tables the lede functions return); past it an allocation fails with
 *   "not enough memory";
 * - `instructions`: a budget of Lua VM instructions, counted from this call;
 * - `time`: a budget of seconds, counted from this call.
 *
 * A budget that runs out raises "FILE:LINE: instruction limit of N exceeded"
 * or "time limit of S s exceeded" in the running code. In the `lede`
 * program the budgets count only inside runs (the file of `lede run`, a
 * script's `run`, each REPL line), each run afresh. Returns the limits
 * now in force (0 for none) with `memory_used` and `memory_peak` (bytes),
 * `instructions_used` and `time_left` (seconds). The `lede` program sets
 * them from `--max-memory`, `--max-instructions` and `--timeout`; one Lua
 * state per process may have limits.
 *
 *     local l = lede.limits({ instructions = 1e6 })
 *     print(l.instructions, l.memory)          --> 1000000	0
 *     local ok, err = pcall(function() while true do end end)
 *     print(ok, err:match("instruction limit.*"))  --> false	instruction limit of 1000000 exceeded (--max-instructions)
 *     lede.limits({ instructions = false })
 *
 * [-0|1, +1, v]
 */
static int l_limits(lua_State *L)
{
    lua_State *main = main_thread(L);
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        if (limits.owner && limits.owner != main)
            return luaL_error(L, "lede.limits: limits are already set in another Lua state");
        double memory = limit_field(L, "memory"), instructions = limit_field(L, "instructions"),
               seconds = limit_field(L, "time");
        if (!limits.owner) {
            limits.owner = main;
            limits.base_alloc = lua_getallocf(L, &limits.base_ud);
            limits.used = (size_t)lua_gc(L, LUA_GCCOUNT) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB);
            limits.peak = limits.used;
            lua_setallocf(L, counting_alloc, NULL);
            lua_newuserdatauv(L, 0, 0);
            lua_createtable(L, 0, 1);
            lua_pushcfunction(L, limits_release);
            lua_setfield(L, -2, "__gc");
            lua_setmetatable(L, -2);
            lua_setfield(L, LUA_REGISTRYINDEX, "lede.limits");
        }
        if (memory >= 0) limits.max_bytes = memory > (double)SIZE_MAX / 2 ? SIZE_MAX / 2 : (size_t)memory;
        if (instructions >= 0)
            limits.max_instructions = instructions > 9e18 ? (lua_Integer)9e18 : (lua_Integer)instructions;
        if (seconds >= 0) limits.timeout = seconds;
        if (instructions >= 0 || seconds >= 0) lede_lua_limits_restart(L);
    }
    int mine = limits.owner == main;
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, mine ? (lua_Integer)limits.max_bytes : 0);
    lua_setfield(L, -2, "memory");
    lua_pushinteger(L, mine ? (lua_Integer)limits.used
                            : (lua_Integer)lua_gc(L, LUA_GCCOUNT) * 1024 + lua_gc(L, LUA_GCCOUNTB));
    lua_setfield(L, -2, "memory_used");
    lua_pushinteger(L, mine ? (lua_Integer)limits.peak : 0);
    lua_setfield(L, -2, "memory_peak");
    lua_pushinteger(L, mine ? limits.max_instructions : 0);
    lua_setfield(L, -2, "instructions");
    lua_pushinteger(L, mine ? limits.counted : 0);
    lua_setfield(L, -2, "instructions_used");
    lua_pushnumber(L, mine ? limits.timeout : 0);
    lua_setfield(L, -2, "time");
    double left = mine && limits.timeout > 0 ? limits.deadline - monotonic_now() : 0;
    lua_pushnumber(L, left > 0 ? left : 0);
    lua_setfield(L, -2, "time_left");
    return 1;
}

/* Register lede.limits in the private table. [-0, +0, m] */
void lede_lua_open_limits(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    lua_pushcfunction(L, l_limits);
    lua_setfield(L, priv, "limits");
}
