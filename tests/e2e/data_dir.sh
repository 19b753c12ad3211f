#!/usr/bin/env bash
# End-to-end: the data directory (issue 11 item 2). An empty CERTSIM_HOME is
# an error; an existing data directory (or its keys/ and results/) that
# group or others can write, or that another user owns, is refused with the
# command that fixes it and is not chmodded; the secret key is never read
# through a symbolic link nor replaced; certsim key waits for no one: it
# fails while another certsim holds the attempt lock.
. "$(dirname "$0")/lib/common.bash"

n=0
# run ARGS...: certsim with stdout and stderr in $last; sets rc.
run() {
	n=$((n + 1))
	"$CERTSIM" "$@" > "$TMP/out-$n" 2>&1 < /dev/null
	rc=$?
	last="$TMP/out-$n"
}
mode() { stat -c %a "$1"; }

# An empty CERTSIM_HOME is an error, not the default directory.
CERTSIM_HOME= HOME="$TMP/fake-home" run key
check "empty CERTSIM_HOME: exit 3" [ $rc -eq 3 ]
check "empty CERTSIM_HOME: says so" grep -q "CERTSIM_HOME is set but empty" "$last"
check "empty CERTSIM_HOME: nothing made under HOME" [ ! -e "$TMP/fake-home" ]
CERTSIM_HOME= HOME="$TMP/fake-home" run history
check "empty CERTSIM_HOME (history): exit 3" [ $rc -eq 3 ]

# Created: the directory and keys/, results/ are 0700, even with umask 000.
export CERTSIM_HOME="$TMP/new/deeper/home"
(umask 000; "$CERTSIM" key > /dev/null 2>&1)
check "new data directory is 0700" [ "$(mode "$CERTSIM_HOME")" = 700 ]
check "new keys/ is 0700" [ "$(mode "$CERTSIM_HOME/keys")" = 700 ]
check "new results/ is 0700" [ "$(mode "$CERTSIM_HOME/results")" = 700 ]

# World- and group-writable data directories are refused, and left alone.
export CERTSIM_HOME="$TMP/open"
mkdir -p "$CERTSIM_HOME"
for m in 777 770 703; do
	chmod "$m" "$CERTSIM_HOME"
	run key
	check "mode $m: exit 3" [ $rc -eq 3 ]
	check "mode $m: names the fix" grep -qF "fix it with: chmod go-w '$CERTSIM_HOME'" "$last"
	check "mode $m: not chmodded" [ "$(mode "$CERTSIM_HOME")" = "$m" ]
	check "mode $m: nothing created in it" [ ! -e "$CERTSIM_HOME/keys" ]
done
chmod 777 "$CERTSIM_HOME"
run history
check "history refuses a 0777 data directory too" [ $rc -eq 3 ]
chmod 700 "$CERTSIM_HOME"
run key
check "fixed (0700): key works" [ $rc -eq 0 ]
chmod 777 "$CERTSIM_HOME/results"
run key
check "a 0777 results/ is refused" [ $rc -eq 3 ]
check "a 0777 results/: names the fix" grep -qF "chmod go-w '$CERTSIM_HOME/results'" "$last"
chmod 700 "$CERTSIM_HOME/results"

# Owned by another user (only testable as root).
if [ "$(id -u)" = 0 ]; then
	export CERTSIM_HOME="$TMP/theirs"
	mkdir -p "$CERTSIM_HOME" && chmod 700 "$CERTSIM_HOME" && chown 65534 "$CERTSIM_HOME"
	run key
	check "another user's data directory: exit 3" [ $rc -eq 3 ]
	check "another user's data directory: names the fix" grep -q "fix it with: chown" "$last"
	check "another user's data directory: still theirs" \
		[ "$(stat -c %u "$CERTSIM_HOME")" = 65534 ]
	chown 0 "$CERTSIM_HOME"
else
	ok "another user's data directory (skipped: needs root)"
fi

# The secret key is not read through a symbolic link.
export CERTSIM_HOME="$TMP/link"
run key
check "link: first key made" [ $rc -eq 0 ]
KEY="$CERTSIM_HOME/keys/certsim.key"
mv "$KEY" "$TMP/elsewhere.key"
ln -s "$TMP/elsewhere.key" "$KEY"
run key
check "symlinked secret key: exit 3" [ $rc -eq 3 ]
check "symlinked secret key: says so" grep -q "is a symbolic link" "$last"
rm "$KEY"
mv "$TMP/elsewhere.key" "$KEY"

# An existing key is never replaced, and is read as it is.
sum=$(sha256sum < "$KEY")
run key
check "existing key: key works" [ $rc -eq 0 ]
check "existing key: unchanged" [ "$(sha256sum < "$KEY")" = "$sum" ]
# A key that is not the user's kind of file is refused, not replaced.
chmod 640 "$KEY"
run key
check "0640 secret key: refused" [ $rc -eq 3 ]
check "0640 secret key: unchanged" [ "$(sha256sum < "$KEY")" = "$sum" ]
chmod 600 "$KEY"

# certsim key takes the attempt lock, as exam does.
flock "$CERTSIM_HOME/attempt.lock" -c "\"$CERTSIM\" key > \"$TMP/locked\" 2>&1; echo \$? > \"$TMP/locked.rc\""
check "key while the lock is held: refused" [ "$(cat "$TMP/locked.rc")" != 0 ]
check "key while the lock is held: says why" grep -q "another certsim process" "$TMP/locked"
run key
check "key after the lock is released: works" [ $rc -eq 0 ]

finish
