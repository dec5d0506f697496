"""Macros of the responsible-unit pages: the index (docs/<lang>/units/index.md), one page per unit or group
(docs/<lang>/units/<unit id>.md, each a single `{{ unit_page("<unit id>") }}` call) and the unit ×
indicator matrix (docs/<lang>/units/matrix.md). The markup is in templates/units/.

Who is responsible for what comes from data/ (tasks.yaml, indicators/NN.yaml: the units each text names,
resolved through the aliases in units.yaml) and from the scoring core's ruleset for the indicators
(calc.ruleset.indicators_for_unit), so that a unit's page, its blank template and the self-scoring
tool's unit filter agree. A unit is responsible for an item either directly (named in it) or as a member
of a group that is named (e.g. 各成员单位: the member units of the leading group, 附件1).

Stable anchors: unit page #unit-<id>, #aliases, #members, #groups, #tasks, #task-<N>, #indicators,
#ind-<N>, #template; matrix #unit-matrix, #m-<unit id>; index #units, #groups.
"""

from __future__ import annotations

from typing import Any

from calc.ruleset import default_ruleset
from site_macros import downloads
from site_macros.links import by_id, indicator_file, link, page_exists, unit_file, unit_ref
from site_macros.policy import section_heading
from site_macros.templating import render
from site_macros.text import strip_final_stop, text_in
from tools.datasource import load_data

DIRECT, VIA_GROUP = "direct", "group"


def responsibility(data: dict[str, Any], unit_id: str, named: list[str]) -> list[tuple[str, str | None]]:
    """How a unit is responsible for something that names `named`: [(DIRECT, None)] and/or
    [(VIA_GROUP, group id), …]; empty if it is not."""
    members = data["group_members"]
    how: list[tuple[str, str | None]] = [(DIRECT, None)] if unit_id in named else []
    return how + [(VIA_GROUP, group) for group in named if unit_id in members.get(group, [])]


def unit_indicators(data: dict[str, Any], unit_id: str) -> list[tuple[dict[str, Any], list]]:
    """The indicators a unit is responsible for, as the scoring core's ruleset lists them, each with how.
    Fails if the ruleset and the data's group membership disagree."""
    numbers = default_ruleset().indicators_for_unit(unit_id)
    out = []
    for ind in data["indicators"]:
        how = responsibility(data, unit_id, ind["responsible"]["units"])
        if bool(how) != (ind["number"] in numbers):
            raise ValueError(
                f"unit {unit_id}, indicator {ind['number']}: the ruleset and data/ disagree on responsibility"
            )
        if how:
            out.append((ind, how))
    return out


def unit_tasks(data: dict[str, Any], unit_id: str) -> list[tuple[dict[str, Any], list]]:
    return [
        (task, how) for task in data["tasks"] if (how := responsibility(data, unit_id, task["responsible"]["units"]))
    ]


def how_key(how: list[tuple[str, str | None]]) -> str:
    """'direct', or 'group:<group id>' for a unit responsible only through a group (the first one)."""
    if any(kind == DIRECT for kind, _ in how):
        return DIRECT
    return f"{VIA_GROUP}:{next(g for kind, g in how if kind == VIA_GROUP)}"


def grouped(data: dict[str, Any], src: str, lang: str, rows: list[tuple[dict, list]], row: Any) -> list[dict]:
    """Rows split into 'named directly' and one block per group the unit carries them through; a row
    listed as direct that the unit also carries through a group names those groups (`also`)."""
    blocks: dict[str, list[dict]] = {}
    for item, how in rows:
        groups = [g for kind, g in how if kind == VIA_GROUP]
        also = [unit_ref(data, src, lang, g) for g in groups] if how_key(how) == DIRECT else []
        blocks.setdefault(how_key(how), []).append({**row(item), "how": how_key(how), "also": also})
    return [
        {
            "direct": key == DIRECT,
            "rows": blocks[key],
            "group": None if key == DIRECT else unit_ref(data, src, lang, key.split(":", 1)[1]),
        }
        for key in sorted(blocks, key=lambda k: (k != DIRECT, k))
    ]


def unit_page_context(data: dict[str, Any], src: str, lang: str, unit_id: str) -> dict[str, Any]:
    unit = by_id(data["units"], unit_id)
    if unit["kind"] not in downloads.UNIT_KINDS:
        raise KeyError(f"{unit_id!r} is not a unit or group of units.yaml")
    if src != f"{lang}/{unit_file(unit_id)}":
        raise ValueError(f"unit_page({unit_id!r}) belongs in docs/{lang}/{unit_file(unit_id)}, not {src}")
    tasks_page = page_exists(src, "tasks.md")

    def task_row(task: dict[str, Any]) -> dict[str, Any]:
        return {
            "number": task["number"],
            "title": text_in(task["title"], lang, f"task {task['number']} title"),
            "href": link(src, "tasks.md", f"task-{task['number']}") if tasks_page else None,
            "section": section_heading(data, task["section"], lang),
        }

    def indicator_row(ind: dict[str, Any]) -> dict[str, Any]:
        return {
            "number": ind["number"],
            "title": strip_final_stop(text_in(ind["title"], lang)),
            "href": link(src, indicator_file(ind["number"])),
            "points": ind["points"],
        }

    indicators = unit_indicators(data, unit_id)
    tasks = unit_tasks(data, unit_id)
    years = downloads.template_years()
    return {
        "unit": unit,
        "name": unit_ref(data, src, lang, unit_id, heading=True)["text"],
        "names": [unit["name"]["zh"], *unit.get("aliases", [])],
        "members": [unit_ref(data, src, lang, m, heading=True) for m in data["group_members"].get(unit_id, [])],
        "groups": [
            unit_ref(data, src, lang, g, heading=True)
            for g, members in data["group_members"].items()
            if unit_id in members
        ],
        "note": text_in(unit["note"], lang) if unit.get("note") else None,
        "task_count": len(tasks),
        "task_blocks": grouped(data, src, lang, tasks, task_row),
        "indicator_count": len(indicators),
        "indicator_points": sum(ind["points"] for ind, _ in indicators),
        "indicator_blocks": grouped(data, src, lang, indicators, indicator_row),
        "blank_file": {
            "href": link(src, downloads.template_path(unit_id), download=True),
            "years": years,
            "xlsx": link(src, downloads.xlsx_template_path(unit_id, lang), download=True),
            "downloads": link(src, "downloads.md"),
            "date": downloads.build_date().isoformat(),
            "tool": link(src, "self-scoring.md"),
        },
    }


def index_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    def row(unit: dict[str, Any]) -> dict[str, Any]:
        indicators = unit_indicators(data, unit["id"])
        return {
            "unit": unit_ref(data, src, lang, unit["id"], heading=True),
            "aliases": unit.get("aliases", []),
            "tasks": len(unit_tasks(data, unit["id"])),
            "indicators": len(indicators),
            "direct": sum(1 for _, how in indicators if how_key(how) == DIRECT),
        }

    units = downloads.template_units(data)
    return {
        "kinds": [
            {"heading": heading, "anchor": anchor, "rows": [row(u) for u in units if u["kind"] == kind]}
            for kind, heading, anchor in (("unit", "heading_units", "units"), ("group", "heading_groups", "groups"))
        ]
    }


def matrix_context(data: dict[str, Any], src: str, lang: str) -> dict[str, Any]:
    """Rows: units and groups; columns: indicators. Each cell says whether the unit is named (direct), is
    responsible as a member of a named group (via, with the group's name) or neither (None)."""
    numbers = [ind["number"] for ind in data["indicators"]]
    rows = []
    for unit in downloads.template_units(data):
        how_by_number = {ind["number"]: how for ind, how in unit_indicators(data, unit["id"])}
        cells = []
        for n in numbers:
            key = how_key(how_by_number[n]) if n in how_by_number else None
            group = key.split(":", 1)[1] if key and key != DIRECT else None
            cells.append(
                {
                    "n": n,
                    "how": key and key.split(":")[0],
                    "group": unit_ref(data, src, lang, group)["text"] if group else None,
                }
            )
        rows.append(
            {
                "unit": unit_ref(data, src, lang, unit["id"], heading=True),
                "kind": unit["kind"],
                "cells": cells,
                "total": len(how_by_number),
            }
        )
    return {"columns": [{"n": n, "href": link(src, indicator_file(n))} for n in numbers], "rows": rows}


def register(env: Any, lang: Any) -> None:
    def context() -> tuple[dict[str, Any], str, str]:
        return load_data(), env.page.file.src_uri, lang()

    @env.macro
    def unit_page(unit_id: str) -> str:
        return render("units/unit_page.md", lang(), **unit_page_context(*context(), unit_id))

    @env.macro
    def units_index() -> str:
        return render("units/index.md", lang(), **index_context(*context()))

    @env.macro
    def unit_matrix() -> str:
        return render("units/matrix.md", lang(), **matrix_context(*context()))
