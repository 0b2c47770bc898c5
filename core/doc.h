/* doc.h — the document's layout, shared by the loader, the index and doc.c. */
#ifndef LEDE_DOC_H
#define LEDE_DOC_H

#include "analyze.h"
#include "text.h"

struct lede_doc {
    char *text; /* stored text, NUL-terminated, owned */
    size_t len;
    lede_meta meta;  /* strings owned, each separately malloc'd (or NULL) */
    uint64_t content_hash;
    int analyzed;    /* tokens and segments are filled */
    lede_token_buf tokens;
    lede_segments segments;
    lede_offset_map source_map; /* stored -> source offsets; empty when they agree */
};

/* Take ownership of text (malloc'd, NUL-terminated, already repaired and
 * normalized) and copy meta; *out owns both. On failure text is freed. */
int lede_doc_adopt(char *text, size_t len, const lede_meta *meta, lede_doc **out, lede_error *err);

/* Give doc the offset map (taken over; *map is zeroed). */
void lede_doc_take_source_map(lede_doc *doc, lede_offset_map *map);

#endif
