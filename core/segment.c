/* segment.c — paragraphs and sentences of tokenized news text.
 *
 * Paragraphs come from lines: in ordinary text every non-blank line is a
 * paragraph (one paragraph per line, or blank-line separated); in text
 * hard-wrapped at a fixed width (Reuters wires) lines are joined and a
 * paragraph starts after a blank line, at an indented or bullet line, or
 * after a short line. Whether a document is wrapped is judged per document
 * from its line lengths and line-final characters. Sentences are then found
 * inside each paragraph. The rules are documented in docs/tokenization.md. */
#include "error.h"
#include "lexical.h"

#include <stdlib.h>
#include <string.h>

typedef struct line_info {
    size_t start;         /* first byte of the line */
    unsigned indent;      /* leading spaces and tabs */
    unsigned width;       /* code points up to the last non-space one */
    int32_t first_cp;     /* first and last non-space code points (-1 if blank) */
    int32_t last_cp;
    int32_t second_cp;    /* the code point after the first one */
    uint32_t first_token; /* tokens starting on the line */
    uint32_t ntokens;
    int soft_break;       /* wraps mid-sentence into the next line */
    int para_start;
} line_info;

/* Is the code point at s[i] a line break? Returns its byte length or 0. */
static size_t line_break_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    if (c == '\n' || c == '\v' || c == '\f') return 1;
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0x85) return 2;                               /* NEL */
    if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) return 3; /* LS PS */
    return 0;
}

/* Split text into lines and measure each. *out is malloc'd. */
static int measure_lines(const char *text, size_t len, line_info **out, size_t *nout)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t cap = 16, n = 0;
    line_info *v = malloc(cap * sizeof *v);
    if (!v) return LEDE_ERR_NOMEM;
    size_t i = 0;
    for (;;) {
        if (n == cap) {
            cap *= 2;
            line_info *p = realloc(v, cap * sizeof *p);
            if (!p) {
                free(v);
                return LEDE_ERR_NOMEM;
            }
            v = p;
        }
        line_info *L = &v[n++];
        memset(L, 0, sizeof *L);
        L->start = i;
        L->first_cp = L->last_cp = L->second_cp = -1;
        int leading = 1, after_first = 0;
        unsigned col = 0;
        size_t br = 0;
        while (i < len && !(br = line_break_at(s, len, i))) {
            int32_t cp;
            size_t k = lede_u8_decode(s, len, i, &cp);
            int cls = lede_cclass(cp);
            col++;
            if (after_first == 1) {
                L->second_cp = cp;
                after_first = 2;
            }
            if (cls == LC_SPACE || cls == LC_OTHER || cls == LC_FORMAT) {
                if (leading && (cp == ' ' || cp == '\t')) L->indent++;
            } else {
                if (leading) {
                    L->first_cp = cp;
                    after_first = 1;
                }
                leading = 0;
                L->last_cp = cp;
                L->width = col;
            }
            i += k;
        }
        if (i >= len) break;
        i += br;
    }
    *out = v;
    *nout = n;
    return LEDE_OK;
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

/* A line that ends mid-sentence: its last character is a letter, a comma,
 * a hyphen or a semicolon (a wrapped line; a paragraph ends in . ! ? ” etc.). */
static int ends_mid_sentence(int32_t cp)
{
    int cls = lede_cclass(cp);
    return cls == LC_LOWER || cls == LC_UPPER || cls == LC_LETTER || cp == ',' || cp == '-' || cp == ';';
}

/* A bullet: - * • · ‣ ⁃ ▪ ● ► – — followed by a space. */
static int is_bullet(const line_info *L)
{
    int32_t c = L->first_cp;
    int bullet = c == '-' || c == '*' || c == 0x2022 || c == 0xB7 || c == 0x2023 || c == 0x2043 || c == 0x25AA ||
                 c == 0x25CF || c == 0x25BA || c == 0x2013 || c == 0x2014;
    return bullet && (L->second_cp == ' ' || L->second_cp == '\t' || L->second_cp == 0xA0);
}

/* Starts like a new paragraph: an upper-case letter, a digit, a quote mark or a bullet. */
static int starts_paragraph_like(const line_info *L)
{
    int cls = lede_cclass(L->first_cp);
    return cls == LC_UPPER || cls == LC_DIGIT || cls == LC_LETTER || cls == LC_CJK || cls == LC_PUNCT ||
           cls == LC_OPEN || is_bullet(L);
}

/* Decide which lines start paragraphs (see the file comment). */
static void mark_paragraph_starts(line_info *lines, size_t nlines, unsigned *scratch)
{
    size_t nw = 0;
    for (size_t l = 0; l < nlines; l++)
        if (lines[l].ntokens) scratch[nw++] = lines[l].width;
    unsigned w90 = 0;
    if (nw) {
        qsort(scratch, nw, sizeof *scratch, cmp_unsigned);
        w90 = scratch[(nw - 1) * 9 / 10];
    }
    /* Wrapped text: lines 40 to 100 columns wide, and at least two breaks
     * (and 30% of the breaks inside blocks) fall mid-sentence on a line
     * filled to 60% of the width: the line ends in a letter and the next
     * starts in lower case or with a digit, or the line ends in , ; or -.
     * Continuation lines then share one indent. */
    size_t breaks = 0, soft = 0;
    for (size_t l = 0; l + 1 < nlines; l++) {
        if (!lines[l].ntokens || !lines[l + 1].ntokens) continue;
        breaks++;
        int32_t last = lines[l].last_cp;
        int next_cls = lede_cclass(lines[l + 1].first_cp);
        int mid = last == ',' || last == ';' || last == '-' ||
                  (ends_mid_sentence(last) && (next_cls == LC_LOWER || next_cls == LC_DIGIT));
        if (lines[l].width * 10 >= w90 * 6 && mid) {
            lines[l].soft_break = 1;
            soft++;
        }
    }
    int wrapped = w90 >= 40 && w90 <= 100 && soft >= 2 && soft * 10 >= breaks * 3;
    unsigned cont_indent = 0;
    if (wrapped) {
        /* The commonest indent of lines that continue a soft break. */
        size_t nc = 0;
        for (size_t l = 0; l + 1 < nlines; l++)
            if (lines[l].soft_break) scratch[nc++] = lines[l + 1].indent;
        qsort(scratch, nc, sizeof *scratch, cmp_unsigned);
        size_t best = 0, run = 0;
        for (size_t k = 0; k < nc; k++) {
            run = k && scratch[k] == scratch[k - 1] ? run + 1 : 1;
            if (run > best) {
                best = run;
                cont_indent = scratch[k];
            }
        }
    }
    for (size_t l = 0; l < nlines; l++) {
        line_info *L = &lines[l];
        if (!L->ntokens) continue;
        if (!wrapped || l == 0 || !lines[l - 1].ntokens) {
            L->para_start = 1;
            continue;
        }
        const line_info *P = &lines[l - 1];
        int last_of_block = l + 1 == nlines || !lines[l + 1].ntokens;
        L->para_start = L->indent != cont_indent || is_bullet(L) ||
                        (P->width * 2 < w90 && starts_paragraph_like(L)) ||
                        /* a short final line without end punctuation: a byline or sign-off */
                        (last_of_block && L->width * 2 < w90 && ends_mid_sentence(L->last_cp) &&
                         !ends_mid_sentence(P->last_cp));
    }
}

/* ---------------------------------------------------------------- sentences */

/* Capitalized words after which an abbreviation's dot ends the sentence:
 * function words that start sentences but rarely follow "U.S." or "Inc." in
 * a name ("in the U.S. The talks" ends; "U.S. Senate" does not). */
static const char *const starters[] = {
    "a", "after", "all", "also", "although", "an", "and", "as", "at", "because", "before", "both", "but",
    "by", "during", "each", "for", "from", "he", "her", "here", "his", "how", "however", "i", "if", "in",
    "it", "its", "meanwhile", "most", "no", "not", "on", "one", "our", "she", "since", "so", "some",
    "that", "the", "their", "there", "these", "they", "this", "those", "though", "to", "we", "what",
    "when", "where", "which", "while", "who", "why", "with", "yet", "you",
};

static int is_starter(const unsigned char *word, size_t n)
{
    char norm[16];
    if (n >= sizeof norm) return 0;
    for (size_t k = 0; k < n; k++) {
        if (word[k] >= 0x80) return 0;
        norm[k] = (char)(word[k] >= 'A' && word[k] <= 'Z' ? word[k] + 32 : word[k]);
    }
    size_t lo = 0, hi = sizeof starters / sizeof *starters;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        size_t en = strlen(starters[mid]);
        int c = memcmp(norm, starters[mid], n < en ? n : en);
        if (c == 0) c = n < en ? -1 : n > en ? 1 : 0;
        if (c == 0) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

typedef struct seg_ctx {
    const unsigned char *s;
    size_t len;
    const lede_token *t;
} seg_ctx;

static int32_t first_cp(const seg_ctx *c, const lede_token *t)
{
    int32_t cp;
    lede_u8_decode(c->s, c->len, t->start, &cp);
    return cp;
}

/* A token that can end a sentence: . ! ? … ... and the CJK stops, or an
 * abbreviation ending in a dot. */
static int is_terminator(const seg_ctx *c, const lede_token *t)
{
    if (t->kind == LEDE_TOKEN_PUNCT) return lede_is_terminal_cp(first_cp(c, t));
    return t->kind == LEDE_TOKEN_ABBREV && c->s[t->end - 1] == '.';
}

/* Tokens that trail a sentence's final mark and belong to it: closing quotes
 * and brackets, further terminal marks ("?!", ".”)"). */
static int is_trailer(const seg_ctx *c, const lede_token *t)
{
    if (t->kind == LEDE_TOKEN_QUOTE)
        return t->quote == LEDE_QUOTE_CLOSE || (t->quote == LEDE_QUOTE_AMBIGUOUS && !(t->flags & LEDE_TF_SPACE_BEFORE));
    if (t->kind != LEDE_TOKEN_PUNCT || (t->flags & LEDE_TF_SPACE_BEFORE)) return 0;
    int32_t cp = first_cp(c, t);
    return lede_cclass(cp) == LC_CLOSE || lede_is_terminal_cp(cp);
}

/* Can this token begin a sentence after a . ! ? or …: a capitalized or
 * uncased word, a number, an opening quote or bracket, a CJK character. */
static int is_sentence_start(const seg_ctx *c, const lede_token *t)
{
    switch (t->kind) {
    case LEDE_TOKEN_WORD:
    case LEDE_TOKEN_ABBREV: {
        int cls = lede_cclass(first_cp(c, t));
        return cls == LC_UPPER || cls == LC_LETTER;
    }
    case LEDE_TOKEN_NUMBER:
    case LEDE_TOKEN_CJK:
    case LEDE_TOKEN_SYMBOL: return 1;
    case LEDE_TOKEN_QUOTE: return t->quote != LEDE_QUOTE_CLOSE;
    default: {
        int32_t cp = first_cp(c, t);
        return lede_cclass(cp) == LC_OPEN || cp == 0xBF || cp == 0xA1; /* ( [ ¿ ¡ */
    }
    }
}

/* Does the sentence end after token e, given the paragraph ends before p1?
 * *last receives the sentence's last token (e plus its trailers). */
static int sentence_ends(const seg_ctx *c, uint32_t e, uint32_t p1, uint32_t *last)
{
    const lede_token *t = c->t;
    uint32_t j = e + 1;
    while (j < p1 && is_trailer(c, &t[j])) j++;
    *last = j - 1;
    if (j >= p1) return 1;
    const lede_token *term = &t[e], *next = &t[j];
    int32_t tcp = first_cp(c, term);
    if (term->kind == LEDE_TOKEN_PUNCT && tcp >= 0x3000) return 1; /* 。！？ need no space */
    if (!(next->flags & LEDE_TF_SPACE_BEFORE) && !(next->kind == LEDE_TOKEN_QUOTE && next->quote == LEDE_QUOTE_OPEN))
        return 0;
    if (term->kind == LEDE_TOKEN_ABBREV) {
        size_t n = term->end - term->start - 1;
        if (lede_abbrev_lookup((const char *)c->s + term->start, n) == LEDE_ABBREV_TITLE) return 0;
        if (next->kind == LEDE_TOKEN_QUOTE) return next->quote == LEDE_QUOTE_OPEN;
        if (next->kind != LEDE_TOKEN_WORD || !(next->flags & LEDE_TF_CAPITALIZED)) return 0;
        /* After a closing quote any capitalized word starts anew; otherwise
         * only a function word does ("U.S. officials", "U.S. Senate"). */
        return j > e + 1 || is_starter(c->s + next->start, next->end - next->start);
    }
    return is_sentence_start(c, next);
}

/* ------------------------------------------------------------------ driver */

static int push_sentence(lede_segments *out, size_t *cap, const lede_token *t, uint32_t first, uint32_t last,
                         uint32_t para)
{
    if (out->nsentences == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        lede_sentence *p = realloc(out->sentences, ncap * sizeof *p);
        if (!p) return LEDE_ERR_NOMEM;
        out->sentences = p;
        *cap = ncap;
    }
    lede_sentence *s = &out->sentences[out->nsentences++];
    s->start = t[first].start;
    s->end = t[last].end;
    s->first_token = first;
    s->ntokens = last - first + 1;
    s->paragraph = para;
    return LEDE_OK;
}

void lede_segments_free(lede_segments *segs)
{
    if (!segs) return;
    free(segs->sentences);
    free(segs->paragraphs);
    memset(segs, 0, sizeof *segs);
}

int lede_segment(const char *text, size_t len, lede_token *tokens, size_t ntokens, lede_segments *out,
                 lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (ntokens == 0) return LEDE_OK;
    if (!text || !tokens) return lede_fail(err, LEDE_ERR_ARG, "lede_segment: text or tokens is NULL");
    line_info *lines = NULL;
    size_t nlines = 0;
    unsigned *scratch = NULL;
    if (measure_lines(text, len, &lines, &nlines)) goto nomem;
    scratch = malloc(nlines * sizeof *scratch);
    if (!scratch) goto nomem;

    /* Tokens to lines (both are in text order). */
    size_t l = 0;
    for (size_t k = 0; k < ntokens; k++) {
        while (l + 1 < nlines && lines[l + 1].start <= tokens[k].start) l++;
        if (!lines[l].ntokens) lines[l].first_token = (uint32_t)k;
        lines[l].ntokens++;
    }
    mark_paragraph_starts(lines, nlines, scratch);

    size_t npara = 0;
    for (l = 0; l < nlines; l++) npara += lines[l].para_start;
    out->paragraphs = calloc(npara, sizeof *out->paragraphs);
    if (!out->paragraphs) goto nomem;

    /* Paragraph token ranges: from a starting line to the next one. */
    size_t p = 0;
    for (l = 0; l < nlines; l++) {
        if (!lines[l].para_start) continue;
        lede_paragraph *P = &out->paragraphs[p++];
        P->first_token = lines[l].first_token;
    }
    for (p = 0; p < npara; p++) {
        uint32_t next = p + 1 < npara ? out->paragraphs[p + 1].first_token : (uint32_t)ntokens;
        out->paragraphs[p].ntokens = next - out->paragraphs[p].first_token;
    }
    out->nparagraphs = npara;

    seg_ctx c = {(const unsigned char *)text, len, tokens};
    size_t scap = 0;
    for (p = 0; p < npara; p++) {
        lede_paragraph *P = &out->paragraphs[p];
        uint32_t p0 = P->first_token, p1 = p0 + P->ntokens;
        P->start = tokens[p0].start;
        P->end = tokens[p1 - 1].end;
        P->first_sentence = (uint32_t)out->nsentences;
        uint32_t first = p0;
        for (uint32_t k = p0; k < p1; k++) {
            tokens[k].paragraph = (uint32_t)p;
            uint32_t last = k;
            int ends = k + 1 == p1;
            if (!ends && is_terminator(&c, &tokens[k])) ends = sentence_ends(&c, k, p1, &last);
            if (!ends) continue;
            for (uint32_t m = k + 1; m <= last; m++) tokens[m].paragraph = (uint32_t)p;
            if (push_sentence(out, &scap, tokens, first, last, (uint32_t)p)) goto nomem;
            for (uint32_t m = first; m <= last; m++) tokens[m].sentence = (uint32_t)(out->nsentences - 1);
            first = last + 1;
            k = last;
        }
        P->nsentences = (uint32_t)out->nsentences - P->first_sentence;
    }
    free(lines);
    free(scratch);
    return LEDE_OK;
nomem:
    free(lines);
    free(scratch);
    lede_segments_free(out);
    return lede_fail(err, LEDE_ERR_NOMEM, "lede_segment: out of memory");
}
