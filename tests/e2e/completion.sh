#!/usr/bin/env bash
# Shell completion: _certsim (bash) called with prepared COMP_WORDS, checked
# against the program's own --help and the banks' files; _certsim (zsh) loaded
# with compinit and driven through a pseudo-terminal when zsh is installed.
. "$(dirname "$0")/lib/common.bash"
export LC_ALL=C
BASH_COMPLETION="$SRC/completion/certsim.bash"
ZSH_COMPLETION="$SRC/completion/_certsim"
OTHER="$SRC/tests/fixtures/banks/other-tasks"
unset CERTSIM_BANK

# shellcheck source=../../completion/certsim.bash
. "$BASH_COMPLETION"
complete -p certsim | grep -q -- "-F _certsim" &&
	ok "the bash script registers _certsim for certsim" ||
	fail "the bash script registers _certsim for certsim"

# tab WORD...: the replies of _certsim for the command line WORD...
# (the last word is the one being completed, or word $AT when AT is set),
# sorted, one per line.
tab() {
	COMP_WORDS=("$CERTSIM" "$@")
	COMP_CWORD=${AT:-$((${#COMP_WORDS[@]} - 1))}
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_certsim
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}

# same NAME GOT WANT: two sorted lists are equal (and the wanted one is not empty).
same() {
	if [ -n "$3" ] && [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1"
		diff <(echo "$3") <(echo "$2") | sed 's/^/#   /'
	fi
}

# The options a command's --help defines: those of its Usage line and of the
# lines that start with an option.
help_options() {
	"$CERTSIM" "$@" --help | grep -E '^(Usage:|[[:space:]]+--)' |
		grep -oE -- '--[a-z][a-z-]*' | sort -u
}

# Commands: exactly those of certsim --help (and "help"), each of which runs.
want=$( ("$CERTSIM" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/:$/ { print $1 }'; echo help) | sort -u)
same "commands: those of certsim --help" "$(tab "")" "$want"
for c in $(tab ""); do
	check "completed command '$c' is one certsim runs" bash -c '"$1" "$2" --help > /dev/null' _ "$CERTSIM" "$c"
done
same "top-level options" "$(tab --)" "$(printf '%s\n' --help --version)"
same "a command prefix" "$(tab re)" "$(printf '%s\n' report resume review)"

# bank subcommands: every one that certsim bank --help shows is offered.
got=$(tab bank "")
for s in $("$CERTSIM" bank --help | grep -oE 'certsim bank [a-z]+' | awk '{ print $3 }' | sort -u); do
	check "bank subcommand '$s' is offered" grep -qx "$s" <<< "$got"
done
for s in import export; do
	check "bank subcommand '$s' (docs/interchange.md) is offered" grep -qx "$s" <<< "$got"
done

# Options per command: exactly the ones its --help lists, plus --help.
for c in exam quiz study review history resume verify key; do
	same "options of $c: those of certsim $c --help" "$(tab "$c" --)" \
		"$( (help_options "$c"; echo --help) | sort -u)"
done
check "bank stats offers --json" grep -qx -- --json <<< "$(tab bank stats --)"
same "options of bank export" "$(tab bank export --)" \
	"$(printf '%s\n' --bank --help --out --to | sort)"
same "options of bank import" "$(tab bank import --)" \
	"$(printf '%s\n' --exam --from --help --map --out --task | sort)"

# Given options are not offered again; a quiz has one source at most.
got=$(tab quiz --count 5 --)
check "quiz --count is not offered twice" bash -c '! grep -qx -- --count <<< "$1"' _ "$got"
check "quiz offers --untimed" grep -qx -- --untimed <<< "$got"
got=$(tab quiz --task 2.1 --)
check "quiz with a source offers no other source" \
	bash -c '! grep -qxE -- "--(domain|task|missed|weakest)" <<< "$1"' _ "$got"
check "quiz with a source still offers --count" grep -qx -- --count <<< "$got"
got=$(tab bank import --map a=1.1 --)
check "bank import --map may repeat" grep -qx -- --map <<< "$got"

# Domain and task ids, read from the bank in use, against its exam.json.
tasks_of() { jq -r '.domains[].tasks[].id' "$1/exam.json" | sort; }
domains_of() { jq -r '.domains[].id' "$1/exam.json" | sort; }
tags_of() {
	find "$1" -maxdepth 1 -name '*.json' ! -name exam.json -exec jq -r \
		'(.questions // [])[], ((.case_studies // [])[] | .questions[]) | (.tags // [])[]' {} + |
		sort -u
}
same "--task: the bundled bank's tasks" "$(tab quiz --task "")" "$(tasks_of "$BANK")"
same "--domain: the bundled bank's domains" "$(tab quiz --domain "")" "$(domains_of "$BANK")"
same "--task with --bank: that bank's tasks (5.1 5.7 8.10)" \
	"$(tab quiz --bank "$OTHER" --task "")" "$(tasks_of "$OTHER")"
same "--task with --bank after the cursor" "$(AT=3 tab quiz --task "" --bank "$OTHER")" \
	"$(tasks_of "$OTHER")"
same "--domain with --bank=PATH (split at =)" \
	"$(tab quiz --bank = "$OTHER" --domain "")" "$(domains_of "$OTHER")"
same "--task with --bank=PATH as one word" \
	"$(tab quiz "--bank=$OTHER" --task "")" "$(tasks_of "$OTHER")"
same "--task with --bank ~/PATH (as typed, unexpanded)" \
	"$(HOME=$(dirname "$OTHER") tab quiz --bank "~/${OTHER##*/}" --task "")" "$(tasks_of "$OTHER")"
same "--task prefix" "$(tab quiz --bank "$OTHER" --task 8)" "8.10"
same "--task=PREFIX split at =" "$(tab quiz --bank "$OTHER" --task = 5.)" \
	"$(printf '%s\n' 5.1 5.7)"
same "--task=PREFIX as one word" "$(tab quiz --bank "$OTHER" --task=5.)" \
	"$(printf '%s\n' --task=5.1 --task=5.7)"
same "--task from \$CERTSIM_BANK" "$(CERTSIM_BANK=$OTHER tab quiz --task "")" \
	"$(tasks_of "$OTHER")"
check "--task of a bank that does not load: nothing" \
	[ -z "$(tab quiz --bank "$TMP/no-such-bank" --task "")" ]

# Tags, from the bank's question files.
same "--tag: the bundled bank's tags" "$(tab quiz --tag "")" "$(tags_of "$BANK")"
same "--tag with --bank" "$(tab quiz --bank "$OTHER" --tag "")" "$(tags_of "$OTHER")"
same "--tag prefix" "$(tab quiz --bank "$OTHER" --tag r)" "$(printf '%s\n' replay rollback)"

# Fixed values.
same "--feedback" "$(tab quiz --feedback "")" "$(printf '%s\n' end immediate)"
same "--from" "$(tab bank import --from "")" "$(printf '%s\n' aiken gift moodle-xml)"
same "--to" "$(tab bank export --to "")" "$(printf '%s\n' gift moodle-xml)"
check "--seed takes a number: nothing offered" [ -z "$(tab exam --seed "")" ]

# Result files for review and verify, from $CERTSIM_HOME/results.
mkdir -p "$CERTSIM_HOME/results"
r1="$CERTSIM_HOME/results/20261126T042426.223Z-exam.json"
r2="$CERTSIM_HOME/results/20261127T101500.000Z-quiz.json"
touch "$r1" "$r1.minisig" "$r2" "$r2.minisig"
same "review: last and the result files" "$(tab review "")" \
	"$(printf '%s\n' "$r1" "$r2" last | sort)"
same "review --all: the same" "$(tab review --all "")" \
	"$(printf '%s\n' "$r1" "$r2" last | sort)"
same "review by the start of a result's name" "$(tab review 20261127)" "$r2"
same "review takes one result" "$(tab review "$r1" "")" \
	"$( (help_options review; echo --help) | sort -u)"
same "verify: the result files" "$(tab verify "")" "$(printf '%s\n' "$r1" "$r2" | sort)"
same "results from XDG_DATA_HOME without CERTSIM_HOME" \
	"$(mkdir -p "$TMP/xdg/certsim/results" && touch "$TMP/xdg/certsim/results/x-exam.json" &&
		CERTSIM_HOME="" XDG_DATA_HOME="$TMP/xdg" tab verify "")" \
	"$TMP/xdg/certsim/results/x-exam.json"
same "--pubkey: files" "$(cd "$TMP" && touch alice.pub && tab verify --pubkey ali)" "alice.pub"
same "--bank: directories" "$(cd "$SRC/tests/fixtures/banks" && tab exam --bank other-t)" \
	"other-tasks"

# zsh: the script parses, compinit picks it up, and Tab lists what it should.
if command -v zsh > /dev/null; then
	check "zsh -n _certsim" zsh -n "$ZSH_COMPLETION"
	check "compinit registers _certsim for certsim" zsh -f -c '
		fpath=("$1" $fpath); autoload -U compinit; compinit -u -D
		[[ $_comps[certsim] == _certsim ]] && autoload -Uz +X _certsim' _ "$(dirname "$ZSH_COMPLETION")"
	# ztab LINE: what an interactive zsh lists on Tab after LINE.
	ztab() {
		zsh -f -c '
			zmodload zsh/zpty || exit 77
			drain() {
				local chunk idle=0
				REPLY=
				while (( idle < 30 )); do
					if zpty -r -t z chunk; then REPLY+=$chunk; idle=0
					else sleep 0.1; (( idle++ )); fi
				done
			}
			zpty -b z "zsh -f -i"
			zpty -w z "PS1=\"> \"; TERM=dumb; fpath=($1 \$fpath); autoload -U compinit;"\
" compinit -u -D; zstyle \":completion:*\" list-prompt \"\"; LISTMAX=10000"
			drain
			zpty -n -w z "$2"$'"'"'\t'"'"'
			drain
			print -r -- "$REPLY" | tr -d "\r"
			zpty -d z' _ "$(dirname "$ZSH_COMPLETION")" "$1"
	}
	out=$(ztab "$CERTSIM quiz --bank $OTHER --task ")
	rc=$?
	if [ $rc -eq 77 ]; then
		echo "# zsh/zpty is not available: zsh Tab checks skipped"
	else
		for t in 5.1 5.7 8.10; do
			check "zsh: quiz --bank OTHER --task lists $t" grep -qw -- "$t" <<< "$out"
		done
		check "zsh: quiz --bank OTHER --task lists no MLA-C01 task" \
			bash -c '! grep -qw -- "1\.1" <<< "$1"' _ "$out"
		out=$(ztab "$CERTSIM bank ")
		for s in lint stats import export; do
			check "zsh: bank lists $s" grep -qw -- "$s" <<< "$out"
		done
		out=$(ztab "$CERTSIM review ")
		check "zsh: review lists last" grep -qw last <<< "$out"
		check "zsh: review lists a result file" grep -qF "${r2##*/}" <<< "$out"
	fi
else
	echo "# zsh is not installed: zsh checks skipped"
fi
finish
