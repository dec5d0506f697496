"""Macros of the responsible-unit pages: the index (docs/<lang>/units/index.md), one page per unit or group
(docs/<lang>/units/<unit id>.md, each a single `{{ unit_page("<unit id>") }}` call) and the unit ×
indicator matrix (docs/<lang>/units/matrix.md).

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

from markupsafe import Markup

from site_macros import downloads
from site_macros.links import indicator_file, item_anchor, link, unit_file
from site_macros.text import md, page_language as lang_of, paragraphs, strip_final_stop, t as strings_t, text_in as tr
from markupsafe import escape as h
from tools.datasource import ROOT, load_data

DIRECT, VIA_GROUP = "direct", "group"


def t(key: str, lang: str, **kw: Any) -> str:
    return strings_t("units." + key, lang, **kw)


def page_link(page: Any, target: str) -> str:
    return link(page.file.src_uri, target)


def download_link(page: Any, target: str) -> str:
    return link(page.file.src_uri, target, download=True)



def unit_name(unit: dict[str, Any], lang: str, heading: bool = False) -> str:
    name = tr(unit["name"], lang, f"units.yaml {unit['id']} name")
    # Group names read as a phrase in English ("member units of …"); a heading or a cell starts upper case.
    return name[:1].upper() + name[1:] if heading else name


def page_units() -> list[dict[str, Any]]:
    return downloads.template_units()


def units_by_id() -> dict[str, dict[str, Any]]:
    return {u["id"]: u for u in load_data()["units"]}


def groups_of(unit_id: str) -> list[str]:
    return [g for g, members in load_data()["group_members"].items() if unit_id in members]


def responsibility(unit_id: str, named: list[str]) -> list[tuple[str, str | None]]:
    """How a unit is responsible for something that names `named`: [(DIRECT, None)] and/or
    [(VIA_GROUP, group id), …]; empty if it is not."""
    members = load_data()["group_members"]
    out: list[tuple[str, str | None]] = []
    if unit_id in named:
        out.append((DIRECT, None))
    for group in named:
        if unit_id in members.get(group, []):
            out.append((VIA_GROUP, group))
    return out


def unit_indicators(unit_id: str) -> list[tuple[dict[str, Any], list[tuple[str, str | None]]]]:
    """The indicators a unit is responsible for, as the scoring core's ruleset lists them, each with how.
    Fails if the ruleset and the data's group membership disagree."""
    from calc.ruleset import default_ruleset

    data = load_data()
    numbers = default_ruleset().indicators_for_unit(unit_id)
    out = []
    for ind in data["indicators"]:
        how = responsibility(unit_id, ind["responsible"]["units"])
        if bool(how) != (ind["number"] in numbers):
            raise ValueError(f"unit {unit_id}, indicator {ind['number']}: the ruleset and data/ disagree on responsibility")
        if how:
            out.append((ind, how))
    return out


def unit_tasks(unit_id: str) -> list[tuple[dict[str, Any], list[tuple[str, str | None]]]]:
    out = []
    for task in load_data()["tasks"]:
        how = responsibility(unit_id, task["responsible"]["units"])
        if how:
            out.append((task, how))
    return out


def tasks_page_exists(lang: str) -> bool:
    return (ROOT / "docs" / lang / "tasks.md").is_file()


def task_anchor(number: int) -> str:
    return f"task-{number}"


def _task_cell(page: Any, task: dict[str, Any], lang: str) -> str:
    title = md(tr(task["title"], lang, f"task {task['number']} title"))
    if tasks_page_exists(lang):
        return f"[{title}]({page_link(page, 'tasks.md#' + task_anchor(task['number']))})"
    return title


def render_unit_page(page: Any, unit_id: str) -> str:
    lang = lang_of(page)
    units = units_by_id()
    if unit_id not in units or units[unit_id]["kind"] not in downloads.UNIT_KINDS:
        raise KeyError(f"{unit_id!r} is not a unit or group of units.yaml")
    if page.file.src_uri != f"{lang}/{unit_file(unit_id)}":
        raise ValueError(f"unit_page({unit_id!r}) belongs in docs/{lang}/{unit_file(unit_id)}, not {page.file.src_uri}")
    unit = units[unit_id]
    data = load_data()
    out = [f"# {md(unit_name(unit, lang, heading=True))} {{#unit-{unit_id}}}", ""]
    kind = t("kind_unit" if unit["kind"] == "unit" else "kind_group", lang)
    out += [f'<p class="unit-kind">{h(kind)}</p>', ""]

    # Names
    out += [f"## {t('aliases', lang)} {{#aliases}}", ""]
    names = [unit["name"]["zh"], *unit.get("aliases", [])]
    if lang == "zh":
        if unit.get("aliases"):
            out += [md(t("aliases_intro", lang)), ""] + [f"- {md(n)}" for n in names]
        else:
            out += [f"- {md(names[0])}", "", md(t("no_aliases", lang))]
        out += ["", f"{t('english_name', lang)}：{md(unit['name']['en'])}（非官方译名）", ""]
    else:
        out += [md(t("aliases_intro", lang)), ""] + [f'- <span lang="zh">{h(n)}</span>' for n in names]
        out += [""]

    # Group membership
    if unit["kind"] == "group":
        members = data["group_members"].get(unit_id, [])
        out += [f"## {t('members', lang)} {{#members}}", ""]
        if members:
            out += [md(t("members_intro", lang, n=len(members))), ""]
            out += [f"- [{md(unit_name(units[m], lang, heading=True))}]({page_link(page, unit_file(m))})" for m in members]
        else:
            out += [md(t("no_members", lang))]
        out += [""]
        if unit.get("note"):
            out += [f'!!! note "{t("note", lang)}"', "", "    " + md(tr(unit["note"], lang)), ""]
    else:
        groups = groups_of(unit_id)
        if groups:
            out += [f"## {t('groups', lang)} {{#groups}}", "", md(t("groups_intro", lang)), ""]
            out += [f"- [{md(unit_name(units[g], lang, heading=True))}]({page_link(page, unit_file(g))})" for g in groups]
            out += [""]

    # Tasks
    tasks = unit_tasks(unit_id)
    out += [f"## {t('tasks', lang)} {{#tasks}}", ""]
    if tasks:
        sections = {s["number"]: s for s in data["sections"]}
        out += [md(t("tasks_count", lang, n=len(tasks))), ""]

        def task_row(task: dict[str, Any], how: list) -> str:
            section = sections[task["section"]]
            where = f"{tr(section['label'], lang)}{'' if lang == 'zh' else ' '}{tr(section['heading'], lang)}"
            return (f'| <span id="task-{task["number"]}" data-how="{_how_key(how)}">{task["number"]}</span> | '
                    f"{_task_cell(page, task, lang)}{_also(page, how, lang)} | {md(where)} |")

        head = [f"| {t('no_col', lang)} | {t('task_col', lang)} | {t('section_col', lang)} |", "|---:|---|---|"]
        out += _grouped(page, tasks, head, task_row, "task_group", lang)
    else:
        out += [md(t("no_tasks", lang)), ""]

    # Indicators
    indicators = unit_indicators(unit_id)
    out += [f"## {t('indicators', lang)} {{#indicators}}", ""]
    if indicators:
        total = sum(ind["points"] for ind, _ in indicators)
        out += [md(t("indicators_count", lang, n=len(indicators), p=total)), ""]

        def indicator_row(ind: dict[str, Any], how: list) -> str:
            title = md(strip_final_stop(tr(ind["title"], lang)))
            return (f'| <span id="ind-{ind["number"]}" data-how="{_how_key(how)}">{ind["number"]}</span> | '
                    f"[{title}]({page_link(page, indicator_file(ind['number']))}){_also(page, how, lang)} | {ind['points']} |")

        head = [f"| {t('no_col', lang)} | {t('indicator_col', lang)} | {t('points_col', lang)} |", "|---:|---|---:|"]
        out += _grouped(page, indicators, head, indicator_row, "indicator_group", lang)
    else:
        out += [md(t("no_indicators", lang)), ""]

    # Template
    years = downloads.template_years()
    out += [f"## {t('template', lang)} {{#template}}", ""]
    if indicators:
        out += [t("template_text", lang, href=download_link(page, downloads.template_path(unit_id)), n=len(indicators),
                  y1=years[0], y2=years[1], date=downloads.build_date().isoformat(),
                  tool=page_link(page, "self-scoring.md")), ""]
    else:
        out += [md(t("no_template", lang)), ""]
    return "\n".join(out)


def _how_key(how: list[tuple[str, str | None]]) -> str:
    """'direct', or 'group:<group id>' for a unit responsible only through a group (the first one)."""
    if any(kind == DIRECT for kind, _ in how):
        return DIRECT
    return f"{VIA_GROUP}:{next(g for kind, g in how if kind == VIA_GROUP)}"


def _also(page: Any, how: list[tuple[str, str | None]], lang: str) -> str:
    """A row listed as direct that the unit also carries through a group says so."""
    units = units_by_id()
    groups = [g for kind, g in how if kind == VIA_GROUP]
    if not any(kind == DIRECT for kind, _ in how) or not groups:
        return ""
    links = ("、" if lang == "zh" else ", ").join(
        f"[{md(unit_name(units[g], lang))}]({page_link(page, unit_file(g))})" for g in groups)
    return f"<br><span class='unit-note'>{md(t('also_via', lang, groups=chr(0))).replace(chr(0), links)}</span>"


def _grouped(page: Any, rows: list, head: list[str], render_row, label_key: str, lang: str) -> list[str]:
    """Rows split into 'named directly' and one block per group the unit carries them through."""
    units = units_by_id()
    blocks: dict[str, list[str]] = {}
    for item, how in rows:
        blocks.setdefault(_how_key(how), []).append(render_row(item, how))
    out: list[str] = []
    for key in sorted(blocks, key=lambda k: (k != DIRECT, k)):
        if key == DIRECT:
            label = md(t(f"{label_key}_direct", lang, n=len(blocks[key])))
        else:
            group = key.split(":", 1)[1]
            link = f"[{md(unit_name(units[group], lang))}]({page_link(page, unit_file(group))})"
            label = md(t(f"{label_key}_via", lang, group=chr(0), n=len(blocks[key]))).replace(chr(0), link)
        out += [f'<p class="unit-group-label" markdown>{label}</p>', "",
                '<div class="ind-table-wrap" markdown>', "", "\n".join(head + blocks[key]), "", "</div>", ""]
    return out


def render_units_index(page: Any) -> str:
    lang = lang_of(page)
    out = []
    for kind, heading, anchor in (("unit", "heading_units", "units"), ("group", "heading_groups", "groups")):
        units = [u for u in page_units() if u["kind"] == kind]
        out += [f"## {t(heading, lang)} {{#{anchor}}}", ""]
        rows = [f"| {t('unit_col', lang)} | {t('tasks_n_col', lang)} | {t('indicators_n_col', lang)} |", "|---|---:|---:|"]
        for unit in units:
            name = f"[{md(unit_name(unit, lang, heading=True))}]({page_link(page, unit_file(unit['id']))})"
            if unit.get("aliases"):
                aliases = ("、" if lang == "zh" else ", ").join(unit["aliases"])
                name += f'<br><span class="unit-note" lang="zh">{h(aliases)}</span>'
            inds = unit_indicators(unit["id"])
            direct = sum(1 for _, how in inds if any(k == DIRECT for k, _ in how))
            n_inds = f"{len(inds)}"
            if direct != len(inds):
                n_inds += f"<br><span class='unit-note'>{md(t('direct_short', lang, n=direct))}</span>"
            rows.append(f"| {name} | {len(unit_tasks(unit['id']))} | {n_inds} |")
        out += ['<div class="ind-table-wrap" markdown>', "", "\n".join(rows), "", "</div>", ""]
    return "\n".join(out)


def render_matrix(page: Any) -> str:
    """Rows: units and groups; columns: indicators 1–41. ● the unit is named, ○ it is responsible as a
    member of a group that is named. Titles (tooltips) and aria-labels say which."""
    lang = lang_of(page)
    data = load_data()
    units = units_by_id()
    numbers = [ind["number"] for ind in data["indicators"]]
    head_cells = "".join(
        str(Markup('<th scope="col" class="m-ind" markdown="span">{}</th>').format(
            Markup(f"[{n}]({page_link(page, indicator_file(n))})")))
        for n in numbers)
    lines = [
        str(Markup('<div class="ind-table-wrap unit-matrix-wrap" role="region" tabindex="0" aria-label="{}" markdown="1">')
            .format(t("matrix_label", lang))),
        '<table class="unit-matrix" id="unit-matrix" markdown="1">',
        '<thead markdown="1">',
        str(Markup('<tr markdown="1"><th scope="col" class="m-unit">{}</th>').format(t("unit_col", lang)))
        + head_cells + str(Markup('<th scope="col" class="m-total">{}</th></tr>').format(t("matrix_total", lang))),
        "</thead>",
        '<tbody markdown="1">',
    ]
    for unit in page_units():
        how_by_number = {ind["number"]: how for ind, how in unit_indicators(unit["id"])}
        name = unit_name(unit, lang, heading=True)
        cells = []
        for n in numbers:
            how = how_by_number.get(n)
            if not how:
                cells.append('<td class="m-none"></td>')
                continue
            if any(k == DIRECT for k, _ in how):
                mark, cls, label = "●", "m-direct", t("matrix_cell_direct", lang, unit=name, n=n)
            else:
                group = next(g for k, g in how if k == VIA_GROUP)
                mark, cls, label = "○", "m-via", t("matrix_cell_via", lang, unit=name, n=n,
                                                   group=unit_name(units[group], lang))
            cells.append(str(Markup('<td class="{cls}" data-n="{n}" title="{label}"><span aria-label="{label}">{mark}</span></td>')
                             .format(cls=cls, n=n, label=label, mark=mark)))
        link = f"[{md(name)}]({page_link(page, unit_file(unit['id']))})"
        lines.append(
            str(Markup('<tr id="m-{id}" data-unit="{id}" class="m-{kind}" markdown="1"><th scope="row" class="m-unit" markdown="span">{link}</th>')
                .format(id=unit["id"], kind=unit["kind"], link=Markup(link)))
            + "".join(cells)
            + str(Markup('<td class="m-total">{}</td></tr>').format(len(how_by_number))))
    lines += ["</tbody>", "</table>", "</div>"]
    legend = (f'<p class="unit-matrix-legend"><span class="m-direct">●</span> {h(t("matrix_direct", lang))}　'
              f'<span class="m-via">○</span> {h(t("matrix_via", lang))}</p>')
    return legend + "\n\n" + "\n".join(lines)


def register(env: Any, lang: Any) -> None:
    @env.macro
    def unit_page(unit_id: str) -> str:
        return render_unit_page(env.page, unit_id)

    @env.macro
    def units_index() -> str:
        return render_units_index(env.page)

    @env.macro
    def unit_matrix() -> str:
        return render_matrix(env.page)
