/**
 * Issue 11 item 10 over the API: a FAMILY group's lines are blocked with USE_FAMILY_CODE and suggest family
 * psychotherapy with the patient present (90847) only: a line exists for a member marked present, the patient of
 * their own claim. A MULTI_FAMILY group suggests 90849; a psychotherapy group suggests nothing.
 */
import { expectOk, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { billingSetup, readySession } from "../../support/billing-fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const LINES = `query ($id: ID!) { session(id: $id) { claimDecisions { status suggestedCptCodes issues { code severity message } } } }`;

it.each<[string, number, string[], string | null]>([
  ["FAMILY", 3, ["90847"], "with the patient present (90847)"],
  ["FAMILY", 1, ["90847"], "with the patient present (90847)"],
  ["MULTI_FAMILY", 3, ["90849"], "multiple-family group psychotherapy (90849)"],
  ["PSYCHOTHERAPY", 3, [], null],
])("a %s group with %i present suggests %j", async (kind, present, codes, words) => {
  const owner = await signUpPractice(server);
  const fx = await billingSetup(server, owner, { members: 3, kind });
  const sessionId = await readySession(server, owner, fx, { present: fx.clientIds.slice(0, present) });
  const lines: { status: string; suggestedCptCodes: string[]; issues: { code: string; severity: string; message: string }[] }[] = expectOk(
    await server.gql(LINES, { id: sessionId }, owner.token),
  ).session.claimDecisions;
  expect(lines).toHaveLength(present);
  for (const line of lines) {
    expect(line.suggestedCptCodes).toEqual(codes);
    const family = line.issues.filter((i) => i.code === "USE_FAMILY_CODE");
    if (words === null) {
      expect(family).toEqual([]);
      continue;
    }
    expect(line.status).toBe("BLOCKED");
    expect(family.map((i) => i.severity)).toEqual(["ERROR"]);
    expect(family[0]!.message).toContain(words);
  }
});
