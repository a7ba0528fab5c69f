import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { GroupKind, Modality } from "../domain/engine/index.js";
import { daysFrom, localDateOf } from "../domain/engine/index.js";
import type { PayerRulesPatch } from "../domain/validation/index.js";
import type { RequestMeta } from "../services/request-context.js";
import type { AttendanceEntry } from "../services/session.service.js";
import { Services } from "../services/services.js";
import { demo835, type DemoOutcome } from "./demo-remittance.js";

export const DEMO_EMAIL = "demo@harbor-group.example";
export const DEMO_PASSWORD = "harbor-demo-2026";
export const DEMO_PRACTICE = "Harbor Group Therapy";
const TIMEZONE = "America/New_York";

/** The instant at which the wall clock in `timezone` reads `date time`. */
export function zonedInstant(date: string, time: string, timezone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
    .formatToParts(guess)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first and last day of the calendar month before the one `today` is in. */
export function previousMonth(today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 2, 1));
  const last = new Date(Date.UTC(y, m - 1, 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

interface ClientSpec {
  first: string;
  last: string;
  payer: "medicaid" | "medicare" | "commercial" | "tricare" | "lapsed";
  diagnoses?: string[];
  sex: "FEMALE" | "MALE";
  /** False for the one client whose lines show MISSING_REGISTRATION. */
  address?: boolean;
  dateOfBirth?: string;
  /** Insured through a parent's plan: the 837P carries the parent (2010BA) and the client (2000C). */
  parent?: { firstName: string; sex: "FEMALE" | "MALE"; dateOfBirth: string };
}

const STREETS = ["Beacon St", "Tremont St", "Dorchester Ave", "Centre St", "Washington St", "Hyde Park Ave", "Blue Hill Ave", "Commonwealth Ave"];

const CLIENTS: ClientSpec[] = [
  { first: "Ava", last: "Martinez", payer: "medicaid", sex: "FEMALE" },
  { first: "Ben", last: "Okafor", payer: "medicaid", sex: "MALE" },
  { first: "Chloe", last: "Nguyen", payer: "medicaid", sex: "FEMALE", dateOfBirth: "2008-04-12", parent: { firstName: "Linh", sex: "FEMALE", dateOfBirth: "1979-09-03" } },
  { first: "Diego", last: "Alvarez", payer: "medicaid", sex: "MALE" },
  { first: "Elena", last: "Petrov", payer: "medicaid", sex: "FEMALE" },
  { first: "Farah", last: "Haddad", payer: "medicaid", sex: "FEMALE" },
  { first: "Gabe", last: "Sullivan", payer: "medicaid", sex: "MALE" },
  { first: "Hana", last: "Kim", payer: "medicaid", diagnoses: [], sex: "FEMALE" },
  { first: "Isaac", last: "Brown", payer: "medicare", sex: "MALE" },
  { first: "June", last: "Whitfield", payer: "medicare", sex: "FEMALE" },
  { first: "Kofi", last: "Mensah", payer: "medicare", sex: "MALE" },
  { first: "Lena", last: "Fischer", payer: "medicare", sex: "FEMALE" },
  { first: "Marcus", last: "Reed", payer: "medicare", sex: "MALE" },
  { first: "Nora", last: "Lindqvist", payer: "commercial", sex: "FEMALE" },
  { first: "Omar", last: "Siddiqui", payer: "commercial", sex: "MALE" },
  { first: "Priya", last: "Raman", payer: "commercial", sex: "FEMALE" },
  { first: "Quinn", last: "Delaney", payer: "commercial", sex: "MALE", address: false },
  { first: "Rosa", last: "Moreno", payer: "commercial", sex: "FEMALE" },
  { first: "Sam", last: "Carter", payer: "tricare", sex: "MALE" },
  { first: "Tess", last: "Hughes", payer: "lapsed", sex: "FEMALE" },
];

const DIAGNOSES = [["F33.1"], ["F41.1", "F33.0"], ["F43.10"], ["F32.1"], ["F10.20", "F41.1"], ["F60.3", "F33.1"]];

/**
 * Loads the demo practice through the same services the API uses (so it is validated and audited),
 * with a month of sessions in which most lines are READY and every kind of denial appears at least once.
 */
export async function seedDemo(dataSource: DataSource, now = new Date()): Promise<{ created: boolean; email: string; password: string }> {
  const services = new Services(dataSource);
  const existing = await dataSource.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [DEMO_EMAIL]);
  if (existing.length > 0) return { created: false, email: DEMO_EMAIL, password: DEMO_PASSWORD };

  const meta: RequestMeta = { requestId: `seed-${randomUUID()}` };
  const { actor } = await services.auth.signUp(
    { practiceName: DEMO_PRACTICE, npi: "1245319599", email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Morgan Ellis", timezone: TIMEZONE },
    meta,
  );
  await services.practices.update(
    actor,
    { taxId: "043219876", taxonomyCode: "261QM0801X", addressLine1: "200 Harbor Street, Suite 4", addressCity: "Boston", addressState: "MA", addressZip: "021101234", phone: "6175550142", clearinghouseName: "Harbor Claims Exchange", clearinghouseId: "HCX01",
      submitterId: "HARBORGT01", submitterName: DEMO_PRACTICE, submitterContactName: "Morgan Ellis", x12UsageIndicator: "T" },
    meta,
  );
  const month = previousMonth(localDateOf(now, TIMEZONE));

  // Undated first rules hold since always, as a practice setting up its payers would enter them.
  const payer = async (name: string, kind: "MEDICAID" | "MEDICARE" | "COMMERCIAL" | "TRICARE", payerCode: string, rules: PayerRulesPatch) =>
    (await services.payers.create(actor, { name, kind, payerCode, rules }, meta)).id;
  const payers = {
    // Medicaid's reviewers deny groups documented as education, so its lines warn on class-like wording.
    medicaid: await payer("Bay State Medicaid", "MEDICAID", "MCDMA", { feeCents: 4_850, warnClassLikeDocumentation: true }),
    medicare: await payer("Medicare Part B", "MEDICARE", "MCRB1", {
      maxGroupSize: 10,
      telehealthAudioAllowed: true,
      modifierRules: [{ modifier: "95", when: "TELEHEALTH_VIDEO" }, { modifier: "93", when: "TELEHEALTH_AUDIO" }],
      feeCents: 6_120,
      // Telehealth lines: 10 for members at home, 02 for those elsewhere (as attendance records it).
      telehealthPosByLocation: true,
      // A member who leaves before three quarters of the session is not billed (ATTENDANCE_TOO_SHORT).
      minAttendedPercent: 75,
      // Medicare pays interactive complexity (90785) with group therapy: a flagged member's claim gets a second line.
      allowInteractiveComplexity: true,
      interactiveComplexityFeeCents: 1_450,
    }),
    commercial: await payer("Blue Harbor PPO", "COMMERCIAL", "BHPPO", {
      minGroupSize: 3,
      maxGroupSize: 8,
      minSessionMinutes: 60,
      modifierRules: [{ modifier: "GT", when: "TELEHEALTH_VIDEO" }],
      requiredNoteElements: ["PARTICIPATION", "RESPONSE", "INTERVENTIONS", "PROGRESS"],
      feeCents: 9_500,
      // Lines rendered by a clinical social worker carry AJ.
      credentialModifiers: [{ credential: "LCSW", modifier: "AJ" }],
      // Its members need a prior authorization in force with units left (see the authorizations below).
      requirePriorAuthorization: true,
    }),
    // A payer set up without its fee yet: its lines show MISSING_FEE until the practice enters it.
    tricare: await payer("TriWest Behavioral", "TRICARE", "TRIW1", {
      // Notes signed more than a week after the session warn (NOTE_SIGNED_LATE): the seed signs last month's notes today.
      signWithinDays: 7,
      modifierRules: [
        { modifier: "AJ", when: "ALWAYS" },
        { modifier: "95", when: "TELEHEALTH_VIDEO" },
      ],
    }),
  };
  // A later rules change inside the month shows versioning at work; from then on Medicaid also pays one group a
  // week per member (FREQUENCY_LIMIT: Okafor's Tuesday DBT after his Monday Recovery Group).
  await services.payers.setRules(actor, payers.medicaid, { effectiveFrom: addDays(month.from, 14), feeCents: 5_100, maxUnitsPerWeek: 1 }, meta);

  const clinician = async (name: string, [firstName, lastName]: [string, string], npi: string, credential: string, licensed: boolean, taxonomyCode: string) =>
    (await services.clinicians.create(actor, { name, firstName, lastName, npi, credential, licensed, licenseExpiresOn: licensed ? "2028-06-30" : null, taxonomyCode }, meta)).id;
  // Taxonomies: clinical social worker, psychologist, peer specialist.
  const lcsw = await clinician("Riley Chen", ["Riley", "Chen"], "1356420830", "LCSW", true, "1041C0700X");
  const psychologist = await clinician("Dr. Amara Obi", ["Amara", "Obi"], "1467531947", "PhD", true, "103T00000X");
  const peer = await clinician("Jordan Blake", ["Jordan", "Blake"], "1578642054", "CPRS", false, "175T00000X");
  // The demo user signs in as Riley Chen, so only they sign the notes of Riley's groups.
  await services.clinicians.linkUser(actor, lcsw, actor.userId, meta);

  const clientIds: string[] = [];
  for (const [i, spec] of CLIENTS.entries()) {
    const home = { line1: `${12 + i * 7} ${STREETS[i % STREETS.length]}`, line2: i % 4 === 0 ? `Apt ${i + 1}` : null, city: "Boston", state: "MA", zip: `021${String(15 + i).padStart(2, "0")}` };
    const insured = spec.parent
      ? { relationship: "CHILD" as const, subscriber: { firstName: spec.parent.firstName, lastName: spec.last, dateOfBirth: spec.parent.dateOfBirth, sex: spec.parent.sex, address: home } }
      : {};
    const coverages =
      spec.payer === "lapsed"
        ? [{ payerId: payers.medicaid, memberId: "MA-900120", priority: "PRIMARY" as const, effectiveFrom: "2024-01-01", effectiveTo: addDays(month.from, -1) }]
        : [{ payerId: payers[spec.payer], memberId: `${spec.payer.slice(0, 3).toUpperCase()}-${100200 + i}`, priority: "PRIMARY" as const, effectiveFrom: "2025-01-01", ...insured }];
    const client = await services.clients.create(
      actor,
      {
        firstName: spec.first,
        lastName: spec.last,
        dateOfBirth: spec.dateOfBirth ?? `19${60 + ((i * 7) % 39)}-0${1 + (i % 9)}-1${i % 9}`,
        sex: spec.sex,
        address: spec.address === false ? null : home,
        diagnosisCodes: spec.diagnoses ?? DIAGNOSES[i % DIAGNOSES.length],
        coverages,
      },
      meta,
    );
    clientIds.push(client.id);
  }
  const c = (last: string) => clientIds[CLIENTS.findIndex((x) => x.last === last)];

  // Blue Harbor's prior authorizations: most members have one in force for the quarter; Siddiqui's two
  // units run out after two Tuesdays (AUTH_EXHAUSTED); Moreno's starts mid-month (AUTH_REQUIRED before).
  const authorize = (last: string, number: string, startDate: string, units: number, note: string | null = null) =>
    services.authorizations.add(actor, c(last), { payerId: payers.commercial, number, startDate, endDate: addDays(startDate, 89), units, note }, meta);
  await authorize("Lindqvist", "BH-PA-20417", month.from, 12, "Approved by phone; reference in the intake file");
  await authorize("Siddiqui", "BH-PA-20533", month.from, 2);
  await authorize("Raman", "BH-PA-20561", month.from, 12);
  await authorize("Delaney", "BH-PA-20602", month.from, 12);
  await authorize("Moreno", "BH-PA-20688", addDays(month.from, 14), 12);

  const group = async (name: string, kind: GroupKind, psychotherapy: boolean, leaderId: string, minutes: number, members: string[]) =>
    (await services.groups.create(actor, { name, kind, hasPsychotherapyComponent: psychotherapy, leaderId, defaultDurationMinutes: minutes, memberIds: members.map(c) }, meta)).id;
  const dbt = await group("DBT Skills — Tuesday", "SKILLS", true, lcsw, 90, ["Martinez", "Okafor", "Nguyen", "Alvarez", "Lindqvist", "Siddiqui", "Raman", "Hughes"]);
  const process = await group("Depression Process Group", "PSYCHOTHERAPY", true, psychologist, 60, ["Brown", "Whitfield", "Mensah", "Fischer", "Reed", "Petrov", "Carter"]);
  const recovery = await group("Recovery Group", "SUBSTANCE_USE", true, lcsw, 75, ["Haddad", "Sullivan", "Delaney", "Moreno", "Okafor"]);
  const peerCircle = await group("Peer Support Circle", "SUPPORT", false, peer, 60, ["Petrov", "Haddad", "Reed"]);
  const family = await group("Family Sessions", "FAMILY", true, psychologist, 50, ["Brown", "Whitfield"]);
  // Several families together: multiple-family group psychotherapy (90849), not 90853.
  const multiFamily = await group("Multi-Family Recovery Night", "MULTI_FAMILY", true, lcsw, 90, ["Haddad", "Sullivan"]);

  interface SessionPlan {
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
  const plans: SessionPlan[] = [];
  const weekdays = (weekday: number) => {
    const dates: string[] = [];
    for (let d = month.from; d <= month.to; d = addDays(d, 1)) if (new Date(`${d}T12:00:00Z`).getUTCDay() === weekday) dates.push(d);
    return dates;
  };
  // Medicare's filing window, from mid-month: as long as makes the third Thursday's group one day too late on the
  // day the demo is loaded (TIMELY_FILING_EXPIRED) and the later Thursdays due within two weeks (TIMELY_FILING_SOON).
  const today = localDateOf(now, TIMEZONE);
  await services.payers.setRules(actor, payers.medicare, { effectiveFrom: addDays(month.from, 14), timelyFilingDays: daysFrom(weekdays(4)[2], today) - 1 }, meta);
  weekdays(2).forEach((date, i) =>
    plans.push({
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
    }),
  );
  weekdays(4).forEach((date, i) =>
    plans.push({
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
    }),
  );
  weekdays(1).forEach((date, i) =>
    plans.push({
      groupId: recovery,
      date,
      time: "18:00",
      minutes: 75,
      modality: i === 2 ? "TELEHEALTH_VIDEO" : "IN_PERSON",
      placeOfService: "57",
      present: i === 1 ? ["Delaney", "Moreno"] : ["Haddad", "Sullivan", "Delaney", "Moreno", "Okafor"],
      undocumented: i === 3,
      documentation: i === 0 ? { topics: "Lecture and video on the stages of change", interventions: "Handout on relapse warning signs; questions and answers" } : undefined,
    }),
  );
  weekdays(5).slice(0, 2).forEach((date) => plans.push({ groupId: peerCircle, date, time: "10:00", minutes: 60, modality: "IN_PERSON", present: ["Petrov", "Haddad", "Reed"] }));
  // Okafor attends DBT on Tuesday; a second group the same Tuesday exceeds one unit a day.
  plans.push({ groupId: recovery, date: weekdays(2)[0], time: "19:45", minutes: 75, modality: "IN_PERSON", placeOfService: "57", present: ["Okafor", "Haddad", "Sullivan"] });
  // Only one member came: individual psychotherapy, not 90853.
  plans.push({ groupId: process, date: addDays(weekdays(4)[0], 1), time: "15:00", minutes: 45, modality: "IN_PERSON", present: ["Brown"] });
  plans.push({ groupId: family, date: weekdays(3)[1], time: "16:00", minutes: 50, modality: "IN_PERSON", present: ["Brown", "Whitfield"] });
  plans.push({ groupId: multiFamily, date: weekdays(3)[2], time: "18:30", minutes: 90, modality: "IN_PERSON", present: ["Haddad", "Sullivan"] });

  for (const plan of plans) {
    const session = await services.sessions.schedule(
      actor,
      { groupId: plan.groupId, startsAt: zonedInstant(plan.date, plan.time, TIMEZONE), durationMinutes: plan.minutes, modality: plan.modality, placeOfService: plan.placeOfService ?? null },
      meta,
    );
    if (!plan.undocumented) {
      await services.sessions.update(actor, session.id, plan.documentation ?? { topics: "Emotion regulation; check-in on weekly goals", interventions: "Skills coaching, Socratic questioning, group feedback" }, meta);
    }
    const entries: AttendanceEntry[] = [
      ...plan.present.map((last) => ({
        clientId: c(last),
        status: "PRESENT" as const,
        ...(plan.attended?.[last] !== undefined ? { minutesAttended: plan.attended[last] } : {}),
        ...(plan.locations?.[last] ? { location: plan.locations[last] } : {}),
        ...(plan.complex?.[last] ? { interactiveComplexity: true, interactiveComplexityReason: plan.complex[last] } : {}),
      })),
      ...(plan.absent ?? []).map((last) => ({ clientId: c(last), status: "ABSENT" as const })),
    ];
    await services.sessions.recordAttendance(actor, session.id, entries, meta);
    for (const last of plan.present) {
      if (plan.noteless?.includes(last)) continue;
      const complete = !plan.incomplete?.includes(last);
      const note = await services.notes.save(
        actor,
        {
          sessionId: session.id,
          clientId: c(last),
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

  // The first two weeks of last month were billed and the payers have answered: one 835 per payer. The rest
  // of the month stays READY for a new user's own first batch.
  const remitted = await services.batches.create(actor, { from: month.from, to: addDays(month.from, 13), idempotencyKey: "demo-first-half" }, meta);
  const lines = await services.batches.lines(actor, remitted.id);
  const flagged = lines.find((l) => l.issues.some((i) => i.severity === "WARNING"));
  const unflagged = lines.filter((l) => !l.issues.some((i) => i.severity === "WARNING"));
  const outcomeOf = (lineId: string): DemoOutcome =>
    lineId === flagged?.id ? "DENIED_FLAGGED" : lineId === unflagged[0]?.id ? "DENIED_MISSED" : lineId === unflagged[1]?.id ? "PARTIALLY_PAID" : "PAID";
  const byPayer = new Map<string, typeof lines>();
  for (const line of lines) byPayer.set(line.payerId, [...(byPayer.get(line.payerId) ?? []), line]);
  let interchange = 7001;
  for (const payerLines of byPayer.values()) {
    // The first payer paid late and added interest, so a biller sees a payment that is not just its claims.
    const providerAdjustments = interchange === 7001 ? [{ reason: "L6", reference: `INT${interchange}`, cents: -137 }] : [];
    const text = demo835({
      payerName: payerLines[0]!.payerName,
      payerCode: payerLines[0]!.payerCode,
      payeeName: DEMO_PRACTICE,
      payeeNpi: "1245319599",
      traceNumber: `EFT${interchange}`,
      interchangeControlNumber: interchange++,
      paymentDate: addDays(month.from, 27),
      claims: payerLines.map((l) => ({ patientControlNumber: l.patientControlNumber, chargeCents: l.chargeCents + l.addOnChargeCents, outcome: outcomeOf(l.id) })),
      providerAdjustments,
    });
    await services.remittances.import(actor, { text, fileName: `${payerLines[0]!.payerCode}-remittance.835` }, meta);
  }
  return { created: true, email: DEMO_EMAIL, password: DEMO_PASSWORD };
}
