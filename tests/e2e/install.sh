#!/usr/bin/env bash
# End-to-end: cmake --install puts the program, the bundled bank and the docs in place,
# and the installed program finds its bank (also after the prefix moves).
. "$(dirname "$0")/lib/common.bash"

build=$(dirname "$CERTSIM")
cmake --install "$build" --prefix "$TMP/prefix" > "$TMP/install.log" 2>&1
check "cmake --install succeeds" [ $? -eq 0 ]
check "program installed" [ -x "$TMP/prefix/bin/certsim" ]
check "bank installed" [ -f "$TMP/prefix/share/certsim/mla-c01/exam.json" ]
check "docs installed" [ -f "$TMP/prefix/share/doc/certsim/README.md" ]
check "certsim(1) installed" [ -f "$TMP/prefix/share/man/man1/certsim.1" ]
check "certsim-bank(5) installed" [ -f "$TMP/prefix/share/man/man5/certsim-bank.5" ]
check "bash completion installed" [ -f "$TMP/prefix/share/bash-completion/completions/certsim" ]
check "zsh completion installed" [ -f "$TMP/prefix/share/zsh/site-functions/_certsim" ]
check "the installed bash completion registers _certsim for certsim" \
	bash -c '. "$1" && complete -p certsim | grep -q -- "-F _certsim"' _ \
	"$TMP/prefix/share/bash-completion/completions/certsim"
if command -v man > /dev/null; then
	check "man finds the installed pages" bash -c \
		'MANPATH="$1" man -w certsim | grep -q man1/certsim.1 &&
		 MANPATH="$1" man -w 5 certsim-bank | grep -q man5/certsim-bank.5' _ "$TMP/prefix/share/man"
fi
mv "$TMP/prefix" "$TMP/moved"
unset CERTSIM_BANK
bank=$("$TMP/moved/bin/certsim" bank stats --json | jq -r .bank)
check "installed program uses the installed bank ($bank)" [ "$bank" = "$TMP/moved/bin/../share/certsim/mla-c01" ]
"$TMP/moved/bin/certsim" bank lint > "$TMP/lint.out"
check "installed bank lints clean" [ $? -eq 0 ]
finish
