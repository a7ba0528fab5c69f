/**
 * The console in a real Chromium against the real server and the per-run test database:
 * a practice sets itself up through the screens, changes a payer rule with the impact preview,
 * sees a line turn BLOCKED, bills a batch; a second practice sees none of another's; a clinician cannot
 * open the rule editor. Each test sets up the practices it needs, so any of them runs alone. Any browser
 * console error fails the test. Screenshots of the main screens go to test-artifacts/screenshots/.
 */
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { PASSWORD, expectOk, memberWithRole, signUpPractice, type PracticeFixture } from "../support/api";
import { billingSetup, readySession } from "../support/billing-fixture";
import { uniqueNpi } from "../support/npi";
import { SHOTS, useBrowserHarness } from "./support/browser";

jest.setTimeout(120_000);

const MARCH = "from=2026-03-01&to=2026-03-31";

const harness = useBrowserHarness();
const newPage = () => harness.newPage();

/**
 * A practice with a payer whose rules were changed, a billed-ready March session and a clinician member, set up
 * over the API: what the later tests look at (or must not see) without depending on the first test having run.
 */
async function practiceWithASession(): Promise<{ owner: PracticeFixture; payerId: string; sessionId: string; clinicianEmail: string }> {
  const owner = await signUpPractice(harness.server, "Elsewhere");
  const fx = await billingSetup(harness.server, owner);
  expectOk(await harness.server.gql(`mutation ($id: ID!) { setPayerRules(payerId: $id, rules: { maxGroupSize: 9 }) { id } }`, { id: fx.payerId }, owner.token));
  const sessionId = await readySession(harness.server, owner, fx, { startsAt: "2026-03-10T15:00:00Z" });
  const clinician = await memberWithRole(harness.server, owner, "CLINICIAN");
  return { owner, payerId: fx.payerId, sessionId, clinicianEmail: clinician.email };
}

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: options.fullPage ?? false });
}

async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem("groupbill.session"));
  return JSON.parse(raw!).token;
}

async function go(page: Page, url: string) {
  await page.goto(`${harness.server.url}${url}`);
}

async function signUp(page: Page, practiceName: string): Promise<string> {
  const email = `owner-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.test`;
  await go(page, "/signup");
  await page.getByLabel("Practice name").fill(practiceName);
  await page.getByLabel("Practice NPI (type 2)").fill(uniqueNpi());
  await page.getByLabel("Your name").fill("Morgan Ellis");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  return email;
}

async function signIn(page: Page, email: string) {
  await go(page, "/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
}

async function api(page: Page, query: string, variables: Record<string, unknown>) {
  return expectOk(await harness.server.gql(query, variables, await tokenOf(page)));
}

test("an owner sets up a practice, changes a Medicaid rule with the preview, sees the line blocked, and bills a batch", async () => {
  const page = await newPage();
  await signUp(page, "Harbor Group Therapy");
  await shot(page, "01-sign-up");
  await page.getByRole("button", { name: "Create practice" }).click();
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
  await page.getByText("No claim lines in this month yet.").waitFor();

  // A Medicaid payer: HQ on its lines by default.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payers" }).click();
  await page.getByText("No payers yet.").waitFor();
  await page.getByRole("button", { name: "New payer" }).click();
  await page.getByLabel("Name", { exact: true }).fill("State Medicaid");
  await page.getByLabel("Kind").selectOption("MEDICAID");
  await page.getByLabel("Payer ID on claims").fill("SMCD1");
  await page.getByLabel("Rules effective from").fill("2026-01-01");
  await page.getByLabel("Fee per line (USD)").fill("48.00");
  await page.getByRole("button", { name: "Create payer" }).click();
  await page.getByRole("heading", { name: "State Medicaid" }).waitFor();
  const payerId = page.url().split("/").pop()!;
  expect(await page.getByLabel("Modifier 1").inputValue()).toBe("HQ");

  // A clinician, clients with coverage, a group: through the screens (two clients through the API, to save time).
  await page.getByRole("link", { name: "Clinicians" }).click();
  await page.getByRole("button", { name: "New clinician" }).click();
  await page.getByLabel("Full name").fill("Robin Lee");
  await page.getByLabel("Individual NPI").fill(uniqueNpi());
  await page.getByLabel("Credential").fill("LCSW");
  await page.getByRole("button", { name: "Create clinician" }).click();
  await page.getByRole("cell", { name: "Robin Lee", exact: true }).waitFor();

  await page.getByRole("link", { name: "Clients" }).click();
  await page.getByRole("button", { name: "New client" }).click();
  await page.getByLabel("First name").fill("Dana");
  await page.getByLabel("Last name").fill("Reyes");
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await page.getByLabel("Sex").selectOption("FEMALE");
  await page.getByLabel("Street").fill("12 Oak Ave");
  await page.getByLabel("City").fill("Boston");
  await page.getByLabel("State").fill("ma");
  await page.getByLabel("ZIP").fill("02118");
  await page.getByLabel("Diagnosis codes (ICD-10)").fill("F33.1");
  await page.getByRole("button", { name: "+ Add coverage" }).click();
  await page.getByLabel("Payer", { exact: true }).selectOption({ label: "State Medicaid" });
  await page.getByLabel("Member ID").fill("MCD-100");
  await page.getByLabel("From", { exact: true }).fill("2026-01-01");
  await page.getByRole("button", { name: "Create client" }).click();
  await page.getByText("Dana Reyes added.").waitFor();
  for (const [firstName, lastName] of [
    ["Ari", "Brook"],
    ["Cam", "Cole"],
  ]) {
    await api(page, `mutation ($input: CreateClientInput!) { createClient(input: $input) { id } }`, {
      input: {
        firstName,
        lastName,
        dateOfBirth: "1985-02-02",
        sex: "MALE",
        address: { line1: "5 Elm St", city: "Boston", state: "MA", zip: "02118" },
        diagnosisCodes: ["F41.1"],
        coverages: [{ payerId: payerId, memberId: `MCD-${firstName}`, priority: "PRIMARY", effectiveFrom: "2026-01-01" }],
      },
    });
  }
  await page.reload();
  await page.getByRole("link", { name: "Reyes, Dana" }).waitFor();
  await shot(page, "05-clients");

  await page.getByRole("link", { name: "Groups" }).click();
  await page.getByRole("button", { name: "New group" }).click();
  await page.getByLabel("Name", { exact: true }).fill("DBT Skills");
  await page.getByLabel("Kind").selectOption("SKILLS");
  await page.getByLabel("Leader").selectOption({ label: "Robin Lee, LCSW" });
  for (const name of ["Reyes, Dana", "Brook, Ari"]) await page.getByLabel(name).check();
  await page.getByRole("button", { name: "Create group" }).click();
  await page.getByRole("cell", { name: "DBT Skills", exact: true }).waitFor();
  // Editing: rename it and add the third member.
  await page.getByRole("button", { name: "Edit DBT Skills" }).click();
  await page.getByLabel("Name", { exact: true }).fill("DBT Skills Tuesday");
  await page.getByLabel("Cole, Cam").check();
  await page.getByRole("button", { name: "Save group" }).click();
  await page.getByRole("cell", { name: "DBT Skills Tuesday", exact: true }).waitFor();
  await page.getByRole("cell", { name: /Cam Cole/ }).waitFor();

  // Schedule, attend, document, write and sign a note: the session page.
  await page.getByRole("link", { name: "Sessions" }).click();
  await page.getByRole("button", { name: "Schedule session" }).click();
  const scheduling = page.getByRole("region", { name: "Schedule a session" });
  await scheduling.getByLabel("Group", { exact: true }).selectOption({ label: "DBT Skills Tuesday" });
  await scheduling.getByLabel(/^Starts/).fill("2026-03-10T10:00");
  await scheduling.getByRole("button", { name: "Schedule", exact: true }).click();
  await page.getByRole("heading", { name: /DBT Skills Tuesday · Tue, Mar 10, 2026, 10:00 AM/ }).waitFor();
  const sessionId = page.url().split("/").pop()!;

  for (const name of ["Dana Reyes", "Ari Brook", "Cam Cole"]) await page.getByRole("radiogroup", { name }).getByText("Present").click();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await page.getByText("Attendance saved.").waitFor();
  const documentation = page.getByRole("region", { name: "Group documentation" });
  await documentation.getByLabel("Topics").fill("Distress tolerance");
  await documentation.getByLabel("Interventions").fill("DBT skills coaching, role play");
  await documentation.getByRole("button", { name: "Save documentation" }).click();
  await page.getByText("Documentation saved.").waitFor();

  const dana = page.locator("details", { hasText: "Dana Reyes" });
  await dana.getByLabel("Participation").fill("Engaged throughout");
  await dana.getByLabel("Response").fill("Practiced the TIPP skill");
  await dana.getByRole("button", { name: "Save and sign" }).click();
  await dana.getByRole("button", { name: "Yes, sign the note" }).click();
  await dana.getByText("Signed", { exact: true }).waitFor();
  const notes = await api(page, `query ($id: ID!) { session(id: $id) { group { id members { id firstName } } } }`, { id: sessionId });
  for (const member of notes.session.group.members.filter((m: { firstName: string }) => m.firstName !== "Dana")) {
    const note = await api(page, `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, {
      input: { sessionId: sessionId, clientId: member.id, participation: "Engaged", response: "Practiced the skill" },
    });
    await api(page, `mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: note.saveMemberNote.id });
  }
  await page.reload();
  const lines = page.locator("section", { has: page.getByRole("heading", { name: "Claim lines" }) });
  await lines.getByText("READY").nth(2).waitFor();
  expect(await lines.getByText("90853-HQ").count()).toBe(3);
  await shot(page, "04-session", { fullPage: true });

  await go(page, `/sessions?${MARCH}`);
  const card = page.locator(".session-card", { hasText: "DBT Skills Tuesday" });
  await card.getByText("3 ready").waitFor();
  expect(await card.getByText("90853-HQ").count()).toBe(3);
  await shot(page, "03-sessions-board");

  // The rule change: preview first, then save; the line turns BLOCKED.
  await go(page, `/payers/${payerId}`);
  await page.getByLabel("Maximum members").fill("2");
  await page.getByLabel("Effective from (service date)").fill("2026-01-01");
  expect(await page.getByRole("button", { name: "Save new version" }).isDisabled()).toBe(true);
  await page.getByRole("button", { name: "Preview impact" }).click();
  const preview = page.getByRole("region", { name: "Impact preview" });
  await preview.getByText(/This change would block 3 lines, unblock 0 lines/).waitFor();
  expect(await preview.getByText("Group too large").count()).toBe(3);
  await shot(page, "02-rule-editor-preview", { fullPage: true });
  await page.getByRole("button", { name: "Save new version" }).click();
  await page.getByText("Saved a new version, in force from Thu, Jan 1, 2026.").waitFor();
  expect(await page.locator("section", { hasText: "Version history" }).locator("tbody tr").count()).toBe(2);

  // A server-side field error lands next to its input.
  await page.getByLabel("Minimum members").fill("5");
  await page.getByRole("button", { name: "Preview impact" }).click();
  await page.locator(".field--invalid", { has: page.getByLabel("Maximum members") }).getByText(/at least/i).waitFor();

  await go(page, `/sessions?${MARCH}`);
  await card.getByText("3 blocked").waitFor();
  expect(await card.getByText("3 members were present; this payer allows at most 2 for group therapy.", { exact: false }).count()).toBe(3);
  await shot(page, "03-sessions-board-blocked");

  // Two present members on another day stay within the rule: bill them.
  const second = await api(page, `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id group { members { id firstName } } } }`, {
    input: { groupId: notes.session.group.id, startsAt: "2026-03-17T14:00:00Z", durationMinutes: 60, modality: "TELEHEALTH_VIDEO" },
  });
  const two = second.scheduleSession.group.members.slice(0, 2);
  await api(page, `mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Emotion regulation", interventions: "Skills coaching" }) { id } }`, { id: second.scheduleSession.id });
  await api(page, `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, {
    id: second.scheduleSession.id,
    entries: two.map((m: { id: string }) => ({ clientId: m.id, status: "PRESENT" })),
  });
  for (const m of two) {
    const note = await api(page, `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, {
      input: { sessionId: second.scheduleSession.id, clientId: m.id, participation: "Engaged", response: "Used the skill" },
    });
    await api(page, `mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: note.saveMemberNote.id });
  }
  // A batch needs the billing provider and the clearinghouse settings: the practice page.
  await page.getByRole("link", { name: "Practice" }).click();
  for (const [label, value] of [
    ["Tax ID (EIN)", "043219876"],
    ["Taxonomy code", "261QM0801X"],
    ["Billing phone", "6175550100"],
    ["Street address", "1 Main St"],
    ["City", "Boston"],
    ["State", "MA"],
    ["ZIP+4", "02110-1234"],
    ["Clearinghouse name", "Harbor Claims Exchange"],
    ["Clearinghouse receiver ID", "HCX01"],
    ["Submitter ID", "HARBOR01"],
    ["Submitter name", "Harbor Group Therapy"],
    ["Billing contact name", "Morgan Ellis"],
  ]) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByLabel("837P usage (ISA15)").selectOption("T");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.getByText("Saved.").waitFor();
  await page.getByText(/837P files: Test \(T\)/).waitFor();

  await page.getByRole("link", { name: "Batches" }).click();
  // Typed dates, as a biller types them (MMDDYYYY); each applies on Enter.
  await page.getByLabel("First service date").fill("03012026");
  await page.getByLabel("First service date").press("Enter");
  await page.getByLabel("Last service date").fill("03/31/2026");
  await page.getByLabel("Last service date").press("Enter");
  expect(await page.getByLabel("First service date").inputValue()).toBe("03/01/2026");
  await page.getByText("2 lines ready to bill; 3 still blocked.").waitFor();
  await page.getByRole("button", { name: "Review batch" }).click();
  const review = page.getByRole("region", { name: "Review the batch" });
  await review.getByRole("heading", { name: "This batch would bill 2 lines, $96.00" }).waitFor();
  await review.getByText("3 lines are blocked and stay out of this batch.").waitFor();
  // The billing details were entered on the practice page above, so the review has nothing missing to report.
  expect(await review.getByText(/The 837P file will need/).count()).toBe(0);
  await shot(page, "06a-batch-review");
  await page.getByRole("button", { name: "Create batch" }).dblclick();
  await page.getByText(/Batch #1 made: 2 lines, \$96\.00/).waitFor();
  await page.getByRole("button", { name: "Download batch 1 as CSV" }).waitFor();
  expect(await page.getByRole("region", { name: "Claim batches" }).locator("table tbody tr").count()).toBe(1);
  await page.getByRole("region", { name: "Claim batches" }).getByText("Test (T)").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download batch 1 as CSV" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain("90853");
  expect(download.suggestedFilename()).toBe("claim-batch-1-2026-03-01-to-2026-03-31.csv");
  await shot(page, "06-claims");
  const batchTableFits = () => page.getByRole("region", { name: "Claim batches" }).evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(await batchTableFits()).toBe(true);

  // A colleague who is a clinician, added through the members screen.
  await page.getByRole("link", { name: "Members" }).click();
  const clinicianEmail = `clinician-${Date.now()}@example.test`;
  await page.getByLabel("E-mail").fill(clinicianEmail);
  await page.getByLabel("Name", { exact: true }).fill("Robin Lee");
  await page.getByLabel("Initial password").fill(PASSWORD);
  await page.getByLabel("Role", { exact: true }).selectOption("CLINICIAN");
  await page.getByRole("button", { name: "Add member" }).click();
  await page.getByText(/was added as clinician/).waitFor();
  await page.getByRole("cell", { name: clinicianEmail }).waitFor();
  expect(await page.getByLabel("Role of Robin Lee").inputValue()).toBe("CLINICIAN");

  await page.getByRole("link", { name: "Audit log" }).click();
  // Plain words, not the API's action names.
  await page.getByRole("region", { name: "Audit events" }).getByText("Changed a payer's rules").first().waitFor();
  await shot(page, "07-audit-log");

  // The same screens at tablet width.
  await page.setViewportSize({ width: 768, height: 1024 });
  await go(page, `/sessions?${MARCH}`);
  await card.getByText("3 blocked").waitFor();
  await shot(page, "08-sessions-board-768");
  await go(page, "/batches");
  await page.getByRole("button", { name: "Void" }).waitFor();
  expect(await batchTableFits()).toBe(true);
  await shot(page, "08a-batches-768", { fullPage: true });
  await go(page, `/payers/${payerId}`);
  await page.getByLabel("Maximum members").waitFor();
  await shot(page, "09-rule-editor-768", { fullPage: true });
  await go(page, `/sessions/${sessionId}`);
  await page.getByRole("heading", { name: "Claim lines" }).waitFor();
  await shot(page, "10-session-768", { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.close();
});

test("a second practice sees none of another's payers, sessions, batches, lines or audit events", async () => {
  const other = await practiceWithASession();
  const page = await newPage();
  await signUp(page, "Other Practice");
  await page.getByRole("button", { name: "Create practice" }).click();
  await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
  await go(page, `/sessions?${MARCH}`);
  await page.getByText("No sessions in these dates.").waitFor();
  await go(page, "/payers");
  await page.getByText("No payers yet.").waitFor();
  await go(page, `/payers/${other.payerId}`);
  await page.getByText("This payer does not exist in this practice.").waitFor();
  await go(page, `/sessions/${other.sessionId}`);
  await page.getByText("This session does not exist in this practice.").waitFor();
  await go(page, "/batches");
  await page.getByText("No claim batches yet.").waitFor();
  await go(page, `/claims?${MARCH}`);
  await page.getByText("No claim lines match.").waitFor();
  await go(page, "/audit");
  const events = page.getByRole("region", { name: "Audit events" });
  await events.getByText("Created the practice").waitFor();
  expect(await events.getByText("Changed a payer's rules").count()).toBe(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.close();
});

test("a clinician works the session but cannot open the rule editor", async () => {
  const practice = await practiceWithASession();
  const page = await newPage();
  await signIn(page, practice.clinicianEmail);
  const nav = page.getByRole("navigation", { name: "Main" });
  expect(await nav.getByRole("link").allTextContents()).toEqual(["Dashboard", "Sessions", "Clients", "Groups", "Clinicians"]);
  await go(page, `/payers/${practice.payerId}`);
  await page.getByText("Your role cannot open the payer rule editor.").waitFor();
  expect(await page.getByLabel("Maximum members").count()).toBe(0);
  await shot(page, "11-clinician-rule-editor-refused");
  await go(page, `/sessions/${practice.sessionId}`);
  await page.getByRole("heading", { name: "Claim lines" }).waitFor();
  expect(await page.getByRole("button", { name: "Save attendance" }).count()).toBe(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.close();
});
