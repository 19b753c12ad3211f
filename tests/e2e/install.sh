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
mv "$TMP/prefix" "$TMP/moved"
unset CERTSIM_BANK
bank=$("$TMP/moved/bin/certsim" bank stats --json | jq -r .bank)
check "installed program uses the installed bank ($bank)" [ "$bank" = "$TMP/moved/bin/../share/certsim/mla-c01" ]
"$TMP/moved/bin/certsim" bank lint > "$TMP/lint.out"
check "installed bank lints clean" [ $? -eq 0 ]
finish
