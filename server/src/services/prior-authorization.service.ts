import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { rangesOverlap, validatePriorAuthorization, type PriorAuthorizationValues } from "../domain/validation/index.js";
import { ClaimBatchLineEntity, ClientEntity, CoverageEntity, PayerEntity, PriorAuthorizationEntity } from "../entities/index.js";
import { assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { authorizationUnitsUsed } from "./decision-store.js";
import { isUuid } from "./ids.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface AddPriorAuthorizationInput {
  payerId: string;
  number: string;
  startDate: string;
  endDate: string;
  units: number;
  note?: string | null;
}

/** Omitted fields keep their value; the payer is fixed (an authorization from another payer is another authorization). */
export type UpdatePriorAuthorizationInput = { [K in keyof Omit<AddPriorAuthorizationInput, "payerId">]?: AddPriorAuthorizationInput[K] | null };

export interface PriorAuthorizationView extends PriorAuthorizationEntity {
  /** Units billed under it plus those the current stored decisions draw on it: what the work list shows. */
  unitsUsed: number;
  /** What is left of the authorized units; 0 when used up (never negative, even if units were lowered below use). */
  unitsLeft: number;
}

/**
 * How a change to a client's authorizations locks the client's row. FOR NO KEY UPDATE, not FOR UPDATE: the change
 * then counts units from refreshed decisions, waiting for the practice's recompute lock, and a batch holding that
 * lock inserts lines whose foreign key takes KEY SHARE on the client's row, which FOR UPDATE would block: a
 * deadlock (test/integration/api/batch-lock-order.test.ts). It still queues concurrent changes to the client.
 */
const CLIENT_SERIAL_LOCK = "for_no_key_update";

const AUDITED_FIELDS = ["payerId", "number", "startDate", "endDate", "units", "note"] as const;

function summary(a: PriorAuthorizationEntity) {
  return { id: a.id, ...changedFields(null, a, AUDITED_FIELDS) };
}

/** Start date, then end date, then id: the order the console lists them in. */
function byDates(a: PriorAuthorizationEntity, b: PriorAuthorizationEntity): number {
  return a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate) || a.id.localeCompare(b.id);
}

/** The clients' authorizations with their units used, computed over each authorization's whole range. */
export async function authorizationsWithUsage(manager: EntityManager, practiceId: string, clientIds: readonly string[]): Promise<Map<string, PriorAuthorizationView[]>> {
  const byClient = new Map<string, PriorAuthorizationView[]>(clientIds.map((id) => [id, []]));
  const ids = clientIds.filter(isUuid);
  if (ids.length === 0) return byClient;
  const rows = await manager.find(PriorAuthorizationEntity, { where: { clientId: In(ids) } });
  const used = await authorizationUnitsUsed(manager, practiceId, rows.map((r) => r.id));
  for (const row of rows.sort(byDates)) {
    const unitsUsed = used.get(row.id) ?? 0;
    byClient.get(row.clientId)?.push(Object.assign(row, { unitsUsed, unitsLeft: Math.max(0, row.units - unitsUsed) }));
  }
  return byClient;
}

function trimmedNote(note: string | null | undefined): string | null {
  const text = (note ?? "").trim();
  return text === "" ? null : text;
}

export class PriorAuthorizationService {
  constructor(private readonly db: Database) {}

  async listForClients(actor: Actor, clientIds: readonly string[]): Promise<Map<string, PriorAuthorizationView[]>> {
    return this.db.inPractice(actor, (m) => authorizationsWithUsage(m, actor.practiceId, clientIds));
  }

  async add(actor: Actor, clientId: string, input: AddPriorAuthorizationInput, meta: RequestMeta): Promise<PriorAuthorizationView> {
    if (!isUuid(clientId)) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      // The client's row lock serializes changes to its authorizations, so two concurrent adds cannot both pass the overlap check.
      const client = await manager.findOne(ClientEntity, { where: { id: clientId }, lock: { mode: CLIENT_SERIAL_LOCK } });
      if (!client) throw notFound("Client");
      if (!isUuid(input.payerId) || !(await manager.existsBy(PayerEntity, { id: input.payerId }))) throw notFound("Payer");
      const values: PriorAuthorizationValues = {
        number: (input.number ?? "").trim(),
        startDate: input.startDate,
        endDate: input.endDate,
        units: input.units,
        note: trimmedNote(input.note),
      };
      const errors = validatePriorAuthorization(values);
      if (!(await manager.existsBy(CoverageEntity, { clientId, payerId: input.payerId }))) {
        errors.push({ field: "payerId", message: "This client has no coverage with this payer; add the coverage on the client first, then its authorization" });
      }
      if (errors.length === 0) errors.push(...(await this.overlaps(manager, clientId, input.payerId, values, null)));
      assertValid(errors);
      const row = manager.create(PriorAuthorizationEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        clientId,
        payerId: input.payerId,
        ...values,
        createdAt: new Date(),
      });
      await manager.insert(PriorAuthorizationEntity, row);
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "client.priorAuthorization.add",
        entityType: "Client",
        entityId: clientId,
        changes: { priorAuthorization: { before: null, after: summary(row) } },
      });
      return this.viewOf(manager, actor, row);
    });
  }

  async update(actor: Actor, id: string, input: UpdatePriorAuthorizationInput, meta: RequestMeta): Promise<PriorAuthorizationView> {
    if (!isUuid(id)) throw notFound("Prior authorization");
    return this.db.inPractice(actor, async (manager) => {
      const before = await this.lockedById(manager, id);
      const errors: FieldError[] = [];
      for (const key of ["number", "startDate", "endDate", "units"] as const) {
        if (input[key] === null) errors.push({ field: key, message: `${key} cannot be null; send a value, or leave it out to keep the current one` });
      }
      const values: PriorAuthorizationValues = {
        number: input.number != null ? input.number.trim() : before.number,
        startDate: input.startDate ?? before.startDate,
        endDate: input.endDate ?? before.endDate,
        units: input.units ?? before.units,
        note: input.note === undefined ? before.note : trimmedNote(input.note),
      };
      errors.push(...validatePriorAuthorization(values));
      if (errors.length === 0) errors.push(...(await this.overlaps(manager, before.clientId, before.payerId, values, id)));
      if (errors.length === 0) {
        const billed = await this.billedUnits(manager, id);
        if (values.units < billed) {
          errors.push({ field: "units", message: `${billed} units were already billed under this authorization; units cannot go below that (void the batch first if it was billed in error)` });
        }
      }
      assertValid(errors);
      const after = manager.create(PriorAuthorizationEntity, { ...before, ...values });
      const changes = changedFields(before, after, AUDITED_FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(PriorAuthorizationEntity, { practiceId: actor.practiceId, id }, values);
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "client.priorAuthorization.update",
          entityType: "Client",
          entityId: before.clientId,
          changes: { priorAuthorization: { id, ...changes } },
        });
      }
      return this.viewOf(manager, actor, after);
    });
  }

  /**
   * Refused while billed lines used it: their claims went out with its number, and the units they used
   * must keep counting against it. Void the batch first, or correct the authorization instead.
   */
  async remove(actor: Actor, id: string, meta: RequestMeta): Promise<PriorAuthorizationView> {
    if (!isUuid(id)) throw notFound("Prior authorization");
    return this.db.inPractice(actor, async (manager) => {
      const row = await this.lockedById(manager, id);
      const billed = await this.billedUnits(manager, id);
      if (billed > 0) {
        throw conflict(
          `Prior authorization ${row.number} was used by ${billed} billed line${billed === 1 ? "" : "s"}, so it stays on record; ` +
            "correct its dates or units instead, or void the batch that billed them first",
        );
      }
      const view = await this.viewOf(manager, actor, row);
      await manager.delete(PriorAuthorizationEntity, { practiceId: actor.practiceId, id });
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "client.priorAuthorization.remove",
        entityType: "Client",
        entityId: row.clientId,
        changes: { priorAuthorization: { before: summary(row), after: null } },
      });
      return view;
    });
  }

  private async lockedById(manager: EntityManager, id: string): Promise<PriorAuthorizationEntity> {
    const found = await manager.findOneBy(PriorAuthorizationEntity, { id });
    if (!found) throw notFound("Prior authorization");
    // Lock the client, as add does, so concurrent changes to one client's authorizations queue up; then re-read.
    await manager.findOne(ClientEntity, { where: { id: found.clientId }, lock: { mode: CLIENT_SERIAL_LOCK } });
    const current = await manager.findOneBy(PriorAuthorizationEntity, { id });
    if (!current) throw notFound("Prior authorization");
    return current;
  }

  /** With one authorization in force per day, a line never has to guess which one the payer approved it under. */
  private async overlaps(manager: EntityManager, clientId: string, payerId: string, values: PriorAuthorizationValues, exceptId: string | null): Promise<FieldError[]> {
    const siblings = await manager.find(PriorAuthorizationEntity, { where: { clientId, payerId } });
    const clash = siblings.filter((s) => s.id !== exceptId && rangesOverlap(s, values)).sort(byDates)[0];
    if (!clash) return [];
    return [
      {
        field: "startDate",
        message: `These dates overlap prior authorization ${clash.number} (${clash.startDate} to ${clash.endDate}) with the same payer; ` +
          "change that one (its units or dates) instead, or start this one after it ends",
      },
    ];
  }

  private billedUnits(manager: EntityManager, authorizationId: string): Promise<number> {
    return manager.countBy(ClaimBatchLineEntity, { authorizationId, voided: false });
  }

  private async viewOf(manager: EntityManager, actor: Actor, row: PriorAuthorizationEntity): Promise<PriorAuthorizationView> {
    const views = await authorizationsWithUsage(manager, actor.practiceId, [row.clientId]);
    const found = views.get(row.clientId)?.find((v) => v.id === row.id);
    // Callers pass a row of this transaction (inserted, updated or about to be removed), so it is listed.
    if (!found) throw new Error(`prior authorization ${row.id} vanished inside its own transaction`);
    return found;
  }
}
