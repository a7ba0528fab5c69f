/**
 * The loops a clearinghouse checks for who is billed and by whom (issue 14): subscriber and patient by
 * relationship, DMG sex, N3/N4 addresses, the billing provider's ZIP+4, the rendering person with taxonomy,
 * the supervising provider, and CLM01. Every file is parsed by node-x12 in strict mode and read back.
 */
import { X12Parser, X12Segment, type X12Interchange } from "node-x12";
import { exportX12_837P, type FrozenBatch } from "../../../../server/src/domain/export/index.js";
import { makeBatch, makeLine, uuid } from "./fixtures.js";

function segments(edi: string): X12Segment[] {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}

const v = (seg: X12Segment | undefined, position: number): string => seg?.valueOf(position, "") ?? "";
const fields = (seg: X12Segment | undefined): string[] => (seg ? seg.elements.map((e) => e.value) : []);

/** The segments from one HL up to the next HL (a loop and its children other than HLs). */
function hlLoops(all: X12Segment[]): X12Segment[][] {
  const loops: X12Segment[][] = [];
  for (const seg of all) {
    if (seg.tag === "HL") loops.push([]);
    if (loops.length > 0) loops[loops.length - 1]!.push(seg);
  }
  return loops;
}

function exported(batch: FrozenBatch): X12Segment[] {
  return segments(exportX12_837P(batch));
}

const PARENT_HOME = { line1: "40 Elm St", line2: null, city: "Quincy", state: "MA", zip: "021691234" };

describe("2000B/2010BA when the member is the insured (SELF)", () => {
  const all = exported(makeBatch([makeLine({ lineId: uuid(1), relationship: "SELF", client: { gender: "M", firstName: "Ben", lastName: "Okafor", dateOfBirth: "1990-01-02" } })]));
  const [, subscriberLoop] = hlLoops(all);

  it("has no patient loop: HL04 0, SBR02 18, the claims under 2000B", () => {
    expect(fields(subscriberLoop![0])).toEqual(["2", "1", "22", "0"]);
    expect(v(subscriberLoop!.find((s) => s.tag === "SBR"), 2)).toBe("18");
    expect(hlLoops(all)).toHaveLength(2);
    expect(all.some((s) => s.tag === "PAT")).toBe(false);
    expect(subscriberLoop!.some((s) => s.tag === "CLM")).toBe(true);
  });

  it("names the member with address and DMG sex in 2010BA", () => {
    const at = subscriberLoop!.findIndex((s) => s.tag === "NM1" && v(s, 1) === "IL");
    expect(fields(subscriberLoop![at])).toEqual(["IL", "1", "OKAFOR", "BEN", "", "", "", "MI", "MBR0001"]);
    expect(subscriberLoop![at + 1]!.tag).toBe("N3");
    expect(fields(subscriberLoop![at + 1])).toEqual(["12 OAK AVE", "APT 3"]);
    expect(fields(subscriberLoop![at + 2])).toEqual(["SPRINGFIELD", "IL", "62704"]);
    expect(fields(subscriberLoop![at + 3])).toEqual(["D8", "19900102", "M"]);
  });
});

describe("2000B/2010BA and 2000C/2010CA when the member is the insured's child", () => {
  const batch = makeBatch([
    makeLine({
      lineId: uuid(2),
      memberId: "FAM-778",
      relationship: "CHILD",
      client: { firstName: "Chloe", lastName: "Nguyen", dateOfBirth: "2008-04-12", gender: "F", address: { line1: "40 Elm St", city: "Quincy", state: "MA", zip: "02169" } },
      subscriber: { firstName: "Linh", lastName: "Nguyen", dateOfBirth: "1979-09-03", gender: "F", address: PARENT_HOME },
    }),
    makeLine({ lineId: uuid(3), client: { id: "client-2", firstName: "Ben", lastName: "Okafor", gender: "M" }, memberId: "ZX1" }),
  ]);
  const all = exported(batch);
  const loops = hlLoops(all);

  it("nests a patient loop under the subscriber: HL numbering and parents, HL04 1, SBR02 empty", () => {
    expect(loops.map((l) => fields(l[0]))).toEqual([
      ["1", "", "20", "1"],
      ["2", "1", "22", "1"],
      ["3", "2", "23", "0"],
      ["4", "1", "22", "0"],
    ]);
    const sbr = loops[1]!.find((s) => s.tag === "SBR")!;
    expect(v(sbr, 1)).toBe("P");
    expect(v(sbr, 2)).toBe("");
    expect(v(sbr, 9)).toBe("CI");
  });

  it("names the insured parent in 2010BA with the member id, address and DMG, and no claim there", () => {
    const loop = loops[1]!;
    expect(loop.map((s) => s.tag)).toEqual(["HL", "SBR", "NM1", "N3", "N4", "DMG", "NM1"]);
    expect(fields(loop[2])).toEqual(["IL", "1", "NGUYEN", "LINH", "", "", "", "MI", "FAM-778"]);
    expect(fields(loop[3])).toEqual(["40 ELM ST"]);
    expect(fields(loop[4])).toEqual(["QUINCY", "MA", "021691234"]);
    expect(fields(loop[5])).toEqual(["D8", "19790903", "F"]);
    expect(fields(loop[6])).toEqual(["PR", "2", "ACME HEALTH", "", "", "", "", "PI", "ACME1"]);
  });

  it("names the child in 2010CA with PAT01 19, address and DMG, and carries the claim there", () => {
    const loop = loops[2]!;
    expect(loop.slice(0, 6).map((s) => s.tag)).toEqual(["HL", "PAT", "NM1", "N3", "N4", "DMG"]);
    expect(fields(loop[1])).toEqual(["19"]);
    expect(fields(loop[2])).toEqual(["QC", "1", "NGUYEN", "CHLOE"]);
    expect(fields(loop[3])).toEqual(["40 ELM ST"]);
    expect(fields(loop[4])).toEqual(["QUINCY", "MA", "02169"]);
    expect(fields(loop[5])).toEqual(["D8", "20080412", "F"]);
    expect(v(loop.find((s) => s.tag === "CLM"), 1)).toBe(batch.lines[0]!.patientControlNumber);
  });

  it("writes PAT01 01 for a spouse and G8 for another dependent", () => {
    for (const [relationship, code] of [["SPOUSE", "01"], ["OTHER", "G8"]] as const) {
      const one = exported(makeBatch([{ ...batch.lines[0]!, relationship }]));
      expect(v(one.find((s) => s.tag === "PAT"), 1)).toBe(code);
    }
  });
});

describe("2010AA billing provider", () => {
  it("writes the street address and the 9-digit ZIP+4", () => {
    const all = exported(makeBatch([makeLine()], { practice: { ...makeBatch([]).practice, address: { line1: "100 Main St", line2: "Suite 4", city: "Springfield", state: "IL", zip: "62701-1234" } } }));
    const at = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "85");
    expect(fields(all[at + 1])).toEqual(["100 MAIN ST", "SUITE 4"]);
    expect(fields(all[at + 2])).toEqual(["SPRINGFIELD", "IL", "627011234"]);
    expect(fields(all[at + 3])).toEqual(["EI", "123456789"]);
  });
});

describe("2300 and 2310B/2310D", () => {
  it("writes CLM01 as the patient control number", () => {
    const all = exported(makeBatch([makeLine({ patientControlNumber: "B12345678L99" })]));
    expect(fields(all.find((s) => s.tag === "CLM")).slice(0, 2)).toEqual(["B12345678L99", "125"]);
  });

  it("names the rendering provider as a person by legal names, with PRV*PE*PXC taxonomy", () => {
    const all = exported(makeBatch([makeLine({ renderingProvider: { name: "Dr. Amara Obi, PhD", npi: "1467531947", firstName: "Amara", lastName: "Obi", taxonomyCode: "103t00000x" } })]));
    const at = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "82");
    expect(fields(all[at])).toEqual(["82", "1", "OBI", "AMARA", "", "", "", "XX", "1467531947"]);
    expect(fields(all[at + 1])).toEqual(["PE", "PXC", "103T00000X"]);
    expect(all[at + 2]!.tag).toBe("LX");
  });

  it("leaves PRV out when no taxonomy is recorded, and splits a display name without honorific for old lines", () => {
    const all = exported(makeBatch([makeLine({ renderingProvider: { name: "Dr. Amara Obi, PhD", npi: "1467531947" } })]));
    const at = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "82");
    expect(fields(all[at])).toEqual(["82", "1", "OBI", "AMARA", "", "", "", "XX", "1467531947"]);
    expect(all[at + 1]!.tag).toBe("LX");
  });

  it("adds 2310D NM1*DQ for a supervised session, after the rendering provider", () => {
    const all = exported(
      makeBatch([
        makeLine({
          renderingProvider: { name: "Robin Lee", npi: "1234567893", firstName: "Robin", lastName: "Lee", taxonomyCode: "1041C0700X" },
          supervisingProvider: { firstName: "Amara", lastName: "Obi", npi: "1467531947" },
        }),
      ]),
    );
    const tags = all.map((s) => `${s.tag}${s.tag === "NM1" ? `*${v(s, 1)}` : ""}`);
    const rendering = tags.indexOf("NM1*82");
    expect(tags.slice(rendering, rendering + 4)).toEqual(["NM1*82", "PRV", "NM1*DQ", "LX"]);
    expect(fields(all[rendering + 2])).toEqual(["DQ", "1", "OBI", "AMARA", "", "", "", "XX", "1467531947"]);
  });

  it("has no 2310D without a supervisor", () => {
    expect(exported(makeBatch([makeLine()])).some((s) => s.tag === "NM1" && v(s, 1) === "DQ")).toBe(false);
  });
});

describe("$0 lines", () => {
  it("are never written: the whole file is refused, naming the line", () => {
    expect(() => exportX12_837P(makeBatch([makeLine(), makeLine({ lineId: uuid(9), chargeCents: 0 })]))).toThrow(/lines\[1\]\.chargeCents.*\$0 line is never sent/);
  });
});

describe("ISA15 and the clearinghouse ids", () => {
  it("come from the batch: sender in ISA06/GS02/1000A, receiver in ISA08/GS03/1000B, usage in ISA15", () => {
    const edi = exportX12_837P(makeBatch([makeLine()], { usageIndicator: "P", submitter: { name: "Harbor Billing", id: "HARBOR01", contactName: "Morgan Ellis", contactPhone: "6175550142" }, receiver: { name: "Harbor Claims Exchange", id: "HCX01" } }));
    const parser = new X12Parser(true);
    const interchange = parser.parse(edi) as X12Interchange;
    expect(v(interchange.header, 6).trim()).toBe("HARBOR01");
    expect(v(interchange.header, 8).trim()).toBe("HCX01");
    expect(v(interchange.header, 15)).toBe("P");
    const gs = interchange.functionalGroups[0]!.header;
    expect([v(gs, 2), v(gs, 3)]).toEqual(["HARBOR01", "HCX01"]);
    const all = interchange.functionalGroups[0]!.transactions[0]!.segments;
    expect(fields(all.find((s) => s.tag === "NM1" && v(s, 1) === "41"))).toEqual(["41", "2", "HARBOR BILLING", "", "", "", "", "46", "HARBOR01"]);
    expect(fields(all.find((s) => s.tag === "PER"))).toEqual(["IC", "MORGAN ELLIS", "TE", "6175550142"]);
    expect(fields(all.find((s) => s.tag === "NM1" && v(s, 1) === "40"))).toEqual(["40", "2", "HARBOR CLAIMS EXCHANGE", "", "", "", "", "46", "HCX01"]);
  });
});

describe("2300 claim frequency and REF*F8 (replacement and void claims)", () => {
  const claimOf = (all: X12Segment[], pcn: string): X12Segment[] => {
    const start = all.findIndex((s) => s.tag === "CLM" && v(s, 1) === pcn);
    const end = all.findIndex((s, i) => i > start && (s.tag === "CLM" || s.tag === "HL" || s.tag === "SE"));
    return all.slice(start, end);
  };

  it("writes CLM05-3 1 and no REF*F8 for an original claim", () => {
    const all = exported(makeBatch([makeLine({ lineId: uuid(301) })]));
    const claim = claimOf(all, "P301");
    expect(v(claim[0], 5)).toBe("11:B:1");
    expect(claim.filter((s) => s.tag === "REF")).toEqual([]);
  });

  it("writes a replacement (7) and a void (8) with REF*F8 after REF*G1, and a replacement whose payer number is unknown without F8", () => {
    const all = exported(
      makeBatch([
        makeLine({ lineId: uuid(302), frequencyCode: "7", originalPayerClaimNumber: "ICN2026031000042", priorAuthorizationNumber: "AUTH-9" }),
        makeLine({ lineId: uuid(303), frequencyCode: "8", originalPayerClaimNumber: "ICN77" }),
        makeLine({ lineId: uuid(304), frequencyCode: "7" }),
      ]),
    );
    const replacement = claimOf(all, "P302");
    expect(v(replacement[0], 5)).toBe("11:B:7");
    expect(replacement.slice(1, 3).map(fields)).toEqual([
      ["G1", "AUTH-9"],
      ["F8", "ICN2026031000042"],
    ]);
    const voided = claimOf(all, "P303");
    expect(v(voided[0], 5)).toBe("11:B:8");
    expect(fields(voided[1])).toEqual(["F8", "ICN77"]);
    // F8 comes before HI, as the TR3 orders loop 2300.
    expect(voided[2]!.tag).toBe("HI");
    const unknown = claimOf(all, "P304");
    expect(v(unknown[0], 5)).toBe("11:B:7");
    expect(unknown.filter((s) => s.tag === "REF")).toEqual([]);
  });

  it("refuses a payer claim number on an original claim and an unknown frequency, naming the line", () => {
    expect(() => exportX12_837P(makeBatch([makeLine({ lineId: uuid(305), originalPayerClaimNumber: "ICN1" })]))).toThrow(/lines\[0\]\.originalPayerClaimNumber/);
    expect(() => exportX12_837P(makeBatch([makeLine({ lineId: uuid(306), frequencyCode: "5" as never })]))).toThrow(/lines\[0\]\.frequencyCode/);
  });
});

describe("secondary claims: 2000B SBR01 S, 2320 and 2330A/2330B", () => {
  const primary = {
    payer: { name: "Acme Health", payerCode: "ACME1", claimFilingCode: "CI" },
    memberId: "PRI-555",
    relationship: "CHILD" as const,
    subscriber: { firstName: "Linh", lastName: "Nguyen" },
    paidCents: 7000,
    adjudicatedOn: "2024-04-02",
    adjustments: [
      { group: "CO", reason: "45", amountCents: 3000 },
      { group: "PR", reason: "1", amountCents: 1500 },
      { group: "CO", reason: "253", amountCents: 250 },
      { group: "PR", reason: "2", amountCents: 750 },
    ],
  };
  const secondary = () =>
    makeLine({ lineId: uuid(401), payerSequence: "S", payer: { id: "payer-2", name: "State Medicaid", payerCode: "SKMD0", claimFilingCode: "MC" }, memberId: "SEC-1", chargeCents: 12500, otherPayer: primary });

  it("writes SBR01 S, then after 2310B: SBR, one CAS per group with its reasons in order, AMT*D, OI, NM1*IL, NM1*PR, DTP*573, before LX", () => {
    const all = exported(makeBatch([secondary()]));
    expect(fields(all.find((s) => s.tag === "SBR"))).toEqual(["S", "18", "", "", "", "", "", "", "MC"]);
    const from = all.findIndex((s) => s.tag === "NM1" && v(s, 1) === "82");
    const to = all.findIndex((s) => s.tag === "LX");
    const tail = all.slice(from + 1, to);
    expect(tail.map((s) => fields(s))).toEqual([
      ["P", "19", "", "", "", "", "", "", "CI"],
      ["CO", "45", "30", "", "253", "2.5"],
      ["PR", "1", "15", "", "2", "7.5"],
      ["D", "70"],
      ["", "", "Y", "", "", "Y"],
      ["IL", "1", "NGUYEN", "LINH", "", "", "", "MI", "PRI-555"],
      ["PR", "2", "ACME HEALTH", "", "", "", "", "PI", "ACME1"],
      ["573", "D8", "20240402"],
    ]);
    expect(tail.map((s) => s.tag)).toEqual(["SBR", "CAS", "CAS", "AMT", "OI", "NM1", "NM1", "DTP"]);
    // Balanced as the TR3 requires: paid plus adjustments is the charge.
    expect(70 + 30 + 2.5 + 15 + 7.5).toBe(125);
  });

  it("spills a seventh reason of one group into another CAS of that group, and refuses more than five CAS", () => {
    const seven = Array.from({ length: 7 }, (_, i) => ({ group: "CO", reason: String(40 + i), amountCents: 100 }));
    const all = exported(makeBatch([makeLine({ ...secondary(), otherPayer: { ...primary, adjustments: seven } })]));
    const cas = all.filter((s) => s.tag === "CAS");
    expect(cas.map((s) => [v(s, 1), Math.ceil((s.elements.length - 1) / 3)])).toEqual([
      ["CO", 6],
      ["CO", 1],
    ]);
    const many = Array.from({ length: 31 }, (_, i) => ({ group: "CO", reason: String(i + 1), amountCents: 1 }));
    expect(() => exportX12_837P(makeBatch([makeLine({ ...secondary(), otherPayer: { ...primary, adjustments: many } })]))).toThrow(/lines\[0\]\.otherPayer\.adjustments/);
  });

  it("refuses a secondary claim without the primary's adjudication, and a primary one with it", () => {
    expect(() => exportX12_837P(makeBatch([makeLine({ lineId: uuid(402), payerSequence: "S" })]))).toThrow(/lines\[0\]\.otherPayer/);
    expect(() => exportX12_837P(makeBatch([makeLine({ lineId: uuid(403), otherPayer: primary })]))).toThrow(/lines\[0\]\.otherPayer/);
  });
});
