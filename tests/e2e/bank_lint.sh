#!/usr/bin/env bash
# Lint every fixture bank and compare stdout and exit status with expected.txt.
#
# Each tests/fixtures/banks/NAME/expected.txt is the exact stdout of
# `certsim bank lint DIR` with DIR written as @DIR@. The exit status must be
# 1 when it contains ": error:", else 0; stderr must stay empty.
set -u
: "${CERTSIM:?set CERTSIM to the certsim binary}"
: "${SRC:?set SRC to the repository root}"
: "${FIXTURES:?set FIXTURES to tests/fixtures}"
export LC_ALL=C

failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL $1: $2"
	failures=$((failures + 1))
}

# lint_case NAME EXPECTED_FILE EXPECTED_RC DIR... : compare one run.
lint_case() {
	local name=$1 expected=$2 want_rc=$3
	shift 3
	local rc=0
	"$CERTSIM" bank lint "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	local out
	out=$(cat "$tmp/out")
	for dir in "$@"; do
		out=${out//"$dir"/@DIR@}
	done
	printf '%s\n' "$out" >"$tmp/got"
	local ok=1
	if [ "$rc" -ge 128 ]; then
		fail "$name" "crashed (exit $rc)"
		ok=0
	elif [ "$rc" -ne "$want_rc" ]; then
		fail "$name" "exit $rc, expected $want_rc"
		ok=0
	fi
	if ! diff -u "$expected" "$tmp/got" >"$tmp/diff"; then
		fail "$name" "stdout differs from $expected"
		cat "$tmp/diff"
		ok=0
	fi
	if [ -s "$tmp/err" ]; then
		fail "$name" "unexpected stderr:"
		cat "$tmp/err"
		ok=0
	fi
	[ "$ok" = 1 ] && echo "ok   $name"
}

n=0
for dir in "$FIXTURES"/banks/*/; do
	dir=${dir%/}
	name=${dir##*/}
	n=$((n + 1))
	if [ ! -f "$dir/expected.txt" ]; then
		fail "$name" "no expected.txt"
		continue
	fi
	want=0
	grep -q ': error:' "$dir/expected.txt" && want=1
	lint_case "$name" "$dir/expected.txt" "$want" "$dir"
done
[ "$n" -ge 25 ] || fail fixtures "only $n fixture banks found in $FIXTURES/banks"

# Two paths: both banks are reported, in order, and one error fails the run.
cat "$FIXTURES/banks/good/expected.txt" "$FIXTURES/banks/syntax-error/expected.txt" \
	>"$tmp/two.txt"
lint_case "two paths" "$tmp/two.txt" 1 \
	"$FIXTURES/banks/good" "$FIXTURES/banks/syntax-error"

# No path: $CERTSIM_BANK, else the bundled bank.
rc=0
CERTSIM_BANK="$FIXTURES/banks/good" "$CERTSIM" bank lint >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || ! grep -qxF "$FIXTURES/banks/good: 9 questions, 1 case study, 2 files: 0 errors, 0 warnings" "$tmp/out"; then
	fail "CERTSIM_BANK" "exit $rc; output:"
	cat "$tmp/out"
else
	echo "ok   CERTSIM_BANK"
fi

# The bundled bank lints clean: exit 0, no warnings, no errors.
bundled="$SRC/question_banks/mla-c01"
rc=0
"$CERTSIM" bank lint "$bundled" >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -ne 0 ] || grep -qE '(warning|error):' "$tmp/out" ||
	! grep -q "^$bundled: [0-9]* questions" "$tmp/out"; then
	fail "bundled bank" "exit $rc; output:"
	cat "$tmp/out"
else
	echo "ok   bundled bank: $(tail -n 1 "$tmp/out")"
fi

# A directory that does not exist: exit 1 and a message naming it.
missing="$tmp/no-such-bank"
rc=0
"$CERTSIM" bank lint "$missing" >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -ne 1 ] ||
	! grep -qF "$missing: error: cannot open bank directory: No such file or directory" "$tmp/out" ||
	! grep -qxF "$missing: 1 error, 0 warnings" "$tmp/out"; then
	fail "missing dir" "exit $rc; output:"
	cat "$tmp/out"
else
	echo "ok   missing dir"
fi

# A regular file is not a bank directory.
rc=0
"$CERTSIM" bank lint "$FIXTURES/banks/good/exam.json" >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -ne 1 ] || ! grep -qF "$FIXTURES/banks/good/exam.json: error: cannot open bank directory" "$tmp/out"; then
	fail "file as dir" "exit $rc; output:"
	cat "$tmp/out"
else
	echo "ok   file as dir"
fi

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all bank lint cases pass"
