#!/usr/bin/env bash
# Benchmark bank lint against jq on a 20,000-question bank: bank_bench.sh [CERTSIM]
#
# Generates the bank (gen_bank.sh) into a temporary directory, checks that it
# lints clean, then times `certsim bank lint DIR` and `jq empty FILES` (the
# same files), best of 3 each. Goals: lint takes at most 2/3 of jq's time,
# and certsim's peak RSS stays under 4x the bank's size. Exit 1 when a goal
# is missed, 2 when something is missing. Not part of ctest.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
certsim=${1:-${CERTSIM:-$repo/build/certsim}}
runs=${BENCH_RUNS:-3}
max_ratio=0.667
max_rss_factor=4

if [ ! -x "$certsim" ]; then
	echo "bank_bench: no certsim binary at $certsim" >&2
	echo "build one (cmake -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build)" >&2
	echo "or pass its path: bench/bank_bench.sh path/to/certsim" >&2
	exit 2
fi
command -v jq >/dev/null || { echo "bank_bench: jq is not installed" >&2; exit 2; }
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' true 2>/dev/null; then
	gnu_time=/usr/bin/time
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bank="$tmp/bank"

echo "generating the bank..."
bash "$here/gen_bank.sh" "$bank" 20000 8
files=("$bank"/*.json)
bytes=$(cat "${files[@]}" | wc -c)

summary=$("$certsim" bank lint "$bank")
case $summary in
"$bank: 20000 questions, "*" 8 files: 0 errors, 0 warnings") ;;
*)
	echo "bank_bench: the generated bank does not lint clean:" >&2
	printf '%s\n' "$summary" | head -20 >&2
	exit 2
	;;
esac
jq empty "${files[@]}" || { echo "bank_bench: jq rejects the bank" >&2; exit 2; }

# measure NAME CMD...: best wall time (seconds) in $best, its peak RSS (kB)
# in $rss (0 without GNU time). The files are in the page cache by now.
measure() {
	local name=$1 i t0 t1 ns m
	shift
	best= rss=0
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		if [ -n "$gnu_time" ]; then
			$gnu_time -f '%M' -o "$tmp/rss" "$@" >/dev/null
		else
			"$@" >/dev/null
		fi
		t1=$(date +%s%N)
		ns=$((t1 - t0))
		m=0
		[ -n "$gnu_time" ] && m=$(tail -n 1 "$tmp/rss")
		[ "$m" -gt "$rss" ] && rss=$m
		if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then
			best=$ns
		fi
	done
	best=$(awk -v ns="$best" 'BEGIN { printf "%.3f", ns / 1e9 }')
}

measure lint "$certsim" bank lint "$bank"
lint_s=$best lint_rss=$rss
measure jq jq empty "${files[@]}"
jq_s=$best jq_rss=$rss

status=0
report=$(awk -v b="$bytes" -v ls="$lint_s" -v js="$jq_s" -v lr="$lint_rss" \
	-v jr="$jq_rss" -v mr="$max_ratio" -v mf="$max_rss_factor" -v runs="$runs" '
BEGIN {
	mb = b / 1048576
	ratio = js > 0 ? ls / js : 0
	factor = lr * 1024 / b
	printf "bank:              20000 questions in 8 files, %.1f MiB (%d bytes)\n", mb, b
	printf "certsim bank lint: %.3f s (best of %d), peak RSS %.1f MiB\n", ls, runs, lr / 1024
	printf "jq empty:          %.3f s (best of %d), peak RSS %.1f MiB\n", js, runs, jr / 1024
	printf "ratio lint/jq:     %.3f (goal <= %s): %s\n", ratio, mr, ratio <= mr ? "ok" : "MISSED"
	if (lr > 0)
		printf "RSS / bank size:   %.2fx (goal < %sx): %s\n", factor, mf, factor < mf ? "ok" : "MISSED"
	else
		printf "RSS / bank size:   not measured (needs GNU time at /usr/bin/time)\n"
	exit (ratio > mr || (lr > 0 && factor >= mf)) ? 1 : 0
}') || status=1
printf '%s\n' "$report"
exit "$status"
