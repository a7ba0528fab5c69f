import { randomUUID } from "node:crypto";
import {
  validateDate,
  personNameParts,
  validateFirstName,
  validateLastName,
  validateNpi,
  validatePersonDisplayName,
  validateTaxonomyCode,
  validateText,
} from "../domain/validation/index.js";
import { ClinicianEntity, MembershipEntity } from "../entities/index.js";
import { assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { isUuid } from "./ids.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUniqueViolation } from "./db-errors.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CreateClinicianInput {
  name: string;
  npi: string;
  credential: string;
  licensed: boolean;
  licenseExpiresOn?: string | null;
  /** The legal names the 837P sends; taken from `name` when both are omitted. */
  firstName?: string | null;
  lastName?: string | null;
  taxonomyCode?: string | null;
}

/** Omitted fields are kept; null clears the fields that may be empty (first name, taxonomy, license expiry). */
export interface UpdateClinicianInput {
  name?: string | null;
  credential?: string | null;
  licensed?: boolean | null;
  licenseExpiresOn?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  taxonomyCode?: string | null;
}

const AUDITED_FIELDS = ["name", "firstName", "lastName", "taxonomyCode", "npi", "credential", "licensed", "licenseExpiresOn"] as const;

export class ClinicianService {
  constructor(private readonly db: Database) {}

  list(actor: Actor): Promise<ClinicianEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(ClinicianEntity, { order: { name: "ASC", id: "ASC" } }));
  }

  /**
   * Links the clinician to the practice member who signs in as them (null unlinks). Once a session's leader or
   * supervisor is linked, only the linked users sign that session's notes.
   */
  async linkUser(actor: Actor, clinicianId: string, userId: string | null, meta: RequestMeta): Promise<ClinicianEntity> {
    if (!isUuid(clinicianId)) throw notFound("Clinician");
    if (userId !== null && !isUuid(userId)) throw notFound("User");
    return this.db.inPractice(actor, async (manager) => {
      const clinician = await manager.findOne(ClinicianEntity, { where: { id: clinicianId }, lock: { mode: "pessimistic_write" } });
      if (!clinician) throw notFound("Clinician");
      // Memberships are visible across a user's own practices, so the practice is named explicitly.
      if (userId !== null && !(await manager.existsBy(MembershipEntity, { practiceId: actor.practiceId, userId }))) throw notFound("User");
      const before = clinician.userId;
      if (before === userId) return clinician;
      try {
        await manager.query(`UPDATE clinicians SET user_id = $3 WHERE practice_id = $1 AND id = $2`, [actor.practiceId, clinicianId, userId]);
      } catch (error) {
        if (isUniqueViolation(error, "clinicians_user_key")) throw conflict("That user is already linked to another clinician; unlink them there first");
        throw error;
      }
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "clinician.linkUser",
        entityType: "Clinician",
        entityId: clinicianId,
        changes: { userId: { before, after: userId } },
      });
      clinician.userId = userId;
      return clinician;
    });
  }

  async create(actor: Actor, input: CreateClinicianInput, meta: RequestMeta): Promise<ClinicianEntity> {
    const errors: FieldError[] = [
      // The leader's name is the 837P rendering provider's (2310B NM103/NM104).
      ...validatePersonDisplayName(input.name, "name"),
      ...validateNpi(input.npi.trim(), "npi"),
      ...validateText(input.credential, "credential", { required: true, max: 40 }),
    ];
    const givenNames = input.firstName != null || input.lastName != null;
    if (givenNames) {
      errors.push(...validateLastName(input.lastName, "lastName"), ...validateFirstName(input.firstName, "firstName", { required: false }));
    }
    const taxonomyCode = input.taxonomyCode?.trim().toUpperCase() || null;
    errors.push(...validateTaxonomyCode(taxonomyCode, "taxonomyCode"));
    if (input.licenseExpiresOn != null) errors.push(...validateDate(input.licenseExpiresOn, "licenseExpiresOn"));
    assertValid(errors);
    const derived = personNameParts(input.name);
    const names = givenNames ? { firstName: input.firstName?.trim() || null, lastName: input.lastName!.trim() } : { firstName: derived.first, lastName: derived.last };
    return this.db.inPractice(actor, async (manager) => {
      const clinician = manager.create(ClinicianEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        name: input.name.trim(),
        ...names,
        taxonomyCode,
        npi: input.npi.trim(),
        credential: input.credential.trim(),
        licensed: input.licensed,
        licenseExpiresOn: input.licenseExpiresOn ?? null,
      });
      try {
        await manager.insert(ClinicianEntity, clinician);
      } catch (error) {
        if (isUniqueViolation(error, "clinicians_npi_key")) throw conflict("A clinician with this NPI already exists in this practice");
        throw error;
      }
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "clinician.create",
        entityType: "Clinician",
        entityId: clinician.id,
        changes: changedFields(null, clinician, AUDITED_FIELDS),
      });
      return clinician;
    });
  }

  /**
   * Fixes what the rules read (license, expiry) and what the 837P sends (legal names, taxonomy, credential).
   * The NPI stays: it identifies the clinician on claims already sent.
   */
  async update(actor: Actor, id: string, input: UpdateClinicianInput, meta: RequestMeta): Promise<ClinicianEntity> {
    const errors: FieldError[] = [];
    if (input.name !== undefined) errors.push(...validatePersonDisplayName(input.name ?? "", "name"));
    if (input.credential !== undefined) errors.push(...validateText(input.credential ?? "", "credential", { required: true, max: 40 }));
    if (input.licensed === null) errors.push({ field: "licensed", message: "Say whether the clinician is licensed" });
    if (input.lastName !== undefined) errors.push(...validateLastName(input.lastName, "lastName"));
    if (input.firstName != null) errors.push(...validateFirstName(input.firstName, "firstName", { required: false }));
    const taxonomyCode = input.taxonomyCode === undefined ? undefined : input.taxonomyCode?.trim().toUpperCase() || null;
    if (taxonomyCode !== undefined) errors.push(...validateTaxonomyCode(taxonomyCode, "taxonomyCode"));
    if (input.licenseExpiresOn != null) errors.push(...validateDate(input.licenseExpiresOn, "licenseExpiresOn"));
    assertValid(errors);
    if (!isUuid(id)) throw notFound("Clinician");
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOne(ClinicianEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!before) throw notFound("Clinician");
      const after: ClinicianEntity = { ...before };
      if (input.name != null) after.name = input.name.trim();
      if (input.credential != null) after.credential = input.credential.trim();
      if (input.licensed != null) after.licensed = input.licensed;
      if (input.licenseExpiresOn !== undefined) after.licenseExpiresOn = input.licenseExpiresOn;
      if (input.lastName != null) after.lastName = input.lastName.trim();
      if (input.firstName !== undefined) after.firstName = input.firstName?.trim() || null;
      if (taxonomyCode !== undefined) after.taxonomyCode = taxonomyCode;
      const changes = changedFields(before, after, AUDITED_FIELDS);
      if (Object.keys(changes).length === 0) return before;
      await manager.update(
        ClinicianEntity,
        { practiceId: actor.practiceId, id },
        {
          name: after.name,
          credential: after.credential,
          licensed: after.licensed,
          licenseExpiresOn: after.licenseExpiresOn,
          firstName: after.firstName,
          lastName: after.lastName,
          taxonomyCode: after.taxonomyCode,
        },
      );
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "clinician.update",
        entityType: "Clinician",
        entityId: id,
        changes,
      });
      return after;
    });
  }
}
