import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type {
  CoverageFacts,
  EngineInput,
  GroupKind,
  LeaderFacts,
  MemberFacts,
  Modality,
  NoteElement,
  NoteFacts,
  PayerFacts,
  RuleVersion,
  SessionFacts,
} from "../domain/engine/index.js";

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
  input: EngineInput;
  sessions: LoadedSession[];
  /** The loaded sessions' lines in batches that are not void, by `${sessionId}:${clientId}`: their batch id. */
  batchOf: Map<string, string>;
}

export type DateSelection = { from: string; to: string } | { dates: string[] };

/**
 * Every character JavaScript's String.prototype.trim removes (WhiteSpace and LineTerminator): the engine's
 * isBlank trims with it, and the SQL below must call exactly the same texts blank.
 */
const TRIMMED = "\u0009-\u000D\u0020\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
export const BLANK_PATTERN = `^[${TRIMMED}]*$`;

/**
 * The engine reads only whether a note section or a session's topics are blank, never what they say. The loader
 * asks PostgreSQL for that flag and hands the engine this marker for a documented section, so clinical text never
 * leaves the database for billing and no text is parsed per line.
 */
export const DOCUMENTED = "documented";

const documented = (flag: boolean): string | null => (flag ? DOCUMENTED : null);

/** `$3` of the queries that read text is BLANK_PATTERN. */
const isDocumented = (column: string) => `(${column} IS NOT NULL AND ${column} !~ $3)`;

/** The sessions on the selected dates, joined by each query: `$1` is the practice, `$2` the dates. */
function sessionsOn(range: DateSelection): { where: string; param: string[] } {
  return "dates" in range
    ? { where: "s.practice_id = $1 AND s.service_date = ANY($2::date[])", param: range.dates }
    : { where: "s.practice_id = $1 AND s.service_date BETWEEN ($2::date[])[1] AND ($2::date[])[2]", param: [range.from, range.to] };
}

/**
 * Everything the engine needs for the sessions on the given dates, in one plain-row query per kind of row
 * however many sessions there are (no entity hydration). Whole days are loaded because the daily unit limit
 * counts every session of a member's day. A new kind of fact (authorizations, subscribers...) is one more
 * query here plus its field on the engine's input.
 */
export async function loadFactsForDates(manager: EntityManager, practiceId: string, range: DateSelection): Promise<LoadedFacts> {
  const on = sessionsOn(range);
  const params = [practiceId, on.param];
  const withText = [...params, BLANK_PATTERN];

  const [practice] = await manager.query(`SELECT timezone, default_place_of_service AS "placeOfService" FROM practices WHERE id = $1`, [practiceId]);
  if (!practice) throw new Error(`Practice ${practiceId} is not visible in this transaction`);
  const empty: LoadedFacts = {
    input: { timezone: practice.timezone, defaultPlaceOfService: practice.placeOfService, sessions: [], members: new Map(), payers: new Map(), billed: [] },
    sessions: [],
    batchOf: new Map(),
  };

  const sessionRows: SessionRow[] = await manager.query(
    `SELECT s.id, s.starts_at AS "startsAt", to_char(s.service_date, 'YYYY-MM-DD') AS "serviceDate", s.group_id AS "groupId",
            s.duration_minutes AS "durationMinutes", s.modality, s.place_of_service AS "placeOfService",
            ${isDocumented("s.topics")} AS "hasTopics", ${isDocumented("s.interventions")} AS "hasInterventions",
            s.leader_id AS "leaderId", s.supervisor_id AS "supervisorId",
            g.kind AS "groupKind", g.has_psychotherapy_component AS "hasPsychotherapyComponent"
     FROM group_sessions s JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id
     WHERE ${on.where}
     ORDER BY s.starts_at, s.id`,
    withText,
  );
  if (sessionRows.length === 0) return empty;

  const present: { sessionId: string; clientId: string }[] = await manager.query(
    `SELECT a.session_id AS "sessionId", a.client_id AS "clientId"
     FROM attendance a JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
     WHERE ${on.where} AND a.status = 'PRESENT'`,
    params,
  );
  const notes: NoteRow[] = await manager.query(
    `SELECT n.session_id AS "sessionId", n.client_id AS "clientId", n.signed_at AS "signedAt",
            ${isDocumented("n.participation")} AS participation, ${isDocumented("n.response")} AS response,
            ${isDocumented("n.interventions")} AS interventions, ${isDocumented("n.progress")} AS progress,
            ${isDocumented("n.plan")} AS plan, ${isDocumented("n.risk")} AS risk
     FROM member_notes n JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
     WHERE ${on.where}`,
    withText,
  );
  // Only what the engine counts: a non-blank addendum to a signed note that names the element it completes.
  const completions: { sessionId: string; clientId: string; element: NoteElement }[] = await manager.query(
    `SELECT DISTINCT n.session_id AS "sessionId", n.client_id AS "clientId", a.element
     FROM note_addenda a
     JOIN member_notes n ON n.practice_id = a.practice_id AND n.id = a.note_id
     JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
     WHERE ${on.where} AND n.signed_at IS NOT NULL AND a.element IS NOT NULL AND ${isDocumented("a.text")}`,
    withText,
  );
  const billed: { sessionId: string; clientId: string; serviceDate: string; payerId: string; batchId: string }[] = await manager.query(
    `SELECT l.session_id AS "sessionId", l.client_id AS "clientId", to_char(l.service_date, 'YYYY-MM-DD') AS "serviceDate",
            l.payer_id AS "payerId", l.batch_id AS "batchId"
     FROM claim_batch_lines l JOIN group_sessions s ON s.practice_id = l.practice_id AND s.id = l.session_id
     WHERE ${on.where} AND NOT l.voided`,
    params,
  );

  const clientIds = [...new Set(present.map((a) => a.clientId))];
  const clinicianIds = [...new Set(sessionRows.flatMap((s) => (s.supervisorId ? [s.leaderId, s.supervisorId] : [s.leaderId])))];
  const clinicians: LeaderFacts[] = await manager.query(
    `SELECT id, licensed, to_char(license_expires_on, 'YYYY-MM-DD') AS "licenseExpiresOn" FROM clinicians WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
    [practiceId, clinicianIds],
  );
  const clients: { id: string; diagnosisCodes: string[] }[] = clientIds.length
    ? await manager.query(`SELECT id, diagnosis_codes AS "diagnosisCodes" FROM clients WHERE practice_id = $1 AND id = ANY($2::uuid[])`, [practiceId, clientIds])
    : [];
  const coverages: (CoverageFacts & { clientId: string })[] = clientIds.length
    ? await manager.query(
        `SELECT client_id AS "clientId", payer_id AS "payerId", member_id AS "memberId", priority::text AS priority,
                to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom", to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo"
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
                fee_cents AS "feeCents", created_at AS "createdAt"
         FROM payer_rule_versions WHERE practice_id = $1 AND payer_id = ANY($2::uuid[])
         ORDER BY created_at, id`,
        [practiceId, payerIds],
      )
    : [];

  const clinicianById = new Map(clinicians.map((c) => [c.id, { id: c.id, licensed: c.licensed, licenseExpiresOn: c.licenseExpiresOn }]));
  const members = new Map<string, MemberFacts>(clients.map((c) => [c.id, { clientId: c.id, diagnosisCodes: c.diagnosisCodes, coverages: [] }]));
  for (const { clientId, payerId, memberId, priority, effectiveFrom, effectiveTo } of coverages) {
    members.get(clientId)?.coverages.push({ payerId, memberId, priority, effectiveFrom, effectiveTo });
  }
  const payers = new Map<string, PayerFacts>(payerIds.map((id) => [id, { id, ruleVersions: [] }]));
  for (const { payerId, ...version } of versions) payers.get(payerId)?.ruleVersions.push(version as RuleVersion);

  const completedBy = groupBy(completions, (c) => `${c.sessionId}:${c.clientId}`);
  const noteFacts = notes.map((n): NoteFacts & { sessionId: string } => ({
    sessionId: n.sessionId,
    clientId: n.clientId,
    participation: documented(n.participation),
    response: documented(n.response),
    interventions: documented(n.interventions),
    progress: documented(n.progress),
    plan: documented(n.plan),
    risk: documented(n.risk),
    signedAt: n.signedAt,
    addenda: (completedBy.get(`${n.sessionId}:${n.clientId}`) ?? []).map((c) => ({ element: c.element, text: DOCUMENTED })),
  }));
  const presentBySession = groupBy(present, (a) => a.sessionId);
  const notesBySession = groupBy(noteFacts, (n) => n.sessionId);
  const sessions: SessionFacts[] = sessionRows.map((s) => ({
    id: s.id,
    startsAt: s.startsAt,
    durationMinutes: s.durationMinutes,
    modality: s.modality,
    placeOfService: s.placeOfService,
    topics: documented(s.hasTopics),
    interventions: documented(s.hasInterventions),
    groupKind: s.groupKind,
    hasPsychotherapyComponent: s.hasPsychotherapyComponent,
    leader: clinicianById.get(s.leaderId)!,
    supervisor: s.supervisorId ? clinicianById.get(s.supervisorId)! : null,
    presentClientIds: (presentBySession.get(s.id) ?? []).map((a) => a.clientId),
    notes: notesBySession.get(s.id) ?? [],
  }));

  return {
    input: { ...empty.input, sessions, members, payers, billed: billed.map(({ sessionId, clientId, serviceDate, payerId }) => ({ sessionId, clientId, serviceDate, payerId })) },
    sessions: sessionRows.map(({ id, startsAt, serviceDate, groupId, leaderId }) => ({ id, startsAt, serviceDate, groupId, leaderId })),
    batchOf: new Map(billed.map((b) => [`${b.sessionId}:${b.clientId}`, b.batchId])),
  };
}

interface SessionRow {
  id: string;
  startsAt: Date;
  serviceDate: string;
  groupId: string;
  durationMinutes: number;
  modality: Modality;
  placeOfService: string | null;
  hasTopics: boolean;
  hasInterventions: boolean;
  leaderId: string;
  supervisorId: string | null;
  groupKind: GroupKind;
  hasPsychotherapyComponent: boolean;
}

interface NoteRow {
  sessionId: string;
  clientId: string;
  signedAt: Date | null;
  participation: boolean;
  response: boolean;
  interventions: boolean;
  progress: boolean;
  plan: boolean;
  risk: boolean;
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
