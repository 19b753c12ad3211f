#!/usr/bin/env bash
# End-to-end: quiz sources --tag, --type, --flagged, and certsim bank search.
. "$(dirname "$0")/lib/common.bash"

# --tag: every item carries the tag (the bank's own file says which do).
tag=$("$CERTSIM" bank stats --json | jq -r '[.tags[] | select(.questions >= 8)][0].tag')
check "the bank has a tag with 8+ questions ($tag)" [ -n "$tag" ] && [ "$tag" != null ]
echo -n | "$CERTSIM" quiz --tag "$tag" --count 5 --seed 1 > /dev/null 2>&1
r=$(last_result)
check "--tag: a quiz of 5" [ "$(jq '.items | length' "$r")" = 5 ]
check "--tag: source recorded" [ "$(jq -r .quiz.source "$r")" = "tag $tag" ]
ids=$(jq -r '.items[].id' "$r")
tagged=$("$CERTSIM" bank search "$tag" --json | jq -r --arg t "$tag" '.[] | select(.tags | index($t)) | .id')
all=1
for id in $ids; do grep -qx "$id" <<< "$tagged" || all=0; done
check "--tag: every item has the tag" [ $all = 1 ]

# --type: every item is of that type.
echo -n | "$CERTSIM" quiz --type ordering --count 4 > /dev/null 2>&1
r=$(last_result)
check "--type ordering: only ordering items" [ "$(jq -r '[.items[].type] | unique | join(",")' "$r")" = ordering ]
"$CERTSIM" quiz --type essay > /dev/null 2>&1
check "--type essay: usage error" [ $? -eq 2 ]
"$CERTSIM" quiz --type single --tag "$tag" > /dev/null 2>&1
check "two sources: usage error" [ $? -eq 2 ]

# --flagged: flag items 1 and 3 of a quiz; then a --flagged quiz has exactly those.
printf 'flag\nn\nn\nflag\nsubmit\ny\n' | "$CERTSIM" quiz --count 4 --seed 9 > /dev/null 2>&1
r=$(last_result)
check "two items flagged" [ "$(jq '[.items[] | select(.flagged)] | length' "$r")" = 2 ]
echo -n | "$CERTSIM" quiz --flagged > /dev/null 2>&1
r2=$(last_result)
check "--flagged: exactly the flagged items" [ "$(jq -r '.items[].id' "$r2" | sort)" = \
	"$(jq -r '.items[] | select(.flagged) | .id' "$r" | sort)" ]
echo -n | "$CERTSIM" quiz --flagged > "$TMP/noflag.txt" 2>&1
check "--flagged again: none left, exit 0" [ $? -eq 0 ]
check "--flagged again: says so" grep -q "no question is flagged" "$TMP/noflag.txt"

# bank search: the lines, case-insensitive, JSON in full.
"$CERTSIM" bank search "KINESIS DATA STREAMS" > "$TMP/s.txt"
check "bank search: exit 0" [ $? -eq 0 ]
n=$(grep -c '^d[0-9]-' "$TMP/s.txt")
check "bank search: matches ($n)" [ "$n" -gt 0 ]
check "bank search: the count line" grep -q "^$n questions\? of MLA-C01 match" "$TMP/s.txt"
"$CERTSIM" bank search "kinesis data streams" --json > "$TMP/s.json"
check "bank search --json: as many" [ "$(jq length "$TMP/s.json")" = "$n" ]
check "bank search --json: each contains the text" [ "$(jq '[.[] | tostring | ascii_downcase |
	select(contains("kinesis data streams") | not)] | length' "$TMP/s.json")" = 0 ]
"$CERTSIM" bank search zzz-nothing-zzz > "$TMP/none.txt"
check "bank search: no match, exit 0" [ $? -eq 0 ]
check "bank search: says no match" grep -q "^No question" "$TMP/none.txt"
"$CERTSIM" bank search > /dev/null 2>&1
check "bank search without TEXT: usage error" [ $? -eq 2 ]

# The tag vocabulary: the bundled bank uses only its tags.txt; an unknown tag
# is a warning (exit 0), and a bank without tags.txt is not checked.
"$CERTSIM" bank lint > "$TMP/lint.txt"
check "bundled bank: lint exit 0" [ $? -eq 0 ]
check "bundled bank: has a tag vocabulary" [ -s "$BANK/tags.txt" ]
check "bundled bank: no tag warning" bash -c '! grep -q "warning: tag" "$1"' _ "$TMP/lint.txt"
mkdir -p "$TMP/bank"
cp "$BANK"/*.json "$TMP/bank/"
"$CERTSIM" bank lint "$TMP/bank" > "$TMP/lint-none.txt"
check "no tags.txt: no tag warning" bash -c '! grep -q "warning: tag" "$1"' _ "$TMP/lint-none.txt"
grep -v "^$tag|" "$BANK/tags.txt" > "$TMP/bank/tags.txt"
"$CERTSIM" bank lint "$TMP/bank" > "$TMP/lint-tag.txt"
check "a tag left out of tags.txt: lint still exit 0" [ $? -eq 0 ]
check "a tag left out of tags.txt: one warning for it" \
	[ "$(grep -c "warning: tag \"$tag\" is not in the vocabulary" "$TMP/lint-tag.txt")" = 1 ]
check "a tag left out of tags.txt: no other tag warning" [ "$(grep -c "warning: tag" "$TMP/lint-tag.txt")" = 1 ]

finish
