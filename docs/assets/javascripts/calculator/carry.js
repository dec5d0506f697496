/*
 * "Use these values in the self-scoring form": writes the calculator's figures for its indicator into
 * the self-scoring page's saved work (selfscore/store.js, localStorage), which that page reads when it
 * opens. The work as it was is kept as the page's undo backup; other indicators are left alone.
 */
import { loadMergeState, save, saveBackup, savedFile } from "../selfscore/store.js";
import { FORMAT } from "../selfscore/text.js";

/** A per-year value moved to the saved work's years, by position (the earlier and the later year). */
function moveYears(value, from, to) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const out = {};
  from.forEach((year, i) => { if (String(year) in value) out[String(to[i])] = value[String(year)]; });
  return out;
}

export function carryOver(config, state) {
  const saved = savedFile();
  const work = saved ? JSON.parse(JSON.stringify(saved))
    : { format: FORMAT, version: 1, scope: { kind: "county" }, years: state.years, region: state.region, facts: {}, evidence: {}, meta: {} };
  work.facts = work.facts && typeof work.facts === "object" ? work.facts : {};
  const years = Array.isArray(work.years) && work.years.length === 2 ? work.years : state.years;
  const sameYears = String(years) === String(state.years);
  for (const fact of config.facts) {
    const value = JSON.parse(JSON.stringify(state.facts[fact.key] ?? null));
    work.facts[fact.key] = fact.per_year && !sameYears ? moveYears(value, state.years, years) : value;
  }
  for (const flag of config.flags) work.facts[flag.key] = state.facts[flag.key] === true;
  if (config.boundaries.some((b) => b.region)) work.region = state.region;
  if (saved) saveBackup({ data: saved, merge: loadMergeState() });
  save(work);
}
