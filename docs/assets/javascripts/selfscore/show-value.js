// @ts-check
/*
 * A stored value in words, as the form's notes, the conflict list and the merge box show it ("分子 3，分母 4",
 * "2023—2024", "是"). Its own module so that the form and the merge, which both show values, need not
 * import each other.
 */
import { regionLabel } from "../engine/contract.js";

/**
 * @param {{t: any, lang: string}} ctx  the page's texts and language
 * @param {any} value  a fact's value as stored in the assessment file
 * @param {string} [field]  the fact's field kind, where it changes the wording ("region", "years")
 * @returns {string}
 */
export function showValue(ctx, value, field) {
  const t = ctx.t;
  if (value === null || value === undefined) return "—";
  if (value === true) return t.yes;
  if (value === false) return t.no;
  if (field === "region") return regionLabel(String(value), ctx.lang);
  if (Array.isArray(value)) {
    if (field === "years") return value.join("—");
    return value
      .map((f) =>
        f && typeof f === "object"
          ? [f.name, f.year, f.sales_wan_yuan].filter((x) => x !== undefined && x !== null && x !== "").join(" / ")
          : String(f),
      )
      .join("；");
  }
  if (typeof value === "object") {
    if ("percent" in value) return value.percent + "%";
    if ("numerator" in value || "denominator" in value)
      return t.numerator + " " + (value.numerator ?? "—") + t.comma + t.denominator + " " + (value.denominator ?? "—");
    if ("current" in value || "previous" in value)
      return t.current + " " + (value.current ?? "—") + t.comma + t.previous + " " + (value.previous ?? "—");
    return Object.entries(value)
      .map(([k, v]) => k + t.colon + showValue(ctx, v))
      .join("；");
  }
  return String(value);
}
