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

describe("changing a role", () => {
  const members = (bo: string) => ({
    data: {
      members: [
        { __typename: "Membership", role: "OWNER", user: { __typename: "User", id: "u1", email: "pat@example.test", name: "Pat Doe" } },
        { __typename: "Membership", role: bo, user: { __typename: "User", id: "u2", email: "bo@example.test", name: "Bo Biller" } },
      ],
    },
  });

  it("waits for a confirmation: choosing a role (as one arrow key does) changes nothing until confirmed", async () => {
    let boRole = "BILLER";
    const { client, calls } = mockClient((call: Call): Reply => {
      if (call.operationName === "Members") return members(boRole);
      if (call.operationName === "SentInvitations") return { data: { invitations: [] } };
      if (call.operationName === "SetMemberRole") {
        boRole = call.variables.role as string;
        return { data: { setMemberRole: { __typename: "Membership", role: boRole, user: { __typename: "User", id: "u2", email: "bo@example.test", name: "Bo Biller" } } } };
      }
      throw new Error(`unexpected ${call.operationName}`);
    });
    renderAs("OWNER", <MembersPage />, client);
    const user = userEvent.setup();
    const select = await screen.findByLabelText("Role of Bo Biller");
    await user.selectOptions(select, "Clinician");
    expect(calls.some((c) => c.operationName === "SetMemberRole")).toBe(false);
    expect(screen.getByRole("alertdialog").textContent).toContain("Change the role of Bo Biller from Biller to Clinician?");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect((select as HTMLSelectElement).value).toBe("BILLER");

    await user.selectOptions(select, "Admin");
    await user.click(screen.getByRole("button", { name: "Change role" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toBe("Bo Biller is now admin.");
    expect(document.activeElement).toBe(status);
    expect(calls.filter((c) => c.operationName === "SetMemberRole").map((c) => c.variables)).toEqual([{ userId: "u2", role: "ADMIN" }]);
  });

  it("shows the last-owner refusal as what it is, not as someone else's change", async () => {
    const { client } = mockClient((call: Call): Reply => {
      if (call.operationName === "Members") return members("BILLER");
      if (call.operationName === "SentInvitations") return { data: { invitations: [] } };
      if (call.operationName === "SetMemberRole")
        return { errors: [{ message: "A practice needs at least one owner; make someone else an owner first", extensions: { code: "CONFLICT" } }] };
      throw new Error(`unexpected ${call.operationName}`);
    });
    renderAs("OWNER", <MembersPage />, client);
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByLabelText("Role of Pat Doe"), "Admin");
    await user.click(screen.getByRole("button", { name: "Change role" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("This role cannot change.");
    expect(alert.textContent).toContain("at least one owner");
    expect(alert.textContent).not.toContain("Someone else changed this first");
  });
});
