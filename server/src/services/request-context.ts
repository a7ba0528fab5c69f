import type { Role } from "../auth/roles.js";

/** The signed-in user acting in their active practice, resolved once per request from the bearer token. */
export interface Actor {
  userId: string;
  practiceId: string;
  role: Role;
  authSessionId: string;
}

export interface RequestMeta {
  requestId: string;
}
