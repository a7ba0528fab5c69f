import { TherapyGroupEntity } from "./therapy-group.entity.js";
import { GroupMemberEntity } from "./group-member.entity.js";
import { GroupSessionEntity } from "./group-session.entity.js";
import { AttendanceEntity, type AttendanceStatus } from "./attendance.entity.js";
import { MemberNoteEntity } from "./member-note.entity.js";
import { NoteAddendumEntity } from "./note-addendum.entity.js";
import { AuditEventEntity } from "./audit-event.entity.js";
import { ClaimBatchEntity } from "./claim-batch.entity.js";
import { ClaimBatchLineEntity } from "./claim-batch-line.entity.js";
import { AuthSessionEntity } from "./auth-session.entity.js";
import { ClientEntity } from "./client.entity.js";
import { ClinicianEntity } from "./clinician.entity.js";
import { CoverageEntity, type CoveragePriority } from "./coverage.entity.js";
import { InvitationEntity, type InvitationStatus } from "./invitation.entity.js";
import { LoginThrottleEntity } from "./login-throttle.entity.js";
import { MembershipEntity } from "./membership.entity.js";
import { PayerRuleVersionEntity } from "./payer-rule-version.entity.js";
import { PayerEntity } from "./payer.entity.js";
import { PracticeEntity } from "./practice.entity.js";
import { PriorAuthorizationEntity } from "./prior-authorization.entity.js";
import { UserEntity } from "./user.entity.js";

export const entities = [
  PracticeEntity,
  UserEntity,
  MembershipEntity,
  InvitationEntity,
  AuthSessionEntity,
  LoginThrottleEntity,
  PayerEntity,
  PayerRuleVersionEntity,
  ClinicianEntity,
  ClientEntity,
  CoverageEntity,
  PriorAuthorizationEntity,
  AuditEventEntity,
  ClaimBatchEntity,
  ClaimBatchLineEntity,
  TherapyGroupEntity,
  GroupMemberEntity,
  GroupSessionEntity,
  AttendanceEntity,
  MemberNoteEntity,
  NoteAddendumEntity,
];

export type { AttendanceStatus, CoveragePriority, InvitationStatus };
export {
  ClaimBatchEntity,
  ClaimBatchLineEntity,
  TherapyGroupEntity,
  GroupMemberEntity,
  GroupSessionEntity,
  AttendanceEntity,
  MemberNoteEntity,
  NoteAddendumEntity,
  AuditEventEntity,
  AuthSessionEntity,
  ClientEntity,
  ClinicianEntity,
  CoverageEntity,
  InvitationEntity,
  LoginThrottleEntity,
  MembershipEntity,
  PayerEntity,
  PayerRuleVersionEntity,
  PracticeEntity,
  PriorAuthorizationEntity,
  UserEntity,
};
