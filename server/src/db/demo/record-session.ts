import type { AttendanceEntry } from "../../services/session.service.js";
import { zonedInstant } from "./calendar.js";
import type { ClientIdOf } from "./clients.js";
import { DEMO_TIMEZONE, type DemoContext } from "./context.js";
import type { SessionPlan } from "./session-plan.js";

/** Schedules one planned session and records what happened in it: documentation, attendance and members' notes. */
export async function recordPlannedSession(ctx: DemoContext, plan: SessionPlan, clientId: ClientIdOf): Promise<void> {
  const { services, actor, meta } = ctx;
  const session = await services.sessions.schedule(
    actor,
    { groupId: plan.groupId, startsAt: zonedInstant(plan.date, plan.time, DEMO_TIMEZONE), durationMinutes: plan.minutes, modality: plan.modality, placeOfService: plan.placeOfService ?? null },
    meta,
  );
  if (!plan.undocumented) {
    await services.sessions.update(actor, session.id, plan.documentation ?? { topics: "Emotion regulation; check-in on weekly goals", interventions: "Skills coaching, Socratic questioning, group feedback" }, meta);
  }
  await services.sessions.recordAttendance(actor, session.id, attendanceOf(plan, clientId), meta);
  await writeNotes(ctx, session.id, plan, clientId);
}

function attendanceOf(plan: SessionPlan, clientId: ClientIdOf): AttendanceEntry[] {
  return [
    ...plan.present.map((last) => ({
      clientId: clientId(last),
      status: "PRESENT" as const,
      ...(plan.attended?.[last] !== undefined ? { minutesAttended: plan.attended[last] } : {}),
      ...(plan.locations?.[last] ? { location: plan.locations[last] } : {}),
      ...(plan.complex?.[last] ? { interactiveComplexity: true, interactiveComplexityReason: plan.complex[last] } : {}),
    })),
    ...(plan.absent ?? []).map((last) => ({ clientId: clientId(last), status: "ABSENT" as const })),
  ];
}

/** A note for each present member but the noteless, signed but for the unsigned, complete but for the incomplete. */
async function writeNotes({ services, actor, meta }: DemoContext, sessionId: string, plan: SessionPlan, clientId: ClientIdOf): Promise<void> {
  for (const last of plan.present) {
    if (plan.noteless?.includes(last)) continue;
    const complete = !plan.incomplete?.includes(last);
    const note = await services.notes.save(
      actor,
      {
        sessionId,
        clientId: clientId(last),
        participation: `${last} took an active part and shared a recent stressor.${plan.noteAdds?.[last] ?? ""}`,
        response: "Practiced the skill in role play and identified when to use it.",
        interventions: "Validation, skills coaching, homework review.",
        progress: complete ? "Reports fewer crisis urges this week." : null,
        plan: "Continue weekly group; practice skill daily.",
      },
      meta,
    );
    if (!plan.unsigned?.includes(last)) await services.notes.sign(actor, note.id, meta);
  }
}
