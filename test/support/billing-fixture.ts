import { expectOk, type PracticeFixture, type TestServer } from "./api";
import { uniqueNpi } from "./npi";

export interface BillingFixture {
  payerId: string;
  clinicianId: string;
  clientIds: string[];
  groupId: string;
}

/** Everything a batch needs from the practice: the billing provider (ZIP+4, street) and the clearinghouse settings. */
export const BILLING_DETAILS = {
  taxId: "043219876",
  taxonomyCode: "261QM0801X",
  addressLine1: "1 Main St",
  addressCity: "Boston",
  addressState: "MA",
  addressZip: "021101234",
  phone: "6175550100",
  clearinghouseName: "Test House",
  clearinghouseId: "TESTHOUSE",
  submitterId: "SUBMIT01",
  submitterName: "Test Practice Billing",
  submitterContactName: "Pat Biller",
  x12UsageIndicator: "T",
};

export async function setBillingDetails(server: TestServer, owner: PracticeFixture, overrides: Record<string, unknown> = {}): Promise<void> {
  expectOk(await server.gql(`mutation ($input: UpdatePracticeInput!) { updatePractice(input: $input) { id } }`, { input: { ...BILLING_DETAILS, ...overrides } }, owner.token));
}

/** A member's home address as registration needs it. */
export function homeAddress(i = 0) {
  return { line1: `${10 + i} Elm St`, line2: null, city: "Boston", state: "MA", zip: "02118" };
}

/**
 * A payer (Medicaid, HQ), a licensed leader, members with diagnoses, sex, address and primary coverage, a
 * group, and the practice's billing details (so a batch can be made).
 */
export async function billingSetup(
  server: TestServer,
  owner: PracticeFixture,
  options: { members?: number; payerRules?: Record<string, unknown>; kind?: string; licensed?: boolean; billingDetails?: boolean } = {},
): Promise<BillingFixture> {
  if (options.billingDetails !== false) await setBillingDetails(server, owner);
  const payerId = expectOk(
    await server.gql(
      `mutation ($input: CreatePayerInput!) { createPayer(input: $input) { id } }`,
      { input: { name: "State Medicaid", kind: "MEDICAID", payerCode: "SMCD1", rules: { effectiveFrom: "2026-01-01", feeCents: 4800, ...options.payerRules } } },
      owner.token,
    ),
  ).createPayer.id;
  const clinicianId = expectOk(
    await server.gql(
      `mutation ($input: CreateClinicianInput!) { createClinician(input: $input) { id } }`,
      { input: { name: "Robin Lee", npi: uniqueNpi(), credential: "LCSW", licensed: options.licensed ?? true } },
      owner.token,
    ),
  ).createClinician.id;
  const clientIds: string[] = [];
  for (let i = 0; i < (options.members ?? 3); i++) {
    clientIds.push(
      expectOk(
        await server.gql(
          `mutation ($input: CreateClientInput!) { createClient(input: $input) { id } }`,
          {
            input: {
              firstName: `Member${i}`,
              lastName: `Test${String.fromCharCode(65 + i)}`,
              dateOfBirth: "1988-05-05",
              sex: i % 2 === 0 ? "FEMALE" : "MALE",
              address: homeAddress(i),
              diagnosisCodes: ["F33.1"],
              coverages: [{ payerId, memberId: `MCD-${i}`, priority: "PRIMARY", effectiveFrom: "2026-01-01" }],
            },
          },
          owner.token,
        ),
      ).createClient.id,
    );
  }
  const groupId = expectOk(
    await server.gql(
      `mutation ($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: "DBT Skills", kind: options.kind ?? "SKILLS", hasPsychotherapyComponent: true, leaderId: clinicianId, defaultDurationMinutes: 60, memberIds: clientIds } },
      owner.token,
    ),
  ).createGroup.id;
  return { payerId, clinicianId, clientIds, groupId };
}

/** A session where every member is present, documented, and has a signed complete note: all lines READY. */
export async function readySession(
  server: TestServer,
  owner: PracticeFixture,
  fx: BillingFixture,
  options: { startsAt?: string; modality?: string; present?: string[]; durationMinutes?: number } = {},
): Promise<string> {
  const sessionId = expectOk(
    await server.gql(
      `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id } }`,
      { input: { groupId: fx.groupId, startsAt: options.startsAt ?? "2026-03-10T15:00:00Z", durationMinutes: options.durationMinutes ?? 60, modality: options.modality ?? "IN_PERSON" } },
      owner.token,
    ),
  ).scheduleSession.id;
  expectOk(
    await server.gql(
      `mutation ($id: ID!) { updateSession(id: $id, input: { topics: "Distress tolerance", interventions: "DBT skills coaching, role play" }) { id } }`,
      { id: sessionId },
      owner.token,
    ),
  );
  const present = options.present ?? fx.clientIds;
  expectOk(
    await server.gql(
      `mutation ($id: ID!, $entries: [AttendanceInput!]!) { recordAttendance(sessionId: $id, entries: $entries) { id } }`,
      { id: sessionId, entries: present.map((clientId) => ({ clientId, status: "PRESENT" })) },
      owner.token,
    ),
  );
  for (const clientId of present) {
    const note = expectOk(
      await server.gql(
        `mutation ($input: SaveMemberNoteInput!) { saveMemberNote(input: $input) { id } }`,
        { input: { sessionId, clientId, participation: "Engaged throughout", response: "Practiced TIPP skill" } },
        owner.token,
      ),
    ).saveMemberNote;
    expectOk(await server.gql(`mutation ($id: ID!) { signMemberNote(id: $id) { id } }`, { id: note.id }, owner.token));
  }
  return sessionId;
}

/**
 * `count` sessions of the fixture's group, one a day from `from` at 3 pm New York time, straight into the tables
 * (the API paths are tested elsewhere): every member present with a signed note. Attendance and notes are added
 * for every session of the practice, so call it once per practice.
 */
export async function insertDailySessions(server: TestServer, owner: PracticeFixture, fx: BillingFixture, count: number, from: string): Promise<void> {
  await server.dataSource.query(
    `INSERT INTO group_sessions (practice_id, id, group_id, starts_at, service_date, duration_minutes, modality, leader_id, topics, interventions)
     SELECT $1, gen_random_uuid(), $2, ($3::date + n) + time '15:00' AT TIME ZONE 'America/New_York', $3::date + n, 60, 'IN_PERSON', $4, 'Topic', 'Intervention'
     FROM generate_series(0, $5 - 1) AS n`,
    [owner.practiceId, fx.groupId, from, fx.clinicianId, count],
  );
  await server.dataSource.query(
    `INSERT INTO attendance (practice_id, id, session_id, client_id, status)
     SELECT s.practice_id, gen_random_uuid(), s.id, c, 'PRESENT' FROM group_sessions s CROSS JOIN unnest($2::uuid[]) AS c WHERE s.practice_id = $1`,
    [owner.practiceId, fx.clientIds],
  );
  await server.dataSource.query(
    `INSERT INTO member_notes (practice_id, id, session_id, client_id, participation, response, signed_at, signed_by)
     SELECT practice_id, gen_random_uuid(), session_id, client_id, 'Engaged', 'Responded', now(), $2 FROM attendance WHERE practice_id = $1`,
    [owner.practiceId, owner.userId],
  );
}
