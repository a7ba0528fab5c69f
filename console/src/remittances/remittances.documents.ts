import { graphql } from "../__generated__";

export const PostingFieldsFragment = graphql(`
  fragment PostingFields on RemittancePosting {
    id
    lineId
    patientControlNumber
    statusCode
    outcome
    chargeCents
    paidCents
    patientResponsibilityCents
    deniedCents
    payerClaimControlNumber
    billedChargeCents
    chargeWarning
    postedAt
    serviceDate
    clientName
    payerId
    payerName
    adjustments { level serviceLineIndex group reasonCode amountCents quantity kind description }
    remarks { level code description }
    serviceLines {
      index
      procedure { code modifiers }
      originalProcedure { code modifiers }
      chargeCents
      paidCents
      outcome
      unitsPaid
      originalUnits
      adjustments { group reasonCode amountCents quantity description }
      remarks { code description }
    }
  }
`);

export const RemittanceFieldsFragment = graphql(`
  fragment RemittanceFields on Remittance {
    id
    fileName
    interchangeControlNumber
    usageIndicator
    importedAt
    alreadyImported
    payments {
      id
      traceNumber
      payerName
      paymentCents
      creditDebit
      paymentMethod
      paymentDate
      providerAdjustments { providerId fiscalPeriodDate reasonCode description referenceId amountCents segmentPosition }
    }
    claims { ...PostingFields }
  }
`);

export const RemittancesDocument = graphql(`
  query Remittances {
    remittances { ...RemittanceFields }
  }
`);

export const RemittanceDocument = graphql(`
  query Remittance($id: ID!) {
    remittance(id: $id) { ...RemittanceFields }
  }
`);

export const ImportRemittanceDocument = graphql(`
  mutation ImportRemittance($input: ImportRemittanceInput!) {
    importRemittance(input: $input) { ...RemittanceFields }
  }
`);

export const LineRemittanceFieldsFragment = graphql(`
  fragment LineRemittanceFields on LineRemittance {
    lineId
    openBalanceCents
    writtenOff
    latest { ...PostingFields }
    history { id outcome paidCents deniedCents postedAt }
    actions { kind note amountCents createdAt }
    rebill { lineId patientControlNumber batchControlNumber rebilledAt }
  }
`);

export const DenialsDocument = graphql(`
  query Denials($filter: DenialFilterInput) {
    denials(filter: $filter) {
      lineId
      openBalanceCents
      writtenOff
      latest { ...PostingFields }
      actions { kind note amountCents createdAt }
      rebill { lineId patientControlNumber batchControlNumber rebilledAt }
      ageDays
      reasonCodes
      availableActions
    }
    payers { id name }
  }
`);

export const WriteOffDenialDocument = graphql(`
  mutation WriteOffDenial($lineId: ID!, $reason: String!) {
    writeOffDenial(lineId: $lineId, reason: $reason) { ...LineRemittanceFields }
  }
`);

export const NoteAppealDocument = graphql(`
  mutation NoteAppeal($lineId: ID!, $note: String!) {
    noteAppeal(lineId: $lineId, note: $note) { ...LineRemittanceFields }
  }
`);

export const CorrectAndRebillDocument = graphql(`
  mutation CorrectAndRebill($lineId: ID!, $idempotencyKey: String!) {
    correctAndRebill(lineId: $lineId, idempotencyKey: $idempotencyKey) {
      id
      controlNumber
      lines { patientControlNumber }
    }
  }
`);

export const RemittanceTotalsDocument = graphql(`
  query RemittanceTotals {
    remittanceTotals { payerId payerName month billedCents paidCents deniedCents outstandingCents }
  }
`);

export const DenialReportDocument = graphql(`
  query DenialReport($from: Date!, $to: Date!) {
    denialReport(from: $from, to: $to) {
      payerId
      payerName
      preventedCount
      preventedCents
      missedCount
      missedCents
      reasons {
        reasonCode
        description
        prevented
        count
        deniedCents
        prevention { area payerRuleField suggestion }
      }
    }
  }
`);
