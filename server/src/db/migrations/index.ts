import { Foundation1764190000000 } from "./1764190000000-foundation.js";
import { SessionsAndNotes1764190100000 } from "./1764190100000-sessions-and-notes.js";
import { ClaimBatches1764190200000 } from "./1764190200000-claim-batches.js";
import { RulesTimelineAndSupervision1764190300000 } from "./1764190300000-rules-timeline-and-supervision.js";
import { Invitations1764190400000 } from "./1764190400000-invitations.js";
import { AuditOrderByTime1764190410000 } from "./1764190410000-audit-order-by-time.js";
import { PriorAuthorizations1764190500000 } from "./1764190500000-prior-authorizations.js";
import { ClaimsAClearinghouseAccepts1764190510000 } from "./1764190510000-claims-a-clearinghouse-accepts.js";
import { StoredClaimDecisions1764190600000 } from "./1764190600000-stored-claim-decisions.js";
import { Remittances1764190700000 } from "./1764190700000-remittances.js";
import { AttendanceMinutes1764190800000 } from "./1764190800000-attendance-minutes.js";
import { ClassLikeDocumentation1764190810000 } from "./1764190810000-class-like-documentation.js";
import { NoteSigning1764190820000 } from "./1764190820000-note-signing.js";
import { CredentialModifiers1764190830000 } from "./1764190830000-credential-modifiers.js";
import { TelehealthLocation1764190840000 } from "./1764190840000-telehealth-location.js";
import { MultiFamilyGroups1764190850000 } from "./1764190850000-multi-family-groups.js";
import { CorrectedAndVoidClaims1764190900000 } from "./1764190900000-corrected-and-void-claims.js";
import { SecondaryClaims1764190910000 } from "./1764190910000-secondary-claims.js";
import { RebillsAndProviderAdjustments1764191000000 } from "./1764191000000-rebills-and-provider-adjustments.js";
import { FrequencyCapsAndTimelyFiling1764191100000 } from "./1764191100000-frequency-caps-and-timely-filing.js";
import { InteractiveComplexity1764191200000 } from "./1764191200000-interactive-complexity.js";
import { AuthenticateInOneStatement1764191400000 } from "./1764191400000-authenticate-in-one-statement.js";
import { RemittanceServiceLines1764191600000 } from "./1764191600000-remittance-service-lines.js";
import { FilingDeadlineIndexes1764191700000 } from "./1764191700000-filing-deadline-indexes.js";
import { SessionStartIndex1764191800000 } from "./1764191800000-session-start-index.js";

/** In the order they apply; a new migration is appended here. */
export const migrations = [
  Foundation1764190000000,
  SessionsAndNotes1764190100000,
  ClaimBatches1764190200000,
  RulesTimelineAndSupervision1764190300000,
  Invitations1764190400000,
  AuditOrderByTime1764190410000,
  PriorAuthorizations1764190500000,
  ClaimsAClearinghouseAccepts1764190510000,
  StoredClaimDecisions1764190600000,
  Remittances1764190700000,
  AttendanceMinutes1764190800000,
  ClassLikeDocumentation1764190810000,
  NoteSigning1764190820000,
  CredentialModifiers1764190830000,
  TelehealthLocation1764190840000,
  MultiFamilyGroups1764190850000,
  CorrectedAndVoidClaims1764190900000,
  SecondaryClaims1764190910000,
  RebillsAndProviderAdjustments1764191000000,
  FrequencyCapsAndTimelyFiling1764191100000,
  InteractiveComplexity1764191200000,
  AuthenticateInOneStatement1764191400000,
  RemittanceServiceLines1764191600000,
  FilingDeadlineIndexes1764191700000,
  SessionStartIndex1764191800000,
];
