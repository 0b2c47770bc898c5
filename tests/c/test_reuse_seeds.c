/* test_reuse_seeds.c — passage alignment on real text: the seeds, tokenized
 * by the reference recipe of issue 3 (so it runs before the tokenizer
 * lands). Expectations come from reading the files: 000 and 004 share the
 * spokesperson's quote and little else; 003 rewrites 002 and spells
 * "recognise" where 002 quotes "recognize", and turns "(looks" into "I look". */
#include "lede_reuse.h"
#include "test_reuse.h"

typedef struct text {
    char *s;
    size_t len;
    uint64_t *hash;
    uint32_t *span; /* byte start and end of term i at [2i], [2i+1] */
    size_t n;
} text;

static void load(const char *path, text *t)
{
    t->s = read_file(path, &t->len);
    t->n = ref_tokenize_spans(t->s, t->len, &t->hash, &t->span);
}

static void unload(text *t)
{
    free(t->s);
    free(t->hash);
    free(t->span);
}

/* Byte offsets of a term span (pos NULL, so token positions are terms). */
static uint32_t byte_start(const text *t, const lede_span *s) { return t->span[2 * s->tok_start]; }
static uint32_t byte_end(const text *t, const lede_span *s) { return t->span[2 * (s->tok_end - 1) + 1]; }

static uint32_t offset_of(const text *t, const char *needle)
{
    const char *p = strstr(t->s, needle);
    CHECK(p != NULL);
    return p ? (uint32_t)(p - t->s) : 0;
}

static void test_shared_quote(void)
{
    text a, b;
    load("seeds/000_1a22be602abbdbb3.txt", &a);
    load("seeds/004_1f2dff42aad0a96b.txt", &b);
    lede_terms ta = {a.hash, NULL, a.n, NULL}, tb = {b.hash, NULL, b.n, NULL};
    lede_alignment al;
    lede_error err = {0};
    CHECK_EQ(lede_align(&ta, &tb, NULL, &al, &err), LEDE_OK);
    /* "But that is not a statement regarding the meetings; it’s a statement
     * about logistical issues in his schedule" (000) against "That is not …
     * meetings. It’s … schedule" (004): 17 terms, the same once punctuation
     * and case are set aside. */
    const char *from_a = "that is not a statement regarding", *from_b = "That is not a statement regarding";
    uint32_t qa = offset_of(&a, from_a), qb = offset_of(&b, from_b);
    uint32_t ea = offset_of(&a, "in his schedule") + 15, eb = offset_of(&b, "in his schedule") + 15;
    int found = 0;
    for (size_t k = 0; k < al.npassages; k++) {
        const lede_passage *p = &al.passages[k];
        if (byte_start(&a, &p->a) == qa) {
            found++;
            CHECK_EQ(byte_start(&b, &p->b), qb);
            CHECK_EQ(byte_end(&a, &p->a), ea);
            CHECK_EQ(byte_end(&b, &p->b), eb);
            CHECK_EQ(p->nequal, 17);
            CHECK(p->score == 1.0);
        } else {
            /* and little else: nothing else near a copy */
            CHECK(p->score < 0.5);
            CHECK(p->nequal < 17);
        }
    }
    CHECK_EQ(found, 1);
    lede_alignment_free(&al);
    unload(&a);
    unload(&b);
}

/* Is there an edit of the given kind whose A side is exactly the first
 * len_a bytes of the first occurrence of ctx_a, and whose B side is the
 * first len_b bytes of ctx_b? */
static int has_edit(const lede_alignment *al, const text *a, const text *b, int kind, const char *ctx_a,
                    size_t len_a, const char *ctx_b, size_t len_b)
{
    uint32_t sa = offset_of(a, ctx_a), sb = offset_of(b, ctx_b);
    for (size_t k = 0; k < al->nedits; k++) {
        const lede_edit *e = &al->edits[k];
        if (e->kind != kind || e->a.end == e->a.start || e->b.end == e->b.start) continue;
        if (byte_start(a, &e->a) == sa && byte_end(a, &e->a) == sa + len_a &&
            byte_start(b, &e->b) == sb && byte_end(b, &e->b) == sb + len_b)
            return 1;
    }
    return 0;
}

static void test_rewrite(void)
{
    text a, b;
    load("seeds/002_93b5036ae66e0d32.txt", &a);
    load("seeds/003_eb122c8a95e99d45.txt", &b);
    lede_terms ta = {a.hash, NULL, a.n, NULL}, tb = {b.hash, NULL, b.n, NULL};
    lede_alignment al;
    lede_error err = {0};
    CHECK_EQ(lede_align(&ta, &tb, NULL, &al, &err), LEDE_OK);
    /* “Ukraine will not legally recognize the occupation of Crimea” (002)
     * against “… recognise …” (003): one substituted term inside a passage. */
    CHECK(has_edit(&al, &a, &b, LEDE_EDIT_SUBSTITUTE, "recognize the occupation", 9, "recognise the occupation", 9));
    /* he “(looks forward … (002) against I look forward … (003): two terms. */
    CHECK(has_edit(&al, &a, &b, LEDE_EDIT_SUBSTITUTE, "he “(looks", strlen("he “(looks"), "I look", 6));
    /* The passages are in text order and cover much of both articles (a
     * rewrite "with the same order of facts"): passages increase in A, and
     * together they hold more than a third of each. */
    size_t in_a = 0, in_b = 0;
    for (size_t k = 0; k < al.npassages; k++) {
        if (k) CHECK(al.passages[k].a.start >= al.passages[k - 1].a.end);
        in_a += al.passages[k].a.end - al.passages[k].a.start;
        in_b += al.passages[k].b.end - al.passages[k].b.start;
    }
    CHECK(in_a * 3 > a.n);
    CHECK(in_b * 3 > b.n);
    lede_alignment_free(&al);
    unload(&a);
    unload(&b);
}

int main(void)
{
    test_shared_quote();
    test_rewrite();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
