import {
  isPlaceOfService,
  isValidIcd10,
  isValidNpi,
  npiWithCheckDigit,
  normalizeIcd10,
  validateDiagnosisCodes,
  validateIcd10,
  validateNpi,
  validatePlaceOfService,
} from "../../../../server/src/domain/validation/index.js";

describe("isValidNpi", () => {
  test.each([
    ["1234567893", "CMS example"],
    ["1000000004", "starts with 1"],
    ["2000000002", "starts with 2"],
    ["1999999992", "many doubled 9s"],
    ["2987654326", "starts with 2, mixed digits"],
  ])("accepts %s (%s)", (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  test.each([
    ["1234567890", "wrong check digit"],
    ["1234567894", "check digit off by one"],
    ["1000000000", "wrong check digit"],
    ["123456789", "9 digits"],
    ["12345678939", "11 digits"],
    ["3123456782", "starts with 3 (Luhn-valid with 80840 prefix)"],
    ["0000000000", "starts with 0"],
    ["", "empty"],
    ["123456789a", "letter"],
    [" 1234567893", "leading space"],
    ["1234567893 ", "trailing space"],
    ["1234-567893", "punctuation"],
    ["１２３４５６７８９３", "full-width digits"],
  ])("rejects %j (%s)", (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });

  test("validateNpi names the field and explains the format", () => {
    expect(validateNpi("1234567893")).toEqual([]);
    expect(validateNpi("1234567890", "clinician.npi")).toEqual([
      { field: "clinician.npi", message: "NPI must be 10 digits starting with 1 or 2 with a valid check digit" },
    ]);
    expect(validateNpi("1")[0].field).toBe("npi");
  });
});

describe("npiWithCheckDigit", () => {
  it("completes the CMS example and every body to the one valid NPI", () => {
    expect(npiWithCheckDigit("123456789")).toBe("1234567893");
    for (let n = 0; n < 200; n++) {
      const body = String(100000000 + ((n * 4999999) % 200000000)); // NPIs start with 1 or 2
      const npi = npiWithCheckDigit(body);
      expect(isValidNpi(npi)).toBe(true);
      const otherDigit = String((Number(npi[9]) + 1 + (n % 9)) % 10);
      expect(isValidNpi(npi.slice(0, 9) + otherDigit)).toBe(false);
    }
  });
});

describe("isValidIcd10", () => {
  test.each(["F33.1", "F43.10", "Z63.0", "F32.A", "F11.20", "F90.0", "F32", "F10.2", "S06.0X1A", "U07.1", "F33.9"])(
    "accepts %s",
    (code) => {
      expect(isValidIcd10(code)).toBe(true);
    },
  );

  test.each([
    ["F3", "too short"],
    ["33.1", "no leading letter"],
    ["F33.", "dot without extension"],
    ["f33.1", "lower case"],
    ["FF3.1", "second character must be a digit"],
    ["F33.12345", "extension longer than 4"],
    ["F33..1", "two dots"],
    ["F33-1", "dash instead of dot"],
    [" F33.1", "leading space"],
    ["F33.1 ", "trailing space"],
    ["", "empty"],
    ["F3.31", "dot too early"],
    ["F331", "extension without the dot"],
  ])("rejects %j (%s)", (code) => {
    expect(isValidIcd10(code)).toBe(false);
  });

  test.each([
    [" f33.1 ", "F33.1"],
    ["z63.0", "Z63.0"],
    ["F32.a\t", "F32.A"],
  ])("normalizeIcd10(%j) = %j, which is valid", (raw, normalized) => {
    expect(normalizeIcd10(raw)).toBe(normalized);
    expect(isValidIcd10(normalizeIcd10(raw))).toBe(true);
  });

  test("validateIcd10 reports the field with an example", () => {
    expect(validateIcd10("F33.1")).toEqual([]);
    const [err] = validateIcd10("33.1", "code");
    expect(err.field).toBe("code");
    expect(err.message).toMatch(/ICD-10-CM.*F33\.1/);
  });
});

describe("validateDiagnosisCodes", () => {
  test("accepts valid codes in any case and an empty list", () => {
    expect(validateDiagnosisCodes(["F33.1", " f43.10 ", "Z63.0"])).toEqual([]);
    expect(validateDiagnosisCodes([])).toEqual([]);
  });

  test("names each bad element by index", () => {
    const errors = validateDiagnosisCodes(["F33.1", "33.1", "F3"]);
    expect(errors.map((e) => e.field)).toEqual(["diagnosisCodes[1]", "diagnosisCodes[2]"]);
  });

  test("rejects the same code twice after normalization", () => {
    const errors = validateDiagnosisCodes(["F33.1", "f33.1 "], "input.diagnosisCodes");
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe("input.diagnosisCodes[1]");
    expect(errors[0].message).toMatch(/F33\.1 is listed more than once/);
  });
});

describe("isPlaceOfService", () => {
  test.each(["01", "02", "10", "11", "53", "57", "99"])("accepts %s", (pos) => {
    expect(isPlaceOfService(pos)).toBe(true);
  });
  test.each(["00", "1", "011", "1a", "", " 11", "AB", "100"])("rejects %j", (pos) => {
    expect(isPlaceOfService(pos)).toBe(false);
  });
  test("validatePlaceOfService", () => {
    expect(validatePlaceOfService("11")).toEqual([]);
    expect(validatePlaceOfService("00", "input.placeOfService")).toEqual([
      { field: "input.placeOfService", message: expect.stringMatching(/two-digit .* 01 to 99/) },
    ]);
  });
});
