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
  query ClaimBatchExport($id: ID!, $format: ExportFormat!) {
    claimBatch(id: $id) { id export(format: $format) }
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
        client { id firstName lastName }
        session { id date group { id name } }
      }
    }
  }
`);
