/**
 * The payer rules of issue 11, table-driven with their boundaries. Each table row changes one thing from the
 * default billable session (factories.ts) and states whether CLIENT's line gets the issue.
 */
import { CHECKS, DIDACTIC_WORDS, THERAPEUTIC_INTERVENTIONS, attendanceTooShort, classLikeWords, memberNameOf, namesIn, type AttendanceFacts } from "../../../../server/src/domain/engine/index.js";
import { CLIENT, PRESENT, codesOf, decisionFor, engineInput, member, note, ruleVersion as ruleVersionFor, session, type Scenario } from "./factories.js";
import { evaluateSessions } from "../../../../server/src/domain/engine/index.js";

function attended(minutes: number | null): Scenario["session"] {
  return { attendance: new Map<string, AttendanceFacts>([[CLIENT, { minutesAttended: minutes }]]) };
}

describe("ATTENDANCE_TOO_SHORT: minutes attended per member", () => {
  test.each<[string, Scenario, boolean, string[]]>([
    ["45 of 60 attended, minimum 45 minutes (boundary)", { session: attended(45), rules: { minAttendedMinutes: 45 } }, false, []],
    ["44 of 60 attended, minimum 45 minutes", { session: attended(44), rules: { minAttendedMinutes: 45 } }, true, ["attended 44 minutes", "at least 45 minutes"]],
    ["0 minutes attended, minimum 1 minute", { session: attended(0), rules: { minAttendedMinutes: 1 } }, true, ["attended 0 minutes", "at least 1 minute."]],
    ["45 of 60 attended, 75% (45 minutes, boundary)", { session: attended(45), rules: { minAttendedPercent: 75 } }, false, []],
    ["44 of 60 attended, 75%", { session: attended(44), rules: { minAttendedPercent: 75 } }, true, ["at least 45 minutes (75% of the 60-minute session)"]],
    // 75% of 50 minutes is 37.5: 37 whole minutes fall short, 38 are enough.
    ["37 of 50 attended, 75% rounds up", { session: { ...attended(37), durationMinutes: 50 }, rules: { minAttendedPercent: 75 } }, true, ["at least 38 minutes"]],
    ["38 of 50 attended, 75%", { session: { ...attended(38), durationMinutes: 50 }, rules: { minAttendedPercent: 75 } }, false, []],
    ["both set, the larger (minutes) governs", { session: attended(49), rules: { minAttendedMinutes: 50, minAttendedPercent: 50 } }, true, ["at least 50 minutes."]],
    ["both set, the larger (share) governs", { session: attended(53), rules: { minAttendedMinutes: 30, minAttendedPercent: 90 } }, true, ["at least 54 minutes (90% of the 60-minute session)"]],
    ["minutes not recorded: the whole session", { rules: { minAttendedMinutes: 45, minAttendedPercent: 100 } }, false, []],
    ["recorded as null: the whole session", { session: attended(null), rules: { minAttendedMinutes: 45 } }, false, []],
    ["payer sets no minimum (null)", { session: attended(1), rules: { minAttendedMinutes: null, minAttendedPercent: null } }, false, []],
    ["rules saved before the minimums existed (absent)", { session: attended(1) }, false, []],
  ])("%s", (_name, scenario, flagged, mentions) => {
    const decision = decisionFor(scenario);
    const issues = decision.issues.filter((i) => i.code === "ATTENDANCE_TOO_SHORT");
    expect(issues).toHaveLength(flagged ? 1 : 0);
    if (!flagged) return;
    expect(issues[0].severity).toBe("ERROR");
    expect(decision.status).toBe("BLOCKED");
    for (const words of mentions) expect(issues[0].message).toContain(words);
    expect(issues[0].message).toMatch(/correct the minutes/);
  });

  test("only the member who left early is blocked", () => {
    const decision = decisionFor({ session: attended(10), rules: { minAttendedMinutes: 45 } });
    expect(codesOf(decision)).toEqual(["ATTENDANCE_TOO_SHORT"]);
    const other = decisionFor({ session: { attendance: new Map([["client-2", { minutesAttended: 10 }]]) }, rules: { minAttendedMinutes: 45 } });
    expect(codesOf(other)).toEqual([]);
  });

  test("comes right after the session-length checks", () => {
    const order = CHECKS.map((c) => c.run.name);
    expect(order.indexOf("attendanceTooShort")).toBe(order.indexOf("sessionTooLong") + 1);
    expect(attendanceTooShort.length).toBe(1);
  });
});

describe("DOCUMENTATION_READS_AS_CLASS: word lists on examples", () => {
  test.each<[string, string, string[] | null]>([
    ["a lecture with a handout", "Lecture on sleep hygiene; handout given.", ["lecture", "handout"]],
    ["each word once, in order of first use", "Video, then a class discussion of the video.", ["video", "class"]],
    ["case and punctuation do not matter", "PRESENTATION: (Slides) on coping.", ["presentation", "slides"]],
    ["listed inflections match", "Clinician lectured and presented.", ["lectured", "presented"]],
    ["whole words only: classic, classify, videography, prelecture", "Classic anger cycle; classify triggers; videography; prelecture.", null],
    ["an intervention named: treatment, not a class", "Video on anger, then cognitive restructuring of members' examples.", null],
    ["an abbreviation counts", "Handout reviewed; CBT thought records.", null],
    ["a phrase with punctuation between its words", "Presentation followed by role-play.", null],
    ["'role play' written with a space or joined", "Class exercise: role play and roleplay.", null],
    ["no didactic word at all", "Members shared stressors.", null],
    ["empty text", "", null],
  ])("%s", (_name, text, words) => {
    expect(classLikeWords([text])).toEqual(words);
  });

  test("an intervention in one text clears the didactic words of another", () => {
    expect(classLikeWords(["Lecture on relapse.", "Motivational interviewing."])).toBeNull();
    expect(classLikeWords(["Lecture on relapse.", null, "Members watched a film."])).toEqual(["lecture", "film"]);
  });

  test.each(DIDACTIC_WORDS.map((w) => [w]))("every didactic word triggers alone: %s", (word) => {
    expect(classLikeWords([`Today: ${word}.`])).toEqual([word]);
  });

  test.each(THERAPEUTIC_INTERVENTIONS.map((t) => [t]))("every intervention clears a lecture: %s", (term) => {
    expect(classLikeWords([`Lecture, then ${term.toUpperCase()}.`])).toBeNull();
  });
});

describe("DOCUMENTATION_READS_AS_CLASS on a line", () => {
  const on = { warnClassLikeDocumentation: true };
  test.each<[string, Scenario, string[]]>([
    ["group documentation reads as a class", { rules: on, session: { topics: "Lecture on the stress response", interventions: "Video and handout" } }, ['"lecture", "video" and "handout"']],
    ["the member's note reads as a class", { rules: on, note: { participation: "Watched the video quietly.", response: "Took the handout.", interventions: null } }, ['note reads as a class: it uses "video" and "handout"', "add an addendum"]],
    ["an unsigned note says to fix it before signing", { rules: on, note: { participation: "Attended the class.", interventions: null, signedAt: null } }, ['"class"', "before signing"]],
  ])("%s", (_name, scenario, mentions) => {
    const decision = decisionFor(scenario);
    const issues = decision.issues.filter((i) => i.code === "DOCUMENTATION_READS_AS_CLASS");
    expect(issues).toHaveLength(1);
    expect(issues[0].severity).toBe("WARNING");
    for (const words of mentions) expect(issues[0].message).toContain(words);
  });

  test("both at once give two warnings; the line stays READY", () => {
    const decision = decisionFor({ rules: on, session: { topics: "Lecture", interventions: "Slides" }, note: { participation: "Quiz score 8/10", interventions: null } });
    expect(decision.issues.map((i) => [i.code, i.severity])).toEqual([
      ["DOCUMENTATION_READS_AS_CLASS", "WARNING"],
      ["DOCUMENTATION_READS_AS_CLASS", "WARNING"],
    ]);
    expect(decision.status).toBe("READY");
  });

  test.each<[string, Scenario]>([
    ["the payer does not ask for it (absent)", { session: { topics: "Lecture", interventions: "Video" } }],
    ["the payer turned it off", { rules: { warnClassLikeDocumentation: false }, session: { topics: "Lecture", interventions: "Video" } }],
    ["didactic words with an intervention named", { rules: on, session: { topics: "Lecture on triggers", interventions: "Skills coaching, group feedback" } }],
    ["a signed addendum naming an intervention", { rules: on, note: { participation: "Watched the video.", interventions: null, addenda: [{ element: "INTERVENTIONS", text: "Chain analysis of the urge." }] } }],
  ])("no warning when %s", (_name, scenario) => {
    expect(codesOf(decisionFor(scenario))).not.toContain("DOCUMENTATION_READS_AS_CLASS");
  });
});

describe("OTHER_MEMBER_NAMED: finding a name", () => {
  const ana = memberNameOf("c2", "Ana", "Diaz")!;
  test.each<[string, string, boolean]>([
    ["first and last name", "Ana Diaz shared her week.", true],
    ["any case", "ANA DIAZ shared; ana diaz agreed.", true],
    ["last name first, with punctuation", "Peer (Diaz, Ana) gave feedback.", true],
    ["both names apart in one text", "Ana spoke first. Later Diaz agreed.", true],
    ["first name only", "Ana gave feedback.", false],
    ["last name only", "Ms. Diaz gave feedback.", false],
    ["inside other words", "Banana and Diazepam were discussed.", false],
    ["a longer word starting with the name", "Anatomy of Diazs", false],
  ])("%s", (_name, text, found) => {
    expect(namesIn(ana, text)).toBe(found);
  });

  test.each<[string, string, string, string, boolean]>([
    ["apostrophe written or left out", "Sean", "O'Brien", "sean obrien joined", true],
    ["apostrophe kept", "Sean", "O'Brien", "Sean O’Brien joined", true],
    ["hyphenated last name with a space", "Rosa", "Diaz-Lopez", "rosa diaz lopez", true],
    ["part of a hyphenated last name is not the name", "Rosa", "Diaz-Lopez", "Rosa Diaz came", false],
    ["regex characters in a name are plain letters", "A.J.", "Smith", "AJ Smith spoke", true],
  ])("%s", (_name, first, last, text, found) => {
    expect(namesIn(memberNameOf("c", first, last)!, text)).toBe(found);
  });

  test("no name, no pattern", () => {
    expect(memberNameOf("c", undefined, "Diaz")).toBeNull();
    expect(memberNameOf("c", "--", "Diaz")).toBeNull();
  });
});

describe("OTHER_MEMBER_NAMED on a line", () => {
  const [, second, third] = PRESENT;
  const named = (overrides: Parameters<typeof note>[1]) => {
    const s = session({ notes: PRESENT.map((id) => (id === CLIENT ? note(id, overrides) : note(id))) });
    const members = [member(CLIENT, { firstName: "Ava", lastName: "Martinez" }), member(second, { firstName: "Ben", lastName: "Okafor" }), member(third, { firstName: "Chloe", lastName: "Nguyen" })];
    return evaluateSessions(engineInput({ sessions: [s], members })).find((d) => d.clientId === CLIENT)!;
  };

  test("names who and where, as a warning; the line stays READY", () => {
    const decision = named({ participation: "Gave Ben Okafor feedback.", plan: "Pair with okafor, ben.", addenda: [{ element: null, text: "Chloe Nguyen asked for a ride." }] });
    expect(decision.status).toBe("READY");
    expect(decision.issues.map((i) => [i.code, i.severity])).toEqual([["OTHER_MEMBER_NAMED", "WARNING"]]);
    expect(decision.issues[0].message).toContain("Ben Okafor (in participation, plan); Chloe Nguyen (in an addendum)");
    expect(decision.issues[0].message).toContain("add an addendum recording that the name was entered in error");
  });

  test("an unsigned note is to be corrected before signing", () => {
    const decision = named({ response: "Agreed with Chloe Nguyen.", signedAt: null });
    expect(decision.issues.find((i) => i.code === "OTHER_MEMBER_NAMED")?.message).toMatch(/before signing/);
  });

  test.each<[string, Parameters<typeof note>[1]]>([
    ["the member's own name", { participation: "Ava Martinez shared her week." }],
    ["another member's first name only", { participation: "Ben gave feedback." }],
    ["a member who was not present", { participation: "Asked about Dana Smith." }],
  ])("no warning for %s", (_name, overrides) => {
    expect(codesOf(named(overrides))).not.toContain("OTHER_MEMBER_NAMED");
  });

  test("nothing is checked when members' names are not passed", () => {
    const s = session({ notes: PRESENT.map((id) => (id === CLIENT ? note(id, { participation: "Ben Okafor" }) : note(id))) });
    expect(codesOf(evaluateSessions(engineInput({ sessions: [s] })).find((d) => d.clientId === CLIENT)!)).toEqual([]);
  });
});

describe("NOTE_SIGNED_LATE: days from the session to the signature", () => {
  // The default session is on 2026-03-02 (New York).
  const signed = (iso: string) => ({ signedAt: new Date(iso) });
  test.each<[string, Scenario, "WARNING" | "ERROR" | null, string[]]>([
    ["signed the same day, within 0 days", { rules: { signWithinDays: 0 }, note: signed("2026-03-02T23:00:00Z") }, null, []],
    ["signed the next day, within 0 days", { rules: { signWithinDays: 0 }, note: signed("2026-03-03T15:00:00Z") }, "WARNING", ["signed on 2026-03-03, 1 day after", "within 0 days"]],
    ["3 days after, within 3 (boundary)", { rules: { signWithinDays: 3 }, note: signed("2026-03-05T20:00:00Z") }, null, []],
    ["4 days after, within 3", { rules: { signWithinDays: 3 }, note: signed("2026-03-06T15:00:00Z") }, "WARNING", ["4 days after the session on 2026-03-02", "within 3 days", "can still be billed"]],
    // 03:30 UTC on the 6th is still the 5th in New York: 3 days, on time.
    ["the practice's local date counts, not UTC", { rules: { signWithinDays: 3 }, note: signed("2026-03-06T03:30:00Z") }, null, []],
    ["the payer makes it an ERROR", { rules: { signWithinDays: 3, lateSignatureSeverity: "ERROR" }, note: signed("2026-03-06T15:00:00Z") }, "ERROR", ["cannot be billed"]],
    ["no deadline (null)", { rules: { signWithinDays: null }, note: signed("2026-09-01T15:00:00Z") }, null, []],
    ["rules saved before the deadline existed (absent)", { note: signed("2026-09-01T15:00:00Z") }, null, []],
    ["an unsigned note is not judged here (NOTE_UNSIGNED is)", { rules: { signWithinDays: 0, requireSignedNote: false }, note: { signedAt: null } }, null, []],
  ])("%s", (_name, scenario, severity, mentions) => {
    const decision = decisionFor(scenario);
    const issues = decision.issues.filter((i) => i.code === "NOTE_SIGNED_LATE");
    expect(issues.map((i) => i.severity)).toEqual(severity ? [severity] : []);
    if (severity) expect(decision.status).toBe(severity === "ERROR" ? "BLOCKED" : "READY");
    for (const words of mentions) expect(issues[0].message).toContain(words);
  });
});

describe("credential modifiers: the rendering clinician's credential adds its modifiers", () => {
  const leader = (credential: string | undefined, licensed = true) => ({ id: "clinician-leader", licensed, licenseExpiresOn: null, credential });
  const rules = { modifierRules: [{ modifier: "HQ", when: "ALWAYS" as const }], credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }, { credential: "LPC", modifier: "HO" }, { credential: "LCSW", modifier: "U4" }] };
  test.each<[string, Scenario, string[]]>([
    ["LCSW: both its modifiers, in rule order, after the modifier rules", { rules, session: { leader: leader("LCSW") } }, ["HQ", "AJ", "U4"]],
    ["LPC", { rules, session: { leader: leader("LPC") } }, ["HQ", "HO"]],
    ["credential case and spacing do not matter", { rules, session: { leader: leader(" lpc ") } }, ["HQ", "HO"]],
    ["a clinician holding two credentials", { rules, session: { leader: leader("LPC, LCSW") } }, ["HQ", "AJ", "HO", "U4"]],
    ["no credential matches", { rules, session: { leader: leader("PhD") } }, ["HQ"]],
    ["a credential containing one is not it (LCSW-C)", { rules, session: { leader: leader("LCSW-C") } }, ["HQ"]],
    ["credential not passed", { rules, session: { leader: leader(undefined) } }, ["HQ"]],
    [
      "a supervised leader: the rendering supervisor's credential counts",
      { rules: { ...rules, requireLicensedLeader: false }, session: { leader: leader("LPC", false), supervisor: { id: "clinician-supervisor", licensed: true, licenseExpiresOn: null, credential: "LCSW" } } },
      ["HQ", "AJ", "U4"],
    ],
    ["no credential rules (absent)", { rules: { modifierRules: [{ modifier: "HQ", when: "ALWAYS" }] }, session: { leader: leader("LCSW") } }, ["HQ"]],
  ])("%s", (_name, scenario, modifiers) => {
    expect(decisionFor(scenario).modifiers).toEqual(modifiers);
  });

  test("a modifier already on the line is not added twice", () => {
    expect(decisionFor({ rules: { modifierRules: [{ modifier: "AJ", when: "ALWAYS" }], credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }] }, session: { leader: leader("LCSW") } }).modifiers).toEqual(["AJ"]);
  });

  test("more than 4 with the credential's is TOO_MANY_MODIFIERS", () => {
    const decision = decisionFor({
      rules: {
        modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier: "U1", when: "ALWAYS" }, { modifier: "U2", when: "ALWAYS" }],
        credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }, { credential: "LCSW", modifier: "U4" }],
      },
      session: { leader: leader("LCSW") },
    });
    expect(decision.modifiers).toEqual(["HQ", "U1", "U2", "AJ", "U4"]);
    expect(codesOf(decision)).toEqual(["TOO_MANY_MODIFIERS"]);
  });
});

describe("telehealth place of service by where the member was", () => {
  const at = (location: "HOME" | "OTHER" | null) => new Map<string, AttendanceFacts>([[CLIENT, { minutesAttended: null, location }]]);
  test.each<[string, Scenario, string]>([
    ["by location, at home: 10", { rules: { telehealthPosByLocation: true, telehealthPlaceOfService: "02" }, session: { modality: "TELEHEALTH_VIDEO", attendance: at("HOME") } }, "10"],
    ["by location, elsewhere: 02", { rules: { telehealthPosByLocation: true, telehealthPlaceOfService: "10" }, session: { modality: "TELEHEALTH_VIDEO", attendance: at("OTHER") } }, "02"],
    ["by location, audio only at home: 10", { rules: { telehealthPosByLocation: true, telehealthAudioAllowed: true }, session: { modality: "TELEHEALTH_AUDIO", attendance: at("HOME") } }, "10"],
    ["by location, not recorded: the payer's telehealth place of service", { rules: { telehealthPosByLocation: true, telehealthPlaceOfService: "10" }, session: { modality: "TELEHEALTH_VIDEO", attendance: at(null) } }, "10"],
    ["the payer fixes one place of service (off)", { rules: { telehealthPosByLocation: false, telehealthPlaceOfService: "02" }, session: { modality: "TELEHEALTH_VIDEO", attendance: at("HOME") } }, "02"],
    ["rules saved before it existed (absent)", { rules: { telehealthPlaceOfService: "02" }, session: { modality: "TELEHEALTH_VIDEO", attendance: at("HOME") } }, "02"],
    ["in person: the location does not apply", { rules: { telehealthPosByLocation: true }, session: { modality: "IN_PERSON", attendance: at("HOME") } }, "11"],
  ])("%s", (_name, scenario, placeOfService) => {
    expect(decisionFor(scenario).placeOfService).toBe(placeOfService);
  });

  test("each member's line follows their own location", () => {
    const s = session({ modality: "TELEHEALTH_VIDEO", attendance: new Map([[CLIENT, { minutesAttended: null, location: "HOME" }], [PRESENT[1], { minutesAttended: null, location: "OTHER" }]]) });
    const drafts = evaluateSessions(engineInput({ sessions: [s], ruleVersions: [{ ...ruleVersionFor(), telehealthPosByLocation: true }] }));
    expect(drafts.map((d) => [d.clientId, d.placeOfService])).toEqual([[CLIENT, "10"], [PRESENT[1], "02"], [PRESENT[2], "02"]]);
  });
});

describe("family codes", () => {
  test("a multiple-family group suggests 90849 with USE_FAMILY_CODE, blocked", () => {
    const decision = decisionFor({ session: { groupKind: "MULTI_FAMILY" } });
    expect(decision.suggestedCptCodes).toEqual(["90849"]);
    expect(decision.status).toBe("BLOCKED");
    expect(decision.issues.map((i) => [i.code, i.severity])).toEqual([["USE_FAMILY_CODE", "ERROR"]]);
    expect(decision.issues[0].message).toContain("multiple-family group psychotherapy (90849)");
  });

  test("with one member present it stays multiple-family, not individual codes", () => {
    const decision = decisionFor({ session: { groupKind: "MULTI_FAMILY", presentClientIds: [CLIENT] } });
    expect(decision.suggestedCptCodes).toEqual(["90849"]);
    expect(codesOf(decision)).toEqual(expect.arrayContaining(["USE_INDIVIDUAL_CODE", "USE_FAMILY_CODE"]));
  });

  test("without a psychotherapy component it is also NOT_PSYCHOTHERAPY, named as a multiple-family group", () => {
    const decision = decisionFor({ session: { groupKind: "MULTI_FAMILY", hasPsychotherapyComponent: false } });
    expect(decision.issues.find((i) => i.code === "NOT_PSYCHOTHERAPY")?.message).toContain("multiple-family group");
  });
});
