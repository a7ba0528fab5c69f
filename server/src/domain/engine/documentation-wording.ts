/**
 * Wording that makes group documentation read as a class rather than treatment, and the therapeutic
 * interventions whose naming shows it was treatment after all. The lists are data: a practice's reviewers
 * can read them, and tests pin each entry with examples. Matching is whole words (or whole phrases),
 * ignoring case and punctuation, so "lectured" is listed on its own and "classic" never matches "class".
 */

/** Words payers' reviewers cite when they deny group psychotherapy as education. */
export const DIDACTIC_WORDS: readonly string[] = [
  "lecture",
  "lectures",
  "lectured",
  "presentation",
  "presentations",
  "presented",
  "video",
  "videos",
  "film",
  "handout",
  "handouts",
  "class",
  "classes",
  "classroom",
  "slides",
  "slideshow",
  "instructor",
  "curriculum",
  "quiz",
];

/** Therapeutic interventions (names and common abbreviations); naming one shows the session treated, not taught. */
export const THERAPEUTIC_INTERVENTIONS: readonly string[] = [
  "cbt",
  "cognitive behavioral",
  "cognitive restructuring",
  "cognitive reframing",
  "reframing",
  "dbt",
  "dialectical behavior",
  "chain analysis",
  "distress tolerance",
  "emotion regulation",
  "skills coaching",
  "skills practice",
  "role play",
  "role-play",
  "roleplay",
  "rehearsal",
  "modeling",
  "motivational interviewing",
  "mi",
  "socratic questioning",
  "validation",
  "exposure",
  "behavioral activation",
  "problem solving",
  "problem-solving",
  "relapse prevention",
  "acceptance and commitment",
  "mindfulness practice",
  "grounding",
  "processing",
  "process group",
  "psychodrama",
  "interpersonal",
  "emdr",
  "group feedback",
  "peer feedback",
  "here and now",
  "here-and-now",
];

/** Lower case, accents and apostrophes dropped, every other non-alphanumeric a single space, padded with spaces. */
export function normalizeWords(text: string): string {
  const folded = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]/g, "");
  return ` ${folded.replace(/[^a-z0-9]+/g, " ").trim()} `;
}

function phrasePattern(terms: readonly string[]): RegExp {
  // Each term as whole words with any punctuation or spacing between its words ("role-play" = "role play").
  const alternatives = terms.map((t) => normalizeWords(t).trim().split(" ").join("[^a-z0-9]+"));
  return new RegExp(`(?<![a-z0-9])(?:${alternatives.join("|")})(?![a-z0-9])`, "i");
}

const DIDACTIC = phrasePattern(DIDACTIC_WORDS);
const THERAPEUTIC = phrasePattern(THERAPEUTIC_INTERVENTIONS);
const DIDACTIC_GLOBAL = new RegExp(DIDACTIC.source, "gi");

/**
 * The didactic words a text uses, in the order they first appear and each once, when it names no
 * therapeutic intervention; null when it reads as treatment (or uses no didactic word).
 */
export function classLikeWords(texts: readonly (string | null | undefined)[]): string[] | null {
  // The common case (no didactic word anywhere) allocates nothing.
  let didactic = false;
  for (const text of texts) if (text && DIDACTIC.test(text)) didactic = true;
  if (!didactic) return null;
  for (const text of texts) if (text && THERAPEUTIC.test(text)) return null;
  const words: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(DIDACTIC_GLOBAL)) {
      const word = normalizeWords(match[0]).trim();
      if (!words.includes(word)) words.push(word);
    }
  }
  return words;
}

/** Whether a text uses any didactic word: the cheap test every line runs first. */
export function mentionsDidactic(text: string | null | undefined): boolean {
  return text != null && DIDACTIC.test(text);
}
