/*
 * Self-scoring page. Draws the form from assets/selfscore/form.json (written by hooks/pyodide_assets.py
 * from the compiled ruleset), keeps the user's assessment in localStorage, and asks the worker (Pyodide +
 * calc) for every number it shows. This file never computes a score: it only moves text between the
 * form and calc.api (score_json, merge_json), and lays out calc's answers.
 *
 * Loaded as a module from the page; Material's instant navigation runs it once, so it mounts on the
 * first load and again on every later visit through document$.
 */
import { TEXT, FORMAT } from "./text.js";
import { buildReport, csvRows, csvText, indicatorsInScope, localDate, pick, unitName } from "./export.js";

const ASSETS = new URL("../../", import.meta.url);
const STORAGE_KEY = "pinglu-selfscore:v1";
const BACKUP_KEY = "pinglu-selfscore:v1:undo";
const LOAD_TIMEOUT_MS = 90000;

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children || [])) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

/* ---------- worker ---------- */

let worker = null;
let workerState = { status: "loading", stage: null, step: 0, steps: 5, info: null, failure: null };
const pending = new Map();
const stateListeners = new Set();
let nextId = 1;

function setWorkerState(patch) {
  workerState = Object.assign({}, workerState, patch);
  for (const listener of stateListeners) listener(workerState);
  if ((workerState.status === "ready" || workerState.status === "failed") && !window.__selfscoreEngineSettled) {
    // assets/javascripts/offline.js waits for this before it lets the service worker precache the site,
    // so that the first visit does not download the 13 MB runtime twice at the same time.
    window.__selfscoreEngineSettled = true;
    window.dispatchEvent(new Event("selfscore:engine-settled"));
  }
}

function startWorker() {
  if (worker || workerState.status === "failed") return;
  if (location.protocol === "file:") {
    setWorkerState({ status: "failed", failure: { code: "file" } });
    return;
  }
  try {
    worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  } catch (err) {
    setWorkerState({ status: "failed", failure: { code: "runtime", detail: String(err) } });
    return;
  }
  const timer = setTimeout(() => {
    if (workerState.status === "loading") setWorkerState({ status: "failed", failure: { code: "timeout" } });
  }, LOAD_TIMEOUT_MS);
  worker.onerror = (event) => {
    clearTimeout(timer);
    setWorkerState({ status: "failed", failure: { code: "runtime", detail: event.message || "worker error" } });
  };
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === "stage") setWorkerState({ stage: msg.stage, step: msg.step, steps: msg.steps });
    else if (msg.type === "ready") { clearTimeout(timer); setWorkerState({ status: "ready", info: msg }); }
    else if (msg.type === "failed") { clearTimeout(timer); setWorkerState({ status: "failed", failure: msg }); }
    else if (pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) resolve(msg.result); else reject(new Error(msg.error));
    }
  };
}

function call(op, payload) {
  return new Promise((resolve, reject) => {
    if (!worker || workerState.status === "failed") { reject(new Error("engine not available")); return; }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, payload });
  });
}

/* ---------- state ---------- */

function blankAssessment(previous) {
  const year = new Date().getFullYear();
  return { format: FORMAT, version: 1, scope: (previous && previous.scope) || { kind: "county" },
           years: (previous && previous.years) || [year - 2, year - 1],
           region: (previous && previous.region) || "central", facts: {}, evidence: {}, meta: {} };
}

/** Only what the page needs to draw a file at all; everything else is checked by calc. */
function isAssessmentFile(data) {
  return !!data && typeof data === "object" && !Array.isArray(data) && data.format === FORMAT && data.version === 1
    && (data.facts === undefined || (!!data.facts && typeof data.facts === "object" && !Array.isArray(data.facts)));
}

function normalised(data, fallback) {
  const out = Object.assign({}, data);
  out.facts = out.facts || {};
  out.evidence = out.evidence && typeof out.evidence === "object" && !Array.isArray(out.evidence) ? out.evidence : {};
  if (!Array.isArray(out.years) || out.years.length !== 2 || !out.years.every(Number.isInteger)) out.years = fallback.years;
  if (!out.scope || typeof out.scope !== "object") out.scope = { kind: "county" };
  return out;
}

function loadSaved() {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY));
    if (isAssessmentFile(data)) return normalised(data, blankAssessment());
  } catch (err) { /* nothing saved, or not readable: start blank */ }
  return blankAssessment();
}

function save(data) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(data)); } catch (err) { /* storage full or disabled */ }
}

function download(name, text, type) {
  const blob = new Blob([text], { type });
  const a = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

function cssId(path) {
  // "facts/online_tax_share/percent" -> "fact-online_tax_share-percent"; "facts/10.1" -> "fact-10.1"
  return path.replace(/^facts\//, "fact-").replace(/\//g, "-").replace(/[^A-Za-z0-9_.\-]/g, "_");
}

/** How long each loading stage took, from the start times the worker reports (the last one ends at loadMs). */
function stageDurations(starts, loadMs) {
  const entries = Object.entries(starts).filter(([k]) => k !== "ready").sort((a, b) => a[1] - b[1]);
  return entries.map(([k, ms], i) => [k, Math.max(0, (i + 1 < entries.length ? entries[i + 1][1] : loadMs) - ms)]);
}

/* ---------- page ---------- */

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = TEXT[lang];
  const tr = (value) => pick(value, lang);
  const listSep = lang === "zh" ? "、" : ", ";
  root.textContent = "";
  root.classList.add("selfscore");

  const status = el("div", { class: "selfscore-status", role: "status" });
  const errorSummary = el("div", { class: "selfscore-errors", tabindex: "-1", role: "alert", "aria-labelledby": "selfscore-errors-title", hidden: true });
  const messages = el("div", { class: "selfscore-messages", "aria-live": "polite" });
  const toolbar = el("div", { class: "selfscore-toolbar" });
  const mergeBox = el("details", { class: "selfscore-merge" });
  const summary = el("section", { class: "selfscore-summary", id: "selfscore-summary", "aria-labelledby": "selfscore-summary-title" },
    el("p", { text: t.notYet }));
  const sticky = el("div", { class: "selfscore-sticky" });
  const formBox = el("div", { class: "selfscore-form" });
  const reportBox = el("div", { class: "selfscore-report-box" });
  root.append(status, errorSummary, messages, toolbar, mergeBox, summary, sticky, formBox, reportBox);

  let data = loadSaved();
  let form = null;
  let lastReport = null;
  let lastProblems = "";
  let latest = 0;
  let debounce = null;

  /* ----- loading status ----- */

  function renderStatus(state) {
    status.textContent = "";
    delete status.dataset.ready;
    delete status.dataset.failed;
    if (state.status === "loading") {
      const label = t.stages[state.stage] || t.stages.manifest;
      status.append(el("p", { class: "selfscore-loading", text: t.loading }),
        el("div", { class: "selfscore-progress" }, [
          el("progress", { max: state.steps, value: state.step, "aria-label": t.loading, "aria-valuetext": label }),
          el("span", { class: "selfscore-stage", text: t.step(Math.max(1, state.step), state.steps) + t.colon + label })]));
    } else if (state.status === "ready") {
      const same = form && state.info.sourceHash === form.source_hash;
      status.dataset.ready = "1";
      status.append(el("p", { class: "selfscore-ready", text: t.ready }),
        el("details", { class: "selfscore-tech" }, [el("summary", { text: t.techInfo }),
          el("p", { text: t.loadedIn(state.info.pyodide, (state.info.loadMs / 1000).toFixed(1)) }),
          el("p", { class: "selfscore-stage-times", "data-stage-times": JSON.stringify(state.info.stageTimes || {}),
            text: stageDurations(state.info.stageTimes || {}, state.info.loadMs).map(([k, ms]) => (t.stages[k] || k) + " " + (ms / 1000).toFixed(1) + " s").join(" · ") }),
          el("p", { class: "selfscore-hash" }, [t.source + t.colon, el("code", { "data-source-hash": state.info.sourceHash, text: state.info.sourceHash.slice(0, 16) }),
            " — " + (same ? t.match : t.mismatch)])]));
      if (!same && form) status.append(el("p", { class: "selfscore-failed", text: t.source + " " + t.mismatch }));
      rescore();
    } else {
      const code = state.failure && state.failure.code;
      const text = code === "file" ? t.failedFile : code === "wasm-mime" ? t.failedMime : code === "timeout" ? t.timeout : t.failed;
      status.dataset.failed = code || "runtime";
      status.append(el("p", { class: "selfscore-failed", role: "alert", text }),
        state.failure && state.failure.detail ? el("p", { class: "selfscore-detail" }, el("code", { text: state.failure.detail })) : null);
    }
  }

  /* ----- scoring ----- */

  function changed() {
    save(data);
    clearTimeout(debounce);
    debounce = setTimeout(rescore, 150);
  }

  async function rescore() {
    if (workerState.status !== "ready" || !form) return;
    const id = ++latest;
    let answer;
    try {
      answer = JSON.parse(await call("score", JSON.stringify(data)));
    } catch (err) {
      showMessage("error", String(err.message || err));
      return;
    }
    if (id !== latest) return;
    renderProblems(answer.problems || []);
    if (answer.report) {
      lastReport = answer.report;
      renderReport(answer.report);
      renderPrintReport();
    }
  }

  /* ----- messages (import, merge, start over) with one level of undo ----- */

  function showMessage(kind, text, withUndo) {
    messages.textContent = "";
    const p = el("p", { class: "selfscore-message selfscore-message-" + kind, role: kind === "error" ? "alert" : null, text });
    messages.append(p);
    if (withUndo) {
      messages.append(el("button", { type: "button", class: "md-button selfscore-undo", text: t.undo, onclick: undo }));
    }
  }

  function replaceWork(next, message) {
    try { localStorage.setItem(BACKUP_KEY, JSON.stringify(data)); } catch (err) { /* no backup possible */ }
    undoData = data;
    data = next;
    save(data);
    redraw();
    showMessage("done", message, true);
  }

  let undoData = null;
  function undo() {
    let previous = undoData;
    if (!previous) {
      try { previous = JSON.parse(localStorage.getItem(BACKUP_KEY)); } catch (err) { previous = null; }
    }
    if (!previous || !isAssessmentFile(previous)) return;
    undoData = null;
    try { localStorage.removeItem(BACKUP_KEY); } catch (err) { /* ignore */ }
    data = normalised(previous, blankAssessment());
    save(data);
    redraw();
    showMessage("done", t.undone, false);
  }

  /* ----- problems: GOV.UK error summary + field-level messages ----- */

  function inputFor(field) {
    const inputs = [...root.querySelectorAll("[data-path]")].filter((node) => !node.closest(".selfscore-merge"));
    const exact = inputs.find((node) => node.dataset.path === field);
    if (exact) return exact;
    let best = null;
    for (const node of inputs) {
      const path = node.dataset.path;
      if (field.startsWith(path + "/") && (!best || path.length > best.dataset.path.length)) best = node;
    }
    return best || inputs.find((node) => node.dataset.path.startsWith(field + "/")) || null;
  }

  function renderProblems(problems) {
    const key = JSON.stringify(problems.map((p) => [p.field, p.message]));
    if (key === lastProblems) return;
    lastProblems = key;
    for (const box of root.querySelectorAll(".selfscore-field-errors")) box.textContent = "";
    for (const node of root.querySelectorAll("[aria-invalid]")) {
      node.removeAttribute("aria-invalid");
      const described = (node.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("err-"));
      if (described.length) node.setAttribute("aria-describedby", described.join(" ")); else node.removeAttribute("aria-describedby");
    }
    for (const box of root.querySelectorAll(".selfscore-field--error")) box.classList.remove("selfscore-field--error");
    errorSummary.textContent = "";
    errorSummary.hidden = problems.length === 0;
    if (!problems.length) return;
    const list = el("ul", { class: "selfscore-errors-list" });
    problems.forEach((problem, index) => {
      const message = tr(problem.message);
      const input = problem.field ? inputFor(problem.field) : null;
      if (input) {
        const box = input.closest("[data-field-box]");
        const errorId = "err-" + index;
        if (box) {
          box.classList.add("selfscore-field--error");
          const holder = box.querySelector(".selfscore-field-errors");
          if (holder) holder.append(el("p", { class: "selfscore-field-error", id: errorId, text: message }));
        }
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + errorId).trim());
        list.append(el("li", {}, el("a", { href: "#" + input.id, "data-error-field": problem.field, text: message, onclick: (event) => {
          // Handled here, not by the browser or Material's instant navigation (which would only scroll):
          // the field comes into view with its label and gets the cursor, as in the GOV.UK pattern.
          event.preventDefault();
          event.stopPropagation();
          const label = input.closest("[data-field-box]") || input;
          label.scrollIntoView({ block: "center" });
          input.focus({ preventScroll: true });
        } })));
      } else {
        list.append(el("li", { "data-error-field": problem.field || "", text: message }));
      }
    });
    errorSummary.append(el("h2", { id: "selfscore-errors-title", text: t.errorsTitle }), el("p", { text: t.errorsIntro }), list);
  }

  /* ----- results ----- */

  function renderReport(report) {
    summary.textContent = "";
    summary.dataset.total = report.total;
    summary.dataset.passed = report.passed ? "1" : "0";
    const verdict = report.passed ? t.pass : t.fail;
    summary.append(el("h2", { id: "selfscore-summary-title", class: "selfscore-total" }, [
      t.total + " ", el("span", { "data-total": report.total, text: String(report.total) }), " / " + report.max + " ",
      el("strong", { class: report.passed ? "selfscore-pass" : "selfscore-fail", text: verdict })]),
      el("p", { class: "selfscore-reason", text: t.passMark(form.pass_rule.total_min) + tr(report.reason) }));
    const line = form.pass_rule.category_rate_min;
    const body = el("tbody");
    for (const category of report.categories) {
      const bar = el("div", { class: "selfscore-bar", role: "img", "aria-label": t.barLabel(category.rate, line) }, [
        el("span", { class: "selfscore-bar-fill" + (category.passed ? "" : " selfscore-bar-low"), style: "width:" + Math.max(0, Math.min(100, category.rate)) + "%" }),
        el("span", { class: "selfscore-bar-line", style: "left:" + line + "%", title: t.line75 })]);
      body.append(el("tr", { "data-category": category.id }, [
        el("th", { scope: "row" }, el("a", { href: "#category-" + category.id, text: tr(category.name) })),
        el("td", { class: "selfscore-num", text: category.score + " / " + category.max }),
        el("td", { class: "selfscore-num", text: category.rate + "%" }), el("td", {}, bar)]));
    }
    summary.append(el("table", { class: "selfscore-categories" }, [
      el("thead", {}, el("tr", {}, [t.category, t.score, t.rate, t.line75].map((h) => el("th", { scope: "col", text: h })))), body]));
    summary.append(renderGap(report.gap));

    const verdictText = t.stickyTotal + " " + report.total + " / " + report.max + " · " + verdict;
    sticky.textContent = "";
    sticky.dataset.passed = report.passed ? "1" : "0";
    sticky.append(el("a", { href: "#selfscore-summary", class: "selfscore-sticky-link" }, [
      el("span", { class: "selfscore-sticky-total", "aria-live": "polite", text: verdictText })]));

    for (const indicator of report.indicators) {
      const article = document.getElementById("indicator-" + indicator.number);
      if (!article) continue;
      const badge = article.querySelector(".selfscore-badge");
      badge.textContent = indicator.score + " / " + indicator.max;
      badge.dataset.status = indicator.status;
      const result = article.querySelector(".selfscore-result");
      result.textContent = "";
      result.dataset.score = indicator.score;
      for (const item of indicator.items) {
        result.append(el("div", { class: "selfscore-item", "data-item": item.id, "data-status": item.status }, [
          el("p", { class: "selfscore-item-head" }, [el("strong", { text: t.itemScore(item.id, item.score, item.max) }),
            " · " + (t.status[item.status] || item.status)]),
          ...itemLinesOf(item).map((l) => el("p", { text: l }))]));
      }
    }
  }

  function itemLinesOf(item) {
    const lines = item.lines && item.lines.length ? item.lines : [item.explanation];
    return lines.map(tr).filter(Boolean);
  }

  function renderGap(gap) {
    const box = el("div", { class: "selfscore-gap" }, el("h3", { text: t.gap }));
    if (!gap || gap.passed) {
      box.append(el("p", { text: t.gapNone }));
      return box;
    }
    const groups = (gap.categories || []).map((c) => ({ title: t.gapCategory(tr(c.name), c.short_by, c.needed), reachable: c.reachable, items: c.items || [] }));
    if (gap.total && gap.total.short_by_after_categories > 0) {
      groups.push({ title: t.gapTotal(gap.total.short_by_after_categories), reachable: gap.total.reachable, items: gap.total.items || [] });
    } else if (!groups.length && gap.total_short_by) {
      groups.push({ title: t.gapTotal(gap.total_short_by), reachable: true, items: [] });
    }
    for (const group of groups) {
      box.append(el("p", { class: "selfscore-gap-title" }, el("strong", { text: group.title })));
      if (!group.reachable) box.append(el("p", { class: "selfscore-gap-warning", text: t.gapUnreachable }));
      const item = (entry) => {
        const onPage = document.getElementById("indicator-" + entry.indicator);
        const name = entry.id + " " + tr(entry.title);
        return el("li", {}, [onPage ? el("a", { href: "#indicator-" + entry.indicator, text: name }) : name,
          " +" + t.pts(entry.gain) + " — " + tr(entry.action) + t.paren(t.responsible + t.colon +
          (entry.responsible_groups || entry.responsible || []).map((id) => unitName(form, id, lang)).join(listSep))]);
      };
      const first = group.items.slice(0, 5), rest = group.items.slice(5);
      box.append(el("ul", {}, first.map(item)));
      if (rest.length) box.append(el("details", { class: "selfscore-gap-more" }, [el("summary", { text: t.gapMore(rest.length) }), el("ul", {}, rest.map(item))]));
    }
    return box;
  }

  function renderPrintReport() {
    reportBox.textContent = "";
    if (!lastReport || !form) {
      reportBox.append(el("section", { class: "selfscore-report" }, el("p", { text: t.reportPending })));
      return;
    }
    reportBox.append(buildReport(document, { report: lastReport, form, data, lang, t, date: new Date() }));
  }

  /* ----- inputs ----- */

  function benchmarkDefault(fact, year) {
    const id = fact.default && fact.default.benchmark;
    const series = id && form.benchmarks.find((b) => b.id === id);
    if (!series) return null;
    const value = series.values[String(year || data.years[1])];
    return value === undefined || value === null ? null : { value: String(value), source: tr(series.source) };
  }

  /**
   * A text box bound to one place of the assessment. `path` is where calc reports its problems
   * (facts/<key>[/<year>][/<field>]); `hidden` is read before the visible label by screen readers.
   */
  function textInput({ path, label, hidden, get, set, numeric = true, fallback = null, wide = false }) {
    const id = cssId(path);
    const input = el("input", { id, type: "text", "data-path": path, autocomplete: "off", spellcheck: "false",
                                inputmode: numeric ? "decimal" : null, class: wide ? "selfscore-wide" : null });
    const show = () => {
      const value = get();
      const useDefault = (value === undefined || value === null || value === "") && fallback !== null;
      input.value = useDefault ? fallback : value ?? "";
      input.classList.toggle("selfscore-default", useDefault);
      tag.hidden = !useDefault;
    };
    const tag = el("span", { class: "selfscore-default-tag", text: t.defaultTag, hidden: true });
    input.addEventListener("input", () => {
      input.classList.remove("selfscore-default");
      tag.hidden = true;
      set(input.value.trim() === "" ? null : input.value);
      changed();
    });
    input.addEventListener("blur", () => { if (fallback !== null && input.value.trim() === "") show(); });
    show();
    return el("label", { class: "selfscore-input", for: id }, [
      el("span", { class: "selfscore-label" }, [hidden ? el("span", { class: "selfscore-sr", text: hidden + " " }) : null, label, tag]), input]);
  }

  function pairInput(fact, path, value, onChange, yearLabel, year) {
    // kind "ratio": {percent} | {numerator, denominator}; kind "growth": {percent} | {current, previous}
    const [a, b] = fact.kind === "ratio" ? ["numerator", "denominator"] : ["current", "previous"];
    const current = value && typeof value === "object" ? Object.assign({}, value) : {};
    let mode = a in current || b in current ? "parts" : "percent";
    const fallbackInfo = benchmarkDefault(fact, year);
    const selectId = cssId(path) + "-mode";
    const select = el("select", { id: selectId }, [
      el("option", { value: "percent", text: t.percent, selected: mode === "percent" }),
      el("option", { value: "parts", text: fact.kind === "ratio" ? t.parts : t.growthParts, selected: mode === "parts" })]);
    const fields = el("span", { class: "selfscore-pair-fields" });
    function emit() {
      const keys = mode === "percent" ? ["percent"] : [a, b];
      const out = {};
      for (const k of keys) if (current[k] !== undefined && current[k] !== null) out[k] = current[k];
      onChange(Object.keys(out).length ? out : null);
    }
    function draw() {
      fields.textContent = "";
      const keys = mode === "percent" ? ["percent"] : [a, b];
      for (const k of keys) {
        // "Numerator (number of online trading operators)": the data names what each count is.
        const what = fact[k] ? t.paren(tr(fact[k])) : "";
        fields.append(textInput({ path: path + "/" + k, label: (t[k] || t.percent) + what, hidden: [tr(fact.label), yearLabel].filter(Boolean).join(" "),
          get: () => current[k], set: (v) => { current[k] = v; emit(); },
          fallback: k === "percent" && fallbackInfo ? fallbackInfo.value : null }));
      }
    }
    select.addEventListener("change", () => { mode = select.value; draw(); emit(); changed(); });
    draw();
    return el("div", { class: "selfscore-pair", "data-field-box": "1" }, [
      yearLabel ? el("span", { class: "selfscore-year-label", text: yearLabel }) : null,
      el("label", { class: "selfscore-input selfscore-mode", for: selectId }, [
        el("span", { class: "selfscore-label" }, [el("span", { class: "selfscore-sr", text: [tr(fact.label), yearLabel].filter(Boolean).join(" ") + " " }), t.entryMode]), select]),
      fields,
      el("div", { class: "selfscore-field-errors" })]);
  }

  function factInput(fact) {
    const key = fact.key;
    const base = "facts/" + key;
    const setFact = (value) => { data.facts[key] = value; };
    const value = data.facts[key];
    const notes = [];
    if (fact.default && fact.default.benchmark) {
      const info = benchmarkDefault(fact, data.years[1]);
      if (info) notes.push(el("p", { class: "selfscore-benchmark", text: t.defaultNote(info.source) }));
    }
    if (fact.kind === "ratio" || fact.kind === "growth") {
      const box = el("fieldset", { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind },
        el("legend", { class: "selfscore-fact-label", text: tr(fact.label) }));
      if (fact.per_year) {
        for (const year of data.years) {
          const yearValue = value && typeof value === "object" ? value[String(year)] : undefined;
          box.append(pairInput(fact, base + "/" + year, yearValue, (v) => {
            const all = Object.assign({}, data.facts[key] || {});
            if (v === null) delete all[String(year)]; else all[String(year)] = v;
            setFact(Object.keys(all).length ? all : null);
          }, lang === "zh" ? year + "年" : String(year), year));
        }
        // Figures for years that are no longer assessed (the first year was changed, or a file said so):
        // shown, not scored, and removable; never dropped silently.
        const others = value && typeof value === "object" ? Object.keys(value).filter((y) => !data.years.map(String).includes(y)) : [];
        for (const year of others) {
          const path = base + "/" + year;
          box.append(el("div", { class: "selfscore-other-year", "data-field-box": "1" }, [
            el("span", { text: t.otherYear(year, showValue(value[year])) + " " }),
            el("button", { type: "button", class: "md-button selfscore-small", id: cssId(path), "data-path": path, text: t.remove,
              "aria-label": t.remove + " " + t.otherYear(year, showValue(value[year])), onclick: () => {
                const all = Object.assign({}, data.facts[key] || {});
                delete all[year];
                data.facts[key] = Object.keys(all).length ? all : null;
                renderForm(); lastProblems = ""; changed();
                const next = document.querySelector("[data-fact='" + key + "'] input, [data-fact='" + key + "'] select");
                if (next) next.focus();
              } }),
            el("div", { class: "selfscore-field-errors" })]));
        }
      } else {
        box.append(pairInput(fact, base, value, setFact, "", null));
      }
      box.append(...notes);
      return box;
    }
    if (fact.kind === "count" || fact.kind === "number") {
      const fallbackInfo = fact.default && fact.default.benchmark ? benchmarkDefault(fact, data.years[1]) : null;
      return el("div", { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind, "data-field-box": "1" }, [
        textInput({ path: base, label: tr(fact.label), get: () => data.facts[key], set: setFact, fallback: fallbackInfo ? fallbackInfo.value : null }),
        ...notes, el("div", { class: "selfscore-field-errors" })]);
    }
    if (fact.kind === "firms") {
      const box = el("fieldset", { class: "selfscore-fact", "data-fact": key, "data-kind": fact.kind },
        el("legend", { class: "selfscore-fact-label", text: tr(fact.label) }));
      const rows = el("div", { class: "selfscore-firms" });
      const addButton = el("button", { type: "button", class: "md-button selfscore-small", "data-path": base, id: cssId(base) + "-add", text: t.addFirm });
      const draw = (focusIndex) => {
        rows.textContent = "";
        const firms = Array.isArray(data.facts[key]) ? data.facts[key] : [];
        if (!firms.length) {
          // An empty list says "there are none"; no list at all says "not entered yet".
          const noneId = cssId(base) + "-none";
          const none = el("input", { type: "checkbox", id: noneId, checked: Array.isArray(data.facts[key]) });
          none.addEventListener("change", () => { data.facts[key] = none.checked ? [] : null; changed(); });
          rows.append(el("p", { class: "selfscore-hint", text: t.noFirms }),
            el("div", { class: "selfscore-flag" }, [none, el("label", { for: noneId, text: t.firmsNone })]));
        }
        firms.forEach((firm, index) => {
          const set = (field, convert) => (v) => { firm[field] = convert ? convert(v) : v; };
          const p = base + "/" + index;
          const who = t.firmNo(index + 1);
          rows.append(el("div", { class: "selfscore-firm", "data-field-box": "1" }, [
            el("span", { class: "selfscore-year-label", text: who }),
            textInput({ path: p + "/name", label: t.firmName, hidden: who, numeric: false, wide: true, get: () => firm.name, set: set("name") }),
            textInput({ path: p + "/year", label: t.firmYear, hidden: who, get: () => firm.year, set: set("year", (v) => (/^\d{4}$/.test((v || "").trim()) ? Number(v) : v)) }),
            textInput({ path: p + "/sales_wan_yuan", label: t.firmSales, hidden: who, get: () => firm.sales_wan_yuan, set: set("sales_wan_yuan") }),
            el("button", { type: "button", class: "md-button selfscore-small", "aria-label": t.remove + " " + who, text: t.remove, onclick: () => {
              data.facts[key].splice(index, 1);
              if (!data.facts[key].length) data.facts[key] = null;
              draw(); changed(); addButton.focus();
            } }),
            el("div", { class: "selfscore-field-errors" })]));
        });
        if (focusIndex !== undefined) {
          const target = document.getElementById(cssId(base + "/" + focusIndex + "/name"));
          if (target) target.focus();
        }
      };
      addButton.addEventListener("click", () => {
        const firms = Array.isArray(data.facts[key]) ? data.facts[key] : [];
        data.facts[key] = firms.concat([{ name: "", year: data.years[1], sales_wan_yuan: null }]);
        draw(data.facts[key].length - 1); changed();
      });
      draw();
      box.append(rows, el("div", { "data-field-box": "1" }, [addButton, el("div", { class: "selfscore-field-errors" })]), ...notes);
      return box;
    }
    return null;
  }

  function flagInput(flag) {
    const path = "facts/" + flag.key;
    const id = cssId(path);
    const box = el("input", { type: "checkbox", id, "data-path": path, checked: data.facts[flag.key] === true });
    box.addEventListener("change", () => { data.facts[flag.key] = box.checked; changed(); });
    return el("div", { class: "selfscore-flag", "data-fact": flag.key, "data-field-box": "1" }, [
      box, el("label", { for: id }, [el("strong", { text: flag.key }), " " + tr(flag.label)]),
      el("div", { class: "selfscore-field-errors" })]);
  }

  function renderForm() {
    formBox.textContent = "";
    const visible = new Set(indicatorsInScope(form, data.scope).map((ind) => ind.number));
    for (const first of form.categories) {
      const section = el("section", { class: "selfscore-category", id: "category-" + first.id, "data-category": first.id },
        el("h2", { text: tr(first.name) + t.paren(t.pts(first.points)) }));
      let any = false;
      for (const second of first.children) {
        const indicators = form.indicators.filter((ind) => ind.category === second.id && visible.has(ind.number));
        if (!indicators.length) continue;
        any = true;
        section.append(el("h3", { text: tr(second.name) + t.paren(t.pts(second.points)) }));
        for (const ind of indicators) section.append(indicatorArticle(ind));
      }
      if (any) formBox.append(section);
    }
  }

  function indicatorArticle(ind) {
    const rule = el("details", { class: "selfscore-rule" }, [el("summary", { text: t.rule }),
      ...ind.items.map((item) => el("p", { text: item.id + " " + tr(item.source) })),
      el("p", { text: t.responsible + t.colon + ind.responsible.map((id) => unitName(form, id, lang)).join(listSep) })]);
    const evidencePath = "evidence/" + ind.number;
    const evidenceId = cssId(evidencePath);
    const hintId = evidenceId + "-hint";
    const evidence = el("textarea", { id: evidenceId, rows: 2, "data-path": evidencePath, "aria-describedby": hintId });
    evidence.value = (data.evidence && data.evidence[String(ind.number)]) || "";
    evidence.addEventListener("input", () => {
      data.evidence = data.evidence || {};
      data.evidence[String(ind.number)] = evidence.value;
      changed();
    });
    return el("article", { class: "selfscore-indicator", id: "indicator-" + ind.number, "data-indicator": ind.number }, [
      el("h4", { class: "selfscore-indicator-title" }, [el("span", { text: ind.number + ". " + tr(ind.title) + t.paren(t.pts(ind.points)) }),
        el("span", { class: "selfscore-badge", "aria-label": t.score, text: "" })]),
      rule,
      ...ind.facts.map(factInput).filter(Boolean), ...ind.flags.map(flagInput),
      el("div", { class: "selfscore-evidence", "data-field-box": "1" }, [
        el("label", { for: evidenceId, text: t.evidence }),
        el("span", { class: "selfscore-hint", id: hintId, text: t.evidenceHint }),
        el("div", { class: "selfscore-field-errors" }), evidence]),
      el("div", { class: "selfscore-result" })]);
  }

  /* ----- toolbar ----- */

  function renderToolbar() {
    toolbar.textContent = "";
    const scoped = data.scope && data.scope.kind === "unit" ? data.scope.unit : "";
    const unitSelect = el("select", { id: "selfscore-unit", "data-path": "scope" }, [el("option", { value: "", text: t.county })].concat(
      form.units.filter((u) => u.kind === "unit" || u.kind === "government")
        .map((u) => el("option", { value: u.id, text: tr(u.name), selected: scoped === u.id }))));
    unitSelect.addEventListener("change", () => {
      data.scope = unitSelect.value ? { kind: "unit", unit: unitSelect.value } : { kind: "county" };
      renderToolbar(); renderForm(); lastProblems = ""; changed();
      document.getElementById("selfscore-unit").focus();
    });
    const yearInput = el("input", { id: "selfscore-year", type: "number", inputmode: "numeric", min: 2000, max: 2099, step: 1, value: data.years[0], "data-path": "years", "aria-describedby": "selfscore-years-shown" });
    yearInput.addEventListener("change", () => {
      const first = Number(yearInput.value);
      if (!Number.isInteger(first) || first < 2000 || first > 2099) { yearInput.value = data.years[0]; return; }
      data.years = [first, first + 1];
      renderToolbar(); renderForm(); lastProblems = ""; changed();
      document.getElementById("selfscore-year").focus();
    });
    const regionSelect = el("select", { id: "selfscore-region", "data-path": "region" }, ["east", "central", "west"].map((r) =>
      el("option", { value: r, text: t.regions[r], selected: (data.region || "central") === r })));
    regionSelect.addEventListener("change", () => { data.region = regionSelect.value; changed(); });
    const fileInput = el("input", { type: "file", accept: ".json,application/json", id: "selfscore-import", class: "selfscore-file" });
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files[0];
      fileInput.value = "";
      if (file) importText(await file.text(), file.name);
    });
    const count = indicatorsInScope(form, data.scope).length;
    toolbar.append(
      el("fieldset", { class: "selfscore-settings" }, [el("legend", { text: t.settings }),
        el("div", { class: "selfscore-field", "data-field-box": "1" }, [el("label", { for: "selfscore-unit", text: t.unit }), unitSelect, el("div", { class: "selfscore-field-errors" })]),
        el("div", { class: "selfscore-field", "data-field-box": "1" }, [el("label", { for: "selfscore-year", text: t.years }),
          el("span", {}, [yearInput, " ", el("span", { id: "selfscore-years-shown", class: "selfscore-hint", text: t.yearsShown(data.years[0], data.years[1]) })]),
          el("div", { class: "selfscore-field-errors" })]),
        el("div", { class: "selfscore-field", "data-field-box": "1" }, [el("label", { for: "selfscore-region", text: t.region }), regionSelect, el("div", { class: "selfscore-field-errors" })]),
        scoped ? el("p", { class: "selfscore-hint selfscore-unit-hint", text: t.unitHint(count) }) : null]),
      el("div", { class: "selfscore-actions", role: "group", "aria-label": t.actions }, [
        el("button", { type: "button", class: "md-button selfscore-small", id: "selfscore-export", text: t.exportJson, onclick: exportJson }),
        el("label", { for: "selfscore-import", class: "md-button selfscore-small selfscore-file-label" }, [t.importJson, fileInput]),
        el("button", { type: "button", class: "md-button selfscore-small", id: "selfscore-csv", text: t.exportCsv, onclick: exportCsv }),
        el("button", { type: "button", class: "md-button selfscore-small", id: "selfscore-print", text: t.print, onclick: () => window.print() }), // beforeprint (below) draws the report
        el("button", { type: "button", class: "md-button selfscore-small", id: "selfscore-reset", text: t.startOver, onclick: () => {
          if (!window.confirm(t.confirmStartOver)) return;
          replaceWork(blankAssessment(data), t.cleared);
        } })]));
  }

  function fileStem() {
    const who = data.scope && data.scope.kind === "unit" && data.scope.unit ? data.scope.unit : "county";
    return t.fileStem + "-" + who + "-" + localDate();
  }

  function exportJson() {
    download(fileStem() + ".json", JSON.stringify(data, null, 2) + "\n", "application/json");
  }

  function exportCsv() {
    if (!lastReport) { showMessage("error", t.notReady); return; }
    download(fileStem() + ".csv", csvText(csvRows({ report: lastReport, form, data, lang, t, date: new Date() })), "text/csv;charset=utf-8");
  }

  function importText(text, name) {
    let parsed;
    try { parsed = JSON.parse(text); } catch (err) {
      showMessage("error", t.importRefused(name) + t.notJson + " " + t.keptWork);
      return;
    }
    if (!isAssessmentFile(parsed)) {
      showMessage("error", t.importRefused(name) + t.foreign + " " + t.keptWork);
      return;
    }
    replaceWork(normalised(parsed, data), t.imported(name));
  }

  /* ----- merge ----- */

  function showValue(value, field) {
    if (value === null || value === undefined) return "—";
    if (value === true) return t.yes;
    if (value === false) return t.no;
    if (field === "region") return t.regions[value] || String(value);
    if (Array.isArray(value)) {
      if (field === "years") return value.join("—");
      return value.map((f) => (f && typeof f === "object" ? [f.name, f.year, f.sales_wan_yuan].filter((x) => x !== undefined && x !== null && x !== "").join(" / ") : String(f))).join("；");
    }
    if (typeof value === "object") {
      if ("percent" in value) return value.percent + "%";
      if ("numerator" in value || "denominator" in value) return t.numerator + " " + (value.numerator ?? "—") + t.comma + t.denominator + " " + (value.denominator ?? "—");
      if ("current" in value || "previous" in value) return t.current + " " + (value.current ?? "—") + t.comma + t.previous + " " + (value.previous ?? "—");
      return JSON.stringify(value);
    }
    return String(value);
  }

  function renderMergeBox() {
    mergeBox.textContent = "";
    const input = el("input", { type: "file", id: "selfscore-merge-files", multiple: true, accept: ".json,application/json" });
    const result = el("div", { class: "selfscore-merge-result", "aria-live": "polite" });
    input.addEventListener("change", async () => {
      const files = [...input.files];
      input.value = "";
      result.textContent = "";
      if (!files.length) { result.append(el("p", { text: t.mergeNeedTwo })); return; }
      if (workerState.status !== "ready") { result.append(el("p", { class: "selfscore-message-error", role: "alert", text: t.notReady })); return; }
      const seen = new Map();
      const named = [];
      for (const file of files) {
        const n = (seen.get(file.name) || 0) + 1;
        seen.set(file.name, n);
        named.push({ name: n > 1 ? file.name + " (" + n + ")" : file.name, text: await file.text() });
      }
      let merged, scored;
      try {
        merged = JSON.parse(await call("merge", JSON.stringify(named)));
        scored = JSON.parse(await call("score", JSON.stringify(merged.assessment)));
      } catch (err) {
        result.append(el("p", { class: "selfscore-message-error", role: "alert", text: String(err.message || err) }));
        return;
      }
      showMerge(result, merged, scored, named.map((n) => n.name));
    });
    mergeBox.append(el("summary", { text: t.mergeTitle }), el("p", { text: t.mergeIntro }),
      el("div", { class: "selfscore-field" }, [el("label", { for: "selfscore-merge-files", text: t.mergeChoose }), input]), result);
  }

  function showMerge(box, merged, scored, names) {
    box.textContent = "";
    box.dataset.conflicts = merged.conflicts.length;
    box.append(el("h3", { text: t.mergeResult }));
    if (scored.report) {
      box.append(el("p", { class: "selfscore-merge-total", "data-merged-total": scored.report.total },
        el("strong", { text: t.mergeTotal(scored.report.total, scored.report.max, scored.report.passed) })));
    }
    const bySource = new Map(names.map((name) => [name, []]));
    for (const problem of merged.problems) {
      if (!bySource.has(problem.source)) bySource.set(problem.source, []);
      bySource.get(problem.source).push(problem);
    }
    box.append(el("h4", { text: t.mergeSources }), el("ul", { class: "selfscore-merge-sources" }, names.map((name) => {
      const found = bySource.get(name) || [];
      return el("li", { "data-source": name }, [el("strong", { text: name }), t.colon + (found.length ? t.mergeFileProblems(found.length) : t.mergeFileOk)]);
    })));

    box.append(el("h4", { text: merged.conflicts.length ? t.mergeConflicts(merged.conflicts.length) : t.mergeNoConflicts }));
    if (merged.conflicts.length) {
      box.append(el("table", { class: "selfscore-conflicts" }, [
        el("thead", {}, el("tr", {}, [t.conflictFact, t.conflictValues].map((x) => el("th", { scope: "col", text: x })))),
        el("tbody", {}, merged.conflicts.map((conflict) => el("tr", { "data-conflict": conflict.key || conflict.field }, [
          el("td", { text: tr(conflict.message) }),
          el("td", {}, el("ul", {}, conflict.values.map((v) => el("li", {}, [el("strong", { text: v.source }), t.colon + showValue(v.value, conflict.field)]))))])))]));
    }
    const withProblems = [...bySource.entries()].filter(([, list]) => list.length);
    box.append(el("h4", { text: withProblems.length ? t.mergeProblems : t.mergeNoProblems }));
    for (const [source, list] of withProblems) {
      box.append(el("div", { class: "selfscore-merge-problems", "data-source": source }, [el("p", {}, el("strong", { text: source })),
        el("ul", {}, list.map((p) => el("li", { text: tr(p.message) })))]));
    }
    box.append(el("button", { type: "button", class: "md-button md-button--primary selfscore-small", id: "selfscore-merge-use", text: t.mergeUse, onclick: () => {
      if (!window.confirm(t.mergeConfirm)) return;
      replaceWork(normalised(merged.assessment, data), t.mergeUsed);
      messages.scrollIntoView({ block: "center" });
    } }));
  }

  function redraw() {
    lastProblems = "";
    renderToolbar();
    renderForm();
    renderPrintReport();
    rescore();
  }

  fetch(new URL("selfscore/form.json", ASSETS)).then((r) => r.json()).then((loaded) => {
    form = loaded;
    renderMergeBox();
    redraw();
    renderStatus(workerState);
  });
  // Every way of printing (the button, Ctrl+P, the browser's menu) fires beforeprint: the report then shows
  // what was typed a moment ago (an evidence note, say), not the state of the last rescore.
  const beforePrint = () => { if (root.isConnected) renderPrintReport(); else window.removeEventListener("beforeprint", beforePrint); };
  window.addEventListener("beforeprint", beforePrint);
  const listener = (state) => { if (root.isConnected) renderStatus(state); else stateListeners.delete(listener); };
  stateListeners.add(listener);
  renderStatus(workerState);
  startWorker();
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-selfscore]")) mount(root);
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
mountAll();
