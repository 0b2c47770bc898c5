/* test_reuse_align.c — passage alignment on synthetic term sequences, with
 * exact passages, spans and edit scripts: verbatim copy, inserted and
 * deleted sentences, swapped paragraphs, substituted numbers, rewording,
 * repeated phrases, rare-anchor selection and argument errors. Terms are
 * plain numbers: "paragraph P of 30 terms" is P+0 … P+29. */
#include "lede_reuse.h"
#include "test_reuse.h"

typedef struct seq {
    uint64_t v[1024];
    size_t n;
} seq;

/* Append the run base, base+1, …, base+len-1. */
static void run(seq *s, uint64_t base, size_t len)
{
    for (size_t i = 0; i < len; i++) s->v[s->n++] = base + i;
}

static lede_terms terms_of(const seq *s) { return (lede_terms){s->v, NULL, s->n, NULL}; }

/* Check one edit run: kind and term spans in A and B. */
#define CHECK_EDIT(al, k, kind_, as, ae, bs, be)                    \
    do {                                                            \
        const lede_edit *e_ = &(al).edits[k];                       \
        CHECK_EQ(e_->kind, kind_);                                  \
        CHECK_EQ(e_->a.start, as);                                  \
        CHECK_EQ(e_->a.end, ae);                                    \
        CHECK_EQ(e_->b.start, bs);                                  \
        CHECK_EQ(e_->b.end, be);                                    \
    } while (0)

#define CHECK_PASSAGE(al, k, as, ae, bs, be)                        \
    do {                                                            \
        const lede_passage *p_ = &(al).passages[k];                 \
        CHECK_EQ(p_->a.start, as);                                  \
        CHECK_EQ(p_->a.end, ae);                                    \
        CHECK_EQ(p_->b.start, bs);                                  \
        CHECK_EQ(p_->b.end, be);                                    \
    } while (0)

static lede_alignment align(const seq *a, const seq *b, const lede_align_options *o)
{
    lede_terms ta = terms_of(a), tb = terms_of(b);
    lede_alignment al;
    lede_error err = {0};
    int rc = lede_align(&ta, &tb, o, &al, &err);
    CHECK_EQ(rc, LEDE_OK);
    if (rc) fprintf(stderr, "%s\n", err.message);
    return al;
}

static void test_defaults(void)
{
    lede_align_options o;
    lede_align_options_default(&o);
    CHECK_EQ(o.anchor_n, 3);
    CHECK_EQ(o.max_gap, 40);
    CHECK_EQ(o.min_passage, 8);
    CHECK_EQ(o.max_repeat, 1);
    CHECK(o.df == NULL);
    CHECK(strcmp(lede_edit_kind_name(LEDE_EDIT_SUBSTITUTE), "substitute") == 0);
    CHECK(strcmp(lede_edit_kind_name(LEDE_EDIT_INSERT), "insert") == 0);
}

/* B quotes all of A verbatim between material of its own; B's terms sit at
 * every other token (punctuation between), so token spans double. */
static void test_verbatim(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 100);
    run(&b, 5000, 20);
    run(&b, 1000, 100);
    run(&b, 6000, 20);
    uint32_t pos[140];
    for (uint32_t i = 0; i < 140; i++) pos[i] = 2 * i;
    lede_terms ta = terms_of(&a), tb = {b.v, pos, b.n, NULL};
    lede_alignment al;
    lede_error err = {0};
    CHECK_EQ(lede_align(&ta, &tb, NULL, &al, &err), LEDE_OK);
    CHECK_EQ(al.npassages, 1);
    if (al.npassages == 1) {
        CHECK_PASSAGE(al, 0, 0, 100, 20, 120);
        const lede_passage *p = &al.passages[0];
        CHECK_EQ(p->b.tok_start, 40);
        CHECK_EQ(p->b.tok_end, 239); /* last term at token 238 */
        CHECK_EQ(p->a.tok_end, 100);
        CHECK_EQ(p->nequal, 100);
        CHECK_EQ(p->nsubstitute + p->ninsert + p->ndelete, 0);
        CHECK(p->score == 1.0);
        CHECK_EQ(p->nedits, 1);
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 100, 20, 120);
        CHECK_EQ(p->a.byte_end, 0); /* bytes only from lede_align_docs */
    }
    lede_alignment_free(&al);
    CHECK(al.passages == NULL && al.npassages == 0);
}

/* A sentence of 20 terms inserted between two of 30: one passage with an
 * insert run; deleting it (B → A) gives the mirror delete run. */
static void test_inserted_deleted(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 30);
    run(&a, 2000, 30);
    run(&b, 1000, 30);
    run(&b, 9000, 20);
    run(&b, 2000, 30);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    if (al.npassages == 1) {
        CHECK_PASSAGE(al, 0, 0, 60, 0, 80);
        CHECK_EQ(al.passages[0].nequal, 60);
        CHECK_EQ(al.passages[0].ninsert, 20);
        CHECK(al.passages[0].score == 120.0 / 140.0);
        CHECK_EQ(al.nedits, 3);
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 30, 0, 30);
        CHECK_EDIT(al, 1, LEDE_EDIT_INSERT, 30, 30, 30, 50);
        CHECK_EDIT(al, 2, LEDE_EDIT_EQUAL, 30, 60, 50, 80);
        CHECK_EQ(al.edits[1].a.tok_start, 30); /* the point after term 29 */
        CHECK_EQ(al.edits[1].a.tok_end, 30);
    }
    lede_alignment_free(&al);

    al = align(&b, &a, NULL);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 3);
    if (al.nedits == 3) {
        CHECK_EDIT(al, 1, LEDE_EDIT_DELETE, 30, 50, 30, 30);
        CHECK_EQ(al.passages[0].ndelete, 20);
    }
    lede_alignment_free(&al);
}

/* A sentence dropped and another written in its place: a delete run and an
 * insert run, not fifteen substitutions pairing unrelated words. */
static void test_replaced_sentence(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 30);
    run(&a, 3000, 20);
    run(&a, 2000, 30);
    run(&b, 1000, 30);
    run(&b, 9000, 15);
    run(&b, 2000, 30);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 4);
    if (al.nedits == 4) {
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 30, 0, 30);
        CHECK_EDIT(al, 1, LEDE_EDIT_DELETE, 30, 50, 30, 30);
        CHECK_EDIT(al, 2, LEDE_EDIT_INSERT, 50, 50, 30, 45);
        CHECK_EDIT(al, 3, LEDE_EDIT_EQUAL, 50, 80, 45, 75);
        CHECK_EQ(al.passages[0].nsubstitute, 0);
    }
    lede_alignment_free(&al);
    /* Seven terms replaced by seven: a rewording, kept as substitutions. */
    a.n = b.n = 0;
    run(&a, 1000, 30);
    run(&a, 3000, 7);
    run(&a, 2000, 30);
    run(&b, 1000, 30);
    run(&b, 9000, 7);
    run(&b, 2000, 30);
    al = align(&a, &b, NULL);
    CHECK_EQ(al.nedits, 3);
    if (al.nedits == 3) CHECK_EDIT(al, 1, LEDE_EDIT_SUBSTITUTE, 30, 37, 30, 37);
    lede_alignment_free(&al);
}

/* Paragraphs that change places: each is its own passage. */
static void test_swapped(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 40);
    run(&a, 2000, 40);
    run(&b, 2000, 40);
    run(&b, 1000, 40);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 2);
    if (al.npassages == 2) {
        CHECK_PASSAGE(al, 0, 0, 40, 40, 80);
        CHECK_PASSAGE(al, 1, 40, 80, 0, 40);
        CHECK_EQ(al.nedits, 2);
        CHECK_EQ(al.passages[1].first_edit, 1);
        CHECK_EDIT(al, 1, LEDE_EDIT_EQUAL, 40, 80, 0, 40);
    }
    lede_alignment_free(&al);

    /* P1 P2 P3 → P1 P3 P2 with paragraphs shorter than max_gap: a chain
     * could bridge P1 → P2 over P3, but P3 is aligned elsewhere, so the
     * chain is cut there: three passages. */
    seq c = {0}, d = {0};
    run(&c, 1000, 30);
    run(&c, 2000, 30);
    run(&c, 3000, 30);
    run(&d, 1000, 30);
    run(&d, 3000, 30);
    run(&d, 2000, 30);
    al = align(&c, &d, NULL);
    CHECK_EQ(al.npassages, 3);
    if (al.npassages == 3) {
        CHECK_PASSAGE(al, 0, 0, 30, 0, 30);
        CHECK_PASSAGE(al, 1, 30, 60, 60, 90);
        CHECK_PASSAGE(al, 2, 60, 90, 30, 60);
        for (size_t k = 0; k < 3; k++) CHECK(al.passages[k].score == 1.0);
    }
    lede_alignment_free(&al);
}

/* Two adjacent sentences of six change places: the two before and the two
 * after stay one passage each, the moved ones are passages of their own,
 * and no term is lost to an edge extension reaching into a moved one. */
static void test_swapped_sentences(void)
{
    seq a = {0}, b = {0};
    static const int order[6] = {0, 1, 3, 2, 4, 5};
    for (int s = 0; s < 6; s++) run(&a, 1000 * (s + 1), 25);
    for (int s = 0; s < 6; s++) run(&b, 1000 * (order[s] + 1), 25);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 4);
    if (al.npassages == 4) {
        CHECK_PASSAGE(al, 0, 0, 50, 0, 50);
        CHECK_PASSAGE(al, 1, 50, 75, 75, 100);
        CHECK_PASSAGE(al, 2, 75, 100, 50, 75);
        CHECK_PASSAGE(al, 3, 100, 150, 100, 150);
        CHECK_EQ(al.nedits, 4);
    }
    lede_alignment_free(&al);
}

/* S0 S3 S4 S5 → S0 S4 S3 S5 where S4 and S5 open with the same two words
 * (7 8, as "The company" might): the exact match of S3 runs on over those
 * two words, which A has at the start of S4 and B at the start of S5. The
 * longer passage keeps them; S4 is trimmed by two terms, not lost, and S5
 * starts after them. */
static void test_swapped_common_start(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 30);
    run(&a, 3000, 30);
    run(&a, 7, 2);
    run(&a, 4002, 13);
    run(&a, 7, 2);
    run(&a, 5002, 28);
    run(&b, 1000, 30);
    run(&b, 7, 2);
    run(&b, 4002, 13);
    run(&b, 3000, 30);
    run(&b, 7, 2);
    run(&b, 5002, 28);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 4);
    if (al.npassages == 4) {
        CHECK_PASSAGE(al, 0, 0, 30, 0, 30);
        CHECK_PASSAGE(al, 1, 30, 62, 45, 77);
        CHECK_PASSAGE(al, 2, 62, 75, 32, 45);
        CHECK_PASSAGE(al, 3, 77, 105, 77, 105);
    }
    lede_alignment_free(&al);
}

/* Two numbers changed: substitute runs at exactly their positions, also
 * next to the passage's first term (reached by edge extension). */
static void test_substituted(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 60);
    b = a;
    b.v[10] = 77777;
    b.v[35] = 88888;
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 5);
    if (al.npassages == 1 && al.nedits == 5) {
        CHECK_PASSAGE(al, 0, 0, 60, 0, 60);
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 10, 0, 10);
        CHECK_EDIT(al, 1, LEDE_EDIT_SUBSTITUTE, 10, 11, 10, 11);
        CHECK_EDIT(al, 2, LEDE_EDIT_EQUAL, 11, 35, 11, 35);
        CHECK_EDIT(al, 3, LEDE_EDIT_SUBSTITUTE, 35, 36, 35, 36);
        CHECK_EDIT(al, 4, LEDE_EDIT_EQUAL, 36, 60, 36, 60);
        CHECK_EQ(al.passages[0].nequal, 58);
        CHECK_EQ(al.passages[0].nsubstitute, 2);
    }
    lede_alignment_free(&al);

    b = a;
    b.v[1] = 77777;
    al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 3);
    if (al.nedits == 3) {
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 1, 0, 1);
        CHECK_EDIT(al, 1, LEDE_EDIT_SUBSTITUTE, 1, 2, 1, 2);
        CHECK_EDIT(al, 2, LEDE_EDIT_EQUAL, 2, 60, 2, 60);
    }
    lede_alignment_free(&al);
}

/* Light rewording: two words become one, one word is added. When several
 * scripts are equally good, the traceback (from the end) takes the
 * diagonal first, so a term left over goes before the substitution. */
static void test_rewording(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 50);
    run(&b, 1000, 20);
    b.v[b.n++] = 55555; /* replaces 1020 1021 */
    run(&b, 1022, 8);   /* 1022..1029 */
    b.v[b.n++] = 66666; /* added before 1030 */
    run(&b, 1030, 20);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 6);
    if (al.nedits == 6) {
        CHECK_PASSAGE(al, 0, 0, 50, 0, 50);
        CHECK_EDIT(al, 0, LEDE_EDIT_EQUAL, 0, 20, 0, 20);
        CHECK_EDIT(al, 1, LEDE_EDIT_DELETE, 20, 21, 20, 20);
        CHECK_EDIT(al, 2, LEDE_EDIT_SUBSTITUTE, 21, 22, 20, 21);
        CHECK_EDIT(al, 3, LEDE_EDIT_EQUAL, 22, 30, 21, 29);
        CHECK_EDIT(al, 4, LEDE_EDIT_INSERT, 30, 30, 29, 30);
        CHECK_EDIT(al, 5, LEDE_EDIT_EQUAL, 30, 50, 30, 50);
        CHECK_EQ(al.passages[0].nequal, 48);
    }
    lede_alignment_free(&al);
}

/* A changed number next to a deleted word: without classes the two scripts
 * (number deleted, word replaced; or word deleted, number replaced) score
 * the same and the traceback takes the first; with classes the number
 * pairs with the number that replaced it. */
static void test_classes(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 20);
    a.v[a.n++] = 500; /* a number, changed */
    a.v[a.n++] = 600; /* a word, deleted */
    run(&a, 2000, 20);
    run(&b, 1000, 20);
    b.v[b.n++] = 501;
    run(&b, 2000, 20);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.nedits, 4);
    if (al.nedits == 4) {
        CHECK_EDIT(al, 1, LEDE_EDIT_DELETE, 20, 21, 20, 20);
        CHECK_EDIT(al, 2, LEDE_EDIT_SUBSTITUTE, 21, 22, 20, 21);
    }
    lede_alignment_free(&al);
    uint8_t ca[42] = {0}, cb[41] = {0};
    ca[20] = LEDE_TERM_NUMBER;
    cb[20] = LEDE_TERM_NUMBER;
    lede_terms ta = {a.v, NULL, a.n, ca}, tb = {b.v, NULL, b.n, cb};
    lede_error err = {0};
    CHECK_EQ(lede_align(&ta, &tb, NULL, &al, &err), LEDE_OK);
    CHECK_EQ(al.nedits, 4);
    if (al.nedits == 4) {
        CHECK_EDIT(al, 1, LEDE_EDIT_SUBSTITUTE, 20, 21, 20, 21);
        CHECK_EDIT(al, 2, LEDE_EDIT_DELETE, 21, 22, 21, 21);
    }
    lede_alignment_free(&al);
}

/* Unrelated sequences give nothing; a shared run shorter than min_passage
 * gives nothing; one of exactly min_passage gives one passage. */
static void test_thresholds(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 50);
    run(&b, 5000, 50);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 0);
    CHECK_EQ(al.nedits, 0);
    lede_alignment_free(&al);

    seq c = {0}, d = {0};
    run(&c, 1000, 20);
    run(&c, 3000, 7);
    run(&c, 1100, 20);
    run(&d, 5000, 20);
    run(&d, 3000, 7);
    run(&d, 5100, 20);
    al = align(&c, &d, NULL);
    CHECK_EQ(al.npassages, 0);
    lede_alignment_free(&al);
    c.n = d.n = 0;
    run(&c, 1000, 20);
    run(&c, 3000, 8);
    run(&c, 1100, 20);
    run(&d, 5000, 20);
    run(&d, 3000, 8);
    run(&d, 5100, 20);
    al = align(&c, &d, NULL);
    CHECK_EQ(al.npassages, 1);
    if (al.npassages == 1) CHECK_PASSAGE(al, 0, 20, 28, 20, 28);
    lede_alignment_free(&al);

    lede_terms empty = {NULL, NULL, 0, NULL}, ta = terms_of(&a);
    lede_error err = {0};
    CHECK_EQ(lede_align(&empty, &ta, NULL, &al, &err), LEDE_OK);
    CHECK_EQ(al.npassages, 0);
    lede_alignment_free(&al);
}

/* A phrase A repeats is no anchor (not unique), but the exact match grown
 * from a neighbouring anchor runs through it. */
static void test_repeats(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 20);
    run(&a, 7000, 10);
    run(&a, 2000, 20);
    run(&a, 7000, 10);
    run(&b, 1000, 20);
    run(&b, 7000, 10);
    run(&b, 2000, 20);
    lede_alignment al = align(&a, &b, NULL);
    CHECK_EQ(al.npassages, 1);
    if (al.npassages == 1) {
        CHECK_PASSAGE(al, 0, 0, 50, 0, 50);
        CHECK_EQ(al.nedits, 1);
    }
    lede_alignment_free(&al);
}

/* Document frequency: every n-gram of the shared run is in 5 documents. */
static uint32_t df_five(void *ud, uint64_t hash)
{
    (void)hash;
    ++*(int *)ud;
    return 5;
}

static void test_df(void)
{
    seq a = {0}, b = {0};
    run(&a, 1000, 10);
    run(&a, 3000, 20);
    run(&b, 5000, 10);
    run(&b, 3000, 20);
    int calls = 0;
    lede_align_options o;
    lede_align_options_default(&o);
    o.df = df_five;
    o.df_ud = &calls;
    o.max_df = 4;
    lede_alignment al = align(&a, &b, &o);
    CHECK_EQ(al.npassages, 0); /* too common to anchor */
    CHECK_EQ(calls, 18);       /* the 18 shared trigrams */
    lede_alignment_free(&al);
    o.max_df = 5;
    al = align(&a, &b, &o);
    CHECK_EQ(al.npassages, 1);
    if (al.npassages == 1) CHECK_PASSAGE(al, 0, 10, 30, 10, 30);
    lede_alignment_free(&al);

    /* A table built from shingle sets serves as the df function. */
    lede_terms ta = terms_of(&a), tb = terms_of(&b);
    lede_shingle_set sets[3];
    lede_error err = {0};
    lede_shingle_set_make(&ta, 3, &sets[0], &err);
    lede_shingle_set_make(&tb, 3, &sets[1], &err);
    lede_shingle_set_make(&tb, 3, &sets[2], &err);
    lede_df_table table;
    CHECK_EQ(lede_df_table_build(sets, 3, &table, &err), LEDE_OK);
    o.df = lede_df_table_lookup;
    o.df_ud = &table;
    o.max_df = 2; /* the shared trigrams are in all 3 */
    al = align(&a, &b, &o);
    CHECK_EQ(al.npassages, 0);
    lede_alignment_free(&al);
    o.max_df = 3;
    al = align(&a, &b, &o);
    CHECK_EQ(al.npassages, 1);
    lede_alignment_free(&al);
    lede_df_table_free(&table);
    for (int i = 0; i < 3; i++) lede_shingle_set_free(&sets[i]);
}

/* The test's own reproducible random numbers (splitmix64). */
static uint64_t rnd_state = 7;
static uint64_t rnd(uint64_t bound)
{
    uint64_t z = (rnd_state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return (z ^ (z >> 31)) % bound;
}

/* A word of a news-like vocabulary: a third of the words from 20 very
 * common ones, the rest from 3000. */
static uint64_t word(void) { return rnd(3) == 0 ? 1 + rnd(20) : 100 + rnd(3000); }

/* Whatever the input, the result is well formed: passages in order and
 * disjoint in both documents, each covered exactly by its runs, equal runs
 * equal and substitute runs different term by term, counts and score as
 * documented, at least min_passage equal terms, equal runs at both ends,
 * and no two passages left that should have been merged. */
static void check_well_formed(const seq *a, const seq *b, const lede_alignment *al)
{
    for (size_t k = 0; k < al->npassages; k++) {
        const lede_passage *p = &al->passages[k];
        CHECK(p->a.start < p->a.end && p->a.end <= a->n);
        CHECK(p->b.start < p->b.end && p->b.end <= b->n);
        for (size_t q = 0; q < k; q++) {
            const lede_passage *o = &al->passages[q];
            CHECK(o->a.start <= p->a.start);
            CHECK(o->a.end <= p->a.start || p->a.end <= o->a.start);
            CHECK(o->b.end <= p->b.start || p->b.end <= o->b.start);
        }
        CHECK(p->nequal >= LEDE_ALIGN_MIN_PASSAGE);
        CHECK(p->nedits >= 1 && p->first_edit + p->nedits <= al->nedits);
        uint32_t i = p->a.start, j = p->b.start, eq = 0, sub = 0, ins = 0, del = 0;
        for (size_t e = p->first_edit; e < p->first_edit + p->nedits; e++) {
            const lede_edit *ed = &al->edits[e];
            CHECK_EQ(ed->a.start, i);
            CHECK_EQ(ed->b.start, j);
            uint32_t la = ed->a.end - ed->a.start, lb = ed->b.end - ed->b.start;
            if (e > p->first_edit) CHECK(ed->kind != al->edits[e - 1].kind);
            switch (ed->kind) {
            case LEDE_EDIT_EQUAL:
            case LEDE_EDIT_SUBSTITUTE:
                CHECK(la == lb && la > 0);
                for (uint32_t t = 0; t < la && t < lb; t++)
                    CHECK((a->v[i + t] == b->v[j + t]) == (ed->kind == LEDE_EDIT_EQUAL));
                if (ed->kind == LEDE_EDIT_EQUAL) eq += la;
                else sub += la;
                break;
            case LEDE_EDIT_INSERT: CHECK(la == 0 && lb > 0); ins += lb; break;
            case LEDE_EDIT_DELETE: CHECK(lb == 0 && la > 0); del += la; break;
            default: CHECK(0);
            }
            i += la;
            j += lb;
        }
        CHECK_EQ(i, p->a.end);
        CHECK_EQ(j, p->b.end);
        CHECK_EQ(al->edits[p->first_edit].kind, LEDE_EDIT_EQUAL);
        CHECK_EQ(al->edits[p->first_edit + p->nedits - 1].kind, LEDE_EDIT_EQUAL);
        CHECK(eq == p->nequal && sub == p->nsubstitute && ins == p->ninsert && del == p->ndelete);
        CHECK(p->score == 2.0 * eq / (double)((p->a.end - p->a.start) + (p->b.end - p->b.start)));
        /* Passages that follow each other in both documents within max_gap,
         * with none between them in B, would have been merged. */
        if (k > 0) {
            const lede_passage *o = &al->passages[k - 1];
            int mergeable = p->a.start - o->a.end <= LEDE_ALIGN_MAX_GAP && p->b.start >= o->b.end &&
                            p->b.start - o->b.end <= LEDE_ALIGN_MAX_GAP;
            for (size_t q = 0; mergeable && q < al->npassages; q++)
                if (q != k && q != k - 1 && al->passages[q].b.start < p->b.start &&
                    o->b.end < al->passages[q].b.end)
                    mergeable = 0;
            CHECK(!mergeable);
        }
    }
}

/* 300 random articles, each rewritten at random (substituted words,
 * deleted and inserted runs, a moved block): well-formed results, and a
 * light rewrite (substitutions only, 1 word in 10) keeps nine tenths of
 * its terms inside passages. */
static void test_random_rewrites(void)
{
    static seq a, b, moved;
    for (int trial = 0; trial < 300; trial++) {
        a.n = b.n = 0;
        size_t len = 30 + rnd(500);
        for (size_t i = 0; i < len; i++) a.v[a.n++] = word();
        int light = trial % 3 == 0;
        for (size_t i = 0; i < a.n && b.n < 1000;) {
            uint64_t r = rnd(100);
            if (light) {
                b.v[b.n++] = r < 10 ? word() : a.v[i];
                i++;
            } else if (r < 8) {
                b.v[b.n++] = word(); /* substitution */
                i++;
            } else if (r < 10) {
                i += 1 + rnd(30); /* deletion */
            } else if (r < 12) {
                for (size_t k = 1 + rnd(30); k-- > 0 && b.n < 1000;) b.v[b.n++] = word(); /* insertion */
            } else {
                b.v[b.n++] = a.v[i++];
            }
        }
        if (!light && b.n > 100) {
            /* move the first 40 terms of B to its end */
            moved.n = 0;
            for (size_t i = 40; i < b.n; i++) moved.v[moved.n++] = b.v[i];
            for (size_t i = 0; i < 40; i++) moved.v[moved.n++] = b.v[i];
            b = moved;
        }
        lede_alignment al = align(&a, &b, NULL);
        check_well_formed(&a, &b, &al);
        if (light) {
            size_t covered = 0;
            for (size_t k = 0; k < al.npassages; k++) covered += al.passages[k].a.end - al.passages[k].a.start;
            CHECK(covered * 10 >= a.n * 9);
        }
        lede_alignment_free(&al);
        al = align(&b, &a, NULL);
        check_well_formed(&b, &a, &al);
        lede_alignment_free(&al);
    }
}

static void test_errors(void)
{
    seq a = {0};
    run(&a, 1000, 10);
    lede_terms ta = terms_of(&a);
    lede_align_options o;
    lede_alignment al;
    lede_error err = {0};
    lede_align_options_default(&o);
    o.anchor_n = 0;
    CHECK_EQ(lede_align(&ta, &ta, &o, &al, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_align: anchor_n must be 1..64, not 0") == 0);
    CHECK(al.passages == NULL);
    lede_align_options_default(&o);
    o.max_gap = 5000;
    CHECK_EQ(lede_align(&ta, &ta, &o, &al, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_align: max_gap must be at most 1000, not 5000") == 0);
    lede_align_options_default(&o);
    o.min_passage = 0;
    CHECK_EQ(lede_align(&ta, &ta, &o, &al, &err), LEDE_ERR_ARG);
    CHECK(strcmp(err.message, "lede_align: min_passage must be at least 1") == 0);
}

int main(void)
{
    test_defaults();
    test_verbatim();
    test_inserted_deleted();
    test_replaced_sentence();
    test_swapped();
    test_swapped_sentences();
    test_swapped_common_start();
    test_substituted();
    test_rewording();
    test_classes();
    test_thresholds();
    test_repeats();
    test_df();
    test_random_rewrites();
    test_errors();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
