import type { Remittance835, RemittancePayment } from "./types.js";

/**
 * What makes a payment the same payment when a file is imported again. A
 * check or EFT number (TRN02) is unique only within its payer (TRN03), and
 * control numbers only within their sender (ISA06), so each key carries its
 * scope. The posting service refuses a payment when either key was posted
 * before: a re-sent file has new control numbers but the same trace, and a
 * payer that reuses a trace number for a new payment still changes ISA13.
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
