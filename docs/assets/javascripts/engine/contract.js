// @ts-check
/*
 * What calc and the page must agree on (calc/contract.py): the file's format and version, the regions, the
 * range of the assessed years, the words for each state of a sub-item or an indicator, how far an indicator
 * is filled in, how a number of points is written, and how much of a chosen file to hand over. The build
 * writes it into form.json (the self-scoring page) and into each calculator's data-config; the page hands it
 * here once it has it, and no script keeps its own copy.
 */

/** @typedef {{zh: string, en: string}} Words */
/**
 * @typedef {object} Contract
 * @property {string} format
 * @property {number} version
 * @property {Array<{id: string, zh: string, en: string}>} regions
 * @property {string} default_region
 * @property {Object<string, Words>} states
 * @property {Object<string, Words>} progress
 * @property {{zh: {one: string, other: string}, en: {one: string, other: string}}} points
 * @property {{min: number, max: number}} first_year  the first of the two assessed years: the year box's range
 * @property {{read_at_most_bytes: number}} limits
 */

/** @type {Contract | null} */
let current = null;

/** @param {Contract} contract */
export function useContract(contract) {
  current = contract;
}

/** @returns {Contract} */
export function contract() {
  if (!current) throw new Error("calc's contract (form.json or data-config) has not been handed over");
  return current;
}

const pick = (/** @type {Object<string, Words>} */ table, /** @type {string} */ key, /** @type {string} */ lang) =>
  table[key] ? table[key][lang === "en" ? "en" : "zh"] : key;

/** A sub-item's or an indicator's state (met, partial, unmet, missing, …) in the reader's language. */
export const stateLabel = (/** @type {string} */ state, /** @type {string} */ lang) =>
  pick(contract().states, state, lang);

/** How far an indicator is filled in (done, partial, open, invalid, conflict). */
export const progressLabel = (/** @type {string} */ state, /** @type {string} */ lang) =>
  pick(contract().progress, state, lang);

/** A number of points as calc writes it: "5分", "1 point", "5 points". */
export function pointsText(/** @type {number | string} */ n, /** @type {string} */ lang) {
  const words = contract().points[lang === "en" ? "en" : "zh"];
  return (String(n) === "1" ? words.one : words.other).replace("{n}", String(n));
}

/** A region's name as a choice (东部地区 / Eastern region). */
export function regionLabel(/** @type {string} */ region, /** @type {string} */ lang) {
  const found = contract().regions.find((r) => r.id === region);
  return found ? found[lang === "en" ? "en" : "zh"] : String(region);
}

/** Whether data says it is an assessment file of this site, in the version this build reads. */
export const isOurFormat = (/** @type {any} */ data) =>
  data !== null && typeof data === "object" && data.format === contract().format && data.version === contract().version;
