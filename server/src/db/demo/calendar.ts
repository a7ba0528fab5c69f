/** The demo's dates: last month in the practice's zone, its weekdays, and wall-clock times in that zone. */

/** The instant at which the wall clock in `timezone` reads `date time`. */
export function zonedInstant(date: string, time: string, timezone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
    .formatToParts(guess)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export interface Month {
  from: string;
  to: string;
}

/** The first and last day of the calendar month before the one `today` is in. */
export function previousMonth(today: string): Month {
  const [y, m] = today.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/** Every date of `month` that falls on `weekday` (0 Sunday ... 6 Saturday), in order. */
export function weekdaysOf(month: Month, weekday: number): string[] {
  const dates: string[] = [];
  for (let d = month.from; d <= month.to; d = addDays(d, 1)) if (new Date(`${d}T12:00:00Z`).getUTCDay() === weekday) dates.push(d);
  return dates;
}
