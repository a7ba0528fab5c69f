/** Input checks of issue 11 item 9: the payer's 90785 rule and the attendance flag with its reason. */
import { defaultPayerRules, interactiveComplexityOf, mergePayerRules, type FieldError, type PayerRulesPatch } from "../../../../server/src/domain/validation/index.js";

const base = () => defaultPayerRules("COMMERCIAL", "2024-01-01");

describe("payer rules: allowInteractiveComplexity and its fee", () => {
  test.each<[string, PayerRulesPatch, string[]]>([
    ["allowed with a fee", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1_850 }, []],
    ["allowed with the lowest fee, 1 cent (boundary)", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1 }, []],
    ["allowed with the highest fee (boundary)", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 10_000_000 }, []],
    ["allowed without a fee", { allowInteractiveComplexity: true }, ["rules.interactiveComplexityFeeCents"]],
    ["allowed at $0", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 0 }, ["rules.interactiveComplexityFeeCents"]],
    ["a fee set while not allowed (kept for later)", { allowInteractiveComplexity: false, interactiveComplexityFeeCents: 1_850 }, []],
    ["a negative fee", { interactiveComplexityFeeCents: -1 }, ["rules.interactiveComplexityFeeCents"]],
    ["a fee over the limit", { interactiveComplexityFeeCents: 10_000_001 }, ["rules.interactiveComplexityFeeCents"]],
    ["a fractional fee", { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 18.5 }, ["rules.interactiveComplexityFeeCents"]],
    ["null for the flag", { allowInteractiveComplexity: null }, ["rules.allowInteractiveComplexity"]],
    ["null for the fee", { interactiveComplexityFeeCents: null }, ["rules.interactiveComplexityFeeCents"]],
  ])("%s", (_name, patch, expected) => {
    const { errors, values } = mergePayerRules(base(), patch);
    expect(errors.map((e) => e.field)).toEqual(expected);
    if (expected.length === 0) expect(values.allowInteractiveComplexity ?? false).toBe(patch.allowInteractiveComplexity ?? false);
  });

  test("a $0 fee while allowed says why in words", () => {
    const { errors } = mergePayerRules(base(), { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 0 });
    expect(errors[0]!.message).toBe("Set the fee for interactive complexity (90785) when this payer pays it: a claim line billed at $0.00 is rejected");
  });

  test("turning it off keeps the fee and needs none", () => {
    const on = mergePayerRules(base(), { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1_850 }).values;
    const off = mergePayerRules(on, { allowInteractiveComplexity: false });
    expect(off.errors).toEqual([]);
    expect(off.values.interactiveComplexityFeeCents).toBe(1_850);
  });
});

describe("attendance: the interactive complexity flag and its reason", () => {
  const run = (entry: Parameters<typeof interactiveComplexityOf>[0]) => {
    const errors: FieldError[] = [];
    const result = interactiveComplexityOf(entry, "entries[0]", errors);
    return { result, fields: errors.map((e) => e.field), messages: errors.map((e) => e.message) };
  };

  test.each<[string, Parameters<typeof interactiveComplexityOf>[0], string | null | undefined, string[]]>([
    ["flagged with a reason: trimmed", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "  Interpreter needed " }, "Interpreter needed", []],
    ["a reason of 500 characters (boundary)", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "x".repeat(500) }, "x".repeat(500), []],
    ["a reason of 501 characters", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "x".repeat(501) }, undefined, ["entries[0].interactiveComplexityReason"]],
    ["flagged without a reason", { status: "PRESENT", interactiveComplexity: true }, undefined, ["entries[0].interactiveComplexityReason"]],
    ["flagged with a blank reason", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: " \n " }, undefined, ["entries[0].interactiveComplexityReason"]],
    ["a control character in the reason", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "bell\u0007" }, undefined, ["entries[0].interactiveComplexityReason"]],
    ["line breaks are fine", { status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "Caregiver conflict;\nplay therapy tools" }, "Caregiver conflict;\nplay therapy tools", []],
    ["flagged for an absent member", { status: "ABSENT", interactiveComplexity: true, interactiveComplexityReason: "x" }, undefined, ["entries[0].interactiveComplexity"]],
    ["cleared", { status: "PRESENT", interactiveComplexity: false }, null, []],
    ["cleared with a reason", { status: "PRESENT", interactiveComplexity: false, interactiveComplexityReason: "why" }, null, ["entries[0].interactiveComplexityReason"]],
    ["omitted: kept", { status: "PRESENT" }, undefined, []],
    ["null: kept", { status: "PRESENT", interactiveComplexity: null }, undefined, []],
    ["a reason without the flag", { status: "PRESENT", interactiveComplexityReason: "why" }, undefined, ["entries[0].interactiveComplexityReason"]],
    ["marked absent: cleared", { status: "ABSENT" }, null, []],
  ])("%s", (_name, entry, result, fields) => {
    const out = run(entry);
    expect(out.fields).toEqual(fields);
    if (fields.length === 0) expect(out.result).toEqual(result);
  });

  test("a missing reason says what to write", () => {
    expect(run({ status: "PRESENT", interactiveComplexity: true }).messages[0]).toMatch(/^Say what made this session of interactive complexity for the member/);
  });
});
