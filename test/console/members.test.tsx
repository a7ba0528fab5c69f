import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MembersPage } from "../../console/src/members/members-page";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

it("lists the practice's open invitations and revokes one", async () => {
  let revoked = false;
  const { client, calls } = mockClient((call: Call): Reply => {
    switch (call.operationName) {
      case "Members":
        return { data: { members: [{ __typename: "Membership", role: "OWNER", user: { __typename: "User", id: "u1", email: "pat@example.test", name: "Pat Doe" } }] } };
      case "SentInvitations":
        return {
          data: {
            invitations: revoked
              ? []
              : [{ __typename: "Invitation", id: "inv-1", email: "robin@example.test", name: "Robin Lee", role: "CLINICIAN", invitedAt: "2026-03-02T15:00:00.000Z" }],
          },
        };
      case "RevokeInvitation":
        revoked = true;
        return { data: { revokeInvitation: true } };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  });
  renderAs("OWNER", <MembersPage />, client);
  expect(await screen.findByRole("cell", { name: "robin@example.test" })).toBeInTheDocument();
  await userEvent.setup().click(screen.getByRole("button", { name: "Revoke the invitation of Robin Lee" }));
  expect(await screen.findByText("No open invitations.")).toBeInTheDocument();
  expect(calls.find((c) => c.operationName === "RevokeInvitation")?.variables).toEqual({ id: "inv-1" });
});
