import { AuditEventEntity } from "../entities/index.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import { decodeCursor, pageSize, toPage, type Page } from "./pagination.js";
import type { Actor } from "./request-context.js";

export class AuditLogService {
  constructor(private readonly db: Database) {}

  /** Newest first; the identity column orders events written in the same millisecond. */
  async list(actor: Actor, args: { entityType?: string | null; entityId?: string | null; first?: number | null; after?: string | null }): Promise<Page<AuditEventEntity>> {
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after, 1);
    return this.db.inPractice(actor, async (manager) => {
      const base = manager.createQueryBuilder(AuditEventEntity, "e");
      if (args.entityType) base.andWhere("e.entity_type = :type", { type: args.entityType });
      if (args.entityId != null) {
        if (!isUuid(args.entityId)) return { nodes: [], hasNextPage: false, totalCount: 0 };
        base.andWhere("e.entity_id = :entityId", { entityId: args.entityId });
      }
      const totalCount = await base.clone().getCount();
      const pageQuery = base.clone();
      if (after) pageQuery.andWhere("e.seq < :seq", { seq: String(after[0]) });
      const rows = await pageQuery.orderBy("e.seq", "DESC").limit(limit + 1).getMany();
      return toPage(rows, limit, totalCount, (e) => [String(e.seq)]);
    });
  }
}
