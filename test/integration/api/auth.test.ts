import { randomUUID } from "node:crypto";
import { PASSWORD, errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type TestServer } from "../../support/api";
import { uniqueNpi } from "../../support/npi";

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token viewer { user { id email name } practice { id name npi timezone defaultPlaceOfService } role memberships { role practice { id } } } } }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token viewer { practice { id } role } } }`;
const ME = `{ me { user { email } practice { id } role memberships { role practice { id name } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

function signUpInput(overrides: Record<string, unknown> = {}) {
  return { practiceName: "Harbor", npi: uniqueNpi(), email: `a-${randomUUID()}@example.test`, password: PASSWORD, name: "Ann Owner", ...overrides };
}

describe("signUp", () => {
  it("creates a practice with the caller as OWNER and returns a working token", async () => {
    const input = signUpInput({ timezone: "America/Chicago" });
    const data = expectOk(await server.gql(SIGN_UP, { input }));
    expect(data.signUp.viewer.role).toBe("OWNER");
    expect(data.signUp.viewer.practice).toMatchObject({ name: "Harbor", npi: input.npi, timezone: "America/Chicago", defaultPlaceOfService: "11" });
    const me = expectOk(await server.gql(ME, {}, data.signUp.token));
    expect(me.me.user.email).toBe(input.email);
    expect(me.me.memberships).toHaveLength(1);
  });

  it("defaults the time zone to America/New_York", async () => {
    const data = expectOk(await server.gql(SIGN_UP, { input: signUpInput() }));
    expect(data.signUp.viewer.practice.timezone).toBe("America/New_York");
  });

  it.each([
    ["npi", { npi: "1234567890" }],
    ["password", { password: "short" }],
    ["email", { email: "not-an-email" }],
    ["timezone", { timezone: "Mars/Olympus" }],
    ["practiceName", { practiceName: "   " }],
  ])("rejects a bad %s with BAD_USER_INPUT naming the field", async (field, override) => {
    const res = await server.gql(SIGN_UP, { input: signUpInput(override) });
    expect(errorCode(res)).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.fields!.map((f) => f.field)).toContain(field);
  });

  it("refuses an existing e-mail alike for its right and a wrong password, and signs nobody in", async () => {
    const first = signUpInput();
    const owner = expectOk(await server.gql(SIGN_UP, { input: first })).signUp;
    const rightPassword = await server.gql(SIGN_UP, { input: signUpInput({ email: first.email.toUpperCase(), practiceName: "Second" }) });
    const wrongPassword = await server.gql(SIGN_UP, { input: signUpInput({ email: first.email, password: "a different password", practiceName: "Second" }) });
    expect(rightPassword.data).toBeNull();
    expect(errorCode(rightPassword)).toBe("CONFLICT");
    expect(rightPassword.errors![0].message).toMatch(/sign in/);
    expect(wrongPassword.errors).toEqual(rightPassword.errors);
    expect(expectOk(await server.gql(ME, {}, owner.token)).me.memberships).toHaveLength(1);
    const [second] = await server.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE user_id = $1`, [owner.viewer.user.id]);
    expect(second.n).toBe(1);
  });

  it("shares the sign-in throttle: a locked address cannot sign up, and sign-up attempts on a taken address lock it", async () => {
    const owner = await signUpPractice(server);
    for (let i = 0; i < 5; i++) await server.gql(LOG_IN, { input: { email: owner.email, password: `wrong-password-${i}` } });
    const viaLogIn = await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } });
    const viaSignUp = await server.gql(SIGN_UP, { input: signUpInput({ email: owner.email }) });
    expect(viaLogIn.errors![0].message).toMatch(/too many/i);
    expect(viaSignUp.errors![0]).toMatchObject({ message: viaLogIn.errors![0].message, extensions: { code: "UNAUTHENTICATED" } });

    const other = await signUpPractice(server);
    for (let i = 0; i < 5; i++) expect(errorCode(await server.gql(SIGN_UP, { input: signUpInput({ email: other.email }) }))).toBe("CONFLICT");
    expect((await server.gql(LOG_IN, { input: { email: other.email, password: PASSWORD } })).errors![0].message).toMatch(/too many/i);
  });
});

describe("createPractice", () => {
  const CREATE = `mutation ($input: CreatePracticeInput!) { createPractice(input: $input) { token viewer { role practice { id name npi timezone } memberships { role practice { id } } } } }`;

  it("adds a practice owned by the signed-in user, moves them into it and revokes the old token", async () => {
    const owner = await signUpPractice(server);
    const npi = uniqueNpi();
    const created = expectOk(await server.gql(CREATE, { input: { practiceName: " Second Site ", npi, timezone: "America/Denver" } }, owner.token)).createPractice;
    expect(created.viewer).toMatchObject({ role: "OWNER", practice: { name: "Second Site", npi, timezone: "America/Denver" } });
    expect(created.viewer.memberships.map((m: { role: string; practice: { id: string } }) => [m.practice.id, m.role])).toEqual([
      [owner.practiceId, "OWNER"],
      [created.viewer.practice.id, "OWNER"],
    ]);
    expect(errorCode(await server.gql(ME, {}, owner.token))).toBe("UNAUTHENTICATED");
    const events = expectOk(await server.gql(`{ auditEvents { edges { node { action entityId actor { id } } } } }`, {}, created.token)).auditEvents.edges;
    expect(events.map((e: { node: unknown }) => e.node)).toEqual([{ action: "practice.create", entityId: created.viewer.practice.id, actor: { id: owner.userId } }]);
    // The first practice is untouched and still the user's, with its own log.
    const back = expectOk(await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD, practiceId: owner.practiceId } })).logIn;
    expect(back.viewer).toEqual({ practice: { id: owner.practiceId }, role: "OWNER" });
    const firstLog = expectOk(await server.gql(`{ auditEvents { edges { node { action } } } }`, {}, back.token)).auditEvents.edges;
    expect(firstLog.map((e: { node: { action: string } }) => e.node.action)).not.toContain("practice.create");
  });

  it("validates like signUp and needs a signed-in user", async () => {
    const owner = await signUpPractice(server);
    const bad = await server.gql(CREATE, { input: { practiceName: " ", npi: "1234567890", timezone: "Mars/Olympus" } }, owner.token);
    expect(errorCode(bad)).toBe("BAD_USER_INPUT");
    expect(bad.errors![0].extensions!.fields!.map((f) => f.field).sort()).toEqual(["npi", "practiceName", "timezone"]);
    expect(expectOk(await server.gql(ME, {}, owner.token)).me.memberships).toHaveLength(1);
    expect(errorCode(await server.gql(CREATE, { input: { practiceName: "X", npi: uniqueNpi() } }))).toBe("UNAUTHENTICATED");
  });
});

describe("logIn and logOut", () => {
  it("signs in with the right password, into a named practice when asked", async () => {
    const input = signUpInput();
    const a = expectOk(await server.gql(SIGN_UP, { input }));
    const b = expectOk(
      await server.gql(`mutation ($input: CreatePracticeInput!) { createPractice(input: $input) { viewer { practice { id } } } }`, { input: { practiceName: "B", npi: uniqueNpi() } }, a.signUp.token),
    ).createPractice;
    const intoB = expectOk(await server.gql(LOG_IN, { input: { email: input.email, password: PASSWORD, practiceId: b.viewer.practice.id } }));
    expect(intoB.logIn.viewer.practice.id).toBe(b.viewer.practice.id);
    const byDefault = expectOk(await server.gql(LOG_IN, { input: { email: input.email, password: PASSWORD } }));
    expect(byDefault.logIn.viewer.practice.id).toBe(a.signUp.viewer.practice.id);
  });

  it("answers an unknown e-mail exactly like a wrong password", async () => {
    const owner = await signUpPractice(server);
    const wrong = await server.gql(LOG_IN, { input: { email: owner.email, password: "wrong password!!" } });
    const unknown = await server.gql(LOG_IN, { input: { email: `nobody-${randomUUID()}@example.test`, password: "wrong password!!" } });
    expect(errorCode(wrong)).toBe("UNAUTHENTICATED");
    expect(unknown.errors).toEqual(wrong.errors);
  });

  it("refuses a practice the user does not belong to", async () => {
    const owner = await signUpPractice(server);
    const other = await signUpPractice(server);
    const res = await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD, practiceId: other.practiceId } });
    expect(errorCode(res)).toBe("FORBIDDEN");
  });

  it("throttles an account after repeated failures, even for the right password", async () => {
    const owner = await signUpPractice(server);
    for (let i = 0; i < 5; i++) {
      expect(errorCode(await server.gql(LOG_IN, { input: { email: owner.email, password: `wrong-password-${i}` } }))).toBe("UNAUTHENTICATED");
    }
    const locked = await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } });
    expect(errorCode(locked)).toBe("UNAUTHENTICATED");
    expect(locked.errors![0].message).toMatch(/too many/i);
    // An unknown address is throttled the same way, so a lockout reveals nothing.
    const ghost = `ghost-${randomUUID()}@example.test`;
    for (let i = 0; i < 5; i++) await server.gql(LOG_IN, { input: { email: ghost, password: `wrong-password-${i}` } });
    expect((await server.gql(LOG_IN, { input: { email: ghost, password: PASSWORD } })).errors![0].message).toBe(locked.errors![0].message);
  });

  it("counts a burst of parallel guesses before checking any, so it gets no more checks than guesses made one at a time", async () => {
    const owner = await signUpPractice(server);
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => server.gql(LOG_IN, { input: { email: owner.email, password: `wrong-password-${i}` } })),
    );
    expect(burst.map(errorCode)).toEqual(Array(40).fill("UNAUTHENTICATED"));
    // A checked guess answers "not correct"; the rest were refused unchecked by the lock.
    expect(burst.filter((r) => /not correct/.test(r.errors![0].message))).toHaveLength(5);
    const right = await server.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } });
    const wrong = await server.gql(LOG_IN, { input: { email: owner.email, password: "yet another wrong one" } });
    expect(errorCode(right)).toBe("UNAUTHENTICATED");
    expect(right.errors).toEqual(wrong.errors);
  });

  it("revokes the token on logOut", async () => {
    const owner = await signUpPractice(server);
    expect(expectOk(await server.gql(`mutation { logOut }`, {}, owner.token)).logOut).toBe(true);
    const after = await server.gql(ME, {}, owner.token);
    expect(errorCode(after)).toBe("UNAUTHENTICATED");
  });

  it("rejects requests without a token", async () => {
    expect(errorCode(await server.gql(ME))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(ME, {}, "x".repeat(43)))).toBe("UNAUTHENTICATED");
  });

  it("ends a session idle for 30 minutes and one older than 12 hours", async () => {
    const idle = await signUpPractice(server);
    await server.dataSource.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`, [idle.userId]);
    expect(errorCode(await server.gql(ME, {}, idle.token))).toBe("UNAUTHENTICATED");

    const old = await signUpPractice(server);
    await server.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [old.userId]);
    expect(errorCode(await server.gql(ME, {}, old.token))).toBe("UNAUTHENTICATED");

    const fresh = await signUpPractice(server);
    await server.dataSource.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1`, [fresh.userId]);
    expect(expectOk(await server.gql(ME, {}, fresh.token)).me.practice.id).toBe(fresh.practiceId);
  });

  it("stores only a hash of the token and an argon2id hash of the password", async () => {
    const owner = await signUpPractice(server);
    const [session] = await server.dataSource.query(`SELECT encode(token_hash, 'hex') AS h FROM auth_sessions WHERE user_id = $1`, [owner.userId]);
    expect(session.h).not.toContain(Buffer.from(owner.token).toString("hex"));
    const [user] = await server.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [owner.userId]);
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe("addMember", () => {
  it("adds a colleague who can sign in with the role given", async () => {
    const owner = await signUpPractice(server);
    const biller = await memberWithRole(server, owner, "BILLER");
    const me = expectOk(await server.gql(ME, {}, biller.token));
    expect(me.me).toMatchObject({ role: "BILLER", practice: { id: owner.practiceId } });
  });

  it("refuses a duplicate member and lets only owners and admins add members", async () => {
    const owner = await signUpPractice(server);
    const admin = await memberWithRole(server, owner, "ADMIN");
    const dup = await server.gql(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { role } }`,
      { input: { email: admin.email, name: "Again", password: PASSWORD, role: "BILLER" } },
      owner.token,
    );
    expect(errorCode(dup)).toBe("CONFLICT");
    for (const role of ["BILLER", "CLINICIAN"]) {
      const member = await memberWithRole(server, owner, role);
      const res = await server.gql(
        `mutation ($input: AddMemberInput!) { addMember(input: $input) { role } }`,
        { input: { email: `x-${randomUUID()}@example.test`, name: "X", password: PASSWORD, role: "OWNER" } },
        member.token,
      );
      expect(errorCode(res)).toBe("FORBIDDEN");
    }
    const viaAdmin = await server.gql(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { role user { email } practice { id } } }`,
      { input: { email: `y-${randomUUID()}@example.test`, name: "Y", password: PASSWORD, role: "CLINICIAN" } },
      admin.token,
    );
    expect(expectOk(viaAdmin).addMember).toMatchObject({ role: "CLINICIAN", practice: { id: owner.practiceId } });
  });

  it("lets an existing account join another practice only by accepting, then switch between them", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const invited = await server.gql(
      `mutation ($input: AddMemberInput!) { addMember(input: $input) { role user { id } } }`,
      { input: { email: a.email, name: "ignored", password: "ignored password", role: "BILLER" } },
      b.token,
    );
    const invitationId = expectOk(invited).addMember.user.id;
    expect(errorCode(await server.gql(LOG_IN, { input: { email: a.email, password: PASSWORD, practiceId: b.practiceId } }))).toBe("FORBIDDEN");
    expectOk(await server.gql(`mutation ($id: ID!) { acceptInvitation(id: $id) { role } }`, { id: invitationId }, a.token));
    const intoB = expectOk(await server.gql(LOG_IN, { input: { email: a.email, password: PASSWORD, practiceId: b.practiceId } }));
    expect(intoB.logIn.viewer).toMatchObject({ practice: { id: b.practiceId }, role: "BILLER" });
  });
});

describe("members, roles and switching practice", () => {
  const MEMBERS = `{ members { role user { id email name } practice { id } } }`;
  const SET_ROLE = `mutation ($userId: ID!, $role: Role!) { setMemberRole(userId: $userId, role: $role) { role user { id } } }`;

  it("lists the practice's members for owners and admins only", async () => {
    const owner = await signUpPractice(server);
    const biller = await memberWithRole(server, owner, "BILLER");
    const list = expectOk(await server.gql(MEMBERS, {}, owner.token)).members;
    expect(list.map((m: { role: string; user: { email: string } }) => [m.role, m.user.email]).sort()).toEqual([["BILLER", biller.email], ["OWNER", owner.email]].sort());
    expect(errorCode(await server.gql(MEMBERS, {}, biller.token))).toBe("FORBIDDEN");
    const other = await signUpPractice(server);
    expect(expectOk(await server.gql(MEMBERS, {}, other.token)).members).toHaveLength(1);
  });

  it("changes roles, keeps one owner, and leaves OWNER to owners", async () => {
    const owner = await signUpPractice(server);
    const admin = await memberWithRole(server, owner, "ADMIN");
    const clinician = await memberWithRole(server, owner, "CLINICIAN");
    const ids = new Map<string, string>(
      expectOk(await server.gql(MEMBERS, {}, owner.token)).members.map((m: { user: { id: string; email: string } }) => [m.user.email, m.user.id]),
    );
    expect(expectOk(await server.gql(SET_ROLE, { userId: ids.get(clinician.email), role: "BILLER" }, admin.token)).setMemberRole.role).toBe("BILLER");
    expect(expectOk(await server.gql(ME, {}, clinician.token)).me.role).toBe("BILLER");
    expect(errorCode(await server.gql(SET_ROLE, { userId: ids.get(clinician.email), role: "OWNER" }, admin.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(SET_ROLE, { userId: owner.userId, role: "ADMIN" }, admin.token))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(SET_ROLE, { userId: owner.userId, role: "ADMIN" }, owner.token))).toBe("CONFLICT");
    expect(errorCode(await server.gql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { role } }`, { input: { email: `o-${Date.now()}@example.test`, name: "O", password: PASSWORD, role: "OWNER" } }, admin.token))).toBe("FORBIDDEN");
    const stranger = await signUpPractice(server);
    const strangerRes = await server.gql(SET_ROLE, { userId: stranger.userId, role: "BILLER" }, owner.token);
    const missingRes = await server.gql(SET_ROLE, { userId: "5b7f7a51-0b53-4d5e-8c3a-1b2c3d4e5f66", role: "BILLER" }, owner.token);
    expect(errorCode(strangerRes)).toBe("NOT_FOUND");
    expect(strangerRes.errors).toEqual(missingRes.errors);
    expect(expectOk(await server.gql(ME, {}, stranger.token)).me.role).toBe("OWNER");
  });

  it("switches to another practice of the user with a new token and revokes the old one", async () => {
    const a = await signUpPractice(server);
    const b = await signUpPractice(server);
    const invited = await server.gql(`mutation ($input: AddMemberInput!) { addMember(input: $input) { user { id } } }`, { input: { email: a.email, name: "x", password: PASSWORD, role: "BILLER" } }, b.token);
    expectOk(await server.gql(`mutation ($id: ID!) { acceptInvitation(id: $id) { role } }`, { id: expectOk(invited).addMember.user.id }, a.token));
    const switched = expectOk(await server.gql(`mutation ($id: ID!) { switchPractice(practiceId: $id) { token viewer { practice { id } role } } }`, { id: b.practiceId }, a.token)).switchPractice;
    expect(switched.viewer).toEqual({ practice: { id: b.practiceId }, role: "BILLER" });
    expect(errorCode(await server.gql(ME, {}, a.token))).toBe("UNAUTHENTICATED");
    const c = await signUpPractice(server);
    const refused = await server.gql(`mutation ($id: ID!) { switchPractice(practiceId: $id) { token } }`, { id: c.practiceId }, switched.token);
    expect(errorCode(refused)).toBe("FORBIDDEN");
    expect(expectOk(await server.gql(ME, {}, switched.token)).me.practice.id).toBe(b.practiceId);
  });

  it("answers the practice query with the active practice", async () => {
    const owner = await signUpPractice(server);
    expect(expectOk(await server.gql(`{ practice { id name npi timezone defaultPlaceOfService } }`, {}, owner.token)).practice.id).toBe(owner.practiceId);
  });
});

describe("the sign-in lock, shortened for the test", () => {
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ loginThrottle: { freeAttempts: 5, baseLockMs: 1000, maxLockMs: 1000 } });
  });
  afterAll(async () => {
    await quick.stop();
  });

  it("refuses the right password after a burst until the lock ends, then signs in and starts the count afresh", async () => {
    const owner = await signUpPractice(quick);
    await Promise.all(Array.from({ length: 40 }, (_, i) => quick.gql(LOG_IN, { input: { email: owner.email, password: `wrong-password-${i}` } })));
    const refused = await quick.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } });
    expect(refused.errors![0]).toMatchObject({ message: expect.stringMatching(/too many/i), extensions: { code: "UNAUTHENTICATED" } });

    const [{ lockedUntil }] = await quick.dataSource.query(`SELECT locked_until AS "lockedUntil" FROM login_throttle WHERE email = $1`, [owner.email]);
    const lockLeftMs = new Date(lockedUntil).getTime() - Date.now();
    // One base lock of the injected policy, not one doubled by guesses the burst should never have had checked.
    expect(lockLeftMs).toBeLessThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lockLeftMs) + 50));
    expect(expectOk(await quick.gql(LOG_IN, { input: { email: owner.email, password: PASSWORD } })).logIn.viewer.practice.id).toBe(owner.practiceId);
    const afresh = await quick.gql(LOG_IN, { input: { email: owner.email, password: "wrong again, but counted anew" } });
    expect(afresh.errors![0].message).toMatch(/not correct/);
  });
});
