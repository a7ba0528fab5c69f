/**
 * By the time a batch is frozen every line was READY and its values passed
 * input validation (domain/validation/claim-fields.ts), so a value an export
 * cannot write is data stored before those rules existed, or a defect. Either
 * way the file must not be produced: exporters throw ClaimExportError, which
 * names each offending value by its path in the FrozenBatch (e.g.
 * "lines[2].memberId") so the API can tell the user what to correct.
 */

export interface ExportProblem {
  /** Path in the FrozenBatch: "practice.address.line1", "lines[2].client.lastName". */
  field: string;
  message: string;
}

export class ClaimExportError extends Error {
  constructor(readonly problems: readonly ExportProblem[]) {
    super(`Claim batch export: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
    this.name = "ClaimExportError";
  }
}

export function fail(field: string, message: string): never {
  throw new ClaimExportError([{ field, message }]);
}

/** Runs checks one after another and reports every problem at once, so one export attempt lists all there is to fix. */
export class ProblemCollector {
  private readonly problems: ExportProblem[] = [];

  /** The value fn returns, or undefined when it failed (its problems are kept). */
  take<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof ClaimExportError)) throw error;
      this.problems.push(...error.problems);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new ClaimExportError(this.problems);
  }

  /**
   * The values of every take(), once none failed. A take() only yields
   * undefined when it recorded a problem, so past throwIfAny they are all set;
   * the cast states that once here instead of a `!` at every use.
   */
  values<T extends Record<string, unknown>>(taken: T): { [K in keyof T]: Exclude<T[K], undefined> } {
    this.throwIfAny();
    return taken as { [K in keyof T]: Exclude<T[K], undefined> }; // see above: every take() succeeded
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Rejects impossible dates such as 2024-02-30, which Date would silently roll over. */
export function assertIsoDate(value: unknown, field: string, label = field): string {
  const m = typeof value === "string" ? ISO_DATE.exec(value) : null;
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) {
      return m.input; // the string the date was read from
    }
  }
  return fail(field, `${label} must be a real date in YYYY-MM-DD form, got ${JSON.stringify(value)}`);
}

export function assertLines<T>(lines: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(lines) || lines.length === 0) {
    fail("lines", "The batch has no lines; an empty claim batch cannot be exported");
  }
  return lines;
}
