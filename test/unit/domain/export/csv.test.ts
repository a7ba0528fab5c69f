import { exportCsv } from "../../../../server/src/domain/export/index.js";
import { makeBatch, makeLine, twoMemberBatch, uuid } from "./fixtures.js";

const HEADER =
  "line_id,service_date,client_last_name,client_first_name,member_id,payer_name,payer_code,cpt,modifiers,place_of_service,units,charge,diagnosis_codes,rendering_npi,supervised_leader_npi,prior_authorization";

/** Minimal RFC 4180 reader, used to prove the writer's quoting round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
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
    for (const row of rows) expect(row).toHaveLength(HEADER.split(",").length);
  });

  it("writes the fields in header order", () => {
    const rows = parseCsv(exportCsv(twoMemberBatch()));
    expect(rows[2]).toEqual([
      uuid(102),
      "2024-03-05",
      "Okafor",
      "Ben",
      "ZX998877",
      "State Medicaid",
      "SKMD0",
      "90853",
      "95:HQ",
      "02",
      "1",
      "90.50",
      "F43.10",
      "1234567893",
      "",
      "",
    ]);
  });

  it("names the supervised leader when the rendering provider is their supervisor", () => {
    const batch = makeBatch([makeLine({ supervisedLeader: { name: "Pat Peer", npi: "1245319599" } })]);
    expect(parseCsv(exportCsv(batch))[1].at(-2)).toBe("1245319599");
  });

  it("ends each row with the prior authorization number the line was billed under, blank without one", () => {
    const batch = makeBatch([makeLine({ priorAuthorizationNumber: "PA-2026-0042" }), makeLine({ lineId: uuid(9) })]);
    const rows = parseCsv(exportCsv(batch));
    expect(rows[0].at(-1)).toBe("prior_authorization");
    expect(rows[1].at(-1)).toBe("PA-2026-0042");
    expect(rows[2].at(-1)).toBe("");
  });

  it("formats charges as dollars with two decimals", () => {
    const cents = [12500, 12550, 12599, 5, 0, 100000];
    const batch = makeBatch(cents.map((c) => makeLine({ chargeCents: c })));
    const charges = parseCsv(exportCsv(batch))
      .slice(1)
      .map((r) => r[11]);
    expect(charges).toEqual(["125.00", "125.50", "125.99", "0.05", "0.00", "1000.00"]);
  });

  it("joins modifiers and diagnosis codes with colons", () => {
    const batch = makeBatch([makeLine({ modifiers: ["95", "HQ", "AJ"], diagnosisCodes: ["F33.1", "F41.1", "Z63.0"] })]);
    const row = parseCsv(exportCsv(batch))[1]!;
    expect(row[8]).toBe("95:HQ:AJ");
    expect(row[12]).toBe("F33.1:F41.1:Z63.0");
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
    expect(csv).toContain(`,"Smith, Jr.","Robert ""Bob""","A\rB","Line1\nLine2",`);
    const row = parseCsv(csv)[1]!;
    expect(row.slice(2, 6)).toEqual(["Smith, Jr.", 'Robert "Bob"', "A\rB", "Line1\nLine2"]);
  });

  it("leaves plain fields unquoted", () => {
    const csv = exportCsv(makeBatch([makeLine()]));
    expect(csv.split("\r\n")[1]).not.toContain('"');
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
    expect(row[2]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(row[3]).toBe("'+1+1");
    expect(row[4]).toBe("'-2");
    expect(row[5]).toBe("'@SUM(A1)");
    expect(row[6]).toBe("'\tX");
    // The apostrophe goes inside the quotes, or the spreadsheet would strip the quotes and see "=" again.
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil"",""x"")",`);
  });

  it("does not touch formula characters that are not at the start", () => {
    const row = parseCsv(exportCsv(makeBatch([makeLine({ client: { lastName: "Smith-Jones" } })])))[1]!;
    expect(row[2]).toBe("Smith-Jones");
  });

  it("rejects an empty batch and invalid charges", () => {
    expect(() => exportCsv(makeBatch([]))).toThrow(/no lines/);
    expect(() => exportCsv(makeBatch([makeLine({ chargeCents: -1 })]))).toThrow(/chargeCents/);
    expect(() => exportCsv(makeBatch([makeLine({ chargeCents: 12.5 })]))).toThrow(/chargeCents/);
  });
});
