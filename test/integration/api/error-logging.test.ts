import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";
import { billingSetup } from "../../support/billing-fixture";
import { uniqueNpi } from "../../support/npi";

/** Everything the app logged, rendered as console.error would print it (objects in full). */
const logged: string[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ log: (message, detail) => logged.push(detail === undefined ? message : `${message} ${inspect(detail, { depth: 10 })}`) });
});
afterAll(async () => {
  await server.stop();
});

/** Makes every new or changed row of a table fail with check_violation (23514), the way a real bug's query would. */
async function withFailingWrites<T>(table: string, work: () => Promise<T>): Promise<T> {
  await server.dataSource.query(`ALTER TABLE ${table} ADD CONSTRAINT gb_test_refuse_writes CHECK (false) NOT VALID`);
  try {
    return await work();
  } finally {
    await server.dataSource.query(`ALTER TABLE ${table} DROP CONSTRAINT gb_test_refuse_writes`);
  }
}

async function failingRequest(query: string, variables: Record<string, unknown>, token: string | null) {
  const requestId = `req-${randomUUID()}`;
  const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": requestId };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  expect(body.errors[0].extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId });
  return { requestId, log: logged.filter((line) => line.includes(requestId)).join("\n"), all: logged.join("\n") };
}

function expectNoneOf(log: string, secrets: string[]): void {
  for (const secret of secrets) expect(log).not.toContain(secret);
}

describe("the log of a failed request", () => {
  let owner: PracticeFixture;
  beforeAll(async () => {
    owner = await signUpPractice(server);
  });

  it("names the request and the SQLSTATE, and none of a client's PHI", async () => {
    const client = { firstName: "Philippa", lastName: "Quistgaard", dateOfBirth: "1983-07-19", diagnosisCodes: ["F43.10"], coverages: [] };
    const { requestId, log, all } = await withFailingWrites("clients", () =>
      failingRequest(`mutation ($input: CreateClientInput!) { createClient(input: $input) { id } }`, { input: client }, owner.token),
    );
    expect(log).toContain(requestId);
    expect(log).toContain("23514");
    expect(log).toContain("createClient");
    expect(log).toContain(owner.practiceId);
    expectNoneOf(all, ["Philippa", "Quistgaard", "1983-07-19", "1983", "F43.10", "INSERT", "VALUES", "Failing row"]);
  });

  it("carries no password hash, e-mail or name of a new user", async () => {
    const email = `leak-check-${randomUUID()}@example.test`;
    const { requestId, log, all } = await withFailingWrites("users", () =>
      failingRequest(
        `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`,
        { input: { practiceName: "Leak Check Practice", npi: uniqueNpi(), email, password: "a long secret password", name: "Ottoline Verhoeven", timezone: "America/New_York" } },
        null,
      ),
    );
    expect(log).toContain(requestId);
    expect(log).toContain("23514");
    expectNoneOf(all, [email, "a long secret password", "$argon2", "Ottoline", "Verhoeven", "Leak Check Practice"]);
  });

  it("carries no note text", async () => {
    const fx = await billingSetup(server, owner);
    const sessionId = expectOk(
      await server.gql(
        `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`,
        { input: { groupId: fx.groupId, startsAt: "2026-03-10T15:00:00Z", durationMinutes: 60, modality: "IN_PERSON" } },
        owner.token,
      ),
    ).scheduleSession.id;
    const clientId = fx.clientIds[0];
    expectOk(await server.gql(`mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`, { id: sessionId, entries: [{ clientId, status: "PRESENT" }] }, owner.token));
    const note = { sessionId, clientId, participation: "Disclosed a relapse after the custody hearing", response: "Tearful when discussing her brother", risk: "Passive ideation, no plan" };
    const { requestId, log, all } = await withFailingWrites("member_notes", () =>
      failingRequest(`mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`, { input: note }, owner.token),
    );
    expect(log).toContain(requestId);
    expect(log).toContain("23514");
    expectNoneOf(all, ["relapse", "custody", "brother", "ideation"]);
  });
});
