import { graphql } from "../__generated__";

export const ClaimBatchFieldsFragment = graphql(`
  fragment ClaimBatchFields on ClaimBatch {
    id
    createdAt
    from
    to
    payer { id name }
    lineCount
    totalChargeCents
    voided
    voidedAt
    controlNumber
    usageIndicator
  }
`);

export const ClaimBatchesDocument = graphql(`
  query ClaimBatches {
    claimBatches { ...ClaimBatchFields }
  }
`);

export const ClaimsPayersDocument = graphql(`
  query ClaimsPayers {
    payers { id name }
  }
`);

/** How many lines a batch over this range would take, and how many are still blocked. */
export const ReadyCountDocument = graphql(`
  query ReadyCount($from: Date!, $to: Date!, $payerId: ID) {
    ready: claimDecisions(from: $from, to: $to, payerId: $payerId, status: READY, first: 1) { totalCount }
    blocked: claimDecisions(from: $from, to: $to, payerId: $payerId, status: BLOCKED, first: 1) { totalCount }
  }
`);

export const CreateClaimBatchDocument = graphql(`
  mutation CreateClaimBatch($input: CreateClaimBatchInput!) {
    createClaimBatch(input: $input) { ...ClaimBatchFields }
  }
`);

export const VoidClaimBatchDocument = graphql(`
  mutation VoidClaimBatch($id: ID!) {
    voidClaimBatch(id: $id) { ...ClaimBatchFields }
  }
`);

export const ClaimBatchExportDocument = graphql(`
  query ClaimBatchExport($id: ID!, $format: ExportFormat!, $voidClaims: Boolean) {
    claimBatch(id: $id) { id export(format: $format, voidClaims: $voidClaims) }
  }
`);

export const CreateSecondaryClaimsDocument = graphql(`
  mutation CreateSecondaryClaims($batchId: ID!, $idempotencyKey: String!) {
    createSecondaryClaims(batchId: $batchId, idempotencyKey: $idempotencyKey) { id controlNumber lineCount }
  }
`);

export const ClaimBatchLinesDocument = graphql(`
  query ClaimBatchLines($id: ID!) {
    claimBatch(id: $id) {
      id
      discrepancies
      lines {
        id
        status
        patientControlNumber
        cptCode
        modifiers
        chargeCents
        totalChargeCents
        addOnLines { cptCode modifiers chargeCents }
        client { id firstName lastName }
        payer { id name }
        session { id date group { id name } }
      }
    }
  }
`);

/** One page of the work list; the same arguments as ClaimLinesTotals, so the totals describe exactly these lines. */
export const ClaimLinesDocument = graphql(`
  query ClaimLines(
    $from: Date!
    $to: Date!
    $status: ClaimStatus
    $payerId: ID
    $issueCode: ClaimIssueCode
    $flaggedBy: ClaimIssueCode
    $clinicianId: ID
    $groupId: ID
    $clientId: ID
    $search: String
    $first: Int
    $after: String
  ) {
    claimDecisions(
      from: $from
      to: $to
      status: $status
      payerId: $payerId
      issueCode: $issueCode
      flaggedBy: $flaggedBy
      clinicianId: $clinicianId
      groupId: $groupId
      clientId: $clientId
      search: $search
      first: $first
      after: $after
    ) {
      totalCount
      staleDates
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          status
          cptCode
          modifiers
          chargeCents
          totalChargeCents
          issues { code severity message missingRegistration }
          client { id firstName lastName }
          payer { id name }
          renderingProvider { id name }
          session { id date group { id name } }
        }
      }
    }
  }
`);

export const ClaimLinesTotalsDocument = graphql(`
  query ClaimLinesTotals($from: Date!, $to: Date!, $payerId: ID, $issueCode: ClaimIssueCode, $flaggedBy: ClaimIssueCode, $clinicianId: ID, $groupId: ID, $clientId: ID, $search: String) {
    claimSummary(from: $from, to: $to, payerId: $payerId, issueCode: $issueCode, flaggedBy: $flaggedBy, clinicianId: $clinicianId, groupId: $groupId, clientId: $clientId, search: $search) {
      lineCount
      chargeCents
      byStatus { status lineCount chargeCents }
    }
  }
`);

export const ClaimFilterOptionsDocument = graphql(`
  query ClaimFilterOptions {
    payers { id name }
    clinicians { id name }
    groups { id name }
  }
`);

export const ClaimFilterClientDocument = graphql(`
  query ClaimFilterClient($id: ID!) {
    client(id: $id) { id firstName lastName }
  }
`);

/** Everything the review before a batch shows: the lines it would take, their totals by payer, and what is missing. */
export const BatchReviewDocument = graphql(`
  query BatchReview($from: Date!, $to: Date!, $payerId: ID) {
    claimSummary(from: $from, to: $to, payerId: $payerId) {
      staleDates
      byStatus { status lineCount chargeCents }
      readyByPayer { lineCount chargeCents payer { id name } }
    }
    practice { id taxId taxonomyCode addressLine1 addressCity addressState addressZip phone }
  }
`);

/** Apart from BatchReview, which would otherwise exceed the API's cost limit for one query. */
export const BatchReviewLinesDocument = graphql(`
  query BatchReviewLines($from: Date!, $to: Date!, $payerId: ID) {
    claimDecisions(from: $from, to: $to, payerId: $payerId, status: READY, first: 25) {
      totalCount
      edges {
        node {
          id
          totalChargeCents
          client { id firstName lastName }
          payer { id name }
          session { id date group { id name } }
        }
      }
    }
  }
`);
