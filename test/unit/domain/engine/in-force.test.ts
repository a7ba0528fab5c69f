/** Dates, rule versions, coverage and code suggestions: the lookups every check builds on. */
import {
  coverageOn,
  localDateOf,
  SINCE_ALWAYS,
  ruleVersionOn,
  suggestIndividualCodes,
} from "../../../../server/src/domain/engine/index.js";
import { coverage, ruleVersion } from "./factories.js";

describe("localDateOf", () => {
  it.each([
    ["2026-03-02T03:30:00Z", "America/Los_Angeles", "2026-03-01"],
    ["2026-03-02T03:30:00Z", "America/New_York", "2026-03-01"],
    ["2026-03-02T05:00:00Z", "America/New_York", "2026-03-02"],
    ["2026-03-02T03:30:00Z", "UTC", "2026-03-02"],
    ["2026-03-01T15:00:00Z", "Asia/Tokyo", "2026-03-02"],
    ["2026-01-01T04:59:59Z", "America/New_York", "2025-12-31"],
    ["2026-01-01T05:00:00Z", "America/New_York", "2026-01-01"],
    // The spring-forward night: 02:30 local does not exist, the date does.
    ["2026-03-08T07:30:00Z", "America/New_York", "2026-03-08"],
  ])("%s in %s is %s", (instant, timezone, expected) => {
    expect(localDateOf(new Date(instant), timezone)).toBe(expected);
  });

  it("rejects an invalid instant", () => {
    expect(() => localDateOf(new Date("nope"), "UTC")).toThrow(RangeError);
  });

  it("rejects an unknown timezone", () => {
    expect(() => localDateOf(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("ruleVersionOn", () => {
  const january = ruleVersion({ id: "jan", effectiveFrom: "2026-01-01" });
  const march = ruleVersion({ id: "mar", effectiveFrom: "2026-03-01" });

  it.each([
    ["2025-12-31", null],
    ["2026-01-01", "jan"],
    ["2026-02-28", "jan"],
    ["2026-03-01", "mar"],
    ["2027-01-01", "mar"],
  ])("on %s picks %s", (date, expected) => {
    expect(ruleVersionOn([march, january], date)?.id ?? null).toBe(expected);
  });

  it("on a tie in effectiveFrom, the later createdAt wins whatever the list order", () => {
    const first = ruleVersion({ id: "first", effectiveFrom: "2026-03-01", createdAt: new Date("2026-02-01T00:00:00Z") });
    const resaved = ruleVersion({ id: "resaved", effectiveFrom: "2026-03-01", createdAt: new Date("2026-02-10T00:00:00Z") });
    expect(ruleVersionOn([first, resaved], "2026-03-05")?.id).toBe("resaved");
    expect(ruleVersionOn([resaved, first], "2026-03-05")?.id).toBe("resaved");
  });

  it("has nothing for a payer without versions", () => {
    expect(ruleVersionOn([], "2026-03-01")).toBeNull();
  });
});

describe("a since-always first version", () => {
  const first = ruleVersion({ id: "first", effectiveFrom: SINCE_ALWAYS, createdAt: new Date("2026-11-30T12:00:00Z") });
  const backdated = ruleVersion({ id: "nov", effectiveFrom: "2026-11-01", createdAt: new Date("2026-11-30T13:00:00Z") });

  it.each([
    ["1999-01-01", "first"],
    ["2026-10-31", "first"],
    ["2026-11-01", "nov"],
    ["2026-11-30", "nov"],
    ["2027-06-01", "nov"],
  ])("on %s picks %s", (date, expected) => {
    expect(ruleVersionOn([first, backdated], date)?.id).toBe(expected);
  });
});

describe("coverageOn", () => {
  it.each([
    ["starts that day", coverage({ effectiveFrom: "2026-03-02" }), true],
    ["starts the next day", coverage({ effectiveFrom: "2026-03-03" }), false],
    ["ends that day", coverage({ effectiveTo: "2026-03-02" }), true],
    ["ended the day before", coverage({ effectiveTo: "2026-03-01" }), false],
    ["is open-ended", coverage({ effectiveTo: null }), true],
    ["is secondary", coverage({ priority: "SECONDARY" }), false],
  ])("a coverage that %s is in force: %s", (_name, candidate, inForce) => {
    expect(coverageOn([candidate], "2026-03-02")).toBe(inForce ? candidate : null);
  });

  it("with overlapping primaries, the most recently started wins", () => {
    const old = coverage({ memberId: "OLD", effectiveFrom: "2025-01-01" });
    const current = coverage({ memberId: "NEW", effectiveFrom: "2026-02-01" });
    expect(coverageOn([current, old], "2026-03-02")?.memberId).toBe("NEW");
    expect(coverageOn([old, current], "2026-03-02")?.memberId).toBe("NEW");
  });

  it("ignores a secondary that started later than the primary", () => {
    const primary = coverage({ memberId: "P", effectiveFrom: "2025-01-01" });
    const secondary = coverage({ memberId: "S", priority: "SECONDARY", effectiveFrom: "2026-02-01" });
    expect(coverageOn([secondary, primary], "2026-03-02")?.memberId).toBe("P");
  });
});

describe("suggestIndividualCodes", () => {
  it.each([
    [0, []],
    [15, []],
    [16, ["90832"]],
    [37, ["90832"]],
    [38, ["90834"]],
    [52, ["90834"]],
    [53, ["90837"]],
    [120, ["90837"]],
  ])("%i minutes -> %j", (minutes, expected) => {
    expect(suggestIndividualCodes(minutes)).toEqual(expected);
  });
});
