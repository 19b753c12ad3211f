#!/usr/bin/env bash
# End-to-end: the learner's record survives change (docs/record.md): partial
# answers through kill -9 and resume, a failed submit that resume must not reopen,
# --out kept when its signature cannot be written, --out checked before the exam,
# review after a bank edit, kill -9 leftovers, the hidden domain, Enter and PgDn.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"
: "${INJECT:?INJECT must name the fault-injection shim (libinject_errors.so)}"

B="$TMP/bank"
make_bank "$B"
ATT="$CERTSIM_HOME/attempt.json"

# index_of ID: the 0-based position of question ID in the saved attempt.
index_of() { jq -r --arg id "$1" '[.items[].id] | index($id)' "$ATT"; }
# pid_of SESSION: the certsim process running in a tmux session.
pid_of() { ps -o pid= --ppid "$(tm display-message -p -t "$1" '#{pane_pid}')" | tr -d ' ' | head -1; }
# not COMMAND...: succeeds when the command fails.
not() { ! "$@"; }
# wait_att JQ VALUE: poll attempt.json until the jq expression prints VALUE.
wait_att() { wait_json "$ATT" "$1" "$2"; }

# 1. Partial answers survive kill -9 and resume (line mode).
mkfifo "$TMP/in1"
"$CERTSIM" exam --bank "$B" --seed 1 < "$TMP/in1" > "$TMP/partial.out" 2>&1 &
pid=$!
exec 3> "$TMP/in1"
check "partial: attempt saved" wait_att '.items | length' 6
m=$(index_of m1)
x=$(index_of x1)
m_perm=$(jq -r ".items[$m].perm | join(\" \")" "$ATT")
# One of the two letters the key asks for; one pair of three.
one=$(letter_for "$m_perm" 1 | tr a-z A-Z)
printf 'g %d\n%s\n' $((m + 1)) "$one" >&3
printf 'g %d\n1A\n' $((x + 1)) >&3
check "partial: one of two options saved" wait_att ".items[$m].response | length" 1
check "partial: one of three prompts saved" wait_att "[.items[$x].response[] | select(. >= 0)] | length" 1
check "partial: line mode says the answer is incomplete" \
	grep -q "Incomplete answer recorded: you chose one; two are required" "$TMP/partial.out"
kill -9 $pid
wait $pid 2> /dev/null
exec 3>&-
check "partial: still saved after kill -9" [ "$(jq -c ".items[$m].response | length" "$ATT")" = 1 ]
printf 'submit\ny\n' | "$CERTSIM" resume > "$TMP/partial-resume.out" 2>&1
check "partial: resume exits 0" [ $? -eq 0 ]
check "partial: submit counts it as incomplete" grep -q "2 incomplete" "$TMP/partial-resume.out"
r=$(last_result)
check "partial: result keeps the chosen option" [ "$(jq -c ".items[$m].response | length" "$r")" = 1 ]
check "partial: result marks it incomplete" [ "$(jq ".items[$m].complete" "$r")" = false ]
check "partial: matching keeps its one pair" [ "$(jq -c ".items[$x].response | length" "$r")" = 1 ]
check "partial: matching marked incomplete" [ "$(jq ".items[$x].complete" "$r")" = false ]
check "partial: incomplete is incorrect" [ "$(jq ".items[$m].correct" "$r")" = false ]
check "partial: every item has a qhash" [ "$(jq '[.items[] | select(.qhash | test("^[0-9a-f]{32}$"))] | length' "$r")" = 6 ]
check "partial: the bank's path is recorded" [ "$(jq -r .exam.bank_path "$r")" = "$(realpath "$B")" ]
check "partial: result verifies" "$CERTSIM" verify "$r"
"$CERTSIM" review --all > "$TMP/partial-review.txt" 2>&1
check "partial: review says incomplete, not unanswered" grep -q "^INCOMPLETE" "$TMP/partial-review.txt"
check "partial: review says what was selected" \
	grep -q "Incomplete answer: you selected [A-E]; two were required." "$TMP/partial-review.txt"

# 2 and 3 need the fault-injection shim; a sanitizer runtime can bypass it.
shim_ok=0
env LD_PRELOAD="$INJECT" INJECT_FUNCS=write INJECT_PATH="$TMP/probe*" INJECT_ERRNO=ENOSPC \
	"$CERTSIM" key --export "$TMP/probe.pub" > /dev/null 2>&1
[ $? -eq 3 ] && shim_ok=1
if [ $shim_ok = 1 ]; then

# 2. Submitted is final: the result cannot be written, resume writes it and
# reopens nothing (an answer typed into resume is not taken).
export CERTSIM_HOME="$TMP/home-final"
ATT="$CERTSIM_HOME/attempt.json"
printf 'submit\ny\n' | env LD_PRELOAD="$INJECT" INJECT_FUNCS=mkstemp INJECT_ERRNO=ENOSPC \
	INJECT_PATH="*/results/*" "$CERTSIM" exam --bank "$B" --seed 1 > "$TMP/final.out" 2>&1
check "final: exit 3 when the result cannot be written" [ $? -eq 3 ]
check "final: the attempt is saved as ended" [ "$(jq -r .ended_by "$ATT")" = submit ]
check "final: its start time is saved" [ -n "$(jq -r .started_at "$ATT")" ]
ended=$(jq -r .finished_at "$ATT")
s=$(index_of s1)
printf 'g %d\nB\nsubmit\ny\n' $((s + 1)) | "$CERTSIM" resume > "$TMP/final-resume.out" 2>&1
check "final: resume exits 0" [ $? -eq 0 ]
check "final: resume says it only writes the result" grep -q "The attempt ended (submit)" "$TMP/final-resume.out"
r=$(last_result)
check "final: no answer was changed after submit" [ "$(jq '[.items[] | select(.response != null)] | length' "$r")" = 0 ]
check "final: the end time is the submit's" [ "$(jq -r .finished_at "$r")" = "$ended" ]
check "final: the result verifies" "$CERTSIM" verify "$r"

# 3. --out never destroys: a copy whose new signature cannot be written is kept.
export CERTSIM_HOME="$TMP/home-out"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --seed 1 --out "$TMP/copy.json" > /dev/null 2>&1
check "out: first copy written" [ -s "$TMP/copy.json" -a -s "$TMP/copy.json.minisig" ]
cp "$TMP/copy.json" "$TMP/copy.before"
cp "$TMP/copy.json.minisig" "$TMP/copy.before.minisig"
printf 'submit\ny\n' | env LD_PRELOAD="$INJECT" INJECT_FUNCS=write INJECT_ERRNO=ENOSPC \
	INJECT_PATH="$TMP/copy.json.minisig*" "$CERTSIM" exam --bank "$B" --seed 2 \
	--out "$TMP/copy.json" > "$TMP/out.out" 2>&1
check "out: exit 3 when the copy's signature cannot be written" [ $? -eq 3 ]
check "out: the old copy is kept" cmp -s "$TMP/copy.json" "$TMP/copy.before"
check "out: the old signature is kept" cmp -s "$TMP/copy.json.minisig" "$TMP/copy.before.minisig"
check "out: the old pair still verifies" "$CERTSIM" verify "$TMP/copy.json"
check "out: no temporary file left" [ -z "$(ls "$TMP" | grep 'copy.*tmp')" ]
# ... and resume writes the new pair.
printf '' | "$CERTSIM" resume --out "$TMP/copy.json" > /dev/null 2>&1
check "out: resume replaces the pair" [ "$(jq .seed "$TMP/copy.json")" = 2 ]
check "out: the new pair verifies" "$CERTSIM" verify "$TMP/copy.json"

else
	echo "# skip 2 and 3: the fault-injection shim cannot intercept this build's calls"
fi

# 4. --out that cannot be written is a usage error before the exam starts.
export CERTSIM_HOME="$TMP/home-usage"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --out "$TMP/no-such-dir/r.json" > "$TMP/usage.out" 2>&1
check "out: a missing directory is exit 2" [ $? -eq 2 ]
check "out: the message names the directory" grep -q "no-such-dir does not exist" "$TMP/usage.out"
check "out: no attempt started" [ ! -e "$CERTSIM_HOME/attempt.json" ]
printf 'submit\ny\n' | "$CERTSIM" quiz --bank "$B" --out "$TMP" > "$TMP/usage2.out" 2>&1
check "out: a directory is exit 2" [ $? -eq 2 ]

# 5. Review across bank versions: one drawn question reworded, one removed, one added.
export CERTSIM_HOME="$TMP/home-rebank"
B2="$TMP/bank2"
make_bank "$B2"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B2" --seed 1 > /dev/null 2>&1
jq '.questions |= (map(if .id == "s1" then .stem = "Which managed service streams records into Amazon S3?" else . end)
	| map(select(.id != "o1"))
	+ [{ "id": "n1", "domain": 1, "task": "1.2", "type": "single", "stem": "A new question?",
	     "options": [ { "id": "A", "text": "Yes" }, { "id": "B", "text": "No" } ],
	     "answer": ["A"], "explanation": "N1." }])' "$B2/questions.json" > "$TMP/q.json"
mv "$TMP/q.json" "$B2/questions.json"
"$CERTSIM" bank lint "$B2" > /dev/null 2>&1
check "rebank: the edited bank is valid" [ $? -eq 0 ]
"$CERTSIM" review --all > "$TMP/rebank.txt" 2>&1
check "rebank: review without --bank exits 0" [ $? -eq 0 ]
check "rebank: says the bank changed" grep -q "The bank has changed since this attempt" "$TMP/rebank.txt"
check "rebank: the reworded question is marked" grep -q "Changed since this attempt" "$TMP/rebank.txt"
check "rebank: and shown as it is now" grep -q "Which managed service streams" "$TMP/rebank.txt"
check "rebank: the removed question is listed by id" grep -q "(o1): no longer in the bank" "$TMP/rebank.txt"
check "rebank: the other questions are shown" grep -q "X1-EXPLANATION" "$TMP/rebank.txt"
check "rebank: one question changed" [ "$(grep -c "Changed since this attempt" "$TMP/rebank.txt")" = 1 ]
sed -i 's/"TUI-01"/"OTHER-02"/' "$B2/exam.json"
"$CERTSIM" review --all > "$TMP/rebank2.txt" 2>&1
check "rebank: another exam code is refused (exit 1)" [ $? -eq 1 ]
check "rebank: naming both codes" grep -q "TUI-01.*OTHER-02" "$TMP/rebank2.txt"

# 6. Temporary files left by a kill -9 are removed on the next start.
export CERTSIM_HOME="$TMP/home-tmp"
mkdir -p "$CERTSIM_HOME/results"
touch "$CERTSIM_HOME/attempt.json.tmp.AbC123" "$CERTSIM_HOME/results/x.json.tmp.XyZ789"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --seed 1 > /dev/null 2>&1
check "leftovers: removed on the next start" \
	[ -z "$(find "$CERTSIM_HOME" -name '*.tmp.*')" ]

# 7. The exam does not show the domain (line mode) unless --show-domain.
export CERTSIM_HOME="$TMP/home-domain"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --seed 1 > "$TMP/dom.out" 2>&1
check "realism: no domain in the exam" not grep -q "Domain [0-9]:" "$TMP/dom.out"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --seed 1 --show-domain > "$TMP/dom2.out" 2>&1
check "realism: --show-domain shows it" grep -q "Domain [0-9]:" "$TMP/dom2.out"

# 8. History per exam code: two codes in one data directory.
export CERTSIM_HOME="$TMP/home-codes"
B3="$TMP/bank-other"
make_bank "$B3"
sed -i 's/"TUI-01"/"OTHER-02"/' "$B3/exam.json"
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B" --seed 1 > /dev/null 2>&1
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B3" --seed 1 > /dev/null 2>&1
printf 'submit\ny\n' | "$CERTSIM" exam --bank "$B3" --seed 2 > /dev/null 2>&1
"$CERTSIM" history --bank "$B" > "$TMP/codes1.txt" 2>&1
check "codes: history --bank shows that exam only" [ "$(grep -Ec '^ +[0-9]+ ' "$TMP/codes1.txt")" = 1 ]
check "codes: and names it" grep -q "^Exam TUI-01" "$TMP/codes1.txt"
"$CERTSIM" history --exam OTHER-02 > "$TMP/codes2.txt" 2>&1
check "codes: history --exam shows the other's two, numbered" \
	[ "$(grep -Eo '^ +[0-9]+ ' "$TMP/codes2.txt" | tr -d ' ' | tr '\n' ' ')" = "1 2 " ]
"$CERTSIM" history --all > "$TMP/codes3.txt" 2>&1
check "codes: --all shows every attempt with its code" \
	[ "$(grep -c 'TUI-01' "$TMP/codes3.txt"),$(grep -c 'OTHER-02' "$TMP/codes3.txt")" = "1,2" ]
check "codes: the bundled exam has none of them" \
	grep -q "No attempts at MLA-C01 yet" <<< "$("$CERTSIM" history 2>&1)"
"$CERTSIM" history --exam OTHER-02 --json > "$TMP/codes.json" 2>&1
check "codes: --json numbers the attempts and names their exam and file" \
	[ "$(jq -c '[.attempts[] | [.n, .exam.code, (.path | test("results/.*json$"))]]' "$TMP/codes.json")" = '[[1,"OTHER-02",true],[2,"OTHER-02",true]]' ]
"$CERTSIM" history --exam OTHER-02 --csv > "$TMP/codes.csv" 2>&1
check "codes: --csv has a header and one row per attempt" [ "$(wc -l < "$TMP/codes.csv")" = 3 ]
check "codes: --csv rows are numbered, with code and signature" \
	[ "$(cut -d, -f1,3,13 "$TMP/codes.csv" | tail -2 | tr '\n' ' ')" = "1,OTHER-02,valid 2,OTHER-02,valid " ]
utc=$(jq -r .finished_at "$(ls -1 "$CERTSIM_HOME"/results/*.json | sort | head -1)")
want=$(TZ=XST-05:30 date -d "$utc" '+%Y-%m-%d %H:%M')
check "codes: rows show local time ($want)" grep -Eq "^ +1 $want" <<< "$(TZ=XST-05:30 "$CERTSIM" history --bank "$B")"
"$CERTSIM" review 2 --all --bank "$B3" > "$TMP/codes-review.txt" 2>&1
check "codes: review N opens the Nth attempt of that exam" \
	grep -q "$(basename "$(ls -1 "$CERTSIM_HOME"/results/*.json | sort | tail -1)")" "$TMP/codes-review.txt"

# Trends compare like with like, each column under its attempt's number.
printf 'submit\ny\n' | "$CERTSIM" quiz --bank "$B3" --count 2 --seed 3 > /dev/null 2>&1
"$CERTSIM" history --bank "$B3" > "$TMP/trend.txt" 2>&1
check "trends: exams apart" grep -q "^Trend by domain, exams only" "$TMP/trend.txt"
check "trends: quizzes apart" grep -q "^Trend by domain, quizzes only" "$TMP/trend.txt"
check "trends: exam columns are attempts 1 and 2" \
	grep -Eq "^attempt # +1 +2 *$" <<< "$(sed -n '/exams only/,/quizzes only/p' "$TMP/trend.txt")"
check "trends: the quiz column is attempt 3" \
	grep -Eq "^attempt # +3 *$" <<< "$(sed -n '/quizzes only/,$p' "$TMP/trend.txt")"
"$CERTSIM" history --bank "$B3" --json > "$TMP/trend.json" 2>&1
check "trends --json: the same columns per mode" \
	[ "$(jq -c '[.trends.exam.attempts, .trends.quiz.attempts]' "$TMP/trend.json")" = '[[1,2],[3]]' ]
check "trends --json: a percent per column and domain, as the text shows" \
	[ "$(jq -c '[(.trends.exam.domains[0].percent | length), (.trends.quiz.domains[0].percent | length)]' "$TMP/trend.json")" = '[2,1]' ]

# 9. Readiness counts fair exams only: three all-correct exams on a 6-question
# bank repeat every question after the first.
export CERTSIM_HOME="$TMP/home-ready"
for k in 1 2 3; do
	rm -rf "$TMP/dry"
	mkdir -p "$CERTSIM_HOME"
	cp -r "$CERTSIM_HOME" "$TMP/dry"
	printf 'submit\ny\n' | CERTSIM_HOME="$TMP/dry" "$CERTSIM" exam --bank "$B" --seed $k > /dev/null 2>&1
	{ CERTSIM_HOME="$TMP/dry" answers_from "$(CERTSIM_HOME="$TMP/dry" last_result)"; echo submit; echo y; } |
		"$CERTSIM" exam --bank "$B" --seed $k > /dev/null 2>&1
	check "ready: exam $k all correct" [ "$(jq .score.correct "$(last_result)")" = 6 ]
done
"$CERTSIM" history --exam TUI-01 --json > "$TMP/ready.json" 2>&1
check "ready: three repeat-heavy exams are not READY" [ "$(jq .readiness.ready "$TMP/ready.json")" = false ]
"$CERTSIM" history --exam TUI-01 > "$TMP/ready.txt" 2>&1
check "ready: history says which counted and why" \
	grep -q "^Readiness counts 1 exam; left out: 2 with under 80% questions unseen before" "$TMP/ready.txt"

# A partial answer in the full screen survives kill -9 and resume.
export CERTSIM_HOME="$TMP/home-tuikill"
ATT="$CERTSIM_HOME/attempt.json"
S=tuikill
run_in $S 100 24 exam --bank "$B" --seed 1
check "tui kill: start screen" wait_for $S "Ready to begin"
keys $S Enter
check "tui kill: question 1" wait_for $S "Question 1 of 6"
m=$(index_of m1)
lit $S "#"
check "tui kill: review screen" wait_for $S "Review: 6 questions"
lit $S "$((m + 1))"
keys $S Enter
check "tui kill: at the multiple-response item" wait_for $S "Question $((m + 1)) of 6"
m_perm=$(jq -r ".items[$m].perm | join(\" \")" "$ATT")
lit $S "$(letter_for "$m_perm" 1)"
check "tui kill: one box saved" wait_att ".items[$m].response | length" 1
kill -9 "$(pid_of $S)"
check "tui kill: killed" wait_file "$TMP/$S.rc"
check "tui kill: the box is still saved" [ "$(jq -c ".items[$m].response | length" "$ATT")" = 1 ]
run_in $S 100 24 resume
check "tui kill: resume start screen" wait_for $S "Resuming: 0 of 6 answered"
keys $S Enter
check "tui kill: back at the item" wait_for $S "Question $((m + 1)) of 6"
check "tui kill: shown as incomplete" wait_for $S "Incomplete \\(counts as incorrect\\)"
check "tui kill: its box ticked" wait_for $S "\\[x\\] [A-E]\\."
keys $S C-c
check "tui kill: quit asks" wait_for $S "Save and quit"
keys $S y
check "tui kill: exits" wait_file "$TMP/$S.rc"

# Quitting at the start screen, before the clock starts, keeps nothing.
export CERTSIM_HOME="$TMP/home-startquit"
S=startquit
run_in $S 100 24 exam --bank "$B" --seed 1
check "start quit: start screen" wait_for $S "Ready to begin"
keys $S C-c
check "start quit: asks" wait_for $S "Save and quit"
keys $S y
check "start quit: exits" wait_file "$TMP/$S.rc"
check "start quit: nothing kept" [ ! -e "$CERTSIM_HOME/attempt.json" ]

# 10. Full screen: Enter after ticking goes on and changes nothing; PgDn in the
# scenario pages by the pane's height, skipping no line.
export CERTSIM_HOME="$TMP/home-tui"
ATT="$CERTSIM_HOME/attempt.json"
S=rec
run_in $S 100 24 exam --bank "$B" --seed 1
check "tui: start screen" wait_for $S "Ready to begin"
keys $S Enter
check "tui: question 1" wait_for $S "Question 1 of 6"
check "tui: no domain in the header" not grep -q "Domain [0-9]:" <<< "$(screen_of $S)"
m=$(index_of m1)
lit $S "#"
check "tui: review screen" wait_for $S "Review: 6 questions"
lit $S "$((m + 1))"
keys $S Enter
check "tui: at the multiple-response item" wait_for $S "Question $((m + 1)) of 6"
m_perm=$(jq -r ".items[$m].perm | join(\" \")" "$ATT")
lit $S "$(letter_for "$m_perm" 1)"
check "tui: one box saved (incomplete)" wait_att ".items[$m].response | length" 1
keys $S Enter
if [ $m -lt 5 ]; then
	check "tui: Enter goes to the next question" wait_for $S "Question $((m + 2)) of 6"
else
	check "tui: Enter after the last question opens the review" wait_for $S "Review: 6 questions"
fi
check "tui: Enter changed no answer" wait_att ".items[$m].response | length" 1
cs=$(index_of cs1-q1)
lit $S "#"
check "tui: review again" wait_for $S "Review: 6 questions"
lit $S "$((cs + 1))"
keys $S Enter
check "tui: at the case study" wait_for $S "Question $((cs + 1)) of 6"
keys $S Tab
check "tui: scenario focused" wait_for $S "Tab: back to the question"
# visible: the numbers of the "Regional system NN" lines on screen.
visible() { screen_of $S | grep -o 'Regional system [0-9][0-9]' | awk '{ print $3 + 0 }'; }
for _ in 1 2 3 4; do
	[ -n "$(visible)" ] && break
	keys $S NPage
	sleep 0.3
done
before=$(visible | tail -1)
first_before=$(visible | head -1)
keys $S NPage
for _ in $(seq 40); do
	[ "$(visible | head -1)" != "$first_before" ] && break
	sleep 0.05
done
after=$(visible | head -1)
echo "# scenario lines: last shown before PgDn $before, first after $after"
check "tui: PgDn skips no scenario line" [ -n "$before" -a "$after" = "$((${before:-0} + 1))" ]
keys $S C-c
check "tui: quit asks" wait_for $S "Save and quit"
keys $S y
check "tui: exits" wait_file "$TMP/$S.rc"

finish
