/**
 * The names of what a user may do. Which role may do what is the server's alone: it serves the signed-in user's
 * permissions as `me.permissions`, and the console hides what they do not include. The server still checks every
 * request; this only spares people dead ends.
 */
export type Permission =
  | "ReadPractice"
  | "ManagePractice"
  | "ManageMembers"
  | "ManagePayers"
  | "ReadPayers"
  | "ManageClinicians"
  | "ReadClinicians"
  | "ManageClients"
  | "ReadClients"
  | "ManageGroups"
  | "ReadGroups"
  | "ScheduleSessions"
  | "ReadSessions"
  | "CorrectSessions"
  | "RecordAttendance"
  | "WriteNotes"
  | "ReadClaims"
  | "ManageClaimBatches"
  | "ManageRemittances"
  | "ReadAudit";

export function can(permissions: readonly string[] | null | undefined, permission: Permission): boolean {
  return permissions?.includes(permission) ?? false;
}
