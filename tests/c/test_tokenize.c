/* test_tokenize.c — tokens, kinds, byte spans, flags and normalized forms,
 * on passages of the seed articles and on a table of synthetic cases.
 *
 * Tokens are rendered as `text/KIND` (KIND in lower case), quote marks as
 * `text/open-dq`, `text/close-sq`, `text/ambig-dq` (dq: double mark, sq:
 * single mark); with spans, each is prefixed by `start-end `. */
#include "analyze.h"
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A growable string for renderings. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->n + (size_t)need + 1 > b->cap) {
        b->cap = (b->n + (size_t)need + 1) * 2;
        b->s = realloc(b->s, b->cap);
        if (!b->s) abort();
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    b->n += (size_t)need;
}

static const char *kind_name(const lede_token *t)
{
    static char q[16];
    switch (t->kind) {
    case LEDE_TOKEN_WORD: return "word";
    case LEDE_TOKEN_ABBREV: return "abbrev";
    case LEDE_TOKEN_NUMBER: return "number";
    case LEDE_TOKEN_CJK: return "cjk";
    case LEDE_TOKEN_PUNCT: return "punct";
    case LEDE_TOKEN_SYMBOL: return "symbol";
    case LEDE_TOKEN_QUOTE:
        snprintf(q, sizeof q, "%s-%s",
                 t->quote == LEDE_QUOTE_OPEN    ? "open"
                 : t->quote == LEDE_QUOTE_CLOSE ? "close"
                 : t->quote == LEDE_QUOTE_AMBIGUOUS ? "ambig"
                                                    : "none",
                 (t->flags & LEDE_TF_DOUBLE_MARK) ? "dq" : (t->flags & LEDE_TF_SINGLE_MARK) ? "sq" : "??");
        return q;
    default: return "?";
    }
}

/* Render the tokens that start in text[from, to). */
static char *render(const char *text, const lede_token_buf *tb, size_t from, size_t to, int spans)
{
    sbuf b = {0};
    sb_printf(&b, "%s", "");
    for (size_t i = 0; i < tb->n; i++) {
        const lede_token *t = &tb->v[i];
        if (t->start < from || t->start >= to) continue;
        if (b.n) sb_printf(&b, " ");
        if (spans) sb_printf(&b, "%u-%u ", t->start, t->end);
        sb_printf(&b, "%.*s/%s", (int)(t->end - t->start), text + t->start, kind_name(t));
    }
    return b.s;
}

static char *render_norms(const lede_token_buf *tb)
{
    sbuf b = {0};
    sb_printf(&b, "%s", "");
    for (size_t i = 0; i < tb->n; i++) sb_printf(&b, "%s%s", i ? " " : "", tb->norms + tb->v[i].norm);
    return b.s;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (run from the source tree)\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (!s || fread(s, 1, (size_t)n, f) != (size_t)n) abort();
    s[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return s;
}

static void tokenize_or_die(const char *text, size_t len, lede_token_buf *tb)
{
    lede_error err;
    memset(tb, 0, sizeof *tb);
    if (lede_tokenize(text, len, tb, &err) != LEDE_OK) {
        fprintf(stderr, "lede_tokenize failed: %s\n", err.message);
        exit(1);
    }
}

/* Every token is well formed: ordered non-empty spans, a NUL-terminated norm
 * whose hash is lede_hash(norm), a quote class exactly on quote tokens, and
 * SPACE_BEFORE/LINE_BEFORE agreeing with the bytes between tokens. */
static void check_invariants(const char *name, const char *text, size_t len, const lede_token_buf *tb)
{
    uint32_t prev_end = 0;
    for (size_t i = 0; i < tb->n; i++) {
        const lede_token *t = &tb->v[i];
        CHECK(t->start < t->end && t->end <= len && t->start >= prev_end, "%s token %zu: span %u-%u", name, i,
              t->start, t->end);
        CHECK(tb->norms[t->norm + t->norm_len] == '\0' && strlen(tb->norms + t->norm) == t->norm_len,
              "%s token %zu: norm not NUL-terminated", name, i);
        CHECK(t->hash == lede_hash(tb->norms + t->norm, t->norm_len), "%s token %zu: hash", name, i);
        CHECK((t->kind == LEDE_TOKEN_QUOTE) == (t->quote != LEDE_QUOTE_NONE), "%s token %zu: quote class %d", name,
              i, t->quote);
        CHECK(t->kind >= LEDE_TOKEN_WORD && t->kind <= LEDE_TOKEN_SYMBOL, "%s token %zu: kind %d", name, i, t->kind);
        CHECK(t->sentence == 0 && t->paragraph == 0, "%s token %zu: segment fields set", name, i);
        /* lede_normalize of the token's text gives its norm (but for '' and ``) */
        size_t tlen = t->end - t->start;
        int two_char_mark = t->kind == LEDE_TOKEN_QUOTE && tlen == 2;
        char *qn = NULL;
        lede_error err;
        if (!two_char_mark && lede_normalize(text + t->start, tlen, &qn, NULL, &err) == LEDE_OK)
            CHECK(strcmp(qn, tb->norms + t->norm) == 0, "%s token %zu (%.*s): lede_normalize gives %s, norm %s", name,
                  i, (int)tlen, text + t->start, qn, tb->norms + t->norm);
        free(qn);
        int gap_space = i == 0 ? 1 : t->start > prev_end;
        int gap_line = memchr(text + prev_end, '\n', t->start - prev_end) != NULL;
        CHECK(!!(t->flags & LEDE_TF_SPACE_BEFORE) == (gap_space || t->start > prev_end),
              "%s token %zu: SPACE_BEFORE", name, i);
        CHECK(!!(t->flags & LEDE_TF_LINE_BEFORE) == gap_line, "%s token %zu: LINE_BEFORE", name, i);
        prev_end = t->end;
    }
}

/* -------------------------------------------------------- seed passages */

typedef struct passage {
    const char *seed;
    size_t from, to; /* byte range of the passage */
    const char *tokens;
} passage;

static const passage passages[] = {
    {"seeds/000_1a22be602abbdbb3.txt", 245, 268,
     "245-251 Donald/word 252-261 Trump’s/word 262-267 envoy/word 267-268 ,/punct"},
    {"seeds/000_1a22be602abbdbb3.txt", 1499, 1511,
     "1499-1501 is/word 1502-1505 “/open-dq 1505-1508 90%/number 1508-1511 ”/close-dq"},
    {"seeds/000_1a22be602abbdbb3.txt", 540, 553,
     "540-543 man/word 543-546 …/punct 547-550 And/word 551-553 so/word"},
    {"seeds/000_1a22be602abbdbb3.txt", 299, 315,
     "299-302 out/word 303-305 of/word 305-308 .../punct 310-315 State/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 960, 977,
     "960-963 the/word 964-968 U.S./abbrev 969-972 may/word 973-977 walk/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 1424, 1444,
     "1424-1427 The/word 1428-1436 U.K.’s/abbrev 1437-1444 foreign/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 2242, 2265,
     "2242-2250 indirect/word 2251-2255 U.S./abbrev 2255-2256 -/punct 2256-2259 led/word 2260-2265 talks/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 2012, 2033,
     "2012-2013 a/word 2014-2028 land-for-peace/word 2029-2033 deal/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 1956, 1989,
     "1956-1961 Under/word 1962-1963 a/word 1964-1967 “/open-dq 1967-1972 terms/word 1973-1978 sheet/word 1978-1981 ”/close-dq 1982-1989 offered/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 1911, 1936,
     "1911-1914 NBC/word 1915-1919 News/word 1919-1922 ’/close-sq 1923-1936 international/word"},
    {"seeds/004_1f2dff42aad0a96b.txt", 1715, 1736,
     "1715-1720 their/word 1721-1736 three-year-long/word"},
    {"seeds/002_93b5036ae66e0d32.txt", 3576, 3594,
     "3576-3577 a/word 3578-3584 30-day/word 3585-3594 ceasefire/word"},
    {"seeds/002_93b5036ae66e0d32.txt", 1630, 1648,
     "1630-1633 “/open-dq 1633-1634 (/punct 1634-1639 looks/word 1639-1640 )/punct 1641-1648 forward/word"},
    {"seeds/003_eb122c8a95e99d45.txt", 3745, 3751,
     "3745-3749 side/word 3749-3750 ./punct 3750-3751 \"/close-dq"},
    {"seeds/001_c87360ce0d6ae7d5.txt", 759, 779,
     "759-762 for/word 763-770 Rubio's/word 771-778 absence/word 778-779 ./punct"},
    {"seeds/001_c87360ce0d6ae7d5.txt", 2629, 2652,
     "2629-2630 '/open-sq 2630-2637 reality/word 2638-2640 on/word 2641-2644 the/word 2645-2651 ground/word 2651-2652 '/close-sq"},
};

static void test_seed_passages(void)
{
    for (size_t k = 0; k < sizeof passages / sizeof *passages; k++) {
        const passage *p = &passages[k];
        size_t len;
        char *text = read_file(p->seed, &len);
        lede_token_buf tb;
        tokenize_or_die(text, len, &tb);
        char *got = render(text, &tb, p->from, p->to, 1);
        CHECK(strcmp(got, p->tokens) == 0, "%s [%zu, %zu)\n  expected: %s\n  got:      %s", p->seed, p->from, p->to,
              p->tokens, got);
        free(got);
        lede_token_buf_free(&tb);
        free(text);
    }
}

static void test_seed_invariants(void)
{
    static const char *seeds[] = {
        "seeds/000_1a22be602abbdbb3.txt", "seeds/001_c87360ce0d6ae7d5.txt", "seeds/002_93b5036ae66e0d32.txt",
        "seeds/003_eb122c8a95e99d45.txt", "seeds/004_1f2dff42aad0a96b.txt",
    };
    for (size_t k = 0; k < 5; k++) {
        size_t len;
        char *text = read_file(seeds[k], &len);
        lede_token_buf tb;
        tokenize_or_die(text, len, &tb);
        check_invariants(seeds[k], text, len, &tb);
        lede_token_buf_free(&tb);
        free(text);
    }
}

/* ------------------------------------------------------- synthetic table */

/* Records of input → expected tokens, in the spirit of jq's tests. */
typedef struct tcase {
    const char *input;
    const char *tokens;
} tcase;

static const tcase cases[] = {
    /* apostrophes inside words, of every kind */
    {"Russia’s they’re Rubio's O’Brien", "Russia’s/word they’re/word Rubio's/word O’Brien/word"},
    {"rock ’n’ roll", "rock/word ’/open-sq n/word ’/close-sq roll/word"},
    {"the Smiths’ house", "the/word Smiths/word ’/close-sq house/word"},
    {"1990's", "1990's/word"},
    /* hyphens and dashes */
    {"30-day land-for-peace three-year-long mid-2014", "30-day/word land-for-peace/word three-year-long/word mid-2014/word"},
    {"Paris–Berlin", "Paris–Berlin/word"},
    {"talks—which", "talks/word —/punct which/word"},
    {"well - known -- yes", "well/word -/punct known/word --/punct yes/word"},
    {"pre-", "pre/word -/punct"},
    /* abbreviations and initials */
    {"U.S. U.K. a.m. e.g. Ph.D. U.S.A.", "U.S./abbrev U.K./abbrev a.m./abbrev e.g./abbrev Ph.D./abbrev U.S.A./abbrev"},
    {"Gen. Mr. Mrs. Dr. Inc. Corp. Jr. etc.", "Gen./abbrev Mr./abbrev Mrs./abbrev Dr./abbrev Inc./abbrev Corp./abbrev Jr./abbrev etc./abbrev"},
    {"John F. Kennedy", "John/word F./abbrev Kennedy/word"},
    {"Debra A Smith", "Debra/word A/word Smith/word"},
    /* a lone capital and a dot is an initial only before a name on its line */
    {"in a post on X.\nThe setback", "in/word a/word post/word on/word X/word ./punct The/word setback/word"},
    {"on X.", "on/word X/word ./punct"},
    {"Plan B.\" He", "Plan/word B/word ./punct \"/close-dq He/word"},
    {"Plan B. later", "Plan/word B/word ./punct later/word"},
    {"No. 10 but said no.", "No./abbrev 10/number but/word said/word no/word ./punct"},
    {"Biden Jr.'s decision", "Biden/word Jr.'s/abbrev decision/word"},
    {"in Nov. elections, Nos. 3 and 4, Sec. Kerry", "in/word Nov./abbrev elections/word ,/punct Nos./abbrev 3/number and/word 4/number ,/punct Sec./abbrev Kerry/word"},
    {"the end. Next", "the/word end/word ./punct Next/word"},
    {"U.S.-led", "U.S./abbrev -/punct led/word"},
    {"Rep. G.K. Butterfield (D-N.C.) and Rep. Moore (D-Wis.)",
     "Rep./abbrev G.K./abbrev Butterfield/word (/punct D/word -/punct N.C./abbrev )/punct and/word Rep./abbrev "
     "Moore/word (/punct D-Wis/word ./punct )/punct"},
    {"Gens. St.Louis", "Gens/word ./punct St/word ./punct Louis/word"},
    /* numbers */
    {"90% $1.2bn 3,270,459 1.5 £5m 2014 €3", "90%/number $1.2bn/number 3,270,459/number 1.5/number £5m/number 2014/number €3/number"},
    {"10:30 1990s 5th 100€", "10:30/number 1990s/number 5th/number 100€/number"},
    {"in 2014. Then 1,2,3 and 1,0000", "in/word 2014/number ./punct Then/word 1/number ,/punct 2/number ,/punct 3/number and/word 1/number ,/punct 0000/number"},
    {"G7 MP3 4x4", "G7/word MP3/word 4x4/word"},
    {"AT&T and M&S. S&P 500 R & D", "AT&T/word and/word M&S/word ./punct S&P/word 500/number R/word &/punct D/word"},
    {"1986-87 132-1/2 pct 1986/87 9/11 2/15/2016 24/7 March/April 3-D", "1986-87/number 132-1/2/number pct/word 1986/87/number 9/11/number 2/15/2016/number 24/7/number March/word //punct April/word 3-D/word"},
    {"$ 5 and 5 %", "$/symbol 5/number and/word 5/number %/punct"},
    /* quote marks */
    {"“Yes,” he said.", "“/open-dq Yes/word ,/punct ”/close-dq he/word said/word ./punct"},
    {"\"Yes,\" he said. \"No\"", "\"/open-dq Yes/word ,/punct \"/close-dq he/word said/word ./punct \"/open-dq No/word \"/close-dq"},
    {"a \" b", "a/word \"/ambig-dq b/word"},
    {"x\"y", "x/word \"/ambig-dq y/word"},
    {"(\"quoted\")", "(/punct \"/open-dq quoted/word \"/close-dq )/punct"},
    {"—\"Go", "—/punct \"/open-dq Go/word"},
    {"„Ja“, sagte er", "„/open-dq Ja/word “/close-dq ,/punct sagte/word er/word"},
    {"«Oui» ”Ja” »Ja«", "«/open-dq Oui/word »/close-dq ”/open-dq Ja/word ”/close-dq »/open-dq Ja/word «/close-dq"},
    {"‘single’ ‹one› ‚low‘", "‘/open-sq single/word ’/close-sq ‹/open-sq one/word ›/close-sq ‚/open-sq low/word ‘/close-sq"},
    {"''Hello,'' he said", "''/open-dq Hello/word ,/punct ''/close-dq he/word said/word"},
    {"``Hello'' `x'", "``/open-dq Hello/word ''/close-dq `/open-sq x/word '/close-sq"},
    {"the '90s", "the/word '/open-sq 90s/number"},
    {"'''Sir,''' he said.", "''/open-dq '/open-sq Sir/word ,/punct '/close-sq ''/close-dq he/word said/word ./punct"},
    /* other punctuation and symbols */
    {"Wait... what… really?! (yes) [no] a/b", "Wait/word .../punct what/word …/punct really/word ?/punct !/punct (/punct yes/word )/punct [/punct no/word ]/punct a/word //punct b/word"},
    {"a & b + c © 2024 #tag @user", "a/word &/punct b/word +/symbol c/word ©/symbol 2024/number #/punct tag/word @/punct user/word"},
    {"ok 👍🏽 👨‍👩‍👧 🇬🇧", "ok/word 👍🏽/symbol 👨‍👩‍👧/symbol 🇬🇧/symbol"},
    /* links and e-mail addresses are one word; closing punctuation stays out */
    {"See https://t.co/hbaWqfjJcp, http://ap-gfkpoll.com. (www.bbc.co.uk/news)",
     "See/word https://t.co/hbaWqfjJcp/word ,/punct http://ap-gfkpoll.com/word ./punct (/punct "
     "www.bbc.co.uk/news/word )/punct"},
    {"pic.twitter.com/Xy1 state.gov lauren.weber@huffingtonpost.com @JeffHorwitz",
     "pic.twitter.com/Xy1/word state.gov/word lauren.weber@huffingtonpost.com/word @/punct JeffHorwitz/word"},
    {"the end.to be and Gov.Smith", "the/word end/word ./punct to/word be/word and/word Gov/word ./punct Smith/word"},
    /* CJK, one per token; other scripts as words */
    {"東京都は2020年", "東/cjk 京/cjk 都/cjk は/cjk 2020/number 年/cjk"},
    {"한국 カタカナ", "한/cjk 국/cjk カ/cjk タ/cjk カ/cjk ナ/cjk"},
    {"Москва’s Ελλάδα café naïve", "Москва’s/word Ελλάδα/word café/word naïve/word"},
    {"مرحبا بالعالم", "مرحبا/word بالعالم/word"},
    /* white space: CR, NBSP, tabs; zero-width space is invisible */
    {"a\r\nb\tc\xC2\xA0" "d\xE2\x80\x8B" "e", "a/word b/word c/word d/word e/word"},
    {"", ""},
    {"   \n\n ", ""},
};

static void test_cases(void)
{
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const tcase *c = &cases[k];
        size_t len = strlen(c->input);
        lede_token_buf tb;
        tokenize_or_die(c->input, len, &tb);
        char *got = render(c->input, &tb, 0, len, 0);
        CHECK(strcmp(got, c->tokens) == 0, "input: %s\n  expected: %s\n  got:      %s", c->input, c->tokens, got);
        check_invariants(c->input, c->input, len, &tb);
        free(got);
        lede_token_buf_free(&tb);
    }
}

/* ------------------------------------------------------ normalized forms */

static const tcase norm_cases[] = {
    {"Russia’s THEY’RE Rubio's Oʼs it′s", "russia's they're rubio's o's it's"},
    /* a backtick inside a word is an apostrophe too; the ASCII fast path kept
     * it (found by fuzz_normalize: the norm differed from lede_normalize's) */
    {"they`re O`Brien", "they're o'brien"},
    {"Aʼ–b", "a'-b"},
    {"Paris–Berlin Land‐for‐Peace 30-Day", "paris-berlin land-for-peace 30-day"},
    {"U.S. Gen. A.M. $1.2BN", "u.s. gen. a.m. $1.2bn"},
    {"HTTPS://Example.COM/Path", "https://example.com/path"},
    {"“a” \"b\" ‘c’ 'd' ''e'' «f» „g“", "\" a \" \" b \" ' c ' ' d ' \" e \" \" f \" \" g \""},
    {"Straße ΣΊΣΥΦΟΣ İstanbul Ǆemal", "strasse σίσυφοσ i̇stanbul ǆemal"},
    {"Cafe\xCC\x81 — … ...", "café — … ..."},
};

static void test_norms(void)
{
    for (size_t k = 0; k < sizeof norm_cases / sizeof *norm_cases; k++) {
        const tcase *c = &norm_cases[k];
        lede_token_buf tb;
        tokenize_or_die(c->input, strlen(c->input), &tb);
        char *got = render_norms(&tb);
        CHECK(strcmp(got, c->tokens) == 0, "input: %s\n  expected: %s\n  got:      %s", c->input, c->tokens, got);
        free(got);
        lede_token_buf_free(&tb);
    }
}

/* lede_normalize of one token's text equals that token's norm, and free text
 * is folded with hyphens mapped only inside words. */
static void test_lede_normalize(void)
{
    static const tcase ncases[] = {
        {"Russia’s", "russia's"},
        {"LAND–FOR–PEACE", "land-for-peace"},
        {"a – b", "a – b"},
        /* the letter ʼ (U+02BC) next to a dash inside a word: mapped to ' first,
         * it still counts as part of the word, as in the token's norm (found
         * by fuzz_normalize) */
        {"Aʼ–b", "a'-b"},
        {"“Terms Sheet”", "\"terms sheet\""},
        {"Cafe\xCC\x81", "café"},
        {"Straße", "strasse"},
        /* ŉ (U+0149) folds to ʼ (U+02BC) + n: the folded apostrophe is
         * mapped too, so normalizing twice changes nothing (found by
         * fuzz_stem) */
        {"\xC5\x89", "'n"},
        {"\xCA\xBCn", "'n"},
        /* the jamo of 각 (U+1100 U+1161 U+11A8) are letters to the
         * tokenizer, so the dash before them joins; NFC then composes the
         * syllable, which still counts as a letter here (found by
         * fuzz_normalize) */
        {"n\xE2\x80\x93\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", "n-\xEA\xB0\x81"},
        {"", ""},
    };
    for (size_t k = 0; k < sizeof ncases / sizeof *ncases; k++) {
        char *out = NULL;
        size_t n = 99;
        lede_error err;
        int rc = lede_normalize(ncases[k].input, strlen(ncases[k].input), &out, &n, &err);
        CHECK(rc == LEDE_OK && strcmp(out, ncases[k].tokens) == 0 && n == strlen(ncases[k].tokens),
              "lede_normalize(%s) = %s, expected %s", ncases[k].input, out ? out : "(null)", ncases[k].tokens);
        free(out);
    }
    char *out = NULL;
    lede_error err;
    int rc = lede_normalize("bad \xFF byte", 10, &out, NULL, &err);
    CHECK(rc == LEDE_ERR_ARG && out == NULL && strcmp(err.message, "lede_normalize: Invalid UTF-8 string") == 0,
          "invalid UTF-8: rc %d message %s", rc, rc ? err.message : "");
}

/* --------------------------------------------------------------- flags */

static void test_flags(void)
{
    const char *text = "NATO said\nU.S. iPhone 3D “Hi” ’Tis";
    lede_token_buf tb;
    tokenize_or_die(text, strlen(text), &tb);
    /* NATO said U.S. iPhone 3D “ Hi ” ’ Tis */
    static const uint16_t want[] = {
        LEDE_TF_SPACE_BEFORE | LEDE_TF_CAPITALIZED | LEDE_TF_ALLCAPS,
        LEDE_TF_SPACE_BEFORE,
        LEDE_TF_SPACE_BEFORE | LEDE_TF_LINE_BEFORE | LEDE_TF_CAPITALIZED | LEDE_TF_ALLCAPS,
        LEDE_TF_SPACE_BEFORE,
        LEDE_TF_SPACE_BEFORE | LEDE_TF_HAS_DIGIT,
        LEDE_TF_SPACE_BEFORE | LEDE_TF_DOUBLE_MARK,
        LEDE_TF_CAPITALIZED,
        LEDE_TF_DOUBLE_MARK,
        LEDE_TF_SPACE_BEFORE | LEDE_TF_SINGLE_MARK,
        LEDE_TF_CAPITALIZED,
    };
    CHECK(tb.n == sizeof want / sizeof *want, "flags text: %zu tokens", tb.n);
    for (size_t i = 0; i < tb.n && i < sizeof want / sizeof *want; i++)
        CHECK(tb.v[i].flags == want[i], "token %zu (%.*s): flags %#x, expected %#x", i,
              (int)(tb.v[i].end - tb.v[i].start), text + tb.v[i].start, tb.v[i].flags, want[i]);
    CHECK(tb.n > 8 && tb.v[8].quote == LEDE_QUOTE_OPEN, "’ before Tis opens");
    lede_token_buf_free(&tb);
}

/* A text with ~16 KiB of one long token and many tokens grows every buffer. */
static void test_growth(void)
{
    size_t n = 200000;
    char *text = malloc(n + 1);
    for (size_t i = 0; i < n; i++) text[i] = i < 16384 ? 'X' : (i % 2 ? 'a' : ' ');
    text[n] = '\0';
    lede_token_buf tb;
    tokenize_or_die(text, n, &tb);
    CHECK(tb.n == 1 + (n - 16384) / 2, "%zu tokens", tb.n);
    CHECK(tb.v[0].end == 16384 && tb.v[0].norm_len == 16384 && tb.norms[tb.v[0].norm] == 'x', "long token");
    lede_token_buf_free(&tb);
    free(text);
    /* a long non-ASCII token takes utf8proc's path with a heap buffer */
    size_t m = 3000;
    char *u = malloc(2 * m + 1);
    for (size_t i = 0; i < m; i++) memcpy(u + 2 * i, "\xC3\x89", 2); /* É */
    u[2 * m] = '\0';
    tokenize_or_die(u, 2 * m, &tb);
    CHECK(tb.n == 1 && tb.v[0].norm_len == 2 * m && memcmp(tb.norms, "\xC3\xA9", 2) == 0, "long É token");
    lede_token_buf_free(&tb);
    free(u);
}

/* Caller mistakes are refused with a message naming the function. */
static void test_errors(void)
{
    lede_token_buf tb;
    lede_error err;
    memset(&err, 0, sizeof err);
    int rc = lede_tokenize(NULL, 5, &tb, &err);
    CHECK(rc == LEDE_ERR_ARG && err.code == LEDE_ERR_ARG &&
              strcmp(err.message, "lede_tokenize: text is NULL") == 0 && tb.n == 0 && tb.v == NULL,
          "NULL text: rc %d, message %s", rc, err.message);
    rc = lede_tokenize(NULL, 0, &tb, &err);
    CHECK(rc == LEDE_OK && tb.n == 0, "NULL empty text: rc %d", rc);
    lede_token_buf_free(&tb);
    lede_token_buf_free(&tb); /* twice is harmless */
    lede_token_buf_free(NULL);
    rc = lede_normalize(NULL, 3, &(char *){NULL}, NULL, &err);
    CHECK(rc == LEDE_ERR_ARG && strcmp(err.message, "lede_normalize: text is NULL") == 0, "normalize NULL: %s",
          err.message);
}

int main(void)
{
    test_seed_passages();
    test_seed_invariants();
    test_cases();
    test_norms();
    test_lede_normalize();
    test_flags();
    test_growth();
    test_errors();
    return CHECK_SUMMARY("test_tokenize");
}
