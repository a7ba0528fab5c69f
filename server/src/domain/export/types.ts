/** The files a claim batch can be written as. */
export const EXPORT_FORMATS = ["CSV", "X12_837P"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** ISA15 of an interchange: T for test files, P for production. */
export const USAGE_INDICATORS = ["T", "P"] as const;
export type UsageIndicator = (typeof USAGE_INDICATORS)[number];

/**
 * Frozen claim-batch shapes. A batch is frozen when its READY lines are
 * claimed, so exporters work on a snapshot and never reach back into the
 * database: re-exporting the same batch must reproduce the same file.
 */

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  state: string; // two-letter USPS code
  zip: string; // 5 or 9 digits, a hyphen is tolerated
}

export type Gender = "M" | "F" | "U";

/** The client's relationship to the insured: SELF puts the client in 2010BA, anything else in 2010CA. */
export type Relationship = "SELF" | "SPOUSE" | "CHILD" | "OTHER";

export interface FrozenClaimLine {
  lineId: string; // uuid, stable
  /** CLM01: at most 20 letters/digits, unique in the practice. */
  patientControlNumber: string;
  serviceDate: string; // YYYY-MM-DD
  client: {
    id: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string; // YYYY-MM-DD
    /**
     * Optional in the shape because lines frozen before they were recorded lack them; the 837P needs
     * both (DMG03, N3/N4 of the patient) and refuses to write a line without them.
     */
    gender?: Gender;
    address?: PostalAddress;
  };
  /** SELF when absent. */
  relationship?: Relationship;
  /** The insured person, present exactly when relationship is not SELF. */
  subscriber?: { firstName: string; lastName: string; dateOfBirth: string; gender: Gender; address: PostalAddress };
  memberId: string; // subscriber id on the member's coverage
  payer: {
    id: string;
    name: string;
    payerCode: string;
    /** SBR09; "CI" (commercial) when absent. E.g. "MC" Medicaid, "MB" Medicare Part B. */
    claimFilingCode?: string;
  };
  cptCode: string; // "90853"
  modifiers: string[]; // 0..4
  placeOfService: string; // "11", "02", ...
  units: number; // 1
  chargeCents: number;
  /**
   * Service lines after the 90853 line on the same claim (e.g. 90785 interactive complexity): the 837P writes each
   * as its own LX/SV1 and CLM02 adds their charges; the CSV writes a row for each. None when absent.
   */
  addOnLines?: FrozenAddOnLine[];
  diagnosisCodes: string[]; // ICD-10 with dot, e.g. "F33.1"; 1..12
  /** NM1*82 person: lastName/firstName when recorded (else split from name), PRV*PE when taxonomyCode is set. */
  renderingProvider: { name: string; npi: string; firstName?: string; lastName?: string; taxonomyCode?: string };
  /** The unlicensed leader when the rendering provider is the session's licensed supervisor. */
  supervisedLeader?: { name: string; npi: string };
  /** The payer's prior authorization number the line was billed under (REF*G1 in loop 2300). */
  priorAuthorizationNumber?: string;
  /** The session's supervisor when someone else renders (2310D NM1*DQ). */
  supervisingProvider?: { firstName?: string; lastName: string; npi: string };
  /**
   * CLM05-3: "1" original (when absent), "7" replacement of a claim the payer holds, "8" void of it. A
   * replacement or void names the payer's claim (REF*F8) when the payer told us its number (CLP07).
   */
  frequencyCode?: ClaimFrequency;
  /** The payer's claim control number of the claim replaced or voided (REF*F8). */
  originalPayerClaimNumber?: string;
  /** The patient control number of the claim replaced or voided (the CSV's reference for a biller). */
  originalPatientControlNumber?: string;
  /** SBR01 of 2000B: "P" (when absent) the payer is primary, "S" the payer is secondary and otherPayer says what the primary did. */
  payerSequence?: "P" | "S";
  /** The primary payer's adjudication, for a secondary claim (loops 2320, 2330A, 2330B). */
  otherPayer?: OtherPayer;
}

export interface FrozenAddOnLine {
  cptCode: string; // "90785"
  modifiers: string[]; // 0..4
  placeOfService: string;
  units: number;
  chargeCents: number;
}

export interface OtherPayer {
  payer: { name: string; payerCode: string; claimFilingCode: string };
  /** The primary coverage's insured (2330A) and the member's relationship to them (2320 SBR02). */
  memberId: string;
  relationship: Relationship;
  subscriber: { firstName: string; lastName: string };
  /** AMT*D: what the primary paid, in cents (0 when it denied). */
  paidCents: number;
  /** DTP*573: when the primary adjudicated (its remittance's payment date), YYYY-MM-DD. */
  adjudicatedOn: string;
  /** The primary's CAS adjustments in the order the 835 listed them; amounts in cents, may be negative. */
  adjustments: { group: string; reason: string; amountCents: number }[];
}

export type ClaimFrequency = "1" | "7" | "8";

export interface FrozenBatch {
  id: string;
  createdAt: Date;
  controlNumber: number; // 1..999999999, unique per practice
  practice: {
    name: string;
    npi: string;
    taxId: string; // 9-digit EIN
    taxonomyCode: string; // e.g. 261QM0801X
    address: PostalAddress;
    phone?: string;
  };
  submitter: { name: string; id: string; contactName: string; contactPhone: string };
  receiver: { name: string; id: string };
  usageIndicator: UsageIndicator; // ISA15
  lines: FrozenClaimLine[];
}
