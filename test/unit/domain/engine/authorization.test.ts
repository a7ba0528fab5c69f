/**
 * Prior authorizations: AUTH_REQUIRED and AUTH_EXHAUSTED, and which authorization a line uses.
 * Units of an authorization span its whole date range, so these cases run several sessions over
 * several days; each table row states the sessions, the authorizations and what each line gets.
 */
import { evaluateSessions, type AuthorizationFacts, type BilledLineFacts, type ClaimDecisionDraft, type SessionFacts } from "../../../../server/src/domain/engine/index.js";
import { CLIENT, PAYER_ID, PRESENT, engineInput, member, ruleVersion, session } from "./factories.js";

/** A session of the default group at 10:00 New York time on the given date (15:00 UTC in March). */
function sessionOn(id: string, date: string, hourUtc = 15, overrides: Partial<SessionFacts> = {}): SessionFacts {
  return session({ id, startsAt: new Date(`${date}T${String(hourUtc).padStart(2, "0")}:00:00Z`), ...overrides });
}

function auth(overrides: Partial<AuthorizationFacts> = {}): AuthorizationFacts {
  return { id: "auth-1", clientId: CLIENT, payerId: PAYER_ID, number: "PA-1", startDate: "2026-03-02", endDate: "2026-03-31", units: 2, ...overrides };
}

function billedLine(sessionId: string, serviceDate: string, authorizationId: string | null = "auth-1"): BilledLineFacts {
  return { sessionId, clientId: CLIENT, serviceDate, payerId: PAYER_ID, authorizationId };
}

interface Case {
  name: string;
  sessions: SessionFacts[];
  authorizations: AuthorizationFacts[];
  billed?: BilledLineFacts[];
  require?: boolean;
  maxUnitsPerDay?: number;
  /** Per session id (CLIENT's line): the auth codes raised and the authorization number the line uses. */
  expect: Record<string, { codes: string[]; number: string | null }>;
}

function clientLines(c: Case): Map<string, ClaimDecisionDraft> {
  const decisions = evaluateSessions(
    engineInput({
      sessions: c.sessions,
      authorizations: c.authorizations,
      billed: c.billed ?? [],
      ruleVersions: [ruleVersion({ requirePriorAuthorization: c.require ?? true, maxUnitsPerDay: c.maxUnitsPerDay ?? 1 })],
    }),
  );
  return new Map(decisions.filter((d) => d.clientId === CLIENT).map((d) => [d.sessionId, d]));
}

const authCodes = (d: ClaimDecisionDraft) => d.issues.map((i) => i.code).filter((code) => code.startsWith("AUTH_"));

const cases: Case[] = [
  {
    name: "no authorization at all: AUTH_REQUIRED",
    sessions: [sessionOn("s1", "2026-03-02")],
    authorizations: [],
    expect: { s1: { codes: ["AUTH_REQUIRED"], number: null } },
  },
  {
    name: "the start date is in force (inclusive)",
    sessions: [sessionOn("s1", "2026-03-02")],
    authorizations: [auth({ startDate: "2026-03-02" })],
    expect: { s1: { codes: [], number: "PA-1" } },
  },
  {
    name: "the day before the start date is not",
    sessions: [sessionOn("s1", "2026-03-01")],
    authorizations: [auth({ startDate: "2026-03-02" })],
    expect: { s1: { codes: ["AUTH_REQUIRED"], number: null } },
  },
  {
    name: "the end date is in force (inclusive)",
    sessions: [sessionOn("s1", "2026-03-31")],
    authorizations: [auth({ endDate: "2026-03-31" })],
    expect: { s1: { codes: [], number: "PA-1" } },
  },
  {
    name: "the day after the end date is not",
    sessions: [sessionOn("s1", "2026-04-01", 14)],
    authorizations: [auth({ endDate: "2026-03-31" })],
    expect: { s1: { codes: ["AUTH_REQUIRED"], number: null } },
  },
  {
    name: "an authorization with another payer does not count",
    sessions: [sessionOn("s1", "2026-03-02")],
    authorizations: [auth({ payerId: "payer-other" })],
    expect: { s1: { codes: ["AUTH_REQUIRED"], number: null } },
  },
  {
    name: "another client's authorization does not count",
    sessions: [sessionOn("s1", "2026-03-02")],
    authorizations: [auth({ clientId: "client-2" })],
    expect: { s1: { codes: ["AUTH_REQUIRED"], number: null } },
  },
  {
    name: "units exactly reached: the line after the last unit is exhausted, across days",
    sessions: [sessionOn("s1", "2026-03-02"), sessionOn("s2", "2026-03-09"), sessionOn("s3", "2026-03-16")],
    authorizations: [auth({ units: 2 })],
    expect: { s1: { codes: [], number: "PA-1" }, s2: { codes: [], number: "PA-1" }, s3: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "same day: the earlier start uses the unit",
    sessions: [sessionOn("late", "2026-03-02", 20), sessionOn("early", "2026-03-02", 14)],
    authorizations: [auth({ units: 1 })],
    maxUnitsPerDay: 2,
    expect: { early: { codes: [], number: "PA-1" }, late: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "billed lines count first, even when billed on a later date",
    sessions: [sessionOn("s1", "2026-03-02"), sessionOn("billed", "2026-03-20")],
    authorizations: [auth({ units: 1 })],
    billed: [billedLine("billed", "2026-03-20")],
    expect: { s1: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "a billed line outside the evaluated sessions still uses its unit",
    sessions: [sessionOn("s1", "2026-03-02")],
    authorizations: [auth({ units: 2 })],
    billed: [billedLine("elsewhere-1", "2026-03-25"), billedLine("elsewhere-2", "2026-03-26")],
    expect: { s1: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "a billed line without an authorization uses none",
    sessions: [sessionOn("s1", "2026-03-02"), sessionOn("billed", "2026-03-20")],
    authorizations: [auth({ units: 1 })],
    billed: [billedLine("billed", "2026-03-20", null)],
    expect: { s1: { codes: [], number: "PA-1" } },
  },
  {
    name: "a line with another ERROR uses no unit",
    sessions: [sessionOn("s1", "2026-03-02", 15, { topics: " " }), sessionOn("s2", "2026-03-09")],
    authorizations: [auth({ units: 1 })],
    expect: { s1: { codes: [], number: null }, s2: { codes: [], number: "PA-1" } },
  },
  {
    name: "a line with another ERROR is flagged too once the units are gone",
    sessions: [sessionOn("s1", "2026-03-02"), sessionOn("s2", "2026-03-09", 15, { topics: "" })],
    authorizations: [auth({ units: 1 })],
    expect: { s1: { codes: [], number: "PA-1" }, s2: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "a line over the daily limit uses no authorization unit",
    sessions: [sessionOn("am", "2026-03-02", 14), sessionOn("pm", "2026-03-02", 19), sessionOn("next", "2026-03-03")],
    authorizations: [auth({ units: 2 })],
    expect: { am: { codes: [], number: "PA-1" }, pm: { codes: [], number: null }, next: { codes: [], number: "PA-1" } },
  },
  {
    name: "two in force: the one ending first is used until its units are gone, then the other",
    sessions: [sessionOn("s1", "2026-03-10"), sessionOn("s2", "2026-03-11"), sessionOn("s3", "2026-03-12")],
    authorizations: [
      auth({ id: "auth-long", number: "PA-LONG", startDate: "2026-03-01", endDate: "2026-06-30", units: 5 }),
      auth({ id: "auth-short", number: "PA-SHORT", startDate: "2026-03-10", endDate: "2026-03-20", units: 1 }),
    ],
    expect: { s1: { codes: [], number: "PA-SHORT" }, s2: { codes: [], number: "PA-LONG" }, s3: { codes: [], number: "PA-LONG" } },
  },
  {
    name: "two in force, both used up: exhausted",
    sessions: [sessionOn("s1", "2026-03-10"), sessionOn("s2", "2026-03-11"), sessionOn("s3", "2026-03-12")],
    authorizations: [
      auth({ id: "auth-b", number: "PA-B", startDate: "2026-03-01", endDate: "2026-03-31", units: 1 }),
      auth({ id: "auth-a", number: "PA-A", startDate: "2026-03-05", endDate: "2026-03-31", units: 1 }),
    ],
    // Same end date: the one starting first goes first.
    expect: { s1: { codes: [], number: "PA-B" }, s2: { codes: [], number: "PA-A" }, s3: { codes: ["AUTH_EXHAUSTED"], number: null } },
  },
  {
    name: "consecutive authorizations: each date draws on its own",
    sessions: [sessionOn("s1", "2026-03-31", 14), sessionOn("s2", "2026-04-01", 14)],
    authorizations: [auth({ units: 1, endDate: "2026-03-31" }), auth({ id: "auth-2", number: "PA-2", startDate: "2026-04-01", endDate: "2026-04-30", units: 1 })],
    expect: { s1: { codes: [], number: "PA-1" }, s2: { codes: [], number: "PA-2" } },
  },
  {
    name: "a payer that does not require authorization: no issues, the number while units last",
    sessions: [sessionOn("s1", "2026-03-02"), sessionOn("s2", "2026-03-09"), sessionOn("s3", "2026-04-09", 14)],
    authorizations: [auth({ units: 1 })],
    require: false,
    expect: { s1: { codes: [], number: "PA-1" }, s2: { codes: [], number: null }, s3: { codes: [], number: null } },
  },
];

describe("prior authorizations", () => {
  it.each(cases)("$name", (c) => {
    const lines = clientLines(c);
    for (const [sessionId, wanted] of Object.entries(c.expect)) {
      const line = lines.get(sessionId);
      expect(line).toBeDefined();
      expect({ sessionId, codes: authCodes(line!), number: line!.authorizationNumber }).toEqual({ sessionId, ...wanted });
      if (wanted.number) expect(line!.authorizationId).toBe(c.authorizations.find((a) => a.number === wanted.number)!.id);
    }
  });

  it("an authorization issue blocks the line and explains the fix", () => {
    const required = clientLines(cases[0]).get("s1")!;
    expect(required.status).toBe("BLOCKED");
    const issue = required.issues.find((i) => i.code === "AUTH_REQUIRED")!;
    expect(issue.severity).toBe("ERROR");
    expect(issue.message).toContain("2026-03-02");
    expect(issue.message).toContain("Prior authorizations");

    const exhausted = clientLines({ ...cases[9] }).get("s1")!;
    expect(exhausted.status).toBe("BLOCKED");
    const message = exhausted.issues.find((i) => i.code === "AUTH_EXHAUSTED")!.message;
    expect(message).toContain("PA-1 (2026-03-02 to 2026-03-31) approved 1 unit");
    expect(message).toContain("1 already billed");
    expect(message).toContain("raise the units or add the new one");
  });

  it("other members of the session are untouched by CLIENT's authorization", () => {
    const decisions = evaluateSessions(
      engineInput({ sessions: [sessionOn("s1", "2026-03-02")], authorizations: [auth()], ruleVersions: [ruleVersion({ requirePriorAuthorization: true })] }),
    );
    const others = decisions.filter((d) => d.clientId !== CLIENT);
    expect(others.map((d) => d.clientId)).toEqual(PRESENT.filter((id) => id !== CLIENT));
    for (const d of others) expect(authCodes(d)).toEqual(["AUTH_REQUIRED"]);
  });

  it("the authorization issues sit after the daily limit in the line's issue order", () => {
    const decisions = evaluateSessions(
      engineInput({
        sessions: [sessionOn("am", "2026-03-02", 14), sessionOn("pm", "2026-03-02", 19)],
        members: [member(CLIENT)],
        ruleVersions: [ruleVersion({ requirePriorAuthorization: true })],
      }),
    );
    const pm = decisions.find((d) => d.sessionId === "pm" && d.clientId === CLIENT)!;
    // The am line is blocked (no authorization) so it uses no daily unit: pm is not over the daily limit.
    expect(pm.issues.map((i) => i.code)).toEqual(["AUTH_REQUIRED"]);
  });
});
