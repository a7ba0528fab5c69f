import { remittanceProblem } from "./segments.js";
import type { Adjustment, Remittance835, RemittanceClaim, RemittancePayment, RemittanceProblem } from "./types.js";
import { formatCents } from "./values.js";

/**
 * The 835 guide's balancing rules (005010X221A1 section 1.10.2.1). A file
 * that breaks them cannot be posted line by line without inventing money,
 * so it is refused whole.
 *
 *  - Service line: SVC02 (charge) - SVC03 (paid) = the line's CAS amounts.
 *  - Claim: CLP03 (charge) - CLP04 (paid) = the claim's CAS amounts plus
 *    those of all its lines.
 *  - Claim with lines: CLP04 = the lines' SVC03 minus the claim-level CAS
 *    amounts (with no claim-level CAS: CLP04 = sum of SVC03).
 *  - Payment: BPR02 = the claims' CLP04 minus the PLB amounts (a PLB amount
 *    is money the payer kept; a negative one, such as interest, it added).
 *    BPR03 D (debit) means the provider owes the net, so BPR02 counts as
 *    negative.
 */

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const adjusted = (adjustments: Adjustment[]) => sum(adjustments.map((a) => a.amountCents));

function claimProblems(claim: RemittanceClaim): RemittanceProblem[] {
  const problems: RemittanceProblem[] = [];
  const label = `claim ${JSON.stringify(claim.patientControlNumber)}`;
  for (const line of claim.serviceLines) {
    const lineAdjusted = adjusted(line.adjustments);
    if (line.chargeCents - line.paymentCents !== lineAdjusted) {
      problems.push(
        remittanceProblem(
          "UNBALANCED",
          "SVC",
          line.position,
          "SVC03",
          `on a line of ${label}, the charge ${formatCents(line.chargeCents)} minus the payment ${formatCents(line.paymentCents)} is ${formatCents(line.chargeCents - line.paymentCents)}, but the line's adjustments (CAS) add up to ${formatCents(lineAdjusted)}`,
        ),
      );
    }
  }
  const claimAdjusted = adjusted(claim.adjustments);
  const allAdjusted = claimAdjusted + sum(claim.serviceLines.map((l) => adjusted(l.adjustments)));
  if (claim.totalChargeCents - claim.paymentCents !== allAdjusted) {
    problems.push(
      remittanceProblem(
        "UNBALANCED",
        "CLP",
        claim.position,
        "CLP04",
        `for ${label}, the charge ${formatCents(claim.totalChargeCents)} minus the payment ${formatCents(claim.paymentCents)} is ${formatCents(claim.totalChargeCents - claim.paymentCents)}, but the claim's and its lines' adjustments (CAS) add up to ${formatCents(allAdjusted)}`,
      ),
    );
  }
  if (claim.serviceLines.length > 0) {
    const linesPaid = sum(claim.serviceLines.map((l) => l.paymentCents));
    if (claim.paymentCents !== linesPaid - claimAdjusted) {
      problems.push(
        remittanceProblem(
          "UNBALANCED",
          "CLP",
          claim.position,
          "CLP04",
          `for ${label}, the payment ${formatCents(claim.paymentCents)} should equal what its lines paid (${formatCents(linesPaid)}) minus the claim-level adjustments (${formatCents(claimAdjusted)})`,
        ),
      );
    }
  }
  return problems;
}

function paymentProblems(payment: RemittancePayment): RemittanceProblem[] {
  const { financial } = payment;
  const claimsPaid = sum(payment.claims.map((c) => c.paymentCents));
  const providerAdjusted = sum(payment.providerAdjustments.map((p) => p.amountCents));
  const netPaid = financial.creditDebit === "D" ? -financial.totalPaymentCents : financial.totalPaymentCents;
  if (netPaid === claimsPaid - providerAdjusted) return [];
  return [
    remittanceProblem(
      "UNBALANCED",
      "BPR",
      financial.position,
      "BPR02",
      `the total payment ${formatCents(netPaid)} (check or EFT ${JSON.stringify(payment.trace.traceNumber)}) should equal the claims' payments (${formatCents(claimsPaid)}) minus the provider-level adjustments (PLB, ${formatCents(providerAdjusted)}), which is ${formatCents(claimsPaid - providerAdjusted)}`,
    ),
  ];
}

/** Every balancing rule that fails, claims first in file order, then each payment's total. */
export function checkBalancing(remittance: Remittance835): RemittanceProblem[] {
  return remittance.payments.flatMap((payment) => [...payment.claims.flatMap(claimProblems), ...paymentProblems(payment)]);
}
