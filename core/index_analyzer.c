/* index_analyzer.c — tokenizing and segmenting the documents an index add
 * will store, one step ahead of it on a second thread.
 *
 * Analysis (tokenize + segment) is about a third of an index build and
 * needs nothing from the database, so while the caller stores document i a
 * worker thread analyzes documents i + 1 … i + LOOKAHEAD. Documents are
 * handed over in order under a mutex: the worker writes a document's
 * analysis before publishing it and never touches it again; the caller
 * reads it only after it is published. With one CPU (or few documents) the
 * caller analyzes each document itself when it asks for it. Either way a
 * document that was not analyzed before is returned to that state once it
 * is released, so a large corpus is never held in token form. The
 * tokenizer and segmenter keep no mutable global state, so two documents
 * can be analyzed on two threads. */
#include "index_analyzer.h"

#include "doc.h"
#include "error.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How far the worker may run ahead (documents held in token form). */
#define LOOKAHEAD 32
/* Fewer documents than this are analyzed on the calling thread. */
#define MIN_DOCS_FOR_THREAD 16

struct lede_analyzer {
    lede_doc *const *docs;
    size_t n;
    unsigned char *was_analyzed; /* per document: analyzed before we started */
    int threaded;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t worker_cond, caller_cond;
    size_t done;        /* the worker has analyzed docs[0, done) */
    size_t released;    /* the caller is finished with docs[0, released) */
    int worker_waiting; /* the worker sleeps until the caller catches up */
    int caller_waiting; /* the caller sleeps until `done` reaches caller_target */
    size_t caller_target;
    int stop;           /* the caller asks the worker to stop */
    int failed;       /* the worker failed on docs[done] */
    lede_error error; /* its message */
};

/* Drop a document's analysis if it was not there before we started. */
static void drop_analysis(lede_analyzer *a, size_t i)
{
    lede_doc *doc = a->docs[i];
    if (a->was_analyzed[i] || !doc->analyzed) return;
    lede_token_buf_free(&doc->tokens);
    lede_segments_free(&doc->segments);
    memset(&doc->tokens, 0, sizeof doc->tokens);
    memset(&doc->segments, 0, sizeof doc->segments);
    doc->analyzed = 0;
}

/* The worker: analyze documents in order, at most LOOKAHEAD ahead of the
 * caller, until all are done, one fails or the caller says stop. Each side
 * wakes the other only when it sleeps, and a full worker sleeps until half
 * the window is free, so the threads do not wake each other per document. */
static void *worker(void *arg)
{
    lede_analyzer *a = arg;
    for (size_t i = 0; i < a->n; i++) {
        pthread_mutex_lock(&a->mu);
        if (i - a->released >= LOOKAHEAD) {
            a->worker_waiting = 1;
            while (!a->stop && i - a->released > LOOKAHEAD / 2) pthread_cond_wait(&a->worker_cond, &a->mu);
            a->worker_waiting = 0;
        }
        int stop = a->stop;
        pthread_mutex_unlock(&a->mu);
        if (stop) break;
        lede_error err;
        int rc = lede_doc_analyze(a->docs[i], &err);
        pthread_mutex_lock(&a->mu);
        if (rc) {
            a->failed = 1;
            a->error = err;
            a->error.code = rc;
        } else {
            a->done = i + 1;
        }
        if (a->caller_waiting && (rc || a->done >= a->caller_target)) pthread_cond_signal(&a->caller_cond);
        pthread_mutex_unlock(&a->mu);
        if (rc) break;
    }
    return NULL;
}

int lede_analyzer_start(lede_doc *const *docs, size_t n, int allow_thread, lede_analyzer **out,
                        lede_error *err)
{
    *out = NULL;
    lede_analyzer *a = calloc(1, sizeof *a);
    if (!a || !(a->was_analyzed = malloc(n ? n : 1))) {
        free(a);
        return lede_fail(err, LEDE_ERR_NOMEM, "out of memory");
    }
    a->docs = docs;
    a->n = n;
    for (size_t i = 0; i < n; i++) a->was_analyzed[i] = (unsigned char)(docs[i]->analyzed != 0);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (allow_thread && cpus > 1 && n >= MIN_DOCS_FOR_THREAD && pthread_mutex_init(&a->mu, NULL) == 0) {
        int conds = 0;
        if (pthread_cond_init(&a->worker_cond, NULL) == 0) conds |= 1;
        if (pthread_cond_init(&a->caller_cond, NULL) == 0) conds |= 2;
        if (conds == 3 && pthread_create(&a->thread, NULL, worker, a) == 0) a->threaded = 1;
        if (!a->threaded) {
            if (conds & 1) pthread_cond_destroy(&a->worker_cond);
            if (conds & 2) pthread_cond_destroy(&a->caller_cond);
            pthread_mutex_destroy(&a->mu);
        }
    }
    *out = a;
    return LEDE_OK;
}

/* Block until docs[i] is analyzed (on this thread when there is no worker). */
int lede_analyzer_wait(lede_analyzer *a, size_t i, lede_error *err)
{
    if (!a->threaded) return lede_doc_analyze(a->docs[i], err);
    pthread_mutex_lock(&a->mu);
    if (a->done <= i && !a->failed) {
        /* Sleep until a few documents are ready, not just this one. */
        a->caller_target = i + LOOKAHEAD / 4 < a->n ? i + LOOKAHEAD / 4 : a->n;
        a->caller_waiting = 1;
        while (a->done < a->caller_target && !a->failed) pthread_cond_wait(&a->caller_cond, &a->mu);
        a->caller_waiting = 0;
    }
    int rc = LEDE_OK;
    if (a->done <= i) { /* the worker failed on document `done` <= i */
        rc = a->error.code;
        if (err) *err = a->error;
    }
    pthread_mutex_unlock(&a->mu);
    return rc;
}

/* The caller is done with docs[i]: drop its analysis and let the worker on. */
void lede_analyzer_release(lede_analyzer *a, size_t i)
{
    drop_analysis(a, i);
    if (!a->threaded) return;
    pthread_mutex_lock(&a->mu);
    a->released = i + 1;
    if (a->worker_waiting && a->done - a->released <= LOOKAHEAD / 2) pthread_cond_signal(&a->worker_cond);
    pthread_mutex_unlock(&a->mu);
}

/* Stop and join the worker, undo analyses nobody released, free. */
void lede_analyzer_finish(lede_analyzer *a)
{
    if (!a) return;
    size_t analyzed_upto = a->released;
    if (a->threaded) {
        pthread_mutex_lock(&a->mu);
        a->stop = 1;
        pthread_cond_signal(&a->worker_cond);
        pthread_mutex_unlock(&a->mu);
        pthread_join(a->thread, NULL);
        pthread_cond_destroy(&a->worker_cond);
        pthread_cond_destroy(&a->caller_cond);
        pthread_mutex_destroy(&a->mu);
        analyzed_upto = a->done + (a->failed ? 1 : 0);
    } else {
        analyzed_upto = a->n; /* any document may have been analyzed by wait */
    }
    /* Documents analyzed but never released (the add stopped early). */
    for (size_t i = a->released; i < analyzed_upto && i < a->n; i++) drop_analysis(a, i);
    free(a->was_analyzed);
    free(a);
}
