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
  /** `display` in lower case: a namesake of the note's member is not reported. */
  folded: string;
  /**
   * The first word of the last name as it must appear in text of ASCII characters only (lower case), which is
   * what almost every note is; null when no such text can hold it (a letter outside ASCII that no ASCII letter
   * equals ignoring case). See NameKeys.
   */
  asciiKey: string | null;
  /** asciiKey's hash as NameKeys computes it, once per member instead of once per session. */
  asciiKeyHash: number;
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
  const display = `${firstName.trim()} ${lastName.trim()}`;
  const asciiKey = asciiKeyOf(lastName);
  return { clientId, display, first, last, folded: display.toLowerCase(), asciiKey, asciiKeyHash: asciiKey === null ? 0 : keyHash(asciiKey) };
}

/**
 * Under the patterns' case-insensitive Unicode matching, an ASCII letter or digit equals only itself in the other
 * case, and of all other characters only the Kelvin sign (k) and the long s (s) equal an ASCII letter; any other
 * character of a name never matches text made of ASCII characters.
 */
function asciiKeyOf(lastName: string): string | null {
  const word = lastName.replace(INSIDE_NAME, "").match(LETTERS)?.[0];
  if (word === undefined) return null;
  let key = "";
  for (const c of word) {
    const code = c.codePointAt(0)!;
    if (code < 128) key += c.toLowerCase();
    else if (code === 0x212a) key += "k";
    else if (code === 0x17f) key += "s";
    else return null;
  }
  return key;
}

/** Lower-case ASCII letters and digits by character code, 0 for every other ASCII character. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z0-9]/i.test(ch)) ASCII_WORD[c] = ch.toLowerCase().charCodeAt(0);
}
const APOSTROPHE = 39;

function keyHash(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return hash;
}
const PERIOD = 46;

/**
 * The present members' last names of one session, to rule a note's text out in one pass before any pattern runs:
 * running two patterns per other member per note section cost more than all other checks together. A text of
 * ASCII characters holds a last name's pattern only where a word (letters and digits, an apostrophe or period
 * allowed between two of them) equals the name's first word ignoring case, so one pass over its words and a hash
 * lookup per word tells whether any pattern can match; any other text is left to the patterns. The answer is
 * "maybe" or "no", never "yes": the patterns still decide, so findings are exactly the patterns' findings.
 */
export class NameKeys {
  private readonly lengths: number[] = [];
  private readonly hashes: number[] = [];
  /** Bit n set when some key has n characters (bit 31: 31 or more). */
  private lengthBits = 0;
  private longest = 0;
  /**
   * Bit (c & 31) set, in startsLow for c < 64 (digits) and startsHigh above (letters), when some key starts with the
   * lower-case character c: words starting otherwise are passed over. Two numbers instead of a table per session; a
   * character sharing a key's bit is only looked at more closely.
   */
  private startsLow = 0;
  private startsHigh = 0;

  constructor(names: readonly MemberName[]) {
    for (const name of names) {
      const key = name.asciiKey;
      if (key === null) continue;
      this.lengths.push(key.length);
      this.hashes.push(name.asciiKeyHash);
      this.lengthBits |= 1 << Math.min(key.length, 31);
      if (key.length > this.longest) this.longest = key.length;
      if (key.length > 0) {
        const c = key.charCodeAt(0);
        if (c < 64) this.startsLow |= 1 << (c & 31);
        else this.startsHigh |= 1 << (c & 31);
      }
    }
  }

  /** False only when no name's pattern can match the text. */
  mayName(text: string | null | undefined): boolean {
    if (text == null) return false;
    // Locals, not module constants or fields: this loop runs over every character of every note.
    const word = ASCII_WORD;
    const startsLow = this.startsLow;
    const startsHigh = this.startsHigh;
    const longest = this.longest;
    const n = text.length;
    let i = 0;
    while (i < n) {
      // Past separators to a word's first character.
      let c = text.charCodeAt(i);
      while (c < 128 && word[c] === 0) {
        if (++i === n) return false;
        c = text.charCodeAt(i);
      }
      if (c >= 128) return true;
      const lower = word[c];
      if (((lower < 64 ? startsLow : startsHigh) & (1 << (lower & 31))) !== 0 && this.keyStartsAt(text, i, n, longest)) return true;
      // Past the word's other characters.
      c = ++i < n ? text.charCodeAt(i) : 0;
      while (c < 128 && word[c] !== 0) c = ++i < n ? text.charCodeAt(i) : 0;
      if (c >= 128) return true;
    }
    return false;
  }

  /** Whether a key ends at some end of the word starting at `i` (its own, or a later one past an apostrophe or period). */
  private keyStartsAt(text: string, i: number, n: number, longest: number): boolean {
    let hash = 0;
    let length = 0;
    for (let j = i; j < n && length < longest; ) {
      const d = text.charCodeAt(j);
      if (d >= 128) return true;
      const lower = ASCII_WORD[d];
      if (lower !== 0) {
        hash = (Math.imul(hash, 31) + lower) | 0;
        length += 1;
        j += 1;
        const next = j < n ? text.charCodeAt(j) : 0;
        if (next >= 128) return true;
        if (ASCII_WORD[next] === 0 && this.holds(length, hash)) return true;
        continue;
      }
      if ((d === APOSTROPHE || d === PERIOD) && j + 1 < n) {
        const after = text.charCodeAt(j + 1);
        if (after >= 128) return true;
        if (ASCII_WORD[after] !== 0) {
          j += 1;
          continue;
        }
      }
      break;
    }
    return false;
  }

  private holds(length: number, hash: number): boolean {
    if ((this.lengthBits & (1 << Math.min(length, 31))) === 0) return false;
    for (let k = 0; k < this.hashes.length; k++) if (this.hashes[k] === hash && this.lengths[k] === length) return true;
    return false;
  }
}

/** Whether the text has both the first and the last name. */
export function namesIn(name: MemberName, text: string | null | undefined): boolean {
  return text != null && name.last.test(text) && name.first.test(text);
}
