import type { NonEmptyArray } from "type-graphql";
import { AuditResolver } from "./audit.resolver.js";
import { AuthResolver } from "./auth.resolver.js";
import { ClaimBatchResolver } from "./claim-batch.resolver.js";
import { ClaimPayerTotalResolver, ClaimSummaryResolver, UnbilledSessionResolver } from "./claim-summary.resolver.js";
import { ClaimDecisionConnectionResolver, ClaimResolver, RulesImpactChangeResolver } from "./claim.resolver.js";
import { ClientResolver, CoverageResolver } from "./client.resolver.js";
import { ClinicianResolver } from "./clinician.resolver.js";
import { GroupResolver } from "./group.resolver.js";
import { InvitationResolver } from "./invitation.resolver.js";
import { NoteAddendumResolver, NoteResolver } from "./note.resolver.js";
import { PayerResolver } from "./payer.resolver.js";
import { PracticeResolver } from "./practice.resolver.js";
import { ClientAuthorizationsResolver, CoverageAuthorizationsResolver, PriorAuthorizationResolver } from "./prior-authorization.resolver.js";
import { ClaimDecisionRemittanceResolver, RemittanceResolver } from "./remittance.resolver.js";
import { AttendanceResolver, SessionResolver } from "./session.resolver.js";
import { ViewerPermissionsResolver } from "./viewer-permissions.resolver.js";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  InvitationResolver,
  PracticeResolver,
  PayerResolver,
  ClinicianResolver,
  ClientResolver,
  CoverageResolver,
  PriorAuthorizationResolver,
  ClientAuthorizationsResolver,
  CoverageAuthorizationsResolver,
  AuditResolver,
  GroupResolver,
  SessionResolver,
  AttendanceResolver,
  NoteResolver,
  NoteAddendumResolver,
  ClaimResolver,
  ClaimDecisionConnectionResolver,
  RulesImpactChangeResolver,
  ClaimBatchResolver,
  ViewerPermissionsResolver,
  ClaimSummaryResolver,
  ClaimPayerTotalResolver,
  UnbilledSessionResolver,
  RemittanceResolver,
  ClaimDecisionRemittanceResolver,
];
