# Shared helpers for the end-to-end tests (sourced, not a test itself).
set -u
: "${CERTSIM:?CERTSIM must name the certsim binary}"
: "${SRC:?SRC must name the source tree}"
BANK="$SRC/question_banks/mla-c01"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export CERTSIM_HOME="$TMP/home"
export NO_COLOR=1
fails=0
passes=0

ok() { passes=$((passes + 1)); echo "ok - $*"; }
fail() { fails=$((fails + 1)); echo "FAIL - $*"; }
check() { # check DESCRIPTION COMMAND...
	local d=$1; shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}
# No secret key may reach any output, log, result or attempt file: every
# certsim.key made under $TMP (its base64 line, its Ed25519 seed in hex and in
# base64) is looked for in every other file there, where the tests keep what
# certsim printed.
check_no_secrets() {
	local key line raw seed_hex seed_b64 sk_b64 leaked=0
	while IFS= read -r -d '' key; do
		line=$(sed -n 2p "$key")
		raw="$TMP/.raw-secret"
		printf '%s' "$line" | base64 -d > "$raw" 2>/dev/null || continue
		seed_hex=$(od -An -tx1 -v -j 62 -N 32 "$raw" | tr -d ' \n')
		seed_b64=$(dd if="$raw" bs=1 skip=62 count=32 2>/dev/null | base64 -w0)
		sk_b64=$(dd if="$raw" bs=1 skip=62 count=64 2>/dev/null | base64 -w0)
		rm -f "$raw"
		[ ${#seed_hex} -eq 64 ] || continue
		if grep -rqiF --exclude='*.key' -e "$line" -e "$seed_hex" -e "$seed_b64" -e "$sk_b64" "$TMP"; then
			leaked=1
			echo "# secret key $key found in: $(grep -rliF --exclude='*.key' -e "$line" -e "$seed_hex" -e "$seed_b64" -e "$sk_b64" "$TMP" | tr '\n' ' ')"
		fi
	done < <(find "$TMP" -name certsim.key -type f -print0)
	check "no secret key bytes in any output or file" [ $leaked -eq 0 ]
}
finish() {
	check_no_secrets
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}

# The newest result file in $CERTSIM_HOME.
last_result() { ls -1t "$CERTSIM_HOME"/results/*.json 2>/dev/null | head -1; }

# Print, one per line, the correct line-mode answer for every item of a
# result (from its shown order and key).
answers_from() {
	jq -r '.items[] | . as $it |
	  def letter($id): ($it.shown | index($id)) as $i | ([65 + $i] | implode);
	  if .type == "matching" then
	    [ .prompts_shown | to_entries[] | "\(.key + 1)\(letter($it.key[.value]))" ] | join(" ")
	  else [ .key[] | letter(.) ] | join(" ") end' "$1"
}

# A wrong answer for each item (a different valid input of the right shape).
wrong_from() {
	jq -r '.items[] | . as $it |
	  def letter($i): [65 + $i] | implode;
	  def pos($id): $it.shown | index($id);
	  if .type == "single" then
	    [range(0; $it.shown | length) | select(. != pos($it.key[0]))][0] | letter(.)
	  elif .type == "multiple" then
	    ([range(0; $it.shown | length) | select(. as $p | [$it.key[] | pos(.)] | index($p) | not)]) as $wrong
	    | ([$it.key[] | pos(.)] | sort) as $right
	    | ([$wrong[0]] + $right[1:]) | map(letter(.)) | join(" ")
	  elif .type == "ordering" then
	    [ .key[] | pos(.) ] | (.[1:] + .[:1]) | map(letter(.)) | join(" ")
	  else
	    ($it.shown | length) as $n
	    | [ .prompts_shown | to_entries[] | "\(.key + 1)\(letter((pos($it.key[.value]) + 1) % $n))" ] | join(" ")
	  end' "$1"
}
