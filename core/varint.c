/* varint.c — the growable byte buffer behind the index's varint BLOBs. */
#include "varint.h"

#include <stdlib.h>
#include <string.h>

/* Make room for `extra` more bytes (varint.h). */
int lede_bytes_reserve(lede_bytes *b, size_t extra)
{
    if (b->failed) return -1;
    if (b->cap - b->n >= extra) return 0;
    /* Grow geometrically so n appends cost O(n) copies in all. */
    size_t cap = b->cap ? b->cap : 16;
    while (cap - b->n < extra) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    uint8_t *v = realloc(b->v, cap);
    if (!v) {
        b->failed = 1;
        return -1;
    }
    b->v = v;
    b->cap = cap;
    return 0;
}

void lede_bytes_free(lede_bytes *b)
{
    free(b->v);
    memset(b, 0, sizeof *b);
}

void lede_bytes_append(lede_bytes *b, const void *data, size_t len)
{
    if (!len || lede_bytes_reserve(b, len)) return;
    memcpy(b->v + b->n, data, len);
    b->n += len;
}
