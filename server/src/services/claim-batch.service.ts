import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { ClaimExportError, exportCsv, exportX12_837P, type ExportProblem, type FrozenBatch } from "../domain/export/index.js";
import type { Sex, SubscriberFacts } from "../domain/engine/index.js";
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
import { writeAudit } from "./audit.js";
import { validateRange, type ClaimDecisionView } from "./claim.service.js";
import type { Database } from "./database.js";
import { readStoredOnDates, refreshDecisions } from "./decision-store.js";
import { isUniqueViolation } from "./db-errors.js";
import { isUuid } from "./ids.js";
import { clientAddressOf, subscriberOf } from "./registration-facts.js";
import type { Actor, RequestMeta } from "./request-context.js";

export interface CreateClaimBatchInput {
  from: string;
  to: string;
  payerId?: string | null;
  idempotencyKey: string;
}

export type ExportFormat = "CSV" | "X12_837P";

/** About 50 columns a line: 1,000 rows stay under PostgreSQL's 65,535 bind parameters per statement. */
const LINES_PER_INSERT = 1_000;

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
        const practice = await manager.findOne(PracticeEntity, { where: { id: actor.practiceId }, lock: { mode: "pessimistic_write" } });
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
        // MISSING_FEE already blocks a $0 line; the charge test here keeps one out of a batch even if a
        // future rule change let it through, since a frozen line cannot be taken back without voiding.
        const ready = (await readStoredOnDates(manager, actor.practiceId, { from: input.from, to: input.to }, { status: "READY", payerId })).filter((d) => d.chargeCents > 0);
        if (ready.length === 0) {
          throw new DomainError(ErrorCode.BadUserInput, "There are no READY lines in this range to bill", [
            { field: "to", message: "No READY lines between these dates" + (payerId ? " for this payer" : "") },
          ]);
        }
        const [{ next }] = await manager.query(`SELECT COALESCE(MAX(control_number), 0) + 1 AS next FROM claim_batches WHERE practice_id = $1`, [actor.practiceId]);
        const batch = manager.create(ClaimBatchEntity, {
          practiceId: actor.practiceId,
          id: randomUUID(),
          idempotencyKey: key,
          controlNumber: Number(next),
          from: input.from,
          to: input.to,
          payerId,
          lineCount: ready.length,
          totalChargeCents: ready.reduce((sum, d) => sum + d.chargeCents, 0),
          createdBy: actor.userId,
          voidedAt: null,
          voidedBy: null,
          usageIndicator: practice.x12UsageIndicator!,
        });
        await manager.insert(ClaimBatchEntity, batch);
        const lines = await this.freeze(manager, actor, batch, ready);
        // One INSERT binds every column of every row, and PostgreSQL takes at most 65,535 parameters per
        // statement: a month of a large practice is thousands of lines, so they go in chunks, in this transaction.
        for (let start = 0; start < lines.length; start += LINES_PER_INSERT) {
          await manager.insert(ClaimBatchLineEntity, lines.slice(start, start + LINES_PER_INSERT));
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
   * Where today's data no longer supports what a live batch billed: the member is no longer marked present,
   * the line would now be blocked, or its contents would differ. A biller voids and rebills to correct it.
   */
  async discrepancies(actor: Actor, batch: ClaimBatchEntity): Promise<string[]> {
    if (batch.voidedAt) return [];
    return this.db.inPractice(actor, async (manager) => {
      const lines = await manager.find(ClaimBatchLineEntity, { where: { batchId: batch.id }, order: { position: "ASC" } });
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
        if (now.diagnosisCodes.join(",") !== line.diagnosisCodes.join(",")) changed.push(`diagnoses ${line.diagnosisCodes.join(", ")} → ${now.diagnosisCodes.join(", ")}`);
        if (now.payerId !== line.payerId || now.memberId !== line.memberId) changed.push("payer or member id");
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

  async export(actor: Actor, batch: ClaimBatchEntity, format: ExportFormat): Promise<string> {
    return this.db.inPractice(actor, async (manager) => {
      const practice = await manager.findOneByOrFail(PracticeEntity, { id: actor.practiceId });
      const lines = await manager.find(ClaimBatchLineEntity, { where: { batchId: batch.id }, order: { position: "ASC" } });
      if (format === "X12_837P") assertValid(missingBillingFields(practice));
      const frozen: FrozenBatch = {
        id: batch.id,
        createdAt: batch.createdAt,
        controlNumber: batch.controlNumber,
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
        })),
      };
      try {
        return format === "CSV" ? exportCsv(frozen) : exportX12_837P(frozen);
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
    return ready.map((d, position) => {
      const session = sessionById.get(d.sessionId)!;
      const client = clientById.get(d.clientId)!;
      const payer = payerById.get(d.payerId!)!;
      const rendering = clinicianById.get(d.renderingClinicianId)!;
      const supervised = d.supervisedClinicianId ? clinicianById.get(d.supervisedClinicianId)! : null;
      // 2310D names a supervisor of someone else: when the supervisor renders for an unlicensed leader, the
      // TR3's "if not required, do not send" keeps them out of it (the leader is named in the claim's note).
      const supervisor = session.supervisorId && session.supervisorId !== rendering.id ? clinicianById.get(session.supervisorId)! : null;
      // The coverage the engine billed: the primary in force with this payer and member id.
      const coverage = coverages.find((c) => c.clientId === d.clientId && c.payerId === d.payerId && c.memberId === d.memberId && c.priority === "PRIMARY" && c.effectiveFrom <= d.serviceDate && (c.effectiveTo === null || c.effectiveTo >= d.serviceDate))!;
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
      };
    });
  }
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
