"""The worked examples: each indicator's test cases (facts → the points calc must give), shown on its page.

data/worked_examples/NN.yaml sits beside data/indicators/NN.yaml; data/worked_examples/defaults.yaml holds
the years and region the examples assume and describes the format. tests/test_worked_examples.py runs
every example against calc (no site build); the indicator pages (site_macros/indicators.py) show them,
scored again by calc while the site is built, so a page cannot show an example calc no longer agrees with.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tools.datasource import DATA_DIR

EXAMPLES_DIR = DATA_DIR / "worked_examples"
DEFAULTS_NAME = "defaults.yaml"


class ExampleError(ValueError):
    """An example is malformed, invalid as an assessment, or no longer scores what it demonstrates."""


def example_file(number: int, examples_dir: Path = EXAMPLES_DIR) -> Path:
    return examples_dir / f"{number:02d}.yaml"


def load_examples(examples_dir: Path = EXAMPLES_DIR) -> dict[str, Any]:
    """{"years", "region", "indicators": {number: [example, …]}}, checked; cached until a file changes."""
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in examples_dir.glob("*.yaml")))
    return _load(str(examples_dir), stamp)


@lru_cache(maxsize=1)
def _load(examples_dir: str, stamp: tuple) -> dict[str, Any]:
    from calc.rules import facts_used
    from calc.ruleset import default_ruleset

    directory = Path(examples_dir)
    with (directory / DEFAULTS_NAME).open(encoding="utf-8") as handle:
        loaded = yaml.safe_load(handle)
    rules = default_ruleset()
    problems: list[str] = []
    by_number: dict[int, list[dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == DEFAULTS_NAME:
            continue
        if (
            not path.stem.isdigit()
            or int(path.stem) not in rules.indicators
            or path != example_file(int(path.stem), directory)
        ):
            problems.append(f"{path.name}: expected NN.yaml for an indicator 01–{len(rules.indicators):02d}")
            continue
        with path.open(encoding="utf-8") as handle:
            by_number[int(path.stem)] = yaml.safe_load(handle) or []
    seen: set[str] = set()
    for number, indicator in rules.indicators.items():
        examples = by_number.get(number)
        where = example_file(number, directory).name
        if not examples:
            problems.append(f"{where}: indicator {number} has no worked example")
            continue
        usable = {key for key, _ in facts_used(indicator)}
        item_ids = [item["id"] for item in indicator["items"]]
        for ex in examples:
            if ex["id"] in seen:
                problems.append(f"{where}: example id {ex['id']} is used twice")
            seen.add(ex["id"])
            if not ex["id"].startswith(f"{number}-"):
                problems.append(f"{where}: example id {ex['id']} should start with {number}-")
            for lang in ("zh", "en"):
                if not str(ex.get("title", {}).get(lang, "")).strip():
                    problems.append(f"{where}: example {ex['id']} has no {lang} title")
            if not isinstance(ex.get("facts"), dict):
                problems.append(f"{where}: example {ex['id']} has no `facts` mapping")
                continue
            stray = set(ex["facts"]) - usable
            if stray:
                problems.append(
                    f"{where}: example {ex['id']}: facts {sorted(stray)} are not read by indicator {number}"
                )
            expect = ex.get("expect")
            if not (
                isinstance(expect, dict)
                and isinstance(expect.get("score"), int)
                and isinstance(expect.get("items"), dict)
                and list(expect["items"]) == item_ids
            ):
                problems.append(
                    f"{where}: example {ex['id']}: `expect` needs the indicator's score and the points "
                    f"of each sub-item {item_ids}"
                )
    if problems:
        raise ExampleError("data/worked_examples/:\n- " + "\n- ".join(problems))
    return {"years": loaded["years"], "region": loaded["region"], "indicators": by_number}


def example_assessment(example: dict[str, Any], lang: str, defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """The assessment file an example stands for, in the page's language (firm names may be {zh, en})."""
    from calc.template import empty_file

    defaults = defaults or load_examples()
    facts = {}
    for key, value in example["facts"].items():
        if isinstance(value, list):
            value = [
                {**firm, "name": firm["name"][lang] if isinstance(firm["name"], dict) else firm["name"]}
                for firm in value
            ]
        facts[key] = value
    years = example.get("years", defaults["years"])
    return {
        **empty_file((years[0], years[1]), example.get("region", defaults["region"])),
        "facts": facts,
    }


def scored(result: dict[str, Any]) -> dict[str, Any]:
    """An indicator's result in the form of an example's `expect`."""
    return {"score": result["score"], "items": {item["id"]: item["score"] for item in result["items"]}}


def score_example(
    number: int, example: dict[str, Any], lang: str, defaults: dict[str, Any] | None = None
) -> dict[str, Any]:
    """calc.score on the example; the indicator's part of the report. Fails on an invalid example or on
    points other than those the example is meant to demonstrate."""
    import calc

    assessment = example_assessment(example, lang, defaults)
    problems = calc.validate(assessment)
    if problems:
        raise ExampleError(
            f"worked example {example['id']} is not a valid assessment: "
            + "; ".join(p["message"]["en"] for p in problems)
        )
    report = calc.score(assessment)
    result = next(ind for ind in report["indicators"] if ind["number"] == number)
    if scored(result) != example["expect"]:
        raise ExampleError(
            f"worked example {example['id']} scores {scored(result)}, but it is meant to demonstrate "
            f"{example['expect']}: fix {example_file(number).relative_to(DATA_DIR.parent)} or the rule"
        )
    return result
