#!/usr/bin/env bash
# End-to-end: I/O failures (out of space, read-only, permission denied, a vanished
# directory, autosave failing mid-exam) injected with the LD_PRELOAD shim
# tests/inject/inject_errors.c. Each: a message naming the path and the reason,
# exit 3, the attempt still saved, no half-written file, and resume finishes it.
. "$(dirname "$0")/lib/common.bash"
: "${INJECT:?INJECT must name the fault-injection shim (libinject_errors.so)}"
# A sanitizer build links its runtime dynamically after the shim; let it.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

SEED=31
# faulty VAR=VALUE... -- COMMAND...: run with the shim and these INJECT_* settings.
faulty() {
	local env=()
	while [ "$1" != -- ]; do env+=("$1"); shift; done
	shift
	env LD_PRELOAD="$INJECT" INJECT_LOG="$TMP/inject.log" "${env[@]}" "$@"
}

# The shim must be able to intercept this build's calls (if, say, a sanitizer
# runtime bypassed it, the faults below would silently not happen).
export CERTSIM_HOME="$TMP/home-probe"
faulty INJECT_FUNCS=write INJECT_PATH="$TMP/probe*" INJECT_ERRNO=ENOSPC -- \
	"$CERTSIM" key --export "$TMP/probe.pub" > /dev/null 2>&1
if [ $? -ne 3 ]; then
	echo "skip: the fault-injection shim cannot intercept this build's write()"
	exit 77
fi

# The draw and the right answers for SEED (a first pass with no answers).
export CERTSIM_HOME="$TMP/home-draw"
echo -n | "$CERTSIM" exam --seed $SEED > /dev/null 2>&1
answers_from "$(last_result)" > "$TMP/right"
{ cat "$TMP/right"; echo submit; echo y; } > "$TMP/in-all"
N=$(wc -l < "$TMP/right")

# Nothing half-written: no temporary files anywhere, no signature without its
# result and no result without its signature in results/.
clean_home() {
	local h=$1 f
	[ -z "$(find "$h" -name '*.tmp.*' 2>/dev/null)" ] || return 1
	for f in "$h"/results/*.json; do
		[ -e "$f" ] || continue
		[ -f "$f.minisig" ] || return 1
	done
	for f in "$h"/results/*.minisig; do
		[ -e "$f" ] || continue
		[ -f "${f%.minisig}" ] || return 1
	done
}
lacks() { ! grep -q "$@"; }
verifies() { "$CERTSIM" verify "$@" > /dev/null; }
absent_and_clean() { [ ! -e "$1" ] && clean_home "$CERTSIM_HOME"; }
answered() { jq '[.items[] | select(.response != null)] | length' "$1" 2>/dev/null; }
# wait_for COMMAND...: up to 10 s for a condition.
wait_for() {
	for _ in $(seq 100); do "$@" && return 0; sleep 0.1; done
	return 1
}

# Resume with no fault: the whole attempt is there, it is scored and verifies.
resume_finishes() { # resume_finishes NAME [RESUME OPTIONS]
	local name=$1 r; shift
	printf 'submit\ny\n' | "$CERTSIM" resume "$@" > "$TMP/$name-resume.out" 2>&1
	check "$name: resume exits 0" [ $? -eq 0 ]
	r=$(last_result)
	check "$name: resumed result has all $N answers right" [ "$(jq .score.correct "$r" 2>/dev/null)" = "$N" ]
	check "$name: resumed result verifies" verifies "$r"
	"$CERTSIM" key > "$TMP/$name.pub"
	check "$name: minisign verifies it too" minisign -Vm "$r" -p "$TMP/$name.pub" -q
	check "$name: attempt file removed" [ ! -e "$CERTSIM_HOME/attempt.json" ]
	check "$name: home clean after resume" clean_home "$CERTSIM_HOME"
}

# An exam whose result cannot be written: exit 3, the reason, attempt kept.
result_fault() { # result_fault NAME REASON INJECT_SETTINGS...
	local name=$1 reason=$2; shift 2
	export CERTSIM_HOME="$TMP/home-$name"
	faulty "$@" -- "$CERTSIM" exam --seed $SEED < "$TMP/in-all" > "$TMP/$name.out" 2> "$TMP/$name.err"
	check "$name: exit 3" [ $? -eq 3 ]
	check "$name: message names results/ and '$reason'" \
		grep -q "$CERTSIM_HOME/results/.*: $reason" "$TMP/$name.err"
	check "$name: message says the attempt is saved and how to resume" \
		grep -q "certsim resume" "$TMP/$name.err"
	check "$name: no result or signature left" [ -z "$(ls -A "$CERTSIM_HOME/results")" ]
	check "$name: home clean" clean_home "$CERTSIM_HOME"
	check "$name: attempt saved with all $N answers" [ "$(answered "$CERTSIM_HOME/attempt.json")" = "$N" ]
	resume_finishes "$name"
}

# 1. Out of space while writing the result, its signature, or syncing them.
result_fault enospc-result "No space left on device" \
	INJECT_FUNCS=write INJECT_ERRNO=ENOSPC INJECT_PATH="*/results/*.json.tmp.*"
result_fault enospc-signature "No space left on device" \
	INJECT_FUNCS=write INJECT_ERRNO=ENOSPC INJECT_PATH="*/results/*.minisig.tmp.*"
result_fault fsync-signature "Input/output error" \
	INJECT_FUNCS=fsync INJECT_ERRNO=EIO INJECT_PATH="*/results/*.minisig*"
result_fault quota "Disk quota exceeded" \
	INJECT_FUNCS=write INJECT_ERRNO=EDQUOT INJECT_PATH="*/results/*"
# 2. A read-only results directory; a rename refused.
result_fault readonly-results "Read-only file system" \
	INJECT_FUNCS=open,mkstemp,mkdir INJECT_ERRNO=EROFS INJECT_PATH="*/results/*"
result_fault rename-denied "Permission denied" \
	INJECT_FUNCS=rename INJECT_ERRNO=EACCES INJECT_PATH="*/results/*"
# The directory sync after the signature's rename fails: both files removed.
result_fault dirsync "Input/output error" \
	INJECT_FUNCS=fsync INJECT_ERRNO=EIO INJECT_PATH="*/results" INJECT_AFTER=1

# 3. --out cannot be written: all or nothing, and resume --out writes both.
export CERTSIM_HOME="$TMP/home-out"
faulty INJECT_FUNCS=mkstemp INJECT_ERRNO=EACCES INJECT_PATH="$TMP/copy*" -- \
	"$CERTSIM" exam --seed $SEED --out "$TMP/copy.json" < "$TMP/in-all" > "$TMP/out.out" 2> "$TMP/out.err"
check "--out denied: exit 3" [ $? -eq 3 ]
check "--out denied: message names the copy and the reason" grep -q "$TMP/copy.json: Permission denied" "$TMP/out.err"
check "--out denied: no result in results/ either" [ -z "$(ls -A "$CERTSIM_HOME/results")" ]
check "--out denied: no copy" [ ! -e "$TMP/copy.json" -a ! -e "$TMP/copy.json.minisig" ]
check "--out denied: attempt saved" [ "$(answered "$CERTSIM_HOME/attempt.json")" = "$N" ]
resume_finishes out-denied --out "$TMP/copy.json"
check "--out denied: resume --out writes the copy" cmp -s "$TMP/copy.json" "$(last_result)"
check "--out denied: the copy verifies" verifies "$TMP/copy.json"
# An existing file at --out is kept when the new one cannot be written.
echo "old" > "$TMP/keep.json"
export CERTSIM_HOME="$TMP/home-keep"
faulty INJECT_FUNCS=write INJECT_ERRNO=ENOSPC INJECT_PATH="$TMP/keep*" -- \
	"$CERTSIM" exam --seed $SEED --out "$TMP/keep.json" < "$TMP/in-all" > /dev/null 2>&1
check "--out full: exit 3" [ $? -eq 3 ]
check "--out full: the file that was there is kept" [ "$(cat "$TMP/keep.json")" = old ]

# 4. The attempt cannot be saved at the start: the exam does not begin.
export CERTSIM_HOME="$TMP/home-nostart"
faulty INJECT_FUNCS=write INJECT_ERRNO=ENOSPC INJECT_PATH="*/attempt.json*" -- \
	"$CERTSIM" exam --seed $SEED < "$TMP/in-all" > "$TMP/nostart.out" 2> "$TMP/nostart.err"
check "no space for the attempt: exit 3" [ $? -eq 3 ]
check "no space for the attempt: message names attempt.json and the reason" \
	grep -q "$CERTSIM_HOME/attempt.json: No space left on device" "$TMP/nostart.err"
check "no space for the attempt: no question shown" lacks "Question 1 of" "$TMP/nostart.out"
check "no space for the attempt: nothing left behind" absent_and_clean "$CERTSIM_HOME/attempt.json"

# 5. Permission denied on the data directory (tests run as root, so the shim
# plays the part of the permission bits), and a data directory that cannot be.
export CERTSIM_HOME="$TMP/denied/home"
faulty INJECT_FUNCS=mkdir INJECT_ERRNO=EACCES INJECT_PATH="$TMP/denied*" -- \
	"$CERTSIM" exam --seed $SEED < "$TMP/in-all" > /dev/null 2> "$TMP/denied.err"
check "home cannot be created: exit 3" [ $? -eq 3 ]
check "home cannot be created: message names it and the reason" \
	grep -q "cannot create directory $TMP/denied.*: Permission denied" "$TMP/denied.err"
check "home cannot be created: nothing created" [ ! -e "$TMP/denied" ]
export CERTSIM_HOME="$TMP/home-locked"
"$CERTSIM" key > /dev/null
faulty INJECT_FUNCS=open,mkstemp INJECT_ERRNO=EACCES INJECT_PATH="$CERTSIM_HOME/*" -- \
	"$CERTSIM" exam --seed $SEED < "$TMP/in-all" > /dev/null 2> "$TMP/locked.err"
check "home not writable: exit 3" [ $? -eq 3 ]
check "home not writable: message names a path in it and the reason" \
	grep -q "$CERTSIM_HOME/.*: Permission denied" "$TMP/locked.err"
for cmd in "key" "quiz --count 2" "resume"; do
	faulty INJECT_FUNCS=open,mkstemp,mkdir INJECT_ERRNO=EACCES INJECT_PATH="$CERTSIM_HOME*" -- \
		$CERTSIM $cmd < /dev/null > /dev/null 2> "$TMP/locked-cmd.err"
	check "home not writable: certsim $cmd exits 3" [ $? -eq 3 ]
done
: > "$TMP/plainfile"
export CERTSIM_HOME="$TMP/plainfile/home"
"$CERTSIM" exam --seed $SEED < "$TMP/in-all" > /dev/null 2> "$TMP/notdir.err"
check "home under a regular file: exit 3" [ $? -eq 3 ]
check "home under a regular file: message names it and the reason" \
	grep -q "cannot create directory $TMP/plainfile/home: .*not a directory" "$TMP/notdir.err"

# Fifo-fed exams for faults in the middle of an attempt.
start_exam() { # start_exam NAME [ENV...]: runs in the background, stdin on fd 7
	local name=$1; shift
	rm -f "$TMP/fifo-$name"
	mkfifo "$TMP/fifo-$name"
	env "$@" "$CERTSIM" exam --seed $SEED < "$TMP/fifo-$name" > "$TMP/$name.out" 2>&1 &
	pid=$!
	exec 7> "$TMP/fifo-$name"
}
feed() { sed -n "$1,$2p" "$TMP/right" >&7; }
saved_count_is() { [ "$(answered "$CERTSIM_HOME/attempt.json")" = "$1" ]; }
end_exam() { # end_exam [LINES...]: send the lines, close stdin, wait; sets rc
	local l
	for l in "$@"; do echo "$l" >&7; done
	exec 7>&-
	wait $pid
	rc=$?
}

# 6. The data directory vanishes while the exam runs: autosave makes it again,
# so the attempt stays saved; writing the result then fails (results/ is
# gone) with exit 3, and resume finishes the attempt.
export CERTSIM_HOME="$TMP/home-vanish"
start_exam vanish
feed 1 10
wait_for saved_count_is 10
rm -rf "$CERTSIM_HOME"
feed 11 20
check "vanished: autosave makes the directory again and saves" wait_for saved_count_is 20
check "vanished: the directory is 0700 again" [ "$(stat -c %a "$CERTSIM_HOME")" = 700 ]
feed 21 "$N"
wait_for saved_count_is "$N"
end_exam submit y
check "vanished: exit 3 when the result cannot be written" [ $rc -eq 3 ]
check "vanished: message names results/ and the reason" \
	grep -q "$CERTSIM_HOME/results/.*No such file or directory" "$TMP/vanish.out"
check "vanished: attempt saved with all $N answers" saved_count_is "$N"
resume_finishes vanished
# Submitted, then only the result was missing: the attempt was taken in one
# sitting and resume did not reopen it.
check "vanished: a failed submit is not an interruption" [ "$(jq .interruptions "$(last_result)")" = 0 ]

# 7. It vanishes and cannot be made again (a file took its parent's place):
# the candidate is told at once that progress is not being saved; exit 3.
export CERTSIM_HOME="$TMP/gone/home"
start_exam gone
feed 1 5
wait_for saved_count_is 5
rm -rf "$TMP/gone"
: > "$TMP/gone"
feed 6 8
check "gone: warned that progress is NOT being saved" \
	wait_for grep -q "progress is NOT being saved: .*$CERTSIM_HOME/attempt.json" "$TMP/gone.out"
end_exam submit y
check "gone: exit 3" [ $rc -eq 3 ]
check "gone: final message names the path and the reason" grep -q "certsim: .*$TMP/gone.*not a directory" "$TMP/gone.out"
check "gone: final message does not claim the attempt is saved" grep -q "could not be saved either" "$TMP/gone.out"
rm -f "$TMP/gone"

# 8. Autosave fails mid-exam (the disk fills up, then space is freed): the
# candidate is told at once, the exam goes on, saving resumes, the result is
# written (exit 0). The last good state stays on disk meanwhile.
export CERTSIM_HOME="$TMP/home-full"
start_exam full LD_PRELOAD="$INJECT" INJECT_FUNCS=write INJECT_ERRNO=ENOSPC \
	INJECT_PATH="*/attempt.json*" INJECT_TRIGGER="$TMP/disk-full" INJECT_LOG="$TMP/inject.log"
feed 1 5
wait_for saved_count_is 5
touch "$TMP/disk-full"
feed 6 10
check "autosave fails: warned that progress is NOT being saved, with path and reason" \
	wait_for grep -q "progress is NOT being saved: cannot write $CERTSIM_HOME/attempt.json: No space left on device" "$TMP/full.out"
sleep 0.3
check "autosave fails: the exam goes on" grep -q "Question 11 of" "$TMP/full.out"
check "autosave fails: the last good state stays on disk" saved_count_is 5
check "autosave fails: warned once, not per answer" [ "$(grep -c "NOT being saved" "$TMP/full.out")" = 1 ]
rm -f "$TMP/disk-full"
feed 11 12
check "autosave recovers: saved again" wait_for saved_count_is 12
check "autosave recovers: the candidate is told" grep -q "being saved again" "$TMP/full.out"
feed 13 "$N"
end_exam submit y
check "autosave recovered: exit 0" [ $rc -eq 0 ]
check "autosave recovered: result verifies" verifies "$(last_result)"
check "autosave recovered: all $N answers right" [ "$(jq .score.correct "$(last_result)")" = "$N" ]

# 9. Autosave failing, then Ctrl-C: exit 3 (not 130), the last good state is kept.
export CERTSIM_HOME="$TMP/home-intr"
start_exam intr LD_PRELOAD="$INJECT" INJECT_FUNCS=write INJECT_ERRNO=ENOSPC \
	INJECT_PATH="*/attempt.json*" INJECT_TRIGGER="$TMP/disk-full-intr"
feed 1 5
wait_for saved_count_is 5
touch "$TMP/disk-full-intr"
feed 6 10
wait_for grep -q "Question 11 of" "$TMP/intr.out"
kill -INT $pid
end_exam
check "Ctrl-C while saving fails: exit 3" [ $rc -eq 3 ]
check "Ctrl-C while saving fails: says it could not be saved" grep -q "could not be saved" "$TMP/intr.out"
check "Ctrl-C while saving fails: the last good state is kept" saved_count_is 5
rm -f "$TMP/disk-full-intr"
{ sed -n "6,${N}p" "$TMP/right"; echo submit; echo y; } | "$CERTSIM" resume > /dev/null 2>&1
check "Ctrl-C while saving fails: resume from the last good state finishes it" \
	[ "$(jq .score.correct "$(last_result)")" = "$N" ]

# 10. No space for a new key pair: refused before the exam starts, no half key.
export CERTSIM_HOME="$TMP/home-nokey"
faulty INJECT_FUNCS=write INJECT_ERRNO=ENOSPC INJECT_PATH="*/keys/*" -- \
	"$CERTSIM" exam --seed $SEED < "$TMP/in-all" > "$TMP/nokey.out" 2> "$TMP/nokey.err"
check "no space for the key: exit 3" [ $? -eq 3 ]
check "no space for the key: message names the key file and the reason" \
	grep -q "$CERTSIM_HOME/keys/certsim.key: No space left on device" "$TMP/nokey.err"
check "no space for the key: the exam did not start" [ ! -e "$CERTSIM_HOME/attempt.json" ]
check "no space for the key: no secret key left" absent_and_clean "$CERTSIM_HOME/keys/certsim.key"

check "the shim injected faults" [ -s "$TMP/inject.log" ]
finish
