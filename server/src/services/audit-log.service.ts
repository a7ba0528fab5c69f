import type { EntityManager } from "typeorm";
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

/** An id an audit event mentions, and what people call the thing it names. */
export interface NamedId {
  id: string;
  name: string;
}

export type NamedAuditEvent = AuditEventEntity & { names: NamedId[]; entityName: string | null };

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id an event's changes hold, as a key (attendance by client) or a value (a leader, a group's members). */
function idsIn(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (UUID_SHAPE.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) idsIn(item, into);
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (UUID_SHAPE.test(key)) into.add(key.toLowerCase());
      idsIn(inner, into);
    }
  }
}

/**
 * What the log's ids are called, looked up in the reader's practice only: each query names the practice as well as
 * running under its row-level security, so an id from elsewhere (a practice switched to) stays unnamed.
 * Sessions and notes read as their group and day; batches by their number.
 */
const NAME_QUERIES: string[] = [
  `SELECT id, first_name || ' ' || last_name AS name FROM clients WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT id, name FROM clinicians WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT id, name FROM payers WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT id, name FROM therapy_groups WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT id, 'Batch #' || control_number AS name FROM claim_batches WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT s.id, g.name || ', ' || to_char(s.service_date, 'Mon FMDD, YYYY') AS name
     FROM group_sessions s JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id
    WHERE s.practice_id = $1 AND s.id = ANY($2::uuid[])`,
  `SELECT n.id, c.first_name || ' ' || c.last_name || ' (' || g.name || ', ' || to_char(s.service_date, 'Mon FMDD, YYYY') || ')' AS name
     FROM member_notes n
     JOIN clients c ON c.practice_id = n.practice_id AND c.id = n.client_id
     JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
     JOIN therapy_groups g ON g.practice_id = s.practice_id AND g.id = s.group_id
    WHERE n.practice_id = $1 AND n.id = ANY($2::uuid[])`,
  `SELECT u.id, COALESCE(NULLIF(u.name, ''), u.email) AS name
     FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.practice_id = $1 AND u.id = ANY($2::uuid[])`,
  `SELECT id, email AS name FROM invitations WHERE practice_id = $1 AND id = ANY($2::uuid[])`,
  `SELECT id, name FROM practices WHERE id = $1 AND id = ANY($2::uuid[])`,
];

async function namesOf(manager: EntityManager, practiceId: string, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  for (const sql of NAME_QUERIES) {
    const rows: NamedId[] = await manager.query(sql, [practiceId, ids]);
    for (const row of rows) if (!names.has(row.id)) names.set(row.id, row.name);
  }
  return names;
}

export class AuditLogService {
  constructor(private readonly db: Database) {}

  /**
   * Newest first. A cursor is the last event's own (at, id), so it says nothing about other practices;
   * the id breaks ties between events written in the same microsecond.
   */
  async list(actor: Actor, args: AuditFilter & { first?: number | null; after?: string | null }): Promise<Page<NamedAuditEvent>> {
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
      const mentioned = entities.map((e) => {
        const ids = new Set<string>();
        if (e.entityId) ids.add(e.entityId.toLowerCase());
        idsIn(e.changes, ids);
        return ids;
      });
      const names = await namesOf(manager, actor.practiceId, [...new Set(mentioned.flatMap((ids) => [...ids]))]);
      const named: NamedAuditEvent[] = entities.map((e, i) => ({
        ...e,
        entityName: e.entityId ? (names.get(e.entityId.toLowerCase()) ?? null) : null,
        names: [...mentioned[i]].filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
      }));
      return toPage(named, limit, totalCount, (e) => [atKeys.get(e.id)!, e.id]);
    });
  }
}
