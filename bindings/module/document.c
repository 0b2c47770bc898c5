/*
 * document.c — the Document userdata: metadata fields, text, byte slices,
 * tokens, sentences and paragraphs, and their iterators.
 *
 * Positions, stated once for Lua: indices of tokens, sentences, paragraphs
 * and documents are 1-based like Lua arrays; byte offsets (`start`, `stop`)
 * are 0-based and half-open exactly as in the C API and the JSON output
 * (`stop` is the C `end`). So `text:sub(t.start + 1, t.stop)` is the token,
 * and so are `d:slice(t.start, t.stop)` and `t.text`.
 */
#include "lede_lua.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The usable document at `arg`, or raise (lede_lua.h). [-0, +0, v] */
lede_doc *lede_lua_checkdoc(lua_State *L, int arg)
{
    lede_ldoc *d = (lede_ldoc *)luaL_checkudata(L, arg, LEDE_DOCUMENT_MT);
    if (!d->doc) luaL_argerror(L, arg, "attempt to use a closed document");
    if (d->corpus) {
        if (!d->corpus->corpus) luaL_argerror(L, arg, "attempt to use a document of a closed corpus");
        d->doc = lede_corpus_doc(d->corpus->corpus, d->pos);
    }
    return d->doc;
}

/* [-0, +0, v] The document at `arg`, tokenized and segmented; raises with
 * the core's message if that fails (d:analyze() reports it as nil, message). */
static lede_doc *check_analyzed(lua_State *L, int arg)
{
    lede_doc *doc = lede_lua_checkdoc(L, arg);
    lede_error err = {0};
    if (lede_doc_analyze(doc, &err) != LEDE_OK) luaL_error(L, "%s", err.message);
    return doc;
}

/* A new owned Document, closed until the caller fills ->doc (lede_lua.h). [-0, +1, m] */
lede_ldoc *lede_lua_newowneddoc(lua_State *L, int parent, int64_t index_id)
{
    if (parent) parent = lua_absindex(L, parent);
    lede_ldoc *d = (lede_ldoc *)lua_newuserdatauv(L, sizeof *d, 1);
    d->doc = NULL; /* closed until the caller creates the document */
    d->corpus = NULL;
    d->pos = 0;
    d->owned = 1;
    d->index_id = index_id;
    luaL_setmetatable(L, LEDE_DOCUMENT_MT);
    if (parent) {
        lua_pushvalue(L, parent);
        lua_setiuservalue(L, -2, 1);
    }
    return d;
}

/* The one finaliser (__gc, __close, close): idempotent; frees only what it
 * owns. [-0, +0, -] */
static int doc_gc(lua_State *L)
{
    lede_ldoc *d = (lede_ldoc *)luaL_checkudata(L, 1, LEDE_DOCUMENT_MT);
    if (d->owned) lede_doc_free(d->doc);
    d->doc = NULL;
    d->corpus = NULL;
    return 0;
}

static const char *const kind_names[] = {"?", "word", "abbrev", "number", "cjk", "quote", "punct", "symbol"};
static const char *const quote_names[] = {NULL, "open", "close", "ambiguous"};

/* [-0, +0, m] t[key] = true when flags has bit. */
static void set_flag(lua_State *L, unsigned flags, unsigned bit, const char *key)
{
    if (flags & bit) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, key);
    }
}

/* Push the table describing token i (lede_lua.h). [-0, +1, m] */
void lede_lua_pushtoken(lua_State *L, lede_doc *doc, size_t i)
{
    const lede_token *t = &lede_doc_tokens(doc)[i];
    const char *text = lede_doc_text(doc, NULL);
    lua_createtable(L, 0, 12);
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_setfield(L, -2, "index");
    lua_pushlstring(L, text + t->start, t->end - t->start);
    lua_setfield(L, -2, "text");
    lua_pushlstring(L, lede_doc_norms(doc) + t->norm, t->norm_len);
    lua_setfield(L, -2, "norm");
    lua_pushstring(L, t->kind < sizeof kind_names / sizeof *kind_names ? kind_names[t->kind] : "?");
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, t->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, t->end);
    lua_setfield(L, -2, "stop");
    lua_pushinteger(L, (lua_Integer)t->sentence + 1);
    lua_setfield(L, -2, "sentence");
    lua_pushinteger(L, (lua_Integer)t->paragraph + 1);
    lua_setfield(L, -2, "paragraph");
    if (t->quote > 0 && t->quote < 4) {
        lua_pushstring(L, quote_names[t->quote]);
        lua_setfield(L, -2, "quote");
    }
    lua_pushinteger(L, t->flags);
    lua_setfield(L, -2, "flags");
    lua_pushinteger(L, (lua_Integer)t->hash);
    lua_setfield(L, -2, "hash");
    set_flag(L, t->flags, LEDE_TF_CAPITALIZED, "capitalized");
    set_flag(L, t->flags, LEDE_TF_ALLCAPS, "allcaps");
    set_flag(L, t->flags, LEDE_TF_HAS_DIGIT, "has_digit");
    set_flag(L, t->flags, LEDE_TF_SPACE_BEFORE, "space_before");
    set_flag(L, t->flags, LEDE_TF_LINE_BEFORE, "line_before");
}

/* [-0, +1, m] The table for sentence i (0-based). */
static void push_sentence(lua_State *L, lede_doc *doc, size_t i)
{
    const lede_sentence *s = &lede_doc_sentences(doc)[i];
    const char *text = lede_doc_text(doc, NULL);
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_setfield(L, -2, "index");
    lua_pushinteger(L, s->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, s->end);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, text + s->start, s->end - s->start);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)s->first_token + 1);
    lua_setfield(L, -2, "first_token");
    lua_pushinteger(L, s->ntokens);
    lua_setfield(L, -2, "ntokens");
    lua_pushinteger(L, (lua_Integer)s->paragraph + 1);
    lua_setfield(L, -2, "paragraph");
}

/* [-0, +1, m] The table for paragraph i (0-based). */
static void push_paragraph(lua_State *L, lede_doc *doc, size_t i)
{
    const lede_paragraph *p = &lede_doc_paragraphs(doc)[i];
    const char *text = lede_doc_text(doc, NULL);
    lua_createtable(L, 0, 8);
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_setfield(L, -2, "index");
    lua_pushinteger(L, p->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, p->end);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, text + p->start, p->end - p->start);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)p->first_sentence + 1);
    lua_setfield(L, -2, "first_sentence");
    lua_pushinteger(L, p->nsentences);
    lua_setfield(L, -2, "nsentences");
    lua_pushinteger(L, (lua_Integer)p->first_token + 1);
    lua_setfield(L, -2, "first_token");
    lua_pushinteger(L, p->ntokens);
    lua_setfield(L, -2, "ntokens");
}

/* The three kinds of element a document has, so token/sentence/paragraph
 * share one accessor and one iterator. */
typedef struct element_kind {
    const char *what;
    size_t (*count)(lede_doc *);
    void (*push)(lua_State *, lede_doc *, size_t);
} element_kind;

static const element_kind TOKENS = {"token", lede_doc_ntokens, lede_lua_pushtoken};
static const element_kind SENTENCES = {"sentence", lede_doc_nsentences, push_sentence};
static const element_kind PARAGRAPHS = {"paragraph", lede_doc_nparagraphs, push_paragraph};

/* d:<kind>(i): element i (1-based); raises when out of range. [-0, +1, v] */
static int element_at(lua_State *L, const element_kind *k)
{
    lede_doc *doc = check_analyzed(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    size_t n = k->count(doc);
    if (i < 1 || (lua_Unsigned)i > n)
        return luaL_argerror(L, 2, lua_pushfstring(L, "%s %I out of range (the document has %I)", k->what, i,
                                                   (lua_Integer)n));
    k->push(L, doc, (size_t)(i - 1));
    return 1;
}

/* Iterator step: (doc, i) -> i + 1, element; upvalue 1 is the element kind. [-0, +(0|2), v] */
static int element_next(lua_State *L)
{
    const element_kind *k = (const element_kind *)lua_touserdata(L, lua_upvalueindex(1));
    lede_doc *doc = check_analyzed(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 0 || (lua_Unsigned)i >= k->count(doc)) return 0;
    lua_pushinteger(L, i + 1);
    k->push(L, doc, (size_t)i);
    return 2;
}

/* d:<kinds>(): the generic-for triple (next, d, 0). [-0, +3, v] */
static int element_iter(lua_State *L, const element_kind *k)
{
    check_analyzed(L, 1);
    lua_pushlightuserdata(L, (void *)k);
    lua_pushcclosure(L, element_next, 1);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/*** Document:token(i) -> token
 * Token `i` (1-based; raises when out of range) as a table:
 *
 * - `text` (as in the document), `norm` (NFC, case-folded, apostrophes
 *   unified to `'`: the form used for matching), `kind` (`"word"`,
 *   `"abbrev"`, `"number"`, `"cjk"`, `"quote"`, `"punct"` or `"symbol"`);
 * - `start`, `stop`: its bytes, 0-based, end exclusive (`stop` is the C
 *   API's and JSON's `end`); `d:sub(t.start + 1, t.stop) == t.text`;
 * - `index` (i), `sentence` and `paragraph` (1-based indices);
 * - `quote` for quote marks: `"open"`, `"close"` or `"ambiguous"`;
 * - `flags` (the C `LEDE_TF_*` bits) and, when set, the booleans
 *   `capitalized`, `allcaps`, `has_digit`, `space_before`, `line_before`;
 * - `hash`: the 64-bit hash of `norm` as an integer.
 *
 *     local d = lede.load_string("“Yes,” Bruce said."):doc(1)
 *     local t = d:token(1)
 *     print(t.text, t.kind, t.quote, t.start, t.stop) --> “	quote	open	0	3
 *     print(d:token(5).text, d:token(5).capitalized)   --> Bruce	true
 *
 * [-0, +1, e]
 */
static int doc_token(lua_State *L) { return element_at(L, &TOKENS); }

/*** Document:tokens() -> iterator
 * Iterate over the tokens: `for i, t in d:tokens() do … end`, each `t` as
 * `Document:token` describes.
 *
 *     local d = lede.load_string("U.S. officials met."):doc(1)
 *     local words = {}
 *     for _, t in d:tokens() do words[#words + 1] = t.text .. "/" .. t.kind end
 *     print(table.concat(words, " "))  --> U.S./abbrev officials/word met/word ./punct
 *
 * [-0, +3, e]
 */
static int doc_tokens(lua_State *L) { return element_iter(L, &TOKENS); }

/*** Document:sentence(i) -> sentence
 * Sentence `i` (1-based; raises when out of range) as a table: `text`,
 * `start`, `stop` (0-based bytes, end exclusive, from its first to its last
 * token), `index`, `first_token`, `ntokens` and `paragraph` (1-based).
 *
 *     local d = lede.load_string("Rubio stayed home. Witkoff went to Moscow."):doc(1)
 *     local s = d:sentence(2)
 *     print(s.text, s.start, s.stop, s.first_token, s.ntokens) --> Witkoff went to Moscow.	19	42	5	5
 *
 * [-0, +1, e]
 */
static int doc_sentence(lua_State *L) { return element_at(L, &SENTENCES); }

/*** Document:sentences() -> iterator
 * Iterate over the sentences: `for i, s in d:sentences() do … end`.
 *
 *     local d = lede.load_string("He left. She stayed."):doc(1)
 *     for i, s in d:sentences() do print(i, s.text) end
 *     --> 1	He left.
 *     --> 2	She stayed.
 *
 * [-0, +3, e]
 */
static int doc_sentences(lua_State *L) { return element_iter(L, &SENTENCES); }

/*** Document:paragraph(i) -> paragraph
 * Paragraph `i` (1-based; raises when out of range) as a table: `text`,
 * `start`, `stop` (0-based bytes, end exclusive), `index`,
 * `first_sentence`, `nsentences`, `first_token` and `ntokens`.
 *
 *     local d = lede.load_string("Title\n\nOne. Two.\n"):doc(1)
 *     local p = d:paragraph(2)
 *     print(p.text, p.first_sentence, p.nsentences) --> One. Two.	2	2
 *
 * [-0, +1, e]
 */
static int doc_paragraph(lua_State *L) { return element_at(L, &PARAGRAPHS); }

/*** Document:paragraphs() -> iterator
 * Iterate over the paragraphs: `for i, p in d:paragraphs() do … end`.
 *
 *     local n = 0
 *     for _ in lede.load_string("A.\n\nB.\n\nC."):doc(1):paragraphs() do n = n + 1 end
 *     print(n)                                 --> 3
 *
 * [-0, +3, e]
 */
static int doc_paragraphs(lua_State *L) { return element_iter(L, &PARAGRAPHS); }

/*** Document:terms() -> {norm = count, …}
 * How often each normalized word occurs: a table from `norm` to its count
 * over the word-like tokens (kinds word, abbrev, number and cjk), without
 * building a table per token — the fast road to term frequencies.
 *
 *     local tf = lede.load_string("The talks, the TALKS and the talks’ end."):doc(1):terms()
 *     print(tf.the, tf.talks, tf["end"], tf[","]) --> 3	3	1	nil
 *
 * [-0, +1, e]
 */
static int doc_terms(lua_State *L)
{
    lede_doc *doc = check_analyzed(L, 1);
    size_t n = lede_doc_ntokens(doc);
    const lede_token *t = lede_doc_tokens(doc);
    const char *norms = lede_doc_norms(doc);
    lua_newtable(L);
    for (size_t i = 0; i < n; i++) {
        int k = t[i].kind;
        if (k != LEDE_TOKEN_WORD && k != LEDE_TOKEN_ABBREV && k != LEDE_TOKEN_NUMBER && k != LEDE_TOKEN_CJK)
            continue;
        lua_pushlstring(L, norms + t[i].norm, t[i].norm_len); /* tf, norm */
        lua_pushvalue(L, -1);
        lua_rawget(L, -3);                                    /* tf, norm, count|nil */
        lua_Integer c = lua_tointeger(L, -1);                 /* 0 for nil */
        lua_pop(L, 1);
        lua_pushinteger(L, c + 1);
        lua_rawset(L, -3);                                    /* tf */
    }
    return 1;
}

/*** #document -> integer
 * The number of tokens (`Document:nsentences()` and
 * `Document:nparagraphs()` count the others).
 *
 *     print(#lede.load_string("Hello, world."):doc(1)) --> 4
 *
 * [-0, +1, e]
 */
static int doc_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_doc_ntokens(check_analyzed(L, 1)));
    return 1;
}

/*** Document:nsentences() -> integer
 * The number of sentences.
 *
 *     print(lede.load_string("He left. She stayed."):doc(1):nsentences()) --> 2
 *
 * [-0, +1, e]
 */
static int doc_nsentences(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_doc_nsentences(check_analyzed(L, 1)));
    return 1;
}

/*** Document:nparagraphs() -> integer
 * The number of paragraphs.
 *
 *     print(lede.load_string("A.\n\nB."):doc(1):nparagraphs()) --> 2
 *
 * [-0, +1, e]
 */
static int doc_nparagraphs(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lede_doc_nparagraphs(check_analyzed(L, 1)));
    return 1;
}

/*** Document:analyze() -> true | nil, message, code
 * Tokenize and segment now, reporting a failure as `nil, message, code`
 * (the other accessors analyze on first use and raise if it fails).
 *
 *     assert(lede.load_string("Fine."):doc(1):analyze())
 *
 * [-0, +(1|3), v]
 */
static int doc_analyze(lua_State *L)
{
    lede_doc *doc = lede_lua_checkdoc(L, 1);
    lede_error err = {0};
    if (lede_doc_analyze(doc, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    lua_pushboolean(L, 1);
    return 1;
}

/*** Document:text() -> string
 * The stored text: the input after the loader's repairs (see
 * `Corpus:warnings`). Every byte offset lede reports is into this string.
 *
 *     print(lede.load_string("Hello"):doc(1):text()) --> Hello
 *
 * [-0, +1, v]
 */
static int doc_text(lua_State *L)
{
    size_t len;
    const char *text = lede_doc_text(lede_lua_checkdoc(L, 1), &len);
    lua_pushlstring(L, text, len);
    return 1;
}

/*** Document:sub(i [, j]) -> string
 * Bytes `i` to `j` of the text exactly as `string.sub` takes them (1-based,
 * inclusive, negative from the end), without copying the whole text.
 *
 *     local d = lede.load_string("Hello, world"):doc(1)
 *     print(d:sub(1, 5), d:sub(-5))            --> Hello	world
 *
 * [-0, +1, v]
 */
static int doc_sub(lua_State *L)
{
    size_t len;
    const char *text = lede_doc_text(lede_lua_checkdoc(L, 1), &len);
    lua_Integer l = (lua_Integer)len;
    lua_Integer i = luaL_optinteger(L, 2, 1), j = luaL_optinteger(L, 3, -1);
    /* string.sub's rules: negative counts from the end, then clamp to [1, l]. */
    if (i < 0) i = i < -l ? 1 : l + i + 1;
    else if (i == 0) i = 1;
    if (j < 0) j = j < -l ? 0 : l + j + 1;
    else if (j > l) j = l;
    if (i > j)
        lua_pushliteral(L, "");
    else
        lua_pushlstring(L, text + i - 1, (size_t)(j - i + 1));
    return 1;
}

/*** Document:slice(start [, stop]) -> string
 * The bytes `[start, stop)` in lede's 0-based, end-exclusive offsets (`stop`
 * defaults to the end), so a token, sentence or hit is
 * `d:slice(x.start, x.stop)`. Raises unless `0 <= start <= stop <= length`.
 *
 *     local d = lede.load_string("Hello, world"):doc(1)
 *     local t = d:token(3)
 *     print(d:slice(t.start, t.stop), d:slice(7)) --> world	world
 *
 * [-0, +1, v]
 */
static int doc_slice(lua_State *L)
{
    size_t len;
    const char *text = lede_doc_text(lede_lua_checkdoc(L, 1), &len);
    lua_Integer start = luaL_checkinteger(L, 2), stop = luaL_optinteger(L, 3, (lua_Integer)len);
    if (start < 0 || (lua_Unsigned)start > len)
        return luaL_argerror(L, 2,
                             lua_pushfstring(L, "offset %I outside the text (0..%I)", start, (lua_Integer)len));
    if (stop < start || (lua_Unsigned)stop > len)
        return luaL_argerror(L, 3,
                             lua_pushfstring(L, "offset %I outside %I..%I", stop, start, (lua_Integer)len));
    lua_pushlstring(L, text + start, (size_t)(stop - start));
    return 1;
}

/*** Document:source_offset(offset) -> integer
 * The byte offset in the document's source (its file, the standard input, or
 * the JSON string of a JSON Lines record) of a 0-based offset in the stored
 * text. They differ only where the loader dropped a BOM, replaced invalid
 * UTF-8 or normalized to NFC (its warnings say so); use it to report offsets
 * against the original file. A document read back from an index maps
 * offsets the same way (the index stores the map). Raises unless
 * `0 <= offset <= length`.
 *
 *     local d = lede.load_string("\xEF\xBB\xBFCaf\u{65}\u{301} owner"):doc(1)
 *     print(d:slice(0, 5), d:source_offset(5)) --> Café	9
 *
 * [-0, +1, v]
 */
static int doc_source_offset(lua_State *L)
{
    lede_doc *doc = lede_lua_checkdoc(L, 1);
    size_t len;
    lede_doc_text(doc, &len);
    lua_Integer off = luaL_checkinteger(L, 2);
    if (off < 0 || (lua_Unsigned)off > len)
        return luaL_argerror(L, 2,
                             lua_pushfstring(L, "offset %I outside the text (0..%I)", off, (lua_Integer)len));
    lua_pushinteger(L, (lua_Integer)lede_doc_source_offset(doc, (size_t)off));
    return 1;
}

/*** Document:close()
 * Release the document. A document loaded from an index (or made by
 * `lede.tokenize`) owns its memory and frees it now; one taken from a corpus
 * only stops being usable (the corpus owns it). Calling it again does
 * nothing; a Document is also a to-be-closed value.
 *
 *     local d = lede.load_string("x"):doc(1)
 *     d:close()
 *     print(tostring(d))                       --> lede.Document (closed)
 *
 * [-0, +0, v]
 */
static int doc_close(lua_State *L) { return doc_gc(L); }

/*** Document fields: name, title, date, source, url, id, hash, bytes, index_id
 * Metadata, read as fields: `d.name` (the file as given, `path:line` for a
 * JSON Lines record, `<stdin>`; always set), `d.title`, `d.date`,
 * `d.source` (the outlet), `d.url`, `d.id` (strings, or nil when the input
 * did not say), `d.hash` (the content hash as 16 hex digits), `d.bytes`
 * (the stored text's length) and `d.index_id` (the id in the index it was
 * read from, or nil).
 *
 *     local d = lede.load_string("Text.", {title = "A title", date = "2025-04-23"}):doc(1)
 *     print(d.name, d.title, d.date, d.source, d.bytes) --> <string>	A title	2025-04-23	nil	5
 *
 * [-0, +1, v]
 */
static int doc_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *key = lua_tostring(L, 2);
        static const char *const keys[] = {"name", "title", "date", "source", "url", "id",
                                           "hash", "bytes", "index_id", NULL};
        int k = 0;
        while (keys[k] && strcmp(keys[k], key) != 0) k++;
        if (keys[k]) {
            lede_doc *doc = lede_lua_checkdoc(L, 1);
            const lede_meta *m = lede_doc_meta(doc);
            const char *v = NULL;
            switch (k) {
            case 0: v = m->name; break;
            case 1: v = m->title; break;
            case 2: v = m->date; break;
            case 3: v = m->source; break;
            case 4: v = m->url; break;
            case 5: v = m->id; break;
            case 6: {
                char hex[17];
                snprintf(hex, sizeof hex, "%016" PRIx64, lede_doc_content_hash(doc));
                lua_pushstring(L, hex);
                return 1;
            }
            case 7: {
                size_t len;
                lede_doc_text(doc, &len);
                lua_pushinteger(L, (lua_Integer)len);
                return 1;
            }
            default: {
                lede_ldoc *d = (lede_ldoc *)lua_touserdata(L, 1);
                if (d->index_id) lua_pushinteger(L, d->index_id);
                else lua_pushnil(L);
                return 1;
            }
            }
            lua_pushstring(L, v); /* nil when absent */
            return 1;
        }
    }
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1)); /* a method, or nil */
    return 1;
}

/* __tostring: "lede.Document (name, N bytes)" or "lede.Document (closed)". [-0, +1, m] */
static int doc_tostring(lua_State *L)
{
    lede_ldoc *d = (lede_ldoc *)luaL_checkudata(L, 1, LEDE_DOCUMENT_MT);
    if (!d->doc || (d->corpus && !d->corpus->corpus)) {
        lua_pushliteral(L, "lede.Document (closed)");
        return 1;
    }
    lede_doc *doc = lede_lua_checkdoc(L, 1);
    size_t len;
    lede_doc_text(doc, &len);
    lua_pushfstring(L, "lede.Document (%s, %I bytes)", lede_doc_meta(doc)->name, (lua_Integer)len);
    return 1;
}

/* Register the Document type, whose __index serves fields then methods. [-0, +0, m] */
void lede_lua_open_document(lua_State *L, int priv)
{
    priv = lua_absindex(L, priv);
    static const luaL_Reg meta[] = {
        {"__gc", doc_gc},
        {"__close", doc_gc},
        {"__len", doc_len},
        {"__tostring", doc_tostring},
        {NULL, NULL}};
    static const luaL_Reg methods[] = {
        {"text", doc_text},
        {"sub", doc_sub},
        {"slice", doc_slice},
        {"source_offset", doc_source_offset},
        {"token", doc_token},
        {"tokens", doc_tokens},
        {"sentence", doc_sentence},
        {"sentences", doc_sentences},
        {"paragraph", doc_paragraph},
        {"paragraphs", doc_paragraphs},
        {"nsentences", doc_nsentences},
        {"nparagraphs", doc_nparagraphs},
        {"terms", doc_terms},
        {"analyze", doc_analyze},
        {"close", doc_close},
        {NULL, NULL}};
    lede_lua_newtype(L, priv, LEDE_DOCUMENT_MT, "Document", meta, methods);
    /* Fields before methods: replace __index by a function over the methods table. */
    luaL_getmetatable(L, LEDE_DOCUMENT_MT);
    lua_getfield(L, priv, "Document");
    lua_pushcclosure(L, doc_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}
