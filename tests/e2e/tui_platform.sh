#!/usr/bin/env bash
# End-to-end (issue 11 items 3 and 6): the full screen on unusual terminals.
# TERM=dumb gets line mode; below 80x24 the enlarge message is whole even at
# 20x10 and a hidden clock stays hidden; under LANG=C a bank with accents
# and CJK is drawn correctly, within the screen's width.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"

U="$FIXTURES/banks/unicode-stems"

# run_env NAME COLS ROWS ENV ARGS...: run_in with extra environment (e.g. TERM=dumb).
run_env() {
	local name=$1 cols=$2 rows=$3 envs=$4
	shift 4
	local cmd
	cmd=$(printf '%q ' "$CERTSIM" "$@")
	rm -f "$TMP/$name.rc"
	tm kill-session -t "$name" 2>/dev/null
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env CERTSIM_HOME=$(printf '%q' "$CERTSIM_HOME") LANG=C.UTF-8 NO_COLOR=1 $envs $cmd; echo \$? > $TMP/$name.rc; sleep 60"
}
# The screen as one line, runs of blanks as one space.
flat() { screen_of "$1" | tr -s ' \n' '  '; }

# TERM=dumb has no cursor addressing: line mode, not a broken full screen.
S=dumb
run_env $S 80 24 "TERM=dumb" quiz --bank "$U" --domain 1 --count 2 --seed 1 --time-limit 5m
check "TERM=dumb: line mode prompt" wait_for $S "^Answer \\(one letter\\)"
check "TERM=dumb: no full-screen start screen" \
	bash -c "! tmux -L '$SOCK' capture-pane -p -t $S | grep -q 'Ready to begin'"
lit $S "submit"
keys $S Enter
lit $S "y"
keys $S Enter
check "TERM=dumb: the quiz ends" wait_file "$TMP/$S.rc"
tm kill-session -t $S 2>/dev/null
rm -f "$CERTSIM_HOME/attempt.json"

# Too small: the message is whole at 20x10; a hidden clock stays hidden.
S=small
run_env $S 80 24 "" quiz --bank "$U" --domain 1 --count 2 --seed 1 --time-limit 5m
check "small: start screen" wait_for $S "Ready to begin"
keys $S Enter
check "small: question 1" wait_for $S "Question 1 of 2"
tm resize-window -t $S -x 20 -y 10
check "20x10: the enlarge message is shown" wait_for $S "Enlarge"
check "20x10: the enlarge message is whole" \
	grep -q "Enlarge the terminal to at least 80x24" <<< "$(flat $S)"
check "20x10: the clock is shown" grep -q "Time remaining" <<< "$(flat $S)"
tm resize-window -t $S -x 80 -y 24
check "80x24: back to the question" wait_for $S "Question 1 of 2"
lit $S "@"
check "the clock hidden" wait_for $S "Time hidden"
tm resize-window -t $S -x 20 -y 10
check "20x10, clock hidden: the enlarge message" wait_for $S "Enlarge"
check "20x10, clock hidden: no time shown" \
	bash -c "! tmux -L '$SOCK' capture-pane -p -t $S | grep -Eq '[0-9]:[0-9]{2}'"
tm resize-window -t $S -x 80 -y 24
check "80x24 again" wait_for $S "Question 1 of 2"
keys $S C-c
lit $S "y"
check "small: quit" wait_file "$TMP/$S.rc"
tm kill-session -t $S 2>/dev/null
rm -f "$CERTSIM_HOME/attempt.json"

# LANG=C: accents and CJK drawn as they are, lines within 80 columns.
S=clocale
run_env $S 80 24 "LANG=C LC_ALL=C" quiz --bank "$U" --domain 1 --count 4 --seed 3 --time-limit 5m
check "LANG=C: start screen" wait_for $S "Ready to begin"
keys $S Enter
seen=""
for i in 1 2 3 4; do
	check "LANG=C: question $i" wait_for $S "Question $i of 4"
	scr=$(screen_of $S)
	seen="$seen$scr"
	check "LANG=C: question $i has no M- or ~ escapes" bash -c "! grep -Eq 'M-|\\\\[0-9]{3}' <<< \"\$1\"" _ "$scr"
	wide=$(while IFS= read -r line; do
		w=$(printf '%s' "$line" | python3 -c 'import sys,unicodedata as u; s=sys.stdin.read(); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
		[ "$w" -gt 80 ] && echo "$line"
	done <<< "$scr")
	check "LANG=C: question $i fits 80 columns" [ -z "$wide" ]
	keys $S Right
done
check "LANG=C: accents shown" grep -q "Quelle étape prépare" <<< "$seen"
check "LANG=C: CJK shown" grep -q "欠損値" <<< "$seen"
check "LANG=C: German shown" grep -q "Entscheidungsbäume" <<< "$seen"
keys $S C-c
lit $S "y"
check "LANG=C: quit" wait_file "$TMP/$S.rc"

# --time-limit needs a unit: "5" is a usage error naming the accepted forms.
rm -f "$CERTSIM_HOME/attempt.json"
"$CERTSIM" quiz --bank "$U" --domain 1 --count 2 --time-limit 5 < /dev/null > "$TMP/tl.out" 2>&1
check "--time-limit 5: usage error (exit 2)" [ $? -eq 2 ]
check "--time-limit 5: names the forms" grep -q "90s, 45m, 2h or 1h30m" "$TMP/tl.out"
"$CERTSIM" quiz --bank "$U" --domain 1 --count 2 --time-limit 5m < /dev/null > /dev/null 2>&1
check "--time-limit 5m still works" [ $? -eq 0 ]

# A failing $PAGER: a warning, then the review as plain text on the terminal.
S=pager
run_env $S 100 40 "PAGER=/nonexistent/pager" review --all --bank "$U"
check "failing pager: review exits 0" wait_file "$TMP/$S.rc"
check "failing pager: exit 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
check "failing pager: a warning" grep -q "warning: the pager '/nonexistent/pager' failed" <<< "$(flat $S)"
check "failing pager: the review is shown" grep -q "items shown" <<< "$(flat $S)"
tm kill-session -t $S 2>/dev/null
S=pager2
run_env $S 100 40 "PAGER=cat" review --all --bank "$U"
check "PAGER=cat: the review is shown" wait_for $S "items shown"
check "PAGER=cat: no warning" bash -c "! tmux -L '$SOCK' capture-pane -p -t $S | grep -q warning"
tm kill-session -t $S 2>/dev/null

# Line mode on a terminal wraps at its width, words whole.
S=narrow
rm -f "$CERTSIM_HOME/attempt.json"
run_env $S 50 40 "" quiz --plain --bank "$U" --domain 1 --count 4 --seed 3 --time-limit 5m
check "narrow line mode: a question" wait_for $S "^Answer \\(one letter\\)"
scr=""
for i in 1 2 3 4; do
	scr="$scr$(screen_of $S)"$'\n'
	lit $S "n"
	keys $S Enter
	sleep 0.3
done
too_wide=$(while IFS= read -r line; do
	w=$(printf '%s' "$line" | python3 -c 'import sys,unicodedata as u; s=sys.stdin.read(); print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in s))')
	[ "$w" -gt 50 ] && echo "$line"
done <<< "$scr")
check "narrow line mode: no line wider than 50 columns" [ -z "$too_wide" ]
check "narrow line mode: a long stem is on several lines, words whole" \
	grep -q "^Quelle étape prépare les données pour" <<< "$scr"
check "narrow line mode: the next line starts with a whole word" \
	grep -Eq "^(l'entraînement|entraînement|du modèle)" <<< "$scr"
check "narrow line mode: the prompt wraps between words" grep -q "^submit, ? for help$" <<< "$scr"
check "narrow line mode: the rule fits" grep -qx -- "-\{50\}" <<< "$scr"
tm kill-session -t $S 2>/dev/null

finish
