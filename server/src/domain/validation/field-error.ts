/**
 * A validation failure on one input field. `field` is the path a client would
 * use to find the offending value in what it sent (e.g. "rules.minGroupSize",
 * "coverages[1].memberId"), so the API can return it verbatim in
 * `extensions.fields` and a form can put the message next to the input.
 */
export interface FieldError {
  field: string;
  message: string;
}

export function fieldError(field: string, message: string): FieldError {
  return { field, message };
}

/** Lets validators be reused both at the top level and nested inside a larger input. */
export function joinField(prefix: string, key: string): string {
  if (!prefix) return key;
  return key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`;
}

// Words written differently in a label: acronyms, and "timezone" (the API's spelling) as people write it.
const ACRONYMS: Record<string, string> = { npi: "NPI", id: "ID", icd: "ICD", pos: "POS", url: "URL", timezone: "time zone" };

/**
 * Generic validators only know the field path, but messages are read by
 * people, so "coverages[1].memberId" becomes "Member ID".
 */
export function labelFor(field: string): string {
  const last = field.split(".").pop() ?? field;
  const bare = last.replace(/\[\d+\]/g, "");
  const words = bare
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((w) => w.length > 0)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  if (words.length === 0) return "Value";
  const first = words[0];
  words[0] = first === first.toUpperCase() ? first : first[0].toUpperCase() + first.slice(1);
  return words.join(" ");
}

/**
 * Database text columns and people count characters, not UTF-16 code units;
 * an emoji must not use up two characters of a limit.
 */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
