/* text.h — turning raw input bytes into a document's stored text. */
#ifndef LEDE_TEXT_H
#define LEDE_TEXT_H

#include "lede.h"

/* Called once for each repair made or problem noticed; offset is in the raw input. */
typedef void (*lede_warn_fn)(void *ud, uint64_t offset, const char *message);

/* Make stored text from raw bytes: drop a UTF-8 BOM, replace each maximal
 * invalid UTF-8 sequence by U+FFFD (one warning per sequence, naming its
 * offset), refuse NUL bytes and binary data (LEDE_ERR_FORMAT, message
 * "<name>: byte N: …"), and normalize to NFC. Line ends are kept as they are
 * (CR LF stays CR LF: the tokenizer treats CR as white space). *out is
 * malloc'd and NUL-terminated; warn may be NULL. */
int lede_text_repair(const char *raw, size_t len, const char *name, char **out, size_t *out_len,
                     lede_warn_fn warn, void *ud, lede_error *err);

#endif
