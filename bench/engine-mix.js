"use strict";
// A year of a large practice as the engine sees it when claim-facts.ts loads it from the database, so the engine
// figure measures what a practice's reads cost:
// - weekly groups of ~10 present members (12 enrolled), each member in one group, every member named (the
//   other-member-named check runs on every note; a few notes name another member, a few use class-like words);
// - notes with text in every section, as clinicians write them (one to two sentences each), some unsigned or
//   incomplete, a few with addenda;
// - a fifth of groups by video telehealth (member location recorded), a few audio-only, a few members with shorter
//   attendance or interactive complexity (90785) recorded;
// - five payers: per-week and per-month caps, timely-filing windows with today's date given (so lines near or
//   past a deadline warn or block), note signing deadlines, class-like warnings, 90785 paid by one, prior
//   authorization required by one (its members hold authorizations, a few running out), secondary coverages;
// - a few lines of each kind of problem, and most lines through October billed.
// Deterministic (no Math.random, ids from the seed), so runs and instruction counts compare.

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A UUID-shaped id from the generator: the engine compares and hashes ids, so they look like the real ones. */
function idFrom(random) {
  const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

const FIRST_NAMES = ["Ava", "Ben", "Chloe", "Daniel", "Emma", "Farah", "Gabriel", "Hana", "Isaac", "Jasmine", "Kevin", "Lucia", "Marcus", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samuel", "Tara", "Uma", "Victor", "Wei", "Yusuf", "Zoe", "Sean", "Maria", "José", "Aisha", "Liam"];
const LAST_NAMES = ["Martinez", "Okafor", "Nguyen", "Smith", "Johnson", "O'Brien", "Garcia", "Kim", "Patel", "Diaz-Lopez", "Cohen", "Williams", "Brown", "Haddad", "Rossi", "Schmidt", "Ivanova", "Tanaka", "Murphy", "Silva", "Lee", "Walker", "Hernández", "Clark", "Lewis"];

const PARTICIPATION = [
  "Engaged throughout; shared a recent conflict with a coworker and how it affected sleep.",
  "Quiet at first, then described avoidance of social events over the weekend.",
  "Actively participated and offered support to peers during check-in.",
  "Arrived on time, participated in the check-in and the main exercise.",
  "Shared progress on the thought record and asked for feedback from the group.",
];
const RESPONSE = [
  "Accepted feedback from peers and identified one alternative thought.",
  "Responded well to the exercise; reported lower distress by the end.",
  "Initially defensive, then receptive to the reframe offered by the leader.",
  "Practiced the breathing technique and rated anxiety down from 7 to 4.",
];
const INTERVENTIONS = [
  "Cognitive restructuring and group feedback.",
  "Role play of an assertive request; skills coaching.",
  "Behavioral activation planning; Socratic questioning.",
  "Mindfulness practice and distress tolerance skills.",
];
const PROGRESS = [
  "Fewer avoidance episodes this week; mood improving per self-report.",
  "Progress toward goal 2 (sleep routine) is steady.",
  "Continues to use coping skills between sessions with partial success.",
];
const PLAN = ["Continue weekly group; complete one thought record.", "Continue group; practice the skill twice before next session.", "Continue weekly group."];
const RISK = ["Denies SI/HI.", "No safety concerns reported.", "Denies SI/HI; safety plan reviewed."];

const BILLED_THROUGH = new Date("2025-11-01T00:00:00Z");

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

function ruleVersion(random, effectiveFrom, feeCents, overrides = {}) {
  return {
    id: idFrom(random), effectiveFrom, minGroupSize: 3, maxGroupSize: 12, minSessionMinutes: 45, maxSessionMinutes: 120,
    telehealthVideoAllowed: true, telehealthAudioAllowed: false, telehealthPlaceOfService: "02",
    modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier: "95", when: "TELEHEALTH_VIDEO" }],
    requiredNoteElements: ["PARTICIPATION", "RESPONSE", "PLAN"], requireSignedNote: true, requireLicensedLeader: true,
    maxUnitsPerDay: 1, feeCents, requirePriorAuthorization: false,
    createdAt: new Date(`${effectiveFrom === "0001-01-01" ? "2025-01-01" : effectiveFrom}T00:00:00Z`), ...overrides,
  };
}

/** What each payer adds to the common rules: caps, filing windows and the rest, as payers' contracts set them. */
const PAYER_RULES = [
  // Medicare-like: a year to file, notes signed within a week, audio-only telehealth covered, 90785 paid.
  { timelyFilingDays: 365, signWithinDays: 7, telehealthAudioAllowed: true, allowInteractiveComplexity: true, interactiveComplexityFeeCents: 1500, telehealthPosByLocation: true },
  // State Medicaid: weekly cap, 90-day filing window, class-like wording warned, attendance of three quarters.
  { maxUnitsPerWeek: 1, timelyFilingDays: 90, warnClassLikeDocumentation: true, minAttendedPercent: 75 },
  // Commercial with prior authorization and a monthly cap.
  { requirePriorAuthorization: true, maxUnitsPerMonth: 4, timelyFilingDays: 180, requireLicensedLeader: false },
  // Commercial, a short filing window.
  { timelyFilingDays: 120, signWithinDays: 3, lateSignatureSeverity: "ERROR" },
  // Managed Medicaid: weekly and monthly caps, class-like wording warned.
  { maxUnitsPerWeek: 2, maxUnitsPerMonth: 6, timelyFilingDays: 365, warnClassLikeDocumentation: true },
];

/** `sessionCount` sessions over 2025 with `membersPerSession` present members each. */
function engineMix(sessionCount = 8360, membersPerSession = 10, seed = 7) {
  const random = rng(seed);
  const payers = new Map();
  PAYER_RULES.forEach((rules, p) => {
    const id = idFrom(random);
    payers.set(id, {
      id,
      ruleVersions: [ruleVersion(random, "0001-01-01", 4500 + p * 100, rules), ruleVersion(random, "2025-07-01", 4800 + p * 100, { ...rules, minSessionMinutes: 50 })],
    });
  });
  const payerIds = [...payers.keys()];
  const authorizedPayer = payerIds[2];
  const groupCount = Math.ceil(sessionCount / 52);
  const members = new Map();
  const names = new Map();
  const authorizations = [];
  const groups = [];
  for (let g = 0; g < groupCount; g++) {
    const clientIds = [];
    for (let m = 0; m < membersPerSession + 2; m++) {
      const clientId = idFrom(random);
      clientIds.push(clientId);
      const payerId = payerIds[(g + m) % payerIds.length];
      const coverages = [{ payerId, memberId: `M${g}${m}`, priority: "PRIMARY", effectiveFrom: "2024-01-01", effectiveTo: null, relationship: "SELF", subscriber: null }];
      if (m % 7 === 0) {
        coverages.push({ payerId: payerIds[(g + m + 1) % payerIds.length], memberId: `S${g}${m}`, priority: "SECONDARY", effectiveFrom: "2024-01-01", effectiveTo: null, relationship: "SELF", subscriber: null });
      }
      if (random() < 0.01) coverages[0].effectiveTo = "2025-03-31";
      if (payerId === authorizedPayer) {
        // Two authorizations a year; a few members' second one approves too few units and runs out.
        authorizations.push({ id: idFrom(random), clientId, payerId, number: `PA-${g}-${m}-1`, startDate: "2025-01-01", endDate: "2025-06-30", units: 26 });
        authorizations.push({ id: idFrom(random), clientId, payerId, number: `PA-${g}-${m}-2`, startDate: "2025-07-01", endDate: "2025-12-31", units: random() < 0.2 ? 12 : 26 });
      }
      // A few members are registered without an address, as a real roster has them (MISSING_REGISTRATION).
      const address = random() < 0.005 ? null : { line1: `${m + 1} Elm St`, line2: null, city: "Boston", state: "MA", zip: "02118" };
      const firstName = pick(random, FIRST_NAMES);
      const lastName = pick(random, LAST_NAMES);
      names.set(clientId, `${firstName} ${lastName}`);
      members.set(clientId, { clientId, firstName, lastName, diagnosisCodes: random() < 0.005 ? [] : ["F33.1", "F41.1"], coverages, registration: { sex: m % 2 ? "MALE" : "FEMALE", address } });
    }
    const leader = { id: idFrom(random), licensed: random() > 0.03, licenseExpiresOn: null, credential: "LICSW" };
    groups.push({ clientIds, leader, modality: g % 5 === 0 ? "TELEHEALTH_VIDEO" : g % 17 === 0 ? "TELEHEALTH_AUDIO" : "IN_PERSON", weekday: g % 5, hour: 9 + (g % 9) });
  }
  const sessions = [];
  const billed = [];
  for (let i = 0; i < sessionCount; i++) {
    const group = groups[i % groupCount];
    const week = Math.floor(i / groupCount);
    const startsAt = new Date(Date.UTC(2025, 0, 6 + week * 7 + group.weekday, group.hour + 5));
    const id = idFrom(random);
    const absent = Math.floor(random() * group.clientIds.length);
    const present = group.clientIds.filter((_, k) => k !== absent && k !== (absent + 1) % group.clientIds.length).slice(0, membersPerSession);
    const notes = [];
    const attendance = new Map();
    for (const clientId of present) {
      const r = random();
      if (group.modality !== "IN_PERSON") attendance.set(clientId, { minutesAttended: null, location: random() < 0.7 ? "HOME" : "OTHER", interactiveComplexityReason: null });
      if (random() < 0.02) attendance.set(clientId, { ...attendance.get(clientId), minutesAttended: 30 });
      if (random() < 0.01) attendance.set(clientId, { minutesAttended: null, ...attendance.get(clientId), interactiveComplexityReason: "Caregiver present; interpreter needed to manage communication." });
      if (r < 0.02) continue; // no note
      const signedAt = r < 0.06 ? null : new Date(startsAt.getTime() + (random() < 0.03 ? 9 : random() < 0.2 ? 2 : 0) * 86_400_000 + 3_600_000);
      let participation = pick(random, PARTICIPATION);
      // A few notes name another present member (a breach the check reports) or read like a class.
      if (random() < 0.01) participation = `${participation} Gave feedback to ${names.get(pick(random, present))}.`;
      if (random() < 0.01) participation = `Watched a video and completed the handout.`;
      notes.push({
        clientId, participation, response: pick(random, RESPONSE), interventions: pick(random, INTERVENTIONS), progress: pick(random, PROGRESS),
        plan: r < 0.04 ? null : pick(random, PLAN), risk: pick(random, RISK), signedAt,
        addenda: signedAt && random() < 0.02 ? [{ element: null, text: "Clarified that homework was assigned and reviewed with the member." }] : [],
      });
      // Billed monthly: lines through October are in batches, as a practice reading its year in January has them.
      if (startsAt < BILLED_THROUGH && r > 0.1) {
        const member = members.get(clientId);
        billed.push({ sessionId: id, clientId, serviceDate: startsAt.toISOString().slice(0, 10), payerId: member.coverages[0].payerId, authorizationId: null });
      }
    }
    sessions.push({
      id, startsAt, durationMinutes: random() < 0.02 ? 30 : 60, modality: group.modality, placeOfService: null,
      topics: random() < 0.01 ? "Lecture on sleep hygiene" : "Coping with stress at work and at home", interventions: random() < 0.01 ? "" : "CBT: cognitive restructuring, role play",
      groupKind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true, leader: group.leader, supervisor: null, presentClientIds: present, notes,
      ...(attendance.size > 0 ? { attendance } : {}),
    });
  }
  // Today as a read in January 2026 sees it: the year's late lines are past their filing windows, the last ones near them.
  return { timezone: "America/New_York", defaultPlaceOfService: "11", sessions, members, payers, billed, authorizations, today: "2026-01-20" };
}

module.exports = { engineMix };
