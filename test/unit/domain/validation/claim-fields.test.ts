import {
  X12_LIMITS,
  foldToX12,
  splitPersonName,
  validateAddressLine,
  validateCity,
  validateClaimIdentifier,
  validateFirstName,
  validateLastName,
  validateOrganizationName,
  validatePersonDisplayName,
  validateReceiverId,
  validateTaxId,
  x12CharacterProblem,
} from "../../../../server/src/domain/validation/index.js";
import { exportX12_837P } from "../../../../server/src/domain/export/index.js";
import { makeBatch, makeLine } from "../export/fixtures.js";

const fieldsOf = (errors: { field: string }[]) => errors.map((e) => e.field);

// Every character that must never reach an 837P element, with why.
const UNSAFE: [string, string][] = [
  ["*", "element separator"],
  [":", "component separator"],
  ["^", "repetition separator"],
  ["~", "segment terminator"],
  ["\n", "line break"],
  ["\r", "carriage return"],
  ["\t", "tab"],
  ["\u0000", "NUL"],
  ["\u001b", "escape"],
  ["\u007f", "DEL"],
  ["\u0085", "C1 next line"],
  ["\u2028", "line separator"],
  ["`", "grave accent, in neither X12 set"],
  ["李", "CJK ideograph"],
  ["😀", "emoji"],
  ["ß", "sharp s, which does not fold to A-Z"],
  ["Ø", "O with stroke, which does not decompose"],
];

describe("x12CharacterProblem", () => {
  test.each(UNSAFE)("refuses %j (%s) in names and identifiers", (c) => {
    expect(x12CharacterProblem(`AB${c}CD`, true)).not.toBeNull();
    expect(x12CharacterProblem(`AB${c}CD`, false)).not.toBeNull();
  });

  test.each([
    ["O'Brien-Smith", "apostrophe and hyphen"],
    ["St. John & Sons (West), Inc.", "basic punctuation"],
    ['a "quoted" name; 1/2 = 50% @ [home] _ {x} \\ | <y> # $ ! ? +', "the extended set's ASCII"],
    ["lower case", "lower case letters are in the extended set"],
  ])("accepts %j (%s) as is", (value) => {
    expect(x12CharacterProblem(value, false)).toBeNull();
    expect(x12CharacterProblem(value, true)).toBeNull();
  });

  test.each([
    ["Zoë", "ZOË"],
    ["José Núñez", "accents"],
    ["O’Brien", "curly apostrophe"],
    ["Smith–Jones", "en dash"],
    ["Ana\u00a0Lopez", "no-break space"],
  ])("accepts %j (%s) in names, which the export folds, but not in identifiers", (value) => {
    expect(x12CharacterProblem(value, true)).toBeNull();
    expect(x12CharacterProblem(value, false)).not.toBeNull();
  });

  test("names the delimiter and why it matters", () => {
    expect(x12CharacterProblem("AB*12", false)).toMatch(/"\*".*separate the parts of an 837P/);
    expect(x12CharacterProblem("AB\n12", false)).toMatch(/line break/);
  });
});

describe("foldToX12", () => {
  test.each([
    ["Zoë Núñez", "Zoe Nunez"],
    ["O’Brien‐Smith", "O'Brien-Smith"],
    ["“Ann”", '"Ann"'],
    ["plain", "plain"],
  ])("folds %j to %j", (input, folded) => {
    expect(foldToX12(input)).toBe(folded);
  });
});

describe("name and address validators", () => {
  const cases: [string, (v: string | null | undefined, f: string) => { field: string; message: string }[], number, number][] = [
    ["organization name (NM103)", (v, f) => validateOrganizationName(v, f), X12_LIMITS.organizationName.min, 60],
    ["last name (NM103)", (v, f) => validateLastName(v, f), 1, 60],
    ["first name (NM104)", (v, f) => validateFirstName(v, f), 1, 35],
    ["address line (N301)", (v, f) => validateAddressLine(v, f), 1, 55],
    ["city (N401)", (v, f) => validateCity(v, f), 2, 30],
  ];

  describe.each(cases)("%s", (_name, validate, min, max) => {
    test("accepts the element maximum and refuses one more, counting folded characters", () => {
      expect(validate("A".repeat(max), "f")).toEqual([]);
      expect(validate("é".repeat(max), "f")).toEqual([]);
      expect(validate("A".repeat(max + 1), "f")).toEqual([{ field: "f", message: expect.stringMatching(new RegExp(`at most ${max} characters`)) }]);
    });

    test("applies the element minimum", () => {
      expect(validate("A".repeat(min), "f")).toEqual([]);
      if (min > 1) expect(fieldsOf(validate("A".repeat(min - 1), "f"))).toEqual(["f"]);
    });

    test.each(UNSAFE)("refuses %j (%s) naming the field", (c) => {
      expect(validate(`Ab${c}cd`, "coverages[1].x")).toEqual([{ field: "coverages[1].x", message: expect.any(String) }]);
    });

    test.each([[""], ["   "], [null], [undefined]])("requires a value (%j)", (v) => {
      expect(fieldsOf(validate(v, "f"))).toEqual(["f"]);
    });

    test("refuses punctuation without a letter or digit", () => {
      expect(validate("-- .", "f")).toEqual([{ field: "f", message: expect.stringMatching(/letter or digit/) }]);
    });

    test("judges the trimmed value", () => {
      expect(validate(`  ${"A".repeat(max)}  `, "f")).toEqual([]);
    });
  });

  test("optional fields accept blank", () => {
    expect(validateAddressLine(null, "addressLine1", { required: false })).toEqual([]);
    expect(validateOrganizationName("  ", "clearinghouseName", { required: false })).toEqual([]);
    expect(fieldsOf(validateCity("N*Y", "addressCity", { required: false }))).toEqual(["addressCity"]);
  });

  test("labels the field for people", () => {
    expect(validateLastName("Smith~", "lastName")[0]!.message).toMatch(/^Last name cannot contain "~"/);
  });
});

describe("validateClaimIdentifier (NM109: member id, payer id)", () => {
  test.each([["AB"], ["MCD-100"], ["XYZ 123 456"], ["a".repeat(80)], ["12"]])("accepts %j", (v) => {
    expect(validateClaimIdentifier(v, "memberId")).toEqual([]);
  });

  test.each([
    ["A", "one character; NM109 is 2-80"],
    ["a".repeat(81), "81 characters"],
    ["AB*12", "element separator"],
    ["AB:12", "component separator"],
    ["AB^12", "repetition separator"],
    ["AB~12", "segment terminator"],
    ["AB\n12", "line break"],
    ["ÄB12", "accented letter: identifiers are never folded"],
    ["AB‐12", "typographic hyphen"],
    ["", "blank"],
  ])("refuses %j (%s) naming the field", (v) => {
    expect(validateClaimIdentifier(v, "coverages[0].memberId")).toEqual([{ field: "coverages[0].memberId", message: expect.any(String) }]);
  });
});

describe("validatePersonDisplayName (rendering provider, split into NM103/NM104)", () => {
  test.each([["Robin Lee"], ["Dr. Amara Obi"], ["Jane Q Doe, LCSW"], ["Cher"], ["José Núñez-García, PhD"], [`${"F".repeat(35)} ${"L".repeat(60)}`]])(
    "accepts %j",
    (v) => {
      expect(validatePersonDisplayName(v, "name")).toEqual([]);
    },
  );

  test.each([
    [`Jane ${"L".repeat(61)}`, /last name must be at most 60/],
    [`${"F".repeat(36)} Doe`, /first and middle names must be at most 35/],
    [", LCSW", /must start with the person's name/],
    ["Jane*Doe", /cannot contain "\*"/],
    ["Jane\nDoe", /line break/],
    ["", /required/],
  ])("refuses %j", (v, message) => {
    expect(validatePersonDisplayName(v, "name")).toEqual([{ field: "name", message: expect.stringMatching(message) }]);
  });

  test("splits the way the 837P writes it", () => {
    expect(splitPersonName("Jane Q  Doe, LCSW")).toEqual({ last: "Doe", first: "Jane Q" });
    expect(splitPersonName("Cher")).toEqual({ last: "Cher", first: "" });
  });
});

describe("practice billing shapes", () => {
  test.each<[string, (v: string | null | undefined) => unknown[], string[], string[]]>([
    ["tax id", (v) => validateTaxId(v), ["043219876"], ["12-3456789", "12345678", "04321987a"]],
    ["receiver id", (v) => validateReceiverId(v), ["TESTHOUSE", "AB"], ["A", "1234567890123456", "TEST HOUSE", "TEST*"]],
  ])("%s", (_name, validate, good, bad) => {
    for (const v of good) expect(validate(v)).toEqual([]);
    for (const v of bad) expect(validate(v)).toHaveLength(1);
    expect(validate(null)).toEqual([]);
  });
});

describe("what the validators accept, the 837P export writes", () => {
  // A round trip: any value that passes input validation must export without error and without a delimiter leaking.
  test.each([
    ["Zoë O’Brien–Smith", "José", "MCD-100 A", "Blue Cross & Blue Shield (MA)", "Dr. Amara Obi, PhD"],
    ["L".repeat(60), "F".repeat(35), "M".repeat(80), "P".repeat(60), `${"F".repeat(35)} ${"L".repeat(60)}`],
    ['a "q" [x] {y} <z> # $ % @ _ \\ |', "b!?", "ab/12.3=4", "pay;er", "Jo+ Ann"],
  ])("last %j, first %j, member id %j, payer %j, leader %j", (lastName, firstName, memberId, payerName, leader) => {
    for (const errors of [
      validateLastName(lastName),
      validateFirstName(firstName),
      validateClaimIdentifier(memberId, "memberId"),
      validateOrganizationName(payerName, "payer.name"),
      validatePersonDisplayName(leader),
    ]) {
      expect(errors).toEqual([]);
    }
    const edi = exportX12_837P(makeBatch([makeLine({ memberId, client: { lastName, firstName }, payer: { name: payerName, payerCode: memberId }, renderingProvider: { name: leader } })]));
    const body = edi.slice(edi.indexOf("~\n") + 2).replace(/~\n/g, "\n");
    const nm1 = body.split("\n").filter((s) => s.startsWith("NM1*"));
    // Every NM1 still has exactly the elements it was built with: no value split an element.
    for (const s of nm1) expect(s.split("*").length).toBeLessThanOrEqual(10);
    expect(body).toContain(`*MI*${memberId}\n`);
  });
});
