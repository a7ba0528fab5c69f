/**
 * Calendar dates in the practice's timezone. Payer rules, coverage and
 * licenses are all stated in dates, and a 7 pm Pacific session is
 * already "tomorrow" in UTC, so every date comparison starts here.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    // Pinning calendar and digits keeps the parts ASCII Gregorian whatever the host locale.
    formatter = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/**
 * Since 1970 every zone's offset and every offset change is a whole number of quarter hours, so all instants of
 * one UTC quarter hour share a local date: a year of sessions needs a few thousand lookups, not one each.
 */
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const MAX_CACHED_QUARTERS = 200_000;
const byQuarter = new Map<string, Map<number, string>>();

/** The YYYY-MM-DD calendar date of `instant` in the IANA `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError("localDateOf: invalid Date");
  }
  if (ms < 0) return formatLocalDate(instant, timezone);
  let cache = byQuarter.get(timezone);
  if (!cache) {
    cache = new Map();
    byQuarter.set(timezone, cache);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let date = cache.get(quarter);
  if (date === undefined) {
    // An unknown zone throws here, before anything is cached under its name.
    date = formatLocalDate(instant, timezone);
    if (cache.size >= MAX_CACHED_QUARTERS) cache.clear();
    cache.set(quarter, date);
  }
  return date;
}

function formatLocalDate(instant: Date, timezone: string): string {
  let year = "";
  let month = "";
  let day = "";
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type === "year") year = part.value;
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year.padStart(4, "0")}-${month}-${day}`;
}
