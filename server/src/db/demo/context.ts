import type { Actor, RequestMeta } from "../../services/request-context.js";
import type { Services } from "../../services/services.js";

/** Who loads the demo and through what: the same services the API uses, so every record is validated and audited. */
export interface DemoContext {
  services: Services;
  actor: Actor;
  meta: RequestMeta;
}

export const DEMO_EMAIL = "demo@harbor-group.example";
export const DEMO_PASSWORD = "harbor-demo-2026";
export const DEMO_PRACTICE = "Harbor Group Therapy";
export const DEMO_NPI = "1245319599";
export const DEMO_TIMEZONE = "America/New_York";
