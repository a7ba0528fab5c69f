/** The console side of interactive complexity (90785): the flag and its reason on attendance, the add-on on claim lines. */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AttendanceForm } from "../../console/src/sessions/attendance-form";
import { ClaimLinesTable } from "../../console/src/sessions/claim-lines";
import type { ClaimLineFieldsFragment, SessionQuery } from "../../console/src/__generated__/graphql";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

type Session = NonNullable<SessionQuery["session"]>;

const ana = { __typename: "Client" as const, id: "c1", firstName: "Ana", lastName: "Diaz" };
const ben = { __typename: "Client" as const, id: "c2", firstName: "Ben", lastName: "Ode" };
const REASON = "Mother interrupted repeatedly";

function sessionWith(reasons: { ana: string | null; ben: string | null }): Session {
  return {
    id: "s1",
    modality: "IN_PERSON",
    group: { members: [ana, ben] },
    attendance: [
      { __typename: "Attendance", client: ana, status: "PRESENT", minutesAttended: null, location: null, interactiveComplexityReason: reasons.ana },
      { __typename: "Attendance", client: ben, status: "PRESENT", minutesAttended: null, location: null, interactiveComplexityReason: reasons.ben },
    ],
  } as unknown as Session;
}

function setup(session: Session, handler: (call: Call) => Reply) {
  const mock = mockClient(handler);
  renderAs("CLINICIAN", <AttendanceForm session={session} canEdit />, mock.client);
  return { ...mock, user: userEvent.setup() };
}

const saved = (): Reply => ({ data: { recordAttendance: { __typename: "GroupSession", id: "s1", presentCount: 2, attendance: [], claimDecisions: [] } } });
const recorded = (calls: Call[]) => calls.filter((c) => c.operationName === "RecordAttendance");

describe("the attendance form", () => {
  it("flags a member with the reason and clears another's flag, sending only what changed", async () => {
    const { user, calls } = setup(sessionWith({ ana: null, ben: "Interpreter needed" }), (call) => (call.operationName === "RecordAttendance" ? saved() : { data: null }));
    const anaBox = screen.getByRole("checkbox", { name: "Complex session (90785) for Ana Diaz" });
    const benBox = screen.getByRole("checkbox", { name: "Complex session (90785) for Ben Ode" });
    expect(anaBox).not.toBeChecked();
    expect(benBox).toBeChecked();
    expect(screen.getByLabelText("Why the session was of interactive complexity for Ben Ode")).toHaveValue("Interpreter needed");
    expect(screen.queryByLabelText("Why the session was of interactive complexity for Ana Diaz")).toBeNull();
    await user.click(anaBox);
    await user.type(screen.getByLabelText("Why the session was of interactive complexity for Ana Diaz"), `  ${REASON} `);
    await user.click(benBox);
    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    await waitFor(() => expect(recorded(calls)).toHaveLength(1));
    expect(recorded(calls)[0]!.variables.entries).toEqual([
      { clientId: "c1", status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: REASON },
      { clientId: "c2", status: "PRESENT", interactiveComplexity: false },
    ]);
  });

  it("asks for the reason before saving a ticked box, without asking the server", async () => {
    const { user, calls } = setup(sessionWith({ ana: null, ben: null }), () => ({ data: null }));
    await user.click(screen.getByRole("checkbox", { name: "Complex session (90785) for Ana Diaz" }));
    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    expect(await screen.findByText("Say what made the session of interactive complexity for Ana Diaz, or untick the box.")).toBeTruthy();
    expect(recorded(calls)).toHaveLength(0);
  });

  it("shows the server's refusal", async () => {
    const { user } = setup(sessionWith({ ana: null, ben: null }), () =>
      badUserInput([{ field: "entries[0].interactiveComplexityReason", message: "The reason may hold at most 500 characters; it has 501" }]),
    );
    await user.click(screen.getByRole("checkbox", { name: "Complex session (90785) for Ana Diaz" }));
    await user.type(screen.getByLabelText("Why the session was of interactive complexity for Ana Diaz"), "x");
    await user.click(screen.getByRole("button", { name: "Save attendance" }));
    expect(await screen.findByText(/at most 500 characters/)).toBeTruthy();
  });
});

describe("claim lines", () => {
  const line = (over: Partial<ClaimLineFieldsFragment>): ClaimLineFieldsFragment => ({
    __typename: "ClaimDecision",
    id: "d1",
    status: "READY",
    cptCode: "90853",
    suggestedCptCodes: [],
    modifiers: ["95"],
    placeOfService: "02",
    units: 1,
    diagnosisCodes: ["F33.1"],
    chargeCents: 6120,
    totalChargeCents: 6120,
    batchId: null,
    requiredNoteElements: [],
    issues: [],
    addOnLines: [],
    client: ana,
    payer: { __typename: "Payer", id: "p1", name: "Medicare Part B" },
    ...over,
  });

  it("shows a line's 90785 add-on with its modifiers and charge, and the claim's total", () => {
    const withAddOn = line({
      totalChargeCents: 7570,
      addOnLines: [{ __typename: "ClaimAddOnLine", cptCode: "90785", modifiers: ["95"], units: 1, chargeCents: 1450 }],
    });
    const plain = line({ id: "d2", client: ben });
    renderAs("BILLER", <ClaimLinesTable lines={[withAddOn, plain]} />, mockClient(() => ({ data: null })).client);
    const [, first, second] = screen.getAllByRole("row");
    expect(within(first!).getByText("90785-95")).toBeTruthy();
    expect(within(first!).getByText(/interactive complexity/)).toBeTruthy();
    expect(within(first!).getByText(/\$14\.50/)).toBeTruthy();
    expect(within(first!).getByText("$75.70")).toBeTruthy();
    expect(within(second!).queryByText(/90785/)).toBeNull();
    expect(within(second!).getByText("$61.20")).toBeTruthy();
  });

  it("shows the add-on to a clinician without any charge", () => {
    const withAddOn = line({ chargeCents: null, totalChargeCents: null, addOnLines: [{ __typename: "ClaimAddOnLine", cptCode: "90785", modifiers: [], units: 1 }] });
    renderAs("CLINICIAN", <ClaimLinesTable lines={[withAddOn]} />, mockClient(() => ({ data: null })).client);
    expect(screen.getByText("90785")).toBeTruthy();
    expect(screen.queryByText(/\$/)).toBeNull();
  });
});
