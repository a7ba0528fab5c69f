import { USAGE_INDICATORS } from "../domain/export/index.js";
import {
  isOneOf,
  validatePlaceOfService,
  validateCity,
  validateOrganizationName,
  validatePhone,
  normalizeZip,
  validateReceiverId,
  validateStreetAddressLine,
  validateSubmitterId,
  validateTaxId,
  validateTaxonomyCode,
  validateUsState,
  validateZipCode,
} from "../domain/validation/index.js";
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
  submitterId?: string | null;
  submitterName?: string | null;
  submitterContactName?: string | null;
  x12UsageIndicator?: string | null;
}

const FIELDS = [
  "name",
  "defaultPlaceOfService",
  "taxId",
  "taxonomyCode",
  "addressLine1",
  "addressCity",
  "addressState",
  "addressZip",
  "phone",
  "clearinghouseName",
  "clearinghouseId",
  "submitterId",
  "submitterName",
  "submitterContactName",
  "x12UsageIndicator",
] as const;

type Field = (typeof FIELDS)[number];

/** Typed in as people write them; stored as the 837P carries them. */
const NORMALIZE: Partial<Record<Field, (value: string) => string>> = {
  addressState: (v) => v.toUpperCase(),
  taxonomyCode: (v) => v.toUpperCase(),
  x12UsageIndicator: (v) => v.toUpperCase(),
  addressZip: normalizeZip,
};



/**
 * Everything here but the place of service goes into the 837P, so it is checked with the shared claim-field
 * rules (characters, element lengths, shapes) when typed in, and an export never fails on it months later.
 * Values arrive trimmed (state and taxonomy upper-cased); null clears an optional field.
 */
const RULES: Record<Field, (value: string | null, field: string) => FieldError[]> = {
  name: (v, f) => validateOrganizationName(v, f),
  defaultPlaceOfService: (v, f) => validatePlaceOfService(v ?? "", f),
  taxId: (v, f) => validateTaxId(v, f),
  taxonomyCode: (v, f) => validateTaxonomyCode(v, f),
  // The billing provider (2010AA N3/N4): a street address, never a PO box, and the ZIP+4.
  addressLine1: (v, f) => validateStreetAddressLine(v, f, { required: false }),
  addressCity: (v, f) => validateCity(v, f, { required: false }),
  addressState: (v, f) => validateUsState(v, f),
  addressZip: (v, f) => validateZipCode(v, f, { nineDigits: true }),
  phone: (v, f) => validatePhone(v, f),
  clearinghouseName: (v, f) => validateOrganizationName(v, f, { required: false }),
  clearinghouseId: (v, f) => validateReceiverId(v, f),
  submitterId: (v, f) => validateSubmitterId(v, f),
  submitterName: (v, f) => validateOrganizationName(v, f, { required: false }),
  submitterContactName: (v, f) => validateOrganizationName(v, f, { required: false }),
  x12UsageIndicator: (v, f) => (v === null || isOneOf(USAGE_INDICATORS, v) ? [] : [{ field: f, message: "Usage indicator must be T (test files) or P (production)" }]),
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
      const value = raw === null ? null : (NORMALIZE[field] ?? ((v: string) => v))(raw.trim());
      cleaned[field] = value === "" ? null : value;
      errors.push(...RULES[field](cleaned[field] ?? null, field));
    }
    assertValid(errors);
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOneOrFail(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: "pessimistic_write" } });
      // The input types x12UsageIndicator as any text; RULES let only T, P or null through, the entity's values.
      const after = { ...before, ...cleaned } as PracticeEntity;
      const changes = changedFields(before, after, FIELDS);
      if (Object.keys(changes).length > 0) {
        await manager.update(PracticeEntity, { id: actor.practiceId }, cleaned as Partial<PracticeEntity>); // as `after` above
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
