/* index_analyzer.h — analyzing documents ahead of the index writer on a
 * second thread (index_analyzer.c). */
#ifndef LEDE_INDEX_ANALYZER_H
#define LEDE_INDEX_ANALYZER_H

#include "lede.h"

typedef struct lede_analyzer lede_analyzer;

/* Start analyzing docs[0, n) in order (docs stays borrowed until finish),
 * on a second thread if allow_thread and it pays. */
int lede_analyzer_start(lede_doc *const *docs, size_t n, int allow_thread, lede_analyzer **out,
                        lede_error *err);
/* Wait until docs[i] is analyzed (i in increasing order); returns its
 * status, with the tokenizer's message in err on failure. */
int lede_analyzer_wait(lede_analyzer *a, size_t i, lede_error *err);
/* The caller is done with docs[i]: drop its analysis if it had none before
 * and let the worker move on. */
void lede_analyzer_release(lede_analyzer *a, size_t i);
/* Stop the worker, drop analyses of documents never released, free. */
void lede_analyzer_finish(lede_analyzer *a);

#endif
