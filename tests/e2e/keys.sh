#!/usr/bin/env bash
# End-to-end: the data directory is created 0700, the secret key 0600; a secret key
# that group or others can read is refused (exit 3, "chmod 600 PATH") before
# an attempt starts; and no secret key bytes ever appear in certsim's output
# (checked on every command's stdout and stderr here, and on every file the
# e2e tests keep, by finish in lib/common.bash).
. "$(dirname "$0")/lib/common.bash"

KEY="$CERTSIM_HOME/keys/certsim.key"
n=0
# run ARGS...: certsim with its stdout and stderr kept in $TMP/out-N; sets rc.
run() {
	n=$((n + 1))
	"$CERTSIM" "$@" > "$TMP/out-$n" 2>&1 < "${STDIN:-/dev/null}"
	rc=$?
	last="$TMP/out-$n"
}
mode() { stat -c %a "$1"; }

# First use makes the data directory, the key pair and their modes.
run key
check "key: exit 0" [ $rc -eq 0 ]
check "data directory is 0700" [ "$(mode "$CERTSIM_HOME")" = 700 ]
check "keys/ is 0700" [ "$(mode "$CERTSIM_HOME/keys")" = 700 ]
check "results/ is 0700" [ "$(mode "$CERTSIM_HOME/results")" = 700 ]
check "secret key is 0600" [ "$(mode "$KEY")" = 600 ]
check "public key is 0644" [ "$(mode "$CERTSIM_HOME/keys/certsim.pub")" = 644 ]
check "key prints the public key" grep -q "^untrusted comment: minisign public key" "$last"
# A data directory made by hand that only its owner can write is used as
# it is: certsim never chmods a directory it did not create.
chmod 755 "$CERTSIM_HOME"
run key
check "a 0755 data directory is used" [ $rc -eq 0 ]
check "a 0755 data directory is left 0755" [ "$(mode "$CERTSIM_HOME")" = 755 ]
chmod 700 "$CERTSIM_HOME"
# The umask does not loosen anything.
export CERTSIM_HOME="$TMP/home-umask"
(umask 000; "$CERTSIM" key > /dev/null)
check "umask 000: data directory still 0700" [ "$(mode "$CERTSIM_HOME")" = 700 ]
check "umask 000: secret key still 0600" [ "$(mode "$CERTSIM_HOME/keys/certsim.key")" = 600 ]
export CERTSIM_HOME="$TMP/home"

# A quiz that is interrupted, so there is an attempt to resume.
echo -n | "$CERTSIM" quiz --count 3 --seed 9 > /dev/null 2>&1
r=$(last_result)
mkfifo "$TMP/fifo"
"$CERTSIM" quiz --count 3 --seed 9 --discard-saved < "$TMP/fifo" > "$TMP/out-quiz" 2>&1 &
pid=$!
exec 7> "$TMP/fifo"
echo A >&7
for _ in $(seq 50); do [ -f "$CERTSIM_HOME/attempt.json" ] && break; sleep 0.1; done
sleep 0.3
check "attempt file is 0600" [ "$(mode "$CERTSIM_HOME/attempt.json")" = 600 ]
kill -INT $pid
wait $pid
exec 7>&-

# A readable secret key is refused, with the fix, before anything starts.
for m in 644 640 604 660; do
	chmod $m "$KEY"
	STDIN=/dev/null run exam --seed 1 --discard-saved
	check "mode $m: exam refused with exit 3" [ $rc -eq 3 ]
	check "mode $m: message says chmod 600 PATH" grep -qF "chmod 600 $KEY" "$last"
	check "mode $m: the saved attempt is kept (no new attempt started)" \
		[ "$(jq .mode -r "$CERTSIM_HOME/attempt.json")" = quiz ]
done
chmod 644 "$KEY"
run quiz --count 2 --discard-saved
check "0644: quiz refused with exit 3" [ $rc -eq 3 ]
run resume
check "0644: resume refused with exit 3" [ $rc -eq 3 ]
check "0644: resume message says chmod 600 PATH" grep -qF "chmod 600 $KEY" "$last"
check "0644: attempt still saved after the refusal" [ -f "$CERTSIM_HOME/attempt.json" ]
run key
check "0644: key refused with exit 3" [ $rc -eq 3 ]
check "0644: key message says chmod 600 PATH" grep -qF "chmod 600 $KEY" "$last"
run verify "$r"
check "0644: verify needs no secret key and still works" [ $rc -eq 0 ]
chmod 600 "$KEY"
printf 'submit\ny\n' > "$TMP/submit"
STDIN="$TMP/submit" run resume
check "after chmod 600: resume finishes (exit 0)" [ $rc -eq 0 ]
run verify "$(last_result)"
check "after chmod 600: the result verifies" [ $rc -eq 0 ]
chmod 700 "$KEY"
run key
check "0700 (owner only) is accepted" [ $rc -eq 0 ]
chmod 600 "$KEY"

# Output of every command, on success and on failure: no secret in it.
run key --export "$TMP/exported.pub"
run --help
run --version
run verify "$r" --pubkey "$TMP/exported.pub"
run verify "$TMP/nonexistent.json"
run bank lint
run bank stats
STDIN="$TMP/submit" run quiz --count 2 --seed 3
run history
run review last --all
line=$(sed -n 2p "$KEY")
check "the secret key line is nowhere in $n outputs" [ -z "$(grep -lF -e "$line" "$TMP"/out-*)" ]
check "the exported public key is the public key" cmp -s "$TMP/exported.pub" "$CERTSIM_HOME/keys/certsim.pub"
check "result files hold no secret" [ -z "$(grep -rlF -e "$line" "$CERTSIM_HOME/results")" ]

finish
