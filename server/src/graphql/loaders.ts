import DataLoader from "dataloader";
import { In, type EntityManager, type ObjectLiteral, type EntityTarget, type FindOptionsOrder, type FindOptionsWhere } from "typeorm";
import {
  AttendanceEntity,
  GroupMemberEntity,
  GroupSessionEntity,
  MemberNoteEntity,
  NoteAddendumEntity,
  TherapyGroupEntity,
  ClientEntity,
  ClinicianEntity,
  CoverageEntity,
  PayerEntity,
  PayerRuleVersionEntity,
  UserEntity,
} from "../entities/index.js";
import type { ClaimDecisionView, ClaimService } from "../services/claim.service.js";
import type { Database } from "../services/database.js";
import { authorizationsWithUsage, type PriorAuthorizationView } from "../services/prior-authorization.service.js";
import { practiceToday } from "../services/practice-clock.js";
import type { LineRemittanceView, RemittanceService } from "../services/remittance.service.js";
import type { Actor } from "../services/request-context.js";
import { PrimedLoader } from "./primed-loader.js";

type Key = string;

/**
 * `key IN (ids)` for an entity the loader is generic over. TypeScript cannot resolve FindOptionsWhere<E> (a mapped,
 * conditional type) for an unknown E, so the clause is asserted; it is right by construction, as key is a property of E.
 */
function whereIn<E extends ObjectLiteral>(key: keyof E & string, ids: readonly Key[]): FindOptionsWhere<E> {
  return { [key]: In([...ids]) } as FindOptionsWhere<E>; // see above
}

/**
 * Per-request batching for nested fields: each loader turns N lookups of one kind into one query in one
 * scoped transaction, so a page of 50 sessions costs the same number of statements as a page of 10.
 */
export class Loaders {
  readonly payer: PrimedLoader<PayerEntity>;
  readonly ruleVersionsByPayer: DataLoader<Key, PayerRuleVersionEntity[]>;
  readonly coveragesByClient: DataLoader<Key, CoverageEntity[]>;
  /** With units used, which evaluates every line in the authorizations' ranges: one evaluation per batch of clients. */
  readonly authorizationsByClient: DataLoader<Key, PriorAuthorizationView[]>;
  readonly client: PrimedLoader<ClientEntity>;
  readonly clinician: PrimedLoader<ClinicianEntity>;
  readonly user: DataLoader<Key, UserEntity | null>;
  readonly group: PrimedLoader<TherapyGroupEntity>;
  readonly membersByGroup: DataLoader<Key, GroupMemberEntity[]>;
  readonly session: PrimedLoader<GroupSessionEntity>;
  readonly attendanceBySession: DataLoader<Key, AttendanceEntity[]>;
  readonly notesBySession: DataLoader<Key, MemberNoteEntity[]>;
  readonly addendaByNote: DataLoader<Key, NoteAddendumEntity[]>;
  /** Keyed by session; each batch evaluates the whole days of the sessions asked for, once. */
  readonly decisionsBySession: DataLoader<GroupSessionEntity, ClaimDecisionView[], string>;
  /** A billed line's remittance story, keyed "batchId:sessionId:clientId". */
  readonly remittanceByBilledLine: DataLoader<Key, LineRemittanceView | null>;

  constructor(
    private readonly db: Database,
    private readonly actor: Actor | null,
    claims: ClaimService,
    remittances: RemittanceService,
  ) {
    this.remittanceByBilledLine = new DataLoader(async (keys) => {
      const byKey = await remittances.forDecisions(this.actor!, keys);
      return keys.map((k) => byKey.get(k) ?? null);
    });
    const primedClients = new Set<string>();
    this.payer = this.byId(PayerEntity);
    this.client = this.byId(ClientEntity);
    this.clinician = this.byId(ClinicianEntity);
    this.ruleVersionsByPayer = this.groupedBy(PayerRuleVersionEntity, "payerId", { effectiveFrom: "ASC", createdAt: "ASC" });
    this.coveragesByClient = this.groupedBy(CoverageEntity, "clientId", { position: "ASC" });
    this.authorizationsByClient = new DataLoader(async (clientIds) => {
      const byClient = await this.run((m) => authorizationsWithUsage(m, this.actor!.practiceId, clientIds));
      return clientIds.map((id) => byClient.get(id) ?? []);
    });
    this.group = this.byId(TherapyGroupEntity);
    this.session = this.byId(GroupSessionEntity);
    this.membersByGroup = this.groupedBy(GroupMemberEntity, "groupId", { position: "ASC" });
    // Attendance is nearly always shown with its members: their client rows are read with it, in the same
    // transaction, and prime the client loader. Each client once: joined to every attendance row, a page's 110
    // clients went out 550 times, and PostgreSQL spent most of the statement formatting their columns.
    // The practice is named as well as enforced by RLS: with only the policy's current_setting() to go by,
    // PostgreSQL evaluates it on every row it reads; with the value given, the policy is one comparison per statement.
    this.attendanceBySession = new DataLoader(async (sessionIds) => {
      const lean = this.db.lean;
      const practiceId = this.actor!.practiceId;
      const rows = await this.run(async (m) => {
        const attendance: Record<string, unknown>[] = await m.query(
          `SELECT ${lean.select(AttendanceEntity, "a")} FROM attendance a WHERE a.practice_id = $2 AND a.session_id = ANY($1::uuid[]) ORDER BY a.client_id`,
          [sessionIds, practiceId],
        );
        const unprimed = [...new Set(attendance.map((row) => row.clientId as string))].filter((id) => !primedClients.has(id));
        if (unprimed.length > 0) {
          const clients: Record<string, unknown>[] = await m.query(`SELECT ${lean.select(ClientEntity, "c")} FROM clients c WHERE c.practice_id = $2 AND c.id = ANY($1::uuid[])`, [
            unprimed,
            practiceId,
          ]);
          for (const client of lean.entities(ClientEntity, clients)) {
            primedClients.add(client.id);
            this.client.prime(client.id, client);
          }
        }
        return attendance;
      });
      const bySession = new Map<string, AttendanceEntity[]>(sessionIds.map((id) => [id, []]));
      for (const attendance of lean.entities(AttendanceEntity, rows)) bySession.get(attendance.sessionId)?.push(attendance);
      return sessionIds.map((id) => bySession.get(id) ?? []);
    });
    this.notesBySession = this.groupedBy(MemberNoteEntity, "sessionId", { createdAt: "ASC", id: "ASC" });
    this.addendaByNote = this.groupedBy(NoteAddendumEntity, "noteId", { createdAt: "ASC", id: "ASC" });
    this.decisionsBySession = new DataLoader(
      async (sessions) => {
        const bySession = await claims.forSessions(this.actor!, [...sessions]);
        return sessions.map((s) => bySession.get(s.id) ?? []);
      },
      { cacheKeyFn: (s) => s.id },
    );
    // Users are global (not tenant rows); only ids this practice's rows point at are ever asked for.
    this.user = new DataLoader(async (ids) => {
      const rows = await this.run((m) => m.find(UserEntity, { where: { id: In([...ids]) } }));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  /** Rows a service already read answer later lookups of the same ids without another statement. */
  primeSessions(sessions: readonly GroupSessionEntity[]): void {
    for (const session of sessions) this.session.prime(session.id, session);
  }

  primeGroups(groups: readonly TherapyGroupEntity[]): void {
    for (const group of groups) this.group.prime(group.id, group);
  }

  primeClinicians(clinicians: readonly ClinicianEntity[]): void {
    for (const clinician of clinicians) this.clinician.prime(clinician.id, clinician);
  }

  private todayOnce: Promise<string> | null = null;

  /** The practice's calendar date, read once per request. */
  today(): Promise<string> {
    this.todayOnce ??= this.run((m) => practiceToday(m, this.actor!.practiceId));
    return this.todayOnce;
  }

  private run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.actor) throw new Error("Loaders need a signed-in actor");
    return this.db.inPractice(this.actor, work);
  }

  private byId<E extends ObjectLiteral & { id: string }>(entity: EntityTarget<E>): PrimedLoader<E> {
    return new PrimedLoader<E>(async (ids) => {
      const rows = await this.run((m) => m.find(entity, { where: whereIn<E>("id", ids) }));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  }

  private groupedBy<E extends ObjectLiteral, K extends keyof E & string>(
    entity: EntityTarget<E>,
    key: E[K] extends Key ? K : never,
    order: FindOptionsOrder<E>,
  ): DataLoader<Key, E[]> {
    return new DataLoader(async (ids) => {
      const rows = await this.run((m) => m.find(entity, { where: whereIn<E>(key, ids), order }));
      const groups = new Map<Key, E[]>(ids.map((id) => [id, []]));
      for (const row of rows) groups.get(row[key])?.push(row);
      return ids.map((id) => groups.get(id) ?? []);
    });
  }
}
