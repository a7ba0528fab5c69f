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
