/* output_file.h — the program's `--output FILE` (output_file.c): standard
 * output goes to a temporary file that becomes FILE only on success. */
#ifndef LEDE_OUTPUT_FILE_H
#define LEDE_OUTPUT_FILE_H

#include <lua.h>

/* [-0, +0, m] Add output_open(path) and output_close(commit) to the table
 * at index t (the program's sys). */
void lede_output_register(lua_State *L, int t);

/* End a pending redirection: put standard output back, then rename the
 * temporary file to FILE (commit) or remove it. Returns 0 or an errno.
 * Does nothing when no output file is pending. */
int lede_output_finish(int commit);

/* Flush standard output: 0, or the errno of a failed write. */
int lede_output_flush_stdout(void);

#endif
