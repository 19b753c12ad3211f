#!/usr/bin/env bash
# End-to-end: full-screen quiz with immediate feedback, time notices, the hidden timer, time-up.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"

B="$TMP/bank"
make_bank "$B"
ATT="$CERTSIM_HOME/attempt.json"

# A quiz of s1 and m1 with feedback after each answer, 62 s: the 1-minute notice comes at once.
S=quiz
run_in $S 80 24 quiz --bank "$B" --task 1.1 --count 2 --seed 5 --time-limit 62s
check "quiz start screen" wait_for $S "Ready to begin"
check "quiz start screen: feedback after each answer" grep -Eq "Feedback: +after each answer" <<< "$(screen_of $S)"
keys $S Enter
check "question 1" wait_for $S "Question 1 of 2"
check "1-minute notice" wait_for $S "Notice: 1 minute remaining" 4
check "under 5 minutes the clock is marked, not only coloured" grep -Eq "! Time remaining [0-9:]+ !" <<< "$(screen_of $S)"
lit $S "@"
check "@ hides the timer" wait_for $S "Time hidden"
lit $S "@"
check "@ shows it again" wait_for $S "Time remaining"
for n in 0 1; do
	check "question $((n + 1)) of 2" wait_for $S "Question $((n + 1)) of 2"
	id=$(jq -r ".items[$n].id" "$ATT")
	perm=$(jq -r ".items[$n].perm | join(\" \")" "$ATT")
	if [ "$id" = m1 ]; then
		set -- ${KEY[m1]}
		lit $S "$(letter_for "$perm" "$1")"
		keys $S Enter
		check "feedback waits for two boxes" wait_for $S "Select two first \\(1 selected\\)"
		check "nothing recorded yet" [ "$(jq -c ".items[$n].response" "$ATT")" = null ]
		lit $S "$(letter_for "$perm" "$2")"
	else
		lit $S "$(letter_for "$perm" "${KEY[s1]}")"
		check "quiz: a choice is not yet an answer" [ "$(jq -c ".items[$n].response" "$ATT")" = null ]
	fi
	keys $S Enter
	check "feedback: correct" wait_for $S "^  Correct\\.$"
	scr=$(screen_of $S)
	check "feedback: the key" grep -q "Correct answer:" <<< "$scr"
	check "feedback: the explanation" grep -q "$(tr a-z A-Z <<< "$id")-EXPLANATION" <<< "$scr"
	check "answer recorded" wait_json "$ATT" ".items[$n].response != null" true
	# The checked answer is final.
	lit $S "$(letter_for "$perm" 4)"
	lit $S "a"
	check "checked answer is locked" wait_for $S "This answer is final"
	[ $n = 0 ] && lit $S ">"
done
lit $S "!"
check "end the quiz" wait_for $S "End the quiz\\?"
keys $S y
check "quiz results" wait_for $S "Result: PASS"
keys $S Enter
check "quiz exits 0" wait_file "$TMP/$S.rc"
check "quiz exit status 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
r=$(last_result)
check "quiz result: mode quiz, 2 of 2" [ "$(jq -r '"\(.mode) \(.score.correct)"' "$r")" = "quiz 2" ]

# Time up: a notice, the attempt is submitted, the results say so.
S=timeup
run_in $S 80 24 exam --bank "$B" --seed 2 --time-limit 2s
check "timed exam start" wait_for $S "Ready to begin"
keys $S Enter
check "time-up notice" wait_for $S "Time is up" 6
check "results after time-up" wait_for $S "Time is up: the attempt was submitted" 6
r=$(last_result)
check "ended by timeout" [ "$(jq -r .ended_by "$r")" = timeout ]
check "time used is the limit" [ "$(jq .time_used_s "$r")" = 2 ]
keys $S Enter
check "time-up exits 0" wait_file "$TMP/$S.rc"
check "time-up exit status 0" [ "$(cat "$TMP/$S.rc")" = 0 ]

finish
