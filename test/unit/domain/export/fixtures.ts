import type { FrozenBatch, FrozenClaimLine } from "../../../../server/src/domain/export/index.js";

type LineOverrides = Partial<Omit<FrozenClaimLine, "client" | "payer" | "renderingProvider">> & {
  client?: Partial<FrozenClaimLine["client"]>;
  payer?: Partial<FrozenClaimLine["payer"]>;
  renderingProvider?: Partial<FrozenClaimLine["renderingProvider"]>;
};

let seq = 0;

/** A deterministic uuid-shaped id so tests can predict CLM01. */
export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

/** The patient control number makeLine gives a line id: P and the id's number ("P101" for uuid(101)). */
export function pcnOf(lineId: string): string {
  return `P${lineId.replace(/-/g, "").slice(-12).replace(/^0+/, "")}`;
}

export function makeLine(overrides: LineOverrides = {}): FrozenClaimLine {
  seq += 1;
  const { client, payer, renderingProvider, ...rest } = overrides;
  const lineId = rest.lineId ?? uuid(seq);
  return {
    lineId,
    // Follows the line id, so a test that names a line knows its CLM01.
    patientControlNumber: pcnOf(lineId),
    serviceDate: "2024-03-05",
    memberId: "MBR0001",
    cptCode: "90853",
    modifiers: [],
    placeOfService: "11",
    units: 1,
    chargeCents: 12500,
    diagnosisCodes: ["F33.1"],
    ...rest,
    client: {
      id: "client-1",
      firstName: "Ana",
      lastName: "Lopez",
      dateOfBirth: "1985-07-14",
      gender: "F",
      address: { line1: "12 Oak Ave", line2: "Apt 3", city: "Springfield", state: "IL", zip: "62704" },
      ...client,
    },
    payer: { id: "payer-1", name: "Acme Health", payerCode: "ACME1", ...payer },
    renderingProvider: { name: "Jane Doe", npi: "1234567893", ...renderingProvider },
  };
}

export function makeBatch(lines: FrozenClaimLine[], overrides: Partial<FrozenBatch> = {}): FrozenBatch {
  return {
    id: "11111111-2222-4333-8444-555555555555",
    createdAt: new Date("2024-03-10T15:04:05Z"),
    controlNumber: 42,
    practice: {
      name: "Riverside Group Therapy",
      npi: "1245319599",
      taxId: "123456789",
      taxonomyCode: "261QM0801X",
      address: { line1: "100 Main St", city: "Springfield", state: "IL", zip: "627011234" },
      phone: "217-555-0100",
    },
    submitter: { name: "Riverside Group Therapy", id: "SUB12345", contactName: "Billing Office", contactPhone: "(217) 555-0101" },
    receiver: { name: "Clearinghouse Inc", id: "CLEARHOUSE" },
    usageIndicator: "T",
    lines,
    ...overrides,
  };
}

/**
 * Two members, three lines: Ana attended two sessions (same payer, same
 * member id), Ben attended one on another payer.
 */
export function twoMemberBatch(): FrozenBatch {
  return makeBatch([
    makeLine({ lineId: uuid(101), serviceDate: "2024-03-05", modifiers: ["HQ"], diagnosisCodes: ["F33.1", "F41.1"] }),
    makeLine({
      lineId: uuid(102),
      serviceDate: "2024-03-05",
      memberId: "ZX998877",
      chargeCents: 9050,
      placeOfService: "02",
      modifiers: ["95", "HQ"],
      client: { id: "client-2", firstName: "Ben", lastName: "Okafor", dateOfBirth: "1990-01-02", gender: "M" },
      payer: { id: "payer-2", name: "State Medicaid", payerCode: "SKMD0", claimFilingCode: "MC" },
      diagnosisCodes: ["F43.10"],
    }),
    makeLine({ lineId: uuid(103), serviceDate: "2024-03-12", diagnosisCodes: ["F33.1"] }),
  ]);
}
