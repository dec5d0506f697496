/*
 * "Use these values in the self-scoring form": writes the calculator's figures for its indicator into
 * the self-scoring page's saved work (engine/store.js, localStorage), which that page reads when it
 * opens. Figures the form already holds are listed (old → new) for the person to confirm first; the work
 * as it was is kept as the page's undo copy, and the page lands on the indicator with an undo. Other
 * indicators are left alone.
 */
import { loadMergeState, markCarried, save, saveBackup, savedFile } from "../engine/store.js";
import { showValue } from "../selfscore/show-value.js";

/** A per-year value moved to the saved work's years, by position (the earlier and the later year). */
function moveYears(value, from, to) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const out = {};
  from.forEach((year, i) => {
    if (String(year) in value) out[String(to[i])] = value[String(year)];
  });
  return out;
}

/** The saved work (null when there is none) and the work as it would be with the calculator's values. */
function carried(config, state) {
  const saved = savedFile();
  const work = saved
    ? JSON.parse(JSON.stringify(saved))
    : { ...JSON.parse(JSON.stringify(config.blank)), years: state.years, region: state.region }; // calc's empty file
  work.facts = work.facts && typeof work.facts === "object" && !Array.isArray(work.facts) ? work.facts : {};
  const years = Array.isArray(work.years) && work.years.length === 2 ? work.years : state.years;
  const sameYears = String(years) === String(state.years);
  for (const fact of config.facts) {
    const value = JSON.parse(JSON.stringify(state.facts[fact.key] ?? null));
    work.facts[fact.key] = fact.per_year && !sameYears ? moveYears(value, state.years, years) : value;
  }
  for (const flag of config.flags) work.facts[flag.key] = state.facts[flag.key] === true;
  if (config.boundaries.some((b) => b.region)) work.region = state.region;
  return { saved, work, years };
}

const entered = (value) =>
  value !== null &&
  value !== undefined &&
  value !== "" &&
  value !== false &&
  !(
    typeof value === "object" &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => v === null || v === undefined || v === "")
  );

/** What carrying over would replace: one {label, before, after} per figure (and year) the form holds
 * with a different value. Empty when nothing entered would be lost. `t`: the self-scoring page's words. */
export function plannedChanges(config, state, t) {
  const { saved, work, years } = carried(config, state);
  if (!saved || !saved.facts || typeof saved.facts !== "object") return [];
  const ctx = { t };
  const out = [];
  const compare = (label, before, after, field) => {
    if (entered(before) && JSON.stringify(before) !== JSON.stringify(after ?? null)) {
      out.push({
        label,
        before: showValue(ctx, before, field),
        after: entered(after) || after === false ? showValue(ctx, after, field) : t.carryEmpty,
      });
    }
  };
  for (const fact of config.facts) {
    const before = saved.facts[fact.key],
      after = work.facts[fact.key];
    if (fact.per_year && before && typeof before === "object" && !Array.isArray(before)) {
      for (const year of years)
        compare(fact.label + t.paren(t.carryYear(year)), before[String(year)], after && after[String(year)]);
    } else {
      compare(fact.label, before, after);
    }
  }
  for (const flag of config.flags) compare(flag.key + " " + flag.label, saved.facts[flag.key], work.facts[flag.key]);
  if (saved.region && work.region !== saved.region) compare(t.region, saved.region, work.region, "region");
  return out;
}

export function carryOver(config, state) {
  const { saved, work } = carried(config, state);
  if (saved) saveBackup({ data: saved, merge: loadMergeState() });
  markCarried({ indicator: config.number, undo: Boolean(saved) });
  save(work);
}
