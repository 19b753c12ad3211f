#!/usr/bin/env bash
# End-to-end: autosave failing in the full-screen exam (the disk fills up,
# then space is freed), injected with the LD_PRELOAD shim: the candidate is
# told at once that progress is not being saved, then that it is again.
. "$(dirname "$0")/lib/common.bash"
. "$(dirname "$0")/lib/tui.bash"
: "${INJECT:?INJECT must name the fault-injection shim (libinject_errors.so)}"

B="$TMP/bank"
make_bank "$B"
export CERTSIM_HOME="$TMP/home"
ATT="$CERTSIM_HOME/attempt.json"

# certsim under the shim: writes to attempt.json fail while $TMP/full exists.
REAL=$CERTSIM
CERTSIM="$TMP/certsim-faulty"
cat > "$CERTSIM" <<EOF
#!/bin/sh
ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD='$INJECT' INJECT_FUNCS=write INJECT_ERRNO=ENOSPC \\
	INJECT_PATH='*/attempt.json*' INJECT_TRIGGER='$TMP/full' exec '$REAL' "\$@"
EOF
chmod +x "$CERTSIM"

# The shim must be able to intercept this build's write() (see io_faults.sh).
touch "$TMP/full"
"$CERTSIM" exam --bank "$B" --seed 1 < /dev/null > /dev/null 2>&1
rc=$?
rm -f "$TMP/full" "$ATT"
if [ $rc -ne 3 ]; then
	echo "skip: the fault-injection shim cannot intercept this build's write()"
	exit 77
fi

S=full
run_in $S 100 30 exam --bank "$B" --seed 1
check "started" wait_for $S "Ready to begin"
keys $S Enter
check "question 1" wait_for $S "Question 1 of 6"
answer_item $S "$ATT" 0
check "first answer saved" wait_json "$ATT" ".items[0].response != null" true
touch "$TMP/full"
lit $S ">"
check "question 2" wait_for $S "Question 2 of 6"
check "told at once that progress is NOT being saved, with path and reason" \
	wait_for $S "progress NOT being saved: cannot write .*attempt.json: No space" 10
check "the last good state stays on disk" [ "$(jq -r .current "$ATT")" = 0 ]
check "the header keeps saying so" wait_for $S "PROGRESS NOT SAVED.*Time remaining" 10
rm -f "$TMP/full"
keys $S '*'
check "saved again" wait_json "$ATT" ".items[1].flagged" true 10
check "told that progress is saved again" wait_for $S "being saved again" 10
check "the header warning is gone" wait_gone $S "PROGRESS NOT SAVED"
answer_item $S "$ATT" 1
check "answers are saved" wait_json "$ATT" ".items[1].response != null" true 10
lit $S "!"
check "end confirmation" wait_for $S "unanswered"
keys $S y
check "results" wait_for $S "Result: (PASS|FAIL)"
keys $S Enter
check "exits" wait_file "$TMP/$S.rc"
check "exit 0" [ "$(cat "$TMP/$S.rc")" = 0 ]
check "the result verifies" sh -c '"$0" verify "$1" > /dev/null' "$REAL" "$(last_result)"

finish
