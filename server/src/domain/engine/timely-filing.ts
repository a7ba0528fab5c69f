/**
 * Timely filing: a payer accepts a claim until the date of service plus its filing window in days (that last
 * day included). An unbilled line is TIMELY_FILING_SOON (WARNING) from 14 days before that deadline through the
 * deadline itself (14 or fewer days left), and TIMELY_FILING_EXPIRED (ERROR) from the day after. Billed lines
 * were filed and never get either. This is the one answer that changes with today's date, so each line also
 * says on which date it next changes (`timelyFilingRecheckOn`).
 */
import { addDays, daysFrom } from "./calendar.js";
import type { ClaimIssue, RuleVersion } from "./types.js";

/** Days before the deadline from which a line warns, inclusive. */
export const TIMELY_FILING_WARNING_DAYS = 14;

export function filingDeadline(serviceDate: string, windowDays: number): string {
  return addDays(serviceDate, windowDays);
}

export function timelyFilingIssue(rules: RuleVersion, serviceDate: string, today: string | null, billed: boolean): ClaimIssue | null {
  const window = rules.timelyFilingDays;
  if (window == null || today === null || billed) return null;
  const deadline = filingDeadline(serviceDate, window);
  const left = daysFrom(today, deadline);
  if (left < 0) {
    return {
      code: "TIMELY_FILING_EXPIRED",
      severity: "ERROR",
      message:
        // No "N days ago": a stored decision is recomputed only when its issue changes, not every day.
        `This payer accepts claims for ${window} days after the date of service, so the last day to file this ${serviceDate} line was ${deadline}, and it was not billed by then. ` +
        "The payer will deny it as filed late: do not bill it, unless you have proof it was filed in time (then appeal with that proof) or the payer grants an exception.",
      element: null,
    };
  }
  if (left > TIMELY_FILING_WARNING_DAYS) return null;
  return {
    code: "TIMELY_FILING_SOON",
    severity: "WARNING",
    message:
      `This payer accepts claims for ${window} days after the date of service, so the last day to file this ${serviceDate} line is ${deadline} (that day included; this warning starts ${TIMELY_FILING_WARNING_DAYS} days before). ` +
      "Fix any other issue and bill it in a batch before then; after that day the payer denies it.",
    element: null,
  };
}

/** The first date after today on which the line's filing issue changes; null when it never will. */
export function timelyFilingRecheckOn(rules: RuleVersion | null, serviceDate: string, today: string | null, billed: boolean): string | null {
  const window = rules?.timelyFilingDays;
  if (window == null || today === null || billed) return null;
  const deadline = filingDeadline(serviceDate, window);
  const warnFrom = addDays(deadline, -TIMELY_FILING_WARNING_DAYS);
  if (today < warnFrom) return warnFrom;
  if (today <= deadline) return addDays(deadline, 1);
  return null;
}
