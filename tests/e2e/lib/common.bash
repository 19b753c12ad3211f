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
finish() {
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
