#!/usr/bin/env bash
# record_bench.sh BUILD_DIR [RESULTS]: time history, study --schedule and study
# on a learner's record of RESULTS signed results (default 10,000, made by
# gen_record) against `jq -c .score results/*.json`; print the median wall
# time and peak RSS of each and check the goal (each <= 0.5 x jq's time).
# Not part of ctest. Exit 1 when a goal is missed, 2 when a tool is missing.
set -u
build=$(cd "${1:-build}" 2> /dev/null && pwd) || { echo "record_bench: no build directory" >&2; exit 2; }
count=${2:-10000}
runs=${BENCH_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
certsim="$build/certsim"
gen="$build/gen_record"
[ -x "$certsim" ] || { echo "record_bench: no $certsim (build first)" >&2; exit 2; }
command -v jq > /dev/null || { echo "record_bench: jq is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "record_bench: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
[ -x "$gen" ] || cmake --build "$build" --target gen_record > /dev/null ||
	{ echo "record_bench: cannot build gen_record" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export CERTSIM_HOME="$tmp/home" NO_COLOR=1
unset CERTSIM_BANK
echo "generating $count signed results..."
t0=$(date +%s)
"$gen" "$here/../question_banks/mla-c01" "$CERTSIM_HOME" "$count" || exit 2
echo "  $(ls "$CERTSIM_HOME"/results/*.json | wc -l) results, $(du -sh "$CERTSIM_HOME/results" | cut -f1), $(($(date +%s) - t0)) s"
# Study at a fixed moment after the last result.
CERTSIM_NOW=$(jq -r .finished_at "$(ls "$CERTSIM_HOME"/results/*.json | tail -1)")
export CERTSIM_NOW
cd "$CERTSIM_HOME" || exit 2

# measure CMD...: the median wall time (s) of $runs runs in $med, the largest
# peak RSS (kB) in $rss. A study session runs in a fresh hard-linked copy of
# the record each time, so that its own result does not pile up.
measure() {
	local i out
	: > "$tmp/times"
	rss=0
	for ((i = 0; i < runs; i++)); do
		if [ "$1" = study-session ]; then
			rm -rf "$tmp/copy" && cp -al "$CERTSIM_HOME" "$tmp/copy"
			CERTSIM_HOME="$tmp/copy" /usr/bin/time -f '%e %M' -o "$tmp/t" \
				"$certsim" study --plain < /dev/null > /dev/null 2>&1
		else
			/usr/bin/time -f '%e %M' -o "$tmp/t" "$@" > /dev/null 2> "$tmp/err" ||
				{ echo "record_bench: $* failed:" >&2; cat "$tmp/err" >&2; exit 2; }
		fi
		out=$(tail -1 "$tmp/t")
		echo "${out% *}" >> "$tmp/times"
		[ "${out#* }" -gt "$rss" ] && rss=${out#* }
	done
	med=$(sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
}

measure jq -c .score results/*.json
jq_s=$med jq_rss=$rss
printf '%-26s %8s %10s %8s\n' "command" "median s" "peak RSS" "vs jq"
printf '%-26s %8s %8d kB %8s\n' "jq -c .score results/*" "$jq_s" "$jq_rss" "1.00"
status=0
for what in history schedule study-session; do
	case $what in
	history) measure "$certsim" history; name="certsim history" ;;
	schedule) measure "$certsim" study --schedule; name="certsim study --schedule" ;;
	study-session) measure study-session; name="certsim study" ;;
	esac
	ratio=$(awk -v a="$med" -v b="$jq_s" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	printf '%-26s %8s %8d kB %8s\n' "$name" "$med" "$rss" "$ratio"
	awk -v r="$ratio" 'BEGIN { exit !(r > 0.5) }' && status=1
done
[ $status = 0 ] && echo "goal met: each at most 0.5 x jq" ||
	echo "goal MISSED: each should take at most 0.5 x jq's time"
exit $status
