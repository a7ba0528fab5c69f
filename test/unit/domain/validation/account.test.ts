import {
  isValidTimezone,
  normalizeEmail,
  validateEmail,
  validatePassword,
  validateTimezone,
} from "../../../../server/src/domain/validation/index.js";

describe("validatePassword", () => {
  test.each([
    ["a".repeat(12), "exactly 12"],
    ["a".repeat(200), "exactly 200"],
    ["correct horse battery staple", "passphrase with spaces"],
    ["           x", "spaces count, not trimmed"],
    ["😀".repeat(12), "12 emoji count as 12 characters"],
  ])("accepts %j (%s)", (pw) => {
    expect(validatePassword(pw)).toEqual([]);
  });

  test.each([
    ["", /at least 12/],
    ["a".repeat(11), /at least 12/],
    ["a".repeat(201), /at most 200/],
    ["😀".repeat(201), /at most 200/],
  ])("rejects a password of length %#", (pw, message) => {
    const errors = validatePassword(pw);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("password");
    expect(errors[0].message).toMatch(message);
  });

  test("uses the given field name", () => {
    expect(validatePassword("short", "input.password")[0].field).toBe("input.password");
  });
});

describe("validateEmail", () => {
  test.each([
    "ann@example.com",
    "Ann.Lee+billing@clinic.example.org",
    "a@b.co",
    "  ann@example.com  ",
    "o'brien@x.io",
    "user@sub.domain.health",
  ])("accepts %j", (email) => {
    expect(validateEmail(email, "email")).toEqual([]);
  });

  test.each([
    ["", /required/],
    ["   ", /required/],
    ["ann", /one @/],
    ["ann@", /one @/],
    ["@example.com", /one @/],
    ["ann@@example.com", /one @/],
    ["ann@b@example.com", /one @/],
    ["ann@localhost", /dotted domain/],
    ["ann@example.", /dotted domain/],
    ["ann@.example.com", /dotted domain/],
    ["ann@example..com", /dotted domain/],
    ["ann lee@example.com", /no spaces/],
    ["ann@exa mple.com", /no spaces/],
    [`${"a".repeat(243)}@example.com`, /at most 254/],
  ])("rejects %j", (email, message) => {
    const errors = validateEmail(email, "input.email");
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("input.email");
    expect(errors[0].message).toMatch(message);
  });

  test("254 characters is the limit", () => {
    const at254 = `${"a".repeat(242)}@example.com`;
    expect(at254).toHaveLength(254);
    expect(validateEmail(at254, "email")).toEqual([]);
    expect(validateEmail("a" + at254, "email")).toHaveLength(1);
  });

  test("normalizeEmail trims and lower-cases", () => {
    expect(normalizeEmail("  Ann.Lee@Example.COM ")).toBe("ann.lee@example.com");
  });
});

describe("isValidTimezone", () => {
  test.each(["America/New_York", "America/Chicago", "Europe/Berlin", "Pacific/Honolulu", "UTC", "Etc/GMT+5"])("accepts %s", (tz) => {
    expect(isValidTimezone(tz)).toBe(true);
  });

  test.each(["", "Mars/Base", "America/Springfield", "+05:00", "-0800", " America/New_York", "America/New_York ", "Z"])(
    "rejects %j",
    (tz) => {
      expect(isValidTimezone(tz)).toBe(false);
    },
  );

  test("validateTimezone names the field", () => {
    expect(validateTimezone("America/Denver")).toEqual([]);
    expect(validateTimezone("Nowhere", "input.timezone")).toEqual([
      { field: "input.timezone", message: expect.stringMatching(/IANA time zone.*America\/New_York/) },
    ]);
  });
});
