import { createHash } from "node:crypto";
import { Brackets, In, Not, type EntityManager } from "typeorm";
import { evaluateSessions, type AttendanceFacts, type AuthorizationFacts, type EngineInput, LeaderFacts, MemberFacts, NoteFacts, PayerFacts, RuleVersion, SessionFacts } from "../domain/engine/index.js";
import {
  AttendanceEntity,
  ClaimBatchLineEntity,
  ClientEntity,
  ClinicianEntity,
  CoverageEntity,
  GroupSessionEntity,
  MemberNoteEntity,
  NoteAddendumEntity,
  PayerRuleVersionEntity,
  PracticeEntity,
  PriorAuthorizationEntity,
  TherapyGroupEntity,
} from "../entities/index.js";
import { registrationOf, subscriberOf } from "./registration-facts.js";

/** A decision has no row of its own: its id is derived from (session, client), so it is stable across evaluations. */
export function decisionId(sessionId: string, clientId: string): string {
  const hex = createHash("sha1").update(`claim-decision:${sessionId}:${clientId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface LoadedFacts {
  /**
   * Also holds the sessions loaded only because a prior authorization's units span other days: decide
   * those lines too, but report only the lines of `sessions`.
   */
  input: EngineInput;
  /** The sessions on the dates asked for. */
  sessions: GroupSessionEntity[];
  /** The loaded sessions' lines in batches that are not void, by `${sessionId}:${clientId}`: their batch id. */
  batchOf: Map<string, string>;
  /** The prior authorization number those billed lines were sent with, by the same key (absent when none). */
  billedAuthorizationNumber: Map<string, string>;
}

/**
 * Everything the engine needs for the sessions on the given dates, in a fixed number of queries
 * (one per kind of row) however many sessions there are. Whole days are loaded because the daily
 * unit limit counts every session of a member's day.
 */
export async function loadFactsForDates(manager: EntityManager, practiceId: string, range: { from: string; to: string } | { dates: string[] }): Promise<LoadedFacts> {
  const practice = await manager.findOneByOrFail(PracticeEntity, { id: practiceId });
  const query = manager.createQueryBuilder(GroupSessionEntity, "s");
  if ("dates" in range) query.where("s.service_date IN (:...dates)", { dates: range.dates.length ? range.dates : ["1900-01-01"] });
  else query.where("s.service_date BETWEEN :from AND :to", { from: range.from, to: range.to });
  const sessions = await query.orderBy("s.starts_at", "ASC").addOrderBy("s.id", "ASC").getMany();
  const authorized = await authorizationContext(manager, sessions);
  const allSessions = [...sessions, ...authorized.extraSessions];
  const billed = allSessions.length
    ? await manager.find(ClaimBatchLineEntity, {
        where: [
          { sessionId: In(allSessions.map((s) => s.id)), voided: false },
          ...(authorized.authorizations.length ? [{ authorizationId: In(authorized.authorizations.map((a) => a.id)), voided: false }] : []),
        ],
        select: { sessionId: true, clientId: true, serviceDate: true, payerId: true, batchId: true, authorizationId: true, authorizationNumber: true },
      })
    : [];
  const batchOf = new Map(billed.map((b) => [`${b.sessionId}:${b.clientId}`, b.batchId]));
  const billedAuthorizationNumber = new Map(billed.flatMap((b) => (b.authorizationNumber ? [[`${b.sessionId}:${b.clientId}`, b.authorizationNumber] as const] : [])));
  const input = await factsFor(manager, practice, allSessions);
  input.billed = billed.map(({ sessionId, clientId, serviceDate, payerId, authorizationId }) => ({ sessionId, clientId, serviceDate, payerId, authorizationId }));
  input.authorizations = authorized.authorizations.map(authorizationFacts);
  return { sessions, input, batchOf, billedAuthorizationNumber };
}

// ---------------------------------------------------------------- prior authorizations
//
// An authorization's units span its whole date range, so a line on date D depends on the lines of the
// same client on the authorization's earlier days (which used units first, unless blocked) and on every
// line billed under it, whatever its date. Those earlier sessions are loaded too (only those where an
// authorized client was present: a client's line depends on their own sessions of the day, not others').

export function authorizationFacts(a: PriorAuthorizationEntity): AuthorizationFacts {
  return { id: a.id, clientId: a.clientId, payerId: a.payerId, number: a.number, startDate: a.startDate, endDate: a.endDate, units: a.units };
}

interface AuthorizationContext {
  /** The authorizations of the present clients in force on a date asked for. */
  authorizations: PriorAuthorizationEntity[];
  /** Sessions on those authorizations' days up to the last date asked for, where the client was present, not already loaded. */
  extraSessions: GroupSessionEntity[];
}

async function authorizationContext(manager: EntityManager, sessions: GroupSessionEntity[]): Promise<AuthorizationContext> {
  if (sessions.length === 0) return { authorizations: [], extraSessions: [] };
  const dates = [...new Set(sessions.map((s) => s.serviceDate))].sort();
  const lastDate = dates[dates.length - 1];
  // One statement, answered from the (practice, client, payer, start) index; nothing more runs without authorizations.
  const candidates = await manager
    .createQueryBuilder(PriorAuthorizationEntity, "pa")
    .where("pa.start_date <= :lastDate AND pa.end_date >= :firstDate", { lastDate, firstDate: dates[0] })
    .andWhere(
      `EXISTS (SELECT 1 FROM attendance a WHERE a.practice_id = pa.practice_id AND a.client_id = pa.client_id AND a.status = 'PRESENT' AND a.session_id IN (:...sessionIds))`,
      { sessionIds: sessions.map((s) => s.id) },
    )
    .getMany();
  const authorizations = candidates.filter((a) => dates.some((d) => a.startDate <= d && d <= a.endDate));
  if (authorizations.length === 0) return { authorizations, extraSessions: [] };
  const extra = manager
    .createQueryBuilder(GroupSessionEntity, "s")
    .innerJoin(AttendanceEntity, "a", "a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'")
    .where({ id: Not(In(sessions.map((s) => s.id))) })
    .andWhere(
      new Brackets((any) => {
        authorizations.forEach((a, i) => {
          const to = a.endDate < lastDate ? a.endDate : lastDate;
          any.orWhere(`(a.client_id = :c${i} AND s.service_date BETWEEN :f${i} AND :t${i})`, { [`c${i}`]: a.clientId, [`f${i}`]: a.startDate, [`t${i}`]: to });
        });
      }),
    )
    .distinct(true);
  const extraSessions = await extra.orderBy("s.starts_at", "ASC").addOrderBy("s.id", "ASC").getMany();
  return { authorizations, extraSessions };
}

/**
 * Units used per authorization over its whole range: lines billed under it plus lines that use it now
 * (no ERROR, in date and start order). Loads every session of the authorized clients in the ranges.
 */
export async function authorizationUnitsUsed(manager: EntityManager, practiceId: string, authorizations: PriorAuthorizationEntity[]): Promise<Map<string, number>> {
  const used = new Map(authorizations.map((a) => [a.id, 0]));
  if (authorizations.length === 0) return used;
  const practice = await manager.findOneByOrFail(PracticeEntity, { id: practiceId });
  const sessions = await manager
    .createQueryBuilder(GroupSessionEntity, "s")
    .innerJoin(AttendanceEntity, "a", "a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'")
    .where(
      new Brackets((any) => {
        authorizations.forEach((a, i) => {
          any.orWhere(`(a.client_id = :c${i} AND s.service_date BETWEEN :f${i} AND :t${i})`, { [`c${i}`]: a.clientId, [`f${i}`]: a.startDate, [`t${i}`]: a.endDate });
        });
      }),
    )
    .distinct(true)
    .orderBy("s.starts_at", "ASC")
    .addOrderBy("s.id", "ASC")
    .getMany();
  const ids = authorizations.map((a) => a.id);
  const billed = await manager.find(ClaimBatchLineEntity, {
    where: [
      ...(sessions.length ? [{ sessionId: In(sessions.map((s) => s.id)), voided: false }] : []),
      { authorizationId: In(ids), voided: false },
    ],
    select: { sessionId: true, clientId: true, serviceDate: true, payerId: true, authorizationId: true },
  });
  const input = await factsFor(manager, practice, sessions);
  input.billed = billed.map(({ sessionId, clientId, serviceDate, payerId, authorizationId }) => ({ sessionId, clientId, serviceDate, payerId, authorizationId }));
  input.authorizations = authorizations.map(authorizationFacts);
  for (const b of billed) if (b.authorizationId && used.has(b.authorizationId)) used.set(b.authorizationId, used.get(b.authorizationId)! + 1);
  for (const d of evaluateSessions(input)) if (d.authorizationId && used.has(d.authorizationId)) used.set(d.authorizationId, used.get(d.authorizationId)! + 1);
  return used;
}

async function factsFor(manager: EntityManager, practice: PracticeEntity, sessions: GroupSessionEntity[]): Promise<EngineInput> {
  const empty: EngineInput = {
    timezone: practice.timezone,
    defaultPlaceOfService: practice.defaultPlaceOfService,
    sessions: [],
    members: new Map(),
    payers: new Map(),
    billed: [],
  };
  if (sessions.length === 0) return empty;
  const sessionIds = sessions.map((s) => s.id);
  // One connection runs one statement at a time, so these are sequential by nature.
  const groups = await manager.findBy(TherapyGroupEntity, { id: In([...new Set(sessions.map((s) => s.groupId))]) });
  const clinicianIds = new Set(sessions.flatMap((s) => (s.supervisorId ? [s.leaderId, s.supervisorId] : [s.leaderId])));
  const clinicians = await manager.findBy(ClinicianEntity, { id: In([...clinicianIds]) });
  const present = await manager.findBy(AttendanceEntity, { sessionId: In(sessionIds), status: "PRESENT" });
  const notes = await manager.findBy(MemberNoteEntity, { sessionId: In(sessionIds) });
  const signedNoteIds = notes.filter((n) => n.signedAt !== null).map((n) => n.id);
  const addenda = signedNoteIds.length ? await manager.findBy(NoteAddendumEntity, { noteId: In(signedNoteIds) }) : [];
  const clientIds = [...new Set(present.map((a) => a.clientId))];
  const clients = clientIds.length ? await manager.findBy(ClientEntity, { id: In(clientIds) }) : [];
  const coverages = clientIds.length ? await manager.find(CoverageEntity, { where: { clientId: In(clientIds) }, order: { position: "ASC" } }) : [];
  const payerIds = [...new Set(coverages.map((c) => c.payerId))];
  const versions = payerIds.length ? await manager.findBy(PayerRuleVersionEntity, { payerId: In(payerIds) }) : [];

  const groupById = new Map(groups.map((g) => [g.id, g]));
  const clinicianById = new Map<string, LeaderFacts>(
    clinicians.map((c) => [c.id, { id: c.id, licensed: c.licensed, licenseExpiresOn: c.licenseExpiresOn, credential: c.credential }]),
  );
  const members = new Map<string, MemberFacts>(clients.map((c) => [c.id, { clientId: c.id, firstName: c.firstName, lastName: c.lastName, diagnosisCodes: c.diagnosisCodes, coverages: [], registration: registrationOf(c) }]));
  for (const c of coverages) {
    members.get(c.clientId)?.coverages.push({ payerId: c.payerId, memberId: c.memberId, priority: c.priority, effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo, relationship: c.relationship, subscriber: subscriberOf(c) });
  }
  const payers = new Map<string, PayerFacts>(payerIds.map((id) => [id, { id, ruleVersions: [] as RuleVersion[] }]));
  for (const v of versions) payers.get(v.payerId)?.ruleVersions.push(v);

  const presentBySession = groupBy(present, (a) => a.sessionId);
  const addendaByNote = groupBy(addenda, (a) => a.noteId);
  const noteFacts = notes.map((n): NoteFacts & { sessionId: string } => ({
    sessionId: n.sessionId,
    clientId: n.clientId,
    participation: n.participation,
    response: n.response,
    interventions: n.interventions,
    progress: n.progress,
    plan: n.plan,
    risk: n.risk,
    signedAt: n.signedAt,
    addenda: (addendaByNote.get(n.id) ?? []).map((a) => ({ element: a.element, text: a.text })),
  }));
  const notesBySession = groupBy(noteFacts, (n) => n.sessionId);
  const facts: SessionFacts[] = sessions.map((s) => {
    const group = groupById.get(s.groupId)!;
    return {
      id: s.id,
      startsAt: s.startsAt,
      durationMinutes: s.durationMinutes,
      modality: s.modality,
      placeOfService: s.placeOfService,
      topics: s.topics,
      interventions: s.interventions,
      groupKind: group.kind,
      hasPsychotherapyComponent: group.hasPsychotherapyComponent,
      leader: clinicianById.get(s.leaderId)!,
      supervisor: s.supervisorId ? clinicianById.get(s.supervisorId)! : null,
      presentClientIds: (presentBySession.get(s.id) ?? []).map((a) => a.clientId),
      notes: notesBySession.get(s.id) ?? [],
      attendance: attendanceFactsOf(presentBySession.get(s.id) ?? []),
    };
  });
  return { ...empty, sessions: facts, members, payers };
}

// ---------------------------------------------------------------- attendance beyond presence
//
// Reads attendance.minutes_attended (issue 11 item 1) and attendance.location (item 2). Only members with something recorded get an entry.

function attendanceFactsOf(present: AttendanceEntity[]): ReadonlyMap<string, AttendanceFacts> | undefined {
  let facts: Map<string, AttendanceFacts> | undefined;
  for (const a of present) {
    if (a.minutesAttended === null && a.location === null) continue;
    (facts ??= new Map()).set(a.clientId, { minutesAttended: a.minutesAttended, location: a.location });
  }
  return facts;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
