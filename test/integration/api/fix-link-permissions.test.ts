import { randomUUID } from "node:crypto";
import { print, type DocumentNode } from "graphql";
import { ClientAuthorizationsDocument } from "../../../console/src/clients/authorizations.documents";
import { ClientDocument } from "../../../console/src/clients/clients.documents";
import { CliniciansDocument } from "../../../console/src/clinicians/clinicians.documents";
import { GroupsDocument } from "../../../console/src/groups/groups.documents";
import { fixLinkFor, type FixLink, type IssueRef, type LineWhere } from "../../../console/src/lib/fix-links";
import { PayerDocument } from "../../../console/src/payers/payers.documents";
import { SessionDocument } from "../../../console/src/sessions/sessions.documents";
import { ROLES, type Role } from "../../../server/src/auth/roles";
import { CLAIM_ISSUE_CODES } from "../../../server/src/domain/engine/types";
import { errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";

/**
 * A reason's link never sends a viewer to a form whose save the server refuses them. For every reason and every role
 * (its permissions as the server serves them in Viewer.permissions), the link the console gives is tried against the
 * server: an editing link's save is made as that role; a read-only link's screen is read as that role with the
 * screen's own queries, and the fix it stands in for is refused to them; a label naming who fixes it names a role
 * whose own link is an editing one the server accepts.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

interface Request {
  query: string;
  variables: Record<string, unknown>;
}

/** Who a label names as fixing a reason: the roles the console's wording means. */
const NAMED: Record<string, Role> = { "a clinician": "CLINICIAN", "a biller": "BILLER", "an administrator": "ADMIN" };

function named(label: string): Role {
  const found = Object.entries(NAMED).filter(([words]) => label.toLowerCase().includes(words));
  if (found.length !== 1) throw new Error(`"${label}" should name exactly one role`);
  return found[0]![1];
}

function parts(to: string): { path: string; id: string; field: string } {
  const [beforeHash, field = ""] = to.split("#");
  const path = beforeHash!.split("?")[0]!;
  return { path, id: decodeURIComponent(path.split("/")[2] ?? ""), field };
}

test("every reason's link, for every role, is one the server lets that role use", async () => {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3 });
  const [clientId] = fx.clientIds as [string];
  const sessionId = expectOk(
    await server.gql(
      `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`,
      { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } },
      owner.token,
    ),
  ).scheduleSession.id as string;
  const authorizationId = expectOk(
    await server.gql(
      `mutation ($clientId: ID!, $input: AddPriorAuthorizationInput!) { addPriorAuthorization(clientId: $clientId, input: $input) { id } }`,
      { clientId, input: { payerId: fx.payerId, number: "PA-1", startDate: "2026-01-01", endDate: "2026-12-31", units: 20 } },
      owner.token,
    ),
  ).addPriorAuthorization.id as string;

  // A month of READY lines for each batch the test makes: a batch bills them, so each role gets a month of its own.
  const billable = ["2026-04", "2026-05", "2026-06", "2026-07"];
  for (const month of billable) await readySession(server, owner, fx, { startsAt: `${month}-14T15:00:00Z` });

  const tokens: Record<Role, string> = { OWNER: owner.token, ADMIN: "", BILLER: "", CLINICIAN: "" };
  for (const role of ROLES) if (role !== "OWNER") tokens[role] = (await memberWithRole(server, owner, role)).token;
  const permissions = {} as Record<Role, string[]>;
  for (const role of ROLES) permissions[role] = expectOk(await server.gql(`{ me { permissions } }`, {}, tokens[role])).me.permissions;
  const canOf = (role: Role) => (permission: string) => permissions[role].includes(permission);

  /** The save made by the form a link lands on, with the values it already holds where it can. */
  function saveAt(to: string): Request {
    const { path, id, field } = parts(to);
    const session = (input: Record<string, unknown>) => ({ query: `mutation ($id: ID!, $input: UpdateSessionInput!) { updateSession(id: $id, input: $input) { id } }`, variables: { id, input } });
    if (path.startsWith("/sessions/")) {
      if (field.startsWith("note-"))
        return {
          query: `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`,
          variables: { input: { sessionId: id, clientId: field.slice("note-".length), participation: "Engaged throughout" } },
        };
      if (field === "attendance" || field.startsWith("minutes-"))
        return {
          query: `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
          variables: { id, entries: fx.clientIds.map((c) => ({ clientId: c, status: "PRESENT" })) },
        };
      if (field === "session-length") return session({ durationMinutes: 60 });
      if (field === "session-modality") return session({ modality: "IN_PERSON" });
      if (field === "session-leader") return session({ leaderId: fx.clinicianId });
      if (field === "group-documentation") return session({ topics: "Distress tolerance", interventions: "DBT skills coaching" });
    }
    if (path === "/clinicians" && field.startsWith("clinician-"))
      return { query: `mutation ($id: ID!, $input: UpdateClinicianInput!) { updateClinician(id: $id, input: $input) { id } }`, variables: { id: field.slice("clinician-".length), input: { licensed: true } } };
    if (path.startsWith("/clients/")) {
      if (field === "authorizations")
        return { query: `mutation ($id: ID!, $input: UpdatePriorAuthorizationInput!) { updatePriorAuthorization(id: $id, input: $input) { id } }`, variables: { id: authorizationId, input: { units: 20 } } };
      // The client's form saves sex, address, diagnoses, coverage and subscriber together.
      if (["client-details", "client-sex", "client-address", "coverage", "diagnosis"].includes(field) || field.startsWith("subscriber-"))
        return { query: `mutation ($id: ID!, $input: UpdateClientInput!) { updateClient(id: $id, input: $input) { id } }`, variables: { id, input: { diagnosisCodes: ["F33.1"] } } };
    }
    if (path.startsWith("/payers/") && field === "rules")
      return { query: `mutation ($id: ID!, $rules: PayerRulesInput!) { setPayerRules(payerId: $id, rules: $rules) { id } }`, variables: { id, rules: { effectiveFrom: "2026-01-01", feeCents: 4800 } } };
    if (path === "/batches" && field === "new-batch") {
      const month = billable.shift();
      if (!month) throw new Error("More batches than months of READY lines");
      return { query: `mutation ($input: CreateClaimBatchInput!) { createClaimBatch(input: $input) { id } }`, variables: { input: { from: `${month}-01`, to: `${month}-28`, idempotencyKey: randomUUID() } } };
    }
    if (path === "/groups" && (field === "group-kind" || field === "group-psychotherapy" || field === ""))
      return { query: `mutation ($id: ID!, $input: UpdateGroupInput!) { updateGroup(id: $id, input: $input) { id } }`, variables: { id: fx.groupId, input: { hasPsychotherapyComponent: true } } };
    throw new Error(`No save is known for the form at ${to}: teach this test which mutation it makes`);
  }

  /** The queries the screen a read-only link opens makes for this role. */
  function readsAt(to: string, role: Role): Request[] {
    const { path, id } = parts(to);
    const q = (document: DocumentNode, variables: Record<string, unknown> = {}) => ({ query: print(document), variables });
    if (path.startsWith("/sessions/")) return [q(SessionDocument, { id, withBilling: canOf(role)("ReadClaims") })];
    if (path.startsWith("/clients/")) return [q(ClientDocument, { id }), q(ClientAuthorizationsDocument, { id })];
    if (path.startsWith("/payers/")) return [q(PayerDocument, { id })];
    if (path === "/clinicians") return [q(CliniciansDocument)];
    if (path === "/groups") return [q(GroupsDocument)];
    throw new Error(`No screen is known at ${to}: teach this test what it reads`);
  }

  const outcomes = new Map<string, "saved" | "FORBIDDEN">();
  /** Whether the server saves a link's form for a role: saved or FORBIDDEN, anything else fails the test. */
  async function save(role: Role, to: string): Promise<"saved" | "FORBIDDEN"> {
    const key = `${role} ${to}`;
    const known = outcomes.get(key);
    if (known) return known;
    const { query, variables } = saveAt(to);
    const res = await server.gql(query, variables, tokens[role]);
    if (res.errors && errorCode(res) !== "FORBIDDEN") throw new Error(`${role} saving at ${to}: ${JSON.stringify(res.errors)}`);
    const outcome = res.errors ? "FORBIDDEN" : "saved";
    outcomes.set(key, outcome);
    return outcome;
  }

  const where: LineWhere = { sessionId, clientId, payerId: fx.payerId, clinicianId: fx.clinicianId, groupId: fx.groupId };
  const issues: IssueRef[] = [
    ...CLAIM_ISSUE_CODES.map((code) => ({ code })),
    ...[["SEX"], ["ADDRESS"], ["SUBSCRIBER"]].map((missing) => ({ code: "MISSING_REGISTRATION", missingRegistration: missing })),
  ];
  const seen: string[] = [];
  for (const issue of issues) {
    // Where the reason is fixed, by whoever may do everything.
    const fix = fixLinkFor(issue, where, () => true);
    expect([issue, fix?.to]).toEqual([issue, expect.stringMatching(/#.+$/)]);
    for (const role of ROLES) {
      const link: FixLink | null = fixLinkFor(issue, where, canOf(role));
      const at = `${issue.code} as ${role}`;
      // Every viewer is told something: where to fix it, where to see it, or who fixes it.
      expect([at, link]).toEqual([at, expect.objectContaining({ label: expect.any(String) })]);
      seen.push(`${at}: ${link!.to ?? "-"} "${link!.label}"`);
      if (!link!.readOnly) {
        expect([at, link!.to, await save(role, link!.to!)]).toEqual([at, link!.to, "saved"]);
        continue;
      }
      // Read-only only when the fix is indeed not theirs to save.
      expect([at, await save(role, fix!.to!)]).toEqual([at, "FORBIDDEN"]);
      const fixer = named(link!.label);
      const theirs = fixLinkFor(issue, where, canOf(fixer));
      expect([at, fixer, theirs?.readOnly]).toEqual([at, fixer, undefined]);
      expect([at, fixer, await save(fixer, theirs!.to!)]).toEqual([at, fixer, "saved"]);
      if (link!.to !== null) {
        expect([at, link!.to]).toEqual([at, expect.stringMatching(/#.+$/)]);
        for (const read of readsAt(link!.to, role)) {
          const res = await server.gql(read.query, read.variables, tokens[role]);
          expect([at, link!.to, res.errors]).toEqual([at, link!.to, undefined]);
        }
      }
    }
  }
  // Billers and clinicians each lack some fix, so both kinds of fallback are exercised, not only editing links.
  expect(seen.some((s) => /as BILLER: \/sessions\/.+"See the note/.test(s))).toBe(true);
  expect(seen.some((s) => /as CLINICIAN: - "An administrator edits the payer's rules"/.test(s))).toBe(true);
});
