import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import { addDays, localDateOf, monthEndOf, weekStartOf } from "../domain/engine/index.js";
import type {
  AttendanceFacts,
  AuthorizationFacts,
  CoverageFacts,
  EngineInput,
  GroupKind,
  LeaderFacts,
  MemberFacts,
  MemberLocation,
  Modality,
  NoteElement,
  NoteFacts,
  PayerFacts,
  RuleVersion,
  SessionFacts,
} from "../domain/engine/index.js";
import { registrationOf, subscriberOf, type ClientRegistrationColumns, type CoverageSubscriberColumns } from "./registration-facts.js";
import { practiceNow } from "./practice-clock.js";
import { groupBy } from "./group-by.js";

/** A decision's id is derived from (session, client), so it is stable across evaluations. */
export function decisionId(sessionId: string, clientId: string): string {
  const hex = createHash("sha1").update(`claim-decision:${sessionId}:${clientId}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What a stored decision needs of its session besides what the engine reads. */
export interface LoadedSession {
  id: string;
  startsAt: Date;
  /** The session's stored service_date: the unit in which decisions are recomputed. */
  serviceDate: string;
  groupId: string;
  leaderId: string;
}

export interface LoadedFacts {
  /**
   * Also holds the sessions loaded only because a prior authorization's units span other days: decide those
   * lines too, but report (and store) only the lines of `sessions`.
   */
  input: EngineInput;
  /** The sessions on the dates asked for. */
  sessions: LoadedSession[];
  /** The loaded sessions' lines in batches that are not void, by `${sessionId}:${clientId}`: their batch id. */
  batchOf: Map<string, string>;
  /** The prior authorization number those billed lines were sent with, by the same key (absent when none). */
  billedAuthorizationNumber: Map<string, string>;
}

export type DateSelection = { from: string; to: string } | { dates: string[] };


/**
 * Everything the engine needs for the sessions on the given dates, in one plain-row query per kind of row
 * however many sessions there are (no entity hydration). Whole days are loaded because the daily unit limit
 * counts every session of a member's day; a prior authorization's earlier days are loaded because its units
 * are used in date order across its whole range.
 */
export async function loadFactsForDates(
  manager: EntityManager,
  practiceId: string,
  range: DateSelection,
  options: { frequencyPayerIds?: string[] } = {},
): Promise<LoadedFacts> {
  const practice = await practiceFacts(manager, practiceId);
  const on = "dates" in range
    ? { where: "s.practice_id = $1 AND s.service_date = ANY($2::date[])", param: range.dates }
    : { where: "s.practice_id = $1 AND s.service_date BETWEEN ($2::date[])[1] AND ($2::date[])[2]", param: [range.from, range.to] };
  const asked: LoadedSession[] = await manager.query(
    `SELECT s.id, s.starts_at AS "startsAt", to_char(s.service_date, 'YYYY-MM-DD') AS "serviceDate", s.group_id AS "groupId", s.leader_id AS "leaderId"
     FROM group_sessions s WHERE ${on.where} ORDER BY s.starts_at, s.id`,
    [practiceId, on.param],
  );
  if (asked.length === 0) {
    return { input: emptyInput(practice), sessions: [], batchOf: new Map(), billedAuthorizationNumber: new Map() };
  }
  // Frequency context first: its earlier sessions may draw on authorizations of their own.
  const frequency =
    practice.capsFrequency || (options.frequencyPayerIds ?? []).length > 0
      ? await frequencyContext(manager, practiceId, asked, options.frequencyPayerIds ?? [])
      : { extraSessions: [], billedWindow: null };
  const withFrequency = [...asked, ...frequency.extraSessions];
  const authorized = await authorizationContext(manager, practiceId, withFrequency);
  const sessionIds = [...withFrequency.map((s) => s.id), ...authorized.extraSessionIds];
  const billed = await billedLines(manager, practiceId, sessionIds, authorized.authorizations.map((a) => a.id), frequency.billedWindow);
  const input = await factsForSessions(manager, practiceId, practice, sessionIds);
  input.billed = billed.map(({ sessionId, clientId, serviceDate, payerId, authorizationId }) => ({ sessionId, clientId, serviceDate, payerId, authorizationId }));
  input.authorizations = authorized.authorizations;
  return {
    input,
    sessions: asked,
    batchOf: new Map(billed.map((b) => [`${b.sessionId}:${b.clientId}`, b.batchId])),
    billedAuthorizationNumber: new Map(billed.flatMap((b) => (b.authorizationNumber ? [[`${b.sessionId}:${b.clientId}`, b.authorizationNumber] as const] : []))),
  };
}

interface PracticeFacts {
  timezone: string;
  placeOfService: string;
  /** Whether any payer rule version caps units per week or month: only then is a frequency context loaded. */
  capsFrequency: boolean;
}

async function practiceFacts(manager: EntityManager, practiceId: string): Promise<PracticeFacts> {
  const [practice] = await manager.query(
    `SELECT timezone, default_place_of_service AS "placeOfService",
            EXISTS (SELECT 1 FROM payer_rule_versions r WHERE r.practice_id = $1 AND (r.max_units_per_week IS NOT NULL OR r.max_units_per_month IS NOT NULL)) AS "capsFrequency"
     FROM practices WHERE id = $1`,
    [practiceId],
  );
  if (!practice) throw new Error(`Practice ${practiceId} is not visible in this transaction`);
  return practice;
}

const emptyInput = (practice: PracticeFacts): EngineInput => ({
  timezone: practice.timezone,
  // Read once per evaluation, so every line of it is judged on the same day.
  today: localDateOf(practiceNow(), practice.timezone),
  defaultPlaceOfService: practice.placeOfService,
  sessions: [],
  members: new Map(),
  payers: new Map(),
  billed: [],
  authorizations: [],
});

interface BilledRow {
  sessionId: string;
  clientId: string;
  serviceDate: string;
  payerId: string;
  batchId: string;
  authorizationId: string | null;
  authorizationNumber: string | null;
}

/** Primary lines in batches that are not void (a secondary line bills the same service again, after the primary): of the loaded sessions, and every line billed under one of the authorizations, whatever its date. */
async function billedLines(
  manager: EntityManager,
  practiceId: string,
  sessionIds: string[],
  authorizationIds: string[],
  window: BilledWindow | null = null,
): Promise<BilledRow[]> {
  return manager.query(
    `SELECT l.session_id AS "sessionId", l.client_id AS "clientId", to_char(l.service_date, 'YYYY-MM-DD') AS "serviceDate",
            l.payer_id AS "payerId", l.batch_id AS "batchId", l.authorization_id AS "authorizationId", l.authorization_number AS "authorizationNumber"
     FROM claim_batch_lines l
     WHERE l.practice_id = $1 AND NOT l.voided AND l.payer_sequence = 'P'
       AND (l.session_id = ANY($2::uuid[]) OR l.authorization_id = ANY($3::uuid[])
            OR (l.client_id = ANY($4::uuid[]) AND l.service_date BETWEEN $5::date AND $6::date))`,
    [practiceId, sessionIds, authorizationIds, window?.clientIds ?? [], window?.from ?? null, window?.to ?? null],
  );
}

// ---------------------------------------------------------------- frequency caps
//
// A payer's weekly (Sunday-Saturday) or monthly cap makes a member's line depend on the member's earlier lines
// of its week and month, and on every line billed in them, whatever its date. For the members present on the
// dates asked for who are covered by a payer with a cap, their sessions from the Sunday on or before the 1st of
// the previous month are loaded too: the first week of the month begins in the previous one, whose lines hold
// that week's units only if their own month had room. (Earlier still is cut: a line of that first loaded week
// is counted without its own month's earlier lines.)

interface BilledWindow {
  clientIds: string[];
  from: string;
  to: string;
}

async function frequencyContext(
  manager: EntityManager,
  practiceId: string,
  asked: LoadedSession[],
  alsoPayerIds: string[],
): Promise<{ extraSessions: LoadedSession[]; billedWindow: BilledWindow | null }> {
  const dates = asked.map((s) => s.serviceDate);
  const first = dates.reduce((a, b) => (a < b ? a : b));
  const last = dates.reduce((a, b) => (a > b ? a : b));
  const previousMonth = addDays(`${first.slice(0, 7)}-01`, -1);
  const from = weekStartOf(`${previousMonth.slice(0, 7)}-01`);
  const weekEnd = addDays(weekStartOf(last), 6);
  const monthEnd = monthEndOf(last);
  const to = weekEnd > monthEnd ? weekEnd : monthEnd;
  const clients: { clientId: string }[] = await manager.query(
    `SELECT DISTINCT a.client_id AS "clientId" FROM attendance a
     JOIN coverages c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
     WHERE a.practice_id = $1 AND a.session_id = ANY($2::uuid[]) AND a.status = 'PRESENT'
       AND (c.payer_id = ANY($3::uuid[]) OR EXISTS (
             SELECT 1 FROM payer_rule_versions r WHERE r.practice_id = c.practice_id AND r.payer_id = c.payer_id
               AND (r.max_units_per_week IS NOT NULL OR r.max_units_per_month IS NOT NULL)))`,
    [practiceId, asked.map((s) => s.id), alsoPayerIds],
  );
  if (clients.length === 0) return { extraSessions: [], billedWindow: null };
  const clientIds = clients.map((c) => c.clientId);
  const extraSessions: LoadedSession[] = await manager.query(
    `SELECT s.id, s.starts_at AS "startsAt", to_char(s.service_date, 'YYYY-MM-DD') AS "serviceDate", s.group_id AS "groupId", s.leader_id AS "leaderId"
     FROM group_sessions s
     WHERE s.practice_id = $1 AND s.service_date BETWEEN $3::date AND $4::date AND NOT (s.id = ANY($5::uuid[]))
       AND EXISTS (SELECT 1 FROM attendance a WHERE a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT' AND a.client_id = ANY($2::uuid[]))
     ORDER BY s.starts_at, s.id`,
    [practiceId, clientIds, from, last, asked.map((s) => s.id)],
  );
  return { extraSessions, billedWindow: { clientIds, from, to } };
}

// ---------------------------------------------------------------- prior authorizations
//
// An authorization's units span its whole date range, so a line on date D depends on the lines of the same
// client on the authorization's earlier days (which used units first, unless blocked) and on every line
// billed under it, whatever its date. Those earlier sessions are loaded too (only those where an authorized
// client was present: a client's line depends on their own sessions of the day, not others').

const AUTHORIZATION_COLUMNS = `pa.id, pa.client_id AS "clientId", pa.payer_id AS "payerId", pa.number,
  to_char(pa.start_date, 'YYYY-MM-DD') AS "startDate", to_char(pa.end_date, 'YYYY-MM-DD') AS "endDate", pa.units`;

async function authorizationContext(
  manager: EntityManager,
  practiceId: string,
  asked: LoadedSession[],
): Promise<{ authorizations: AuthorizationFacts[]; extraSessionIds: string[] }> {
  const askedIds = asked.map((s) => s.id);
  const dates = [...new Set(asked.map((s) => s.serviceDate))];
  // The authorizations of clients present on a date asked for, in force on one of those dates.
  const authorizations: AuthorizationFacts[] = await manager.query(
    `SELECT ${AUTHORIZATION_COLUMNS} FROM prior_authorizations pa
     WHERE pa.practice_id = $1
       AND EXISTS (SELECT 1 FROM unnest($3::date[]) d WHERE d BETWEEN pa.start_date AND pa.end_date)
       AND EXISTS (SELECT 1 FROM attendance a WHERE a.practice_id = pa.practice_id AND a.client_id = pa.client_id AND a.status = 'PRESENT' AND a.session_id = ANY($2::uuid[]))
     ORDER BY pa.id`,
    [practiceId, askedIds, dates],
  );
  if (authorizations.length === 0) return { authorizations, extraSessionIds: [] };
  const lastDate = dates.reduce((a, b) => (a > b ? a : b));
  // Sessions of the authorized clients on the authorizations' days up to the last date asked for, not loaded yet.
  const extra: { id: string }[] = await manager.query(
    `SELECT DISTINCT s.id, s.starts_at FROM group_sessions s
     JOIN attendance a ON a.practice_id = s.practice_id AND a.session_id = s.id AND a.status = 'PRESENT'
     JOIN prior_authorizations pa ON pa.practice_id = a.practice_id AND pa.client_id = a.client_id AND pa.id = ANY($2::uuid[])
     WHERE s.practice_id = $1 AND s.service_date BETWEEN pa.start_date AND LEAST(pa.end_date, $3::date) AND NOT (s.id = ANY($4::uuid[]))
     ORDER BY s.starts_at, s.id`,
    [practiceId, authorizations.map((a) => a.id), lastDate, askedIds],
  );
  return { authorizations, extraSessionIds: extra.map((s) => s.id) };
}

// ---------------------------------------------------------------- sessions, notes, members, payers

/** The engine's input for these sessions (in start order), without billed lines and authorizations; `$2` of each query is the session ids. */
async function factsForSessions(manager: EntityManager, practiceId: string, practice: PracticeFacts, sessionIds: string[]): Promise<EngineInput> {
  const empty = emptyInput(practice);
  if (sessionIds.length === 0) return empty;
  const params = [practiceId, sessionIds];
  const ofSessions = "s.practice_id = $1 AND s.id = ANY($2::uuid[])";

  const sessionRows: SessionRow[] = await manager.query(
    `SELECT s.id, s.starts_at AS "startsAt", s.duration_minutes AS "durationMinutes", s.modality, s.place_of_service AS "placeOfService",
            s.topics, s.interventions,
            s.leader_id AS "leaderId", s.supervisor_id AS "supervisorId",
            g.kind AS "groupKind", g.has_psychotherapy_component AS "hasPsychotherapyComponent"
     FROM group_sessions s JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id
     WHERE ${ofSessions}
     ORDER BY s.starts_at, s.id`,
    params,
  );
  const present: PresentRow[] = await manager.query(
    `SELECT a.session_id AS "sessionId", a.client_id AS "clientId", a.minutes_attended AS "minutesAttended", a.location,
            a.interactive_complexity_reason AS "interactiveComplexityReason"
     FROM attendance a JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
     WHERE ${ofSessions} AND a.status = 'PRESENT'`,
    params,
  );
  // Note text is read, not only whether it is blank: the class-like and other-member checks read the words.
  const notes: NoteRow[] = await manager.query(
    `SELECT n.session_id AS "sessionId", n.client_id AS "clientId", n.signed_at AS "signedAt",
            n.participation, n.response, n.interventions, n.progress, n.plan, n.risk
     FROM member_notes n JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
     WHERE ${ofSessions}`,
    params,
  );
  // Addenda count only on signed notes (an unsigned note is edited instead); their text is read like the note's.
  const addenda: { sessionId: string; clientId: string; element: NoteElement | null; text: string }[] = await manager.query(
    `SELECT n.session_id AS "sessionId", n.client_id AS "clientId", a.element, a.text
     FROM note_addenda a
     JOIN member_notes n ON n.practice_id = a.practice_id AND n.id = a.note_id
     JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
     WHERE ${ofSessions} AND n.signed_at IS NOT NULL
     ORDER BY a.created_at, a.id`,
    params,
  );

  const clientIds = [...new Set(present.map((a) => a.clientId))];
  const clinicianIds = [...new Set(sessionRows.flatMap((s) => (s.supervisorId ? [s.leaderId, s.supervisorId] : [s.leaderId])))];
  const clinicians: LeaderFacts[] = await manager.query(
    `SELECT id, licensed, to_char(license_expires_on, 'YYYY-MM-DD') AS "licenseExpiresOn", credential FROM clinicians WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
    [practiceId, clinicianIds],
  );
  // Registration: what MISSING_REGISTRATION reads of the client (sex and address), nothing else of their record.
  // Names too: OTHER_MEMBER_NAMED looks for them in the other members' notes.
  const clients: ({ id: string; firstName: string; lastName: string; diagnosisCodes: string[] } & ClientRegistrationColumns)[] = clientIds.length
    ? await manager.query(
        `SELECT id, first_name AS "firstName", last_name AS "lastName", diagnosis_codes AS "diagnosisCodes", sex, address_line1 AS "addressLine1", address_line2 AS "addressLine2",
                address_city AS "addressCity", address_state AS "addressState", address_zip AS "addressZip"
         FROM clients WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
        [practiceId, clientIds],
      )
    : [];
  const coverages: (Omit<CoverageFacts, "subscriber"> & CoverageSubscriberColumns & { clientId: string })[] = clientIds.length
    ? await manager.query(
        `SELECT client_id AS "clientId", payer_id AS "payerId", member_id AS "memberId", priority::text AS priority,
                to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo",
                relationship, subscriber_first_name AS "subscriberFirstName", subscriber_last_name AS "subscriberLastName",
                to_char(subscriber_date_of_birth, 'YYYY-MM-DD') AS "subscriberDateOfBirth", subscriber_sex AS "subscriberSex",
                subscriber_address_line1 AS "subscriberAddressLine1", subscriber_address_line2 AS "subscriberAddressLine2",
                subscriber_address_city AS "subscriberAddressCity", subscriber_address_state AS "subscriberAddressState",
                subscriber_address_zip AS "subscriberAddressZip"
         FROM coverages WHERE practice_id = $1 AND client_id = ANY($2::uuid[])
         ORDER BY client_id, position`,
        [practiceId, clientIds],
      )
    : [];
  const payerIds = [...new Set(coverages.map((c) => c.payerId))];
  const versions: (RuleVersion & { payerId: string })[] = payerIds.length
    ? await manager.query(
        `SELECT payer_id AS "payerId", id, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
                min_group_size AS "minGroupSize", max_group_size AS "maxGroupSize",
                min_session_minutes AS "minSessionMinutes", max_session_minutes AS "maxSessionMinutes",
                telehealth_video_allowed AS "telehealthVideoAllowed", telehealth_audio_allowed AS "telehealthAudioAllowed",
                telehealth_place_of_service AS "telehealthPlaceOfService", modifier_rules AS "modifierRules",
                required_note_elements AS "requiredNoteElements", require_signed_note AS "requireSignedNote",
                require_licensed_leader AS "requireLicensedLeader", max_units_per_day AS "maxUnitsPerDay",
                fee_cents AS "feeCents", require_prior_authorization AS "requirePriorAuthorization",
                min_attended_minutes AS "minAttendedMinutes", min_attended_percent AS "minAttendedPercent",
                warn_class_like_documentation AS "warnClassLikeDocumentation", sign_within_days AS "signWithinDays",
                late_signature_severity AS "lateSignatureSeverity", credential_modifiers AS "credentialModifiers",
                telehealth_pos_by_location AS "telehealthPosByLocation",
                allow_interactive_complexity AS "allowInteractiveComplexity", interactive_complexity_fee_cents AS "interactiveComplexityFeeCents",
                max_units_per_week AS "maxUnitsPerWeek",
                max_units_per_month AS "maxUnitsPerMonth", timely_filing_days AS "timelyFilingDays", created_at AS "createdAt"
         FROM payer_rule_versions WHERE practice_id = $1 AND payer_id = ANY($2::uuid[])
         ORDER BY created_at, id`,
        [practiceId, payerIds],
      )
    : [];

  const clinicianById = new Map(clinicians.map((c) => [c.id, { id: c.id, licensed: c.licensed, licenseExpiresOn: c.licenseExpiresOn, credential: c.credential }]));
  const members = new Map<string, MemberFacts>(
    clients.map((c) => [
      c.id,
      { clientId: c.id, firstName: c.firstName, lastName: c.lastName, diagnosisCodes: c.diagnosisCodes, coverages: [], registration: registrationOf(c) },
    ]),
  );
  for (const c of coverages) {
    members.get(c.clientId)?.coverages.push({
      payerId: c.payerId,
      memberId: c.memberId,
      priority: c.priority,
      effectiveFrom: c.effectiveFrom,
      effectiveTo: c.effectiveTo,
      relationship: c.relationship,
      subscriber: subscriberOf(c),
    });
  }
  const payers = new Map<string, PayerFacts>(payerIds.map((id) => [id, { id, ruleVersions: [] }]));
  for (const { payerId, ...version } of versions) payers.get(payerId)?.ruleVersions.push(version);

  const addendaBy = groupBy(addenda, (a) => `${a.sessionId}:${a.clientId}`);
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
    addenda: (addendaBy.get(`${n.sessionId}:${n.clientId}`) ?? []).map((a) => ({ element: a.element, text: a.text })),
  }));
  const presentBySession = groupBy(present, (a) => a.sessionId);
  const notesBySession = groupBy(noteFacts, (n) => n.sessionId);
  const sessions: SessionFacts[] = sessionRows.map((s) => ({
    id: s.id,
    startsAt: s.startsAt,
    durationMinutes: s.durationMinutes,
    modality: s.modality,
    placeOfService: s.placeOfService,
    topics: s.topics,
    interventions: s.interventions,
    groupKind: s.groupKind,
    hasPsychotherapyComponent: s.hasPsychotherapyComponent,
    leader: clinicianById.get(s.leaderId)!,
    supervisor: s.supervisorId ? clinicianById.get(s.supervisorId)! : null,
    presentClientIds: (presentBySession.get(s.id) ?? []).map((a) => a.clientId),
    notes: notesBySession.get(s.id) ?? [],
    attendance: attendanceFactsOf(presentBySession.get(s.id) ?? []),
  }));
  return { ...empty, sessions, members, payers };
}

interface PresentRow {
  sessionId: string;
  clientId: string;
  minutesAttended: number | null;
  location: MemberLocation | null;
  interactiveComplexityReason: string | null;
}

/**
 * What attendance recorded beyond presence (minutes, where a telehealth member joined from, interactive
 * complexity); members with nothing recorded get no entry.
 */
function attendanceFactsOf(present: PresentRow[]): ReadonlyMap<string, AttendanceFacts> | undefined {
  let facts: Map<string, AttendanceFacts> | undefined;
  for (const a of present) {
    if (a.minutesAttended === null && a.location === null && a.interactiveComplexityReason === null) continue;
    (facts ??= new Map()).set(a.clientId, { minutesAttended: a.minutesAttended, location: a.location, interactiveComplexityReason: a.interactiveComplexityReason });
  }
  return facts;
}

interface SessionRow {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  modality: Modality;
  placeOfService: string | null;
  topics: string | null;
  interventions: string | null;
  leaderId: string;
  supervisorId: string | null;
  groupKind: GroupKind;
  hasPsychotherapyComponent: boolean;
}

interface NoteRow {
  sessionId: string;
  clientId: string;
  signedAt: Date | null;
  participation: string | null;
  response: string | null;
  interventions: string | null;
  progress: string | null;
  plan: string | null;
  risk: string | null;
}
