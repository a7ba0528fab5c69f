import type { AuthChecker } from "type-graphql";
import { can, type Permission } from "../auth/roles.js";
import { forbidden, unauthenticated } from "../errors/domain-error.js";
import type { Actor } from "../services/request-context.js";
import type { GraphQLContext } from "./context.js";

/** `@Authorized()` with no permission only requires a signed-in user; otherwise every listed permission is needed. */
export const authChecker: AuthChecker<GraphQLContext, Permission> = ({ context }, permissions) => {
  const actor = requireActor(context);
  if (!permissions.every((p) => can(actor.role, p))) throw forbidden();
  return true;
};

export function requireActor(context: GraphQLContext): Actor {
  if (!context.actor) {
    throw unauthenticated(context.sentToken ? "Your session has ended; sign in again" : "Sign in to continue");
  }
  return context.actor;
}
