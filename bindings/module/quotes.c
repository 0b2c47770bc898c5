/*
 * quotes.c — the quote-span scanner for Lua (Document:quotes) and the
 * columnar token view attribution reads (Document:columns).
 *
 * Attribution (scripts/quotes.lua) looks at every token near every quote of
 * every article; a table per token would cost more than the analysis, so
 * Document:columns hands the tokens over as a few flat arrays instead.
 */
#include "lede_lua.h"

#include <string.h>

/* Span flag bits and the field names they become. */
static const struct {
    unsigned bit;
    const char *name;
} span_flags[] = {
    {LEDE_QSF_UNCLOSED, "unclosed"},   {LEDE_QSF_CONTINUES, "continues"},
    {LEDE_QSF_CONTINUED, "continued"}, {LEDE_QSF_MISMATCHED, "mismatched"},
    {LEDE_QSF_NO_OPENER, "no_opener"},
};

/* [-0, +0, m] t[key] = token index + 1, or nothing for LEDE_QUOTE_NO_TOKEN. */
static void set_token_index(lua_State *L, uint32_t token, const char *key)
{
    if (token == LEDE_QUOTE_NO_TOKEN) return;
    lua_pushinteger(L, (lua_Integer)token + 1);
    lua_setfield(L, -2, key);
}

/* [-0, +1, m] The table for one span. */
static void push_span(lua_State *L, const char *text, const lede_quote_span *s)
{
    lua_createtable(L, 0, 10);
    lua_pushinteger(L, s->start);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, s->end);
    lua_setfield(L, -2, "stop");
    lua_pushlstring(L, text + s->start, s->end - s->start);
    lua_setfield(L, -2, "text");
    set_token_index(L, s->open_token, "open_token");
    set_token_index(L, s->close_token, "close_token");
    lua_pushinteger(L, (lua_Integer)s->paragraph + 1);
    lua_setfield(L, -2, "paragraph");
    lua_pushinteger(L, s->depth);
    lua_setfield(L, -2, "depth");
    lua_pushstring(L, lede_quote_style_name(s->style));
    lua_setfield(L, -2, "style");
    for (size_t k = 0; k < sizeof span_flags / sizeof *span_flags; k++) {
        if (s->flags & span_flags[k].bit) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, span_flags[k].name);
        }
    }
}

/*** Document:quotes() -> {span, …} | nil, message, code
 * The document's quotations as the scanner finds them (docs/quotes.md has
 * the rules), in order of their opening, a quote before those nested in
 * it. Each span is a table:
 *
 * - `start`, `stop`: the quoted text's bytes, marks excluded, white space
 *   trimmed (0-based, end exclusive); `text` those bytes;
 * - `open_token`, `close_token`: 1-based index of the opening and closing
 *   mark's token, absent when there is none;
 * - `paragraph` (1-based), `depth` (0 at top level), `style` (`"double"`,
 *   `"single"`, `"guillemet"`, `"apostrophes"`, `"corner"`);
 * - `true` when set: `unclosed`, `continues`, `continued`, `mismatched`,
 *   `no_opener`.
 *
 *     local d = lede.load_string("“Yes,” Bruce said. She called it ‘fine’."):doc(1)
 *     local q = d:quotes()
 *     print(#q, q[1].text, q[1].start, q[1].stop, q[1].style) --> 2	Yes,	3	7	double
 *     print(q[2].text, q[2].open_token, q[2].paragraph)       --> fine	11	1
 *
 * [-0, +(1|3), v]
 */
static int doc_quotes(lua_State *L)
{
    lede_doc *doc = lede_lua_checkdoc(L, 1);
    lede_error err = {0};
    lede_quote_spans q = {0};
    if (lede_doc_quotes(doc, &q, &err) != LEDE_OK) return lede_lua_fail(L, &err);
    const char *text = lede_doc_text(doc, NULL);
    /* Building the tables can raise only for memory; the spans are then
     * lost with the state, which is acceptable for an out-of-memory exit. */
    lua_createtable(L, q.n > INT32_MAX ? INT32_MAX : (int)q.n, 0);
    for (size_t i = 0; i < q.n; i++) {
        push_span(L, text, &q.v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lede_quote_spans_free(&q);
    return 1;
}

/* Token kind names, as Document:token gives them. */
static const char *const kind_names[] = {"?", "word", "abbrev", "number", "cjk", "quote", "punct", "symbol"};

/*** Document:columns() -> {text = {…}, norm = {…}, kind = {…}, start = {…}, stop = {…}, sentence = {…}, paragraph = {…}, flags = {…}}
 * Every token of the document as parallel arrays (1-based, one entry per
 * token): the fast road for a script that reads all tokens, one table in
 * all instead of one per token. Fields mean what they mean in
 * `Document:token`; `flags` holds the `LEDE_TF_*` bits (1 capitalised,
 * 2 all capitals, 4 has a digit, 8 space before, 16 line break before,
 * 32 double quote mark, 64 single quote mark).
 *
 *     local c = lede.load_string("“Yes,” Bruce said."):doc(1):columns()
 *     print(#c.norm, c.text[5], c.norm[5], c.kind[5], c.start[5], c.flags[5] & 1) --> 7	Bruce	bruce	word	11	1
 *
 * [-0, +1, v]
 */
static int doc_columns(lua_State *L)
{
    lede_doc *doc = lede_lua_checkdoc(L, 1);
    lede_error err = {0};
    if (lede_doc_analyze(doc, &err) != LEDE_OK) return luaL_error(L, "%s", err.message);
    size_t n = lede_doc_ntokens(doc);
    const lede_token *t = lede_doc_tokens(doc);
    const char *text = lede_doc_text(doc, NULL);
    const char *norms = lede_doc_norms(doc);
    int nn = n > INT32_MAX ? INT32_MAX : (int)n;
    static const char *const fields[] = {"text", "norm", "kind", "start", "stop", "sentence", "paragraph", "flags"};
    enum { NFIELDS = sizeof fields / sizeof *fields };
    lua_createtable(L, 0, NFIELDS);
    int top = lua_gettop(L);
    for (int f = 0; f < NFIELDS; f++) lua_createtable(L, nn, 0);
    /* Stack: result, then one array per field at top + 1 + f. */
    for (int i = 0; i < nn; i++) {
        const lede_token *k = &t[i];
        lua_Integer at = (lua_Integer)i + 1;
        lua_pushlstring(L, text + k->start, k->end - k->start);
        lua_rawseti(L, top + 1, at);
        lua_pushlstring(L, norms + k->norm, k->norm_len);
        lua_rawseti(L, top + 2, at);
        lua_pushstring(L, k->kind < sizeof kind_names / sizeof *kind_names ? kind_names[k->kind] : "?");
        lua_rawseti(L, top + 3, at);
        lua_pushinteger(L, k->start);
        lua_rawseti(L, top + 4, at);
        lua_pushinteger(L, k->end);
        lua_rawseti(L, top + 5, at);
        lua_pushinteger(L, (lua_Integer)k->sentence + 1);
        lua_rawseti(L, top + 6, at);
        lua_pushinteger(L, (lua_Integer)k->paragraph + 1);
        lua_rawseti(L, top + 7, at);
        lua_pushinteger(L, k->flags);
        lua_rawseti(L, top + 8, at);
    }
    for (int f = NFIELDS - 1; f >= 0; f--) lua_setfield(L, top, fields[f]);
    return 1;
}

/* [-0, +0, m] Add the methods to the Document method table in `priv`. */
void lede_lua_open_quotes(lua_State *L, int priv)
{
    static const luaL_Reg methods[] = {
        {"quotes", doc_quotes},
        {"columns", doc_columns},
        {NULL, NULL}};
    priv = lua_absindex(L, priv);
    lua_getfield(L, priv, "Document");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 1);
}
