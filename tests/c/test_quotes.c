/* test_quotes.c — the quote-span scanner on hand-made token arrays.
 *
 * Each record is an input text and the spans the scanner must find in it,
 * written one span after another as
 *
 *     <style><depth><flags>:<quoted text>      separated by " | "
 *
 * style: d double, s single, g guillemet, a apostrophes ('' or ``), c corner;
 * flags: U unclosed, C continues the previous paragraph's quote, X continued
 * by the next paragraph, M closed by a mismatched mark, N no opening mark.
 * A line break in the input starts a new paragraph.
 *
 * The token arrays come from a small tokenizer in this file that follows
 * the contract in lede.h (words keep their inner apostrophes, '' is one
 * token, each quote mark is a QUOTE token classed by its neighbours), so the
 * scanner is tested on its own; the records and the seeds are then run
 * again behind lede's own loader and tokenizer. */
#include "lede.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------ a tiny tokenizer */

/* Quote marks, longest first; the test's own list, not the scanner's. */
static const char *const MARKS[] = {"''", "``", "\"", "'", "“", "”", "„", "‟", "‘", "’", "‚", "‛",
                                    "«", "»", "‹", "›", "「", "」", "『", "』", "〝", "〞", "＂", "＇"};

/* Length of the quote mark at s, or 0. */
static size_t mark_at(const char *s)
{
    for (size_t i = 0; i < sizeof MARKS / sizeof *MARKS; i++) {
        size_t n = strlen(MARKS[i]);
        if (strncmp(s, MARKS[i], n) == 0) return n;
    }
    return 0;
}

/* Whether the n-byte mark at s is a single mark. */
static int single_mark(const char *s, size_t n)
{
    static const char *const singles[] = {"'", "‘", "’", "‚", "‛", "‹", "›"};
    for (size_t i = 0; i < sizeof singles / sizeof *singles; i++)
        if (strlen(singles[i]) == n && strncmp(s, singles[i], n) == 0) return 1;
    return 0;
}

/* ASCII white space. */
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Letters, digits, and every byte of a non-ASCII character that is not a mark. */
static int is_word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* An apostrophe between two word characters belongs to the word. */
static int inner_apostrophe(const char *s, size_t i, size_t len, size_t *mlen)
{
    size_t n = 0;
    if (s[i] == '\'') n = 1;
    else if (strncmp(s + i, "’", 3) == 0) n = 3;
    if (!n || i == 0 || i + n >= len) return 0;
    unsigned char before = (unsigned char)s[i - 1], after = (unsigned char)s[i + n];
    if (!is_word_byte(before) || !is_word_byte(after) || mark_at(s + i + n)) return 0;
    *mlen = n;
    return 1;
}

/* A growable token array. */
typedef struct toks {
    lede_token *v;
    size_t n, cap;
} toks;

/* Append one token. */
static void push(toks *t, uint32_t start, uint32_t end, int kind, uint32_t para, uint32_t sentence,
                 int space_before)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        if (!t->v) abort();
    }
    lede_token *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    k->start = start;
    k->end = end;
    k->kind = (uint8_t)kind;
    k->paragraph = para;
    k->sentence = sentence;
    if (space_before) k->flags |= LEDE_TF_SPACE_BEFORE;
}

/* Tokenize s: a line break ends a paragraph; . ! ? and the marks right
 * after them end a sentence when a space follows. */
static toks tokenize(const char *s)
{
    toks t = {0};
    size_t len = strlen(s), i = 0;
    uint32_t para = 0, sentence = 0;
    int space = 1, para_has_tokens = 0, sentence_end = 0;
    while (i < len) {
        if (is_space(s[i])) {
            if (s[i] == '\n' && para_has_tokens) para++, para_has_tokens = 0, sentence_end = 1;
            space = 1;
            i++;
            continue;
        }
        if (space && sentence_end && t.n) sentence++;
        if (space) sentence_end = 0;
        size_t m = mark_at(s + i), a;
        if (m && !inner_apostrophe(s, i, len, &a)) {
            push(&t, (uint32_t)i, (uint32_t)(i + m), LEDE_TOKEN_QUOTE, para, sentence, space);
            int before_space = i == 0 || is_space(s[i - 1]);
            int after_space = i + m >= len || is_space(s[i + m]);
            lede_token *k = &t.v[t.n - 1];
            k->quote = before_space && !after_space ? LEDE_QUOTE_OPEN
                       : !before_space && after_space ? LEDE_QUOTE_CLOSE
                                                      : LEDE_QUOTE_AMBIGUOUS;
            k->flags |= single_mark(s + i, m) ? LEDE_TF_SINGLE_MARK : LEDE_TF_DOUBLE_MARK;
            i += m;
        } else if (is_word_byte((unsigned char)s[i])) {
            size_t j = i;
            while (j < len) {
                if (is_word_byte((unsigned char)s[j]) && !mark_at(s + j)) j++;
                else if (inner_apostrophe(s, j, len, &a)) j += a;
                else break;
            }
            push(&t, (uint32_t)i, (uint32_t)j, LEDE_TOKEN_WORD, para, sentence, space);
            sentence_end = 0;
            i = j;
        } else {
            push(&t, (uint32_t)i, (uint32_t)(i + 1), LEDE_TOKEN_PUNCT, para, sentence, space);
            sentence_end = s[i] == '.' || s[i] == '!' || s[i] == '?';
            i++;
        }
        space = 0;
        para_has_tokens = 1;
    }
    return t;
}

/* ------------------------------------------------------------ rendering */

/* The flags of a span in the records' notation (style letter, then flags). */
static void mark_notation(const lede_quote_span *s, char out[8])
{
    static const char style[] = "?dsgac";
    size_t f = 0;
    out[f++] = s->style < 6 ? style[s->style] : '?';
    if (s->flags & LEDE_QSF_UNCLOSED) out[f++] = 'U';
    if (s->flags & LEDE_QSF_CONTINUES) out[f++] = 'C';
    if (s->flags & LEDE_QSF_CONTINUED) out[f++] = 'X';
    if (s->flags & LEDE_QSF_MISMATCHED) out[f++] = 'M';
    if (s->flags & LEDE_QSF_NO_OPENER) out[f++] = 'N';
    out[f] = 0;
}

/* The spans as one line in the notation of the file's header comment. */
static void render(const char *text, const lede_quote_spans *q, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < q->n; i++) {
        const lede_quote_span *s = &q->v[i];
        char mark[8];
        mark_notation(s, mark);
        int n = snprintf(buf + used, cap - used, "%s%c%u%s:%.*s", i ? " | " : "", mark[0],
                         (unsigned)s->depth, mark + 1, (int)(s->end - s->start), text + s->start);
        if (n < 0 || (size_t)n >= cap - used) return;
        used += (size_t)n;
    }
}

/* Tokenize text with this file's tokenizer and scan it; *t is the caller's to free. */
static int scan(const char *text, lede_quote_spans *q, toks *t)
{
    *t = tokenize(text);
    lede_error err = {0};
    int rc = lede_quotes_scan(text, strlen(text), t->v, t->n, q, &err);
    if (rc) fprintf(stderr, "scan failed: %s\n", err.message);
    return rc;
}

/* ------------------------------------------------------------- records */

static const struct record {
    const char *what, *input, *expect;
} RECORDS[] = {
    {"curly pair", "He said “yes.”", "d0:yes."},
    {"split around the attribution",
     "“Ukraine will not recognize it,” he told reporters. “There is nothing to talk about.”",
     "d0:Ukraine will not recognize it, | d0:There is nothing to talk about."},
    {"straight doubles", "She said \"no\" and \"never.\"", "d0:no | d0:never."},
    {"single inside double", "“He called it ‘a disaster,’ and left,” she said.",
     "d0:He called it ‘a disaster,’ and left, | s1:a disaster,"},
    {"double inside single (British)", "‘He called it “a disaster” and left,’ she said.",
     "s0:He called it “a disaster” and left, | d1:a disaster"},
    {"straight inside curly", "“He said \"no\" to me,” she said.", "d0:He said \"no\" to me, | d1:no"},
    {"quote opening a quote", "“‘Hello,’ he said,” she recalled.", "d0:‘Hello,’ he said, | s1:Hello,"},
    {"apostrophes are not quotes", "Russia’s envoy said the Witkoffs’ plans were “fine” for the ’90s.",
     "d0:fine"},
    {"apostrophes inside a nested quote", "“We don’t want the ‘Trump’s wall’ idea,” he said.",
     "d0:We don’t want the ‘Trump’s wall’ idea, | s1:Trump’s wall"},
    {"plural possessive inside a single quote", "‘The Witkoffs’ plans are fine,’ he said.",
     "s0:The Witkoffs’ plans are fine,"},
    {"a quote ending in s", "He called them ‘the Smiths’ and left.", "s0:the Smiths"},
    {"straight plural possessive", "'The Witkoffs' plans are fine,' he said.",
     "s0:The Witkoffs' plans are fine,"},
    {"elisions", "Rock ’n’ roll is here ’til the end, he said of ’em and the '80s.", ""},
    {"year elision with an opening mark", "We miss the ‘90s, he said.", ""},
    {"a possessive cut from its word", "'s thunder was stolen, and Trump ’s plan 'failed'.", "s0:failed"},
    {"a censored word is not a possessive", "he calls Libya a ‘s–t show,’ in part", "s0:s–t show,"},
    {"headline in single marks", "Russian officials insist on 'reality on the ground' for peace",
     "s0:reality on the ground"},
    {"single marks, curly headline", "Trump ‘absolutely right’ on Iran, Flynn says",
     "s0:absolutely right"},
    {"doubled apostrophes", "''We finally may be seeing wage growth,'' the economist wrote.",
     "a0:We finally may be seeing wage growth,"},
    {"backticks and apostrophes", "``Hello,'' he said.", "a0:Hello,"},
    {"three apostrophes closing", "''He told me, 'Kosovo is a special case,''' Mr. Putin said.",
     "a0:He told me, 'Kosovo is a special case,' | s1:Kosovo is a special case,"},
    {"three apostrophes opening", "He said, '''Sir, we've decided to stay,' he told me.''",
     "a0:'Sir, we've decided to stay,' he told me. | s1:Sir, we've decided to stay,"},
    {"apostrophes and nested single with a period", "''It's the 'wrong track.'.''",
     "a0:It's the 'wrong track.'. | s1:wrong track."},
    {"closed by a mismatched mark", "Peskov said that “(Putin) had in mind talks with the Ukrainian side.\"",
     "d0M:(Putin) had in mind talks with the Ukrainian side."},
    {"single opened, double closed", "He wrote ‘I have had enough.” Then he left.",
     "s0M:I have had enough."},
    {"German low-high", "Er sagte „Nein“ und ging.", "d0:Nein"},
    {"Polish low-high", "Powiedział „Tak” i wyszedł.", "d0:Tak"},
    {"Swedish", "Han sa ”ja” till det.", "d0:ja"},
    {"guillemets, French", "Il a dit « non » hier.", "g0:non"},
    {"guillemets, German", "Er sagte »Ja« und ging.", "g0:Ja"},
    {"single guillemets", "Il a dit ‹ oui › hier.", "g0:oui"},
    {"guillemets nested, French", "Il a dit « Je refuse « ce plan » » hier.", "g0:Je refuse « ce plan » | g1:ce plan"},
    {"guillemets, Finnish", "Hän sanoi »kyllä» eilen.", "g0:kyllä"},
    {"German single low-high inside double", "Er sagte „Das ist ‚unmöglich‘“ und ging.",
     "d0:Das ist ‚unmöglich‘ | s1:unmöglich"},
    {"a guillemet closing mark with no opener", "la fin du discours » a-t-il dit.", "g0N:la fin du discours"},
    {"corner brackets", "他说「你好『世界』」。", "c0:你好『世界』 | c1:世界"},
    {"CJK double prime marks", "他说〝你好〞。", "d0:你好"},
    {"fullwidth straight marks", "他说＂你好＂和＇世界＇。", "d0:你好 | s0:世界"},
    {"quote continued in the next paragraph",
     "“The first paragraph of the quote.\n“The second, which ends here,” he said.",
     "d0UX:The first paragraph of the quote. | d0C:The second, which ends here,"},
    {"three paragraphs of one quote", "“One.\n“Two.\n“Three,” she said.",
     "d0UX:One. | d0UCX:Two. | d0C:Three,"},
    {"continued without reopening", "“Start of it.\nThe rest of it,” he said.",
     "d0UX:Start of it. | d0CN:The rest of it,"},
    {"closing mark with no opener", "The quote ran on,” he said.", "d0N:The quote ran on,"},
    {"unclosed, not continued", "He said “this is unclosed.\nNew paragraph here.",
     "d0U:this is unclosed."},
    {"a stray closing mark after a quote", "“Yes,” he said, and then no” more.", "d0:Yes,"},
    {"an opening mark left out in a later sentence",
     "''It's not true,'' he said. I am not sure why they need an adjective.''",
     "a0:It's not true, | a0N:I am not sure why they need an adjective."},
    {"a possessive written with a double mark", "India\"s budget is \"a mess,\" he said.", "d0:a mess,"},
    {"inches are not quotes", "The 5'11\" guard said \"fine.\"", "d0:fine."},
    {"an inch sign inside a quote", "“He’s like 6’2”,” Rubio said.", "d0:He’s like 6’2”,"},
    {"an inch sign and a period inside a straight quote", "\"He is 5'2\". You know the rest,\" he said.",
     "d0:He is 5'2\". You know the rest,"},
    {"a quote closing after a number is not inches", "He said “I was 12” and left.", "d0:I was 12"},
    {"an opening single mark never closed", "The players' union met 'to talk", ""},
    {"a single-quoted paragraph continued", "‘This quote runs on\n‘and on,’ she said.",
     "s0UX:This quote runs on | s0C:and on,"},
    {"single marks, British style, over two paragraphs",
     "‘I think so,’ he said. ‘And more.\n‘Next, the plan,’ she said.",
     "s0:I think so, | s0UX:And more. | s0C:Next, the plan,"},
    {"empty quote", "He said “” and left", ""},
    {"space inside the marks", "He said “ yes ” today", "d0:yes"},
    {"several partial quotes", "called Trump a “loser,” a “liar” and “a fraud”",
     "d0:loser, | d0:liar | d0:a fraud"},
    {"quote after a dash", "The answer—“no”—came fast.", "d0:no"},
    {"quote in brackets", "(“We will win.”) he said", "d0:We will win."},
    {"no quotes", "Nothing quoted here, Russia’s envoy said.", ""},
    {"an invisible format character before the mark",
     "\u202A”Sorry, you should have said ‘over their dead bodies‘, because I know,” posted Sharon.",
     "d0:Sorry, you should have said ‘over their dead bodies‘, because I know, | s1M:over their dead bodies"},
    {"an opening glyph closing at the paragraph's end", "“They see that. “\nThis story has been updated.",
     "d0M:They see that."},
    {"a straight quote that lost its closing mark",
     "\"Absent a force on the ground, he added, \"this is how ISIS is reduced.\"",
     "d0U:Absent a force on the ground, he added, | d0:this is how ISIS is reduced."},
    {"markup attributes are not quotes",
     "<tweet tweet-author=\"@tedcruz\" tweet-id=\"123\">“We will win,” he wrote.</tweet>",
     "d0:We will win,"},
    {"a markup attribute cut by a line break",
     "<tweet tweet-date=\"January 19, 2016\n\">I love “this” state<tweet/>", "d0:this"},
    {"a quote reopened at a sentence start, the paragraph break lost",
     "Kuznetsova said: \"I'm not worried. \"I have not been notified,\" she added.",
     "d0UX:I'm not worried. | d0C:I have not been notified,"},
    {"a single mark after a period closing a double quote",
     "Schumer tweeted: “Let’s go. We can stop it.’ Schumer was there.", "d0M:Let’s go. We can stop it."},
};

/* Each record through this file's tokenizer, then through lede's own
 * (lede_doc_new and lede_doc_quotes): both must give the same spans. */
static void test_records(void)
{
    char got[4096];
    for (size_t i = 0; i < sizeof RECORDS / sizeof *RECORDS; i++) {
        const struct record *r = &RECORDS[i];
        lede_quote_spans q = {0};
        toks t;
        int rc = scan(r->input, &q, &t);
        CHECK(rc == LEDE_OK, "%s", r->what);
        render(r->input, &q, got, sizeof got);
        CHECK(strcmp(got, r->expect) == 0, "%s\n  input:    %s\n  expected: %s\n  got:      %s", r->what,
              r->input, r->expect, got);
        lede_quote_spans_free(&q);
        free(t.v);

        lede_doc *doc = NULL;
        lede_error err = {0};
        rc = lede_doc_new(r->input, strlen(r->input), NULL, &doc, &err);
        if (rc == LEDE_OK) rc = lede_doc_quotes(doc, &q, &err);
        CHECK(rc == LEDE_OK, "%s: %s", r->what, err.message);
        if (rc == LEDE_OK) {
            render(lede_doc_text(doc, NULL), &q, got, sizeof got);
            CHECK(strcmp(got, r->expect) == 0,
                  "%s (lede tokenizer)\n  input:    %s\n  expected: %s\n  got:      %s", r->what, r->input,
                  r->expect, got);
        }
        lede_quote_spans_free(&q);
        lede_doc_free(doc);
    }
}

/* The token indices of the marks, and the byte offsets, for one sentence. */
static void test_tokens_and_offsets(void)
{
    const char *text = "“Yes,” he said. “No.”";
    /* tokens: 0 “  1 Yes  2 ,  3 ”  4 he  5 said  6 .  7 “  8 No  9 .  10 ”
     * bytes:  “ 0-3, Yes, 3-7, ” 7-10, " he said. " 10-20, “ 20-23, No. 23-26 */
    lede_quote_spans q = {0};
    toks t;
    CHECK(scan(text, &q, &t) == LEDE_OK, "scan");
    CHECK(q.n == 2, "n=%zu", q.n);
    if (q.n == 2) {
        CHECK(q.v[0].start == 3 && q.v[0].end == 7, "[%u,%u)", q.v[0].start, q.v[0].end);
        CHECK(q.v[0].open_token == 0 && q.v[0].close_token == 3, "%u %u", q.v[0].open_token,
              q.v[0].close_token);
        CHECK(q.v[1].start == 23 && q.v[1].end == 26, "[%u,%u)", q.v[1].start, q.v[1].end);
        CHECK(q.v[1].open_token == 7 && q.v[1].close_token == 10, "%u %u", q.v[1].open_token,
              q.v[1].close_token);
        CHECK(q.v[1].style == LEDE_QSTYLE_DOUBLE && q.v[1].depth == 0 && q.v[1].flags == 0, "style");
        CHECK(q.v[0].paragraph == 0, "paragraph");
    }
    lede_quote_spans_free(&q);
    free(t.v);

    /* unclosed: no closing token; no opener: no opening token */
    text = "The rest,” he said. “And";
    CHECK(scan(text, &q, &t) == LEDE_OK, "scan");
    CHECK(q.n == 2, "n=%zu", q.n);
    if (q.n == 2) {
        CHECK(q.v[0].open_token == LEDE_QUOTE_NO_TOKEN && q.v[0].close_token == 3, "no opener");
        CHECK(q.v[0].start == 0 && q.v[0].end == 9, "[%u,%u)", q.v[0].start, q.v[0].end);
        CHECK(q.v[1].open_token == 7 && q.v[1].close_token == LEDE_QUOTE_NO_TOKEN, "unclosed");
        CHECK(q.v[1].start == 25 && q.v[1].end == 28, "[%u,%u)", q.v[1].start, q.v[1].end);
    }
    lede_quote_spans_free(&q);
    free(t.v);
}

/* The tokenizer's class decides only where the neighbours do not. */
static void test_class_breaks_ties(void)
{
    const char *text = "a \" b \" c";
    toks t = tokenize(text);
    lede_quote_spans q = {0};
    CHECK(t.n == 5, "n=%zu", t.n);
    t.v[1].quote = LEDE_QUOTE_OPEN;
    t.v[3].quote = LEDE_QUOTE_CLOSE;
    CHECK(lede_quotes_scan(text, strlen(text), t.v, t.n, &q, NULL) == LEDE_OK, "scan");
    CHECK(q.n == 1 && q.v[0].start == 4 && q.v[0].end == 5, "one span [4,5)");
    lede_quote_spans_free(&q);
    free(t.v);
}

static void test_errors(void)
{
    lede_error err = {0};
    lede_quote_spans q = {0};
    CHECK(lede_quotes_scan("", 0, NULL, 0, &q, &err) == LEDE_OK && q.n == 0 && q.v == NULL, "empty");
    CHECK(lede_quotes_scan("abc", 3, NULL, 2, &q, &err) == LEDE_ERR_ARG, "NULL tokens");
    CHECK(strcmp(err.message, "lede_quotes_scan: tokens is NULL") == 0, "%s", err.message);
    lede_token tok[2];
    memset(tok, 0, sizeof tok);
    tok[0].start = 0, tok[0].end = 2, tok[0].kind = LEDE_TOKEN_WORD;
    tok[1].start = 1, tok[1].end = 5, tok[1].kind = LEDE_TOKEN_QUOTE;
    CHECK(lede_quotes_scan("abcd", 4, tok, 2, &q, &err) == LEDE_ERR_ARG, "bad token");
    CHECK(strcmp(err.message, "lede_quotes_scan: token 1: span [1, 5) does not fit the text "
                              "(4 bytes, previous token ends at 2)") == 0,
          "%s", err.message);
    CHECK(q.n == 0 && q.v == NULL, "left empty");
    CHECK(lede_quotes_scan("abcd", 4, tok, 1, NULL, &err) == LEDE_ERR_ARG, "NULL out");
    CHECK(strcmp(lede_quote_style_name(LEDE_QSTYLE_APOSTROPHES), "apostrophes") == 0, "style name");
    CHECK(strcmp(lede_quote_style_name(99), "?") == 0, "unknown style");
    lede_quote_spans_free(NULL);
}

/* Deep nesting and long runs: exact results, in linear time (a quadratic
 * scan would take minutes here). */
static void test_adversarial_sizes(void)
{
    enum { N = 60000 }; /* depth counts up to 65535 */
    /* N opening marks, one word, N closing marks: N nested quotes */
    size_t cap = (size_t)N * 8 + 16;
    char *text = malloc(cap);
    size_t n = 0;
    for (int i = 0; i < N; i++) memcpy(text + n, "“", 3), n += 3;
    memcpy(text + n, "x", 1), n += 1;
    for (int i = 0; i < N; i++) memcpy(text + n, "”", 3), n += 3;
    text[n] = 0;
    lede_quote_spans q = {0};
    toks t;
    CHECK(scan(text, &q, &t) == LEDE_OK, "scan");
    CHECK(q.n == N, "n=%zu", q.n);
    if (q.n == N) {
        CHECK(q.v[0].depth == 0 && q.v[N - 1].depth == N - 1, "depths %u %u", q.v[0].depth,
              q.v[N - 1].depth);
        CHECK(q.v[N - 1].start == (uint32_t)N * 3 && q.v[N - 1].end == (uint32_t)N * 3 + 1, "innermost");
        CHECK(q.v[0].close_token == 2 * N, "outermost closed by the last token");
    }
    lede_quote_spans_free(&q);
    free(t.v);

    /* N opening marks then N stray apostrophes and N straight doubles */
    n = 0;
    for (int i = 0; i < N; i++) memcpy(text + n, "‘a ", 5), n += 5;
    for (int i = 0; i < N / 2; i++) memcpy(text + n, "\" ", 2), n += 2;
    text[n] = 0;
    CHECK(scan(text, &q, &t) == LEDE_OK, "scan");
    lede_quote_spans_free(&q);
    free(t.v);

    /* one run of apostrophes */
    memset(text, '\'', (size_t)N * 3);
    text[N * 3] = 0;
    CHECK(scan(text, &q, &t) == LEDE_OK, "scan");
    lede_quote_spans_free(&q);
    free(t.v);
    free(text);
}

/* Random strings of marks, letters, spaces and line breaks: every span
 * lies in the text, is non-empty, inside its paragraph, in order. */
static void test_random(void)
{
    static const char *const pieces[] = {"“", "”", "\"", "'", "''", "‘", "’", "«", "»", "„", "‹", "›",
                                         "「", "」", "a", "s", "9", " ", " ", "\n", ".", ",", "—", "(",
                                         "n", "``", "\xC2\xA0"};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    char text[512];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        int count = (int)(seed % 60);
        for (int k = 0; k < count; k++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            const char *p = pieces[seed % (sizeof pieces / sizeof *pieces)];
            size_t l = strlen(p);
            if (n + l >= sizeof text) break;
            memcpy(text + n, p, l), n += l;
        }
        text[n] = 0;
        lede_quote_spans q = {0};
        toks t;
        if (scan(text, &q, &t) != LEDE_OK) {
            CHECK(0, "scan failed on round %d", round);
            free(t.v);
            continue;
        }
        uint32_t last = 0;
        for (size_t i = 0; i < q.n; i++) {
            const lede_quote_span *s = &q.v[i];
            int ok = s->start < s->end && s->end <= n && s->start >= last;
            /* a mark's token holds its first byte (a token may hold two marks: ''') */
            if (ok && s->open_token != LEDE_QUOTE_NO_TOKEN)
                ok = s->open_token < t.n && t.v[s->open_token].start < s->start &&
                     t.v[s->open_token].paragraph == s->paragraph;
            if (ok && s->close_token != LEDE_QUOTE_NO_TOKEN)
                ok = s->close_token < t.n && t.v[s->close_token].end > s->end &&
                     t.v[s->close_token].paragraph == s->paragraph;
            if (!ok) {
                CHECK(0, "round %d: bad span %zu [%u,%u) in \"%s\"", round, i, s->start, s->end, text);
                break;
            }
            last = s->start;
        }
        checks++;
        lede_quote_spans_free(&q);
        free(t.v);

        /* the same string behind lede's tokenizer: spans inside the text, in order */
        lede_doc *doc = NULL;
        if (lede_doc_new(text, n, NULL, &doc, NULL) == LEDE_OK && lede_doc_quotes(doc, &q, NULL) == LEDE_OK) {
            size_t len;
            lede_doc_text(doc, &len);
            last = 0;
            for (size_t i = 0; i < q.n; i++) {
                const lede_quote_span *s = &q.v[i];
                if (!(s->start < s->end && s->end <= len && s->start >= last)) {
                    CHECK(0, "round %d (lede tokenizer): bad span %zu [%u,%u) in \"%s\"", round, i, s->start,
                          s->end, text);
                    break;
                }
                last = s->start;
            }
            checks++;
        } else {
            CHECK(0, "round %d: lede_doc_new or lede_doc_quotes failed on \"%s\"", round, text);
        }
        lede_quote_spans_free(&q);
        lede_doc_free(doc);
    }
}

/* ---------------------------------------------------------------- seeds */

/* Every quote of the seed gold (../shared/gold/seed-quotes.jsonl, 25 counted
 * quotes and 2 of kind term): byte offsets, marks excluded. The scanner
 * must find exactly these top-level spans in seeds/, and no others. `mark`
 * is the style and flags in the notation of the records above. */
static const struct seed_quote {
    const char *doc;
    uint32_t start, end;
    const char *kind, *mark;
} SEED_QUOTES[] = {
    {"000_1a22be602abbdbb3.txt", 514, 827, "direct", "d"}, /* Secretary Rubio is a bus…ues in his schedule, */
    {"000_1a22be602abbdbb3.txt", 1505, 1508, "partial", "d"}, /* 90% */
    {"000_1a22be602abbdbb3.txt", 2100, 2176, "direct", "d"}, /* a lot of fakes are being…pected publications. */
    {"000_1a22be602abbdbb3.txt", 2272, 2288, "partial", "d"}, /* later this week. */
    {"000_1a22be602abbdbb3.txt", 2607, 2628, "partial", "d"}, /* reality on the ground */
    {"001_c87360ce0d6ae7d5.txt", 2630, 2651, "partial", "s"}, /* 'reality on the ground' */
    {"002_93b5036ae66e0d32.txt", 459, 477, "partial", "d"}, /* logistical issues. */
    {"002_93b5036ae66e0d32.txt", 1313, 1373, "direct", "d"}, /* Ukraine will not legally…ccupation of Crimea, */
    {"002_93b5036ae66e0d32.txt", 1399, 1462, "direct", "d"}, /* There is nothing to talk…st our constitution. */
    {"002_93b5036ae66e0d32.txt", 1509, 1532, "partial", "d"}, /* productive conversation */
    {"002_93b5036ae66e0d32.txt", 1633, 1664, "partial", "d"}, /* (looks) forward to following up */
    {"002_93b5036ae66e0d32.txt", 2399, 2442, "partial", "d"}, /* have to see an enthusiasm to want to end it */
    {"002_93b5036ae66e0d32.txt", 3340, 3380, "partial", "d"}, /* hopefully moving in the right direction, */
    {"002_93b5036ae66e0d32.txt", 3412, 3425, "term", "d"},    /* stepping back */
    {"002_93b5036ae66e0d32.txt", 4136, 4209, "direct", "d"}, /* (Putin) had in mind nego… the Ukrainian side, */
    {"003_eb122c8a95e99d45.txt", 459, 477, "partial", "d"}, /* logistical issues, */
    {"003_eb122c8a95e99d45.txt", 1355, 1415, "direct", "d"}, /* Ukraine will not legally…ccupation of Crimea, */
    {"003_eb122c8a95e99d45.txt", 1445, 1508, "direct", "d"}, /* There is nothing to talk…st our constitution. */
    {"003_eb122c8a95e99d45.txt", 1736, 1759, "partial", "d"}, /* productive conversation */
    {"003_eb122c8a95e99d45.txt", 1845, 1877, "partial", "d"}, /* (I look) forward to following up */
    {"003_eb122c8a95e99d45.txt", 3011, 3051, "partial", "d"}, /* hopefully moving in the right direction, */
    {"003_eb122c8a95e99d45.txt", 3564, 3580, "partial", "d"}, /* civilian target. */
    {"003_eb122c8a95e99d45.txt", 3677, 3750, "direct", "dM"}, /* “(Putin) had in mind … the Ukrainian side." */
    {"004_1f2dff42aad0a96b.txt", 585, 635, "direct", "d"}, /* Despite everything, we c…e working for peace, */
    {"004_1f2dff42aad0a96b.txt", 1166, 1273, "direct", "d"}, /* That is not a statement …ues in his schedule, */
    {"004_1f2dff42aad0a96b.txt", 1489, 1569, "direct", "d"}, /* the Ukraine peace talks … is being postponed, */
    {"004_1f2dff42aad0a96b.txt", 1967, 1978, "term", "d"},   /* terms sheet */
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
            *len = fread(buf, 1, (size_t)n, f);
            buf[*len] = 0;
        }
    }
    fclose(f);
    return buf;
}

/* Compare the top-level spans of one seed with its gold records. */
static void check_seed(const char *doc, const char *text, const lede_quote_spans *q)
{
    size_t want = 0, found = 0;
    for (size_t g = 0; g < sizeof SEED_QUOTES / sizeof *SEED_QUOTES; g++) {
        const struct seed_quote *sq = &SEED_QUOTES[g];
        if (strcmp(sq->doc, doc) != 0) continue;
        want++;
        int hit = 0;
        for (size_t i = 0; i < q->n; i++) {
            if (q->v[i].depth || q->v[i].start != sq->start || q->v[i].end != sq->end) continue;
            char mark[8];
            mark_notation(&q->v[i], mark);
            CHECK(strcmp(mark, sq->mark) == 0, "%s [%u,%u): marks %s, expected %s", doc, sq->start, sq->end,
                  mark, sq->mark);
            hit = 1;
        }
        CHECK(hit, "%s: gold quote [%u,%u) \"%.*s\" not found", doc, sq->start, sq->end,
              (int)(sq->end - sq->start), text + sq->start);
    }
    for (size_t i = 0; i < q->n; i++)
        if (q->v[i].depth == 0) found++;
    CHECK(found == want, "%s: %zu top-level spans, gold has %zu", doc, found, want);
}

/* The seeds through this file's tokenizer. */
static void test_seeds_scanner(void)
{
    static const char *const docs[] = {"000_1a22be602abbdbb3.txt", "001_c87360ce0d6ae7d5.txt",
                                       "002_93b5036ae66e0d32.txt", "003_eb122c8a95e99d45.txt",
                                       "004_1f2dff42aad0a96b.txt"};
    for (size_t d = 0; d < sizeof docs / sizeof *docs; d++) {
        char path[256];
        snprintf(path, sizeof path, "seeds/%s", docs[d]);
        size_t len = 0;
        char *text = read_file(path, &len);
        CHECK(text != NULL, "cannot read %s (run from the project root)", path);
        if (!text) continue;
        CHECK(strlen(text) == len, "%s has a NUL byte", path);
        lede_quote_spans q = {0};
        toks t;
        CHECK(scan(text, &q, &t) == LEDE_OK, "%s", path);
        check_seed(docs[d], text, &q);
        lede_quote_spans_free(&q);
        free(t.v);
        free(text);
    }
}

/* The seeds through lede's loader and tokenizer, as a user runs them. */
static void test_seeds_doc(void)
{
    lede_corpus *corpus = NULL;
    lede_error err = {0};
    CHECK(lede_corpus_new(&corpus, &err) == LEDE_OK, "%s", err.message);
    if (!corpus) return;
    CHECK(lede_corpus_add_path(corpus, "seeds", NULL, &err) == LEDE_OK, "%s", err.message);
    CHECK(lede_corpus_count(corpus) == 5, "%zu seeds", lede_corpus_count(corpus));
    for (size_t d = 0; d < lede_corpus_count(corpus); d++) {
        lede_doc *doc = lede_corpus_doc(corpus, d);
        const char *name = strrchr(lede_doc_meta(doc)->name, '/');
        name = name ? name + 1 : lede_doc_meta(doc)->name;
        lede_quote_spans q = {0};
        CHECK(lede_doc_quotes(doc, &q, &err) == LEDE_OK, "%s: %s", name, err.message);
        check_seed(name, lede_doc_text(doc, NULL), &q);
        lede_quote_spans_free(&q);
    }
    lede_corpus_free(corpus);
}

/* Found by fuzz_quotes: the tokenizer reads NEL (U+0085) as a line break,
 * but the scanner did not trim it, so a quote could end (or start) with one.
 * The segmenter usually starts a paragraph at a NEL; the fuzzer found text
 * where it does not, so the document's tokens are scanned here as one
 * paragraph. */
static void test_nel_trimmed(void)
{
    /* He 0-2, said 3-7, “ 8-11, no 11-13, NEL 13-15, ” 15-18, today 19-24, . 24-25 */
    const char *text = "He said \xe2\x80\x9cno\xc2\x85\xe2\x80\x9d today.";
    lede_doc *doc = NULL;
    lede_error err = {0};
    CHECK(lede_doc_new(text, strlen(text), NULL, &doc, &err) == LEDE_OK, "%s", err.message);
    if (!doc) return;
    size_t n = lede_doc_ntokens(doc);
    lede_token *tok = malloc(n * sizeof *tok);
    CHECK(n == 7 && tok, "%zu tokens", n);
    if (n != 7 || !tok) {
        free(tok);
        lede_doc_free(doc);
        return;
    }
    memcpy(tok, lede_doc_tokens(doc), n * sizeof *tok);
    for (size_t i = 0; i < n; i++) tok[i].paragraph = 0;
    lede_quote_spans q = {0};
    CHECK(lede_quotes_scan(text, strlen(text), tok, n, &q, &err) == LEDE_OK, "%s", err.message);
    CHECK(q.n == 1, "n=%zu", q.n);
    if (q.n == 1) {
        CHECK(q.v[0].start == 11 && q.v[0].end == 13, "[%u,%u)", q.v[0].start, q.v[0].end);
        CHECK(q.v[0].open_token == 2 && q.v[0].close_token == 4 && q.v[0].flags == 0, "tokens %u %u, flags %u",
              q.v[0].open_token, q.v[0].close_token, q.v[0].flags);
    }
    lede_quote_spans_free(&q);
    free(tok);
    lede_doc_free(doc);
}

int main(void)
{
    test_seeds_scanner();
    test_seeds_doc();
    test_records();
    test_tokens_and_offsets();
    test_class_breaks_ties();
    test_errors();
    test_adversarial_sizes();
    test_random();
    test_nel_trimmed();
    return CHECK_SUMMARY("test_quotes");
}
