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

module.exports = { draftsWithoutChecks };
