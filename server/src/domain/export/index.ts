export type { FrozenBatch, FrozenClaimLine, OtherPayer, PostalAddress, ExportFormat, UsageIndicator } from "./types.js";
export { EXPORT_FORMATS, USAGE_INDICATORS } from "./types.js";
export { exportCsv, CSV_HEADER } from "./csv.js";
export { exportX12_837P, DEFAULT_CLAIM_FILING_CODE, IMPLEMENTATION_GUIDE } from "./x12-837p.js";
export { ClaimExportError } from "./validate.js";
export type { ExportProblem } from "./validate.js";
