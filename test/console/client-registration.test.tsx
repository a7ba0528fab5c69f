import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { ClientForm, type ClientValues } from "../../console/src/clients/client-form";
import { mockClient, renderAs } from "./support/render";

/**
 * The client form carries what a claim needs about the patient and the insured: sex, home address, and per
 * coverage the relationship with the insured person's details when the client is not the insured.
 */

const payers = () => mockClient(() => ({ data: { payers: [{ __typename: "Payer", id: "p1", name: "State Medicaid" }] } }));

/** Lets the payers query answer before the test goes on. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function fill(label: string, value: string, scope: HTMLElement = document.body) {
  fireEvent.change(within(scope).getByLabelText(label), { target: { value } });
}

describe("client form registration", () => {
  it("sends sex, address and a child's insured parent, and nothing for the insured when SELF", async () => {
    const submitted: ClientValues[] = [];
    renderAs("OWNER", <ClientForm submitLabel="Create client" busy={false} error={null} onSubmit={(v) => submitted.push(v)} />, payers().client);
    fill("First name", "Chloe");
    fill("Last name", "Nguyen");
    fill("Date of birth", "2008-04-12");
    fill("Sex", "FEMALE");
    fill("Street", "40 Elm St");
    fill("City", "Quincy");
    fill("State", "ma");
    fill("ZIP", "02169");
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "+ Add coverage" }));
    fill("Member ID", "FAM-778");
    fill("From", "2026-01-01");
    // SELF by default: no subscriber fields.
    expect(screen.queryByText("The insured person (subscriber)")).toBeNull();
    fill("Client is the insured's", "CHILD");
    const insured = screen.getByText("The insured person (subscriber)").closest("fieldset")!;
    fill("First name", "Linh", insured);
    fill("Last name", "Nguyen", insured);
    fill("Date of birth", "1979-09-03", insured);
    fill("Sex", "FEMALE", insured);
    fill("Street", "40 Elm St", insured);
    fill("City", "Quincy", insured);
    fill("State", "MA", insured);
    fill("ZIP", "02169-1234", insured);
    fireEvent.click(screen.getByRole("button", { name: "Create client" }));

    expect(submitted).toHaveLength(1);
    const [values] = submitted;
    expect(values!.sex).toBe("FEMALE");
    expect(values!.address).toEqual({ line1: "40 Elm St", line2: null, city: "Quincy", state: "MA", zip: "02169" });
    expect(values!.coverages).toEqual([
      {
        payerId: "p1",
        memberId: "FAM-778",
        priority: "PRIMARY",
        effectiveFrom: "2026-01-01",
        effectiveTo: null,
        relationship: "CHILD",
        subscriber: { firstName: "Linh", lastName: "Nguyen", dateOfBirth: "1979-09-03", sex: "FEMALE", address: { line1: "40 Elm St", line2: null, city: "Quincy", state: "MA", zip: "02169-1234" } },
      },
    ]);
  });

  it("sends no address and no sex when they are left empty, and shows the server's message next to each address part", async () => {
    const submitted: ClientValues[] = [];
    const error = new CombinedGraphQLErrors({
      errors: [
        {
          message: "bad",
          extensions: {
            code: "BAD_USER_INPUT",
            fields: [
              { field: "address.zip", message: "Zip must be a 5-digit ZIP or a ZIP+4 (e.g. 02110 or 02110-1234)" },
              { field: "coverages[0].subscriber", message: "The insured person's name, date of birth, sex and address are required" },
            ],
          },
        },
      ],
    });
    renderAs("OWNER", <ClientForm submitLabel="Save" busy={false} error={error} onSubmit={(v) => submitted.push(v)} />, payers().client);
    await settle();
    const zip = screen.getByLabelText("ZIP");
    expect(zip.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(zip.getAttribute("aria-describedby")!.split(" ").pop()!)!.textContent).toMatch(/5-digit ZIP or a ZIP\+4/);
    fill("First name", "Ana");
    fill("Last name", "Lopez");
    fill("Date of birth", "1985-07-14");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(submitted[0]).toMatchObject({ sex: null, address: null, coverages: [] });
  });
});
