import { DateScalar, DateTimeScalar } from "../../../server/src/graphql/scalars";

describe("Date", () => {
  it.each(["0000-01-01", "0000-12-31", "2026-02-30", "26-01-01", "2026-1-1"])("refuses %s", (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
  });

  it.each(["0001-01-01", "2024-02-29", "9999-12-31"])("takes %s", (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
  });
});

describe("DateTime", () => {
  it.each([
    ["year 0000", "0000-06-01T12:00:00Z"],
    ["an offset that moves the instant into year 0000", "0001-01-01T00:30:00+01:00"],
    ["an offset that moves the instant past 9999", "9999-12-31T23:30:00-01:00"],
  ])("refuses %s", (_case, value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(/0001-01-01T00:00:00Z to 9999-12-31/);
  });

  it("refuses out-of-range literals as well as variables", () => {
    expect(() => DateTimeScalar.parseLiteral({ kind: "StringValue", value: "0000-06-01T12:00:00Z" } as never, undefined)).toThrow(/0001-01-01/);
  });

  it.each(["0001-01-01T00:00:00Z", "2026-01-05T15:00:00.000-05:00", "9999-12-31T23:59:59.999Z"])("takes %s", (value) => {
    expect((DateTimeScalar.parseValue(value) as Date).getTime()).toBe(Date.parse(value));
  });

  it("keeps graphql-scalars' format checks", () => {
    expect(() => DateTimeScalar.parseValue("2026-01-05 15:00")).toThrow(/invalid date-time-string/);
  });
});
