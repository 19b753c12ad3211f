#!/usr/bin/env python3
"""Content policy checks for the bundled bank, beyond what `certsim bank lint` enforces.

Usage: bank_quality.py [--coverage-doc FILE] [--partial] BANKDIR|FILE...
Checks: explanation >= 40 words, single = 4 options, "(Choose N.)" matches the key,
ordering items have 3-5 steps and matching items 3-7 prompts (as AWS documents
those formats), "(Each option is used at most once.)" only where the key uses
no option twice, tags come from tools/coverage-topics.txt, longest-option-is-key
ratio <= 40 %, and (without --partial) the size, type and coverage goals of the
bank issue (650 questions, 182/169/143/156 per domain, 40 per task, 15 %
multiple response, 25 ordering, 25 matching, 12 case studies).
Exit 0 when every check passes, 1 otherwise.
"""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


# The bank's tasks are the study guide's (../shared/seeds); AWS's official
# exam guide numbers its task statements differently.
OFFICIAL_MAP = """## Study-guide tasks and the official exam guide

The bank's task ids follow the study guide that certsim was built from, not
the task statements of AWS's official MLA-C01 exam guide. The domains are the
same; the tasks inside them are cut differently (for example the study
guide's 4.3 is cost optimisation, the official 4.3 is security). A learner
following the official guide finds its task statements here:

| study-guide task (certsim `--task`) | official exam-guide task statements it covers |
|---|---|
| 1.1 Data Ingestion and Storage | 1.1 Ingest and store data |
| 1.2 Data Transformation and Feature Engineering | 1.2 Transform data and perform feature engineering |
| 1.3 Data Validation and Quality | 1.3 Ensure data integrity and prepare data for modeling |
| 2.1 Algorithm Selection and Model Training | 2.1 Choose a modeling approach; 2.2 Train and refine models (training) |
| 2.2 Hyperparameter Tuning | 2.2 Train and refine models (tuning, regularisation) |
| 2.3 Model Evaluation and Validation | 2.3 Analyze model performance |
| 3.1 Model Deployment Strategies | 3.1 Select deployment infrastructure based on existing architecture and requirements; 3.2 Create and script infrastructure (endpoint auto scaling) |
| 3.2 ML Pipeline Orchestration | 3.3 Use automated orchestration tools to set up CI/CD pipelines; 3.2 Create and script infrastructure (IaC, containers) |
| 3.3 Model Versioning and Management | 2.2 Train and refine models (model versions, Model Registry); 3.3 CI/CD pipelines (deployment strategies) |
| 4.1 Model Monitoring and Performance | 4.1 Monitor model inference |
| 4.2 Security and Compliance | 4.3 Secure AWS resources |
| 4.3 Cost Optimization | 4.2 Monitor and optimize infrastructure and costs |

Reverse lookup, official task statement to certsim quiz:

| official task statement | certsim quiz |
|---|---|
| 1.1 Ingest and store data | `certsim quiz --task 1.1` |
| 1.2 Transform data and perform feature engineering | `certsim quiz --task 1.2` |
| 1.3 Ensure data integrity and prepare data for modeling | `certsim quiz --task 1.3` |
| 2.1 Choose a modeling approach | `certsim quiz --task 2.1` |
| 2.2 Train and refine models | `certsim quiz --task 2.1`, `--task 2.2`, and the Model Registry items of `--task 3.3` |
| 2.3 Analyze model performance | `certsim quiz --task 2.3` |
| 3.1 Select deployment infrastructure | `certsim quiz --task 3.1` |
| 3.2 Create and script infrastructure | `certsim quiz --task 3.1` (auto scaling) and `--task 3.2` (IaC, containers) |
| 3.3 Set up CI/CD pipelines | `certsim quiz --task 3.2` and `--task 3.3` |
| 4.1 Monitor model inference | `certsim quiz --task 4.1` |
| 4.2 Monitor and optimize infrastructure and costs | `certsim quiz --task 4.3` (costs), and the CloudWatch and CloudTrail items of `--task 4.1` and `--task 4.2` |
| 4.3 Secure AWS resources | `certsim quiz --task 4.2` |

"""


def topics():
    out = collections.OrderedDict()
    with open(os.path.join(HERE, "coverage-topics.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                tag, name = line.split("|", 1)
                out[tag] = name
    return out


def files_of(args):
    out = []
    for a in args:
        if os.path.isdir(a):
            out += [os.path.join(a, n) for n in sorted(os.listdir(a))
                    if n.endswith(".json") and n != "exam.json"]
        else:
            out.append(a)
    return out


def main(argv):
    doc = None
    partial = False
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--coverage-doc":
            doc = argv[i + 1]; i += 2; continue
        if argv[i] == "--partial":
            partial = True; i += 1; continue
        args.append(argv[i]); i += 1
    vocab = topics()
    problems = []
    items = []
    case_studies = []
    for path in files_of(args):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for q in data.get("questions", []):
            items.append((path, q, q.get("domain"), None))
        for cs in data.get("case_studies", []):
            case_studies.append((path, cs))
            n = len(cs.get("questions", []))
            if not 3 <= n <= 5:
                problems.append(f"{path}: case study {cs.get('id')}: {n} questions, want 3-5")
            if len(cs.get("scenario", "").split()) < 60:
                problems.append(f"{path}: case study {cs.get('id')}: scenario under 60 words")
            for q in cs.get("questions", []):
                items.append((path, q, cs.get("domain"), cs.get("id")))
    ids = collections.Counter(q.get("id") for _, q, _, _ in items)
    for i_, n in ids.items():
        if n > 1:
            problems.append(f"duplicate id {i_} ({n} times)")
    by_domain = collections.Counter()
    by_task = collections.Counter()
    by_type = collections.Counter()
    tag_ids = collections.defaultdict(list)
    single = longest_key = 0
    for path, q, dom, cs in items:
        qid = q.get("id")
        where = f"{path}: question {qid}"
        t = q.get("type")
        by_domain[dom] += 1
        by_task[q.get("task")] += 1
        by_type[t] += 1
        words = len(q.get("explanation", "").split())
        if words < 40:
            problems.append(f"{where}: explanation has {words} words, want >= 40")
        if not q.get("references"):
            problems.append(f"{where}: no references")
        for tag in q.get("tags", []):
            if tag not in vocab:
                problems.append(f"{where}: tag '{tag}' is not in tools/coverage-topics.txt")
            tag_ids[tag].append(qid)
        if not q.get("tags"):
            problems.append(f"{where}: no tags")
        stem = q.get("stem", "")
        if t == "single":
            opts = q.get("options", [])
            if len(opts) != 4:
                problems.append(f"{where}: single with {len(opts)} options, want 4")
            single += 1
            lens = {o["id"]: len(o.get("text", "")) for o in opts}
            if lens:
                mx = max(lens.values())
                key = q.get("answer", [None])[0]
                if lens.get(key) == mx:
                    longest_key += 1
        elif t == "multiple":
            n = len(q.get("answer", []))
            want = f"(Choose {WORDS.get(n, n)}.)"
            if want not in stem:
                problems.append(f"{where}: multiple with {n} keys must say '{want}' in the stem")
        elif t == "ordering":
            n = len(q.get("items", []))
            if not 3 <= n <= 5:
                problems.append(f"{where}: ordering with {n} steps, want 3-5")
        elif t == "matching":
            n = len(q.get("prompts", []))
            if not 3 <= n <= 7:
                problems.append(f"{where}: matching with {n} prompts, want 3-7")
            used = list(q.get("answer", {}).values())
            if "at most once" in stem and len(used) != len(set(used)):
                problems.append(f"{where}: says each option is used at most once, "
                                "but the key reuses one")
        else:
            problems.append(f"{where}: unknown type {t}")
    total = len(items)
    ratio = longest_key / single if single else 0.0
    print(f"questions: {total}  case studies: {len(case_studies)}")
    print("by domain: " + ", ".join(f"{d}={by_domain[d]}" for d in sorted(by_domain, key=str)))
    print("by task:   " + ", ".join(f"{t}={by_task[t]}" for t in sorted(by_task, key=str)))
    print("by type:   " + ", ".join(f"{t}={n}" for t, n in sorted(by_type.items())))
    print(f"single items whose key is the longest option: {longest_key}/{single} = {ratio:.0%}")
    if single and ratio > 0.40:
        problems.append(f"key is the longest option in {ratio:.0%} of single items, want <= 40%")
    if not partial:
        goals = {1: 182, 2: 169, 3: 143, 4: 156}
        if total < 650:
            problems.append(f"{total} questions, want >= 650")
        for d, need in goals.items():
            if by_domain[d] < need:
                problems.append(f"domain {d}: {by_domain[d]} questions, want >= {need}")
        for t in ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "4.1", "4.2", "4.3"]:
            if by_task[t] < 40:
                problems.append(f"task {t}: {by_task[t]} questions, want >= 40")
        if by_type["multiple"] < 0.15 * total:
            problems.append(f"multiple-response {by_type['multiple']} < 15% of {total}")
        for t in ("ordering", "matching"):
            if by_type[t] < 25:
                problems.append(f"{t}: {by_type[t]}, want >= 25")
        if len(case_studies) < 12:
            problems.append(f"{len(case_studies)} case studies, want >= 12")
        for tag in vocab:
            if not tag_ids.get(tag):
                problems.append(f"topic '{tag}' ({vocab[tag]}) is covered by no question")
    if doc:
        with open(doc + ".tmp", "w", encoding="utf-8") as f:
            f.write("# Bank coverage\n\n")
            f.write("Generated by `tools/bank_quality.py --coverage-doc docs/bank-coverage.md "
                    "question_banks/mla-c01` from the questions' `tags`; do not edit by hand.\n\n")
            f.write(f"{total} questions, {len(case_studies)} case studies. "
                    "Counts per domain, task and type: `certsim bank stats`.\n\n")
            f.write(OFFICIAL_MAP)
            f.write("## Topics\n\n| topic | tag | questions |\n|---|---|---|\n")
            for tag, name in vocab.items():
                qs = sorted(tag_ids.get(tag, []))
                f.write(f"| {name} | `{tag}` | {len(qs)}: {', '.join(qs) if qs else '**none**'} |\n")
        os.replace(doc + ".tmp", doc)
    for p in problems:
        print("problem: " + p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
