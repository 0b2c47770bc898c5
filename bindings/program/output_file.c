/*
 * output_file.c — `--output FILE`: standard output redirected into a hidden
 * temporary file beside FILE until the command succeeds (renamed to FILE)
 * or fails (removed), so a failed run never leaves a partial FILE behind.
 */
#include "output_file.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

/* The pending output file. */
static struct {
    char *path;         /* the target, while active */
    char *volatile tmp; /* the temporary file, while active (read by the signal handler) */
    int saved_fd;       /* the original standard output */
} output = {NULL, NULL, -1};

/* SIGTERM or SIGHUP while an output file is pending: remove the temporary
 * file (unlink is safe in a signal handler), then die of the signal as
 * before. An index write needs nothing: SQLite rolls it back at the next
 * open. */
static void on_fatal_signal(int sig)
{
    char *tmp = output.tmp;
    if (tmp) unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* sys.output_open(path) -> true | nil, message
 * Send standard output (print, io.write, C writes) to a new temporary file
 * in path's directory. [-1, +1|2, m] */
static int sys_output_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (output.path) return luaL_error(L, "sys.output_open: an output file is already open");
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base) { /* "dir/": no file name */
        lua_pushnil(L);
        lua_pushfstring(L, "%s: is a directory", path);
        return 2;
    }
    /* "dir/.name.XXXXXX": hidden, and on the same file system, so rename is atomic. */
    size_t dir_len = (size_t)(base - path);
    char *tmp = malloc(dir_len + strlen(base) + 9);
    char *target = strdup(path);
    if (!tmp || !target) {
        free(tmp);
        free(target);
        return luaL_error(L, "not enough memory");
    }
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(target);
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(e));
        return 2;
    }
    mode_t mask = umask(0); /* the file gets the mode a plain open would give it */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    fflush(stdout);
    output.saved_fd = dup(STDOUT_FILENO);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    output.path = target;
    output.tmp = tmp;
    struct sigaction sa = {0};
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    lua_pushboolean(L, 1);
    return 1;
}

/* Flush standard output; 0, or the errno of a failed write. */
int lede_output_flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) return errno ? errno : EIO;
    return 0;
}

/* Put the original standard output back and commit (rename) or drop the
 * temporary file. Returns 0, or an errno. */
int lede_output_finish(int commit)
{
    if (!output.path) return 0;
    int e = lede_output_flush_stdout();
    if (commit && !e && fsync(STDOUT_FILENO) != 0 && errno != EINVAL) e = errno;
    dup2(output.saved_fd, STDOUT_FILENO);
    close(output.saved_fd);
    clearerr(stdout);
    char *tmp = output.tmp;
    if (commit && !e && rename(tmp, output.path) != 0) e = errno;
    if (!commit || e) unlink(tmp);
    output.tmp = NULL; /* before the signal handlers go: they must not see a freed name */
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    free(tmp);
    free(output.path);
    output.path = NULL;
    output.saved_fd = -1;
    return e;
}

/* sys.output_close(commit) -> true | nil, message
 * End the redirection: with commit, rename the file into place (after
 * flushing and syncing it); without, remove it. [-1, +1|2, m] */
static int sys_output_close(lua_State *L)
{
    int commit = lua_toboolean(L, 1);
    const char *path = output.path ? lua_pushstring(L, output.path) : "output";
    int e = lede_output_finish(commit);
    if (e) {
        lua_pushnil(L);
        lua_pushfstring(L, "cannot write %s: %s", path, strerror(e));
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

void lede_output_register(lua_State *L, int t)
{
    static const luaL_Reg funcs[] = {
        {"output_open", sys_output_open},
        {"output_close", sys_output_close},
        {NULL, NULL}};
    t = lua_absindex(L, t);
    lua_pushvalue(L, t);
    luaL_setfuncs(L, funcs, 0);
    lua_pop(L, 1);
}
