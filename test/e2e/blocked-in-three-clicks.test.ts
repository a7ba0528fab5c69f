/**
 * Issue 12's "done when", in a real Chromium: a new user signed in to the demo practice reaches every blocked line
 * of last month and its fix in three clicks from sign-in. The sign-in button is the first click; the dashboard's
 * count for a reason is the second and lists every line blocked for it (no paging); the reason on a line is the
 * third and lands on the screen that fixes it with the field focused. Every distinct reason the demo blocks a line
 * for is walked, and every line's link is checked against where its reason is fixed.
 * The demo practice is loaded into this file's own database (its login is fixed, and another file loads it too).
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { seedDemo } from "../../server/src/db/seed";
import { claimsHref } from "../../console/src/claims/claim-filters";
import { presetRange } from "../../console/src/lib/date-input";
import { todayIn } from "../../console/src/lib/dates";
import { fixLinkFor } from "../../console/src/lib/fix-links";
import { ISSUE_LABELS } from "../../console/src/lib/labels";
import { expectOk } from "../support/api";
import { SHOTS, useBrowserHarness } from "./support/browser";

jest.setTimeout(300_000);

const harness = useBrowserHarness({ ownDatabase: true });

interface BlockedLine {
  id: string;
  issues: { code: string; severity: string; missingRegistration: string[] | null }[];
  client: { id: string };
  payer: { id: string } | null;
  renderingProvider: { id: string } | null;
  session: { id: string; group: { id: string } };
}

const LINES = `query ($from: Date!, $to: Date!, $after: String) {
  claimDecisions(from: $from, to: $to, status: BLOCKED, first: 50, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id issues { code severity missingRegistration } client { id } payer { id } renderingProvider { id } session { id group { id } } } }
  }
}`;

async function blockedLines(token: string, range: { from: string; to: string }): Promise<BlockedLine[]> {
  const lines: BlockedLine[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { edges: { node: BlockedLine }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = expectOk(
      await harness.server.gql(LINES, { ...range, after }, token),
    ).claimDecisions;
    lines.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return lines;
    after = page.pageInfo.endCursor;
  }
}

/** Whether focus is on a control inside (or at) the element a link's "#id" names: the field that fixes the line. */
async function focusedIn(page: Page, targetId: string): Promise<void> {
  try {
    await page.waitForFunction((id) => {
      const target = document.getElementById(id);
      const active = document.activeElement;
      return Boolean(target && active && (target === active || target.contains(active)) && ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(active.tagName));
    }, targetId);
  } catch (error) {
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`Focus is not in #${targetId} at ${page.url()}; it is on ${focused}`, { cause: error });
  }
}

test("every blocked line of last month, and the field that fixes it, is three clicks from sign-in", async () => {
  const demo = await seedDemo(harness.server.dataSource, new Date());
  const token = expectOk(await harness.server.gql(`mutation ($i: LogInInput!) { logIn(input: $i) { token } }`, { i: { email: demo.email, password: demo.password } })).logIn.token;
  const { practice, permissions } = expectOk(await harness.server.gql(`{ me { permissions practice { timezone } } }`, {}, token)).me;
  const { timezone } = practice;
  // Where a reason links depends on what the signed-in user may edit (Viewer.permissions), as in the console.
  const can = (permission: string) => (permissions as string[]).includes(permission);
  const range = presetRange("last-month", todayIn(timezone));
  const summary = expectOk(await harness.server.gql(`query ($from: Date!, $to: Date!) { claimSummary(from: $from, to: $to) { blockedByIssue { code lineCount } } }`, range, token)).claimSummary;
  const blocked = await blockedLines(token, range);
  const reasons: { code: string; lineCount: number }[] = summary.blockedByIssue;
  // The demo blocks lines for many reasons; each of them is walked below, not a sample.
  expect(reasons.length).toBeGreaterThanOrEqual(10);
  expect(new Set(reasons.map((r) => r.code))).toEqual(new Set(blocked.flatMap((l) => l.issues.filter((i) => i.severity === "ERROR").map((i) => i.code))));

  let clicks = 0;
  const click = async (target: Locator) => {
    clicks += 1;
    await target.click();
  };

  const page = await harness.newPage();
  await page.goto(`${harness.server.url}/signin`);
  await page.getByLabel("E-mail").fill(demo.email);
  await page.getByLabel("Password").fill(demo.password);
  await click(page.getByRole("button", { name: "Sign in" }));
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
  const afterSignIn = clicks;
  // The demo's month is last month, and the dashboard opens on it.
  await page.getByRole("list", { name: "Lines by status" }).waitFor();
  expect(await page.getByRole("button", { name: "Last month" }).getAttribute("aria-pressed")).toBe("true");
  await page.screenshot({ path: path.join(SHOTS, "16-demo-dashboard.png"), fullPage: true });

  const reached = new Set<string>();
  let fixesOpened = 0;
  for (const reason of reasons) {
    const label = ISSUE_LABELS[reason.code];
    expect(label).toBeDefined();
    const expectedLines = blocked.filter((l) => l.issues.some((i) => i.code === reason.code && i.severity === "ERROR"));
    expect(expectedLines).toHaveLength(reason.lineCount);
    // Every line of a reason has its fix, and it is where the console's table of fixes says.
    const fixes = new Map(
      expectedLines.map((l) => [
        l.id,
        fixLinkFor(l.issues.find((i) => i.code === reason.code && i.severity === "ERROR")!, { sessionId: l.session.id, clientId: l.client.id, payerId: l.payer?.id, clinicianId: l.renderingProvider?.id, groupId: l.session.group.id }, can),
      ]),
    );
    // A missing registration lands on the first missing field, not the top of the client's form.
    if (reason.code === "MISSING_REGISTRATION") for (const fix of fixes.values()) expect(fix!.to).toMatch(/#(client-sex|client-address|subscriber-.+)$/);
    for (const [lineId, fix] of fixes) expect([reason.code, lineId, fix]).toEqual([reason.code, lineId, expect.objectContaining({ to: expect.stringMatching(/#.+$/) })]);

    const distinct = [...new Set([...fixes.values()].map((f) => f!.to!))];
    for (const to of distinct) {
      // Each trip starts where sign-in lands: the dashboard.
      await page.goto(`${harness.server.url}/`);
      await page.getByRole("list", { name: "Blocked lines by reason" }).waitFor();
      clicks = afterSignIn;
      const count = page.getByRole("list", { name: "Blocked lines by reason" }).locator(`a[href="${claimsHref({ ...range, status: "BLOCKED", issueCode: reason.code })}"]`);
      expect(await count.innerText()).toBe(label);
      await click(count);
      // The whole list of this reason's lines, on one page.
      await page.getByText(`Showing ${reason.lineCount} of ${reason.lineCount} line${reason.lineCount === 1 ? "" : "s"}.`).waitFor();
      expect(await page.getByRole("button", { name: "Load more lines" }).count()).toBe(0);
      const rows = page.locator("tr[data-line]");
      const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-line")!));
      expect(new Set(shown)).toEqual(new Set(fixes.keys()));
      for (const id of shown) reached.add(id);
      for (const id of shown) {
        const link = page.locator(`tr[data-line="${id}"]`).getByRole("link", { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `) });
        expect(await link.getAttribute("href")).toBe(fixes.get(id)!.to);
      }

      const lineId = shown.find((id) => fixes.get(id)!.to === to)!;
      await click(page.locator(`tr[data-line="${lineId}"]`).locator(`a[href="${to}"]`).first());
      await focusedIn(page, decodeURIComponent(to.split("#")[1]!));
      expect(`${new URL(page.url()).pathname}${new URL(page.url()).search}${new URL(page.url()).hash}`).toBe(to);
      expect([reason.code, to, clicks]).toEqual([reason.code, to, 3]);
      fixesOpened += 1;
      if (fixesOpened === 1) await page.screenshot({ path: path.join(SHOTS, "17-demo-fix-focused.png"), fullPage: true });
    }
  }
  // Every blocked line of last month was listed under at least one of its reasons.
  expect(reached).toEqual(new Set(blocked.map((l) => l.id)));
  expect(fixesOpened).toBeGreaterThanOrEqual(reasons.length);
  await page.close();
});
