/*
 * The form: one article per indicator of the scope, each input bound to one place of the assessment
 * (data-path is where calc reports its problems: facts/<key>[/<year>][/<field>]). Indicators fold: on a
 * phone one is open at a time (the page stays short), on a desktop completed ones can be folded away.
 * A figure the units' files disagree on carries, in place, the units' values to choose from.
 */
import { el, cssId } from "./dom.js";
import { pairField, textField } from "../fields.js";
import { indicatorsInScope, unitName } from "./export.js";
import { conflictChoices } from "./merge.js";
import { showValue } from "./show-value.js";
import { shownYears } from "../engine/store.js";

export function renderForm(ctx, formBox) {
  formBox.textContent = "";
  const { form, t, tr } = ctx;
  const visible = new Set(indicatorsInScope(form, ctx.data.scope).map((ind) => ind.number));
  for (const first of form.categories) {
    const section = el(
      "section",
      { class: "selfscore-category", id: "category-" + first.id, "data-category": first.id },
      el("h2", { text: tr(first.name) + t.paren(t.pts(first.points)) }),
    );
    let any = false;
    for (const second of first.children) {
      const indicators = form.indicators.filter((ind) => ind.category === second.id && visible.has(ind.number));
      if (!indicators.length) continue;
      any = true;
      section.append(el("h3", { text: tr(second.name) + t.paren(t.pts(second.points)) }));
      for (const ind of indicators) section.append(indicatorArticle(ctx, ind));
    }
    if (any) formBox.append(section);
  }
  applyFolding(ctx);
}

/** Open or fold an indicator; on a phone opening one folds the others (one indicator at a time). */
export function setOpen(ctx, number, open) {
  const article = document.getElementById("indicator-" + number);
  if (!article) return;
  if (open && ctx.view.oneAtATime) {
    for (const other of document.querySelectorAll(".selfscore-indicator[data-open='1']")) {
      if (other !== article) foldArticle(other, false);
    }
  }
  foldArticle(article, open);
  ctx.view.opened.set(number, open);
}

function foldArticle(article, open) {
  article.dataset.open = open ? "1" : "0";
  const body = article.querySelector(".selfscore-indicator-body");
  const toggle = article.querySelector(".selfscore-fold");
  body.hidden = !open;
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
}

/** Which indicators are open: chosen by the person, else phone → only the first unfinished, desktop → all
 * (completed ones folded when "fold completed" is on). */
export function applyFolding(ctx) {
  const states = ctx.states || new Map();
  const articles = [...document.querySelectorAll(".selfscore-indicator")];
  let firstOpen = null;
  if (ctx.view.oneAtATime) {
    const chosen = articles.find((a) => ctx.view.opened.get(Number(a.dataset.indicator)) === true);
    firstOpen = chosen || articles.find((a) => states.get(Number(a.dataset.indicator)) !== "done") || articles[0];
  }
  for (const article of articles) {
    const number = Number(article.dataset.indicator);
    let open;
    if (ctx.view.oneAtATime) open = article === firstOpen;
    else if (ctx.view.opened.has(number)) open = ctx.view.opened.get(number);
    else open = !(ctx.view.foldDone && states.get(number) === "done");
    foldArticle(article, open);
  }
}

/** Where a calculator's "use these values" lands: what happened, and the way back (the work as it was). */
function carriedNote(ctx) {
  const { t } = ctx;
  return el("div", { class: "selfscore-carried", role: "status" }, [
    el("p", {
      class: "selfscore-message selfscore-message-done",
      text: t.carriedNote(ctx.carried.indicator, ctx.carried.undo),
    }),
    ctx.carried.undo
      ? el("button", {
          type: "button",
          class: "md-button selfscore-small selfscore-carried-undo",
          text: t.carriedUndo,
          onclick: () => ctx.undoCarried(),
        })
      : null,
  ]);
}

function indicatorArticle(ctx, ind) {
  const { t, tr, lang, form } = ctx;
  const listSep = lang === "zh" ? "、" : ", ";
  const rule = el("details", { class: "selfscore-rule" }, [
    el("summary", { text: t.rule }),
    ...ind.items.map((item) => el("p", { text: item.id + " " + tr(item.source) })),
    el("p", { text: t.responsible + t.colon + ind.responsible.map((id) => unitName(form, id, lang)).join(listSep) }),
  ]);
  const evidencePath = "evidence/" + ind.number;
  const evidenceId = cssId(evidencePath);
  const hintId = evidenceId + "-hint";
  const evidence = el("textarea", { id: evidenceId, rows: 2, "data-path": evidencePath, "aria-describedby": hintId });
  evidence.value = (ctx.data.evidence && ctx.data.evidence[String(ind.number)]) || "";
  evidence.addEventListener("input", () => {
    ctx.data.evidence = ctx.data.evidence || {};
    ctx.data.evidence[String(ind.number)] = evidence.value;
    ctx.changed();
  });
  const bodyId = "indicator-body-" + ind.number;
  const toggle = el(
    "button",
    { type: "button", class: "selfscore-fold", "aria-expanded": "true", "aria-controls": bodyId },
    [
      el("span", {
        class: "selfscore-fold-title",
        text: ind.number + ". " + tr(ind.title) + t.paren(t.pts(ind.points)),
      }),
      el("span", { class: "selfscore-state", "data-state": "", text: "" }),
      el("span", { class: "selfscore-badge", "aria-label": t.score, text: "" }),
    ],
  );
  toggle.addEventListener("click", () => {
    const article = toggle.closest(".selfscore-indicator");
    setOpen(ctx, ind.number, article.dataset.open !== "1");
  });
  return el(
    "article",
    { class: "selfscore-indicator", id: "indicator-" + ind.number, "data-indicator": ind.number, "data-open": "1" },
    [
      el("h4", { class: "selfscore-indicator-title" }, toggle),
      // A <form> per indicator, for speed: on every keystroke Chrome's autofill re-reads each field of the
      // form the typed field belongs to, and fields outside any form count as one form of the whole page
      // (hundreds of fields here: 8-10 ms of the page's main thread per keystroke, measured in a trace).
      // Nothing is ever submitted: Enter in a field does nothing, as before.
      el("form", { class: "selfscore-indicator-body", id: bodyId, onsubmit: (event) => event.preventDefault() }, [
        ctx.carried && ctx.carried.indicator === ind.number ? carriedNote(ctx) : null,
        rule,
        ...ind.facts.map((fact) => factInput(ctx, fact)).filter(Boolean),
        ...ind.flags.map((flag) => flagInput(ctx, flag)),
        el("div", { class: "selfscore-evidence", "data-field-box": "1" }, [
          el("label", { for: evidenceId, text: t.evidence }),
          el("span", { class: "selfscore-hint", id: hintId, text: t.evidenceHint }),
          el("div", { class: "selfscore-field-errors" }),
          evidence,
        ]),
        el("div", { class: "selfscore-result" }),
        el(
          "p",
          { class: "selfscore-next-row" },
          el("button", {
            type: "button",
            class: "md-button selfscore-small selfscore-next-button",
            text: t.nextOpen,
            onclick: () => ctx.goToNextOpen(ind.number),
          }),
        ),
      ]),
    ],
  );
}

function benchmarkDefault(ctx, fact, year) {
  const id = fact.default && fact.default.benchmark;
  const series = id && ctx.form.benchmarks.find((b) => b.id === id);
  if (!series) return null;
  const value = series.values[String(year)];
  return value === undefined || value === null ? null : { value: String(value), source: ctx.tr(series.source) };
}

/** A text box bound to one place of the assessment; `hidden` is read before the visible label by screen readers. */
function textInput(ctx, options) {
  return textField({
    prefix: "selfscore",
    idOf: cssId,
    defaultTag: ctx.t.defaultTag,
    onInput: ctx.changed,
    ...options,
  });
}

function pairInput(ctx, fact, path, value, onChange, yearLabel, year) {
  const { t, tr } = ctx;
  const fallbackInfo = benchmarkDefault(ctx, fact, year);
  return pairField({
    prefix: "selfscore",
    idOf: cssId,
    kind: fact.kind,
    words: t,
    // "Numerator (number of online trading operators)": the data names what each count is.
    partNote: (k) => (fact[k] ? t.paren(tr(fact[k])) : ""),
    path,
    value,
    onChange,
    onInput: ctx.changed,
    yearLabel,
    yearClass: "selfscore-year-label",
    hidden: [tr(fact.label), yearLabel].filter(Boolean).join(" "),
    fallback: fallbackInfo ? fallbackInfo.value : null,
    defaultTag: t.defaultTag,
    boxAttributes: { "data-field-box": "1" },
    after: [conflictChoices(ctx, fact.key, year), el("div", { class: "selfscore-field-errors" })],
  });
}

function factInput(ctx, fact) {
  const { t, tr, lang } = ctx;
  const data = ctx.data;
  const key = fact.key;
  const base = "facts/" + key;
  const setFact = (value) => {
    ctx.data.facts[key] = value;
    ctx.factEdited(key, null);
  };
  const value = data.facts[key];
  const notes = [];
  // A national default for the whole period is one assessed year's figure: calc says which (form.json).
  const years = shownYears(ctx.form, data);
  const defaultYear = years[ctx.form.benchmark_year_index];
  if (fact.default && fact.default.benchmark) {
    const info = benchmarkDefault(ctx, fact, defaultYear);
    if (info) notes.push(el("p", { class: "selfscore-benchmark", text: t.defaultNote(info.source) }));
  }
  if (fact.kind === "ratio" || fact.kind === "growth") {
    const box = el(
      "fieldset",
      { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind },
      el("legend", { class: "selfscore-fact-label", text: tr(fact.label) }),
    );
    if (fact.per_year) {
      for (const year of years) {
        const yearValue = value && typeof value === "object" ? value[String(year)] : undefined;
        box.append(
          pairInput(
            ctx,
            fact,
            base + "/" + year,
            yearValue,
            (v) => {
              const all = Object.assign({}, ctx.data.facts[key] || {});
              if (v === null) delete all[String(year)];
              else all[String(year)] = v;
              ctx.data.facts[key] = Object.keys(all).length ? all : null;
              ctx.factEdited(key, year);
            },
            lang === "zh" ? year + "年" : String(year),
            year,
          ),
        );
      }
      // Figures for years that are no longer assessed (the first year was changed, or a file said so):
      // shown, not scored, and removable; never dropped silently.
      const others =
        value && typeof value === "object" ? Object.keys(value).filter((y) => !years.map(String).includes(y)) : [];
      for (const year of others) {
        const path = base + "/" + year;
        box.append(
          el("div", { class: "selfscore-other-year", "data-field-box": "1" }, [
            el("span", { text: t.otherYear(year, showValue(ctx, value[year])) + " " }),
            el("button", {
              type: "button",
              class: "md-button selfscore-small",
              id: cssId(path),
              "data-path": path,
              text: t.remove,
              "aria-label": t.remove + " " + t.otherYear(year, showValue(ctx, value[year])),
              onclick: () => {
                const all = Object.assign({}, ctx.data.facts[key] || {});
                delete all[year];
                ctx.data.facts[key] = Object.keys(all).length ? all : null;
                ctx.rerenderForm();
                ctx.changed();
                const next = document.querySelector(
                  "[data-fact='" + key + "'] input, [data-fact='" + key + "'] select",
                );
                if (next) next.focus();
              },
            }),
            el("div", { class: "selfscore-field-errors" }),
          ]),
        );
      }
    } else {
      box.append(pairInput(ctx, fact, base, value, setFact, "", defaultYear));
    }
    box.append(...notes);
    return box;
  }
  if (fact.kind === "count" || fact.kind === "number") {
    const fallbackInfo = fact.default && fact.default.benchmark ? benchmarkDefault(ctx, fact, defaultYear) : null;
    return el("div", { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind, "data-field-box": "1" }, [
      textInput(ctx, {
        path: base,
        label: tr(fact.label),
        get: () => ctx.data.facts[key],
        set: setFact,
        fallback: fallbackInfo ? fallbackInfo.value : null,
      }),
      ...notes,
      conflictChoices(ctx, key, null),
      el("div", { class: "selfscore-field-errors" }),
    ]);
  }
  if (fact.kind === "firms") return firmsInput(ctx, fact, notes);
  return null;
}

function firmsInput(ctx, fact, notes) {
  const { t, tr } = ctx;
  const key = fact.key;
  const base = "facts/" + key;
  const box = el(
    "fieldset",
    { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind },
    el("legend", { class: "selfscore-fact-label", text: tr(fact.label) }),
  );
  const rows = el("div", { class: "selfscore-firms" });
  const addButton = el("button", {
    type: "button",
    class: "md-button selfscore-small",
    "data-path": base,
    id: cssId(base) + "-add",
    text: t.addFirm,
  });
  const draw = (focusIndex) => {
    rows.textContent = "";
    const firms = Array.isArray(ctx.data.facts[key]) ? ctx.data.facts[key] : [];
    if (!firms.length) {
      // An empty list says "there are none"; no list at all says "not entered yet".
      const noneId = cssId(base) + "-none";
      const none = el("input", { type: "checkbox", id: noneId, checked: Array.isArray(ctx.data.facts[key]) });
      none.addEventListener("change", () => {
        ctx.data.facts[key] = none.checked ? [] : null;
        ctx.factEdited(key, null);
        ctx.changed();
      });
      rows.append(
        el("p", { class: "selfscore-hint", text: t.noFirms }),
        el("div", { class: "selfscore-flag" }, [none, el("label", { for: noneId, text: t.firmsNone })]),
      );
    }
    firms.forEach((firm, index) => {
      const p = base + "/" + index;
      const who = t.firmNo(index + 1);
      const remove = el("button", {
        type: "button",
        class: "md-button selfscore-small",
        "aria-label": t.remove + " " + who,
        text: t.remove,
        onclick: () => {
          ctx.data.facts[key].splice(index, 1);
          if (!ctx.data.facts[key].length) ctx.data.facts[key] = null;
          draw();
          ctx.changed();
          addButton.focus();
        },
      });
      if (!firm || typeof firm !== "object" || Array.isArray(firm)) {
        // A row of a file that is not an operator at all (calc reports it): shown as it is, removable.
        rows.append(
          el("div", { class: "selfscore-firm", "data-field-box": "1", id: cssId(p), "data-path": p, tabindex: "-1" }, [
            el("span", { class: "selfscore-year-label", text: who }),
            el("code", { text: JSON.stringify(firm) }),
            remove,
            el("div", { class: "selfscore-field-errors" }),
          ]),
        );
        return;
      }
      const set = (field, convert) => (v) => {
        firm[field] = convert ? convert(v) : v;
        ctx.factEdited(key, null);
      };
      rows.append(
        el("div", { class: "selfscore-firm", "data-field-box": "1" }, [
          el("span", { class: "selfscore-year-label", text: who }),
          textInput(ctx, {
            path: p + "/name",
            label: t.firmName,
            hidden: who,
            numeric: false,
            wide: true,
            get: () => firm.name,
            set: set("name"),
          }),
          textInput(ctx, {
            path: p + "/year",
            label: t.firmYear,
            hidden: who,
            get: () => firm.year,
            set: set("year", (v) => (/^\d{4}$/.test((v || "").trim()) ? Number(v) : v)),
          }),
          textInput(ctx, {
            path: p + "/sales_wan_yuan",
            label: t.firmSales,
            hidden: who,
            get: () => firm.sales_wan_yuan,
            set: set("sales_wan_yuan"),
          }),
          remove,
          el("div", { class: "selfscore-field-errors" }),
        ]),
      );
    });
    if (focusIndex !== undefined) {
      const target = document.getElementById(cssId(base + "/" + focusIndex + "/name"));
      if (target) target.focus();
    }
  };
  addButton.addEventListener("click", () => {
    const firms = Array.isArray(ctx.data.facts[key]) ? ctx.data.facts[key] : [];
    ctx.data.facts[key] = firms.concat([{ name: "", year: shownYears(ctx.form, ctx.data)[1], sales_wan_yuan: null }]);
    draw(ctx.data.facts[key].length - 1);
    ctx.changed();
  });
  draw();
  box.append(
    rows,
    el("div", { "data-field-box": "1" }, [
      addButton,
      conflictChoices(ctx, key, null),
      el("div", { class: "selfscore-field-errors" }),
    ]),
    ...notes,
  );
  return box;
}

function flagInput(ctx, flag) {
  const path = "facts/" + flag.key;
  const id = cssId(path);
  const box = el("input", { type: "checkbox", id, "data-path": path, checked: ctx.data.facts[flag.key] === true });
  box.addEventListener("change", () => {
    ctx.data.facts[flag.key] = box.checked;
    ctx.factEdited(flag.key, null);
    ctx.changed();
  });
  return el("div", { class: "selfscore-flag", "data-fact": flag.key, "data-field-box": "1" }, [
    box,
    el("label", { for: id }, [el("strong", { text: flag.key }), " " + ctx.tr(flag.label)]),
    conflictChoices(ctx, flag.key, null),
    el("div", { class: "selfscore-field-errors" }),
  ]);
}
