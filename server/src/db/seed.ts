import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { localDateOf } from "../domain/engine/index.js";
import { Services } from "../services/services.js";
import { billAndRemitFirstHalf } from "./demo/billing.js";
import { previousMonth } from "./demo/calendar.js";
import { authorizeBlueHarborMembers, createDemoClients } from "./demo/clients.js";
import { createDemoClinicians } from "./demo/clinicians.js";
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_TIMEZONE } from "./demo/context.js";
import { createDemoGroups } from "./demo/groups.js";
import { createDemoPayers, setMedicareFilingWindow } from "./demo/payers.js";
import { createDemoPractice } from "./demo/practice.js";
import { recordPlannedSession } from "./demo/record-session.js";
import { lateThursday, planDemoSessions } from "./demo/session-plan.js";

export { previousMonth, zonedInstant } from "./demo/calendar.js";
export { DEMO_EMAIL, DEMO_PASSWORD, DEMO_PRACTICE } from "./demo/context.js";

/**
 * Loads the demo practice through the same services the API uses (so it is validated and audited),
 * with a month of sessions in which most lines are READY and every kind of denial appears at least once.
 * Each step's records are the next's inputs; their order is the audit log's.
 */
export async function seedDemo(dataSource: DataSource, now = new Date()): Promise<{ created: boolean; email: string; password: string }> {
  const services = new Services(dataSource);
  const existing = await dataSource.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [DEMO_EMAIL]);
  if (existing.length > 0) return { created: false, email: DEMO_EMAIL, password: DEMO_PASSWORD };

  const ctx = await createDemoPractice(services, { requestId: `seed-${randomUUID()}` });
  const today = localDateOf(now, DEMO_TIMEZONE);
  const month = previousMonth(today);
  const payers = await createDemoPayers(ctx, month);
  const clinicians = await createDemoClinicians(ctx);
  const clientId = await createDemoClients(ctx, payers, month);
  await authorizeBlueHarborMembers(ctx, payers.commercial, clientId, month);
  const groups = await createDemoGroups(ctx, clinicians, clientId);
  await setMedicareFilingWindow(ctx, payers.medicare, month, lateThursday(month), today);
  for (const plan of planDemoSessions(groups, month)) await recordPlannedSession(ctx, plan, clientId);
  await billAndRemitFirstHalf(ctx, month);
  return { created: true, email: DEMO_EMAIL, password: DEMO_PASSWORD };
}
