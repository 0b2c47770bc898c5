/* text.h — turning raw input bytes into a document's stored text. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include "lede.h"

/* Called once for each repair made or problem noticed; offset is in the raw input. */
typedef void (*lede_warn_fn)(void *ud, uint64_t offset, const char *message);

/* Make stored text from raw bytes: drop a UTF-8 BOM, replace each maximal
 * invalid UTF-8 sequence by U+FFFD (one warning per sequence, naming its
 * offset), refuse NUL bytes and binary data (LEDE_ERR_FORMAT, message
 * "<name>: byte N: …"), and normalize to NFC. Line ends are kept as they are
 * (CR LF stays CR LF: the tokenizer treats CR as white space). *out is
 * malloc'd and NUL-terminated; warn may be NULL. */
int lede_text_repair(const char *raw, size_t len, const char *name, char **out, size_t *out_len,
                     lede_warn_fn warn, void *ud, lede_error *err);

/* Where stored text and its source disagree on offsets. Each anchor says:
 * from stored offset `stored` on, the source offset is
 * `source + (offset - stored)`, up to the next anchor; before the first
 * anchor the two are equal. Anchors are added where a repair changes a
 * length (after a dropped BOM, after each U+FFFD, after each stretch NFC
 * rewrote), so text the loader left alone has none. */
typedef struct lede_offset_anchor {
    uint32_t stored, source;
} lede_offset_anchor;

typedef struct lede_offset_map {
    lede_offset_anchor *v;
    size_t n, cap;
} lede_offset_map;

void lede_offset_map_free(lede_offset_map *map);

/* Append the anchor (stored, source), which must come after the last one;
 * LEDE_OK or LEDE_ERR_NOMEM (the map is unchanged then). */
int lede_offset_map_push(lede_offset_map *map, size_t stored, size_t source);

/* The source offset of stored offset `off` under the anchors v[0, n). */
size_t lede_offset_map_source(const lede_offset_anchor *v, size_t n, size_t off);

/* lede_text_repair that also fills *map (zeroed by the caller; may be NULL)
 * with the anchors taking stored offsets back to offsets in raw. */
int lede_text_repair_mapped(const char *raw, size_t len, const char *name, char **out,
                            size_t *out_len, lede_offset_map *map, lede_warn_fn warn, void *ud,
                            lede_error *err);

#endif
