/**
 * A claim with an add-on code (90785 interactive complexity with 90853): the 837P writes it as a second service
 * line of the same claim with CLM02 the sum of the lines; the CSV gives it a row of its own. Read back field by field.
 */
import { X12Parser, type X12Interchange, type X12Segment } from "node-x12";
import { ClaimExportError, exportCsv, exportX12_837P } from "../../../../server/src/domain/export/index.js";
import { parseCsv } from "../../../support/csv.js";
import { makeBatch, makeLine, pcnOf, uuid } from "./fixtures.js";

function segmentsOf(edi: string): X12Segment[] {
  const parser = new X12Parser(true);
  const interchange = parser.parse(edi) as X12Interchange;
  expect(parser.diagnostics).toEqual([]);
  return interchange.functionalGroups[0]!.transactions[0]!.segments;
}

const v = (seg: X12Segment, position: number): string => seg.valueOf(position, "") ?? "";

/** The segments of one claim: from its CLM to the next CLM (or SE). */
function claimSegments(segments: X12Segment[], pcn: string): X12Segment[] {
  const start = segments.findIndex((s) => s.tag === "CLM" && v(s, 1) === pcn);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = segments.findIndex((s, i) => i > start && (s.tag === "CLM" || s.tag === "SE" || (s.tag === "HL" && i > start)));
  return segments.slice(start, end < 0 ? undefined : end);
}

const ADD_ON = { cptCode: "90785", modifiers: ["HQ", "95"], placeOfService: "02", units: 1, chargeCents: 1_850 };

function flaggedBatch() {
  return makeBatch([
    makeLine({ lineId: uuid(201), chargeCents: 12_500, modifiers: ["HQ", "95"], placeOfService: "02", diagnosisCodes: ["F33.1", "F41.1"], addOnLines: [ADD_ON] }),
    makeLine({ lineId: uuid(202), chargeCents: 12_500 }),
  ]);
}

describe("837P with an add-on line", () => {
  const segments = segmentsOf(exportX12_837P(flaggedBatch()));
  const claim = claimSegments(segments, pcnOf(uuid(201)));
  const plain = claimSegments(segments, pcnOf(uuid(202)));

  it("totals the claim in CLM02: the 90853 line plus the add-on", () => {
    const clm = claim[0]!;
    expect(v(clm, 2)).toBe("143.5");
    expect(v(clm, 5)).toBe("02:B:1");
  });

  it("writes LX 1 with 90853 and LX 2 with 90785, each with its own charge, the same modifiers and diagnosis pointers", () => {
    const lx = claim.filter((s) => s.tag === "LX").map((s) => v(s, 1));
    expect(lx).toEqual(["1", "2"]);
    const sv1 = claim.filter((s) => s.tag === "SV1");
    expect(sv1.map((s) => [v(s, 1), v(s, 2), v(s, 3), v(s, 4), v(s, 5), v(s, 7)])).toEqual([
      ["HC:90853:HQ:95", "125", "UN", "1", "", "1:2"],
      // SV105 is left out: the add-on's place of service is the claim's (CLM05-1).
      ["HC:90785:HQ:95", "18.5", "UN", "1", "", "1:2"],
    ]);
  });

  it("dates each service line (DTP*472 after each SV1)", () => {
    const tags = claim.map((s) => s.tag);
    const lx2 = tags.lastIndexOf("LX");
    expect(tags.slice(lx2)).toEqual(["LX", "SV1", "DTP"]);
    expect(v(claim[lx2 + 2]!, 1)).toBe("472");
    expect(v(claim[lx2 + 2]!, 3)).toBe("20240305");
  });

  it("leaves a claim without add-ons with one service line and CLM02 its charge", () => {
    expect(v(plain[0]!, 2)).toBe("125");
    expect(plain.filter((s) => s.tag === "LX").map((s) => v(s, 1))).toEqual(["1"]);
  });

  it("writes SV105 when an add-on's place of service differs from the claim's", () => {
    const batch = makeBatch([makeLine({ lineId: uuid(203), placeOfService: "11", addOnLines: [{ ...ADD_ON, modifiers: [], placeOfService: "53" }] })]);
    const sv1 = claimSegments(segmentsOf(exportX12_837P(batch)), pcnOf(uuid(203))).filter((s) => s.tag === "SV1");
    expect(v(sv1[1]!, 5)).toBe("53");
  });

  it("refuses a $0 add-on line, naming it", () => {
    const batch = makeBatch([makeLine({ lineId: uuid(204), addOnLines: [{ ...ADD_ON, chargeCents: 0 }] })]);
    try {
      exportX12_837P(batch);
      throw new Error("expected a refusal");
    } catch (error) {
      expect(error).toBeInstanceOf(ClaimExportError);
      expect((error as ClaimExportError).problems.map((p) => p.field)).toEqual(["lines[0].addOnLines[0].chargeCents"]);
    }
  });
});

describe("CSV with an add-on line", () => {
  const rows = parseCsv(exportCsv(flaggedBatch()));
  const header = rows[0]!;
  const col = (row: string[], name: string) => row[header.indexOf(name)]!;

  it("writes one row per service line, the add-on after its claim's 90853 row", () => {
    expect(rows.slice(1).map((r) => [col(r, "line_id"), col(r, "patient_control_number"), col(r, "service_line"), col(r, "cpt")])).toEqual([
      [uuid(201), pcnOf(uuid(201)), "1", "90853"],
      [uuid(201), pcnOf(uuid(201)), "2", "90785"],
      [uuid(202), pcnOf(uuid(202)), "1", "90853"],
    ]);
  });

  it("gives the add-on row its own charge, modifiers, place of service and units, and the claim's member and diagnoses", () => {
    const addOn = rows[2]!;
    expect([col(addOn, "charge"), col(addOn, "modifiers"), col(addOn, "place_of_service"), col(addOn, "units")]).toEqual(["18.50", "HQ:95", "02", "1"]);
    expect([col(addOn, "member_id"), col(addOn, "diagnosis_codes"), col(addOn, "claim_frequency")]).toEqual(["MBR0001", "F33.1:F41.1", "1"]);
  });

  it("adds up, over the charge column, to the claims' totals", () => {
    const cents = rows.slice(1).reduce((sum, r) => sum + Math.round(Number(col(r, "charge")) * 100), 0);
    expect(cents).toBe(12_500 + 1_850 + 12_500);
  });
});
