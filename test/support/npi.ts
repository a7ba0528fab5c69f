import { npiWithCheckDigit } from "../../server/src/domain/validation/identifiers";

/** Builds a valid NPI from a 9-digit body starting with 1 or 2. */
export const npiFrom = npiWithCheckDigit;

let counter = 0;
export function uniqueNpi(): string {
  counter += 1;
  const body = `1${String((Date.now() % 1e5) * 1000 + (counter % 1000)).padStart(8, "0").slice(-8)}`;
  return npiFrom(body);
}
