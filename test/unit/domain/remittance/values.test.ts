import { formatCents, parseCents, parseDate8, parseQuantity } from "../../../../server/src/domain/remittance/values.js";

describe("parseCents", () => {
  it.each([
    ["125", 12500],
    ["125.5", 12550],
    ["0.29", 29],
    [".5", 50],
    ["1.", 100],
    ["-80.25", -8025],
    ["-0", 0],
    ["12.500", 1250],
    ["0", 0],
  ])("reads %s as %i cents", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  it.each(["", "-", ".", "12.505", "1e3", "12,50", "--1", "$5", " 5", "99999999999999999"])("refuses %j", (text) => {
    expect(parseCents(text)).toBeNull();
  });
});

describe("parseQuantity, parseDate8, formatCents", () => {
  it("reads quantities with fractions and refuses text", () => {
    expect(parseQuantity("1")).toBe(1);
    expect(parseQuantity("0.5")).toBe(0.5);
    expect(parseQuantity("one")).toBeNull();
    expect(parseQuantity("")).toBeNull();
  });

  it("reads real CCYYMMDD dates only", () => {
    expect(parseDate8("20261116")).toBe("2026-11-16");
    expect(parseDate8("20240229")).toBe("2024-02-29");
    expect(parseDate8("20260229")).toBeNull();
    expect(parseDate8("20261131")).toBeNull();
    expect(parseDate8("261116")).toBeNull();
  });

  it("writes signed dollars for messages", () => {
    expect([formatCents(12550), formatCents(-29), formatCents(0), formatCents(-100000)]).toEqual(["125.50", "-0.29", "0.00", "-1000.00"]);
  });
});
