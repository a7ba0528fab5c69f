/**
 * Builders for engine facts. The defaults describe one billable session:
 * three members present, complete signed notes, a licensed leader and a
 * payer whose rules it satisfies, so every test states only what it changes.
 */
import {
  evaluateSessions,
  type AuthorizationFacts,
  type BilledLineFacts,
  type ClaimDecisionDraft,
  type CoverageFacts,
  type EngineInput,
  type MemberFacts,
  type NoteFacts,
  type PayerFacts,
  type RuleVersion,
  type SessionFacts,
} from "../../../../server/src/domain/engine/index.js";

export const TIMEZONE = "America/New_York";
/** The local date of the default session. */
export const SERVICE_DATE = "2026-03-02";
export const PAYER_ID = "payer-1";
export const CLIENT = "client-1";
export const PRESENT = [CLIENT, "client-2", "client-3"];
export const LEADER = "clinician-leader";
export const SUPERVISOR = "clinician-supervisor";

export function ruleVersion(overrides: Partial<RuleVersion> = {}): RuleVersion {
  return {
    id: "rules-1",
    effectiveFrom: "2026-01-01",
    minGroupSize: 2,
    maxGroupSize: 12,
    minSessionMinutes: 45,
    maxSessionMinutes: 90,
    telehealthVideoAllowed: true,
    telehealthAudioAllowed: false,
    telehealthPlaceOfService: "02",
    modifierRules: [{ modifier: "95", when: "TELEHEALTH_VIDEO" }],
    requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
    requireSignedNote: true,
    requireLicensedLeader: true,
    maxUnitsPerDay: 1,
    feeCents: 4500,
    requirePriorAuthorization: false,
    createdAt: new Date("2026-01-01T12:00:00Z"),
    ...overrides,
  };
}

export function coverage(overrides: Partial<CoverageFacts> = {}): CoverageFacts {
  return {
    payerId: PAYER_ID,
    memberId: "MBR-001",
    priority: "PRIMARY",
    effectiveFrom: "2025-01-01",
    effectiveTo: null,
    relationship: "SELF",
    subscriber: null,
    ...overrides,
  };
}

export const HOME = { line1: "12 Oak Ave", line2: null, city: "Boston", state: "MA", zip: "02118" };

export function member(clientId: string, overrides: Partial<MemberFacts> = {}): MemberFacts {
  return { clientId, diagnosisCodes: ["F33.1"], coverages: [coverage()], registration: { sex: "FEMALE", address: HOME }, ...overrides };
}

export function note(clientId: string, overrides: Partial<NoteFacts> = {}): NoteFacts {
  return {
    clientId,
    participation: "Engaged throughout; shared a recent conflict.",
    response: "Accepted feedback from peers.",
    interventions: "Cognitive restructuring.",
    progress: "Fewer avoidance episodes this week.",
    plan: "Continue weekly group.",
    risk: "Denies SI/HI.",
    signedAt: new Date("2026-03-02T17:00:00Z"),
    addenda: [],
    ...overrides,
  };
}

/** Notes default to one complete signed note per present member. */
export function session(overrides: Partial<SessionFacts> = {}): SessionFacts {
  const presentClientIds = overrides.presentClientIds ?? PRESENT;
  return {
    id: "session-1",
    startsAt: new Date("2026-03-02T15:00:00Z"), // 10:00 in New York
    durationMinutes: 60,
    modality: "IN_PERSON",
    placeOfService: null,
    topics: "Managing conflict at work.",
    interventions: "CBT role play, group feedback.",
    groupKind: "PSYCHOTHERAPY",
    hasPsychotherapyComponent: true,
    leader: { id: LEADER, licensed: true, licenseExpiresOn: "2027-06-30" },
    supervisor: null,
    presentClientIds,
    notes: presentClientIds.map((clientId) => note(clientId)),
    ...overrides,
  };
}

export interface EngineInputParts {
  sessions?: SessionFacts[];
  /** Members not listed get the default member facts. */
  members?: MemberFacts[];
  ruleVersions?: RuleVersion[];
  payers?: PayerFacts[];
  timezone?: string;
  defaultPlaceOfService?: string;
  billed?: BilledLineFacts[];
  authorizations?: AuthorizationFacts[];
}

export function engineInput(parts: EngineInputParts = {}): EngineInput {
  const sessions = parts.sessions ?? [session()];
  const members = new Map<string, MemberFacts>();
  for (const s of sessions) for (const id of s.presentClientIds) members.set(id, member(id));
  for (const m of parts.members ?? []) members.set(m.clientId, m);
  const payers = parts.payers ?? [{ id: PAYER_ID, ruleVersions: parts.ruleVersions ?? [ruleVersion()] }];
  return {
    timezone: parts.timezone ?? TIMEZONE,
    defaultPlaceOfService: parts.defaultPlaceOfService ?? "11",
    sessions,
    members,
    payers: new Map(payers.map((p) => [p.id, p])),
    billed: parts.billed ?? [],
    authorizations: parts.authorizations ?? [],
  };
}

/** One change to the default scenario, as the check tables state it. */
export interface Scenario {
  session?: Partial<SessionFacts>;
  rules?: Partial<RuleVersion>;
  /** Applies to CLIENT only. */
  member?: Partial<MemberFacts>;
  /** Facts of the other members present (CLIENT's come from `member`). */
  others?: MemberFacts[];
  /** CLIENT's note; null means CLIENT has no note. */
  note?: Partial<NoteFacts> | null;
  payers?: PayerFacts[];
  timezone?: string;
}

/** The decision for CLIENT in the default session with the scenario applied. */
export function decisionFor(scenario: Scenario = {}): ClaimDecisionDraft {
  const base = session(scenario.session);
  const notes =
    scenario.session?.notes ??
    base.notes
      .filter((n) => !(n.clientId === CLIENT && scenario.note === null))
      .map((n) => (n.clientId === CLIENT && scenario.note ? { ...n, ...scenario.note } : n));
  const decisions = evaluateSessions(
    engineInput({
      sessions: [{ ...base, notes }],
      members: [...(scenario.others ?? []), member(CLIENT, scenario.member)],
      ruleVersions: [ruleVersion(scenario.rules)],
      payers: scenario.payers,
      timezone: scenario.timezone,
    }),
  );
  const decision = decisions.find((d) => d.clientId === CLIENT);
  if (!decision) throw new Error(`no decision for ${CLIENT}; is it present?`);
  return decision;
}

export function codesOf(decision: ClaimDecisionDraft): string[] {
  return decision.issues.map((i) => i.code);
}
