import { demo835, type DemoOutcome } from "../demo-remittance.js";
import { addDays, type Month } from "./calendar.js";
import { DEMO_NPI, DEMO_PRACTICE, type DemoContext } from "./context.js";

type BatchLines = Awaited<ReturnType<DemoContext["services"]["batches"]["lines"]>>;

/**
 * The first two weeks of last month were billed and the payers have answered: one 835 per payer. The rest of the
 * month stays READY for a new user's own first batch.
 */
export async function billAndRemitFirstHalf(ctx: DemoContext, month: Month): Promise<void> {
  const { services, actor, meta } = ctx;
  const remitted = await services.batches.create(actor, { from: month.from, to: addDays(month.from, 13), idempotencyKey: "demo-first-half" }, meta);
  const lines = await services.batches.lines(actor, remitted.id);
  const outcomeOf = remittanceOutcomes(lines);
  let interchange = 7001;
  for (const payerLines of byPayer(lines)) {
    // The first payer paid late and added interest, so a biller sees a payment that is not just its claims.
    const providerAdjustments = interchange === 7001 ? [{ reason: "L6", reference: `INT${interchange}`, cents: -137 }] : [];
    const text = demo835({
      payerName: payerLines[0]!.payerName,
      payerCode: payerLines[0]!.payerCode,
      payeeName: DEMO_PRACTICE,
      payeeNpi: DEMO_NPI,
      traceNumber: `EFT${interchange}`,
      interchangeControlNumber: interchange++,
      paymentDate: addDays(month.from, 27),
      claims: payerLines.map((l) => ({ patientControlNumber: l.patientControlNumber, chargeCents: l.chargeCents + l.addOnChargeCents, outcome: outcomeOf(l.id) })),
      providerAdjustments,
    });
    await services.remittances.import(actor, { text, fileName: `${payerLines[0]!.payerCode}-remittance.835` }, meta);
  }
}

/**
 * What each payer answered: a line billed with a warning is denied for it, one without a warning is denied for
 * something the practice missed, one is partially paid, the rest are paid.
 */
function remittanceOutcomes(lines: BatchLines): (lineId: string) => DemoOutcome {
  const flagged = lines.find((l) => l.issues.some((i) => i.severity === "WARNING"));
  const unflagged = lines.filter((l) => !l.issues.some((i) => i.severity === "WARNING"));
  return (lineId) => (lineId === flagged?.id ? "DENIED_FLAGGED" : lineId === unflagged[0]?.id ? "DENIED_MISSED" : lineId === unflagged[1]?.id ? "PARTIALLY_PAID" : "PAID");
}

/** The batch's lines grouped by payer, in the order each payer first appears. */
function byPayer(lines: BatchLines): BatchLines[] {
  const groups = new Map<string, BatchLines>();
  for (const line of lines) groups.set(line.payerId, [...(groups.get(line.payerId) ?? []), line]);
  return [...groups.values()];
}
