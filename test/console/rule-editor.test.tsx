import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RuleEditor } from "../../console/src/payers/rule-editor";
import type { PayerRulesFieldsFragment } from "../../console/src/__generated__/graphql";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

const rules: PayerRulesFieldsFragment = {
  __typename: "PayerRules",
  id: "r1",
  effectiveFrom: "2026-01-01",
  minGroupSize: 2,
  maxGroupSize: 12,
  minSessionMinutes: 45,
  maxSessionMinutes: 90,
  telehealthVideoAllowed: true,
  telehealthAudioAllowed: false,
  telehealthPlaceOfService: "02",
  modifierRules: [{ __typename: "ModifierRule", modifier: "HQ", when: "ALWAYS" }],
  requiredNoteElements: ["PARTICIPATION", "RESPONSE"],
  requireSignedNote: true,
  requireLicensedLeader: true,
  maxUnitsPerDay: 1,
  feeCents: 4800,
  requirePriorAuthorization: false,
  createdAt: "2026-01-01T00:00:00Z",
};

const impact = {
  __typename: "RulesImpact",
  decisionsEvaluated: 3,
  newlyBlocked: 3,
  newlyReady: 0,
  otherwiseChanged: 0,
  unchanged: 0,
  timeline: [
    { __typename: "RulesTimelineSegment", from: "2026-03-01", to: "2026-03-14", ruleVersionId: "r1", effectiveFrom: "0001-01-01", proposed: false },
    { __typename: "RulesTimelineSegment", from: "2026-03-15", to: "2026-03-31", ruleVersionId: null, effectiveFrom: "2026-03-15", proposed: true },
  ],
  changes: ["c1", "c2", "c3"].map((id, i) => ({
    __typename: "RulesImpactChange",
    before: "READY",
    after: "BLOCKED",
    issueCodes: ["GROUP_TOO_LARGE"],
    changedFields: ["status", "chargeCents", "issues"],
    beforeLine: { __typename: "ClaimLineContents", chargeCents: 4800, modifiers: ["HQ"], placeOfService: "11", addOnCodes: [] },
    afterLine: { __typename: "ClaimLineContents", chargeCents: 5250, modifiers: ["HQ"], placeOfService: "11", addOnCodes: [] },
    session: { __typename: "GroupSession", id: "s1", date: "2026-03-10", startsAt: "2026-03-10T15:00:00Z", group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills" } },
    client: { __typename: "Client", id, firstName: `Member${i}`, lastName: "Test" },
  })),
};

function setup(handler: (call: Call) => Reply, canEdit = true) {
  const mock = mockClient(handler);
  const onSaved = jest.fn();
  renderAs("ADMIN", <RuleEditor payerId="p1" rules={rules} today="2026-03-15" canEdit={canEdit} onSaved={onSaved} />, mock.client);
  return { ...mock, onSaved, user: userEvent.setup() };
}

it("puts HQ and 95 a click away, and reorders and removes modifiers", async () => {
  const { user } = setup(() => ({ data: null }));
  expect(screen.getByRole("button", { name: "+ HQ group setting" })).toBeDisabled();
  await user.click(screen.getByRole("button", { name: "+ 95 video" }));
  expect(screen.getByLabelText("Modifier 2")).toHaveProperty("value", "95");
  await user.click(screen.getByRole("button", { name: "Move 95 up" }));
  expect(screen.getByLabelText("Modifier 1")).toHaveProperty("value", "95");
  expect(screen.getByLabelText("Modifier 2")).toHaveProperty("value", "HQ");
  await user.click(screen.getByRole("button", { name: "Remove HQ" }));
  expect(screen.queryByLabelText("Modifier 2")).toBeNull();
  expect(screen.getByRole("button", { name: "+ HQ group setting" })).toBeEnabled();
});

it("saves only a previewed change: preview shows what would block, then Save sends the rules with the fee in cents", async () => {
  const { user, calls, onSaved } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: impact } };
    if (call.operationName === "SetPayerRules") return { data: { setPayerRules: { __typename: "Payer", id: "p1", rules, ruleHistory: [rules] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  const save = screen.getByRole("button", { name: "Save new version" });
  expect(save).toBeDisabled();

  await user.clear(screen.getByLabelText("Maximum members"));
  await user.type(screen.getByLabelText("Maximum members"), "2");
  await user.clear(screen.getByLabelText("Fee per line (USD)"));
  await user.type(screen.getByLabelText("Fee per line (USD)"), "52.5");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));

  const preview = await screen.findByRole("region", { name: "Impact preview" });
  expect(preview.textContent).toContain("This change would block 3 lines, unblock 0 lines and change what 0 lines would send");
  expect(within(preview).getAllByRole("row")).toHaveLength(4);
  expect(within(preview).getAllByText(/charge \$48\.00 → \$52\.50/)).toHaveLength(3);
  const timeline = within(preview).getByRole("list", { name: "Rules versions by date" });
  expect(within(timeline).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
    expect.stringContaining("the version in force since always"),
    expect.stringContaining("your proposed rules"),
  ]);
  expect(within(preview).getAllByText(/Group too large/)).toHaveLength(3);
  expect(calls[0].variables).toMatchObject({ payerId: "p1", rules: { maxGroupSize: 2, feeCents: 5250, effectiveFrom: "2026-03-15" } });

  // A change after the preview needs a new preview.
  await user.type(screen.getByLabelText("Units a day per member"), "2");
  expect(save).toBeDisabled();
  await user.clear(screen.getByLabelText("Units a day per member"));
  await user.type(screen.getByLabelText("Units a day per member"), "1");
  expect(save).toBeEnabled();

  await user.click(save);
  await waitFor(() => expect(onSaved).toHaveBeenLastCalledWith(expect.stringContaining("Saved a new version")));
  expect(calls.map((c) => c.operationName)).toEqual(["PreviewPayerRules", "SetPayerRules"]);
  expect(calls[1].variables).toMatchObject({ payerId: "p1", rules: { maxGroupSize: 2, feeCents: 5250, maxUnitsPerDay: 1 } });
});

it("previews and saves requiring prior authorization, showing the lines it would block", async () => {
  const authImpact = {
    ...impact,
    changes: impact.changes.map((c) => ({ ...c, issueCodes: ["AUTH_REQUIRED"], changedFields: ["status", "issues"], afterLine: c.beforeLine })),
  };
  const { user, calls, onSaved } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: authImpact } };
    if (call.operationName === "SetPayerRules") return { data: { setPayerRules: { __typename: "Payer", id: "p1", rules, ruleHistory: [rules] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  const toggle = screen.getByRole("switch", { name: "Requires prior authorization" });
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  const preview = await screen.findByRole("region", { name: "Impact preview" });
  expect(within(preview).getAllByText(/No prior authorization/)).toHaveLength(3);
  expect(calls[0].variables).toMatchObject({ payerId: "p1", rules: { requirePriorAuthorization: true } });
  await user.click(screen.getByRole("button", { name: "Save new version" }));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(calls[1].variables).toMatchObject({ rules: { requirePriorAuthorization: true } });
});

it("shows each of the server's field messages next to its input", async () => {
  const { user } = setup(() =>
    badUserInput([
      { field: "rules.maxGroupSize", message: "Maximum group size must be at least the minimum (4)" },
      { field: "rules.modifierRules[0].modifier", message: "Modifier must be exactly two upper-case letters or digits (e.g. HQ, 95, GT)" },
    ]),
  );
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  const max = screen.getByLabelText("Maximum members");
  await waitFor(() => expect(max.getAttribute("aria-invalid")).toBe("true"));
  const described = document.getElementById(max.getAttribute("aria-describedby")!.split(" ").pop()!);
  expect(described?.textContent).toBe("Maximum group size must be at least the minimum (4)");
  const modifier = screen.getByLabelText("Modifier 1");
  expect(document.getElementById(modifier.getAttribute("aria-describedby")!)?.textContent).toMatch(/two upper-case letters/);
});

it("checks numbers before asking the server", async () => {
  const { user, calls } = setup(() => ({ data: null }));
  await user.clear(screen.getByLabelText("Fee per line (USD)"));
  await user.type(screen.getByLabelText("Fee per line (USD)"), "forty");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(await screen.findByText("Enter the fee in dollars, like 48.00")).toBeTruthy();
  expect(calls).toHaveLength(0);
});

it("is read-only without the right to manage payers", () => {
  setup(() => ({ data: null }), false);
  expect(screen.getByLabelText("Maximum members")).toBeDisabled();
  expect(screen.queryByRole("button", { name: "Save new version" })).toBeNull();
  expect(screen.getByText(/Only owners and admins change payer rules/)).toBeTruthy();
});

it("previews and saves a minimum attendance per member, sending empty fields as no minimum", async () => {
  const attendanceImpact = {
    ...impact,
    changes: impact.changes.map((c) => ({ ...c, issueCodes: ["ATTENDANCE_TOO_SHORT"], changedFields: ["status", "issues"], afterLine: c.beforeLine })),
  };
  const { user, calls, onSaved } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: attendanceImpact } };
    if (call.operationName === "SetPayerRules") return { data: { setPayerRules: { __typename: "Payer", id: "p1", rules, ruleHistory: [rules] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  const minutes = screen.getByLabelText("Each member attends at least (minutes)");
  const percent = screen.getByLabelText("…and at least (% of the session)");
  expect(minutes).toHaveValue("");
  expect(percent).toHaveValue("");
  await user.type(percent, "75");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  const preview = await screen.findByRole("region", { name: "Impact preview" });
  expect(within(preview).getAllByText(/attended too little/)).toHaveLength(3);
  expect(calls[0].variables).toMatchObject({ rules: { minAttendedMinutes: null, minAttendedPercent: 75 } });
  await user.click(screen.getByRole("button", { name: "Save new version" }));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(calls[1].variables).toMatchObject({ rules: { minAttendedMinutes: null, minAttendedPercent: 75 } });
});

it("refuses a minimum attendance that is not a whole number before asking the server", async () => {
  const { user, calls } = setup(() => ({ data: null }));
  await user.type(screen.getByLabelText("…and at least (% of the session)"), "75.5");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(await screen.findByText("Enter a whole number of percent, or leave it empty for none")).toBeTruthy();
  expect(calls).toHaveLength(0);
});

it("turns on the class-like documentation warning and sends it with the preview and the save", async () => {
  const { user, calls, onSaved } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: { ...impact, newlyBlocked: 0, changes: [] } } };
    if (call.operationName === "SetPayerRules") return { data: { setPayerRules: { __typename: "Payer", id: "p1", rules, ruleHistory: [rules] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  const toggle = screen.getByRole("switch", { name: "Warn when documentation reads as a class" });
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await screen.findByRole("region", { name: "Impact preview" });
  expect(calls[0].variables).toMatchObject({ rules: { warnClassLikeDocumentation: true } });
  await user.click(screen.getByRole("button", { name: "Save new version" }));
  await waitFor(() => expect(onSaved).toHaveBeenCalled());
  expect(calls[1].variables).toMatchObject({ rules: { warnClassLikeDocumentation: true } });
});

it("sends the signing deadline and its severity, empty as no deadline", async () => {
  const { user, calls } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: { ...impact, changes: [] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await screen.findByRole("region", { name: "Impact preview" });
  expect(calls[0].variables).toMatchObject({ rules: { signWithinDays: null, lateSignatureSeverity: "WARNING" } });
  await user.type(screen.getByLabelText("Sign notes within (days after the session)"), "3");
  await user.selectOptions(screen.getByLabelText("A late signature"), "ERROR");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(calls).toHaveLength(2));
  expect(calls[1].variables).toMatchObject({ rules: { signWithinDays: 3, lateSignatureSeverity: "ERROR" } });
});

it("adds and removes modifiers by credential, sending them upper-cased in order", async () => {
  const { user, calls } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: { ...impact, changes: [] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  expect(screen.getByText(/None\. Added after the modifiers above/)).toBeTruthy();
  await user.click(screen.getByRole("button", { name: "+ Credential modifier" }));
  await user.type(screen.getByLabelText("Credential 1"), "lcsw");
  await user.type(screen.getByLabelText("Adds modifier 1"), "aj");
  await user.click(screen.getByRole("button", { name: "+ Credential modifier" }));
  await user.type(screen.getByLabelText("Credential 2"), "LPC");
  await user.type(screen.getByLabelText("Adds modifier 2"), "HO");
  await user.click(screen.getByRole("button", { name: "+ Credential modifier" }));
  await user.click(screen.getByRole("button", { name: "Remove credential modifier" }));
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(calls).toHaveLength(1));
  expect(calls[0].variables).toMatchObject({ rules: { credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }, { credential: "LPC", modifier: "HO" }] } });
});

it("shows the server's message next to a credential modifier", async () => {
  const { user } = setup(() => badUserInput([{ field: "rules.credentialModifiers[0].modifier", message: "Modifier 95 means the service was delivered by telehealth" }]));
  await user.click(screen.getByRole("button", { name: "+ Credential modifier" }));
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  const input = screen.getByLabelText("Adds modifier 1");
  await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
  expect(screen.getByText("Modifier 95 means the service was delivered by telehealth")).toBeTruthy();
});

it("turns on telehealth place of service by the member's location", async () => {
  const { user, calls } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: { ...impact, changes: [] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  const toggle = screen.getByRole("switch", { name: "Place of service by where the member joined from" });
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(calls).toHaveLength(1));
  expect(calls[0].variables).toMatchObject({ rules: { telehealthPosByLocation: true, telehealthPlaceOfService: "02" } });
});

it("pays interactive complexity (90785) at its own fee: the fee appears with the switch, is sent in cents, and the preview names the add-on", async () => {
  const flagged = {
    ...impact.changes[0]!,
    before: "READY",
    after: "READY",
    issueCodes: [],
    changedFields: ["issues", "addOnLines"],
    beforeLine: { ...impact.changes[0]!.beforeLine, chargeCents: 4800, addOnCodes: [] },
    afterLine: { ...impact.changes[0]!.afterLine, chargeCents: 4800, addOnCodes: ["90785"] },
  };
  const { user, calls } = setup((call) => {
    if (call.operationName === "PreviewPayerRules") return { data: { previewPayerRules: { ...impact, newlyBlocked: 0, changes: [flagged] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  expect(screen.queryByLabelText("Fee for 90785 (USD)")).toBeNull();
  const toggle = screen.getByRole("switch", { name: "Pays interactive complexity (90785)" });
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  await user.clear(screen.getByLabelText("Fee for 90785 (USD)"));
  await user.type(screen.getByLabelText("Fee for 90785 (USD)"), "14.50");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(calls).toHaveLength(1));
  expect(calls[0].variables).toMatchObject({ rules: { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1450, feeCents: 4800 } });
  expect(await screen.findByText(/add-on lines none → 90785/)).toBeTruthy();
});

it("checks the 90785 fee before asking the server, and shows the server's message next to it", async () => {
  const { user, calls } = setup(() => badUserInput([{ field: "rules.interactiveComplexityFeeCents", message: "Set the fee for interactive complexity (90785) when this payer pays it: a claim line billed at $0.00 is rejected" }]));
  await user.click(screen.getByRole("switch", { name: "Pays interactive complexity (90785)" }));
  const fee = screen.getByLabelText("Fee for 90785 (USD)");
  await user.clear(fee);
  await user.type(fee, "fourteen");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(await screen.findByText("Enter the fee in dollars, like 14.50")).toBeTruthy();
  expect(calls).toHaveLength(0);
  await user.clear(fee);
  await user.type(fee, "0");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(fee.getAttribute("aria-invalid")).toBe("true"));
  expect(document.getElementById(fee.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent).toMatch(/a claim line billed at \$0.00 is rejected/);
});

it("sends weekly and monthly caps and the filing window, empty as none, and shows the server's message at the field", async () => {
  const { user, calls } = setup((call) => {
    if (call.operationName !== "PreviewPayerRules") throw new Error(`unexpected ${call.operationName}`);
    if ((call.variables as { rules: { timelyFilingDays: number | null } }).rules.timelyFilingDays === 0) {
      return badUserInput([{ field: "rules.timelyFilingDays", message: "Timely filing window must be a whole number of days from 1 to 3650" }]);
    }
    return { data: { previewPayerRules: { ...impact, changes: [] } } };
  });
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await screen.findByRole("region", { name: "Impact preview" });
  expect(calls[0].variables).toMatchObject({ rules: { maxUnitsPerWeek: null, maxUnitsPerMonth: null, timelyFilingDays: null } });

  await user.type(screen.getByLabelText("Units a week per member"), "1");
  await user.type(screen.getByLabelText("Units a month per member"), "4");
  await user.type(screen.getByLabelText("Timely filing (days after the session)"), "90");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(calls).toHaveLength(2));
  expect(calls[1].variables).toMatchObject({ rules: { maxUnitsPerWeek: 1, maxUnitsPerMonth: 4, timelyFilingDays: 90 } });

  // Not a number: caught before anything is sent.
  await user.clear(screen.getByLabelText("Units a week per member"));
  await user.type(screen.getByLabelText("Units a week per member"), "two");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(await screen.findByText("Enter a whole number of units, or leave it empty for none")).toBeTruthy();
  expect(calls).toHaveLength(2);

  await user.clear(screen.getByLabelText("Units a week per member"));
  await user.clear(screen.getByLabelText("Timely filing (days after the session)"));
  await user.type(screen.getByLabelText("Timely filing (days after the session)"), "0");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(await screen.findByText("Timely filing window must be a whole number of days from 1 to 3650")).toBeTruthy();
  expect(screen.getByLabelText("Timely filing (days after the session)").getAttribute("aria-invalid")).toBe("true");
  expect(screen.getByLabelText("Units a month per member").getAttribute("aria-invalid")).not.toBe("true");
  expect(calls[2].variables).toMatchObject({ rules: { maxUnitsPerWeek: null, timelyFilingDays: 0 } });
});

it("clears a field's message once that field is edited, its own check's and the server's alike, and keeps the others'", async () => {
  const { user, calls } = setup(() =>
    badUserInput([
      { field: "rules.maxGroupSize", message: "Maximum group size must be at least the minimum (4)" },
      { field: "rules.modifierRules[0].modifier", message: "Modifier must be exactly two upper-case letters or digits (e.g. HQ, 95, GT)" },
      { field: "rules.telehealthAudioAllowed", message: "Audio-only sessions need a modifier for audio" },
      { field: "rules.timelyFilingDays", message: "Timely filing window must be a whole number of days from 1 to 3650" },
    ]),
  );
  const messageOf = (label: string) => document.getElementById(`${screen.getByLabelText(label).id}-error`)?.textContent ?? null;
  const fee = screen.getByLabelText("Fee per line (USD)");
  await user.clear(fee);
  await user.type(fee, "forty");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  expect(messageOf("Fee per line (USD)")).toBe("Enter the fee in dollars, like 48.00");
  expect(calls).toHaveLength(0);
  await user.clear(fee);
  expect(messageOf("Fee per line (USD)")).toBeNull();
  await user.type(fee, "52");

  await user.type(screen.getByLabelText("Timely filing (days after the session)"), "0");
  await user.click(screen.getByRole("button", { name: "Preview impact" }));
  await waitFor(() => expect(messageOf("Maximum members")).toBe("Maximum group size must be at least the minimum (4)"));
  expect(messageOf("Modifier 1")).toMatch(/two upper-case letters/);
  expect(screen.getByText("Audio-only sessions need a modifier for audio")).toBeTruthy();

  await user.type(screen.getByLabelText("Maximum members"), "0");
  expect(messageOf("Maximum members")).toBeNull();
  expect(screen.getByLabelText("Maximum members")).toHaveAttribute("aria-invalid", "false");
  expect(messageOf("Modifier 1")).toMatch(/two upper-case letters/);
  expect(messageOf("Timely filing (days after the session)")).toMatch(/from 1 to 3650/);
  expect(screen.getByRole("alert").textContent).toBe("Fix the fields marked above.");

  await user.clear(screen.getByLabelText("Modifier 1"));
  await user.type(screen.getByLabelText("Modifier 1"), "HQ");
  expect(messageOf("Modifier 1")).toBeNull();
  await user.click(screen.getByRole("switch", { name: "Audio-only sessions covered" }));
  expect(screen.queryByText("Audio-only sessions need a modifier for audio")).toBeNull();
  await user.clear(screen.getByLabelText("Timely filing (days after the session)"));
  expect(messageOf("Timely filing (days after the session)")).toBeNull();
  // Every field the answer named is fixed: nothing is left to point at.
  expect(screen.queryByText("Fix the fields marked above.")).toBeNull();
});
