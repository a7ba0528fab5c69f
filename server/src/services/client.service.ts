import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { SEXES, SUBSCRIBER_RELATIONSHIPS, type Sex, type SubscriberRelationship } from "../domain/engine/index.js";
import {
  isOneOf,
  isValidDate,
  validateDate,
  validateDateRange,
  normalizeAddress,
  normalizeIcd10,
  validatePostalAddress,
  type AddressValues,
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
import { subscriberOf } from "./registration-facts.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface SubscriberInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex;
  address: AddressValues;
}

export interface CoverageInput {
  payerId: string;
  memberId: string;
  priority: CoveragePriority;
  effectiveFrom: string;
  effectiveTo?: string | null;
  /** SELF when omitted. */
  relationship?: SubscriberRelationship | null;
  subscriber?: SubscriberInput | null;
}

export interface CreateClientInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex?: Sex | null;
  address?: AddressValues | null;
  diagnosisCodes: string[];
  coverages: CoverageInput[];
}

export type UpdateClientInput = { [K in keyof CreateClientInput]?: CreateClientInput[K] | null };

const MAX_COVERAGES = 10;
const MAX_DIAGNOSIS_CODES = 12;
const CLIENT_FIELDS = ["firstName", "lastName", "dateOfBirth", "sex", "addressLine1", "addressLine2", "addressCity", "addressState", "addressZip", "diagnosisCodes"] as const;

function validateSex(sex: unknown, field: string): FieldError[] {
  return sex == null || isOneOf(SEXES, sex) ? [] : [{ field, message: `Sex must be one of ${SEXES.join(", ")}` }];
}

function validateBirthDate(date: string | null | undefined, field: string, today: string): FieldError[] {
  if (date == null || !isValidDate(date)) return validateDate(date ?? "", field);
  if (date > today || date < "1900-01-01") return [{ field, message: "Date of birth must be between 1900-01-01 and today" }];
  return [];
}

/** The insured person (2010BA): required exactly when the client is not the insured. */
function validateSubscriber(c: CoverageInput, at: string, today: string): FieldError[] {
  const relationship = c.relationship ?? "SELF";
  if (!isOneOf(SUBSCRIBER_RELATIONSHIPS, relationship)) {
    return [{ field: `${at}.relationship`, message: `Relationship must be one of ${SUBSCRIBER_RELATIONSHIPS.join(", ")}` }];
  }
  const s = c.subscriber;
  if (relationship === "SELF") {
    return s == null ? [] : [{ field: `${at}.subscriber`, message: "The client is the insured (relationship SELF): leave the subscriber out, or choose the client's relationship to the insured" }];
  }
  if (s == null) {
    return [{ field: `${at}.subscriber`, message: `The insured person's name, date of birth, sex and address are required when the client is not the insured (relationship ${relationship})` }];
  }
  return [
    ...validateFirstName(s.firstName, `${at}.subscriber.firstName`),
    ...validateLastName(s.lastName, `${at}.subscriber.lastName`),
    ...validateBirthDate(s.dateOfBirth, `${at}.subscriber.dateOfBirth`, today),
    ...validateSex(s.sex, `${at}.subscriber.sex`),
    ...(s.address == null ? [{ field: `${at}.subscriber.address`, message: "The insured person's address is required" }] : validatePostalAddress(normalizeAddress(s.address), `${at}.subscriber.address`)),
  ];
}

function validateCoverages(coverages: CoverageInput[], today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (coverages.length > MAX_COVERAGES) errors.push({ field: "coverages", message: `A client can have at most ${MAX_COVERAGES} coverages` });
  coverages.forEach((c, i) => {
    const at = `coverages[${i}]`;
    errors.push(...validateClaimIdentifier(c.memberId, `${at}.memberId`));
    errors.push(...validateSubscriber(c, at, today));
    errors.push(...validateDateRange(c.effectiveFrom, c.effectiveTo, { from: `${at}.effectiveFrom`, to: `${at}.effectiveTo` }));
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
  if (required || input.dateOfBirth !== undefined) errors.push(...validateBirthDate(input.dateOfBirth, "dateOfBirth", today));
  errors.push(...validateSex(input.sex, "sex"));
  // The patient's address (2010BA or 2010CA N3/N4).
  if (input.address != null) errors.push(...validatePostalAddress(normalizeAddress(input.address), "address"));
  if (required || input.diagnosisCodes !== undefined) {
    const codes = input.diagnosisCodes ?? [];
    if (input.diagnosisCodes === null) errors.push({ field: "diagnosisCodes", message: "Diagnosis codes cannot be null; send [] for none" });
    if (codes.length > MAX_DIAGNOSIS_CODES) errors.push({ field: "diagnosisCodes", message: `A client can have at most ${MAX_DIAGNOSIS_CODES} diagnosis codes` });
    errors.push(...validateDiagnosisCodes(codes, "diagnosisCodes"));
  }
  if (input.coverages === null) errors.push({ field: "coverages", message: "Coverages cannot be null; send [] for none" });
  if (input.coverages) errors.push(...validateCoverages(input.coverages, today));
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
        sex: input.sex ?? null,
        ...addressColumns(input.address ?? null),
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
      // null clears sex or address: a wrong value is worse on a claim than a missing one, which MISSING_REGISTRATION names.
      if (input.sex !== undefined) after.sex = input.sex;
      if (input.address !== undefined) Object.assign(after, addressColumns(input.address));
      const changes: Record<string, unknown> = changedFields(before, after, CLIENT_FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(ClientEntity, { practiceId: actor.practiceId, id }, {
          firstName: after.firstName,
          lastName: after.lastName,
          dateOfBirth: after.dateOfBirth,
          sex: after.sex,
          addressLine1: after.addressLine1,
          addressLine2: after.addressLine2,
          addressCity: after.addressCity,
          addressState: after.addressState,
          addressZip: after.addressZip,
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
        relationship: c.relationship ?? "SELF",
        ...subscriberColumns(c.subscriber ?? null),
        position,
      }),
    );
    if (rows.length > 0) await manager.insert(CoverageEntity, rows);
    return rows;
  }
}

function coverageSummary(c: CoverageEntity) {
  return {
    payerId: c.payerId,
    memberId: c.memberId,
    priority: c.priority,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    relationship: c.relationship,
    subscriber: subscriberOf(c),
  };
}

function addressColumns(address: AddressValues | null): Pick<ClientEntity, "addressLine1" | "addressLine2" | "addressCity" | "addressState" | "addressZip"> {
  const a = address ? normalizeAddress(address) : null;
  return { addressLine1: a?.line1 ?? null, addressLine2: a?.line2 ?? null, addressCity: a?.city ?? null, addressState: a?.state ?? null, addressZip: a?.zip ?? null };
}

/** Validation has refused a subscriber on SELF and required one otherwise, so the columns follow the input. */
function subscriberColumns(s: SubscriberInput | null) {
  const a = s ? normalizeAddress(s.address) : null;
  return {
    subscriberFirstName: s?.firstName.trim() ?? null,
    subscriberLastName: s?.lastName.trim() ?? null,
    subscriberDateOfBirth: s?.dateOfBirth ?? null,
    subscriberSex: s?.sex ?? null,
    subscriberAddressLine1: a?.line1 ?? null,
    subscriberAddressLine2: a?.line2 ?? null,
    subscriberAddressCity: a?.city ?? null,
    subscriberAddressState: a?.state ?? null,
    subscriberAddressZip: a?.zip ?? null,
  };
}
