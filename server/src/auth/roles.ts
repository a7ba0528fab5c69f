/** The roles a member may hold in a practice: the one list the API enum and the database columns follow. */
export const ROLES = ["OWNER", "ADMIN", "BILLER", "CLINICIAN"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do (DESIGN §3); resolvers name a permission, never a list of roles. */
export enum Permission {
  ReadPractice = "ReadPractice",
  ManagePractice = "ManagePractice",
  ManageMembers = "ManageMembers",
  ManagePayers = "ManagePayers",
  ReadPayers = "ReadPayers",
  ManageClinicians = "ManageClinicians",
  ReadClinicians = "ReadClinicians",
  ManageClients = "ManageClients",
  ReadClients = "ReadClients",
  ManageGroups = "ManageGroups",
  ReadGroups = "ReadGroups",
  ScheduleSessions = "ScheduleSessions",
  ReadSessions = "ReadSessions",
  /**
   * Correct what a session's lines are billed from: its time, length, modality, leader, supervisor and place of
   * service. Not its documentation (topics, interventions), which stays with those who schedule and run sessions.
   */
  CorrectSessions = "CorrectSessions",
  RecordAttendance = "RecordAttendance",
  WriteNotes = "WriteNotes",
  ReadClaims = "ReadClaims",
  ManageClaimBatches = "ManageClaimBatches",
  /** Import 835 remittances and work denials (write off, note appeals). */
  ManageRemittances = "ManageRemittances",
  ReadAudit = "ReadAudit",
}

const everything = Object.values(Permission);

const grants: Record<Role, readonly Permission[]> = {
  OWNER: everything,
  ADMIN: everything,
  // Billers read everything, manage clients and batches, and correct a session's billed facts where a line's reason
  // points (issue 12: "fix where you read"); payers, rules, members and clinical documentation stay with others.
  BILLER: [
    Permission.ReadPractice,
    Permission.ReadPayers,
    Permission.ReadClinicians,
    Permission.ManageClients,
    Permission.ReadClients,
    Permission.ReadGroups,
    Permission.ReadSessions,
    Permission.CorrectSessions,
    Permission.ReadClaims,
    Permission.ManageClaimBatches,
    Permission.ManageRemittances,
  ],
  CLINICIAN: [
    Permission.ReadPractice,
    Permission.ReadGroups,
    Permission.ReadSessions,
    Permission.ReadClients,
    Permission.ReadClinicians,
    Permission.ScheduleSessions,
    Permission.CorrectSessions,
    Permission.RecordAttendance,
    Permission.WriteNotes,
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** The role's permissions in declaration order: what `Viewer.permissions` serves so the console needs no copy of this table. */
export function permissionsOf(role: Role): Permission[] {
  return everything.filter((p) => grants[role].includes(p));
}
