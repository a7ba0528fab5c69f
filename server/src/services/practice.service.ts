import { isPlaceOfService, validateText } from "../domain/validation/index.js";
import { PracticeEntity } from "../entities/index.js";
import { assertValid, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface UpdatePracticeInput {
  name?: string | null;
  defaultPlaceOfService?: string | null;
  taxId?: string | null;
  taxonomyCode?: string | null;
  addressLine1?: string | null;
  addressCity?: string | null;
  addressState?: string | null;
  addressZip?: string | null;
  phone?: string | null;
  clearinghouseName?: string | null;
  clearinghouseId?: string | null;
}

const FIELDS = ["name", "defaultPlaceOfService", "taxId", "taxonomyCode", "addressLine1", "addressCity", "addressState", "addressZip", "phone", "clearinghouseName", "clearinghouseId"] as const;

/** Shapes 837P requires (TR3 005010X222A1); checked here so an export never fails on data entered long before. */
const SHAPES: Partial<Record<(typeof FIELDS)[number], [RegExp, string]>> = {
  taxId: [/^\d{9}$/, "Tax id must be the 9 digits of the EIN (no dash)"],
  taxonomyCode: [/^[0-9]{3}[0-9A-Z]{6}X$/, "Taxonomy code must be 10 characters ending in X, e.g. 261QM0801X"],
  addressState: [/^[A-Z]{2}$/, "State must be a two-letter code such as MA"],
  addressZip: [/^\d{5}(\d{4})?$/, "ZIP must be 5 or 9 digits (no dash)"],
  phone: [/^\d{10}$/, "Phone must be 10 digits"],
  clearinghouseId: [/^[A-Za-z0-9]{2,15}$/, "Clearinghouse id must be 2-15 letters or digits"],
};

export class PracticeService {
  constructor(private readonly db: Database) {}

  current(actor: Actor): Promise<PracticeEntity> {
    return this.db.inPractice(actor, (m) => m.findOneByOrFail(PracticeEntity, { id: actor.practiceId }));
  }

  async update(actor: Actor, input: UpdatePracticeInput, meta: RequestMeta): Promise<PracticeEntity> {
    const cleaned: UpdatePracticeInput = {};
    const errors: FieldError[] = [];
    for (const field of FIELDS) {
      const raw = input[field];
      if (raw === undefined) continue;
      const value = raw === null ? null : field === "addressState" || field === "taxonomyCode" ? raw.trim().toUpperCase() : raw.trim();
      cleaned[field] = value === "" ? null : value;
      if (field === "name" || field === "defaultPlaceOfService") {
        if (cleaned[field] === null) errors.push({ field, message: "This field cannot be empty" });
      }
      errors.push(...validateText(cleaned[field], field, { max: 200 }));
      const shape = SHAPES[field];
      if (shape && cleaned[field] !== null && !shape[0].test(cleaned[field]!)) errors.push({ field, message: shape[1] });
    }
    if (cleaned.defaultPlaceOfService && !isPlaceOfService(cleaned.defaultPlaceOfService)) {
      errors.push({ field: "defaultPlaceOfService", message: "Place of service must be a two-digit CMS code such as 11" });
    }
    assertValid(errors);
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOneOrFail(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: "pessimistic_write" } });
      const after = { ...before, ...cleaned } as PracticeEntity;
      const changes = changedFields(before, after, FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(PracticeEntity, { id: actor.practiceId }, cleaned as Partial<PracticeEntity>);
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "practice.update",
          entityType: "Practice",
          entityId: actor.practiceId,
          changes,
        });
      }
      return manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
    });
  }
}
