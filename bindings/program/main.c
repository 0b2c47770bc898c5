/*
 * main.c — the `lede` program: an embedded Lua 5.4 with the lede module
 * preloaded. The commands themselves are Lua (bindings/lua/cli.lua); this
 * file gives them what only the program can do, in a table `sys`:
 * interruptible protected calls (Ctrl-C stops the running Lua code, as in
 * lua.c), directory listing, terminal detection, line editing (lineedit.c)
 * and the exit codes below.
 */
#include "lineedit.h"

#include <dirent.h>
#include <errno.h>
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

/* Message handler: keep the error value and add a traceback, as the table
 * {msg = err, tb = traceback}. [-1, +1, m] */
static int message_handler(lua_State *L)
{
    lua_createtable(L, 0, 2);
    lua_insert(L, 1);
    lua_setfield(L, 1, "msg");
    luaL_traceback(L, L, NULL, 1);
    lua_setfield(L, 1, "tb");
    return 1;
}

/* sys.pcall(f, ...) -> true, ... | false, message, traceback
 * Call f in protected mode with SIGINT turned into "interrupted!".
 * [-(n), +(r), -] */
static int sys_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int nargs = lua_gettop(L) - 1;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, 1);
    lua_State *outer = running_L;
    running_L = L;
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int status = lua_pcall(L, nargs, LUA_MULTRET, 1);
    sigaction(SIGINT, &old, NULL);
    lua_sethook(L, NULL, 0, 0); /* in case the signal came after the last event */
    running_L = outer;
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);
        return lua_gettop(L);
    }
    lua_pushboolean(L, 0);                         /* err, false */
    if (lua_istable(L, -2)) {
        lua_getfield(L, -2, "msg");                /* err, false, msg */
        lua_getfield(L, -3, "tb");                 /* err, false, msg, tb */
    } else {                                       /* an error in the handler itself */
        lua_pushvalue(L, -2);
        lua_pushnil(L);
    }
    return 3;
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
        {NULL, NULL}};
    luaL_newlib(L, funcs);
    lede_lineedit_register(L, -1);
    lua_pushstring(L, progname);
    lua_setfield(L, -2, "progname");
    static const struct { const char *name; int code; } codes[] = {
        {"OK", LEDE_EXIT_OK},       {"FAILURE", LEDE_EXIT_FAILURE},
        {"USAGE", LEDE_EXIT_USAGE}, {"INPUT", LEDE_EXIT_INPUT},
        {"SCRIPT", LEDE_EXIT_SCRIPT}, {"INTERRUPTED", LEDE_EXIT_INTERRUPTED}};
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
    int status = lua_pcall(L, 2, 1, 1);
    int code;
    if (status != LUA_OK) {
        const char *msg = NULL, *tb = NULL;
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "msg");
            lua_getfield(L, -2, "tb");
            msg = lua_tostring(L, -2);
            tb = lua_tostring(L, -1);
        }
        fprintf(stderr, "lede: %s\n%s\n", msg ? msg : "(error object is not a string)", tb ? tb : "");
        code = LEDE_EXIT_FAILURE;
    } else {
        code = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : LEDE_EXIT_FAILURE;
    }
    fflush(stdout);
    lua_close(L);
    return code;
}
