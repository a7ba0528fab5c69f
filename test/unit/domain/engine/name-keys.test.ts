/**
 * NameKeys rules a note's text out before the name patterns run (member-names.ts). It may only ever say "no" when
 * no present member's pattern matches: these texts are built to sit at its edges (names inside longer words, joined
 * by apostrophes and periods, other cases, letters outside ASCII that equal ASCII ones ignoring case) and every
 * answer is compared with the patterns themselves.
 */
import { NameKeys, memberNameOf, namesIn, type MemberName } from "../../../../server/src/domain/engine/index.js";

const NAMES: [string, string][] = [
  ["Ana", "Diaz"],
  ["Sean", "O'Brien"],
  ["Rosa", "Diaz-Lopez"],
  ["A.J.", "Smith"],
  ["Lee", "Lee"],
  ["José", "Hernández"],
  ["Kai", "\u212Aim"], // a Kelvin sign, which equals k ignoring case
  ["Tess", "Ro\u017Fe"], // a long s, which equals s ignoring case
  ["Wei", "Chen"],
];

const PIECES = [
  "diaz", "DIAZ", "Diaz", "diazepam", "banana", "ana", "o'brien", "obrien", "O.Brien", "o''brien", "obrie", "brien",
  "diaz lopez", "diaz-lopez", "lopez", "smith", "Smith's", "smithy", "a.j.", "aj", "lee", "Lee.", "leeds", "hernandez",
  "Hernández", "HERNÁNDEZ", "kim", "KIM", "\u212Aim", "rose", "rosé", "ROSE", "chen", "chen.", ".chen", "x.chen.y", "3chen",
  "the", "group", "feedback", "peer", "'", ".", " ", ", ", "-", "\u2019", "\n", "é", "",
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("NameKeys: a text it rules out names no one", () => {
  const names = NAMES.map(([first, last], i) => memberNameOf(`c${i}`, first, last)).filter((n): n is MemberName => n !== null);
  const keys = new NameKeys(names);

  test("every name is known and keyed", () => {
    expect(names).toHaveLength(NAMES.length);
  });

  test("on 20,000 texts built from names, look-alikes and separators, it never says no where a pattern matches", () => {
    const random = seeded(11);
    let ruledOut = 0;
    let named = 0;
    for (let t = 0; t < 20_000; t++) {
      let text = "";
      const count = 1 + Math.floor(random() * 8);
      for (let p = 0; p < count; p++) text += PIECES[Math.floor(random() * PIECES.length)] + (random() < 0.5 ? " " : "");
      const patternsMatch = names.some((name) => name.last.test(text));
      if (patternsMatch) named += 1;
      if (!keys.mayName(text)) {
        ruledOut += 1;
        expect({ text, patternsMatch }).toEqual({ text, patternsMatch: false });
      }
    }
    // Both kinds of text occur, so the comparison above is not empty on either side.
    expect(ruledOut).toBeGreaterThan(1000);
    expect(named).toBeGreaterThan(1000);
  });

  test.each<[string, string, boolean]>([
    ["a name", "Gave Ana Diaz feedback.", true],
    ["a name joined by an apostrophe left out", "sean obrien joined", true],
    ["a name's word at the end of the text", "feedback from smith", true],
    ["a name inside a longer word", "Diazepam and bananas", false],
    ["text without names", "Engaged throughout; shared a recent conflict.", false],
    ["a letter outside ASCII (left to the patterns)", "Caf\u00e9 talk", true],
  ])("%s", (_name, text, maybe) => {
    expect(keys.mayName(text)).toBe(maybe);
    if (!maybe) expect(names.some((name) => namesIn(name, text))).toBe(false);
  });

  test("no names, nothing can match", () => {
    expect(new NameKeys([]).mayName("Ana Diaz")).toBe(false);
  });
});
