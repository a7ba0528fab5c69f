import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { CliniciansPage } from "../../console/src/clinicians/clinicians-page";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

const clinician = { __typename: "Clinician", id: "k1", name: "Riley Chen", firstName: "Riley", lastName: "Chen", taxonomyCode: null, npi: "1356420830", credential: "LCSW", licensed: true, licenseExpiresOn: null };
const members = [
  { __typename: "Membership", role: "CLINICIAN", user: { __typename: "User", id: "u1", email: "riley@example.test", name: "Riley Chen" } },
  { __typename: "Membership", role: "ADMIN", user: { __typename: "User", id: "u2", email: "admin@example.test", name: "Morgan Ellis" } },
];

function handler(linked: string | null) {
  return (call: Call): Reply => {
    if (call.operationName === "Clinicians") return { data: { clinicians: [{ ...clinician, userId: linked }] } };
    if (call.operationName === "Members") return { data: { members } };
    if (call.operationName === "LinkClinicianUser") return { data: { linkClinicianUser: { __typename: "Clinician", id: "k1", userId: call.variables.userId } } };
    throw new Error(`unexpected ${call.operationName}`);
  };
}

it("an admin links a clinician to the member who signs in as them, and can unlink", async () => {
  const mock = mockClient(handler("u1"));
  renderAs("ADMIN", <CliniciansPage />, mock.client);
  const user = userEvent.setup();
  const select = await screen.findByLabelText("User who signs in as Riley Chen");
  await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(3));
  expect(select).toHaveValue("u1");
  await user.selectOptions(select, "");
  await waitFor(() => expect(mock.calls.some((c) => c.operationName === "LinkClinicianUser")).toBe(true));
  expect(mock.calls.find((c) => c.operationName === "LinkClinicianUser")!.variables).toEqual({ clinicianId: "k1", userId: null });
});

it("others see only whether a clinician is linked, and the members list is not asked for", async () => {
  const mock = mockClient(handler("u1"));
  renderAs("BILLER", <CliniciansPage />, mock.client);
  expect(await screen.findByText("Linked")).toBeTruthy();
  expect(screen.queryByLabelText("User who signs in as Riley Chen")).toBeNull();
  expect(mock.calls.map((c) => c.operationName)).not.toContain("Members");
});
