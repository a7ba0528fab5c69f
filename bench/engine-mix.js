"use strict";
// A year of a large practice as the engine sees it: weekly groups of ~10, members in one group each, a few
// lines with each kind of problem. Deterministic (no Math.random), so runs compare.
const { randomUUID } = require("node:crypto");

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function ruleVersion(effectiveFrom, feeCents, overrides = {}) {
  return {
    id: randomUUID(), effectiveFrom, minGroupSize: 3, maxGroupSize: 12, minSessionMinutes: 45, maxSessionMinutes: 120,
    telehealthVideoAllowed: true, telehealthAudioAllowed: false, telehealthPlaceOfService: "02",
    modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier: "95", when: "TELEHEALTH_VIDEO" }],
    requiredNoteElements: ["PARTICIPATION", "RESPONSE", "PLAN"], requireSignedNote: true, requireLicensedLeader: true,
    maxUnitsPerDay: 1, feeCents, createdAt: new Date(`${effectiveFrom === "0001-01-01" ? "2025-01-01" : effectiveFrom}T00:00:00Z`), ...overrides,
  };
}

/** `sessionCount` sessions over 2025 with `membersPerSession` present members each. */
function engineMix(sessionCount = 8360, membersPerSession = 10, seed = 7) {
  const random = rng(seed);
  const payers = new Map();
  for (let p = 0; p < 4; p++) {
    const id = randomUUID();
    payers.set(id, { id, ruleVersions: [ruleVersion("0001-01-01", 4500 + p * 100), ruleVersion("2025-07-01", 4800 + p * 100, { requireLicensedLeader: p !== 2 })] });
  }
  const payerIds = [...payers.keys()];
  const groupCount = Math.ceil(sessionCount / 52);
  const members = new Map();
  const groups = [];
  for (let g = 0; g < groupCount; g++) {
    const clientIds = [];
    for (let m = 0; m < membersPerSession + 2; m++) {
      const clientId = randomUUID();
      clientIds.push(clientId);
      const payerId = payerIds[(g + m) % payerIds.length];
      const coverages = [{ payerId, memberId: `M${g}${m}`, priority: "PRIMARY", effectiveFrom: "2024-01-01", effectiveTo: null, relationship: "SELF", subscriber: null }];
      if (m % 7 === 0) {
        coverages.push({ payerId: payerIds[(g + m + 1) % payerIds.length], memberId: `S${g}${m}`, priority: "SECONDARY", effectiveFrom: "2024-01-01", effectiveTo: null, relationship: "SELF", subscriber: null });
      }
      if (random() < 0.01) coverages[0].effectiveTo = "2025-03-31";
      // A few members are registered without an address, as a real roster has them (MISSING_REGISTRATION).
      const address = random() < 0.005 ? null : { line1: `${m + 1} Elm St`, line2: null, city: "Boston", state: "MA", zip: "02118" };
      members.set(clientId, { clientId, diagnosisCodes: random() < 0.005 ? [] : ["F33.1", "F41.1"], coverages, registration: { sex: m % 2 ? "MALE" : "FEMALE", address } });
    }
    const leader = { id: randomUUID(), licensed: random() > 0.03, licenseExpiresOn: null };
    groups.push({ clientIds, leader, modality: g % 5 === 0 ? "TELEHEALTH_VIDEO" : g % 17 === 0 ? "TELEHEALTH_AUDIO" : "IN_PERSON", weekday: g % 5, hour: 9 + (g % 9) });
  }
  const sessions = [];
  for (let i = 0; i < sessionCount; i++) {
    const group = groups[i % groupCount];
    const week = Math.floor(i / groupCount);
    const startsAt = new Date(Date.UTC(2025, 0, 6 + week * 7 + group.weekday, group.hour + 5));
    const absent = Math.floor(random() * group.clientIds.length);
    const present = group.clientIds.filter((_, k) => k !== absent && k !== (absent + 1) % group.clientIds.length).slice(0, membersPerSession);
    const notes = [];
    for (const clientId of present) {
      const r = random();
      if (r < 0.02) continue; // no note
      notes.push({
        clientId, participation: "Engaged", response: "Responded well", interventions: null, progress: null,
        plan: r < 0.04 ? null : "Continue", risk: null, signedAt: r < 0.06 ? null : startsAt, addenda: [],
      });
    }
    sessions.push({
      id: randomUUID(), startsAt, durationMinutes: random() < 0.02 ? 30 : 60, modality: group.modality, placeOfService: null,
      topics: "Coping skills", interventions: random() < 0.01 ? "" : "CBT", groupKind: "PSYCHOTHERAPY", hasPsychotherapyComponent: true,
      leader: group.leader, supervisor: null, presentClientIds: present, notes,
    });
  }
  return { timezone: "America/New_York", defaultPlaceOfService: "11", sessions, members, payers, billed: [] };
}

module.exports = { engineMix };
