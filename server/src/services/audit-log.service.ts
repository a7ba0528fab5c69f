import { AuditEventEntity } from "../entities/index.js";
import { DomainError, ErrorCode } from "../errors/domain-error.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import { decodeCursor, pageSize, toPage, type Page } from "./pagination.js";
import type { Actor } from "./request-context.js";

// Microseconds, as stored: a JavaScript Date would round two events of one millisecond into one key.
const AT_KEY = `to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const AT_KEY_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  actorUserId?: string | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
}

export class AuditLogService {
  constructor(private readonly db: Database) {}

  /**
   * Newest first. A cursor is the last event's own (at, id), so it says nothing about other practices;
   * the id breaks ties between events written in the same microsecond.
   */
  async list(actor: Actor, args: AuditFilter & { first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    const limit = pageSize(args.first);
    if (args.from && args.to && args.from > args.to) {
      throw new DomainError(ErrorCode.BadUserInput, "The first day comes after the last", [{ field: "from", message: "The first day must not come after the last day" }]);
    }
    const after = decodeCursor(args.after, 2);
    if (after && !(typeof after[0] === "string" && AT_KEY_SHAPE.test(after[0]) && isUuid(after[1]))) {
      throw new DomainError(ErrorCode.BadUserInput, "The cursor is not valid; start again without `after`", [
        { field: "after", message: "Use an endCursor returned by this list" },
      ]);
    }
    return this.db.inPractice(actor, async (manager) => {
      const base = manager.createQueryBuilder(AuditEventEntity, "e").where("e.practice_id = :practiceId", { practiceId: actor.practiceId });
      if (args.entityType) base.andWhere("e.entity_type = :type", { type: args.entityType });
      if (args.entityId != null) {
        if (!isUuid(args.entityId)) return { nodes: [], hasNextPage: false, totalCount: 0 };
        base.andWhere("e.entity_id = :entityId", { entityId: args.entityId });
      }
      if (args.actorUserId != null) {
        if (!isUuid(args.actorUserId)) return { nodes: [], hasNextPage: false, totalCount: 0 };
        base.andWhere("e.actor_user_id = :actorUserId", { actorUserId: args.actorUserId });
      }
      if (args.action) base.andWhere("e.action = :action", { action: args.action });
      // Days are the practice's calendar days, as the console shows them.
      const localDay = "(e.at AT TIME ZONE (SELECT p.timezone FROM practices p WHERE p.id = e.practice_id))::date";
      if (args.from) base.andWhere(`${localDay} >= CAST(:from AS date)`, { from: args.from });
      if (args.to) base.andWhere(`${localDay} <= CAST(:to AS date)`, { to: args.to });
      const totalCount = await base.clone().getCount();
      const pageQuery = base.clone().addSelect(AT_KEY, "at_key");
      if (after) pageQuery.andWhere("(e.at, e.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))", { at: after[0], id: after[1] });
      const { entities, raw } = await pageQuery.orderBy("e.at", "DESC").addOrderBy("e.id", "DESC").limit(limit + 1).getRawAndEntities<{ e_id: string; at_key: string }>();
      const atKeys = new Map(raw.map((r) => [r.e_id, r.at_key]));
      return toPage(entities, limit, totalCount, (e) => [atKeys.get(e.id)!, e.id]);
    });
  }
}
