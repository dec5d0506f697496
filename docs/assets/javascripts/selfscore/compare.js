/*
 * "Compare with an earlier file" on the self-scoring page: the person picks a file exported earlier;
 * calc.api.compare_json (through the page's worker, op "compare") compares it with the work on the page
 * (as saved by store.js on every change). Shown: total, categories, each changed indicator old → new,
 * the changed sub-items, the pass verdicts and the changed facts. Read-only: the work on the page is
 * never touched. Mounted on [data-selfscore-compare]; runs once, binds every visit through document$.
 */
import { el } from "./dom.js";
import { ACCEPTED_FILES, TEXT as PAGE_TEXT } from "./text.js"; // sub-item states in the words the rest of the page uses
import { call, callSheets, engineState, startEngine, whenReady } from "./engine-client.js";
import { storedText } from "./store.js";

// calc decides what it reads (calc/reading.py); a larger file is cut to this before it is handed over, which
// is still more than calc takes, so calc refuses it in its own words without the page holding all of it.
const READ_AT_MOST_BYTES = 4_000_000;

const TEXT = {
  zh: {
    summary: "与早先的文件比较",
    intro: "选择早先导出的自评文件（JSON或Excel），与本页当前填写的内容比较：总分、各一级指标、每项有变化的指标（旧 → 新）、状态有变化的子项、是否合格，以及数值有变化的数据。只读取所选文件，不会改动本页已填写的内容。",
    choose: "选择早先的文件（JSON或Excel）",
    working: "正在比较……",
    loading: "正在加载计分程序……",
    failed: "计分程序未能加载，无法比较。请刷新页面重试。",
    unreadable: "无法读取所选文件。",
    nothingSaved: "本页还没有填写任何内容，无法比较。",
    refused: (name) => "未能比较：" + name + "不是本站的自评文件。",
    oldSide: "早先的文件", newSide: "本页当前内容",
    leftOut: (side) => side + "中有数值有误，已按计分规则忽略：",
    title: (name) => "与“" + name + "”比较",
    total: "总分", verdict: "是否合格", passed: "合格", notPassed: "不合格",
    categories: "一级指标", category: "指标", old: "早先", now: "现在", change: "变化",
    indicators: "有变化的指标", noIndicators: "各项指标得分和状态均无变化。",
    items: "有变化的子项",
    facts: "数值有变化的数据", noFacts: "填写的数据没有变化。", fact: "数据", year: "年度",
    notEntered: "未填写",
    points: (n) => n + "分",
    paren: (x) => "（" + x + "）", comma: "，",
    arrow: " → ",
  },
  en: {
    summary: "Compare with an earlier file",
    intro: "Choose a self-assessment file (JSON or Excel) exported earlier to compare it with what is entered on this page now: the total, each category, every indicator that changed (old → new), the sub-items whose state changed, the pass verdicts and the figures that changed. The chosen file is only read; what is entered on this page is not changed.",
    choose: "Choose the earlier file (JSON or Excel)",
    working: "Comparing…",
    loading: "Loading the scoring program…",
    failed: "The scoring program could not load, so nothing can be compared. Reload the page to try again.",
    unreadable: "The chosen file could not be read.",
    nothingSaved: "Nothing has been entered on this page yet, so there is nothing to compare with.",
    refused: (name) => "Not compared: " + name + " is not a self-assessment file of this site.",
    oldSide: "The earlier file", newSide: "What is entered now",
    leftOut: (side) => side + " has invalid values, left out as in scoring:",
    title: (name) => "Compared with \u201c" + name + "\u201d",
    total: "Total", verdict: "Verdict", passed: "pass", notPassed: "not passed",
    categories: "Categories", category: "Category", old: "Earlier", now: "Now", change: "Change",
    indicators: "Indicators that changed", noIndicators: "No indicator changed its points or state.",
    items: "Sub-items that changed",
    facts: "Figures that changed", noFacts: "No entered figure changed.", fact: "Figure", year: "Year",
    notEntered: "not entered",
    points: (n) => n + (n === 1 ? " point" : " points"),
    paren: (x) => " (" + x + ")", comma: ", ",
    arrow: " → ",
  },
};

const signed = (n) => (n > 0 ? "+" + n : String(n));

function table(head, rows, cls) {
  // No class on the table: Material styles plain tables; the wrapper scrolls sideways on a phone.
  return el("div", { class: cls, style: "overflow-x: auto" }, el("table", {}, [
    el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col", text: h })))),
    el("tbody", {}, rows)]));
}

function render(box, result, name, lang) {
  const t = TEXT[lang];
  const tr = (field) => (field && typeof field === "object" ? field[lang] : field);
  box.textContent = "";
  const problems = [];
  for (const [side, label] of [["old", t.oldSide], ["new", t.newSide]]) {
    const file = result.files[side];
    if (file && file.problems && file.problems.length) problems.push([label, file.problems]);
  }
  if (result.refused) {
    box.append(el("p", { class: "selfscore-message selfscore-message-error", role: "alert", "data-compare-refused": "1", text: t.refused(name) }));
    for (const [label, list] of problems) {
      box.append(el("p", { text: label + t.colon }), el("ul", {}, list.map((p) => el("li", { text: tr(p.message) }))));
    }
    return;
  }
  box.append(el("h3", { class: "selfscore-compare-title", text: t.title(name) }));
  for (const [label, list] of problems) {
    box.append(el("div", { class: "selfscore-compare-problems", role: "note" }, [el("p", { text: t.leftOut(label) }),
      el("ul", {}, list.map((p) => el("li", { text: (p.field ? p.field + t.colon : "") + tr(p.message) })))]));
  }
  const verdict = (passed) => (passed ? t.passed : t.notPassed);
  box.append(el("p", { class: "selfscore-compare-total", "data-old": result.total.old, "data-new": result.total.new, "data-delta": result.total.delta },
    [el("strong", { text: t.total + t.colon }), result.total.old + t.arrow + result.total.new + " / " + result.total.max + t.paren(signed(result.total.delta))]),
  el("p", { class: "selfscore-compare-verdict", "data-old": String(result.passed.old), "data-new": String(result.passed.new) },
    [el("strong", { text: t.verdict + t.colon }), verdict(result.passed.old) + t.arrow + verdict(result.passed.new)]));
  box.append(el("h4", { text: t.categories }), table([t.category, t.old, t.now, t.change, t.verdict], result.categories.map((cat) =>
    el("tr", { "data-category": cat.id, "data-delta": cat.delta }, [
      el("th", { scope: "row", text: tr(cat.name) + t.paren(t.points(cat.max)) }),
      el("td", { text: String(cat.old) }), el("td", { text: String(cat.new) }), el("td", { text: signed(cat.delta) }),
      el("td", { text: verdict(cat.passed.old) + t.arrow + verdict(cat.passed.new) })])), "selfscore-compare-categories"));
  const changed = result.indicators.filter((ind) => ind.delta !== 0 || ind.changed_items.length || ind.status.old !== ind.status.new);
  box.append(el("h4", { text: t.indicators }));
  if (!changed.length) box.append(el("p", { text: t.noIndicators }));
  else {
    box.append(el("ul", { class: "selfscore-compare-indicators" }, changed.map((ind) => el("li", { "data-indicator": ind.number, "data-old": ind.old, "data-new": ind.new, "data-delta": ind.delta }, [
      el("strong", { text: ind.number + ". " + tr(ind.title).replace(/[。.]$/, "") }),
      " " + ind.old + t.arrow + ind.new + " / " + ind.max + t.paren(signed(ind.delta)),
      ind.changed_items.length ? el("ul", { class: "selfscore-compare-items", "aria-label": t.items }, ind.changed_items.map((item) =>
        el("li", { "data-item": item.id, "data-old": item.old, "data-new": item.new, "data-status-old": item.status.old, "data-status-new": item.status.new }, [
          item.id + " " + (PAGE_TEXT[lang].status[item.status.old] || item.status.old) + t.arrow + (PAGE_TEXT[lang].status[item.status.new] || item.status.new)
            + t.comma + item.old + t.arrow + item.new + " / " + item.max,
          el("span", { class: "selfscore-compare-explanation", text: tr(item.explanation.new) })]))) : null]))));
  }
  box.append(el("h4", { text: t.facts }));
  if (!result.facts.length) box.append(el("p", { text: t.noFacts }));
  else {
    box.append(table([t.fact, t.year, t.old, t.now], result.facts.map((fact) => el("tr", { "data-fact": fact.key, "data-year": fact.year === null ? "" : fact.year }, [
      el("th", { scope: "row", text: fact.indicator + ". " + tr(fact.label) }),
      el("td", { text: fact.year === null ? "—" : String(fact.year) }),
      el("td", { text: fact.old === null ? t.notEntered : tr(fact.old) }),
      el("td", { text: fact.new === null ? t.notEntered : tr(fact.new) })])), "selfscore-compare-facts"));
  }
}

function mount(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "1";
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const t = TEXT[lang];
  t.colon = lang === "zh" ? "：" : ": ";
  root.textContent = "";
  const input = el("input", { type: "file", id: "selfscore-compare-file", accept: ACCEPTED_FILES });
  const status = el("p", { class: "selfscore-compare-status", role: "status" });
  const result = el("div", { class: "selfscore-compare-result", "aria-live": "polite" });
  const details = el("details", { class: "selfscore-compare" }, [
    el("summary", { text: t.summary }),
    el("p", { text: t.intro }),
    el("p", {}, [el("label", { for: input.id, class: "selfscore-compare-label", text: t.choose }), " ", input]),
    status, result]);
  root.append(details);
  details.addEventListener("toggle", () => { if (details.open) startEngine(); });

  const fail = (message) => {
    status.textContent = "";
    result.textContent = "";
    result.append(el("p", { class: "selfscore-message selfscore-message-error", role: "alert", text: message }));
  };

  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    let bytes;
    try { bytes = new Uint8Array(await file.slice(0, READ_AT_MOST_BYTES).arrayBuffer()); } catch (err) { fail(t.unreadable); return; }
    const current = storedText();
    if (!current) { fail(t.nothingSaved); return; }
    status.textContent = engineState().status === "ready" ? t.working : t.loading;
    try {
      if (!(await whenReady())) throw new Error("engine");
      status.textContent = t.working;
      // a workbook (a filled-in template or an Excel report) is read by calc.spreadsheet, in its own worker
      const read = JSON.parse(await call("read", { bytes, name: file.name }));
      let old = bytes;
      if (read.spreadsheet) {
        let sheet;
        try { sheet = JSON.parse(await callSheets("open_workbook", { bytes, name: file.name })); } catch (err) { fail(file.name + t.colon + PAGE_TEXT[lang].spreadsheetNoEngine); input.value = ""; return; }
        if (!sheet.opened) { fail(file.name + t.colon + sheet.problems.map((p) => p.message[lang]).join(" ")); input.value = ""; return; }
        old = sheet.text;
      }
      const answer = JSON.parse(await call("compare", { old, new: current }));
      status.textContent = "";
      render(result, answer, file.name, lang);
    } catch (err) {
      fail(t.failed);
    }
    input.value = ""; // the same file can be chosen again after editing
  });
}

function mountAll() {
  for (const root of document.querySelectorAll("[data-selfscore-compare]")) mount(root);
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(mountAll);
mountAll();
