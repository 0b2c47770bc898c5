/* varint.h — unsigned LEB128 varints and a growable byte buffer, the
 * encoding of every BLOB the index writes (see docs/schema.md).
 *
 * A varint stores 7 bits per byte, least significant group first; the high
 * bit of a byte is set when another byte follows. 0..127 take one byte,
 * 128..16383 two, and a uint64 at most ten. */
#ifndef LEDE_VARINT_H
#define LEDE_VARINT_H

#include <stddef.h>
#include <stdint.h>

#define LEDE_VARINT_MAX 10

/* Write v at p (which has room for LEDE_VARINT_MAX bytes); returns the
 * number of bytes written. */
static inline size_t lede_varint_put(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

/* Read a varint from [*p, end) into *v and advance *p. Returns 0 on
 * success, -1 if the buffer ends inside the varint or it is longer than
 * LEDE_VARINT_MAX bytes (a corrupt BLOB). */
static inline int lede_varint_get(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    const uint8_t *q = *p;
    uint64_t x = 0;
    for (unsigned shift = 0; q < end && shift < 7 * LEDE_VARINT_MAX; shift += 7) {
        uint8_t b = *q++;
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *v = x;
            *p = q;
            return 0;
        }
    }
    return -1;
}

/* A growable byte buffer. Zero-initialize it; free `v` with free(). After an
 * allocation failure `failed` is set and further appends do nothing, so a
 * run of appends needs one check at the end. */
typedef struct lede_bytes {
    uint8_t *v;
    size_t n, cap;
    int failed;
} lede_bytes;

/* Make room for `extra` more bytes; returns 0, or -1 (and sets failed). */
int lede_bytes_reserve(lede_bytes *b, size_t extra);
void lede_bytes_free(lede_bytes *b);

/* Append one varint. */
static inline void lede_bytes_varint(lede_bytes *b, uint64_t v)
{
    if (b->cap - b->n < LEDE_VARINT_MAX && lede_bytes_reserve(b, LEDE_VARINT_MAX)) return;
    b->n += lede_varint_put(b->v + b->n, v);
}

/* Append one byte. */
static inline void lede_bytes_byte(lede_bytes *b, uint8_t byte)
{
    if (b->cap == b->n && lede_bytes_reserve(b, 1)) return;
    b->v[b->n++] = byte;
}

/* Append len raw bytes. */
void lede_bytes_append(lede_bytes *b, const void *data, size_t len);

#endif
