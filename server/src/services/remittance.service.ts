import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { ClaimIssue } from "../domain/engine/index.js";
import {
  describeCarc,
  describePlbReason,
  describeRarc,
  formatCents,
  MAX_835_CHARACTERS,
  parse835,
  paymentKeys,
  preventionFor,
  remittanceFieldErrors,
  settleClaim,
  CLAIM_STATUS_REVERSAL,
  type ClaimOutcome,
  type DenialPrevention,
  type Remittance835,
} from "../domain/remittance/index.js";
import { validateText } from "../domain/validation/index.js";
import { DomainError, ErrorCode, assertValid, conflict, notFound, type FieldError } from "../errors/domain-error.js";
import { writeAudit } from "./audit.js";
import type { Database } from "./database.js";
import { isUniqueViolation } from "./db-errors.js";
import { isUuid } from "./ids.js";
import { practiceToday } from "./practice-clock.js";
import type { Actor, RequestMeta } from "./request-context.js";
import { insertRecords, type RecordColumn } from "../db/insert-records.js";
import { groupBy } from "./group-by.js";

const PAYMENT_COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"], ["remittance_id", "uuid"], ["position", "integer"], ["trace_key", "text"], ["control_key", "text"], ["trace_number", "text"], ["payer_name", "text"],
  ["payer_identifier", "text"], ["payee_name", "text"], ["payee_npi", "text"], ["payment_cents", "bigint"], ["credit_debit", "text"], ["payment_method", "text"], ["payment_date", "date"],
];
const PROVIDER_ADJUSTMENT_COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"], ["remittance_id", "uuid"], ["payment_id", "uuid"], ["position", "integer"], ["segment_position", "integer"], ["provider_id", "text"],
  ["fiscal_period_date", "date"], ["reason_code", "text"], ["reference_id", "text"], ["amount_cents", "bigint"],
];
const CLAIM_COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"], ["remittance_id", "uuid"], ["payment_id", "uuid"], ["line_id", "uuid"], ["position", "integer"], ["patient_control_number", "text"], ["status_code", "text"],
  ["outcome", "text"], ["charge_cents", "bigint"], ["paid_cents", "bigint"], ["patient_responsibility_cents", "bigint"], ["denied_cents", "bigint"],
  ["payer_claim_control_number", "text"], ["billed_charge_cents", "bigint"], ["charge_warning", "text"], ["service_line_count", "integer"],
];
const SERVICE_LINE_COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"], ["claim_id", "uuid"], ["line_index", "integer"], ["segment_position", "integer"], ["procedure_qualifier", "text"], ["procedure_code", "text"],
  ["modifiers", "text[]"], ["original_procedure_qualifier", "text"], ["original_procedure_code", "text"], ["original_modifiers", "text[]"], ["charge_cents", "bigint"],
  ["paid_cents", "bigint"], ["denied_cents", "bigint"], ["outcome", "text"], ["units_paid", "numeric"], ["original_units", "numeric"], ["revenue_code", "text"],
  ["service_date", "date"], ["service_end_date", "date"], ["line_control_number", "text"],
];
const ADJUSTMENT_COLUMNS: readonly RecordColumn[] = [
  ["id", "uuid"], ["claim_id", "uuid"], ["position", "integer"], ["level", "text"], ["service_line_index", "integer"], ["group_code", "text"], ["reason_code", "text"],
  ["amount_cents", "bigint"], ["quantity", "numeric"], ["kind", "text"],
];
const REMARK_COLUMNS: readonly RecordColumn[] = [["id", "uuid"], ["claim_id", "uuid"], ["position", "integer"], ["level", "text"], ["service_line_index", "integer"], ["code", "text"]];

export interface ImportRemittanceInput {
  text: string;
  fileName?: string | null;
}

export interface RemittanceView {
  id: string;
  fileName: string | null;
  interchangeControlNumber: string;
  senderId: string;
  usageIndicator: string;
  importedAt: Date;
  /** True when this answer is an earlier import of the same payments: nothing was posted this time. */
  alreadyImported: boolean;
}

export interface RemittancePaymentView {
  id: string;
  traceNumber: string;
  payerName: string;
  payerIdentifier: string | null;
  payeeName: string;
  payeeNpi: string | null;
  paymentCents: number;
  creditDebit: string;
  paymentMethod: string;
  paymentDate: string;
  /** PLB: what the payer held back (positive) or added (negative) for the payment as a whole. */
  providerAdjustments: ProviderAdjustmentView[];
}

export interface ProviderAdjustmentView {
  /** PLB01 */
  providerId: string;
  /** PLB02 */
  fiscalPeriodDate: string;
  reasonCode: string;
  description: string;
  referenceId: string | null;
  amountCents: number;
  /** The PLB segment's place in the file. */
  segmentPosition: number;
}

export interface PostingAdjustmentView {
  level: string;
  serviceLineIndex: number | null;
  group: string;
  reasonCode: string;
  amountCents: number;
  quantity: number | null;
  kind: string;
  description: string;
}

export interface PostingRemarkView {
  level: string;
  serviceLineIndex: number | null;
  code: string;
  description: string;
}

/** A procedure as an SVC names it (SVC01, or SVC06 for the one billed). */
export interface RemittanceProcedureView {
  qualifier: string;
  code: string;
  modifiers: string[];
}

/** One SVC of a posting: what the payer decided for that procedure, with the line's own CAS and LQ. */
export interface ServiceLineView {
  /** 0-based place in the claim; the serviceLineIndex of its adjustments and remarks. */
  index: number;
  segmentPosition: number;
  procedure: RemittanceProcedureView;
  /** SVC06, when the payer adjudicated a different procedure than the one billed. */
  originalProcedure: RemittanceProcedureView | null;
  chargeCents: number;
  paidCents: number;
  deniedCents: number;
  outcome: ClaimOutcome;
  unitsPaid: number;
  originalUnits: number | null;
  revenueCode: string | null;
  serviceDate: string | null;
  serviceEndDate: string | null;
  lineControlNumber: string | null;
  adjustments: PostingAdjustmentView[];
  remarks: PostingRemarkView[];
}

/** One CLP as posted on the billed line it named. */
export interface PostingView {
  id: string;
  remittanceId: string;
  lineId: string;
  patientControlNumber: string;
  statusCode: string;
  outcome: ClaimOutcome;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  deniedCents: number;
  payerClaimControlNumber: string | null;
  /** What GroupBill billed for the line, as it stood when this was posted (null for postings made before it was kept). */
  billedChargeCents: number | null;
  /** Set when the payer's CLP03 differs from what was billed: posted anyway, but worth a look. */
  chargeWarning: string | null;
  postedAt: Date;
  adjustments: PostingAdjustmentView[];
  remarks: PostingRemarkView[];
  /** Its SVC lines in file order; null on postings made before they were kept (the file itself is kept). */
  serviceLines: ServiceLineView[] | null;
  /** The billed line, for lists that show who and when. */
  serviceDate: string;
  clientName: string;
  payerId: string;
  payerName: string;
}

export interface DenialActionView {
  kind: "WRITE_OFF" | "APPEAL_NOTE";
  note: string;
  amountCents: number;
  createdAt: Date;
}

/** The replacement claim (CLM05-3 = 7) a denied line was corrected and rebilled as. */
export interface RebillView {
  lineId: string;
  patientControlNumber: string;
  batchControlNumber: number;
  rebilledAt: Date;
}

/** A billed line's remittance story: the latest posting decides its state; history keeps every one. */
export interface LineRemittanceView {
  lineId: string;
  latest: PostingView;
  history: PostingView[];
  openBalanceCents: number;
  writtenOff: boolean;
  actions: DenialActionView[];
  /** The live replacement claim, once the line was corrected and rebilled: its balance is then expected there. */
  rebill: RebillView | null;
}

export interface DenialFilter {
  payerId?: string | null;
  reasonCode?: string | null;
  minAgeDays?: number | null;
  minAmountCents?: number | null;
  status?: ClaimOutcome | null;
  /** Lines already written off (balance zero) are left out unless this is false. */
  openOnly?: boolean | null;
}

export interface DenialItemView extends LineRemittanceView {
  /** Days from the service date to the practice's today. */
  ageDays: number;
  reasonCodes: string[];
  /** What can be done about it: CORRECT_AND_REBILL, WRITE_OFF, APPEAL_NOTE. */
  availableActions: string[];
}

export interface RemittanceTotalView {
  payerId: string;
  payerName: string;
  /** YYYY-MM of the service dates. */
  month: string;
  billedCents: number;
  paidCents: number;
  deniedCents: number;
  outstandingCents: number;
}

export interface DenialReasonView {
  reasonCode: string;
  description: string;
  prevented: boolean;
  count: number;
  deniedCents: number;
  prevention: DenialPrevention | null;
}

export interface DenialReportView {
  payerId: string;
  payerName: string;
  preventedCount: number;
  preventedCents: number;
  missedCount: number;
  missedCents: number;
  reasons: DenialReasonView[];
}

const MAX_FILE_NAME = 255;
const OPEN_OUTCOMES: readonly ClaimOutcome[] = ["DENIED", "PARTIALLY_PAID"];

export class RemittanceService {
  constructor(private readonly db: Database) {}

  /**
   * Posts an 835: every payment and every CLP, or nothing. The same payment (payer + TRN02, or sender + ISA13 +
   * GS06 + ST02) imported again posts nothing and answers the earlier import with `alreadyImported`; a file
   * that mixes posted and new payments is refused as a CONFLICT, since posting half of it would hide which
   * half was new.
   */
  async import(actor: Actor, input: ImportRemittanceInput, meta: RequestMeta): Promise<RemittanceView> {
    const text = input.text ?? "";
    const fileName = input.fileName?.trim() || null;
    const errors: FieldError[] = [...validateText(text, "text", { required: true, max: MAX_835_CHARACTERS }), ...validateText(fileName, "fileName", { max: MAX_FILE_NAME })];
    assertValid(errors);
    const parsed = parse835(text);
    if (!parsed.ok) {
      throw new DomainError(ErrorCode.BadUserInput, `The file was not imported (nothing was posted): ${parsed.problems[0]!.message}`, remittanceFieldErrors(parsed.problems, "text"));
    }
    const remittance = parsed.remittance;
    // The same money twice in one file cannot be posted twice, nor told apart from a re-sent payment.
    const keys = remittance.payments.map((p) => paymentKeys(remittance, p));
    const repeated = remittance.payments.find(
      (_, i) => keys.findIndex((k) => k.traceKey === keys[i]!.traceKey) !== i || keys.findIndex((k) => k.controlKey === keys[i]!.controlKey) !== i,
    );
    if (repeated) {
      const message = `TRN at payment ${remittance.payments.indexOf(repeated) + 1}: trace number ${repeated.trace.traceNumber} (TRN02) or control number ${repeated.transactionControlNumber} (ST02) appears twice in this file`;
      throw new DomainError(ErrorCode.BadUserInput, `The file was not imported (nothing was posted): ${message}`, [{ field: "text", message }]);
    }
    try {
      return await this.db.inPractice(actor, (manager) => this.post(manager, actor, remittance, text, fileName, meta));
    } catch (error) {
      // Another import of the same payment committed first: answer as the repeat it now is.
      if (isUniqueViolation(error, "remittance_payments_trace_key") || isUniqueViolation(error, "remittance_payments_control_key")) return this.import(actor, input, meta);
      throw error;
    }
  }

  private async post(manager: EntityManager, actor: Actor, r: Remittance835, text: string, fileName: string | null, meta: RequestMeta): Promise<RemittanceView> {
    // One import at a time per practice: a reversal must see the posting it reverses. NO KEY, so foreign keys to the
    // practice (the background refresh's decision rows) still pass while an import runs.
    await manager.query(`SELECT id FROM practices WHERE id = $1 FOR NO KEY UPDATE`, [actor.practiceId]);
    const keyed = r.payments.map((payment) => ({ payment, keys: paymentKeys(r, payment) }));
    const seen: { remittance_id: string; trace_key: string; control_key: string }[] = await manager.query(
      `SELECT remittance_id, trace_key, control_key FROM remittance_payments WHERE trace_key = ANY($1) OR control_key = ANY($2)`,
      [keyed.map((k) => k.keys.traceKey), keyed.map((k) => k.keys.controlKey)],
    );
    if (seen.length > 0) {
      const posted = keyed.filter((k) => seen.some((s) => s.trace_key === k.keys.traceKey || s.control_key === k.keys.controlKey));
      const earlier = [...new Set(seen.map((s) => s.remittance_id))];
      if (posted.length === keyed.length) {
        // Re-sent money can arrive regrouped; the first import that posted any of it answers.
        const [first] = await manager.query(`SELECT id FROM remittances WHERE id = ANY($1) ORDER BY imported_at, id LIMIT 1`, [earlier]);
        return { ...(await this.find(manager, first.id))!, alreadyImported: true };
      }
      throw conflict(
        `Payment ${posted.map((k) => k.payment.trace.traceNumber).join(", ")} (TRN02) of this file was already posted by an earlier import, and the file also holds payments that were not; nothing was posted. Import the new payments in a file of their own.`,
      );
    }

    const claims = keyed.flatMap(({ payment }) => payment.claims);
    const pcns = [...new Set(claims.map((c) => c.patientControlNumber))];
    const lines: { id: string; patient_control_number: string; charge_cents: number }[] = await manager.query(
      // A claim was billed for its 90853 line and its add-on lines together, as CLM02 said.
      `SELECT id, patient_control_number, charge_cents + add_on_charge_cents AS charge_cents FROM claim_batch_lines WHERE patient_control_number = ANY($1)`,
      [pcns],
    );
    const lineByPcn = new Map(lines.map((l) => [l.patient_control_number, l]));
    const unknown = claims.filter((c) => !lineByPcn.has(c.patientControlNumber));
    if (unknown.length > 0) {
      throw new DomainError(
        ErrorCode.BadUserInput,
        `The file was not imported (nothing was posted): ${unknown.length} claim(s) match no billed line of this practice, first CLP at segment ${unknown[0]!.position} with patient control number ${unknown[0]!.patientControlNumber}`,
        unknown.map((c) => ({ field: "text", message: `CLP at segment ${c.position}: patient control number ${c.patientControlNumber} (CLP01) matches no billed line of this practice` })),
      );
    }
    // A reversal takes back an earlier posting: one must exist, in the database or earlier in this file.
    const everPosted = new Set<string>(
      (await manager.query(`SELECT DISTINCT line_id FROM remittance_claims WHERE line_id = ANY($1)`, [lines.map((l) => l.id)])).map((row: { line_id: string }) => row.line_id),
    );
    const orphanReversals: FieldError[] = [];
    for (const claim of claims) {
      const lineId = lineByPcn.get(claim.patientControlNumber)!.id;
      if (claim.statusCode === CLAIM_STATUS_REVERSAL && !everPosted.has(lineId)) {
        orphanReversals.push({ field: "text", message: `CLP at segment ${claim.position}: reversal (CLP02 22) of ${claim.patientControlNumber}, which has no payment posted to reverse` });
      }
      everPosted.add(lineId);
    }
    if (orphanReversals.length > 0) throw new DomainError(ErrorCode.BadUserInput, `The file was not imported (nothing was posted): ${orphanReversals[0]!.message}`, orphanReversals);

    const remittanceId = randomUUID();
    await manager.query(
      `INSERT INTO remittances (practice_id, id, file_name, file_text, interchange_control_number, sender_id, usage_indicator, imported_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.practiceId, remittanceId, fileName, text, r.interchangeControlNumber, `${r.senderQualifier}:${r.senderId}`, r.usageIndicator, actor.userId],
    );
    const outcomes: Record<string, number> = {};
    const warnings: string[] = [];
    let paidCents = 0;
    // Every row of the file first, then a few statements per table (insertRecords): a statement per claim made a
    // month's 835 cost seconds inside the import's transaction.
    const paymentRows: Record<string, unknown>[] = [];
    const providerAdjustmentRows: Record<string, unknown>[] = [];
    const claimRows: Record<string, unknown>[] = [];
    const adjustmentRows: Record<string, unknown>[] = [];
    const remarkRows: Record<string, unknown>[] = [];
    const serviceLineRows: Record<string, unknown>[] = [];
    for (const [paymentIndex, { payment, keys }] of keyed.entries()) {
      const paymentId = randomUUID();
      const payerIdentifier = payment.payer.additionalIds.find((a) => a.qualifier === "2U")?.value ?? payment.payer.id ?? payment.trace.originatorId;
      paymentRows.push({
        id: paymentId, remittance_id: remittanceId, position: paymentIndex, trace_key: keys.traceKey, control_key: keys.controlKey, trace_number: payment.trace.traceNumber,
        payer_name: payment.payer.name, payer_identifier: payerIdentifier, payee_name: payment.payee.name, payee_npi: payment.payee.npi,
        payment_cents: payment.financial.totalPaymentCents, credit_debit: payment.financial.creditDebit, payment_method: payment.financial.paymentMethod, payment_date: payment.financial.paymentDate,
      });
      for (const [i, plb] of payment.providerAdjustments.entries()) {
        providerAdjustmentRows.push({
          id: randomUUID(), remittance_id: remittanceId, payment_id: paymentId, position: i, segment_position: plb.position, provider_id: plb.providerId,
          fiscal_period_date: plb.fiscalPeriodDate, reason_code: plb.reasonCode, reference_id: plb.referenceId, amount_cents: plb.amountCents,
        });
      }
      for (const claim of payment.claims) {
        const settled = settleClaim(claim);
        const claimId = randomUUID();
        const billedCents = Number(lineByPcn.get(claim.patientControlNumber)!.charge_cents);
        const chargeWarning = chargeMismatch(claim.statusCode, claim.totalChargeCents, billedCents, claim.position);
        if (chargeWarning) warnings.push(`${claim.patientControlNumber}: ${chargeWarning}`);
        outcomes[settled.outcome] = (outcomes[settled.outcome] ?? 0) + 1;
        paidCents += settled.paidCents;
        claimRows.push({
          id: claimId, remittance_id: remittanceId, payment_id: paymentId, line_id: lineByPcn.get(claim.patientControlNumber)!.id, position: claim.position,
          patient_control_number: claim.patientControlNumber, status_code: claim.statusCode, outcome: settled.outcome, charge_cents: settled.chargeCents, paid_cents: settled.paidCents,
          patient_responsibility_cents: settled.patientResponsibilityCents, denied_cents: settled.deniedCents, payer_claim_control_number: claim.payerClaimControlNumber,
          billed_charge_cents: billedCents, charge_warning: chargeWarning, service_line_count: settled.serviceLines.length,
        });
        for (const line of settled.serviceLines) {
          serviceLineRows.push({
            id: randomUUID(), claim_id: claimId, line_index: line.index, segment_position: line.position, procedure_qualifier: line.procedure.qualifier,
            procedure_code: line.procedure.code, modifiers: line.procedure.modifiers, original_procedure_qualifier: line.originalProcedure?.qualifier ?? null,
            original_procedure_code: line.originalProcedure?.code ?? null, original_modifiers: line.originalProcedure?.modifiers ?? null, charge_cents: line.chargeCents,
            paid_cents: line.paidCents, denied_cents: line.deniedCents, outcome: line.outcome, units_paid: line.unitsPaid, original_units: line.originalUnits,
            revenue_code: line.revenueCode, service_date: line.serviceDate, service_end_date: line.serviceEndDate, line_control_number: line.lineControlNumber,
          });
        }
        for (const [i, a] of settled.adjustments.entries()) {
          adjustmentRows.push({
            id: randomUUID(), claim_id: claimId, position: i, level: a.level, service_line_index: a.serviceLineIndex, group_code: a.group, reason_code: a.reasonCode,
            amount_cents: a.amountCents, quantity: a.quantity, kind: a.kind,
          });
        }
        for (const [i, remark] of settled.remarks.entries()) {
          remarkRows.push({ id: randomUUID(), claim_id: claimId, position: i, level: remark.level, service_line_index: remark.serviceLineIndex, code: remark.code });
        }
      }
    }
    // Parents before children: the foreign keys are checked row by row.
    await insertRecords(manager, "remittance_payments", actor.practiceId, PAYMENT_COLUMNS, paymentRows);
    await insertRecords(manager, "remittance_provider_adjustments", actor.practiceId, PROVIDER_ADJUSTMENT_COLUMNS, providerAdjustmentRows);
    await insertRecords(manager, "remittance_claims", actor.practiceId, CLAIM_COLUMNS, claimRows);
    await insertRecords(manager, "remittance_service_lines", actor.practiceId, SERVICE_LINE_COLUMNS, serviceLineRows);
    await insertRecords(manager, "remittance_adjustments", actor.practiceId, ADJUSTMENT_COLUMNS, adjustmentRows);
    await insertRecords(manager, "remittance_remarks", actor.practiceId, REMARK_COLUMNS, remarkRows);
    await writeAudit(manager, {
      practiceId: actor.practiceId,
      actorUserId: actor.userId,
      requestId: meta.requestId,
      action: "remittance.import",
      entityType: "Remittance",
      entityId: remittanceId,
      changes: {
        fileName: { before: null, after: fileName },
        traceNumbers: { before: null, after: r.payments.map((p) => p.trace.traceNumber) },
        claimCount: { before: null, after: claims.length },
        paidCents: { before: null, after: paidCents },
        outcomes: { before: null, after: outcomes },
        providerAdjustmentCents: { before: null, after: r.payments.reduce((t, p) => t + p.providerAdjustments.reduce((u, a) => u + a.amountCents, 0), 0) },
        ...(warnings.length > 0 ? { chargeWarnings: { before: null, after: warnings } } : {}),
      },
    });
    return (await this.find(manager, remittanceId))!;
  }

  private async find(manager: EntityManager, id: string): Promise<RemittanceView | null> {
    const [row]: (RemittanceRow | undefined)[] = await manager.query(`SELECT * FROM remittances WHERE id = $1`, [id]);
    return row ? remittanceOf(row) : null;
  }

  list(actor: Actor): Promise<RemittanceView[]> {
    return this.db.inPractice(actor, async (m) => {
      const rows: RemittanceRow[] = await m.query(`SELECT * FROM remittances ORDER BY imported_at DESC, id`);
      return rows.map(remittanceOf);
    });
  }

  async get(actor: Actor, id: string): Promise<RemittanceView | null> {
    if (!isUuid(id)) return null;
    return this.db.inPractice(actor, (m) => this.find(m, id));
  }

  payments(actor: Actor, remittanceId: string): Promise<RemittancePaymentView[]> {
    return this.db.inPractice(actor, async (m) => {
      const plbs: ProviderAdjustmentRow[] = await m.query(
        `SELECT *, to_char(fiscal_period_date, 'YYYY-MM-DD') AS fiscal_day FROM remittance_provider_adjustments WHERE remittance_id = $1 ORDER BY position`,
        [remittanceId],
      );
      const rows: PaymentRow[] = await m.query(
        `SELECT *, to_char(payment_date, 'YYYY-MM-DD') AS payment_day FROM remittance_payments WHERE remittance_id = $1 ORDER BY position`,
        [remittanceId],
      );
      return rows.map((p) => ({
        id: p.id,
        traceNumber: p.trace_number,
        payerName: p.payer_name,
        payerIdentifier: p.payer_identifier,
        payeeName: p.payee_name,
        payeeNpi: p.payee_npi,
        paymentCents: Number(p.payment_cents),
        creditDebit: p.credit_debit,
        paymentMethod: p.payment_method,
        paymentDate: p.payment_day,
        providerAdjustments: plbs
          .filter((a) => a.payment_id === p.id)
          .map((a) => ({
            providerId: a.provider_id,
            fiscalPeriodDate: a.fiscal_day,
            reasonCode: a.reason_code,
            description: describePlbReason(a.reason_code),
            referenceId: a.reference_id,
            amountCents: Number(a.amount_cents),
            segmentPosition: a.segment_position,
          })),
      }));
    });
  }

  claims(actor: Actor, remittanceId: string): Promise<PostingView[]> {
    return this.db.inPractice(actor, (m) => postings(m, `rc.remittance_id = $1`, [remittanceId]));
  }

  /**
   * The remittance stories of billed decisions, keyed "batchId:sessionId:clientId" (the batch line that billed
   * each); a decision with nothing posted is absent. One pass for a whole page of lines.
   */
  async forDecisions(actor: Actor, keys: readonly string[]): Promise<Map<string, LineRemittanceView>> {
    return this.db.inPractice(actor, async (m) => {
      const parts = keys.map((k) => k.split(":"));
      if (parts.some((p) => p.length !== 3 || !p.every(isUuid))) throw new Error("remittance keys are batchId:sessionId:clientId");
      const rows: { id: string; key: string }[] = await m.query(
        `SELECT l.id, l.batch_id || ':' || l.session_id || ':' || l.client_id AS key
         FROM claim_batch_lines l JOIN unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(batch_id, session_id, client_id)
           ON l.batch_id = k.batch_id AND l.session_id = k.session_id AND l.client_id = k.client_id`,
        [parts.map((p) => p[0]), parts.map((p) => p[1]), parts.map((p) => p[2])],
      );
      const stories = new Map((await lineStories(m, rows.map((r) => r.id))).map((s) => [s.lineId, s]));
      return new Map(rows.flatMap((r) => (stories.has(r.id) ? [[r.key, stories.get(r.id)!] as const] : [])));
    });
  }

  /** Denied and partially paid lines (by their latest posting), oldest service first, then by patient control number. */
  async denials(actor: Actor, filter: DenialFilter): Promise<DenialItemView[]> {
    const errors: FieldError[] = [];
    if (filter.payerId != null && !isUuid(filter.payerId)) return [];
    if (filter.minAgeDays != null && filter.minAgeDays < 0) errors.push({ field: "filter.minAgeDays", message: "Age must be 0 days or more" });
    if (filter.minAmountCents != null && filter.minAmountCents < 0) errors.push({ field: "filter.minAmountCents", message: "Amount must be 0 or more" });
    if (filter.status != null && !OPEN_OUTCOMES.includes(filter.status)) errors.push({ field: "filter.status", message: "The work list holds DENIED and PARTIALLY_PAID lines only" });
    assertValid(errors);
    return this.db.inPractice(actor, async (m) => {
      const latest: { line_id: string; outcome: ClaimOutcome }[] = await m.query(
        `SELECT DISTINCT ON (rc.line_id) rc.line_id, rc.outcome FROM remittance_claims rc ORDER BY rc.line_id, rc.posted_at DESC, rc.position DESC`,
      );
      const today = await practiceToday(m, actor.practiceId);
      const stories = await lineStories(
        m,
        latest.filter((l) => OPEN_OUTCOMES.includes(l.outcome)).map((l) => l.line_id),
      );
      const items = stories.map((s): DenialItemView => {
        const reasonCodes = [...new Set(s.latest.adjustments.filter((a) => a.kind === "DENIAL").map((a) => a.reasonCode))];
        return {
          ...s,
          ageDays: daysBetween(s.latest.serviceDate, today),
          reasonCodes,
          availableActions: s.writtenOff || s.rebill ? ["APPEAL_NOTE"] : ["CORRECT_AND_REBILL", "WRITE_OFF", "APPEAL_NOTE"],
        };
      });
      return items
        .filter((i) => (filter.openOnly ?? true ? i.openBalanceCents > 0 : true))
        .filter((i) => filter.payerId == null || i.latest.payerId === filter.payerId)
        .filter((i) => filter.status == null || i.latest.outcome === filter.status)
        .filter((i) => filter.reasonCode == null || i.latest.adjustments.some((a) => a.reasonCode === filter.reasonCode!.trim()))
        .filter((i) => filter.minAgeDays == null || i.ageDays >= filter.minAgeDays)
        .filter((i) => filter.minAmountCents == null || i.openBalanceCents >= filter.minAmountCents)
        .sort((a, b) => a.latest.serviceDate.localeCompare(b.latest.serviceDate) || a.latest.patientControlNumber.localeCompare(b.latest.patientControlNumber, "en", { numeric: true }));
    });
  }

  /** Settles a denial's open balance; once per posting (a later posting of the line opens a new balance). */
  async writeOff(actor: Actor, lineId: string, reason: string, meta: RequestMeta): Promise<LineRemittanceView> {
    assertValid(validateText(reason, "reason", { required: true, max: 500 }));
    return this.denialAction(actor, lineId, "WRITE_OFF", reason.trim(), meta);
  }

  async noteAppeal(actor: Actor, lineId: string, note: string, meta: RequestMeta): Promise<LineRemittanceView> {
    assertValid(validateText(note, "note", { required: true, max: 2000 }));
    return this.denialAction(actor, lineId, "APPEAL_NOTE", note.trim(), meta);
  }

  private async denialAction(actor: Actor, lineId: string, kind: "WRITE_OFF" | "APPEAL_NOTE", note: string, meta: RequestMeta): Promise<LineRemittanceView> {
    if (!isUuid(lineId)) throw notFound("Claim line");
    try {
      return await this.db.inPractice(actor, async (m) => {
        const [line] = await m.query(`SELECT id FROM claim_batch_lines WHERE id = $1 FOR UPDATE`, [lineId]);
        if (!line) throw notFound("Claim line");
        const story = (await lineStories(m, [lineId]))[0];
        if (!story || !OPEN_OUTCOMES.includes(story.latest.outcome)) throw conflict("This line has no denial to work: its latest remittance did not deny or partially pay it");
        if (kind === "WRITE_OFF" && story.writtenOff) throw conflict("This denial was already written off; its balance is zero");
        if (kind === "WRITE_OFF" && story.rebill) {
          throw conflict(`This line was corrected and rebilled as ${story.rebill.patientControlNumber}; its balance is expected on that claim, so there is nothing to write off here`);
        }
        const amountCents = kind === "WRITE_OFF" ? story.openBalanceCents : 0;
        const id = randomUUID();
        await m.query(`INSERT INTO denial_actions (practice_id, id, line_id, claim_id, kind, note, amount_cents, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          actor.practiceId, id, lineId, story.latest.id, kind, note, amountCents, actor.userId,
        ]);
        await writeAudit(m, {
          practiceId: actor.practiceId,
          actorUserId: actor.userId,
          requestId: meta.requestId,
          action: kind === "WRITE_OFF" ? "denial.writeOff" : "denial.appealNote",
          entityType: "ClaimBatchLine",
          entityId: lineId,
          changes:
            kind === "WRITE_OFF"
              ? { openBalanceCents: { before: story.openBalanceCents, after: 0 }, reason: { before: null, after: note } }
              : { appealNote: { before: null, after: note } },
        });
        return (await lineStories(m, [lineId]))[0]!;
      });
    } catch (error) {
      if (isUniqueViolation(error, "denial_actions_written_off_once")) throw conflict("This denial was already written off; its balance is zero");
      throw error;
    }
  }

  /**
   * Billed, paid, denied and outstanding by payer and month of service. Paid nets reversals (they carry negative
   * amounts). Outstanding is what is still expected for each live line: the whole charge while nothing was
   * posted or after a reversal, the open denied balance after a denial, nothing once paid. A line a live claim
   * replaces (corrected and rebilled) is billed and expected through its replacement, so it counts in neither.
   */
  async totals(actor: Actor): Promise<RemittanceTotalView[]> {
    return this.db.inPractice(actor, async (m) => {
      const rows: { payer_id: string; payer_name: string; month: string; billed_cents: string; paid_cents: string; denied_cents: string; outstanding_cents: string }[] = await m.query(`
        WITH latest AS (
          SELECT DISTINCT ON (line_id) line_id, id, outcome, denied_cents FROM remittance_claims ORDER BY line_id, posted_at DESC, position DESC
        ), paid AS (
          SELECT line_id, sum(paid_cents) AS paid_cents FROM remittance_claims GROUP BY line_id
        ), rebilled AS (
          SELECT DISTINCT replaces_line_id AS line_id FROM claim_batch_lines WHERE replaces_line_id IS NOT NULL AND NOT voided
        )
        SELECT l.payer_id, min(l.payer_name) AS payer_name, to_char(l.service_date, 'YYYY-MM') AS month,
               -- A claim's charge is its 90853 line's and its add-on lines' (90785); a line a live replacement answers for counts there.
               COALESCE(sum(l.charge_cents + l.add_on_charge_cents) FILTER (WHERE rebilled.line_id IS NULL), 0) AS billed_cents,
               COALESCE(sum(paid.paid_cents), 0) AS paid_cents,
               COALESCE(sum(latest.denied_cents) FILTER (WHERE latest.outcome IN ('DENIED', 'PARTIALLY_PAID')), 0) AS denied_cents,
               COALESCE(sum(CASE
                 WHEN rebilled.line_id IS NOT NULL THEN 0
                 WHEN latest.id IS NULL OR latest.outcome = 'REVERSED' THEN l.charge_cents + l.add_on_charge_cents
                 WHEN latest.outcome IN ('DENIED', 'PARTIALLY_PAID') AND NOT EXISTS (
                   SELECT 1 FROM denial_actions d WHERE d.claim_id = latest.id AND d.kind = 'WRITE_OFF') THEN latest.denied_cents
                 ELSE 0 END), 0) AS outstanding_cents
        FROM claim_batch_lines l
        LEFT JOIN latest ON latest.line_id = l.id
        LEFT JOIN paid ON paid.line_id = l.id
        LEFT JOIN rebilled ON rebilled.line_id = l.id
        WHERE NOT l.voided OR latest.id IS NOT NULL
        GROUP BY l.payer_id, month
        ORDER BY month DESC, payer_name`);
      return rows.map((r) => ({
        payerId: r.payer_id,
        payerName: r.payer_name,
        month: r.month,
        billedCents: Number(r.billed_cents),
        paidCents: Number(r.paid_cents),
        deniedCents: Number(r.denied_cents),
        outstandingCents: Number(r.outstanding_cents),
      }));
    });
  }

  /**
   * Predicted vs actual, for lines served from..to whose latest posting denied money. A denial counts as one
   * GroupBill would have prevented when the line carried a WARNING when billed (GroupBill flagged it and it
   * went out anyway), or when one of its reasons maps to an on/off payer rule that was off in the rule version
   * the line was billed under (the rule existed; turning it on holds such lines). Every other denial was missed.
   * Dollars are the denied amounts of each reason; a line counts once per reason it carries.
   */
  async report(actor: Actor, from: string, to: string): Promise<DenialReportView[]> {
    const errors: FieldError[] = [];
    if (from > to) errors.push({ field: "to", message: "The end date must be on or after the start date" });
    assertValid(errors);
    return this.db.inPractice(actor, async (m) => {
      const rows: { line_id: string; issues: ClaimIssue[]; rules: Record<string, unknown> | null; payer_id: string; payer_name: string; denied_cents: string; id: string }[] = await m.query(
        `SELECT latest.id, latest.line_id, latest.denied_cents, l.issues, l.payer_id, l.payer_name, to_jsonb(v) AS rules
         FROM (SELECT DISTINCT ON (line_id) * FROM remittance_claims ORDER BY line_id, posted_at DESC, position DESC) latest
         JOIN claim_batch_lines l ON l.id = latest.line_id
         LEFT JOIN payer_rule_versions v ON v.id = l.rule_version_id
         WHERE latest.outcome IN ('DENIED', 'PARTIALLY_PAID') AND l.service_date BETWEEN $1 AND $2`,
        [from, to],
      );
      const adjustments: { claim_id: string; reason_code: string; amount_cents: string }[] = rows.length
        ? await m.query(`SELECT claim_id, reason_code, amount_cents FROM remittance_adjustments WHERE claim_id = ANY($1) AND kind = 'DENIAL' ORDER BY claim_id, position`, [rows.map((r) => r.id)])
        : [];
      const byPayer = new Map<string, DenialReportView>();
      for (const row of rows) {
        const reasons = new Map<string, number>();
        for (const a of adjustments.filter((x) => x.claim_id === row.id)) reasons.set(a.reason_code, (reasons.get(a.reason_code) ?? 0) + Number(a.amount_cents));
        const flagged = row.issues.some((i) => i.severity === "WARNING");
        const ruleOff = [...reasons.keys()].some((carc) => {
          const field = preventionFor(carc)?.payerRuleField;
          return field != null && row.rules !== null && snakeValue(row.rules, field) === false;
        });
        const prevented = flagged || ruleOff;
        const payer = byPayer.get(row.payer_id) ?? { payerId: row.payer_id, payerName: row.payer_name, preventedCount: 0, preventedCents: 0, missedCount: 0, missedCents: 0, reasons: [] };
        byPayer.set(row.payer_id, payer);
        const cents = Number(row.denied_cents);
        if (prevented) {
          payer.preventedCount++;
          payer.preventedCents += cents;
        } else {
          payer.missedCount++;
          payer.missedCents += cents;
        }
        for (const [carc, amount] of reasons) {
          let reason = payer.reasons.find((r) => r.reasonCode === carc && r.prevented === prevented);
          if (!reason) {
            reason = { reasonCode: carc, description: describeCarc(carc), prevented, count: 0, deniedCents: 0, prevention: preventionFor(carc) };
            payer.reasons.push(reason);
          }
          reason.count++;
          reason.deniedCents += amount;
        }
      }
      const report = [...byPayer.values()].sort((a, b) => a.payerName.localeCompare(b.payerName) || a.payerId.localeCompare(b.payerId));
      for (const p of report) p.reasons.sort((a, b) => b.deniedCents - a.deniedCents || a.reasonCode.localeCompare(b.reasonCode, "en", { numeric: true }) || Number(a.prevented) - Number(b.prevented));
      return report;
    });
  }
}

/**
 * A payer that re-priced or mis-keyed the charge still adjudicated the claim we sent, so the posting stands; the
 * difference is kept as a warning on it. A reversal repeats the original's charge as a negative amount.
 */
function chargeMismatch(statusCode: string, clpChargeCents: number, billedCents: number, position: number): string | null {
  const charged = statusCode === CLAIM_STATUS_REVERSAL ? -clpChargeCents : clpChargeCents;
  if (charged === billedCents) return null;
  return `CLP at segment ${position}: the payer's charge (CLP03) ${formatCents(charged)} differs from the ${formatCents(billedCents)} billed for this line; posted as sent, check the payer's pricing`;
}

function snakeValue(row: Record<string, unknown>, field: string): unknown {
  return row[field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/*
 * Rows as node-pg returns them for the raw SELECTs here: snake_case columns, bigint (cents) as text, timestamptz as
 * Date. Only the columns read are listed.
 */
interface RemittanceRow {
  id: string;
  file_name: string | null;
  interchange_control_number: string;
  sender_id: string;
  usage_indicator: string;
  imported_at: Date;
}
interface PaymentRow {
  id: string;
  trace_number: string;
  payer_name: string;
  payer_identifier: string | null;
  payee_name: string;
  payee_npi: string | null;
  payment_cents: string;
  credit_debit: string;
  payment_method: string;
  payment_day: string;
}
interface ProviderAdjustmentRow {
  payment_id: string;
  provider_id: string;
  fiscal_day: string;
  reason_code: string;
  reference_id: string | null;
  amount_cents: string;
  segment_position: number;
}
interface PostingRow {
  id: string;
  remittance_id: string;
  line_id: string;
  patient_control_number: string;
  status_code: string;
  outcome: ClaimOutcome;
  charge_cents: string;
  paid_cents: string;
  patient_responsibility_cents: string;
  denied_cents: string;
  payer_claim_control_number: string | null;
  billed_charge_cents: string | null;
  charge_warning: string | null;
  service_line_count: number | null;
  posted_at: Date;
  service_date: string;
  client_name: string;
  payer_id: string;
  payer_name: string;
}
interface AdjustmentRow {
  claim_id: string;
  level: string;
  service_line_index: number | null;
  group_code: string;
  reason_code: string;
  amount_cents: string;
  quantity: string | null;
  kind: string;
}
interface RemarkRow {
  claim_id: string;
  level: string;
  service_line_index: number | null;
  code: string;
}
interface ServiceLineRow {
  claim_id: string;
  line_index: number;
  segment_position: number;
  procedure_qualifier: string;
  procedure_code: string;
  modifiers: string[];
  original_procedure_qualifier: string | null;
  original_procedure_code: string | null;
  original_modifiers: string[] | null;
  charge_cents: string;
  paid_cents: string;
  denied_cents: string;
  outcome: ClaimOutcome;
  units_paid: string;
  original_units: string | null;
  revenue_code: string | null;
  service_day: string | null;
  service_end_day: string | null;
  line_control_number: string | null;
}
interface DenialActionRow {
  line_id: string;
  claim_id: string;
  kind: "WRITE_OFF" | "APPEAL_NOTE";
  note: string;
  amount_cents: string;
  created_at: Date;
}

function remittanceOf(row: RemittanceRow): RemittanceView {
  return {
    id: row.id,
    fileName: row.file_name,
    interchangeControlNumber: row.interchange_control_number,
    senderId: row.sender_id,
    usageIndicator: row.usage_indicator,
    importedAt: row.imported_at,
    alreadyImported: false,
  };
}

/** Postings matching a condition on `rc` (remittance_claims), in posting order, with their adjustments and remarks. */
async function postings(m: EntityManager, where: string, params: unknown[]): Promise<PostingView[]> {
  const rows: PostingRow[] = await m.query(
    `SELECT rc.*, to_char(l.service_date, 'YYYY-MM-DD') AS service_date, l.client_first_name || ' ' || l.client_last_name AS client_name, l.payer_id, l.payer_name
     FROM remittance_claims rc JOIN claim_batch_lines l ON l.id = rc.line_id
     WHERE ${where} ORDER BY rc.posted_at, rc.position`,
    params,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const adjustments: AdjustmentRow[] = await m.query(`SELECT * FROM remittance_adjustments WHERE claim_id = ANY($1) ORDER BY position`, [ids]);
  const remarks: RemarkRow[] = await m.query(`SELECT * FROM remittance_remarks WHERE claim_id = ANY($1) ORDER BY position`, [ids]);
  const serviceLines: ServiceLineRow[] = await m.query(
    `SELECT *, to_char(service_date, 'YYYY-MM-DD') AS service_day, to_char(service_end_date, 'YYYY-MM-DD') AS service_end_day
     FROM remittance_service_lines WHERE claim_id = ANY($1) ORDER BY claim_id, line_index`,
    [ids],
  );
  const adjustmentOf = (a: AdjustmentRow): PostingAdjustmentView => ({
    level: a.level,
    serviceLineIndex: a.service_line_index,
    group: a.group_code,
    reasonCode: a.reason_code,
    amountCents: Number(a.amount_cents),
    quantity: a.quantity === null ? null : Number(a.quantity),
    kind: a.kind,
    description: describeCarc(a.reason_code),
  });
  const remarkOf = (x: RemarkRow): PostingRemarkView => ({ level: x.level, serviceLineIndex: x.service_line_index, code: x.code, description: describeRarc(x.code) });
  // Grouped once: a work list reads thousands of postings, and filtering every list per posting and line would be quadratic.
  const adjustmentsOf = groupBy(adjustments, (a) => a.claim_id);
  const remarksOf = groupBy(remarks, (x) => x.claim_id);
  const linesOf = groupBy(serviceLines, (l) => l.claim_id);
  const onLine = (row: { level: string; service_line_index: number | null }, line: ServiceLineRow) => row.level === "SERVICE_LINE" && row.service_line_index === line.line_index;
  const serviceLineOf = (l: ServiceLineRow): ServiceLineView => ({
    index: l.line_index,
    segmentPosition: l.segment_position,
    procedure: { qualifier: l.procedure_qualifier, code: l.procedure_code, modifiers: l.modifiers },
    originalProcedure:
      l.original_procedure_code === null ? null : { qualifier: l.original_procedure_qualifier!, code: l.original_procedure_code, modifiers: l.original_modifiers ?? [] },
    chargeCents: Number(l.charge_cents),
    paidCents: Number(l.paid_cents),
    deniedCents: Number(l.denied_cents),
    outcome: l.outcome,
    unitsPaid: Number(l.units_paid),
    originalUnits: l.original_units === null ? null : Number(l.original_units),
    revenueCode: l.revenue_code,
    serviceDate: l.service_day,
    serviceEndDate: l.service_end_day,
    lineControlNumber: l.line_control_number,
    adjustments: (adjustmentsOf.get(l.claim_id) ?? []).filter((a) => onLine(a, l)).map(adjustmentOf),
    remarks: (remarksOf.get(l.claim_id) ?? []).filter((x) => onLine(x, l)).map(remarkOf),
  });
  return rows.map((r) => ({
    id: r.id,
    remittanceId: r.remittance_id,
    lineId: r.line_id,
    patientControlNumber: r.patient_control_number,
    statusCode: r.status_code,
    outcome: r.outcome,
    chargeCents: Number(r.charge_cents),
    paidCents: Number(r.paid_cents),
    patientResponsibilityCents: Number(r.patient_responsibility_cents),
    deniedCents: Number(r.denied_cents),
    payerClaimControlNumber: r.payer_claim_control_number,
    billedChargeCents: r.billed_charge_cents === null ? null : Number(r.billed_charge_cents),
    chargeWarning: r.charge_warning,
    postedAt: r.posted_at,
    serviceDate: r.service_date,
    clientName: r.client_name,
    payerId: r.payer_id,
    payerName: r.payer_name,
    adjustments: (adjustmentsOf.get(r.id) ?? []).map(adjustmentOf),
    remarks: (remarksOf.get(r.id) ?? []).map(remarkOf),
    serviceLines: r.service_line_count === null ? null : (linesOf.get(r.id) ?? []).map(serviceLineOf),
  }));
}

async function lineStories(m: EntityManager, lineIds: string[]): Promise<LineRemittanceView[]> {
  if (lineIds.length === 0) return [];
  const all = await postings(m, `rc.line_id = ANY($1)`, [lineIds]);
  const actions: DenialActionRow[] = await m.query(`SELECT * FROM denial_actions WHERE line_id = ANY($1) ORDER BY created_at, id`, [lineIds]);
  const rebills = await liveReplacements(m, lineIds);
  return lineIds.flatMap((lineId) => {
    const history = all.filter((p) => p.lineId === lineId);
    const latest = history.at(-1);
    if (!latest) return [];
    const mine = actions.filter((a) => a.line_id === lineId);
    const writtenOff = mine.some((a) => a.kind === "WRITE_OFF" && a.claim_id === latest.id);
    const rebill = rebills.get(lineId) ?? null;
    const open = OPEN_OUTCOMES.includes(latest.outcome) && !writtenOff && !rebill ? latest.deniedCents : 0;
    return [
      {
        lineId,
        latest,
        history,
        openBalanceCents: open,
        writtenOff,
        actions: mine.map((a) => ({ kind: a.kind, note: a.note, amountCents: Number(a.amount_cents), createdAt: a.created_at })),
        rebill,
      },
    ];
  });
}

/** Lines replaced by a line of a live batch (a correct-and-rebill, or issue 14's rebill of a voided sent batch). */
async function liveReplacements(m: EntityManager, lineIds: string[]): Promise<Map<string, RebillView>> {
  const rows: { replaces_line_id: string; id: string; patient_control_number: string; control_number: number; created_at: Date }[] = await m.query(
    `SELECT DISTINCT ON (r.replaces_line_id) r.replaces_line_id, r.id, r.patient_control_number, b.control_number, b.created_at
       FROM claim_batch_lines r JOIN claim_batches b ON b.practice_id = r.practice_id AND b.id = r.batch_id
      WHERE r.replaces_line_id = ANY($1) AND NOT r.voided
      ORDER BY r.replaces_line_id, b.control_number DESC`,
    [lineIds],
  );
  return new Map(
    rows.map((r) => [r.replaces_line_id, { lineId: r.id, patientControlNumber: r.patient_control_number, batchControlNumber: Number(r.control_number), rebilledAt: r.created_at }]),
  );
}
