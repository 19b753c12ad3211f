#!/usr/bin/env bash
# The man pages: groff renders them with no warning (mandoc -Tlint too, if
# installed), certsim(1) covers every command and option the program's help
# lists, and the example bank of certsim-bank(5) is one certsim loads.
. "$(dirname "$0")/lib/common.bash"
export LC_ALL=C
PAGE1="$SRC/docs/man/certsim.1"
PAGE5="$SRC/docs/man/certsim-bank.5"

if ! command -v groff > /dev/null; then
	echo "groff is not installed (tools/setup.sh installs groff-base)"
	exit 77
fi

# Rendering: any warning (-ww) on stderr fails.
for page in "$PAGE1" "$PAGE5"; do
	groff -man -ww -z "$page" 2> "$TMP/groff.err"
	rc=$?
	check "groff -man -ww renders ${page##*/} (exit $rc)" [ $rc -eq 0 ]
	check "groff -man -ww: no warnings for ${page##*/}" [ ! -s "$TMP/groff.err" ]
	sed 's/^/#   /' "$TMP/groff.err"
	if command -v mandoc > /dev/null; then
		mandoc -Tlint -W warning "$page" > "$TMP/mandoc.out" 2>&1
		check "mandoc -Tlint: nothing to say about ${page##*/}" [ ! -s "$TMP/mandoc.out" ]
		sed 's/^/#   /' "$TMP/mandoc.out"
	fi
done

# The pages name the program's version.
version=$("$CERTSIM" --version | awk '{ print $2 }')
for page in "$PAGE1" "$PAGE5"; do
	check "${page##*/} is for certsim $version" grep -q "^\.TH .* \"certsim $version\" " "$page"
done

# A page's text as groff renders it (no formatting, no hyphenation).
render() { groff -man -Tascii -P-cbou "$1" 2> /dev/null; }
render "$PAGE1" > "$TMP/certsim.txt"
check "certsim(1) renders to text" [ -s "$TMP/certsim.txt" ]

# section TITLE: the rendered text of certsim(1) from the subsection whose
# title starts with TITLE to the next (sub)section.
section() {
	awk -v t="$1" '
		/^[^ ]/ || /^   [^ ]/ { on = (index($0, "   " t) == 1) }
		on' "$TMP/certsim.txt"
}
common=$(awk '/^[^ ]/ { on = ($0 == "COMMON OPTIONS") } on' "$TMP/certsim.txt")
check "certsim(1) has COMMON OPTIONS" [ -n "$common" ]

# The options a command's --help defines: those of its Usage line and of the
# lines that start with an option.
help_defines() {
	"$CERTSIM" "$@" --help | grep -E '^(Usage:|[[:space:]]+--)' |
		grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# Every command of certsim --help has its subsection, which (or COMMON
# OPTIONS) names every option the command's --help defines.
commands=$("$CERTSIM" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/:$/ { print $1 }' | sort -u)
check "certsim --help lists commands" [ -n "$commands" ]
for c in $commands; do
	[ "$c" = bank ] && continue
	text=$(section "certsim $c")
	check "certsim(1) has a subsection for '$c'" [ -n "$text" ]
	for o in $(help_defines "$c"); do
		check "certsim(1) documents $c $o" grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" \
			<<< "$text$common"
	done
done
for s in $("$CERTSIM" bank --help | grep -oE 'certsim bank [a-z]+' | awk '{ print $3 }' | sort -u); do
	text=$(section "certsim bank $s")
	check "certsim(1) has a subsection for 'bank $s'" [ -n "$text" ]
done
for o in $(help_defines bank); do
	check "certsim(1) documents bank $o" grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" \
		<<< "$(section "certsim bank")"
done
# Every option any help text mentions appears somewhere in the page, and so
# do the global ones.
for o in $( ("$CERTSIM" --help; for c in $commands; do "$CERTSIM" "$c" --help; done) |
	grep -oE -- '--[a-z][a-z-]*' | sort -u) -h -V; do
	check "certsim(1) mentions $o" grep -qE -- "(^|[^a-z-])$o([^a-z-]|\$)" "$TMP/certsim.txt"
done
# Every environment variable of certsim --help, and the exit statuses.
for v in $("$CERTSIM" --help | grep -oE '\b[A-Z][A-Z_]{3,}\b' | grep -E '_|^NO' | sort -u); do
	check "certsim(1) ENVIRONMENT has $v" grep -qE "^       $v\$" "$TMP/certsim.txt"
done
for s in 0 1 2 3 129 130 143; do
	check "certsim(1) EXIT STATUS has $s" bash -c \
		'awk "/^[^ ]/ { on = (\$0 == \"EXIT STATUS\") } on" "$1" | grep -qE "^       $2 "' _ \
		"$TMP/certsim.txt" "$s"
done

# certsim-bank(5): its example blueprint and question file load, with no
# diagnostic but the one the page announces (no explanation on the
# matching question).
mkdir -p "$TMP/example"
render "$PAGE5" | awk -v dir="$TMP/example" '
	/^ *\{$/ && !inb { inb = 1; ind = index($0, "{"); n++ }
	inb { print > (dir "/" (n == 1 ? "exam.json" : "q.json")) }
	inb && /^ *\}$/ && index($0, "}") == ind { inb = 0 }'
check "certsim-bank(5) has an example blueprint and question file" \
	[ -s "$TMP/example/exam.json" ] && [ -s "$TMP/example/q.json" ]
"$CERTSIM" bank lint "$TMP/example" > "$TMP/lint.out" 2>&1
grep -v "^$TMP/example: " "$TMP/lint.out" > "$TMP/diags"
check "the example's only diagnostic is the missing explanation" \
	grep -qxE 'q\.json: question "d1-formats-001": (error|warning): .*"?explanation"?.*' "$TMP/diags"
check "the example has no other diagnostic" [ "$(wc -l < "$TMP/diags")" -eq 1 ]
# (With explanation still required, the bank does not load: no counts.)
if grep -q ': warning: ' "$TMP/diags"; then
	check "the example has 3 questions and 1 case study" \
		grep -q ": 3 questions, 1 case study, 1 file: 0 errors, 1 warning" "$TMP/lint.out"
fi
sed 's/^/#   /' "$TMP/lint.out"
finish
