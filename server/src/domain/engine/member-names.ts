/**
 * Finding a member's name in free text: first and last name each as whole words (a name of several words as
 * those words in order), ignoring case and punctuation (an apostrophe or period inside a name may be left out,
 * and any punctuation or spacing may stand between its words). "Ana" never matches "Banana".
 */

export interface MemberName {
  clientId: string;
  /** "First Last" as recorded, for messages. */
  display: string;
  first: RegExp;
  last: RegExp;
}

const LETTERS = /[\p{L}\p{N}]+/gu;
const INSIDE_NAME = /['\u2019.]/gu;

/**
 * Compiled patterns by name, shared by evaluations: every evaluation meets the same members again, and compiling
 * (and V8 tiering up) a pattern per member per evaluation cost more than the checks that use them. The patterns
 * have no global flag, so sharing them keeps no state between uses. Emptied when it grows past what a few
 * large practices' rosters need.
 */
const patterns = new Map<string, RegExp | null>();
const MAX_CACHED_PATTERNS = 50_000;

function namePattern(name: string): RegExp | null {
  let pattern = patterns.get(name);
  if (pattern === undefined) {
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
    patterns.set(name, (pattern = compileNamePattern(name)));
  }
  return pattern;
}

function compileNamePattern(name: string): RegExp | null {
  const words = name.replace(INSIDE_NAME, "").match(LETTERS);
  if (!words) return null;
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // Between two letters of one word, an apostrophe or period the text may or may not have (O'Brien, OBrien, St. John).
  const word = (w: string) => [...w].map(escape).join("['\u2019.]?");
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(word).join("[^\\p{L}\\p{N}]+")}(?![\\p{L}\\p{N}])`, "iu");
}

/** Null when either name has no letters: a name that cannot be matched is never reported. */
export function memberNameOf(clientId: string, firstName: string | undefined, lastName: string | undefined): MemberName | null {
  if (!firstName || !lastName) return null;
  const first = namePattern(firstName);
  const last = namePattern(lastName);
  if (!first || !last) return null;
  return { clientId, display: `${firstName.trim()} ${lastName.trim()}`, first, last };
}

/** Whether the text has both the first and the last name. */
export function namesIn(name: MemberName, text: string | null | undefined): boolean {
  return text != null && name.last.test(text) && name.first.test(text);
}
