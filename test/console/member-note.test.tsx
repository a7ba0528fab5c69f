import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ClaimLineFieldsFragment, MemberNoteFieldsFragment } from "../../console/src/__generated__/graphql";
import { MemberNoteCard } from "../../console/src/sessions/member-note";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

const client = { id: "c1", firstName: "Ana", lastName: "Martinez" };

function line(overrides: Partial<ClaimLineFieldsFragment> = {}): ClaimLineFieldsFragment {
  return {
    __typename: "ClaimDecision",
    id: "d1",
    status: "BLOCKED",
    cptCode: "90853",
    suggestedCptCodes: [],
    modifiers: [],
    placeOfService: "11",
    units: 1,
    diagnosisCodes: ["F33.1"],
    chargeCents: 4800,
    batchId: null,
    requiredNoteElements: ["PARTICIPATION", "RESPONSE", "PLAN"],
    issues: [],
    client: { __typename: "Client", ...client },
    payer: { __typename: "Payer", id: "p1", name: "Bay State Medicaid" },
    ...overrides,
  } as ClaimLineFieldsFragment;
}

function note(overrides: Partial<MemberNoteFieldsFragment> = {}): MemberNoteFieldsFragment {
  return {
    __typename: "MemberNote",
    id: "n1",
    client: { __typename: "Client", id: client.id },
    participation: "Engaged",
    response: "Practiced the skill",
    interventions: null,
    progress: null,
    plan: null,
    risk: null,
    signedAt: null,
    signedBy: null,
    addenda: [],
    version: 3,
    ...overrides,
  } as MemberNoteFieldsFragment;
}

function render(n: MemberNoteFieldsFragment, l: ClaimLineFieldsFragment, handler: (call: Call) => Reply) {
  const mock = mockClient(handler);
  renderAs("CLINICIAN", <MemberNoteCard sessionId="s1" client={client} note={n} line={l} canWrite />, mock.client);
  return { ...mock, user: userEvent.setup() };
}

it("marks the sections the member's payer requires and warns before signing a note that leaves one empty", async () => {
  const signed = note({ signedAt: "2026-03-10T18:00:00Z", signedBy: { __typename: "User", id: "u1", name: "Robin Lee" }, version: 4 });
  const { user, calls } = render(note(), line(), (call) => {
    if (call.operationName === "SignMemberNote") return { data: { signMemberNote: signed } };
    if (call.operationName === "Session") return { data: { session: null } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  expect(screen.getAllByText(/required by Bay State Medicaid/)).toHaveLength(3);

  await user.click(screen.getByRole("button", { name: "Sign note" }));
  const warning = screen.getByRole("alert");
  expect(warning.textContent).toContain("Bay State Medicaid requires plan, which this note leaves empty.");
  expect(calls.filter((c) => c.operationName === "SignMemberNote")).toHaveLength(0);

  await user.click(within(warning).getByRole("button", { name: "Sign anyway" }));
  await waitFor(() => expect(calls.filter((c) => c.operationName === "SignMemberNote")).toHaveLength(1));
});

it("asks before signing, without a warning when every required section is written", async () => {
  const complete = note({ plan: "Continue weekly" });
  const { user, calls } = render(complete, line({ status: "READY" }), (call) => {
    if (call.operationName === "SignMemberNote") return { data: { signMemberNote: { ...complete, signedAt: "2026-03-10T18:00:00Z", signedBy: { __typename: "User", id: "u1", name: "Robin Lee" } } } };
    if (call.operationName === "Session") return { data: { session: null } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  await user.click(screen.getByRole("button", { name: "Sign note" }));
  expect(screen.getByRole("alert").textContent).toContain("Sign this note?");
  expect(screen.queryByText(/which this note leaves empty/)).toBeNull();
  expect(calls.filter((c) => c.operationName === "SignMemberNote")).toHaveLength(0);
  await user.click(screen.getByRole("button", { name: "Yes, sign the note" }));
  await waitFor(() => expect(calls.filter((c) => c.operationName === "SignMemberNote")).toHaveLength(1));
});

it("offers to complete the missing section of a signed note with an addendum that names it", async () => {
  const signed = note({ signedAt: "2026-03-10T18:00:00Z", signedBy: { __typename: "User", id: "u1", name: "Robin Lee" }, version: 4 });
  const blocked = line({ issues: [{ __typename: "ClaimIssue", code: "NOTE_INCOMPLETE", severity: "ERROR", message: "add an addendum for plan", element: "PLAN" }] });
  const { user, calls } = render(signed, blocked, (call) => {
    if (call.operationName === "AddNoteAddendum") return { data: { addNoteAddendum: signed } };
    if (call.operationName === "Session") return { data: { session: null } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  expect(screen.getByText(/Bay State Medicaid requires plan, which this note leaves empty/)).toBeInTheDocument();
  expect(screen.getByLabelText("Section it completes")).toHaveProperty("value", "PLAN");
  await user.type(screen.getByLabelText("Add an addendum"), "Continue weekly group.");
  await user.click(screen.getByRole("button", { name: "Add addendum" }));
  await waitFor(() => expect(calls.find((c) => c.operationName === "AddNoteAddendum")?.variables).toEqual({ noteId: "n1", text: "Continue weekly group.", element: "PLAN" }));
});
