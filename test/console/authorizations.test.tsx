import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AuthorizationsSection } from "../../console/src/clients/authorizations-section";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

const authorization = (overrides: Record<string, unknown> = {}) => ({
  __typename: "PriorAuthorization",
  id: "a1",
  number: "BH-PA-20533",
  startDate: "2026-10-01",
  endDate: "2026-12-29",
  units: 2,
  unitsUsed: 2,
  unitsLeft: 0,
  note: null,
  payer: { __typename: "Payer", id: "p1" },
  ...overrides,
});

function clientWith(authorizations: unknown[], uncovered: unknown[] = []) {
  return {
    client: {
      __typename: "Client",
      id: "c1",
      authorizations: [...authorizations.map((a) => ({ ...(a as object), payer: { __typename: "Payer", id: "p1", name: "Blue Harbor PPO" } })), ...uncovered],
      coverages: [
        { __typename: "Coverage", id: "cov1", memberId: "COM-100214", priority: "PRIMARY", payer: { __typename: "Payer", id: "p1", name: "Blue Harbor PPO" }, authorizations },
        { __typename: "Coverage", id: "cov2", memberId: "MA-1", priority: "SECONDARY", payer: { __typename: "Payer", id: "p2", name: "Bay State Medicaid" }, authorizations: [] },
      ],
    },
  };
}

it("lists each coverage's authorizations with units used and left", async () => {
  const { client } = mockClient(() => ({ data: clientWith([authorization()]) }));
  renderAs("CLINICIAN", <AuthorizationsSection clientId="c1" canManage={false} />, client);
  const table = await screen.findByRole("table");
  const cells = within(within(table).getAllByRole("row")[1]).getAllByRole("cell").map((c) => c.textContent);
  expect(cells).toEqual(["BH-PA-20533", expect.stringContaining("2026"), "2", "2", "0 (used up)", ""]);
  expect(screen.getByText("No prior authorization recorded with this payer.")).toBeTruthy();
  // A role that cannot manage clients gets no buttons.
  expect(screen.queryByRole("button")).toBeNull();
});

it("adds an authorization under the coverage's payer, showing the server's message next to its field first", async () => {
  let added = false;
  const handler = (call: Call): Reply => {
    if (call.operationName === "ClientAuthorizations") return { data: clientWith(added ? [authorization({ id: "a2", number: "PA-9", units: 5, unitsUsed: 1, unitsLeft: 4 })] : []) };
    if (call.operationName === "AddPriorAuthorization") {
      const input = call.variables.input as { endDate: string };
      if (input.endDate < "2026-11-01") return badUserInput([{ field: "endDate", message: "End date (2026-10-01) cannot be before the start date (2026-11-01)" }]);
      added = true;
      return { data: { addPriorAuthorization: authorization({ id: "a2", number: "PA-9", units: 5, unitsUsed: 1, unitsLeft: 4 }) } };
    }
    throw new Error(`unexpected ${call.operationName}`);
  };
  const { client, calls } = mockClient(handler);
  const user = userEvent.setup();
  renderAs("BILLER", <AuthorizationsSection clientId="c1" canManage />, client);
  await user.click(await screen.findByRole("button", { name: "Add authorization for Blue Harbor PPO" }));
  await user.type(screen.getByLabelText("Authorization number"), "PA-9");
  await user.type(screen.getByLabelText("First day"), "2026-11-01");
  await user.type(screen.getByLabelText("Last day"), "2026-10-01");
  await user.type(screen.getByLabelText("Units approved (90853)"), "5");
  await user.click(screen.getByRole("button", { name: "Add authorization" }));
  const last = screen.getByLabelText("Last day");
  await waitFor(() => expect(last.getAttribute("aria-invalid")).toBe("true"));
  expect(document.getElementById(last.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent).toMatch(/cannot be before the start date/);

  // Editing the field clears its stale message before the next save.
  await user.clear(last);
  expect(last.getAttribute("aria-invalid")).toBe("false");
  await user.type(last, "2026-12-31");
  await user.click(screen.getByRole("button", { name: "Add authorization" }));
  await screen.findByText("PA-9");
  const status = await screen.findByRole("status");
  expect(status.textContent).toBe("Prior authorization PA-9 saved.");
  expect(document.activeElement).toBe(status);
  const adds = calls.filter((c) => c.operationName === "AddPriorAuthorization");
  expect(adds.at(-1)!.variables).toEqual({ clientId: "c1", input: { payerId: "p1", number: "PA-9", startDate: "2026-11-01", endDate: "2026-12-31", units: 5, note: "" } });
  expect(screen.queryByLabelText("Authorization number")).toBeNull();
});

it("edits and removes, and says why a removal was refused", async () => {
  const handler = (call: Call): Reply => {
    if (call.operationName === "ClientAuthorizations") return { data: clientWith([authorization()]) };
    if (call.operationName === "UpdatePriorAuthorization") return { data: { updatePriorAuthorization: authorization({ units: 6, unitsLeft: 4 }) } };
    if (call.operationName === "RemovePriorAuthorization") {
      return { errors: [{ message: "Prior authorization BH-PA-20533 was used by 2 billed lines, so it stays on record", extensions: { code: "CONFLICT" } }] };
    }
    throw new Error(`unexpected ${call.operationName}`);
  };
  const { client, calls } = mockClient(handler);
  const user = userEvent.setup();
  jest.spyOn(window, "confirm").mockReturnValue(true);
  renderAs("ADMIN", <AuthorizationsSection clientId="c1" canManage />, client);
  await user.click(await screen.findByRole("button", { name: "Edit" }));
  expect(screen.getByLabelText("Authorization number")).toHaveProperty("value", "BH-PA-20533");
  await user.clear(screen.getByLabelText("Units approved (90853)"));
  await user.type(screen.getByLabelText("Units approved (90853)"), "6");
  await user.click(screen.getByRole("button", { name: "Save authorization" }));
  await waitFor(() => expect(calls.some((c) => c.operationName === "UpdatePriorAuthorization")).toBe(true));
  expect(calls.find((c) => c.operationName === "UpdatePriorAuthorization")!.variables).toEqual({
    id: "a1",
    input: { number: "BH-PA-20533", startDate: "2026-10-01", endDate: "2026-12-29", units: 6, note: "" },
  });

  await user.click(await screen.findByRole("button", { name: "Remove" }));
  expect(await screen.findByText(/was used by 2 billed lines/)).toBeTruthy();
});

it("lists authorizations whose payer the client no longer has coverage with, so they can be removed", async () => {
  const orphan = authorization({ id: "a9", number: "OLD-1", payer: { __typename: "Payer", id: "p9", name: "Gone Health" } });
  const { client } = mockClient(() => ({ data: clientWith([], [orphan]) }));
  renderAs("ADMIN", <AuthorizationsSection clientId="c1" canManage />, client);
  expect(await screen.findByText("With payers this client has no coverage with")).toBeTruthy();
  expect(screen.getByText("Gone Health")).toBeTruthy();
  expect(screen.getByText("OLD-1")).toBeTruthy();
  expect(screen.getByRole("button", { name: "Remove" })).toBeTruthy();
});
