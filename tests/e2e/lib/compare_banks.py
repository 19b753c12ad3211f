#!/usr/bin/env python3
"""Compare a bank with its export-then-import copy: same stems, choices and keys.

Usage: compare_banks.py ORIGINAL_BANK_DIR IMPORTED_BANK_DIR [--skip-ordering]
A case study's scenario is expected before the stem (a blank line between).
Choices and keys are compared as texts: matching options in the order of
first use may come back in another order, with other ids. Prints one line per
difference and exits 1 if there is any.
"""
import glob
import json
import os
import sys


def load(bank):
    out = {}
    for path in sorted(glob.glob(os.path.join(bank, "*.json"))):
        if os.path.basename(path) == "exam.json":
            continue
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
        for q in data.get("questions", []):
            out[q["id"]] = (q, None)
        for cs in data.get("case_studies", []):
            for q in cs["questions"]:
                out[q["id"]] = (q, cs)
    return out


def view(q, cs):
    """What must survive the round trip, in texts."""
    stem = q["stem"] if cs is None else cs["scenario"] + "\n\n" + q["stem"]
    t = q["type"]
    if t == "matching":
        opts = {o["id"]: o["text"] for o in q["options"]}
        prompts = {p["id"]: p["text"] for p in q["prompts"]}
        choices = sorted(opts.values())
        key = sorted((prompts[p], opts[o]) for p, o in q["answer"].items())
        prompt_list = [p["text"] for p in sorted(q["prompts"], key=lambda p: p["id"])]
        return (t, stem, choices, key, prompt_list, q.get("explanation"), q["task"])
    lst = q["items"] if t == "ordering" else q["options"]
    texts = {o["id"]: o["text"] for o in lst}
    choices = [o["text"] for o in sorted(lst, key=lambda o: o["id"])]
    key = [texts[a] for a in q["answer"]]
    if t == "ordering":
        # Ordering items are exported in the key's order: their ids change.
        choices.sort()
    else:
        key.sort()
    return (t, stem, choices, key, None, q.get("explanation"), q["task"])


def main():
    orig, back = load(sys.argv[1]), load(sys.argv[2])
    skip_ordering = "--skip-ordering" in sys.argv
    bad = 0
    compared = 0
    for qid, (q, cs) in orig.items():
        if skip_ordering and q["type"] == "ordering":
            if qid in back:
                print(f"{qid}: an ordering question came back from GIFT")
                bad += 1
            continue
        if qid not in back:
            print(f"{qid}: missing after the round trip")
            bad += 1
            continue
        a, b = view(q, cs), view(*back[qid])
        names = ("type", "stem", "choices", "key", "prompts", "explanation", "task")
        for name, x, y in zip(names, a, b):
            if x != y:
                print(f"{qid}: {name} differs:\n  was: {x!r}\n  now: {y!r}")
                bad += 1
        compared += 1
    extra = set(back) - set(orig)
    for qid in sorted(extra):
        print(f"{qid}: not in the original bank")
        bad += 1
    print(f"{compared} questions compared, {bad} differences")
    sys.exit(1 if bad or compared == 0 else 0)


if __name__ == "__main__":
    main()
