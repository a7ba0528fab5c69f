import type { EntityManager, SelectQueryBuilder } from "typeorm";
import type { Role } from "../auth/roles.js";
import { rescope } from "../db/tenant-transaction.js";
import { InvitationEntity, MembershipEntity, PracticeEntity, UserEntity } from "../entities/index.js";
import { notFound } from "../errors/domain-error.js";
import { writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import type { MembershipView } from "./auth.service.js";
import type { Actor, RequestMeta } from "./request-context.js";

/** An open invitation with the name of the practice that sent it. */
export interface InvitationView {
  id: string;
  practiceId: string;
  practiceName: string;
  email: string;
  name: string;
  role: Role;
  invitedAt: Date;
}

const missing = () => notFound("Invitation");

/**
 * Invitations are answered by the invited user from whatever practice they are in, so answering runs in the
 * user's own scope and finds the row by id AND addressee: someone else's invitation answers as a missing one.
 */
export class InvitationService {
  constructor(private readonly db: Database) {}

  /** The caller's open invitations, from every practice, oldest first. */
  mine(actor: Actor): Promise<InvitationView[]> {
    return this.db.asUser(actor.userId, (manager) =>
      this.views(manager, manager.createQueryBuilder(InvitationEntity, "i").where("i.user_id = :userId", { userId: actor.userId })),
    );
  }

  /** The active practice's open invitations (RLS would also show the caller's own from elsewhere, hence the filter). */
  sentBy(actor: Actor): Promise<InvitationView[]> {
    return this.db.inPractice(actor, (manager) =>
      this.views(manager, manager.createQueryBuilder(InvitationEntity, "i").where("i.practice_id = :practiceId", { practiceId: actor.practiceId })),
    );
  }

  /** Joins the inviting practice with the role offered; audited there. */
  async accept(actor: Actor, id: string, meta: RequestMeta): Promise<MembershipView> {
    return this.db.asUser(actor.userId, async (manager) => {
      const invitation = await this.openAddressedTo(manager, actor.userId, id);
      // Proven to be addressed to the caller: acting in the inviting practice is now what they asked for.
      await rescope(manager, { practiceId: invitation.practiceId, userId: actor.userId });
      await this.close(manager, invitation, "ACCEPTED");
      const existing = await manager.findOne(MembershipEntity, { where: { practiceId: invitation.practiceId, userId: actor.userId } });
      if (!existing) await manager.insert(MembershipEntity, { practiceId: invitation.practiceId, userId: actor.userId, role: invitation.role });
      await writeAudit(manager, {
        practiceId: invitation.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "invitation.accept",
        entityType: "Invitation",
        entityId: invitation.id,
        changes: { status: { before: "PENDING", after: "ACCEPTED" }, role: { before: null, after: existing?.role ?? invitation.role } },
      });
      const user = await manager.findOneByOrFail(UserEntity, { id: actor.userId });
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: invitation.practiceId });
      return { user, practice, role: existing?.role ?? invitation.role };
    });
  }

  /** Says no; the practice sees that it was declined, but not by which account. */
  async decline(actor: Actor, id: string, meta: RequestMeta): Promise<boolean> {
    return this.db.asUser(actor.userId, async (manager) => {
      const invitation = await this.openAddressedTo(manager, actor.userId, id);
      await rescope(manager, { practiceId: invitation.practiceId, userId: actor.userId });
      await this.close(manager, invitation, "DECLINED");
      await writeAudit(manager, {
        practiceId: invitation.practiceId,
        // Not a member: naming the account would hand the practice its id.
        actorUserId: null,
        requestId: meta.requestId,
        action: "invitation.decline",
        entityType: "Invitation",
        entityId: invitation.id,
        changes: { status: { before: "PENDING", after: "DECLINED" } },
      });
      return true;
    });
  }

  /** The practice withdraws an open invitation. */
  async revoke(actor: Actor, id: string, meta: RequestMeta): Promise<boolean> {
    if (!isUuid(id)) throw missing();
    return this.db.inPractice(actor, async (manager) => {
      const invitation = await manager.findOne(InvitationEntity, {
        where: { practiceId: actor.practiceId, id, status: "PENDING" },
        lock: { mode: "pessimistic_write" },
      });
      if (!invitation) throw missing();
      await this.close(manager, invitation, "REVOKED");
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "invitation.revoke",
        entityType: "Invitation",
        entityId: invitation.id,
        changes: { status: { before: "PENDING", after: "REVOKED" } },
      });
      return true;
    });
  }

  private async openAddressedTo(manager: EntityManager, userId: string, id: string): Promise<InvitationEntity> {
    if (!isUuid(id)) throw missing();
    // The row lock makes a second answer (or a revoke) racing this one wait, then find it no longer open.
    const invitation = await manager.findOne(InvitationEntity, { where: { id, userId, status: "PENDING" }, lock: { mode: "pessimistic_write" } });
    if (!invitation) throw missing();
    return invitation;
  }

  private async close(manager: EntityManager, invitation: InvitationEntity, status: "ACCEPTED" | "DECLINED" | "REVOKED"): Promise<void> {
    await manager.update(InvitationEntity, { practiceId: invitation.practiceId, id: invitation.id }, { status, respondedAt: new Date() });
  }

  private async views(manager: EntityManager, query: SelectQueryBuilder<InvitationEntity>): Promise<InvitationView[]> {
    const rows = await query.andWhere("i.status = 'PENDING'").orderBy("i.invited_at", "ASC").addOrderBy("i.id", "ASC").getMany();
    const practices = rows.length ? await manager.findBy(PracticeEntity, rows.map((r) => ({ id: r.practiceId }))) : [];
    const names = new Map(practices.map((p) => [p.id, p.name]));
    return rows.map((r) => ({
      id: r.id,
      practiceId: r.practiceId,
      practiceName: names.get(r.practiceId) ?? "",
      email: r.email,
      name: r.name,
      role: r.role,
      invitedAt: r.invitedAt,
    }));
  }
}
