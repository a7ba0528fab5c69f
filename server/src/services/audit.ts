import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { AuditEventEntity } from "../entities/index.js";

export interface AuditEntry {
  practiceId: string;
  actorUserId: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, unknown> | null;
}

/** Written with the same manager as the change it records, so both commit or neither does. */
export async function writeAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  // The JSON column defeats TypeORM's deep-partial typing, hence the widening cast.
  await manager.insert(AuditEventEntity, { id: randomUUID(), ...entry } as Parameters<EntityManager["insert"]>[1]);
}

export type FieldChange = { before: unknown; after: unknown };

/** Before/after of the fields that actually changed; compared as JSON so arrays and objects work. */
export function changedFields<T extends object>(before: T | null, after: T, fields: readonly (keyof T & string)[]): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const was = before === null ? null : (before[field] ?? null);
    const now = after[field] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = { before: was, after: now };
  }
  return changes;
}
