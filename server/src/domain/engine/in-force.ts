/**
 * Which rule version and which coverage apply on a date. Dates are
 * YYYY-MM-DD strings, which compare correctly as plain strings.
 */
import type { CoverageFacts, RuleVersion } from "./types.js";

/**
 * The effectiveFrom of a payer's first rules when they were set up without a date: they hold since
 * always, so a later change dated in the past governs from its own date on, never only until the day
 * the payer happened to be typed in. The earliest date the Date scalar carries, so any client that
 * picks "the latest effectiveFrom on or before D" agrees with the engine.
 */
export const SINCE_ALWAYS = "0001-01-01";

/**
 * The version with the latest effectiveFrom on or before `date`; a same-day re-save (later createdAt)
 * wins. The engine bills `date` under exactly this version, and `rulesOn(date)` answers it; before a
 * payer's first (explicitly dated) version there are no rules, and lines are blocked rather than priced
 * under rules the practice said start later.
 */
export function ruleVersionOn<V extends RuleVersion>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const version of versions) {
    if (version.effectiveFrom > date) continue;
    if (!best || supersedes(version, best)) best = version;
  }
  return best;
}

function supersedes(candidate: RuleVersion, current: RuleVersion): boolean {
  if (candidate.effectiveFrom !== current.effectiveFrom) {
    return candidate.effectiveFrom > current.effectiveFrom;
  }
  // On an exact tie the later entry in the list wins, so the answer never depends on sort stability.
  return candidate.createdAt.getTime() >= current.createdAt.getTime();
}

/** The PRIMARY coverage in force on `date` (both ends inclusive); with overlaps, the most recently started. */
export function coverageOn(coverages: CoverageFacts[], date: string): CoverageFacts | null {
  let best: CoverageFacts | null = null;
  for (const coverage of coverages) {
    if (coverage.priority !== "PRIMARY") continue;
    if (coverage.effectiveFrom > date) continue;
    if (coverage.effectiveTo !== null && coverage.effectiveTo < date) continue;
    if (!best || coverage.effectiveFrom >= best.effectiveFrom) best = coverage;
  }
  return best;
}
