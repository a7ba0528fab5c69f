import { X12Interchange, X12Parser, X12Segment } from "node-x12";
import { ClaimExportError, exportX12_837P, type FrozenBatch } from "../../../../server/src/domain/export/index.js";
import { makeBatch, makeLine, pcnOf, twoMemberBatch, uuid } from "./fixtures.js";

/** Strict mode makes node-x12 throw on envelope/count mismatches instead of just recording diagnostics. */
function parse(edi: string): X12Interchange {
  const parser = new X12Parser(true);
  const result = parser.parse(edi);
  expect(parser.diagnostics).toEqual([]);
  expect(result).toBeInstanceOf(X12Interchange);
  return result as X12Interchange;
}

function body(edi: string): X12Segment[] {
  const interchange = parse(edi);
  expect(interchange.functionalGroups).toHaveLength(1);
  expect(interchange.functionalGroups[0]!.transactions).toHaveLength(1);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}

const v = (seg: X12Segment, position: number): string => seg.valueOf(position, "") ?? "";

interface ClaimView {
  clm: X12Segment;
  hi: X12Segment;
  rendering: X12Segment;
  lx: X12Segment;
  sv1: X12Segment;
  dtp: X12Segment;
}
interface SubscriberView {
  hl: X12Segment;
  sbr: X12Segment;
  subscriber: X12Segment;
  payer: X12Segment;
  segments: X12Segment[];
  claims: ClaimView[];
}

/** Splits the transaction body into 2000B loops and their claims, by walking HL and CLM boundaries. */
function subscribers(segments: X12Segment[]): SubscriberView[] {
  const loops: X12Segment[][] = [];
  for (const seg of segments) {
    if (seg.tag === "HL" && v(seg, 3) === "22") loops.push([]);
    if (loops.length > 0) loops[loops.length - 1]!.push(seg);
  }
  return loops.map((loop) => {
    const find = (tag: string, q?: string) => loop.find((s) => s.tag === tag && (q === undefined || v(s, 1) === q))!;
    const claims: ClaimView[] = [];
    loop.forEach((seg, i) => {
      if (seg.tag !== "CLM") return;
      const end = loop.findIndex((s, j) => j > i && s.tag === "CLM");
      const part = loop.slice(i, end < 0 ? undefined : end);
      const pick = (tag: string, q?: string) => part.find((s) => s.tag === tag && (q === undefined || v(s, 1) === q))!;
      claims.push({ clm: seg, hi: pick("HI"), rendering: pick("NM1", "82"), lx: pick("LX"), sv1: pick("SV1"), dtp: pick("DTP", "472") });
    });
    return { hl: loop[0]!, sbr: find("SBR"), subscriber: find("NM1", "IL"), payer: find("NM1", "PR"), segments: loop, claims };
  });
}

function allClaims(edi: string): ClaimView[] {
  return subscribers(body(edi)).flatMap((s) => s.claims);
}

describe("exportX12_837P envelope", () => {
  const edi = exportX12_837P(twoMemberBatch());

  it("is accepted by the independent node-x12 parser in strict mode", () => {
    expect(() => parse(edi)).not.toThrow();
  });

  it("writes a 106-character ISA with the declared delimiters", () => {
    const isa = edi.slice(0, edi.indexOf("~") + 1);
    expect(isa).toHaveLength(106);
    expect(isa).toBe(
      "ISA*00*          *00*          *ZZ*SUB12345       *ZZ*CLEARHOUSE     *240310*1504*^*00501*000000042*0*T*:~",
    );
    const header = parse(edi).header;
    expect(v(header, 11)).toBe("^");
    expect(v(header, 12)).toBe("00501");
    expect(v(header, 15)).toBe("T");
    expect(v(header, 16)).toBe(":");
  });

  it("pairs every control number with its trailer", () => {
    const interchange = parse(edi);
    const group = interchange.functionalGroups[0]!;
    const tx = group.transactions[0]!;
    // node-x12 normalises ISA13/IEA02 to integers, so compare the raw text as well.
    expect(edi).toMatch(/\*000000042\*0\*T\*:~/);
    expect(edi).toMatch(/IEA\*1\*000000042~\n$/);
    expect(v(interchange.trailer, 2)).toBe(v(interchange.header, 13));
    expect(v(group.trailer, 2)).toBe(v(group.header, 6));
    expect(v(group.header, 6)).toBe("42");
    expect(v(tx.trailer, 2)).toBe(v(tx.header, 2));
    expect(v(tx.header, 1)).toBe("837");
    expect(v(tx.header, 3)).toBe("005010X222A1");
    expect(v(group.header, 8)).toBe("005010X222A1");
  });

  it("counts ST through SE in SE01, and transactions in GE01", () => {
    const raw = edi.split("~\n").filter((s) => s !== "");
    const st = raw.findIndex((s) => s.startsWith("ST*"));
    const se = raw.findIndex((s) => s.startsWith("SE*"));
    expect(raw[se]!.split("*")[1]).toBe(String(se - st + 1));
    const interchange = parse(edi);
    const group = interchange.functionalGroups[0]!;
    expect(v(group.transactions[0]!.trailer, 1)).toBe(String(group.transactions[0]!.segments.length + 2));
    expect(v(group.trailer, 1)).toBe(String(group.transactions.length));
    expect(raw.filter((s) => s.startsWith("ST*"))).toHaveLength(Number(v(group.trailer, 1)));
    expect(v(interchange.trailer, 1)).toBe("1");
  });

  it("terminates every segment with ~ and a newline, one segment per line", () => {
    expect(edi.endsWith("~\n")).toBe(true);
    for (const line of edi.slice(0, -1).split("\n")) expect(line).toMatch(/^[A-Z][A-Z0-9]{1,2}\*[^~]*~$/);
  });

  it("writes BHT, submitter, receiver and billing provider loops", () => {
    const segs = body(edi);
    const tags = segs.slice(0, 10).map((s) => s.tag);
    expect(tags).toEqual(["BHT", "NM1", "PER", "NM1", "HL", "PRV", "NM1", "N3", "N4", "REF"]);
    expect(segs[0]!.elements.map((e) => e.value)).toEqual(["0019", "00", "42", "20240310", "1504", "CH"]);
    expect(segs[1]!.elements.map((e) => e.value)).toEqual(["41", "2", "RIVERSIDE GROUP THERAPY", "", "", "", "", "46", "SUB12345"]);
    expect(segs[2]!.elements.map((e) => e.value)).toEqual(["IC", "BILLING OFFICE", "TE", "2175550101"]);
    expect(segs[3]!.elements.map((e) => e.value)).toEqual(["40", "2", "CLEARINGHOUSE INC", "", "", "", "", "46", "CLEARHOUSE"]);
    expect(segs[4]!.elements.map((e) => e.value)).toEqual(["1", "", "20", "1"]);
    expect(segs[5]!.elements.map((e) => e.value)).toEqual(["BI", "PXC", "261QM0801X"]);
    expect(segs[6]!.elements.map((e) => e.value)).toEqual(["85", "2", "RIVERSIDE GROUP THERAPY", "", "", "", "", "XX", "1245319599"]);
    expect(v(segs[7]!, 1)).toBe("100 MAIN ST");
    expect(segs[8]!.elements.map((e) => e.value)).toEqual(["SPRINGFIELD", "IL", "627011234"]);
    expect(segs[9]!.elements.map((e) => e.value)).toEqual(["EI", "123456789"]);
  });

  it("is deterministic for the same frozen batch", () => {
    expect(exportX12_837P(twoMemberBatch())).toBe(edi);
  });
});

describe("exportX12_837P subscribers and claims", () => {
  const edi = exportX12_837P(twoMemberBatch());

  it("gives two members with three lines two subscriber loops and three claims", () => {
    const subs = subscribers(body(edi));
    expect(subs).toHaveLength(2);
    expect(subs.map((s) => s.claims.length)).toEqual([2, 1]);
    expect(body(edi).filter((s) => s.tag === "CLM")).toHaveLength(3);
  });

  it("numbers HL loops and parents every 2000B on the billing provider", () => {
    const segs = body(edi);
    const hls = segs.filter((s) => s.tag === "HL");
    expect(hls.map((h) => h.elements.map((e) => e.value))).toEqual([
      ["1", "", "20", "1"],
      ["2", "1", "22", "0"],
      ["3", "1", "22", "0"],
    ]);
  });

  it("identifies subscriber and payer in each 2000B", () => {
    const [ana, ben] = subscribers(body(edi));
    expect(ana!.sbr.elements.map((e) => e.value)).toEqual(["P", "18", "", "", "", "", "", "", "CI"]);
    expect(ana!.subscriber.elements.map((e) => e.value)).toEqual(["IL", "1", "LOPEZ", "ANA", "", "", "", "MI", "MBR0001"]);
    expect(ana!.segments.find((s) => s.tag === "DMG")!.elements.map((e) => e.value)).toEqual(["D8", "19850714", "F"]);
    expect(ana!.payer.elements.map((e) => e.value)).toEqual(["PR", "2", "ACME HEALTH", "", "", "", "", "PI", "ACME1"]);
    expect(v(ben!.sbr, 9)).toBe("MC");
    expect(v(ben!.subscriber, 9)).toBe("ZX998877");
    expect(v(ben!.payer, 9)).toBe("SKMD0");
  });

  it("writes one CLM per line with its charge and place of service", () => {
    const claims = allClaims(edi);
    expect(claims.map((c) => v(c.clm, 1))).toEqual([uuid(101), uuid(103), uuid(102)].map(pcnOf));
    expect(claims.map((c) => v(c.clm, 2))).toEqual(["125", "125", "90.5"]);
    expect(claims.map((c) => v(c.clm, 5))).toEqual(["11:B:1", "11:B:1", "02:B:1"]);
    for (const c of claims) {
      expect(c.clm.elements.slice(5).map((e) => e.value)).toEqual(["Y", "A", "Y", "Y"]);
      expect(v(c.clm, 1).length).toBeLessThanOrEqual(38);
    }
  });

  it("formats amounts in X12 decimal form without insignificant zeros", () => {
    const cents = [12500, 12550, 12555, 5, 100];
    const claims = allClaims(exportX12_837P(makeBatch(cents.map((c) => makeLine({ chargeCents: c })))));
    expect(claims.map((c) => v(c.clm, 2))).toEqual(["125", "125.5", "125.55", "0.05", "1"]);
    expect(claims.map((c) => v(c.sv1, 2))).toEqual(claims.map((c) => v(c.clm, 2)));
  });

  it("lists the principal diagnosis as ABK and the rest as ABF, without dots", () => {
    const edi2 = exportX12_837P(makeBatch([makeLine({ diagnosisCodes: ["F33.1", "f41.1", "Z63.0", "F43.10"] })]));
    const [claim] = allClaims(edi2);
    expect(claim!.hi.elements.map((e) => e.value)).toEqual(["ABK:F331", "ABF:F411", "ABF:Z630", "ABF:F4310"]);
    expect(edi2).toContain("HI*ABK:F331*ABF:F411*ABF:Z630*ABF:F4310~");
  });

  it("writes SV1 with the procedure, modifiers, charge and units", () => {
    const claims = allClaims(edi);
    expect(claims[0]!.sv1.elements.map((e) => e.value)).toEqual(["HC:90853:HQ", "125", "UN", "1", "", "", "1:2"]);
    expect(claims[1]!.sv1.elements.map((e) => e.value)).toEqual(["HC:90853", "125", "UN", "1", "", "", "1"]);
    expect(claims[2]!.sv1.elements.map((e) => e.value)).toEqual(["HC:90853:95:HQ", "90.5", "UN", "1", "", "", "1"]);
    const four = allClaims(exportX12_837P(makeBatch([makeLine({ modifiers: ["95", "hq", "AJ", "GT"] })])))[0]!;
    expect(v(four.sv1, 1)).toBe("HC:90853:95:HQ:AJ:GT");
  });

  it("points every SV1 diagnosis pointer at an existing HI code, at most four", () => {
    const batch = makeBatch([
      makeLine({ diagnosisCodes: ["F33.1"] }),
      makeLine({ diagnosisCodes: ["F33.1", "F41.1", "Z63.0"] }),
      makeLine({ diagnosisCodes: ["F33.1", "F41.1", "Z63.0", "F43.10", "F90.0", "F10.20"] }),
      makeLine({ diagnosisCodes: ["F33.1", "F41.1", "F33.1"] }),
    ]);
    const claims = allClaims(exportX12_837P(batch));
    expect(claims.map((c) => v(c.sv1, 7))).toEqual(["1", "1:2:3", "1:2:3:4", "1:2"]);
    for (const c of claims) {
      const pointers = v(c.sv1, 7).split(":").map(Number);
      expect(pointers.length).toBeGreaterThanOrEqual(1);
      expect(pointers.length).toBeLessThanOrEqual(4);
      for (const p of pointers) {
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(1);
        expect(p).toBeLessThanOrEqual(c.hi.elements.length);
      }
    }
    // A repeated code is sent once, so the pointers cannot point at a duplicate.
    expect(claims[3]!.hi.elements.map((e) => e.value)).toEqual(["ABK:F331", "ABF:F411"]);
  });

  it("dates each service line with DTP*472", () => {
    const claims = allClaims(edi);
    expect(claims.map((c) => c.dtp.elements.map((e) => e.value))).toEqual([
      ["472", "D8", "20240305"],
      ["472", "D8", "20240312"],
      ["472", "D8", "20240305"],
    ]);
    for (const c of claims) expect(c.lx.elements.map((e) => e.value)).toEqual(["1"]);
  });

  it("names the rendering provider in 2310B, splitting on the last space", () => {
    const batch = makeBatch([
      makeLine({ renderingProvider: { name: "Mary Ann Smith" } }),
      makeLine({ renderingProvider: { name: "Jane Doe, LCSW", npi: "1003000126" } }),
      makeLine({ renderingProvider: { name: "Prince" } }),
    ]);
    const claims = allClaims(exportX12_837P(batch));
    expect(claims.map((c) => c.rendering.elements.map((e) => e.value))).toEqual([
      ["82", "1", "SMITH", "MARY ANN", "", "", "", "XX", "1234567893"],
      ["82", "1", "DOE", "JANE", "", "", "", "XX", "1003000126"],
      ["82", "1", "PRINCE", "", "", "", "", "XX", "1234567893"],
    ]);
  });

  it("names the licensed supervisor as rendering provider and the supervised leader in a claim note", () => {
    const batch = makeBatch([
      makeLine({ renderingProvider: { name: "Mary Ann Smith", npi: "1003000126" }, supervisedLeader: { name: "Pat Peer", npi: "1234567893" } }),
      makeLine(),
    ]);
    const segments = body(exportX12_837P(batch));
    const claims = subscribers(segments).flatMap((s) => s.claims);
    expect(claims[0].rendering.elements.map((e) => e.value)).toEqual(["82", "1", "SMITH", "MARY ANN", "", "", "", "XX", "1003000126"]);
    const notes = segments.filter((seg) => seg.tag === "NTE").map((seg) => seg.elements.map((e) => e.value));
    expect(notes).toEqual([["ADD", "GROUP LED BY PAT PEER NPI 1234567893 UNDER SUPERVISION"]]);
    // The note sits in the supervised claim (2300), before its diagnoses.
    const clmAt = segments.indexOf(claims[0].clm);
    const nteAt = segments.findIndex((seg) => seg.tag === "NTE");
    expect(nteAt).toBeGreaterThan(clmAt);
    expect(nteAt).toBeLessThan(segments.indexOf(claims[0].hi));
  });

  it("puts the prior authorization number in REF*G1 of that claim only, after CLM and before HI", () => {
    const batch = makeBatch([makeLine({ priorAuthorizationNumber: "PA-2026-0042" }), makeLine()]);
    const segments = body(exportX12_837P(batch));
    const claims = subscribers(segments).flatMap((s) => s.claims);
    const refs = segments.filter((seg) => seg.tag === "REF" && v(seg, 1) === "G1");
    expect(refs.map((seg) => seg.elements.map((e) => e.value))).toEqual([["G1", "PA-2026-0042"]]);
    const refAt = segments.indexOf(refs[0]!);
    expect(refAt).toBeGreaterThan(segments.indexOf(claims[0].clm));
    expect(refAt).toBeLessThan(segments.indexOf(claims[0].hi));
  });

  it("keeps the same client on two payers in separate subscriber loops", () => {
    const batch = makeBatch([makeLine(), makeLine({ payer: { id: "payer-9", name: "Other", payerCode: "OTH01" } }), makeLine()]);
    const subs = subscribers(body(exportX12_837P(batch)));
    expect(subs.map((s) => [v(s.payer, 9), s.claims.length])).toEqual([
      ["ACME1", 2],
      ["OTH01", 1],
    ]);
  });

  it("opens another 2000B after 100 claims for one member", () => {
    const lines = Array.from({ length: 101 }, () => makeLine());
    const subs = subscribers(body(exportX12_837P(makeBatch(lines))));
    expect(subs.map((s) => s.claims.length)).toEqual([100, 1]);
    expect(subs.map((s) => [v(s.hl, 1), v(s.hl, 2)])).toEqual([
      ["2", "1"],
      ["3", "1"],
    ]);
  });

  it("adds the subscriber address when the client has one", () => {
    const batch = makeBatch([makeLine({ client: { address: { line1: "5 Elm St*Apt 2", city: "Peoria", state: "il", zip: "61602" } } })]);
    const [sub] = subscribers(body(exportX12_837P(batch)));
    expect(sub!.segments.map((s) => s.tag).slice(0, 7)).toEqual(["HL", "SBR", "NM1", "N3", "N4", "DMG", "NM1"]);
    expect(v(sub!.segments[3]!, 1)).toBe("5 ELM STAPT 2");
    expect(sub!.segments[4]!.elements.map((e) => e.value)).toEqual(["PEORIA", "IL", "61602"]);
  });

  it("refuses a member whose sex or address was never recorded (lines frozen before registration)", () => {
    const batch = makeBatch([makeLine({ client: { gender: undefined, address: undefined } })]);
    expect(() => exportX12_837P(batch)).toThrow(ClaimExportError);
    try {
      exportX12_837P(batch);
    } catch (error) {
      expect((error as ClaimExportError).problems.map((p) => p.field).sort()).toEqual(["lines[0].client.address", "lines[0].client.gender"]);
    }
  });
});

describe("exportX12_837P free text", () => {
  it("strips delimiter characters from names and upper-cases them", () => {
    const batch = makeBatch(
      [
        makeLine({
          client: { lastName: "O'Brien*Smith~", firstName: "Zoë:^Ann" },
          payer: { name: "Blue^Cross: Plan*~" },
          renderingProvider: { name: "Dr:Jo^hn Sm*ith~" },
        }),
      ],
      {
        practice: { ...makeBatch([]).practice, name: "Mind*Works~ Group: ^Therapy" },
        submitter: { ...makeBatch([]).submitter, name: "Sub~mit:ter", contactName: "Pat*Biller" },
        receiver: { name: "Clear^House", id: "CLEARHOUSE" },
      },
    );
    const edi = exportX12_837P(batch);
    const segs = body(edi);
    const [sub] = subscribers(segs);
    expect(v(sub!.subscriber, 3)).toBe("O'BRIENSMITH");
    expect(v(sub!.subscriber, 4)).toBe("ZOEANN");
    expect(v(sub!.payer, 3)).toBe("BLUECROSS PLAN");
    expect(v(sub!.claims[0]!.rendering, 3)).toBe("SMITH");
    expect(v(sub!.claims[0]!.rendering, 4)).toBe("DRJOHN");
    expect(v(segs.find((s) => s.tag === "NM1" && v(s, 1) === "85")!, 3)).toBe("MINDWORKS GROUP THERAPY");
    expect(v(segs.find((s) => s.tag === "NM1" && v(s, 1) === "41")!, 3)).toBe("SUBMITTER");
    expect(v(segs.find((s) => s.tag === "PER")!, 2)).toBe("PATBILLER");
    expect(v(segs.find((s) => s.tag === "NM1" && v(s, 1) === "40")!, 3)).toBe("CLEARHOUSE");
    // Only the ISA may carry ^ (ISA11) and : (ISA16); no free text leaks a delimiter anywhere else.
    const afterIsa = edi.slice(edi.indexOf("~\n") + 2);
    expect(afterIsa.replace(/~\n/g, "")).not.toMatch(/[~^]/);
  });

  it("turns line breaks and tabs in names into single spaces", () => {
    const batch = makeBatch([makeLine({ client: { lastName: "Van\nder\t  Berg" } })]);
    const [sub] = subscribers(body(exportX12_837P(batch)));
    expect(v(sub!.subscriber, 3)).toBe("VAN DER BERG");
  });
});

describe("exportX12_837P validation", () => {
  const base = () => twoMemberBatch();
  const withLine = (patch: Parameters<typeof makeLine>[0]): FrozenBatch => makeBatch([makeLine(patch)]);

  it.each<[string, () => FrozenBatch, RegExp]>([
    ["an empty batch", () => makeBatch([]), /no lines/],
    ["a tax id that is not 9 digits", () => ({ ...base(), practice: { ...base().practice, taxId: "12345678" } }), /taxId/],
    ["a line without diagnosis codes", () => withLine({ diagnosisCodes: [] }), /diagnosis/],
    ["more than 12 diagnosis codes", () => withLine({ diagnosisCodes: Array.from({ length: 13 }, (_, i) => `F${10 + i}.1`) }), /at most 12/],
    ["a malformed diagnosis code", () => withLine({ diagnosisCodes: ["33.1"] }), /ICD-10/],
    ["more than 4 modifiers", () => withLine({ modifiers: ["95", "HQ", "AJ", "GT", "59"] }), /at most 4 modifiers/],
    ["a malformed modifier", () => withLine({ modifiers: ["H"] }), /modifier/],
    ["a control number of 0", () => ({ ...base(), controlNumber: 0 }), /controlNumber/],
    ["a control number over 9 digits", () => ({ ...base(), controlNumber: 1_000_000_000 }), /controlNumber/],
    ["a bad practice NPI", () => ({ ...base(), practice: { ...base().practice, npi: "12345" } }), /practice\.npi/],
    ["a bad rendering NPI", () => withLine({ renderingProvider: { npi: "abc" } }), /renderingProvider\.npi/],
    ["a bad taxonomy code", () => ({ ...base(), practice: { ...base().practice, taxonomyCode: "261Q" } }), /taxonomy/],
    ["an impossible service date", () => withLine({ serviceDate: "2024-02-30" }), /serviceDate/],
    ["a malformed date of birth", () => withLine({ client: { dateOfBirth: "07/14/1985" } }), /dateOfBirth/],
    ["a member id containing a delimiter", () => withLine({ memberId: "AB*12" }), /memberId/],
    ["a prior authorization number containing a delimiter", () => withLine({ priorAuthorizationNumber: "PA~1" }), /priorAuthorizationNumber/],
    ["a blank prior authorization number", () => withLine({ priorAuthorizationNumber: " " }), /prior authorization number/],
    ["a submitter id longer than 15", () => ({ ...base(), submitter: { ...base().submitter, id: "1234567890123456" } }), /submitter\.id/],
    ["a negative charge", () => withLine({ chargeCents: -100 }), /chargeCents/],
    ["zero units", () => withLine({ units: 0 }), /units/],
    ["a two-digit place of service", () => withLine({ placeOfService: "1" }), /placeOfService/],
    ["a duplicate patient control number", () => makeBatch([makeLine({ lineId: uuid(7) }), makeLine({ lineId: uuid(8), patientControlNumber: pcnOf(uuid(7)) })]), /more than once/],
    ["a patient control number over 20 characters", () => withLine({ patientControlNumber: "B123456789012345678L1" }), /patient control number/],
    ["a 5-digit billing provider ZIP", () => ({ ...base(), practice: { ...base().practice, address: { ...base().practice.address, zip: "62701" } } }), /ZIP\+4/],
    ["a billing provider PO box", () => ({ ...base(), practice: { ...base().practice, address: { ...base().practice.address, line1: "PO Box 12" } } }), /PO box/],
    ["a dependent without the insured person", () => withLine({ relationship: "CHILD" }), /insured person is required/],
    ["a blank client last name", () => withLine({ client: { lastName: " *~ " } }), /lastName/],
    ["an invalid contact phone", () => ({ ...base(), submitter: { ...base().submitter, contactPhone: "555-0101" } }), /contactPhone/],
    ["an invalid practice state", () => ({ ...base(), practice: { ...base().practice, address: { ...base().practice.address, state: "Illinois" } } }), /state/],
    ["an invalid createdAt", () => ({ ...base(), createdAt: new Date("nope") }), /createdAt/],
  ])("rejects %s", (_name, build, message) => {
    expect(() => exportX12_837P(build())).toThrow(message);
  });

  it("accepts a hyphenated EIN and ZIP+4 and writes them as digits", () => {
    const b = base();
    const edi = exportX12_837P({
      ...b,
      practice: { ...b.practice, taxId: "12-3456789", address: { ...b.practice.address, zip: "62701-1234" } },
    });
    expect(edi).toContain("REF*EI*123456789~");
    expect(edi).toContain("N4*SPRINGFIELD*IL*627011234~");
  });
});

describe("exportX12_837P on data stored before input validation", () => {
  it("reports every value it cannot write, by its path in the batch and naming the line, in one error", () => {
    const batch = makeBatch(
      [
        makeLine({ memberId: "AB*12", client: { firstName: "Ana", lastName: "Lopez" }, serviceDate: "2024-03-05" }),
        makeLine({ client: { id: "client-9", lastName: "李" }, payer: { payerCode: "X" } }),
        makeLine({ renderingProvider: { name: ", LCSW" } }),
      ],
      { practice: { ...makeBatch([]).practice, name: "~~~", address: { line1: "1 Main St", city: "Z", state: "IL", zip: "627011234" } } },
    );
    let thrown: unknown;
    try {
      exportX12_837P(batch);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ClaimExportError);
    const problems = (thrown as ClaimExportError).problems;
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        "practice.name",
        "practice.address.city",
        "lines[0].memberId",
        "lines[1].client.lastName",
        "lines[1].payer.payerCode",
        "lines[2].renderingProvider.name",
      ].sort(),
    );
    expect(problems.find((p) => p.field === "lines[0].memberId")!.message).toMatch(/^Line 1 \(Ana Lopez, 2024-03-05\): the member ID cannot contain "\*"/);
  });

  it("folds and cleans legacy names in the documented way instead of failing", () => {
    const batch = makeBatch([makeLine({ client: { lastName: "Ørsted*", firstName: "李 Zoë" }, payer: { name: "Acme`Health" } })]);
    const [sub] = subscribers(body(exportX12_837P(batch)));
    expect(v(sub!.subscriber, 3)).toBe("RSTED");
    expect(v(sub!.subscriber, 4)).toBe("ZOE");
    expect(v(sub!.payer, 3)).toBe("ACMEHEALTH");
  });
});
