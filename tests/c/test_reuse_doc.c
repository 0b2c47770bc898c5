/* test_reuse_doc.c — the reuse primitives on documents (lede's tokenizer):
 * content terms and their token positions, shingle sets, and alignment
 * with byte spans in both texts. */
#include "lede_reuse.h"
#include "test_reuse.h"

static lede_doc *doc_of(const char *text)
{
    lede_doc *d = NULL;
    lede_error err = {0};
    CHECK_EQ(lede_doc_new(text, strlen(text), NULL, &d, &err), LEDE_OK);
    return d;
}

static lede_doc *doc_of_file(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    lede_doc *d = NULL;
    lede_error err = {0};
    CHECK_EQ(lede_doc_new(text, len, NULL, &d, &err), LEDE_OK);
    free(text);
    return d;
}

/* Terms are the content tokens only: no quote marks or punctuation. */
static void test_terms(void)
{
    /*                 0     1    2 3  4  5     6 7 8  9     10   11     12 13     14  15 */
    const char *text = "Rubio said: “We won’t go.” 3,270 U.S. troops, 30-day plan.";
    lede_doc *d = doc_of(text);
    lede_terms t;
    lede_error err = {0};
    CHECK_EQ(lede_terms_from_doc(d, &t, &err), LEDE_OK);
    static const uint32_t want[10] = {0, 1, 4, 5, 6, 9, 10, 11, 13, 14};
    CHECK_EQ(t.n, 10);
    for (size_t i = 0; i < t.n && i < 10; i++) {
        CHECK_EQ(t.pos[i], want[i]);
        CHECK(t.hash[i] == lede_doc_tokens(d)[want[i]].hash);
    }
    CHECK(t.hash[0] == lede_hash("rubio", 5));
    CHECK(t.hash[3] == lede_hash("won't", 5)); /* normalized apostrophe */
    CHECK(t.hash[5] == lede_hash("3,270", 5));
    /* Classes: numbers and words with digits; capitalized words that open
     * neither a sentence ("Rubio") nor a quotation ("“We") are names. */
    static const uint8_t cls[10] = {LEDE_TERM_OTHER,  LEDE_TERM_OTHER, LEDE_TERM_OTHER, LEDE_TERM_OTHER,
                                    LEDE_TERM_OTHER,  LEDE_TERM_NUMBER, LEDE_TERM_NAME, LEDE_TERM_OTHER,
                                    LEDE_TERM_NUMBER, LEDE_TERM_OTHER};
    for (size_t i = 0; i < t.n && i < 10; i++) CHECK_EQ(t.cls[i], cls[i]);
    lede_terms_free(&t);
    CHECK(t.hash == NULL && t.cls == NULL && t.n == 0);

    lede_shingle_set set;
    CHECK_EQ(lede_shingle_set_doc(d, 3, &set, &err), LEDE_OK);
    CHECK_EQ(set.n, 8);
    lede_shingle_set_free(&set);
    lede_doc_free(d);

    d = doc_of(" “…” ");
    CHECK_EQ(lede_terms_from_doc(d, &t, &err), LEDE_OK);
    CHECK_EQ(t.n, 0);
    CHECK(t.hash == NULL && t.pos == NULL);
    lede_terms_free(&t);
    lede_doc_free(d);
}

static uint32_t at(const lede_doc *d, const char *needle)
{
    const char *text = lede_doc_text(d, NULL), *p = strstr(text, needle);
    CHECK(p != NULL);
    return p ? (uint32_t)(p - text) : 0;
}

/* A changed number: the substitute run has the bytes of both numbers. */
static void test_align_bytes(void)
{
    lede_doc *a = doc_of("The army said 3,270 soldiers were deployed on Monday to the northern border "
                         "region near the capital, officials told reporters.");
    lede_doc *b = doc_of("Officials say: the army said 4,100 soldiers were deployed on Monday to the "
                         "northern border region near the capital.");
    lede_alignment al;
    lede_error err = {0};
    CHECK_EQ(lede_align_docs(a, b, NULL, &al, &err), LEDE_OK);
    CHECK_EQ(al.npassages, 1);
    CHECK_EQ(al.nedits, 3);
    if (al.npassages == 1 && al.nedits == 3) {
        const lede_passage *p = &al.passages[0];
        CHECK_EQ(p->a.start, 0);
        CHECK_EQ(p->a.end, 17);
        CHECK_EQ(p->b.start, 2);
        CHECK_EQ(p->b.end, 19);
        CHECK_EQ(p->a.byte_start, 0);
        CHECK_EQ(p->a.byte_end, at(a, ", officials"));
        CHECK_EQ(p->b.byte_start, at(b, "the army"));
        CHECK_EQ(p->b.byte_end, at(b, "."));
        CHECK_EQ(p->a.tok_end, 17); /* "capital" is token 16 (A has no punctuation before it) */
        CHECK_EQ(p->b.tok_start, 3); /* after "Officials", "say", ":" */
        CHECK_EQ(p->nequal, 16);
        CHECK_EQ(p->nsubstitute, 1);
        const lede_edit *e = &al.edits[1];
        CHECK_EQ(e->kind, LEDE_EDIT_SUBSTITUTE);
        CHECK_EQ(e->a.byte_start, at(a, "3,270"));
        CHECK_EQ(e->a.byte_end, at(a, "3,270") + 5);
        CHECK_EQ(e->b.byte_start, at(b, "4,100"));
        CHECK_EQ(e->b.byte_end, at(b, "4,100") + 5);
    }
    lede_alignment_free(&al);
    lede_doc_free(a);
    lede_doc_free(b);
}

/* Seeds 000 and 004 share the spokesperson's quote: one verbatim passage
 * from "that is not a statement" to "in his schedule" in both, whatever the
 * punctuation ("meetings; it’s" against "meetings. It’s"). */
static void test_align_seeds(void)
{
    lede_doc *a = doc_of_file("seeds/000_1a22be602abbdbb3.txt");
    lede_doc *b = doc_of_file("seeds/004_1f2dff42aad0a96b.txt");
    lede_alignment al;
    lede_error err = {0};
    CHECK_EQ(lede_align_docs(a, b, NULL, &al, &err), LEDE_OK);
    uint32_t qa = at(a, "that is not a statement"), qb = at(b, "That is not a statement");
    uint32_t ea = at(a, "in his schedule") + 15, eb = at(b, "in his schedule") + 15;
    int found = 0;
    for (size_t k = 0; k < al.npassages; k++) {
        const lede_passage *p = &al.passages[k];
        if (p->a.byte_start != qa) {
            CHECK(p->score < 0.5);
            continue;
        }
        found++;
        CHECK_EQ(p->b.byte_start, qb);
        CHECK_EQ(p->a.byte_end, ea);
        CHECK_EQ(p->b.byte_end, eb);
        CHECK_EQ(p->nequal, 17);
        CHECK(p->score == 1.0);
    }
    CHECK_EQ(found, 1);
    lede_alignment_free(&al);
    lede_doc_free(a);
    lede_doc_free(b);
}

int main(void)
{
    test_terms();
    test_align_bytes();
    test_align_seeds();
    if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
    return failures ? 1 : 0;
}
