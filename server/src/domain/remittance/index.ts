export type * from "./types.js";
export { ADJUSTMENT_GROUPS } from "./types.js";
export { parse835, remittanceFieldErrors, MAX_835_CHARACTERS, REMITTANCE_GUIDE, CLAIM_STATUS_CODES } from "./parse-835.js";
export { checkBalancing } from "./balance.js";
export {
  classifyClaim,
  settleClaim,
  flattenAdjustments,
  CLAIM_OUTCOMES,
  CLAIM_STATUS_DENIED,
  CLAIM_STATUS_REVERSAL,
} from "./classify.js";
export type { ClaimOutcome, ClaimSettlement, FlatAdjustment, FlatRemark, ServiceLineSettlement } from "./classify.js";
export { CARC_CODES, CARC_SOURCE, describeCarc, carcKind, isKnownCarc } from "./carc.js";
export type { CarcEntry, CarcKind, CodeDescription } from "./carc.js";
export { RARC_CODES, RARC_SOURCE, describeRarc, isKnownRarc } from "./rarc.js";
export { DENIAL_PREVENTION, PENDING_ISSUE_CODES, preventionFor } from "./denial-prevention.js";
export type { DenialPrevention, PreventionArea } from "./denial-prevention.js";
export { formatCents } from "./values.js";
export { paymentKeys } from "./keys.js";
export type { PaymentKeys } from "./keys.js";
export { PLB_CODES, PLB_SOURCE, describePlbReason } from "./plb.js";
