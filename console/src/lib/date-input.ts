import { addDays } from "./dates";

/**
 * Dates as people type them. A native date input reads "10012026" typed into its year first as year 0026 and
 * rolls it over; a text box with this parser takes what a US biller types and says when it cannot.
 */

function isoIfReal(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD, MM/DD/YYYY (also M/D/YYYY, dashes or dots) or eight digits MMDDYYYY -> YYYY-MM-DD; null if not a real date. */
export function parseDateInput(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return isoIfReal(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return isoIfReal(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return isoIfReal(Number(m[3]), Number(m[1]), Number(m[2])) ?? isoIfReal(Number(t.slice(0, 4)), Number(t.slice(4, 6)), Number(t.slice(6)));
  return null;
}

/** YYYY-MM-DD -> MM/DD/YYYY, the way the inputs show a date. */
export function formatDateInput(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

export type PresetId = "this-week" | "last-week" | "this-month" | "last-month" | "last-90-days";

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: "this-week", label: "This week" },
  { id: "last-week", label: "Last week" },
  { id: "this-month", label: "This month" },
  { id: "last-month", label: "Last month" },
  { id: "last-90-days", label: "Last 90 days" },
];

function monthOf(today: string, offset: number): { from: string; to: string } {
  const [year, month] = today.split("-").map(Number);
  const first = new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 10);
  const last = new Date(Date.UTC(year, month + offset, 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}

/** Weeks run Sunday to Saturday, as on a US calendar; "today" is the practice's date. */
export function presetRange(id: PresetId, today: string): { from: string; to: string } {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay();
  const sunday = addDays(today, -weekday);
  switch (id) {
    case "this-week":
      return { from: sunday, to: addDays(sunday, 6) };
    case "last-week":
      return { from: addDays(sunday, -7), to: addDays(sunday, -1) };
    case "this-month":
      return monthOf(today, 0);
    case "last-month":
      return monthOf(today, -1);
    case "last-90-days":
      return { from: addDays(today, -89), to: today };
  }
}

export function presetMatching(range: { from: string; to: string }, today: string): PresetId | null {
  return PRESETS.find((p) => {
    const r = presetRange(p.id, today);
    return r.from === range.from && r.to === range.to;
  })?.id ?? null;
}
