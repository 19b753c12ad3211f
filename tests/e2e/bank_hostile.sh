#!/usr/bin/env bash
# Feed bank lint hostile input made on the fly; it must never crash or hang.
#
# Deep nesting, files over the size limit, random bytes and random JSON,
# wrong types in every field, and the good fixture truncated at every byte.
# A run fails when it exits with another status than expected, exits >= 128
# (a signal), times out, or prints sanitizer output. Most runs lint many
# banks at once (a sanitizer build starts slowly); a failing batch is rerun
# bank by bank to name the culprit. HOSTILE_STRIDE=N truncates at every Nth
# byte only.
set -u
: "${CERTSIM:?set CERTSIM to the certsim binary}"
: "${FIXTURES:?set FIXTURES to tests/fixtures}"
export LC_ALL=C

good="$FIXTURES/banks/good"
stride=${HOSTILE_STRIDE:-1}
tmp=$(mktemp -d)
[ -n "${HOSTILE_KEEP:-}" ] && echo "keeping $tmp" || trap 'rm -rf "$tmp"' EXIT
failures=0
runs=0

fail() {
	echo "FAIL $1: $2"
	failures=$((failures + 1))
}

IFS= read -r -d '' exam_json <"$good/exam.json"
IFS= read -r -d '' data_json <"$good/data.json"

# new_bank NAME: an empty bank directory holding the good exam.json; sets
# bank, and banks to just it.
new_bank() {
	bank="$tmp/$1"
	[ -d "$bank" ] && rm -rf "$bank"
	mkdir -p "$bank"
	printf '%s' "$exam_json" >"$bank/exam.json"
	banks=("$bank")
}

# lint NAME WANT [TEXT]: lint the banks in the array banks in one run; WANT
# is 0, 1 or "any" (0 or 1); TEXT is a fixed string the output must contain.
# Leaves the output in $out and $tmp/out. Thousands of files: no process
# but certsim itself (and timeout, where a hang is plausible: set guard).
guard=
lint() {
	local name=$1 want=$2 pattern=${3:-} rc=0
	runs=$((runs + 1))
	$guard "$CERTSIM" bank lint "${banks[@]}" >"$tmp/out" 2>&1 || rc=$?
	out=
	IFS= read -r -d '' out <"$tmp/out"
	if [ "$rc" -eq 124 ] && [ -n "$guard" ]; then
		fail "$name" "timed out"
	elif [ "$rc" -ge 128 ]; then
		fail "$name" "crashed (exit $rc)"
	elif [ "$want" = any ] && [ "$rc" -gt 1 ]; then
		fail "$name" "exit $rc, expected 0 or 1"
	elif [ "$want" != any ] && [ "$rc" -ne "$want" ]; then
		fail "$name" "exit $rc, expected $want"
	elif [[ $out == *Sanitizer* || $out == *"runtime error:"* ]]; then
		fail "$name" "sanitizer report"
	elif [ -n "$pattern" ] && [[ $out != *"$pattern"* ]]; then
		fail "$name" "output lacks: $pattern"
	else
		return 0
	fi
	printf '%s\n' "${out:0:2000}"
	if [ "${#banks[@]}" -gt 1 ]; then
		local all=("${banks[@]}") b
		for b in "${all[@]}"; do
			banks=("$b")
			rc=0
			$guard "$CERTSIM" bank lint "$b" >/dev/null 2>&1 || rc=$?
			[ "$rc" -le 1 ] || echo "  exit $rc on $b"
		done
		banks=("${all[@]}")
	fi
	return 1
}

# A portable, seeded generator (bash's own RANDOM differs between versions).
seed=1
rnd() { # rnd N: sets r to a number in 0..N-1
	seed=$(((seed * 1103515245 + 12345) & 0x7fffffff))
	r=$(((seed >> 8) % $1))
}

# --- Deep nesting -----------------------------------------------------------
new_bank deep-arrays
printf '%*s' 200000 '' | tr ' ' '[' >"$bank/q.json"
lint "200000 [" 1 "q.json:1:1001: error: nesting deeper than 1000 levels"

new_bank deep-objects
for ((i = 0; i < 20000; i++)); do printf '{"a":'; done >"$bank/q.json"
lint '20000 {"a":' 1 "nesting deeper than 1000 levels"

new_bank deep-in-question
{
	printf '{"format":"certsim-bank/1","questions":[{"id":"q","domain":1,"task":"1.1","type":"single","stem":"s","explanation":"e","answer":["A"],"options":'
	printf '%*s' 990 '' | tr ' ' '['
	printf '%*s' 989 '' | tr ' ' ']'
	printf ',{"id":"B","text":"b"}]}]}\n'
} >"$bank/q.json"
lint "990 levels inside a question" 1 'question "q": options[0]: error: must be an object'

new_bank deep-closed
{ printf '%*s' 5000 '' | tr ' ' '['; printf '%*s' 5000 '' | tr ' ' ']'; } >"$bank/q.json"
lint "5000 [ then 5000 ]" 1 "nesting deeper than 1000 levels"

# --- Size limit ---------------------------------------------------------------
new_bank huge
printf '{"format":"certsim-bank/1","questions":[' >"$bank/q.json"
truncate -s 70M "$bank/q.json"
lint "70 MB sparse file" 1 "file is too large (73400320 bytes; the limit is 67108864 bytes)"

new_bank at-limit
q='{"format":"certsim-bank/1","questions":[{"id":"q","domain":1,"task":"1.1","type":"single","stem":"s","options":[{"id":"A","text":"a"},{"id":"B","text":"b"}],"answer":["A"],"explanation":"e"}]}'
{ printf '%s' "$q"; head -c $((67108864 - ${#q})) /dev/zero | tr '\0' ' '; } >"$bank/q.json"
lint "exactly 64 MiB" 0 "1 question"
printf ' ' >>"$bank/q.json"
lint "64 MiB + 1 byte" 1 "the limit is 67108864 bytes"
rm -f "$bank/q.json"

new_bank long-strings
{
	printf '{"format":"certsim-bank/1","questions":[{"id":"q","domain":1,"task":"1.1","type":"single","stem":"'
	head -c 5000000 /dev/zero | tr '\0' 'x'
	printf '","options":[{"id":"A","text":"a"},{"id":"B","text":"b"}],"answer":["A"],"explanation":"e","'
	head -c 100000 /dev/zero | tr '\0' 'k'
	printf '":1}]}'
} >"$bank/q.json"
lint "5 MB stem, 100 kB unknown key" 0 'warning: unknown key "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"'

new_bank many-errors
{
	printf '{"format":"certsim-bank/1","questions":[{"id":"q","domain":1,"task":"1.1","type":"single","stem":"s","options":[{"id":"A","text":"a"},{"id":"B","text":"b"}],"answer":["A"],"explanation":"e","tags":['
	for ((i = 0; i < 20000; i++)); do printf '%d,' "$i"; done
	printf '0]}]}'
} >"$bank/q.json"
lint "20001 bad tags" 1 '"tags"[20000] must be a string, not a number'

# --- Files that are not files -------------------------------------------------
guard="timeout 60"
new_bank not-files
mkfifo "$bank/fifo.json"
mkdir "$bank/dir.json"
ln -s loop.json "$bank/loop.json"
ln -s /nonexistent "$bank/dangling.json"
lint "fifo, directory, symlink loop, dangling link" 1 "fifo.json: error: cannot read"
grep -qF "dir.json: error: cannot read" "$tmp/out" || fail "directory" "not reported"
grep -qF "loop.json: error: cannot open" "$tmp/out" || fail "symlink loop" "not reported"
grep -qF "dangling.json: error: cannot open" "$tmp/out" || fail "dangling link" "not reported"

new_bank exam-dir
rm "$bank/exam.json"
mkdir "$bank/exam.json"
cp "$good/data.json" "$bank/"
lint "exam.json is a directory" 1 "exam.json: error: cannot read"
guard=

# --- Random bytes --------------------------------------------------------------
# esc N MIN SPAN: printf escapes for N bytes in MIN..MIN+SPAN-1.
esc() {
	local n=$1 min=$2 span=$3 i hex
	s=''
	for ((i = 0; i < n; i++)); do
		rnd "$span"
		printf -v hex '\\x%02x' $((min + r))
		s+=$hex
	done
}
for seed0 in 1 2 3 4 5 6; do
	seed=$seed0
	new_bank random
	esc 3000 0 256
	printf "$s" >"$bank/q.json"
	lint "random bytes, seed $seed0" 1
	esc 3000 32 95
	printf "$s" >"$bank/q.json"
	lint "random printable, seed $seed0" 1
	esc 3000 0 256
	{ printf '{"format":"certsim-bank/1","questions":[{"stem":"'; printf "$s"; printf '"}]}'; } >"$bank/q.json"
	lint "random bytes in a string, seed $seed0" 1
done

# Random JSON tokens: mostly syntax errors, found in many different places.
tokens=('{' '}' '[' ']' ',' ':' ' ' $'\n' '"id"' '"questions"' '"format"'
	'"certsim-bank/1"' '"answer"' '"options"' '"type"' '"single"' '"A"' '"1"'
	'1' '-0.5e3' 'true' 'false' 'null' '"' '\' '"\u00e9"' '"\ud800"' '"\q"'
	'tru' '01' '1e' '"x' '{"id":"A","text":"a"}' '"case_studies"')
for seed0 in 11 12 13 14 15 16 17 18; do
	seed=$seed0
	new_bank tokens
	s='{"format":"certsim-bank/1","questions":['
	for ((i = 0; i < 400; i++)); do
		rnd ${#tokens[@]}
		s+=${tokens[r]}
	done
	printf '%s' "$s" >"$bank/q.json"
	lint "token soup, seed $seed0" any
done

# Random valid JSON with the format's keys and values of random types.
keys=(id domain task type stem options items prompts answer explanation
	references tags title scenario questions text format case_studies)
strs=('"A"' '"B"' '"C"' '"1"' '"2"' '"single"' '"multiple"' '"ordering"'
	'"matching"' '"1.1"' '"2.1"' '"2.2"' '"q-1"' '"q-2"' '"cs-1"' '""' '"x"'
	'"certsim-bank/1"' '"Z"' '"é"')
nums=(0 1 2 3 -1 1.5 1e308 -1e308 99999999999 2147483648 0.0001)
# value DEPTH: append a random JSON value to s.
value() {
	local d=$1 n i
	rnd 10
	if [ "$d" -ge 4 ] && [ "$r" -ge 6 ]; then r=$((r - 6)); fi
	case $r in
	0) s+=null ;;
	1) rnd 2; ((r)) && s+=true || s+=false ;;
	2) rnd ${#nums[@]}; s+=${nums[r]} ;;
	3 | 4 | 5) rnd ${#strs[@]}; s+=${strs[r]} ;;
	6 | 7)
		rnd 6; n=$r
		s+='['
		for ((i = 0; i < n; i++)); do
			((i)) && s+=','
			value $((d + 1))
		done
		s+=']' ;;
	*)
		rnd 8; n=$r
		s+='{'
		for ((i = 0; i < n; i++)); do
			((i)) && s+=','
			rnd ${#keys[@]}
			s+="\"${keys[r]}\":"
			value $((d + 1))
		done
		s+='}' ;;
	esac
}
for seed0 in 21 22 23 24 25 26 27 28 29 30 31 32; do
	seed=$seed0
	new_bank json-soup
	s='{"format":"certsim-bank/1","questions":['
	for ((q = 0; q < 40; q++)); do
		((q)) && s+=','
		value 1
	done
	s+='],"case_studies":['
	for ((q = 0; q < 5; q++)); do
		((q)) && s+=','
		value 1
	done
	s+=']}'
	printf '%s\n' "$s" >"$bank/q.json"
	lint "JSON soup, seed $seed0" any
done

# --- Wrong types in every field ----------------------------------------------
opts='[{"id":"A","text":"a"},{"id":"B","text":"b"},{"id":"C","text":"c"}]'
prompts='[{"id":"1","text":"p"},{"id":"2","text":"q"},{"id":"3","text":"r"}]'
wrong=('null' 'true' '0' '-1' '1.5' '1e999' '""' '"x"' '[]' '{}' '[null]' '[[]]'
	'[{}]' '{"A":1}' '["A","A"]' '[{"id":"A"}]' '[{"id":"","text":""}]'
	'{"1":null}' '"single"' '["Z"]' '"1.1"' '2')
qkeys=(id domain task type stem options items prompts answer explanation references tags)
declare -A f
# question TYPE KEY VALUE [cs]: the JSON of a valid question of TYPE with
# KEY set to VALUE, in o; with cs, as a case study's question (no domain).
# Its id ends in $n.
question() {
	f=([id]='"q-'$4$1-$n'"' [domain]=1 [task]='"1.1"' [type]='"'$1'"' [stem]='"s"'
		[explanation]='"e"')
	case $1 in
	single) f[options]=$opts f[answer]='["A"]' ;;
	multiple) f[options]=$opts f[answer]='["A","C"]' ;;
	ordering) f[items]=$opts f[answer]='["C","A","B"]' ;;
	matching) f[prompts]=$prompts f[options]=$opts f[answer]='{"1":"A","2":"B","3":"A"}' ;;
	esac
	if [ -n "$4" ]; then
		unset 'f[domain]'
		f[task]='"2.1"'
	fi
	f[$2]=$3
	local k sep=''
	o='{'
	for k in "${qkeys[@]}"; do
		[ -n "${f[$k]+set}" ] || continue
		o+="$sep\"$k\":${f[$k]}"
		sep=','
	done
	o+='}'
}
# One bank per type and key, one question file per wrong value.
soup=()
for type in single multiple ordering matching; do
	for key in "${qkeys[@]}"; do
		new_bank "soup-$type-$key"
		soup+=("$bank")
		n=0
		for v in "${wrong[@]}"; do
			n=$((n + 1))
			question "$type" "$key" "$v" ""
			q=$o
			question "$type" "$key" "$v" cs
			printf '{"format":"certsim-bank/1","questions":[%s],"case_studies":[{"id":"cs-%s","domain":2,"title":"t","scenario":"s","questions":[%s]}]}\n' \
				"$q" "$n" "$o" >"$bank/q$n.json"
		done
	done
done
banks=("${soup[@]}")
lint "questions with a wrong value in each field (${#soup[@]} banks)" 1

# The blueprint and the question file's top level with wrong types everywhere.
# exam LEVEL KEY VALUE: the good fixture's blueprint, KEY at LEVEL replaced.
exam() {
	local lv=$1 k=$2 v=$3
	declare -A t=([format]='"certsim-exam/1"' [code]='"T"' [title]='"t"' [questions]=5
		[duration_minutes]=10) s=([min]=100 [max]=1000 [pass]=700 [cut]=0.7) \
		d=([id]=1 [name]='"n"' [weight]=60) k1=([id]='"1.1"' [name]='"n"')
	case $lv in
	top) t[$k]=$v ;; scoring) s[$k]=$v ;; domain) d[$k]=$v ;; task) k1[$k]=$v ;;
	esac
	local tasks='[{"id":'${k1[id]}',"name":'${k1[name]}'},{"id":"1.2","name":"m"}]'
	[ "$lv" = domain ] && [ "$k" = tasks ] && tasks=$v
	o='{"format":'${t[format]}',"code":'${t[code]}',"title":'${t[title]}
	o+=',"questions":'${t[questions]}',"duration_minutes":'${t[duration_minutes]}
	o+=',"scoring":{"min":'${s[min]}',"max":'${s[max]}',"pass":'${s[pass]}',"cut":'${s[cut]}'}'
	local doms='[{"id":'${d[id]}',"name":'${d[name]}',"weight":'${d[weight]}',"tasks":'$tasks'},'
	doms+='{"id":2,"name":"m","weight":40,"tasks":[{"id":"2.1","name":"a"},{"id":"2.2","name":"b"}]}]'
	[ "$lv" = top ] && [ "$k" = domains ] && doms=$v
	[ "$lv" = top ] && [ "$k" = scoring ] && o=${o%%,\"scoring\"*}',"scoring":'$v
	o+=',"domains":'$doms'}'
}
exam top code '"T"'
new_bank exam-check
printf '%s\n' "$o" >"$bank/exam.json"
printf '%s' "$data_json" >"$bank/data.json"
lint "generated blueprint" 0 "5 questions"
soup=()
for spec in top:format top:code top:title top:questions top:duration_minutes \
	top:scoring top:domains scoring:min scoring:max scoring:pass scoring:cut \
	domain:id domain:name domain:weight domain:tasks task:id task:name; do
	n=0
	for v in "${wrong[@]}"; do
		n=$((n + 1))
		new_bank "exam-${spec/:/-}-$n"
		soup+=("$bank")
		exam "${spec%%:*}" "${spec#*:}" "$v"
		printf '%s\n' "$o" >"$bank/exam.json"
		printf '%s' "$data_json" >"$bank/data.json"
	done
done
banks=("${soup[@]}")
lint "blueprints with a wrong value in each field (${#soup[@]} banks)" 1
new_bank file-soup
n=0
for key in format questions case_studies; do
	for v in "${wrong[@]}"; do
		n=$((n + 1))
		o='{"format":"certsim-bank/1","questions":[],"case_studies":[]}'
		o=${o/\"$key\":\"certsim-bank\/1\"/\"$key\":$v}
		o=${o/\"$key\":\[\]/\"$key\":$v}
		printf '%s\n' "$o" >"$bank/f$n.json"
	done
done
lint "question files with a wrong value in each field" 1

# --- Truncation at every byte ------------------------------------------------
# Every proper prefix of a good file is reported as cut short (the good
# fixture has no true/false/null literal, so no prefix ends inside one), and
# the prefix that lacks only the final newline is valid. One bank per
# prefix, linted 250 at a time; each bank's lines end with its summary line.
# The text is ASCII, so with LC_ALL=C ${body:0:i} is its first i bytes.
for file in data.json models.json exam.json; do
	IFS= read -r -d '' body <"$good/$file"
	trimmed=${body%$'\n'}
	re="^$file:[0-9]+:[0-9]+: error: syntax error: (.*\(truncated\?\)|the file is empty)\$"
	checked=0
	for ((start = 0; start < ${#body}; start += 250 * stride)); do
		rm -rf "${tmp:?}/cut"
		banks=()
		for ((i = start; i < ${#body} && i < start + 250 * stride; i += stride)); do
			banks+=("$tmp/cut/$i")
		done
		mkdir -p "${banks[@]}"
		for b in "${banks[@]}"; do
			i=${b##*/}
			[ "$file" = exam.json ] || printf '%s' "$exam_json" >"$b/exam.json"
			[ "$file" = data.json ] || printf '%s' "$data_json" >"$b/data.json"
			printf '%s' "${body:0:i}" >"$b/$file"
		done
		want=1
		[ "${#banks[@]}" -eq 1 ] && [ "$start" -ge "${#trimmed}" ] && want=0
		lint "$file cut at $start.. bytes" "$want" || break
		prev= k=0
		while IFS= read -r line; do
			b=${banks[k]}
			i=${b##*/}
			if [[ $line != "$b: "* ]]; then
				prev=$line
				continue
			fi
			if [ "$i" -ge "${#trimmed}" ]; then
				[[ $line == "$b: "*" 0 errors, 0 warnings" ]] ||
					fail "$file cut to $i bytes" "not valid: $line"
			elif [[ $line != "$b: 1 error, 0 warnings" || ! $prev =~ $re ]]; then
				fail "$file cut to $i bytes" "not reported as truncated: $prev / $line"
			fi
			prev= k=$((k + 1)) checked=$((checked + 1))
		done <"$tmp/out"
		[ "$k" -eq "${#banks[@]}" ] || fail "$file cut at $start.. bytes" "$k summaries for ${#banks[@]} banks"
	done
	echo "ok   $file truncated at $checked offsets"
done

echo "$runs runs"
if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "no crash, no hang"
