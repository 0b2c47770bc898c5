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
    unsigned indent;      /* white space before its first token, in code points */
    unsigned width;       /* code points from the line's start to its last token's end */
    int32_t first_cp;     /* first code point of its first token */
    int32_t second_cp;    /* the code point after that one (-1 at the end of text) */
    int32_t last_cp;      /* last code point of its last token */
    uint32_t first_token; /* its tokens */
    uint32_t ntokens;
    uint8_t blank_before; /* first line of a block: the text's start or a blank line before it */
    uint8_t ends_function_word; /* its last token is a function word */
    uint8_t all_caps;     /* two or more words, all in capitals: a headline */
    uint8_t has_lower;    /* a word with a lower-case letter */
    uint8_t tabular;      /* a table row: 3+ spaces between tokens or a dot leader */
    uint8_t para_start;
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

/* Code points in s[from, to): bytes that are not UTF-8 continuation bytes. */
static unsigned count_cps(const unsigned char *s, size_t from, size_t to)
{
    unsigned n = 0;
    for (size_t i = from; i < to; i++) n += (s[i] & 0xC0) != 0x80;
    return n;
}

/* Fill a line's all_caps, has_lower and tabular from its n tokens. A word
 * has a lower-case letter unless it is in capitals, a single capital, or
 * starts with a digit or a mark (2016-17). */
static void measure_case(const unsigned char *s, const lede_token *t, size_t n, line_info *L)
{
    size_t caps = 0, lower = 0;
    for (size_t k = 0; k < n; k++) {
        if (k && t[k].start - t[k - 1].end >= 3) L->tabular = 1;
        size_t len = t[k].end - t[k].start;
        if (t[k].kind == LEDE_TOKEN_PUNCT && len >= 6 && s[t[k].start] == '.') L->tabular = 1;
        if (t[k].kind != LEDE_TOKEN_WORD && t[k].kind != LEDE_TOKEN_ABBREV) continue;
        unsigned c = s[t[k].start];
        if (t[k].flags & LEDE_TF_ALLCAPS) caps++;
        else if ((t[k].flags & LEDE_TF_CAPITALIZED) ? len > 1 : (c >= 'a' && c <= 'z') || c >= 0x80) lower++;
    }
    L->all_caps = caps >= 2 && lower == 0;
    L->has_lower = lower > 0;
}

/* Defined with its word list below. */
static int is_function_word(const unsigned char *w, size_t n);

/* Lines with tokens, measured from the tokens (LINE_BEFORE starts a line;
 * two line breaks in a gap make a blank line). *out is malloc'd. */
static int measure_lines(const unsigned char *s, size_t len, const lede_token *t, size_t n, line_info **out,
                         size_t *nout)
{
    size_t cap = 64, nl = 0, line_start = 0;
    line_info *v = malloc(cap * sizeof *v), *L = NULL;
    if (!v) return LEDE_ERR_NOMEM;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && k > 0 && !(t[k].flags & LEDE_TF_LINE_BEFORE)) {
            L->ntokens++;
            continue;
        }
        if (L) { /* close the current line at its last token */
            const lede_token *e = &t[L->first_token + L->ntokens - 1];
            int32_t cp;
            lede_u8_decode(s, len, lede_u8_prev(s, e->end), &cp);
            L->last_cp = cp;
            L->width = count_cps(s, line_start, e->end);
            L->ends_function_word =
                e->kind == LEDE_TOKEN_WORD && is_function_word(s + e->start, e->end - e->start);
        }
        if (k == n) break;
        if (nl == cap) {
            cap *= 2;
            line_info *p = realloc(v, cap * sizeof *p);
            if (!p) {
                free(v);
                return LEDE_ERR_NOMEM;
            }
            v = p;
        }
        L = &v[nl++];
        memset(L, 0, sizeof *L);
        size_t from = k ? t[k - 1].end : 0, breaks = 0;
        line_start = from;
        for (size_t i = from; i < t[k].start;) {
            size_t br = line_break_at(s, len, i);
            if (br) {
                breaks++;
                line_start = i + br;
                i += br;
            } else {
                i++;
            }
        }
        L->first_token = (uint32_t)k;
        L->ntokens = 1;
        L->blank_before = k == 0 || breaks >= 2;
        L->indent = count_cps(s, line_start, t[k].start);
        size_t m = lede_u8_decode(s, len, t[k].start, &L->first_cp);
        L->second_cp = -1;
        if (t[k].start + m < len) lede_u8_decode(s, len, t[k].start + m, &L->second_cp);
    }
    *out = v;
    *nout = nl;
    return LEDE_OK;
}

/* A line that ends mid-sentence: its last character is a letter, a comma,
 * a hyphen or a semicolon (a wrapped line; a paragraph ends in . ! ? ” etc.). */
static int ends_mid_sentence(int32_t cp)
{
    int cls = lede_cclass(cp);
    return cls == LC_LOWER || cls == LC_UPPER || cls == LC_LETTER || cp == ',' || cp == '-' || cp == ';';
}

/* A line whose last character can end a sentence: . ! ? … or a closing
 * quote or bracket. */
static int ends_sentence(int32_t cp)
{
    int cls = lede_cclass(cp);
    return lede_is_terminal_cp(cp) || cls == LC_CLOSE || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB;
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

/* Words (in lower case) that cannot end a sentence or a headline: a line ending
 * in one was wrapped. Sorted. */
static const char *const function_words[] = {
    "a", "about", "against", "an", "and", "are", "as", "at", "be", "between", "but", "by", "for", "from",
    "had", "has", "have", "his", "in", "into", "is", "its", "of", "on", "or", "per", "than", "that", "the",
    "their", "to", "was", "were", "will", "with", "would",
};

/* Is w[0, n) one of the function words, in any ASCII case? */
static int is_function_word(const unsigned char *w, size_t n)
{
    char lower[8];
    if (n >= sizeof lower) return 0;
    for (size_t k = 0; k < n; k++) lower[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
    for (size_t k = 0; k < sizeof function_words / sizeof *function_words; k++)
        if (function_words[k][0] == lower[0] && strncmp(function_words[k], lower, n) == 0 && function_words[k][n] == '\0')
            return 1; /* strncmp stops at a shorter word's NUL, so [n] is in bounds */
    return 0;
}

/* Decide which lines start paragraphs (see the file comment). */
static void mark_paragraph_starts(const unsigned char *s, const lede_token *t, line_info *lines, size_t nlines)
{
    /* The 90th percentile and the maximum of the line widths, from a
     * histogram capped at 255 columns (any wider means not wrapped). */
    size_t hist[256] = {0};
    unsigned wmax = 0, w90 = 0;
    for (size_t l = 0; l < nlines; l++) {
        unsigned w = lines[l].width < 255 ? lines[l].width : 255;
        hist[w]++;
        if (w > wmax) wmax = w;
    }
    size_t target = (nlines * 9 + 9) / 10, seen = 0; /* ceil(0.9 n) */
    for (unsigned w = 0; w < 256; w++) {
        seen += hist[w];
        if (seen >= target) {
            w90 = w;
            break;
        }
    }
    /* Continuation lines of wrapped text are flush with the margin: the
     * smallest indent of any line (0 in Reuters, whose paragraphs start
     * with 4 spaces). */
    unsigned margin = UINT32_MAX;
    for (size_t l = 0; l < nlines; l++)
        if (lines[l].indent < margin) margin = lines[l].indent;
    /* Wrapped text: lines up to 100 columns wide (90th percentile; the
     * widest at least 30), where a line continues at the margin in
     * mid-sentence. Strong evidence, once is enough: the next line starts
     * in lower case (or with a digit after a lower-case letter), or the line
     * ends in , ; - or a function word ("tender on" / "Wednesday"). Weak
     * evidence, needed for 10% of the breaks inside blocks: a line filled
     * to 80% of the width ends in a lower-case letter or digit.
     * One-paragraph-per-line text almost never breaks so; indented table
     * rows ("4.33 pct (4.32)" / "60-90 days") do not count. */
    size_t breaks = 0, soft = 0, strong = 0;
    for (size_t l = 0; l + 1 < nlines; l++) {
        if (lines[l + 1].blank_before) continue;
        breaks++;
        if (lines[l + 1].indent != margin) continue;
        int32_t last = lines[l].last_cp;
        int next_cls = lede_cclass(lines[l + 1].first_cp);
        int last_cls = lede_cclass(last);
        if (last == ',' || last == ';' || last == '-' || next_cls == LC_LOWER || lines[l].ends_function_word ||
            (next_cls == LC_DIGIT && last_cls == LC_LOWER))
            strong++;
        else if (lines[l].width * 10 >= w90 * 8 && (last_cls == LC_LOWER || last_cls == LC_DIGIT))
            soft++;
    }
    int wrapped = wmax >= 30 && w90 <= 100 && (strong >= 1 || (soft >= 1 && soft * 10 >= breaks));
    if (wrapped)
        for (size_t l = 0; l < nlines; l++) measure_case(s, t + lines[l].first_token, lines[l].ntokens, &lines[l]);
    for (size_t l = 0; l < nlines; l++) {
        line_info *L = &lines[l];
        if (!wrapped || L->blank_before) {
            L->para_start = 1;
            continue;
        }
        const line_info *P = &lines[l - 1];
        int last_of_block = l + 1 == nlines || lines[l + 1].blank_before;
        /* "- " at the margin after an unfinished line is a wrapped dash */
        int bullet = is_bullet(L) && !(L->indent == margin && lede_cclass(L->first_cp) == LC_DASH &&
                                       !ends_sentence(P->last_cp));
        L->para_start = L->indent != margin || bullet ||
                        /* a headline in capitals above mixed-case text */
                        (P->all_caps && L->has_lower) ||
                        /* table rows stand alone */
                        P->tabular || L->tabular ||
                        /* a short line ending a sentence, not a block's first line
                         * (which is often short: "Du Pont Co said the U.S.") */
                        (P->width * 2 < w90 && ends_sentence(P->last_cp) && !P->blank_before &&
                         starts_paragraph_like(L)) ||
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

/* Is word[0, n) a starter, in any ASCII case? */
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

/* The first code point of a token. */
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
    /* A lone capital and its dot at a soft line wrap (John F.⏎Miller, inside
     * one paragraph) is an initial the tokenizer could not see across the
     * line end: as after an abbreviation, only a function word starts anew. */
    if (j == e + 1 && e > 0 && tcp == '.' && !(term->flags & LEDE_TF_SPACE_BEFORE) &&
        (next->flags & LEDE_TF_LINE_BEFORE) && next->kind == LEDE_TOKEN_WORD &&
        (next->flags & LEDE_TF_CAPITALIZED)) {
        const lede_token *w = &t[e - 1];
        if (w->kind == LEDE_TOKEN_WORD && w->end - w->start == 1 && (w->flags & LEDE_TF_CAPITALIZED))
            return is_starter(c->s + next->start, next->end - next->start);
    }
    return is_sentence_start(c, next);
}

/* ------------------------------------------------------------------ driver */

/* Append the sentence of tokens [first, last] in paragraph `para`. */
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

/* Free the sentence and paragraph arrays and zero *segs. */
void lede_segments_free(lede_segments *segs)
{
    if (!segs) return;
    free(segs->sentences);
    free(segs->paragraphs);
    memset(segs, 0, sizeof *segs);
}

/* Lines, then paragraphs from lines, then sentences inside paragraphs;
 * every token gets its sentence and paragraph index. */
int lede_segment(const char *text, size_t len, lede_token *tokens, size_t ntokens, lede_segments *out,
                 lede_error *err)
{
    memset(out, 0, sizeof *out);
    if (ntokens == 0) return LEDE_OK;
    if (!text || !tokens) return lede_fail(err, LEDE_ERR_ARG, "lede_segment: text or tokens is NULL");
    line_info *lines = NULL;
    size_t nlines = 0;
    if (measure_lines((const unsigned char *)text, len, tokens, ntokens, &lines, &nlines)) goto nomem;
    mark_paragraph_starts((const unsigned char *)text, tokens, lines, nlines);

    size_t npara = 0, l;
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
    return LEDE_OK;
nomem:
    free(lines);
    lede_segments_free(out);
    return lede_fail(err, LEDE_ERR_NOMEM, "lede_segment: out of memory");
}
