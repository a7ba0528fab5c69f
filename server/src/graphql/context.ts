import type { RequestTransaction } from "../db/tenant-transaction.js";
import type { Actor } from "../services/request-context.js";
import type { Services } from "../services/services.js";
import type { Loaders } from "./loaders.js";

export interface GraphQLContext {
  requestId: string;
  /** Null when the request carries no valid token. */
  actor: Actor | null;
  /** Whether a token was sent at all, to tell "expired" from "never signed in". */
  sentToken: boolean;
  services: Services;
  loaders: Loaders;
  /** The request's shared database transaction, ended by the Apollo plugin in app.ts. */
  transaction: RequestTransaction;
}
