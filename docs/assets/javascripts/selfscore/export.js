/*
 * Outputs of the self-scoring page: the CSV sheet and the printable report. Both only lay out calc's
 * report (scores, explanations, pass/fail and rates all come from calc.api.score_page_json); nothing here
 * computes a score.
 *
 * Pure functions (no DOM) except buildReport, which takes the document to create elements in, so the CSV
 * part can be tested under Node as it is.
 */
import { regionLabel, stateLabel } from "../engine/contract.js";

/** Text of a {zh, en} value in the page language (Chinese when the language is missing). */
export function pick(value, lang) {
  if (value && typeof value === "object") return value[lang] || value.zh || "";
  return value === undefined || value === null ? "" : String(value);
}

/** The unit the scope names, if it is one the form knows (own keys only: a file may say "constructor");
 * otherwise null, and the page shows the county, as calc scores it (calc/unit_report.py, scope_of). */
export function scopeUnit(form, scope) {
  const unit = scope && typeof scope === "object" && scope.kind === "unit" ? scope.unit : null;
  return typeof unit === "string" && Object.hasOwn(form.unit_indicators, unit) ? unit : null;
}

/** The indicators of the assessment's scope: all 41 for the county, a unit's own (form.json's
 * unit_indicators, written from calc's ruleset) for a unit. */
export function indicatorsInScope(form, scope) {
  const unit = scopeUnit(form, scope);
  if (!unit) return form.indicators;
  const numbers = new Set(form.unit_indicators[unit]);
  return form.indicators.filter((ind) => numbers.has(ind.number));
}

export function unitName(form, id, lang) {
  const unit = form.units.find((u) => u.id === id);
  return unit ? pick(unit.name, lang) : id;
}

export function scopeName(form, scope, t, lang) {
  const unit = scopeUnit(form, scope);
  return unit ? unitName(form, unit, lang) : t.countyReport;
}

export function localDate(date) {
  const d = date || new Date();
  return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
}

export function yearsText(report, data) {
  const years = (report && report.years) || (data && data.years);
  return Array.isArray(years) && years.length === 2 ? years[0] + "—" + years[1] : "";
}

/** The explanation of a sub-item as calc wrote it, one line per line. */
export function itemLines(item, lang) {
  const lines = item.lines && item.lines.length ? item.lines : [item.explanation];
  return lines.map((l) => pick(l, lang)).filter(Boolean);
}

/* ---------- CSV ---------- */

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Numbers are written as they are. Text is made safe for spreadsheets (a cell that starts
 * with = + - @ or a tab/carriage return gets a leading apostrophe, so Excel never runs it as a formula)
 * and quoted when it holds a comma, a quote, a line break or leading/trailing space (RFC 4180).
 */
export function csvCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  let text = String(value);
  if (FORMULA_START.test(text)) text = "'" + text;
  text = text.replace(/\r\n?/g, "\n"); // a line break inside a cell is LF; CRLF only ends a record
  if (/[",\n]/.test(text) || /^\s|\s$/.test(text)) text = '"' + text.replace(/"/g, '""') + '"';
  return text;
}

/** The whole file: UTF-8 byte order mark (Excel reads the file as UTF-8 only with it), CRLF line ends. */
export function csvText(rows) {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Rows of the sheet: the header row first (so a spreadsheet filters and sorts it as it is), the unit's own
 * result (for a unit), the county total, every first- and second-level category, every indicator of the
 * scope followed by its sub-items, then the gap split (this unit's items, other units' items) and last the
 * title, unit, years and date.
 */
export function csvRows({ report, form, data, lang, t, date, comparison }) {
  const L = t.csvLevel;
  const sep = lang === "zh" ? "、" : "; ";
  const rows = [t.csvColumns];
  const scope = report.scope;
  if (scope && scope.kind === "unit") {
    rows.push([
      t.csvUnitTotal,
      scope.unit,
      pick(scope.name, lang),
      scope.score,
      scope.max,
      scope.rate,
      t.answered(scope.answered, scope.count),
      "",
      "",
      "",
    ]);
  }
  rows.push([
    L.total,
    "",
    t.total,
    report.total,
    report.max,
    report.rate,
    report.passed ? t.pass : t.fail,
    pick(report.reason, lang),
    "",
    "",
  ]);
  const line = form.pass_rule.category_rate_min;
  for (const first of report.categories) {
    rows.push([
      L.first,
      "",
      pick(first.name, lang),
      first.score,
      first.max,
      first.rate,
      t.categoryPassed(first.passed, line),
      "",
      "",
      "",
    ]);
    for (const second of first.children || []) {
      rows.push([L.second, "", pick(second.name, lang), second.score, second.max, second.rate, "", "", "", ""]);
    }
  }
  const byNumber = new Map(report.indicators.map((ind) => [ind.number, ind]));
  for (const def of indicatorsInScope(form, data.scope)) {
    const ind = byNumber.get(def.number);
    if (!ind) continue;
    const evidence = (data.evidence && data.evidence[String(def.number)]) || ind.evidence || "";
    rows.push([
      L.indicator,
      String(ind.number),
      pick(ind.title, lang),
      ind.score,
      ind.max,
      "",
      stateLabel(ind.status, lang),
      "",
      evidence,
      (ind.responsible || []).map((id) => unitName(form, id, lang)).join(sep),
    ]);
    const sources = new Map((def.items || []).map((item) => [item.id, item.source]));
    for (const item of ind.items) {
      rows.push([
        L.item,
        item.id,
        pick(sources.get(item.id), lang),
        item.score,
        item.max,
        "",
        stateLabel(item.status, lang),
        itemLines(item, lang).join("\n"),
        "",
        "",
      ]);
    }
  }
  if (scope && scope.kind === "unit") {
    for (const item of scope.open_items) {
      rows.push([
        t.gapOwn,
        item.id,
        pick(item.title, lang),
        item.gain,
        "",
        "",
        "",
        pick(item.action, lang),
        "",
        pick(scope.name, lang),
      ]);
    }
    for (const { item, names } of otherItems(scope)) {
      rows.push([
        t.gapOthers,
        item.id,
        pick(item.title, lang),
        item.gain,
        "",
        "",
        "",
        pick(item.action, lang),
        "",
        names.map((name) => pick(name, lang)).join(sep),
      ]);
    }
  }
  if (comparison && comparison.lang === lang) {
    // The comparison on screen (compare.js): the total and each category, earlier and now.
    const { answer, name, at } = comparison;
    const when = t.reportCompare(name, localDate(at) + " " + at.toTimeString().slice(0, 5));
    rows.push([
      L.compare,
      "",
      t.total,
      answer.total.new,
      answer.total.max,
      "",
      t.csvCompare(answer.total.old, answer.total.new, answer.total.delta),
      when,
      "",
      "",
    ]);
    for (const cat of answer.categories) {
      rows.push([
        L.compare,
        cat.id,
        pick(cat.name, lang),
        cat.new,
        cat.max,
        cat.rate.new,
        t.csvCompare(cat.old, cat.new, cat.delta),
        when,
        "",
        "",
      ]);
    }
  }
  rows.push([]);
  rows.push([t.reportTitle]);
  rows.push([t.csvMeta(scopeName(form, data.scope, t, lang), yearsText(report, data), localDate(date))]);
  return rows;
}

/* ---------- printable report ---------- */

/** "2026-12-01 16:00": an exported time calc recorded (ISO, UTC) in the reader's own clock; other text as is. */
export function exportedWhen(text) {
  if (!text) return "";
  const when = new Date(text);
  if (Number.isNaN(when.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return text;
  const two = (n) => String(n).padStart(2, "0");
  return (
    when.getFullYear() +
    "-" +
    two(when.getMonth() + 1) +
    "-" +
    two(when.getDate()) +
    " " +
    two(when.getHours()) +
    ":" +
    two(when.getMinutes())
  );
}

/** A tracker row's files, each with when it was exported: "县统计局.json（导出或保存于 2026-11-30 10:15）". */
export function trackerFiles(entry, t) {
  return entry.files.map((f) => f.source + (f.exported ? t.paren(t.trackerExported(exportedWhen(f.exported))) : ""));
}

/** The coordinator's tracker in the printed county report (calc/tracker.py; summary.js draws it on screen). */
function trackerSection(h, tracked, lang, t) {
  const sep = lang === "zh" ? "、" : ", ";
  const rows = tracked.units.map((entry) =>
    h("tr", { "data-unit": entry.unit }, [
      h("th", { scope: "row", text: pick(entry.name, lang) }),
      h("td", { text: entry.received ? t.trackerIn + t.colon + trackerFiles(entry, t).join(sep) : t.trackerMissing }),
      h("td", {
        text: entry.indicators.length ? entry.indicators.map((i) => i.number).join(sep) : t.trackerSharedOnly,
      }),
      h("td", { text: entry.indicators.length ? String(entry.points) : "–" }),
      h("td", { text: entry.indicators.length ? String(entry.points_without_data) : "–" }),
    ]),
  );
  return [
    h("h2", { class: "selfscore-report-tracker-title", text: t.trackerTitle.replace(/[：:]\s*$/, "") }),
    h("p", { class: "selfscore-report-tracker-summary", text: pick(tracked.summary, lang) }),
    h("table", { class: "selfscore-report-tracker" }, [
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          t.trackerHeads.map((x) => h("th", { scope: "col", text: x })),
        ),
      ),
      h("tbody", {}, rows),
    ]),
  ];
}

export function buildReport(doc, { report, form, data, lang, t, date, problems, comparison }) {
  const h = (tag, attrs, children) => {
    const node = doc.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of [].concat(children || [])) if (child !== null && child !== undefined) node.append(child);
    return node;
  };
  const section = h("section", { class: "selfscore-report", "data-report": "1", lang: lang === "zh" ? "zh-CN" : "en" });
  section.append(
    h("h1", { class: "selfscore-report-title", text: t.reportTitle }),
    h("p", { class: "selfscore-report-basis", text: t.reportBasis(pick(form.document_number, lang)) }),
  );
  const meta = h(
    "table",
    { class: "selfscore-report-meta" },
    h(
      "tbody",
      {},
      [
        [t.reportUnit, scopeName(form, data.scope, t, lang)],
        [t.reportYears, yearsText(report, data)],
        [t.reportRegion, report.region ? regionLabel(report.region, lang) : ""],
        [t.reportDate, localDate(date)],
        [t.reportRuleset, report.ruleset || ""],
      ].map(([k, v]) => h("tr", {}, [h("th", { scope: "row", text: k }), h("td", { "data-meta": k, text: v })])),
    ),
  );
  section.append(meta);
  // Unit, years and date at the top of every printed page, the page number at the foot (page margin boxes).
  const running = [scopeName(form, data.scope, t, lang), yearsText(report, data), localDate(date)]
    .filter(Boolean)
    .join(" · ");
  section.append(h("style", { class: "selfscore-page-style", text: pageStyle(running, t) }));
  const scope = report.scope;
  const asUnit = Boolean(scope && scope.kind === "unit");
  if (asUnit) {
    section.append(
      h("h2", { text: t.reportUnitResult }),
      h(
        "p",
        { class: "selfscore-report-total selfscore-report-unit", "data-unit-score": scope.score },
        h("strong", { text: t.unitResult(pick(scope.name, lang)) + " " + scope.score + " / " + scope.max }),
      ),
      h("p", { text: t.unitNote(scope.count, scope.answered) }),
      h("h2", { text: t.reportCountyResult }),
    );
  }
  // The same label as on screen: what the county total covers (this file only, or the merged files).
  section.append(
    h("p", { class: "selfscore-report-total" }, [
      h("strong", {
        "data-report-total": report.total,
        text: totalLabel(report, t) + " " + report.total + " / " + report.max,
      }),
      "　",
      h("strong", {
        class: report.passed ? "selfscore-pass" : "selfscore-fail",
        text: report.passed ? t.pass : t.fail,
      }),
    ]),
    ...(asUnit ? [h("p", { class: "selfscore-report-caveat", text: t.countyNote })] : []),
    h("p", { text: pick(report.reason, lang) }),
  );

  section.append(h("h2", { text: t.reportCategories }));
  const catRows = [];
  for (const first of report.categories) {
    catRows.push(
      h("tr", { class: "selfscore-report-first" }, [
        h("th", { scope: "row", text: pick(first.name, lang) }),
        h("td", { text: first.score + " / " + first.max }),
        h("td", { text: first.rate + "%" }),
        h("td", { text: t.categoryPassed(first.passed, form.pass_rule.category_rate_min) }),
      ]),
    );
    for (const second of first.children || []) {
      catRows.push(
        h("tr", {}, [
          h("td", { class: "selfscore-report-second", text: pick(second.name, lang) }),
          h("td", { text: second.score + " / " + second.max }),
          h("td", { text: second.rate + "%" }),
          h("td", { text: "" }),
        ]),
      );
    }
  }
  section.append(
    h("table", { class: "selfscore-report-categories" }, [
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [t.category, t.score, t.rate, ""].map((x) => h("th", { scope: "col", text: x })),
        ),
      ),
      h("tbody", {}, catRows),
    ]),
  );

  if (report.tracker && !(scope && scope.kind === "unit"))
    section.append(...trackerSection(h, report.tracker, lang, t));
  if (comparison && comparison.lang === lang) section.append(...comparisonSection(h, comparison, lang, t));

  if (problems && problems.length) {
    section.append(
      h("h2", { class: "selfscore-report-invalid-title", text: t.reportInvalid }),
      h(
        "ul",
        { class: "selfscore-report-invalid" },
        problems.map((p) => h("li", { "data-field": p.field, text: pick(p.message, lang) })),
      ),
    );
  }
  // What is missing comes after the results, one list under each heading.
  section.append(...(asUnit ? unitMissing(h, scope, lang, t) : countyMissing(h, report, form, lang, t)));
  section.append(h("h2", { text: t.reportIndicators }));
  const byNumber = new Map(report.indicators.map((ind) => [ind.number, ind]));
  for (const def of indicatorsInScope(form, data.scope)) {
    const ind = byNumber.get(def.number);
    if (!ind) continue;
    const evidence = (data.evidence && data.evidence[String(def.number)]) || ind.evidence || "";
    const rows = ind.items.map((item) =>
      h("tr", { "data-item": item.id }, [
        h("td", { class: "selfscore-report-id", text: item.id }),
        h("td", { class: "selfscore-report-score", text: item.score + " / " + item.max }),
        h(
          "td",
          {},
          itemLines(item, lang).map((line) => h("p", { text: line })),
        ),
      ]),
    );
    rows.push(
      h("tr", { class: "selfscore-report-evidence" }, [
        h("th", { scope: "row", colspan: "2", text: t.evidence }),
        h("td", { class: "selfscore-report-evidence-text", text: evidence || t.reportNoEvidence }),
      ]),
    );
    section.append(
      h("div", { class: "selfscore-report-indicator", "data-report-indicator": String(ind.number) }, [
        h("h3", { text: ind.number + ". " + pick(ind.title, lang) + "　" + ind.score + " / " + ind.max }),
        h("table", {}, [
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              [t.reportItem, t.score, t.reportExplanation].map((x) => h("th", { scope: "col", text: x })),
            ),
          ),
          h("tbody", {}, rows),
        ]),
      ]),
    );
  }
  section.append(
    h(
      "div",
      { class: "selfscore-report-sign" },
      t.reportSign.map((label) => h("p", { text: label + t.colon })),
    ),
  );
  return section;
}

/** The comparison on screen (compare.js, calc.compare), as printed: the total and each category, earlier
 * and now, in columns, with the bars against the pass line and the moment it describes. */
function comparisonSection(h, { answer, name, at }, lang, t) {
  const line = answer.category_rate_min;
  const verdict = (passed) => (passed ? t.pass : t.fail);
  const bar = (rate, cls) =>
    h("span", { class: "selfscore-bar " + cls }, [
      h("span", { class: "selfscore-bar-fill", style: "width:" + Math.max(0, Math.min(100, rate)) + "%" }),
      h("span", { class: "selfscore-bar-line", style: "left:" + line + "%" }),
    ]);
  const signed = (n) => (n > 0 ? "+" + n : String(n));
  const rows = [
    h("tr", { class: "selfscore-report-first" }, [
      h("th", { scope: "row", text: t.total }),
      h("td", { text: answer.total.old + " / " + answer.total.max }),
      h("td", { text: answer.total.new + " / " + answer.total.max }),
      h("td", { text: signed(answer.total.delta) }),
      h("td", { text: verdict(answer.passed.old) + " → " + verdict(answer.passed.new) }),
    ]),
  ].concat(
    answer.categories.map((cat) =>
      h("tr", { "data-category": cat.id }, [
        h("th", { scope: "row", text: pick(cat.name, lang) }),
        h("td", { text: cat.old + " / " + cat.max + "（" + cat.rate.old + "%）" }),
        h("td", { text: cat.new + " / " + cat.max + "（" + cat.rate.new + "%）" }),
        h("td", { text: signed(cat.delta) }),
        h("td", { class: "selfscore-report-bars" }, [
          bar(cat.rate.old, "selfscore-bar-old"),
          bar(cat.rate.new, "selfscore-bar-new"),
        ]),
      ]),
    ),
  );
  return [
    h("h2", {
      class: "selfscore-report-compare-title",
      text: t.reportCompare(name, localDate(at) + " " + at.toTimeString().slice(0, 5)),
    }),
    h("p", { text: t.reportCompareNote(line) }),
    h("table", { class: "selfscore-report-compare" }, [
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          t.reportCompareHeads.map((x) => h("th", { scope: "col", text: x })),
        ),
      ),
      h("tbody", {}, rows),
    ]),
  ];
}

/** "全县总分（仅含本文件中的数据）", "全县总分（合并的文件）" or "总分": the screen's label and the print's. */
export function totalLabel(report, t) {
  if (report.scope && report.scope.kind === "unit") return t.countyTotal;
  return report.tracker && report.tracker.received ? t.totalMerged : t.total;
}

/** who: the responsible units of an item (null: the list is the unit's own, so the column would repeat it). */
function itemTable(h, items, lang, t, who) {
  const heads = [t.reportItem, t.reportGain, t.reportAction].concat(who ? [t.responsible] : []);
  return h("table", { class: "selfscore-report-gap" }, [
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        heads.map((x) => h("th", { scope: "col", text: x })),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((item) =>
        h("tr", { "data-item": item.id }, [
          h("td", { text: item.id + " " + pick(item.title, lang) }),
          h("td", { text: "+" + item.gain }),
          h("td", {}, [
            pick(item.action, lang),
            ...(item.dispute
              ? item.dispute.values.map((v) => h("p", { class: "selfscore-report-dispute", text: pick(v.line, lang) }))
              : []),
          ]),
          who ? h("td", { text: who(item) }) : null,
        ]),
      ),
    ),
  ]);
}

/** A unit's report: every item it can still bring (cheapest first), then what the county's plan needs from others. */
function unitMissing(h, scope, lang, t) {
  const out = [h("h2", { text: t.reportMissing }), h("h3", { text: t.ownItems })];
  out.push(scope.open_items.length ? itemTable(h, scope.open_items, lang, t, null) : h("p", { text: t.ownNone }));
  const others = otherItems(scope);
  if (others.length) {
    const names = new Map(
      others.map((e) => [e.item.id, e.names.map((name) => pick(name, lang)).join(lang === "zh" ? "、" : ", ")]),
    );
    out.push(
      h("h3", { text: t.reportOthers }),
      itemTable(
        h,
        others.map((e) => e.item),
        lang,
        t,
        (item) => names.get(item.id),
      ),
    );
  }
  return out;
}

/** calc's plan to pass as headed lists, on screen (summary.js) and in print: each short category, then what
 * the total still needs. */
export function gapGroups(gap, t, lang) {
  const groups = (gap.categories || []).map((c) => ({
    title: t.gapCategory(pick(c.name, lang), c.short_by, c.needed),
    reachable: c.reachable,
    items: c.items || [],
  }));
  if (gap.total && gap.total.short_by_after_categories > 0) {
    groups.push({
      title: t.gapTotal(gap.total.short_by_after_categories),
      reachable: gap.total.reachable,
      items: gap.total.items || [],
    });
  } else if (!groups.length && gap.total_short_by) {
    groups.push({ title: t.gapTotal(gap.total_short_by), reachable: true, items: [] });
  }
  return groups;
}

/** The county's report: the plan to pass, category by category (calc.gap), with what settling a dispute gives. */
function countyMissing(h, report, form, lang, t) {
  const gap = report.gap;
  if (!gap || gap.passed) return [];
  const out = [h("h2", { text: t.gap })];
  for (const group of gapGroups(gap, t, lang)) {
    out.push(h("h3", { text: group.title }));
    if (group.items.length) {
      out.push(
        itemTable(h, group.items, lang, t, (item) =>
          (item.responsible_groups || []).map((id) => unitName(form, id, lang)).join(lang === "zh" ? "、" : ", "),
        ),
      );
    }
  }
  return out;
}

/** The other units' items once each, with every other unit responsible for it (calc lists them by unit). */
function otherItems(scope) {
  const byId = new Map();
  for (const other of scope.gap.others) {
    for (const item of other.items) {
      if (!byId.has(item.id)) byId.set(item.id, { item, names: [] });
      byId.get(item.id).names.push(other.name);
    }
  }
  return [...byId.values()];
}

function cssString(text) {
  return (
    '"' +
    String(text)
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/[\r\n]+/g, " ") +
    '"'
  );
}

/** @page rules of the printed report: the running header and "page n / N". */
export function pageStyle(running, t) {
  return (
    "@page { size: A4; margin: 18mm 15mm 16mm;" +
    " @top-left { content: " +
    cssString(running) +
    "; font-size: 8pt; color: #444; font-family: sans-serif; }" +
    " @bottom-center { content: " +
    t.pageCounter +
    "; font-size: 8pt; color: #444; font-family: sans-serif; } }"
  );
}
