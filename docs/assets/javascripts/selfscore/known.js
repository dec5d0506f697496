// @ts-check
/*
 * calc's answers for the blank form of every first year the year box offers, as the build wrote them into
 * form.json (`known_answers`, hooks/known_answers.py): one template, calc's answer with the years written as
 * placeholders, and for the few groups of years whose answers differ otherwise (national benchmarks), the
 * places that differ. A template is filled in for the first year Y by writing Y + k for every {"$year": k}
 * and, in every text (keys included), Y for "{y0}" and Y + 1 for "{y1}". The build has checked that this
 * gives calc's own answer for every year.
 */
import { canonicalJson } from "../engine/store.js";

/** @typedef {Array<string | number>} Path  keys and indices, from the answer's top */
/**
 * @typedef {object} KnownAnswers
 * @property {[number, number]} first_years  the first years covered, both included
 * @property {object} input  the blank form, its years as {"$year": 0} and {"$year": 1}
 * @property {object} answer  calc's answer for it, its years written the same way
 * @property {Array<{years: Array<[number, number]>, set: Array<[Path, unknown]>}>} patches  for the years in
 *   `years` (inclusive ranges), the template's value at each path is replaced by the one given
 */

const TOKEN = /\{y([01])\}/g;

/**
 * The template `value` filled in for the first year `first` (a new value: the template is left as it is).
 * @param {unknown} value
 * @param {number} first
 * @returns {any}
 */
function fill(value, first) {
  if (typeof value === "string")
    return value.includes("{y") ? value.replace(TOKEN, (_, k) => String(first + Number(k))) : value;
  if (Array.isArray(value)) return value.map((item) => fill(item, first));
  if (value && typeof value === "object") {
    const object = /** @type {Object<string, any>} */ (value);
    const keys = Object.keys(object);
    if (keys.length === 1 && keys[0] === "$year") return first + object.$year;
    /** @type {Object<string, unknown>} */
    const out = {};
    for (const key of keys) out[fill(key, first)] = fill(object[key], first);
    return out;
  }
  return value;
}

/**
 * calc's answer for the blank form of the first year `first`, or null when `known` does not cover it.
 * @param {KnownAnswers} known
 * @param {number} first
 * @returns {any}
 */
export function answerFor(known, first) {
  const [low, high] = known.first_years;
  if (!Number.isInteger(first) || first < low || first > high) return null;
  let answer = fill(known.answer, first);
  for (const patch of known.patches) {
    if (!patch.years.some(([a, b]) => a <= first && first <= b)) continue;
    for (const [path, value] of patch.set) {
      if (path.length === 0) {
        answer = fill(value, first);
        continue;
      }
      let parent = answer;
      for (const key of path.slice(0, -1)) parent = parent[key];
      parent[path[path.length - 1]] = fill(value, first);
    }
  }
  return answer;
}

/**
 * calc's answer when `data` is exactly the blank form of a year `known` covers (compared as canonical JSON,
 * whatever the order of its keys), else null.
 * @param {KnownAnswers | undefined} known  form.json's known_answers (a page built before them has none)
 * @param {unknown} data  the work on screen
 * @returns {any}
 */
export function blankAnswerFor(known, data) {
  if (!known || !data || typeof data !== "object" || !("years" in data) || !Array.isArray(data.years)) return null;
  const first = data.years[0];
  const [low, high] = known.first_years;
  if (!Number.isInteger(first) || first < low || first > high) return null;
  if (canonicalJson(fill(known.input, first)) !== canonicalJson(data)) return null;
  return answerFor(known, first);
}
