/* lineedit.h — the REPL's terminal input, behind a few functions (as
 * SQLite's shell hides its line-editing library): libedit's readline
 * interface when standard input is a terminal, plain reading otherwise. */
#ifndef LEDE_LINEEDIT_H
#define LEDE_LINEEDIT_H

#include <lua.h>

/* [-0, +0, m] Add readline, add_history, load_history, save_history and
 * set_completer to the table at index t. */
void lede_lineedit_register(lua_State *L, int t);

#endif
