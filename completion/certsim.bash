# bash completion for certsim(1): commands, options, the bank's ids and tags, result files.
# Installed as share/bash-completion/completions/certsim; or source it from ~/.bashrc.

# _certsim_bank_values WHAT: the domain ids, task ids or tags (WHAT = domains,
# tasks or tags) of the bank in use, one per line: --bank on the command line,
# else $CERTSIM_BANK, else certsim's default bank. They come from
# `certsim bank stats --json`, read with grep and awk (no jq needed).
_certsim_bank_values()
{
	local what=$1 prog=certsim bank="" i w
	[[ -x ${COMP_WORDS[0]} && ${COMP_WORDS[0]} == */* ]] && prog=${COMP_WORDS[0]}
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		((i == COMP_CWORD)) && continue
		if [[ $w == --bank ]]; then
			if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
				bank=${COMP_WORDS[i + 2]-}
			else
				bank=${COMP_WORDS[i + 1]-}
			fi
		elif [[ $w == --bank=?* ]]; then
			bank=${w#--bank=}
		fi
	done
	[[ $bank == \~/* ]] && bank=$HOME/${bank#\~/}
	"$prog" bank stats --json ${bank:+"$bank"} 2>/dev/null |
		grep -oE '"(domains|types|case_studies|tags|id|tag)":[[:space:]]*("([^"\\]|\\.)*"|[0-9]+)?' |
		awk -v what="$what" '
			/^"(domains|types|case_studies|tags)":/ {
				section = $0; sub(/^"/, "", section); sub(/".*/, "", section); next
			}
			{ value = $0; sub(/^"[a-z]+":[ \t]*/, "", value) }
			section == "domains" && what == "domains" && /^"id":[ \t]*[0-9]+$/ { print value }
			section == "domains" && what == "tasks" && /^"id":[ \t]*"/ {
				gsub(/^"|"$/, "", value); print value
			}
			section == "tags" && what == "tags" && /^"tag":/ {
				gsub(/^"|"$/, "", value); gsub(/\\"/, "\"", value); gsub(/\\\\/, "\\", value)
				print value
			}'
}

# _certsim_results CUR: the result files in the data directory whose path or
# name starts with CUR, as full paths.
_certsim_results()
{
	local cur=$1 home=${CERTSIM_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/certsim} f
	for f in "$home"/results/*.json; do
		[[ -f $f ]] || continue
		if [[ $f == "$cur"* || ${f##*/} == "$cur"* ]]; then
			printf '%s\n' "$f"
		fi
	done
}

# _certsim_files CUR [GLOB]: files (matching GLOB, if given) and directories.
_certsim_files()
{
	local cur=$1 glob=${2-} f
	compopt -o filenames 2>/dev/null
	while IFS= read -r f; do
		# shellcheck disable=SC2053 # $glob is a pattern on purpose
		if [[ -d $f || -z $glob || $f == $glob ]]; then
			printf '%s\n' "$f"
		fi
	done < <(compgen -f -- "$cur")
}

# _certsim_positional_results: add to found (a local of _certsim) the result
# files of the data directory matching $cur, and with a partial path typed,
# the matching *.json files and directories.
_certsim_positional_results()
{
	local f r seen
	compopt -o filenames 2>/dev/null
	mapfile -t -O "${#found[@]}" found < <(_certsim_results "$cur")
	if [[ -n $cur ]]; then
		while IFS= read -r f; do
			seen=0
			for r in "${found[@]}"; do
				[[ $r == "$f" ]] && seen=1
			done
			((seen)) || found+=("$f")
		done < <(_certsim_files "$cur" "*.json")
	fi
}

_certsim()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev="" prefix="" cmd="" sub="" i w n=0
	local -a words=() opts=() reply=() found=()
	local takes_value=" --bank --seed --time-limit --unscored --out --domain --task --tag --count "
	takes_value+="--feedback --pubkey --export --from --to --exam --map --new --type "

	# The words before the cursor, with "--opt" "=" "value" joined back.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = && ${#words[@]} -gt 0 && ${words[-1]} == --* ]]; then
			words[-1]+="="
			continue
		fi
		if [[ ${#words[@]} -gt 0 && ${words[-1]} == --*= ]]; then
			words[-1]+=$w
			continue
		fi
		words+=("$w")
	done
	if [[ $cur == = && ${#words[@]} -gt 0 && ${words[-1]} == --* ]]; then
		prev=${words[-1]}
		cur=""
	elif [[ ${#words[@]} -gt 0 && ${words[-1]} == --*= ]]; then
		prev=${words[-1]%=}
		unset 'words[-1]'
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		prefix=$prev=
		cur=${cur#*=}
	elif [[ ${#words[@]} -gt 0 ]]; then
		prev=${words[-1]}
	fi

	# The command, the bank subcommand, and how many plain arguments follow.
	for ((i = 0; i < ${#words[@]}; i++)); do
		w=${words[i]}
		if [[ $takes_value == *" $w "* ]]; then
			i=$((i + 1))
		elif [[ $w != -* ]]; then
			if [[ -z $cmd ]]; then
				cmd=$w
			elif [[ $cmd == bank && -z $sub ]]; then
				sub=$w
			else
				n=$((n + 1))
			fi
		fi
	done

	# The value of an option.
	if [[ $takes_value == *" $prev "* ]]; then
		case $prev in
		--bank) compopt -o filenames 2>/dev/null
			mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
		--domain) mapfile -t COMPREPLY < <(compgen -W "$(_certsim_bank_values domains)" -- "$cur") ;;
		--task) mapfile -t COMPREPLY < <(compgen -W "$(_certsim_bank_values tasks)" -- "$cur") ;;
		--tag)
			local IFS=$'\n'
			mapfile -t COMPREPLY < <(compgen -W "$(_certsim_bank_values tags)" -- "$cur") ;;
		--feedback) mapfile -t COMPREPLY < <(compgen -W "immediate end" -- "$cur") ;;
		--type) mapfile -t COMPREPLY < <(compgen -W "single multiple ordering matching" -- "$cur") ;;
		--from) mapfile -t COMPREPLY < <(compgen -W "gift aiken moodle-xml" -- "$cur") ;;
		--to) mapfile -t COMPREPLY < <(compgen -W "gift moodle-xml" -- "$cur") ;;
		--exam)
			# report --exam takes an exam code; bank import --exam a file.
			COMPREPLY=()
			[[ $cmd == report ]] ||
				mapfile -t COMPREPLY < <(_certsim_files "$cur" "*.json") ;;
		--out | --pubkey | --export) mapfile -t COMPREPLY < <(_certsim_files "$cur") ;;
		*) COMPREPLY=() ;;
		esac
		# With "--opt=value" as one word, the reply replaces the whole word.
		if [[ -n $prefix ]]; then
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=$prefix${COMPREPLY[i]}
			done
		fi
		return 0
	fi

	case $cmd in
	"")
		opts=(--help --version)
		reply=(exam quiz study review history report resume verify key bank help)
		;;
	exam)
		opts=(--bank --seed --time-limit --untimed --esl --unscored --show-domain --plain
			--out --discard-saved --help) ;;
	quiz)
		opts=(--count --feedback --time-limit --untimed --seed --bank --plain --out
			--discard-saved --help)
		# One source at most.
		[[ " ${words[*]} " =~ \ --(domain|task|missed|weakest|tag|type|flagged)[\ =] ]] ||
			opts=(--domain --task --missed --weakest --tag --type --flagged "${opts[@]}") ;;
	study)
		opts=(--count --new --domain --task --tag --schedule --json --time-limit --seed
			--bank --plain --out --discard-saved --help) ;;
	review)
		opts=(--missed --all --flagged --bank --help)
		if ((n == 0)) && [[ $cur != -* ]]; then
			reply=(last)
			_certsim_positional_results
		fi ;;
	history) opts=(--json --csv --bank --exam --all --help) ;;
	report)
		opts=(--out --bank --exam --open --help)
		# --bank and --exam exclude each other.
		if [[ " ${words[*]} " =~ \ --(bank|exam)[\ =] ]]; then
			opts=(--out --open --help)
		fi ;;
	resume) opts=(--plain --bank --out --help) ;;
	verify)
		opts=(--pubkey --help)
		if ((n == 0)) && [[ $cur != -* ]]; then
			_certsim_positional_results
		fi ;;
	key) opts=(--export --help) ;;
	bank)
		case $sub in
		"") opts=(--help); reply=(lint stats search import export) ;;
		lint)
			opts=(--help)
			if [[ $cur != -* ]]; then
				compopt -o filenames 2>/dev/null
				mapfile -t found < <(compgen -d -- "$cur")
			fi ;;
		stats)
			opts=(--json --help)
			if ((n == 0)) && [[ $cur != -* ]]; then
				compopt -o filenames 2>/dev/null
				mapfile -t found < <(compgen -d -- "$cur")
			fi ;;
		search) opts=(--bank --json --help) ;;
		import)
			opts=(--from --exam --out --task --map --help)
			[[ $cur != -* ]] && mapfile -t found < <(_certsim_files "$cur") ;;
		export) opts=(--to --bank --out --help) ;;
		esac ;;
	esac

	# Options not yet given (--map may repeat), when the word starts with "-"
	# or there is nothing else to offer.
	if [[ $cur == -* || ${#reply[@]} -eq 0 && ${#found[@]} -eq 0 ]]; then
		local o
		for o in "${opts[@]}"; do
			if [[ $o == --map || " ${words[*]} " != *" $o "* ]]; then
				reply+=("$o")
			fi
		done
	fi
	local IFS=$'\n'
	mapfile -t COMPREPLY < <(compgen -W "${reply[*]}" -- "$cur")
	COMPREPLY+=("${found[@]}")
	return 0
}

complete -F _certsim certsim
