import type { Remittance835, RemittancePayment } from "./types.js";

/**
 * What makes a payment the same payment when a file is imported again. The
 * trace key names the money: a payer that re-sends a check or EFT in a new
 * file keeps TRN02 but writes new control numbers. The control key names the
 * transmission: the same file imported twice repeats it exactly. A check or
 * EFT number is unique only within its payer (TRN03), and control numbers
 * only within their sender (ISA05/ISA06), so each key carries its scope.
 */
export interface PaymentKeys {
  /** "TRN03/TRN02" */
  traceKey: string;
  /** "ISA05:ISA06/ISA13/GS06/ST02" */
  controlKey: string;
}

export function paymentKeys(remittance: Remittance835, payment: RemittancePayment): PaymentKeys {
  return {
    traceKey: `${payment.trace.originatorId}/${payment.trace.traceNumber}`,
    controlKey: `${remittance.senderQualifier}:${remittance.senderId}/${remittance.interchangeControlNumber}/${payment.groupControlNumber}/${payment.transactionControlNumber}`,
  };
}
