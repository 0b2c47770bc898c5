/* fuzz_reuse.c — libFuzzer target for the set primitives of source
 * comparison (core/shingle.c, core/minhash.c): shingles, distinct shingle
 * sets and their overlap, document frequencies, MinHash signatures and LSH
 * candidate pairs.
 *
 * Input: byte 0 the shingle length n (0..69, so invalid lengths are tried
 * too), byte 1 bands and rows (low and high nibble, 1..16), byte 2 the LSH
 * bucket cap (0: none); then documents separated by 0xFF, each byte a term
 * drawn from a 16-value alphabet, so repeats and shared shingles are common.
 *
 * Checks: shingles are the n-grams in order with their hashes; sets are
 * strictly ascending and equal whether made from terms or from shingles;
 * overlaps are symmetric and within bounds, a set overlaps itself fully;
 * df counts the sets holding each hash; signatures are deterministic and
 * all UINT32_MAX for an empty set; without a bucket cap LSH pairs exactly
 * the documents whose signatures agree on a whole band, with that many
 * bands, and with a cap it pairs a subset of those. */
#include "fuzz_check.h"

#define MAX_DOCS 16

/* Term hash of an input byte: 16 distinct values. */
static uint64_t term_of(uint8_t b) { return lede_hash(&(uint8_t){(uint8_t)(b & 15)}, 1); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3) return 0;
    unsigned n = data[0] % 70;
    lede_minhash_params p;
    lede_minhash_params_default(&p);
    p.bands = (data[1] & 15) + 1u;
    p.rows = (data[1] >> 4) + 1u;
    size_t max_bucket = data[2];
    data += 3;
    size -= 3;

    uint64_t *hashes = fuzz_xmalloc(size * sizeof *hashes);
    lede_terms docs[MAX_DOCS];
    size_t ndocs = 0, start = 0;
    for (size_t i = 0; i <= size && ndocs < MAX_DOCS; i++) {
        if (i == size || data[i] == 0xFF) {
            docs[ndocs++] = (lede_terms){.hash = hashes + start, .n = i - start};
            start = i + 1;
        } else {
            hashes[i] = term_of(data[i]);
        }
    }

    lede_error err = {0};
    lede_shingle_set sets[MAX_DOCS] = {{0}};
    int valid_n = n >= 1 && n <= LEDE_NGRAM_MAX;
    for (size_t d = 0; d < ndocs; d++) {
        lede_shingles sh = {0};
        int rc = lede_shingles_make(&docs[d], n, &sh, &err);
        if (!valid_n) {
            fuzz_check_error(rc, &err, "lede_shingles_make with a bad n");
            FUZZ_CHECK(rc == LEDE_ERR_ARG, "bad n gave %s", lede_status_name(rc));
            rc = lede_shingle_set_make(&docs[d], n, &sets[d], &err);
            fuzz_check_error(rc, &err, "lede_shingle_set_make with a bad n");
            continue;
        }
        FUZZ_CHECK(rc == LEDE_OK, "lede_shingles_make failed: %s", err.message);
        size_t want = docs[d].n >= n ? docs[d].n - n + 1 : 0;
        FUZZ_CHECK(sh.n == want && sh.ngram == n, "%zu terms, n=%u: %zu shingles", docs[d].n, n, sh.n);
        for (size_t i = 0; i < sh.n; i++)
            FUZZ_CHECK(sh.v[i].first == i && sh.v[i].pos == i && sh.v[i].hash == lede_ngram_hash(docs[d].hash + i, n),
                       "shingle %zu wrong", i);
        rc = lede_shingle_set_make(&docs[d], n, &sets[d], &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_shingle_set_make failed: %s", err.message);
        for (size_t i = 1; i < sets[d].n; i++) FUZZ_CHECK(sets[d].v[i - 1] < sets[d].v[i], "set not strictly ascending");
        FUZZ_CHECK(sets[d].n <= sh.n && (sh.n == 0) == (sets[d].n == 0), "set of %zu from %zu shingles", sets[d].n,
                   sh.n);
        lede_shingle_set from = {0};
        rc = lede_shingle_set_from(&sh, &from, &err);
        FUZZ_CHECK(rc == LEDE_OK && from.n == sets[d].n &&
                       (from.n == 0 || memcmp(from.v, sets[d].v, from.n * sizeof *from.v) == 0),
                   "set from shingles differs from set from terms");
        lede_shingle_set_free(&from);
        lede_shingles_free(&sh);
    }
    if (!valid_n) goto done;

    for (size_t x = 0; x < ndocs; x++)
        for (size_t y = 0; y < ndocs; y++) {
            lede_overlap o, r;
            lede_shingle_set_overlap(&sets[x], &sets[y], &o);
            lede_shingle_set_overlap(&sets[y], &sets[x], &r);
            FUZZ_CHECK(o.na == sets[x].n && o.nb == sets[y].n && o.shared <= o.na && o.shared <= o.nb, "overlap counts");
            FUZZ_CHECK(o.jaccard >= 0 && o.jaccard <= 1 && o.a_in_b >= 0 && o.a_in_b <= 1 && o.b_in_a >= 0 &&
                           o.b_in_a <= 1,
                       "overlap ratio outside [0, 1]");
            FUZZ_CHECK(o.shared == r.shared && o.jaccard == r.jaccard && o.a_in_b == r.b_in_a, "overlap not symmetric");
            if (x == y && sets[x].n) FUZZ_CHECK(o.shared == o.na && o.jaccard == 1, "a set does not overlap itself");
        }

    lede_df_table df = {0};
    int rc = lede_df_table_build(sets, ndocs, &df, &err);
    FUZZ_CHECK(rc == LEDE_OK && df.ndocs == ndocs, "lede_df_table_build failed: %s", err.message);
    for (size_t i = 1; i < df.n; i++) FUZZ_CHECK(df.hash[i - 1] < df.hash[i], "df table not strictly ascending");
    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; i < sets[d].n; i++) {
            uint32_t want = 0;
            for (size_t e = 0; e < ndocs; e++)
                for (size_t k = 0; k < sets[e].n; k++) want += sets[e].v[k] == sets[d].v[i];
            FUZZ_CHECK(lede_df_table_lookup(&df, sets[d].v[i]) == want, "df of a hash is not the sets holding it");
        }
    lede_df_table_free(&df);

    size_t k = (size_t)p.bands * p.rows;
    uint32_t *sig = fuzz_xmalloc(ndocs * k * sizeof *sig);
    uint32_t *again = fuzz_xmalloc(k * sizeof *again);
    lede_lsh *lsh = NULL;
    rc = lede_lsh_new(&p, &lsh, &err);
    FUZZ_CHECK(rc == LEDE_OK, "lede_lsh_new failed: %s", err.message);
    for (size_t d = 0; d < ndocs; d++) {
        uint32_t *s = sig + d * k;
        rc = lede_minhash(&p, sets[d].v, sets[d].n, s, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_minhash failed: %s", err.message);
        rc = lede_minhash(&p, sets[d].v, sets[d].n, again, &err);
        FUZZ_CHECK(rc == LEDE_OK && memcmp(s, again, k * sizeof *s) == 0, "signature not deterministic");
        for (size_t i = 0; i < k; i++)
            FUZZ_CHECK(sets[d].n || s[i] == UINT32_MAX, "empty set has a value below UINT32_MAX");
        FUZZ_CHECK(lede_minhash_estimate(s, s, k) == 1.0, "a signature does not match itself");
        rc = lede_lsh_add(lsh, s, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_lsh_add failed: %s", err.message);
    }
    FUZZ_CHECK(lede_lsh_count(lsh) == ndocs, "lsh holds %zu of %zu", lede_lsh_count(lsh), ndocs);
    for (int cap = 0; cap < 2; cap++) {
        lede_candidates c = {0};
        rc = lede_lsh_candidates(lsh, cap ? max_bucket : 0, &c, &err);
        FUZZ_CHECK(rc == LEDE_OK, "lede_lsh_candidates failed: %s", err.message);
        size_t expected = 0;
        for (size_t a = 0; a < ndocs; a++)
            for (size_t b = a + 1; b < ndocs; b++) {
                unsigned shared = 0;
                if (sets[a].n && sets[b].n)
                    for (unsigned band = 0; band < p.bands; band++)
                        shared += memcmp(sig + a * k + band * p.rows, sig + b * k + band * p.rows,
                                         p.rows * sizeof *sig) == 0;
                size_t i = 0;
                while (i < c.n && !(c.v[i].a == a && c.v[i].b == b)) i++;
                if (cap) {
                    FUZZ_CHECK(i == c.n || (shared && c.v[i].bands <= shared),
                               "capped LSH paired %zu and %zu in %u bands; they share %u", a, b,
                               i < c.n ? c.v[i].bands : 0, shared);
                } else {
                    FUZZ_CHECK(shared ? i < c.n && c.v[i].bands == shared : i == c.n,
                               "LSH pairs %zu and %zu in %u bands; they share %u", a, b, i < c.n ? c.v[i].bands : 0,
                               shared);
                    expected += shared > 0;
                }
            }
        for (size_t i = 0; i < c.n; i++) {
            FUZZ_CHECK(c.v[i].a < c.v[i].b && c.v[i].b < ndocs, "candidate (%u, %u)", c.v[i].a, c.v[i].b);
            if (i) FUZZ_CHECK(c.v[i - 1].a < c.v[i].a || (c.v[i - 1].a == c.v[i].a && c.v[i - 1].b < c.v[i].b),
                              "candidates not sorted or repeated");
        }
        if (!cap) FUZZ_CHECK(c.n == expected, "%zu candidates, %zu expected", c.n, expected);
        lede_candidates_free(&c);
    }
    lede_lsh_free(lsh);
    free(again);
    free(sig);
done:
    for (size_t d = 0; d < ndocs; d++) lede_shingle_set_free(&sets[d]);
    free(hashes);
    return 0;
}
