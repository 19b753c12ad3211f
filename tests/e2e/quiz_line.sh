#!/usr/bin/env bash
# End-to-end: quizzes by domain and task, feedback, a too-small bank, and usage errors.
. "$(dirname "$0")/lib/common.bash"

echo -n | "$CERTSIM" quiz --domain 3 --count 10 --seed 5 > "$TMP/d3.out" 2>&1
rc=$?
r=$(last_result)
check "quiz --domain: exit 0" [ $rc -eq 0 ]
check "quiz --domain 3: mode quiz" [ "$(jq -r .mode "$r")" = quiz ]
check "quiz --domain 3: 10 items" [ "$(jq '.items | length' "$r")" = 10 ]
check "quiz --domain 3: all from domain 3" [ "$(jq -c '[.items[].domain] | unique' "$r")" = "[3]" ]
check "quiz --domain 3: time limit 10 x 2 min" [ "$(jq .time_limit_s "$r")" = 1200 ]
check "quiz --domain 3: source recorded" [ "$(jq -r .quiz.source "$r")" = "domain 3" ]
check "quiz: verifies" "$CERTSIM" verify "$r"

echo -n | "$CERTSIM" quiz --task 2.2 --count 12 --seed 5 > /dev/null 2>&1
r=$(last_result)
check "quiz --task 2.2: all from task 2.2" [ "$(jq -c '[.items[].task] | unique' "$r")" = '["2.2"]' ]
check "quiz --task 2.2: 12 items" [ "$(jq '.items | length' "$r")" = 12 ]

echo -n | "$CERTSIM" quiz --seed 5 > /dev/null 2>&1
r=$(last_result)
check "quiz (no source): 20 items weighted 6/5/4/5" [ "$(jq -c '[.domains[].total]' "$r")" = "[6,5,4,5]" ]

# Immediate feedback: the key and the explanation after each answer.
echo a | "$CERTSIM" quiz --task 1.1 --count 2 --seed 9 > "$TMP/fb.out" 2>&1
check "feedback immediate: verdict shown" grep -Eq "^(Correct\.|Incorrect\. The answer is: )" "$TMP/fb.out"
check "feedback immediate: reference shown" grep -q "^Reference: " "$TMP/fb.out"
echo a | "$CERTSIM" quiz --task 1.1 --count 2 --seed 9 --feedback end > "$TMP/fbe.out" 2>&1
check "feedback end: no verdict" bash -c "! grep -Eq '^(Correct\.|Incorrect\.)' '$TMP/fbe.out'"

# A bank too small for the draw names the domain with have/need counts.
small="$TMP/small"
mkdir -p "$small"
cp "$BANK/exam.json" "$small/"
jq '{format, questions: .questions[:3]}' "$BANK/task-1-1.json" > "$small/q.json"
echo -n | "$CERTSIM" exam --bank "$small" > "$TMP/small.out" 2>&1
rc=$?
check "too-small bank: exit 1" [ $rc -eq 1 ]
check "too-small bank: names the domain and counts" \
	grep -q 'domain 1 "Data Preparation for Machine Learning" has 3 usable questions; the draw needs 18' "$TMP/small.out"
echo -n | "$CERTSIM" quiz --bank "$small" --task 1.1 --count 5 > "$TMP/small2.out" 2>&1
check "too-small task: names the task" grep -q 'task 1.1 "Data Ingestion and Storage"; the draw needs 5' "$TMP/small2.out"

# A broken bank: exit 1 with its diagnostics.
bad="$TMP/bad"
mkdir -p "$bad"
cp "$BANK/exam.json" "$bad/"
echo '{"format": "certsim-bank/1", "questions": [ {"id": 1 } ' > "$bad/q.json"
echo -n | "$CERTSIM" exam --bank "$bad" > "$TMP/bad.out" 2>&1
check "broken bank: exit 1" [ $? -eq 1 ]
check "broken bank: FILE:LINE:COL" grep -q "^q.json:2:1: error: syntax error" "$TMP/bad.out"

# Usage errors exit 2.
for args in "--domain 9" "--domain 1 --task 1.1" "--count 0" "--feedback soon" "--task 9.9" "--time-limit 5x" "--untimed --time-limit 5m" "--seed -1" "--bogus"; do
	echo -n | "$CERTSIM" quiz $args > "$TMP/usage.out" 2>&1
	check "quiz $args: exit 2" [ $? -eq 2 ]
done
echo -n | "$CERTSIM" exam --unscored 65 > /dev/null 2>&1
check "exam --unscored 65: exit 2" [ $? -eq 2 ]
check "quiz --help: exit 0" bash -c "'$CERTSIM' quiz --help > /dev/null"
check "exam --help lists the line-mode keys" bash -c "'$CERTSIM' exam --help | grep -q 'g N'"

finish
