/*
 * Self-scoring page. Draws the form from assets/selfscore/form.json (written by hooks/pyodide_assets.py
 * from the compiled ruleset), keeps the user's assessment in localStorage, and asks the worker (Pyodide +
 * calc) for every number it shows. This file never computes a score: it only moves text between the
 * form and calc.api, and displays calc's report.
 *
 * Loaded as a module from the page; Material's instant navigation runs it once, so it mounts on the
 * first load and again on every later visit through document$.
 */
const ASSETS = new URL("../../", import.meta.url);
const STORAGE_KEY = "pinglu-selfscore:v1";
const BACKUP_KEY = "pinglu-selfscore:v1:before-import";
const FORMAT = "pinglu-online-market-assessment";
const LOAD_TIMEOUT_MS = 90000;

const TEXT = {
  zh: {
    loading: "正在加载计分引擎（约13 MB，只在首次打开时下载，之后由浏览器缓存）。加载期间可以先填写。",
    stages: { manifest: "读取版本信息", runtime: "下载 Python 运行环境", python: "启动 Python", calc: "安装计分程序", ready: "就绪" },
    ready: "计分引擎已就绪。",
    source: "计分程序源码指纹",
    match: "与本站构建一致",
    mismatch: "与本站构建不一致，请刷新页面",
    failed: "计分引擎未能加载，暂时无法计分；已填写的内容仍会保存在本浏览器中。",
    failedFile: "本页需要通过网站服务器打开，直接打开本地文件（file://）无法运行计分引擎。",
    failedMime: "服务器发送 .wasm 文件的类型不正确（应为 application/wasm），请联系网站管理员。",
    timeout: "计分引擎加载超时。请检查网络连接后刷新页面；已填写的内容不会丢失。",
    unit: "填报单位", county: "全县（县示范区创建办，查看全部指标）", years: "近2年的第一年", region: "所在地区",
    regions: { east: "东部", central: "中部", west: "西部" },
    exportJson: "导出JSON", importJson: "导入JSON", startOver: "重新开始",
    confirmStartOver: "确定清空本页全部填写内容吗？此操作不能撤销。",
    undoImport: "撤销导入",
    imported: "已导入文件。", importRefused: "未导入：", keptWork: "当前填写内容保持不变。",
    notJson: "文件不是有效的JSON。", foreign: "文件不是本站的自评文件（format 应为 " + FORMAT + "）。",
    percent: "百分比", parts: "分子/分母", growthParts: "本年/上年",
    numerator: "分子", denominator: "分母", current: "本年", previous: "上年",
    firmName: "企业名称", firmYear: "年份", firmSales: "年销售额（万元）", addFirm: "添加企业", remove: "删除",
    defaultValue: "默认值", sourceLabel: "来源",
    evidence: "佐证说明", rule: "评分规则",
    total: "总分", passLine: "合格线", pass: "合格", fail: "未达合格标准",
    category: "一级指标", score: "得分", rate: "得分率", line75: "75%线",
    gap: "距离合格还差", gapNone: "已达到合格标准。", points: "分", responsible: "责任单位",
    errorsTitle: "有需要修改的内容", notYet: "计分引擎加载后显示得分。",
  },
  en: {
    loading: "Loading the scoring engine (about 13 MB, downloaded only the first time, then cached by the browser). You can start filling in the form meanwhile.",
    stages: { manifest: "reading the version", runtime: "downloading the Python runtime", python: "starting Python", calc: "installing the scoring core", ready: "ready" },
    ready: "Scoring engine ready.",
    source: "Scoring core source fingerprint",
    match: "matches this site's build",
    mismatch: "does not match this site's build; reload the page",
    failed: "The scoring engine could not be loaded, so no score can be computed for now; what you enter is still saved in this browser.",
    failedFile: "This page must be opened through the web server; a local file (file://) cannot run the scoring engine.",
    failedMime: "The server sends .wasm files with the wrong type (it must be application/wasm); please tell the site administrator.",
    timeout: "Loading the scoring engine timed out. Check the connection and reload; nothing you entered is lost.",
    unit: "Reporting unit", county: "Whole county (demonstration-zone office, all indicators)", years: "First of the last 2 years", region: "Region",
    regions: { east: "East", central: "Central", west: "West" },
    exportJson: "Export JSON", importJson: "Import JSON", startOver: "Start over",
    confirmStartOver: "Clear everything entered on this page? This cannot be undone.",
    undoImport: "Undo import",
    imported: "File imported.", importRefused: "Not imported: ", keptWork: "Your current work is unchanged.",
    notJson: "the file is not valid JSON.", foreign: "the file is not a self-assessment file of this site (format must be " + FORMAT + ").",
    percent: "Percent", parts: "Numerator/denominator", growthParts: "This year/last year",
    numerator: "Numerator", denominator: "Denominator", current: "This year", previous: "Last year",
    firmName: "Company name", firmYear: "Year", firmSales: "Annual sales (10,000 yuan)", addFirm: "Add company", remove: "Remove",
    defaultValue: "default", sourceLabel: "source",
    evidence: "Evidence note", rule: "Scoring rule",
    total: "Total", passLine: "pass mark", pass: "Pass", fail: "Does not pass",
    category: "Category", score: "Score", rate: "Rate", line75: "75% line",
    gap: "Gap to pass", gapNone: "The pass standard is met.", points: "points", responsible: "Responsible",
    errorsTitle: "There is a problem", notYet: "Scores appear once the scoring engine has loaded.",
  },
};

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of [].concat(children || [])) {
    if (child !== null && child !== undefined) node.append(child);
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

function blankAssessment() {
  return { format: FORMAT, version: 1, scope: { kind: "county" }, years: [new Date().getFullYear() - 2, new Date().getFullYear() - 1],
           region: "central", facts: {}, evidence: {}, meta: {} };
}

function structuralProblem(data, t) {
  if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT || data.version !== 1
      || !data.facts || typeof data.facts !== "object" || Array.isArray(data.facts)) return t.foreign;
  return null;
}

function loadSaved() {
  try {
    const data = JSON.parse(localStorage.getItem(STORAGE_KEY));
    if (data && !structuralProblem(data, TEXT.en)) return data;
  } catch (err) { /* nothing saved, or not readable: start blank */ }
  return blankAssessment();
}

function save(data) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(data)); } catch (err) { /* storage full or disabled */ }
}

/* ---------- page ---------- */

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = TEXT[lang];
  const tr = (value) => (value && typeof value === "object" ? (value[lang] || value.zh || "") : value || "");
  root.textContent = "";
  const status = el("div", { class: "selfscore-status", role: "status", "aria-live": "polite" });
  const errorSummary = el("div", { class: "selfscore-errors", tabindex: "-1", hidden: true });
  const toolbar = el("div", { class: "selfscore-toolbar" });
  const summary = el("section", { class: "selfscore-summary", "aria-live": "polite" }, el("p", { text: t.notYet }));
  const formBox = el("div", { class: "selfscore-form" });
  const messages = el("div", { class: "selfscore-messages", role: "alert" });
  root.append(status, errorSummary, messages, toolbar, summary, formBox);

  let data = loadSaved();
  let form = null;
  const fieldBoxes = new Map();     // fact key -> element for its messages
  const indicatorBoxes = new Map(); // number -> {section, result}
  let latest = 0;
  let debounce = null;

  function renderStatus(state) {
    status.textContent = "";
    if (state.status === "loading") {
      status.append(el("p", { text: t.loading }),
        el("progress", { max: state.steps, value: state.step, "aria-label": t.loading }),
        el("span", { class: "selfscore-stage", text: " " + (t.stages[state.stage] || "") }));
    } else if (state.status === "ready") {
      const same = form && state.info.sourceHash === form.source_hash;
      status.dataset.ready = "1";
      status.append(el("p", { text: t.ready + " Pyodide " + state.info.pyodide + " · " + (state.info.loadMs / 1000).toFixed(1) + " s" }),
        el("p", { class: "selfscore-hash" }, [t.source + ": ", el("code", { "data-source-hash": state.info.sourceHash, text: state.info.sourceHash.slice(0, 16) }),
          " — " + (same ? t.match : t.mismatch)]));
      rescore();
    } else {
      const code = state.failure && state.failure.code;
      const text = code === "file" ? t.failedFile : code === "wasm-mime" ? t.failedMime : code === "timeout" ? t.timeout : t.failed;
      status.dataset.failed = code || "runtime";
      status.append(el("p", { class: "selfscore-failed", text }),
        state.failure && state.failure.detail ? el("p", { class: "selfscore-detail" }, el("code", { text: state.failure.detail })) : null);
    }
  }

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
      messages.textContent = String(err.message || err);
      return;
    }
    if (id !== latest) return;
    renderProblems(answer.problems || []);
    if (answer.report) renderReport(answer.report);
  }

  function unitName(id) {
    const unit = form && form.units.find((u) => u.id === id);
    return unit ? tr(unit.name) : id;
  }

  function renderProblems(problems) {
    for (const box of fieldBoxes.values()) box.textContent = "";
    errorSummary.textContent = "";
    errorSummary.hidden = problems.length === 0;
    if (!problems.length) return;
    const list = el("ul");
    for (const problem of problems) {
      const message = tr(problem.message);
      const box = problem.key && fieldBoxes.get(problem.key);
      if (box) box.append(el("p", { class: "selfscore-field-error", text: message }));
      list.append(el("li", {}, box ? el("a", { href: "#fact-" + problem.key, text: message }) : message));
    }
    errorSummary.append(el("h2", { text: t.errorsTitle }), list);
  }

  function renderReport(report) {
    summary.textContent = "";
    summary.dataset.total = report.total;
    summary.dataset.passed = report.passed ? "1" : "0";
    summary.append(el("p", { class: "selfscore-total" }, [
      el("strong", { text: t.total + " " }), el("span", { "data-total": report.total, text: String(report.total) }), " / " + report.max,
      " (" + t.passLine + " " + form.pass_rule.total_min + ") — ",
      el("strong", { class: report.passed ? "selfscore-pass" : "selfscore-fail", text: report.passed ? t.pass : t.fail })]),
      el("p", { text: tr(report.reason) }));
    const table = el("table", { class: "selfscore-categories" }, el("thead", {}, el("tr", {}, [t.category, t.score, t.rate, ""].map((h) => el("th", { text: h })))));
    const body = el("tbody");
    const line = form.pass_rule.category_rate_min;
    for (const category of report.categories) {
      const bar = el("div", { class: "selfscore-bar", role: "img", "aria-label": category.rate + "% / " + t.line75 }, [
        el("span", { class: "selfscore-bar-fill" + (category.passed ? "" : " selfscore-bar-low"), style: "width:" + Math.max(0, Math.min(100, category.rate)) + "%" }),
        el("span", { class: "selfscore-bar-line", style: "left:" + line + "%", title: t.line75 })]);
      body.append(el("tr", { "data-category": category.id }, [el("td", { text: tr(category.name) }),
        el("td", { text: category.score + " / " + category.max }), el("td", { text: category.rate + "%" }), el("td", {}, bar)]));
    }
    table.append(body);
    summary.append(table);
    const gap = report.gap;
    const gapBox = el("div", { class: "selfscore-gap" }, el("h3", { text: t.gap }));
    if (!gap || gap.passed) gapBox.append(el("p", { text: t.gapNone }));
    else {
      if (gap.total_short_by) gapBox.append(el("p", { text: t.total + ": " + gap.total_short_by + " " + t.points }));
      const items = [].concat(...(gap.categories || []).map((c) => c.items || []), (gap.total && gap.total.items) || []);
      const list = el("ul");
      for (const item of items) {
        list.append(el("li", {}, [el("a", { href: "#indicator-" + item.indicator, text: item.id + " " + tr(item.title) }),
          " +" + item.gain + " " + t.points + " · " + tr(item.action) + " · " + t.responsible + ": " + (item.responsible_groups || item.responsible || []).map(unitName).join("、")]));
      }
      gapBox.append(list);
    }
    summary.append(gapBox);
    for (const indicator of report.indicators) {
      const box = indicatorBoxes.get(indicator.number);
      if (!box) continue;
      box.result.textContent = "";
      box.result.dataset.score = indicator.score;
      box.result.append(el("p", { class: "selfscore-indicator-score", text: t.score + " " + indicator.score + " / " + indicator.max }));
      for (const item of indicator.items) {
        const lines = (item.lines && item.lines.length ? item.lines : [item.explanation]).map((l) => tr(l)).filter(Boolean);
        box.result.append(el("div", { class: "selfscore-item", "data-item": item.id }, [
          el("strong", { text: item.id + "  " + item.score + " / " + item.max }), ...lines.map((l) => el("p", { text: l }))]));
      }
    }
  }

  /* ----- inputs ----- */

  function textInput(key, labelText, get, set, extra) {
    const id = "fact-" + key + (extra ? "-" + extra : "");
    const input = el("input", { id, type: "text", inputmode: "decimal", autocomplete: "off", value: get() ?? "" });
    input.addEventListener("input", () => { set(input.value.trim() === "" ? null : input.value); changed(); });
    return el("label", { class: "selfscore-input", for: id }, [el("span", { text: labelText }), input]);
  }

  function pairInput(key, value, onChange, kind, suffix) {
    // kind: "ratio" ({percent} | {numerator, denominator}) or "growth" ({percent} | {current, previous})
    const [a, b] = kind === "ratio" ? ["numerator", "denominator"] : ["current", "previous"];
    const box = el("span", { class: "selfscore-pair" });
    let current = value && typeof value === "object" ? Object.assign({}, value) : {};
    let mode = a in current ? "parts" : "percent";
    const select = el("select", { "aria-label": t.percent + " / " + (kind === "ratio" ? t.parts : t.growthParts) }, [
      el("option", { value: "percent", text: t.percent, selected: mode === "percent" }),
      el("option", { value: "parts", text: kind === "ratio" ? t.parts : t.growthParts, selected: mode === "parts" })]);
    const fields = el("span");
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
        fields.append(textInput(key + suffix, t[k] || t.percent, () => current[k], (v) => { current[k] = v; emit(); }, k));
      }
    }
    select.addEventListener("change", () => { mode = select.value; draw(); emit(); changed(); });
    draw();
    box.append(select, fields);
    return box;
  }

  function benchmarkNote(fact) {
    const ref = fact.default && fact.default.benchmark && form.benchmarks.find((b) => b.id === fact.default.benchmark);
    if (!ref) return null;
    const values = Object.entries(ref.values || {}).filter(([year]) => data.years.map(String).includes(year))
      .map(([year, value]) => year + ": " + value).join("; ");
    return el("p", { class: "selfscore-benchmark" }, t.defaultValue + " " + (values || "—") + " (" + t.sourceLabel + ": " + tr(ref.source) + ")");
  }

  function factInput(fact) {
    const key = fact.key;
    const wrap = el("div", { class: "selfscore-fact", id: "fact-" + key, "data-fact": key, "data-kind": fact.kind },
      el("p", { class: "selfscore-fact-label", text: tr(fact.label) }));
    const setFact = (value) => { data.facts[key] = value; };
    const value = data.facts[key];
    if (fact.kind === "ratio" || fact.kind === "growth") {
      if (fact.per_year) {
        for (const year of data.years) {
          const yearValue = value && value[String(year)];
          wrap.append(el("div", { class: "selfscore-year" }, [el("span", { text: String(year) + " " }),
            pairInput(key, yearValue, (v) => {
              const all = Object.assign({}, data.facts[key] || {});
              if (v === null) delete all[String(year)]; else all[String(year)] = v;
              setFact(Object.keys(all).length ? all : null);
            }, fact.kind, "-" + year)]));
        }
      } else {
        wrap.append(pairInput(key, value, setFact, fact.kind, ""));
      }
    } else if (fact.kind === "count" || fact.kind === "number") {
      wrap.append(textInput(key, tr(fact.label), () => data.facts[key], setFact));
    } else if (fact.kind === "firms") {
      const rows = el("div");
      const draw = () => {
        rows.textContent = "";
        (data.facts[key] || []).forEach((firm, index) => {
          const set = (field, convert) => (v) => { firm[field] = convert ? convert(v) : v; };
          rows.append(el("div", { class: "selfscore-firm" }, [
            textInput(key, t.firmName, () => firm.name, set("name"), "name-" + index),
            textInput(key, t.firmYear, () => firm.year, set("year", (v) => (/^\d{4}$/.test(v || "") ? Number(v) : v)), "year-" + index),
            textInput(key, t.firmSales, () => firm.sales_wan_yuan, set("sales_wan_yuan"), "sales-" + index),
            el("button", { type: "button", class: "md-button", text: t.remove, onclick: () => {
              data.facts[key].splice(index, 1);
              if (!data.facts[key].length) data.facts[key] = null;
              draw(); changed();
            } })]));
        });
      };
      draw();
      wrap.append(rows, el("button", { type: "button", class: "md-button", text: t.addFirm, onclick: () => {
        data.facts[key] = (data.facts[key] || []).concat([{ name: "", year: data.years[1], sales_wan_yuan: null }]);
        draw(); changed();
      } }));
    }
    const note = benchmarkNote(fact);
    if (note) wrap.append(note);
    const errors = el("div", { class: "selfscore-field-errors" });
    fieldBoxes.set(key, errors);
    wrap.append(errors);
    return wrap;
  }

  function flagInput(flag) {
    const id = "fact-" + flag.key;
    const box = el("input", { type: "checkbox", id, checked: data.facts[flag.key] === true });
    box.addEventListener("change", () => { data.facts[flag.key] = box.checked; changed(); });
    const errors = el("div", { class: "selfscore-field-errors" });
    fieldBoxes.set(flag.key, errors);
    return el("div", { class: "selfscore-flag", "data-fact": flag.key }, [
      el("label", { for: id }, [box, " " + flag.key + " " + tr(flag.label)]), errors]);
  }

  function visibleFor(indicator) {
    return !data.scope || data.scope.kind !== "unit" || indicator.responsible_units.includes(data.scope.unit)
      || indicator.responsible.includes(data.scope.unit);
  }

  function renderForm() {
    formBox.textContent = "";
    fieldBoxes.clear();
    indicatorBoxes.clear();
    for (const first of form.categories) {
      const section = el("section", { class: "selfscore-category", "data-category": first.id }, el("h2", { text: tr(first.name) + " (" + first.points + ")" }));
      for (const second of first.children) {
        const indicators = form.indicators.filter((ind) => ind.category === second.id && visibleFor(ind));
        if (!indicators.length) continue;
        section.append(el("h3", { text: tr(second.name) + " (" + second.points + ")" }));
        for (const ind of indicators) {
          const result = el("div", { class: "selfscore-result", "aria-live": "polite" });
          const rule = el("details", { class: "selfscore-rule" }, [el("summary", { text: t.rule }),
            ...ind.items.map((item) => el("p", { text: item.id + " " + tr(item.source) })),
            el("p", { text: t.responsible + ": " + ind.responsible.map(unitName).join("、") })]);
          const evidenceId = "evidence-" + ind.number;
          const evidence = el("textarea", { id: evidenceId, rows: 2 });
          evidence.value = (data.evidence && data.evidence[String(ind.number)]) || "";
          evidence.addEventListener("input", () => { data.evidence = data.evidence || {}; data.evidence[String(ind.number)] = evidence.value; changed(); });
          const box = el("article", { class: "selfscore-indicator", id: "indicator-" + ind.number, "data-indicator": ind.number }, [
            el("h4", { text: ind.number + ". " + tr(ind.title) + " (" + ind.points + ")" }), rule,
            ...ind.facts.map(factInput), ...ind.flags.map(flagInput),
            el("label", { class: "selfscore-evidence", for: evidenceId }, [el("span", { text: t.evidence }), evidence]), result]);
          indicatorBoxes.set(ind.number, { section: box, result });
          section.append(box);
        }
      }
      formBox.append(section);
    }
  }

  function renderToolbar() {
    toolbar.textContent = "";
    const unitSelect = el("select", { id: "selfscore-unit" }, [el("option", { value: "", text: t.county })].concat(
      form.units.filter((u) => u.kind === "unit" || u.kind === "government")
        .map((u) => el("option", { value: u.id, text: tr(u.name), selected: data.scope && data.scope.unit === u.id }))));
    unitSelect.addEventListener("change", () => {
      data.scope = unitSelect.value ? { kind: "unit", unit: unitSelect.value } : { kind: "county" };
      renderForm(); changed();
    });
    const yearInput = el("input", { id: "selfscore-year", type: "number", min: 2000, max: 2099, value: data.years[0] });
    yearInput.addEventListener("change", () => {
      const first = Number(yearInput.value);
      if (!Number.isInteger(first)) return;
      data.years = [first, first + 1];
      renderForm(); changed();
    });
    const regionSelect = el("select", { id: "selfscore-region" }, ["east", "central", "west"].map((r) =>
      el("option", { value: r, text: t.regions[r], selected: (data.region || "central") === r })));
    regionSelect.addEventListener("change", () => { data.region = regionSelect.value; changed(); });
    const fileInput = el("input", { type: "file", accept: ".json,application/json", id: "selfscore-import", class: "selfscore-file" });
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files[0];
      fileInput.value = "";
      if (file) importText(await file.text());
    });
    toolbar.append(
      el("label", { for: "selfscore-unit" }, [el("span", { text: t.unit + " " }), unitSelect]),
      el("label", { for: "selfscore-year" }, [el("span", { text: t.years + " " }), yearInput]),
      el("label", { for: "selfscore-region" }, [el("span", { text: t.region + " " }), regionSelect]),
      el("button", { type: "button", class: "md-button", id: "selfscore-export", text: t.exportJson, onclick: exportJson }),
      el("label", { for: "selfscore-import", class: "md-button" }, [t.importJson, fileInput]),
      el("button", { type: "button", class: "md-button", id: "selfscore-reset", text: t.startOver, onclick: () => {
        if (!window.confirm(t.confirmStartOver)) return;
        data = blankAssessment(); save(data); redraw();
      } }));
  }

  function exportJson() {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "pinglu-self-assessment-" + (data.scope && data.scope.unit || "county") + ".json" });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function importText(text) {
    messages.textContent = "";
    let parsed;
    try { parsed = JSON.parse(text); } catch (err) {
      messages.append(el("p", { class: "selfscore-import-refused", text: t.importRefused + t.notJson + " " + t.keptWork }));
      return;
    }
    const problem = structuralProblem(parsed, t);
    if (problem) {
      messages.append(el("p", { class: "selfscore-import-refused", text: t.importRefused + problem + " " + t.keptWork }));
      return;
    }
    try { localStorage.setItem(BACKUP_KEY, JSON.stringify(data)); } catch (err) { /* no backup possible */ }
    parsed.facts = parsed.facts || {};
    parsed.evidence = parsed.evidence || {};
    if (!Array.isArray(parsed.years) || parsed.years.length !== 2) parsed.years = data.years;
    data = parsed;
    save(data);
    redraw();
    messages.append(el("p", { class: "selfscore-imported", text: t.imported }),
      el("button", { type: "button", class: "md-button", text: t.undoImport, onclick: () => {
        try { data = JSON.parse(localStorage.getItem(BACKUP_KEY)) || data; } catch (err) { return; }
        save(data); messages.textContent = ""; redraw();
      } }));
  }

  function redraw() {
    renderToolbar();
    renderForm();
    rescore();
  }

  fetch(new URL("selfscore/form.json", ASSETS)).then((r) => r.json()).then((loaded) => {
    form = loaded;
    redraw();
    renderStatus(workerState);
  });
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
