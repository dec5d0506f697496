/*
 * One indicator's live calculator: its own inputs (prefilled from its first worked example), scored by
 * calc in the self-scoring page's worker on every change. Inputs follow the self-scoring form
 * (data-path = facts/<key>[/<year>][/<field>], percent or numerator/denominator entry); each sub-item
 * result carries data-item and data-score. The boundary buttons are calc's (RuleKind.boundaries, written
 * into data-config at build time). Nothing here scores.
 */
import { el } from "../selfscore/dom.js";
import { call, engineState, onEngineState, startEngine } from "../engine/client.js";
import { TEXT } from "../selfscore/text.js";
import { contract, regionLabel, stateLabel, useContract } from "../engine/contract.js";
import { CALC_TEXT } from "./text.js";
import { pairField, textField } from "../fields.js";
import { carryOver, plannedChanges } from "./carry.js";

/** The assessment the calculator scores: calc's empty file (config.blank) with only this indicator's facts. */
export function assessmentOf(config, state) {
  return {
    ...JSON.parse(JSON.stringify(config.blank)),
    years: state.years,
    region: state.region,
    facts: JSON.parse(JSON.stringify(state.facts)),
  };
}

export function mount(details) {
  if (details.dataset.calcMounted) return;
  details.dataset.calcMounted = "1";
  const config = JSON.parse(details.dataset.config);
  useContract(config.contract);
  const lang = config.lang === "en" ? "en" : "zh";
  const t = TEXT[lang];
  const c = CALC_TEXT[lang];
  const prefix = "calc-" + config.number + "-";
  const state = { years: config.years, region: config.region, facts: {} };
  for (const fact of config.facts)
    state.facts[fact.key] = fact.value === undefined ? null : JSON.parse(JSON.stringify(fact.value));
  for (const flag of config.flags) state.facts[flag.key] = false;
  // The first worked example gives the flags' values too (data-config carries only the facts it shows).
  for (const flag of config.flags) if (flag.value === true) state.facts[flag.key] = true;

  const body = details.querySelector(".calc-body");
  body.textContent = "";
  const status = el("p", { class: "calc-status", role: "status" });
  const inputs = el("div", { class: "calc-inputs" });
  const edges = el("div", { class: "calc-boundaries" });
  const results = el("div", { class: "calc-results", "aria-live": "polite", "data-pending": "1" });
  const carryBox = el("div", { class: "calc-carry" });
  body.append(status, inputs, edges, results, carryBox);

  let latest = 0;
  let timer = null;
  // data-pending on the results while a change is not yet scored (tests and assistive technology wait for it).
  const changed = () => {
    results.dataset.pending = "1";
    clearTimeout(timer);
    timer = setTimeout(rescore, 120);
  };

  /* ----- inputs ----- */

  const id = (path) => prefix + path.replace(/\//g, "-").replace(/[^A-Za-z0-9_.-]/g, "_");

  function textBox(path, label, get, set, numeric = true) {
    return textField({ prefix: "calc", idOf: id, path, label, get, set, onInput: changed, numeric, trim: true });
  }

  /** A rate or growth figure: percent, or its two parts, like the self-scoring form. */
  function pairBox(fact, path, get, set, yearLabel) {
    return pairField({
      prefix: "calc",
      idOf: id,
      kind: fact.kind,
      words: t,
      partNote: (k) => (fact[k] ? t.paren(fact[k]) : ""),
      path,
      value: get(),
      onChange: set,
      onInput: changed,
      yearLabel,
      yearClass: "calc-year",
      selectAttributes: { "data-mode": path },
      trim: true,
    });
  }

  function firmsBox(fact) {
    const key = fact.key;
    const rows = el("div", { class: "calc-firms" });
    const draw = () => {
      rows.textContent = "";
      const firms = Array.isArray(state.facts[key]) ? state.facts[key] : [];
      firms.forEach((firm, index) => {
        const p = "facts/" + key + "/" + index;
        const who = t.firmNo(index + 1);
        rows.append(
          el("div", { class: "calc-firm" }, [
            el("span", { class: "calc-year", text: who }),
            textBox(
              p + "/name",
              t.firmName,
              () => firm.name,
              (v) => {
                firm.name = v || "";
              },
              false,
            ),
            textBox(
              p + "/year",
              t.firmYear,
              () => firm.year,
              (v) => {
                firm.year = /^\d{4}$/.test(v || "") ? Number(v) : v;
              },
            ),
            textBox(
              p + "/sales_wan_yuan",
              t.firmSales,
              () => firm.sales_wan_yuan,
              (v) => {
                firm.sales_wan_yuan = v;
              },
            ),
            el("button", {
              type: "button",
              class: "md-button calc-small",
              text: t.remove,
              "aria-label": t.remove + " " + who,
              onclick: () => {
                firms.splice(index, 1);
                draw();
                changed();
              },
            }),
          ]),
        );
      });
    };
    const add = el("button", {
      type: "button",
      class: "md-button calc-small",
      "data-path": "facts/" + key,
      text: t.addFirm,
      onclick: () => {
        const firms = Array.isArray(state.facts[key]) ? state.facts[key] : [];
        firms.push({ name: c.firmDefault(firms.length + 1), year: state.years[1], sales_wan_yuan: null });
        state.facts[key] = firms;
        draw();
        changed();
      },
    });
    draw();
    fact.redraw = draw;
    return el("fieldset", { class: "calc-fact", "data-fact": key }, [el("legend", { text: fact.label }), rows, add]);
  }

  function drawInputs() {
    inputs.textContent = "";
    if (config.boundaries.some((b) => b.region)) {
      const select = el(
        "select",
        { id: prefix + "region", "data-path": "region" },
        contract().regions.map((r) =>
          el("option", { value: r.id, text: regionLabel(r.id, lang), selected: r.id === state.region }),
        ),
      );
      select.addEventListener("change", () => {
        state.region = select.value;
        drawBoundaries();
        changed();
      });
      inputs.append(
        el("label", { class: "calc-input calc-region", for: select.id }, [
          el("span", { class: "calc-label", text: c.region }),
          select,
        ]),
      );
    }
    if (config.facts.some((f) => f.per_year) || config.facts.some((f) => f.kind === "firms")) {
      inputs.append(el("p", { class: "calc-years", text: c.years(state.years[0], state.years[1]) }));
    }
    for (const fact of config.facts) {
      const key = fact.key;
      const path = "facts/" + key;
      if (fact.kind === "ratio" || fact.kind === "growth") {
        const box = el("fieldset", { class: "calc-fact", "data-fact": key }, el("legend", { text: fact.label }));
        if (fact.per_year) {
          for (const year of state.years) {
            box.append(
              pairBox(
                fact,
                path + "/" + year,
                () => (state.facts[key] || {})[String(year)],
                (v) => {
                  const all = Object.assign({}, state.facts[key] || {});
                  if (v === null) delete all[String(year)];
                  else all[String(year)] = v;
                  state.facts[key] = Object.keys(all).length ? all : null;
                },
                year + c.yearSuffix,
              ),
            );
          }
        } else {
          box.append(
            pairBox(
              fact,
              path,
              () => state.facts[key],
              (v) => {
                state.facts[key] = v;
              },
              "",
            ),
          );
        }
        inputs.append(box);
      } else if (fact.kind === "count" || fact.kind === "number") {
        if (fact.per_year) {
          const box = el("fieldset", { class: "calc-fact", "data-fact": key }, el("legend", { text: fact.label }));
          for (const year of state.years) {
            box.append(
              textBox(
                path + "/" + year,
                year + c.yearSuffix,
                () => (state.facts[key] || {})[String(year)],
                (v) => {
                  const all = Object.assign({}, state.facts[key] || {});
                  if (v === null) delete all[String(year)];
                  else all[String(year)] = v;
                  state.facts[key] = Object.keys(all).length ? all : null;
                },
              ),
            );
          }
          inputs.append(box);
        } else {
          inputs.append(
            el(
              "div",
              { class: "calc-fact", "data-fact": key },
              textBox(
                path,
                fact.label,
                () => state.facts[key],
                (v) => {
                  state.facts[key] = v;
                },
              ),
            ),
          );
        }
      } else if (fact.kind === "firms") {
        inputs.append(firmsBox(fact));
      }
    }
    for (const flag of config.flags) {
      const path = "facts/" + flag.key;
      const box = el("input", {
        type: "checkbox",
        id: id(path),
        "data-path": path,
        checked: state.facts[flag.key] === true,
      });
      box.addEventListener("change", () => {
        state.facts[flag.key] = box.checked;
        changed();
      });
      inputs.append(
        el("div", { class: "calc-flag", "data-fact": flag.key }, [
          box,
          el("label", { for: box.id }, [el("strong", { text: flag.key }), " " + flag.label]),
        ]),
      );
    }
  }

  /* ----- boundary values (calc's) ----- */

  function applyBoundary(edge) {
    const fact = config.facts.find((f) => f.key === edge.fact);
    if (!fact) return;
    if (fact.kind === "firms") {
      const firms = Array.isArray(state.facts[fact.key]) ? state.facts[fact.key] : [];
      if (!firms.length) firms.push({ name: c.firmDefault(1), year: state.years[1], sales_wan_yuan: null });
      firms[0][edge.field] = edge.value;
      state.facts[fact.key] = firms;
    } else if (fact.kind === "ratio" || fact.kind === "growth") {
      if (fact.per_year) {
        const all = {};
        for (const year of state.years) all[String(year)] = { percent: edge.value };
        state.facts[fact.key] = all;
      } else {
        state.facts[fact.key] = { percent: edge.value };
      }
    } else if (fact.per_year) {
      const all = {};
      for (const year of state.years) all[String(year)] = edge.value;
      state.facts[fact.key] = all;
    } else {
      state.facts[fact.key] = edge.value;
    }
    drawInputs();
    rescore();
  }

  function drawBoundaries() {
    edges.textContent = "";
    const shown = config.boundaries.filter((b) => !b.region || b.region === state.region);
    if (!shown.length) return;
    const groups = new Map();
    for (const edge of shown) {
      const label = edge.item + " · " + (config.facts.find((f) => f.key === edge.fact) || { label: edge.fact }).label;
      if (!groups.has(label)) groups.set(label, []);
      groups.get(label).push(edge);
    }
    edges.append(el("p", { class: "calc-boundaries-title", text: c.boundaries }));
    for (const [label, list] of groups) {
      edges.append(
        el("div", { class: "calc-boundary-group", role: "group", "aria-label": label }, [
          el("span", { class: "calc-boundary-label", text: label }),
          ...list.map((edge) =>
            el("button", {
              type: "button",
              class: "md-button calc-small calc-boundary",
              "data-boundary": edge.item + ":" + edge.fact + ":" + edge.value,
              text: edge.label,
              onclick: () => applyBoundary(edge),
            }),
          ),
        ]),
      );
    }
  }

  /* ----- scoring ----- */

  async function rescore() {
    if (engineState().status !== "ready") return;
    results.dataset.pending = "1";
    const mine = ++latest;
    let answer;
    try {
      answer = JSON.parse(await call("score", JSON.stringify(assessmentOf(config, state))));
    } catch (err) {
      if (mine === latest) showFailure(String((err && err.message) || err));
      return;
    }
    if (mine !== latest) return;
    drawResults(answer);
    delete results.dataset.pending;
  }

  function drawResults(answer) {
    results.textContent = "";
    for (const input of inputs.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const mine = (answer.problems || []).filter(
      (p) =>
        (String(p.field || "").startsWith("facts/") &&
          config.facts
            .concat(config.flags)
            .some((f) => p.field === "facts/" + f.key || p.field.startsWith("facts/" + f.key + "/"))) ||
        p.field === "region" ||
        p.field === "years",
    );
    if (mine.length) {
      results.append(
        el("p", { class: "calc-problems-title", role: "alert", text: c.problems }),
        el(
          "ul",
          { class: "calc-problems" },
          mine.map((p) => el("li", { "data-field": p.field, text: p.message[lang] })),
        ),
      );
      for (const p of mine) {
        const input = inputs.querySelector("[data-path='" + p.field + "']");
        if (input) input.setAttribute("aria-invalid", "true");
      }
    }
    const report = answer.report;
    const indicator = report && report.indicators.find((ind) => ind.number === config.number);
    if (!indicator) return;
    results.append(
      el("p", { class: "calc-results-title", text: c.result }),
      el(
        "ul",
        { class: "calc-items" },
        indicator.items.map((item) =>
          el(
            "li",
            { class: "calc-item", "data-item": item.id, "data-score": String(item.score), "data-status": item.status },
            [
              el("span", { class: "calc-item-head" }, [
                el("strong", { text: item.id }),
                t.colon,
                el("span", { class: "calc-item-score", text: c.itemScore(item.score, item.max) }),
                el("span", { class: "calc-item-status", text: " · " + stateLabel(item.status, lang) }),
              ]),
              ...item.explanation[lang].split("\n").map((line) => el("span", { class: "calc-line", text: line })),
            ],
          ),
        ),
      ),
      el("p", {
        class: "calc-total",
        "data-score": String(indicator.score),
        "data-max": String(indicator.max),
        text: c.total(indicator.score, indicator.max),
      }),
    );
  }

  function showFailure(detail) {
    const failure = engineState().failure;
    status.textContent = failure && failure.code === "file" ? c.failedFile : c.failed;
    status.dataset.failed = "1";
    if (detail) status.title = detail;
  }

  function drawStatus(engine) {
    delete status.dataset.ready;
    delete status.dataset.failed;
    if (engine.status === "ready") {
      status.textContent = "";
      status.dataset.ready = "1";
      rescore();
    } else if (engine.status === "failed") {
      showFailure(engine.failure && engine.failure.detail);
    } else {
      status.textContent = c.loading;
    }
  }

  /* ----- carry over to the self-scoring page ----- */

  // target="_self": a full page load, not Material's instant navigation, which under load let this page's
  // section tracking write one of its own anchors (#example-…) onto the self-scoring page's address.
  const carryLink = el("a", {
    href: config.selfscore + "#indicator-" + config.number,
    target: "_self",
    class: "calc-carry-link",
    text: c.carry,
  });
  const carryAsk = el("div", { class: "calc-carry-confirm", role: "group", tabindex: "-1", hidden: true });
  carryLink.addEventListener("click", (event) => {
    const changes = plannedChanges(config, state, t);
    if (!changes.length) {
      carryOver(config, state);
      return;
    } // nothing entered would be lost
    event.preventDefault();
    askBeforeCarrying(changes);
  });
  // Figures the form holds are never replaced unasked: what would change is listed, old → new.
  function askBeforeCarrying(changes) {
    const titleId = prefix + "carry-title";
    carryAsk.textContent = "";
    carryAsk.setAttribute("aria-labelledby", titleId);
    carryAsk.append(
      el("p", { id: titleId, class: "calc-carry-title", text: c.carryConfirmTitle(config.number) }),
      el(
        "ul",
        { class: "calc-carry-changes" },
        changes.map((change) =>
          el("li", {}, [
            change.label + t.colon,
            el("span", { class: "calc-carry-before", text: change.before }),
            " → ",
            el("strong", { class: "calc-carry-after", text: change.after }),
          ]),
        ),
      ),
      el("p", { class: "calc-carry-actions" }, [
        el("button", {
          type: "button",
          class: "md-button md-button--primary calc-carry-yes",
          text: c.carryConfirm,
          onclick: () => {
            carryOver(config, state);
            window.location.assign(carryLink.href);
          },
        }),
        " ",
        el("button", {
          type: "button",
          class: "md-button calc-carry-no",
          text: c.carryCancel,
          onclick: () => {
            carryAsk.hidden = true;
            carryKept.textContent = c.carryKept;
            carryLink.focus();
          },
        }),
      ]),
    );
    carryKept.textContent = "";
    carryAsk.hidden = false;
    carryAsk.focus();
  }
  const carryKept = el("span", { class: "calc-carry-kept", role: "status" });
  carryBox.append(
    el("p", {}, [carryLink, el("span", { class: "calc-carry-note", text: " " + c.carryNote }), " ", carryKept]),
    carryAsk,
  );

  drawInputs();
  drawBoundaries();
  const stop = onEngineState((engine) => {
    if (details.isConnected) drawStatus(engine);
    else stop();
  });
  drawStatus(engineState());
  startEngine();
}
