#!/usr/bin/env bash
# End-to-end: full exams through the real binary in line mode, scored and verified.
. "$(dirname "$0")/lib/common.bash"

SEED=4242
# A first pass with no answers tells us the draw (same seed, empty history).
echo -n "" | "$CERTSIM" exam --seed $SEED > "$TMP/empty.out" 2>&1
rc=$?
r0=$(last_result)
check "empty input exits 0" [ $rc -eq 0 ]
check "empty input scores 100" [ "$(jq .score.scaled "$r0")" = 100 ]
check "empty input ended by end-of-input" [ "$(jq -r .ended_by "$r0")" = end-of-input ]
check "65 items drawn" [ "$(jq '.items | length' "$r0")" = 65 ]
check "domains 18/17/14/16" [ "$(jq -c '[.domains[].total]' "$r0")" = "[18,17,14,16]" ]
check "report says FAIL" grep -q "FAIL" "$TMP/empty.out"
check "verify accepts it" "$CERTSIM" verify "$r0"
"$CERTSIM" key > "$TMP/pub"
check "minisign accepts it" minisign -Vm "$r0" -p "$TMP/pub" -q
answers_from "$r0" > "$TMP/right"
wrong_from "$r0" > "$TMP/wrong"
cp "$r0" "$TMP/first.json"

run_with() { # run_with NAME INPUTFILE: a fresh home, same seed; sets rc
	export CERTSIM_HOME="$TMP/home-$1"
	"$CERTSIM" exam --seed $SEED < "$2" > "$TMP/$1.out" 2>&1
	rc=$?
}

# Perfect exam: every answer right, then submit and confirm.
{ cat "$TMP/right"; echo submit; echo y; } > "$TMP/in-perfect"
run_with perfect "$TMP/in-perfect"
r=$(last_result)
check "perfect: exit 0" [ "$rc" = 0 ]
check "perfect: same draw as the first run" [ "$(jq -c '[.items[] | [.id, .shown]]' "$r")" = "$(jq -c '[.items[] | [.id, .shown]]' "$TMP/first.json")" ]
check "perfect: 65 of 65" [ "$(jq .score.correct "$r")" = 65 ]
check "perfect: scaled 1000" [ "$(jq .score.scaled "$r")" = 1000 ]
check "perfect: ended by submit" [ "$(jq -r .ended_by "$r")" = submit ]
check "perfect: report says PASS" grep -q "PASS" "$TMP/perfect.out"
check "perfect: every domain meets" [ "$(jq -r '[.domains[].status] | unique | join(",")' "$r")" = meets ]
check "perfect: verifies" "$CERTSIM" verify "$r"

# 47 right, 18 wrong -> 723 pass; 46 right -> 709 fail.
{ head -47 "$TMP/right"; tail -n +48 "$TMP/wrong"; echo submit; echo yes; } > "$TMP/in-47"
run_with p47 "$TMP/in-47"
r=$(last_result)
check "47/65: scaled 723" [ "$(jq .score.scaled "$r")" = 723 ]
check "47/65: passed" [ "$(jq .score.passed "$r")" = true ]
{ head -46 "$TMP/right"; tail -n +47 "$TMP/wrong"; echo submit; echo y; } > "$TMP/in-46"
run_with p46 "$TMP/in-46"
r=$(last_result)
check "46/65: scaled 709" [ "$(jq .score.scaled "$r")" = 709 ]
check "46/65: failed" [ "$(jq .score.passed "$r")" = false ]
check "46/65: report says FAIL and 709" grep -q "Scaled score: 709" "$TMP/p46.out"
check "46/65: verifies" "$CERTSIM" verify "$r"
"$CERTSIM" key > "$TMP/pub46"
check "46/65: minisign verifies" minisign -Vm "$r" -p "$TMP/pub46" -q

# Every wrong answer recorded as a response (not unanswered).
check "wrong answers are recorded" [ "$(jq '[.items[] | select(.response == null)] | length' "$r")" = 0 ]

# Navigation: flag, goto, prev, clear; submit declined then accepted.
printf 'flag\ng 3\n%s\np\np\ng 5\n%s\np\nclear\nr\nsubmit\nn\nsubmit\ny\n' \
	"$(sed -n 3p "$TMP/right")" "$(sed -n 5p "$TMP/right")" > "$TMP/in-nav"
run_with nav "$TMP/in-nav"
r=$(last_result)
check "nav: item 1 flagged" [ "$(jq '.items[0].flagged' "$r")" = true ]
check "nav: item 3 answered right" [ "$(jq '.items[2].correct' "$r")" = true ]
check "nav: p then clear removed item 5's answer" [ "$(jq '.items[4].response' "$r")" = null ]
check "nav: review list shown" grep -q "UNANSWERED" "$TMP/nav.out"
check "nav: declined submit says so" grep -q "Not submitted" "$TMP/nav.out"

# Bad input: one-line error, same question again.
printf 'zz\nA B C D E F G H I J K\n\n' > "$TMP/in-bad"
run_with bad "$TMP/in-bad"
check "bad input: error line" grep -q "^> Error: " "$TMP/bad.out"

# Time runs out while stdin stays open and nothing is typed.
export CERTSIM_HOME="$TMP/home-timeout"
start=$(date +%s)
mkfifo "$TMP/fifo"
sleep 30 > "$TMP/fifo" &
holder=$!
"$CERTSIM" exam --seed $SEED --time-limit 2s < "$TMP/fifo" > "$TMP/timeout.out" 2>&1
rc=$?
kill $holder 2>/dev/null; wait $holder 2>/dev/null
end=$(date +%s)
r=$(last_result)
check "timeout: exit 0" [ $rc -eq 0 ]
check "timeout: ended by timeout" [ "$(jq -r .ended_by "$r")" = timeout ]
check "timeout: ended within 10 s (not waiting for input)" [ $((end - start)) -lt 10 ]
check "timeout: time used is the limit" [ "$(jq .time_used_s "$r")" = 2 ]
check "timeout: says time is up" grep -q "Time is up" "$TMP/timeout.out"

# --esl adds 30 minutes; --untimed has no limit; --unscored N.
export CERTSIM_HOME="$TMP/home-esl"
echo -n | "$CERTSIM" exam --seed 1 --esl > /dev/null 2>&1
check "--esl: 160 minutes" [ "$(jq .time_limit_s "$(last_result)")" = 9600 ]
export CERTSIM_HOME="$TMP/home-untimed"
echo -n | "$CERTSIM" exam --seed 1 --untimed > /dev/null 2>&1
check "--untimed: limit 0" [ "$(jq .time_limit_s "$(last_result)")" = 0 ]
export CERTSIM_HOME="$TMP/home-unscored"
echo -n | "$CERTSIM" exam --seed 1 --unscored 15 > "$TMP/unscored.out" 2>&1
r=$(last_result)
check "--unscored 15: 50 scored" [ "$(jq .score.scored "$r")" = 50 ]
check "--unscored 15: 15 items unscored" [ "$(jq '[.items[] | select(.scored | not)] | length' "$r")" = 15 ]
check "--unscored: revealed in the report" grep -q "Unscored items" "$TMP/unscored.out"
check "--unscored: verifies" "$CERTSIM" verify "$r"

# --out writes a verified copy.
export CERTSIM_HOME="$TMP/home-out"
echo -n | "$CERTSIM" exam --seed 1 --out "$TMP/copy.json" > /dev/null 2>&1
check "--out: copy verifies" "$CERTSIM" verify "$TMP/copy.json"
check "--out: copy equals the result" cmp -s "$TMP/copy.json" "$(last_result)"

finish
