/** Calendar arithmetic on local dates (YYYY-MM-DD), done in UTC so no host time zone or DST shifts a day. */

const DAY_MS = 86_400_000;

/**
 * A year of lines asks about the same few hundred dates again and again (a week's Sunday, a filing deadline), and
 * parsing and formatting a date costs more than the check that asks: both directions are remembered, shared by
 * evaluations (a date's answer never changes). Emptied when they grow past any realistic range of dates.
 */
const msByDate = new Map<string, number>();
const dateByMs = new Map<number, string>();
const MAX_CACHED_DATES = 100_000;

function toUtc(date: string): number {
  let ms = msByDate.get(date);
  if (ms === undefined) {
    ms = Date.parse(`${date}T00:00:00Z`);
    // NaN is not remembered: formatting it throws, as it did before any cache, and so it keeps doing.
    if (Number.isNaN(ms)) return ms;
    if (msByDate.size >= MAX_CACHED_DATES) msByDate.clear();
    msByDate.set(date, ms);
  }
  return ms;
}

function fromUtc(ms: number): string {
  let date = dateByMs.get(ms);
  if (date === undefined) {
    date = new Date(ms).toISOString().slice(0, 10);
    if (dateByMs.size >= MAX_CACHED_DATES) dateByMs.clear();
    dateByMs.set(ms, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

export function daysFrom(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** The Sunday on or before the date: payers that cap units per week count Sunday to Saturday. */
export function weekStartOf(date: string): string {
  const ms = toUtc(date);
  // 1970-01-01 was a Thursday (day 4); whole days since then give the weekday without a Date.
  const weekday = (((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7;
  return fromUtc(ms - weekday * DAY_MS);
}

const monthByDate = new Map<string, string>();

/** YYYY-MM of the date. */
export function monthOf(date: string): string {
  let month = monthByDate.get(date);
  if (month === undefined) {
    month = date.slice(0, 7);
    if (monthByDate.size >= MAX_CACHED_DATES) monthByDate.clear();
    monthByDate.set(date, month);
  }
  return month;
}

/** The last day of the date's calendar month. */
export function monthEndOf(date: string): string {
  const d = new Date(toUtc(date));
  return fromUtc(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
}
