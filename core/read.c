/* read.c — reading files and streams into memory without ever reading more
 * than a configured limit: whole files (size checked with fstat first),
 * whole streams, and streams line by line. */
#include "error.h"
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { READ_CHUNK = 64 * 1024 };

/* The message for a document larger than the limit. */
static int too_big(lede_error *err, const char *name, const char *what, size_t max)
{
    return lede_fail(err, LEDE_ERR_LIMIT,
                     "%s: %s larger than the maximum document size (%zu bytes; see max_doc_bytes)",
                     name, what, max);
}

/* Grow *buf to hold at least `need` bytes, doubling; 0 or LEDE_ERR_NOMEM. */
static int reserve(char **buf, size_t *cap, size_t need, lede_error *err)
{
    if (need <= *cap) return LEDE_OK;
    size_t c = *cap ? *cap : READ_CHUNK;
    while (c < need) c *= 2;
    char *b = realloc(*buf, c);
    if (!b) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    *buf = b;
    *cap = c;
    return LEDE_OK;
}

/* Read from fd until end of file or until more than max bytes came in. */
static int read_fd(int fd, const char *name, size_t max, size_t hint, char **out, size_t *len,
                   int *truncated, lede_error *err)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    *truncated = 0;
    size_t want = (hint < max ? hint : max) + 1; /* +1: see the end of file, or one byte too many */
    if (reserve(&buf, &cap, want + 1, err)) return LEDE_ERR_NOMEM;
    for (;;) {
        if (n == max + 1) {
            *truncated = 1;
            break;
        }
        if (cap < n + 2 && reserve(&buf, &cap, n + READ_CHUNK, err)) {
            free(buf);
            return LEDE_ERR_NOMEM;
        }
        size_t room = cap - 1 - n; /* keep one byte for the terminating NUL */
        if (room > max + 1 - n) room = max + 1 - n;
        ssize_t got = read(fd, buf + n, room);
        if (got < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            return lede_fail(err, LEDE_ERR_IO, "%s: %s", name, strerror(e));
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return LEDE_OK;
}

/* A whole file, its size checked before reading (see load.h). */
int lede_read_file(const char *path, size_t max, char **out, size_t *len, lede_error *err)
{
    *out = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return lede_fail(err, LEDE_ERR_IO, "%s: %s", path, strerror(EISDIR));
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
        close(fd);
        return lede_fail(err, LEDE_ERR_LIMIT,
                         "%s: %llu bytes, larger than the maximum document size (%zu bytes; see "
                         "max_doc_bytes)",
                         path, (unsigned long long)st.st_size, max);
    }
    size_t hint = S_ISREG(st.st_mode) ? (size_t)st.st_size : READ_CHUNK;
    int truncated;
    int rc = read_fd(fd, path, max, hint, out, len, &truncated, err);
    close(fd);
    if (rc == LEDE_OK && truncated) { /* it grew while we read, or is not a regular file */
        free(*out);
        *out = NULL;
        *len = 0;
        return too_big(err, path, "file", max);
    }
    return rc;
}

/* A whole stream, up to max + 1 bytes (see load.h). */
int lede_read_stream(FILE *stream, const char *name, size_t max, char **out, size_t *len,
                     int *truncated, lede_error *err)
{
    *out = NULL;
    *len = 0;
    *truncated = 0;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n == max + 1) {
            *truncated = 1;
            break;
        }
        if (cap < n + 2 && reserve(&buf, &cap, n + READ_CHUNK, err)) {
            free(buf);
            return LEDE_ERR_NOMEM;
        }
        size_t room = cap - 1 - n;
        if (room > max + 1 - n) room = max + 1 - n;
        size_t got = fread(buf + n, 1, room, stream);
        n += got;
        if (got < room) {
            if (ferror(stream)) {
                int e = errno;
                free(buf);
                return lede_fail(err, LEDE_ERR_IO, "%s: %s", name, e ? strerror(e) : "read error");
            }
            break;
        }
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return LEDE_OK;
}

/* Set up a line reader over a stream and bytes already read. */
void lede_line_reader_init(lede_line_reader *r, FILE *stream, const char *name, size_t max,
                           char *prefix, size_t prefix_len)
{
    memset(r, 0, sizeof *r);
    r->stream = stream;
    r->name = name;
    r->max = max;
    r->buf = prefix;
    r->cap = prefix ? prefix_len : 0;
    r->end = prefix ? prefix_len : 0;
    r->eof = stream == NULL;
}

/* The next line, never buffering more than max bytes of one line. */
int lede_line_next(lede_line_reader *r, char **line, size_t *len, lede_error *err)
{
    *line = NULL;
    *len = 0;
    size_t scanned = 0; /* bytes after pos already known to hold no '\n' */
    for (;;) {
        size_t unscanned = r->end - r->pos - scanned;
        char *nl = unscanned ? memchr(r->buf + r->pos + scanned, '\n', unscanned) : NULL;
        if (nl || (r->eof && r->end > r->pos)) {
            size_t n = nl ? (size_t)(nl - (r->buf + r->pos)) : r->end - r->pos;
            if (n > r->max) break;
            if (!nl) { /* a last line without '\n': make room for a terminator */
                if (reserve(&r->buf, &r->cap, r->end + 1, err)) return LEDE_ERR_NOMEM;
            }
            *line = r->buf + r->pos;
            *len = n;
            r->line++;
            r->offset = r->consumed;
            size_t step = nl ? n + 1 : n;
            r->pos += step;
            r->consumed += step;
            return LEDE_OK;
        }
        if (r->eof) return LEDE_OK; /* nothing left */
        scanned = r->end - r->pos;
        if (scanned > r->max) break;
        /* Move the partial line to the front, then read more. */
        if (r->pos) {
            memmove(r->buf, r->buf + r->pos, scanned);
            r->end = scanned;
            r->pos = 0;
        }
        if (reserve(&r->buf, &r->cap, r->end + READ_CHUNK, err)) return LEDE_ERR_NOMEM;
        size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->stream);
        r->end += got;
        if (got == 0) {
            if (ferror(r->stream)) {
                int e = errno;
                return lede_fail(err, LEDE_ERR_IO, "%s: %s", r->name,
                                 e ? strerror(e) : "read error");
            }
            r->eof = 1;
        }
    }
    return lede_fail(err, LEDE_ERR_LIMIT,
                     "%s:%llu: line larger than the maximum document size (%zu bytes; see "
                     "max_doc_bytes)",
                     r->name, (unsigned long long)(r->line + 1), r->max);
}

/* Free the reader's buffer (not its stream). */
void lede_line_reader_free(lede_line_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->cap = r->pos = r->end = 0;
}
