#!/usr/bin/env bash
# End-to-end: an attempt survives SIGINT, SIGTERM and kill -9, and resume finishes it.
. "$(dirname "$0")/lib/common.bash"

SEED=77
echo -n | "$CERTSIM" exam --seed $SEED > /dev/null 2>&1
answers_from "$(last_result)" > "$TMP/right"

# Feed the first N answers, then keep stdin open while we signal the process.
interrupt() { # interrupt NAME SIGNAL N
	export CERTSIM_HOME="$TMP/home-$1"
	mkfifo "$TMP/fifo-$1"
	"$CERTSIM" exam --seed $SEED < "$TMP/fifo-$1" > "$TMP/$1.out" 2>&1 &
	pid=$!
	exec 7> "$TMP/fifo-$1"
	head -"$3" "$TMP/right" >&7
	echo flag >&7
	for _ in $(seq 50); do
		[ "$(jq '[.items[] | select(.response != null)] | length' "$CERTSIM_HOME/attempt.json" 2>/dev/null)" = "$3" ] &&
			[ "$(jq '.items[.current].flagged' "$CERTSIM_HOME/attempt.json" 2>/dev/null)" = true ] && break
		sleep 0.1
	done
	kill -"$2" $pid
	wait $pid
	rc=$?
	exec 7>&-
}

for sig in INT TERM KILL; do
	interrupt "$sig" "$sig" 10
	case $sig in
		INT) check "SIGINT exits 130" [ $rc -eq 130 ]
		     check "SIGINT says how to resume" grep -q "certsim resume" "$TMP/$sig.out" ;;
		TERM) check "SIGTERM exits 143" [ $rc -eq 143 ] ;;
		KILL) check "kill -9 killed it" [ $rc -eq 137 ] ;;
	esac
	check "$sig: attempt saved" [ -f "$CERTSIM_HOME/attempt.json" ]
	check "$sig: no result yet" [ -z "$(last_result)" ]
	# A new exam refuses to drop the saved attempt.
	echo -n | "$CERTSIM" exam > "$TMP/refuse.out" 2>&1
	check "$sig: new exam refuses (exit 1)" [ $? -eq 1 ]
	check "$sig: refusal names resume and --discard-saved" grep -q "discard-saved" "$TMP/refuse.out"
	# Resume: the rest of the answers, then submit.
	{ tail -n +11 "$TMP/right"; echo submit; echo y; } | "$CERTSIM" resume > "$TMP/$sig-resume.out" 2>&1
	check "$sig: resume exits 0" [ $? -eq 0 ]
	r=$(last_result)
	check "$sig: resumed result has all 65 right" [ "$(jq .score.correct "$r")" = 65 ]
	check "$sig: flag kept" [ "$(jq '.items[10].flagged' "$r")" = true ]
	check "$sig: interruption counted" [ "$(jq .interruptions "$r")" = 1 ]
	check "$sig: resumed result verifies" "$CERTSIM" verify "$r"
	check "$sig: attempt file removed" [ ! -f "$CERTSIM_HOME/attempt.json" ]
done

echo -n | "$CERTSIM" resume > "$TMP/none.out" 2>&1
check "resume with nothing saved: exit 1" [ $? -eq 1 ]

# --discard-saved starts over.
interrupt discard INT 3
echo -n | "$CERTSIM" exam --discard-saved > /dev/null 2>&1
check "--discard-saved: new exam runs" [ -n "$(last_result)" ]

# Two processes on one data directory: the second is refused.
export CERTSIM_HOME="$TMP/home-lock"
mkfifo "$TMP/fifo-lock"
"$CERTSIM" exam < "$TMP/fifo-lock" > /dev/null 2>&1 &
pid=$!
exec 8> "$TMP/fifo-lock"
sleep 0.5
echo -n | "$CERTSIM" exam --discard-saved > "$TMP/lock.out" 2>&1
check "second process refused (exit 1)" [ $? -eq 1 ]
check "second process told why" grep -q "another certsim process" "$TMP/lock.out"
exec 8>&-
wait $pid

finish
