#!/usr/bin/env bash
# End-to-end (issue 11 item 1): nothing from a bank or a result file reaches
# the terminal raw. A result whose strings hold escape sequences is shown by
# history and review with them escaped (\x1b...), error messages escape the
# paths they quote, and lint escapes a key name holding ESC.
. "$(dirname "$0")/lib/common.bash"

G="$FIXTURES/banks/good"
ESC=$'\033'
# no_raw FILE: the file holds no ESC, BEL or C1 CSI byte.
no_raw() { ! LC_ALL=C grep -q $'[\033\007\233]' "$1"; }

echo | "$CERTSIM" quiz --bank "$G" --domain 1 --count 2 --time-limit 5m > /dev/null 2>&1
r=$(last_result)
check "a quiz result to tamper with" [ -n "$r" ]
bad="$CERTSIM_HOME/results/20261202T185100.000Z-quiz.json"
jq -c '.quiz.source = "domain 1\u001b[2J" | .exam.code = "TEST\u001b]0;pwned\u0007" |
	.items[0].id = "q\u001b[31m"' "$r" > "$bad"
# The same exam code, so that review shows it (another code is refused).
bad2="$CERTSIM_HOME/results/20261202T185200.000Z-quiz.json"
jq -c '.quiz.source = "domain 1\u001b[2J" | .items[0].id = "q\u001b[31m"' "$r" > "$bad2"

# --all: every exam, with the code column (the tampered code is another exam's).
"$CERTSIM" history --all > "$TMP/history.out" 2>&1
check "history: exit 0" [ $? -eq 0 ]
check "history: no raw control bytes" no_raw "$TMP/history.out"
check "history: the escape shown as text" grep -qF 'quiz (domain 1\x1b[2' "$TMP/history.out"
check "history: the exam code escaped (cut to the column)" grep -qF 'TEST\x1b]0' "$TMP/history.out"

"$CERTSIM" review --all --bank "$G" "$bad" > "$TMP/review.out" 2>&1
check "review of another exam code: refused" [ $? -eq 1 ]
check "review of another exam code: no raw control bytes" no_raw "$TMP/review.out"
check "review of another exam code: the code escaped" grep -qF 'TEST\x1b]0;pwned\x07' "$TMP/review.out"

"$CERTSIM" review --all --bank "$G" "$bad2" > "$TMP/review2.out" 2>&1
check "review: no raw control bytes" no_raw "$TMP/review2.out"
check "review: the item id escaped" grep -qF '(q\x1b[31m)' "$TMP/review2.out"

"$CERTSIM" review "x${ESC}[31mred" > "$TMP/err.out" 2>&1
check "an error quoting a path: exit 1 or 3" [ $? -ne 0 ]
check "an error quoting a path: no raw ESC" no_raw "$TMP/err.out"
check "an error quoting a path: escaped" grep -qF 'x\x1b[31mred' "$TMP/err.out"

"$CERTSIM" bank lint "$FIXTURES/banks/control-string" > "$TMP/lint.out" 2>&1
check "lint: no raw control bytes" no_raw "$TMP/lint.out"
check "lint: the key name escaped" grep -qF 'unknown key "\x1b[31mred"' "$TMP/lint.out"

finish
