/*
 * "Compare with an earlier file" on the self-scoring page: the person picks a file exported earlier;
 * calc.api.compare_json (through the page's worker, op "compare") compares it with the work on the page
 * (as saved by store.js on every change), and again after every new score of that work (app.js fires
 * "selfscore:answered"), so it never describes an older state. Shown under the summary (app.js moves it
 * there): total, categories in columns with a before/after chart against the pass line, each changed
 * indicator and sub-item (earlier, now, change), the pass verdicts and the changed facts. The printed
 * report and the CSV carry it too (latestComparison). Read-only: the work on the page is never touched.
 */
import { mountEach } from "../mount.js";
import { contract, pointsText, stateLabel } from "../engine/contract.js";
import { el } from "./dom.js";
import { ACCEPTED_FILES, TEXT as PAGE_TEXT } from "./text.js";
import { call, callSheets, engineState, startEngine, whenReady } from "../engine/client.js";
import { storedText } from "../engine/store.js";

// The comparison on screen, for the printed report (export.js): {answer, name, at, lang} or null.
let latest = null;
export function latestComparison() {
  return latest;
}

const TEXT = {
  zh: {
    summary: "与早先的文件比较",
    intro:
      "选择早先导出的自评文件（JSON或Excel），与本页当前填写的内容比较：总分、各一级指标、每项有变化的指标（旧 → 新）、状态有变化的子项、是否合格，以及数值有变化的数据。只读取所选文件，不会改动本页已填写的内容。",
    choose: "选择早先的文件（JSON或Excel）",
    working: "正在比较……",
    loading: "正在加载计分程序……",
    failed: "计分程序未能加载，无法比较。请刷新页面重试。",
    unreadable: "无法读取所选文件。",
    nothingSaved: "本页还没有填写任何内容，无法比较。",
    refused: (name) => "未能比较：" + name + "不是本站的自评文件。",
    oldSide: "早先的文件",
    newSide: "本页当前内容",
    leftOut: (side) => side + "中有数值有误，已按计分规则忽略：",
    title: (name) => "与“" + name + "”比较",
    total: "总分",
    verdict: "是否合格",
    passed: "合格",
    notPassed: "不合格",
    categories: "一级指标",
    category: "一级指标",
    indicator: "指标",
    old: "早先",
    now: "现在",
    change: "变化",
    indicators: "有变化的指标",
    noIndicators: "各项指标得分和状态均无变化。",
    items: "有变化的子项",
    facts: "数值有变化的数据",
    noFacts: "填写的数据没有变化。",
    fact: "数据",
    year: "年度",
    notEntered: "未填写",
    points: (n) => pointsText(n, "zh"),
    paren: (x) => "（" + x + "）",
    comma: "，",
    arrow: " → ",
    live: (time) => "比较的是本页 " + time + " 的内容；本页内容有改动时自动重新比较。",
    chart: "各一级指标得分率：早先与现在",
    chartLabel: (name, old, now, line) => name + "：早先 " + old + "%，现在 " + now + "%（合格线 " + line + "%）",
    rateLine: (line) => line + "%合格线",
    legendOld: "早先",
    legendNew: "现在",
    score: "得分",
    status: "状态",
  },
  en: {
    summary: "Compare with an earlier file",
    intro:
      "Choose a self-assessment file (JSON or Excel) exported earlier to compare it with what is entered on this page now: the total, each category, every indicator that changed (old → new), the sub-items whose state changed, the pass verdicts and the figures that changed. The chosen file is only read; what is entered on this page is not changed.",
    choose: "Choose the earlier file (JSON or Excel)",
    working: "Comparing…",
    loading: "Loading the scoring program…",
    failed: "The scoring program could not load, so nothing can be compared. Reload the page to try again.",
    unreadable: "The chosen file could not be read.",
    nothingSaved: "Nothing has been entered on this page yet, so there is nothing to compare with.",
    refused: (name) => "Not compared: " + name + " is not a self-assessment file of this site.",
    oldSide: "The earlier file",
    newSide: "What is entered now",
    leftOut: (side) => side + " has invalid values, left out as in scoring:",
    title: (name) => "Compared with \u201c" + name + "\u201d",
    total: "Total",
    verdict: "Verdict",
    passed: "pass",
    notPassed: "not passed",
    categories: "Categories",
    category: "Category",
    indicator: "Indicator",
    old: "Earlier",
    now: "Now",
    change: "Change",
    indicators: "Indicators that changed",
    noIndicators: "No indicator changed its points or state.",
    items: "Sub-items that changed",
    facts: "Figures that changed",
    noFacts: "No entered figure changed.",
    fact: "Figure",
    year: "Year",
    notEntered: "not entered",
    points: (n) => pointsText(n, "en"),
    paren: (x) => " (" + x + ")",
    comma: ", ",
    arrow: " → ",
    live: (time) => "Compared with what this page held at " + time + "; compared again whenever it changes.",
    chart: "Each category's rate: earlier and now",
    chartLabel: (name, old, now, line) => name + ": earlier " + old + "%, now " + now + "% (pass line " + line + "%)",
    rateLine: (line) => line + "% pass line",
    legendOld: "Earlier",
    legendNew: "Now",
    score: "Score",
    status: "State",
  },
};

const signed = (n) => (n > 0 ? "+" + n : String(n));

function table(head, rows, cls) {
  // No class on the table: Material styles plain tables; the wrapper scrolls sideways on a phone.
  return el(
    "div",
    { class: cls, style: "overflow-x: auto" },
    el("table", {}, [
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          head.map((h) => el("th", { scope: "col", text: h })),
        ),
      ),
      el("tbody", {}, rows),
    ]),
  );
}

/** Before and after per category against the pass line: calc's rates drawn as bars, with the same
 * figures as text for screen readers (and in the table above). */
function chart(result, t, tr) {
  const line = result.category_rate_min;
  const bar = (rate, cls) =>
    el("span", { class: "selfscore-bar " + cls }, [
      el("span", { class: "selfscore-bar-fill", style: "width:" + Math.max(0, Math.min(100, rate)) + "%" }),
      el("span", { class: "selfscore-bar-line", style: "left:" + line + "%" }),
    ]);
  return el("figure", { class: "selfscore-compare-chart" }, [
    el("figcaption", {}, [
      t.chart + " ",
      el("span", { class: "selfscore-compare-key selfscore-compare-key-old", text: t.legendOld }),
      " ",
      el("span", { class: "selfscore-compare-key selfscore-compare-key-new", text: t.legendNew }),
      " · " + t.rateLine(line),
    ]),
    el(
      "ul",
      {},
      result.categories.map((cat) =>
        el(
          "li",
          {
            "data-category": cat.id,
            role: "img",
            "aria-label": t.chartLabel(tr(cat.name), cat.rate.old, cat.rate.new, line),
          },
          [
            el("span", { class: "selfscore-compare-chart-name", "aria-hidden": "true", text: tr(cat.name) }),
            el("span", { class: "selfscore-compare-chart-bars", "aria-hidden": "true" }, [
              bar(cat.rate.old, "selfscore-bar-old"),
              bar(cat.rate.new, "selfscore-bar-new"),
            ]),
            el("span", {
              class: "selfscore-compare-chart-rates",
              "aria-hidden": "true",
              text: cat.rate.old + "%" + t.arrow + cat.rate.new + "%",
            }),
          ],
        ),
      ),
    ),
  ]);
}

function render(box, result, name, lang, comparedAt) {
  const t = TEXT[lang];
  const tr = (field) => (field && typeof field === "object" ? field[lang] : field);
  box.textContent = "";
  const problems = [];
  for (const [side, label] of [
    ["old", t.oldSide],
    ["new", t.newSide],
  ]) {
    const file = result.files[side];
    if (file && file.problems && file.problems.length) problems.push([label, file.problems]);
  }
  if (result.refused) {
    box.append(
      el("p", {
        class: "selfscore-message selfscore-message-error",
        role: "alert",
        "data-compare-refused": "1",
        text: t.refused(name),
      }),
    );
    for (const [label, list] of problems) {
      box.append(
        el("p", { text: label + t.colon }),
        el(
          "ul",
          {},
          list.map((p) => el("li", { text: tr(p.message) })),
        ),
      );
    }
    return;
  }
  box.append(
    el("h3", { class: "selfscore-compare-title", text: t.title(name) }),
    el("p", {
      class: "selfscore-compare-live",
      "data-compared-at": comparedAt.toISOString(),
      text: t.live(comparedAt.toLocaleTimeString(lang === "zh" ? "zh-CN" : "en-GB")),
    }),
  );
  for (const [label, list] of problems) {
    box.append(
      el("div", { class: "selfscore-compare-problems", role: "note" }, [
        el("p", { text: t.leftOut(label) }),
        el(
          "ul",
          {},
          list.map((p) => el("li", { text: (p.field ? p.field + t.colon : "") + tr(p.message) })),
        ),
      ]),
    );
  }
  const verdict = (passed) => (passed ? t.passed : t.notPassed);
  box.append(
    el(
      "p",
      {
        class: "selfscore-compare-total",
        "data-old": result.total.old,
        "data-new": result.total.new,
        "data-delta": result.total.delta,
      },
      [
        el("strong", { text: t.total + t.colon }),
        result.total.old + t.arrow + result.total.new + " / " + result.total.max + t.paren(signed(result.total.delta)),
      ],
    ),
    el(
      "p",
      {
        class: "selfscore-compare-verdict",
        "data-old": String(result.passed.old),
        "data-new": String(result.passed.new),
      },
      [el("strong", { text: t.verdict + t.colon }), verdict(result.passed.old) + t.arrow + verdict(result.passed.new)],
    ),
  );
  box.append(
    el("h4", { text: t.categories }),
    table(
      [t.category, t.old, t.now, t.change, t.verdict],
      result.categories.map((cat) =>
        el("tr", { "data-category": cat.id, "data-delta": cat.delta }, [
          el("th", { scope: "row", text: tr(cat.name) + t.paren(t.points(cat.max)) }),
          el("td", { class: "selfscore-num", text: cat.old + " / " + cat.max }),
          el("td", { class: "selfscore-num", text: cat.new + " / " + cat.max }),
          el("td", { class: "selfscore-num", text: signed(cat.delta) }),
          el("td", { text: verdict(cat.passed.old) + t.arrow + verdict(cat.passed.new) }),
        ]),
      ),
      "selfscore-compare-categories",
    ),
  );
  box.append(chart(result, t, tr));
  const changed = result.indicators.filter(
    (ind) => ind.delta !== 0 || ind.changed_items.length || ind.status.old !== ind.status.new,
  );
  box.append(el("h4", { text: t.indicators }));
  if (!changed.length) box.append(el("p", { text: t.noIndicators }));
  else {
    // One row per changed indicator (old, now, change in their own columns), its changed sub-items below it.
    const state = (key) => stateLabel(key, lang);
    const rows = changed.flatMap((ind) => [
      el(
        "tr",
        {
          class: "selfscore-compare-indicator",
          "data-indicator": ind.number,
          "data-old": ind.old,
          "data-new": ind.new,
          "data-delta": ind.delta,
        },
        [
          el("th", {
            scope: "row",
            text: ind.number + ". " + tr(ind.title).replace(/[。.]$/, "") + t.paren(t.points(ind.max)),
          }),
          el("td", { class: "selfscore-num", text: String(ind.old) }),
          el("td", { class: "selfscore-num", text: String(ind.new) }),
          el("td", { class: "selfscore-num", text: signed(ind.delta) }),
        ],
      ),
      ...ind.changed_items.map((item) =>
        el(
          "tr",
          {
            class: "selfscore-compare-item",
            "data-indicator-of": ind.number,
            "data-item": item.id,
            "data-old": item.old,
            "data-new": item.new,
            "data-status-old": item.status.old,
            "data-status-new": item.status.new,
          },
          [
            el("td", {}, [
              el("span", { class: "selfscore-compare-item-id", text: item.id + " " }),
              state(item.status.old) + t.arrow + state(item.status.new),
              el("span", { class: "selfscore-compare-explanation", text: tr(item.explanation.new) }),
            ]),
            el("td", { class: "selfscore-num", text: item.old + " / " + item.max }),
            el("td", { class: "selfscore-num", text: item.new + " / " + item.max }),
            el("td", { class: "selfscore-num", text: signed(item.new - item.old) }),
          ],
        ),
      ),
    ]);
    box.append(table([t.indicator, t.old, t.now, t.change], rows, "selfscore-compare-indicators"));
  }
  box.append(el("h4", { text: t.facts }));
  if (!result.facts.length) box.append(el("p", { text: t.noFacts }));
  else {
    box.append(
      table(
        [t.fact, t.year, t.old, t.now],
        result.facts.map((fact) =>
          el("tr", { "data-fact": fact.key, "data-year": fact.year === null ? "" : fact.year }, [
            el("th", { scope: "row", text: fact.indicator + ". " + tr(fact.label) }),
            el("td", { text: fact.year === null ? "—" : String(fact.year) }),
            el("td", { text: fact.old === null ? t.notEntered : tr(fact.old) }),
            el("td", { text: fact.new === null ? t.notEntered : tr(fact.new) }),
          ]),
        ),
        "selfscore-compare-facts",
      ),
    );
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
    status,
    result,
  ]);
  root.append(details);
  details.addEventListener("toggle", () => {
    if (details.open) startEngine();
  });

  const fail = (message) => {
    latest = null;
    status.textContent = "";
    result.textContent = "";
    result.append(el("p", { class: "selfscore-message selfscore-message-error", role: "alert", text: message }));
  };

  // The earlier side, once chosen (as calc read it), and the run that draws: a newer run wins.
  let earlier = null;
  let runs = 0;
  async function compareNow() {
    const current = storedText();
    if (!current) {
      fail(t.nothingSaved);
      latest = null;
      return;
    }
    const run = ++runs;
    const answer = JSON.parse(await call("compare", { old: earlier.old, new: current }));
    if (run !== runs) return;
    status.textContent = "";
    const at = new Date();
    latest = answer.refused ? null : { answer, name: earlier.name, at, lang };
    render(result, answer, earlier.name, lang, at);
  }

  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    let bytes;
    try {
      bytes = new Uint8Array(await file.slice(0, contract().limits.read_at_most_bytes).arrayBuffer());
    } catch {
      fail(t.unreadable);
      return;
    }
    if (!storedText()) {
      fail(t.nothingSaved);
      return;
    }
    status.textContent = engineState().status === "ready" ? t.working : t.loading;
    earlier = null;
    latest = null;
    try {
      if (!(await whenReady())) throw new Error("engine");
      status.textContent = t.working;
      // a workbook (a filled-in template or an Excel report) is read by calc.spreadsheet, in its own worker
      const read = JSON.parse(await call("read", { bytes, name: file.name }));
      let old = bytes;
      if (read.spreadsheet) {
        let sheet;
        try {
          sheet = JSON.parse(await callSheets("open_workbook", { bytes, name: file.name }));
        } catch {
          fail(file.name + t.colon + PAGE_TEXT[lang].spreadsheetNoEngine);
          input.value = "";
          return;
        }
        if (!sheet.opened) {
          fail(file.name + t.colon + sheet.problems.map((p) => p.message[lang]).join(" "));
          input.value = "";
          return;
        }
        old = sheet.text;
      }
      earlier = { old, name: file.name };
      await compareNow();
      if (!latest) earlier = null; // a refused file is not compared again
    } catch {
      earlier = null;
      fail(t.failed);
    }
    input.value = ""; // the same file can be chosen again after editing
  });

  // Never stale: every new score of the work on the page (typing, an import, a merge, another tab's
  // edit) compares again, a moment after the last change.
  let timer = null;
  document.addEventListener("selfscore:answered", () => {
    if (!earlier || !root.isConnected) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      compareNow().catch(() => fail(t.failed));
    }, 250);
  });
}

mountEach("[data-selfscore-compare]", mount);
