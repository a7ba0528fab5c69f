import type { DataSource } from "typeorm";
import { AuditLogService } from "./audit-log.service.js";
import { AuthService } from "./auth.service.js";
import { ClientService } from "./client.service.js";
import { ClinicianService } from "./clinician.service.js";
import { Database } from "./database.js";
import { PayerService } from "./payer.service.js";
import { PracticeService } from "./practice.service.js";

/** Every use case, built once per server from the data source. */
export class Services {
  readonly db: Database;
  readonly auth: AuthService;
  readonly practices: PracticeService;
  readonly payers: PayerService;
  readonly clinicians: ClinicianService;
  readonly clients: ClientService;
  readonly auditLog: AuditLogService;

  constructor(dataSource: DataSource) {
    this.db = new Database(dataSource);
    this.auth = new AuthService(this.db);
    this.practices = new PracticeService(this.db);
    this.payers = new PayerService(this.db);
    this.clinicians = new ClinicianService(this.db);
    this.clients = new ClientService(this.db);
    this.auditLog = new AuditLogService(this.db);
  }
}
