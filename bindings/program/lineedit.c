/*
 * lineedit.c — the REPL's input: libedit's readline interface (BSD
 * licence) with history and tab completion when standard input is a
 * terminal, plain line reading otherwise (pipes, tests). Completion asks a
 * Lua function for the candidates.
 */
#include "lineedit.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>
#include <lauxlib.h>

/* The Lua completer (registry reference) and the state it lives in. */
static lua_State *completion_L = NULL;
static int completer_ref = LUA_NOREF;

/* The current completion's candidates, handed out by candidate_generator. */
static char **candidates = NULL;
static size_t ncandidates = 0, next_candidate = 0;

/* Set by SIGINT while readline waits at the prompt. */
static volatile sig_atomic_t prompt_interrupted = 0;

static void free_candidates(void)
{
    for (size_t i = 0; i < ncandidates; i++) free(candidates[i]);
    free(candidates);
    candidates = NULL;
    ncandidates = next_candidate = 0;
}

/* readline's generator: the next candidate (malloc'd; readline frees it). */
static char *candidate_generator(const char *text, int state)
{
    (void)text;
    if (state == 0) next_candidate = 0;
    return next_candidate < ncandidates ? strdup(candidates[next_candidate++]) : NULL;
}

/* Run the completer on the word (light userdata at 1) and copy its array
 * of strings into `candidates`. Runs under lua_pcall. [-1, +0, e] */
static int collect_candidates(lua_State *L)
{
    const char *word = (const char *)lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, completer_ref);
    lua_pushstring(L, word);
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1)) return 0;
    size_t n = lua_rawlen(L, -1);
    candidates = calloc(n ? n : 1, sizeof *candidates);
    if (!candidates) return 0;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, -1, (lua_Integer)i + 1);
        const char *s = lua_tostring(L, -1);
        if (s && (candidates[ncandidates] = strdup(s)) != NULL) ncandidates++;
        lua_pop(L, 1);
    }
    return 0;
}

/* rl_attempted_completion_function: candidates from Lua, never file names.
 * Runs the completer in protected mode on completion_L. [-0, +0, -] */
static char **attempted_completion(const char *text, int start, int end)
{
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;
    free_candidates();
    lua_State *L = completion_L;
    if (!L || completer_ref == LUA_NOREF) return NULL;
    lua_pushcfunction(L, collect_candidates);
    lua_pushlightuserdata(L, (void *)text);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1); /* a failing completer completes nothing */
    if (ncandidates == 0) return NULL;
    return rl_completion_matches(text, candidate_generator);
}

/* Read one line from a non-terminal stdin: the line without its end, or
 * nil at the end of input. [-0, +1, m] */
static int read_plain(lua_State *L)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    int c, any = 0;
    while ((c = getchar()) != EOF && c != '\n') {
        luaL_addchar(&b, (char)c);
        any = 1;
    }
    if (c == EOF && !any) {
        luaL_pushresult(&b);
        lua_pop(L, 1);
        lua_pushnil(L);
        return 1;
    }
    luaL_pushresult(&b);
    return 1;
}

static void on_prompt_sigint(int sig)
{
    (void)sig;
    prompt_interrupted = 1;
}

/* sys.readline(prompt) -> line | nil (end of input) | false (Ctrl-C at the
 * prompt). With a terminal, libedit edits the line; SIGINT (installed
 * without SA_RESTART) makes readline return so the REPL can drop the line
 * instead of dying. [-1, +1, m] */
static int le_readline(lua_State *L)
{
    const char *prompt = luaL_optstring(L, 1, "> ");
    if (!isatty(STDIN_FILENO)) return read_plain(L);
    struct sigaction sa = {0}, old;
    sa.sa_handler = on_prompt_sigint;
    sigemptyset(&sa.sa_mask);
    prompt_interrupted = 0;
    sigaction(SIGINT, &sa, &old);
    char *line = readline(prompt);
    sigaction(SIGINT, &old, NULL);
    if (!line) {
        if (prompt_interrupted) lua_pushboolean(L, 0);
        else lua_pushnil(L);
        return 1;
    }
    lua_pushstring(L, line); /* only raises when out of memory */
    free(line);
    return 1;
}

/* sys.add_history(line) [-1, +0, v] */
static int le_add_history(lua_State *L)
{
    add_history(luaL_checkstring(L, 1));
    return 0;
}

/* sys.load_history(path): read the history file if there is one, and keep
 * at most 1000 lines. [-1, +0, v] */
static int le_load_history(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    stifle_history(1000);
    read_history(path); /* a missing file just means no history yet */
    return 0;
}

/* sys.save_history(path) -> true | nil, message [-1, +(1|2), v] */
static int le_save_history(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (write_history(path) != 0) return luaL_fileresult(L, 0, path);
    lua_pushboolean(L, 1);
    return 1;
}

/* sys.set_completer(fn): fn(word) returns the completions of word, an
 * array of full words. Words break at white space and operators but not at
 * '.' or ':', so `corpus:do` is one word. [-1, +0, v] */
static int le_set_completer(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    if (completer_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, completer_ref);
    lua_pushvalue(L, 1);
    completer_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    if (!completion_L) atexit(free_candidates);
    completion_L = L;
    rl_readline_name = "lede";
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{}()[],+-*/%^~#";
    rl_completion_append_character = '\0';
    rl_attempted_completion_function = attempted_completion;
    return 0;
}

/* Add the line-editing functions to the sys table at t (lineedit.h). [-0, +0, m] */
void lede_lineedit_register(lua_State *L, int t)
{
    static const luaL_Reg funcs[] = {
        {"readline", le_readline},
        {"add_history", le_add_history},
        {"load_history", le_load_history},
        {"save_history", le_save_history},
        {"set_completer", le_set_completer},
        {NULL, NULL}};
    t = lua_absindex(L, t);
    lua_pushvalue(L, t);
    luaL_setfuncs(L, funcs, 0);
    lua_pop(L, 1);
}
