import { graphql } from "../__generated__";

/**
 * Charges and batch ids are billing data the API refuses (FORBIDDEN) to clinicians, so every operation using
 * this fragment declares $withBilling and passes can("ReadClaims").
 */
export const ClaimLineFieldsFragment = graphql(`
  fragment ClaimLineFields on ClaimDecision {
    id
    status
    cptCode
    suggestedCptCodes
    modifiers
    placeOfService
    units
    diagnosisCodes
    chargeCents @include(if: $withBilling)
    totalChargeCents @include(if: $withBilling)
    addOnLines { cptCode modifiers units chargeCents @include(if: $withBilling) }
    batchId @include(if: $withBilling)
    requiredNoteElements
    issues { code severity message element missingRegistration }
    client { id firstName lastName }
    payer { id name }
    renderingProvider { id }
  }
`);

export const SessionsBoardDocument = graphql(`
  query SessionsBoard($from: Date, $to: Date, $groupId: ID, $payerId: ID, $first: Int, $after: String, $withBilling: Boolean!) {
    sessions(from: $from, to: $to, groupId: $groupId, payerId: $payerId, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          startsAt
          date
          durationMinutes
          modality
          presentCount
          group { id name }
          leader { id name }
          claimDecisions { ...ClaimLineFields }
        }
      }
    }
  }
`);

export const BoardGroupsDocument = graphql(`
  query BoardGroups {
    groups { id name defaultDurationMinutes leader { id name } }
  }
`);

export const BoardPayersDocument = graphql(`
  query BoardPayers {
    payers { id name }
  }
`);

export const MemberNoteFieldsFragment = graphql(`
  fragment MemberNoteFields on MemberNote {
    id
    client { id }
    participation
    response
    interventions
    progress
    plan
    risk
    signedAt
    signedBy { id name }
    addenda { text element createdAt author { id name } }
    version
  }
`);

export const SessionDocument = graphql(`
  query Session($id: ID!, $withBilling: Boolean!) {
    session(id: $id) {
      id
      startsAt
      date
      durationMinutes
      modality
      placeOfService
      topics
      interventions
      version
      presentCount
      group { id name kind hasPsychotherapyComponent members { id firstName lastName } }
      leader { id name credential licensed }
      supervisor { id name credential licensed }
      attendance { status minutesAttended location interactiveComplexityReason client { id firstName lastName } }
      notes { ...MemberNoteFields }
      claimDecisions { ...ClaimLineFields }
    }
  }
`);

export const RecordAttendanceDocument = graphql(`
  mutation RecordAttendance($sessionId: ID!, $entries: [AttendanceInput!]!, $withBilling: Boolean!) {
    recordAttendance(sessionId: $sessionId, entries: $entries) {
      id
      presentCount
      attendance { status minutesAttended location interactiveComplexityReason client { id firstName lastName } }
      claimDecisions { ...ClaimLineFields }
    }
  }
`);

export const UpdateSessionDocumentationDocument = graphql(`
  mutation UpdateSessionDocumentation($id: ID!, $input: UpdateSessionInput!, $withBilling: Boolean!) {
    updateSession(id: $id, input: $input) {
      id
      version
      topics
      interventions
      claimDecisions { ...ClaimLineFields }
    }
  }
`);

export const SaveMemberNoteDocument = graphql(`
  mutation SaveMemberNote($input: SaveMemberNoteInput!) {
    saveMemberNote(input: $input) { ...MemberNoteFields }
  }
`);

export const SignMemberNoteDocument = graphql(`
  mutation SignMemberNote($id: ID!) {
    signMemberNote(id: $id) { ...MemberNoteFields }
  }
`);

export const AddNoteAddendumDocument = graphql(`
  mutation AddNoteAddendum($noteId: ID!, $text: String!, $element: NoteElement) {
    addNoteAddendum(noteId: $noteId, text: $text, element: $element) { ...MemberNoteFields }
  }
`);

export const ScheduleSessionDocument = graphql(`
  mutation ScheduleSession($input: ScheduleSessionInput!) {
    scheduleSession(input: $input) { id }
  }
`);

export const UpdateSessionSupervisorDocument = graphql(`
  mutation UpdateSessionSupervisor($id: ID!, $input: UpdateSessionInput!, $withBilling: Boolean!) {
    updateSession(id: $id, input: $input) {
      id
      version
      supervisor { id name credential licensed }
      claimDecisions { ...ClaimLineFields }
    }
  }
`);

export const DraftMemberNotesDocument = graphql(`
  mutation DraftMemberNotes($sessionId: ID!, $members: [DraftMemberNoteInput!]!) {
    draftMemberNotes(sessionId: $sessionId, members: $members) { id ...MemberNoteFields }
  }
`);

export const UpdateSessionDetailsDocument = graphql(`
  mutation UpdateSessionDetails($id: ID!, $input: UpdateSessionInput!, $withBilling: Boolean!) {
    updateSession(id: $id, input: $input) {
      id
      version
      startsAt
      date
      durationMinutes
      modality
      placeOfService
      leader { id name credential licensed }
      supervisor { id name credential licensed }
      claimDecisions { ...ClaimLineFields }
    }
  }
`);
