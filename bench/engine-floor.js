"use strict";
// The engine figure's baseline, measured in the same run: what any engine must at least do with the same input to
// draft the same lines, with no payer check at all. Sessions in start order, each one's local date; per present
// member the primary coverage and the payer's rules in force that day and the member's note; one draft-shaped
// object per line; and every note's texts read once by native code (lower-cased), since a check for other
// members' names in a note cannot look at fewer characters. A ratio to it holds on a slower or busier machine,
// where the engine's absolute rate does not.

function draftsWithoutChecks(input, { localDateOf, coverageOn, ruleVersionOn }) {
  const sessions = [...input.sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const drafts = [];
  let characters = 0;
  for (const session of sessions) {
    const serviceDate = localDateOf(session.startsAt, input.timezone);
    const present = [...session.presentClientIds].sort();
    for (const clientId of present) {
      const member = input.members.get(clientId);
      const coverage = member ? coverageOn(member.coverages, serviceDate) : null;
      const payer = coverage ? input.payers.get(coverage.payerId) : undefined;
      const rules = payer ? ruleVersionOn(payer.ruleVersions, serviceDate) : null;
      const note = session.notes.find((n) => n.clientId === clientId) ?? null;
      if (note) {
        characters += `${note.participation ?? ""}\n${note.response ?? ""}\n${note.interventions ?? ""}\n${note.progress ?? ""}\n${note.plan ?? ""}\n${note.risk ?? ""}`.toLowerCase().length;
        for (const addendum of note.addenda) characters += addendum.text.toLowerCase().length;
      }
      drafts.push({
        sessionId: session.id, clientId, serviceDate, payerId: coverage?.payerId ?? null, memberId: coverage?.memberId ?? null, ruleVersionId: rules?.id ?? null,
        status: rules ? "READY" : "BLOCKED", cptCode: "90853", suggestedCptCodes: [], modifiers: [], placeOfService: session.placeOfService ?? input.defaultPlaceOfService,
        units: 1, diagnosisCodes: member?.diagnosisCodes ?? [], chargeCents: rules?.feeCents ?? 0, renderingClinicianId: session.leader.id, supervisedClinicianId: null,
        requiredNoteElements: rules?.requiredNoteElements ?? [], authorizationId: null, authorizationNumber: null, issues: [], addOnLines: [], recheckOn: null,
      });
    }
  }
  // Read, so no engine could skip the text pass.
  if (characters < 0) throw new Error("unreachable");
  return drafts;
}

/**
 * Less than any engine can do: the session's notes read once, a character at a time, in JavaScript, and nothing
 * else (no lookup of a member's note, no line drafted). The other-member-named check must look at every character
 * of every note (a name may be anywhere), and a JavaScript loop reads a character no faster than this; answers the
 * present members it covered, so its rate is an upper bound on any engine's lines per second on this machine and
 * this mix (whose notes all belong to present members).
 */
function noteCharactersRead(input) {
  let lines = 0;
  let sum = 0;
  for (const session of input.sessions) {
    lines += session.presentClientIds.length;
    for (const note of session.notes) {
      sum ^= characterSum(note.participation) ^ characterSum(note.response) ^ characterSum(note.interventions);
      sum ^= characterSum(note.progress) ^ characterSum(note.plan) ^ characterSum(note.risk);
      for (const addendum of note.addenda) sum ^= characterSum(addendum.text);
    }
  }
  // Read, so the loop cannot be dropped.
  if (sum === 0.5) throw new Error("unreachable");
  return lines;
}

/** A small integer sum of the text's character codes: a loop that reads each character and keeps nothing else. */
function characterSum(text) {
  if (text == null) return 0;
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (sum + text.charCodeAt(i)) | 0;
  return sum;
}

module.exports = { draftsWithoutChecks, noteCharactersRead };
