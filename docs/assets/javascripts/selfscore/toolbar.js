/*
 * Settings (unit, years, region) and the actions: export JSON and CSV, import, print, start over.
 * Export and print first warn when invalid values remain (problems.js); the exported file then lists
 * them under meta.invalid_values, so they are never passed on silently.
 */
import { contract, regionLabel } from "../engine/contract.js";
import { el, download } from "./dom.js";
import { csvRows, csvText, indicatorsInScope, localDate, pick, scopeUnit } from "./export.js";
import { blankAssessment, opened, shownYears, validYears } from "../engine/store.js";
import { warnInvalid } from "./problems.js";
import { call, callSheets, whenReady } from "../engine/client.js";
import { ACCEPTED_FILES } from "./text.js";
import { latestComparison } from "./compare.js";

export function renderToolbar(ctx, toolbar) {
  const { t, tr, form } = ctx;
  const data = ctx.data;
  toolbar.textContent = "";
  const scoped = scopeUnit(form, data.scope) || "";
  const years = shownYears(form, data);
  const unitSelect = el(
    "select",
    { id: "selfscore-unit", "data-path": "scope" },
    [el("option", { value: "", text: t.county })].concat(
      form.units
        .filter((u) => u.id in form.unit_indicators)
        .map((u) => el("option", { value: u.id, text: tr(u.name), selected: scoped === u.id })),
    ),
  );
  unitSelect.addEventListener("change", () => {
    ctx.data.scope = unitSelect.value ? { kind: "unit", unit: unitSelect.value } : { kind: "county" };
    ctx.view.opened.clear();
    ctx.redrawAll();
    ctx.changed();
    document.getElementById("selfscore-unit").focus();
  });
  // Years a file gave that calc cannot use are not replaced on screen: the box stays empty, calc's problem
  // stands beside it, and the per-year figures are drawn under the blank file's years until a year is set.
  const firstYear = contract().first_year; // calc.contract.YEARS: calc refuses other years
  const yearInput = el("input", {
    id: "selfscore-year",
    type: "number",
    inputmode: "numeric",
    min: firstYear.min,
    max: firstYear.max,
    step: 1,
    value: validYears(data.years) ? data.years[0] : "",
    "data-path": "years",
    "aria-describedby": "selfscore-years-shown",
  });
  yearInput.addEventListener("change", () => {
    const first = Number(yearInput.value);
    if (!Number.isInteger(first) || first < firstYear.min || first > firstYear.max) {
      yearInput.value = validYears(ctx.data.years) ? ctx.data.years[0] : "";
      return;
    }
    ctx.data.years = [first, first + 1];
    ctx.redrawAll();
    ctx.changed();
    document.getElementById("selfscore-year").focus();
  });
  const regionSelect = el(
    "select",
    { id: "selfscore-region", "data-path": "region" },
    contract().regions.map((r) =>
      el("option", {
        value: r.id,
        text: regionLabel(r.id, ctx.lang),
        selected: (typeof data.region === "string" ? data.region : form.blank.region) === r.id,
      }),
    ),
  );
  regionSelect.addEventListener("change", () => {
    ctx.data.region = regionSelect.value;
    ctx.changed();
  });
  const fileInput = el("input", {
    type: "file",
    accept: ACCEPTED_FILES,
    id: "selfscore-import",
    class: "selfscore-file",
  });
  fileInput.addEventListener("change", () => {
    const file = fileInput.files[0];
    fileInput.value = "";
    if (file) importFile(ctx, file);
  });
  const count = indicatorsInScope(form, data.scope).length;
  toolbar.append(
    el("fieldset", { class: "selfscore-settings" }, [
      el("legend", { text: t.settings }),
      el("div", { class: "selfscore-field", "data-field-box": "1" }, [
        el("label", { for: "selfscore-unit", text: t.unit }),
        unitSelect,
        el("div", { class: "selfscore-field-errors" }),
      ]),
      el("div", { class: "selfscore-field", "data-field-box": "1" }, [
        el("label", { for: "selfscore-year", text: t.years }),
        el("span", {}, [
          yearInput,
          " ",
          el("span", { id: "selfscore-years-shown", class: "selfscore-hint", text: t.yearsShown(years[0], years[1]) }),
        ]),
        el("div", { class: "selfscore-field-errors" }),
      ]),
      el("div", { class: "selfscore-field", "data-field-box": "1" }, [
        el("label", { for: "selfscore-region", text: t.region }),
        regionSelect,
        el("div", { class: "selfscore-field-errors" }),
      ]),
      scoped ? el("p", { class: "selfscore-hint selfscore-unit-hint", text: t.unitHint(count) }) : null,
    ]),
    el("div", { class: "selfscore-actions", role: "group", "aria-label": t.actions }, [
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        id: "selfscore-export",
        text: t.exportJson,
        onclick: () => guarded(ctx, t.exportJson, () => exportJson(ctx)),
      }),
      el("label", { for: "selfscore-import", class: "md-button selfscore-small selfscore-file-label" }, [
        t.importJson,
        fileInput,
      ]),
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        id: "selfscore-xlsx",
        text: t.exportXlsx,
        onclick: () => guarded(ctx, t.exportXlsx, () => exportXlsx(ctx)),
      }),
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        id: "selfscore-csv",
        text: t.exportCsv,
        onclick: () => guarded(ctx, t.exportCsv, () => exportCsv(ctx)),
      }),
      // beforeprint (app.js) draws the report, whichever way printing starts
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        id: "selfscore-print",
        text: t.print,
        onclick: () => guarded(ctx, t.print, () => window.print()),
      }),
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        id: "selfscore-reset",
        text: t.startOver,
        onclick: () => {
          if (!window.confirm(t.confirmStartOver)) return;
          ctx.replaceWork(blankAssessment(form, ctx.data), t.cleared, null);
        },
      }),
    ]),
  );
}

function guarded(ctx, label, proceed) {
  warnInvalid(ctx, ctx.warnBox, ctx.problems || [], label, proceed);
}

function fileStem(ctx) {
  const scope = ctx.data.scope;
  const who = scope && scope.kind === "unit" && scope.unit ? scope.unit : "county";
  return ctx.t.fileStem + "-" + who + "-" + localDate();
}

/** The file as entered; values calc refused are listed in meta.invalid_values (field, value, message), and
 * meta.exported says when (the county's tracker, calc/tracker.py, shows it once the file is merged). */
export function exportedFile(data, problems, now = new Date()) {
  const out = JSON.parse(JSON.stringify(data));
  out.meta = Object.assign({}, out.meta && typeof out.meta === "object" && !Array.isArray(out.meta) ? out.meta : {});
  delete out.meta.invalid_values;
  out.meta.exported = now.toISOString().replace(/\.\d{3}Z$/, "Z");
  if (problems.length) {
    out.meta.invalid_values = problems.map((p) => ({ field: p.field, message: p.message }));
  }
  return out;
}

/** The numbers go out as calc read them ("9５" as "95": calc.normalise); the page keeps them as typed.
 * Without the engine (it failed to load) the file is the work as typed, which calc reads the same way. */
async function exportJson(ctx) {
  let data = ctx.data;
  try {
    data = JSON.parse(await call("normalise", JSON.stringify(ctx.data)));
  } catch {
    data = ctx.data;
  }
  download(
    fileStem(ctx) + ".json",
    JSON.stringify(exportedFile(data, ctx.problems || []), null, 2) + "\n",
    "application/json",
  );
}

/** The report workbook (calc.spreadsheet.report_xlsx, in the spreadsheet engine): summary, sub-items and the
 * facts as entered, so that importing it gives the same scores. */
async function exportXlsx(ctx) {
  ctx.showMessage("info", ctx.t.xlsxWorking);
  let bytes;
  try {
    // a merged county file: the disputes still open on the page go on the workbook's merge sheet
    const conflicts = ctx.merge ? JSON.stringify(ctx.openConflicts()) : null;
    bytes = await callSheets("report_workbook", {
      text: JSON.stringify(ctx.data),
      lang: ctx.lang,
      today: localDate(),
      conflicts,
    });
  } catch {
    ctx.showMessage("error", ctx.t.spreadsheetNoEngine);
    return;
  }
  if (!bytes) {
    ctx.showMessage("error", ctx.t.importFailed);
    return;
  }
  download(fileStem(ctx) + ".xlsx", bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ctx.showMessage("done", ctx.t.exported(fileStem(ctx) + ".xlsx"));
}

function exportCsv(ctx) {
  if (!ctx.report || ctx.reportStale) {
    ctx.showMessage("error", ctx.t.notReady);
    return;
  }
  download(
    fileStem(ctx) + ".csv",
    csvText(
      csvRows({
        report: ctx.report,
        form: ctx.form,
        data: ctx.data,
        lang: ctx.lang,
        t: ctx.t,
        date: new Date(),
        comparison: latestComparison(),
      }),
    ),
    "text/csv;charset=utf-8",
  );
}

/**
 * Import: calc reads the chosen file's bytes exactly as `python -m calc` reads a file (calc.api.open_file_json),
 * and says whether it can be opened. A refused file changes nothing on the page; an opened one is held as
 * calc read it (never repaired here), with calc's problems beside the fields.
 */
export async function importFile(ctx, file) {
  const t = ctx.t;
  const name = file.name;
  const refuse = (reasons) => ctx.showMessage("error", t.importRefused(name) + reasons + " " + t.keptWork);
  let answer;
  try {
    const bytes = new Uint8Array(await file.slice(0, contract().limits.read_at_most_bytes).arrayBuffer());
    if (!(await whenReady())) {
      refuse(t.importNoEngine);
      return;
    }
    answer = JSON.parse(await call("open", { bytes, name }));
    if (answer.spreadsheet) {
      // a workbook: calc.spreadsheet reads it in the spreadsheet engine, loaded now if it is the first one
      ctx.showMessage("info", t.readingSpreadsheet(name));
      try {
        answer = JSON.parse(await callSheets("open_workbook", { bytes, name }));
      } catch {
        refuse(t.spreadsheetNoEngine);
        return;
      }
    }
  } catch {
    refuse(t.importFailed);
    return;
  }
  if (!answer.opened) {
    refuse(answer.problems.map((p) => pick(p.message, ctx.lang)).join(" "));
    return;
  }
  const data = opened(JSON.parse(answer.text));
  ctx.replaceWork(data, t.imported(name), await openDisputes(data, answer.text, name));
}

/** A merged county file keeps the figures its units gave differently (calc.merge's `disputes`): opened
 * again, each gets its chooser back, as right after the merge. calc.merge, given the file alone, lists
 * them as its conflicts; the units come from the file's own record of its merged files. */
async function openDisputes(data, text, name) {
  if (!Array.isArray(data.disputes) || !data.disputes.length) return null;
  try {
    const merged = JSON.parse(await call("merge", [{ name, text }]));
    const conflicts = merged.conflicts.filter((c) => c.field === "facts");
    const units = {};
    for (const file of data.meta && Array.isArray(data.meta.merged_files) ? data.meta.merged_files : []) {
      if (file && typeof file.source === "string" && typeof file.unit === "string") units[file.source] = file.unit;
    }
    return conflicts.length ? { conflicts, units } : null;
  } catch {
    return null; // the gap list still names each dispute with what its values would score (calc.disputes)
  }
}
