/** RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF records; the header is the first row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
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

/** Each record keyed by the header, so a test reads the column it means. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(text);
  return records.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i]!])));
}
