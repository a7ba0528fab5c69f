/** Dates travel as YYYY-MM-DD (the API's Date) and instants as ISO strings (DateTime). */

function parts(date: Date, timeZone: string): Record<string, number> {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(date)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Today's date in a time zone (the practice's: service dates are local dates there). */
export function todayIn(timeZone: string, now = new Date()): string {
  const p = parts(now, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function offsetMs(instant: number, timeZone: string): number {
  const p = parts(new Date(instant), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * "2026-03-10T10:00" read as a wall-clock time in `timeZone` -> ISO instant. Sessions are scheduled in
 * the practice's time, whatever the browser's zone; two passes settle DST edges.
 */
export function zonedLocalToIso(local: string, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`Not a local date-time: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess).toISOString();
}

export function formatDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric" }).format(d);
}

/**
 * The zone's short name as people say it ("ET", "PT"), falling back to the offset ("GMT-5") where no
 * generic name exists. Every time shown carries it: the practice's zone may not be the reader's.
 */
export function timeZoneLabel(timeZone: string, at = new Date()): string {
  for (const style of ["shortGeneric", "short"] as const) {
    try {
      const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: style }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
      if (name) return name;
    } catch {
      // an engine without shortGeneric: try the next style
    }
  }
  return timeZone;
}

/** "3:00 PM ET": a time in the practice's zone, labelled. */
export function formatTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(at)} ${timeZoneLabel(timeZone, at)}`;
}

/** "Oct 1, 2026, 3:00 PM ET". */
export function formatDateTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  return `${new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(at)} ${timeZoneLabel(timeZone, at)}`;
}

export function formatShortDate(date: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" }).format(new Date(`${date}T12:00:00Z`));
}

/** The calendar month before the one `today` is in: billers usually bill a closed month. */
export function previousMonth(today: string): { from: string; to: string } {
  const [year, month] = today.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}

/** How the API dates a payer's first rules set up without a date: they hold since always. */
export const SINCE_ALWAYS = "0001-01-01";

/** A rules version's start: "since always" for undated first rules, else the date. */
export function formatEffectiveFrom(date: string): string {
  return date === SINCE_ALWAYS ? "Since always" : formatDate(date);
}

/** An instant as the "YYYY-MM-DDTHH:MM" wall-clock time a datetime-local input shows, in `timeZone`. */
export function isoToZonedLocal(iso: string, timeZone: string): string {
  const p = parts(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
