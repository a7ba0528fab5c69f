import { DEFAULT_DRAFT_ELEMENTS, draftSections, type DraftFacts } from "../../../../server/src/domain/notes/drafting.js";

const facts = (overrides: Partial<DraftFacts> = {}): DraftFacts => ({
  firstName: "Ava",
  groupKind: "PSYCHOTHERAPY",
  topics: "Managing conflict at work.",
  interventions: "CBT role play, group feedback",
  words: "shared a conflict with her manager",
  durationMinutes: 60,
  minutesAttended: null,
  ...overrides,
});

describe("note drafting", () => {
  test("fills exactly the elements asked for, from the session's documentation and the member's words", () => {
    expect(draftSections(facts(), ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"])).toEqual({
      PARTICIPATION: "Ava attended all 60 minutes of the group psychotherapy session on Managing conflict at work and took part in the discussion. Shared a conflict with her manager.",
      RESPONSE: "Ava responded to the interventions used (CBT role play, group feedback) and engaged with peers' feedback.",
      INTERVENTIONS: "The leader used CBT role play, group feedback to address Managing conflict at work.",
      PROGRESS: "Ava is working on treatment-plan goals related to Managing conflict at work.",
      PLAN: "Continue the group psychotherapy session; Ava to practice what was worked on between sessions.",
      RISK: "No safety concerns were raised by or about Ava in the session.",
    });
    expect(Object.keys(draftSections(facts(), ["RESPONSE", "PARTICIPATION"]))).toEqual(["PARTICIPATION", "RESPONSE"]);
    expect(Object.keys(draftSections(facts(), DEFAULT_DRAFT_ELEMENTS))).toEqual(["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PLAN"]);
  });

  test("is deterministic", () => {
    expect(draftSections(facts(), DEFAULT_DRAFT_ELEMENTS)).toEqual(draftSections(facts(), DEFAULT_DRAFT_ELEMENTS));
  });

  test.each<[string, Partial<DraftFacts>, string]>([
    ["minutes attended when short of the session", { minutesAttended: 40 }, "Ava attended 40 of 60 minutes"],
    ["no words: no extra sentence", { words: "  " }, "took part in the discussion."],
    ["no topics recorded: neutral words", { topics: null }, "on the session's topic"],
  ])("participation: %s", (_name, overrides, expected) => {
    const text = draftSections(facts(overrides), ["PARTICIPATION"]).PARTICIPATION!;
    expect(text).toContain(expected);
    if (overrides.words !== undefined) expect(text.endsWith("took part in the discussion.")).toBe(true);
  });

  test.each<[DraftFacts["groupKind"], string]>([
    ["SKILLS", "Ava practiced the skills taught (CBT role play, group feedback)"],
    ["FAMILY", "Ava and family members responded"],
    ["MULTI_FAMILY", "alongside the other families"],
    ["SUPPORT", "Ava responded to the interventions used"],
  ])("the %s template", (groupKind, expected) => {
    expect(draftSections(facts({ groupKind }), ["RESPONSE"]).RESPONSE).toContain(expected);
  });
});
