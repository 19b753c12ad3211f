#!/usr/bin/env bash
# End-to-end: the full-screen exam stopped by Ctrl-C (asked), SIGTERM and SIGHUP, then resumed;
# the start menu; an unknown TERM falls back to line mode.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"

B="$TMP/bank"
make_bank "$B"

# The pid of certsim running under session NAME (the child of the pane's shell).
pid_of() { ps -o pid= --ppid "$(tm display-message -p -t "$1" '#{pane_pid}')" | tr -d ' ' | head -1; }

# Ctrl-C asks; n goes on; y saves and exits 130.
export CERTSIM_HOME="$TMP/home-int"
ATT="$CERTSIM_HOME/attempt.json"
S=int
run_in $S 100 30 exam --bank "$B" --seed 1
check "started" wait_for $S "Ready to begin"
keys $S Enter
check "question 1" wait_for $S "Question 1 of 6"
answer_item $S "$ATT" 0
check "one answer recorded" wait_json "$ATT" ".items[0].response != null" true
lit $S ">"
check "question 2" wait_for $S "Question 2 of 6"
keys $S '*'
check "flagged" wait_json "$ATT" ".items[1].flagged" true
keys $S C-c
check "Ctrl-C asks to save and quit" wait_for $S "Save and quit\\? \\(y/n\\)"
keys $S n
check "n goes back to the exam" wait_gone $S "Save and quit"
check "still on question 2" wait_for $S "Question 2 of 6"
keys $S C-c
check "Ctrl-C asks again" wait_for $S "Save and quit\\? \\(y/n\\)"
keys $S y
check "Ctrl-C y exits" wait_file "$TMP/$S.rc"
check "Ctrl-C y exits 130" [ "$(cat "$TMP/$S.rc")" = 130 ]
check "attempt saved" [ -f "$ATT" ]
check "no result yet" [ -z "$(last_result)" ]
check "says how to resume" wait_for $S "certsim resume"
check "terminal restored after Ctrl-C" grep -Eq '(^| )icanon( |$)' "$TMP/$S.stty"
used=$(jq .used_ms "$ATT")

# Resume: the start screen says where the attempt stands; the answer and flag are kept.
S=res
run_in $S 100 30 resume
check "resume start screen" wait_for $S "Resuming: 1 of 6 answered, [0-9:]+ left"
keys $S Enter
check "resume continues at question 2" wait_for $S "Question 2 of 6 +\\[\\*\\] FLAGGED"
for n in 1 2 3 4 5; do
	check "resume: question $((n + 1))" wait_for $S "Question $((n + 1)) of 6"
	answer_item $S "$ATT" $n
	check "resume: item $((n + 1)) recorded" wait_json "$ATT" ".items[$n].response != null" true
	[ $n -lt 5 ] && lit $S ">"
done
lit $S "!"
check "resume: end confirmation" wait_for $S "0 unanswered, 0 incomplete, 1 flagged"
keys $S y
check "resume: results" wait_for $S "Result: PASS"
keys $S Enter
check "resume exits" wait_file "$TMP/$S.rc"
check "resume exit status 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
r=$(last_result)
check "resumed result: 6 of 6" [ "$(jq .score.correct "$r")" = 6 ]
check "resumed result: interrupted once" [ "$(jq .interruptions "$r")" = 1 ]
check "resumed result: flag kept" [ "$(jq .items[1].flagged "$r")" = true ]
check "resumed result: earlier time counted" [ "$(jq ".time_used_s * 1000 + 999 >= $used" "$r")" = true ]

# SIGTERM and SIGHUP: the attempt is saved and the terminal restored.
for sig in TERM HUP; do
	export CERTSIM_HOME="$TMP/home-$sig"
	ATT="$CERTSIM_HOME/attempt.json"
	S=sig$sig
	run_in $S 100 30 exam --bank "$B" --seed 1
	check "$sig: started" wait_for $S "Ready to begin"
	keys $S Enter
	check "$sig: question 1" wait_for $S "Question 1 of 6"
	answer_item $S "$ATT" 0
	check "$sig: answer saved" wait_json "$ATT" ".items[0].response != null" true
	kill -$sig "$(pid_of $S)"
	check "$sig: exits" wait_file "$TMP/$S.rc"
	code=$([ $sig = TERM ] && echo 143 || echo 129)
	check "$sig: exit status $code" [ "$(cat "$TMP/$S.rc")" = $code ]
	check "$sig: attempt saved" [ "$(jq '.items[0].response != null' "$ATT")" = true ]
	check "$sig: terminal restored" grep -Eq '(^| )icanon( |$)' "$TMP/$S.stty"
done

# The start menu: certsim with no arguments on a terminal.
export CERTSIM_HOME="$TMP/home-menu"
S=menu
run_in $S 80 24
check "menu: full exam" wait_for $S "Full practice exam \\(65 questions, 130 minutes\\)"
check "menu: quizzes" wait_for $S "Quiz on one domain"
keys $S Down Down Enter
check "menu: domain submenu" wait_for $S "Domain 1: Data Preparation for Machine Learning"
keys $S Escape
check "menu: back" wait_for $S "Full practice exam"
keys $S Escape
check "menu: Esc quits" wait_file "$TMP/$S.rc"
check "menu: exit 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
run_in $S 80 24
check "menu again" wait_for $S "Full practice exam"
keys $S Enter
check "menu: the exam's start screen" wait_for $S "Ready to begin\\? \\(Enter\\)"
check "menu: the bundled exam" wait_for $S "Questions: +65"
keys $S C-c
check "menu exam: quit asked" wait_for $S "Save and quit"
keys $S y
check "menu exam: exits 130" wait_file "$TMP/$S.rc"
check "menu exam: exit status 130" [ "$(cat "$TMP/$S.rc")" = 130 ]

# An unknown terminal type: line mode.
export CERTSIM_HOME="$TMP/home-term"
S=term
tm new-session -d -s $S -x 100 -y 30 \
	"env TERM=no-such-terminal CERTSIM_HOME=$CERTSIM_HOME $(printf '%q' "$CERTSIM") exam --bank $(printf '%q' "$B") --seed 1; echo \$? > $TMP/$S.rc; sleep 60"
check "unknown TERM: line mode" wait_for $S "^Question 1 of 6 *$"
check "unknown TERM: line-mode prompt" wait_for $S "Answer \\("
keys $S submit Enter
keys $S y Enter
check "unknown TERM: exits" wait_file "$TMP/$S.rc"
check "unknown TERM: exit 0" [ "$(cat "$TMP/$S.rc")" = 0 ]

# kill -9 in the middle of a full-screen exam loses nothing that was entered.
export CERTSIM_HOME="$TMP/home-kill"
ATT="$CERTSIM_HOME/attempt.json"
S=kill
run_in $S 100 30 exam --bank "$B" --seed 1
check "kill -9: started" wait_for $S "Ready to begin"
keys $S Enter
check "kill -9: question 1" wait_for $S "Question 1 of 6"
answer_item $S "$ATT" 0
check "kill -9: answer recorded" wait_json "$ATT" ".items[0].response != null" true
lit $S ">"
check "kill -9: question 2" wait_for $S "Question 2 of 6"
keys $S '*'
check "kill -9: flag recorded" wait_json "$ATT" ".items[1].flagged" true
kill -9 "$(pid_of $S)"
check "kill -9: process gone" wait_file "$TMP/$S.rc"
check "kill -9: attempt saved" [ -f "$ATT" ]
printf 'submit\ny\n' | "$CERTSIM" resume > "$TMP/kill-resume.out" 2>&1
check "kill -9: resume in line mode exits 0" [ $? -eq 0 ]
r=$(last_result)
check "kill -9: the answer survived" [ "$(jq '.items[0].response != null' "$r")" = true ]
check "kill -9: the flag survived" [ "$(jq .items[1].flagged "$r")" = true ]
check "kill -9: interruption counted" [ "$(jq .interruptions "$r")" = 1 ]
check "kill -9: resumed result verifies" "$CERTSIM" verify "$r"

# A crash (here SIGSEGV sent from outside) still gives the terminal back.
export CERTSIM_HOME="$TMP/home-crash"
S=crash
run_in $S 100 30 exam --bank "$B" --seed 1
check "crash: started" wait_for $S "Ready to begin"
keys $S Enter
check "crash: question 1" wait_for $S "Question 1 of 6"
kill -SEGV "$(pid_of $S)"
check "crash: process gone" wait_file "$TMP/$S.rc"
check "crash: killed by SIGSEGV" [ "$(cat "$TMP/$S.rc")" = 139 ]
check "crash: terminal modes restored" grep -Eq '(^| )icanon( |$)' "$TMP/$S.stty"
check "crash: attempt kept" [ -f "$CERTSIM_HOME/attempt.json" ]

finish
