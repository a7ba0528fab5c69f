import { readFileSync } from "node:fs";
import path from "node:path";
import { parse835, type Remittance835 } from "../../../../server/src/domain/remittance/index.js";

export const FIXTURE_DIR = path.join(__dirname, "../../../fixtures/835");

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURE_DIR, name), "utf8");
}

/** Parses text that must be a good 835, failing the test with the problems otherwise. */
export function parsed(text: string): Remittance835 {
  const result = parse835(text);
  if (!result.ok) throw new Error(`expected a valid 835, got:\n${result.problems.map((p) => p.message).join("\n")}`);
  return result.remittance;
}

export const VALID_FIXTURES = ["paid.835", "partially-paid.835", "denied.835", "reversal.835", "service-lines.835", "plb.835"];
