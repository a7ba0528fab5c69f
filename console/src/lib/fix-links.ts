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

/**
 * What the console offers on a reason. A viewer who may save the form that fixes it gets a link to its field. One
 * who may not gets, in order of use: a link to another screen where they can fix it; a read-only link to where it is
 * fixed, whose label says who fixes it (`readOnly`); or, when they may not even open that screen, no link (`to` is
 * null) and a label naming who fixes it. A link to a form whose save the server refuses would be a dead end.
 */
export interface FixLink {
  to: string | null;
  label: string;
  readOnly?: true;
}

/** The people who hold each kind of fix, as labels name them (DESIGN §3's roles; administrators hold every one). */
const CLINICIAN = "a clinician";
const BILLER = "a biller";
const ADMINISTRATOR = "an administrator";

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Who fixes a reason the viewer may not, and what: "a clinician" "signs" "the note" ("it"). */
interface Fixer {
  who: string;
  does: string;
  what: string;
  it?: string;
}

/**
 * The form when the viewer may save it; otherwise the place to read it (`read.to`, or the form's own place), when
 * they may read that screen and it shows readers what the form holds; otherwise who to ask.
 */
function fixOr(can: (permission: Permission) => boolean, fix: { permission: Permission; to: string; label: string }, read: { permission: Permission; to?: string } | null, by: Fixer): FixLink {
  if (can(fix.permission)) return { to: fix.to, label: fix.label };
  if (read && can(read.permission)) return { to: read.to ?? fix.to, label: `See ${by.what} (${by.who} ${by.does} ${by.it ?? "it"})`, readOnly: true };
  return { to: null, label: `${capitalized(by.who)} ${by.does} ${by.what}`, readOnly: true };
}

/** Where MISSING_REGISTRATION's first missing item is entered on the client's form, in the form's order. */
function registrationLink(client: string, missing: readonly string[] | null | undefined, payerId: string | null | undefined): { to: string; label: string } {
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
 * The screen and field for a reason, as the viewer may use them (`can`: Viewer.permissions, the permissions the
 * server checks on each form's save): see FixLink for what a viewer who may not fix it gets instead.
 */
export function fixLinkFor(issue: string | IssueRef, at: LineWhere, can: (permission: Permission) => boolean): FixLink | null {
  const { code, missingRegistration } = typeof issue === "string" ? { code: issue, missingRegistration: null } : issue;
  const session = `/sessions/${at.sessionId}`;
  const client = `/clients/${at.clientId}`;
  const note = `${session}#note-${at.clientId}`;
  const readSession = { permission: "ReadSessions" } as const;
  const readClient = { permission: "ReadClients", to: `${client}#client-details` } as const;
  // saveMemberNote, signMemberNote and addNoteAddendum all need WriteNotes; anyone reading the session sees the note.
  const noteFix = (does: string) => fixOr(can, { permission: "WriteNotes", to: note, label: "Open the member's note" }, readSession, { who: CLINICIAN, does, what: "the note" });
  // recordAttendance needs RecordAttendance. Readers see the form disabled, so they land on the section, not a field.
  const attendance = (to: string, label: string) =>
    fixOr(can, { permission: "RecordAttendance", to, label }, { permission: "ReadSessions", to: `${session}#attendance` }, { who: CLINICIAN, does: "records", what: "attendance" });
  // The session's details form (updateSession's length, modality, leader) is shown only to those who may save it.
  const details = (to: string, label: string, what: string) => fixOr(can, { permission: "CorrectSessions", to, label }, null, { who: BILLER, does: "corrects", what });
  const payerRules = (label: string, what: string, it: string): FixLink | null =>
    at.payerId ? fixOr(can, { permission: "ManagePayers", to: `/payers/${at.payerId}#rules`, label }, { permission: "ReadPayers" }, { who: ADMINISTRATOR, does: "edits", what, it }) : null;
  switch (code) {
    case "MISSING_MEMBER_NOTE":
      return noteFix("writes");
    case "NOTE_UNSIGNED":
      return noteFix("signs");
    case "NOTE_INCOMPLETE":
    case "OTHER_MEMBER_NAMED":
    case "NOTE_SIGNED_LATE":
      return noteFix("amends");
    case "SESSION_TOO_SHORT":
    case "SESSION_TOO_LONG":
      return details(`${session}#session-length`, "Edit the session's length", "the session's length");
    case "TELEHEALTH_NOT_COVERED":
      return details(`${session}#session-modality`, "Edit the session's modality", "the session's modality");
    case "ATTENDANCE_TOO_SHORT":
      return attendance(`${session}#minutes-${at.clientId}`, "Edit the minutes attended");
    case "MISSING_GROUP_DOCUMENTATION":
    case "DOCUMENTATION_READS_AS_CLASS":
      // Topics and interventions are updateSession's documentation fields, which need ScheduleSessions.
      return fixOr(can, { permission: "ScheduleSessions", to: `${session}#group-documentation`, label: "Write the group documentation" }, readSession, {
        who: CLINICIAN,
        does: "writes",
        what: "the documentation",
      });
    case "GROUP_TOO_SMALL":
    case "GROUP_TOO_LARGE":
    // One member present is individual therapy, unless attendance was recorded wrong: that is what can be fixed here.
    case "USE_INDIVIDUAL_CODE":
      return attendance(`${session}#attendance`, "Check attendance");
    case "LEADER_NOT_LICENSED": {
      // A renewed license is fixed on the clinician, by those who may edit clinicians; anyone who may correct the
      // session can name another leader, or a licensed supervisor where the payer accepts one (the form beside it).
      if (can("CorrectSessions") && !(at.clinicianId && can("ManageClinicians"))) return { to: `${session}#session-leader`, label: "Change the leader or supervisor" };
      if (!at.clinicianId) return null;
      const clinician = `/clinicians#clinician-${at.clinicianId}`;
      return fixOr(can, { permission: "ManageClinicians", to: clinician, label: "Edit the clinician's license" }, { permission: "ReadClinicians" }, { who: ADMINISTRATOR, does: "edits", what: "the license" });
    }
    case "NO_ACTIVE_COVERAGE":
      // Readers of a client see its details, coverage included, as one read-only list.
      return fixOr(can, { permission: "ManageClients", to: `${client}#coverage`, label: "Edit the client's coverage" }, readClient, { who: BILLER, does: "enters", what: "the coverage" });
    case "MISSING_REGISTRATION":
      return fixOr(can, { permission: "ManageClients", ...registrationLink(client, missingRegistration, at.payerId) }, readClient, { who: BILLER, does: "completes", what: "the registration" });
    case "MISSING_DIAGNOSIS":
      return fixOr(can, { permission: "ManageClients", to: `${client}#diagnosis`, label: "Add a diagnosis" }, readClient, { who: BILLER, does: "enters", what: "the diagnoses", it: "them" });
    case "AUTH_REQUIRED":
    case "AUTH_EXHAUSTED":
      return fixOr(can, { permission: "ManageClients", to: `${client}#authorizations`, label: "Edit the client's authorizations" }, { permission: "ReadClients" }, {
        who: BILLER,
        does: "enters",
        what: "the authorizations",
        it: "them",
      });
    // A cap the payer raised (an approval for more sessions) is entered in its rules; attendance recorded wrong is the
    // other fix, for those who record attendance but may not edit the payer.
    case "FREQUENCY_LIMIT":
      if (at.payerId && !can("ManagePayers") && can("RecordAttendance")) return { to: `${session}#attendance`, label: "Check attendance" };
      return payerRules("Edit the payer's rules", "the payer's rules", "them");
    case "MISSING_FEE":
    // The payer may pay 90785 after all: allowing it (with its fee) is in the payer's rules.
    case "INTERACTIVE_COMPLEXITY_NOT_COVERED":
    case "DAILY_UNIT_LIMIT":
    case "TOO_MANY_MODIFIERS":
      return payerRules("Edit the payer's rules", "the payer's rules", "them");
    // Past the deadline nothing on the line helps; a filing window entered wrong is what can be fixed here.
    case "TIMELY_FILING_EXPIRED":
      return payerRules("Check the payer's filing window", "the filing window", "it");
    // Still in time: billing it is the fix, for those who make batches; the batches page is no use to anyone else.
    case "TIMELY_FILING_SOON":
      return fixOr(can, { permission: "ManageClaimBatches", to: "/batches#new-batch", label: "Bill it in a new batch" }, null, { who: BILLER, does: "bills", what: "it in a batch" });
    // The groups page offers its form only to those who may save it; to others it shows no more than the reason does.
    case "NOT_PSYCHOTHERAPY":
      return fixOr(can, { permission: "ManageGroups", to: at.groupId ? `/groups?edit=${at.groupId}#group-psychotherapy` : "/groups", label: "Edit the group" }, null, {
        who: ADMINISTRATOR,
        does: "edits",
        what: "the group",
      });
    case "USE_FAMILY_CODE":
      // Family groups bill another code; a group given the wrong kind is what can be fixed here.
      return at.groupId
        ? fixOr(can, { permission: "ManageGroups", to: `/groups?edit=${at.groupId}#group-kind`, label: "Check the group's kind" }, null, { who: ADMINISTRATOR, does: "sets", what: "the group's kind" })
        : null;
    default:
      return null;
  }
}
