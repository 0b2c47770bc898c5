#!/bin/sh
# valgrind_terminal.sh VALGRIND LEDE HISTORY_FILE
# lede repl under valgrind on a pseudo-terminal (script(1) provides one), so
# the line editor (libedit, history, the prompt) runs as it does for a user.
# Exits with valgrind's status: 1 on a memory error or a leak.
vg=$1 lede=$2 history=$3
printf 'error({})\n1 + 1\ncorpus:doc(1).name\n.quit\n' |
  LEDE_HISTORY="$history" script -qec \
    "'$vg' --error-exitcode=1 --leak-check=full --quiet '$lede' repl" /dev/null >/dev/null
