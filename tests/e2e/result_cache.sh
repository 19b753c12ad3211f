#!/usr/bin/env bash
# End-to-end: the cache of verified results (cache/results.idx): the same
# history and schedule with and without it, a torn or damaged index rebuilt,
# a cache that cannot be written, and kill -9 in the middle of a cache write.
. "$(dirname "$0")/lib/common.bash"
IDX="$CERTSIM_HOME/cache/results.idx"
# The shim is preloaded before a sanitizer build's runtime (io_faults.sh).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# Two signed results, an exam and a quiz.
export CERTSIM_NOW=2026-02-01T10:00:00.000Z
echo -n | "$CERTSIM" exam --seed 5 > /dev/null 2>&1
export CERTSIM_NOW=2026-02-02T10:00:00.000Z
echo -n | "$CERTSIM" quiz --count 20 --seed 6 > /dev/null 2>&1
check "two signed results" [ "$(ls "$CERTSIM_HOME"/results/*.json.minisig | wc -l)" = 2 ]

# A long record: links to them under other names (a signature covers the
# bytes, not the name), so that writing the index takes a while.
(
	cd "$CERTSIM_HOME/results" || exit 1
	set -- *.json
	for ((i = 0; i < 700; i++)); do
		for f in "$@"; do
			ln "$f" "copy$i-$f" && ln "$f.minisig" "copy$i-$f.minisig"
		done
	done
)
total=$(ls "$CERTSIM_HOME"/results/*.json | wc -l)
check "a record of $total results" [ "$total" = 1402 ]

# plain NAME: history --json and study --schedule --json with the cache off.
plain() {
	CERTSIM_NO_CACHE=1 "$CERTSIM" history --json > "$TMP/$1.history" 2>&1
	CERTSIM_NO_CACHE=1 "$CERTSIM" study --schedule --json > "$TMP/$1.schedule" 2>&1
}
# same_as NAME WHAT: the cached outputs equal the plain ones.
same_as() {
	"$CERTSIM" history --json > "$TMP/c.history" 2>&1
	check "$2: history --json as without the cache" cmp -s "$TMP/c.history" "$TMP/$1.history"
	"$CERTSIM" study --schedule --json > "$TMP/c.schedule" 2>&1
	check "$2: study --schedule --json as without the cache" \
		cmp -s "$TMP/c.schedule" "$TMP/$1.schedule"
}

plain ref
check "the cache off writes no index" [ ! -e "$IDX" ]
check "the reference lists $total valid attempts" \
	[ "$(jq '[.attempts[] | select(.signature == "valid")] | length' "$TMP/ref.history")" = "$total" ]
same_as ref "first run (builds the index)"
check "the index is written" [ -s "$IDX" ]
cp "$IDX" "$TMP/idx.good"
same_as ref "second run (from the index)"
check "an unchanged record does not rewrite the index" cmp -s "$IDX" "$TMP/idx.good"

# A torn index (cut in the middle) and a damaged one (a byte changed) are rebuilt.
head -c $(($(stat -c %s "$IDX") / 2)) "$TMP/idx.good" > "$IDX"
same_as ref "torn index"
check "a torn index is rebuilt" cmp -s "$IDX" "$TMP/idx.good"
printf 'X' | dd of="$IDX" bs=1 seek=4000 conv=notrunc status=none
same_as ref "damaged index"
check "a damaged index is rebuilt" cmp -s "$IDX" "$TMP/idx.good"

# An index that cannot be written (disk full): no error, the same output,
# the old index kept. A new result (another link) makes the index stale.
link_new() { # link_new PREFIX: one more result, a link to copy0's first
	(cd "$CERTSIM_HOME/results" && f=$(ls copy0-*.json | head -1) && ln "$f" "$1-$f" &&
		ln "$f.minisig" "$1-$f.minisig")
}
if [ -n "${INJECT:-}" ] && [ -e "$INJECT" ]; then
	link_new full
	plain full
	LD_PRELOAD="$INJECT" INJECT_FUNCS=write,rename INJECT_ERRNO=ENOSPC INJECT_LOG="$TMP/inj" \
		INJECT_PATH="*cache/results.idx*" "$CERTSIM" history --json > "$TMP/full.out" 2>&1
	check "disk full on the index: exit 0" [ $? -eq 0 ]
	check "disk full on the index: a write failed" [ -s "$TMP/inj" ]
	check "disk full on the index: same history" cmp -s "$TMP/full.out" "$TMP/full.history"
	check "disk full on the index: the old index is kept" cmp -s "$IDX" "$TMP/idx.good"
	check "disk full on the index: no temporary file left" \
		[ -z "$(compgen -G "$CERTSIM_HOME/cache/results.idx.tmp.*")" ]
	rm -f "$CERTSIM_HOME"/results/full-*
fi

# kill_mid_write: run history, kill -9 it while the index's temporary file
# exists; 0 when the kill landed mid-write.
kill_mid_write() {
	rm -f "$CERTSIM_HOME"/cache/results.idx.tmp.*
	"$CERTSIM" history > /dev/null 2>&1 &
	local pid=$! caught=1
	while kill -0 "$pid" 2> /dev/null; do
		if compgen -G "$CERTSIM_HOME/cache/results.idx.tmp.*" > /dev/null; then
			kill -9 "$pid" && caught=0
			break
		fi
	done
	wait "$pid" 2> /dev/null
	return $caught
}

# kill -9 while the first index is written: no index or a whole one, never a torn one.
caught=0
for ((try = 0; try < 20 && !caught; try++)); do
	rm -f "$IDX"
	kill_mid_write && caught=1
done
echo "# the first write: $try tries"
check "kill -9 landed during the first index write" [ $caught = 1 ]
check "after kill -9 in the first write: no index (the rename never happened)" [ ! -e "$IDX" ]
same_as ref "after kill -9 in the first write"
check "after kill -9 in the first write: the index is rebuilt" cmp -s "$IDX" "$TMP/idx.good"

# A temporary file left by a killed writer is removed by a later write once
# it is old (not while another process may still be writing it).
stale=$(compgen -G "$CERTSIM_HOME/cache/results.idx.tmp.*" | head -1)
check "kill -9 left a temporary file" [ -n "$stale" ]
touch -d '-1 hour' "$stale"
rm -f "$IDX"
"$CERTSIM" history > /dev/null 2>&1
check "an old temporary file is removed by the next write" [ ! -e "$stale" ]

# kill -9 while an index is rewritten (a new result): the old index is intact.
link_new new
plain ref2
caught=0
for ((try = 0; try < 20 && !caught; try++)); do
	cp "$TMP/idx.good" "$IDX"
	kill_mid_write && caught=1
done
echo "# a rewrite: $try tries"
check "kill -9 landed during an index rewrite" [ $caught = 1 ]
check "after kill -9 in a rewrite: the old index, whole" cmp -s "$IDX" "$TMP/idx.good"
same_as ref2 "after kill -9 in a rewrite"
check "after kill -9 in a rewrite: the index now has the new result" \
	[ "$(stat -c %s "$IDX")" -gt "$(stat -c %s "$TMP/idx.good")" ]
check "the new result is in the history" \
	[ "$(jq '.attempts | length' "$TMP/c.history")" = $((total + 1)) ]

finish
