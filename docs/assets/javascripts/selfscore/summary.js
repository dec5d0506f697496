/*
 * calc's report laid out on the page: the unit's own result first (when a unit is chosen), then the
 * county's, the gap split into this unit's items and other units' items, the floating score bar, the
 * progress ("已填 X / Y 项") with an index of the indicators by state, and each indicator's result.
 * Every number here is calc's (report.scope is calc/unit_report.py); this file only arranges them.
 */
import { progressLabel, stateLabel } from "../engine/contract.js";
import { el, cssId } from "./dom.js";
import { gapGroups, totalLabel, trackerFiles, unitName } from "./export.js";

const UNIT_PAGES = new Set(["unit", "group"]);

/** True if `box` already shows what `key` describes; otherwise remembers the key (the caller redraws).
 * Most keystrokes change one indicator's lines and nothing in the summary, the bar or the index: skipping
 * their rebuild spares the page's style and layout work while the worker is busy with the next call. */
function alreadyDrawn(box, key) {
  if (box.selfscoreDrawn === key) return true;
  box.selfscoreDrawn = key;
  return false;
}

/** Indicator states: calc's (done, partial, open, invalid), and "conflict" while a merge dispute is open. */
export function indicatorStates(ctx, report) {
  const states = new Map(report.scope.indicators.map((ind) => [ind.number, ind.state]));
  for (const conflict of ctx.openConflicts()) {
    if (conflict.indicator && states.has(conflict.indicator)) states.set(conflict.indicator, "conflict");
  }
  return states;
}

function unitLink(ctx, id) {
  const unit = ctx.form.units.find((u) => u.id === id);
  const name = unitName(ctx.form, id, ctx.lang);
  return unit && UNIT_PAGES.has(unit.kind) ? el("a", { href: "../units/" + id + "/", text: name }) : name;
}

/** What choosing each file's value of a disputed figure would score: calc.disputes' lines, laid out. */
function disputeChoices(ctx, dispute) {
  const { t, tr } = ctx;
  const chooser = document.getElementById("conflict-" + cssId(dispute.key + (dispute.year ? "-" + dispute.year : "")));
  return el(
    "ul",
    { class: "selfscore-dispute-choices", "data-dispute": dispute.key + (dispute.year ? "/" + dispute.year : "") },
    [
      ...dispute.values.map((v) => el("li", { "data-passed": v.passed ? "1" : "0", text: tr(v.line) })), // calc.disputes' line: the page and the command line say the same
      ...(chooser
        ? [el("li", {}, el("a", { href: "#" + chooser.id, "data-goto": dispute.indicator, text: t.disputeGo }))]
        : []),
    ],
  );
}

function itemEntry(ctx, entry, withUnits) {
  const { t, tr } = ctx;
  const onPage = document.getElementById("indicator-" + entry.indicator);
  const name = entry.id + " " + tr(entry.title);
  const parts = [
    onPage ? el("a", { href: "#indicator-" + entry.indicator, "data-goto": entry.indicator, text: name }) : name,
    " +" + t.pts(entry.gain) + " — " + tr(entry.action),
  ];
  if (withUnits) {
    const units = entry.responsible_groups || [];
    parts.push(
      t.paren(
        t.responsible +
          t.colon +
          units.map((id) => unitName(ctx.form, id, ctx.lang)).join(ctx.lang === "zh" ? "、" : ", "),
      ),
    );
  }
  if (entry.dispute) parts.push(disputeChoices(ctx, entry.dispute));
  return el("li", { "data-item": entry.id }, parts);
}

/** The disputes the gap list does not already show (the verdict is met, or choosing gains nothing). */
function disputesBlock(ctx, report) {
  const { t, tr } = ctx;
  const shown = new Set(
    gapItems(report)
      .filter((i) => i.dispute)
      .map((i) => i.dispute.key + "/" + i.dispute.year),
  );
  const rest = ((report.disputes || {}).open || []).filter((d) => !shown.has(d.key + "/" + d.year));
  if (!rest.length) return null;
  return el("div", { class: "selfscore-disputes" }, [
    el("h3", { text: t.disputesTitle }),
    el("p", { text: t.disputesNote }),
    el(
      "ul",
      {},
      rest.map((d) => el("li", {}, [tr(d.message), disputeChoices(ctx, d)])),
    ),
  ]);
}

function gapItems(report) {
  const gap = report.gap;
  if (!gap || gap.passed || report.scope.kind === "unit") return [];
  return [...(gap.categories || []).flatMap((c) => c.items || []), ...((gap.total || {}).items || [])];
}

function list(ctx, items, withUnits) {
  const first = items.slice(0, 5),
    rest = items.slice(5);
  const out = [
    el(
      "ul",
      {},
      first.map((i) => itemEntry(ctx, i, withUnits)),
    ),
  ];
  if (rest.length)
    out.push(
      el("details", { class: "selfscore-gap-more" }, [
        el("summary", { text: ctx.t.gapMore(rest.length) }),
        el(
          "ul",
          {},
          rest.map((i) => itemEntry(ctx, i, withUnits)),
        ),
      ]),
    );
  return out;
}

function unitBlock(ctx, scope) {
  const { t, tr } = ctx;
  const box = el("div", {
    class: "selfscore-unit-result",
    "data-unit": scope.unit,
    "data-unit-score": scope.score,
    "data-unit-max": scope.max,
  });
  box.append(
    el("h2", { id: "selfscore-summary-title", class: "selfscore-total" }, [
      t.unitResult(tr(scope.name)) + " ",
      el("span", { "data-unit-total": scope.score, text: String(scope.score) }),
      " / " + scope.max,
    ]),
    el("p", { class: "selfscore-unit-note", text: t.unitNote(scope.count, scope.answered) }),
  );
  box.append(el("h3", { text: t.ownItems }));
  if (scope.open_items.length)
    box.append(el("div", { class: "selfscore-own-items" }, list(ctx, scope.open_items, false)));
  else box.append(el("p", { class: "selfscore-own-items", text: t.ownNone }));
  return box;
}

function countyBlock(ctx, report, asUnit) {
  const { t, tr, form } = ctx;
  const verdict = report.passed ? t.pass : t.fail;
  const box = el("div", { class: "selfscore-county-result" });
  box.append(
    el(
      asUnit ? "h3" : "h2",
      asUnit ? { class: "selfscore-county-title" } : { id: "selfscore-summary-title", class: "selfscore-total" },
      [
        totalLabel(report, t) + " ",
        el("span", { "data-total": report.total, text: String(report.total) }),
        " / " + report.max + " ",
        el("strong", { class: report.passed ? "selfscore-pass" : "selfscore-fail", text: verdict }),
      ],
    ),
  );
  if (asUnit) box.append(el("p", { class: "selfscore-hint", text: t.countyNote }));
  box.append(el("p", { class: "selfscore-reason", text: t.passMark(form.pass_rule.total_min) + tr(report.reason) }));
  const line = form.pass_rule.category_rate_min;
  const body = el("tbody");
  for (const category of report.categories) {
    const bar = el("div", { class: "selfscore-bar", role: "img", "aria-label": t.barLabel(category.rate, line) }, [
      el("span", {
        class: "selfscore-bar-fill" + (category.passed ? "" : " selfscore-bar-low"),
        style: "width:" + Math.max(0, Math.min(100, category.rate)) + "%",
      }),
      el("span", { class: "selfscore-bar-line", style: "left:" + line + "%", title: t.rateLine(line) }),
    ]);
    body.append(
      el("tr", { "data-category": category.id }, [
        el(
          "th",
          { scope: "row" },
          document.getElementById("category-" + category.id)
            ? el("a", { href: "#category-" + category.id, text: tr(category.name) })
            : tr(category.name),
        ),
        el("td", { class: "selfscore-num", text: category.score + " / " + category.max }),
        el("td", { class: "selfscore-num", text: category.rate + "%" }),
        el("td", {}, bar),
      ]),
    );
  }
  box.append(
    el("table", { class: "selfscore-categories" }, [
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          [t.category, t.score, t.rate, t.rateLine(line)].map((h) => el("th", { scope: "col", text: h })),
        ),
      ),
      body,
    ]),
  );
  return box;
}

function gapBlock(ctx, report) {
  const { t, tr } = ctx;
  const gap = report.gap;
  const scope = report.scope;
  const box = el("div", { class: "selfscore-gap" }, el("h3", { text: t.gap }));
  if (!gap || gap.passed) {
    box.append(el("p", { text: t.gapNone }));
    return box;
  }
  if (scope.kind === "unit") {
    // A unit sees the county's plan split: what it can bring itself, and who must bring the rest.
    box.append(el("h4", { text: t.gapPlanOwn }));
    if (scope.gap.own.length) box.append(el("div", { class: "selfscore-gap-own" }, list(ctx, scope.gap.own, false)));
    else box.append(el("p", { class: "selfscore-gap-own", text: t.gapOwnNone }));
    box.append(el("h4", { text: t.gapPlanOthers }));
    const others = el("ul", { class: "selfscore-gap-others" });
    for (const other of scope.gap.others) {
      // Sub-item numbers only (their titles are on hover): the list stays short on a phone.
      others.append(
        el("li", { "data-unit": other.unit }, [
          unitLink(ctx, other.unit),
          t.colon,
          ...other.items.flatMap((i, n) => [
            n ? (ctx.lang === "zh" ? "、" : ", ") : "",
            el("abbr", { title: tr(i.title), text: i.id }),
          ]),
        ]),
      );
    }
    box.append(others);
    return box;
  }
  for (const group of gapGroups(gap, t, ctx.lang)) {
    box.append(el("p", { class: "selfscore-gap-title" }, el("strong", { text: group.title })));
    if (!group.reachable) box.append(el("p", { class: "selfscore-gap-warning", text: t.gapUnreachable }));
    box.append(...list(ctx, group.items, true));
  }
  return box;
}

/** The coordinator's tracker (calc/tracker.py): which responsible units' files are in, and what each missing
 * unit holds. Open once files are in; the reader's open or closed choice survives the redraws typing causes. */
function trackerBlock(ctx, tracked, wasOpen) {
  const { t, tr } = ctx;
  const box = el("details", {
    class: "selfscore-tracker",
    "data-received": tracked.received,
    "data-expected": tracked.expected,
  });
  box.open = wasOpen === undefined ? tracked.received > 0 : wasOpen;
  box.append(el("summary", {}, [el("strong", { text: t.trackerTitle }), " " + tr(tracked.summary)]));
  const body = el("tbody");
  const sep = ctx.lang === "zh" ? "、" : ", ";
  for (const entry of tracked.units) {
    const files = trackerFiles(entry, t);
    const own = entry.indicators.flatMap((i, n) => [
      n ? sep : "",
      document.getElementById("indicator-" + i.number)
        ? el("a", {
            href: "#indicator-" + i.number,
            "data-goto": i.number,
            title: progressLabel(i.state, ctx.lang),
            text: String(i.number),
          })
        : String(i.number),
    ]);
    // data-label: on a phone each row is drawn as a card, each cell under its heading (selfscore.css)
    const [, fileHead, ownHead, pointsHead, emptyHead] = t.trackerHeads;
    body.append(
      el("tr", { "data-unit": entry.unit, "data-received": entry.received ? "1" : "0" }, [
        el("th", { scope: "row" }, unitLink(ctx, entry.unit)),
        el(
          "td",
          { class: entry.received ? "selfscore-tracker-in" : "selfscore-tracker-missing", "data-label": fileHead },
          entry.received ? [el("span", { text: t.trackerIn }), el("br"), files.join(sep)] : t.trackerMissing,
        ),
        el("td", { "data-label": ownHead }, entry.indicators.length ? own : t.trackerSharedOnly),
        el("td", {
          class: "selfscore-num",
          "data-label": pointsHead,
          text: entry.indicators.length ? t.pts(entry.points) : "–",
        }),
        el("td", {
          class: "selfscore-num",
          "data-label": emptyHead,
          text: entry.indicators.length ? t.pts(entry.points_without_data) : "–",
        }),
      ]),
    );
  }
  box.append(
    el(
      "div",
      { class: "selfscore-table-scroll", role: "region", tabindex: "0", "aria-label": t.trackerTitle },
      el("table", { class: "selfscore-tracker-table" }, [
        el(
          "thead",
          {},
          el(
            "tr",
            {},
            t.trackerHeads.map((h) => el("th", { scope: "col", text: h })),
          ),
        ),
        body,
      ]),
    ),
  );
  if (tracked.other_files.length) {
    box.append(
      el("p", { class: "selfscore-hint", text: t.trackerOther + tracked.other_files.map((f) => f.source).join(sep) }),
    );
  }
  box.append(el("p", { class: "selfscore-hint", text: t.trackerNote }));
  return box;
}

export function renderSummary(ctx, summary, report) {
  const { indicators, ...shown } = report; // each indicator's lines are drawn by renderResults
  if (alreadyDrawn(summary, JSON.stringify(shown))) return;
  // The reader's open/closed choice survives a redraw while the same files are in; new files open it again.
  const drawnTracker = summary.querySelector(".selfscore-tracker");
  const trackerOpen =
    drawnTracker && report.tracker && drawnTracker.dataset.received === String(report.tracker.received)
      ? drawnTracker.open
      : undefined;
  summary.textContent = "";
  summary.dataset.total = report.total;
  summary.dataset.passed = report.passed ? "1" : "0";
  const asUnit = report.scope.kind === "unit";
  if (asUnit) {
    summary.dataset.unitScore = report.scope.score;
    summary.dataset.unitMax = report.scope.max;
    summary.append(unitBlock(ctx, report.scope));
  } else {
    delete summary.dataset.unitScore;
    delete summary.dataset.unitMax;
  }
  summary.append(countyBlock(ctx, report, asUnit), gapBlock(ctx, report));
  const disputes = disputesBlock(ctx, report);
  if (disputes) summary.append(disputes);
  if (report.tracker) summary.append(trackerBlock(ctx, report.tracker, trackerOpen));
}

/** The bar that floats over the form: the unit's (or county's) score, the progress and "next unanswered". */
export function renderSticky(ctx, sticky, report, states) {
  const { t } = ctx;
  const scope = report.scope;
  const answered = [...states.values()].filter((s) => s === "done").length;
  if (
    alreadyDrawn(
      sticky,
      JSON.stringify([
        scope.kind,
        scope.score,
        scope.max,
        report.total,
        report.max,
        report.passed,
        answered,
        states.size,
      ]),
    )
  )
    return;
  sticky.textContent = "";
  sticky.dataset.passed = report.passed ? "1" : "0";
  const score =
    scope.kind === "unit"
      ? t.stickyUnit +
        " " +
        scope.score +
        " / " +
        scope.max +
        " · " +
        t.stickyCounty +
        " " +
        report.total +
        " / " +
        report.max
      : t.stickyTotal + " " + report.total + " / " + report.max + " · " + (report.passed ? t.pass : t.fail);
  sticky.dataset.unitView = scope.kind === "unit" ? "1" : "0";
  sticky.append(
    ...[
      el(
        "a",
        { href: "#selfscore-summary", class: "selfscore-sticky-link" },
        el("span", { class: "selfscore-sticky-total", text: score }),
      ),
      el("span", {
        class: "selfscore-progress-count",
        "data-answered": answered,
        "data-count": states.size,
        "aria-live": "polite",
        text: t.answered(answered, states.size),
      }),
      answered < states.size
        ? el("button", {
            type: "button",
            class: "md-button selfscore-small selfscore-next",
            id: "selfscore-next",
            text: t.nextOpen,
            onclick: () => ctx.goToNextOpen(null),
          })
        : null,
    ].filter(Boolean),
  );
}

/** The index of the scope's indicators: one link per indicator, showing its state, jumping to it. */
export function renderIndex(ctx, nav, states) {
  const { t } = ctx;
  if (alreadyDrawn(nav, JSON.stringify([[...states], ctx.view.oneAtATime, ctx.view.foldDone]))) return;
  const wasOpen = nav.querySelector("details") ? nav.querySelector("details").open : !ctx.view.oneAtATime;
  nav.textContent = "";
  const links = [...states.entries()].map(([number, state]) =>
    el(
      "li",
      {},
      el("a", {
        href: "#indicator-" + number,
        class: "selfscore-index-link",
        "data-goto": number,
        "data-state": state,
        title: progressLabel(state, ctx.lang),
        "aria-label": number + " " + progressLabel(state, ctx.lang),
        text: String(number),
      }),
    ),
  );
  const fold = el("input", { type: "checkbox", id: "selfscore-fold-done", checked: ctx.view.foldDone });
  fold.addEventListener("change", () => {
    ctx.view.foldDone = fold.checked;
    ctx.view.opened.clear();
    ctx.refold();
  });
  const counts = {};
  for (const state of states.values()) counts[state] = (counts[state] || 0) + 1;
  nav.append(
    el("details", { class: "selfscore-index", open: wasOpen }, [
      el("summary", {
        text: t.indexTitle + t.paren(t.answered([...states.values()].filter((s) => s === "done").length, states.size)),
      }),
      el(
        "ul",
        { class: "selfscore-index-legend" },
        ["done", "partial", "open", "invalid", "conflict"]
          .filter((s) => counts[s])
          .map((s) =>
            el("li", { "data-state": s }, [
              el("span", { class: "selfscore-index-swatch", "data-state": s }),
              progressLabel(s, ctx.lang) + " " + counts[s],
            ]),
          ),
      ),
      el("ol", { class: "selfscore-index-list" }, links),
      ctx.view.oneAtATime
        ? null
        : el("div", { class: "selfscore-flag" }, [fold, el("label", { for: "selfscore-fold-done", text: t.foldDone })]),
    ]),
  );
}

/** Each indicator's badge, state and result lines, from calc's report. */
export function renderResults(ctx, report, states) {
  const { t, tr } = ctx;
  for (const indicator of report.indicators) {
    const article = document.getElementById("indicator-" + indicator.number);
    if (!article) continue;
    const state = states.get(indicator.number) || "open";
    const disputed = new Set(
      ctx
        .openConflicts()
        .filter((c) => c.indicator === indicator.number)
        .map((c) => c.key),
    );
    // A keystroke changes one indicator: the others keep their drawn result (the form can be redrawn
    // under them, so the key is kept on the result element itself).
    const result = article.querySelector(".selfscore-result");
    if (alreadyDrawn(result, JSON.stringify([indicator, state, [...disputed]]))) continue;
    const badge = article.querySelector(".selfscore-badge");
    badge.textContent = indicator.score + " / " + indicator.max;
    badge.dataset.status = indicator.status;
    article.dataset.state = state;
    const chip = article.querySelector(".selfscore-state");
    chip.dataset.state = state;
    chip.textContent = progressLabel(state, ctx.lang);
    result.textContent = "";
    result.dataset.score = indicator.score;
    for (const item of indicator.items) {
      // A figure under dispute is not "missing": it waits for the coordinator's choice.
      const status =
        item.status === "missing" && (item.missing || []).some((key) => disputed.has(key)) ? "conflict" : item.status;
      const lines = (item.lines && item.lines.length ? item.lines : [item.explanation]).map(tr).filter(Boolean);
      result.append(
        el("div", { class: "selfscore-item", "data-item": item.id, "data-status": status }, [
          el("p", { class: "selfscore-item-head" }, [
            el("strong", { text: t.itemScore(item.id, item.score, item.max) }),
            " · " +
              (status === "conflict"
                ? progressLabel("conflict", ctx.lang) + t.colon + t.conflictHere
                : stateLabel(item.status, ctx.lang)),
          ]),
          ...lines.map((l) => el("p", { text: l })),
        ]),
      );
    }
  }
}
