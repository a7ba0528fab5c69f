import {
  isValidDate,
  isValidDurationMinutes,
  joinField,
  labelFor,
  validateDate,
  validateDateRange,
  validateDurationMinutes,
  validateText,
} from "../../../../server/src/domain/validation/index.js";

describe("isValidDate", () => {
  test.each(["2024-01-01", "2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30", "1900-02-28", "9999-12-31", "0001-01-01"])(
    "accepts %s",
    (s) => {
      expect(isValidDate(s)).toBe(true);
    },
  );

  test.each([
    ["2023-02-29", "not a leap year"],
    ["1900-02-29", "century, not a leap year"],
    ["2023-02-30", "Date would roll over"],
    ["2023-04-31", "April has 30 days"],
    ["2023-13-01", "month 13"],
    ["2023-00-10", "month 0"],
    ["2023-01-00", "day 0"],
    ["2023-01-32", "day 32"],
    ["2023-1-01", "unpadded month"],
    ["2023-01-1", "unpadded day"],
    ["23-01-01", "two-digit year"],
    ["0000-01-01", "year 0, which PostgreSQL's calendar does not have"],
    ["2023/01/01", "slashes"],
    ["2023-01-01T00:00:00Z", "a timestamp"],
    [" 2023-01-01", "leading space"],
    ["", "empty"],
  ])("rejects %j (%s)", (s) => {
    expect(isValidDate(s)).toBe(false);
  });

  test("validateDate labels the field", () => {
    expect(validateDate("2024-02-29", "dateOfBirth")).toEqual([]);
    expect(validateDate("2024-02-30", "input.dateOfBirth")).toEqual([
      { field: "input.dateOfBirth", message: expect.stringMatching(/^Date of birth must be a real calendar date written YYYY-MM-DD/) },
    ]);
  });
});

describe("validateDateRange", () => {
  const fields = { from: "coverages[0].effectiveFrom", to: "coverages[0].effectiveTo" };
  test.each([
    ["2024-01-01", "2024-12-31"],
    ["2024-01-01", "2024-01-01"],
    ["2024-01-01", null],
    ["2024-01-01", undefined],
  ])("accepts %s .. %s", (from, to) => {
    expect(validateDateRange(from, to, fields)).toEqual([]);
  });

  test("end before start is reported on the end", () => {
    expect(validateDateRange("2024-02-01", "2024-01-31", fields)).toEqual([
      { field: "coverages[0].effectiveTo", message: "Effective to must be on or after effective from (2024-02-01)" },
    ]);
  });

  test("invalid dates are reported individually and not compared", () => {
    const errors = validateDateRange("2024-02-30", "2024-13-01", fields);
    expect(errors.map((e) => e.field)).toEqual(["coverages[0].effectiveFrom", "coverages[0].effectiveTo"]);
  });
});

describe("validateText", () => {
  test.each([
    ["Tuesday DBT skills", { required: true, max: 100 }],
    ["  padded  ", { required: true, max: 6 }],
    ["a".repeat(100), { required: true, max: 100 }],
    ["", { max: 10 }],
    ["   ", { required: false, max: 10 }],
    [null, { max: 10 }],
    [undefined, { max: 10 }],
    ["😀😀😀", { max: 3 }],
  ] as const)("accepts %j with %j", (value, rules) => {
    expect(validateText(value, "name", rules)).toEqual([]);
  });

  test.each([
    ["", { required: true, max: 10 }, /^Name is required/],
    ["  \t\n ", { required: true, max: 10 }, /^Name is required/],
    [null, { required: true, max: 10 }, /^Name is required/],
    [undefined, { required: true, max: 10 }, /^Name is required/],
    ["a".repeat(101), { required: true, max: 100 }, /^Name must be at most 100 characters/],
    ["a".repeat(11), { max: 10 }, /at most 10/],
    ["😀😀😀😀", { max: 3 }, /at most 3/],
  ] as const)("rejects %j with %j", (value, rules, message) => {
    const errors = validateText(value, "name", rules);
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("name");
    expect(errors[0].message).toMatch(message);
  });

  test("labels nested fields in plain words", () => {
    expect(validateText("", "coverages[1].memberId", { required: true, max: 50 })).toEqual([
      { field: "coverages[1].memberId", message: "Member ID is required and cannot be blank" },
    ]);
  });
});

describe("validateDurationMinutes", () => {
  test.each([1, 45, 90, 480])("accepts %d", (n) => {
    expect(isValidDurationMinutes(n)).toBe(true);
    expect(validateDurationMinutes(n)).toEqual([]);
  });

  test.each([0, -1, 481, 60.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects %d", (n) => {
    expect(isValidDurationMinutes(n)).toBe(false);
    expect(validateDurationMinutes(n, "input.durationMinutes")).toEqual([
      { field: "input.durationMinutes", message: "Duration must be a whole number of minutes from 1 to 480" },
    ]);
  });

  test("labels other duration fields", () => {
    expect(validateDurationMinutes(0, "defaultDurationMinutes")[0].message).toBe(
      "Default duration must be a whole number of minutes from 1 to 480",
    );
  });
});

describe("field helpers", () => {
  test.each([
    ["npi", "NPI"],
    ["input.practiceName", "Practice name"],
    ["coverages[1].memberId", "Member ID"],
    ["rules.modifierRules[0]", "Modifier rules"],
    ["", "Value"],
  ])("labelFor(%j) = %j", (field, label) => {
    expect(labelFor(field)).toBe(label);
  });

  test.each([
    ["", "npi", "npi"],
    ["rules", "minGroupSize", "rules.minGroupSize"],
    ["rules.modifierRules", "[2]", "rules.modifierRules[2]"],
  ])("joinField(%j, %j) = %j", (prefix, key, joined) => {
    expect(joinField(prefix, key)).toBe(joined);
  });
});
