#!/usr/bin/env bash
# End-to-end: review, history, readiness, targeted quizzes and exposure control.
. "$(dirname "$0")/lib/common.bash"

# Exam 1: learn the draw and the keys with an empty run in a scratch home.
export CERTSIM_HOME="$TMP/scratch"
echo -n | "$CERTSIM" exam --seed 11 > /dev/null 2>&1
r0=$(last_result)
answers_from "$r0" > "$TMP/right"
wrong_from "$r0" > "$TMP/wrong"

# The learner's home: exam 1 with 50 right, 15 wrong.
export CERTSIM_HOME="$TMP/learner"
{ head -50 "$TMP/right"; tail -n +51 "$TMP/wrong"; echo submit; echo y; } |
	"$CERTSIM" exam --seed 11 > /dev/null 2>&1
r1=$(last_result)
check "exam 1: 50 correct" [ "$(jq .score.correct "$r1")" = 50 ]

# review --missed: exactly the missed items' explanations, none of the correct ones.
"$CERTSIM" review > "$TMP/review-missed.txt" 2>&1
check "review (default last, missed): exit 0" [ $? -eq 0 ]
missed_ok=1
while read -r id; do
	grep -q "($id)" "$TMP/review-missed.txt" || missed_ok=0
done < <(jq -r '.items[] | select(.correct | not) | .id' "$r1")
check "review --missed shows every missed item" [ $missed_ok = 1 ]
none_right=1
while read -r id; do
	grep -q "($id)" "$TMP/review-missed.txt" && none_right=0
done < <(jq -r '.items[] | select(.correct) | .id' "$r1")
check "review --missed shows no correct item" [ $none_right = 1 ]
check "review --missed: 15 items" grep -q "^15 missed items shown" "$TMP/review-missed.txt"
check "review marks the answer in words" grep -q "<- your answer, WRONG" "$TMP/review-missed.txt"
check "review marks the key in words" grep -q "<- correct answer" "$TMP/review-missed.txt"
check "review shows explanations" [ "$(grep -c '^Explanation: ' "$TMP/review-missed.txt")" = 15 ]
check "review shows pacing" grep -q "^Pacing: " "$TMP/review-missed.txt"
"$CERTSIM" review "$r1" --all > "$TMP/review-all.txt" 2>&1
check "review --all: 65 explanations" [ "$(grep -c '^Explanation: ' "$TMP/review-all.txt")" = 65 ]
"$CERTSIM" review last --flagged > "$TMP/review-flagged.txt" 2>&1
check "review --flagged: none flagged" grep -q "No flagged items" "$TMP/review-flagged.txt"
"$CERTSIM" review --all --missed > /dev/null 2>&1
check "review with two selections: exit 2" [ $? -eq 2 ]

# Another version of the bank (docs/record.md, "Review across bank versions"):
# reviewed by id, and said so.
other="$TMP/other-bank"
cp -r "$BANK" "$other"
jq '.questions[0].explanation += " Edited."' "$BANK/task-1-1.json" > "$other/task-1-1.json"
"$CERTSIM" review "$r1" --bank "$other" > "$TMP/other.txt" 2>&1
check "review on another version of the bank: exit 0" [ $? -eq 0 ]
check "review on another version of the bank: says so" grep -q "The bank has changed since this attempt" "$TMP/other.txt"

# quiz --missed draws only missed items.
echo -n | "$CERTSIM" quiz --missed --count 10 --seed 3 > /dev/null 2>&1
rq=$(last_result)
jq -r '.items[] | select(.correct | not) | .id' "$r1" | sort > "$TMP/missed-ids"
jq -r '.items[].id' "$rq" | sort > "$TMP/quiz-ids"
check "quiz --missed: 10 items" [ "$(wc -l < "$TMP/quiz-ids")" = 10 ]
check "quiz --missed: only missed items" [ -z "$(comm -13 "$TMP/missed-ids" "$TMP/quiz-ids")" ]
check "quiz --missed: source recorded" [ "$(jq -r .quiz.source "$rq")" = missed ]

# quiz --missed with nothing missed: a clear message.
export CERTSIM_HOME="$TMP/fresh"
echo -n | "$CERTSIM" quiz --missed > "$TMP/nothing.txt" 2>&1
check "quiz --missed on no history: exit 0" [ $? -eq 0 ]
check "quiz --missed on no history: says nothing to practise" grep -q "Nothing to practise" "$TMP/nothing.txt"
export CERTSIM_HOME="$TMP/learner"

# Exposure: the next exam shares no question with the first (the bank has enough).
echo -n | "$CERTSIM" exam --seed 99 > /dev/null 2>&1
r2=$(last_result)
jq -r '.items[].id' "$r1" | sort > "$TMP/ids1"
jq -r '.items[].id' "$r2" | sort > "$TMP/ids2"
check "exam 2 has no overlap with exam 1" [ -z "$(comm -12 "$TMP/ids1" "$TMP/ids2")" ]
jq -r '.items[].id' "$rq" | sort > "$TMP/idsq"
check "exam 2 has no overlap with the quiz either" [ -z "$(comm -12 "$TMP/idsq" "$TMP/ids2")" ]

# history --json lists the attempts with the right scores.
"$CERTSIM" history --json > "$TMP/h.json"
check "history --json: 3 attempts" [ "$(jq '.attempts | length' "$TMP/h.json")" = 3 ]
check "history --json: scores" [ "$(jq -c '[.attempts[].correct] | sort' "$TMP/h.json")" = "$(jq -nc "[50,$(jq .score.correct "$rq"),0] | sort")" ]
check "history --json: scaled of exam 1" [ "$(jq '.attempts[0].scaled' "$TMP/h.json")" = "$(jq .score.scaled "$r1")" ]
check "history --json: all valid" [ "$(jq -r '[.attempts[].signature] | unique | join(",")' "$TMP/h.json")" = valid ]
check "history --json: domain trends" [ "$(jq '.domains | length' "$TMP/h.json")" = 4 ]
check "history --json: not ready" [ "$(jq .readiness.ready "$TMP/h.json")" = false ]

# A tampered result shows as INVALID and leaves readiness.
sed -i 's/"scaled":\t[0-9]*/"scaled":\t999/' "$r2"
"$CERTSIM" history > "$TMP/h.txt"
check "history: tampered result INVALID" grep -q "INVALID" "$TMP/h.txt"
"$CERTSIM" history --json > "$TMP/h2.json"
check "history --json: tampered result INVALID" [ "$(jq -r --arg p "$r2" '.attempts[] | select(.path == $p) | .signature' "$TMP/h2.json")" = INVALID ]
check "history --json: only the tampered one" [ "$(jq '[.attempts[] | select(.signature != "valid")] | length' "$TMP/h2.json")" = 1 ]

# Readiness flips after three 80%+ exams (each scripted from its own dry run).
export CERTSIM_HOME="$TMP/ready"
for k in 1 2 3; do
	"$CERTSIM" history --json > "$TMP/hr.json"
	check "readiness before exam $k: not ready" [ "$(jq .readiness.ready "$TMP/hr.json")" = false ]
	# Dry run in a copy of the home, so the draw (which depends on history) matches.
	rm -rf "$TMP/dry"; cp -r "$CERTSIM_HOME" "$TMP/dry"
	CERTSIM_HOME="$TMP/dry" "$CERTSIM" exam --seed $((20 + k)) < /dev/null > /dev/null 2>&1
	CERTSIM_HOME="$TMP/dry" answers_from "$(CERTSIM_HOME="$TMP/dry" last_result)" > "$TMP/r$k"
	CERTSIM_HOME="$TMP/dry" wrong_from "$(CERTSIM_HOME="$TMP/dry" last_result)" > "$TMP/w$k"
	{ head -53 "$TMP/r$k"; tail -n +54 "$TMP/w$k"; echo submit; echo y; } |
		"$CERTSIM" exam --seed $((20 + k)) > /dev/null 2>&1
	check "exam $k scored 53/65 (81.5%)" [ "$(jq .score.correct "$(last_result)")" = 53 ]
done
"$CERTSIM" history --json > "$TMP/hr.json"
check "readiness after three 80%+ exams: ready" [ "$(jq .readiness.ready "$TMP/hr.json")" = true ]
"$CERTSIM" history > "$TMP/ready.txt"
check "readiness line says READY" grep -q "^READY" "$TMP/ready.txt"
check "history says the three exams counted" grep -q "^Readiness counts 3 exams\.$" "$TMP/ready.txt"

# --weakest leans toward the tasks missed most: miss all of domain 1 in a quiz.
export CERTSIM_HOME="$TMP/weak"
rm -rf "$TMP/dry"; mkdir -p "$TMP/dry"
CERTSIM_HOME="$TMP/dry" "$CERTSIM" quiz --count 40 --seed 5 < /dev/null > /dev/null 2>&1
rd=$(CERTSIM_HOME="$TMP/dry" last_result)
paste <(jq -r '.items[].domain' "$rd") <(answers_from "$rd") <(wrong_from "$rd") |
	awk -F'\t' '{ print ($1 == 1 ? $3 : $2) }' > "$TMP/weak-in"
{ cat "$TMP/weak-in"; } | "$CERTSIM" quiz --count 40 --seed 5 --feedback end > /dev/null 2>&1
echo -n | "$CERTSIM" quiz --weakest --count 20 --seed 8 > /dev/null 2>&1
rw=$(last_result)
d1=$(jq '[.items[] | select(.domain == 1)] | length' "$rw")
check "quiz --weakest: most items from the missed domain ($d1 of 20)" [ "$d1" -ge 10 ]
check "quiz --weakest: other tasks not starved" [ "$d1" -lt 20 ]

finish
