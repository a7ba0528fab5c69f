import type { Role } from "../__generated__/graphql";

/**
 * What each role may do (DESIGN §3), mirrored from the server so the console hides what a role
 * cannot do. The server still checks every request; this only spares people dead ends.
 */
export type Permission =
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
  | "RecordAttendance"
  | "WriteNotes"
  | "ReadClaims"
  | "ManageClaimBatches"
  | "ReadAudit";

const ALL: readonly Permission[] = [
  "ManagePractice",
  "ManageMembers",
  "ManagePayers",
  "ReadPayers",
  "ManageClinicians",
  "ReadClinicians",
  "ManageClients",
  "ReadClients",
  "ManageGroups",
  "ReadGroups",
  "ScheduleSessions",
  "ReadSessions",
  "RecordAttendance",
  "WriteNotes",
  "ReadClaims",
  "ManageClaimBatches",
  "ReadAudit",
];

const GRANTS: Record<Role, readonly Permission[]> = {
  OWNER: ALL,
  ADMIN: ALL,
  BILLER: ["ReadPayers", "ReadClinicians", "ManageClients", "ReadClients", "ReadGroups", "ReadSessions", "ReadClaims", "ManageClaimBatches"],
  CLINICIAN: ["ReadGroups", "ReadSessions", "ReadClients", "ReadClinicians", "ScheduleSessions", "RecordAttendance", "WriteNotes"],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? GRANTS[role].includes(permission) : false;
}
