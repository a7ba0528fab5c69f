import type { ClaimIssueCode, ClaimStatus } from "../__generated__/graphql";
import { parseDateInput } from "../lib/date-input";
import { STATUS_LABELS, valuesOf } from "../lib/labels";

/** What the work list shows; it lives in the address so that a list can be shared, bookmarked and come back to. */
export interface ClaimListFilter {
  from: string;
  to: string;
  status: ClaimStatus | "";
  payerId: string;
  issueCode: ClaimIssueCode | "";
  /** Lines with an issue of this code, a warning too (the Reason filter is what blocks). */
  flaggedBy: ClaimIssueCode | "";
  clinicianId: string;
  groupId: string;
  clientId: string;
  search: string;
}

/**
 * Reasons that only ever warn: the API's `issueCode` filter matches what blocks a line (an ERROR), so these are
 * found through `flaggedBy` (any severity). A test holds this list to the engine's severities.
 */
export const WARNING_ONLY_CODES: ReadonlySet<string> = new Set(["SESSION_TOO_LONG", "DOCUMENTATION_READS_AS_CLASS", "OTHER_MEMBER_NAMED", "INTERACTIVE_COMPLEXITY_NOT_COVERED", "TIMELY_FILING_SOON"]);

/** The Reason dropdown's choice: a blocking reason narrows by `issueCode`, a warning by `flaggedBy`. */
export function reasonOf(filter: Pick<ClaimListFilter, "issueCode" | "flaggedBy">): string {
  return filter.issueCode || (WARNING_ONLY_CODES.has(filter.flaggedBy) ? filter.flaggedBy : "");
}

export function withReason(filter: Pick<ClaimListFilter, "issueCode" | "flaggedBy">, code: string): Pick<ClaimListFilter, "issueCode" | "flaggedBy"> {
  // A "flagged by" that came from elsewhere (the dashboard's filing deadlines) stays unless the dropdown replaces it.
  const flaggedBy = WARNING_ONLY_CODES.has(filter.flaggedBy) ? "" : filter.flaggedBy;
  if (code === "") return { issueCode: "", flaggedBy };
  return WARNING_ONLY_CODES.has(code) ? { issueCode: "", flaggedBy: code as ClaimIssueCode } : { issueCode: code as ClaimIssueCode, flaggedBy };
}

const KEYS: (keyof ClaimListFilter)[] = ["from", "to", "status", "payerId", "issueCode", "flaggedBy", "clinicianId", "groupId", "clientId", "search"];
const STATUSES = new Set<string>(valuesOf(STATUS_LABELS));

export function filterFromSearch(search: URLSearchParams, defaults: { from: string; to: string }): ClaimListFilter {
  const get = (key: string) => search.get(key) ?? "";
  const status = get("status");
  return {
    from: parseDateInput(get("from")) ?? defaults.from,
    to: parseDateInput(get("to")) ?? defaults.to,
    status: STATUSES.has(status) ? (status as ClaimStatus) : "",
    payerId: get("payerId"),
    issueCode: /^[A-Z_]+$/.test(get("issueCode")) ? (get("issueCode") as ClaimIssueCode) : "",
    flaggedBy: /^[A-Z_]+$/.test(get("flaggedBy")) ? (get("flaggedBy") as ClaimIssueCode) : "",
    clinicianId: get("clinicianId"),
    groupId: get("groupId"),
    clientId: get("clientId"),
    search: get("search"),
  };
}

export function filterToSearch(filter: Partial<ClaimListFilter>): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** The work list narrowed as given: every number on the dashboard links here. */
export function claimsHref(filter: Partial<ClaimListFilter>): string {
  const query = filterToSearch(filter);
  return query ? `/claims?${query}` : "/claims";
}

/** The API's variables: empty means "any". */
export function filterVariables(filter: ClaimListFilter) {
  return {
    from: filter.from,
    to: filter.to,
    payerId: filter.payerId || null,
    issueCode: filter.issueCode || null,
    flaggedBy: filter.flaggedBy || null,
    clinicianId: filter.clinicianId || null,
    groupId: filter.groupId || null,
    clientId: filter.clientId || null,
    search: filter.search.trim() || null,
  };
}
