/**
 * Issue 12 in a real Chromium: a blocked line's reason leads to the field that fixes it and the line turns
 * READY without a reload; and axe-core finds nothing on any screen at desktop and tablet widths.
 * Screenshots go to test-artifacts/screenshots/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { presetRange } from "../../console/src/lib/date-input";
import { todayIn } from "../../console/src/lib/dates";
import { PASSWORD, expectOk, memberWithRole, signUpPractice, type PracticeFixture } from "../support/api";
import { SHOTS, useBrowserHarness } from "./support/browser";
import { billingSetup, readySession, type BillingFixture } from "../support/billing-fixture";
import { axeViolations } from "./support/axe";

jest.setTimeout(180_000);

const TIME_ZONE = "America/New_York";

const harness = useBrowserHarness();

const signedIn = (user: { email: string }) => harness.signedIn(user);

const gql = async (owner: PracticeFixture, query: string, variables: Record<string, unknown> = {}) => expectOk(await harness.server.gql(query, variables, owner.token));

/** Last month with a billable session, a session whose notes are missing, and one too short for the payer. */
async function practiceLikeTheDemo() {
  const owner = await signUpPractice(harness.server, "Fixes");
  const fx: BillingFixture = await billingSetup(harness.server, owner, { members: 3, payerRules: { minSessionMinutes: 45 } });
  const range = presetRange("last-month", todayIn(TIME_ZONE));
  const day = (n: number) => `${range.from.slice(0, 8)}${String(n).padStart(2, "0")}T15:00:00Z`;
  const readyId = await readySession(harness.server, owner, fx, { startsAt: day(5) });
  const shortId = await readySession(harness.server, owner, fx, { startsAt: day(12), durationMinutes: 30 });
  const unsigned = (await gql(owner, `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, { input: { groupId: fx.groupId, startsAt: day(19), durationMinutes: 60, modality: "IN_PERSON" } })).scheduleSession.id;
  await gql(owner, `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, {
    id: unsigned,
    entries: fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })),
  });
  return { owner, fx, range, readyId, shortId };
}

test("a blocked line's reason opens the field that fixes it; after saving, the line is READY without a reload", async () => {
  const { owner, range, shortId } = await practiceLikeTheDemo();
  const page = await signedIn(owner);
  await page.goto(`${harness.server.url}/claims?from=${range.from}&to=${range.to}&status=BLOCKED&issueCode=SESSION_TOO_SHORT`);
  await page.getByText("Showing 3 of 3 lines.").waitFor();
  await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));

  await page.getByRole("link", { name: "Session too short: edit the session's length" }).first().click();
  await page.getByRole("heading", { name: /DBT Skills/ }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/sessions/${shortId}`);
  const length = page.getByLabel("Length (minutes)");
  await page.waitForFunction(() => document.activeElement?.id === "session-length");
  expect(await length.inputValue()).toBe("30");
  await page.screenshot({ path: path.join(SHOTS, "15-fix-from-reason.png"), fullPage: true });

  await length.fill("60");
  await page.getByRole("button", { name: "Save session details" }).click();
  await page.getByText("Session details saved").waitFor();
  expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Session details saved");
  const lines = page.getByRole("region", { name: "Claim lines by member" });
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[aria-label="Claim lines by member"] tbody tr')];
    return rows.length === 3 && rows.every((r) => r.textContent?.includes("Ready"));
  });
  expect(await lines.getByText("Session too short").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  const api = await gql(owner, `query ($id: ID!) { session(id: $id) { durationMinutes claimDecisions { status } } }`, { id: shortId });
  expect(api.session).toEqual({ durationMinutes: 60, claimDecisions: [{ status: "READY" }, { status: "READY" }, { status: "READY" }] });

  await page.goBack();
  await page.getByText("No claim lines match.").waitFor();
  expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
  await page.close();
});

test("an unlicensed leader's reason opens the clinician's license; licensing them makes the lines READY", async () => {
  const owner = await signUpPractice(harness.server, "License");
  const fx = await billingSetup(harness.server, owner, { members: 3, licensed: false });
  const range = presetRange("last-month", todayIn(TIME_ZONE));
  const sessionId = await readySession(harness.server, owner, fx, { startsAt: `${range.from.slice(0, 8)}07T15:00:00Z` });

  // A biller may not edit clinicians: the same reason takes them to the session's leader, which they may correct.
  const biller = await signedIn(await memberWithRole(harness.server, owner, "BILLER"));
  await biller.goto(`${harness.server.url}/claims?from=${range.from}&to=${range.to}&status=BLOCKED`);
  await biller.getByText("Showing 3 of 3 lines.").waitFor();
  await biller.getByRole("link", { name: "Leader not licensed: change the leader or supervisor" }).first().click();
  await biller.waitForFunction(() => document.activeElement?.id === "session-leader");
  expect(new URL(biller.url()).pathname).toBe(`/sessions/${sessionId}`);
  // The session's own lines say the same, per line, from the server's rendering provider.
  expect(await biller.getByRole("region", { name: "Claim lines by member" }).getByRole("link", { name: "Change the leader or supervisor" }).count()).toBe(3);
  await biller.close();

  const page = await signedIn(owner);
  await page.goto(`${harness.server.url}/claims?from=${range.from}&to=${range.to}&status=BLOCKED`);
  await page.getByText("Showing 3 of 3 lines.").waitFor();
  await page.getByRole("link", { name: "Leader not licensed: edit the clinician's license" }).first().click();
  await page.getByRole("heading", { name: "Edit Robin Lee" }).waitFor();
  await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.getAttribute("role") === "switch");
  await page.getByRole("switch", { name: "Licensed to provide psychotherapy" }).check();
  await page.getByRole("button", { name: "Save clinician" }).click();
  await page.getByText("Saved Robin Lee").waitFor();
  await page.goBack();
  await page.getByText("No claim lines match.").waitFor();
  const clinicians = await gql(owner, `{ clinicians { id licensed } }`);
  expect(clinicians.clinicians).toEqual([{ id: fx.clinicianId, licensed: true }]);
  await page.close();
});

test("axe finds no violation on any screen at 1280 and 768 px", async () => {
  const { owner, fx, range, readyId } = await practiceLikeTheDemo();
  const clientId = fx.clientIds[0];
  const screens: { path: string; ready: (page: Page) => Promise<unknown> }[] = [
    { path: "/", ready: (p) => p.getByRole("list", { name: "Lines by status" }).waitFor() },
    { path: `/sessions?from=${range.from}&to=${range.to}`, ready: (p) => p.getByRole("heading", { name: "Sessions", exact: true }).waitFor() },
    { path: `/sessions/${readyId}`, ready: (p) => p.getByRole("region", { name: "Claim lines by member", exact: true }).waitFor() },
    { path: `/claims?from=${range.from}&to=${range.to}`, ready: (p) => p.getByText(/Showing \d+ of \d+ lines?\./).waitFor() },
    { path: "/batches", ready: (p) => p.getByRole("heading", { name: /batch/i }).first().waitFor() },
    { path: "/clients", ready: (p) => p.getByRole("region", { name: "Clients", exact: true }).waitFor() },
    { path: `/clients/${clientId}`, ready: (p) => p.getByRole("heading", { name: "Prior authorizations" }).waitFor() },
    { path: "/groups", ready: (p) => p.getByRole("region", { name: "Groups", exact: true }).waitFor() },
    { path: "/clinicians", ready: (p) => p.getByRole("region", { name: "Clinicians", exact: true }).waitFor() },
    { path: "/payers", ready: (p) => p.getByRole("region", { name: "Payers", exact: true }).waitFor() },
    { path: `/payers/${fx.payerId}`, ready: (p) => p.getByRole("heading", { name: "Rules" }).waitFor() },
    { path: "/audit", ready: (p) => p.getByRole("region", { name: "Audit events", exact: true }).waitFor() },
    { path: "/practice", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
    { path: "/members", ready: (p) => p.getByRole("region", { name: "Members", exact: true }).waitFor() },
    { path: "/remittances", ready: (p) => p.getByRole("heading", { name: "Import an 835" }).waitFor() },
    { path: "/denials", ready: (p) => p.getByRole("heading", { level: 1 }).waitFor() },
  ];
  const page = await signedIn(owner);
  const found: Record<string, unknown> = {};
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: width === 1280 ? 900 : 1024 });
    for (const s of screens) {
      await page.goto(`${harness.server.url}${s.path}`);
      await s.ready(page);
      await page.waitForFunction(() => !document.querySelector(".state--loading"));
      const violations = await axeViolations(page);
      if (violations.length > 0) found[`${width} ${s.path}`] = violations;
    }
  }
  expect(found).toEqual({});
  await page.close();
});
