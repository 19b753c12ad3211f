#!/usr/bin/env bash
# bank import/export: the bundled bank round-trips through GIFT and Moodle XML
# (same stems, choices and keys), Moodle's documented samples import, errors
# are located and leave nothing behind, and an import is a usable exam bank.
. "$(dirname "$0")/lib/common.bash"
: "${FIXTURES:?set FIXTURES to tests/fixtures}"
IX="$FIXTURES/interchange"
EXAM="$BANK/exam.json"

# run WANT_RC ARGS...: certsim with stdout in $TMP/out, stderr in $TMP/err.
run() {
	local want=$1 rc=0
	shift
	"$CERTSIM" "$@" </dev/null >"$TMP/out" 2>"$TMP/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "  certsim $*: exit $rc, expected $want"
		sed 's/^/  stdout: /' "$TMP/out"
		sed 's/^/  stderr: /' "$TMP/err" | head -20
		return 1
	fi
}

# What must survive a round trip, one line per question sorted by id: type,
# task, stem (a case study's scenario, a blank line, the stem), explanation,
# choices and key as texts (matching options and ordering items as sets,
# since their ids follow the export's order).
view() {
	jq -c -s '
	  def texts($l): $l | map({(.id): .text}) | add;
	  def view($q; $cs):
	    {id: $q.id, type: $q.type, task: $q.task, explanation: $q.explanation,
	     stem: (if $cs then $cs.scenario + "\n\n" + $q.stem else $q.stem end)} +
	    (if $q.type == "matching" then
	       texts($q.options) as $o | texts($q.prompts) as $p |
	       {choices: ($q.options | map(.text) | sort),
	        prompts: ($q.prompts | sort_by(.id) | map(.text)),
	        key: ($q.answer | to_entries | map([$p[.key], $o[.value]]) | sort)}
	     elif $q.type == "ordering" then
	       texts($q.items) as $o |
	       {choices: ($q.items | map(.text) | sort), key: ($q.answer | map($o[.]))}
	     else
	       texts($q.options) as $o |
	       {choices: ($q.options | sort_by(.id) | map(.text)),
	        key: ($q.answer | map($o[.]) | sort)}
	     end);
	  [ .[] | ((.questions // [])[] | view(.; null)),
	          ((.case_studies // [])[] | . as $cs | .questions[] | view(.; $cs)) ]
	  | sort_by(.id)[]' "$@"
}

bank_files() {
	find "$1" -maxdepth 1 -name '*.json' ! -name exam.json | sort
}

# round_trip FORMAT FILTER: export the bundled bank, import it, compare.
round_trip() {
	local fmt=$1 filter=$2 file="$TMP/bank.$1" out="$TMP/back-$1"
	check "$fmt: export exits 0" run 0 bank export --to "$fmt" --out "$file"
	check "$fmt: import of the export exits 0" \
		run 0 bank import --from "$fmt" "$file" --exam "$EXAM" --out "$out"
	check "$fmt: the import lints clean" grep -qE "^$out: [0-9]+ questions imported, 0 skipped: 0 errors, 0 warnings$" "$TMP/out"
	# shellcheck disable=SC2046
	view $(bank_files "$BANK") | jq -c "$filter" > "$TMP/want-$fmt"
	# shellcheck disable=SC2046
	view $(bank_files "$out") > "$TMP/got-$fmt"
	check "$fmt: $(wc -l < "$TMP/want-$fmt") questions, same stems, choices and keys" \
		diff -u "$TMP/want-$fmt" "$TMP/got-$fmt"
}

total=$(jq -s '[.[] | (.questions // [] | length) + ([.case_studies // [] | .[].questions | length] | add // 0)] | add' $(bank_files "$BANK"))
ordering=$(jq -s '[.[] | (.questions // [])[], ((.case_studies // [])[].questions[]) | select(.type == "ordering")] | length' $(bank_files "$BANK"))

round_trip gift 'select(.type != "ordering")'
run 0 bank export --to gift --out "$TMP/bank.gift"
check "gift: $ordering ordering questions named in warnings" \
	[ "$(grep -c ': warning: skipped ordering question: GIFT has no ordering questions' "$TMP/err")" -eq "$ordering" ]
check "gift: the summary counts them" \
	grep -qxF "$TMP/bank.gift: $((total - ordering)) questions exported as gift, $ordering skipped" "$TMP/out"
check "gift: categories CODE/Domain N/TASK" grep -qxF '$CATEGORY: MLA-C01/Domain 3/3.2' "$TMP/bank.gift"
round_trip moodle-xml '.'
check "moodle-xml: ordering as the ordering question type" \
	[ "$(grep -c '<question type="ordering">' "$TMP/bank.moodle-xml")" -eq "$ordering" ]
check "moodle-xml: categories CODE/Domain N/TASK" \
	grep -qF '<text>MLA-C01/Domain 4/4.3</text>' "$TMP/bank.moodle-xml"

# Moodle's documented samples.
check "gift docs sample imports" \
	run 0 bank import --from gift "$IX/docs-examples.gift" --exam "$EXAM" --out "$TMP/g" --task 4.1
check "gift: skipped questions are located warnings" \
	grep -qF "$IX/docs-examples.gift:18: warning: skipped numerical question \"Q5\": certsim has no numerical questions" "$TMP/err"
check "gift: 10 imported, 5 skipped" grep -qE "^$TMP/g: 10 questions imported, 5 skipped: 0 errors, [0-9]+ warnings$" "$TMP/out"
check "gift: a category's last part is its task" \
	[ "$(jq -r '.questions[] | select(.id == "Q1") | .task' "$TMP/g/questions.json")" = 1.1 ]
check "gift: general feedback is the explanation" \
	[ "$(jq -r '.questions[] | select(.type == "matching") | .explanation' "$TMP/g/questions.json")" = "It's good to know the capitals" ]
check "the imported bank lints (no explanation is a warning)" run 0 bank lint "$TMP/g"
check "moodle-xml docs sample imports" \
	run 0 bank import --from moodle-xml "$IX/docs-examples.xml" --exam "$EXAM" --out "$TMP/x"
check "moodle-xml: 6 imported, 4 skipped" grep -qE "^$TMP/x: 6 questions imported, 4 skipped" "$TMP/out"
check "aiken docs sample imports with --task" \
	run 0 bank import --from aiken "$IX/docs-examples.aiken.txt" --exam "$EXAM" --out "$TMP/a" --task 2.3
check "aiken: 2 questions in task 2.3" \
	[ "$(jq -c '[.questions[] | .task]' "$TMP/a/questions.json")" = '["2.3","2.3"]' ]

# A Moodle quiz becomes a practice quiz: answer both Aiken questions right.
printf 'D\nA\nsubmit\ny\n' > "$TMP/answers"
rc=0
CERTSIM_HOME="$TMP/home-a" "$CERTSIM" quiz --bank "$TMP/a" --task 2.3 --count 2 --seed 3 \
	--untimed --plain < "$TMP/answers" > "$TMP/quiz.out" 2>&1 || rc=$?
check "a quiz on the imported bank runs" [ "$rc" -eq 0 ]
result=$(ls "$TMP"/home-a/results/*.json 2>/dev/null | head -1)
check "the quiz wrote a result of 2 items" [ "$(jq '.items | length' "$result")" = 2 ]

# Syntax errors: every one located, nothing written, no temporary left.
mkdir -p "$TMP/errs"
check "gift errors: exit 1" \
	run 1 bank import --from gift "$IX/errors.gift" --exam "$EXAM" --out "$TMP/errs/o" --task 1.1
check "gift errors: all 7 reported" [ "$(grep -c "^$IX/errors.gift:[0-9]*: error: " "$TMP/err")" -eq 7 ]
check "gift errors: nothing written" [ -z "$(ls -A "$TMP/errs")" ]
check "aiken errors: exit 1" \
	run 1 bank import --from aiken "$IX/errors.aiken.txt" --exam "$EXAM" --out "$TMP/errs/o" --task 1.1
check "aiken errors: all 5 reported" [ "$(grep -c "^$IX/errors.aiken.txt:[0-9]*: error: " "$TMP/err")" -eq 5 ]
check "xml errors: exit 1" \
	run 1 bank import --from moodle-xml "$IX/malformed.xml" --exam "$EXAM" --out "$TMP/errs/o"
check "xml errors: located" grep -qF "$IX/malformed.xml:5: error: XML: Opening and ending tag mismatch" "$TMP/err"
check "xml errors: nothing written" [ -z "$(ls -A "$TMP/errs")" ]

# Categories that map to no task, then --map.
printf '$CATEGORY: $course$/top/Week 1\n\nQ?{=a ~b}\n' > "$TMP/week.gift"
check "unmapped category: exit 1" \
	run 1 bank import --from gift "$TMP/week.gift" --exam "$EXAM" --out "$TMP/errs/o"
check "unmapped category: how to map it" \
	grep -qF "$TMP/week.gift:3: error: category \"\$course\$/top/Week 1\" maps to no task of MLA-C01: add --map 'Week 1=TASK' or --task TASK" "$TMP/err"
check "--map maps it" \
	run 0 bank import --from gift "$TMP/week.gift" --exam "$EXAM" --out "$TMP/mapped" --map 'Week 1=3.3'
check "--map: task 3.3" [ "$(jq -r '.questions[0].task' "$TMP/mapped/questions.json")" = 3.3 ]

# Nothing convertible: exit 1, nothing written.
printf '::e::Essay?{}\n\n::n::Number?{#42}\n' > "$TMP/none.gift"
check "nothing converted: exit 1" \
	run 1 bank import --from gift "$TMP/none.gift" --exam "$EXAM" --out "$TMP/errs/o" --task 1.1
check "nothing converted: says so" grep -qF "no question could be converted (2 skipped)" "$TMP/err"

# Usage and I/O errors.
check "no --from: 2" run 2 bank import "$TMP/none.gift" --exam "$EXAM" --out "$TMP/u"
check "unknown format: 2" run 2 bank import --from qti "$TMP/none.gift" --exam "$EXAM" --out "$TMP/u"
check "no --out: 2" run 2 bank import --from gift "$TMP/none.gift" --exam "$EXAM"
check "--task not in the blueprint: 2" \
	run 2 bank import --from gift "$TMP/week.gift" --exam "$EXAM" --out "$TMP/u" --task 9.9
check "--out not empty: 2" \
	run 2 bank import --from gift "$TMP/week.gift" --exam "$EXAM" --out "$TMP/mapped" --task 1.1
check "missing input file: 3" \
	run 3 bank import --from gift "$TMP/missing.gift" --exam "$EXAM" --out "$TMP/u" --task 1.1
check "missing --exam file: 3" \
	run 3 bank import --from gift "$TMP/week.gift" --exam "$TMP/missing.json" --out "$TMP/u" --task 1.1
check "export --to aiken: 2" run 2 bank export --to aiken --out "$TMP/x.txt"
check "export into a missing directory: 3" run 3 bank export --to gift --out "$TMP/no/such/x.gift"
check "export --help" run 0 bank export --help
check "import --help" run 0 bank import --help

finish
