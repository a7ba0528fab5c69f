import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DraftNotesForm } from "../../console/src/sessions/draft-notes-form";
import { mockClient, renderAs } from "./support/render";

const members = [
  { id: "c1", firstName: "Ana", lastName: "Diaz" },
  { id: "c2", firstName: "Ben", lastName: "Ode" },
];

it("sends the words given (only those) and says how many notes were drafted", async () => {
  const mock = mockClient((call) =>
    call.operationName === "DraftMemberNotes"
      ? { data: { draftMemberNotes: [{ __typename: "MemberNote", id: "n1", participation: "x", response: null, interventions: null, progress: null, plan: null, risk: null, signedAt: null, version: 1, addenda: [], client: { __typename: "Client", id: "c1" } }] } }
      : { data: null },
  );
  renderAs("CLINICIAN", <DraftNotesForm sessionId="s1" members={members} />, mock.client);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("A few words about Ana Diaz"), "  named a coping plan ");
  await user.click(screen.getByRole("button", { name: "Draft notes" }));
  expect(await screen.findByText(/Drafted 1 note\. Review and sign each below\./)).toBeTruthy();
  const call = mock.calls.find((c) => c.operationName === "DraftMemberNotes")!;
  expect(call.variables).toEqual({ sessionId: "s1", members: [{ clientId: "c1", words: "named a coping plan" }] });
  await waitFor(() => expect(screen.getByLabelText("A few words about Ana Diaz")).toHaveValue(""));
});
