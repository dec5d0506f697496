/*
 * What the browser keeps: the assessment being filled in, one level of undo, the state of a merge
 * (the disputed figures and the units' values), and calc's last answer with the data it answered, all in
 * localStorage, so a reload loses nothing and shows its scores before Python has loaded.
 * The blank file, its years and region come from form.json (written from calc by hooks/pyodide_assets.py).
 */
import { FORMAT } from "./text.js";

const STORAGE_KEY = "pinglu-selfscore:v1";
const BACKUP_KEY = "pinglu-selfscore:v1:undo";
const MERGE_KEY = "pinglu-selfscore:v1:merge";
const ANSWER_KEY = "pinglu-selfscore:v1:answer";

function read(key) {
  try { return JSON.parse(localStorage.getItem(key)); } catch (err) { return null; }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
  } catch (err) { /* storage full or disabled: the page keeps working, only without saving */ }
}

/** calc's blank assessment for the current year (years: the two full years before it, as calc.template says). */
export function blankAssessment(form, previous) {
  const year = new Date().getFullYear();
  const blank = JSON.parse(JSON.stringify(form.blank));
  blank.years = form.years_before_assessment.map((back) => year - back);
  if (previous) {
    for (const key of ["scope", "years", "region"]) if (previous[key]) blank[key] = previous[key];
  }
  return blank;
}

/** Only what the page needs to draw a file at all; everything else is checked by calc. */
export function isAssessmentFile(data) {
  return !!data && typeof data === "object" && !Array.isArray(data) && data.format === FORMAT && data.version === 1
    && (data.facts === undefined || (!!data.facts && typeof data.facts === "object" && !Array.isArray(data.facts)));
}

export function normalised(data, fallback) {
  const out = Object.assign({}, data);
  out.facts = out.facts || {};
  out.evidence = out.evidence && typeof out.evidence === "object" && !Array.isArray(out.evidence) ? out.evidence : {};
  if (!Array.isArray(out.years) || out.years.length !== 2 || !out.years.every(Number.isInteger)) out.years = fallback.years;
  if (!out.scope || typeof out.scope !== "object") out.scope = { kind: "county" };
  return out;
}

/** The saved work as it stands, or null when there is none (or it is not an assessment file). */
export function savedFile() {
  const data = read(STORAGE_KEY);
  return isAssessmentFile(data) ? data : null;
}

export function loadSaved(form) {
  const data = read(STORAGE_KEY);
  return isAssessmentFile(data) ? normalised(data, blankAssessment(form)) : blankAssessment(form);
}

export function save(data) {
  write(STORAGE_KEY, data);
}

/** backup: {data, merge}, what "undo" brings back. */
export function saveBackup(backup) {
  write(BACKUP_KEY, backup);
}

export function takeBackup() {
  const backup = read(BACKUP_KEY);
  write(BACKUP_KEY, null);
  return backup && isAssessmentFile(backup.data) ? backup : null;
}

/** Merge state: [{key, field, path, message, values: [{source, value}], resolved}] or null. */
export function loadMergeState() {
  const state = read(MERGE_KEY);
  return state && Array.isArray(state.conflicts) ? state : null;
}

export function saveMergeState(state) {
  write(MERGE_KEY, state);
}

/** JSON text with every object's keys sorted: the same data gives the same text, whatever the order its
 * keys were set in (the page's blank file, calc's, a file read back from storage). */
export function canonicalJson(value) {
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  if (value && typeof value === "object") {
    return "{" + Object.keys(value).sort().filter((key) => value[key] !== undefined)
      .map((key) => JSON.stringify(key) + ":" + canonicalJson(value[key])).join(",") + "}";
  }
  return JSON.stringify(value);
}

/** Keep calc's answer to `sent` (the exact text the worker scored), tied to the calc that answered it. */
export function saveAnswer(sourceHash, sent, answerText) {
  write(ANSWER_KEY, { source_hash: sourceHash, input: sent, answer: answerText });
}

/** The kept answer, parsed, if it was made by this calc (sourceHash) for exactly `data`; otherwise null. */
export function savedAnswerFor(sourceHash, data) {
  const kept = read(ANSWER_KEY);
  if (!kept || kept.source_hash !== sourceHash || typeof kept.input !== "string" || typeof kept.answer !== "string") return null;
  try {
    return canonicalJson(JSON.parse(kept.input)) === canonicalJson(data) ? JSON.parse(kept.answer) : null;
  } catch (err) {
    return null; // damaged: Python answers instead
  }
}
