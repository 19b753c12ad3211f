# Helpers for the full-screen end-to-end tests (sourced after common.bash, not a test itself):
# a private tmux server, polling screen captures, and a small bank with every item type.
unset TMUX
SOCK="certsim-test-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export LANG=C.UTF-8
unset LC_ALL

tm() { tmux -L "$SOCK" "$@"; }

# run_in NAME COLS ROWS ARGS...: run certsim ARGS in a new detached session of that
# size. When it ends, its exit status goes to $TMP/NAME.rc and the terminal's
# modes (stty -a) to $TMP/NAME.stty; the pane stays so its last screen can be read.
run_in() {
	local name=$1 cols=$2 rows=$3
	shift 3
	local cmd
	cmd=$(printf '%q ' "$CERTSIM" "$@")
	rm -f "$TMP/$name.rc" "$TMP/$name.stty"
	tm kill-session -t "$name" 2>/dev/null
	tm new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env CERTSIM_HOME=$(printf '%q' "$CERTSIM_HOME") LANG=C.UTF-8 NO_COLOR=${NO_COLOR-} $cmd; echo \$? > $TMP/$name.rc; stty -a > $TMP/$name.stty; sleep 60"
}

screen_of() { tm capture-pane -p -t "$1"; }
keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; }
lit() { tm send-keys -t "$1" -l "$2"; }

# wait_for NAME REGEX [SECONDS]: poll the screen until it matches (default 5 s).
wait_for() {
	local name=$1 re=$2 limit=${3:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		screen_of "$name" | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	echo "--- timed out waiting for /$re/ on $name; the screen:" >&2
	screen_of "$name" >&2
	return 1
}

# wait_gone NAME REGEX [SECONDS]: poll until the screen no longer matches.
wait_gone() {
	local name=$1 re=$2 limit=${3:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		screen_of "$name" | grep -Eq -- "$re" || return 0
		sleep 0.05
	done
	return 1
}

# wait_file FILE [SECONDS]: poll until the file exists.
wait_file() {
	local f=$1 limit=${2:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		[ -s "$f" ] && return 0
		sleep 0.05
	done
	return 1
}

# wait_json FILE JQ VALUE [SECONDS]: poll until jq -r JQ FILE prints VALUE.
wait_json() {
	local f=$1 q=$2 v=$3 limit=${4:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		[ "$(jq -r "$q" "$f" 2>/dev/null)" = "$v" ] && return 0
		sleep 0.05
	done
	echo "--- timed out: jq '$q' $f is '$(jq -r "$q" "$f" 2>/dev/null)', not '$v'" >&2
	return 1
}

# The time remaining shown in the header of a screen.
clock_of() { screen_of "$1" | head -1 | grep -Eo '[0-9]+:[0-9]{2}(:[0-9]{2})?' | tail -1; }

# make_bank DIR: a bank of 6 items, 3 per domain: single, multiple, ordering in
# domain 1; matching and a case study of two single items in domain 2. Keys by
# choice index are in KEY_<id> below.
make_bank() {
	mkdir -p "$1"
	cat > "$1/exam.json" <<'EOF'
{ "format": "certsim-exam/1", "code": "TUI-01", "title": "Terminal Interface Test Exam",
  "questions": 6, "duration_minutes": 10,
  "scoring": { "min": 100, "max": 1000, "pass": 700, "cut": 0.7 },
  "domains": [
    { "id": 1, "name": "Data Preparation", "weight": 50,
      "tasks": [ { "id": "1.1", "name": "Ingestion" }, { "id": "1.2", "name": "Transformation" } ] },
    { "id": 2, "name": "Model Development", "weight": 50,
      "tasks": [ { "id": "2.1", "name": "Training" }, { "id": "2.2", "name": "Evaluation" } ] } ] }
EOF
	cat > "$1/questions.json" <<'EOF'
{ "format": "certsim-bank/1",
  "questions": [
    { "id": "s1", "domain": 1, "task": "1.1", "type": "single",
      "stem": "Which service streams records into Amazon S3 with the least operational overhead?",
      "options": [ { "id": "A", "text": "Amazon EC2 with a cron job" },
                   { "id": "B", "text": "Amazon Data Firehose" },
                   { "id": "C", "text": "AWS Batch" },
                   { "id": "D", "text": "Amazon EMR" } ],
      "answer": ["B"],
      "explanation": "S1-EXPLANATION: Firehose is managed; the others need servers or jobs.",
      "references": ["Amazon Data Firehose Developer Guide"] },
    { "id": "m1", "domain": 1, "task": "1.1", "type": "multiple",
      "stem": "Which two transformations fill in missing numeric values? (Choose two.)",
      "options": [ { "id": "A", "text": "One-hot encoding" },
                   { "id": "B", "text": "Mean imputation" },
                   { "id": "C", "text": "Tokenization" },
                   { "id": "D", "text": "Median imputation" },
                   { "id": "E", "text": "Stemming" } ],
      "answer": ["B", "D"],
      "explanation": "M1-EXPLANATION: mean and median imputation fill in numbers." },
    { "id": "o1", "domain": 1, "task": "1.2", "type": "ordering",
      "stem": "Put the steps of a batch ingestion in order.",
      "items": [ { "id": "A", "text": "Land raw files in S3" },
                 { "id": "B", "text": "Query with Athena" },
                 { "id": "C", "text": "Create the bucket" },
                 { "id": "D", "text": "Run a Glue crawler" } ],
      "answer": ["C", "A", "D", "B"],
      "explanation": "O1-EXPLANATION: the bucket first, then data, crawl, query." },
    { "id": "x1", "domain": 2, "task": "2.1", "type": "matching",
      "stem": "Match each problem to the built-in algorithm that fits it.",
      "prompts": [ { "id": "1", "text": "Forecast demand" },
                   { "id": "2", "text": "Classify tabular rows" },
                   { "id": "3", "text": "Detect anomalies" } ],
      "options": [ { "id": "A", "text": "Random Cut Forest" },
                   { "id": "B", "text": "XGBoost" },
                   { "id": "C", "text": "DeepAR" },
                   { "id": "D", "text": "BlazingText" } ],
      "answer": { "1": "C", "2": "B", "3": "A" },
      "explanation": "X1-EXPLANATION: DeepAR forecasts, XGBoost classifies, RCF finds anomalies." } ],
  "case_studies": [
    { "id": "cs1", "domain": 2, "title": "Churn model",
      "scenario": "SCENARIO-START A telecom company in Zürich trains a churn classifier on 2 million rows (café loyalty data, naïve labels). 機械学習モデルの学習データは毎晩更新されます。 The data arrives nightly from twelve regional systems. Each system exports a CSV file with customer tenure, plan, monthly charges, support calls and a churn label. The labels are imbalanced: about 4 percent of customers churn each quarter. The team wants a first model quickly, then a managed pipeline that retrains every week and reports drift. Security requires that training runs in private subnets with no internet access, that data at rest is encrypted with a customer managed key, and that every model version is approved before it reaches production. The team has two ML engineers and no dedicated operations staff, so managed services are preferred over self-managed clusters.\n\nRegional system 01 exports its CSV file at 01:00 UTC with about 107 thousand rows.\nRegional system 02 exports its CSV file at 02:00 UTC with about 114 thousand rows.\nRegional system 03 exports its CSV file at 03:00 UTC with about 121 thousand rows.\nRegional system 04 exports its CSV file at 04:00 UTC with about 128 thousand rows.\nRegional system 05 exports its CSV file at 05:00 UTC with about 135 thousand rows.\nRegional system 06 exports its CSV file at 06:00 UTC with about 142 thousand rows.\nRegional system 07 exports its CSV file at 07:00 UTC with about 149 thousand rows.\nRegional system 08 exports its CSV file at 08:00 UTC with about 156 thousand rows.\nRegional system 09 exports its CSV file at 09:00 UTC with about 163 thousand rows.\nRegional system 10 exports its CSV file at 10:00 UTC with about 170 thousand rows.\nRegional system 11 exports its CSV file at 11:00 UTC with about 177 thousand rows.\nRegional system 12 exports its CSV file at 12:00 UTC with about 184 thousand rows.\nRegional system 13 exports its CSV file at 13:00 UTC with about 191 thousand rows.\nRegional system 14 exports its CSV file at 14:00 UTC with about 198 thousand rows.\nRegional system 15 exports its CSV file at 15:00 UTC with about 205 thousand rows.\nRegional system 16 exports its CSV file at 16:00 UTC with about 212 thousand rows.\nSCENARIO-END",
      "questions": [
        { "id": "cs1-q1", "task": "2.2", "type": "single",
          "stem": "Which algorithm should the team start with?",
          "options": [ { "id": "A", "text": "XGBoost" }, { "id": "B", "text": "K-means" } ],
          "answer": ["A"],
          "explanation": "CS1-Q1-EXPLANATION: churn is supervised binary classification." },
        { "id": "cs1-q2", "task": "2.2", "type": "single",
          "stem": "Which metric suits the imbalanced classes?",
          "options": [ { "id": "A", "text": "Accuracy" }, { "id": "B", "text": "F1 score" } ],
          "answer": ["B"],
          "explanation": "CS1-Q2-EXPLANATION: F1 accounts for the minority class." } ] } ] }
EOF
}

# Correct answers by choice index (ordering: in order; matching: per prompt).
declare -A KEY=([s1]="1" [m1]="1 3" [o1]="2 0 3 1" [x1]="2 1 0" [cs1-q1]="0" [cs1-q2]="1")
declare -A TYPE=([s1]=single [m1]=multiple [o1]=ordering [x1]=matching [cs1-q1]=single [cs1-q2]=single)

# letter_for PERM C: the key letter (a, b, ...) of choice index C shown in PERM ("2 0 1").
letter_for() {
	local -a perm=($1)
	local j
	for j in "${!perm[@]}"; do
		if [ "${perm[$j]}" = "$2" ]; then
			printf "\\x$(printf %x $((97 + j)))"
			return
		fi
	done
}

# answer_keys NAME ATTEMPT N [wrong]: send the keys that answer item N (0-based) of
# the attempt file correctly (or, for a single item, wrongly) on session NAME.
answer_item() {
	local name=$1 att=$2 n=$3 wrong=${4:-}
	local id perm pperm c k
	id=$(jq -r ".items[$n].id" "$att")
	perm=$(jq -r ".items[$n].perm | join(\" \")" "$att")
	pperm=$(jq -r ".items[$n].pperm | join(\" \")" "$att")
	local -a key=(${KEY[$id]})
	case ${TYPE[$id]} in
	single)
		c=${key[0]}
		[ -n "$wrong" ] && c=$(((c + 1) % $(wc -w <<< "$perm")))
		lit "$name" "$(letter_for "$perm" "$c")" ;;
	multiple)
		for c in "${key[@]}"; do lit "$name" "$(letter_for "$perm" "$c")"; done ;;
	ordering)
		# Bring each item of the key to its place with '[' (selection by bubbling up).
		local -a cur=($perm)
		local p t
		for k in "${!key[@]}"; do
			for p in "${!cur[@]}"; do [ "${cur[$p]}" = "${key[$k]}" ] && break; done
			lit "$name" "$(letter_for "$perm" "${key[$k]}")"
			while [ "$p" -gt "$k" ]; do
				lit "$name" "["
				t=${cur[$p]}; cur[$p]=${cur[$((p - 1))]}; cur[$((p - 1))]=$t
				p=$((p - 1))
			done
		done
		# Space picks the last item up and puts it down: the order is recorded
		# as it stands (Enter would go on to the next question).
		keys "$name" Space Space ;;
	matching)
		# Prompts are shown in pperm order; a letter matches the prompt under the cursor.
		for k in $pperm; do lit "$name" "$(letter_for "$perm" "${key[$k]}")"; done ;;
	esac
}
