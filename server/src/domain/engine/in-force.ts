/**
 * Which rule version and which coverage apply on a date. Dates are
 * YYYY-MM-DD strings, which compare correctly as plain strings.
 */
import type { CoverageFacts, RuleVersion } from "./types.js";

/** The version with the latest effectiveFrom on or before `date`; a same-day re-save (later createdAt) wins. */
export function ruleVersionOn(versions: RuleVersion[], date: string): RuleVersion | null {
  let best: RuleVersion | null = null;
  for (const version of versions) {
    if (version.effectiveFrom > date) continue;
    if (!best || supersedes(version, best)) best = version;
  }
  return best;
}

/**
 * The rules to bill a service on `date` under: the version in force, or,
 * for a date before the first version, that first version — a payer's
 * first configured rules are taken to have applied before the payer was
 * set up in GroupBill, so back-dated sessions can still be billed.
 */
export function rulesInForceOn(versions: RuleVersion[], date: string): RuleVersion | null {
  const inForce = ruleVersionOn(versions, date);
  if (inForce || versions.length === 0) return inForce;
  const firstEffective = versions.reduce(
    (earliest, v) => (v.effectiveFrom < earliest ? v.effectiveFrom : earliest),
    versions[0].effectiveFrom,
  );
  return ruleVersionOn(versions, firstEffective);
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
