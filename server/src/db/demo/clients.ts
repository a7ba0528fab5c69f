import { addDays, type Month } from "./calendar.js";
import type { DemoContext } from "./context.js";
import type { DemoPayers } from "./payers.js";

interface ClientSpec {
  first: string;
  last: string;
  payer: keyof DemoPayers | "lapsed";
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

/** A client's id by last name (every demo client's is different). */
export type ClientIdOf = (lastName: string) => string;

/**
 * The twenty clients with their addresses, diagnoses and coverage: one whose coverage lapsed before the month, one
 * without an address, one without a diagnosis, and a child insured through a parent.
 */
export async function createDemoClients({ services, actor, meta }: DemoContext, payers: DemoPayers, month: Month): Promise<ClientIdOf> {
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
  return (last) => clientIds[CLIENTS.findIndex((x) => x.last === last)];
}

/**
 * Blue Harbor's prior authorizations: most members have one in force for the quarter; Siddiqui's two units run out
 * after two Tuesdays (AUTH_EXHAUSTED); Moreno's starts mid-month (AUTH_REQUIRED before).
 */
export async function authorizeBlueHarborMembers({ services, actor, meta }: DemoContext, commercial: string, clientId: ClientIdOf, month: Month): Promise<void> {
  const authorize = (last: string, number: string, startDate: string, units: number, note: string | null = null) =>
    services.authorizations.add(actor, clientId(last), { payerId: commercial, number, startDate, endDate: addDays(startDate, 89), units, note }, meta);
  await authorize("Lindqvist", "BH-PA-20417", month.from, 12, "Approved by phone; reference in the intake file");
  await authorize("Siddiqui", "BH-PA-20533", month.from, 2);
  await authorize("Raman", "BH-PA-20561", month.from, 12);
  await authorize("Delaney", "BH-PA-20602", month.from, 12);
  await authorize("Moreno", "BH-PA-20688", addDays(month.from, 14), 12);
}
