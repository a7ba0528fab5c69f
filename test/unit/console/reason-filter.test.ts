/**
 * The work list's Reason dropdown narrows by `issueCode` (what blocks a line: an ERROR) or, for a reason that only
 * ever warns, by `flaggedBy`. The console's list of warning-only reasons is held here to the engine's severities,
 * so every reason the dropdown offers can match a line. (In the server project: it reads the engine's source.)
 */
import { WARNING_ONLY_CODES } from "../../../console/src/claims/claim-filters";
import { ISSUE_LABELS } from "../../../console/src/lib/labels";
import { SEVERITY } from "../../../server/src/domain/engine/checks";
import { CLAIM_ISSUE_CODES } from "../../../server/src/domain/engine/types";

it("the reasons that only warn are the engine's warnings", () => {
  // NOTE_SIGNED_LATE's severity is the payer's choice (lateSignatureSeverity): it can block, so issueCode finds it.
  const warningOnly = CLAIM_ISSUE_CODES.filter((code) => SEVERITY[code] === "WARNING" && code !== "NOTE_SIGNED_LATE");
  expect([...WARNING_ONLY_CODES].sort()).toEqual([...warningOnly].sort());
});

it("the dropdown offers every reason the engine gives, and only those", () => {
  expect(Object.keys(ISSUE_LABELS).sort()).toEqual([...CLAIM_ISSUE_CODES].sort());
});
