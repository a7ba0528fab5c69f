import "reflect-metadata";
import { randomUUID } from "node:crypto";
import type { DataSource, Logger } from "typeorm";
import type { LoginThrottlePolicy } from "../../server/src/auth/login-throttle";
import { createApp, type GroupBillApp } from "../../server/src/app";
import { createDataSource, migrate } from "../../server/src/db/data-source";
import { buildGroupBillSchema } from "../../server/src/graphql/schema";
import { uniqueNpi } from "./npi";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; fields?: { field: string; message: string }[]; [k: string]: unknown } }[];
}

export interface TestServer {
  url: string;
  dataSource: DataSource;
  app: GroupBillApp;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** A real server on a random port over the per-run test database, driven with fetch like any client. */
export async function startTestServer(
  options: { production?: boolean; logger?: Logger; consoleDir?: string; databaseUrl?: string; log?: (message: string, detail?: unknown) => void; loginThrottle?: LoginThrottlePolicy } = {},
): Promise<TestServer> {
  const url = options.databaseUrl ?? process.env.GB_TEST_DATABASE_URL;
  if (!url) throw new Error("GB_TEST_DATABASE_URL is not set; run the tests through jest's global setup");
  const dataSource = createDataSource(url, 5, options.logger);
  await dataSource.initialize();
  await migrate(dataSource);
  const app = await createApp({
    dataSource,
    schema: await buildGroupBillSchema(),
    production: options.production ?? false,
    consoleDir: options.consoleDir,
    loginThrottle: options.loginThrottle,
    log: options.log ?? (() => undefined),
  });
  const port = await app.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    dataSource,
    app,
    async gql(query, variables, token) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${base}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLResponse;
    },
    async stop() {
      // Nothing else talks to a test server, so it need not wait for stragglers before it stops listening.
      await app.stop({ quietMs: 0 });
      await dataSource.destroy();
    },
  };
}

export interface PracticeFixture {
  token: string;
  practiceId: string;
  userId: string;
  email: string;
  password: string;
}

export const PASSWORD = "correct horse battery";

/** A fresh practice with its owner signed in; every test builds its own, so tests never clean up. */
export async function signUpPractice(server: TestServer, name = "Practice"): Promise<PracticeFixture> {
  const email = `owner-${randomUUID()}@example.test`;
  const res = await server.gql(
    `mutation ($input: SignUpInput!) { signUp(input: $input) { token viewer { user { id } practice { id } } } }`,
    { input: { practiceName: `${name} ${randomUUID().slice(0, 8)}`, npi: uniqueNpi(), email, password: PASSWORD, name: "Owner", timezone: "America/New_York" } },
  );
  if (!res.data) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
  return {
    token: res.data.signUp.token,
    practiceId: res.data.signUp.viewer.practice.id,
    userId: res.data.signUp.viewer.user.id,
    email,
    password: PASSWORD,
  };
}

/** Adds a member with a role and signs them in. */
export async function memberWithRole(server: TestServer, owner: PracticeFixture, role: string): Promise<{ token: string; email: string }> {
  const email = `${role.toLowerCase()}-${randomUUID()}@example.test`;
  const added = await server.gql(
    `mutation ($input: AddMemberInput!) { addMember(input: $input) { role } }`,
    { input: { email, name: `A ${role}`, password: PASSWORD, role } },
    owner.token,
  );
  if (!added.data) throw new Error(`addMember failed: ${JSON.stringify(added.errors)}`);
  const login = await server.gql(`mutation ($input: LogInInput!) { logIn(input: $input) { token } }`, { input: { email, password: PASSWORD } });
  if (!login.data) throw new Error(`logIn failed: ${JSON.stringify(login.errors)}`);
  return { token: login.data.logIn.token, email };
}

export function errorCode(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export function expectOk<T>(res: GraphQLResponse<T>): T {
  if (res.errors || !res.data) throw new Error(`Expected success, got ${JSON.stringify(res.errors)}`);
  return res.data;
}
