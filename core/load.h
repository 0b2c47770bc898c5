/* load.h — internal contract between the corpus (corpus.c), the text
 * checks (text.c), bounded reading (read.c), directory walking (load_dir.c)
 * and JSON Lines records (jsonl.c). */
#ifndef LEDE_LOAD_H
#define LEDE_LOAD_H

#include "lede.h"
#include "text.h"

/* ------------------------------------------------------------ text.c */

/* Why raw input is refused as not text. */
typedef enum lede_refusal {
    LEDE_REFUSE_NONE = 0,
    LEDE_REFUSE_NUL,   /* a NUL byte, at *offset */
    LEDE_REFUSE_BINARY /* too many control bytes or invalid UTF-8 in the first 8 KiB */
} lede_refusal;

/* Judge whether raw input is text. For LEDE_REFUSE_NUL *offset is the first
 * NUL's offset; for LEDE_REFUSE_BINARY *bad of the first *examined bytes
 * were control bytes or invalid UTF-8. Never fails. */
lede_refusal lede_text_refusal(const char *raw, size_t len, uint64_t *offset, size_t *bad,
                               size_t *examined);

/* Describe a refusal in words, without the name, into buf: "byte 3: NUL
 * byte; binary files are refused" or "not text: 900 of the first 1000 bytes
 * are control characters or invalid UTF-8; binary files are refused" (with
 * `skipped`, the words a warning uses when a file inside a directory is
 * skipped: "binary file skipped: NUL byte at byte 3"). */
void lede_refusal_describe(lede_refusal why, uint64_t offset, size_t bad, size_t examined,
                           int skipped, char *buf, size_t size);

/* Whether code point cp can never change under NFC, whatever surrounds it:
 * it is a starter (combining class 0), never the second of a canonical
 * composition, and NFC maps it to itself (NFC_Quick_Check=Yes, and then
 * some). Text made only of such code points is already in NFC. */
int lede_nfc_inert(int32_t cp);

/* Replace each maximal invalid UTF-8 subpart of raw by U+FFFD, calling warn
 * with base + its offset. If raw is valid, *out is NULL and nothing is
 * allocated; otherwise *out is a malloc'd, NUL-terminated repaired copy. */
int lede_utf8_repair(const char *raw, size_t len, uint64_t base, char **out, size_t *out_len,
                     lede_warn_fn warn, void *ud, lede_error *err);

/* ------------------------------------------------------------ read.c */

/* Read a whole file into a malloc'd, NUL-terminated buffer, refusing (with
 * LEDE_ERR_LIMIT, before reading) a file larger than max bytes. */
int lede_read_file(const char *path, size_t max, char **out, size_t *len, lede_error *err);

/* Read a whole stream into a malloc'd, NUL-terminated buffer, stopping after
 * max + 1 bytes: *truncated says the stream holds more than max bytes (the
 * rest stays unread). */
int lede_read_stream(FILE *stream, const char *name, size_t max, char **out, size_t *len,
                     int *truncated, lede_error *err);

/* Reads a stream line by line in bounded memory: a line longer than max
 * bytes is an error, so no single read is unbounded. */
typedef struct lede_line_reader {
    FILE *stream;       /* may be NULL: only the initial buffer is read */
    const char *name;   /* for messages */
    size_t max;         /* the longest line accepted */
    char *buf;          /* owned */
    size_t cap, pos, end;
    int eof;
    uint64_t line;      /* number of the line last returned (1-based) */
    uint64_t offset;    /* byte offset in the input of the line last returned */
    uint64_t consumed;  /* byte offset in the input of buf[pos] */
} lede_line_reader;

/* Start reading `stream` after the bytes already in `prefix` (taken over:
 * malloc'd, may be NULL). */
void lede_line_reader_init(lede_line_reader *r, FILE *stream, const char *name, size_t max,
                           char *prefix, size_t prefix_len);
/* The next line without its '\n' (a final line without one counts too), or
 * *line NULL at the end. The line stays valid until the next call; it is
 * followed by a writable byte (its '\n' or spare room). */
int lede_line_next(lede_line_reader *r, char **line, size_t *len, lede_error *err);
void lede_line_reader_free(lede_line_reader *r);

/* --------------------------------------------------------- load_dir.c */

/* Called for each entry skipped while walking (hidden entries are skipped
 * silently). */
typedef void (*lede_skip_fn)(void *ud, const char *path, const char *why);

/* Every regular file under directory `dir` (recursively, hidden names
 * skipped, each directory entered once so symbolic-link loops end), as
 * malloc'd paths "dir/sub/file" sorted in byte order. */
int lede_dir_list(const char *dir, char ***paths, size_t *npaths, lede_skip_fn skip, void *ud,
                  lede_error *err);
void lede_dir_list_free(char **paths, size_t npaths);

/* ----------------------------------------------------------- corpus.c */

/* Add a document made from raw bytes (repaired by lede_text_repair), its
 * warnings named meta->name. `line` goes into the warnings (0 for files). An
 * empty text (after repair) adds nothing but a warning. */
int lede_corpus_add_raw(lede_corpus *corpus, const char *raw, size_t len, const lede_meta *meta,
                        uint64_t line, lede_error *err);

/* Record a warning (strings copied). */
int lede_corpus_warn(lede_corpus *corpus, const char *name, uint64_t line, uint64_t offset,
                     const char *message, lede_error *err);

/* ------------------------------------------------------------ jsonl.c */

/* Add one document per JSON object line read from r, named "NAME:LINE".
 * opts has its defaults filled in. When the input is refused as binary (a
 * NUL byte) *nul_at is the NUL's offset, else UINT64_MAX. */
int lede_jsonl_load(lede_corpus *corpus, lede_line_reader *r, const lede_load_options *opts,
                    uint64_t *nul_at, lede_error *err);

#endif
