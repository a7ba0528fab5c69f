import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ApolloProvider } from "@apollo/client/react";
import { RouterProvider } from "../../console/src/app/router";
import { ViewerProvider } from "../../console/src/auth/viewer";
import { SessionPage } from "../../console/src/sessions/session-page";
import { mockClient, renderAs, viewerFor, type Call, type Reply } from "./support/render";

/**
 * Issue 12, "fix where you read": a biller follows a reason to the session and corrects what its lines are billed
 * from (time, length, modality, leader, supervisor, place of service); the group documentation stays read-only.
 */

const dana = { __typename: "Client", id: "c1", firstName: "Dana", lastName: "Reyes" };
const robin = { __typename: "Clinician", id: "k1", name: "Robin Lee", credential: "LCSW", licensed: true };
const sam = { __typename: "Clinician", id: "k2", name: "Sam Park", credential: "LICSW", licensed: true };

const session = {
  __typename: "GroupSession",
  id: "s1",
  startsAt: "2026-10-06T14:00:00.000Z",
  date: "2026-10-06",
  durationMinutes: 30,
  modality: "IN_PERSON",
  placeOfService: null,
  topics: "Grief",
  interventions: "CBT",
  version: 2,
  presentCount: 1,
  group: { __typename: "TherapyGroup", id: "g1", name: "DBT Skills", kind: "SKILLS", hasPsychotherapyComponent: true, members: [dana] },
  leader: robin,
  supervisor: null,
  attendance: [{ __typename: "Attendance", status: "PRESENT", client: dana }],
  notes: [],
  claimDecisions: [],
};

function api(call: Call): Reply {
  switch (call.operationName) {
    case "Session":
      return { data: { session } };
    case "Clinicians":
      return { data: { clinicians: [robin, sam].map((c) => ({ ...c, firstName: null, lastName: c.name, taxonomyCode: null, npi: "1234567893", licenseExpiresOn: null })) } };
    case "UpdateSessionDetails":
      return { data: { updateSession: { ...session, version: 3, durationMinutes: 60 } } };
    default:
      throw new Error(`unexpected ${call.operationName}`);
  }
}

afterEach(() => window.history.replaceState(null, "", "/"));

it("a biller lands on the session's length from a reason, corrects it, and cannot edit the documentation", async () => {
  window.history.replaceState(null, "", "/sessions/s1#session-length");
  const { client, calls } = mockClient(api);
  renderAs("BILLER", <SessionPage id="s1" />, client);
  const length = await screen.findByLabelText("Length (minutes)");
  await waitFor(() => expect(document.activeElement).toBe(length));
  const user = userEvent.setup();
  await user.clear(length);
  await user.type(length, "60");
  await user.click(screen.getByRole("button", { name: "Save session details" }));
  await screen.findByText(/Session details saved/);
  const sent = calls.find((c) => c.operationName === "UpdateSessionDetails")!.variables;
  expect(sent.input).toEqual({ startsAt: "2026-10-06T14:00:00.000Z", durationMinutes: 60, modality: "IN_PERSON", leaderId: "k1", placeOfService: null, expectedVersion: 2 });

  // Supervision is a billed fact too; documentation is clinical and read-only for a biller.
  expect(screen.getByRole("button", { name: "Save supervisor" })).toBeInTheDocument();
  const documentation = screen.getByRole("region", { name: "Group documentation" });
  expect(within(documentation).getByLabelText("Topics")).toHaveAttribute("readonly");
  expect(within(documentation).queryByRole("button", { name: "Save documentation" })).toBeNull();
});

it("the form follows the served permission, not the role's name: without CorrectSessions there is nothing to edit", async () => {
  const { client } = mockClient(api);
  render(
    <ApolloProvider client={client}>
      <RouterProvider>
        <ViewerProvider viewer={viewerFor("BILLER", { permissions: ["ReadSessions", "ReadClaims"] })} signOut={async () => undefined}>
          <SessionPage id="s1" />
        </ViewerProvider>
      </RouterProvider>
    </ApolloProvider>,
  );
  await screen.findByRole("region", { name: "Group documentation" });
  expect(screen.queryByRole("button", { name: "Save session details" })).toBeNull();
  expect(screen.queryByRole("button", { name: "Save supervisor" })).toBeNull();
  expect(screen.getByText("No supervisor recorded.")).toBeInTheDocument();
});
