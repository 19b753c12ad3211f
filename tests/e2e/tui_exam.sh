#!/usr/bin/env bash
# End-to-end: a full-screen exam in tmux: start, clock, every item type, flag, review, resize, end, results.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"

B="$TMP/bank"
make_bank "$B"
ATT="$CERTSIM_HOME/attempt.json"
S=exam

run_in $S 100 30 exam --bank "$B" --seed 1
check "start screen: title, code, count, limit, pass mark" wait_for $S "Ready to begin\\? \\(Enter\\)"
scr=$(screen_of $S)
check "start screen names the exam and code" grep -q "Terminal Interface Test Exam (TUI-01)" <<< "$scr"
check "start screen: 6 questions" grep -Eq "Questions: +6" <<< "$scr"
check "start screen: time limit" grep -Eq "Time limit: +10:00" <<< "$scr"
check "start screen: pass mark" grep -Eq "Pass mark: +700" <<< "$scr"
check "start screen lists the keys" grep -q "flag the question for review" <<< "$scr"
check "clock not started before Enter" [ "$(jq -r .started_at "$ATT")" = "" ]

keys $S Enter
check "question 1 shown" wait_for $S "Question 1 of 6"
t1=$(clock_of $S)
check "time remaining at the top right" grep -Eq "Time remaining [0-9]+:[0-9]{2} *$" <<< "$(screen_of $S | head -1)"
# The clock ticks with no input.
ticked=0
for _ in $(seq 60); do
	sleep 0.05
	[ "$(clock_of $S)" != "$t1" ] && ticked=1 && break
done
check "countdown changes with no input ($t1 -> $(clock_of $S))" [ $ticked = 1 ]

# The item types in the order drawn.
declare -a ids
for n in 0 1 2 3 4 5; do ids[$n]=$(jq -r ".items[$n].id" "$ATT"); done
echo "# draw: ${ids[*]}"
missed=""
for n in 0 1 2 3 4 5; do
	id=${ids[$n]}
	check "question $((n + 1)) shown" wait_for $S "Question $((n + 1)) of 6"
	case ${TYPE[$id]} in
	multiple)
		# One box first: kept as an incomplete answer, and the screen asks for two.
		perm=$(jq -r ".items[$n].perm | join(\" \")" "$ATT")
		set -- ${KEY[$id]}
		lit $S "$(letter_for "$perm" "$1")"
		check "multiple: one ticked is incomplete and asks for two" \
			wait_for $S "Incomplete \\(counts as incorrect\\): [A-E]; select two"
		check "multiple: one box is saved" wait_json "$ATT" ".items[$n].response | length" 1
		check "multiple: checkbox ticked" wait_for $S "\\[x\\] [A-E]\\."
		lit $S "$(letter_for "$perm" "$2")"
		;;
	single)
		if [ -z "$missed" ]; then
			answer_item $S "$ATT" $n wrong
			missed=$id
		else
			answer_item $S "$ATT" $n
		fi
		check "single: radio chosen" wait_for $S "\\(\\*\\) [A-D]\\."
		;;
	ordering)
		check "ordering starts in the drawn order" wait_for $S "1\\. \\(A\\) .*"
		answer_item $S "$ATT" $n
		check "ordering: order recorded" wait_for $S "Order recorded"
		;;
	matching)
		answer_item $S "$ATT" $n
		check "matching: every prompt matched" wait_for $S "Answer recorded: 1[A-D] 2[A-D] 3[A-D]"
		;;
	esac
	case $id in cs1-*)
		check "case study: scenario pane" wait_for $S "Case study: Churn model"
		check "case study: wide and accented text drawn" grep -q "Zürich" <<< "$(screen_of $S)"
		;;
	esac
	check "item $((n + 1)) ($id) recorded" wait_json "$ATT" ".items[$n].response != null" true
	[ $n = 2 ] && {
		keys $S '*'
		check "flag shown in the header" wait_for $S "Question 3 of 6 +\\[\\*\\] FLAGGED"
		check "flag saved" wait_json "$ATT" ".items[2].flagged" true
	}
	[ $n -lt 5 ] && lit $S ">"
done

# The case-study scenario scrolls in its own pane.
cs=$(jq -r '[.items[].id] | index("cs1-q1")' "$ATT")
lit $S "#"
check "review screen" wait_for $S "Review: 6 questions"
lit $S "$((cs + 1))"
keys $S Enter
check "jump to the case study" wait_for $S "Question $((cs + 1)) of 6"
check "a long scenario offers to scroll" wait_for $S "Tab: scroll the scenario"
keys $S Tab
check "Tab focuses the scenario" wait_for $S "Tab: back to the question"
keys $S End
check "scenario scrolls to its end" wait_for $S "SCENARIO-END"
check "scenario start scrolled away" wait_gone $S "SCENARIO-START"
keys $S Tab

# Review: filter flagged, jump back.
lit $S "#"
check "review lists every question" wait_for $S "Answered 6 \\| Unanswered 0 \\| Flagged 1"
keys $S Tab Tab
check "filter: flagged" wait_for $S "\\[Flagged 1\\]"
scr=$(screen_of $S)
check "flagged filter shows only question 3" [ "$(grep -Ec '^>? +[0-9]+  Answered' <<< "$scr")" = 1 ]
check "flagged filter row is question 3" grep -Eq '^> +3  Answered +Flagged' <<< "$scr"
keys $S Enter
check "jump back to question 3" wait_for $S "Question 3 of 6 +\\[\\*\\] FLAGGED"

# Resize: below 80x24, back, and exactly 80x24.
tm resize-window -t $S -x 70 -y 20
check "too small: enlarge message" wait_for $S "Enlarge the terminal to at least 80x24"
check "too small: the clock still shown" grep -q "Time remaining" <<< "$(screen_of $S)"
tm resize-window -t $S -x 80 -y 24
check "80x24 reflows the question" wait_for $S "Question 3 of 6"
check "80x24 shows the footer" wait_for $S "# review"
tm resize-window -t $S -x 100 -y 30
check "back to 100x30" wait_for $S "Question 3 of 6"

# Help overlay, then end the exam.
lit $S "?"
check "help lists the keys" wait_for $S "no key is both an option letter and a command"
keys $S Space
check "help closed" wait_gone $S "Any key closes this help"
lit $S "!"
check "end confirmation with counts" wait_for $S "0 unanswered, 0 incomplete, 1 flagged for review"
keys $S n
check "n goes back" wait_gone $S "End the exam\\?"
lit $S "!"
check "end confirmation again" wait_for $S "End the exam\\?"
keys $S y
check "results screen" wait_for $S "Result: (PASS|FAIL)"
scr=$(screen_of $S)
r=$(last_result)
check "result file written" [ -n "$r" ]
check "result: 5 of 6 correct" [ "$(jq .score.correct "$r")" = 5 ]
check "result: ended by submit" [ "$(jq -r .ended_by "$r")" = submit ]
check "result: question 3 flagged" [ "$(jq .items[2].flagged "$r")" = true ]
check "result: the missed one is $missed" [ "$(jq -r '[.items[] | select(.correct | not) | .id] | join(",")' "$r")" = "$missed" ]
check "result verifies" "$CERTSIM" verify "$r"
check "results: scaled score" grep -q "Scaled score: $(jq .score.scaled "$r")" <<< "$scr"
check "results: pass/fail" grep -q "Result: $(jq -r 'if .score.passed then "PASS" else "FAIL" end' "$r")" <<< "$scr"
check "results: domain bars" grep -Eq '\[[#.]{20}\] +[0-9]+%' <<< "$scr"
check "results: meets / needs improvement" grep -Eq 'Meets|NEEDS IMPROVEMENT' <<< "$scr"
check "results: time used" grep -q "Time used:" <<< "$scr"
check "results: result path" grep -qF "$(basename "$r")" <<< "$scr"

# The missed question: the candidate's answer, the key and the explanation.
keys $S m
check "missed review opens" wait_for $S "Missed question 1 of 1"
keys $S End
check "missed review: explanation" wait_for $S "$(tr a-z A-Z <<< "$missed")-EXPLANATION"
scr=$(screen_of $S)
check "missed review: your answer and the key" grep -q "Your answer:" <<< "$scr"
check "missed review: correct answer" grep -q "Correct answer:" <<< "$scr"
keys $S Escape
check "back to the results" wait_for $S "Result: (PASS|FAIL)"
keys $S Enter
check "exit status 0" wait_file "$TMP/$S.rc"
check "exit status is 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
check "terminal restored (echo, icanon)" grep -Eq '(^| )icanon( |$)' "$TMP/$S.stty"
check "terminal restored (echo)" grep -Eq '(^| )echo( |$)' "$TMP/$S.stty"
check "report printed after the screen closes" wait_for $S "Review what you missed"
check "attempt file removed" [ ! -f "$ATT" ]

finish
