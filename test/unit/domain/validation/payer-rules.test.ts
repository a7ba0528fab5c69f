import {
  defaultPayerRules,
  FieldError,
  isValidModifier,
  mergePayerRules,
  normalizeModifier,
  PayerKind,
  PayerRulesPatch,
  PayerRulesValues,
  validateModifier,
  validatePayerRules,
} from "../../../../server/src/domain/validation/index.js";

const base = (): PayerRulesValues => defaultPayerRules("COMMERCIAL", "2024-01-01");
const fields = (errors: FieldError[]) => errors.map((e) => e.field);

describe("defaultPayerRules", () => {
  test("matches DESIGN §4 for a non-Medicaid payer", () => {
    expect(defaultPayerRules("COMMERCIAL", "2024-01-01")).toEqual({
      effectiveFrom: "2024-01-01",
      minGroupSize: 2,
      maxGroupSize: 12,
      minSessionMinutes: 45,
      maxSessionMinutes: 90,
      telehealthVideoAllowed: true,
      telehealthAudioAllowed: false,
      telehealthPlaceOfService: "02",
      modifierRules: [{ modifier: "95", when: "TELEHEALTH_VIDEO" }],
      requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
      requireSignedNote: true,
      requireLicensedLeader: true,
      maxUnitsPerDay: 1,
      feeCents: 0,
      requirePriorAuthorization: false,
    });
  });

  test("MEDICAID also gets HQ ALWAYS, listed first", () => {
    expect(defaultPayerRules("MEDICAID", "2024-01-01").modifierRules).toEqual([
      { modifier: "HQ", when: "ALWAYS" },
      { modifier: "95", when: "TELEHEALTH_VIDEO" },
    ]);
  });

  test.each<PayerKind>(["MEDICARE", "MEDICARE_ADVANTAGE", "COMMERCIAL", "TRICARE", "OTHER"])("%s has no HQ", (kind) => {
    expect(defaultPayerRules(kind, "2024-01-01").modifierRules.map((r) => r.modifier)).toEqual(["95"]);
  });

  test.each<PayerKind>(["MEDICARE", "MEDICARE_ADVANTAGE", "MEDICAID", "COMMERCIAL", "TRICARE", "OTHER"])("%s defaults are valid", (kind) => {
    expect(validatePayerRules(defaultPayerRules(kind, "2024-01-01"))).toEqual([]);
  });

  test("each call returns fresh arrays", () => {
    const a = base();
    a.modifierRules.push({ modifier: "GT", when: "TELEHEALTH_VIDEO" });
    a.requiredNoteElements.push("PLAN");
    expect(base().modifierRules).toHaveLength(1);
    expect(base().requiredNoteElements).toHaveLength(2);
  });
});

describe("modifier helpers", () => {
  test.each(["HQ", "95", "GT", "AJ", "U1", "1U"])("accepts %s", (m) => {
    expect(isValidModifier(m)).toBe(true);
    expect(validateModifier(m)).toEqual([]);
  });
  test.each(["hq", "H", "HQX", "", "H-", " HQ", "9"])("rejects %j", (m) => {
    expect(isValidModifier(m)).toBe(false);
    expect(validateModifier(m, "m")).toEqual([{ field: "m", message: expect.stringMatching(/exactly two upper-case letters or digits/) }]);
  });
  test("normalizeModifier trims and upper-cases", () => {
    expect(normalizeModifier(" hq ")).toBe("HQ");
  });
});

describe("validatePayerRules: single fields", () => {
  // Each row changes one field of the (valid) defaults; `error` is the
  // field expected to be reported, or null when the value is accepted.
  const rows: [string, Partial<PayerRulesValues>, string | null][] = [
    ["minGroupSize 2 (lowest)", { minGroupSize: 2 }, null],
    ["minGroupSize 1", { minGroupSize: 1 }, "rules.minGroupSize"],
    ["minGroupSize 0", { minGroupSize: 0 }, "rules.minGroupSize"],
    ["minGroupSize 2.5", { minGroupSize: 2.5 }, "rules.minGroupSize"],
    ["minGroupSize NaN", { minGroupSize: Number.NaN }, "rules.minGroupSize"],
    ["maxGroupSize 100 (highest)", { maxGroupSize: 100 }, null],
    ["maxGroupSize 101", { maxGroupSize: 101 }, "rules.maxGroupSize"],
    ["maxGroupSize 12.5", { maxGroupSize: 12.5 }, "rules.maxGroupSize"],
    ["min = max group size", { minGroupSize: 8, maxGroupSize: 8 }, null],
    ["min = max = 2", { minGroupSize: 2, maxGroupSize: 2 }, null],
    ["min = max = 100", { minGroupSize: 100, maxGroupSize: 100 }, null],
    ["minSessionMinutes 1", { minSessionMinutes: 1 }, null],
    ["minSessionMinutes 0", { minSessionMinutes: 0 }, "rules.minSessionMinutes"],
    ["minSessionMinutes 30.5", { minSessionMinutes: 30.5 }, "rules.minSessionMinutes"],
    ["minSessionMinutes null", { minSessionMinutes: null }, null],
    ["maxSessionMinutes 480", { maxSessionMinutes: 480 }, null],
    ["maxSessionMinutes 481", { maxSessionMinutes: 481 }, "rules.maxSessionMinutes"],
    ["maxSessionMinutes null", { maxSessionMinutes: null }, null],
    ["both minutes null", { minSessionMinutes: null, maxSessionMinutes: null }, null],
    ["min null, max 30 (below the default min)", { minSessionMinutes: null, maxSessionMinutes: 30 }, null],
    ["min 480, max null", { minSessionMinutes: 480, maxSessionMinutes: null }, null],
    ["min = max minutes", { minSessionMinutes: 60, maxSessionMinutes: 60 }, null],
    ["maxUnitsPerDay 1", { maxUnitsPerDay: 1 }, null],
    ["requirePriorAuthorization true", { requirePriorAuthorization: true }, null],
    ["requirePriorAuthorization as text", { requirePriorAuthorization: "yes" as unknown as boolean }, "rules.requirePriorAuthorization"],
    ["maxUnitsPerDay 24", { maxUnitsPerDay: 24 }, null],
    ["maxUnitsPerDay 0", { maxUnitsPerDay: 0 }, "rules.maxUnitsPerDay"],
    ["maxUnitsPerDay 25", { maxUnitsPerDay: 25 }, "rules.maxUnitsPerDay"],
    ["maxUnitsPerDay 1.5", { maxUnitsPerDay: 1.5 }, "rules.maxUnitsPerDay"],
    ["feeCents 0", { feeCents: 0 }, null],
    ["feeCents 10,000,000", { feeCents: 10_000_000 }, null],
    ["feeCents -1", { feeCents: -1 }, "rules.feeCents"],
    ["feeCents 10,000,001", { feeCents: 10_000_001 }, "rules.feeCents"],
    ["feeCents 12.5", { feeCents: 12.5 }, "rules.feeCents"],
    ["POS 02", { telehealthPlaceOfService: "02" }, null],
    ["POS 10", { telehealthPlaceOfService: "10" }, null],
    ["POS 11", { telehealthPlaceOfService: "11" }, "rules.telehealthPlaceOfService"],
    ["POS 2", { telehealthPlaceOfService: "2" }, "rules.telehealthPlaceOfService"],
    ["effectiveFrom leap day", { effectiveFrom: "2024-02-29" }, null],
    ["effectiveFrom not a date", { effectiveFrom: "2023-02-29" }, "rules.effectiveFrom"],
    ["effectiveFrom timestamp", { effectiveFrom: "2024-01-01T00:00:00Z" }, "rules.effectiveFrom"],
    ["no modifier rules", { modifierRules: [] }, null],
    ["no required note elements", { requiredNoteElements: [] }, null],
    ["all note elements", { requiredNoteElements: ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"] }, null],
    ["repeated note element", { requiredNoteElements: ["PLAN", "RISK", "PLAN"] }, "rules.requiredNoteElements[2]"],
    ["unknown note element", { requiredNoteElements: ["MOOD" as never] }, "rules.requiredNoteElements[0]"],
    ["modifier lower case", { modifierRules: [{ modifier: "hq", when: "ALWAYS" }] }, "rules.modifierRules[0].modifier"],
    ["modifier 3 chars", { modifierRules: [{ modifier: "HQX", when: "ALWAYS" }] }, "rules.modifierRules[0].modifier"],
    ["unknown condition", { modifierRules: [{ modifier: "HQ", when: "SOMETIMES" as never }] }, "rules.modifierRules[0].when"],
    ["boolean missing", { requireSignedNote: undefined as never }, "rules.requireSignedNote"],
  ];

  test.each(rows)("%s", (_name, change, errorField) => {
    const errors = validatePayerRules({ ...base(), ...change });
    expect(fields(errors)).toEqual(errorField === null ? [] : [errorField]);
    for (const e of errors) expect(e.message.length).toBeGreaterThan(20);
  });

  test("messages say what is accepted", () => {
    expect(validatePayerRules({ ...base(), minGroupSize: 1 })).toEqual([
      { field: "rules.minGroupSize", message: "Minimum group size must be a whole number from 2 to 100" },
    ]);
    expect(validatePayerRules({ ...base(), maxSessionMinutes: 481 })[0].message).toMatch(/from 1 to 480, or null for no maximum/);
    expect(validatePayerRules({ ...base(), telehealthPlaceOfService: "11" })[0].message).toMatch(/02 .* or 10/);
  });

  test("uses the field prefix, or none", () => {
    expect(fields(validatePayerRules({ ...base(), feeCents: -1 }, "input.rules"))).toEqual(["input.rules.feeCents"]);
    expect(fields(validatePayerRules({ ...base(), feeCents: -1 }, ""))).toEqual(["feeCents"]);
  });

  test("reports every bad field at once", () => {
    const errors = validatePayerRules({ ...base(), minGroupSize: 1, maxUnitsPerDay: 0, feeCents: -5 });
    expect(fields(errors)).toEqual(["rules.minGroupSize", "rules.maxUnitsPerDay", "rules.feeCents"]);
  });
});

describe("validatePayerRules: cross-field and list rules", () => {
  test("min > max group size is reported once, on the max", () => {
    expect(validatePayerRules({ ...base(), minGroupSize: 10, maxGroupSize: 5 })).toEqual([
      { field: "rules.maxGroupSize", message: "Maximum group size (5) must be at least the minimum group size (10)" },
    ]);
  });

  test("min > max minutes is reported once, on the max", () => {
    expect(fields(validatePayerRules({ ...base(), minSessionMinutes: 90, maxSessionMinutes: 45 }))).toEqual(["rules.maxSessionMinutes"]);
  });

  test("out-of-range bounds are not also compared", () => {
    expect(fields(validatePayerRules({ ...base(), minGroupSize: 1, maxGroupSize: 0 }))).toEqual(["rules.minGroupSize", "rules.maxGroupSize"]);
    expect(fields(validatePayerRules({ ...base(), minSessionMinutes: 500, maxSessionMinutes: 60 }))).toEqual(["rules.minSessionMinutes"]);
  });

  test("10 modifier rules are allowed, 11 are not", () => {
    // Spread over the modalities so that no line would carry more than 4 of them.
    const conditions = ["ALWAYS", "IN_PERSON", "IN_PERSON", "IN_PERSON", "TELEHEALTH_VIDEO", "TELEHEALTH_VIDEO", "TELEHEALTH_VIDEO", "TELEHEALTH_AUDIO", "TELEHEALTH_AUDIO", "TELEHEALTH_AUDIO"] as const;
    const ten = conditions.map((when, i) => ({ modifier: `U${i}`, when }));
    expect(validatePayerRules({ ...base(), modifierRules: ten })).toEqual([]);
    const eleven = [...ten, { modifier: "UA", when: "TELEHEALTH_AUDIO" as const }].filter((r) => r.modifier !== "U0").concat({ modifier: "UB", when: "IN_PERSON" as const });
    expect(validatePayerRules({ ...base(), modifierRules: eleven })).toEqual([
      { field: "rules.modifierRules", message: "At most 10 modifier rules are allowed; 11 were given" },
    ]);
  });

  test("the same (modifier, when) pair twice is rejected on the repeat", () => {
    const errors = validatePayerRules({
      ...base(),
      modifierRules: [
        { modifier: "HQ", when: "ALWAYS" },
        { modifier: "95", when: "TELEHEALTH_VIDEO" },
        { modifier: "HQ", when: "ALWAYS" },
      ],
    });
    expect(errors).toEqual([{ field: "rules.modifierRules[2]", message: expect.stringMatching(/HQ \(always\) is listed more than once/) }]);
  });

  test("the same modifier under different conditions is fine", () => {
    const modifierRules = [
      { modifier: "95", when: "TELEHEALTH_VIDEO" as const },
      { modifier: "95", when: "TELEHEALTH_AUDIO" as const },
      { modifier: "GT", when: "TELEHEALTH_VIDEO" as const },
    ];
    expect(validatePayerRules({ ...base(), modifierRules })).toEqual([]);
  });
});

describe("mergePayerRules", () => {
  test("an empty patch keeps everything and is valid", () => {
    const current = defaultPayerRules("MEDICAID", "2024-01-01");
    const { values, errors } = mergePayerRules(current, {});
    expect(errors).toEqual([]);
    expect(values).toEqual(current);
  });

  test("omitted (and undefined) fields keep the current values", () => {
    const current: PayerRulesValues = { ...base(), minGroupSize: 3, maxGroupSize: 8, feeCents: 9500, telehealthAudioAllowed: true };
    const { values, errors } = mergePayerRules(current, { maxGroupSize: 10, feeCents: undefined });
    expect(errors).toEqual([]);
    expect(values).toEqual({ ...current, maxGroupSize: 10 });
  });

  test("does not mutate its inputs or share arrays with them", () => {
    const current = base();
    const snapshot = structuredClone(current);
    const patch: PayerRulesPatch = { modifierRules: [{ modifier: "gt", when: "TELEHEALTH_VIDEO" }] };
    const { values } = mergePayerRules(current, patch);
    expect(current).toEqual(snapshot);
    expect(patch.modifierRules?.[0].modifier).toBe("gt");
    values.requiredNoteElements.push("RISK");
    expect(current.requiredNoteElements).toEqual(["PARTICIPATION", "RESPONSE"]);
  });

  test.each([
    [{ minSessionMinutes: null }, { minSessionMinutes: null, maxSessionMinutes: 90 }],
    [{ maxSessionMinutes: null }, { minSessionMinutes: 45, maxSessionMinutes: null }],
    [{ minSessionMinutes: null, maxSessionMinutes: null }, { minSessionMinutes: null, maxSessionMinutes: null }],
    [{ minSessionMinutes: null, maxSessionMinutes: 30 }, { minSessionMinutes: null, maxSessionMinutes: 30 }],
  ] as [PayerRulesPatch, Partial<PayerRulesValues>][])("null clears session minutes: %j", (patch, expected) => {
    const { values, errors } = mergePayerRules(base(), patch);
    expect(errors).toEqual([]);
    expect(values).toMatchObject(expected);
  });

  test.each([
    "effectiveFrom",
    "minGroupSize",
    "maxGroupSize",
    "telehealthVideoAllowed",
    "telehealthAudioAllowed",
    "telehealthPlaceOfService",
    "modifierRules",
    "requiredNoteElements",
    "requireSignedNote",
    "requireLicensedLeader",
    "maxUnitsPerDay",
    "feeCents",
    "requirePriorAuthorization",
  ] as (keyof PayerRulesValues)[])("null on %s is an error and keeps the current value", (key) => {
    const current = base();
    const { values, errors } = mergePayerRules(current, { [key]: null });
    expect(errors).toEqual([{ field: `rules.${key}`, message: expect.stringMatching(/cannot be null/) }]);
    expect(values[key]).toEqual(current[key]);
  });

  test("null on minGroupSize has a plain message", () => {
    expect(mergePayerRules(base(), { minGroupSize: null }).errors).toEqual([
      { field: "rules.minGroupSize", message: "Minimum group size cannot be null; send a value, or leave it out to keep the current one" },
    ]);
  });

  test.each([
    [{ maxGroupSize: 1 }, "rules.maxGroupSize"],
    [{ minGroupSize: 1 }, "rules.minGroupSize"],
    [{ minGroupSize: 2 }, null],
    [{ maxGroupSize: 100 }, null],
    [{ maxGroupSize: 101 }, "rules.maxGroupSize"],
    [{ minSessionMinutes: 480, maxSessionMinutes: 480 }, null],
    [{ maxSessionMinutes: 481 }, "rules.maxSessionMinutes"],
    [{ minSessionMinutes: 0 }, "rules.minSessionMinutes"],
  ] as [PayerRulesPatch, string | null][])("boundary %j", (patch, errorField) => {
    expect(fields(mergePayerRules(base(), patch).errors)).toEqual(errorField === null ? [] : [errorField]);
  });

  describe("a crossed min/max names the field the patch set", () => {
    // Current rules: group 2-12, minutes 45-90.
    test.each([
      [{ maxGroupSize: 1 }, "rules.maxGroupSize"], // out of range: one range error, no crossed error
      [{ minGroupSize: 13 }, "rules.minGroupSize"],
      [{ maxGroupSize: 2 }, null],
      [{ maxGroupSize: 3, minGroupSize: 4 }, "rules.maxGroupSize"],
      [{ minSessionMinutes: 120 }, "rules.minSessionMinutes"],
      [{ maxSessionMinutes: 30 }, "rules.maxSessionMinutes"],
      [{ minSessionMinutes: 60, maxSessionMinutes: 50 }, "rules.maxSessionMinutes"],
      [{ minSessionMinutes: 120, maxSessionMinutes: null }, null],
    ] as [PayerRulesPatch, string | null][])("%j", (patch, errorField) => {
      const { errors } = mergePayerRules(base(), patch);
      expect(fields(errors)).toEqual(errorField === null ? [] : [errorField]);
    });

    test("only maxGroupSize set below the current min", () => {
      const current = { ...base(), minGroupSize: 6 };
      expect(mergePayerRules(current, { maxGroupSize: 4 }).errors).toEqual([
        { field: "rules.maxGroupSize", message: "Maximum group size (4) must be at least the minimum group size (6)" },
      ]);
    });

    test("only minGroupSize set above the current max", () => {
      expect(mergePayerRules(base(), { minGroupSize: 13 }).errors).toEqual([
        { field: "rules.minGroupSize", message: "Minimum group size (13) must not exceed the maximum group size (12)" },
      ]);
    });

    test("with a custom prefix", () => {
      expect(fields(mergePayerRules(base(), { minGroupSize: 13 }, "input.rules").errors)).toEqual(["input.rules.minGroupSize"]);
    });
  });

  test("modifiers are trimmed and upper-cased before validation", () => {
    const { values, errors } = mergePayerRules(base(), {
      modifierRules: [
        { modifier: " hq ", when: "ALWAYS" },
        { modifier: "gt", when: "TELEHEALTH_VIDEO" },
      ],
    });
    expect(errors).toEqual([]);
    expect(values.modifierRules).toEqual([
      { modifier: "HQ", when: "ALWAYS" },
      { modifier: "GT", when: "TELEHEALTH_VIDEO" },
    ]);
  });

  test("modifier pairs that only differ in case are duplicates", () => {
    const { errors } = mergePayerRules(base(), {
      modifierRules: [
        { modifier: "hq", when: "ALWAYS" },
        { modifier: "HQ", when: "ALWAYS" },
      ],
    });
    expect(fields(errors)).toEqual(["rules.modifierRules[1]"]);
  });

  test("a bad modifier is still an error after normalizing", () => {
    const { errors } = mergePayerRules(base(), { modifierRules: [{ modifier: "h-", when: "ALWAYS" }, { modifier: "", when: "ALWAYS" }] });
    expect(fields(errors)).toEqual(["rules.modifierRules[0].modifier", "rules.modifierRules[1].modifier"]);
  });

  test("more than 10 modifier rules are rejected", () => {
    const conditions = ["IN_PERSON", "TELEHEALTH_VIDEO", "TELEHEALTH_AUDIO"] as const;
    const modifierRules = Array.from({ length: 11 }, (_, i) => ({ modifier: `u${"abcdefghijk"[i]}`, when: conditions[i % 3] }));
    expect(fields(mergePayerRules(base(), { modifierRules }).errors)).toEqual(["rules.modifierRules"]);
  });

  test("repeated note elements are dropped silently, first occurrence kept", () => {
    const { values, errors } = mergePayerRules(base(), { requiredNoteElements: ["PLAN", "RISK", "PLAN", "RISK", "PROGRESS"] });
    expect(errors).toEqual([]);
    expect(values.requiredNoteElements).toEqual(["PLAN", "RISK", "PROGRESS"]);
  });

  test("an empty list replaces, it does not keep", () => {
    const { values } = mergePayerRules(defaultPayerRules("MEDICAID", "2024-01-01"), { modifierRules: [], requiredNoteElements: [] });
    expect(values.modifierRules).toEqual([]);
    expect(values.requiredNoteElements).toEqual([]);
  });

  test("place of service and effective date are trimmed", () => {
    const { values, errors } = mergePayerRules(base(), { telehealthPlaceOfService: " 10 ", effectiveFrom: " 2025-07-01 " });
    expect(errors).toEqual([]);
    expect(values.telehealthPlaceOfService).toBe("10");
    expect(values.effectiveFrom).toBe("2025-07-01");
  });

  test("a full valid patch replaces every field", () => {
    const full: PayerRulesValues = {
      effectiveFrom: "2025-01-01",
      minGroupSize: 3,
      maxGroupSize: 10,
      minSessionMinutes: 60,
      maxSessionMinutes: 120,
      telehealthVideoAllowed: false,
      telehealthAudioAllowed: true,
      telehealthPlaceOfService: "10",
      modifierRules: [{ modifier: "AJ", when: "ALWAYS" }],
      requiredNoteElements: ["INTERVENTIONS"],
      requireSignedNote: false,
      requireLicensedLeader: false,
      maxUnitsPerDay: 2,
      feeCents: 4250,
      requirePriorAuthorization: true,
    };
    expect(mergePayerRules(base(), full)).toEqual({ values: full, errors: [] });
  });

  test("errors from null and from validation are both returned", () => {
    const { errors } = mergePayerRules(base(), { minGroupSize: null, feeCents: -1, telehealthPlaceOfService: "11" });
    expect(fields(errors)).toEqual(["rules.minGroupSize", "rules.telehealthPlaceOfService", "rules.feeCents"]);
  });
});

describe("modifier rules that contradict a line", () => {
  test.each([
    ["95", "ALWAYS"],
    ["95", "IN_PERSON"],
    ["GT", "ALWAYS"],
    ["GT", "IN_PERSON"],
    ["93", "IN_PERSON"],
    ["93", "ALWAYS"],
    ["FQ", "IN_PERSON"],
  ] as const)("telehealth modifier %s on %s is refused, naming the condition", (modifier, when) => {
    const errors = validatePayerRules({ ...base(), modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier, when }] });
    expect(errors).toEqual([{ field: "rules.modifierRules[1].when", message: expect.stringContaining(`Modifier ${modifier} means the service was delivered by telehealth`) }]);
  });

  test.each([
    ["95", "TELEHEALTH_VIDEO"],
    ["GT", "TELEHEALTH_VIDEO"],
    ["93", "TELEHEALTH_AUDIO"],
    ["95", "TELEHEALTH_AUDIO"],
    ["HQ", "IN_PERSON"],
  ] as const)("%s on %s is accepted", (modifier, when) => {
    expect(validatePayerRules({ ...base(), modifierRules: [{ modifier, when }] })).toEqual([]);
  });

  test("4 modifiers that apply together are accepted; a 5th for the same modality is refused", () => {
    const four = [
      { modifier: "HQ", when: "ALWAYS" as const },
      { modifier: "U1", when: "ALWAYS" as const },
      { modifier: "U2", when: "TELEHEALTH_VIDEO" as const },
      { modifier: "95", when: "TELEHEALTH_VIDEO" as const },
    ];
    expect(validatePayerRules({ ...base(), modifierRules: four })).toEqual([]);
    const five = [...four, { modifier: "U3", when: "TELEHEALTH_VIDEO" as const }];
    expect(validatePayerRules({ ...base(), modifierRules: five })).toEqual([
      { field: "rules.modifierRules", message: expect.stringContaining("5 modifiers (HQ, U1, U2, 95, U3) would apply together to a video telehealth line") },
    ]);
  });

  test("5 rules whose modifiers never meet on one line are accepted", () => {
    const rules = [
      { modifier: "HQ", when: "ALWAYS" as const },
      { modifier: "U1", when: "IN_PERSON" as const },
      { modifier: "U2", when: "IN_PERSON" as const },
      { modifier: "95", when: "TELEHEALTH_VIDEO" as const },
      { modifier: "93", when: "TELEHEALTH_AUDIO" as const },
    ];
    expect(validatePayerRules({ ...base(), modifierRules: rules })).toEqual([]);
  });

  test("the same modifier under two conditions counts once on a line", () => {
    const rules = ["HQ", "U1", "U2"].map((modifier) => ({ modifier, when: "ALWAYS" as const }));
    const withRepeat = [...rules, { modifier: "U3", when: "IN_PERSON" as const }, { modifier: "HQ", when: "IN_PERSON" as const }];
    expect(validatePayerRules({ ...base(), modifierRules: withRepeat })).toEqual([]);
  });
});
