import { graphql } from "../__generated__";

/** Clinicians see counts: $withMoney leaves out every charge, which the API refuses them. */
export const ClaimSummaryFieldsFragment = graphql(`
  fragment ClaimSummaryFields on ClaimSummary {
    from
    to
    lineCount
    chargeCents @include(if: $withMoney)
    byStatus { status lineCount chargeCents @include(if: $withMoney) }
    blockedByIssue { code lineCount chargeCents @include(if: $withMoney) }
    blockedByPayer { lineCount chargeCents @include(if: $withMoney) payer { id name } }
    oldestUnbilled { serviceDate readyCount blockedCount session { id startsAt group { id name } } }
  }
`);

export const DashboardDocument = graphql(`
  query Dashboard($thisFrom: Date!, $thisTo: Date!, $lastFrom: Date!, $lastTo: Date!, $withMoney: Boolean!) {
    thisMonth: claimSummary(from: $thisFrom, to: $thisTo) { ...ClaimSummaryFields }
    lastMonth: claimSummary(from: $lastFrom, to: $lastTo) { ...ClaimSummaryFields }
  }
`);
