import type { Permission } from "../auth/permissions";

/**
 * Where each claim issue is fixed: the screen and the field (its element id after "#"). The reason
 * text says what is wrong; this says where to go, so a biller fixes a line from where they read it.
 */
export interface LineWhere {
  sessionId: string;
  clientId: string;
  payerId?: string | null;
  /**
   * The line's rendering provider as the server decided it (ClaimDecision.renderingProvider): on a line blocked for
   * LEADER_NOT_LICENSED that is the leader whose license is in question, never re-decided here.
   */
  clinicianId?: string | null;
  /** The session's group: its kind and psychotherapy component decide NOT_PSYCHOTHERAPY and USE_FAMILY_CODE. */
  groupId?: string | null;
}

/** A reason as the API gives it: its code, and what it names as missing where the fix depends on that. */
export interface IssueRef {
  code: string;
  missingRegistration?: readonly string[] | null;
}

export interface FixLink {
  to: string;
  label: string;
}

/** Where MISSING_REGISTRATION's first missing item is entered on the client's form, in the form's order. */
function registrationLink(client: string, missing: readonly string[] | null | undefined, payerId: string | null | undefined): FixLink {
  switch (missing?.[0]) {
    case "SEX":
      return { to: `${client}#client-sex`, label: "Enter the member's sex" };
    case "ADDRESS":
      return { to: `${client}#client-address`, label: "Enter the member's home address" };
    case "SUBSCRIBER":
      return payerId ? { to: `${client}#subscriber-${payerId}`, label: "Enter the insured person" } : { to: `${client}#coverage`, label: "Enter the insured person" };
    default:
      // A line stored before its reason named what is missing.
      return { to: `${client}#client-details`, label: "Complete the client's registration" };
  }
}

/**
 * The screen and field for a reason, as the viewer may use them (`can`: Viewer.permissions): a link to a form the
 * viewer may not edit is a dead end, so a reason another screen also fixes goes there instead.
 */
export function fixLinkFor(issue: string | IssueRef, at: LineWhere, can: (permission: Permission) => boolean): FixLink | null {
  const { code, missingRegistration } = typeof issue === "string" ? { code: issue, missingRegistration: null } : issue;
  const session = `/sessions/${at.sessionId}`;
  const client = `/clients/${at.clientId}`;
  switch (code) {
    case "MISSING_MEMBER_NOTE":
    case "NOTE_INCOMPLETE":
    case "NOTE_UNSIGNED":
    case "OTHER_MEMBER_NAMED":
    case "NOTE_SIGNED_LATE":
      return { to: `${session}#note-${at.clientId}`, label: "Open the member's note" };
    case "SESSION_TOO_SHORT":
    case "SESSION_TOO_LONG":
      return { to: `${session}#session-length`, label: "Edit the session's length" };
    case "TELEHEALTH_NOT_COVERED":
      return { to: `${session}#session-modality`, label: "Edit the session's modality" };
    case "ATTENDANCE_TOO_SHORT":
      return { to: `${session}#minutes-${at.clientId}`, label: "Edit the minutes attended" };
    case "MISSING_GROUP_DOCUMENTATION":
    case "DOCUMENTATION_READS_AS_CLASS":
      return { to: `${session}#group-documentation`, label: "Write the group documentation" };
    case "GROUP_TOO_SMALL":
    case "GROUP_TOO_LARGE":
    // One member present is individual therapy, unless attendance was recorded wrong: that is what can be fixed here.
    case "USE_INDIVIDUAL_CODE":
      return { to: `${session}#attendance`, label: "Check attendance" };
    case "LEADER_NOT_LICENSED":
      // A renewed license is fixed on the clinician, by those who may edit clinicians; anyone who may correct the
      // session can name another leader, or a licensed supervisor where the payer accepts one (the form beside it).
      if (at.clinicianId && can("ManageClinicians")) return { to: `/clinicians#clinician-${at.clinicianId}`, label: "Edit the clinician's license" };
      if (can("CorrectSessions")) return { to: `${session}#session-leader`, label: "Change the leader or supervisor" };
      return at.clinicianId ? { to: `/clinicians#clinician-${at.clinicianId}`, label: "See the clinician's license" } : null;
    case "NO_ACTIVE_COVERAGE":
      return { to: `${client}#coverage`, label: "Edit the client's coverage" };
    case "MISSING_REGISTRATION":
      return can("ManageClients") ? registrationLink(client, missingRegistration, at.payerId) : { to: `${client}#client-details`, label: "See the client's registration" };
    case "MISSING_DIAGNOSIS":
      return { to: `${client}#diagnosis`, label: "Add a diagnosis" };
    case "AUTH_REQUIRED":
    case "AUTH_EXHAUSTED":
      return { to: `${client}#authorizations`, label: "Edit the client's authorizations" };
    case "MISSING_FEE":
    // The payer may pay 90785 after all: allowing it (with its fee) is in the payer's rules.
    case "INTERACTIVE_COMPLEXITY_NOT_COVERED":
    case "DAILY_UNIT_LIMIT":
    case "TOO_MANY_MODIFIERS":
    // A cap the payer raised (an approval for more sessions) is entered in its rules; attendance is the other fix.
    case "FREQUENCY_LIMIT":
      return at.payerId ? { to: `/payers/${at.payerId}#rules`, label: "Edit the payer's rules" } : null;
    // Past the deadline nothing on the line helps; a filing window entered wrong is what can be fixed here.
    case "TIMELY_FILING_EXPIRED":
      return at.payerId ? { to: `/payers/${at.payerId}#rules`, label: "Check the payer's filing window" } : null;
    // Still in time: billing it is the fix, for those who make batches.
    case "TIMELY_FILING_SOON":
      return can("ManageClaimBatches") ? { to: "/batches#new-batch", label: "Bill it in a new batch" } : null;
    case "NOT_PSYCHOTHERAPY":
      return at.groupId ? { to: `/groups?edit=${at.groupId}#group-psychotherapy`, label: "Edit the group" } : { to: "/groups", label: "Edit the group" };
    case "USE_FAMILY_CODE":
      // Family groups bill another code; a group given the wrong kind is what can be fixed here.
      return at.groupId ? { to: `/groups?edit=${at.groupId}#group-kind`, label: "Check the group's kind" } : null;
    default:
      return null;
  }
}
