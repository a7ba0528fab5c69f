import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import {
  isValidDate,
  normalizeIcd10,
  validateClaimIdentifier,
  validateDiagnosisCodes,
  validateFirstName,
  validateLastName,
} from "../domain/validation/index.js";
import { ClientEntity, CoverageEntity, PayerEntity, type CoveragePriority } from "../entities/index.js";
import { assertValid, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUuid } from "./ids.js";
import { decodeCursor, pageSize, toPage, type Page } from "./pagination.js";
import { practiceToday } from "./practice-clock.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CoverageInput {
  payerId: string;
  memberId: string;
  priority: CoveragePriority;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

export interface CreateClientInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  diagnosisCodes: string[];
  coverages: CoverageInput[];
}

export type UpdateClientInput = { [K in keyof CreateClientInput]?: CreateClientInput[K] | null };

const MAX_COVERAGES = 10;
const MAX_DIAGNOSIS_CODES = 12;
const CLIENT_FIELDS = ["firstName", "lastName", "dateOfBirth", "diagnosisCodes"] as const;

function validateCoverages(coverages: CoverageInput[]): FieldError[] {
  const errors: FieldError[] = [];
  if (coverages.length > MAX_COVERAGES) errors.push({ field: "coverages", message: `A client can have at most ${MAX_COVERAGES} coverages` });
  coverages.forEach((c, i) => {
    const at = `coverages[${i}]`;
    errors.push(...validateClaimIdentifier(c.memberId, `${at}.memberId`));
    if (!isValidDate(c.effectiveFrom)) errors.push({ field: `${at}.effectiveFrom`, message: "Start date must be a date (YYYY-MM-DD)" });
    if (c.effectiveTo != null) {
      if (!isValidDate(c.effectiveTo)) errors.push({ field: `${at}.effectiveTo`, message: "End date must be a date (YYYY-MM-DD)" });
      else if (isValidDate(c.effectiveFrom) && c.effectiveTo < c.effectiveFrom) {
        errors.push({ field: `${at}.effectiveTo`, message: "End date cannot be before the start date" });
      }
    }
  });
  // Two primaries on one day would make "the primary coverage in force" ambiguous for billing.
  const primaries = coverages.map((c, i) => ({ ...c, i })).filter((c) => c.priority === "PRIMARY");
  for (let a = 0; a < primaries.length; a++) {
    for (let b = a + 1; b < primaries.length; b++) {
      const x = primaries[a];
      const y = primaries[b];
      const overlap = x.effectiveFrom <= (y.effectiveTo ?? "9999-12-31") && y.effectiveFrom <= (x.effectiveTo ?? "9999-12-31");
      if (overlap) {
        errors.push({ field: `coverages[${y.i}].priority`, message: `This primary coverage overlaps the primary coverage in coverages[${x.i}]; end one before the other starts` });
      }
    }
  }
  return errors;
}

function validateClientFields(input: UpdateClientInput, required: boolean, today: string): FieldError[] {
  const errors: FieldError[] = [];
  // The 837P subscriber name (2010BA NM103/NM104).
  if (required || input.firstName !== undefined) errors.push(...validateFirstName(input.firstName, "firstName"));
  if (required || input.lastName !== undefined) errors.push(...validateLastName(input.lastName, "lastName"));
  if (required || input.dateOfBirth !== undefined) {
    if (input.dateOfBirth == null || !isValidDate(input.dateOfBirth)) {
      errors.push({ field: "dateOfBirth", message: "Date of birth must be a date (YYYY-MM-DD)" });
    } else if (input.dateOfBirth > today || input.dateOfBirth < "1900-01-01") {
      errors.push({ field: "dateOfBirth", message: "Date of birth must be between 1900-01-01 and today" });
    }
  }
  if (required || input.diagnosisCodes !== undefined) {
    const codes = input.diagnosisCodes ?? [];
    if (input.diagnosisCodes === null) errors.push({ field: "diagnosisCodes", message: "Diagnosis codes cannot be null; send [] for none" });
    if (codes.length > MAX_DIAGNOSIS_CODES) errors.push({ field: "diagnosisCodes", message: `A client can have at most ${MAX_DIAGNOSIS_CODES} diagnosis codes` });
    errors.push(...validateDiagnosisCodes(codes, "diagnosisCodes"));
  }
  if (input.coverages === null) errors.push({ field: "coverages", message: "Coverages cannot be null; send [] for none" });
  if (input.coverages) errors.push(...validateCoverages(input.coverages));
  return errors;
}

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class ClientService {
  constructor(private readonly db: Database) {}

  async get(actor: Actor, id: string): Promise<ClientEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(ClientEntity, { id }));
  }

  async list(actor: Actor, args: { search?: string | null; first?: number | null; after?: string | null }): Promise<Page<ClientEntity>> {
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after, 3);
    const search = (args.search ?? "").trim().slice(0, 100);
    return this.db.inPractice(actor, async (manager) => {
      const base = manager.createQueryBuilder(ClientEntity, "c");
      if (search) {
        for (const [i, word] of search.split(/\s+/).entries()) {
          base.andWhere(`(c.first_name ILIKE :w${i} OR c.last_name ILIKE :w${i})`, { [`w${i}`]: `%${escapeLike(word)}%` });
        }
      }
      const totalCount = await base.clone().getCount();
      const pageQuery = base.clone();
      if (after) {
        pageQuery.andWhere("(lower(c.last_name), lower(c.first_name), c.id) > (:l, :f, :id)", { l: after[0], f: after[1], id: after[2] });
      }
      const rows = await pageQuery
        .orderBy("lower(c.last_name)", "ASC")
        .addOrderBy("lower(c.first_name)", "ASC")
        .addOrderBy("c.id", "ASC")
        .limit(limit + 1)
        .getMany();
      return toPage(rows, limit, totalCount, (c) => [c.lastName.toLowerCase(), c.firstName.toLowerCase(), c.id]);
    });
  }

  async create(actor: Actor, input: CreateClientInput, meta: RequestMeta): Promise<ClientEntity> {
    return this.db.inPractice(actor, async (manager) => {
      assertValid(validateClientFields(input, true, await practiceToday(manager, actor.practiceId)));
      const client = manager.create(ClientEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        dateOfBirth: input.dateOfBirth,
        diagnosisCodes: input.diagnosisCodes.map(normalizeIcd10),
      });
      await manager.insert(ClientEntity, client);
      const coverages = await this.replaceCoverages(manager, actor, client.id, input.coverages);
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "client.create",
        entityType: "Client",
        entityId: client.id,
        changes: { ...changedFields(null, client, CLIENT_FIELDS), coverages: { before: null, after: coverages.map(coverageSummary) } },
      });
      return client;
    });
  }

  async update(actor: Actor, id: string, input: UpdateClientInput, meta: RequestMeta): Promise<ClientEntity> {
    if (!isUuid(id)) throw notFound("Client");
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOne(ClientEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!before) throw notFound("Client");
      assertValid(validateClientFields(input, false, await practiceToday(manager, actor.practiceId)));
      const after = manager.create(ClientEntity, { ...before });
      if (input.firstName != null) after.firstName = input.firstName.trim();
      if (input.lastName != null) after.lastName = input.lastName.trim();
      if (input.dateOfBirth != null) after.dateOfBirth = input.dateOfBirth;
      if (input.diagnosisCodes != null) after.diagnosisCodes = input.diagnosisCodes.map(normalizeIcd10);
      const changes: Record<string, unknown> = changedFields(before, after, CLIENT_FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(ClientEntity, { practiceId: actor.practiceId, id }, {
          firstName: after.firstName,
          lastName: after.lastName,
          dateOfBirth: after.dateOfBirth,
          diagnosisCodes: after.diagnosisCodes,
        });
      }
      if (input.coverages != null) {
        const old = await manager.find(CoverageEntity, { where: { clientId: id }, order: { position: "ASC" } });
        const fresh = await this.replaceCoverages(manager, actor, id, input.coverages);
        const [was, now] = [old.map(coverageSummary), fresh.map(coverageSummary)];
        if (JSON.stringify(was) !== JSON.stringify(now)) changes.coverages = { before: was, after: now };
      }
      if (Object.keys(changes).length > 0) {
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "client.update",
          entityType: "Client",
          entityId: id,
          changes,
        });
      }
      return (await manager.findOneBy(ClientEntity, { id }))!;
    });
  }

  /** Coverages are edited as a whole list, the way an intake form presents them. */
  private async replaceCoverages(manager: EntityManager, actor: Actor, clientId: string, inputs: CoverageInput[]): Promise<CoverageEntity[]> {
    const payerIds = [...new Set(inputs.map((c) => c.payerId))];
    if (!payerIds.every(isUuid)) throw notFound("Payer");
    if (payerIds.length > 0) {
      const found = await manager.find(PayerEntity, { where: { id: In(payerIds) }, select: { id: true } });
      if (found.length !== payerIds.length) throw notFound("Payer");
    }
    await manager.delete(CoverageEntity, { practiceId: actor.practiceId, clientId });
    const rows = inputs.map((c, position) =>
      manager.create(CoverageEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        clientId,
        payerId: c.payerId,
        memberId: c.memberId.trim(),
        priority: c.priority,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo ?? null,
        position,
      }),
    );
    if (rows.length > 0) await manager.insert(CoverageEntity, rows);
    return rows;
  }
}

function coverageSummary(c: CoverageEntity) {
  return { payerId: c.payerId, memberId: c.memberId, priority: c.priority, effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo };
}
