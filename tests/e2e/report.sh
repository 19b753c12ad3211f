#!/usr/bin/env bash
# End-to-end: certsim report on a record made through the real binary (exams
# and quizzes in line mode, scripted answers, fixed seeds): the numbers in the
# report's tables equal the result files; options, exit statuses and --open.
. "$(dirname "$0")/lib/common.bash"
export LC_ALL=C
LEARNER="$TMP/learner"
SCRATCH="$TMP/scratch"

# take MODE SEED RIGHT [ARGS...]: take an exam or quiz in the learner's home
# with RIGHT items answered correctly and the rest wrongly. The keys are
# learned first from an empty run on a copy of the home (same history, same
# seed: the same draw).
take() {
	local mode=$1 seed=$2 right=$3 r0
	shift 3
	rm -rf "$SCRATCH"
	mkdir -p "$LEARNER"
	cp -r "$LEARNER" "$SCRATCH"
	echo -n | CERTSIM_HOME="$SCRATCH" "$CERTSIM" "$mode" --seed "$seed" "$@" > /dev/null 2>&1
	r0=$(CERTSIM_HOME="$SCRATCH" last_result)
	answers_from "$r0" > "$TMP/right"
	wrong_from "$r0" > "$TMP/wrong"
	{ head -n "$right" "$TMP/right"; tail -n +"$((right + 1))" "$TMP/wrong"; echo submit; echo y; } |
		CERTSIM_HOME="$LEARNER" "$CERTSIM" "$mode" --seed "$seed" "$@" > /dev/null 2>&1
	sleep 1 # distinct finished_at stamps
	[ "$(jq -r '[.items[].id] | join(" ")' "$r0")" = \
		"$(jq -r '[.items[].id] | join(" ")' "$(CERTSIM_HOME="$LEARNER" last_result)")" ]
}
export CERTSIM_HOME="$LEARNER"

check "exam 1 (40 right) draws as learned" take exam 11 40
check "quiz 1 (6 of 10 right) draws as learned" take quiz 21 6 --count 10
check "exam 2 (47 right) draws as learned" take exam 12 47
check "quiz 2 (task 1.3, 3 of 8 right) draws as learned" take quiz 22 3 --task 1.3 --count 8
check "exam 3 (55 right) draws as learned" take exam 13 55
check "quiz 3 (9 of 12 right) draws as learned" take quiz 23 9 --count 12
check "the record has 6 results" [ "$(ls "$LEARNER"/results/*.json | wc -l)" -eq 6 ]

# The results, oldest first (the names start with the UTC stamp).
mapfile -t all < <(ls -1 "$LEARNER"/results/*.json | sort)
exams=() quizzes=()
for r in "${all[@]}"; do
	if [ "$(jq -r .mode "$r")" = exam ]; then exams+=("$r"); else quizzes+=("$r"); fi
done
check "3 exams and 3 quizzes" [ ${#exams[@]} -eq 3 -a ${#quizzes[@]} -eq 3 ]

"$CERTSIM" report > "$TMP/out.txt" 2> "$TMP/err.txt"
check "report: exit 0" [ $? -eq 0 ]
check "report prints the default path" [ "$(cat "$TMP/out.txt")" = "$LEARNER/report.html" ]
check "report: nothing on stderr" [ ! -s "$TMP/err.txt" ]
check "the report is private (mode 600)" [ "$(stat -c %a "$LEARNER/report.html")" = 600 ]
"$CERTSIM" report --out "$TMP/r.html" > "$TMP/out2.txt"
check "report --out FILE: exit 0 and prints FILE" [ "$(cat "$TMP/out2.txt")" = "$TMP/r.html" ]
check "the same record gives the same tables" cmp -s \
	<(grep -v -e generated -e '<time' "$LEARNER/report.html") \
	<(grep -v -e generated -e '<time' "$TMP/r.html")

# The tables as "TABLE<TAB>cell<TAB>cell..." lines, one per body row.
python3 - "$TMP/r.html" > "$TMP/tables.tsv" <<'PY'
import sys
from html.parser import HTMLParser

class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.table = None; self.body = False; self.row = None; self.cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id")
        elif tag in ("tbody", "tfoot"):
            self.body = tag
        elif tag == "tr" and self.body:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join(self.cell.split())); self.cell = None
        elif tag == "tr" and self.row is not None:
            name = self.table + ("" if self.body == "tbody" else ".foot")
            print("\t".join([name] + self.row)); self.row = None
        elif tag in ("tbody", "tfoot"):
            self.body = False
        elif tag == "table":
            self.table = None
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

Tables().feed(open(sys.argv[1], encoding="utf-8").read())
PY
rows() { awk -F'\t' -v t="$1" '$1 == t' "$TMP/tables.tsv" | cut -f2-; }
check "the page has the 7 tables" [ "$(grep -c '<table id=' "$TMP/r.html")" -eq 7 ]
for t in scores-table domains-table tasks-table practice-table pacing-table slowest-table \
	study-table; do
	check "table $t has rows" [ -n "$(rows "$t")" ]
done

# Scores: one row per exam, oldest first, equal to the result files.
want=""
n=0
for r in "${exams[@]}"; do
	n=$((n + 1))
	want+=$(jq -r --arg n $n '[$n, (.score.scaled | tostring),
	  (if .score.passed then "pass" else "fail" end),
	  "\(.score.correct) of \(.score.scored)"] | join("\t")' "$r")$'\n'
done
check "scores table = the exams' results (number, scaled, pass/fail, correct)" \
	[ "$(rows scores-table | cut -f1,3,4,5)" = "${want%$'\n'}" ]
rows scores-table | cut -f1,3,4,5 | sed 's/^/#   got: /'

# Domains: the last exam's counts, and the earlier exams added together.
last=${exams[-1]}
want=$(jq -r -s '(.[-1].domains | map({key: (.id | tostring), value: .})
	| from_entries) as $last
	| (.[:-1] | map(.domains[]) | group_by(.id)
	| map({key: (.[0].id | tostring),
	       value: {c: (map(.correct) | add), t: (map(.total) | add)}}) | from_entries) as $earlier
	| $last | keys[] | . as $d
	| [$d, "\($last[$d].correct) of \($last[$d].total)",
	   "\($earlier[$d].c) of \($earlier[$d].t)"] | join("\t")' "${exams[@]}")
got=$(rows domains-table | awk -F'\t' '{ sub(/ \(.*/, "", $3); sub(/ \(.*/, "", $5);
	print $1 "\t" $3 "\t" $5 }')
check "domains table = last exam per domain, earlier exams summed" [ "$got" = "$want" ]
[ "$got" = "$want" ] || diff <(echo "$got") <(echo "$want") | sed 's/^/#   /'
check "domains table: status from the last exam's own status" [ \
	"$(rows domains-table | cut -f4 | tr ' ' -)" = \
	"$(jq -r '.domains[].status' "$last")" ]

# Tasks: per attempt (oldest first, exams E and quizzes Q), then all together.
want=$(jq -r -s '[.[] | .tasks | map({key: .id, value: "\(.correct)/\(.total)"})
	| from_entries] as $per
	| (map(.tasks[]) | group_by(.id)
	| map({key: .[0].id, value: "\(map(.correct) | add) of \(map(.total) | add)"})
	| from_entries) as $sum
	| ($sum | keys[]) as $t
	| [$t] + [$per[] | .[$t] // ""] + [$sum[$t]] | join("\t")' "${all[@]}")
got=$(rows tasks-table | awk -F'\t' 'BEGIN { OFS = "\t" } { $2 = ""; sub(/ \(.*/, "", $NF);
	print }' | sed 's/\t\t/\t/')
check "tasks table = every attempt's per-task counts and their sums" [ "$got" = "$want" ]
[ "$got" = "$want" ] || diff <(echo "$got") <(echo "$want") | sed 's/^/#   /'

# Practice: each quiz, correct of scored.
want=$(for r in "${quizzes[@]}"; do jq -r '"\(.score.correct) of \(.score.scored)"' "$r"; done)
check "practice table = the quizzes' results" [ "$(rows practice-table | cut -f3)" = "$want" ]

# Pacing: items shown per exam; the slowest questions are items of the last exam.
want=$(for r in "${exams[@]}"; do jq -r '.items | length' "$r"; done)
check "pacing table: questions per exam" [ "$(rows pacing-table | cut -f3)" = "$want" ]
slow_ok=1
while IFS=$'\t' read -r id task secs ans; do
	jq -e --arg id "$id" --arg task "$task" --argjson s "$secs" --arg a "$ans" \
		'.items[] | select(.id == $id and .task == $task and .seconds == $s
		  and (if .correct then "correct" else "wrong" end) == $a)' "$last" > /dev/null ||
		slow_ok=0
done < <(rows slowest-table)
check "slowest table: items of the last exam with their task, seconds and answer" [ $slow_ok = 1 ]

# Study: seen = distinct questions answered; seen + new = the bank.
seen=$(jq -r '.items[].id' "${all[@]}" | sort -u | wc -l)
bank_n=$("$CERTSIM" bank stats --json | jq .questions)
study=$(rows study-table)
check "study table: seen = $seen distinct questions answered" [ "$(cut -f1 <<< "$study")" = "$seen" ]
check "study table: seen + new = the bank's $bank_n questions" \
	[ $(($(cut -f1 <<< "$study") + $(cut -f2 <<< "$study"))) -eq "$bank_n" ]
check "study table: due this week includes due now" \
	[ "$(cut -f4 <<< "$study")" -ge "$(cut -f3 <<< "$study")" ]

# all COMMAND... ; COMMAND... : every command (split at ';' arguments) succeeds.
all() {
	local cmd=()
	for a in "$@" ';'; do
		if [ "$a" = ';' ]; then
			"${cmd[@]}" || return 1
			cmd=()
		else
			cmd+=("$a")
		fi
	done
}
# all_same A B ROWS: A equals B and has 3 exam rows.
all_same() { [ "$1" = "$2" ] && [ "$3" -eq 3 ]; }

# Options and errors.
"$CERTSIM" report --out "$TMP/no/such/dir/r.html" > /dev/null 2> "$TMP/err.txt"
check "unwritable --out: exit 3" [ $? -eq 3 ]
check "unwritable --out: names the path and the reason" \
	grep -q "$TMP/no/such/dir/r.html.*No such file or directory" "$TMP/err.txt"
"$CERTSIM" report --bank "$BANK" --exam MLA-C01 > /dev/null 2>&1
check "--bank with --exam: exit 2" [ $? -eq 2 ]
"$CERTSIM" report --out > /dev/null 2>&1
check "--out without a value: exit 2" [ $? -eq 2 ]
"$CERTSIM" report --bogus > /dev/null 2>&1
check "unknown option: exit 2" [ $? -eq 2 ]
"$CERTSIM" report --exam NOPE-C01 > /dev/null 2> "$TMP/err.txt"
check "--exam with no results of that code: exit 1" [ $? -eq 1 ]
check "--exam with no results: says so" grep -q "no results of exam NOPE-C01" "$TMP/err.txt"
"$CERTSIM" report --exam MLA-C01 --out "$TMP/e.html" > /dev/null
scores_of() { sed -n '/<table id="scores-table">/,/<\/table>/p' "$1"; }
check "--exam MLA-C01 gives the same scores table" all_same "$(scores_of "$TMP/e.html")" \
	"$(scores_of "$TMP/r.html")" "$(scores_of "$TMP/e.html" | grep -c '<tr><td>[0-9]')"

# --open: without a display, the path and a note; with one, xdg-open gets the path.
env -u DISPLAY -u WAYLAND_DISPLAY "$CERTSIM" report --open --out "$TMP/o.html" \
	> "$TMP/out.txt" 2> "$TMP/err.txt"
check "--open without a display: exit 0, prints the path" \
	[ "$(cat "$TMP/out.txt")" = "$TMP/o.html" ]
check "--open without a display: a note says to open it" grep -q "no display" "$TMP/err.txt"
mkdir -p "$TMP/bin" "$TMP/nobin"
DISPLAY=:99 PATH="$TMP/nobin" "$CERTSIM" report --open --out "$TMP/o1.html" \
	> "$TMP/out.txt" 2> "$TMP/err.txt"
check "--open with a display but no xdg-open: prints the path and says why" all \
	[ "$(cat "$TMP/out.txt")" = "$TMP/o1.html" ] ';' grep -q "xdg-open is not installed" \
	"$TMP/err.txt"
printf '#!/bin/sh\necho "$@" > "%s/opened"\n' "$TMP" > "$TMP/bin/xdg-open"
chmod +x "$TMP/bin/xdg-open"
DISPLAY=:99 PATH="$TMP/bin:$PATH" "$CERTSIM" report --open --out "$TMP/o2.html" > "$TMP/out.txt"
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$TMP/opened" ] && break; sleep 0.2; done
check "--open with a display runs xdg-open on the report" \
	[ "$(cat "$TMP/opened" 2>/dev/null)" = "$TMP/o2.html" ]

# A tampered result is left out, and the report says so.
jq '.score.scaled = 1000' "${exams[0]}" > "$TMP/t.json" && cp "$TMP/t.json" "${exams[0]}"
"$CERTSIM" report --out "$TMP/t.html" > /dev/null 2> "$TMP/err.txt"
check "tampered result: still exit 0" [ $? -eq 0 ]
check "tampered result: a note counts it" grep -q "1 result(s) left out" "$TMP/err.txt"
check "tampered result: 2 exams left in the scores table" \
	[ "$(grep -o '<table id="scores-table">.*</table>' "$TMP/t.html" | head -1 >/dev/null;
	     python3 -c 'import re,sys; s=open(sys.argv[1]).read();
t=re.search(r"<table id=\"scores-table\">.*?<tbody>(.*?)</tbody>", s, re.S).group(1);
print(t.count("<tr>"))' "$TMP/t.html")" -eq 2 ]

# An empty record: a page that says how to start.
CERTSIM_HOME="$TMP/empty" "$CERTSIM" report > /dev/null
check "empty record: exit 0 and a page" [ -s "$TMP/empty/report.html" ]
check "empty record: suggests a first exam" grep -q "Take a first full practice exam" \
	"$TMP/empty/report.html"
finish
