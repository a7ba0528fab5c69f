import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { MEMBER_LOCATIONS, localDateOf, type MemberLocation, type Modality } from "../domain/engine/index.js";
import { TELEHEALTH_PLACES_OF_SERVICE, interactiveComplexityOf, isOneOf, validateDurationMinutes, validatePlaceOfService } from "../domain/validation/index.js";
import {
  AttendanceEntity,
  ClientEntity,
  ClinicianEntity,
  GroupSessionEntity,
  PracticeEntity,
  TherapyGroupEntity,
  type AttendanceStatus,
} from "../entities/index.js";
import { assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { returnedRows } from "./db-errors.js";
import { isUuid } from "./ids.js";
import { decodeCursor, pageSize, toPage, type Page } from "./pagination.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface ScheduleSessionInput {
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  modality: Modality;
  leaderId?: string | null;
  supervisorId?: string | null;
  placeOfService?: string | null;
}

export interface UpdateSessionInput {
  startsAt?: Date | null;
  durationMinutes?: number | null;
  modality?: Modality | null;
  leaderId?: string | null;
  /** null removes the supervisor. */
  supervisorId?: string | null;
  placeOfService?: string | null;
  topics?: string | null;
  interventions?: string | null;
  expectedVersion?: number | null;
}

export interface AttendanceEntry {
  clientId: string;
  status: AttendanceStatus;
  /** undefined keeps what is recorded; null clears it (the member attended the whole session). */
  minutesAttended?: number | null;
  arrivedAt?: Date | null;
  departedAt?: Date | null;
  /** Where the member joined a telehealth session from; undefined keeps it, null clears it. */
  location?: MemberLocation | null;
  /** Interactive complexity (90785): true flags it (with a reason), false clears it, undefined or null keeps it. */
  interactiveComplexity?: boolean | null;
  interactiveComplexityReason?: string | null;
}

/** How long a member stayed, as one entry of recordAttendance sets it; undefined when the entry keeps what is recorded. */
interface AttendedTime {
  minutesAttended: number | null;
  arrivedAt: Date | null;
  departedAt: Date | null;
}

const MINUTE_MS = 60_000;

/**
 * The minutes an entry records, entered or worked out from arrival and departure (rounded to the nearest minute),
 * never more than the session lasted: payers compare them with the session's length.
 */
function attendedTimeOf(entry: AttendanceEntry, at: string, durationMinutes: number, errors: FieldError[]): AttendedTime | undefined {
  const { minutesAttended, arrivedAt, departedAt } = entry;
  const timesGiven = arrivedAt !== undefined || departedAt !== undefined;
  if (minutesAttended === undefined && !timesGiven) return undefined;
  const cleared = (minutesAttended ?? null) === null && (arrivedAt ?? null) === null && (departedAt ?? null) === null;
  if (cleared) return { minutesAttended: null, arrivedAt: null, departedAt: null };
  if (entry.status !== "PRESENT") {
    errors.push({ field: `${at}.minutesAttended`, message: "Minutes attended are recorded only for a member marked PRESENT" });
    return undefined;
  }
  if (minutesAttended != null && timesGiven) {
    errors.push({ field: `${at}.minutesAttended`, message: "Give either the minutes attended or the arrival and departure times, not both" });
    return undefined;
  }
  if (minutesAttended != null) {
    if (!Number.isInteger(minutesAttended) || minutesAttended < 0 || minutesAttended > durationMinutes) {
      errors.push({ field: `${at}.minutesAttended`, message: `Minutes attended must be a whole number from 0 to the session's ${durationMinutes} minutes` });
      return undefined;
    }
    return { minutesAttended, arrivedAt: null, departedAt: null };
  }
  if (!(arrivedAt instanceof Date) || !(departedAt instanceof Date)) {
    errors.push({ field: `${at}.${arrivedAt instanceof Date ? "departedAt" : "arrivedAt"}`, message: "Give both the arrival and the departure time" });
    return undefined;
  }
  const minutes = Math.round((departedAt.getTime() - arrivedAt.getTime()) / MINUTE_MS);
  if (departedAt.getTime() <= arrivedAt.getTime()) {
    errors.push({ field: `${at}.departedAt`, message: "Departure must be after arrival" });
    return undefined;
  }
  if (minutes > durationMinutes) {
    errors.push({ field: `${at}.departedAt`, message: `Arrival to departure is ${minutes} minutes, longer than the session's ${durationMinutes} minutes; correct the times` });
    return undefined;
  }
  return { minutesAttended: minutes, arrivedAt, departedAt };
}

const MAX_DOCUMENTATION = 10_000;
const SESSION_FIELDS = ["startsAt", "serviceDate", "durationMinutes", "modality", "leaderId", "supervisorId", "placeOfService", "topics", "interventions"] as const;

/** Telehealth places of service: an in-person session billed under one is a contradiction payers deny. */
const TELEHEALTH_PLACES: ReadonlySet<string> = new Set(TELEHEALTH_PLACES_OF_SERVICE);

function validateStartsAt(value: Date | null | undefined, errors: FieldError[]): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    errors.push({ field: "startsAt", message: "Start must be an ISO-8601 date and time" });
  } else if (value.getUTCFullYear() < 2000 || value.getUTCFullYear() > 2100) {
    errors.push({ field: "startsAt", message: "Start must be between the years 2000 and 2100" });
  }
}

function validatePlace(value: string | null | undefined, errors: FieldError[]): void {
  if (value != null) errors.push(...validatePlaceOfService(value.trim(), "placeOfService"));
}

/** Checked on the session as it will be saved, so changing only the modality is caught too. */
function validateConsistency(
  after: Pick<GroupSessionEntity, "modality" | "placeOfService" | "leaderId" | "supervisorId">,
  sent: { modality?: unknown; placeOfService?: unknown },
): FieldError[] {
  const errors: FieldError[] = [];
  if (after.modality === "IN_PERSON" && after.placeOfService !== null && TELEHEALTH_PLACES.has(after.placeOfService)) {
    errors.push({
      // Blame what was just changed: a new modality against the stored place, else the place itself.
      field: sent.modality != null && sent.placeOfService === undefined ? "modality" : "placeOfService",
      message: `Place of service ${after.placeOfService} is for telehealth; an in-person session uses an in-person place such as 11 (office), or leave it empty for the practice's default`,
    });
  }
  if (after.supervisorId !== null && after.supervisorId === after.leaderId) {
    errors.push({ field: "supervisorId", message: "The supervisor must be a different clinician from the session's leader" });
  }
  return errors;
}

function cleanText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

async function timezoneOf(manager: EntityManager, practiceId: string): Promise<string> {
  return (await manager.findOneByOrFail(PracticeEntity, { id: practiceId })).timezone;
}

/** A page of sessions with the groups and leaders its rows name, read with it. */
export interface SessionPage extends Page<GroupSessionEntity> {
  groups: TherapyGroupEntity[];
  leaders: ClinicianEntity[];
}

export class SessionService {
  constructor(private readonly db: Database) {}

  async get(actor: Actor, id: string): Promise<GroupSessionEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(GroupSessionEntity, { id }));
  }

  /**
   * A page of sessions with its total, groups and leaders in one statement (the count is a subquery over the same
   * filters, without the cursor), so the resolvers' loaders start primed with the rows nested fields ask for most.
   */
  async list(
    actor: Actor,
    args: { groupId?: string | null; payerId?: string | null; from?: string | null; to?: string | null; first?: number | null; after?: string | null },
  ): Promise<SessionPage> {
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const none: SessionPage = { nodes: [], hasNextPage: false, totalCount: 0, groups: [], leaders: [] };
    if (args.groupId != null && !isUuid(args.groupId)) return none;
    if (args.payerId != null && !isUuid(args.payerId)) return none;
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const filters: string[] = [];
    if (args.groupId) filters.push(`s.group_id = ${param(args.groupId)}`);
    if (args.from) filters.push(`s.service_date >= ${param(args.from)}`);
    if (args.to) filters.push(`s.service_date <= ${param(args.to)}`);
    if (args.payerId) {
      // Sessions with a line for this payer: a present member whose primary coverage that day is with it.
      filters.push(`EXISTS (SELECT 1 FROM attendance a JOIN coverages c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
                   WHERE a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'
                     AND c.payer_id = ${param(args.payerId)} AND c.priority = 'PRIMARY'
                     AND c.effective_from <= s.service_date AND (c.effective_to IS NULL OR c.effective_to >= s.service_date))`);
    }
    const where = filters.length ? `WHERE ${filters.join(" AND ")}` : "";
    const filterParams = params.slice();
    const pageFilters = after ? [...filters, `(s.starts_at, s.id) > (${param(new Date(String(after[0])))}, ${param(after[1])})`] : [...filters];
    // A session on local date D starts after midnight UTC of the day before D in any time zone (UTC+14 at most):
    // bounding the start lets the page walk the start-order index from there, not from the practice's first session.
    if (args.from) pageFilters.push(`s.starts_at >= (${param(args.from)}::date - 1)::timestamp AT TIME ZONE 'UTC'`);
    const lean = this.db.lean;
    // The page is chosen first and only its rows are joined: joining before the sort would join every session of
    // the filter (a year's worth) to pick 50. The count is a subquery over the same filters, without the cursor.
    const sql = `
      SELECT ${lean.select(GroupSessionEntity, "s")}, ${lean.select(TherapyGroupEntity, "g", "g.")}, ${lean.select(ClinicianEntity, "l", "l.")},
             (SELECT count(*)::int FROM group_sessions s ${where}) AS "pageTotal"
      FROM group_sessions s
      JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id
      JOIN clinicians l ON l.practice_id = s.practice_id AND l.id = s.leader_id
      WHERE s.id IN (SELECT s.id FROM group_sessions s ${pageFilters.length ? `WHERE ${pageFilters.join(" AND ")}` : ""}
                     ORDER BY s.starts_at, s.id LIMIT ${param(limit + 1)})
      ORDER BY s.starts_at, s.id`;
    return this.db.inPractice(actor, async (manager) => {
      const rows: Record<string, unknown>[] = await manager.query(sql, params);
      // The count rides on the page's rows: only a page past the end (or a cursor at the end) has none to carry it.
      const totalCount =
        rows.length > 0
          ? Number(rows[0].pageTotal)
          : after
            ? Number((await manager.query(`SELECT count(*)::int AS n FROM group_sessions s ${where}`, filterParams))[0].n)
            : 0;
      const groups = new Map<string, TherapyGroupEntity>();
      const leaders = new Map<string, ClinicianEntity>();
      const sessions = rows.map((row) => {
        const group = lean.pick(TherapyGroupEntity, row, "g.");
        const leader = lean.pick(ClinicianEntity, row, "l.");
        groups.set(group.id, group);
        leaders.set(leader.id, leader);
        return lean.pick(GroupSessionEntity, row);
      });
      const page = toPage(sessions, limit, totalCount, (s) => [s.startsAt.toISOString(), s.id]);
      return { ...page, groups: [...groups.values()], leaders: [...leaders.values()] };
    });
  }

  async schedule(actor: Actor, input: ScheduleSessionInput, meta: RequestMeta): Promise<GroupSessionEntity> {
    const errors: FieldError[] = [...validateDurationMinutes(input.durationMinutes, "durationMinutes")];
    validateStartsAt(input.startsAt, errors);
    validatePlace(input.placeOfService, errors);
    assertValid(errors);
    if (!isUuid(input.groupId)) throw notFound("Group");
    if (input.leaderId != null && !isUuid(input.leaderId)) throw notFound("Clinician");
    if (input.supervisorId != null && !isUuid(input.supervisorId)) throw notFound("Clinician");
    return this.db.inPractice(actor, async (manager) => {
      const group = await manager.findOneBy(TherapyGroupEntity, { id: input.groupId });
      if (!group) throw notFound("Group");
      const leaderId = input.leaderId ?? group.leaderId;
      const supervisorId = input.supervisorId ?? null;
      assertValid(validateConsistency({ modality: input.modality, placeOfService: input.placeOfService?.trim() || null, leaderId, supervisorId }, input));
      if (!(await manager.existsBy(ClinicianEntity, { id: leaderId }))) throw notFound("Clinician");
      if (supervisorId && !(await manager.existsBy(ClinicianEntity, { id: supervisorId }))) throw notFound("Clinician");
      const session = manager.create(GroupSessionEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        groupId: group.id,
        startsAt: input.startsAt,
        serviceDate: localDateOf(input.startsAt, await timezoneOf(manager, actor.practiceId)),
        durationMinutes: input.durationMinutes,
        modality: input.modality,
        placeOfService: input.placeOfService?.trim() || null,
        leaderId,
        supervisorId,
        topics: null,
        interventions: null,
        version: 1,
      });
      await manager.insert(GroupSessionEntity, session);
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "session.schedule",
        entityType: "GroupSession",
        entityId: session.id,
        changes: { groupId: { before: null, after: group.id }, ...changedFields(null, session, SESSION_FIELDS) },
      });
      return (await manager.findOneBy(GroupSessionEntity, { id: session.id }))!;
    });
  }

  /** With expectedVersion the write only happens if nobody saved in between: checked by the UPDATE itself. */
  async update(actor: Actor, id: string, input: UpdateSessionInput, meta: RequestMeta): Promise<GroupSessionEntity> {
    const errors: FieldError[] = [];
    if (input.startsAt !== undefined) validateStartsAt(input.startsAt, errors);
    if (input.durationMinutes !== undefined) errors.push(...validateDurationMinutes(input.durationMinutes ?? NaN, "durationMinutes"));
    if (input.modality === null) errors.push({ field: "modality", message: "Modality cannot be null" });
    if (input.leaderId === null) errors.push({ field: "leaderId", message: "A session needs a leader" });
    validatePlace(input.placeOfService, errors);
    for (const field of ["topics", "interventions"] as const) {
      if ((input[field]?.length ?? 0) > MAX_DOCUMENTATION) errors.push({ field, message: `At most ${MAX_DOCUMENTATION} characters` });
    }
    if (input.expectedVersion != null && (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 1)) {
      errors.push({ field: "expectedVersion", message: "expectedVersion must be a version number this session returned" });
    }
    assertValid(errors);
    if (!isUuid(id)) throw notFound("Session");
    if (input.leaderId != null && !isUuid(input.leaderId)) throw notFound("Clinician");
    if (input.supervisorId != null && !isUuid(input.supervisorId)) throw notFound("Clinician");

    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOneBy(GroupSessionEntity, { id });
      if (!before) throw notFound("Session");
      if (input.leaderId != null && !(await manager.existsBy(ClinicianEntity, { id: input.leaderId }))) throw notFound("Clinician");
      if (input.supervisorId != null && !(await manager.existsBy(ClinicianEntity, { id: input.supervisorId }))) throw notFound("Clinician");
      const after: GroupSessionEntity = { ...before };
      if (input.startsAt != null) {
        after.startsAt = input.startsAt;
        after.serviceDate = localDateOf(input.startsAt, await timezoneOf(manager, actor.practiceId));
      }
      if (input.durationMinutes != null) after.durationMinutes = input.durationMinutes;
      if (input.modality != null) after.modality = input.modality;
      if (input.leaderId != null) after.leaderId = input.leaderId;
      if (input.placeOfService !== undefined) after.placeOfService = cleanText(input.placeOfService);
      if (input.topics !== undefined) after.topics = cleanText(input.topics);
      if (input.interventions !== undefined) after.interventions = cleanText(input.interventions);
      if (input.supervisorId !== undefined) after.supervisorId = input.supervisorId;
      assertValid(validateConsistency(after, input));

      const expected = input.expectedVersion ?? null;
      const result = returnedRows<{ id: string }>(await manager.query(
        `UPDATE group_sessions SET starts_at = $3, service_date = $4, duration_minutes = $5, modality = $6, leader_id = $7,
                place_of_service = $8, topics = $9, interventions = $10, supervisor_id = $12, version = version + 1, updated_at = now()
         WHERE practice_id = $1 AND id = $2 AND ($11::int IS NULL OR version = $11::int)
         RETURNING id`,
        [
          actor.practiceId,
          id,
          after.startsAt,
          after.serviceDate,
          after.durationMinutes,
          after.modality,
          after.leaderId,
          after.placeOfService,
          after.topics,
          after.interventions,
          expected,
          after.supervisorId,
        ],
      ));
      if (result.length === 0) {
        throw conflict("Someone else saved this session since you loaded it; reload it and apply your change again");
      }
      const saved = (await manager.findOneBy(GroupSessionEntity, { id }))!;
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "session.update",
        entityType: "GroupSession",
        entityId: id,
        changes: { ...changedFields(before, after, SESSION_FIELDS), version: { before: before.version, after: saved.version } },
      });
      return saved;
    });
  }

  async recordAttendance(actor: Actor, sessionId: string, entries: AttendanceEntry[], meta: RequestMeta): Promise<GroupSessionEntity> {
    const clientIds = entries.map((e) => e.clientId);
    const duplicates = clientIds.filter((id, i) => clientIds.indexOf(id) !== i);
    if (duplicates.length > 0) {
      assertValid([{ field: `entries[${clientIds.lastIndexOf(duplicates[0])}].clientId`, message: "Each client may appear once per call" }]);
    }
    if (entries.length > 200) assertValid([{ field: "entries", message: "At most 200 entries per call" }]);
    if (!isUuid(sessionId)) throw notFound("Session");
    if (!clientIds.every(isUuid)) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      const session = await manager.findOne(GroupSessionEntity, { where: { id: sessionId }, lock: { mode: "pessimistic_write" } });
      if (!session) throw notFound("Session");
      if (clientIds.length > 0 && (await manager.countBy(ClientEntity, { id: In(clientIds) })) !== clientIds.length) throw notFound("Client");
      const errors: FieldError[] = [];
      const times = entries.map((entry, i) => attendedTimeOf(entry, `entries[${i}]`, session.durationMinutes, errors));
      entries.forEach((entry, i) => {
        if (entry.location == null) return;
        if (!isOneOf(MEMBER_LOCATIONS, entry.location)) errors.push({ field: `entries[${i}].location`, message: `Location must be ${MEMBER_LOCATIONS.join(" or ")}` });
        else if (session.modality === "IN_PERSON") errors.push({ field: `entries[${i}].location`, message: "A member's location is recorded only for telehealth sessions; this one was in person" });
        else if (entry.status !== "PRESENT") errors.push({ field: `entries[${i}].location`, message: "A location is recorded only for a member marked PRESENT" });
      });
      // undefined keeps the recorded flag, null clears it, a string flags it with that reason.
      const complexity = entries.map((entry, i) => interactiveComplexityOf(entry, `entries[${i}]`, errors));
      assertValid(errors);
      const previous = clientIds.length ? await manager.find(AttendanceEntity, { where: { sessionId, clientId: In(clientIds) } }) : [];
      const before = new Map(previous.map((a) => [a.clientId, a]));
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const time = times[i];
        // A member no longer present keeps no minutes; an entry without minutes keeps those recorded.
        const setTime = time !== undefined || entry.status !== "PRESENT";
        const setLocation = entry.location !== undefined || entry.status !== "PRESENT";
        await manager.query(
          `INSERT INTO attendance (practice_id, id, session_id, client_id, status, minutes_attended, arrived_at, departed_at, location, interactive_complexity_reason)
           VALUES ($1, $2, $3, $4, $5, $7, $8, $9, $11, $13)
           ON CONFLICT (practice_id, session_id, client_id) DO UPDATE SET status = EXCLUDED.status, recorded_at = now(),
             minutes_attended = CASE WHEN $6 THEN EXCLUDED.minutes_attended ELSE attendance.minutes_attended END,
             arrived_at = CASE WHEN $6 THEN EXCLUDED.arrived_at ELSE attendance.arrived_at END,
             departed_at = CASE WHEN $6 THEN EXCLUDED.departed_at ELSE attendance.departed_at END,
             location = CASE WHEN $10 THEN EXCLUDED.location ELSE attendance.location END,
             interactive_complexity_reason = CASE WHEN $12 THEN EXCLUDED.interactive_complexity_reason ELSE attendance.interactive_complexity_reason END`,
          [
            actor.practiceId,
            randomUUID(),
            sessionId,
            entry.clientId,
            entry.status,
            setTime,
            time?.minutesAttended ?? null,
            time?.arrivedAt ?? null,
            time?.departedAt ?? null,
            setLocation,
            entry.status === "PRESENT" ? (entry.location ?? null) : null,
            complexity[i] !== undefined,
            complexity[i] ?? null,
          ],
        );
      }
      const changes: Record<
        string,
        {
          before: AttendanceStatus | null;
          after: AttendanceStatus;
          minutesAttended?: { before: number | null; after: number | null };
          location?: { before: string | null; after: string | null };
          interactiveComplexityReason?: { before: string | null; after: string | null };
        }
      > = {};
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        const was = before.get(entry.clientId);
        const minutesBefore = was?.minutesAttended ?? null;
        const minutesAfter = times[i] !== undefined ? times[i]!.minutesAttended : entry.status === "PRESENT" ? minutesBefore : null;
        const locationBefore = was?.location ?? null;
        const locationAfter = entry.status !== "PRESENT" ? null : entry.location !== undefined ? entry.location : locationBefore;
        const complexityBefore = was?.interactiveComplexityReason ?? null;
        const complexityAfter = complexity[i] !== undefined ? complexity[i]! : complexityBefore;
        if (was?.status !== entry.status || minutesBefore !== minutesAfter || locationBefore !== locationAfter || complexityBefore !== complexityAfter) {
          changes[entry.clientId] = {
            before: was?.status ?? null,
            after: entry.status,
            ...(minutesBefore !== minutesAfter ? { minutesAttended: { before: minutesBefore, after: minutesAfter } } : {}),
            ...(locationBefore !== locationAfter ? { location: { before: locationBefore, after: locationAfter } } : {}),
            ...(complexityBefore !== complexityAfter ? { interactiveComplexityReason: { before: complexityBefore, after: complexityAfter } } : {}),
          };
        }
      }
      if (Object.keys(changes).length > 0) {
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "session.recordAttendance",
          entityType: "GroupSession",
          entityId: sessionId,
          changes: { attendance: changes },
        });
      }
      return session;
    });
  }
}
