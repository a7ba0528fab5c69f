import { randomUUID } from "node:crypto";
import { inScope } from "../../../server/src/db/tenant-transaction";
import { PASSWORD, errorCode, expectOk, memberWithRole, signUpPractice, startTestServer, type PracticeFixture, type TestServer } from "../../support/api";

const ADD_MEMBER = `mutation ($input: AddMemberInput!) { addMember(input: $input) { role user { id email name } practice { id } } }`;
const MY_INVITATIONS = `{ me { memberships { role practice { id } } invitations { id practiceId practiceName email name role invitedAt } } }`;
const SENT = `{ invitations { id email name role } }`;
const ACCEPT = `mutation ($id: ID!) { acceptInvitation(id: $id) { role user { id } practice { id name } } }`;
const DECLINE = `mutation ($id: ID!) { declineInvitation(id: $id) }`;
const REVOKE = `mutation ($id: ID!) { revokeInvitation(id: $id) }`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token viewer { practice { id } role } } }`;
const EVENTS = `{ auditEvents { edges { node { action entityType entityId changes actor { id } } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** `invitee` already has an account (in their own practice); `host` adds them. */
async function invite(host: PracticeFixture, invitee: PracticeFixture, role = "BILLER"): Promise<string> {
  expectOk(await server.gql(ADD_MEMBER, { input: { email: invitee.email, name: "Typed Name", password: "not their password", role } }, host.token));
  const mine = expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me.invitations;
  const id = mine.find((i: { practiceId: string }) => i.practiceId === host.practiceId)?.id;
  if (!id) throw new Error("invitation not visible to its addressee");
  return id;
}

const pendingIn = (host: PracticeFixture) =>
  server.gql(SENT, {}, host.token).then((r) => expectOk(r).invitations.map((i: { id: string }) => i.id) as string[]);

describe("addMember with an e-mail that already has an account", () => {
  it("invites instead of joining, and answers exactly like adding a new account", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const existing = expectOk(
      await server.gql(ADD_MEMBER, { input: { email: ` ${invitee.email.toUpperCase()} `, name: " Typed Name ", password: "not their password", role: "BILLER" } }, host.token),
    ).addMember;
    const fresh = `new-${randomUUID()}@example.test`;
    const created = expectOk(await server.gql(ADD_MEMBER, { input: { email: fresh, name: "Typed Name", password: PASSWORD, role: "BILLER" } }, host.token)).addMember;

    // The same fields, filled from what was typed; the id is not the account's.
    expect(existing).toEqual({ role: "BILLER", user: { id: expect.any(String), email: invitee.email, name: "Typed Name" }, practice: { id: host.practiceId } });
    expect(created).toEqual({ role: "BILLER", user: { id: expect.any(String), email: fresh, name: "Typed Name" }, practice: { id: host.practiceId } });
    expect(existing.user.id).not.toBe(invitee.userId);
    const [{ name: realName }] = await server.dataSource.query(`SELECT name FROM users WHERE id = $1`, [invitee.userId]);
    expect(JSON.stringify(existing)).not.toContain(realName);

    // Not a member until they say so.
    expect(errorCode(await server.gql(LOG_IN, { input: { email: invitee.email, password: PASSWORD, practiceId: host.practiceId } }))).toBe("FORBIDDEN");
    const members = expectOk(await server.gql(`{ members { user { email } } }`, {}, host.token)).members.map((m: { user: { email: string } }) => m.user.email);
    expect(members).not.toContain(invitee.email);
    expect(await pendingIn(host)).toEqual([existing.user.id]);

    const [hostPractice] = await server.dataSource.query(`SELECT name FROM practices WHERE id = $1`, [host.practiceId]);
    const mine = expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me;
    expect(mine.invitations).toEqual([
      { id: existing.user.id, practiceId: host.practiceId, practiceName: hostPractice.name, email: invitee.email, name: "Typed Name", role: "BILLER", invitedAt: expect.any(String) },
    ]);
    expect(mine.memberships).toHaveLength(1);
  });

  it("joins the practice with the role offered once the invitee accepts, audited there", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const id = await invite(host, invitee, "CLINICIAN");
    const accepted = expectOk(await server.gql(ACCEPT, { id }, invitee.token)).acceptInvitation;
    expect(accepted).toMatchObject({ role: "CLINICIAN", user: { id: invitee.userId }, practice: { id: host.practiceId } });

    const me = expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me;
    expect(me.invitations).toEqual([]);
    expect(me.memberships).toEqual([
      { role: "OWNER", practice: { id: invitee.practiceId } },
      { role: "CLINICIAN", practice: { id: host.practiceId } },
    ]);
    const into = expectOk(await server.gql(LOG_IN, { input: { email: invitee.email, password: PASSWORD, practiceId: host.practiceId } })).logIn;
    expect(into.viewer).toEqual({ practice: { id: host.practiceId }, role: "CLINICIAN" });
    expect(await pendingIn(host)).toEqual([]);
    const actions = expectOk(await server.gql(EVENTS, {}, host.token)).auditEvents.edges.map((e: { node: { action: string } }) => e.node.action);
    expect(actions.slice(0, 3)).toEqual(["auth.logIn", "invitation.accept", "invitation.create"]);
    expect(errorCode(await server.gql(ACCEPT, { id }, invitee.token))).toBe("NOT_FOUND");
  });

  it("leaves no membership when declined, and the practice's log does not name the account", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const id = await invite(host, invitee);
    expect(expectOk(await server.gql(DECLINE, { id }, invitee.token)).declineInvitation).toBe(true);
    expect(expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me).toMatchObject({ invitations: [], memberships: [{ practice: { id: invitee.practiceId } }] });
    expect(await pendingIn(host)).toEqual([]);
    const [declined] = expectOk(await server.gql(EVENTS, {}, host.token)).auditEvents.edges.map((e: { node: unknown }) => e.node);
    expect(declined).toEqual({ action: "invitation.decline", entityType: "Invitation", entityId: id, changes: { status: { before: "PENDING", after: "DECLINED" } }, actor: null });
    // Once answered, the inviting practice's row is out of the invitee's sight again.
    const seen = await inScope(server.dataSource, { practiceId: invitee.practiceId, userId: invitee.userId }, (m) =>
      m.query(`SELECT id FROM practices WHERE id = $1`, [host.practiceId]),
    );
    expect(seen).toEqual([]);
  });

  it("refuses a second invitation or a member with one answer", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    await invite(host, invitee);
    const again = await server.gql(ADD_MEMBER, { input: { email: invitee.email, name: "Again", password: PASSWORD, role: "ADMIN" } }, host.token);
    const member = await memberWithRole(server, host, "BILLER");
    const dupMember = await server.gql(ADD_MEMBER, { input: { email: member.email, name: "Again", password: PASSWORD, role: "ADMIN" } }, host.token);
    expect(errorCode(again)).toBe("CONFLICT");
    expect(again.errors).toEqual(dupMember.errors);
    expect(await pendingIn(host)).toHaveLength(1);
  });
});

describe("invitations across users and practices", () => {
  it("answers someone else's invitation as a missing one, even for the inviting practice's owner, and changes nothing", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const stranger = await signUpPractice(server, "Stranger");
    const id = await invite(host, invitee);
    const missing = await server.gql(ACCEPT, { id: randomUUID() }, stranger.token);
    expect(errorCode(missing)).toBe("NOT_FOUND");
    for (const who of [stranger, host]) {
      expect((await server.gql(ACCEPT, { id }, who.token)).errors).toEqual(missing.errors);
      const declined = await server.gql(DECLINE, { id }, who.token);
      expect(errorCode(declined)).toBe("NOT_FOUND");
      expect(expectOk(await server.gql(MY_INVITATIONS, {}, who.token)).me.invitations).toEqual([]);
    }
    const [n] = await server.dataSource.query(`SELECT count(*)::int AS n FROM memberships WHERE practice_id = $1 AND user_id = $2`, [host.practiceId, stranger.userId]);
    expect(n.n).toBe(0);
    expect(await pendingIn(host)).toEqual([id]);
    // Positive control: the addressee can.
    expect(expectOk(await server.gql(ACCEPT, { id }, invitee.token)).acceptInvitation.practice.id).toBe(host.practiceId);
  });

  it("keeps a practice's invitations from other practices: they neither see nor revoke them", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const other = await signUpPractice(server, "Other");
    const id = await invite(host, invitee);
    expect(await pendingIn(other)).toEqual([]);
    const missing = await server.gql(REVOKE, { id: randomUUID() }, other.token);
    expect(errorCode(missing)).toBe("NOT_FOUND");
    expect((await server.gql(REVOKE, { id }, other.token)).errors).toEqual(missing.errors);
    expect(await pendingIn(host)).toEqual([id]);
    expect(expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me.invitations.map((i: { id: string }) => i.id)).toEqual([id]);

    // Positive control: the inviting practice revokes it, and the invitee no longer sees it.
    expect(expectOk(await server.gql(REVOKE, { id }, host.token)).revokeInvitation).toBe(true);
    expect(expectOk(await server.gql(MY_INVITATIONS, {}, invitee.token)).me.invitations).toEqual([]);
    expect(errorCode(await server.gql(ACCEPT, { id }, invitee.token))).toBe("NOT_FOUND");
    expect(errorCode(await server.gql(REVOKE, { id }, host.token))).toBe("NOT_FOUND");
  });

  it("lets only owners and admins list and revoke a practice's invitations", async () => {
    const invitee = await signUpPractice(server);
    const host = await signUpPractice(server, "Host");
    const id = await invite(host, invitee);
    for (const role of ["BILLER", "CLINICIAN"]) {
      const member = await memberWithRole(server, host, role);
      expect(errorCode(await server.gql(SENT, {}, member.token))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(REVOKE, { id }, member.token))).toBe("FORBIDDEN");
    }
    const admin = await memberWithRole(server, host, "ADMIN");
    expect(expectOk(await server.gql(SENT, {}, admin.token)).invitations.map((i: { id: string }) => i.id)).toEqual([id]);
  });
});
