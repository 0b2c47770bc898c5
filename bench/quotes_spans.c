/* quotes_spans.c — evaluation driver for the quote-span scanner: loads a
 * file or directory, scans every document and writes its top-level quote
 * spans as JSON Lines in the prediction format of score_quotes.py
 * (speaker null, kind "direct"). Not part of the build; see docs/quotes.md:
 *
 *   cc -O2 -Icore bench/quotes_spans.c build/core/libledecore.a \
 *      $(pkg-config --libs sqlite3 libutf8proc jansson) -lxxhash -lm \
 *      -o build/quotes_spans
 *   build/quotes_spans ../shared/corpora/polnear/dev/text > dev.jsonl
 *   python3 ../shared/eval/score_quotes.py --polnear ../shared/corpora/polnear/dev dev.jsonl
 *
 * With --all, nested spans are written too (with their depth). */
#include "lede.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Write s[0, n) as a JSON string. */
static void put_json_string(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    int all = argc > 2 && strcmp(argv[2], "--all") == 0;
    if (argc < 2 || (argc > 2 && !all)) {
        fprintf(stderr, "usage: quotes_spans PATH [--all]\n");
        return 2;
    }
    lede_corpus *corpus = NULL;
    lede_error err = {0};
    if (lede_corpus_new(&corpus, &err) || lede_corpus_add_path(corpus, argv[1], NULL, &err)) {
        fprintf(stderr, "quotes_spans: %s\n", err.message);
        lede_corpus_free(corpus);
        return 1;
    }
    size_t ndocs = lede_corpus_count(corpus), nspans = 0;
    clock_t t0 = clock();
    for (size_t d = 0; d < ndocs; d++) {
        if (lede_doc_analyze(lede_corpus_doc(corpus, d), &err))
            fprintf(stderr, "quotes_spans: %s\n", err.message);
    }
    clock_t t1 = clock();
    double scan_s = 0;
    for (size_t d = 0; d < ndocs; d++) {
        lede_doc *doc = lede_corpus_doc(corpus, d);
        lede_quote_spans q = {0};
        clock_t ts = clock();
        int rc = lede_doc_quotes(doc, &q, &err);
        scan_s += (double)(clock() - ts) / CLOCKS_PER_SEC;
        if (rc) {
            fprintf(stderr, "quotes_spans: %s: %s\n", lede_doc_meta(doc)->name, err.message);
            continue;
        }
        const char *text = lede_doc_text(doc, NULL);
        for (size_t i = 0; i < q.n; i++) {
            const lede_quote_span *s = &q.v[i];
            if (s->depth && !all) continue;
            printf("{\"doc\": ");
            put_json_string(lede_doc_meta(doc)->name, strlen(lede_doc_meta(doc)->name));
            printf(", \"start\": %u, \"end\": %u, \"kind\": \"direct\", \"speaker\": null, \"mention\": null, "
                   "\"style\": \"%s\", \"flags\": %u, \"depth\": %u, \"text\": ",
                   s->start, s->end, lede_quote_style_name(s->style), (unsigned)s->flags, (unsigned)s->depth);
            put_json_string(text + s->start, s->end - s->start);
            printf("}\n");
            nspans++;
        }
        lede_quote_spans_free(&q);
    }
    fprintf(stderr, "quotes_spans: %zu spans in %zu documents; tokenizing %.3f s, scanning %.3f s\n", nspans,
            ndocs, (double)(t1 - t0) / CLOCKS_PER_SEC, scan_s);
    lede_corpus_free(corpus);
    return 0;
}
