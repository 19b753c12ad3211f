#!/usr/bin/env bash
# End-to-end tamper sweep: every byte of a small signed result (XOR 0x01) and
# of its .minisig (XOR 0x01 and XOR 0xff), flipped one at a time, must make
# `certsim verify` fail with exit 1. minisign agrees for every signature copy
# except where its format does not cover the bytes: it does not sign the
# untrusted comment (line 1 of the .minisig), which certsim does check, and
# it ignores the unused low bits of the last base64 character of lines 2
# and 4, which certsim (canonical base64 only) does not.
. "$(dirname "$0")/lib/common.bash"
: "${FLIPSWEEP:?FLIPSWEEP must name the flipsweep helper}"

# A small quiz result (3 items, two answered) and its signature.
printf 'A\nB\n' | "$CERTSIM" quiz --count 3 --seed 5 > /dev/null 2>&1
r=$(last_result)
"$CERTSIM" key > "$TMP/pub"
cp "$r" "$TMP/r.json"
cp "$r.minisig" "$TMP/r.json.minisig"
verifies() { "$CERTSIM" verify "$@" > /dev/null; }
check "the untouched copy verifies" verifies "$TMP/r.json" --pubkey "$TMP/pub"
check "minisign verifies the untouched copy" minisign -Vm "$TMP/r.json" -p "$TMP/pub" -q
rsize=$(wc -c < "$TMP/r.json")
ssize=$(wc -c < "$TMP/r.json.minisig")
echo "# result: $rsize bytes; signature: $ssize bytes"

# sweep FILE MASK TOOL...: "OFFSET STATUS" per flipped copy.
sweep() { local f=$1 m=$2; shift 2; "$FLIPSWEEP" -m "$m" "$f" "$@"; }
certsim_verify=("$CERTSIM" verify "$TMP/r.json" --pubkey "$TMP/pub")
minisign_verify=(minisign -Vm "$TMP/r.json" -p "$TMP/pub" -x "$TMP/r.json.minisig" -q)
# The bytes of the untrusted comment's text (after "untrusted comment: ").
line1=$(head -1 "$TMP/r.json.minisig" | wc -c)
prefix=$(printf 'untrusted comment: ' | wc -c)
# The last character before the '=' padding of lines 2 and 4 (the signature
# and the global signature) carries unused low bits, which minisign ignores.
lastchar() { # lastchar LINE: offset of that character in the .minisig
	awk -v n="$1" '{ if (NR == n) { print off + index($0, "=") - 2; exit } off += length($0) + 1 }' \
		"$TMP/r.json.minisig"
}
pad2=$(lastchar 2)
pad4=$(lastchar 4)

# The result is covered by a hash, so one bit per byte is enough there; the
# signature's text is parsed, so it is swept with both masks.
sweep "$TMP/r.json" 0x01 "${certsim_verify[@]}" > "$TMP/result"
check "result: all $rsize copies swept" [ "$(wc -l < "$TMP/result")" = "$rsize" ]
check "result: certsim verify exits 1 for every copy" [ -z "$(awk '$2 != 1' "$TMP/result")" ]
for mask in 0x01 0xff; do
	sweep "$TMP/r.json.minisig" $mask "${certsim_verify[@]}" > "$TMP/sig-$mask"
	sweep "$TMP/r.json.minisig" $mask "${minisign_verify[@]}" > "$TMP/minisign-$mask"
	check "signature, XOR $mask: all $ssize copies swept" [ "$(wc -l < "$TMP/sig-$mask")" = "$ssize" ]
	check "signature, XOR $mask: certsim verify exits 1 for every copy" \
		[ -z "$(awk '$2 != 1' "$TMP/sig-$mask")" ]
	# minisign accepts only flips inside the untrusted comment's text and in
	# the unused bits of the last base64 character of lines 2 and 4.
	check "signature, XOR $mask: minisign rejects every other copy" \
		[ -z "$(awk -v a=$prefix -v b=$((line1 - 1)) -v p2="$pad2" -v p4="$pad4" \
			'$2 == 0 && ($1 < a || $1 >= b) && $1 != p2 && $1 != p4' "$TMP/minisign-$mask")" ]
	accepted=$(awk '$2 == 0 { printf "%s ", $1 }' "$TMP/minisign-$mask")
	echo "# XOR $mask: minisign accepts the copies flipped at offsets: $accepted"
	echo "#   (untrusted comment text: offsets $prefix-$((line1 - 2)); last base64 characters: $pad2, $pad4); certsim rejects all"
done
check "minisign accepts every change to the untrusted comment's text (certsim does not)" \
	[ "$(awk -v a=$prefix -v b=$((line1 - 1)) '$2 == 0 && $1 >= a && $1 < b' "$TMP/minisign-0x01" | wc -l)" = $((line1 - 1 - prefix)) ]
check "the files are back as they were" verifies "$TMP/r.json" --pubkey "$TMP/pub"

# Beyond flips: a byte removed at the end, one appended, the signature of
# another result, and a result without its signature.
head -c -1 "$TMP/r.json" > "$TMP/cut.json"; cp "$TMP/r.json.minisig" "$TMP/cut.json.minisig"
{ cat "$TMP/r.json"; echo; } > "$TMP/long.json"; cp "$TMP/r.json.minisig" "$TMP/long.json.minisig"
{ cat "$TMP/r.json.minisig"; echo; } > "$TMP/siglong.json.minisig"; cp "$TMP/r.json" "$TMP/siglong.json"
echo -n | "$CERTSIM" quiz --count 3 --seed 6 > /dev/null 2>&1
cp "$TMP/r.json" "$TMP/other.json"; cp "$(last_result).minisig" "$TMP/other.json.minisig"
cp "$TMP/r.json" "$TMP/unsigned.json"
for f in cut long siglong other unsigned; do
	"$CERTSIM" verify "$TMP/$f.json" --pubkey "$TMP/pub" > /dev/null 2>&1
	check "$f: certsim verify exits 1" [ $? -eq 1 ]
done
# A result made consistent again by hand (score edited to match) still fails.
jq '.items[0].correct = true | .score.correct += 1' "$TMP/r.json" > "$TMP/edited.json"
cp "$TMP/r.json.minisig" "$TMP/edited.json.minisig"
"$CERTSIM" verify "$TMP/edited.json" --pubkey "$TMP/pub" > "$TMP/edited.out" 2>&1
check "an edited result: exit 1" [ $? -eq 1 ]
check "an edited result: the reason is given" grep -q "verification FAILED" "$TMP/edited.out"

# A saved attempt edited by hand with numbers out of every range (found by
# fuzz_attempt: undefined behaviour before): resume clamps them, does not crash.
export CERTSIM_HOME="$TMP/home-attempt"
mkfifo "$TMP/fifo"
"$CERTSIM" quiz --count 3 --seed 5 < "$TMP/fifo" > /dev/null 2>&1 &
pid=$!
exec 7> "$TMP/fifo"
echo A >&7
for _ in $(seq 50); do
	[ "$(jq '.items[0].response != null' "$CERTSIM_HOME/attempt.json" 2>/dev/null)" = true ] && break
	sleep 0.1
done
kill -INT $pid
wait $pid
exec 7>&-
jq -c '.seed = 1e300 | .time_limit_s = 7e103 | .unscored = -1e50 | .used_ms = 1e308 |
	.interruptions = 3.3e48 | .warned = -1e20 | .current = 1e19 | .items[0].ms = -1e300' \
	"$CERTSIM_HOME/attempt.json" > "$TMP/huge.json" && mv "$TMP/huge.json" "$CERTSIM_HOME/attempt.json"
printf 'submit\ny\n' | "$CERTSIM" resume > "$TMP/huge.out" 2>&1
rc=$?
check "attempt with huge numbers: resume does not crash (exit 0 or 1)" [ $rc -eq 0 -o $rc -eq 1 ]

finish
