/**
 * Exporters throw plain Errors: by the time a batch is frozen every line was
 * READY, so a failure here is a data or programming defect that must stop
 * the file from being produced rather than be papered over.
 */

export function fail(message: string): never {
  throw new Error(`Claim batch export: ${message}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Rejects impossible dates such as 2024-02-30, which Date would silently roll over. */
export function assertIsoDate(value: unknown, where: string): string {
  const m = typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) {
      return value as string;
    }
  }
  return fail(`${where} must be a real date in YYYY-MM-DD form, got ${JSON.stringify(value)}`);
}

export function assertNonEmptyString(value: unknown, where: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    fail(`${where} is required`);
  }
  return value;
}

export function assertLines<T>(lines: readonly T[] | undefined, where: string): readonly T[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    fail(`${where} has no lines; an empty claim batch cannot be exported`);
  }
  return lines;
}
