import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { ClaimExportError, exportCsv, exportX12_837P, type ExportFormat, type ExportProblem, type FrozenBatch, type FrozenClaimLine } from "../domain/export/index.js";
import { addOnChargeOf, type Sex, type SubscriberFacts } from "../domain/engine/index.js";
import { addDays, monthEndOf } from "../domain/engine/calendar.js";
import type { PayerKind } from "../domain/validation/index.js";
import { validateText } from "../domain/validation/index.js";
import {
  ClaimBatchEntity,
  ClaimBatchLineEntity,
  ClientEntity,
  ClinicianEntity,
  CoverageEntity,
  GroupSessionEntity,
  PayerEntity,
  PracticeEntity,
} from "../entities/index.js";
import { DomainError, ErrorCode, assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { insertEntities } from "../db/insert-records.js";
import { writeAudit } from "./audit.js";
import { validateRange, type ClaimDecisionView } from "./claim.service.js";
import type { Database } from "./database.js";
import { readStoredOnDates, refreshDecisions } from "./decision-store.js";
import { isUniqueViolation } from "./db-errors.js";
import { groupBy } from "./group-by.js";
import { isUuid } from "./ids.js";
import { clientAddressOf, subscriberOf } from "./registration-facts.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CreateClaimBatchInput {
  from: string;
  to: string;
  payerId?: string | null;
  idempotencyKey: string;
}

export type { ExportFormat };

/** DMG03 / CSV sex codes. */
const SEX_CODE: Record<Sex, "F" | "M" | "U"> = { FEMALE: "F", MALE: "M", UNKNOWN: "U" };

/** SBR09 claim filing indicator per kind of payer (X12 code list 1032). */
const CLAIM_FILING_CODE: Record<PayerKind, string> = {
  MEDICARE: "MB",
  MEDICARE_ADVANTAGE: "16",
  MEDICAID: "MC",
  COMMERCIAL: "CI",
  TRICARE: "CH",
  OTHER: "ZZ",
};

/**
 * Batches (and their control numbers) are made one at a time per practice by locking the practice's row. FOR NO
 * KEY UPDATE, not FOR UPDATE: the background refresh, holding the practice's recompute lock that a batch waits for
 * next, inserts decision rows whose foreign key takes KEY SHARE on that row, which FOR UPDATE would block: a
 * deadlock (test/integration/api/batch-lock-order.test.ts).
 */
const PRACTICE_SERIAL_LOCK = "for_no_key_update";

export class ClaimBatchService {
  constructor(private readonly db: Database) {}

  list(actor: Actor): Promise<ClaimBatchEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(ClaimBatchEntity, { order: { createdAt: "DESC", id: "ASC" } }));
  }

  async get(actor: Actor, id: string): Promise<ClaimBatchEntity | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => m.findOneBy(ClaimBatchEntity, { id }));
  }

  lines(actor: Actor, batchId: string): Promise<ClaimBatchLineEntity[]> {
    return this.db.inPractice(actor, (m) => m.find(ClaimBatchLineEntity, { where: { batchId }, order: { position: "ASC" } }));
  }

  /**
   * Freezes every READY line in the range into a new batch. Batches of one practice are made one at a time
   * (the practice row is locked), and the partial unique index on lines is the guarantee behind that.
   */
  async create(actor: Actor, input: CreateClaimBatchInput, meta: RequestMeta): Promise<ClaimBatchEntity> {
    const key = (input.idempotencyKey ?? "").trim();
    const errors: FieldError[] = validateText(key, "idempotencyKey", { required: true, max: 100 });
    assertValid(errors);
    validateRange(input.from, input.to);
    if (input.payerId != null && !isUuid(input.payerId)) throw notFound("Payer");
    const payerId = input.payerId ?? null;

    try {
      return await this.db.inPractice(actor, async (manager) => {
        const practice = await manager.findOne(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: PRACTICE_SERIAL_LOCK } });
        if (!practice) throw notFound("Practice");
        const existing = await manager.findOneBy(ClaimBatchEntity, { idempotencyKey: key });
        if (existing) {
          if (existing.from !== input.from || existing.to !== input.to || existing.payerId !== payerId) {
            throw new DomainError(ErrorCode.BadUserInput, "This idempotency key was already used for a batch with other parameters", [
              { field: "idempotencyKey", message: "Use a new key for a different range or payer" },
            ]);
          }
          return existing;
        }
        if (payerId && !(await manager.existsBy(PayerEntity, { id: payerId }))) throw notFound("Payer");
        // Asked before anything is frozen: a batch that no clearinghouse would accept is not made at all.
        const missing = missingBillingFields(practice);
        if (missing.length > 0) {
          throw new DomainError(
            ErrorCode.BadUserInput,
            `The practice's billing and clearinghouse settings are incomplete, so no batch was made. Complete them (Practice → Billing) first: ${missing.map((f) => f.field.replace("practice.", "")).join(", ")}`,
            missing,
          );
        }

        // The practice row lock above orders this after any batch made meanwhile; the refresh brings in every change committed before it.
        await refreshDecisions(manager, actor.practiceId, { from: input.from, to: input.to });
        const range = { from: input.from, to: input.to };
        const expected = await readyTotals(manager, actor.practiceId, range, payerId);
        if (expected.lines === 0) {
          throw new DomainError(ErrorCode.BadUserInput, "There are no READY lines in this range to bill", [
            { field: "to", message: "No READY lines between these dates" + (payerId ? " for this payer" : "") },
          ]);
        }
        const next = await nextControlNumber(manager, actor.practiceId);
        const batch = manager.create(ClaimBatchEntity, {
          practiceId: actor.practiceId,
          id: randomUUID(),
          idempotencyKey: key,
          controlNumber: Number(next),
          from: input.from,
          to: input.to,
          payerId,
          lineCount: expected.lines,
          // Each claim's total: its 90853 line and any add-on lines (90785) billed with it.
          totalChargeCents: expected.chargeCents,
          createdBy: actor.userId,
          voidedAt: null,
          voidedBy: null,
          usageIndicator: practice.x12UsageIndicator!,
        });
        await manager.insert(ClaimBatchEntity, batch);
        // A month at a time: a year of a large practice is tens of thousands of lines, and holding every decision
        // and frozen line of it at once took most of a gigabyte. Months follow each other, so positions (and
        // patient control numbers) still run in the engine's order across the whole range.
        let frozenLines = 0;
        let frozenCharge = 0;
        for (const month of monthsOf(range)) {
          const ready = await readyLines(manager, actor.practiceId, month, payerId);
          // A month with nothing to bill (a break, another payer's month) reads nothing more.
          if (ready.length === 0) continue;
          await insertEntities(manager, ClaimBatchLineEntity, actor.practiceId, await this.freeze(manager, actor, batch, ready, frozenLines));
          frozenLines += ready.length;
          frozenCharge += ready.reduce((sum, d) => sum + d.chargeCents + addOnChargeOf(d), 0);
        }
        // Both counts come from the same stored decisions in this transaction, under the practice's lock: a
        // difference is a defect, and the batch is not made rather than made with totals its lines do not add up to.
        if (frozenLines !== expected.lines || frozenCharge !== expected.chargeCents) {
          throw new Error(`Batch totals disagree with its lines: ${expected.lines} lines, ${expected.chargeCents} cents counted; ${frozenLines} lines, ${frozenCharge} cents frozen`);
        }
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "claimBatch.create",
          entityType: "ClaimBatch",
          entityId: batch.id,
          changes: {
            from: { before: null, after: input.from },
            to: { before: null, after: input.to },
            payerId: { before: null, after: payerId },
            lineCount: { before: null, after: batch.lineCount },
            totalChargeCents: { before: null, after: batch.totalChargeCents },
          },
        });
        return (await manager.findOneBy(ClaimBatchEntity, { id: batch.id }))!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "claim_batch_lines_billed_once")) throw conflict("Some of these lines were billed by another batch at the same moment; try again");
      if (isUniqueViolation(error, "claim_batches_key_unique")) return this.create(actor, input, meta);
      throw error;
    }
  }

  /**
   * Bills the secondary payer for the lines of a batch the primary has adjudicated (latest posting PAID,
   * PARTIALLY_PAID or DENIED) whose member has a SECONDARY coverage in force on the service date and no live
   * secondary line yet. The new batch's lines copy the primary lines with the secondary payer, member id and
   * insured, and freeze the primary's adjudication (loops 2320/2330). All or nothing, idempotent per key.
   */
  async createSecondaryClaims(actor: Actor, batchId: string, idempotencyKey: string, meta: RequestMeta): Promise<ClaimBatchEntity> {
    const key = (idempotencyKey ?? "").trim();
    assertValid(validateText(key, "idempotencyKey", { required: true, max: 100 }));
    if (!isUuid(batchId)) throw notFound("Claim batch");
    try {
      return await this.db.inPractice(actor, async (manager) => {
        const practice = await manager.findOne(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: PRACTICE_SERIAL_LOCK } });
        if (!practice) throw notFound("Practice");
        const primaryBatch = await manager.findOneBy(ClaimBatchEntity, { id: batchId });
        if (!primaryBatch) throw notFound("Claim batch");
        const existing = await manager.findOneBy(ClaimBatchEntity, { idempotencyKey: key });
        if (existing) {
          const [same] = await manager.query(
            `SELECT 1 FROM claim_batch_lines s JOIN claim_batch_lines p ON p.practice_id = s.practice_id AND p.id = s.primary_line_id WHERE s.batch_id = $1 AND p.batch_id = $2 LIMIT 1`,
            [existing.id, batchId],
          );
          if (!same) {
            throw new DomainError(ErrorCode.BadUserInput, "This idempotency key was already used for another batch", [
              { field: "idempotencyKey", message: "Use a new key for the secondary claims of this batch" },
            ]);
          }
          return existing;
        }
        assertValid(missingBillingFields(practice));
        const adjudicated: { line_id: string; claim_id: string; paid_cents: string; payment_date: string }[] = await manager.query(
          `SELECT DISTINCT ON (rc.line_id) rc.line_id, rc.id AS claim_id, rc.paid_cents, rc.outcome, to_char(p.payment_date, 'YYYY-MM-DD') AS payment_date
             FROM remittance_claims rc
             JOIN claim_batch_lines l ON l.practice_id = rc.practice_id AND l.id = rc.line_id
             JOIN remittance_payments p ON p.practice_id = rc.practice_id AND p.id = rc.payment_id
            WHERE l.batch_id = $1 AND NOT l.voided AND l.payer_sequence = 'P'
            ORDER BY rc.line_id, rc.posted_at DESC, rc.position DESC`,
          [batchId],
        ).then((rows: { outcome: string; line_id: string; claim_id: string; paid_cents: string; payment_date: string }[]) =>
          rows.filter((r) => r.outcome === "PAID" || r.outcome === "PARTIALLY_PAID" || r.outcome === "DENIED"),
        );
        const nothingReady = () =>
          new DomainError(ErrorCode.BadUserInput, "No line of this batch is ready for a secondary claim", [
            {
              field: "batchId",
              message: "A secondary claim needs a primary line adjudicated (paid, partly paid or denied), a secondary coverage in force on its date, and no secondary claim already",
            },
          ]);
        if (adjudicated.length === 0) throw nothingReady();
        const primaries = await manager.find(ClaimBatchLineEntity, { where: { id: In(adjudicated.map((a) => a.line_id)) }, order: { position: "ASC" } });
        const billedSecondary = new Set(
          (await manager.find(ClaimBatchLineEntity, { where: { payerSequence: "S", voided: false, sessionId: In(primaries.map((l) => l.sessionId)) } })).map((l) => `${l.sessionId}:${l.clientId}`),
        );
        const coverages = await manager.find(CoverageEntity, { where: { clientId: In(primaries.map((l) => l.clientId)), priority: "SECONDARY" }, order: { position: "ASC" } });
        const eligible = primaries.flatMap((line) => {
          if (billedSecondary.has(`${line.sessionId}:${line.clientId}`)) return [];
          const coverage = coverages.find((c) => c.clientId === line.clientId && c.effectiveFrom <= line.serviceDate && (c.effectiveTo === null || c.effectiveTo >= line.serviceDate));
          return coverage ? [{ line, coverage, posting: adjudicated.find((a) => a.line_id === line.id)! }] : [];
        });
        if (eligible.length === 0) throw nothingReady();
        const adjustments: { claim_id: string; group_code: string; reason_code: string; amount_cents: string }[] = await manager.query(
          `SELECT claim_id, group_code, reason_code, amount_cents FROM remittance_adjustments WHERE claim_id = ANY($1) ORDER BY claim_id, position`,
          [eligible.map((e) => e.posting.claim_id)],
        );
        const payers = await manager.findBy(PayerEntity, { id: In([...new Set(eligible.map((e) => e.coverage.payerId))]) });
        const primaryPayers = await manager.findBy(PayerEntity, { id: In([...new Set(eligible.map((e) => e.line.payerId))]) });
        const dates = eligible.map((e) => e.line.serviceDate).sort();
        const batch = manager.create(ClaimBatchEntity, {
          practiceId: actor.practiceId,
          id: randomUUID(),
          idempotencyKey: key,
          controlNumber: await nextControlNumber(manager, actor.practiceId),
          from: dates[0]!,
          to: dates[dates.length - 1]!,
          payerId: null,
          lineCount: eligible.length,
          totalChargeCents: eligible.reduce((sum, e) => sum + e.line.chargeCents + e.line.addOnChargeCents, 0),
          createdBy: actor.userId,
          voidedAt: null,
          voidedBy: null,
          usageIndicator: practice.x12UsageIndicator!,
          exportedAt: null,
          voidControlNumber: null,
          voidExportedAt: null,
        });
        await manager.insert(ClaimBatchEntity, batch);
        const lines: Partial<ClaimBatchLineEntity>[] = eligible.map(({ line, coverage, posting }, position) => {
          const payer = payers.find((p) => p.id === coverage.payerId)!;
          const primaryPayer = primaryPayers.find((p) => p.id === line.payerId)!;
          const { id: _id, batchId: _batch, position: _position, patientControlNumber: _pcn, ...copied } = line;
          return {
            ...copied,
            id: randomUUID(),
            batchId: batch.id,
            position,
            patientControlNumber: patientControlNumber(batch.controlNumber, position),
            voided: false,
            subscriberRelationship: coverage.relationship,
            subscriber: subscriberOf(coverage),
            memberId: coverage.memberId,
            payerId: payer.id,
            payerName: payer.name,
            payerCode: payer.payerCode,
            payerKind: payer.kind,
            // The authorization was the primary payer's.
            authorizationId: null,
            authorizationNumber: null,
            issues: [],
            frequencyCode: "1",
            replacesLineId: null,
            payerSequence: "S",
            primaryLineId: line.id,
            otherPayer: {
              payer: { name: line.payerName, payerCode: line.payerCode, claimFilingCode: CLAIM_FILING_CODE[primaryPayer.kind] },
              memberId: line.memberId,
              relationship: line.subscriberRelationship,
              subscriber: line.subscriber ? { firstName: line.subscriber.firstName, lastName: line.subscriber.lastName } : { firstName: line.clientFirstName, lastName: line.clientLastName },
              paidCents: Number(posting.paid_cents),
              adjudicatedOn: posting.payment_date,
              adjustments: adjustments
                .filter((a) => a.claim_id === posting.claim_id)
                .map((a) => ({ group: a.group_code, reason: a.reason_code, amountCents: Number(a.amount_cents) })),
            },
          };
        });
        await insertEntities(manager, ClaimBatchLineEntity, actor.practiceId, lines);
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "claimBatch.createSecondary",
          entityType: "ClaimBatch",
          entityId: batch.id,
          changes: {
            primaryBatchId: { before: null, after: batchId },
            lineCount: { before: null, after: batch.lineCount },
            totalChargeCents: { before: null, after: batch.totalChargeCents },
          },
        });
        return (await manager.findOneBy(ClaimBatchEntity, { id: batch.id }))!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "claim_batch_lines_secondary_once")) throw conflict("Some of these lines got a secondary claim at the same moment; try again");
      if (isUniqueViolation(error, "claim_batches_key_unique")) return this.createSecondaryClaims(actor, batchId, idempotencyKey, meta);
      throw error;
    }
  }

  /**
   * Correct and rebill, from the denial work list: a denied or partly paid primary line whose cause the biller has
   * fixed goes out again as a replacement claim (CLM05-3 = 7, REF*F8 = the payer's CLP07) of one line, in a batch
   * of its own with a new patient control number. Only that line is voided in its batch; the rest stays billed.
   * The line must be READY again once freed, which the engine decides from today's data: otherwise nothing
   * changes and the answer names what still blocks it. Idempotent per key; all or nothing.
   */
  async rebillLine(actor: Actor, lineId: string, idempotencyKey: string, meta: RequestMeta): Promise<ClaimBatchEntity> {
    const key = (idempotencyKey ?? "").trim();
    assertValid(validateText(key, "idempotencyKey", { required: true, max: 100 }));
    if (!isUuid(lineId)) throw notFound("Claim line");
    try {
      return await this.db.inPractice(actor, async (manager) => {
        const practice = await manager.findOne(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: PRACTICE_SERIAL_LOCK } });
        if (!practice) throw notFound("Practice");
        const [row] = await manager.query(`SELECT id FROM claim_batch_lines WHERE id = $1 FOR UPDATE`, [lineId]);
        if (!row) throw notFound("Claim line");
        const existing = await manager.findOneBy(ClaimBatchEntity, { idempotencyKey: key });
        if (existing) {
          const same = await manager.existsBy(ClaimBatchLineEntity, { batchId: existing.id, replacesLineId: lineId });
          if (!same) {
            throw new DomainError(ErrorCode.BadUserInput, "This idempotency key was already used for another batch", [
              { field: "idempotencyKey", message: "Use a new key to rebill this line" },
            ]);
          }
          return existing;
        }
        const line = (await manager.findOneBy(ClaimBatchLineEntity, { id: lineId }))!;
        const batch = (await manager.findOneBy(ClaimBatchEntity, { id: line.batchId }))!;
        const who = `${line.clientFirstName} ${line.clientLastName} on ${line.serviceDate} (${line.patientControlNumber})`;
        if (line.payerSequence !== "P") throw conflict(`${who} is a secondary claim; correct and rebill replaces primary claims`);
        if (batch.voidedAt) throw conflict(`${who} belongs to a voided batch; bill it again with a new batch`);
        const [latest]: { outcome: string }[] = await manager.query(
          `SELECT outcome FROM remittance_claims WHERE line_id = $1 ORDER BY posted_at DESC, position DESC LIMIT 1`,
          [lineId],
        );
        if (!latest) throw conflict(`${who} was never remitted: the payer has not answered for it, so there is no denial to correct yet`);
        const [replacement]: { patient_control_number: string }[] = await manager.query(
          `SELECT patient_control_number FROM claim_batch_lines WHERE replaces_line_id = $1 AND NOT voided LIMIT 1`,
          [lineId],
        );
        if (replacement) throw conflict(`${who} was already corrected and rebilled as ${replacement.patient_control_number}`);
        if (line.voided) throw conflict(`${who} is no longer billed`);
        if (latest.outcome !== "DENIED" && latest.outcome !== "PARTIALLY_PAID") {
          throw conflict(`${who} was not denied: its latest remittance says ${latest.outcome.toLowerCase().replace("_", " ")}`);
        }
        const [writtenOff] = await manager.query(
          `SELECT 1 FROM denial_actions d WHERE d.kind = 'WRITE_OFF' AND d.claim_id = (
             SELECT id FROM remittance_claims WHERE line_id = $1 ORDER BY posted_at DESC, position DESC LIMIT 1)`,
          [lineId],
        );
        if (writtenOff) throw conflict(`${who}: this denial was written off, so it is settled and is not rebilled`);
        const missing = missingBillingFields(practice);
        if (missing.length > 0) {
          throw new DomainError(ErrorCode.BadUserInput, `The practice's billing and clearinghouse settings are incomplete, so nothing was rebilled: ${missing.map((f) => f.field.replace("practice.", "")).join(", ")}`, missing);
        }

        // Free the line (its trigger marks its date stale), then ask the engine what it would bill now.
        await manager.update(ClaimBatchLineEntity, { practiceId: actor.practiceId, id: lineId }, { voided: true });
        await refreshDecisions(manager, actor.practiceId, { dates: [line.serviceDate] });
        const now = (await readStoredOnDates(manager, actor.practiceId, { dates: [line.serviceDate] })).find((d) => d.sessionId === line.sessionId && d.clientId === line.clientId);
        const notReady = (why: string) =>
          new DomainError(ErrorCode.BadUserInput, `${who} cannot be rebilled yet, so nothing changed: ${why}`, [{ field: "lineId", message: why }]);
        if (!now) throw notReady("the member is no longer marked present at that session.");
        if (now.status !== "READY" || now.chargeCents <= 0) {
          const errors = now.issues.filter((i) => i.severity === "ERROR").map((i) => i.message);
          throw notReady(`its claim line is ${now.status} now${errors.length > 0 ? ` (${errors.join(" ")})` : ""}. Correct that first.`);
        }
        if (now.payerId !== line.payerId) {
          throw notReady(`the member's payer for that date is no longer ${line.payerName}; a replacement claim goes to the payer that denied it. Void the batch and bill the new payer instead.`);
        }

        const rebill = manager.create(ClaimBatchEntity, {
          practiceId: actor.practiceId,
          id: randomUUID(),
          idempotencyKey: key,
          controlNumber: await nextControlNumber(manager, actor.practiceId),
          from: line.serviceDate,
          to: line.serviceDate,
          payerId: line.payerId,
          lineCount: 1,
          totalChargeCents: now.chargeCents + addOnChargeOf(now),
          createdBy: actor.userId,
          voidedAt: null,
          voidedBy: null,
          usageIndicator: practice.x12UsageIndicator!,
        });
        await manager.insert(ClaimBatchEntity, rebill);
        const [frozen] = await this.freeze(manager, actor, rebill, [now]);
        await insertEntities(manager, ClaimBatchLineEntity, actor.practiceId, [{ ...frozen!, replacesLineId: lineId, frequencyCode: "7" }]);
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "claimBatch.createRebill",
          entityType: "ClaimBatch",
          entityId: rebill.id,
          changes: {
            replacesLineId: { before: null, after: lineId },
            lineCount: { before: null, after: 1 },
            totalChargeCents: { before: null, after: rebill.totalChargeCents },
          },
        });
        await writeAudit(manager, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: "denial.rebill",
          entityType: "ClaimBatchLine",
          entityId: lineId,
          changes: {
            voided: { before: false, after: true },
            replacementPatientControlNumber: { before: null, after: frozen!.patientControlNumber },
            replacementBatchId: { before: null, after: rebill.id },
          },
        });
        return (await manager.findOneBy(ClaimBatchEntity, { id: rebill.id }))!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "claim_batches_key_unique")) return this.rebillLine(actor, lineId, idempotencyKey, meta);
      if (isUniqueViolation(error, "claim_batch_lines_billed_once")) throw conflict("This line was billed by another batch at the same moment; try again");
      throw error;
    }
  }

  /**
   * Where today's data no longer supports what a live batch billed: the member is no longer marked present,
   * the line would now be blocked, or its contents would differ. A biller voids and rebills to correct it.
   */
  async discrepancies(actor: Actor, batch: ClaimBatchEntity): Promise<string[]> {
    if (batch.voidedAt) return [];
    return this.db.inPractice(actor, async (manager) => {
      // A line voided on its own was corrected and rebilled: its replacement answers for it now.
      const lines = await manager.find(ClaimBatchLineEntity, { where: { batchId: batch.id, voided: false }, order: { position: "ASC" } });
      const dates = [...new Set(lines.map((l) => l.serviceDate))];
      await refreshDecisions(manager, actor.practiceId, { dates });
      const live = new Map((await readStoredOnDates(manager, actor.practiceId, { dates })).map((d) => [`${d.sessionId}:${d.clientId}`, d]));
      const found: string[] = [];
      for (const line of lines) {
        const who = `${line.clientFirstName} ${line.clientLastName} on ${line.serviceDate}`;
        const now = live.get(`${line.sessionId}:${line.clientId}`);
        if (!now) {
          found.push(`${who}: no longer marked present at that session, but billed in this batch.`);
          continue;
        }
        const errors = now.issues.filter((i) => i.severity === "ERROR");
        if (errors.length > 0) found.push(`${who}: would now be blocked (${errors.map((i) => i.message).join(" ")})`);
        const changed: string[] = [];
        if (now.modifiers.join(",") !== line.modifiers.join(",")) changed.push(`modifiers ${line.modifiers.join("-") || "none"} → ${now.modifiers.join("-") || "none"}`);
        if (now.placeOfService !== line.placeOfService) changed.push(`place of service ${line.placeOfService} → ${now.placeOfService}`);
        if (now.chargeCents !== line.chargeCents) changed.push(`charge ${(line.chargeCents / 100).toFixed(2)} → ${(now.chargeCents / 100).toFixed(2)}`);
        const addOnsNow = now.addOnLines.map((a) => `${a.cptCode} ${(a.chargeCents / 100).toFixed(2)}`).join(", ");
        const addOnsBilled = line.addOnLines.map((a) => `${a.cptCode} ${(a.chargeCents / 100).toFixed(2)}`).join(", ");
        if (addOnsNow !== addOnsBilled) changed.push(`add-on lines ${addOnsBilled || "none"} → ${addOnsNow || "none"}`);
        if (now.diagnosisCodes.join(",") !== line.diagnosisCodes.join(",")) changed.push(`diagnoses ${line.diagnosisCodes.join(", ")} → ${now.diagnosisCodes.join(", ")}`);
        // A secondary line bills the member's secondary payer on purpose; today's decision names the primary.
        const primaryMemberId = line.payerSequence === "S" ? line.otherPayer?.memberId : undefined;
        if (primaryMemberId !== undefined ? now.memberId !== primaryMemberId : now.payerId !== line.payerId || now.memberId !== line.memberId) changed.push("payer or member id");
        if (changed.length > 0) found.push(`${who}: billed line differs from today's data (${changed.join("; ")}).`);
      }
      return found;
    });
  }

  async void(actor: Actor, id: string, meta: RequestMeta): Promise<ClaimBatchEntity> {
    if (!isUuid(id)) throw notFound("Claim batch");
    return this.db.inPractice(actor, async (manager) => {
      const batch = await manager.findOne(ClaimBatchEntity, { where: { id }, lock: { mode: "pessimistic_write" } });
      if (!batch) throw notFound("Claim batch");
      if (batch.voidedAt) throw conflict("This batch is already void");
      await manager.update(ClaimBatchEntity, { practiceId: actor.practiceId, id }, { voidedAt: new Date(), voidedBy: actor.userId });
      await manager.update(ClaimBatchLineEntity, { practiceId: actor.practiceId, batchId: id }, { voided: true });
      const voided = (await manager.findOneBy(ClaimBatchEntity, { id }))!;
      await writeAudit(manager, {
        practiceId: actor.practiceId,
        actorUserId: actor.userId,
        requestId: meta.requestId,
        action: "claimBatch.void",
        entityType: "ClaimBatch",
        entityId: id,
        changes: { voidedAt: { before: null, after: voided.voidedAt }, lineCount: { before: batch.lineCount, after: batch.lineCount } },
      });
      return voided;
    });
  }

  /**
   * The batch's claims as a file. Writing the 837P marks the batch sent (exported_at): from then on voiding it
   * leaves claims at the payer to replace or void. With voidClaims, a voided sent batch is written as void claims
   * (CLM05-3 = 8, REF*F8) for each line no later line replaces, in its own interchange (a control number of its
   * own, stamped when first written); once written, rebills of those lines are originals again.
   */
  async export(actor: Actor, given: ClaimBatchEntity, format: ExportFormat, options: { voidClaims?: boolean } = {}): Promise<string> {
    return this.db.inPractice(actor, async (manager) => {
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
      // Locked: the first export stamps the batch, and a void file takes its control number once.
      let batch = await manager.findOne(ClaimBatchEntity, { where: { id: given.id }, lock: { mode: "pessimistic_write" } });
      if (!batch) throw notFound("Claim batch");
      if (format === "X12_837P") assertValid(missingBillingFields(practice));
      let lines: ClaimBatchLineEntity[];
      let controlNumber = batch.controlNumber;
      let createdAt = batch.createdAt;
      if (options.voidClaims) {
        if (!batch.voidedAt) throw new DomainError(ErrorCode.BadUserInput, "Only a voided batch has void claims", [{ field: "voidClaims", message: "Void the batch first" }]);
        const [{ sent }] = await manager.query(`SELECT ${sentSql("b")} AS sent FROM claim_batches b WHERE b.id = $1`, [batch.id]);
        if (!sent) {
          throw new DomainError(ErrorCode.BadUserInput, "This batch was never sent (no 837P written, no remittance posted), so the payer holds no claims to void", [
            { field: "voidClaims", message: "Nothing to void at the payer" },
          ]);
        }
        lines = await linesToVoid(manager, batch.id);
        if (lines.length === 0) {
          throw new DomainError(ErrorCode.BadUserInput, "Every line of this batch was replaced by a later claim, so there is nothing left to void", [
            { field: "voidClaims", message: "Nothing to void at the payer" },
          ]);
        }
        if (batch.voidControlNumber === null) {
          // The practice row orders this against batches being made, which take numbers from the same sequence.
          await manager.findOne(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: PRACTICE_SERIAL_LOCK } });
          await manager.update(ClaimBatchEntity, { practiceId: actor.practiceId, id: batch.id }, {
            voidControlNumber: await nextControlNumber(manager, actor.practiceId),
            voidExportedAt: new Date(),
          });
          batch = (await manager.findOneBy(ClaimBatchEntity, { id: batch.id }))!;
        }
        controlNumber = batch.voidControlNumber!;
        createdAt = batch.voidExportedAt!;
      } else {
        lines = await manager.find(ClaimBatchLineEntity, { where: { batchId: batch.id }, order: { position: "ASC" } });
      }
      const originals = await originalReferences(manager, options.voidClaims ? lines.map((l) => l.id) : lines.flatMap((l) => (l.replacesLineId ? [l.replacesLineId] : [])));
      const frozen: FrozenBatch = {
        id: batch.id,
        createdAt,
        controlNumber,
        practice: {
          name: practice.name,
          npi: practice.npi,
          taxId: practice.taxId ?? "",
          taxonomyCode: practice.taxonomyCode ?? "",
          address: { line1: practice.addressLine1 ?? "", city: practice.addressCity ?? "", state: practice.addressState ?? "", zip: practice.addressZip ?? "" },
          phone: practice.phone ?? undefined,
        },
        submitter: { name: practice.submitterName ?? "", id: practice.submitterId ?? "", contactName: practice.submitterContactName ?? "", contactPhone: practice.phone ?? "" },
        receiver: { name: practice.clearinghouseName ?? "", id: practice.clearinghouseId ?? "" },
        usageIndicator: batch.usageIndicator,
        lines: lines.map((l) => ({
          lineId: l.id,
          patientControlNumber: l.patientControlNumber,
          serviceDate: l.serviceDate,
          client: {
            id: l.clientId,
            firstName: l.clientFirstName,
            lastName: l.clientLastName,
            dateOfBirth: l.clientDateOfBirth,
            gender: l.clientSex ? SEX_CODE[l.clientSex] : undefined,
            address: l.clientAddress ?? undefined,
          },
          relationship: l.subscriberRelationship,
          subscriber: l.subscriber ? frozenSubscriber(l.subscriber) : undefined,
          memberId: l.memberId,
          payer: { id: l.payerId, name: l.payerName, payerCode: l.payerCode, claimFilingCode: CLAIM_FILING_CODE[l.payerKind] },
          cptCode: l.cptCode,
          modifiers: l.modifiers,
          placeOfService: l.placeOfService,
          units: l.units,
          chargeCents: l.chargeCents,
          addOnLines: l.addOnLines.map((a) => ({ cptCode: a.cptCode, modifiers: a.modifiers, placeOfService: a.placeOfService, units: a.units, chargeCents: a.chargeCents })),
          diagnosisCodes: l.diagnosisCodes,
          renderingProvider: {
            name: l.renderingName,
            npi: l.renderingNpi,
            firstName: l.renderingFirstName ?? undefined,
            lastName: l.renderingLastName,
            taxonomyCode: l.renderingTaxonomyCode ?? undefined,
          },
          supervisedLeader: l.supervisedName && l.supervisedNpi ? { name: l.supervisedName, npi: l.supervisedNpi } : undefined,
          priorAuthorizationNumber: l.authorizationNumber ?? undefined,
          supervisingProvider:
            l.supervisorLastName && l.supervisorNpi ? { firstName: l.supervisorFirstName ?? undefined, lastName: l.supervisorLastName, npi: l.supervisorNpi } : undefined,
          ...correction(l, options.voidClaims === true, originals),
          payerSequence: l.payerSequence,
          otherPayer: l.otherPayer ?? undefined,
        })),
      };
      try {
        const file = format === "CSV" ? exportCsv(frozen) : exportX12_837P(frozen);
        if (format === "X12_837P" && !options.voidClaims && batch.exportedAt === null) {
          await manager.update(ClaimBatchEntity, { practiceId: actor.practiceId, id: batch.id }, { exportedAt: new Date() });
        }
        return file;
      } catch (error) {
        if (error instanceof ClaimExportError) throw unexportable(error.problems);
        throw error;
      }
    });
  }

  /** Copies everything a claim needs out of the live data as it is now. */
  private async freeze(
    manager: EntityManager,
    actor: Actor,
    batch: ClaimBatchEntity,
    ready: ClaimDecisionView[],
    firstPosition = 0,
  ): Promise<Partial<ClaimBatchLineEntity>[]> {
    const batchId = batch.id;
    const sessions = await manager.findBy(GroupSessionEntity, { id: In([...new Set(ready.map((d) => d.sessionId))]) });
    const clients = await manager.findBy(ClientEntity, { id: In([...new Set(ready.map((d) => d.clientId))]) });
    const payers = await manager.findBy(PayerEntity, { id: In([...new Set(ready.map((d) => d.payerId!))]) });
    const coverages = await manager.find(CoverageEntity, { where: { clientId: In([...new Set(ready.map((d) => d.clientId))]) }, order: { position: "ASC" } });
    const supervisorIds = sessions.flatMap((s) => (s.supervisorId ? [s.supervisorId] : []));
    const clinicianIds = new Set([
      ...ready.flatMap((d) => (d.supervisedClinicianId ? [d.renderingClinicianId, d.supervisedClinicianId] : [d.renderingClinicianId])),
      ...supervisorIds,
    ]);
    const clinicians = await manager.findBy(ClinicianEntity, { id: In([...clinicianIds]) });
    const sessionById = new Map(sessions.map((s) => [s.id, s]));
    const clientById = new Map(clients.map((c) => [c.id, c]));
    const payerById = new Map(payers.map((p) => [p.id, p]));
    const clinicianById = new Map(clinicians.map((c) => [c.id, c]));
    const coveragesByClient = groupBy(coverages, (c) => c.clientId);
    const replaced = await replaceableLines(manager, actor.practiceId, [...new Set(ready.map((d) => d.sessionId))]);
    return ready.map((d, index) => {
      const position = firstPosition + index;
      const session = sessionById.get(d.sessionId)!;
      const client = clientById.get(d.clientId)!;
      const payer = payerById.get(d.payerId!)!;
      const rendering = clinicianById.get(d.renderingClinicianId)!;
      const supervised = d.supervisedClinicianId ? clinicianById.get(d.supervisedClinicianId)! : null;
      // 2310D names a supervisor of someone else: when the supervisor renders for an unlicensed leader, the
      // TR3's "if not required, do not send" keeps them out of it (the leader is named in the claim's note).
      const supervisor = session.supervisorId && session.supervisorId !== rendering.id ? clinicianById.get(session.supervisorId)! : null;
      // The coverage the engine billed: the primary in force with this payer and member id.
      const coverage = (coveragesByClient.get(d.clientId) ?? []).find((c) => c.payerId === d.payerId && c.memberId === d.memberId && c.priority === "PRIMARY" && c.effectiveFrom <= d.serviceDate && (c.effectiveTo === null || c.effectiveTo >= d.serviceDate))!;
      return {
        practiceId: actor.practiceId,
        id: randomUUID(),
        batchId,
        decisionId: d.id,
        sessionId: d.sessionId,
        clientId: d.clientId,
        voided: false,
        position,
        patientControlNumber: patientControlNumber(batch.controlNumber, position),
        serviceDate: d.serviceDate,
        sessionStartsAt: session.startsAt,
        clientFirstName: client.firstName,
        clientLastName: client.lastName,
        clientDateOfBirth: client.dateOfBirth,
        clientSex: client.sex,
        clientAddress: clientAddressOf(client),
        subscriberRelationship: coverage.relationship,
        subscriber: subscriberOf(coverage),
        memberId: d.memberId!,
        payerId: payer.id,
        payerName: payer.name,
        payerCode: payer.payerCode,
        payerKind: payer.kind,
        ruleVersionId: d.ruleVersionId!,
        cptCode: d.cptCode,
        modifiers: d.modifiers,
        placeOfService: d.placeOfService,
        units: d.units,
        chargeCents: d.chargeCents,
        addOnLines: d.addOnLines,
        addOnChargeCents: addOnChargeOf(d),
        diagnosisCodes: d.diagnosisCodes,
        renderingClinicianId: rendering.id,
        renderingName: rendering.name,
        renderingNpi: rendering.npi,
        renderingFirstName: rendering.firstName,
        renderingLastName: rendering.lastName,
        renderingTaxonomyCode: rendering.taxonomyCode,
        supervisorClinicianId: supervisor?.id ?? null,
        supervisorFirstName: supervisor?.firstName ?? null,
        supervisorLastName: supervisor?.lastName ?? null,
        supervisorNpi: supervisor?.npi ?? null,
        supervisedClinicianId: supervised?.id ?? null,
        supervisedName: supervised?.name ?? null,
        supervisedNpi: supervised?.npi ?? null,
        authorizationId: d.authorizationId,
        authorizationNumber: d.authorizationNumber,
        issues: d.issues,
        ...(() => {
          const replacesLineId = replaced.get(`${d.sessionId}:${d.clientId}:${d.payerId}`) ?? null;
          return { replacesLineId, frequencyCode: replacesLineId ? ("7" as const) : ("1" as const) };
        })(),
      };
    });
  }
}

/**
 * MISSING_FEE already blocks a $0 line; the charge test here keeps one out of a batch even if a future rule change
 * let it through, since a frozen line cannot be taken back without voiding.
 */
const BILLABLE_READY = `status = 'READY' AND (decision->>'chargeCents')::int > 0`;

/** The READY lines a batch of the range takes: how many, and their claims' total (stored charge_cents includes add-on lines). */
async function readyTotals(manager: EntityManager, practiceId: string, range: { from: string; to: string }, payerId: string | null): Promise<{ lines: number; chargeCents: number }> {
  const [row]: { lines: number; charge_cents: string }[] = await manager.query(
    `SELECT count(*)::int AS lines, coalesce(sum(charge_cents), 0)::bigint AS charge_cents FROM claim_decisions
     WHERE practice_id = $1 AND session_date BETWEEN $2::date AND $3::date AND ${BILLABLE_READY} AND ($4::uuid IS NULL OR payer_id = $4::uuid)`,
    [practiceId, range.from, range.to, payerId],
  );
  return { lines: row.lines, chargeCents: Number(row.charge_cents) };
}

async function readyLines(manager: EntityManager, practiceId: string, range: { from: string; to: string }, payerId: string | null): Promise<ClaimDecisionView[]> {
  return (await readStoredOnDates(manager, practiceId, range, { status: "READY", payerId })).filter((d) => d.chargeCents > 0);
}

/** The range cut at month ends, in order. */
function monthsOf(range: { from: string; to: string }): { from: string; to: string }[] {
  const months: { from: string; to: string }[] = [];
  for (let from = range.from; from <= range.to; from = addDays(monthEndOf(from), 1)) {
    const end = monthEndOf(from);
    months.push({ from, to: end < range.to ? end : range.to });
  }
  return months;
}

/**
 * A void claim keeps the original's patient control number: the payer's answer to it (an 835 reversal) then
 * posts on the line it voids. A replacement is a line of its own with its own number, linked by REF*F8.
 */
function correction(
  line: ClaimBatchLineEntity,
  voiding: boolean,
  originals: Map<string, { pcn: string; payerClaimNumber?: string }>,
): Pick<FrozenClaimLine, "frequencyCode" | "originalPayerClaimNumber" | "originalPatientControlNumber"> {
  if (voiding) {
    const original = originals.get(line.id);
    return { frequencyCode: "8", originalPatientControlNumber: line.patientControlNumber, originalPayerClaimNumber: original?.payerClaimNumber };
  }
  if (!line.replacesLineId) return { frequencyCode: "1" };
  const original = originals.get(line.replacesLineId);
  return { frequencyCode: "7", originalPatientControlNumber: original?.pcn, originalPayerClaimNumber: original?.payerClaimNumber };
}

/**
 * SQL for "the payer may hold this batch's claims": its 837P was written, or the payer answered for one of its
 * lines (a remittance posting, which also covers claims sent before exports were recorded).
 */
function sentSql(batch: string): string {
  return `(${batch}.exported_at IS NOT NULL OR EXISTS (
    SELECT 1 FROM claim_batch_lines sl JOIN remittance_claims rc ON rc.practice_id = sl.practice_id AND rc.line_id = sl.id
    WHERE sl.practice_id = ${batch}.practice_id AND sl.batch_id = ${batch}.id))`;
}

/**
 * A voided line (its whole batch voided, or the line alone when it was corrected and rebilled from the denial work
 * list) still stands at the payer when its batch was sent and its void file was not written yet, unless
 * a line already replaces it there (a live replacement, or one that was itself sent). Rebilling the same member,
 * session and payer replaces the latest such line (CLM05-3 = 7) instead of sending a duplicate original.
 * Keyed "session:client:payer"; a change of payer is a new original, and the old claim is voided by the void file.
 */
async function replaceableLines(manager: EntityManager, practiceId: string, sessionIds: string[]): Promise<Map<string, string>> {
  const rows: { id: string; session_id: string; client_id: string; payer_id: string }[] = await manager.query(
    `SELECT DISTINCT ON (l.session_id, l.client_id, l.payer_id) l.id, l.session_id, l.client_id, l.payer_id
       FROM claim_batch_lines l JOIN claim_batches b ON b.practice_id = l.practice_id AND b.id = l.batch_id
      WHERE l.practice_id = $1 AND l.session_id = ANY($2) AND l.payer_sequence = 'P' AND l.voided AND b.void_exported_at IS NULL AND ${sentSql("b")}
        AND NOT EXISTS (
          SELECT 1 FROM claim_batch_lines m JOIN claim_batches mb ON mb.practice_id = m.practice_id AND mb.id = m.batch_id
           WHERE m.practice_id = l.practice_id AND m.replaces_line_id = l.id AND (mb.voided_at IS NULL OR ${sentSql("mb")}))
      ORDER BY l.session_id, l.client_id, l.payer_id, b.control_number DESC`,
    [practiceId, sessionIds],
  );
  return new Map(rows.map((r) => [`${r.session_id}:${r.client_id}:${r.payer_id}`, r.id]));
}

/** The lines of a voided sent batch that still stand at the payer: those no live or sent line replaces. */
async function linesToVoid(manager: EntityManager, batchId: string): Promise<ClaimBatchLineEntity[]> {
  const lines = await manager.find(ClaimBatchLineEntity, { where: { batchId }, order: { position: "ASC" } });
  const replacedRows: { replaces_line_id: string }[] = await manager.query(
    `SELECT m.replaces_line_id FROM claim_batch_lines m JOIN claim_batches mb ON mb.practice_id = m.practice_id AND mb.id = m.batch_id
      WHERE m.replaces_line_id = ANY($1) AND (mb.voided_at IS NULL OR ${sentSql("mb")})`,
    [lines.map((l) => l.id)],
  );
  const replaced = new Set(replacedRows.map((r) => r.replaces_line_id));
  return lines.filter((l) => !replaced.has(l.id));
}

/**
 * For replaced or voided lines: their patient control number and the payer's claim control number (CLP07) of
 * the claim they stand for: their own latest one, else the one of the claim they replaced, and so on back.
 */
async function originalReferences(manager: EntityManager, lineIds: string[]): Promise<Map<string, { pcn: string; payerClaimNumber?: string }>> {
  if (lineIds.length === 0) return new Map();
  const pcns: { id: string; pcn: string }[] = await manager.query(`SELECT id, patient_control_number AS pcn FROM claim_batch_lines WHERE id = ANY($1)`, [lineIds]);
  const icns: { start_id: string; icn: string }[] = await manager.query(
    `WITH RECURSIVE chain (start_id, line_id, depth) AS (
        SELECT id, id, 0 FROM claim_batch_lines WHERE id = ANY($1)
        UNION ALL
        SELECT c.start_id, l.replaces_line_id, c.depth + 1 FROM chain c JOIN claim_batch_lines l ON l.id = c.line_id WHERE l.replaces_line_id IS NOT NULL
      )
      SELECT DISTINCT ON (c.start_id) c.start_id, rc.payer_claim_control_number AS icn
        FROM chain c JOIN remittance_claims rc ON rc.line_id = c.line_id AND rc.payer_claim_control_number IS NOT NULL
       ORDER BY c.start_id, c.depth, rc.posted_at DESC, rc.position DESC`,
    [lineIds],
  );
  const icnOf = new Map(icns.map((r) => [r.start_id, r.icn]));
  return new Map(pcns.map((r) => [r.id, { pcn: r.pcn, payerClaimNumber: icnOf.get(r.id) }]));
}

/** Batches and void files share the practice's interchange control numbers, so no two files carry the same ISA13. */
async function nextControlNumber(manager: EntityManager, practiceId: string): Promise<number> {
  const [{ next }] = await manager.query(
    `SELECT GREATEST(COALESCE(MAX(control_number), 0), COALESCE(MAX(void_control_number), 0)) + 1 AS next FROM claim_batches WHERE practice_id = $1`,
    [practiceId],
  );
  return Number(next);
}

/**
 * CLM01, which the payer echoes in the 835 (CLP01) and the 277: B<batch control number>L<position>. The
 * control number is unique in the practice and the position in the batch, so the pair is too (a unique index
 * holds it), and at most 1 + 9 + 1 + 9 characters it stays within the 20 that many payers keep.
 */
export function patientControlNumber(batchControlNumber: number, position: number): string {
  return `B${batchControlNumber}L${position + 1}`;
}

function frozenSubscriber(s: SubscriberFacts) {
  return { firstName: s.firstName, lastName: s.lastName, dateOfBirth: s.dateOfBirth, gender: SEX_CODE[s.sex], address: s.address };
}

/**
 * Where the practice-level values of a frozen batch come from: they are read at export time, so correcting
 * them with updatePractice and exporting again is enough.
 */
const PRACTICE_SOURCES: Record<string, string> = {
  "practice.name": "practice.name",
  "practice.npi": "practice.npi",
  "practice.taxId": "practice.taxId",
  "practice.taxonomyCode": "practice.taxonomyCode",
  "practice.address.line1": "practice.addressLine1",
  "practice.address.city": "practice.addressCity",
  "practice.address.state": "practice.addressState",
  "practice.address.zip": "practice.addressZip",
  "submitter.name": "practice.submitterName",
  "submitter.contactName": "practice.submitterContactName",
  "submitter.id": "practice.submitterId",
  "submitter.contactPhone": "practice.phone",
  "receiver.name": "practice.clearinghouseName",
  "receiver.id": "practice.clearinghouseId",
};

/** Line values were frozen when the batch was made, so they are corrected at their source and billed anew. */
function lineRemedy(field: string): string {
  const source = field.includes(".memberId")
    ? "the member ID on the client's coverage"
    : field.includes(".client.")
      ? "the client"
      : field.includes(".payer.")
        ? "the payer"
        : field.includes(".renderingProvider.")
          ? "the session leader (clinician)"
          : "the line's data";
  return `Void this batch, correct ${source}, and bill the line again.`;
}

/**
 * Data stored before input validation existed can make a batch unwritable; that is the user's to correct,
 * not a server failure, so the answer names every offending value where the user can fix it.
 */
function unexportable(problems: readonly ExportProblem[]): DomainError {
  const fields: FieldError[] = [];
  for (const p of problems) {
    const practiceField = PRACTICE_SOURCES[p.field];
    const field = practiceField ?? p.field;
    if (fields.some((f) => f.field === field)) continue;
    const remedy = practiceField ? "Correct it in the practice's billing details (updatePractice) and export again." : p.field.startsWith("lines[") ? lineRemedy(p.field) : "";
    fields.push({ field, message: remedy ? `${p.message}. ${remedy}` : p.message });
  }
  const summary =
    fields.length === 1
      ? `This batch cannot be written as a claim file: ${fields[0].message}`
      : `This batch cannot be written as a claim file: ${fields.length} values must be corrected first (${fields.map((f) => f.field).join(", ")})`;
  return new DomainError(ErrorCode.BadUserInput, summary, fields);
}

/**
 * What a batch needs from the practice beyond sign-up: the billing provider's details and the clearinghouse
 * settings that address the file. Asked for by name so the form can point at it; checked when a batch is
 * made and again when it is written (they are read then, and may have been cleared since).
 */
export function missingBillingFields(practice: PracticeEntity): FieldError[] {
  const required: [keyof PracticeEntity, string][] = [
    ["taxId", "Tax id (EIN) is needed for claims"],
    ["taxonomyCode", "Billing taxonomy code is needed for 837P"],
    ["addressLine1", "Street address (no PO box) is needed for 837P"],
    ["addressCity", "City is needed for 837P"],
    ["addressState", "State is needed for 837P"],
    ["addressZip", "ZIP+4 is needed for 837P"],
    ["phone", "Billing contact phone is needed for 837P"],
    ["submitterId", "Submitter id (ISA06) from the clearinghouse is needed for 837P"],
    ["submitterName", "Submitter name (1000A) is needed for 837P"],
    ["submitterContactName", "Billing contact name (1000A PER) is needed for 837P"],
    ["clearinghouseId", "Clearinghouse receiver id (ISA08) is needed for 837P"],
    ["clearinghouseName", "Clearinghouse name (1000B) is needed for 837P"],
    ["x12UsageIndicator", "Usage indicator (ISA15: T test, P production) is needed for 837P"],
  ];
  const missing = required.filter(([field]) => !practice[field]).map(([field, message]) => ({ field: `practice.${field}`, message }));
  // A 5-digit ZIP stored before ZIP+4 was required at input.
  if (practice.addressZip && !/^\d{9}$/.test(practice.addressZip)) {
    missing.push({ field: "practice.addressZip", message: "ZIP+4 (9 digits) is needed for the 837P billing provider" });
  }
  return missing;
}
