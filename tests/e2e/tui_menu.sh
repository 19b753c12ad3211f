#!/usr/bin/env bash
# End-to-end: the start menu offers study with the number due, keeps its
# numbers when Resume appears, sets the quiz's count, feedback and time, and
# comes back after an action.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"

# A record: a 20-question quiz two days ago, nothing answered (20 Again reviews).
export CERTSIM_HOME="$TMP/home-menu"
CERTSIM_NOW=2026-03-01T09:00:00Z "$CERTSIM" quiz --count 20 --seed 4 < /dev/null > /dev/null 2>&1
check "the quiz was recorded" [ "$(ls "$CERTSIM_HOME"/results/*.json | wc -l)" = 1 ]
# certsim two days later, through a wrapper (run_in passes only arguments).
cat > "$TMP/certsim-later" << EOF2
#!/bin/sh
CERTSIM_NOW=2026-03-03T09:00:00Z exec $(printf '%q' "$CERTSIM") "\$@"
EOF2
chmod +x "$TMP/certsim-later"
REAL=$CERTSIM
CERTSIM="$TMP/certsim-later"

S=menu
run_in $S 100 30
check "menu: study with the number due" wait_for $S "1  Study: 20 questions due now"
check "menu: the exam is 2" wait_for $S "2  Full practice exam"
check "menu: no Resume without a saved attempt" bash -c '! grep -q Resume <<< "$1"' _ "$(screen_of $S)"
keys $S s
check "settings: the count" wait_for $S "Questions: 20"
keys $S Enter
check "settings: Enter changes the count" wait_for $S "Questions: 30"
keys $S Down Enter
check "settings: feedback at the end" wait_for $S "Feedback: +at the end"
keys $S Down Enter
check "settings: untimed" wait_for $S "Time: +untimed"
keys $S Escape
check "menu: the quiz line follows the settings" wait_for $S "3  Quiz: 30 questions from every domain"
check "menu: the settings line" wait_for $S "s  Quiz settings: 30 questions, feedback at the end, untimed"
keys $S 3
check "the quiz starts with the settings" wait_for $S "Questions: +30"
check "the quiz is untimed" wait_for $S "Time limit: +none"
check "the quiz's feedback is at the end" wait_for $S "Feedback: +at the end"
# Start the clock: an attempt quit at the start screen keeps nothing.
keys $S Enter
check "the quiz's first question" wait_for $S "Question 1 of 30"
keys $S C-c
wait_for $S "Save and quit" > /dev/null && keys $S y
check "an interrupted quiz leaves the menu" wait_file "$TMP/$S.rc"
check "exit 130" [ "$(cat "$TMP/$S.rc")" = 130 ]

# A saved attempt: Resume is 0, the other numbers stay; history returns to the menu.
run_in $S 100 30
check "menu: Resume is 0" wait_for $S "0  Resume the interrupted attempt"
check "menu: study is still 1" wait_for $S "1  Study: 20 questions due now"
check "menu: the exam is still 2" wait_for $S "2  Full practice exam"
keys $S 9
check "history ran" wait_for $S "Press Enter to return to the menu"
keys $S Enter
check "back in the menu" wait_for $S "2  Full practice exam"
keys $S q
check "q quits" wait_file "$TMP/$S.rc"
check "exit 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
CERTSIM=$REAL

finish
