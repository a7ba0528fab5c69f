/**
 * Frozen claim-batch shapes. A batch is frozen when its READY lines are
 * claimed, so exporters work on a snapshot and never reach back into the
 * database: re-exporting the same batch must reproduce the same file.
 */

export interface PostalAddress {
  line1: string;
  city: string;
  state: string; // two-letter USPS code
  zip: string; // 5 or 9 digits, a hyphen is tolerated
}

export interface FrozenClaimLine {
  lineId: string; // uuid, stable
  serviceDate: string; // YYYY-MM-DD
  client: {
    id: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string; // YYYY-MM-DD
    gender?: "M" | "F" | "U";
    /**
     * Optional because not every caller has it yet, but the 837P TR3 requires
     * the subscriber address (2010BA N3/N4) whenever the patient is the
     * subscriber, which is always the case here (SBR02 = 18). Payers may
     * reject a claim without it.
     */
    address?: PostalAddress;
  };
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
  diagnosisCodes: string[]; // ICD-10 with dot, e.g. "F33.1"; 1..12
  renderingProvider: { name: string; npi: string };
  /** The unlicensed leader when the rendering provider is the session's licensed supervisor. */
  supervisedLeader?: { name: string; npi: string };
  /** The payer's prior authorization number the line was billed under (REF*G1 in loop 2300). */
  priorAuthorizationNumber?: string;
}

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
  usageIndicator: "P" | "T"; // ISA15
  lines: FrozenClaimLine[];
}
