export const COMMON_TIMEZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
];

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return "America/New_York";
  }
}

/** The browser's zone when it is a common one, else Eastern (the server's default). */
export function defaultTimezone(): string {
  const detected = browserTimezone();
  return COMMON_TIMEZONES.includes(detected) ? detected : "America/New_York";
}

/** The common US zones, with the browser's first when it is another. */
export function timezoneChoices(): string[] {
  const detected = browserTimezone();
  return COMMON_TIMEZONES.includes(detected) ? COMMON_TIMEZONES : [detected, ...COMMON_TIMEZONES];
}
