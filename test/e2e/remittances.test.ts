/**
 * Issue 15 in a real Chromium: an 835 picked with the console's file picker on /remittances is posted and its
 * result counted (paid, partially paid, denied); the denial work list then writes one line off. Each test sets up
 * a practice of its own. Screenshots go to test-artifacts/screenshots/.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectOk, signUpPractice, type PracticeFixture } from "../support/api";
import { billingSetup, readySession } from "../support/billing-fixture";
import { x835 } from "../support/x835";
import { axeViolations } from "./support/axe";
import { SHOTS, useBrowserHarness } from "./support/browser";

jest.setTimeout(180_000);

const harness = useBrowserHarness();

const signedIn = (user: { email: string }) => harness.signedIn(user);

const gql = async (owner: PracticeFixture, query: string, variables: Record<string, unknown> = {}) => expectOk(await harness.server.gql(query, variables, owner.token));

test("imports an 835 through the file picker, shows the posting result, and writes a denial off from the work list", async () => {
  const owner = await signUpPractice(harness.server, "Remits");
  const fx = await billingSetup(harness.server, owner, { members: 3 });
  await readySession(harness.server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const lines: { patientControlNumber: string; client: { id: string } }[] = (
    await gql(owner, `mutation { createClaimBatch(input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" }) { lines { patientControlNumber client { id } } } }`)
  ).createClaimBatch.lines;
  const [paid, partial, denied] = fx.clientIds.map((id) => lines.find((l) => l.client.id === id)!.patientControlNumber) as [string, string, string];
  const text = x835({
    claims: [
      { pcn: paid, status: "1", charge: "48", paid: "40", cas: [{ group: "CO", items: [["45", "8"]] }], payerClaimId: "ICN-1" },
      { pcn: partial, status: "1", charge: "48", paid: "28", cas: [{ group: "CO", items: [["16", "20"]] }], payerClaimId: "ICN-2" },
      { pcn: denied, status: "4", charge: "48", paid: "0", cas: [{ group: "CO", items: [["197", "48"]] }], payerClaimId: "ICN-3" },
    ],
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groupbill-835-"));
  const file = path.join(dir, "harbor-era.835");
  fs.writeFileSync(file, text);

  try {
    const page = await signedIn(owner);
    await page.goto(`${harness.server.url}/remittances`);
    await page.getByRole("heading", { name: "Remittances", exact: true }).waitFor();
    await page.getByLabel("835 file").setInputFiles(file);
    // The picker reads the file into the form: its name and text.
    await page.waitForFunction(() => (document.querySelector("textarea") as HTMLTextAreaElement | null)?.value.startsWith("ISA*") === true);
    expect(await page.getByLabel("File name").inputValue()).toBe("harbor-era.835");
    await page.getByRole("button", { name: "Import and post" }).click();
    await page.getByText("Posted 3 claims, $68.00 paid: 1 paid, 1 partially paid, 1 denied.").waitFor();
    const claims = page.getByRole("table", { name: "Claims in this remittance" });
    expect(await claims.getByRole("row").count()).toBe(4);
    await claims.getByRole("row").filter({ hasText: denied }).getByText("Denied", { exact: true }).waitFor();
    await claims.getByText(/CO-197 \$48\.00: /).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "20-remittance-posted.png"), fullPage: true });
    // The list of imports names the file.
    await page.getByRole("cell", { name: "harbor-era.835" }).waitFor();

    await page.getByRole("link", { name: "Denials", exact: true }).first().click();
    await page.getByRole("heading", { name: "Denials", exact: true }).waitFor();
    await page.getByText("2 lines, $68.00 open.", { exact: false }).waitFor();
    const row = page.getByRole("row").filter({ hasText: denied });
    await row.getByRole("button", { name: "Write off" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Authorization never obtained; past the appeal window");
    await dialog.getByRole("button", { name: "Write off" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("1 line, $20.00 open.", { exact: false }).waitFor();
    expect(await page.getByRole("row").filter({ hasText: denied }).count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, "21-denial-written-off.png"), fullPage: true });

    const story = (await gql(owner, `{ denials(filter: { openOnly: false }) { openBalanceCents writtenOff latest { patientControlNumber } actions { kind note amountCents } } }`)).denials;
    expect(story.find((d: { latest: { patientControlNumber: string } }) => d.latest.patientControlNumber === denied)).toEqual({
      openBalanceCents: 0,
      writtenOff: true,
      latest: { patientControlNumber: denied },
      actions: [{ kind: "WRITE_OFF", note: "Authorization never obtained; past the appeal window", amountCents: 4800 }],
    });
    await page.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("shows a claim's service lines, the 90853 paid and its 90785 add-on refused, on the import and on the denial work list", async () => {
  const owner = await signUpPractice(harness.server, "Lines");
  const fx = await billingSetup(harness.server, owner, { members: 2, payerRules: { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1850 } });
  const sessionId = await readySession(harness.server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  await gql(owner, `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, {
    id: sessionId,
    entries: [{ clientId: fx.clientIds[0], status: "PRESENT", interactiveComplexity: true, interactiveComplexityReason: "Parents argued over the member throughout" }],
  });
  const lines: { patientControlNumber: string; client: { id: string } }[] = (
    await gql(owner, `mutation { createClaimBatch(input: { from: "2026-03-01", to: "2026-03-31", idempotencyKey: "march" }) { lines { patientControlNumber client { id } } } }`)
  ).createClaimBatch.lines;
  const pcn = lines.find((l) => l.client.id === fx.clientIds[0])!.patientControlNumber;
  const text = x835({
    claims: [
      {
        pcn,
        status: "1",
        charge: "66.5",
        paid: "45",
        payerClaimId: "ICN-7",
        lines: [
          { procedure: "HC:90853", originalProcedure: "HC:90853:HQ", charge: "48", paid: "45", units: "1", cas: [{ group: "CO", items: [["45", "3"]] }] },
          { procedure: "HC:90785", charge: "18.5", paid: "0", cas: [{ group: "CO", items: [["97", "18.5"]] }], remarks: ["N19"] },
        ],
      },
    ],
  });
  const remittanceId = (await gql(owner, `mutation ($input: ImportRemittanceInput!) { importRemittance(input: $input) { id } }`, { input: { text, fileName: "lines.835" } })).importRemittance.id;

  const page = await signedIn(owner);
  await page.goto(`${harness.server.url}/remittances/${remittanceId}`);
  const table = page.getByRole("table", { name: `Service lines of ${pcn}` });
  await table.waitFor();
  const rows = table.getByRole("row");
  expect(await rows.count()).toBe(3);
  expect(await rows.nth(1).textContent()).toContain("billed as 90853-HQ");
  await rows.nth(2).getByText("Denied", { exact: true }).waitFor();
  await rows.nth(2).getByText(/CO-97 \$18\.50: Paid as part of another service/).waitFor();
  await page.screenshot({ path: path.join(SHOTS, "22-remittance-service-lines.png"), fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`${harness.server.url}/denials`);
  await page.getByText("1 line, $18.50 open.", { exact: false }).waitFor();
  await page.getByRole("table", { name: `Service lines of ${pcn}` }).getByRole("row").nth(2).getByText("Denied", { exact: true }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, "23-denial-service-lines.png"), fullPage: true });
  await page.close();
});
