"""Speed of the scoring core (not a test: it prints figures and asserts nothing about time).

    python -m benchmarks.bench_calc
Scores 10,000 generated assessments and merges 25 unit files, printing the rates.
"""

from __future__ import annotations

import json
import random
import time

from calc import merge, score, template
from calc.ruleset import default_ruleset


def generated(rng: random.Random) -> dict:
    case = template(None, (2024, 2025))
    for key, fact in default_ruleset().facts.items():
        if fact["kind"] == "flag":
            case["facts"][key] = rng.random() < 0.8
        elif fact["kind"] == "ratio" and not fact.get("per_year"):
            case["facts"][key] = {"numerator": rng.randint(0, 100), "denominator": 100}
        elif fact["kind"] == "growth" and not fact.get("default"):
            case["facts"][key] = {
                "2024": {"percent": rng.uniform(-5, 20)},
                "2025": {"current": rng.randint(50, 150), "previous": 100},
            }
        elif fact["kind"] in ("count", "number") and not fact.get("default"):
            case["facts"][key] = rng.randint(0, 60)
    return case


def main() -> None:
    rng = random.Random(20231)
    cases = [generated(rng) for _ in range(10_000)]
    default_ruleset()
    started = time.perf_counter()
    passed = sum(score(case)["passed"] for case in cases)
    elapsed = time.perf_counter() - started
    print(
        f"score: {len(cases)} assessments in {elapsed:.2f} s = {len(cases) / elapsed:,.0f}/s "
        f"({elapsed / len(cases) * 1e3:.2f} ms each); {passed} passed"
    )

    units = [u for u, d in default_ruleset().units.items() if d["kind"] in ("unit", "group")][:25]
    files = []
    for unit in units:
        blank = template(unit, (2024, 2025))
        full = generated(rng)
        blank["facts"] = {k: full["facts"].get(k) for k in blank["facts"]}
        files.append((unit, json.loads(json.dumps(blank))))
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        result = merge(files)
    elapsed = (time.perf_counter() - started) / runs
    print(f"merge: {len(files)} unit files in {elapsed * 1e3:.1f} ms; {len(result['conflicts'])} conflicts")
    size = len(json.dumps(default_ruleset().raw, ensure_ascii=False).encode())
    print(f"ruleset.json: {size:,} bytes")


if __name__ == "__main__":
    main()
