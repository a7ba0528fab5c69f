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

/** Unbilled lines whose payer's filing deadline has passed or is within 14 days (billed lines never are). */
export const FilingDeadlinesDocument = graphql(`
  query FilingDeadlines($from: Date!, $to: Date!) {
    expired: claimDecisions(from: $from, to: $to, flaggedBy: TIMELY_FILING_EXPIRED, first: 10) { ...FilingDeadlineLines }
    soon: claimDecisions(from: $from, to: $to, flaggedBy: TIMELY_FILING_SOON, first: 10) { ...FilingDeadlineLines }
  }
`);

export const FilingDeadlineLinesFragment = graphql(`
  fragment FilingDeadlineLines on ClaimDecisionConnection {
    totalCount
    edges {
      node {
        id
        status
        issues { code message }
        client { id firstName lastName }
        payer { id name }
        session { id date group { id name } }
      }
    }
  }
`);
