/**
 * A biller's start of day in a real Chromium: the dashboard's numbers are the API's, a number opens the work list
 * narrowed to exactly those lines, and a filter changed there survives a reload and a trip through the menu.
 * Screenshots go to test-artifacts/screenshots/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { presetRange } from "../../console/src/lib/date-input";
import { todayIn } from "../../console/src/lib/dates";
import { PASSWORD, expectOk, signUpPractice, type PracticeFixture } from "../support/api";
import { SHOTS, useBrowserHarness } from "./support/browser";
import { billingSetup, readySession, type BillingFixture } from "../support/billing-fixture";

jest.setTimeout(120_000);

const TIME_ZONE = "America/New_York";

const harness = useBrowserHarness();

const newPage = () => harness.newPage();

const usd = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** Last month (the practice's calendar), as the demo practice has it: one billable session and one with notes missing. */
async function lastMonthPractice(): Promise<{ owner: PracticeFixture; fx: BillingFixture; range: { from: string; to: string } }> {
  const owner = await signUpPractice(harness.server, "Dashboard");
  const fx = await billingSetup(harness.server, owner, { members: 3 });
  const range = presetRange("last-month", todayIn(TIME_ZONE));
  const day = (n: number) => `${range.from.slice(0, 8)}${String(n).padStart(2, "0")}T15:00:00Z`;
  await readySession(harness.server, owner, fx, { startsAt: day(5) });
  // Attendance without notes: every line of this session is BLOCKED for a missing note.
  const blocked = expectOk(
    await harness.server.gql(`mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`, { input: { groupId: fx.groupId, startsAt: day(12), durationMinutes: 60, modality: "IN_PERSON" } }, owner.token),
  ).scheduleSession.id;
  expectOk(await harness.server.gql(`mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Coping", interventions: "Skills coaching" }) { id } }`, { id: blocked }, owner.token));
  expectOk(
    await harness.server.gql(
      `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
      { id: blocked, entries: fx.clientIds.map((clientId) => ({ clientId, status: "PRESENT" })) },
      owner.token,
    ),
  );
  return { owner, fx, range };
}

test("the dashboard shows the API's numbers for last month, and a number opens exactly its lines in the work list", async () => {
  const { owner, range } = await lastMonthPractice();
  const summary = expectOk(
    await harness.server.gql(
      `query ($from: Date!, $to: Date!) { claimSummary(from: $from, to: $to) { byStatus { status lineCount chargeCents } blockedByIssue { code lineCount chargeCents } } }`,
      range,
      owner.token,
    ),
  ).claimSummary;
  const status = (s: string) => summary.byStatus.find((b: { status: string }) => b.status === s);
  expect([status("READY").lineCount, status("BLOCKED").lineCount]).toEqual([3, 3]);

  const page = await newPage();
  await page.goto(`${harness.server.url}/signin`);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/");

  // This month has nothing yet, so the dashboard opens on last month.
  const tiles = page.getByRole("list", { name: "Lines by status" });
  await tiles.waitFor();
  expect(await page.getByRole("button", { name: "Last month" }).getAttribute("aria-pressed")).toBe("true");
  for (const s of ["READY", "BLOCKED", "BILLED"]) {
    const label = { READY: "Ready", BLOCKED: "Blocked", BILLED: "Billed" }[s]!;
    const n = status(s).lineCount;
    expect(await tiles.getByRole("link", { name: new RegExp(label) }).innerText()).toBe(`${label.toUpperCase()}\n${n} line${n === 1 ? "" : "s"}\n${usd(status(s).chargeCents)}`);
  }
  const reasons = page.getByRole("list", { name: "Blocked lines by reason" });
  for (const issue of summary.blockedByIssue) {
    await reasons.getByText(`${usd(issue.chargeCents)} · ${issue.lineCount} line${issue.lineCount === 1 ? "" : "s"}`).first().waitFor();
  }
  await page.screenshot({ path: path.join(SHOTS, "12-dashboard.png"), fullPage: true });

  await reasons.getByRole("link", { name: "No note for this member" }).click();
  await page.getByRole("heading", { name: "Claims", exact: true }).waitFor();
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toEqual({ ...range, status: "BLOCKED", issueCode: "MISSING_MEMBER_NOTE" });
  await page.getByText("Showing 3 of 3 lines.").waitFor();
  expect(await page.locator("table tbody tr").count()).toBe(3);
  expect(await page.locator("table tbody tr[data-status=BLOCKED]").count()).toBe(3);
  await page.getByText(`3 lines blocked`).waitFor();
  await page.screenshot({ path: path.join(SHOTS, "13-work-list.png"), fullPage: true });

  // One filter round trip: any status, then a member's name; the address carries it through a reload and the menu.
  await page.getByLabel("Status").selectOption("");
  await page.getByLabel("Reason").selectOption("");
  await page.getByText("Showing 6 of 6 lines.").waitFor();
  await page.getByLabel("Search").fill("member1");
  await page.getByText("Showing 2 of 2 lines.").waitFor();
  expect(new URL(page.url()).searchParams.get("search")).toBe("member1");
  const api = expectOk(
    await harness.server.gql(`query ($from: Date!, $to: Date!) { claimDecisions(from: $from, to: $to, search: "member1") { totalCount edges { node { status } } } }`, range, owner.token),
  ).claimDecisions;
  expect(api.totalCount).toBe(2);
  await page.reload();
  await page.getByText("Showing 2 of 2 lines.").waitFor();
  expect(await page.getByLabel("Search").inputValue()).toBe("member1");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).click();
  await page.getByRole("heading", { name: "Sessions", exact: true }).waitFor();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Claims" }).click();
  await page.getByText("Showing 2 of 2 lines.").waitFor();
  expect(new URL(page.url()).searchParams.get("search")).toBe("member1");

  // Typing a date the way the report did (10012026 for October 1, 2026): digits only, read as MMDDYYYY.
  const [year, month, dayOfMonth] = range.from.split("-");
  const from = page.getByLabel("From");
  await from.fill(`${month}${dayOfMonth}${year}`);
  await from.press("Enter");
  expect(await from.inputValue()).toBe(`${month}/${dayOfMonth}/${year}`);
  expect(new URL(page.url()).searchParams.get("from")).toBe(range.from);
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: path.join(SHOTS, "14-work-list-768.png"), fullPage: true });
  await page.close();
});

test("the filing deadlines panel lists the unbilled lines due soon, and a line opens the work list narrowed to it", async () => {
  const owner = await signUpPractice(harness.server, "Deadlines");
  const fx = await billingSetup(harness.server, owner, { members: 3 });
  const today = todayIn(TIME_ZONE);
  const range = presetRange("last-month", today);
  const sessionDate = `${range.from.slice(0, 8)}10`;
  await readySession(harness.server, owner, fx, { startsAt: `${sessionDate}T15:00:00Z` });
  // A window that ends three days from today: every line of that session is due soon.
  const window = Math.round((Date.parse(today) - Date.parse(sessionDate)) / 86_400_000) + 3;
  expectOk(await harness.server.gql(`mutation ($id: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $id, rules: $rules) { id } }`, { id: fx.payerId, rules: { effectiveFrom: "2026-01-01", timelyFilingDays: window } }, owner.token));

  const page = await newPage();
  await page.goto(`${harness.server.url}/signin`);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const panel = page.getByRole("region", { name: "Filing deadlines approaching" });
  const soon = panel.getByRole("list", { name: "Due within 14 days" });
  await soon.waitFor();
  expect(await panel.getByRole("link", { name: "3 lines" }).count()).toBe(1);
  expect(await soon.getByRole("listitem").count()).toBe(3);
  await page.screenshot({ path: path.join(SHOTS, "12-dashboard-filing-deadlines.png"), fullPage: true });
  await soon.getByRole("link", { name: /^Member0 TestA/ }).click();
  await page.getByText("Showing 1 of 1 line.").waitFor();
  const url = new URL(page.url());
  expect(url.pathname).toBe("/claims");
  expect(Object.fromEntries(url.searchParams)).toEqual({ from: sessionDate, to: sessionDate, flaggedBy: "TIMELY_FILING_SOON", clientId: fx.clientIds[0] });
  // A reason that only warns is the Reason dropdown's choice (found through flaggedBy), not a separate chip.
  expect(await page.getByLabel("Reason").inputValue()).toBe("TIMELY_FILING_SOON");
  expect(await page.getByLabel("Reason").locator("option:checked").innerText()).toBe("Filing deadline within 14 days");
});
