import { expectOk, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";

let server: TestServer;
let owner: PracticeFixture;
beforeAll(async () => {
  server = await startTestServer();
  owner = await signUpPractice(server);
});
afterAll(async () => {
  await server.stop();
});

async function post(query: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${owner.token}` },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: await res.json() };
}

function nestedDecisions(levels: number): string {
  let selection = "id";
  for (let i = 0; i < levels; i++) selection = `session { claimDecisions { ${selection} } }`;
  return `{ session(id: "00000000-0000-4000-8000-000000000000") { claimDecisions { ${selection} } } }`;
}

const repeat = (n: number, text: (i: number) => string) => Array.from({ length: n }, (_, i) => text(i)).join(" ");

/** 15 tokens plus 8 per entry; thousands of identical fields would trip graphql-js's own overlap budget instead. */
function attendanceOf(entries: number): string {
  const entry = (i: number) => `{ clientId: "00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}", status: PRESENT }`;
  return `mutation { recordAttendance(sessionId: "00000000-0000-4000-8000-000000000000", entries: [${repeat(entries, entry)}]) { id } }`;
}

/** Each limit: a query just over it (and within every other limit), one just within it, and the word the message must use. */
const LIMITS = [
  { limit: "depth", over: nestedDecisions(7), within: nestedDecisions(1), names: /depth/i },
  { limit: "aliases", over: `{ ${repeat(16, (i) => `a${i}: practice { id }`)} }`, within: `{ ${repeat(15, (i) => `a${i}: practice { id }`)} }`, names: /alias/i },
  { limit: "cost", over: `{ clients(first: 500) { edges { node { id firstName lastName } } } }`, within: `{ clients(first: 50) { edges { node { id firstName lastName } } } }`, names: /cost/i },
  { limit: "tokens", over: attendanceOf(374), within: attendanceOf(372), names: /token/i },
  { limit: "directives", over: `{ ${repeat(31, () => "__typename @skip(if: false)")} }`, within: `{ ${repeat(30, () => "__typename @skip(if: false)")} }`, names: /directive/i },
];

describe.each(LIMITS)("the $limit limit", ({ over, within, names }) => {
  it("answers 400 GRAPHQL_VALIDATION_FAILED naming the limit but not its value", async () => {
    const { status, body } = await post(over);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(error.message).toMatch(names);
    expect(error.message).not.toMatch(/\d/);
    expect(error.message).not.toMatch(/syntax/i);
  });

  it("lets a query just within it through to execution", async () => {
    const { status, body } = await post(within);
    // 200 means parsed, validated and executed; the long attendance list may still be refused by its resolver.
    expect(status).toBe(200);
    if (body.errors) expect(body.errors.map((e) => e.extensions?.code)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^GRAPHQL_/)]));
    else expectOk(body);
  });
});

describe("limit messages", () => {
  it("differ per limit, so a client can tell which one it hit", async () => {
    const messages = new Set<string>();
    for (const { over } of LIMITS) messages.add((await post(over)).body.errors![0].message);
    expect(messages.size).toBe(LIMITS.length);
  });
});
