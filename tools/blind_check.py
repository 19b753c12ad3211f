#!/usr/bin/env python3
"""Blind check of bank questions: answer sheets without keys, then agreement.

Usage:
  blind_check.py sheet BANKDIR --out DIR [--since REV] [--ids FILE] [--parts N]
      Writes DIR/sheet-K.json (K = 1..N): the selected questions with their
      scenario, stem and choices only (no key, no explanation, no tags), for
      a checker who answers from the text alone. --since REV selects the
      questions whose id is new or whose text changed since git revision REV;
      --ids FILE the ids listed in FILE (one per line); default: all.
  blind_check.py compare BANKDIR ANSWERS.json...
      Compares checkers' answers with the keys. An answers file maps each id
      to {"answer": ["B"] | ["C","A","B"] | {"1":"A",...}, "rating":
      "ok"|"ambiguous"|"wrong-fact"|"too-easy", "note": "..."}. Prints the
      agreement, the too-easy rate and every disagreement or non-ok rating.
      Exit 0 when every key agrees, 1 otherwise.
"""
import json, os, subprocess, sys


def load(bankdir, rev=None):
    """id -> (question, case study or None), from the working tree or git REV."""
    out = {}
    if rev is None:
        names = sorted(n for n in os.listdir(bankdir) if n.endswith(".json") and n != "exam.json")
        texts = [open(os.path.join(bankdir, n), encoding="utf-8").read() for n in names]
    else:
        ls = subprocess.run(["git", "ls-tree", "--name-only", rev, bankdir + "/"],
                            capture_output=True, text=True, check=True).stdout.split()
        texts = [subprocess.run(["git", "show", f"{rev}:{p}"], capture_output=True,
                                text=True, check=True).stdout
                 for p in ls if p.endswith(".json") and not p.endswith("exam.json")]
    for t in texts:
        d = json.loads(t)
        for q in d.get("questions", []):
            out[q["id"]] = (q, None)
        for cs in d.get("case_studies", []):
            for q in cs.get("questions", []):
                out[q["id"]] = (q, cs)
    return out


def visible(q, cs):
    v = {"id": q["id"], "type": q["type"]}
    if cs:
        v["scenario"] = cs.get("scenario", "")
    v["stem"] = q["stem"]
    for k in ("options", "items", "prompts"):
        if k in q:
            v[k] = [{"id": c["id"], "text": c["text"]} for c in q[k]]
    if q["type"] == "ordering":
        v["how_to_answer"] = "answer: the item ids in the correct order"
    elif q["type"] == "matching":
        v["how_to_answer"] = "answer: an object mapping every prompt id to one option id"
    else:
        v["how_to_answer"] = "answer: the list of option ids you choose"
    return v


def sheet(argv):
    bankdir, out, since, ids_file, parts = argv[0], None, None, None, 1
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--out": out = argv[i + 1]
        elif a == "--since": since = argv[i + 1]
        elif a == "--ids": ids_file = argv[i + 1]
        elif a == "--parts": parts = int(argv[i + 1])
        else: sys.exit(f"blind_check: unknown argument {a}")
        i += 2
    if not out:
        sys.exit("blind_check: sheet needs --out DIR")
    now = load(bankdir)
    sel = list(now)
    if since:
        old = load(bankdir, since)
        sel = [k for k in now if k not in old or visible(*now[k]) != visible(*old[k])]
    if ids_file:
        want = {l.strip() for l in open(ids_file) if l.strip()}
        sel = [k for k in sel if k in want]
    os.makedirs(out, exist_ok=True)
    # Contiguous parts in bank order, so a case study's questions mostly stay together.
    size = -(-len(sel) // parts) if sel else 0
    chunks = [sel[k * size:(k + 1) * size] for k in range(parts)]
    for k, ch in enumerate(chunks, 1):
        with open(os.path.join(out, f"sheet-{k}.json"), "w", encoding="utf-8") as f:
            json.dump([visible(*now[q]) for q in ch], f, indent=1, ensure_ascii=False)
        print(f"{out}/sheet-{k}.json: {len(ch)} questions")


def norm(q, a):
    if q["type"] == "matching":
        return {str(k): v for k, v in (a or {}).items()}
    if q["type"] == "ordering":
        return list(a or [])
    return sorted(a or [])


def compare(argv):
    now = load(argv[0])
    answers = {}
    for p in argv[1:]:
        answers.update(json.load(open(p, encoding="utf-8")))
    agree = easy = 0
    lines = []
    for qid, a in sorted(answers.items()):
        if qid not in now:
            lines.append(f"{qid}: not in the bank")
            continue
        q, _ = now[qid]
        ok = norm(q, a.get("answer")) == norm(q, q["answer"])
        agree += ok
        r = a.get("rating", "ok")
        easy += r == "too-easy"
        if not ok or r != "ok":
            lines.append(f"{qid}: {'AGREES' if ok else 'DISAGREES'} (checker {a.get('answer')}, "
                         f"key {q['answer']}), rating {r}: {a.get('note', '')}")
    n = len(answers)
    print("\n".join(lines))
    print(f"{agree}/{n} keys agree ({agree / n:.1%}); rated too easy: {easy}/{n} ({easy / n:.1%})"
          if n else "no answers")
    return 0 if n and agree == n else 1


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("sheet", "compare"):
        sys.exit(__doc__)
    sys.exit(sheet(sys.argv[2:]) if sys.argv[1] == "sheet" else compare(sys.argv[2:]))
