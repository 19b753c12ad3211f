#!/usr/bin/env python3
"""Compare certsim's pass forecast with the "three exams at 80%+" rule on simulated learners.

Each simulated learner has a known true skill: the chance of answering an
unseen question right, per domain (the learner's level plus a small
per-domain spread). The learner takes practice exams of fresh questions
(65 items apportioned 18/17/14/16 over MLA-C01's four domains), then one
real exam with the same skill. Two predictions are made from the practice
exams alone:

  forecast  certsim's forecast (docs/scoring.md, "Forecast") says
            "pass probability >= 0.5". Every practice answer is a
            first-time answer. The script computes the forecast's pass
            probability exactly (Beta-binomial per domain, convolved),
            which is what certsim's 10,000 simulated exams estimate
            (tests/unit/test_forecast.c checks the two agree).
  rule      the study guide's rule: the last three practice exams each at
            80% or more raw.

A prediction is right when it matches the real exam's outcome (47 of 65
or more scales to 720+). "best" is what knowing the true skill would
give (predict a pass when the true chance is >= 0.5): real exams are
random too, so no prediction is right every time.

Usage: python3 tools/forecast_vs_rule.py [--learners N] [--exams N]
           [--spread S] [--seed N]
Standard library only. Prints a Markdown table (docs/scoring.md has one).
"""

import argparse
import math
import random

QUESTIONS = 65
WEIGHTS = [28, 26, 22, 24]
SCORE_MIN, SCORE_PASS, SCORE_MAX, CUT = 100, 720, 1000, 0.72
SKILLS = [0.60, 0.65, 0.68, 0.70, 0.72, 0.74, 0.76, 0.78, 0.80, 0.85, 0.90]


def apportion(weights, total):
    """Largest remainder, ties to the earlier weight (draw_apportion)."""
    wsum = sum(weights)
    counts = [total * w // wsum for w in weights]
    rema = [(total * w % wsum, -i) for i, w in enumerate(weights)]
    for _, negi in sorted(rema, reverse=True)[: total - sum(counts)]:
        counts[-negi] += 1
    return counts


COUNTS = apportion(WEIGHTS, QUESTIONS)


def scaled(correct, scored=QUESTIONS):
    """score_scale(): docs/scoring.md's two straight lines, rounded half up."""
    p = correct / scored if scored else 0.0
    if p < CUT:
        s = SCORE_MIN + (SCORE_PASS - SCORE_MIN) * p / CUT
    else:
        s = SCORE_PASS + (SCORE_MAX - SCORE_PASS) * (p - CUT) / (1 - CUT)
    return math.floor(s + 0.5 + 1e-9)


PASS_AT = min(k for k in range(QUESTIONS + 1) if scaled(k) >= SCORE_PASS)


def binom_pmf(n, p):
    return [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]


def convolve(a, b):
    out = [0.0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return out


def pass_chance(pmfs):
    dist = [1.0]
    for pmf in pmfs:
        dist = convolve(dist, pmf)
    return sum(dist[PASS_AT:])


_bb_cache = {}


def beta_binomial(n, right, wrong):
    """P(k right of n) when p ~ Beta(1 + right, 1 + wrong)."""
    key = (n, right, wrong)
    if key not in _bb_cache:
        a, b = 1.0 + right, 1.0 + wrong
        lbeta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
        _bb_cache[key] = [
            math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
                     + math.lgamma(k + a) + math.lgamma(n - k + b)
                     - math.lgamma(n + a + b) - lbeta)
            for k in range(n + 1)]
    return _bb_cache[key]


def forecast_pass(right, wrong):
    return pass_chance(beta_binomial(n, r, w) for n, r, w in zip(COUNTS, right, wrong))


def simulate(level, learners, exams, spread, rng):
    f_right = r_right = best_right = f_says = r_says = real_passes = 0
    f_false_pass = r_false_pass = 0
    true_sum = 0.0
    for _ in range(learners):
        skill = [min(0.99, max(0.01, rng.gauss(level, spread))) for _ in COUNTS]
        true_p = pass_chance(binom_pmf(n, s) for n, s in zip(COUNTS, skill))
        true_sum += true_p
        right = [0] * len(COUNTS)
        wrong = [0] * len(COUNTS)
        percents = []
        for _ in range(exams):
            total = 0
            for d, (n, s) in enumerate(zip(COUNTS, skill)):
                k = sum(rng.random() < s for _ in range(n))
                right[d] += k
                wrong[d] += n - k
                total += k
            percents.append(100.0 * total / QUESTIONS)
        real = sum(sum(rng.random() < s for _ in range(n))
                   for n, s in zip(COUNTS, skill)) >= PASS_AT
        forecast = forecast_pass(right, wrong) >= 0.5
        rule = len(percents) >= 3 and all(p >= 80.0 for p in percents[-3:])
        f_says += forecast
        r_says += rule
        real_passes += real
        f_right += forecast == real
        r_right += rule == real
        best_right += (true_p >= 0.5) == real
        f_false_pass += forecast and not real
        r_false_pass += rule and not real
    return {
        "true": true_sum / learners, "real": real_passes / learners,
        "f_says": f_says / learners, "r_says": r_says / learners,
        "f_right": f_right / learners, "r_right": r_right / learners,
        "best": best_right / learners,
        "f_fp": f_false_pass / learners, "r_fp": r_false_pass / learners,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=1000, help="learners per skill level")
    ap.add_argument("--exams", type=int, default=3, help="practice exams each learner takes")
    ap.add_argument("--spread", type=float, default=0.05,
                    help="sd of a learner's per-domain skill around the level")
    ap.add_argument("--seed", type=int, default=720)
    args = ap.parse_args()
    rng = random.Random(args.seed)

    print(f"{args.learners} learners per level, {args.exams} practice exams each, "
          f"per-domain spread {args.spread}, seed {args.seed}\n")
    print("| skill | chance to pass | passed real exam | forecast says pass | "
          "rule says ready | forecast right | rule right | best possible |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    tot = {}
    for level in SKILLS:
        r = simulate(level, args.learners, args.exams, args.spread, rng)
        for k, v in r.items():
            tot[k] = tot.get(k, 0.0) + v / len(SKILLS)
        print(f"| {level:.2f} | {r['true']:.0%} | {r['real']:.0%} | {r['f_says']:.0%} | "
              f"{r['r_says']:.0%} | **{r['f_right']:.0%}** | **{r['r_right']:.0%}** | "
              f"{r['best']:.0%} |")
    print(f"| all | {tot['true']:.0%} | {tot['real']:.0%} | {tot['f_says']:.0%} | "
          f"{tot['r_says']:.0%} | **{tot['f_right']:.0%}** | **{tot['r_right']:.0%}** | "
          f"{tot['best']:.0%} |")
    print(f"\nOver all levels: the forecast said \"pass\" to {tot['f_fp']:.1%} of learners "
          f"who then failed the real exam, and \"fail\" to "
          f"{1 - tot['f_right'] - tot['f_fp']:.1%} who then passed; the rule said "
          f"\"ready\" to {tot['r_fp']:.1%} who then failed, and \"not ready\" to "
          f"{1 - tot['r_right'] - tot['r_fp']:.1%} who then passed.")


if __name__ == "__main__":
    main()
