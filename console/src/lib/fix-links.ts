/**
 * Where each claim issue is fixed: the screen and the field (its element id after "#"). The reason
 * text says what is wrong; this says where to go, so a biller fixes a line from where they read it.
 */
export interface LineWhere {
  sessionId: string;
  clientId: string;
  payerId?: string | null;
  /** The clinician the line names as rendering provider (the leader, unless a supervisor renders). */
  clinicianId?: string | null;
  /** The session's group: its kind and psychotherapy component decide NOT_PSYCHOTHERAPY and USE_FAMILY_CODE. */
  groupId?: string | null;
}

export interface FixLink {
  to: string;
  label: string;
}

export function fixLinkFor(code: string, at: LineWhere): FixLink | null {
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
      return at.clinicianId
        ? { to: `/clinicians#clinician-${at.clinicianId}`, label: "Edit the clinician's license" }
        : { to: `${session}#session-leader`, label: "Change the leader" };
    case "NO_ACTIVE_COVERAGE":
      return { to: `${client}#coverage`, label: "Edit the client's coverage" };
    case "MISSING_REGISTRATION":
      return { to: `${client}#client-details`, label: "Complete the client's registration" };
    case "MISSING_DIAGNOSIS":
      return { to: `${client}#diagnosis`, label: "Add a diagnosis" };
    case "AUTH_REQUIRED":
    case "AUTH_EXHAUSTED":
      return { to: `${client}#authorizations`, label: "Edit the client's authorizations" };
    case "MISSING_FEE":
    // The payer may pay 90785 after all: allowing it (with its fee) is in the payer's rules.
    case "INTERACTIVE_COMPLEXITY_NOT_COVERED":
    case "DAILY_UNIT_LIMIT":
    case "FREQUENCY_LIMIT":
    case "TOO_MANY_MODIFIERS":
      return at.payerId ? { to: `/payers/${at.payerId}#rules`, label: "Edit the payer's rules" } : null;
    // Past the deadline only a wrong window can be corrected; otherwise the line is appealed or written off.
    case "TIMELY_FILING_EXPIRED":
      return at.payerId ? { to: `/payers/${at.payerId}#rules`, label: "Check the payer's filing window" } : null;
    // Still in time: billing it is the fix.
    case "TIMELY_FILING_SOON":
      return { to: "/batches#new-batch", label: "Bill it in a new batch" };
    case "NOT_PSYCHOTHERAPY":
      return at.groupId ? { to: `/groups?edit=${at.groupId}#group-psychotherapy`, label: "Edit the group" } : { to: "/groups", label: "Edit the group" };
    case "USE_FAMILY_CODE":
      // Family groups bill another code; a group given the wrong kind is what can be fixed here.
      return at.groupId ? { to: `/groups?edit=${at.groupId}#group-kind`, label: "Check the group's kind" } : null;
    default:
      return null;
  }
}
