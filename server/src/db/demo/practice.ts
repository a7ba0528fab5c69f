import type { RequestMeta } from "../../services/request-context.js";
import type { Services } from "../../services/services.js";
import { DEMO_EMAIL, DEMO_NPI, DEMO_PASSWORD, DEMO_PRACTICE, DEMO_TIMEZONE, type DemoContext } from "./context.js";

/** Signs up Harbor Group Therapy with its owner (the demo user) and fills in what its claims need. */
export async function createDemoPractice(services: Services, meta: RequestMeta): Promise<DemoContext> {
  const { actor } = await services.auth.signUp({ practiceName: DEMO_PRACTICE, npi: DEMO_NPI, email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Morgan Ellis", timezone: DEMO_TIMEZONE }, meta);
  await services.practices.update(
    actor,
    { taxId: "043219876", taxonomyCode: "261QM0801X", addressLine1: "200 Harbor Street, Suite 4", addressCity: "Boston", addressState: "MA", addressZip: "021101234", phone: "6175550142", clearinghouseName: "Harbor Claims Exchange", clearinghouseId: "HCX01",
      submitterId: "HARBORGT01", submitterName: DEMO_PRACTICE, submitterContactName: "Morgan Ellis", x12UsageIndicator: "T" },
    meta,
  );
  return { services, actor, meta };
}
