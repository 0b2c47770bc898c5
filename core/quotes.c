/* quotes.c — the quote-span scanner: pairs a document's quote marks into
 * spans of quoted text, one paragraph at a time (API in lede_quotes.h, rules
 * in docs/quotes.md).
 *
 * A paragraph is read in three passes over its marks: collect them with the
 * characters around them, settle which ones are apostrophes (from the
 * characters alone, and for `s’` from the next mark of its kind), then pair
 * them with a stack of open quotes. Each family of marks (double, single,
 * guillemet, …) threads its own list through the stack, so finding the
 * innermost open quote of a family is O(1) and the whole scan is linear in
 * the number of tokens, whatever the input. */
#include "lede.h"
#include "error.h"
#include "quote_marks.h"

#include <stdlib.h>
#include <string.h>

/* An internal glyph for a run of three or more apostrophes (''' = '' + '). */
#define QM_RUN QM_NGLYPHS

/* One mark of the paragraph being scanned. */
typedef struct qmark {
    uint32_t start, end;  /* its bytes (a run of apostrophes: the whole run) */
    uint32_t token;       /* the token holding its first byte */
    uint32_t sentence_start; /* first byte of its sentence */
    uint8_t glyph;        /* qm_glyph, or QM_RUN */
    uint8_t before, after; /* qm_char_class of the characters around it */
    uint8_t lo, lc;       /* looks like an opening / a closing mark */
    uint8_t either;       /* nothing tells: the quotes open so far decide (marks in CJK text) */
    uint8_t ignore;       /* an apostrophe or other non-quote use */
    uint8_t possessive;   /* `s’ word` with a closing-looking mark of its kind later on */
} qmark;

/* One span being built; `parent` is the slot of the quote it opened inside. */
typedef struct qslot {
    lede_quote_span span;
    int64_t parent;
    uint8_t open_glyph;
    uint8_t keep;
} qslot;

/* An open quote on the stack. */
typedef struct qentry {
    size_t slot;
    uint32_t mark_end; /* the byte after its opening mark */
    int64_t below; /* stack index of the next open quote of the same family, or -1 */
    uint8_t family, glyph;
} qentry;

typedef struct scanner {
    const char *text;
    size_t len;
    const lede_token *tokens;
    size_t ntokens;

    qslot *slots;
    size_t nslots, slots_cap;
    qentry *stack;
    size_t depth, stack_cap;
    int64_t top[QM_NFAMILIES]; /* innermost open quote of each family (stack index), or -1 */
    qmark *marks;
    size_t nmarks, marks_cap;

    /* the paragraph being scanned */
    uint32_t para;
    size_t first_token, end_token; /* its tokens [first, end) */
    uint32_t para_start, para_end; /* bytes from its first to its last token */
    int acted;                     /* a mark has opened or closed a quote in it */
    uint32_t acted_end;            /* the byte after the last such mark */
    int64_t carried[QM_NFAMILIES]; /* slot the previous paragraph left open, or -1 */
    int nomem;
} scanner;

/* Grow *v (elements of `size` bytes) to hold at least need; 0 on failure. */
static int grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 1;
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) ncap *= 2;
    if (ncap > SIZE_MAX / size) return 0;
    void *nv = realloc(*v, ncap * size);
    if (!nv) return 0;
    *v = nv;
    *cap = ncap;
    return 1;
}

/* ------------------------------------------------------------- context */

/* The byte length of code point cp in UTF-8 (cp >= 0). */
static uint32_t cp_len(int32_t cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

/* First byte after the white space starting at pos (pos itself if none). */
static uint32_t skip_space_forward(const scanner *sc, uint32_t pos)
{
    while (pos < sc->len) {
        int32_t cp = qm_cp_at(sc->text, sc->len, pos);
        if (!qm_is_space(cp)) break;
        pos += cp_len(cp);
    }
    return pos;
}

/* Start of the white space ending at pos (pos itself if none). */
static uint32_t skip_space_backward(const scanner *sc, uint32_t pos)
{
    while (pos > 0) {
        int32_t cp = qm_cp_before(sc->text, pos);
        if (!qm_is_space(cp)) break;
        pos -= cp_len(cp);
    }
    return pos;
}

/* Single marks that double as an apostrophe (‘ is one when miswritten: ‘90s). */
static int is_single_apostrophe_glyph(int g)
{
    return g == QM_RSQ || g == QM_SSQ || g == QM_LSQ || g == QM_REVS;
}

/* Whether the letters at pos spell a common elision that starts with an
 * apostrophe (’em, ’til, ’tis, ’twas, ’n’): then the mark before is one. */
static int elision_at(const scanner *sc, uint32_t pos)
{
    static const char *const words[] = {"em", "til", "tis", "twas", "n"};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
        size_t n = strlen(words[w]);
        if (pos + n > sc->len) continue;
        size_t i = 0;
        while (i < n && (sc->text[pos + i] | 0x20) == words[w][i]) i++;
        if (i < n) continue;
        if (qm_classify(qm_cp_at(sc->text, sc->len, pos + n)) != QM_C_ALNUM) return 1;
    }
    return 0;
}

/* Read the neighbours of mark m and decide what they allow: lo when it
 * follows a space, an opening bracket, a dash or another mark and is
 * followed by text; lc when it follows text and is followed by a space,
 * punctuation or another mark. Apostrophes are settled here. */
static void read_context(scanner *sc, qmark *m)
{
    int32_t prev = qm_cp_before(sc->text, m->start);
    int32_t next = qm_cp_at(sc->text, sc->len, m->end);
    qm_char_class pc = qm_classify(prev), nc = qm_classify(next);
    m->before = (uint8_t)pc;
    m->after = (uint8_t)nc;
    m->lo = (pc == QM_C_EDGE || pc == QM_C_SPACE || pc == QM_C_OPENER || pc == QM_C_MARK || pc == QM_C_CJK) &&
            nc != QM_C_EDGE && nc != QM_C_SPACE;
    m->lc = pc != QM_C_EDGE && pc != QM_C_SPACE &&
            (nc == QM_C_EDGE || nc == QM_C_SPACE || nc == QM_C_CLOSER || nc == QM_C_MARK || nc == QM_C_OPENER ||
             nc == QM_C_CJK);
    if (m->lo == m->lc) {
        /* the neighbours do not decide: the tokenizer's judgement does */
        uint8_t cls = sc->tokens[m->token].quote;
        if (cls == LEDE_QUOTE_OPEN) m->lo = 1, m->lc = 0;
        else if (cls == LEDE_QUOTE_CLOSE) m->lo = 0, m->lc = 1;
        else m->either = m->lo;
    }
    if (m->glyph == QM_SDQ && pc == QM_C_ALNUM && (next == 's' || next == 'S') &&
        qm_classify(qm_cp_at(sc->text, sc->len, m->end + 1)) != QM_C_ALNUM) {
        m->ignore = 1; /* a possessive apostrophe garbled into a double mark: India"s budget */
        return;
    }
    if (!is_single_apostrophe_glyph(m->glyph)) return;
    /* inside a word: Russia’s, rock’n’roll */
    if (pc == QM_C_ALNUM && nc == QM_C_ALNUM) {
        m->ignore = 1;
        return;
    }
    if (pc != QM_C_ALNUM && nc == QM_C_ALNUM) {
        /* a year cut short: ’90s, '16 (two digits, then no digit) */
        uint32_t p = m->end;
        if (p + 2 <= sc->len && qm_is_digit((unsigned char)sc->text[p]) &&
            qm_is_digit((unsigned char)sc->text[p + 1]) &&
            (p + 2 == sc->len || !qm_is_digit((unsigned char)sc->text[p + 2]))) {
            m->ignore = 1;
            return;
        }
        if (elision_at(sc, m->end)) {
            m->ignore = 1;
            return;
        }
        /* a possessive cut from its word (`Trump ’s plan`, `\n's thunder`): no quote starts with s */
        qm_char_class after_s = qm_classify(qm_cp_at(sc->text, sc->len, m->end + 1));
        if ((next == 's' || next == 'S') &&
            (after_s == QM_C_SPACE || after_s == QM_C_EDGE || after_s == QM_C_CLOSER)) {
            m->ignore = 1;
            return;
        }
    }
    if (pc == QM_C_ALNUM && (prev == 'n' || prev == 'N') && m->start >= 2) {
        /* the second mark of ’n’ (rock ’n’ roll): an apostrophe before the n,
         * itself not after a letter */
        uint32_t q = m->start - 1; /* the n */
        int32_t before = qm_cp_before(sc->text, q);
        uint32_t bl = before >= 0 ? cp_len(before) : 0;
        size_t l;
        if (bl && bl <= q && is_single_apostrophe_glyph(qm_read(sc->text + q - bl, bl, &l)) &&
            qm_classify(qm_cp_before(sc->text, q - bl)) != QM_C_ALNUM) {
            m->ignore = 1;
            return;
        }
    }
    if ((prev == 's' || prev == 'S') && nc == QM_C_SPACE && m->glyph != QM_LSQ) {
        /* `Witkoffs’ plans`: a possible plural possessive, settled in mark_possessives */
        uint32_t after = skip_space_forward(sc, m->end);
        if (after > m->end && qm_classify(qm_cp_at(sc->text, sc->len, after)) == QM_C_ALNUM)
            m->possessive = 1;
    }
}

/* A plural possessive (`the Witkoffs’ plans`) looks like a closing single
 * mark. It is read as an apostrophe when the next single mark of the same
 * kind (curly or straight) in the paragraph looks closing too, so that the
 * quote still has a mark to close it: `‘The Witkoffs’ plans,’ he said`. */
static void mark_possessives(scanner *sc)
{
    int next_closes[2] = {0, 0}; /* [straight, curly]: the next such mark looks closing */
    for (size_t i = sc->nmarks; i-- > 0;) {
        qmark *m = &sc->marks[i];
        if (m->ignore || qm_family_of(m->glyph) != QM_FAM_SINGLE || m->glyph == QM_RUN) continue;
        int curly = m->glyph != QM_SSQ;
        if (m->possessive && !next_closes[curly]) m->possessive = 0;
        next_closes[curly] = m->lc && !m->lo;
    }
}

/* Marks that delimit a markup attribute (`<tweet author="@x">`, `href=”…”`,
 * left in scraped text) are not quotation marks: a mark right after `=`
 * and the next mark of its family in the paragraph are skipped, and so is
 * a mark right before `>` (an attribute value cut by a line break). */
static void skip_markup(scanner *sc)
{
    int pending[QM_NFAMILIES] = {0};
    for (size_t i = 0; i < sc->nmarks; i++) {
        qmark *m = &sc->marks[i];
        if (m->glyph == QM_RUN) continue;
        qm_family fam = qm_family_of(m->glyph);
        if (pending[fam] || (m->end < sc->len && sc->text[m->end] == '>')) {
            m->ignore = 1;
            pending[fam] = 0;
        } else if (m->start > 0 && sc->text[m->start - 1] == '=') {
            m->ignore = 1;
            pending[fam] = 1;
        }
    }
}

/* ------------------------------------------------------------ collect */

/* Gather the marks of the paragraph's QUOTE tokens; adjacent apostrophes
 * become one run (two are a double mark, '' ). 0 on allocation failure. */
static int collect_marks(scanner *sc)
{
    sc->nmarks = 0;
    uint32_t sentence = sc->tokens[sc->first_token].sentence, sentence_start = sc->para_start;
    for (size_t t = sc->first_token; t < sc->end_token; t++) {
        const lede_token *tok = &sc->tokens[t];
        if (tok->sentence != sentence) sentence = tok->sentence, sentence_start = tok->start;
        if (tok->kind != LEDE_TOKEN_QUOTE) continue;
        uint32_t pos = tok->start;
        while (pos < tok->end) {
            size_t l;
            qm_glyph g = qm_read(sc->text + pos, tok->end - pos, &l);
            if (g == QM_SSQ && l == 1 && sc->nmarks > 0) {
                /* runs are of ASCII apostrophes, one byte each */
                qmark *last = &sc->marks[sc->nmarks - 1];
                if ((last->glyph == QM_RUN || (last->glyph == QM_SSQ && last->end - last->start == 1)) &&
                    last->end == pos) {
                    last->glyph = QM_RUN;
                    last->end = pos + 1;
                    pos += 1;
                    continue;
                }
            }
            if (g != QM_NONE) {
                if (!grow((void **)&sc->marks, &sc->marks_cap, sc->nmarks + 1, sizeof *sc->marks)) return 0;
                qmark *m = &sc->marks[sc->nmarks++];
                memset(m, 0, sizeof *m);
                m->start = pos;
                m->end = pos + (uint32_t)l;
                m->token = (uint32_t)t;
                m->sentence_start = sentence_start;
                m->glyph = (uint8_t)g;
            }
            pos += (uint32_t)(l ? l : 1);
        }
    }
    for (size_t i = 0; i < sc->nmarks; i++) {
        qmark *m = &sc->marks[i];
        if (m->glyph == QM_RUN && m->end - m->start == 2) m->glyph = QM_DAPOS;
        read_context(sc, m);
    }
    skip_markup(sc);
    mark_possessives(sc);
    return 1;
}

/* -------------------------------------------------------------- pairing */

/* Start a quote at an opening mark that ends at byte `end` and sits in
 * token `token`; the quoted text starts after the white space that follows. */
static void open_quote(scanner *sc, uint32_t end, uint32_t token, qm_glyph glyph)
{
    if (!grow((void **)&sc->slots, &sc->slots_cap, sc->nslots + 1, sizeof *sc->slots) ||
        !grow((void **)&sc->stack, &sc->stack_cap, sc->depth + 1, sizeof *sc->stack)) {
        sc->nomem = 1;
        return;
    }
    qm_family fam = qm_family_of(glyph);
    qslot *s = &sc->slots[sc->nslots];
    memset(s, 0, sizeof *s);
    s->span.start = skip_space_forward(sc, end);
    s->span.end = s->span.start;
    s->span.open_token = token;
    s->span.close_token = LEDE_QUOTE_NO_TOKEN;
    s->span.paragraph = sc->para;
    s->span.style = (uint8_t)qm_style_of(glyph);
    s->parent = sc->depth ? (int64_t)sc->stack[sc->depth - 1].slot : -1;
    s->open_glyph = (uint8_t)glyph;
    s->keep = 1;
    if (sc->depth == 0 && token == sc->first_token && sc->carried[fam] >= 0) {
        /* a paragraph that reopens the quote the last one left open */
        s->span.flags |= LEDE_QSF_CONTINUES;
        sc->slots[sc->carried[fam]].span.flags |= LEDE_QSF_CONTINUED;
    }
    qentry *e = &sc->stack[sc->depth];
    e->slot = sc->nslots;
    e->mark_end = end;
    e->below = sc->top[fam];
    e->family = (uint8_t)fam;
    e->glyph = (uint8_t)glyph;
    sc->top[fam] = (int64_t)sc->depth;
    sc->depth++;
    sc->nslots++;
    sc->acted = 1;
    sc->acted_end = end;
}

/* Pop the innermost open quote, ending it at byte `end` (already trimmed). */
static void pop_quote(scanner *sc, uint32_t end, uint8_t flags)
{
    qentry *e = &sc->stack[--sc->depth];
    sc->top[e->family] = e->below;
    qslot *s = &sc->slots[e->slot];
    s->span.end = end;
    s->span.flags |= flags;
}

/* Close the open quote at stack index `at` with a closing mark whose bytes
 * begin at `start`; quotes opened inside it and still open end there too. */
static void close_quote(scanner *sc, int64_t at, uint32_t start, uint32_t mark_end, uint32_t token,
                        qm_glyph glyph)
{
    uint32_t end = skip_space_backward(sc, start);
    while ((int64_t)sc->depth > at + 1) {
        qentry *inner = &sc->stack[sc->depth - 1];
        /* an opening single mark never closed inside a closed quote was most
         * likely an apostrophe */
        if (inner->family == QM_FAM_SINGLE) sc->slots[inner->slot].keep = 0;
        pop_quote(sc, end, LEDE_QSF_UNCLOSED);
    }
    qentry *e = &sc->stack[at];
    qslot *s = &sc->slots[e->slot];
    s->span.close_token = token;
    pop_quote(sc, end, qm_pair_matches(e->glyph, glyph) ? 0 : LEDE_QSF_MISMATCHED);
    sc->acted = 1;
    sc->acted_end = mark_end;
}

/* A closing mark with nothing to close: its opening mark was left out.
 * When it is the paragraph's first quote mark, the quote runs from the
 * paragraph's start (a quote carried over from the last paragraph without
 * reopening it); otherwise from the start of its sentence, when no quote
 * mark acted in that sentence before it (`''…,'' he said. I am not sure
 * why…''`); otherwise it is a stray mark and ignored. */
static void close_unopened(scanner *sc, const qmark *m, uint32_t start, uint32_t end, uint32_t token,
                           qm_glyph glyph)
{
    if (sc->depth) return;
    if (sc->acted && m->sentence_start < sc->acted_end) return;
    uint32_t from = sc->acted ? m->sentence_start : sc->para_start;
    if (!grow((void **)&sc->slots, &sc->slots_cap, sc->nslots + 1, sizeof *sc->slots)) {
        sc->nomem = 1;
        return;
    }
    qm_family fam = qm_family_of(glyph);
    qslot *s = &sc->slots[sc->nslots++];
    memset(s, 0, sizeof *s);
    s->span.start = from;
    s->span.end = skip_space_backward(sc, start);
    s->span.open_token = LEDE_QUOTE_NO_TOKEN;
    s->span.close_token = token;
    s->span.paragraph = sc->para;
    s->span.style = (uint8_t)qm_style_of(glyph);
    s->span.flags = LEDE_QSF_NO_OPENER;
    s->parent = -1;
    s->open_glyph = (uint8_t)glyph;
    s->keep = 1;
    if (sc->carried[fam] >= 0 && from == sc->para_start) {
        s->span.flags |= LEDE_QSF_CONTINUES;
        sc->slots[sc->carried[fam]].span.flags |= LEDE_QSF_CONTINUED;
    }
    sc->acted = 1;
    sc->acted_end = end;
}

/* Whether a mark after digits is a unit (5'11", 12” screen) rather than a quote. */
static int after_digit(const scanner *sc, uint32_t start)
{
    return qm_is_digit(qm_cp_before(sc->text, start));
}

/* Whether the mark at `start` follows a height in feet and inches (6’2”,
 * 5'11"): a digit, a prime or apostrophe, then one or two digits. Such a
 * mark is an inch sign even while a quote is open (`“he’s like 6’2”,”
 * Rubio said`), so the quote closes at the mark after it. */
static int after_feet(const scanner *sc, uint32_t start)
{
    uint32_t pos = start;
    int digits = 0;
    while (pos > 0 && digits < 3 && qm_is_digit(qm_cp_before(sc->text, pos))) {
        pos--;
        digits++;
    }
    if (digits < 1 || digits > 2) return 0;
    int32_t prime = qm_cp_before(sc->text, pos);
    if (prime != '\'' && prime != 0x2019 && prime != 0x2032) return 0;
    pos -= (uint32_t)cp_len(prime);
    return qm_is_digit(qm_cp_before(sc->text, pos));
}

/* End the innermost open quote without a closing mark, just before the
 * mark at `start` (a quote whose closing mark was left out). */
static void end_unclosed(scanner *sc, uint32_t start)
{
    pop_quote(sc, skip_space_backward(sc, start), LEDE_QSF_UNCLOSED);
}

/* What one mark does, given the quotes open so far. The rules by glyph:
 *   “ „ ‟ `` « ‹ 「 『  open; “ « ‹ also close an open quote of their family
 *                     when they stand after text or before a space (German
 *                     „…“ and »…«, or a miswritten `They see that. “`);
 *   ” » › 」 』       close the innermost open quote of their family (” and »
 *                     open when nothing is open and they stand before text);
 *   " ''              close an open quote of their family, else open, as the
 *                     neighbours say; one standing before text while a quote
 *                     of the same glyph is open starts a new quote, the open
 *                     one having lost its closing mark;
 *   ’ '               close an open single quote only when it is the
 *                     innermost open quote, else are apostrophes; after
 *                     sentence punctuation (`side.’ Schumer`) they close an
 *                     innermost double quote;
 *   ‘ ‚ ‛             open, or close an innermost single quote when they
 *                     look closing. */
static void do_mark(scanner *sc, const qmark *m, uint32_t start, uint32_t end, uint32_t token,
                    qm_glyph g)
{
    int lo = m->lo, lc = m->lc;
    int space_after = m->after == QM_C_SPACE || m->after == QM_C_EDGE;
    qm_family fam = qm_family_of(g);
    int64_t at = sc->top[fam];
    int innermost = at >= 0 && (size_t)at + 1 == sc->depth;
    qm_glyph open_glyph = at >= 0 ? (qm_glyph)sc->stack[at].glyph : QM_NONE;
    int64_t single = sc->top[QM_FAM_SINGLE];
    int64_t dbl = sc->top[QM_FAM_DOUBLE];
    switch (g) {
    case QM_LDQ: case QM_LAQ: case QM_LSAQ:
        /* closing: after text, or with nothing after it to open */
        if (at >= 0 && ((lc && !lo) || space_after) && (g == QM_LDQ || open_glyph != g))
            close_quote(sc, at, start, end, token, g);
        else open_quote(sc, end, token, g);
        return;
    case QM_LOWD: case QM_REVD: case QM_BACKTICKS: case QM_LCORNER: case QM_LWCORNER:
        open_quote(sc, end, token, g);
        return;
    case QM_RAQ: case QM_RSAQ:
        if (at >= 0 && (open_glyph != g || !lo || lc)) close_quote(sc, at, start, end, token, g);
        else if (at >= 0 || (lo && !lc)) open_quote(sc, end, token, g); /* »…« nests, or opens */
        else close_unopened(sc, m, start, end, token, g);
        return;
    case QM_RDQ: case QM_SDQ: case QM_DAPOS:
        if (m->either && g != QM_RDQ) {
            if (at >= 0) close_quote(sc, at, start, end, token, g);
            else open_quote(sc, end, token, g);
        } else if (at >= 0) {
            int opening = g != QM_RDQ && lo && !lc;
            if (opening && open_glyph != g) {
                open_quote(sc, end, token, g); /* “He said "no" to me” */
            } else if (opening && innermost) {
                /* at a sentence start this is the multi-paragraph convention
                 * with the paragraph break lost: `…myself. "I have not…"` */
                int carries = m->sentence_start == start;
                size_t old = sc->stack[at].slot;
                end_unclosed(sc, start);
                open_quote(sc, end, token, g);
                if (carries && !sc->nomem) {
                    sc->slots[old].span.flags |= LEDE_QSF_CONTINUED;
                    sc->slots[sc->nslots - 1].span.flags |= LEDE_QSF_CONTINUES;
                }
            } else if (!opening && after_feet(sc, start)) {
                return; /* an inch sign inside a quote: “he’s like 6’2”,” */
            } else {
                close_quote(sc, at, start, end, token, g);
            }
        } else if (lo && !lc) {
            open_quote(sc, end, token, g);
        } else if (g != QM_RDQ && !lc) {
            open_quote(sc, end, token, g); /* between two spaces or two words: a guess */
        } else if (after_digit(sc, start)) {
            return; /* inches: 5'11" */
        } else if (single >= 0 && (size_t)single + 1 == sc->depth) {
            close_quote(sc, single, start, end, token, g); /* ‘…” */
        } else {
            close_unopened(sc, m, start, end, token, g);
        }
        return;
    case QM_RCORNER: case QM_RWCORNER:
        if (at >= 0) close_quote(sc, at, start, end, token, g);
        else close_unopened(sc, m, start, end, token, g);
        return;
    case QM_LSQ: case QM_LOWS: case QM_REVS:
        if (innermost && lc && !lo) close_quote(sc, at, start, end, token, g);
        else if (lo || !lc) open_quote(sc, end, token, g);
        return;
    case QM_RSQ: case QM_SSQ:
        if (m->either && g == QM_SSQ) {
            if (innermost) close_quote(sc, at, start, end, token, g);
            else if (at < 0) open_quote(sc, end, token, g);
        } else if (innermost && !lo && !m->possessive) close_quote(sc, at, start, end, token, g);
        else if (at < 0 && lo && !lc) open_quote(sc, end, token, g);
        else if (innermost && lo && !lc && g == QM_SSQ && open_glyph != QM_SSQ) open_quote(sc, end, token, g);
        else if (at < 0 && dbl >= 0 && (size_t)dbl + 1 == sc->depth && m->before == QM_C_CLOSER && lc)
            close_quote(sc, dbl, start, end, token, g); /* “…side.’ */
        return;
    default:
        return;
    }
}

/* The token holding byte pos of an apostrophe run, searching on from the
 * token `from` (runs are read left to right, so the search never goes back). */
static uint32_t run_token(const scanner *sc, uint32_t from, uint32_t pos)
{
    while (from + 1 < sc->end_token && sc->tokens[from + 1].start <= pos) from++;
    return from;
}

/* A run of three or more apostrophes is a double mark ('') and a single
 * one ('). Closing, the single closes first when the innermost open quote
 * is single ('wrong track.''' ); opening, the double opens first ('''Sir). */
static void do_run(scanner *sc, const qmark *m)
{
    uint32_t pos = m->start, n = m->end - m->start, token = m->token;
    int closing = m->lc && !m->lo;
    int64_t single = sc->top[QM_FAM_SINGLE];
    int single_first = closing && single >= 0 && (size_t)single + 1 == sc->depth && (n % 2 == 1);
    if (single_first) {
        do_mark(sc, m, pos, pos + 1, token, QM_SSQ);
        pos++, n--;
    }
    while (n >= 2 && !sc->nomem) {
        token = run_token(sc, token, pos);
        do_mark(sc, m, pos, pos + 2, token, QM_DAPOS);
        pos += 2, n -= 2;
    }
    if (n == 1 && !sc->nomem) do_mark(sc, m, pos, pos + 1, run_token(sc, token, pos), QM_SSQ);
}

/* Whether token t begins a sentence. */
static int starts_sentence(const scanner *sc, uint32_t t)
{
    return t == sc->first_token || (t > 0 && sc->tokens[t - 1].sentence != sc->tokens[t].sentence);
}

/* End the paragraph: quotes still open run to its last token. An opening
 * single mark left open is kept only when it starts a sentence (a quote in
 * single marks running on into the next paragraph, British style);
 * elsewhere it was most likely an apostrophe. The outermost quote left
 * open may continue next paragraph. */
static void end_paragraph(scanner *sc)
{
    for (int f = 0; f < QM_NFAMILIES; f++) sc->carried[f] = -1;
    while (sc->depth) {
        qentry *e = &sc->stack[sc->depth - 1];
        qslot *s = &sc->slots[e->slot];
        if (e->family == QM_FAM_SINGLE && !starts_sentence(sc, s->span.open_token)) s->keep = 0;
        if (sc->depth == 1 && s->keep) sc->carried[e->family] = (int64_t)e->slot;
        pop_quote(sc, sc->para_end, LEDE_QSF_UNCLOSED);
    }
}

/* Pair the collected marks of one paragraph, then close it. */
static void scan_paragraph(scanner *sc)
{
    sc->acted = 0;
    for (size_t i = 0; i < sc->nmarks && !sc->nomem; i++) {
        const qmark *m = &sc->marks[i];
        if (m->ignore) continue;
        if (m->glyph == QM_RUN) do_run(sc, m);
        else do_mark(sc, m, m->start, m->end, m->token, (qm_glyph)m->glyph);
    }
    end_paragraph(sc);
}

/* --------------------------------------------------------------- public */

/* Check that the tokens fit the text: in order, not overlapping, inside it. */
static int check_tokens(const char *text, size_t len, const lede_token *tokens, size_t ntokens,
                        lede_error *err)
{
    if (!text && len) return lede_fail(err, LEDE_ERR_ARG, "lede_quotes_scan: text is NULL");
    if (!tokens && ntokens) return lede_fail(err, LEDE_ERR_ARG, "lede_quotes_scan: tokens is NULL");
    if (len > UINT32_MAX - 8)
        return lede_fail(err, LEDE_ERR_LIMIT, "lede_quotes_scan: text of %zu bytes is too long", len);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < ntokens; i++) {
        const lede_token *t = &tokens[i];
        if (t->start > t->end || t->end > len || t->start < prev_end)
            return lede_fail(err, LEDE_ERR_ARG,
                             "lede_quotes_scan: token %zu: span [%u, %u) does not fit the text "
                             "(%zu bytes, previous token ends at %u)",
                             i, t->start, t->end, len, prev_end);
        prev_end = t->end;
    }
    return LEDE_OK;
}

/* Turn the slots into the result: drop discarded and empty spans and
 * count each span's depth in kept quotes around it. */
static int finish(scanner *sc, lede_quote_spans *out)
{
    size_t n = 0;
    for (size_t i = 0; i < sc->nslots; i++) {
        qslot *s = &sc->slots[i];
        if (s->span.end <= s->span.start) s->keep = 0;
        if (s->keep) n++;
    }
    if (n == 0) return LEDE_OK;
    out->v = malloc(n * sizeof *out->v);
    if (!out->v) return LEDE_ERR_NOMEM;
    /* depth: parents come before children, so one pass settles it; a
     * discarded parent's depth is reused through span.depth as "kept
     * ancestors", and it does not count itself */
    for (size_t i = 0; i < sc->nslots; i++) {
        qslot *s = &sc->slots[i];
        uint32_t d = 0;
        if (s->parent >= 0) {
            const qslot *p = &sc->slots[s->parent];
            d = p->span.depth + (p->keep ? 1u : 0u);
        }
        s->span.depth = d > UINT16_MAX ? UINT16_MAX : (uint16_t)d;
        if (s->keep) out->v[out->n++] = s->span;
    }
    return LEDE_OK;
}

/* Scan paragraph by paragraph (see lede_quotes.h). */
int lede_quotes_scan(const char *text, size_t len, const lede_token *tokens, size_t ntokens,
                     lede_quote_spans *out, lede_error *err)
{
    if (!out) return lede_fail(err, LEDE_ERR_ARG, "lede_quotes_scan: out is NULL");
    memset(out, 0, sizeof *out);
    int rc = check_tokens(text, len, tokens, ntokens, err);
    if (rc) return rc;
    scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.text = text;
    sc.len = len;
    sc.tokens = tokens;
    sc.ntokens = ntokens;
    for (int f = 0; f < QM_NFAMILIES; f++) sc.top[f] = sc.carried[f] = -1;
    size_t i = 0;
    while (i < ntokens && !sc.nomem) {
        size_t j = i + 1;
        while (j < ntokens && tokens[j].paragraph == tokens[i].paragraph) j++;
        sc.para = tokens[i].paragraph;
        sc.first_token = i;
        sc.end_token = j;
        sc.para_start = tokens[i].start;
        sc.para_end = tokens[j - 1].end;
        if (!collect_marks(&sc)) sc.nomem = 1;
        else scan_paragraph(&sc);
        i = j;
    }
    rc = sc.nomem ? LEDE_ERR_NOMEM : finish(&sc, out);
    free(sc.slots);
    free(sc.stack);
    free(sc.marks);
    if (rc) {
        lede_quote_spans_free(out);
        return lede_fail(err, rc, "lede_quotes_scan: out of memory");
    }
    return LEDE_OK;
}

/* Free a scanner result (see lede_quotes.h). */
void lede_quote_spans_free(lede_quote_spans *spans)
{
    if (!spans) return;
    free(spans->v);
    spans->v = NULL;
    spans->n = 0;
}

/* The name of a lede_quote_style, for output. */
const char *lede_quote_style_name(int style)
{
    switch (style) {
    case LEDE_QSTYLE_DOUBLE: return "double";
    case LEDE_QSTYLE_SINGLE: return "single";
    case LEDE_QSTYLE_GUILLEMET: return "guillemet";
    case LEDE_QSTYLE_APOSTROPHES: return "apostrophes";
    case LEDE_QSTYLE_CORNER: return "corner";
    default: return "?";
    }
}
