import type { DataSource } from "typeorm";
import type { LoginThrottlePolicy } from "../auth/login-throttle.js";
import { AuditLogService } from "./audit-log.service.js";
import { AuthService } from "./auth.service.js";
import { ClaimBatchService } from "./claim-batch.service.js";
import { ClaimSummaryService } from "./claim-summary.service.js";
import { ClaimService } from "./claim.service.js";
import { ClientService } from "./client.service.js";
import { ClinicianService } from "./clinician.service.js";
import { Database } from "./database.js";
import { GroupService } from "./group.service.js";
import { InvitationService } from "./invitation.service.js";
import { NoteService } from "./note.service.js";
import { PayerService } from "./payer.service.js";
import { PracticeService } from "./practice.service.js";
import { PriorAuthorizationService } from "./prior-authorization.service.js";
import { RemittanceService } from "./remittance.service.js";
import { SessionService } from "./session.service.js";

/** Every use case, built once per server from the data source. */
export class Services {
  readonly db: Database;
  readonly auth: AuthService;
  readonly invitations: InvitationService;
  readonly practices: PracticeService;
  readonly payers: PayerService;
  readonly clinicians: ClinicianService;
  readonly clients: ClientService;
  readonly authorizations: PriorAuthorizationService;
  readonly auditLog: AuditLogService;
  readonly groups: GroupService;
  readonly sessions: SessionService;
  readonly notes: NoteService;
  readonly claims: ClaimService;
  readonly claimSummary: ClaimSummaryService;
  readonly batches: ClaimBatchService;
  readonly remittances: RemittanceService;

  constructor(dataSource: DataSource, options: { loginThrottle?: LoginThrottlePolicy } = {}) {
    this.db = new Database(dataSource);
    this.auth = new AuthService(this.db, options.loginThrottle);
    this.invitations = new InvitationService(this.db);
    this.practices = new PracticeService(this.db);
    this.payers = new PayerService(this.db);
    this.clinicians = new ClinicianService(this.db);
    this.clients = new ClientService(this.db);
    this.authorizations = new PriorAuthorizationService(this.db);
    this.auditLog = new AuditLogService(this.db);
    this.groups = new GroupService(this.db);
    this.sessions = new SessionService(this.db);
    this.notes = new NoteService(this.db);
    this.claims = new ClaimService(this.db);
    this.claimSummary = new ClaimSummaryService(this.db);
    this.batches = new ClaimBatchService(this.db);
    this.remittances = new RemittanceService(this.db);
  }
}
