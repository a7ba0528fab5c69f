/**
 * Issue 11 items 4 and 5: FREQUENCY_LIMIT (units per member per Sunday-Saturday week and per calendar month,
 * counted like daily units) and timely filing (TIMELY_FILING_SOON / TIMELY_FILING_EXPIRED against today's date),
 * table-driven with their boundaries. 2026-03-01 is a Sunday.
 */
import {
  addDays,
  evaluateSessions,
  monthEndOf,
  weekStartOf,
  type BilledLineFacts,
  type ClaimDecisionDraft,
  type RuleVersion,
  type SessionFacts,
} from "../../../../server/src/domain/engine/index.js";
import { CLIENT, PAYER_ID, engineInput, note, ruleVersion, session } from "./factories.js";

/** A session of the default group on the date, at 10:00 New York time (or the given UTC hour). */
function sessionOn(id: string, date: string, hourUtc = 15, overrides: Partial<SessionFacts> = {}): SessionFacts {
  return session({ id, startsAt: new Date(`${date}T${String(hourUtc).padStart(2, "0")}:00:00Z`), ...overrides });
}

function billedLine(sessionId: string, serviceDate: string, payerId = PAYER_ID): BilledLineFacts {
  return { sessionId, clientId: CLIENT, serviceDate, payerId, authorizationId: null };
}

function clientLines(sessions: SessionFacts[], rules: Partial<RuleVersion> | RuleVersion[], extra: { billed?: BilledLineFacts[]; today?: string } = {}): Map<string, ClaimDecisionDraft> {
  const versions = Array.isArray(rules) ? rules : [ruleVersion(rules)];
  const input = engineInput({ sessions, ruleVersions: versions, billed: extra.billed ?? [] });
  if (extra.today) input.today = extra.today;
  return new Map(evaluateSessions(input).filter((d) => d.clientId === CLIENT).map((d) => [d.sessionId, d]));
}

const has = (d: ClaimDecisionDraft | undefined, code: string) => d!.issues.some((i) => i.code === code);

describe("calendar windows", () => {
  test.each([
    ["2026-03-01", "2026-03-01"], // Sunday starts its own week
    ["2026-03-07", "2026-03-01"], // Saturday ends it
    ["2026-03-08", "2026-03-08"],
    ["2026-01-01", "2025-12-28"], // a week that spans two years
  ])("the week of %s starts on Sunday %s", (date, sunday) => {
    expect(weekStartOf(date)).toBe(sunday);
  });

  test.each([
    ["2026-02-10", "2026-02-28"],
    ["2028-02-10", "2028-02-29"],
    ["2026-12-31", "2026-12-31"],
  ])("the month of %s ends on %s", (date, end) => {
    expect(monthEndOf(date)).toBe(end);
  });
});

describe("FREQUENCY_LIMIT", () => {
  interface Case {
    name: string;
    sessions: SessionFacts[];
    rules: Partial<RuleVersion> | RuleVersion[];
    billed?: BilledLineFacts[];
    /** Session ids whose CLIENT line is over a cap. */
    flagged: string[];
    mentions?: string[];
  }
  const cases: Case[] = [
    {
      name: "2 a week: the second session of the week is within (boundary), the third over",
      sessions: [sessionOn("mon", "2026-03-02"), sessionOn("wed", "2026-03-04"), sessionOn("fri", "2026-03-06")],
      rules: { maxUnitsPerWeek: 2 },
      flagged: ["fri"],
      mentions: ["week of 2026-03-01 to 2026-03-07 (Sunday to Saturday)", "already has 2 units (2 by earlier billable sessions)", "at most 2 units per member per week"],
    },
    {
      name: "Sunday starts a new week",
      sessions: [sessionOn("sat", "2026-03-07"), sessionOn("sun", "2026-03-08")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: [],
    },
    {
      name: "Sunday and the Saturday after are one week",
      sessions: [sessionOn("sun", "2026-03-01"), sessionOn("sat", "2026-03-07")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: ["sat"],
    },
    {
      name: "a week spanning two months counts both months' days",
      sessions: [sessionOn("tue", "2026-03-31"), sessionOn("wed", "2026-04-01")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: ["wed"],
    },
    {
      name: "2 a month: the third session of the month is over",
      sessions: [sessionOn("a", "2026-03-02"), sessionOn("b", "2026-03-09"), sessionOn("c", "2026-03-31")],
      rules: { maxUnitsPerMonth: 2 },
      flagged: ["c"],
      mentions: ["month of 2026-03 (2026-03-01 to 2026-03-31)", "at most 2 units per member per calendar month"],
    },
    {
      name: "the 1st starts a new month",
      sessions: [sessionOn("a", "2026-03-31"), sessionOn("b", "2026-04-01")],
      rules: { maxUnitsPerMonth: 1 },
      flagged: [],
    },
    {
      name: "a line billed later in the week holds its unit first",
      sessions: [sessionOn("mon", "2026-03-02"), sessionOn("fri", "2026-03-06")],
      billed: [billedLine("fri", "2026-03-06")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: ["mon"],
      mentions: ["1 already billed"],
    },
    {
      name: "a billed line is never flagged, even over the cap",
      sessions: [sessionOn("mon", "2026-03-02"), sessionOn("fri", "2026-03-06")],
      billed: [billedLine("mon", "2026-03-02"), billedLine("fri", "2026-03-06")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: [],
    },
    {
      name: "a line billed to another payer does not count",
      sessions: [sessionOn("fri", "2026-03-06")],
      billed: [billedLine("elsewhere", "2026-03-04", "payer-2")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: [],
    },
    {
      name: "a line with another ERROR uses no unit",
      sessions: [sessionOn("mon", "2026-03-02", 15, { durationMinutes: 30 }), sessionOn("wed", "2026-03-04")],
      rules: { maxUnitsPerWeek: 1 },
      flagged: [],
    },
    {
      name: "a line over the weekly cap uses none of the month's",
      sessions: [sessionOn("a", "2026-03-02"), sessionOn("b", "2026-03-04"), sessionOn("c", "2026-03-09"), sessionOn("d", "2026-03-16")],
      rules: { maxUnitsPerWeek: 1, maxUnitsPerMonth: 2 },
      flagged: ["b", "d"],
    },
    {
      name: "same day: start order decides, the morning session first",
      sessions: [sessionOn("pm", "2026-03-02", 19), sessionOn("am", "2026-03-02", 14)],
      rules: { maxUnitsPerWeek: 1, maxUnitsPerDay: 2 },
      flagged: ["pm"],
    },
    {
      name: "both caps full: one issue naming both",
      sessions: [sessionOn("a", "2026-03-02"), sessionOn("b", "2026-03-03")],
      rules: { maxUnitsPerWeek: 1, maxUnitsPerMonth: 1 },
      flagged: ["b"],
      mentions: ["per member per week", "per member per calendar month"],
    },
    {
      name: "lines under an earlier version without caps still count toward a capped version's week",
      sessions: [sessionOn("mon", "2026-03-02"), sessionOn("wed", "2026-03-04")],
      rules: [ruleVersion({ id: "old" }), ruleVersion({ id: "new", effectiveFrom: "2026-03-03", maxUnitsPerWeek: 1 })],
      flagged: ["wed"],
    },
    {
      name: "no caps (null)",
      sessions: [sessionOn("a", "2026-03-02"), sessionOn("b", "2026-03-03"), sessionOn("c", "2026-03-04")],
      rules: { maxUnitsPerWeek: null, maxUnitsPerMonth: null },
      flagged: [],
    },
  ];

  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const lines = clientLines(c.sessions, c.rules, { billed: c.billed });
    const flagged = [...lines.values()].filter((d) => has(d, "FREQUENCY_LIMIT")).map((d) => d.sessionId);
    expect(flagged.sort()).toEqual([...c.flagged].sort());
    for (const id of c.flagged) {
      const line = lines.get(id)!;
      const issue = line.issues.find((i) => i.code === "FREQUENCY_LIMIT")!;
      expect(issue.severity).toBe("ERROR");
      expect(line.status).toBe("BLOCKED");
      expect(line.issues.filter((i) => i.code === "FREQUENCY_LIMIT")).toHaveLength(1);
      for (const words of c.mentions ?? []) expect(issue.message).toContain(words);
      expect(issue.message).toMatch(/correct the attendance/);
    }
  });

  test("other members' lines are counted on their own", () => {
    const lines = evaluateSessions(engineInput({ sessions: [sessionOn("a", "2026-03-02"), sessionOn("b", "2026-03-03")], ruleVersions: [ruleVersion({ maxUnitsPerWeek: 1 })] }));
    expect(lines.filter((d) => d.sessionId === "b").every((d) => has(d, "FREQUENCY_LIMIT"))).toBe(true);
    expect(lines.filter((d) => d.sessionId === "a").some((d) => has(d, "FREQUENCY_LIMIT"))).toBe(false);
  });
});

describe("timely filing", () => {
  // 2026-03-02 + 90 days = 2026-05-31, the last day to file; the warning starts 14 days before, on 2026-05-17.
  const SERVICE = "2026-03-02";
  const DEADLINE = "2026-05-31";
  interface Case {
    name: string;
    today?: string;
    rules?: Partial<RuleVersion>;
    billed?: boolean;
    code: "TIMELY_FILING_SOON" | "TIMELY_FILING_EXPIRED" | null;
    recheckOn: string | null;
    mentions?: string[];
  }
  const cases: Case[] = [
    { name: "on the day of service", today: SERVICE, code: null, recheckOn: "2026-05-17" },
    { name: "15 days left: no warning yet (boundary)", today: "2026-05-16", code: null, recheckOn: "2026-05-17" },
    { name: "14 days left: warns (boundary, inclusive)", today: "2026-05-17", code: "TIMELY_FILING_SOON", recheckOn: "2026-06-01", mentions: [`last day to file this ${SERVICE} line is ${DEADLINE} (that day included; this warning starts 14 days before)`] },
    { name: "1 day left", today: "2026-05-30", code: "TIMELY_FILING_SOON", recheckOn: "2026-06-01" },
    { name: "the deadline itself is still in time (boundary)", today: DEADLINE, code: "TIMELY_FILING_SOON", recheckOn: "2026-06-01", mentions: [`is ${DEADLINE} (that day included`] },
    { name: "the day after the deadline: expired (boundary)", today: "2026-06-01", code: "TIMELY_FILING_EXPIRED", recheckOn: null, mentions: [`was ${DEADLINE}, and it was not billed by then`, "do not bill it"] },
    { name: "long expired", today: "2026-09-01", code: "TIMELY_FILING_EXPIRED", recheckOn: null },
    { name: "a window of 1 day: the next day is the deadline", today: "2026-03-03", rules: { timelyFilingDays: 1 }, code: "TIMELY_FILING_SOON", recheckOn: "2026-03-04" },
    { name: "billed lines were filed: never flagged", today: "2026-09-01", billed: true, code: null, recheckOn: null },
    { name: "billed lines were filed: never warned", today: "2026-05-20", billed: true, code: null, recheckOn: null },
    { name: "no window (null)", today: "2026-09-01", rules: { timelyFilingDays: null }, code: null, recheckOn: null },
    { name: "no today given: not checked", code: null, recheckOn: null },
  ];

  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const s = sessionOn("s1", SERVICE);
    const lines = clientLines([s], { timelyFilingDays: 90, ...c.rules }, { today: c.today, billed: c.billed ? [billedLine("s1", SERVICE)] : [] });
    const line = lines.get("s1")!;
    const filing = line.issues.filter((i) => i.code.startsWith("TIMELY_FILING"));
    expect(filing.map((i) => i.code)).toEqual(c.code ? [c.code] : []);
    expect(line.recheckOn).toBe(c.recheckOn);
    if (c.code === "TIMELY_FILING_SOON") {
      expect(filing[0].severity).toBe("WARNING");
      expect(line.status).toBe("READY");
    }
    if (c.code === "TIMELY_FILING_EXPIRED") {
      expect(filing[0].severity).toBe("ERROR");
      expect(line.status).toBe("BLOCKED");
    }
    for (const words of c.mentions ?? []) expect(filing[0].message).toContain(words);
  });

  test("the message does not change between recheck dates (stored decisions are not recomputed daily)", () => {
    const s = sessionOn("s1", SERVICE);
    const on = (today: string) => JSON.stringify(clientLines([s], { timelyFilingDays: 90 }, { today }).get("s1")!.issues);
    expect(on("2026-05-17")).toBe(on(DEADLINE));
    expect(on("2026-06-01")).toBe(on("2027-01-01"));
  });

  test("a recheck date is exactly where the answer changes", () => {
    const s = sessionOn("s1", SERVICE);
    let today = SERVICE;
    const seen: string[] = [];
    for (let day = 0; day < 120; day++) {
      const line = clientLines([s], { timelyFilingDays: 90 }, { today }).get("s1")!;
      const code = line.issues.find((i) => i.code.startsWith("TIMELY_FILING"))?.code ?? "none";
      if (seen[seen.length - 1] !== code) seen.push(code);
      if (line.recheckOn) {
        const next = clientLines([s], { timelyFilingDays: 90 }, { today: line.recheckOn }).get("s1")!;
        const before = clientLines([s], { timelyFilingDays: 90 }, { today: addDays(line.recheckOn, -1) }).get("s1")!;
        expect(JSON.stringify(next.issues)).not.toBe(JSON.stringify(before.issues));
      }
      today = addDays(today, 1);
    }
    expect(seen).toEqual(["none", "TIMELY_FILING_SOON", "TIMELY_FILING_EXPIRED"]);
  });

  test("an expired line uses none of the member's week, so a later billable line is not over the cap", () => {
    const lines = clientLines(
      [sessionOn("mon", "2026-03-02"), sessionOn("wed", "2026-03-04")],
      [ruleVersion({ id: "a", maxUnitsPerWeek: 1, timelyFilingDays: 30 }), ruleVersion({ id: "b", effectiveFrom: "2026-03-03", maxUnitsPerWeek: 1 })],
      { today: "2026-04-02" },
    );
    expect(has(lines.get("mon"), "TIMELY_FILING_EXPIRED")).toBe(true);
    expect(lines.get("wed")!.issues).toEqual([]);
  });

  test("comes last on a line, after every other check", () => {
    const s = sessionOn("s1", SERVICE, 15, { notes: [] });
    const line = clientLines([s], { timelyFilingDays: 90 }, { today: "2026-06-01" }).get("s1")!;
    expect(line.issues.map((i) => i.code)).toEqual(["MISSING_MEMBER_NOTE", "TIMELY_FILING_EXPIRED"]);
    void note;
  });
});
