/**
 * The payer rules of issue 11, table-driven with their boundaries. Each table row changes one thing from the
 * default billable session (factories.ts) and states whether CLIENT's line gets the issue.
 */
import { CHECKS, attendanceTooShort, type AttendanceFacts } from "../../../../server/src/domain/engine/index.js";
import { CLIENT, codesOf, decisionFor, type Scenario } from "./factories.js";

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
