import type { Modality } from "../../domain/engine/index.js";
import { addDays, weekdaysOf, type Month } from "./calendar.js";
import type { DemoGroups } from "./groups.js";

/** One session of the month as the demo records it; members are named by last name. */
export interface SessionPlan {
  groupId: string;
  date: string;
  time: string;
  minutes: number;
  modality: Modality;
  present: string[];
  absent?: string[];
  placeOfService?: string;
  undocumented?: boolean;
  noteless?: string[];
  unsigned?: string[];
  incomplete?: string[];
  /** Documentation other than the usual; the Recovery Group's first week reads as a class. */
  documentation?: { topics: string; interventions: string };
  /** Words added to a member's note participation; one names another member (OTHER_MEMBER_NAMED). */
  noteAdds?: Record<string, string>;
  /** Where telehealth members joined from. */
  locations?: Record<string, "HOME" | "OTHER">;
  /** Minutes attended, for members who left early or came late. */
  attended?: Record<string, number>;
  /** Members whose session was of interactive complexity (90785), with the reason. */
  complex?: Record<string, string>;
}

/** The Thursday whose Depression Process Group Medicare's filing window closes on the day the demo is loaded. */
export function lateThursday(month: Month): string {
  return weekdaysOf(month, 4)[2];
}

/** The month's sessions, in the order they are recorded: each weekly group, then the one-off sessions. */
export function planDemoSessions(groups: DemoGroups, month: Month): SessionPlan[] {
  return [...dbtTuesdays(groups, month), ...processThursdays(groups, month), ...recoveryMondays(groups, month), ...peerFridays(groups, month), ...oneOffSessions(groups, month)];
}

function dbtTuesdays({ dbt }: DemoGroups, month: Month): SessionPlan[] {
  return weekdaysOf(month, 2).map((date, i) => ({
    groupId: dbt,
    date,
    time: "17:30",
    minutes: i === 1 ? 100 : 90, // 100 minutes: over Medicaid's 90 (a warning only)
    modality: "IN_PERSON",
    present:
      i === 2
        ? ["Martinez", "Okafor", "Nguyen", "Lindqvist", "Siddiqui", "Raman", "Hughes"]
        : i === 3 // a drop-in makes nine: over Blue Harbor's maximum of eight
          ? ["Martinez", "Okafor", "Nguyen", "Alvarez", "Lindqvist", "Siddiqui", "Raman", "Hughes", "Kim"]
          : ["Martinez", "Okafor", "Nguyen", "Alvarez", "Lindqvist", "Siddiqui", "Raman"],
    absent: i === 2 ? ["Alvarez"] : i === 3 ? [] : ["Hughes"],
    incomplete: i === 0 ? ["Raman"] : [],
    noteAdds: i === 1 ? { Okafor: " Paired for role play with Ava Martinez." } : undefined,
    // Medicaid does not pay 90785: the flag warns that the claim goes out with 90853 alone.
    complex: i === 2 ? { Martinez: "Sister attended and escalated conflict; de-escalation needed before the skill work" } : undefined,
  }));
}

function processThursdays({ process }: DemoGroups, month: Month): SessionPlan[] {
  return weekdaysOf(month, 4).map((date, i) => ({
    groupId: process,
    date,
    time: "12:00",
    // 40 minutes: under the 45-minute minimum (the third Thursday, which Medicare's filing window also closes).
    minutes: i === 2 ? 40 : 60,
    modality: i === 1 ? "TELEHEALTH_AUDIO" : "TELEHEALTH_VIDEO",
    // Carter's payer has no fee entered yet; he comes once.
    present: ["Brown", "Whitfield", "Mensah", "Fischer", "Reed", "Petrov", ...(i === 0 ? ["Carter"] : [])],
    absent: i === 0 ? [] : ["Carter"],
    unsigned: i === 0 ? ["Fischer"] : [],
    noteless: i === 2 ? ["Mensah"] : [],
    // Whitfield left after 40 of 60 minutes one week (under Medicare's 75%) and after 50 another (enough).
    attended: i === 3 ? { Whitfield: 40 } : i === 0 ? { Whitfield: 50 } : undefined,
    locations: { Brown: "HOME", Reed: "OTHER", Fischer: "HOME" },
    // Medicare pays 90785: Reed's claim carries the add-on line (the fourth Thursday: inside Medicare's filing
    // window, due soon, and left for a first batch).
    complex: i === 3 ? { Reed: "Caregiver on the call interrupted repeatedly; needed redirection to let him take part" } : undefined,
  }));
}

function recoveryMondays({ recovery }: DemoGroups, month: Month): SessionPlan[] {
  return weekdaysOf(month, 1).map((date, i) => ({
    groupId: recovery,
    date,
    time: "18:00",
    minutes: 75,
    modality: i === 2 ? "TELEHEALTH_VIDEO" : "IN_PERSON",
    placeOfService: "57",
    present: i === 1 ? ["Delaney", "Moreno"] : ["Haddad", "Sullivan", "Delaney", "Moreno", "Okafor"],
    undocumented: i === 3,
    documentation: i === 0 ? { topics: "Lecture and video on the stages of change", interventions: "Handout on relapse warning signs; questions and answers" } : undefined,
  }));
}

function peerFridays({ peerCircle }: DemoGroups, month: Month): SessionPlan[] {
  return weekdaysOf(month, 5)
    .slice(0, 2)
    .map((date) => ({ groupId: peerCircle, date, time: "10:00", minutes: 60, modality: "IN_PERSON", present: ["Petrov", "Haddad", "Reed"] }));
}

function oneOffSessions({ recovery, process, family, multiFamily }: DemoGroups, month: Month): SessionPlan[] {
  return [
    // Okafor attends DBT on Tuesday; a second group the same Tuesday exceeds one unit a day.
    { groupId: recovery, date: weekdaysOf(month, 2)[0], time: "19:45", minutes: 75, modality: "IN_PERSON", placeOfService: "57", present: ["Okafor", "Haddad", "Sullivan"] },
    // Only one member came: individual psychotherapy, not 90853.
    { groupId: process, date: addDays(weekdaysOf(month, 4)[0], 1), time: "15:00", minutes: 45, modality: "IN_PERSON", present: ["Brown"] },
    { groupId: family, date: weekdaysOf(month, 3)[1], time: "16:00", minutes: 50, modality: "IN_PERSON", present: ["Brown", "Whitfield"] },
    { groupId: multiFamily, date: weekdaysOf(month, 3)[2], time: "18:30", minutes: 90, modality: "IN_PERSON", present: ["Haddad", "Sullivan"] },
  ];
}
