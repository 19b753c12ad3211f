#!/usr/bin/env bash
# Generate a large synthetic bank that lints clean: gen_bank.sh DIR [QUESTIONS] [FILES] [SEED]
#
# Deterministic for given arguments (its own Park-Miller generator in awk,
# so mawk and gawk agree). Default: 20000 questions in 8 files, about 21 MB,
# on the MLA-C01 blueprint (4 domains 28/26/22/24, 3 tasks each). Each file
# holds single, multiple, ordering and matching questions and case studies
# of 3 questions. Needs only bash and awk.
set -eu

if [ $# -lt 1 ]; then
	echo "usage: gen_bank.sh DIR [QUESTIONS] [FILES] [SEED]" >&2
	exit 2
fi
dir=$1
total=${2:-20000}
files=${3:-8}
seed=${4:-12345}
mkdir -p "$dir"

cat >"$dir/exam.json" <<'EOF'
{
  "format": "certsim-exam/1",
  "code": "BENCH-01",
  "title": "Synthetic benchmark exam",
  "questions": 65,
  "duration_minutes": 130,
  "scoring": { "min": 100, "max": 1000, "pass": 720, "cut": 0.72 },
  "domains": [
    { "id": 1, "name": "Data Preparation for Machine Learning", "weight": 28,
      "tasks": [ { "id": "1.1", "name": "Data Ingestion and Storage" },
                 { "id": "1.2", "name": "Data Transformation and Feature Engineering" },
                 { "id": "1.3", "name": "Data Validation and Quality" } ] },
    { "id": 2, "name": "ML Model Development", "weight": 26,
      "tasks": [ { "id": "2.1", "name": "Algorithm Selection and Model Training" },
                 { "id": "2.2", "name": "Hyperparameter Tuning" },
                 { "id": "2.3", "name": "Model Evaluation and Validation" } ] },
    { "id": 3, "name": "Deployment and Orchestration of ML Workflows", "weight": 22,
      "tasks": [ { "id": "3.1", "name": "Model Deployment Strategies" },
                 { "id": "3.2", "name": "ML Pipeline Orchestration" },
                 { "id": "3.3", "name": "Model Versioning and Management" } ] },
    { "id": 4, "name": "ML Solution Monitoring, Maintenance, and Security", "weight": 24,
      "tasks": [ { "id": "4.1", "name": "Model Monitoring and Performance" },
                 { "id": "4.2", "name": "Security and Compliance" },
                 { "id": "4.3", "name": "Cost Optimization" } ] }
  ]
}
EOF

awk -v dir="$dir" -v total="$total" -v nfiles="$files" -v seed="$seed" '
function rnd(n) {            # 0..n-1; products stay below 2^53
	x = (x * 16807) % 2147483647
	return int(x / 2147483647 * n)
}
function words(lo, hi,    n, s, i) {
	n = lo + rnd(hi - lo + 1)
	s = W[1 + rnd(NW)]
	s = toupper(substr(s, 1, 1)) substr(s, 2)
	for (i = 1; i < n; i++)
		s = s " " W[1 + rnd(NW)]
	return s
}
function domain(    r) {     # by the blueprint weights 28/26/22/24
	r = rnd(100)
	return r < 28 ? 1 : r < 54 ? 2 : r < 76 ? 3 : 4
}
function shuffle(n,    i, j, t) {
	for (i = 1; i <= n; i++)
		P[i] = i
	for (i = n; i > 1; i--) {
		j = 1 + rnd(i)
		t = P[i]; P[i] = P[j]; P[j] = t
	}
}
function choices(key, n, first,    s, i) {
	s = "\"" key "\": ["
	for (i = 1; i <= n; i++)
		s = s (i > 1 ? ",\n                 " : " ") "{ \"id\": \"" substr(first, i, 1) "\", \"text\": \"" words(4, 8) ".\" }"
	return s " ]"
}
# One question object; dom is 0 inside a case study (the domain is inherited).
function question(id, dom, task, ind,    t, s, n, m, i, ans) {
	t = rnd(10)
	s = ind "{ \"id\": \"" id "\", "
	if (dom)
		s = s "\"domain\": " dom ", "
	s = s "\"task\": \"" task "\", "
	if (t < 6) {
		n = 4 + rnd(2)
		s = s "\"type\": \"single\",\n" ind "  \"stem\": \"" words(17, 31) "?\",\n"
		s = s ind "  " choices("options", n, "ABCDEFGHIJ") ",\n"
		s = s ind "  \"answer\": [\"" substr("ABCDE", 1 + rnd(n), 1) "\"],\n"
	} else if (t < 8) {
		n = 5
		shuffle(n)
		s = s "\"type\": \"multiple\",\n" ind "  \"stem\": \"" words(17, 31) "? (Choose two.)\",\n"
		s = s ind "  " choices("options", n, "ABCDEFGHIJ") ",\n"
		s = s ind "  \"answer\": [\"" substr("ABCDE", P[1], 1) "\", \"" substr("ABCDE", P[2], 1) "\"],\n"
	} else if (t < 9) {
		n = 4 + rnd(2)
		shuffle(n)
		s = s "\"type\": \"ordering\",\n" ind "  \"stem\": \"" words(18, 30) ". Put the steps in order.\",\n"
		s = s ind "  " choices("items", n, "ABCDEFG") ",\n"
		ans = ""
		for (i = 1; i <= n; i++)
			ans = ans (i > 1 ? ", " : "") "\"" substr("ABCDEFG", P[i], 1) "\""
		s = s ind "  \"answer\": [" ans "],\n"
	} else {
		m = 3 + rnd(2)
		n = 4
		s = s "\"type\": \"matching\",\n" ind "  \"stem\": \"" words(18, 30) ". Match each item.\",\n"
		s = s ind "  " choices("prompts", m, "1234567") ",\n"
		s = s ind "  " choices("options", n, "ABCDEFGHIJ") ",\n"
		ans = ""
		for (i = 1; i <= m; i++)
			ans = ans (i > 1 ? ", " : "") "\"" i "\": \"" substr("ABCD", 1 + rnd(n), 1) "\""
		s = s ind "  \"answer\": { " ans " },\n"
	}
	s = s ind "  \"explanation\": \"" words(12, 26) ".\",\n"
	s = s ind "  \"references\": [\"" words(5, 9) "\"],\n"
	s = s ind "  \"tags\": [\"" W[1 + rnd(NW)] "\", \"" W[1 + rnd(NW)] "\"] }"
	return s
}
BEGIN {
	x = seed % 2147483646 + 1
	NW = split("model data training inference endpoint feature store pipeline " \
	    "bucket stream batch latency throughput accuracy precision recall drift " \
	    "bias monitor metric dataset label schema partition cluster instance " \
	    "container registry version artifact experiment tuning hyperparameter " \
	    "gradient boosting regression classification forecast anomaly embedding " \
	    "token prompt notebook studio processing job transform encoder scaler " \
	    "imputation outlier sampling validation split holdout baseline shadow " \
	    "canary rollback autoscaling serverless provisioned concurrency quota " \
	    "encryption key role policy network subnet endpoint VPC audit lineage " \
	    "catalog crawler warehouse lake query cost budget spot savings GPU CPU " \
	    "memory storage archive retention governance compliance privacy team " \
	    "company solution requirement overhead operational minimal managed " \
	    "service engineer scientist analyst customer retail fraud churn sensor " \
	    "image text audio video real-time nightly weekly hourly", W, " ")
	per = int(total / nfiles)
	qn = 0
	for (f = 1; f <= nfiles; f++) {
		file = sprintf("%s/bank-%02d.json", dir, f)
		want = f < nfiles ? per : total - per * (nfiles - 1)
		ncs = int(want / 50)          # case studies of 3 questions: 6% of the file
		nq = want - 3 * ncs
		print "{\n  \"format\": \"certsim-bank/1\",\n  \"questions\": [" > file
		for (i = 1; i <= nq; i++) {
			d = domain()
			qn++
			print question(sprintf("f%02d-q%05d", f, i), d, d "." (1 + rnd(3)), "    ") (i < nq ? "," : "") > file
		}
		print "  ],\n  \"case_studies\": [" > file
		for (c = 1; c <= ncs; c++) {
			d = domain()
			printf "    { \"id\": \"f%02d-cs%03d\", \"domain\": %d, \"title\": \"%s\",\n", f, c, d, words(3, 6) > file
			printf "      \"scenario\": \"%s.\",\n      \"questions\": [\n", words(50, 90) > file
			for (k = 1; k <= 3; k++) {
				qn++
				print question(sprintf("f%02d-cs%03d-q%d", f, c, k), 0, d "." (1 + rnd(3)), "        ") (k < 3 ? "," : "") > file
			}
			print "      ] }" (c < ncs ? "," : "") > file
		}
		print "  ]\n}" > file
		close(file)
	}
}'
