#!/usr/bin/env bash
# The command line: help, version, usage errors and bank stats on the good fixture.
set -u
: "${CERTSIM:?set CERTSIM to the certsim binary}"
: "${FIXTURES:?set FIXTURES to tests/fixtures}"
: "${SRC:?set SRC to the repository root}"
export LC_ALL=C

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
good="$FIXTURES/banks/good"

fail() {
	echo "FAIL $1: $2"
	failures=$((failures + 1))
}

# run WANT_RC ARGS...: run certsim with stdin from /dev/null; stdout in
# $tmp/out, stderr in $tmp/err; the exit status must be WANT_RC.
run() {
	local want=$1 rc=0
	shift
	"$CERTSIM" "$@" </dev/null >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		fail "certsim $*" "exit $rc, expected $want"
		sed 's/^/  stdout: /' "$tmp/out"
		sed 's/^/  stderr: /' "$tmp/err"
		return 1
	fi
	return 0
}

# has FILE TEXT NAME: FILE contains the fixed string TEXT.
has() {
	grep -qF -- "$2" "$1" || { fail "$3" "$(basename "$1") lacks: $2"; sed 's/^/  | /' "$1"; }
}

# has_re FILE REGEX NAME: a line of FILE matches the extended REGEX.
has_re() {
	grep -qE -- "$2" "$1" || { fail "$3" "$(basename "$1") has no line matching: $2"; sed 's/^/  | /' "$1"; }
}

empty() {
	[ ! -s "$1" ] || { fail "$2" "$(basename "$1") should be empty:"; sed 's/^/  | /' "$1"; }
}

# Help and version.
if run 0 --help; then
	has "$tmp/out" "bank lint" "--help"
	has "$tmp/out" "Usage: certsim" "--help"
	tail -n 1 "$tmp/out" | grep -q 'man certsim.*man 5 certsim-bank' ||
		fail "--help" "the last line does not point to man certsim and man 5 certsim-bank"
	empty "$tmp/err" "--help"
fi
run 0 -h && has "$tmp/out" "bank lint" "-h"
if run 0 --version; then
	has_re "$tmp/out" '^certsim [0-9]+\.[0-9]+\.[0-9]+' "--version"
	empty "$tmp/err" "--version"
fi
if run 0 bank --help; then
	has "$tmp/out" "certsim bank lint" "bank --help"
	has "$tmp/out" "certsim bank stats" "bank --help"
fi
run 0 bank lint --help && has "$tmp/out" "certsim bank lint" "bank lint --help"

# Usage errors: exit 2, a message on stderr, nothing on stdout.
usage_error() { # usage_error TEXT ARGS...
	local text=$1
	shift
	if run 2 "$@"; then
		has "$tmp/err" "$text" "certsim $*"
		empty "$tmp/out" "certsim $*"
	fi
}
usage_error "unknown command 'frobnicate'" frobnicate
usage_error "unknown option '--frobnicate'" --frobnicate
usage_error "bank" bank
usage_error "'frob'" bank frob
usage_error "'--frob'" bank lint --frob
usage_error "'--frob'" bank stats --frob
usage_error "one PATH" bank stats "$good" "$good"
# No command and stdin not a terminal: usage on stderr.
usage_error "Usage: certsim" </dev/null

# bank stats, text. The good fixture: domain 1 (60%) has 5 questions, tasks
# 1.1: 3 and 1.2: 2; domain 2 (40%) has 4, tasks 2.1: 3 and 2.2: 1 (the case
# study's 2 questions count in domain 2). 5 per exam apportion to 3 and 2.
# Types: single 5, multiple 2, ordering 1, matching 1.
if run 0 bank stats "$good"; then
	o="$tmp/out"
	n="bank stats"
	has "$o" "Bank:        $good" "$n"
	has "$o" "Exam:        TEST-01, Fixture Exam" "$n"
	has "$o" "Blueprint:   5 questions in 10 minutes; pass 700 on 100-1000" "$n"
	has_re "$o" '^Fingerprint: [0-9a-f]{64}$' "$n"
	has "$o" "Questions:   9 in 2 files" "$n"
	has_re "$o" '^1 Data Preparation +60% +5 +3$' "$n"
	has_re "$o" '^  1\.1 +Ingestion +3$' "$n"
	has_re "$o" '^  1\.2 +Transformation +2$' "$n"
	has_re "$o" '^2 Model Development +40% +4 +2$' "$n"
	has_re "$o" '^  2\.1 +Training +3$' "$n"
	has_re "$o" '^  2\.2 +Evaluation +1$' "$n"
	has "$o" "single 5, multiple 2, ordering 1, matching 1" "$n"
	has "$o" "Case studies: 1" "$n"
	has_re "$o" '^  cs-churn +domain 2, 2 questions: Churn model$' "$n"
	has "$o" "Complete exams with no repeated question: 1" "$n"
	empty "$tmp/err" "$n"
fi

# bank stats --json, read with jq.
if run 0 bank stats --json "$good"; then
	j="$tmp/out"
	check() { # check JQ_EXPR EXPECTED
		local got
		got=$(jq -c "$1" "$j" 2>&1)
		[ "$got" = "$2" ] || fail "bank stats --json" "$1 is $got, expected $2"
	}
	check .bank "\"$good\""
	check .code '"TEST-01"'
	check .files 2
	check .questions 9
	check .exam_questions 5
	check .exams_available 1
	check '.fingerprint | test("^[0-9a-f]{64}$")' true
	check '[.domains[] | .id]' '[1,2]'
	check '[.domains[] | .weight]' '[60,40]'
	check '[.domains[] | .questions]' '[5,4]'
	check '[.domains[] | .per_exam]' '[3,2]'
	check '[.domains[].tasks[] | [.id, .questions]]' '[["1.1",3],["1.2",2],["2.1",3],["2.2",1]]'
	check '.types' '{"single":5,"multiple":2,"ordering":1,"matching":1}'
	check '.case_studies' '[{"id":"cs-churn","domain":2,"title":"Churn model","questions":2}]'
	check '[.domains[].questions] | add' 9
fi
# "tags": every tag once, sorted, with the number of questions carrying it,
# against the same count made by jq from the bank's files (case studies
# included; a tag listed twice on one question counts once).
tags_from_files() { # tags_from_files DIR: the expected "tags" array
	find "$1" -maxdepth 1 -name '*.json' ! -name exam.json -print0 | xargs -0 cat |
		jq -sc '[.[] | ((.questions // [])[], ((.case_studies // [])[] | .questions[]))
		  | (.tags // []) | unique | .[]] | group_by(.)
		  | map({tag: .[0], questions: length}) | sort_by(.tag | explode)'
}
mkdir -p "$tmp/tagbank"
cp "$good/exam.json" "$tmp/tagbank/"
cat > "$tmp/tagbank/q.json" <<'JSON'
{ "format": "certsim-bank/1", "questions": [
  { "id": "t1", "domain": 1, "task": "1.1", "type": "single", "stem": "S?",
    "options": [ { "id": "A", "text": "a" }, { "id": "B", "text": "b" } ],
    "answer": ["A"], "explanation": "E.", "tags": ["zeta", "Alpha", "zeta"] },
  { "id": "t2", "domain": 2, "task": "2.1", "type": "single", "stem": "S?",
    "options": [ { "id": "A", "text": "a" }, { "id": "B", "text": "b" } ],
    "answer": ["B"], "explanation": "E.", "tags": ["zeta", "beta"] },
  { "id": "t3", "domain": 2, "task": "2.2", "type": "single", "stem": "S?",
    "options": [ { "id": "A", "text": "a" }, { "id": "B", "text": "b" } ],
    "answer": ["B"], "explanation": "E." } ] }
JSON
for dir in "$good" "$tmp/tagbank" "$SRC/question_banks/mla-c01"; do
	want=$(tags_from_files "$dir")
	got=$("$CERTSIM" bank stats --json "$dir" | jq -c .tags)
	[ -n "$want" ] && [ "$got" = "$want" ] ||
		fail "bank stats --json tags" "$dir: got $got, expected $want"
done
got=$("$CERTSIM" bank stats --json "$tmp/tagbank" | jq -c .tags)
[ "$got" = '[{"tag":"Alpha","questions":1},{"tag":"beta","questions":1},{"tag":"zeta","questions":2}]' ] ||
	fail "bank stats --json tags" "duplicate and mixed-case tags: $got"

# The fingerprint is the same in both forms.
fp_text=$("$CERTSIM" bank stats "$good" | sed -n 's/^Fingerprint: //p')
fp_json=$("$CERTSIM" bank stats --json "$good" | jq -r .fingerprint)
[ -n "$fp_text" ] && [ "$fp_text" = "$fp_json" ] ||
	fail "fingerprint" "text '$fp_text' and json '$fp_json' differ"

# bank stats on a bad bank: exit 1, the diagnostics and a hint on stderr.
if run 1 bank stats "$FIXTURES/banks/syntax-error"; then
	has "$tmp/err" "questions.json:8:7: error: syntax error" "bank stats on a bad bank"
	has "$tmp/err" "certsim bank lint" "bank stats on a bad bank"
	empty "$tmp/out" "bank stats on a bad bank"
fi
run 1 bank stats "$tmp/no-such-bank" && has "$tmp/err" "$tmp/no-such-bank" "bank stats on a missing dir"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all cli cases pass"
