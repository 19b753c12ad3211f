#!/usr/bin/env bash
# End-to-end: certsim study and study --schedule over a record of exams and
# study sessions, with the clock moved by CERTSIM_NOW, checked against the
# reviews in the result files and the ts-fsrs fixture (docs/study.md).
. "$(dirname "$0")/lib/common.bash"
FIXTURE="$SRC/tests/fixtures/fsrs/reference.json"

# iso MS: Unix milliseconds as the UTC time CERTSIM_NOW takes.
iso() { printf '%s.%03dZ' "$(date -u -d "@$(($1 / 1000))" +%Y-%m-%dT%H:%M:%S)" $(($1 % 1000)); }

# A ts-fsrs sequence that reviews Again, then Good one to two days later.
seq=$(jq '[.sequences | to_entries[] | select(.value[0][1] == 1 and .value[1][1] == 3
	and (.value[1][0] - .value[0][0]) >= 86400000
	and (.value[1][0] - .value[0][0]) < 172800000) | .key][0]' "$FIXTURE")
check "the fixture has an Again-then-Good sequence" [ "$seq" != null ]
t0=$(jq ".sequences[$seq][0][0]" "$FIXTURE")
t1=$(jq ".sequences[$seq][1][0]" "$FIXTURE")
good=$(jq -c '[.sequences[] | select(.[0][1] == 3) | .[0]][0]' "$FIXTURE")

# Learn the exam's draw and keys in a scratch home.
export CERTSIM_HOME="$TMP/scratch"
CERTSIM_NOW=$(iso "$t0") && export CERTSIM_NOW
echo -n | "$CERTSIM" exam --seed 11 > /dev/null 2>&1
r0=$(last_result)
answers_from "$r0" > "$TMP/right"
wrong_from "$r0" > "$TMP/wrong"

# The learner: an exam at t0 with 50 right and 15 wrong.
export CERTSIM_HOME="$TMP/learner"
{ head -50 "$TMP/right"; tail -n +51 "$TMP/wrong"; echo submit; echo y; } |
	"$CERTSIM" exam --seed 11 > /dev/null 2>&1
r1=$(last_result)
check "exam at t0: 50 correct" [ "$(jq .score.correct "$r1")" = 50 ]
check "exam finished at CERTSIM_NOW" [ "$(jq -r .finished_at "$r1")" = "$CERTSIM_NOW" ]

# A question reworded since it was answered restarts as new (its qhash
# differs from the one recorded); the others keep their reviews.
cp -r "$SRC/question_banks/mla-c01" "$TMP/edited"
qid=$(jq -r '.items[0].id' "$r1")
python3 - "$TMP/edited" "$qid" <<'PY'
import json, os, sys
d, qid = sys.argv[1], sys.argv[2]
for n in os.listdir(d):
    if not n.endswith(".json") or n == "exam.json":
        continue
    p = os.path.join(d, n)
    b = json.load(open(p))
    qs = b["questions"] + [q for c in b.get("case_studies", []) for q in c["questions"]]
    for q in qs:
        if q["id"] == qid:
            q["stem"] = q["stem"] + " (Reworded.)"
            json.dump(b, open(p, "w"), indent=1)
PY
"$CERTSIM" study --schedule --json --bank "$TMP/edited" > "$TMP/edited.json"
check "reworded question: the schedule still reads" [ $? -eq 0 ]
check "reworded question: 64 seen, not 65" [ "$(jq .summary.seen "$TMP/edited.json")" = 64 ]
check "reworded question: it is not among the seen" \
	[ "$(jq --arg q "$qid" '[.questions[] | select(.id == $q)] | length' "$TMP/edited.json")" = 0 ]


# A minute later nothing is due: the next due time and the week's count.
CERTSIM_NOW=$(iso $((t0 + 60000))) && export CERTSIM_NOW
"$CERTSIM" study --new 0 < /dev/null > "$TMP/nothing.txt" 2>&1
check "nothing due: exit 0" [ $? -eq 0 ]
check "nothing due: says so" grep -q "^Nothing is due now" "$TMP/nothing.txt"
next=$(iso $((t0 + 86400000)))
check "nothing due: the next is due a day after the exam (${next:0:16})" \
	grep -q "due ${next:0:10} ${next:11:5} UTC" "$TMP/nothing.txt"
check "nothing due: 65 due within 7 days" grep -q "65 due within 7 days" "$TMP/nothing.txt"
check "nothing due: no result written" [ "$(ls "$CERTSIM_HOME"/results/*.json | wc -l)" = 1 ]

# The schedule against the reviews in the result file and ts-fsrs.
"$CERTSIM" study --schedule --json > "$TMP/s0.json"
check "schedule --json: exit 0" [ $? -eq 0 ]
check "schedule: 65 seen" [ "$(jq .summary.seen "$TMP/s0.json")" = 65 ]
check "schedule: 0 due now" [ "$(jq .summary.due_now "$TMP/s0.json")" = 0 ]
check "schedule: the ids are the exam's" [ "$(jq -r '.questions[].id' "$TMP/s0.json" | sort)" = \
	"$(jq -r '.items[].id' "$r1" | sort)" ]
bad=$(jq --slurpfile r "$r1" --argjson g "$good" --argjson f "$(jq -c ".sequences[$seq][0]" "$FIXTURE")" '
	($r[0].items | map({(.id): .correct}) | add) as $c
	| [.questions[] | . as $q | (if $c[$q.id] then $g else $f end) as $w
	   | select((.reviews | length) != 1 or .reviews[0].rating != (if $c[$q.id] then 3 else 1 end)
	     or .reviews[0].at != $r[0].finished_at
	     or ((.stability - $w[3]) | fabs) > $w[3] * 0.001
	     or ((.difficulty - $w[4]) | fabs) > $w[4] * 0.001)] | length' "$TMP/s0.json")
check "schedule: each review, stability and difficulty as the result and ts-fsrs say" [ "$bad" = 0 ]
due_good=$(iso $((t0 + $(jq '.[5] - .[0]' <<< "$good"))))
check "schedule: a right answer is due 3 days later ($due_good)" [ "$(jq -r --slurpfile r "$r1" '
	($r[0].items | map(select(.correct) | .id)) as $ok
	| [.questions[] | select(.id as $i | $ok | index($i)) | .due] | unique | join(",")' \
	"$TMP/s0.json")" = "$due_good" ]
"$CERTSIM" study --schedule > "$TMP/s0.txt"
check "schedule text: the summary" grep -q "65 seen, .* new; 0 due now, 65 due within 7 days" "$TMP/s0.txt"

# At t1 the 15 wrong answers are due: study serves them, and only them.
CERTSIM_NOW=$(iso "$t1") && export CERTSIM_NOW
rm -rf "$TMP/trial" && cp -r "$CERTSIM_HOME" "$TMP/trial"
CERTSIM_HOME="$TMP/trial" "$CERTSIM" study --seed 5 --new 0 < /dev/null > "$TMP/trial.txt" 2>&1
check "study at t1: 15 due" grep -q "^Studying 15 due questions and 0 new" "$TMP/trial.txt"
t=$(ls -1t "$TMP/trial"/results/*.json | head -1)
answers_from "$t" > "$TMP/study-right"
{ cat "$TMP/study-right"; echo submit; echo y; } |
	"$CERTSIM" study --seed 5 --new 0 > "$TMP/study.txt" 2>&1
check "study at t1: exit 0" [ $? -eq 0 ]
r2=$(last_result)
check "study result: mode study" [ "$(jq -r .mode "$r2")" = study ]
check "study result: 15 of 15 correct" [ "$(jq .score.correct "$r2")" = 15 ]
check "study served exactly the missed questions" [ "$(jq -r '.items[].id' "$r2" | sort)" = \
	"$(jq -r '.items[] | select(.correct | not) | .id' "$r1" | sort)" ]
check "study result verifies" "$CERTSIM" verify "$r2"
check "study gives immediate feedback in line mode" grep -q -i "correct" "$TMP/study.txt"

"$CERTSIM" study --schedule --json > "$TMP/s1.json"
want=$(jq -c ".sequences[$seq][1]" "$FIXTURE")
bad=$(jq --slurpfile r "$r2" --argjson w "$want" --arg due "$(iso "$(jq '.[5]' <<< "$want")")" '
	($r[0].items | map(.id)) as $ids
	| [.questions[] | select(.id as $i | $ids | index($i))
	   | select((.reviews | map(.rating)) != [1, 3]
	     or ((.stability - $w[3]) | fabs) > $w[3] * 0.001
	     or ((.difficulty - $w[4]) | fabs) > $w[4] * 0.001 or .due != $due)] | length' \
	"$TMP/s1.json")
check "after study: Again then Good matches ts-fsrs (stability, difficulty, due)" [ "$bad" = 0 ]
check "after study: nothing due now" [ "$(jq .summary.due_now "$TMP/s1.json")" = 0 ]

# Three days after the exam the 50 right answers are due, most overdue first.
CERTSIM_NOW=$(iso $((t0 + 3 * 86400000 + 3600000))) && export CERTSIM_NOW
"$CERTSIM" study --count 7 --new 2 --seed 3 < /dev/null > "$TMP/day3.txt" 2>&1
check "day 3: 7 due and 2 new" grep -q "^Studying 7 due questions and 2 new" "$TMP/day3.txt"
r3=$(last_result)
check "day 3: the 7 due were answered right in the exam" [ "$(jq -r --slurpfile r "$r1" '
	($r[0].items | map(select(.correct) | .id)) as $ok
	| [.items[0:7][] | .id as $i | $ok | index($i) | select(. != null)] | length' "$r3")" = 7 ]
check "day 3: the 2 new were never seen" [ "$(jq -r --slurpfile r "$r1" '
	($r[0].items | map(.id)) as $seen
	| [.items[7:][] | .id as $i | $seen | index($i) | select(. == null)] | length' "$r3")" = 2 ]

# Filters, and a tampered result counts for nothing.
"$CERTSIM" study --schedule --json --domain 1 > "$TMP/d1.json"
check "--domain 1: some questions" [ "$(jq '.questions | length' "$TMP/d1.json")" -gt 0 ]
check "--domain 1: only domain 1's questions" \
	[ "$(jq '[.questions[] | select(.task | startswith("1.") | not)] | length' "$TMP/d1.json")" = 0 ]
"$CERTSIM" study --tag no-such-tag-anywhere --schedule > /dev/null 2>&1
check "an unknown tag: exit 1" [ $? -eq 1 ]
"$CERTSIM" study --json > /dev/null 2>&1
check "--json without --schedule: usage error" [ $? -eq 2 ]
sed -i 's/"correct":[[:space:]]*false/"correct": true/' "$r1"
"$CERTSIM" study --schedule --json > "$TMP/s2.json"
check "a tampered exam no longer counts" [ "$(jq --arg t0 "$(iso "$t0")" \
	'[.questions[].reviews[] | select(.at == $t0)] | length' "$TMP/s2.json")" = 0 ]
check "the untampered ones still count" [ "$(jq '.summary.seen' "$TMP/s2.json")" = 24 ]

finish
