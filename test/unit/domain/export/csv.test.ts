import { exportCsv } from "../../../../server/src/domain/export/index.js";
import { makeBatch, makeLine, twoMemberBatch, uuid } from "./fixtures.js";
import { parseCsv } from "../../../support/csv.js";

const HEADER =
  "batch_id,line_id,patient_control_number,service_date,client_last_name,client_first_name,client_date_of_birth,client_sex,member_id,payer_name,payer_code,cpt,modifiers,place_of_service,units,charge,diagnosis_codes,rendering_provider,rendering_npi,supervised_leader_npi,billing_npi,billing_tax_id,prior_authorization,claim_frequency,original_patient_control_number,original_payer_claim_number,service_line";
const COLUMNS = HEADER.split(",");

/** A row's cell by its column name, so a test reads the field it means. */
function cell(row: string[], column: string): string {
  const at = COLUMNS.indexOf(column);
  if (at < 0) throw new Error(`no column ${column}`);
  return row[at]!;
}

describe("exportCsv", () => {
  it("starts with the header row", () => {
    const csv = exportCsv(twoMemberBatch());
    expect(csv.split("\r\n")[0]).toBe(HEADER);
  });

  it("writes one CRLF-terminated row per line after the header", () => {
    const csv = exportCsv(twoMemberBatch());
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + 3);
    for (const row of rows) expect(row).toHaveLength(COLUMNS.length);
  });

  it("writes the fields in header order", () => {
    const batch = twoMemberBatch();
    batch.lines[1]!.renderingProvider = { name: "Jane Q Doe, LCSW", npi: "1234567893", firstName: "Jane Q", lastName: "Doe" };
    const rows = parseCsv(exportCsv(batch));
    expect(rows[2]).toEqual([
      "11111111-2222-4333-8444-555555555555",
      uuid(102),
      batch.lines[1]!.patientControlNumber,
      "2024-03-05",
      "Okafor",
      "Ben",
      "1990-01-02",
      "M",
      "ZX998877",
      "State Medicaid",
      "SKMD0",
      "90853",
      "95:HQ",
      "02",
      "1",
      "90.50",
      "F43.10",
      "Doe, Jane Q",
      "1234567893",
      "",
      "1245319599",
      "123456789",
      "",
      "1",
      "",
      "",
      "1",
    ]);
  });

  it("carries the batch id, the patient control number, DOB, sex, rendering provider, billing NPI and tax id of every line", () => {
    const batch = makeBatch([
      makeLine({ patientControlNumber: "B7L1", client: { dateOfBirth: "1975-02-03", gender: "F" }, renderingProvider: { name: "Riley Chen", npi: "1356420830", firstName: "Riley", lastName: "Chen" } }),
      makeLine({ patientControlNumber: "B7L2", client: { dateOfBirth: "2008-04-12", gender: "M" }, renderingProvider: { name: "Dr. Amara Obi, PhD", npi: "1467531947" } }),
    ]);
    const [, first, second] = parseCsv(exportCsv(batch));
    for (const [row, pcn, dob, sex, provider, npi] of [
      [first!, "B7L1", "1975-02-03", "F", "Chen, Riley", "1356420830"],
      [second!, "B7L2", "2008-04-12", "M", "Dr. Amara Obi, PhD", "1467531947"],
    ] as const) {
      expect(cell(row, "batch_id")).toBe(batch.id);
      expect(cell(row, "patient_control_number")).toBe(pcn);
      expect(cell(row, "client_date_of_birth")).toBe(dob);
      expect(cell(row, "client_sex")).toBe(sex);
      // Lines frozen before legal names were kept show the display name as billed.
      expect(cell(row, "rendering_provider")).toBe(provider);
      expect(cell(row, "rendering_npi")).toBe(npi);
      expect(cell(row, "billing_npi")).toBe("1245319599");
      expect(cell(row, "billing_tax_id")).toBe("123456789");
    }
  });

  it("quotes place of service and codes so a spreadsheet keeps their leading zeros", () => {
    const batch = makeBatch([makeLine({ placeOfService: "02", memberId: "00123", cptCode: "90853", modifiers: ["95"], diagnosisCodes: ["F33.1"], patientControlNumber: "B1L1" })]);
    const record = exportCsv(batch).split("\r\n")[1]!;
    for (const code of ['"B1L1"', '"00123"', '"90853"', '"95"', '"02"', '"F33.1"', '"1245319599"']) expect(record).toContain(`,${code},`);
    expect(record).toContain(',"123456789",');
    const row = parseCsv(exportCsv(batch))[1]!;
    expect(cell(row, "place_of_service")).toBe("02");
    expect(cell(row, "member_id")).toBe("00123");
  });

  it("names the supervised leader when the rendering provider is their supervisor", () => {
    const batch = makeBatch([makeLine({ supervisedLeader: { name: "Pat Peer", npi: "1245319599" } })]);
    expect(cell(parseCsv(exportCsv(batch))[1]!, "supervised_leader_npi")).toBe("1245319599");
  });

  it("gives each row the prior authorization number the line was billed under, blank without one", () => {
    const batch = makeBatch([makeLine({ priorAuthorizationNumber: "PA-2026-0042" }), makeLine({ lineId: uuid(9) })]);
    const rows = parseCsv(exportCsv(batch));
    expect(cell(rows[1]!, "prior_authorization")).toBe("PA-2026-0042");
    expect(cell(rows[2]!, "prior_authorization")).toBe("");
  });

  it("ends each row with the claim frequency and, for a replacement or void, the original claim's numbers", () => {
    const batch = makeBatch([
      makeLine({ lineId: uuid(11) }),
      makeLine({ lineId: uuid(12), frequencyCode: "7", originalPatientControlNumber: "B1L1", originalPayerClaimNumber: "ICN-1" }),
      makeLine({ lineId: uuid(13), frequencyCode: "8", originalPatientControlNumber: "B1L2" }),
    ]);
    const rows = parseCsv(exportCsv(batch));
    expect(rows[0]!.slice(-4, -1)).toEqual(["claim_frequency", "original_patient_control_number", "original_payer_claim_number"]);
    expect(rows.slice(1).map((r) => r.slice(-4, -1))).toEqual([
      ["1", "", ""],
      ["7", "B1L1", "ICN-1"],
      ["8", "B1L2", ""],
    ]);
  });

  it("formats charges as dollars with two decimals", () => {
    const cents = [12500, 12550, 12599, 5, 100000];
    const batch = makeBatch(cents.map((c) => makeLine({ chargeCents: c })));
    const charges = parseCsv(exportCsv(batch))
      .slice(1)
      .map((r) => cell(r, "charge"));
    expect(charges).toEqual(["125.00", "125.50", "125.99", "0.05", "1000.00"]);
  });

  it("joins modifiers and diagnosis codes with colons", () => {
    const batch = makeBatch([makeLine({ modifiers: ["95", "HQ", "AJ"], diagnosisCodes: ["F33.1", "F41.1", "Z63.0"] })]);
    const row = parseCsv(exportCsv(batch))[1]!;
    expect(cell(row, "modifiers")).toBe("95:HQ:AJ");
    expect(cell(row, "diagnosis_codes")).toBe("F33.1:F41.1:Z63.0");
  });

  it("quotes fields with commas, quotes, CR and LF and doubles inner quotes", () => {
    const batch = makeBatch([
      makeLine({
        client: { lastName: "Smith, Jr.", firstName: 'Robert "Bob"' },
        payer: { name: "Line1\nLine2" },
        memberId: "A\rB",
      }),
    ]);
    const csv = exportCsv(batch);
    expect(csv).toContain(`,"Smith, Jr.","Robert ""Bob""",`);
    const row = parseCsv(csv)[1]!;
    expect([cell(row, "client_last_name"), cell(row, "client_first_name"), cell(row, "member_id"), cell(row, "payer_name")]).toEqual([
      "Smith, Jr.",
      'Robert "Bob"',
      "A\rB",
      "Line1\nLine2",
    ]);
  });

  it("leaves plain text fields unquoted", () => {
    const record = exportCsv(makeBatch([makeLine()])).split("\r\n")[1]!;
    expect(record.startsWith("11111111-2222-4333-8444-555555555555,")).toBe(true);
    expect(record).toContain(",2024-03-05,Lopez,Ana,1985-07-14,F,");
  });

  it("neutralises spreadsheet formulas with a leading apostrophe", () => {
    const batch = makeBatch([
      makeLine({
        client: { lastName: '=HYPERLINK("http://evil","x")', firstName: "+1+1" },
        memberId: "-2",
        payer: { name: "@SUM(A1)", payerCode: "\tX" },
      }),
    ]);
    const csv = exportCsv(batch);
    const row = parseCsv(csv)[1]!;
    expect(cell(row, "client_last_name")).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(cell(row, "client_first_name")).toBe("'+1+1");
    expect(cell(row, "member_id")).toBe("'-2");
    expect(cell(row, "payer_name")).toBe("'@SUM(A1)");
    expect(cell(row, "payer_code")).toBe("'\tX");
    // The apostrophe goes inside the quotes, or the spreadsheet would strip the quotes and see "=" again.
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
  });

  it("does not touch formula characters that are not at the start", () => {
    const row = parseCsv(exportCsv(makeBatch([makeLine({ client: { lastName: "Smith-Jones" } })])))[1]!;
    expect(cell(row, "client_last_name")).toBe("Smith-Jones");
  });

  it("rejects an empty batch and invalid charges", () => {
    expect(() => exportCsv(makeBatch([]))).toThrow(/no lines/);
    expect(() => exportCsv(makeBatch([makeLine({ chargeCents: -1 })]))).toThrow(/chargeCents/);
    expect(() => exportCsv(makeBatch([makeLine({ chargeCents: 0 })]))).toThrow(/\$0 line is never sent/);
    expect(() => exportCsv(makeBatch([makeLine({ chargeCents: 12.5 })]))).toThrow(/chargeCents/);
  });
});
