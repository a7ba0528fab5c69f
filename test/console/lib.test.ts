import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { errorCode, errorsUnder, fieldErrorsOf, messageOf } from "../../console/src/lib/errors";
import { centsToDollars, dollarsToCents } from "../../console/src/lib/money";
import { addDays, formatDateTime, formatTime, previousMonth, todayIn, zonedLocalToIso } from "../../console/src/lib/dates";
import { coverageState } from "../../console/src/clients/clients-page";
import { randomId } from "../../console/src/lib/ids";
import { formFromRules, moveRow, rulesInputFrom } from "../../console/src/payers/rules-form";
import type { PayerRulesFieldsFragment } from "../../console/src/__generated__/graphql";

function gqlError(code: string, message: string, fields?: { field: string; message: string }[]) {
  return new CombinedGraphQLErrors({ errors: [{ message, extensions: { code, ...(fields ? { fields } : {}) } }] });
}

describe("API errors", () => {
  it("key BAD_USER_INPUT messages by the field path, without the variable's `input.` prefix", () => {
    const error = gqlError("BAD_USER_INPUT", "2 fields are invalid", [
      { field: "rules.minGroupSize", message: "Minimum group size must be at least 2" },
      { field: "input.licensed", message: "Expected Boolean" },
      { field: "diagnosisCodes[1]", message: "Diagnosis code must look like F33.1" },
    ]);
    const fields = fieldErrorsOf(error);
    expect(fields).toEqual({
      "rules.minGroupSize": "Minimum group size must be at least 2",
      licensed: "Expected Boolean",
      "diagnosisCodes[1]": "Diagnosis code must look like F33.1",
    });
    expect(errorsUnder(fields, "diagnosisCodes")).toBe("Diagnosis code must look like F33.1");
    expect(errorCode(error)).toBe("BAD_USER_INPUT");
  });

  it("explain FORBIDDEN and masked errors in words, and pass domain messages through", () => {
    expect(messageOf(gqlError("FORBIDDEN", "Your role in this practice does not allow this"))).toMatch(/role/);
    expect(messageOf(gqlError("INTERNAL_SERVER_ERROR", "x"))).toMatch(/went wrong on the server/);
    expect(messageOf(gqlError("CONFLICT", "This note was changed by someone else"))).toBe("This note was changed by someone else");
    expect(fieldErrorsOf(gqlError("CONFLICT", "x"))).toEqual({});
  });
});

describe("money", () => {
  it.each([
    ["48", 4800],
    ["48.5", 4850],
    ["$1,048.05", 104805],
    ["0", 0],
  ])("reads %s dollars as %d cents", (text, cents) => {
    expect(dollarsToCents(text)).toBe(cents);
  });

  it.each(["", "-1", "4.555", "abc", "1.2.3"])("refuses %j", (text) => {
    expect(dollarsToCents(text)).toBeNull();
  });

  it("writes cents as dollars without float drift", () => {
    expect(centsToDollars(4800)).toBe("48.00");
    expect(centsToDollars(5)).toBe("0.05");
    expect(dollarsToCents(centsToDollars(123456))).toBe(123456);
  });
});

describe("dates", () => {
  it("finds the previous calendar month, across a year and a leap February", () => {
    expect(previousMonth("2026-11-26")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(previousMonth("2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(previousMonth("2028-03-01")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("read a wall-clock time in the practice's zone, across DST", () => {
    expect(zonedLocalToIso("2026-03-10T10:00", "America/New_York")).toBe("2026-03-10T14:00:00.000Z");
    expect(zonedLocalToIso("2026-01-10T10:00", "America/New_York")).toBe("2026-01-10T15:00:00.000Z");
    expect(zonedLocalToIso("2026-07-01T09:30", "America/Los_Angeles")).toBe("2026-07-01T16:30:00.000Z");
  });

  it("give today in the practice's zone", () => {
    const lateEvening = new Date("2026-03-11T03:00:00Z");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-03-10");
    expect(todayIn("UTC", lateEvening)).toBe("2026-03-11");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});

it("makes v4 UUIDs without crypto.randomUUID", () => {
  const ids = new Set(Array.from({ length: 50 }, randomId));
  expect(ids.size).toBe(50);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

describe("rules form", () => {
  const rules: PayerRulesFieldsFragment = {
    __typename: "PayerRules",
    id: "r1",
    effectiveFrom: "2026-01-01",
    minGroupSize: 2,
    maxGroupSize: 12,
    minSessionMinutes: 45,
    maxSessionMinutes: null,
    telehealthVideoAllowed: true,
    telehealthAudioAllowed: false,
    telehealthPlaceOfService: "02",
    modifierRules: [
      { __typename: "ModifierRule", modifier: "HQ", when: "ALWAYS" },
      { __typename: "ModifierRule", modifier: "95", when: "TELEHEALTH_VIDEO" },
    ],
    requiredNoteElements: ["RESPONSE", "PARTICIPATION"],
    requireSignedNote: true,
    requireLicensedLeader: true,
    maxUnitsPerDay: 1,
    feeCents: 4850,
    requirePriorAuthorization: true,
    createdAt: "2026-01-01T00:00:00Z",
  };

  it("round-trips rules, sending the fee in cents and an empty maximum as null", () => {
    const form = formFromRules(rules, "2026-03-01");
    expect(form.fee).toBe("48.50");
    const { input, errors } = rulesInputFrom({ ...form, fee: "52", maxGroupSize: "8" });
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      effectiveFrom: "2026-03-01",
      maxGroupSize: 8,
      maxSessionMinutes: null,
      feeCents: 5200,
      modifierRules: [
        { modifier: "HQ", when: "ALWAYS" },
        { modifier: "95", when: "TELEHEALTH_VIDEO" },
      ],
      requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
      requirePriorAuthorization: true,
    });
    expect(rulesInputFrom({ ...form, requirePriorAuthorization: false }).input.requirePriorAuthorization).toBe(false);
  });

  it("says a negative number must be 0 or more instead of calling it not a whole number", () => {
    const { errors } = rulesInputFrom({ ...formFromRules(rules, "2026-03-01"), minGroupSize: "-1", maxSessionMinutes: "-30", fee: "-5" });
    expect(errors).toEqual({ "rules.minGroupSize": "Must be 0 or more", "rules.maxSessionMinutes": "Must be 0 or more", "rules.feeCents": "The fee must be 0 or more" });
  });

  it("names the fields that are not numbers with the API's paths", () => {
    const { errors } = rulesInputFrom({ ...formFromRules(rules, "2026-03-01"), minGroupSize: "two", fee: "4,8.0.0", maxUnitsPerDay: "" });
    expect(Object.keys(errors).sort()).toEqual(["rules.feeCents", "rules.maxUnitsPerDay", "rules.minGroupSize"]);
  });

  it("reorders rows and ignores moves off the ends", () => {
    expect(moveRow(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveRow(["a", "b"], 0, -1)).toEqual(["a", "b"]);
  });
});

describe("times and coverage in the practice's zone", () => {
  it("labels every time with the practice's zone", () => {
    expect(formatTime("2026-10-06T19:00:00.000Z", "America/New_York")).toBe("3:00 PM ET");
    expect(formatDateTime("2026-01-06T19:00:00.000Z", "America/Los_Angeles")).toBe("Jan 6, 2026, 11:00 AM PT");
  });

  it("shows coverage that ended before today as expired, one that has not started as future", () => {
    expect(coverageState({ effectiveFrom: "2025-01-01", effectiveTo: "2026-09-30" }, "2026-10-01")).toBe("expired");
    expect(coverageState({ effectiveFrom: "2025-01-01", effectiveTo: "2026-10-01" }, "2026-10-01")).toBe("current");
    expect(coverageState({ effectiveFrom: "2026-11-01", effectiveTo: null }, "2026-10-01")).toBe("future");
  });
});
