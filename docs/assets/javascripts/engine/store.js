// @ts-check
/*
 * What the browser keeps: the assessment being filled in, one level of undo, the state of a merge
 * (the disputed figures and the units' values), and calc's last answer with the data it answered, all in
 * localStorage, so a reload loses nothing and shows its scores before Python has loaded.
 * The blank file, its years and region come from form.json (written from calc by hooks/pyodide_assets.py).
 *
 * Nothing here loses work without a word:
 *   - a write that fails (storage full or disabled) says so: save() answers "failed", and storageFailed()
 *     stays true until a write succeeds again;
 *   - stored work that cannot be read any more is never overwritten: it is first copied aside (DAMAGED_KEY),
 *     where the page offers it for export;
 *   - another tab's edits are never overwritten: saveWork() answers "conflict" when the stored work is not
 *     what this tab last read or wrote, and followOtherTabs() hands this tab the other's work as it is saved.
 */
import { isOurFormat } from "./contract.js";

const STORAGE_KEY = "pinglu-selfscore:v1";
const BACKUP_KEY = "pinglu-selfscore:v1:undo";
const MERGE_KEY = "pinglu-selfscore:v1:merge";
const ANSWER_KEY = "pinglu-selfscore:v1:answer";
const DAMAGED_KEY = "pinglu-selfscore:v1:damaged";
const CARRIED_KEY = "pinglu-selfscore:v1:carried";

let failedWrites = false;
let lastStored; // the work's text as this tab last read or wrote it (undefined: not read yet)

/** The stored text of `key`: {ok: false} when storage cannot be used at all (disabled, blocked). */
function readText(key) {
  try {
    return { ok: true, text: localStorage.getItem(key) };
  } catch {
    return { ok: false, text: null };
  }
}

function read(key) {
  const { text } = readText(key);
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function writeText(key, text) {
  try {
    if (text === null) localStorage.removeItem(key);
    else localStorage.setItem(key, text);
    return true;
  } catch {
    return false; // storage full or disabled
  }
}

function write(key, value) {
  return writeText(key, value === null ? null : JSON.stringify(value));
}

/** True after a write of the work failed (storage full or disabled), until one succeeds. */
export function storageFailed() {
  return failedWrites;
}

/** calc's blank assessment for the current year (years: the two full years before it, as calc.template says). */
export function blankAssessment(form, previous) {
  const year = new Date().getFullYear();
  const blank = JSON.parse(JSON.stringify(form.blank));
  blank.years = form.years_before_assessment.map((back) => year - back);
  if (previous) {
    if (validYears(previous.years)) blank.years = previous.years.slice();
    if (previous.scope && typeof previous.scope === "object" && !Array.isArray(previous.scope))
      blank.scope = JSON.parse(JSON.stringify(previous.scope));
    if (typeof previous.region === "string") blank.region = previous.region;
  }
  return blank;
}

export function validYears(years) {
  return Array.isArray(years) && years.length === 2 && years.every(Number.isInteger) && years[1] === years[0] + 1;
}

function isPlainObject(value) {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/** What the page needs to hold a file at all: the mirror of calc.validation.UNOPENABLE (calc decides for a
 * chosen file; this guards what storage gives back, which this page wrote). */
export function isAssessmentFile(data) {
  return (
    isPlainObject(data) &&
    isOurFormat(data) &&
    (data.facts === undefined || isPlainObject(data.facts)) &&
    (data.evidence === undefined || data.evidence === null || isPlainObject(data.evidence))
  );
}

/** The file as calc opened it, with the two mappings the form writes into made present (calc reads a
 * missing facts or evidence as empty too, so this changes no score and no problem). */
export function opened(data) {
  if (data.facts === undefined) data.facts = {};
  if (data.evidence === undefined || data.evidence === null) data.evidence = {};
  return data;
}

/** The saved work as it stands, or null when there is none (or it cannot be read). */
export function savedFile() {
  const data = read(STORAGE_KEY);
  return isAssessmentFile(data) ? data : null;
}

/**
 * The work to show when the page opens: {data, damaged, unavailable}. damaged: the stored text when it can
 * no longer be read (it is kept aside first, see damagedWork); unavailable: storage cannot be used at all.
 */
export function loadWork(form) {
  const stored = readText(STORAGE_KEY);
  if (!stored.ok) {
    failedWrites = true;
    return { data: blankAssessment(form), damaged: null, unavailable: true };
  }
  lastStored = stored.text;
  if (stored.text === null) return { data: blankAssessment(form), damaged: null, unavailable: false };
  const data = parseWork(stored.text);
  if (data) return { data: opened(data), damaged: null, unavailable: false };
  keepAside(stored.text);
  return { data: blankAssessment(form), damaged: stored.text, unavailable: false };
}

function parseWork(text) {
  try {
    const data = JSON.parse(text);
    return isAssessmentFile(data) ? data : null;
  } catch {
    return null;
  }
}

/** Copies unreadable stored work to DAMAGED_KEY (once), so that nothing written later can destroy it. */
function keepAside(text) {
  if (readText(DAMAGED_KEY).text !== text) writeText(DAMAGED_KEY, text);
}

/** The unreadable work kept aside, as it was stored, or null. */
export function damagedWork() {
  return readText(DAMAGED_KEY).text;
}

export function forgetDamaged() {
  writeText(DAMAGED_KEY, null);
}

/** The stored work's text as it stands (for "export what is stored"), or null. */
export function storedText() {
  return readText(STORAGE_KEY).text;
}

/**
 * Saves the work unless another tab has saved since this tab last read or wrote it: "saved", "conflict"
 * (nothing written: the other tab's work is still there) or "failed" (storage full or disabled).
 */
export function saveWork(data) {
  const stored = readText(STORAGE_KEY);
  if (stored.ok && lastStored !== undefined && stored.text !== lastStored && stored.text !== null) return "conflict";
  return save(data) ? "saved" : "failed";
}

/** Saves the work whatever is stored (this tab's choice, or the calculators' "use these values"); true if written.
 * Stored work that cannot be read is kept aside first, never overwritten. */
export function save(data) {
  const stored = readText(STORAGE_KEY);
  if (stored.ok && stored.text !== null && !parseWork(stored.text)) keepAside(stored.text);
  const text = JSON.stringify(data);
  // The kept answer is only a cache: when storage is full it makes way for the work.
  const written = writeText(STORAGE_KEY, text) || (writeText(ANSWER_KEY, null) && writeText(STORAGE_KEY, text));
  failedWrites = !written;
  if (written) lastStored = text;
  return written;
}

/** The work another tab saved, taken as this tab's (null when it cannot be read). */
export function adoptStored() {
  const stored = readText(STORAGE_KEY);
  const data = stored.text === null ? null : parseWork(stored.text);
  if (data) lastStored = stored.text;
  return data ? opened(data) : null;
}

/** onWork(data) whenever another tab saves readable work (the storage event fires in the other tabs only). */
export function followOtherTabs(onWork) {
  const listener = (event) => {
    if (event.storageArea !== localStorage || event.key !== STORAGE_KEY || event.newValue === null) return;
    if (event.newValue === lastStored) return;
    const data = parseWork(event.newValue);
    if (!data) return;
    lastStored = event.newValue;
    onWork(opened(data));
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}

/** A calculator's "use these values": {indicator, undo}, for the self-scoring page to land on and offer the undo. */
export function markCarried(info) {
  return write(CARRIED_KEY, info);
}

/** The last "use these values", taken once (null when there is none). */
export function takeCarried() {
  const info = read(CARRIED_KEY);
  if (info !== null) write(CARRIED_KEY, null);
  return info && Number.isInteger(info.indicator) ? info : null;
}

/** backup: {data, merge}, what "undo" brings back. */
export function saveBackup(backup) {
  return write(BACKUP_KEY, backup);
}

export function takeBackup() {
  const backup = read(BACKUP_KEY);
  write(BACKUP_KEY, null);
  return backup && isAssessmentFile(backup.data) ? backup : null;
}

/** The undo copy without taking it (for the offers of the recovery panel). */
export function peekBackup() {
  const backup = read(BACKUP_KEY);
  return backup && isAssessmentFile(backup.data) ? backup : null;
}

/** Merge state: {conflicts: [{key, field, path, message, values: [{source, value}], resolved}], units} or null. */
export function loadMergeState() {
  const state = read(MERGE_KEY);
  return state &&
    Array.isArray(state.conflicts) &&
    state.conflicts.every(
      (c) => isPlainObject(c) && Array.isArray(c.values) && c.values.every(isPlainObject) && isPlainObject(c.message),
    )
    ? state
    : null;
}

export function saveMergeState(state) {
  return write(MERGE_KEY, state);
}

/** JSON text with every object's keys sorted: the same data gives the same text, whatever the order its
 * keys were set in (the page's blank file, calc's, a file read back from storage). */
export function canonicalJson(value) {
  if (Array.isArray(value)) return "[" + value.map(canonicalJson).join(",") + "]";
  if (value && typeof value === "object") {
    return (
      "{" +
      Object.keys(value)
        .sort()
        .filter((key) => value[key] !== undefined)
        .map((key) => JSON.stringify(key) + ":" + canonicalJson(value[key]))
        .join(",") +
      "}"
    );
  }
  return JSON.stringify(value);
}

/** Keep calc's answer to `sent` (the exact text the worker scored), tied to the calc that answered it. */
export function saveAnswer(sourceHash, sent, answerText) {
  // Only a cache: when storage is full it is not kept (an older one would not match this data anyway).
  if (!write(ANSWER_KEY, { source_hash: sourceHash, input: sent, answer: answerText })) write(ANSWER_KEY, null);
}

/** The kept answer, parsed, if it was made by this calc (sourceHash) for exactly `data`; otherwise null. */
export function savedAnswerFor(sourceHash, data) {
  const kept = read(ANSWER_KEY);
  if (!kept || kept.source_hash !== sourceHash || typeof kept.input !== "string" || typeof kept.answer !== "string")
    return null;
  try {
    return canonicalJson(JSON.parse(kept.input)) === canonicalJson(data) ? JSON.parse(kept.answer) : null;
  } catch {
    return null; // damaged: Python answers instead
  }
}

/** The years the form is drawn with: the work's when they are two consecutive years, else the blank file's
 * (calc reports the work's years as a problem, and scores figures per year once valid years are set). */
export function shownYears(form, data) {
  return validYears(data.years) ? data.years : blankAssessment(form).years;
}
