"""The coordinator's tracker: which responsible units' files are in the county assessment, and what the
units still missing hold.

calc.merge records every file it combined under `meta.merged_files` ({source, unit, exported}); a county
assessment that was typed in, not merged, has none, so every unit is listed as missing. A unit's own
indicators are those the document names it for; indicators it shares only as one of "各成员单位" (the
joint conference's member units) are counted, not listed, so a missing unit's row says what only it can
bring. Points are the indicators' full points: a shared indicator counts for each unit that holds it.
"""

from __future__ import annotations

from typing import Any

from calc.ruleset import Ruleset


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def merged_files(raw: Any) -> list[dict[str, Any]]:
    """meta.merged_files as calc.merge wrote it; entries that are not of that form are skipped (meta is the
    user's free space: a hand-edited file must not break the tracker)."""
    meta = raw.get("meta") if isinstance(raw, dict) else None
    files = meta.get("merged_files") if isinstance(meta, dict) else None
    if not isinstance(files, list):
        return []
    out = []
    for entry in files:
        if isinstance(entry, dict) and _text_or_none(entry.get("source")):
            out.append(
                {
                    "source": entry["source"],
                    "unit": _text_or_none(entry.get("unit")),
                    "exported": _text_or_none(entry.get("exported")),
                }
            )
    return out


def expected_units(ruleset: Ruleset) -> list[str]:
    """Units that answer for at least one indicator, in the document's order; a group ("各成员单位")
    is represented by its members, not listed itself."""
    return [
        unit
        for unit, definition in ruleset.units.items()
        if not definition.get("members") and ruleset.indicators_for_unit(unit)
    ]


def own_indicators(unit: str, ruleset: Ruleset) -> list[int]:
    return [number for number, indicator in ruleset.indicators.items() if unit in indicator["responsible"]]


def tracker(raw: Any, report: dict[str, Any], ruleset: Ruleset) -> dict[str, Any]:
    """For a county report: every expected unit, whether its file is in (which, exported when) and, for
    each, its own indicators with their points and state (the scope section's: done/partial/open/invalid)."""
    files = merged_files(raw)
    state = {entry["number"]: entry["state"] for entry in report["scope"]["indicators"]}
    by_number = {entry["number"]: entry for entry in report["indicators"]}
    units = []
    for unit in expected_units(ruleset):
        own = own_indicators(unit, ruleset)
        its_files = [{"source": f["source"], "exported": f["exported"]} for f in files if f["unit"] == unit]
        indicators = [
            {"number": n, "max": by_number[n]["max"], "score": by_number[n]["score"], "state": state[n]} for n in own
        ]
        units.append(
            {
                "unit": unit,
                "name": ruleset.units[unit]["name"],
                "received": bool(its_files),
                "files": its_files,
                "indicators": indicators,
                "points": sum(i["max"] for i in indicators),
                "points_without_data": sum(i["max"] for i in indicators if i["state"] in ("open", "invalid")),
                "shared": len(ruleset.indicators_for_unit(unit)) - len(own),
            }
        )
    listed = {u["unit"] for u in units}
    received = {u["unit"] for u in units if u["received"]}
    # indicators named for units of which none has sent a file (each indicator once)
    unsent = [
        n
        for n, indicator in ruleset.indicators.items()
        if set(indicator["responsible"]) & listed and not set(indicator["responsible"]) & received
    ]
    points = sum(by_number[n]["max"] for n in unsent)
    return {
        "summary": {
            "zh": f"已收到 {len(received)} / {len(units)} 个责任单位的文件。"
            + (
                f"尚无任何责任单位交来文件的指标 {len(unsent)} 项，共 {points} 分。"
                if unsent
                else "每项指标都已有责任单位交来文件。"
            ),
            "en": f"Files are in from {len(received)} of {len(units)} responsible units. "
            + (
                f"{len(unsent)} indicators, worth {points} points, have no file yet from any unit responsible for them."
                if unsent
                else "Every indicator has a file from a unit responsible for it."
            ),
        },
        "expected": len(units),
        "received": len(received),
        "units": units,
        "unsent": {"indicators": unsent, "points": points},
        # county files, and files of units that hold no indicator: in, but not a responsible unit's
        "other_files": [f for f in files if f["unit"] not in listed],
    }


def when_text(exported: str | None) -> str:
    """ "2026-12-01 08:00 UTC" for an exported time calc recorded ("2026-12-01T08:00:00Z"); other text as
    it is (a hand-edited file), "" for none."""
    if not exported:
        return ""
    if len(exported) >= 16 and exported[10] == "T" and exported.endswith("Z"):
        return exported[:10] + " " + exported[11:16] + " UTC"
    return exported
