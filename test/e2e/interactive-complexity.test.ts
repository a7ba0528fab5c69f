/**
 * Issue 11 item 9 in a real Chromium: on the session page a clinician's attendance form flags interactive
 * complexity for a member with the reason, and the member's claim line shows the 90785 add-on and the claim's
 * total without a reload; the form and the lines pass axe. A screenshot goes to test-artifacts/screenshots/.
 */
import path from "node:path";
import { expectOk, signUpPractice } from "../support/api";
import { billingSetup, readySession } from "../support/billing-fixture";
import { axeViolations } from "./support/axe";
import { SHOTS, useBrowserHarness } from "./support/browser";

jest.setTimeout(180_000);

const harness = useBrowserHarness();

const signedIn = (user: { email: string }) => harness.signedIn(user);

test("flagging interactive complexity on attendance adds a 90785 line to the member's claim, shown without a reload", async () => {
  const owner = await signUpPractice(harness.server, "Complexity");
  const fx = await billingSetup(harness.server, owner, { members: 3, payerRules: { allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1850 } });
  const sessionId = await readySession(harness.server, owner, fx);
  const first = expectOk(await harness.server.gql(`query ($id: ID!) { client(id: $id) { firstName lastName } }`, { id: fx.clientIds[0] }, owner.token)).client;
  const name = `${first.firstName} ${first.lastName}`;

  const page = await signedIn(owner);
  await page.goto(`${harness.server.url}/sessions/${sessionId}`);
  await page.getByRole("button", { name: "Save attendance" }).waitFor();
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  await page.getByRole("checkbox", { name: `Complex session (90785) for ${name}` }).check();
  await page.getByLabel(`Why the session was of interactive complexity for ${name}`).fill("Father interrupted repeatedly; redirected to let the member take part");
  await page.getByRole("button", { name: "Save attendance" }).click();
  await page.getByText("Attendance saved.").waitFor();

  const lines = page.getByRole("region", { name: "Claim lines by member" });
  const row = lines.getByRole("row", { name: new RegExp(name) });
  await row.getByText("90785-HQ").waitFor();
  await row.getByText("$66.50").waitFor();
  expect(await row.getByText(/interactive complexity/).count()).toBe(1);
  // The other members' claims carry 90853 alone.
  expect(await lines.getByText("90785-HQ").count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);

  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, "session-interactive-complexity.png"), fullPage: true });
  await page.close();
});
