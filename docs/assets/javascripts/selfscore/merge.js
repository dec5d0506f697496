/*
 * The county office's merge: read the units' files, let calc.merge combine them, and after "use the
 * combined assessment" keep every disputed figure marked where it is, with each unit's value to choose
 * (or a value to type). The list of disputes counts down as they are settled; the whole state is saved
 * with the work (store.js), so a reload half-way loses nothing.
 */
import { contract } from "../engine/contract.js";
import { el, cssId } from "./dom.js";
import { call, callSheets, engineState } from "../engine/client.js";
import { opened, shownYears } from "../engine/store.js";
import { scopeUnit, unitName } from "./export.js";
import { showValue } from "./show-value.js";
import { ACCEPTED_FILES } from "./text.js";

function sameYear(conflict, year) {
  return (
    conflict.year === null ||
    conflict.year === undefined ||
    year === null ||
    year === undefined ||
    String(conflict.year) === String(year)
  );
}

/** The disputed-value chooser shown beside a figure (null when the figure is not disputed). */
export function conflictChoices(ctx, key, year) {
  const conflict = ctx.openConflicts().find((c) => c.key === key && sameYear(c, year));
  if (!conflict) return null;
  const { t } = ctx;
  const id = "conflict-" + cssId(key + (conflict.year ? "-" + conflict.year : ""));
  return el(
    "div",
    {
      class: "selfscore-conflict",
      id,
      role: "group",
      "aria-labelledby": id + "-title",
      "data-conflict": key + (conflict.year ? "/" + conflict.year : ""),
    },
    [
      el("p", { class: "selfscore-conflict-title", id: id + "-title", text: t.conflictHere }),
      el(
        "ul",
        { class: "selfscore-conflict-values" },
        conflict.values.map((v) =>
          el(
            "li",
            {},
            el("button", {
              type: "button",
              class: "md-button selfscore-small",
              text: t.conflictUse(sourceLabel(ctx, v.source), showValue(ctx, v.value, conflict.field)),
              onclick: () => choose(ctx, conflict, v.value),
            }),
          ),
        ),
      ),
      el("p", { class: "selfscore-hint", text: t.conflictOrType }),
    ],
  );
}

/** "县统计局（statistics.json）": the unit named in the file, and the file it came from. */
function sourceLabel(ctx, source) {
  const unit = ctx.merge && ctx.merge.units ? ctx.merge.units[source] : null;
  return unit ? unitName(ctx.form, unit, ctx.lang) + ctx.t.paren(source) : source;
}

function choose(ctx, conflict, value) {
  const data = ctx.data;
  if (conflict.field === "facts") {
    if (conflict.year !== null && conflict.year !== undefined) {
      const all = Object.assign({}, data.facts[conflict.key] || {});
      all[String(conflict.year)] = value;
      data.facts[conflict.key] = all;
    } else {
      data.facts[conflict.key] = value;
    }
  } else {
    data[conflict.field] = value;
  }
  settle(ctx, conflict);
  ctx.redrawAll();
  ctx.changed();
  const next = ctx.openConflicts()[0];
  const target = next
    ? document.getElementById("conflict-" + cssId(next.key + (next.year ? "-" + next.year : "")))
    : null;
  const field =
    target ||
    document.querySelector("[data-fact='" + conflict.key + "'] input, [data-fact='" + conflict.key + "'] select");
  if (target) ctx.openIndicator(next.indicator);
  if (field) {
    field.scrollIntoView({ block: "center" });
    (field.querySelector("button") || field).focus({ preventScroll: true });
  }
}

function settle(ctx, conflict) {
  conflict.resolved = true;
  dropDispute(ctx.data, conflict);
  ctx.saveMerge();
}

/** The work's own record of the dispute (calc.merge's `disputes`, which calc scores each value of) goes
 * once the figure is settled, so an exported file lists only what is still undecided. */
function dropDispute(data, conflict) {
  if (conflict.field !== "facts" || !Array.isArray(data.disputes)) return;
  data.disputes = data.disputes.filter(
    (d) => !(d && d.key === conflict.key && sameYear(conflict, d.year) && sameYear(d, conflict.year)),
  );
  if (!data.disputes.length) delete data.disputes;
}

/** A typed value settles the dispute on that figure. Returns true when one was settled. */
export function settleTyped(ctx, key, year) {
  const conflict = ctx.openConflicts().find((c) => c.key === key && sameYear(c, year));
  if (!conflict) return false;
  settle(ctx, conflict);
  return true;
}

/** The list of disputes: links to each, counting down; years and region are chosen right here. */
export function renderConflictList(ctx, box) {
  box.textContent = "";
  const all = ctx.merge ? ctx.merge.conflicts : [];
  if (!all.length) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const { t, tr } = ctx;
  const open = all.filter((c) => !c.resolved);
  box.dataset.open = open.length;
  box.append(
    el("h2", {
      class: "selfscore-conflicts-title",
      text: open.length ? t.conflictsLeft(open.length, all.length) : t.conflictsDone(all.length),
    }),
  );
  box.append(
    el(
      "ol",
      {},
      all.map((c) => {
        const text = tr(c.message);
        if (c.resolved)
          return el("li", { class: "selfscore-conflict-done", "data-conflict": c.key || c.field }, [
            el("s", { text }),
            " — " + t.conflictSettled,
          ]);
        if (c.field !== "facts") {
          return el("li", { "data-conflict": c.field }, [
            text,
            el(
              "span",
              { class: "selfscore-conflict-values" },
              c.values.map((v) =>
                el("button", {
                  type: "button",
                  class: "md-button selfscore-small",
                  text: t.conflictUse(sourceLabel(ctx, v.source), showValue(ctx, v.value, c.field)),
                  onclick: () => choose(ctx, c, v.value),
                }),
              ),
            ),
          ]);
        }
        const id = "conflict-" + cssId(c.key + (c.year ? "-" + c.year : ""));
        return el(
          "li",
          { "data-conflict": c.key + (c.year ? "/" + c.year : "") },
          el("a", {
            href: "#" + id,
            text,
            onclick: (event) => {
              event.preventDefault();
              event.stopPropagation();
              ctx.openIndicator(c.indicator);
              const target = document.getElementById(id);
              if (target) {
                target.scrollIntoView({ block: "center" });
                (target.querySelector("button") || target).focus({ preventScroll: true });
              }
            },
          }),
        );
      }),
    ),
  );
  if (!open.length) {
    box.append(
      el("button", {
        type: "button",
        class: "md-button selfscore-small",
        text: t.conflictsClear,
        onclick: () => {
          ctx.merge = null;
          ctx.saveMerge();
          ctx.redrawAll();
        },
      }),
    );
  }
}

export function renderMergeBox(ctx, mergeBox) {
  const { t } = ctx;
  mergeBox.textContent = "";
  const input = el("input", { type: "file", id: "selfscore-merge-files", multiple: true, accept: ACCEPTED_FILES });
  const result = el("div", { class: "selfscore-merge-result", "aria-live": "polite" });
  input.addEventListener("change", async () => {
    const files = [...input.files];
    input.value = "";
    result.textContent = "";
    if (!files.length) {
      result.append(el("p", { text: t.mergeNeedTwo }));
      return;
    }
    if (engineState().status !== "ready") {
      result.append(el("p", { class: "selfscore-message-error", role: "alert", text: t.notReady }));
      return;
    }
    const seen = new Map();
    const named = [];
    let merged, scored;
    try {
      for (const file of files) {
        const n = (seen.get(file.name) || 0) + 1;
        seen.set(file.name, n);
        // calc reads each file as the command line does (a workbook through calc.spreadsheet); one it cannot
        // read is listed with its reason
        const bytes = new Uint8Array(await file.slice(0, contract().limits.read_at_most_bytes).arrayBuffer());
        let read = JSON.parse(await call("read", { bytes, name: file.name }));
        if (read.spreadsheet) {
          const sheet = JSON.parse(await callSheets("open_workbook", { bytes, name: file.name }));
          read = sheet.opened ? { text: sheet.text } : { problem: sheet.problems[0] };
        }
        named.push(
          Object.assign(
            { name: n > 1 ? file.name + " (" + n + ")" : file.name },
            read.problem ? { problem: read.problem } : { text: read.text },
          ),
        );
      }
      merged = JSON.parse(await call("merge", JSON.stringify(named)));
      scored = JSON.parse(await call("score", JSON.stringify(merged.assessment)));
    } catch (err) {
      result.append(el("p", { class: "selfscore-message-error", role: "alert", text: String(err.message || err) }));
      return;
    }
    const units = {};
    for (const entry of named) {
      if (!entry.text) continue; // unreadable: calc reports it
      const parsed = JSON.parse(entry.text);
      const scope = scopeUnit(ctx.form, parsed && typeof parsed === "object" ? parsed.scope : null);
      if (scope) units[entry.name] = scope;
    }
    showMerge(
      ctx,
      result,
      merged,
      scored,
      named.map((n) => n.name),
      units,
    );
  });
  mergeBox.append(
    el("summary", { text: t.mergeTitle }),
    el("p", { text: t.mergeIntro }),
    el("div", { class: "selfscore-field" }, [
      el("label", { for: "selfscore-merge-files", text: t.mergeChoose }),
      input,
    ]),
    result,
  );
}

function showMerge(ctx, box, merged, scored, names, units) {
  const { t, tr } = ctx;
  box.textContent = "";
  box.dataset.conflicts = merged.conflicts.length;
  box.append(el("h3", { text: t.mergeResult }));
  if (scored.report) {
    box.append(
      el(
        "p",
        { class: "selfscore-merge-total", "data-merged-total": scored.report.total },
        el("strong", { text: t.mergeTotal(scored.report.total, scored.report.max, scored.report.passed) }),
      ),
    );
  }
  const bySource = new Map(names.map((name) => [name, []]));
  for (const problem of merged.problems) {
    if (!bySource.has(problem.source)) bySource.set(problem.source, []);
    bySource.get(problem.source).push(problem);
  }
  box.append(
    el("h4", { text: t.mergeSources }),
    el(
      "ul",
      { class: "selfscore-merge-sources" },
      names.map((name) => {
        const found = bySource.get(name) || [];
        const who = units[name] ? unitName(ctx.form, units[name], ctx.lang) + t.colon : "";
        return el("li", { "data-source": name }, [
          el("strong", { text: name }),
          t.colon + who + (found.length ? t.mergeFileProblems(found.length) : t.mergeFileOk),
        ]);
      }),
    ),
  );
  box.append(
    el("h4", { text: merged.conflicts.length ? t.mergeConflicts(merged.conflicts.length) : t.mergeNoConflicts }),
  );
  if (merged.conflicts.length) {
    box.append(el("p", { text: t.mergeConflictsNext }));
    box.append(
      el("table", { class: "selfscore-conflicts" }, [
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            [t.conflictFact, t.conflictValues].map((x) => el("th", { scope: "col", text: x })),
          ),
        ),
        el(
          "tbody",
          {},
          merged.conflicts.map((conflict) =>
            el("tr", { "data-conflict": conflict.key || conflict.field }, [
              el("td", { text: tr(conflict.message) }),
              el(
                "td",
                {},
                el(
                  "ul",
                  {},
                  conflict.values.map((v) =>
                    el("li", {}, [
                      el("strong", {
                        text: units[v.source]
                          ? unitName(ctx.form, units[v.source], ctx.lang) + t.paren(v.source)
                          : v.source,
                      }),
                      t.colon + showValue(ctx, v.value, conflict.field),
                    ]),
                  ),
                ),
              ),
            ]),
          ),
        ),
      ]),
    );
  }
  const withProblems = [...bySource.entries()].filter(([, list]) => list.length);
  box.append(el("h4", { text: withProblems.length ? t.mergeProblems : t.mergeNoProblems }));
  for (const [source, list] of withProblems) {
    box.append(
      el("div", { class: "selfscore-merge-problems", "data-source": source }, [
        el("p", {}, el("strong", { text: source })),
        el(
          "ul",
          {},
          list.map((p) => el("li", { text: (p.field ? p.field + t.colon : "") + tr(p.message) })),
        ),
      ]),
    );
  }
  box.append(
    el("button", {
      type: "button",
      class: "md-button md-button--primary selfscore-small",
      id: "selfscore-merge-use",
      text: t.mergeUse,
      onclick: () => {
        if (!window.confirm(t.mergeConfirm)) return;
        const conflicts = merged.conflicts.map((c) => Object.assign({}, c, { resolved: false }));
        // Files of different years merge without years (calc lists that as a conflict): the form keeps the page's.
        const assessment = opened(merged.assessment);
        if (!assessment.years) assessment.years = shownYears(ctx.form, ctx.data).slice();
        ctx.replaceWork(assessment, t.mergeUsed, conflicts.length ? { conflicts, units } : null);
        box.closest("details").open = false;
        const list = document.querySelector(".selfscore-conflict-list");
        (list && !list.hidden ? list : document.querySelector(".selfscore-messages")).scrollIntoView({
          block: "start",
        });
      },
    }),
  );
}
