import { graphql } from "../__generated__";

export const PayerRulesFieldsFragment = graphql(`
  fragment PayerRulesFields on PayerRules {
    id
    effectiveFrom
    minGroupSize
    maxGroupSize
    minSessionMinutes
    maxSessionMinutes
    telehealthVideoAllowed
    telehealthAudioAllowed
    telehealthPlaceOfService
    modifierRules { modifier when }
    requiredNoteElements
    requireSignedNote
    requireLicensedLeader
    maxUnitsPerDay
    feeCents
    requirePriorAuthorization
    minAttendedMinutes
    minAttendedPercent
    warnClassLikeDocumentation
    telehealthPosByLocation
    allowInteractiveComplexity
    interactiveComplexityFeeCents
    signWithinDays
    credentialModifiers { credential modifier }
    lateSignatureSeverity
    maxUnitsPerWeek
    maxUnitsPerMonth
    timelyFilingDays
    createdAt
  }
`);

export const PayersDocument = graphql(`
  query Payers {
    payers {
      id
      name
      kind
      payerCode
      rules { ...PayerRulesFields }
    }
  }
`);

export const PayerDocument = graphql(`
  query Payer($id: ID!) {
    payer(id: $id) {
      id
      name
      kind
      payerCode
      rules { ...PayerRulesFields }
      ruleHistory { ...PayerRulesFields }
    }
  }
`);

export const CreatePayerDocument = graphql(`
  mutation CreatePayer($input: CreatePayerInput!) {
    createPayer(input: $input) {
      id
      name
      kind
      payerCode
      rules { ...PayerRulesFields }
    }
  }
`);

export const UpdatePayerDocument = graphql(`
  mutation UpdatePayer($id: ID!, $input: UpdatePayerInput!) {
    updatePayer(id: $id, input: $input) { id name payerCode }
  }
`);

export const SetPayerRulesDocument = graphql(`
  mutation SetPayerRules($payerId: ID!, $rules: PayerRulesInput!) {
    setPayerRules(payerId: $payerId, rules: $rules) {
      id
      rules { ...PayerRulesFields }
      ruleHistory { ...PayerRulesFields }
    }
  }
`);

export const PreviewPayerRulesDocument = graphql(`
  query PreviewPayerRules($payerId: ID!, $rules: PayerRulesInput!, $from: Date, $to: Date) {
    previewPayerRules(payerId: $payerId, rules: $rules, from: $from, to: $to) {
      decisionsEvaluated
      newlyBlocked
      newlyReady
      otherwiseChanged
      unchanged
      timeline { from to ruleVersionId effectiveFrom proposed }
      changes {
        before
        after
        issueCodes
        changedFields
        beforeLine { chargeCents modifiers placeOfService addOnCodes }
        afterLine { chargeCents modifiers placeOfService addOnCodes }
        session { id date startsAt group { id name } }
        client { id firstName lastName }
      }
    }
  }
`);
