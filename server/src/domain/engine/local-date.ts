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

/** The YYYY-MM-DD calendar date of `instant` in the IANA `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError("localDateOf: invalid Date");
  }
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
