/* The calculator's own words (the input labels are the self-scoring page's: selfscore/text.js). */
import { pointsText } from "../engine/contract.js";

export const CALC_TEXT = {
  zh: {
    loading: "正在加载计分程序……",
    failed: "计分程序未能加载，暂时无法试算。请刷新页面重试；自评打分页面会给出原因。",
    failedFile: "直接打开本地文件时无法计分，请通过网站地址访问。",
    result: "试算结果",
    total: (score, max) => "合计 " + score + " / " + pointsText(max, "zh"),
    itemScore: (score, max) => score + " / " + pointsText(max, "zh"),
    boundaries: "一键试边界值",
    region: "所在地区",
    years: (a, b) => "评估年度：" + a + "年、" + b + "年",
    carry: "在自评打分中使用这些数值",
    carryNote: "自评表中本指标已有数值时，会先列出将被替换的内容请您确认；其他指标不变。",
    carryConfirmTitle: (n) => `自评表中指标${n}已有数值。带入后将作如下替换：`,
    carryConfirm: "替换并打开自评表",
    carryCancel: "取消，保留原数值",
    carryKept: "未带入，自评表中的数值保持不变。",
    problems: "这些数值有误，未能计分：",
    firmDefault: (n) => "企业" + n,
    yearSuffix: "年",
  },
  en: {
    loading: "Loading the scoring program…",
    failed:
      "The scoring program could not load, so the calculator cannot score now. Reload the page to try again; the self-scoring page says why.",
    failedFile: "Scoring does not work on a page opened as a local file: open the site through its web address.",
    result: "Result",
    total: (score, max) => "Total " + score + " / " + pointsText(max, "en"),
    itemScore: (score, max) => score + " / " + pointsText(max, "en"),
    boundaries: "Try a boundary value",
    region: "Region",
    years: (a, b) => "Assessed years: " + a + " and " + b,
    carry: "Use these values in the self-scoring form",
    carryNote:
      "If your self-scoring form already holds figures for this indicator, you are shown what would change and asked first; other indicators stay as they are.",
    carryConfirmTitle: (n) =>
      `Your self-scoring form already holds figures for indicator ${n}. Using these values changes:`,
    carryConfirm: "Replace them and open the form",
    carryCancel: "Cancel: keep my figures",
    carryKept: "Nothing was carried over; your form is unchanged.",
    problems: "These values are not valid, so nothing was scored:",
    firmDefault: (n) => "Company " + n,
    yearSuffix: "",
  },
};
