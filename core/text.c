/* text.c — raw input bytes to a document's stored text: the binary check,
 * UTF-8 repair (U+FFFD for each maximal invalid subpart) and NFC
 * normalization with a fast path that skips utf8proc for text already in
 * NFC. */
#include "error.h"
#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* How much of the input the binary check looks at, and the share of control
 * bytes or invalid UTF-8 in it (more than 3 in 10, as Perl's -B test) that
 * makes it binary. A handful of bad bytes never does: a short Latin-1
 * snippet is text with a few replacements. */
enum { SNIFF_BYTES = 8192, BINARY_MIN_BAD = 4 };

/* Invalid sequences listed one by one per document; the rest are summed up
 * in one warning, so a mis-encoded file cannot flood memory with warnings. */
enum { MAX_LISTED_INVALID = 100 };

static const char REPLACEMENT[3] = {'\xEF', '\xBF', '\xBD'}; /* U+FFFD */

/* Decode the UTF-8 sequence at s[0, n) (n >= 1). Returns its length and sets
 * *cp; for an ill-formed sequence sets *cp to -1 and returns the length of
 * its maximal subpart (Unicode 15, §3.9 "U+FFFD Substitution of Maximal
 * Subparts"): the lead byte plus the continuation bytes that were still
 * acceptable, or 1 for a byte that cannot start a sequence. */
static size_t utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char b = s[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t need;
    int32_t c;
    /* Bounds of the second byte (Table 3-7): they exclude overlong forms,
     * surrogates (ED A0..BF) and code points above U+10FFFF. */
    unsigned char lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        c = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        c = b & 0x0F;
        if (b == 0xE0) lo = 0xA0;
        else if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        c = b & 0x07;
        if (b == 0xF0) lo = 0x90;
        else if (b == 0xF4) hi = 0x8F;
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need && i < n; i++) {
        unsigned char t = s[i];
        if (t < lo || t > hi) break;
        c = (c << 6) | (t & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    if (i <= need) {
        *cp = -1;
        return i;
    }
    *cp = c;
    return need + 1;
}

/* Index of the first non-ASCII byte of s[i, n), or n: eight bytes at a time. */
static size_t skip_ascii(const unsigned char *s, size_t i, size_t n)
{
    while (i + 8 <= n) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080)) break;
        i += 8;
    }
    while (i < n && s[i] < 0x80) i++;
    return i;
}

/* A control byte that has no place in text: C0 controls other than tab,
 * line feed, vertical tab, form feed and carriage return, and DEL. */
static int is_binary_control(unsigned char b)
{
    return (b < 0x20 && !(b >= 0x09 && b <= 0x0D)) || b == 0x7F;
}

/* Whether the 8 bytes at s are all printable ASCII (0x20..0x7E), tested at
 * once: a byte below 0x20 shows as a borrow into its top bit when 0x20 is
 * subtracted, a byte of 0x80 or more by its own top bit, and 0x7F as a zero
 * after XOR with 0x7F. */
static int is_plain_ascii8(const unsigned char *s)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    uint64_t w;
    memcpy(&w, s, 8);
    uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    uint64_t x = w ^ (ones * 0x7F);
    uint64_t del = (x - ones) & ~x & highs;
    return ((w & highs) | below_space | del) == 0;
}

/* Judge whether raw input is text: no NUL, and few control or invalid bytes
 * in its first 8 KiB. */
lede_refusal lede_text_refusal(const char *raw, size_t len, uint64_t *offset, size_t *bad,
                               size_t *examined)
{
    *offset = 0;
    *bad = 0;
    *examined = 0;
    const char *nul = memchr(raw, 0, len);
    if (nul) {
        *offset = (uint64_t)(nul - raw);
        return LEDE_REFUSE_NUL;
    }
    const unsigned char *s = (const unsigned char *)raw;
    size_t limit = len < SNIFF_BYTES ? len : SNIFF_BYTES;
    size_t i = 0, count = 0;
    while (i < limit) {
        if (i + 8 <= limit && is_plain_ascii8(s + i)) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            count += is_binary_control(s[i]);
            i++;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(s + i, len - i, &cp); /* a sequence may cross the limit */
        if (cp < 0) count += k;
        i += k;
    }
    *bad = count;
    *examined = i;
    if (count >= BINARY_MIN_BAD && count * 10 > i * 3) return LEDE_REFUSE_BINARY;
    return LEDE_REFUSE_NONE;
}

/* The words for a refusal, as an error or as a skip warning. */
void lede_refusal_describe(lede_refusal why, uint64_t offset, size_t bad, size_t examined,
                           int skipped, char *buf, size_t size)
{
    unsigned long long at = (unsigned long long)offset;
    if (why == LEDE_REFUSE_NUL && skipped)
        snprintf(buf, size, "binary file skipped: NUL byte at byte %llu", at);
    else if (why == LEDE_REFUSE_NUL)
        snprintf(buf, size, "byte %llu: NUL byte; binary files are refused", at);
    else if (skipped)
        snprintf(buf, size,
                 "binary file skipped: %zu of the first %zu bytes are control characters or "
                 "invalid UTF-8",
                 bad, examined);
    else
        snprintf(buf, size,
                 "not text: %zu of the first %zu bytes are control characters or invalid UTF-8; "
                 "binary files are refused",
                 bad, examined);
}

/* Whether NFC can never change cp, whatever surrounds it (see load.h). */
int lede_nfc_inert(int32_t cp)
{
    if (cp < 0x80) return 1;
    /* Hangul vowel and trailing consonant jamo compose algorithmically with
     * what precedes them (utf8proc has no table entry for that). */
    if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2)) return 0;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0) return 0;
#if UTF8PROC_VERSION_MAJOR > 2 || (UTF8PROC_VERSION_MAJOR == 2 && UTF8PROC_VERSION_MINOR >= 9)
    if (p->comb_issecond) return 0;
#else
    /* utf8proc up to 2.8 marks the second code point of a composition pair
     * by setting the top bit of comb_index. */
    if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000)) return 0;
#endif
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
        /* A canonical decomposition: the code point survives NFC unless it is
         * a composition exclusion, a singleton (U+212B ANGSTROM SIGN → U+00C5)
         * or decomposes to a non-starter (U+0F73). Rather than list those,
         * decompose and recompose it on the stack. */
        if (p->comp_exclusion) return 0;
        utf8proc_int32_t d[8];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &boundclass);
        if (n < 1 || n > 8) return 0;
        n = utf8proc_normalize_utf32(d, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (n != 1 || d[0] != cp) return 0;
    }
    return 1;
}

/* One pass over raw: the number of invalid subparts and the bytes a repaired
 * copy needs, and the offset of the first code point that NFC might change
 * (len if none). */
typedef struct text_scan {
    size_t ninvalid;
    size_t repaired_len;
    size_t first_active;
} text_scan;

static void scan_text(const unsigned char *s, size_t len, int want_nfc, text_scan *out)
{
    size_t i = 0, ninvalid = 0, extra = 0, first_active = len;
    size_t prev = len; /* start of the code point before i (len: none) */
    for (;;) {
        size_t a = skip_ascii(s, i, len);
        if (a > i) prev = a - 1;
        i = a;
        if (i >= len) break;
        int32_t cp;
        size_t k = utf8_next(s + i, len - i, &cp);
        if (cp < 0) {
            ninvalid++;
            extra += sizeof REPLACEMENT - k; /* k <= 3, so this never wraps */
        } else if (want_nfc && first_active == len && !lede_nfc_inert(cp)) {
            /* NFC may change it and compose it with the starter before it. */
            first_active = prev < len ? prev : i;
        }
        prev = i;
        i += k;
    }
    out->ninvalid = ninvalid;
    out->repaired_len = len + extra;
    out->first_active = first_active;
}

/* Warnings for invalid subparts: the first MAX_LISTED_INVALID one by one,
 * the rest summed up in one warning by invalid_done. */
typedef struct invalid_report {
    lede_warn_fn warn;
    void *ud;
    size_t listed, unlisted;
    uint64_t first_unlisted;
} invalid_report;

static void invalid_note(invalid_report *r, const unsigned char *bytes, size_t k, uint64_t offset)
{
    if (!r->warn) return;
    if (r->listed < MAX_LISTED_INVALID) {
        char msg[96];
        int m = snprintf(msg, sizeof msg, "invalid UTF-8 %s", k > 1 ? "bytes" : "byte");
        for (size_t j = 0; j < k; j++) m += snprintf(msg + m, sizeof msg - (size_t)m, " 0x%02X", bytes[j]);
        snprintf(msg + m, sizeof msg - (size_t)m, " replaced by U+FFFD");
        r->warn(r->ud, offset, msg);
        r->listed++;
    } else if (r->unlisted++ == 0) {
        r->first_unlisted = offset;
    }
}

static void invalid_done(invalid_report *r)
{
    if (!r->unlisted) return;
    char msg[128];
    snprintf(msg, sizeof msg, "%zu more invalid UTF-8 sequences replaced by U+FFFD (not listed)",
             r->unlisted);
    r->warn(r->ud, r->first_unlisted, msg);
}

/* Write the repaired copy of s into dst (sized by scan_text), warning for
 * each invalid subpart at base + its offset (the first MAX_LISTED_INVALID,
 * then one summary). */
static void write_repaired(const unsigned char *s, size_t len, uint64_t base, char *dst,
                           lede_warn_fn warn, void *ud)
{
    invalid_report report = {warn, ud, 0, 0, 0};
    size_t i = 0, o = 0;
    while (i < len) {
        size_t a = skip_ascii(s, i, len);
        memcpy(dst + o, s + i, a - i);
        o += a - i;
        i = a;
        if (i >= len) break;
        int32_t cp;
        size_t k = utf8_next(s + i, len - i, &cp);
        if (cp >= 0) {
            memcpy(dst + o, s + i, k);
            o += k;
        } else {
            memcpy(dst + o, REPLACEMENT, sizeof REPLACEMENT);
            o += sizeof REPLACEMENT;
            invalid_note(&report, s + i, k, base + i);
        }
        i += k;
    }
    dst[o] = '\0';
    invalid_done(&report);
}

/* U+FFFD for invalid UTF-8, allocating only when there is some (see load.h). */
int lede_utf8_repair(const char *raw, size_t len, uint64_t base, char **out, size_t *out_len,
                     lede_warn_fn warn, void *ud, lede_error *err)
{
    *out = NULL;
    *out_len = len;
    text_scan sc;
    scan_text((const unsigned char *)raw, len, 0, &sc);
    if (!sc.ninvalid) return LEDE_OK;
    char *dst = malloc(sc.repaired_len + 1);
    if (!dst) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    write_repaired((const unsigned char *)raw, len, base, dst, warn, ud);
    *out = dst;
    *out_len = sc.repaired_len;
    return LEDE_OK;
}

/* ------------------------------------------------------- offset map */

void lede_offset_map_free(lede_offset_map *map)
{
    if (!map) return;
    free(map->v);
    memset(map, 0, sizeof *map);
}

/* The source offset of stored offset off: the last anchor at or before off
 * carries the shift (binary search; anchors are in stored order). */
size_t lede_offset_map_source(const lede_offset_anchor *v, size_t n, size_t off)
{
    size_t lo = 0, hi = n; /* first anchor with stored > off */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].stored <= off) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return off;
    return (size_t)v[lo - 1].source + (off - v[lo - 1].stored);
}

/* Record that stored offset `stored` corresponds to source offset `source`,
 * if that changes the shift in force (map may be NULL). */
static int map_note(lede_offset_map *map, size_t stored, size_t source)
{
    if (!map) return LEDE_OK;
    const lede_offset_anchor *last = map->n ? &map->v[map->n - 1] : NULL;
    size_t expected = lede_offset_map_source(map->v, map->n, stored);
    if (expected == source) return LEDE_OK;
    if (last && last->stored == stored) { /* a later repair at the same place wins */
        map->v[map->n - 1].source = (uint32_t)source;
        return LEDE_OK;
    }
    return lede_offset_map_push(map, stored, source);
}

/* Append an anchor, growing the array by doubling (text.h). */
int lede_offset_map_push(lede_offset_map *map, size_t stored, size_t source)
{
    if (map->n == map->cap) {
        size_t cap = map->cap ? map->cap * 2 : 8;
        lede_offset_anchor *v = realloc(map->v, cap * sizeof *v);
        if (!v) return LEDE_ERR_NOMEM;
        map->v = v;
        map->cap = cap;
    }
    map->v[map->n++] = (lede_offset_anchor){(uint32_t)stored, (uint32_t)source};
    return LEDE_OK;
}

/* ------------------------------------------------- the general pass */

/* A growable output buffer (NFC can lengthen a stretch: U+0958 → U+0915 U+093C). */
typedef struct outbuf {
    char *p;
    size_t n, cap;
} outbuf;

static int out_append(outbuf *o, const void *bytes, size_t k)
{
    if (o->n + k + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 64;
        while (cap < o->n + k + 1) cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p) return LEDE_ERR_NOMEM;
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, bytes, k);
    o->n += k;
    return LEDE_OK;
}

/* Repair s[0, n) (source offsets start at `base`, after a dropped BOM) into
 * o: each invalid subpart becomes U+FFFD, and NFC is applied only to the
 * stretches it can change. A stretch runs from the starter before a
 * code point that is not NFC-inert (it may compose with that starter)
 * through the following code points up to the next inert one: NFC of the
 * whole text is the concatenation of NFC of such stretches, because no
 * composition or reordering crosses an inert code point. An anchor is
 * noted after each U+FFFD and each rewritten stretch that changed length. */
static int repair_general(const unsigned char *s, size_t n, size_t base, const char *name,
                          outbuf *o, lede_offset_map *map, lede_warn_fn warn, void *ud,
                          lede_error *err)
{
    invalid_report report = {warn, ud, 0, 0, 0};
    size_t i = 0;
    size_t starter = SIZE_MAX, starter_out = 0; /* last valid code point, where it went */
    int nfc_noted = 0;
    while (i < n) {
        size_t a = skip_ascii(s, i, n);
        if (a > i) {
            if (out_append(o, s + i, a - i)) goto nomem;
            starter = a - 1;
            starter_out = o->n - 1;
            i = a;
            continue;
        }
        int32_t cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (cp < 0) {
            if (out_append(o, REPLACEMENT, sizeof REPLACEMENT)) goto nomem;
            invalid_note(&report, s + i, k, base + i);
            i += k;
            if (map_note(map, o->n, base + i)) goto nomem;
            starter = SIZE_MAX; /* U+FFFD composes with nothing */
            continue;
        }
        if (lede_nfc_inert(cp)) {
            starter = i;
            starter_out = o->n;
            if (out_append(o, s + i, k)) goto nomem;
            i += k;
            continue;
        }
        /* A stretch NFC may change: from the starter before, to the next inert code point. */
        size_t from = starter != SIZE_MAX ? starter : i;
        size_t from_out = starter != SIZE_MAX ? starter_out : o->n;
        size_t j = i + k;
        while (j < n && s[j] >= 0x80) {
            int32_t c2;
            size_t k2 = utf8_next(s + j, n - j, &c2);
            if (c2 < 0 || lede_nfc_inert(c2)) break;
            j += k2;
        }
        utf8proc_uint8_t *res = NULL;
        utf8proc_ssize_t rn = utf8proc_map(s + from, (utf8proc_ssize_t)(j - from), &res,
                                           UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (rn < 0) {
            if (rn == UTF8PROC_ERROR_NOMEM) goto nomem;
            return lede_fail(err, LEDE_ERR_FORMAT, "%s: byte %zu: Unicode normalization failed: %s",
                             name, base + from, utf8proc_errmsg(rn));
        }
        int changed = (size_t)rn != j - from || memcmp(res, s + from, (size_t)rn) != 0;
        o->n = from_out;
        int rc = out_append(o, res, (size_t)rn);
        free(res);
        if (rc) goto nomem;
        if (changed && warn && !nfc_noted) {
            warn(ud, base + from,
                 "text normalized to Unicode NFC from here on; stored offsets map back to the "
                 "input's with lede_doc_source_offset");
            nfc_noted = 1;
        }
        if (map_note(map, o->n, base + j)) goto nomem;
        starter = SIZE_MAX; /* the stretch ends before an inert code point or an invalid byte */
        i = j;
    }
    invalid_done(&report);
    return LEDE_OK;
nomem:
    return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
}

/* Raw bytes to stored text: refusal, BOM, UTF-8 repair, NFC (see text.h). */
int lede_text_repair_mapped(const char *raw, size_t len, const char *name, char **out,
                            size_t *out_len, lede_offset_map *map, lede_warn_fn warn, void *ud,
                            lede_error *err)
{
    *out = NULL;
    *out_len = 0;
    if (!name) name = "<text>";
    /* Token and sentence offsets are 32-bit. */
    if (len > UINT32_MAX)
        return lede_fail(err, LEDE_ERR_LIMIT, "%s: %zu bytes; a document can hold at most %lu",
                         name, len, (unsigned long)UINT32_MAX);

    uint64_t at;
    size_t bad, examined;
    lede_refusal why = lede_text_refusal(raw, len, &at, &bad, &examined);
    if (why) {
        char reason[256];
        lede_refusal_describe(why, at, bad, examined, 0, reason, sizeof reason);
        return lede_fail(err, LEDE_ERR_FORMAT, "%s: %s", name, reason);
    }

    size_t start = 0;
    if (len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
        start = 3;
        if (warn) warn(ud, 0, "UTF-8 byte order mark dropped");
        if (map_note(map, 0, 3)) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    const unsigned char *s = (const unsigned char *)raw + start;
    size_t n = len - start;

    text_scan sc;
    scan_text(s, n, 1, &sc);
    if (!sc.ninvalid && sc.first_active >= n) { /* the common case: a plain copy */
        char *text = malloc(n + 1);
        if (!text) return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
        memcpy(text, s, n);
        text[n] = '\0';
        *out = text;
        *out_len = n;
        return LEDE_OK;
    }
    outbuf o = {0};
    int rc = repair_general(s, n, start, name, &o, map, warn, ud, err);
    if (rc == LEDE_OK && o.n > UINT32_MAX)
        rc = lede_fail(err, LEDE_ERR_LIMIT,
                       "%s: %zu bytes once repaired and normalized; a document can hold at most %lu",
                       name, o.n, (unsigned long)UINT32_MAX);
    if (rc == LEDE_OK && !o.p && out_append(&o, "", 0))
        rc = lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    if (rc) {
        free(o.p);
        lede_offset_map_free(map);
        return rc;
    }
    o.p[o.n] = '\0';
    *out = o.p;
    *out_len = o.n;
    return LEDE_OK;
}

int lede_text_repair(const char *raw, size_t len, const char *name, char **out, size_t *out_len,
                     lede_warn_fn warn, void *ud, lede_error *err)
{
    return lede_text_repair_mapped(raw, len, name, out, out_len, NULL, warn, ud, err);
}
