/*
 * main.c — the `lede` program: an embedded Lua 5.4 with the lede module
 * preloaded. The commands themselves are Lua (bindings/lua/cli.lua); this
 * file gives them what only the program can do, in a table `sys`:
 * interruptible protected calls (Ctrl-C stops the running Lua code, as in
 * lua.c) with tracebacks of the script's own frames and the limits of
 * limits.c, directory listing, terminal detection, line editing
 * (lineedit.c), the --output file (output_file.c) and the exit codes below.
 */
#include "lede_lua.h"
#include "lineedit.h"
#include "output_file.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

int luaopen_lede(lua_State *L);

/* Exit codes, documented in docs/cli.md (after jq's main.c). */
enum lede_exit {
    LEDE_EXIT_OK = 0,          /* success */
    LEDE_EXIT_FAILURE = 1,     /* a script or a Lua program raised an error */
    LEDE_EXIT_USAGE = 2,       /* a mistake on the command line */
    LEDE_EXIT_INPUT = 3,       /* input unreadable: missing file, bad database, refused input */
    LEDE_EXIT_SCRIPT = 4,      /* a bundled script is not a valid script */
    LEDE_EXIT_LIMIT = 5,       /* a limit stopped the script: --max-memory, --max-instructions, --timeout */
    LEDE_EXIT_INTERRUPTED = 130 /* stopped by Ctrl-C (128 + SIGINT, as shells report it) */
};

/* The state a SIGINT should interrupt, while sys.pcall runs. */
static lua_State *volatile running_L = NULL;

/* Hook set by the signal handler: raise at the next Lua event (lua.c's
 * lstop). [-0, +1, e] (always raises) */
static void interrupt_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted!");
}

/* SIGINT during evaluation: ask Lua to stop at its next instruction
 * (lua_sethook is the one Lua call safe in a signal handler). A second
 * Ctrl-C before Lua notices kills the program, as with lua.c. */
static void on_sigint(int sig)
{
    signal(sig, SIG_DFL);
    lua_sethook(running_L, interrupt_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* How many levels the stack of L has (level 0 is the running function). */
static int stack_depth(lua_State *L)
{
    lua_Debug ar;
    if (!lua_getstack(L, 0, &ar)) return 0;
    int lo = 0, hi = 1;
    while (lua_getstack(L, hi, &ar)) { /* doubling, then bisecting (as luaL_traceback does) */
        lo = hi;
        hi *= 2;
    }
    while (lo + 1 < hi) {
        int mid = lo + (hi - lo) / 2;
        if (lua_getstack(L, mid, &ar))
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

/* Stack depth at the innermost sys.pcall (or the whole program's pcall):
 * the traceback stops there, so it shows the user's code and not the
 * program's own frames. */
static int pcall_base = 0;

/* Push "stack traceback:" and one line per level of L from `first` to
 * `last`, written as luaL_traceback writes them; long tracebacks keep the
 * first 10 and the last 11 levels. [-0, +1, m] */
static void push_traceback(lua_State *L, int first, int last)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "stack traceback:");
    lua_Debug ar;
    for (int level = first; level <= last && lua_getstack(L, level, &ar); level++) {
        if (last - first > 21 && level == first + 10) {
            lua_pushfstring(L, "\n\t...\t(skipping %d levels)", last - first - 20);
            luaL_addvalue(&b);
            level = last - 11;
            continue;
        }
        lua_getinfo(L, "Slnt", &ar);
        if (ar.currentline > 0)
            lua_pushfstring(L, "\n\t%s:%d: in ", ar.short_src, ar.currentline);
        else
            lua_pushfstring(L, "\n\t%s: in ", ar.short_src);
        luaL_addvalue(&b);
        if (*ar.namewhat)
            lua_pushfstring(L, "%s '%s'", ar.namewhat, ar.name);
        else if (*ar.what == 'm')
            lua_pushliteral(L, "main chunk");
        else if (*ar.what != 'C')
            lua_pushfstring(L, "function <%s:%d>", ar.short_src, ar.linedefined);
        else
            lua_pushliteral(L, "?");
        luaL_addvalue(&b);
        if (ar.istailcall) luaL_addstring(&b, "\n\t(...tail calls...)");
    }
    luaL_pushresult(&b);
}

/* Message handler: keep the error value and add a traceback of the levels
 * above the protected call, as the table {msg = err, tb = traceback}.
 * [-1, +1, m] */
static int message_handler(lua_State *L)
{
    int last = stack_depth(L) - pcall_base - 1; /* the function sys.pcall called */
    lua_createtable(L, 0, 2);
    lua_insert(L, 1);
    lua_setfield(L, 1, "msg");
    push_traceback(L, 1, last);
    lua_setfield(L, 1, "tb");
    return 1;
}

/* sys.pcall(f, ...) -> true, ... | false, message, traceback, limit
 * Call f in protected mode with SIGINT turned into "interrupted!"; `limit`
 * names the limit that stopped it ("memory", "instructions", "time"), if
 * one did. A call that is not nested in another starts the instruction and
 * time budgets afresh.
 * [-(n), +(r), -] */
static int sys_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int nargs = lua_gettop(L) - 1;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, 1);
    lua_State *outer = running_L;
    int outer_base = pcall_base;
    if (!outer) lede_lua_limits_restart(L); /* each top-level run has the whole budget */
    running_L = L;
    pcall_base = stack_depth(L);
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int status = lua_pcall(L, nargs, LUA_MULTRET, 1);
    sigaction(SIGINT, &old, NULL);
    if (outer)
        lede_lua_limits_rearm(L); /* still inside the outer run; drops a Ctrl-C hook not fired */
    else
        lede_lua_limits_pause(L); /* between runs: no budget (and no Ctrl-C hook) */
    running_L = outer;
    pcall_base = outer_base;
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);
        return lua_gettop(L);
    }
    const char *limit = lede_lua_limits_tripped(status);
    lua_pushboolean(L, 0);                         /* err, false */
    if (limit && strcmp(limit, "memory") == 0) {   /* Lua says only "not enough memory" */
        lua_pushfstring(L, "memory limit of %d MB exceeded (--max-memory)",
                        (int)(lede_lua_limits_max_memory() >> 20));
        lua_pushnil(L);
    } else if (lua_istable(L, -2)) {
        lua_getfield(L, -2, "msg");                /* err, false, msg */
        lua_getfield(L, -3, "tb");                 /* err, false, msg, tb */
    } else {                                       /* no handler ran: memory error, or one in the handler */
        lua_pushvalue(L, -2);
        lua_pushnil(L);
    }
    if (limit)
        lua_pushstring(L, limit);
    else
        lua_pushnil(L);
    return 4;
}

/* sys.pause_limits(): the instruction and time budgets count only inside
 * sys.pcall runs, not in the program's own Lua. [-0, +0, -] */
static int sys_pause_limits(lua_State *L)
{
    lede_lua_limits_pause(L);
    return 0;
}

/* sys.listdir(path) -> {name, …} | nil, message  (without . and ..) [-1, +1|2, m] */
static int sys_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *dir = opendir(path);
    if (!dir) return luaL_fileresult(L, 0, path);
    lua_newtable(L);
    lua_Integer n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        lua_pushstring(L, e->d_name);
        lua_rawseti(L, -2, ++n);
    }
    closedir(dir);
    return 1;
}

/* sys.interactive() -> boolean: standard input is a terminal. [-0, +1, -] */
static int sys_interactive(lua_State *L)
{
    lua_pushboolean(L, isatty(STDIN_FILENO));
    return 1;
}

/* [-0, +1, m] The sys table. */
static void push_sys(lua_State *L, const char *progname)
{
    static const luaL_Reg funcs[] = {
        {"pcall", sys_pcall},
        {"listdir", sys_listdir},
        {"interactive", sys_interactive},
        {"pause_limits", sys_pause_limits},
        {NULL, NULL}};
    luaL_newlib(L, funcs);
    lede_lineedit_register(L, -1);
    lede_output_register(L, -1);
    lua_pushstring(L, progname);
    lua_setfield(L, -2, "progname");
    static const struct { const char *name; int code; } codes[] = {
        {"OK", LEDE_EXIT_OK},       {"FAILURE", LEDE_EXIT_FAILURE},
        {"USAGE", LEDE_EXIT_USAGE}, {"INPUT", LEDE_EXIT_INPUT},
        {"SCRIPT", LEDE_EXIT_SCRIPT}, {"LIMIT", LEDE_EXIT_LIMIT},
        {"INTERRUPTED", LEDE_EXIT_INTERRUPTED}};
    lua_createtable(L, 0, (int)(sizeof codes / sizeof *codes));
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        lua_pushinteger(L, codes[i].code);
        lua_setfield(L, -2, codes[i].name);
    }
    lua_setfield(L, -2, "exit");
}

/* The protected main: open the libraries, preload lede, and return
 * require("lede.cli").main(sys, argv). Arguments: argc and argv as light
 * userdata. [-2, +1, e] */
static int pmain(lua_State *L)
{
    int argc = (int)lua_tointeger(L, 1);
    char **argv = (char **)lua_touserdata(L, 2);
    luaL_checkversion(L);
    luaL_openlibs(L);
    luaL_requiref(L, "lede", luaopen_lede, 0); /* package.loaded.lede, no global */
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "lede.cli");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "main");
    push_sys(L, argv[0]);
    lua_createtable(L, argc, 0);
    for (int i = 1; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_call(L, 2, 1);
    return 1;
}

int main(int argc, char **argv)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        fprintf(stderr, "lede: cannot create the Lua state: not enough memory\n");
        return LEDE_EXIT_FAILURE;
    }
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, pmain);
    lua_pushinteger(L, argc);
    lua_pushlightuserdata(L, argv);
    pcall_base = stack_depth(L);
    int status = lua_pcall(L, 2, 1, 1);
    int code;
    const char *limit = status != LUA_OK ? lede_lua_limits_tripped(status) : NULL;
    if (limit && strcmp(limit, "memory") == 0) {
        fprintf(stderr, "lede: memory limit of %d MB exceeded (--max-memory)\n",
                (int)(lede_lua_limits_max_memory() >> 20));
        code = LEDE_EXIT_LIMIT;
    } else if (status != LUA_OK) {
        const char *msg = NULL, *tb = NULL;
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "msg");
            lua_getfield(L, -2, "tb");
            msg = lua_tostring(L, -2);
            tb = lua_tostring(L, -1);
        } else if (lua_type(L, -1) == LUA_TSTRING) { /* no handler ran: a memory error */
            msg = lua_tostring(L, -1);
        }
        fprintf(stderr, "lede: %s\n%s\n", msg ? msg : "(error object is not a string)", tb ? tb : "");
        code = LEDE_EXIT_FAILURE;
    } else {
        code = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : LEDE_EXIT_FAILURE;
    }
    /* An output file still open means the program ended another way than
     * the commands foresee: keep it only on success. */
    int out_err = lede_output_finish(code == LEDE_EXIT_OK);
    if (!out_err) out_err = lede_output_flush_stdout();
    if (out_err && code == LEDE_EXIT_OK) {
        fprintf(stderr, "lede: cannot write the output: %s\n", strerror(out_err));
        code = LEDE_EXIT_FAILURE;
    }
    lua_close(L);
    return code;
}
