/** Whole claim lines: their contents, combined issues, ordering, and the checks that span sessions. */
import {
  SINCE_ALWAYS,
  evaluateSessions,
  ruleVersionOn,
  type ClaimDecisionDraft,
  type ModifierRule,
} from "../../../../server/src/domain/engine/index.js";
import {
  CLIENT,
  LEADER,
  PAYER_ID,
  SUPERVISOR,
  codesOf,
  coverage,
  decisionFor,
  engineInput,
  member,
  ruleVersion,
  session,
} from "./factories.js";

describe("a billable line", () => {
  it("carries the rules' charge, the member's coverage and diagnoses", () => {
    const expected: ClaimDecisionDraft = {
      sessionId: "session-1",
      clientId: CLIENT,
      serviceDate: "2026-03-02",
      payerId: PAYER_ID,
      memberId: "MBR-001",
      ruleVersionId: "rules-1",
      status: "READY",
      cptCode: "90853",
      suggestedCptCodes: [],
      modifiers: [],
      placeOfService: "11",
      units: 1,
      diagnosisCodes: ["F33.1"],
      chargeCents: 4500,
      renderingClinicianId: LEADER,
      supervisedClinicianId: null,
      requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
      authorizationId: null,
      authorizationNumber: null,
      issues: [],
      addOnLines: [],
      recheckOn: null,
    };
    expect(decisionFor()).toEqual(expected);
  });

  it("bills at most the member's first 12 diagnoses", () => {
    const codes = Array.from({ length: 14 }, (_, i) => `F4${i}.0`);
    expect(decisionFor({ member: { diagnosisCodes: codes } }).diagnosisCodes).toEqual(codes.slice(0, 12));
  });
});

describe("place of service", () => {
  it.each([
    ["in person, none recorded: the practice's", { modality: "IN_PERSON" as const, placeOfService: null }, "11"],
    ["in person, recorded: the session's", { modality: "IN_PERSON" as const, placeOfService: "53" }, "53"],
    ["video: the payer's telehealth POS", { modality: "TELEHEALTH_VIDEO" as const, placeOfService: "53" }, "10"],
    ["audio: the payer's telehealth POS", { modality: "TELEHEALTH_AUDIO" as const, placeOfService: null }, "10"],
  ])("%s", (_name, sessionOverrides, expected) => {
    const decision = decisionFor({
      session: sessionOverrides,
      rules: { telehealthPlaceOfService: "10", telehealthAudioAllowed: true },
    });
    expect(decision.placeOfService).toBe(expected);
  });

  it.each([
    ["video without rules and no POS: 02", null, "02"],
    ["video without rules: the session's", "10", "10"],
  ])("%s", (_name, placeOfService, expected) => {
    const decision = decisionFor({
      session: { modality: "TELEHEALTH_VIDEO", placeOfService },
      member: { coverages: [] },
    });
    expect(decision.placeOfService).toBe(expected);
  });
});

describe("modifiers", () => {
  const rule = (modifier: string, when: ModifierRule["when"]): ModifierRule => ({ modifier, when });

  it.each([
    ["video", "TELEHEALTH_VIDEO" as const, ["HQ", "95"]],
    ["in person", "IN_PERSON" as const, ["HQ", "XX"]],
    ["audio", "TELEHEALTH_AUDIO" as const, ["HQ"]],
  ])("on a %s session, in rule order", (_name, modality, expected) => {
    const decision = decisionFor({
      session: { modality },
      rules: {
        telehealthAudioAllowed: true,
        modifierRules: [rule("HQ", "ALWAYS"), rule("95", "TELEHEALTH_VIDEO"), rule("XX", "IN_PERSON")],
      },
    });
    expect(decision.modifiers).toEqual(expected);
  });

  it("lists a modifier once even when several rules apply it", () => {
    const decision = decisionFor({
      session: { modality: "TELEHEALTH_VIDEO" },
      rules: { modifierRules: [rule("95", "TELEHEALTH_VIDEO"), rule("HQ", "ALWAYS"), rule("95", "ALWAYS")] },
    });
    expect(decision.modifiers).toEqual(["95", "HQ"]);
  });

  it("lists all 5 when more than 4 apply, and blocks the line", () => {
    const modifierRules = [
      rule("HQ", "ALWAYS"),
      rule("AJ", "ALWAYS"),
      rule("95", "TELEHEALTH_VIDEO"),
      rule("U1", "ALWAYS"),
      rule("U2", "ALWAYS"),
      rule("XX", "IN_PERSON"),
    ];
    const decision = decisionFor({ session: { modality: "TELEHEALTH_VIDEO" }, rules: { modifierRules } });
    expect(decision.modifiers).toEqual(["HQ", "AJ", "95", "U1", "U2"]);
    expect(codesOf(decision)).toEqual(["TOO_MANY_MODIFIERS"]);
    expect(decision.status).toBe("BLOCKED");
  });
});

describe("suggested codes", () => {
  it.each([
    ["a group", {}, []],
    ["one member, 30 minutes", { presentClientIds: [CLIENT], durationMinutes: 30 }, ["90832"]],
    ["one member, 45 minutes", { presentClientIds: [CLIENT], durationMinutes: 45 }, ["90834"]],
    ["one member, 60 minutes", { presentClientIds: [CLIENT], durationMinutes: 60 }, ["90837"]],
    ["one member, 10 minutes", { presentClientIds: [CLIENT], durationMinutes: 10 }, []],
    // A line's member was present, so a family group suggests 90847 (with the patient) only, never 90846 (issue 11 item 10).
    ["a family group", { groupKind: "FAMILY" as const }, ["90847"]],
    ["a family group with one member present", { groupKind: "FAMILY" as const, presentClientIds: [CLIENT] }, ["90847"]],
  ])("for %s: %j", (_name, sessionOverrides, expected) => {
    expect(decisionFor({ session: sessionOverrides }).suggestedCptCodes).toEqual(expected);
  });

  it("one member present is both too small a group and an individual session", () => {
    const decision = decisionFor({ session: { presentClientIds: [CLIENT] } });
    expect(codesOf(decision)).toEqual(["GROUP_TOO_SMALL", "USE_INDIVIDUAL_CODE"]);
  });
});

describe("combined issues", () => {
  it("lists several issues on one line in the order of the design's table", () => {
    const decision = decisionFor({
      session: {
        modality: "TELEHEALTH_AUDIO",
        durationMinutes: 30,
        topics: "",
        leader: { licensed: false, licenseExpiresOn: null },
      },
      rules: { minGroupSize: 4 },
      member: { diagnosisCodes: [] },
      note: { participation: null, response: "", signedAt: null },
    });
    expect(decision.issues.map((i) => [i.code, i.element])).toEqual([
      ["MISSING_DIAGNOSIS", null],
      ["GROUP_TOO_SMALL", null],
      ["LEADER_NOT_LICENSED", null],
      ["SESSION_TOO_SHORT", null],
      ["MISSING_GROUP_DOCUMENTATION", null],
      ["NOTE_INCOMPLETE", "PARTICIPATION"],
      ["NOTE_INCOMPLETE", "RESPONSE"],
      ["NOTE_UNSIGNED", null],
      ["TELEHEALTH_NOT_COVERED", null],
    ]);
    expect(decision.status).toBe("BLOCKED");
  });

  it("lists incomplete elements in canonical order whatever the payer's order", () => {
    const decision = decisionFor({
      rules: { requiredNoteElements: ["RISK", "PLAN", "PARTICIPATION", "RISK"] },
      note: { risk: null, plan: " ", participation: null },
    });
    expect(decision.issues.map((i) => i.element)).toEqual(["PARTICIPATION", "PLAN", "RISK"]);
  });

  it("a member without a note gets MISSING_MEMBER_NOTE and no other note issue", () => {
    const decision = decisionFor({ note: null, rules: { requiredNoteElements: ["PARTICIPATION", "RISK"] } });
    expect(codesOf(decision)).toEqual(["MISSING_MEMBER_NOTE"]);
  });

  it("only the member without a note is blocked", () => {
    const s = session({ notes: [] });
    s.notes = s.presentClientIds.filter((id) => id !== CLIENT).map((id) => ({ ...session().notes[0], clientId: id }));
    const decisions = evaluateSessions(engineInput({ sessions: [s] }));
    expect(decisions.map((d) => [d.clientId, d.status])).toEqual([
      [CLIENT, "BLOCKED"],
      ["client-2", "READY"],
      ["client-3", "READY"],
    ]);
  });

  it("a WARNING keeps the line READY", () => {
    const decision = decisionFor({ session: { durationMinutes: 120 } });
    expect(decision.issues.map((i) => [i.code, i.severity])).toEqual([["SESSION_TOO_LONG", "WARNING"]]);
    expect(decision.status).toBe("READY");
  });
});

describe("without coverage", () => {
  it("blocks with NO_ACTIVE_COVERAGE, skips the checks that need rules and runs the rest", () => {
    const decision = decisionFor({
      member: { coverages: [coverage({ effectiveTo: "2026-02-28" })], diagnosisCodes: [] },
      // Each of these would be raised under the default rules.
      rules: { minGroupSize: 5, modifierRules: [{ modifier: "HQ", when: "ALWAYS" }] },
      session: { durationMinutes: 20, topics: null },
      note: { signedAt: null, response: null },
    });
    expect(decision).toMatchObject({
      payerId: null,
      memberId: null,
      ruleVersionId: null,
      chargeCents: 0,
      modifiers: [],
      status: "BLOCKED",
    });
    expect(codesOf(decision)).toEqual(["NO_ACTIVE_COVERAGE", "MISSING_DIAGNOSIS", "MISSING_GROUP_DOCUMENTATION"]);
  });

  it("a member absent from the members map is blocked, not guessed at", () => {
    const input = engineInput();
    input.members.delete(CLIENT);
    const decision = evaluateSessions(input).find((d) => d.clientId === CLIENT)!;
    expect(codesOf(decision)).toEqual(["NO_ACTIVE_COVERAGE", "MISSING_DIAGNOSIS", "MISSING_REGISTRATION"]);
  });

  it("coverage with a payer that has no rules keeps the payer and member ids", () => {
    const decision = decisionFor({ payers: [{ id: PAYER_ID, ruleVersions: [] }] });
    expect(decision).toMatchObject({ payerId: PAYER_ID, memberId: "MBR-001", ruleVersionId: null, chargeCents: 0 });
    expect(codesOf(decision)).toEqual(["NO_ACTIVE_COVERAGE"]);
  });
});

describe("rule version by local date", () => {
  const versions = [
    ruleVersion({ id: "v-mar-01", effectiveFrom: "2026-03-01", feeCents: 100 }),
    ruleVersion({ id: "v-mar-02", effectiveFrom: "2026-03-02", feeCents: 200 }),
  ];
  // 2026-03-02T03:30Z is 19:30 on March 1 in Los Angeles.
  const evening = session({ startsAt: new Date("2026-03-02T03:30:00Z") });

  it.each([
    ["America/Los_Angeles", "2026-03-01", "v-mar-01", 100],
    ["UTC", "2026-03-02", "v-mar-02", 200],
  ])("in %s the session is on %s and uses %s", (timezone, serviceDate, ruleVersionId, chargeCents) => {
    const [decision] = evaluateSessions(engineInput({ sessions: [evening], ruleVersions: versions, timezone }));
    expect(decision).toMatchObject({ serviceDate, ruleVersionId, chargeCents });
  });

  it("before the payer's first (dated) version there are no rules: blocked, not priced under later rules", () => {
    const later = [
      ruleVersion({ id: "v-may", effectiveFrom: "2026-05-01", feeCents: 300 }),
      ruleVersion({ id: "v-apr", effectiveFrom: "2026-04-01", feeCents: 250, minGroupSize: 4 }),
    ];
    const [decision] = evaluateSessions(engineInput({ ruleVersions: later }));
    expect(decision).toMatchObject({ ruleVersionId: null, chargeCents: 0, status: "BLOCKED" });
    expect(codesOf(decision)).toEqual(["NO_ACTIVE_COVERAGE"]);
    expect(decision.issues[0].message).toContain("no billing rules");
  });

  it("a since-always first version governs every date before a back-dated change, the change every date after", () => {
    const versions = [
      ruleVersion({ id: "first", effectiveFrom: SINCE_ALWAYS, maxGroupSize: 12, createdAt: new Date("2026-11-30T12:00:00Z") }),
      ruleVersion({ id: "backdated", effectiveFrom: "2026-11-01", maxGroupSize: 8, createdAt: new Date("2026-11-30T13:00:00Z") }),
    ];
    const on = (date: string) => evaluateSessions(engineInput({ sessions: [session({ startsAt: new Date(`${date}T15:00:00Z`) })], ruleVersions: versions }))[0].ruleVersionId;
    expect(on("2025-01-06")).toBe("first");
    expect(on("2026-10-31")).toBe("first");
    expect(on("2026-11-01")).toBe("backdated");
    expect(on("2026-11-30")).toBe("backdated");
    expect(on("2027-06-01")).toBe("backdated");
    for (const date of ["2025-01-06", "2026-10-31", "2026-11-01", "2027-06-01"]) {
      expect(on(date)).toBe(ruleVersionOn(versions, date)?.id);
    }
  });

  it("coverage and license are judged on the local date too", () => {
    const decision = decisionFor({
      timezone: "America/Los_Angeles",
      session: { startsAt: new Date("2026-03-02T03:30:00Z"), leader: { id: LEADER, licensed: true, licenseExpiresOn: "2026-03-01" } },
      member: { coverages: [coverage({ effectiveTo: "2026-03-01" })] },
    });
    expect(decision.serviceDate).toBe("2026-03-01");
    expect(decision.issues).toEqual([]);
  });
});

describe("daily unit limit", () => {
  const morning = session({ id: "morning", startsAt: new Date("2026-03-02T14:00:00Z") });
  const afternoon = session({ id: "afternoon", startsAt: new Date("2026-03-02T19:00:00Z") });

  function unitIssues(decisions: ClaimDecisionDraft[]): [string, string, boolean][] {
    return decisions.map((d) => [d.sessionId, d.clientId, codesOf(d).includes("DAILY_UNIT_LIMIT")]);
  }

  it("flags the later of two sessions the same day, not the earlier", () => {
    // Given latest first: start order, not input order, decides which one is flagged.
    const decisions = evaluateSessions(engineInput({ sessions: [afternoon, morning] }));
    const flagged = decisions.filter((d) => codesOf(d).includes("DAILY_UNIT_LIMIT"));
    expect(flagged.map((d) => d.sessionId)).toEqual(["afternoon", "afternoon", "afternoon"]);
    expect(decisions.filter((d) => d.sessionId === "morning").every((d) => d.status === "READY")).toBe(true);
    const issue = flagged[0].issues.find((i) => i.code === "DAILY_UNIT_LIMIT")!;
    expect(issue.message).toContain("1 unit of group therapy with this payer on 2026-03-02 is already used (1 by an earlier billable session)");
    expect(issue.message).toContain("at most 1 unit");
  });

  it("allows both when the payer allows 2 units a day", () => {
    const decisions = evaluateSessions(
      engineInput({ sessions: [morning, afternoon], ruleVersions: [ruleVersion({ maxUnitsPerDay: 2 })] }),
    );
    expect(decisions).toHaveLength(6);
    expect(decisions.every((d) => d.status === "READY")).toBe(true);
  });

  it("flags the third of three when the payer allows 2", () => {
    const evening = session({ id: "evening", startsAt: new Date("2026-03-02T23:00:00Z") });
    const decisions = evaluateSessions(
      engineInput({
        sessions: [evening, morning, afternoon],
        ruleVersions: [ruleVersion({ maxUnitsPerDay: 2 })],
      }),
    );
    expect(unitIssues(decisions).filter(([, clientId]) => clientId === CLIENT)).toEqual([
      ["morning", CLIENT, false],
      ["afternoon", CLIENT, false],
      ["evening", CLIENT, true],
    ]);
  });

  it("counts only sessions where the member was present", () => {
    const withoutClient = session({ id: "morning", startsAt: morning.startsAt, presentClientIds: ["client-2", "client-3"] });
    const decisions = evaluateSessions(engineInput({ sessions: [withoutClient, afternoon] }));
    expect(unitIssues(decisions)).toEqual([
      ["morning", "client-2", false],
      ["morning", "client-3", false],
      ["afternoon", CLIENT, false],
      ["afternoon", "client-2", true],
      ["afternoon", "client-3", true],
    ]);
  });

  it("does not count sessions on different local days together, even on the same UTC day", () => {
    // In Los Angeles: 19:30 on March 1, then 08:00 on March 2 — both on March 2 in UTC.
    const late = session({ id: "late", startsAt: new Date("2026-03-02T03:30:00Z") });
    const early = session({ id: "early", startsAt: new Date("2026-03-02T16:00:00Z") });
    const decisions = evaluateSessions(engineInput({ sessions: [late, early], timezone: "America/Los_Angeles" }));
    expect(decisions.map((d) => d.serviceDate)).toEqual(["2026-03-01", "2026-03-01", "2026-03-01", "2026-03-02", "2026-03-02", "2026-03-02"]);
    expect(decisions.every((d) => !codesOf(d).includes("DAILY_UNIT_LIMIT"))).toBe(true);
  });

  it("counts sessions on the same local day even across UTC days", () => {
    // In Los Angeles both are on March 1; in UTC they fall on March 1 and March 2.
    const afternoonLA = session({ id: "a", startsAt: new Date("2026-03-01T22:00:00Z") });
    const eveningLA = session({ id: "b", startsAt: new Date("2026-03-02T03:30:00Z") });
    const decisions = evaluateSessions(engineInput({ sessions: [afternoonLA, eveningLA], timezone: "America/Los_Angeles" }));
    expect(unitIssues(decisions).filter(([, c]) => c === CLIENT)).toEqual([
      ["a", CLIENT, false],
      ["b", CLIENT, true],
    ]);
  });

  it("breaks a tie in start time by session id", () => {
    const x = session({ id: "x", startsAt: morning.startsAt });
    const w = session({ id: "w", startsAt: morning.startsAt });
    const decisions = evaluateSessions(engineInput({ sessions: [x, w] }));
    expect(unitIssues(decisions).filter(([, c]) => c === CLIENT)).toEqual([
      ["w", CLIENT, false],
      ["x", CLIENT, true],
    ]);
  });

  it("bills each local day to that day's payer when coverage changes at midnight", () => {
    // One local day always has one primary coverage, so the per-payer count can only split across days.
    const members = [
      member(CLIENT, {
        coverages: [
          coverage({ payerId: PAYER_ID, effectiveTo: "2026-03-01" }),
          coverage({ payerId: "payer-2", effectiveFrom: "2026-03-02" }),
        ],
      }),
    ];
    const late = session({ id: "late", startsAt: new Date("2026-03-02T04:00:00Z") }); // 23:00 on March 1
    const decisions = evaluateSessions(
      engineInput({
        sessions: [late, morning],
        members,
        payers: [
          { id: PAYER_ID, ruleVersions: [ruleVersion()] },
          { id: "payer-2", ruleVersions: [ruleVersion({ id: "rules-2" })] },
        ],
      }),
    );
    const client = decisions.filter((d) => d.clientId === CLIENT);
    expect(client.map((d) => [d.sessionId, d.payerId, d.status])).toEqual([
      ["late", PAYER_ID, "READY"],
      ["morning", "payer-2", "READY"],
    ]);
  });
});

describe("daily units: billed lines first, then billable lines in start order", () => {
  const morning = session({ id: "morning", startsAt: new Date("2026-03-02T14:00:00Z") }); // 09:00 New York
  const afternoon = session({ id: "afternoon", startsAt: new Date("2026-03-02T19:00:00Z") }); // 14:00
  const billedAfternoon = (clientId = CLIENT) => ({ sessionId: "afternoon", clientId, serviceDate: "2026-03-02", payerId: PAYER_ID });

  function clientLine(decisions: ClaimDecisionDraft[], sessionId: string) {
    return decisions.find((d) => d.sessionId === sessionId && d.clientId === CLIENT)!;
  }

  it("a morning session charted after the afternoon one was billed is over the limit", () => {
    const decisions = evaluateSessions(engineInput({ sessions: [morning, afternoon], billed: [billedAfternoon()] }));
    const late = clientLine(decisions, "morning");
    expect(late.status).toBe("BLOCKED");
    expect(late.issues.find((i) => i.code === "DAILY_UNIT_LIMIT")?.message).toContain("(1 already billed)");
    // The billed line itself is frozen: never flagged for the unit it holds.
    expect(codesOf(clientLine(decisions, "afternoon"))).not.toContain("DAILY_UNIT_LIMIT");
    // Members not billed in the afternoon keep their morning unit, so their afternoon line is the one over.
    const other = decisions.filter((d) => d.clientId === "client-2").map((d) => [d.sessionId, codesOf(d).includes("DAILY_UNIT_LIMIT")]);
    expect(other).toEqual([
      ["morning", false],
      ["afternoon", true],
    ]);
  });

  it("a billed line counts against the payer it was billed to", () => {
    const billedElsewhere = { ...billedAfternoon(), payerId: "payer-other" };
    const decisions = evaluateSessions(engineInput({ sessions: [morning, afternoon], billed: [billedElsewhere] }));
    expect(codesOf(clientLine(decisions, "morning"))).not.toContain("DAILY_UNIT_LIMIT");
  });

  it("a billed line on another day uses none of this day's units", () => {
    const otherDay = { ...billedAfternoon(), serviceDate: "2026-03-03" };
    const decisions = evaluateSessions(engineInput({ sessions: [morning], billed: [otherDay] }));
    expect(clientLine(decisions, "morning").status).toBe("READY");
  });

  it.each([
    ["a psychoeducation class", { groupKind: "PSYCHOEDUCATION" as const, hasPsychotherapyComponent: false }, "NOT_PSYCHOTHERAPY"],
    ["a one-client session", { presentClientIds: [CLIENT] }, "USE_INDIVIDUAL_CODE"],
    ["a session too short for the payer", { durationMinutes: 30 }, "SESSION_TOO_SHORT"],
  ])("%s in the morning does not use the afternoon group's unit", (_name, change, code) => {
    const blockedMorning = session({ id: "morning", startsAt: morning.startsAt, ...change });
    const decisions = evaluateSessions(engineInput({ sessions: [blockedMorning, afternoon] }));
    expect(codesOf(clientLine(decisions, "morning"))).toContain(code);
    expect(codesOf(clientLine(decisions, "morning"))).not.toContain("DAILY_UNIT_LIMIT");
    expect(clientLine(decisions, "afternoon").status).toBe("READY");
  });

  it("a morning line still missing its note does not use the unit; once the note is written, it does", () => {
    const noNote = session({ id: "morning", startsAt: morning.startsAt, notes: morning.notes.filter((n) => n.clientId !== CLIENT) });
    const before = evaluateSessions(engineInput({ sessions: [noNote, afternoon] }));
    expect(codesOf(clientLine(before, "morning"))).toEqual(["MISSING_MEMBER_NOTE"]);
    expect(clientLine(before, "afternoon").status).toBe("READY");
    const after = evaluateSessions(engineInput({ sessions: [morning, afternoon] }));
    expect(clientLine(after, "morning").status).toBe("READY");
    expect(codesOf(clientLine(after, "afternoon"))).toEqual(["DAILY_UNIT_LIMIT"]);
  });

  it("a line with another ERROR is also flagged when the units are already used up", () => {
    const noNoteAfternoon = session({ id: "afternoon", startsAt: afternoon.startsAt, notes: afternoon.notes.filter((n) => n.clientId !== CLIENT) });
    const decisions = evaluateSessions(engineInput({ sessions: [morning, noNoteAfternoon] }));
    expect(codesOf(clientLine(decisions, "afternoon"))).toEqual(["MISSING_MEMBER_NOTE", "DAILY_UNIT_LIMIT"]);
  });

  it("a WARNING does not keep a line from using its unit", () => {
    const long = session({ id: "morning", startsAt: morning.startsAt, durationMinutes: 120 });
    const decisions = evaluateSessions(engineInput({ sessions: [long, afternoon] }));
    expect(codesOf(clientLine(decisions, "morning"))).toEqual(["SESSION_TOO_LONG"]);
    expect(codesOf(clientLine(decisions, "afternoon"))).toEqual(["DAILY_UNIT_LIMIT"]);
  });

  it("with 2 units a day, one billed and one earlier billable line use both", () => {
    const evening = session({ id: "evening", startsAt: new Date("2026-03-02T23:00:00Z") });
    const decisions = evaluateSessions(
      engineInput({ sessions: [morning, afternoon, evening], ruleVersions: [ruleVersion({ maxUnitsPerDay: 2 })], billed: [{ ...billedAfternoon(), sessionId: "evening" }] }),
    );
    expect(clientLine(decisions, "morning").status).toBe("READY");
    const over = clientLine(decisions, "afternoon").issues.find((i) => i.code === "DAILY_UNIT_LIMIT");
    expect(over?.message).toContain("(1 already billed, 1 by an earlier billable session)");
    expect(over?.message).toContain("2 units");
  });
});

describe("who renders a group", () => {
  const unlicensed = { id: LEADER, licensed: false, licenseExpiresOn: null };
  const licensedSupervisor = { id: SUPERVISOR, licensed: true, licenseExpiresOn: "2026-03-02" };

  it("the licensed leader renders, even with a supervisor recorded", () => {
    const decision = decisionFor({ session: { supervisor: licensedSupervisor } });
    expect(decision).toMatchObject({ status: "READY", renderingClinicianId: LEADER, supervisedClinicianId: null });
  });

  it("for a payer accepting supervised leaders, the licensed supervisor renders and the leader is supervised", () => {
    const decision = decisionFor({ session: { leader: unlicensed, supervisor: licensedSupervisor }, rules: { requireLicensedLeader: false } });
    expect(decision).toMatchObject({ status: "READY", renderingClinicianId: SUPERVISOR, supervisedClinicianId: LEADER });
  });

  it("a payer requiring a licensed leader is not satisfied by a supervisor; the leader stays on the line", () => {
    const decision = decisionFor({ session: { leader: unlicensed, supervisor: licensedSupervisor }, rules: { requireLicensedLeader: true } });
    expect(decision).toMatchObject({ status: "BLOCKED", renderingClinicianId: LEADER, supervisedClinicianId: null });
    expect(codesOf(decision)).toEqual(["LEADER_NOT_LICENSED"]);
  });

  it("a peer-led group without a supervisor is never billed, whatever the payer", () => {
    const decision = decisionFor({ session: { leader: unlicensed, supervisor: null }, rules: { requireLicensedLeader: false } });
    expect(codesOf(decision)).toEqual(["LEADER_NOT_LICENSED"]);
    expect(decision.renderingClinicianId).toBe(LEADER);
  });
});

describe("evaluateSessions output", () => {
  it("is ordered by session start, then client id, one line per present member", () => {
    const second = session({ id: "a-second", startsAt: new Date("2026-03-03T15:00:00Z"), presentClientIds: ["c-b", "c-a", "c-b"] });
    const first = session({ id: "z-first", startsAt: new Date("2026-03-02T15:00:00Z"), presentClientIds: ["c-c", "c-a"] });
    const decisions = evaluateSessions(engineInput({ sessions: [second, first] }));
    expect(decisions.map((d) => [d.sessionId, d.clientId])).toEqual([
      ["z-first", "c-a"],
      ["z-first", "c-c"],
      ["a-second", "c-a"],
      ["a-second", "c-b"],
    ]);
  });

  it("has no lines for a session nobody attended", () => {
    expect(evaluateSessions(engineInput({ sessions: [session({ presentClientIds: [] })] }))).toEqual([]);
  });

  it("does not mutate its input", () => {
    const input = engineInput({ sessions: [session({ id: "b" }), session({ id: "a" })] });
    const before = JSON.stringify({ ...input, members: [...input.members], payers: [...input.payers] });
    evaluateSessions(input);
    expect(JSON.stringify({ ...input, members: [...input.members], payers: [...input.payers] })).toBe(before);
  });
});
