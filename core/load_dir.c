/* load_dir.c — listing the files of a directory tree: recursive, hidden
 * entries skipped, each directory entered at most once (so a symbolic link
 * back up the tree cannot loop), paths sorted in byte order. */
#include "error.h"
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walk {
    char **paths;
    size_t n, cap;
    dir_id *seen; /* directories entered so far */
    size_t nseen, seen_cap;
    lede_skip_fn skip;
    void *ud;
    lede_error *err;
} walk;

/* Append p (taken over) to the file list. */
static int push_path(walk *w, char *p)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        char **v = realloc(w->paths, cap * sizeof *v);
        if (!v) {
            free(p);
            return lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory");
        }
        w->paths = v;
        w->cap = cap;
    }
    w->paths[w->n++] = p;
    return LEDE_OK;
}

/* Record directory st as entered; returns 1 if it had been entered before.
 * A linear search: trees have few directories next to their files. */
static int seen_before(walk *w, const struct stat *st, int *failed)
{
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino) return 1;
    if (w->nseen == w->seen_cap) {
        size_t cap = w->seen_cap ? w->seen_cap * 2 : 16;
        dir_id *v = realloc(w->seen, cap * sizeof *v);
        if (!v) {
            *failed = 1;
            return 0;
        }
        w->seen = v;
        w->seen_cap = cap;
    }
    w->seen[w->nseen++] = (dir_id){st->st_dev, st->st_ino};
    return 0;
}

/* "dir/name", malloc'd ("/name" when dir is the root "/"). */
static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = !(a > 0 && dir[a - 1] == '/');
    char *p = malloc(a + slash + b + 1);
    if (!p) return NULL;
    memcpy(p, dir, a);
    if (slash) p[a] = '/';
    memcpy(p + a + slash, name, b + 1);
    return p;
}

/* qsort comparator: byte order of the paths. */
static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in directory dir, hidden ones left out, as a malloc'd array of
 * malloc'd strings. Read in full and closed before the caller recurses, so a
 * deep tree never holds more than one directory open. */
static int read_names(walk *w, const char *dir, char ***names, size_t *n)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return lede_fail(w->err, LEDE_ERR_IO, "%s: %s", dir, strerror(errno));
    char **v = NULL;
    size_t count = 0, cap = 0;
    int rc = LEDE_OK;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) rc = lede_fail(w->err, LEDE_ERR_IO, "%s: %s", dir, strerror(errno));
            break;
        }
        if (e->d_name[0] == '.') continue; /* hidden, and . and .. */
        if (count == cap) {
            size_t c = cap ? cap * 2 : 32;
            char **nv = realloc(v, c * sizeof *nv);
            if (!nv) {
                rc = lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory");
                break;
            }
            v = nv;
            cap = c;
        }
        if (!(v[count] = strdup(e->d_name))) {
            rc = lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory");
            break;
        }
        count++;
    }
    closedir(d);
    if (rc) {
        lede_dir_list_free(v, count);
        return rc;
    }
    /* Sorted, so that which of two links to one directory is entered, and
     * the order of the warnings, never depend on the file system. */
    if (count > 1) qsort(v, count, sizeof *v, path_cmp);
    *names = v;
    *n = count;
    return LEDE_OK;
}

/* Add the files under directory `dir` (whose stat is st) to w. */
static int walk_dir(walk *w, const char *dir, const struct stat *st)
{
    int failed = 0;
    if (seen_before(w, st, &failed)) {
        if (w->skip) w->skip(w->ud, dir, "directory already visited (a symbolic link); skipped");
        return LEDE_OK;
    }
    if (failed) return lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory");
    char **names;
    size_t n;
    int rc = read_names(w, dir, &names, &n);
    if (rc) return rc;
    for (size_t i = 0; i < n && rc == LEDE_OK; i++) {
        char *p = join(dir, names[i]);
        if (!p) {
            rc = lede_fail(w->err, LEDE_ERR_NOMEM, "out of memory");
            break;
        }
        struct stat sub;
        if (stat(p, &sub) != 0) { /* stat follows symbolic links */
            int e = errno;
            struct stat l;
            if (e == ENOENT && lstat(p, &l) == 0 && S_ISLNK(l.st_mode)) {
                if (w->skip) w->skip(w->ud, p, "broken symbolic link; skipped");
            } else {
                rc = lede_fail(w->err, LEDE_ERR_IO, "%s: %s", p, strerror(e));
            }
            free(p);
        } else if (S_ISDIR(sub.st_mode)) {
            rc = walk_dir(w, p, &sub);
            free(p);
        } else if (S_ISREG(sub.st_mode)) {
            rc = push_path(w, p);
        } else {
            if (w->skip) w->skip(w->ud, p, "not a regular file; skipped");
            free(p);
        }
    }
    lede_dir_list_free(names, n);
    return rc;
}

/* Every regular file under dir, sorted (see load.h). */
int lede_dir_list(const char *dir, char ***paths, size_t *npaths, lede_skip_fn skip, void *ud,
                  lede_error *err)
{
    *paths = NULL;
    *npaths = 0;
    walk w = {.skip = skip, .ud = ud, .err = err};
    /* Drop trailing slashes so names read "dir/sub/file", keeping "/" itself. */
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    char *root = strndup(dir, len);
    if (!root) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    struct stat st;
    int rc;
    if (stat(root, &st) != 0) rc = lede_fail(err, LEDE_ERR_IO, "%s: %s", dir, strerror(errno));
    else rc = walk_dir(&w, root, &st);
    free(root);
    free(w.seen);
    if (rc) {
        lede_dir_list_free(w.paths, w.n);
        return rc;
    }
    if (w.n > 1) qsort(w.paths, w.n, sizeof *w.paths, path_cmp);
    *paths = w.paths;
    *npaths = w.n;
    return LEDE_OK;
}

/* Free a list of paths and the list. */
void lede_dir_list_free(char **paths, size_t npaths)
{
    for (size_t i = 0; i < npaths; i++) free(paths[i]);
    free(paths);
}
