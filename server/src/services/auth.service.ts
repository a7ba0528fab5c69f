import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { hashPassword, verifyAgainstDecoy, verifyPassword } from "../auth/password.js";
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottlePolicy } from "../auth/login-throttle.js";
import type { Role } from "../auth/roles.js";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, hashToken, newToken } from "../auth/token.js";
import { noteRescoped, rescope } from "../db/tenant-transaction.js";
import {
  normalizeEmail,
  validateEmail,
  validateNpi,
  validateOrganizationName,
  validatePassword,
  validateText,
  validateTimezone,
} from "../domain/validation/index.js";
import { AuthSessionEntity, InvitationEntity, MembershipEntity, PracticeEntity, UserEntity } from "../entities/index.js";
import { DomainError, ErrorCode, assertValid, conflict, notFound, unauthenticated, type FieldError } from "../errors/domain-error.js";
import { writeAudit } from "./audit.js";
import { isUniqueViolation } from "./db-errors.js";
import { isUuid } from "./ids.js";
import type { Database } from "./database.js";
import type { Actor, RequestMeta } from "./request-context.js";

export const DEFAULT_TIMEZONE = "America/New_York";
const BAD_CREDENTIALS = "The e-mail or password is not correct";
// Writing last_seen_at on every request would turn reads into writes; a minute's slack is harmless.
const LAST_SEEN_GRANULARITY_MS = 60_000;

export interface SignUpInput {
  practiceName: string;
  npi: string;
  email: string;
  password: string;
  name: string;
  timezone?: string | null;
}

export interface CreatePracticeInput {
  practiceName: string;
  npi: string;
  timezone?: string | null;
}

interface PracticeValues {
  name: string;
  npi: string;
  timezone: string;
}

/** The same answer whatever the password, so it tells nothing an attacker could not learn by trying to sign up. */
/** One answer for a member and an open invitation: the practice made both, and it need not learn which the address had. */
const alreadyHere = (): DomainError => conflict("That e-mail is already a member of this practice or has an open invitation to it");

const emailTaken = (): DomainError =>
  conflict("This e-mail cannot be used to sign up. If it is yours, sign in instead; a signed-in user adds a practice from the practice menu");

function practiceFields(input: CreatePracticeInput): { values: PracticeValues; errors: FieldError[] } {
  const values = { name: input.practiceName.trim(), npi: input.npi.trim(), timezone: input.timezone?.trim() || DEFAULT_TIMEZONE };
  // The practice name is the 837P billing provider and submitter name.
  const errors = validateOrganizationName(input.practiceName, "practiceName");
  errors.push(...validateNpi(values.npi, "npi"), ...validateTimezone(values.timezone, "timezone"));
  return { values, errors };
}

export interface LogInInput {
  email: string;
  password: string;
  practiceId?: string | null;
}

export interface AddMemberInput {
  email: string;
  name: string;
  password: string;
  role: Role;
}

export interface Session {
  token: string;
  actor: Actor;
}

export interface MembershipView {
  user: Pick<UserEntity, "id" | "email" | "name">;
  practice: PracticeEntity;
  role: Role;
}

export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Database,
    throttlePolicy: LoginThrottlePolicy = DEFAULT_LOGIN_THROTTLE,
  ) {
    this.throttle = new LoginThrottle(throttlePolicy);
  }

  /**
   * Creates a practice with a new account as its OWNER. An e-mail that already has an account is refused
   * without its password ever being checked, so sign-up is no password oracle; it counts on the same
   * per-address throttle as logIn. A signed-in user adds a practice with createPractice instead.
   */
  async signUp(input: SignUpInput, meta: RequestMeta): Promise<Session> {
    const practice = practiceFields(input);
    assertValid([
      ...practice.errors,
      ...validateText(input.name, "name", { required: true, max: 200 }),
      ...validateEmail(input.email, "email"),
      ...validatePassword(input.password, "password"),
    ]);

    const email = normalizeEmail(input.email);
    await this.countAttempt(email);
    const passwordHash = await hashPassword(input.password);
    const practiceId = randomUUID();
    try {
      return await this.db.asUser(null, async (manager) => {
        if (await this.findUserByEmail(manager, email)) throw emailTaken();
        const user = { id: randomUUID(), email, name: input.name.trim(), passwordHash };
        await rescope(manager, { practiceId, userId: user.id });
        await manager.insert(UserEntity, user);
        await this.throttle.clear(manager, email);
        return this.foundPractice(manager, user.id, practiceId, practice.values, meta, "practice.signUp");
      });
    } catch (error) {
      // Two sign-ups racing for one new address: the loser answers like any taken address.
      if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
      throw error;
    }
  }

  /** A signed-in user founds another practice as its OWNER and moves into it; this request's token is revoked. */
  async createPractice(actor: Actor, input: CreatePracticeInput, meta: RequestMeta): Promise<Session> {
    const practice = practiceFields(input);
    assertValid(practice.errors);
    const practiceId = randomUUID();
    return this.db.asUser(actor.userId, async (manager) => {
      await manager.update(AuthSessionEntity, { id: actor.authSessionId }, { revokedAt: new Date() });
      await rescope(manager, { practiceId, userId: actor.userId });
      return this.foundPractice(manager, actor.userId, practiceId, practice.values, meta, "practice.create");
    });
  }

  async logIn(input: LogInInput, meta: RequestMeta): Promise<Session> {
    const email = normalizeEmail(input.email ?? "");
    if (email.length === 0 || email.length > 254 || (input.password ?? "").length > 200) throw unauthenticated(BAD_CREDENTIALS);

    await this.countAttempt(email);
    const user = await this.db.asUser(null, (manager) => this.findUserByEmail(manager, email));
    const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDecoy(input.password);
    // The attempt was counted before the check, so a failure has nothing more to record.
    if (!user || !passwordOk) throw unauthenticated(BAD_CREDENTIALS);

    return this.db.asUser(user.id, async (manager) => {
      await this.throttle.clear(manager, email);
      const memberships = await manager.find(MembershipEntity, { where: { userId: user.id }, order: { createdAt: "ASC" } });
      const chosen = input.practiceId ? memberships.find((m) => m.practiceId === input.practiceId) : memberships[0];
      if (!chosen) {
        if (input.practiceId) throw new DomainError(ErrorCode.Forbidden, "You are not a member of that practice");
        throw unauthenticated(BAD_CREDENTIALS);
      }
      await rescope(manager, { practiceId: chosen.practiceId, userId: user.id });
      const session = await this.openSession(manager, user.id, chosen.practiceId, chosen.role);
      await writeAudit(manager, {
        practiceId: chosen.practiceId,
        actorUserId: user.id,
        requestId: meta.requestId,
        action: "auth.logIn",
        entityType: "User",
        entityId: user.id,
        changes: null,
      });
      return session;
    });
  }

  async logOut(actor: Actor, meta: RequestMeta): Promise<boolean> {
    return this.db.inPractice(actor, async (manager) => {
      await manager.update(AuthSessionEntity, { id: actor.authSessionId }, { revokedAt: new Date() });
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "auth.logOut",
        entityType: "User",
        entityId: actor.userId,
        changes: null,
      });
      return true;
    });
  }

  /**
   * Resolves a bearer token to its actor, or null when it is unknown, revoked, idle too long or too old. One
   * statement (the authenticate_token function) checks the token, narrows the scope to its user and practice,
   * reads the role live (a changed or removed membership takes effect on the next request) and, once a minute,
   * records that the session was seen.
   */
  async authenticate(token: string): Promise<Actor | null> {
    const tokenHash = hashToken(token);
    return this.db.asUser(null, async (manager) => {
      const rows: { auth_session_id: string; actor_user_id: string; actor_practice_id: string; actor_role: Role }[] = await manager.query(
        "SELECT * FROM authenticate_token($1, $2, $3::interval, $4::interval)",
        [tokenHash, new Date(), `${IDLE_TIMEOUT_MS} milliseconds`, `${LAST_SEEN_GRANULARITY_MS} milliseconds`],
      );
      const found = rows[0];
      if (!found) return null;
      const actor = { userId: found.actor_user_id, practiceId: found.actor_practice_id, role: found.actor_role, authSessionId: found.auth_session_id };
      noteRescoped(manager, { practiceId: actor.practiceId, userId: actor.userId });
      return actor;
    });
  }

  /**
   * A new e-mail gets an account and joins at once, as before. An e-mail that already has an account gets an
   * invitation it must accept: nobody joins a practice without consent. Either way the answer echoes what was
   * typed (name, e-mail, role) with an id of no account, so it tells the practice nothing about the account.
   */
  async addMember(actor: Actor, input: AddMemberInput, meta: RequestMeta): Promise<MembershipView> {
    if (input.role === "OWNER" && actor.role !== "OWNER") throw new DomainError(ErrorCode.Forbidden, "Only an owner can add an owner");
    const errors: FieldError[] = [
      ...validateEmail(input.email, "email"),
      ...validateText(input.name, "name", { required: true, max: 200 }),
      ...validatePassword(input.password, "password"),
    ];
    assertValid(errors);
    const email = normalizeEmail(input.email);
    const name = input.name.trim();
    // Hashed for an existing account too, so both answers take the same time.
    const passwordHash = await hashPassword(input.password);
    return this.db.inPractice(actor, async (manager) => {
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
      const existing = await this.findUserByEmail(manager, email);
      if (existing) {
        const invitationId = await this.invite(manager, actor, existing.id, { email, name, role: input.role }, meta);
        return { user: { id: invitationId, email, name }, practice, role: input.role };
      }
      const user = manager.create(UserEntity, { id: randomUUID(), email, name, passwordHash });
      await manager.insert(UserEntity, user);
      await manager.insert(MembershipEntity, { practiceId: actor.practiceId, userId: user.id, role: input.role });
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "membership.add",
        entityType: "Membership",
        entityId: user.id,
        changes: { email: { before: null, after: email }, role: { before: null, after: input.role } },
      });
      return { user, practice, role: input.role };
    });
  }

  /** Moves the caller to another of their practices with a fresh token; the old token is revoked. */
  async switchPractice(actor: Actor, practiceId: string, meta: RequestMeta): Promise<Session> {
    const notMember = () => new DomainError(ErrorCode.Forbidden, "You are not a member of that practice");
    if (!isUuid(practiceId)) throw notMember();
    return this.db.asUser(actor.userId, async (manager) => {
      const membership = await manager.findOne(MembershipEntity, { where: { userId: actor.userId, practiceId } });
      if (!membership) throw notMember();
      await manager.update(AuthSessionEntity, { id: actor.authSessionId }, { revokedAt: new Date() });
      await rescope(manager, { practiceId, userId: actor.userId });
      const session = await this.openSession(manager, actor.userId, practiceId, membership.role);
      await writeAudit(manager, {
        practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "auth.switchPractice",
        entityType: "User",
        entityId: actor.userId,
        changes: { practiceId: { before: actor.practiceId, after: practiceId } },
      });
      return session;
    });
  }

  /** Everyone in the active practice with their role, by name. */
  async members(actor: Actor): Promise<MembershipView[]> {
    return this.db.inPractice(actor, async (manager) => {
      const rows = await manager.find(MembershipEntity, { where: { practiceId: actor.practiceId }, order: { createdAt: "ASC" } });
      const users = await manager.findBy(UserEntity, { id: In(rows.map((r) => r.userId)) });
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
      const byId = new Map(users.map((u) => [u.id, u]));
      return rows
        .map((r) => ({ user: byId.get(r.userId)!, practice, role: r.role }))
        .sort((a, b) => a.user.name.localeCompare(b.user.name) || a.user.id.localeCompare(b.user.id));
    });
  }

  /** Changes a member's role; a practice always keeps at least one OWNER. */
  async setMemberRole(actor: Actor, userId: string, role: Role, meta: RequestMeta): Promise<MembershipView> {
    if (!isUuid(userId)) throw notFound("Member");
    return this.db.inPractice(actor, async (manager) => {
      // Locking every membership row of the practice serializes role changes, so two admins cannot demote the last two owners at once.
      const rows = await manager.find(MembershipEntity, { where: { practiceId: actor.practiceId }, lock: { mode: "pessimistic_write" } });
      const target = rows.find((r) => r.userId === userId);
      if (!target) throw notFound("Member");
      if (role === "OWNER" && actor.role !== "OWNER") throw new DomainError(ErrorCode.Forbidden, "Only an owner can make someone an owner");
      if (target.role === "OWNER" && actor.role !== "OWNER") throw new DomainError(ErrorCode.Forbidden, "Only an owner can change an owner's role");
      if (target.role === "OWNER" && role !== "OWNER" && rows.filter((r) => r.role === "OWNER").length === 1) {
        throw conflict("A practice needs at least one owner; make someone else an owner first");
      }
      if (target.role !== role) {
        await manager.update(MembershipEntity, { practiceId: actor.practiceId, userId }, { role });
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "membership.setRole",
          entityType: "Membership",
          entityId: userId,
          changes: { role: { before: target.role, after: role } },
        });
      }
      const user = await manager.findOneByOrFail(UserEntity, { id: userId });
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
      return { user, practice, role };
    });
  }

  async viewer(actor: Actor): Promise<{ user: UserEntity; practice: PracticeEntity; role: Role; memberships: MembershipView[] }> {
    return this.db.inPractice(actor, async (manager) => {
      const user = await manager.findOneByOrFail(UserEntity, { id: actor.userId });
      const rows = await manager.find(MembershipEntity, { where: { userId: actor.userId }, order: { createdAt: "ASC" } });
      const practices = await manager.findBy(PracticeEntity, { id: In(rows.map((r) => r.practiceId)) });
      const byId = new Map(practices.map((p) => [p.id, p]));
      const memberships = rows.filter((r) => byId.has(r.practiceId)).map((r) => ({ user, practice: byId.get(r.practiceId)!, role: r.role }));
      return { user, practice: byId.get(actor.practiceId)!, role: actor.role, memberships };
    });
  }

  /** An open invitation for an existing account; the practice's audit names what it typed, never the account. */
  private async invite(
    manager: EntityManager,
    actor: Actor,
    userId: string,
    typed: { email: string; name: string; role: Role },
    meta: RequestMeta,
  ): Promise<string> {
    const [member, open] = await Promise.all([
      manager.findOne(MembershipEntity, { where: { practiceId: actor.practiceId, userId } }),
      manager.findOne(InvitationEntity, { where: { practiceId: actor.practiceId, userId, status: "PENDING" } }),
    ]);
    if (member || open) throw alreadyHere();
    const id = randomUUID();
    try {
      await manager.insert(InvitationEntity, { practiceId: actor.practiceId, id, userId, ...typed, status: "PENDING", invitedBy: actor.userId });
    } catch (error) {
      if (isUniqueViolation(error, "invitations_one_pending")) throw alreadyHere();
      throw error;
    }
    await writeAudit(manager, {
      practiceId: actor.practiceId,
      actorUserId: actor.userId,
      requestId: meta.requestId,
      action: "invitation.create",
      entityType: "Invitation",
      entityId: id,
      changes: { email: { before: null, after: typed.email }, role: { before: null, after: typed.role } },
    });
    return id;
  }

  /** The practice, its first OWNER, a token for it and the audit event, in the caller's transaction (scoped to the new practice). */
  private async foundPractice(
    manager: EntityManager,
    userId: string,
    practiceId: string,
    practice: PracticeValues,
    meta: RequestMeta,
    action: string,
  ): Promise<Session> {
    await manager.insert(PracticeEntity, { id: practiceId, ...practice, defaultPlaceOfService: "11" });
    await manager.insert(MembershipEntity, { practiceId, userId, role: "OWNER" });
    const session = await this.openSession(manager, userId, practiceId, "OWNER");
    await writeAudit(manager, {
      practiceId,
      actorUserId: userId,
      requestId: meta.requestId,
      action,
      entityType: "Practice",
      entityId: practiceId,
      changes: {
        name: { before: null, after: practice.name },
        npi: { before: null, after: practice.npi },
        timezone: { before: null, after: practice.timezone },
      },
    });
    return session;
  }

  private findUserByEmail(manager: EntityManager, email: string): Promise<UserEntity | null> {
    return manager.createQueryBuilder(UserEntity, "u").where("lower(u.email) = :email", { email }).getOne();
  }

  private async openSession(manager: EntityManager, userId: string, practiceId: string, role: Role): Promise<Session> {
    const token = newToken();
    const now = new Date();
    const id = randomUUID();
    await manager.insert(AuthSessionEntity, {
      id,
      tokenHash: hashToken(token),
      userId,
      activePracticeId: practiceId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
      revokedAt: null,
    });
    return { token, actor: { userId, practiceId, role, authSessionId: id } };
  }

  /** Counts a sign-in attempt on the address before anything is checked; a locked address goes no further. */
  private async countAttempt(email: string): Promise<void> {
    const locked = await this.db.asUser(null, (manager) => this.throttle.reserve(manager, email));
    if (locked > 0) {
      throw unauthenticated(`Too many failed sign-in attempts; try again in ${Math.ceil(locked / 60_000)} minute(s)`);
    }
  }
}
