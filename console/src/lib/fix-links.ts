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
      return { to: `${session}#note-${at.clientId}`, label: "Open the member's note" };
    case "SESSION_TOO_SHORT":
    case "SESSION_TOO_LONG":
      return { to: `${session}#session-length`, label: "Edit the session's length" };
    case "TELEHEALTH_NOT_COVERED":
      return { to: `${session}#session-modality`, label: "Edit the session's modality" };
    case "MISSING_GROUP_DOCUMENTATION":
      return { to: `${session}#group-documentation`, label: "Write the group documentation" };
    case "GROUP_TOO_SMALL":
    case "GROUP_TOO_LARGE":
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
    case "TOO_MANY_MODIFIERS":
      return at.payerId ? { to: `/payers/${at.payerId}#rules`, label: "Edit the payer's rules" } : null;
    case "NOT_PSYCHOTHERAPY":
      return { to: "/groups", label: "Edit the group" };
    default:
      // USE_INDIVIDUAL_CODE / USE_FAMILY_CODE: nothing to fix here, the line belongs on another code.
      return null;
  }
}
