/**
 * Note drafting: a deterministic first draft of a member's note from the session's documentation and a few words
 * about the member, from templates per group kind (no model, no guessing). A draft is never signed: the clinician
 * reads and edits it first, and sections the clinician already wrote are never replaced.
 */
import type { GroupKind, NoteElement } from "../engine/types.js";

/** What a template may use. */
export interface DraftFacts {
  firstName: string;
  groupKind: GroupKind;
  topics: string | null;
  interventions: string | null;
  /** The clinician's few words about this member (e.g. "shared a conflict with her sister"); may be empty. */
  words: string | null;
  durationMinutes: number;
  /** Null when not recorded: the whole session. */
  minutesAttended: number | null;
}

type Template = (f: Filled) => string;

/** The facts as templates read them, blanks replaced by neutral words. */
interface Filled {
  first: string;
  kind: string;
  topics: string;
  interventions: string;
  /** " She said: …" style sentence from the words, or "". */
  words: string;
  attended: string;
}

const KIND_PHRASE: Record<GroupKind, string> = {
  PSYCHOTHERAPY: "group psychotherapy session",
  SKILLS: "skills group",
  SUBSTANCE_USE: "substance-use group",
  PSYCHOEDUCATION: "psychoeducation group",
  SUPPORT: "support group",
  FAMILY: "family session",
  MULTI_FAMILY: "multiple-family group",
};

/** The templates every kind uses unless it has its own below. */
const COMMON: Record<NoteElement, Template> = {
  PARTICIPATION: (f) => `${f.first} attended ${f.attended} of the ${f.kind} on ${f.topics} and took part in the discussion.${f.words}`,
  RESPONSE: (f) => `${f.first} responded to the interventions used (${f.interventions}) and engaged with peers' feedback.`,
  INTERVENTIONS: (f) => `The leader used ${f.interventions} to address ${f.topics}.`,
  PROGRESS: (f) => `${f.first} is working on treatment-plan goals related to ${f.topics}.`,
  PLAN: (f) => `Continue the ${f.kind}; ${f.first} to practice what was worked on between sessions.`,
  RISK: (f) => `No safety concerns were raised by or about ${f.first} in the session.`,
};

/** Kinds whose work reads differently: skills are practiced, substance use is about recovery, families work together. */
const BY_KIND: Partial<Record<GroupKind, Partial<Record<NoteElement, Template>>>> = {
  SKILLS: {
    RESPONSE: (f) => `${f.first} practiced the skills taught (${f.interventions}) and described when to use them.`,
    PLAN: (f) => `Continue the ${f.kind}; ${f.first} to practice the skills daily and review them next session.`,
  },
  SUBSTANCE_USE: {
    PROGRESS: (f) => `${f.first} is working on recovery goals related to ${f.topics}.`,
    PLAN: (f) => `Continue the ${f.kind}; ${f.first} to use the relapse-prevention plan between sessions.`,
  },
  FAMILY: {
    RESPONSE: (f) => `${f.first} and family members responded to the interventions used (${f.interventions}).`,
  },
  MULTI_FAMILY: {
    RESPONSE: (f) => `${f.first} and family members responded to the interventions used (${f.interventions}) alongside the other families.`,
  },
};

/** The note's elements in the order notes show them. */
export const DRAFT_ELEMENTS: readonly NoteElement[] = ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS", "PLAN", "RISK"];

/** What a draft fills when the member's payer lists no required elements. */
export const DEFAULT_DRAFT_ELEMENTS: readonly NoteElement[] = ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PLAN"];

function clean(text: string | null): string | null {
  const t = text?.replace(/\s+/g, " ").trim().replace(/[.;,\s]+$/, "");
  return t ? t : null;
}

function filled(f: DraftFacts): Filled {
  const words = clean(f.words);
  return {
    first: f.firstName.trim() || "The member",
    kind: KIND_PHRASE[f.groupKind],
    topics: clean(f.topics) ?? "the session's topic",
    interventions: clean(f.interventions) ?? "the session's interventions",
    words: words ? ` ${words.charAt(0).toUpperCase()}${words.slice(1)}.` : "",
    attended: f.minutesAttended === null || f.minutesAttended >= f.durationMinutes ? `all ${f.durationMinutes} minutes` : `${f.minutesAttended} of ${f.durationMinutes} minutes`,
  };
}

/** The drafted text of each element asked for, in note order. */
export function draftSections(facts: DraftFacts, elements: readonly NoteElement[]): Partial<Record<NoteElement, string>> {
  const f = filled(facts);
  const sections: Partial<Record<NoteElement, string>> = {};
  for (const element of DRAFT_ELEMENTS) {
    if (!elements.includes(element)) continue;
    sections[element] = (BY_KIND[facts.groupKind]?.[element] ?? COMMON[element])(f);
  }
  return sections;
}
