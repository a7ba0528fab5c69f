import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { SINCE_ALWAYS, ruleVersionOn } from "../domain/engine/index.js";
import {
  PAYER_KINDS,
  PAYER_RULES_KEYS,
  defaultPayerRules,
  mergePayerRules,
  validateClaimIdentifier,
  validateOrganizationName,
  type PayerKind,
  type PayerRulesPatch,
  type PayerRulesValues,
} from "../domain/validation/index.js";
import { PayerEntity, PayerRuleVersionEntity } from "../entities/index.js";
import { assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { changedFields, writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUniqueViolation } from "./db-errors.js";
import { isUuid } from "./ids.js";
import { practiceToday } from "./practice-clock.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CreatePayerInput {
  name: string;
  kind: PayerKind;
  payerCode: string;
  rules?: PayerRulesPatch | null;
}

export interface UpdatePayerInput {
  name?: string | null;
  payerCode?: string | null;
}

const RULE_FIELDS = PAYER_RULES_KEYS;

/** A stored version's rules: the row without its identity and bookkeeping columns. */
export function rulesValuesOf(version: PayerRuleVersionEntity): PayerRulesValues {
  const { practiceId, id, payerId, createdAt, createdBy, ...rules } = version;
  return rules;
}
// Every column left above is a rule: a new column that is not one fails to compile here instead of reaching audits.
type NonRuleColumn = Exclude<keyof Omit<PayerRuleVersionEntity, "practiceId" | "id" | "payerId" | "createdAt" | "createdBy">, keyof PayerRulesValues>;
const onlyRulesRemain: [NonRuleColumn] extends [never] ? true : never = true;
void onlyRulesRemain; // read, so the check is not flagged as unused

function validatePayerFields(input: { name?: string | null; payerCode?: string | null }, required: boolean): FieldError[] {
  // Both go into the 837P payer loop (2010BB NM103 and NM109).
  return [
    ...validateOrganizationName(input.name, "name", { required: required || input.name !== undefined }),
    ...validateClaimIdentifier(input.payerCode, "payerCode", { required: required || input.payerCode !== undefined }),
  ];
}

/**
 * What a rules patch starts from: the version in force on the new version's start date (the latest one when
 * the change starts before any version), so omitted fields keep the values a payer would have applied that day.
 */
export async function rulesBaseFor(manager: EntityManager, payer: PayerEntity, patch: PayerRulesPatch, today: string) {
  const effectiveFrom = typeof patch.effectiveFrom === "string" ? patch.effectiveFrom.trim() : today;
  const versions = await manager.find(PayerRuleVersionEntity, { where: { payerId: payer.id } });
  const version = ruleVersionOn(versions, effectiveFrom) ?? ruleVersionOn(versions, "9999-12-31");
  return {
    base: version ? rulesValuesOf(version) : defaultPayerRules(payer.kind, effectiveFrom),
    baseVersionId: version?.id ?? null,
    versions,
    effectiveFrom,
  };
}

const duplicateName = () => conflict("Another payer in this practice already has that name");

export class PayerService {
  constructor(private readonly db: Database) {}

  list(actor: Actor): Promise<PayerEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(PayerEntity, { order: { name: "ASC", id: "ASC" } }));
  }

  async get(actor: Actor, id: string): Promise<PayerEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(PayerEntity, { id }));
  }

  async create(actor: Actor, input: CreatePayerInput, meta: RequestMeta): Promise<PayerEntity> {
    const errors = validatePayerFields(input, true);
    if (!PAYER_KINDS.includes(input.kind)) errors.push({ field: "kind", message: "Unknown payer kind" });
    return this.db.inPractice(actor, async (manager) => {
      // Undated first rules hold since always (DESIGN §4), so a later back-dated change governs from its own date on.
      const { values, errors: ruleErrors } = mergePayerRules(defaultPayerRules(input.kind, SINCE_ALWAYS), input.rules ?? {}, "rules");
      assertValid([...errors, ...ruleErrors]);
      const payer = manager.create(PayerEntity, {
        practiceId: actor.practiceId,
        id: randomUUID(),
        name: input.name.trim(),
        kind: input.kind,
        payerCode: input.payerCode.trim(),
      });
      await this.insertPayer(manager, payer);
      const version = await this.insertVersion(manager, actor, payer.id, values);
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "payer.create",
        entityType: "Payer",
        entityId: payer.id,
        changes: {
          ...changedFields(null, payer, ["name", "kind", "payerCode"]),
          rules: { before: null, after: { id: version.id, ...values } },
        },
      });
      return payer;
    });
  }

  async update(actor: Actor, id: string, input: UpdatePayerInput, meta: RequestMeta): Promise<PayerEntity> {
    if (!isUuid(id)) throw notFound("Payer");
    assertValid(validatePayerFields(input, false));
    return this.db.inPractice(actor, async (manager) => {
      const before = await manager.findOne(PayerEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!before) throw notFound("Payer");
      const after = { ...before };
      if (typeof input.name === "string") after.name = input.name.trim();
      if (typeof input.payerCode === "string") after.payerCode = input.payerCode.trim();
      const changes = changedFields(before, after, ["name", "payerCode"]);
      if (Object.keys(changes).length > 0) {
        try {
          await manager.update(PayerEntity, { practiceId: actor.practiceId, id }, { name: after.name, payerCode: after.payerCode });
        } catch (error) {
          if (isUniqueViolation(error, "payers_name_key")) throw duplicateName();
          throw error;
        }
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "payer.update",
          entityType: "Payer",
          entityId: id,
          changes,
        });
      }
      return manager.create(PayerEntity, after);
    });
  }

  /** Adds a version; omitted fields inherit from the version that would otherwise be in force on its start date. */
  async setRules(actor: Actor, payerId: string, patch: PayerRulesPatch, meta: RequestMeta): Promise<PayerEntity> {
    if (!isUuid(payerId)) throw notFound("Payer");
    return this.db.inPractice(actor, async (manager) => {
      // Serializes concurrent rule changes of one payer, so each inherits from the one before it.
      const payer = await manager.findOne(PayerEntity, { where: { id: payerId }, lock: { mode: "pessimistic_write" } });
      if (!payer) throw notFound("Payer");
      const today = await practiceToday(manager, actor.practiceId);
      const { base: current, baseVersionId, effectiveFrom } = await rulesBaseFor(manager, payer, patch, today);
      const { values, errors } = mergePayerRules({ ...current, effectiveFrom }, patch, "rules");
      assertValid(errors);
      const version = await this.insertVersion(manager, actor, payerId, values);
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "payer.setRules",
        entityType: "Payer",
        entityId: payerId,
        changes: { ruleVersionId: { before: baseVersionId, after: version.id }, ...changedFields(current, values, RULE_FIELDS) },
      });
      return payer;
    });
  }

  private async insertPayer(manager: EntityManager, payer: PayerEntity): Promise<void> {
    try {
      await manager.insert(PayerEntity, payer);
    } catch (error) {
      if (isUniqueViolation(error, "payers_name_key")) throw duplicateName();
      throw error;
    }
  }

  private async insertVersion(manager: EntityManager, actor: Actor, payerId: string, values: PayerRulesValues): Promise<PayerRuleVersionEntity> {
    const version = manager.create(PayerRuleVersionEntity, {
      practiceId: actor.practiceId,
      id: randomUUID(),
      payerId,
      ...values,
      createdAt: new Date(),
      createdBy: actor.userId,
    });
    await manager.insert(PayerRuleVersionEntity, version);
    return version;
  }
}
