/** Calendar arithmetic on local dates (YYYY-MM-DD), done in UTC so no host time zone or DST shifts a day. */

const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function daysFrom(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The Sunday on or before the date: payers that cap units per week count Sunday to Saturday. */
export function weekStartOf(date: string): string {
  return addDays(date, -new Date(toUtc(date)).getUTCDay());
}

/** YYYY-MM of the date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The last day of the date's calendar month. */
export function monthEndOf(date: string): string {
  const d = new Date(toUtc(date));
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}
