export type { FieldError } from "./field-error.js";
export { fieldError, joinField, labelFor } from "./field-error.js";
export {
  isValidNpi,
  npiWithCheckDigit,
  validateNpi,
  normalizeIcd10,
  isValidIcd10,
  validateIcd10,
  validateDiagnosisCodes,
  isPlaceOfService,
  TELEHEALTH_PLACES_OF_SERVICE,
  validatePlaceOfService,
} from "./identifiers.js";
export {
  PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  validatePassword,
  EMAIL_MAX_LENGTH,
  normalizeEmail,
  validateEmail,
  isValidTimezone,
  validateTimezone,
} from "./account.js";
export {
  isOneOf,
  isValidDate,
  validateDate,
  validateDateRange,
  validateText,
  MAX_DURATION_MINUTES,
  isValidDurationMinutes,
  validateDurationMinutes,
} from "./primitives.js";
export type { TextRules } from "./primitives.js";
export {
  MODIFIER_CONDITIONS,
  NOTE_ELEMENTS,
  PAYER_KINDS,
  PAYER_RULES_KEYS,
  PAYER_RULES_LIMITS,
  defaultPayerRules,
  normalizeModifier,
  isValidModifier,
  validateModifier,
  validatePayerRules,
  mergePayerRules,
} from "./payer-rules.js";
export type {
  ModifierCondition,
  NoteElement,
  PayerKind,
  ModifierRule,
  PayerRulesValues,
  PayerRulesPatch,
} from "./payer-rules.js";
export {
  X12_LIMITS,
  X12_DELIMITERS,
  isX12Character,
  foldToX12,
  x12CharacterProblem,
  splitPersonName,
  validateOrganizationName,
  validateLastName,
  validateFirstName,
  validateAddressLine,
  validateCity,
  validateClaimIdentifier,
  validatePriorAuthorizationNumber,
  validatePersonDisplayName,
  validateTaxId,
  validateTaxonomyCode,
  validatePhone,
  validateReceiverId,
  US_STATE_CODES,
  validateUsState,
  normalizeZip,
  validateZipCode,
  validateStreetAddressLine,
  normalizeAddress,
  validatePostalAddress,
  personNameParts,
  validateSubmitterId,
  looksLikePoBox,
} from "./claim-fields.js";
export {
  PRIOR_AUTHORIZATION_LIMITS,
  rangesOverlap,
  validatePriorAuthorization,
  type PriorAuthorizationValues,
} from "./prior-authorization.js";
export type { AddressValues } from "./claim-fields.js";
export { interactiveComplexityOf } from "./interactive-complexity.js";
