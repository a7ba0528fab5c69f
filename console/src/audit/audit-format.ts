/** The audit log in plain words: what an action means, what a field is called, a value as people read it. */
import { formatCents } from "../lib/money";
import { GROUP_KIND_LABELS, MODALITY_LABELS, NOTE_ELEMENT_LABELS, PAYER_KIND_LABELS, ROLE_LABELS, STATUS_LABELS } from "../lib/labels";

export const ACTION_LABELS: Record<string, string> = {
  "auth.logIn": "Signed in",
  "auth.logOut": "Signed out",
  "auth.switchPractice": "Switched practice",
  "practice.signUp": "Created the practice",
  "practice.update": "Changed practice settings",
  "membership.add": "Added a member",
  "membership.setRole": "Changed a member's role",
  "invitation.create": "Invited someone",
  "invitation.accept": "Accepted an invitation",
  "invitation.decline": "Declined an invitation",
  "invitation.revoke": "Withdrew an invitation",
  "payer.create": "Added a payer",
  "payer.update": "Changed a payer",
  "payer.setRules": "Changed a payer's rules",
  "clinician.create": "Added a clinician",
  "clinician.update": "Changed a clinician",
  "client.create": "Added a client",
  "client.update": "Changed a client",
  "client.priorAuthorization.add": "Added a prior authorization",
  "client.priorAuthorization.update": "Changed a prior authorization",
  "client.priorAuthorization.remove": "Removed a prior authorization",
  "group.create": "Created a group",
  "group.update": "Changed a group",
  "session.schedule": "Scheduled a session",
  "session.update": "Changed a session",
  "session.recordAttendance": "Recorded attendance",
  "note.create": "Started a member note",
  "note.update": "Edited a member note",
  "note.sign": "Signed a member note",
  "note.addendum": "Added an addendum to a note",
  "claimBatch.create": "Created a claim batch",
  "claimBatch.void": "Voided a claim batch",
};

export const ENTITY_LABELS: Record<string, string> = {
  Practice: "Practice",
  Membership: "Member",
  User: "User",
  Invitation: "Invitation",
  Payer: "Payer",
  Clinician: "Clinician",
  Client: "Client",
  TherapyGroup: "Group",
  GroupSession: "Session",
  MemberNote: "Member note",
  ClaimBatch: "Claim batch",
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? words(action.split(".").pop() ?? action);
}

/** "licenseExpiresOn" -> "License expires on"; "feeCents" -> "Fee". */
export function fieldLabel(field: string): string {
  return words(field.replace(/Cents$/, ""));
}

function words(camel: string): string {
  const spaced = camel.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// Any enum value the log may hold, in its label; the console's other lists are the source of each.
const ENUM_LABELS: Record<string, string> = {
  ...MODALITY_LABELS,
  ...PAYER_KIND_LABELS,
  ...GROUP_KIND_LABELS,
  ...NOTE_ELEMENT_LABELS,
  ...ROLE_LABELS,
  ...STATUS_LABELS,
  PRESENT: "Present",
  ABSENT: "Absent",
  EXCUSED: "Excused",
  PRIMARY: "Primary",
  SECONDARY: "Secondary",
  TERTIARY: "Tertiary",
};

/** Ids the log may hold (a session's leader, a coverage's payer) and the names to show for them: the server's, per event. */
export type NamesById = ReadonlyMap<string, string>;

export function namesOf(event: { names: readonly { id: string; name: string }[] }): NamesById {
  return new Map(event.names.map((n) => [n.id, n.name]));
}

/** A before/after value as text: dollars for cents, Yes/No, labels for enum names, names for ids, "—" for nothing. */
export function formatValue(field: string, value: unknown, names: NamesById = new Map()): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number" && /Cents$/.test(field)) return formatCents(value);
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") return names.get(value) ?? ENUM_LABELS[value] ?? value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map((v) => formatValue(field, v, names)).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${fieldLabel(k)}: ${formatValue(k, v, names)}`)
      .join("; ");
  }
  return String(value);
}

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

/**
 * `changes` as { field: { before, after } } rows, only for fields whose value really changed; a nested
 * map (attendance by client, a rules object) becomes one row per inner field.
 */
export function changedRows(changes: unknown, names: NamesById = new Map(), prefix = ""): ChangeRow[] {
  if (!changes || typeof changes !== "object") return [];
  const rows: ChangeRow[] = [];
  for (const [field, change] of Object.entries(changes as Record<string, unknown>)) {
    // The version counter changes with every save and says nothing a reader needs.
    if (field === "version" && !prefix) continue;
    const label = prefix ? `${prefix} · ${names.get(field) ?? fieldLabel(field)}` : fieldLabel(field.replace(/Id$/, ""));
    if (change !== null && typeof change === "object" && ("before" in change || "after" in change)) {
      const { before, after } = change as { before?: unknown; after?: unknown };
      if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) continue;
      rows.push({ field: label, before: formatValue(field, before, names), after: formatValue(field, after, names) });
    } else if (change !== null && typeof change === "object") {
      rows.push(...changedRows(change, names, label));
    } else {
      rows.push({ field: label, before: "—", after: formatValue(field, change, names) });
    }
  }
  return rows;
}

function csvCell(text: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface AuditCsvEvent {
  when: string;
  who: string;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName?: string | null;
  changes: unknown;
  names?: NamesById;
}

/** One row per changed field (an event that changed nothing keeps one row), so a spreadsheet can filter by field. */
export function auditCsv(events: AuditCsvEvent[]): string {
  const lines = [["When", "Who", "Action", "What", "Name", "Id", "Field", "Before", "After"].join(",")];
  for (const e of events) {
    const base = [e.when, e.who, actionLabel(e.action), ENTITY_LABELS[e.entityType] ?? e.entityType, e.entityName ?? "", e.entityId ?? ""];
    const rows = changedRows(e.changes, e.names);
    for (const r of rows.length ? rows : [{ field: "", before: "", after: "" }]) {
      lines.push([...base, r.field, r.before, r.after].map(csvCell).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
