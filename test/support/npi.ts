/** Builds a valid NPI (Luhn over "80840" + 9 digits) from a 9-digit body starting with 1 or 2. */
export function npiFrom(body: string): string {
  const digits = `80840${body}`.split("").map(Number);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i];
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

let counter = 0;
export function uniqueNpi(): string {
  counter += 1;
  const body = `1${String((Date.now() % 1e5) * 1000 + (counter % 1000)).padStart(8, "0").slice(-8)}`;
  return npiFrom(body);
}
