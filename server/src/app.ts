import "reflect-metadata";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { LoginThrottlePolicy } from "./auth/login-throttle.js";
import { Permission, can } from "./auth/roles.js";
import { bearerToken } from "./auth/token.js";
import type { GraphQLContext } from "./graphql/context.js";
import { DomainError } from "./errors/domain-error.js";
import {
  describeFailure,
  formatError,
  INTERNAL,
  isDatabaseUnavailable,
  isUnexpected,
  RequestFailure,
  RETRY_AFTER_SECONDS,
  SERVICE_UNAVAILABLE,
} from "./graphql/errors.js";
import { Loaders } from "./graphql/loaders.js";
import { consoleAssets } from "./console-assets.js";
import { HttpDrain, type DrainResult } from "./http-drain.js";
import { queryLimits } from "./graphql/query-limits.js";
import { DecisionRefresher } from "./services/decision-refresh.js";
import { Services } from "./services/services.js";
import { RequestTransaction, requestTransactions } from "./db/tenant-transaction.js";
import { inputLimitsPlugin } from "./graphql/input-limits.js";

export interface AppOptions {
  dataSource: DataSource;
  schema: GraphQLSchema;
  production: boolean;
  /** Serves the built console at / when the folder exists. */
  consoleDir?: string;
  /** Sign-in lockout; tests shorten it instead of waiting out the real one. */
  loginThrottle?: LoginThrottlePolicy;
  log?: (message: string, detail?: unknown) => void;
  /**
   * How often the background refresh of stored claim decisions looks for stale dates; off when absent
   * (reads stay correct without it, and tests that count statements need a quiet server).
   */
  decisionRefreshIntervalMs?: number;
}

export interface GroupBillApp {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  /**
   * Drains: /readyz fails and new requests get 503 at once, requests in flight get up to `graceMs` to finish,
   * then the server stops listening. The caller closes the database afterwards, when nothing uses it any more.
   */
  stop(options?: { graceMs?: number; quietMs?: number }): Promise<DrainResult>;
}

const REQUEST_BODY_LIMIT = "1mb";
/**
 * An 835 for a large payer's month runs to megabytes (a few hundred characters a claim). Only a request from a
 * signed-in member who may import remittances may send a body that large: its token is checked before the body
 * is read, so nobody else can make the server parse megabytes. The 835's own limit is FILE_ARGUMENTS'.
 */
const REMITTANCE_BODY_LIMIT = "12mb";
const REQUEST_BODY_LIMIT_BYTES = 1024 * 1024;
const DEFAULT_GRACE_MS = 25_000;

function firstLine(text: string): string {
  return text.split("\n", 1)[0];
}

function errorPlugin(log: NonNullable<AppOptions["log"]>): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const who = contextValue.actor ? ` (practice ${contextValue.actor.practiceId}, user ${contextValue.actor.userId})` : "";
          const unexpected = errors.filter(isUnexpected).map((error) => ({ path: error.path, original: unwrapResolverError(error) }));
          // An outage fails every field of the request alike: one line says it all.
          const outage = unexpected.find((e) => isDatabaseUnavailable(e.original));
          if (outage) log(`request ${contextValue.requestId}${who} failed: the database is unavailable (${firstLine(describeFailure(outage.original))})`);
          for (const { path, original } of unexpected) {
            if (isDatabaseUnavailable(original)) continue;
            const where = path ? ` at ${path.join(".")}` : "";
            log(`request ${contextValue.requestId}${who} failed${where}: ${describeFailure(original)}`);
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const errors = result.errors ?? [];
          // Formatted errors are read-only: the ones a user reports by request id are replaced with a copy carrying it.
          if (result.errors) {
            result.errors = result.errors.map((error) => {
              const code = error.extensions?.code;
              return code === INTERNAL || code === SERVICE_UNAVAILABLE ? { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } } : error;
            });
          }
          if (errors.some((error) => error.extensions?.code === SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}

/**
 * Ends the request's shared transaction. A query keeps it to the end (commit before the answer is sent, so a
 * drain never waits on an open transaction). A mutation gives it up before executing: each of its service calls
 * is then a transaction of its own, as the services were written for. That keeps "complete fully or leave
 * nothing" per call (a failure rolls back only that call's writes, already committed ones stay, as before), lets
 * the idempotency retries re-read after a unique violation, commits before the answer says it succeeded, and
 * releases row locks without waiting for the answer to be built.
 */
function requestTransactionPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (operation?.operation !== "query") await contextValue.transaction.finish();
        },
        async willSendResponse({ contextValue }) {
          await contextValue.transaction.finish();
        },
      };
    },
  };
}

/** Every response names its request, so a client can quote it whatever failed (even before GraphQL ran). */
function requestIdOf(req: express.Request): string {
  const header = req.headers["x-request-id"];
  return typeof header === "string" && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}

export async function createApp(options: AppOptions): Promise<GroupBillApp> {
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(message, detail ?? ""));
  const services = new Services(options.dataSource, { loginThrottle: options.loginThrottle });
  const refresher = options.decisionRefreshIntervalMs ? new DecisionRefresher(options.dataSource, options.decisionRefreshIntervalMs, log) : null;
  refresher?.start();
  const app = express();
  app.disable("x-powered-by");
  const server = http.createServer(app);
  const limits = queryLimits();
  const drain = new HttpDrain(server, (_req, res) => {
    res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    res.status(503).json({
      errors: [{ message: "The server is restarting; try again in a few seconds", extensions: { code: SERVICE_UNAVAILABLE, requestId: res.locals.requestId } }],
    });
  });

  // Apollo neither logs nor adds a request id to a failure while building the context, so it is done here.
  const authenticate = async (token: string, requestId: string, transaction: RequestTransaction) => {
    try {
      return await services.auth.authenticate(token);
    } catch (error) {
      // No GraphQL hook will run for this request: the connection goes back before the error answer.
      await transaction.finish();
      if (error instanceof DomainError) throw error;
      if (isDatabaseUnavailable(error)) {
        log(`request ${requestId} failed: the database is unavailable (${firstLine(describeFailure(error))})`);
        throw new RequestFailure(SERVICE_UNAVAILABLE, requestId);
      }
      log(`request ${requestId} failed while checking its token: ${describeFailure(error)}`);
      throw new RequestFailure(INTERNAL, requestId);
    }
  };

  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    // index.ts owns the signals: it drains HTTP (HttpDrain, not Apollo's drain plugin, which resets connections
    // that have not sent their request yet), then closes the pool, then stops the embedded database.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    formatError,
    // Compact JSON: Apollo pretty-prints answers by default, a third more bytes to build and send for nobody to read.
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      ...limits.plugins,
      inputLimitsPlugin(),
      requestTransactionPlugin(),
      errorPlugin(log),
      // Nothing sets cache hints (every answer is private to a practice), and the default cache-control plugin
      // would wrap every field's resolver to look for them.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  // The console loads only its own files and talks only to this server; nothing may frame it.
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    next();
  });

  app.use((req, res, next) => {
    res.locals.requestId = requestIdOf(req);
    res.setHeader("x-request-id", res.locals.requestId);
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // A load balancer polling this stops sending traffic as soon as the drain begins.
  app.get("/readyz", async (_req, res) => {
    if (drain.isDraining) {
      res.status(503).json({ status: "stopping" });
      return;
    }
    try {
      await options.dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });

  app.use(drain.track);

  const smallBodies = express.json({ limit: REQUEST_BODY_LIMIT });
  const remittanceBodies = express.json({ limit: REMITTANCE_BODY_LIMIT });
  const mayImportRemittances = async (authorization: string | undefined): Promise<boolean> => {
    const token = bearerToken(authorization);
    if (!token) return false;
    // Its own short transaction: the request's starts after the body is read. Any failure keeps the small limit.
    const actor = await services.auth.authenticate(token).catch(() => null);
    return actor !== null && can(actor.role, Permission.ManageRemittances);
  };
  app.use(
    "/graphql",
    (req, res, next) => {
      // Only a body announced as large costs a token check before it is read; the rest are read as before.
      if (Number(req.headers["content-length"] ?? 0) <= REQUEST_BODY_LIMIT_BYTES) return smallBodies(req, res, next);
      mayImportRemittances(req.headers.authorization).then(
        (allowed) => (allowed ? remittanceBodies : smallBodies)(req, res, next),
        next,
      );
    },
    // Everything the request does from here on (token check, resolvers, loaders) sees its one transaction.
    (_req, res, next) => {
      const transaction = new RequestTransaction(options.dataSource);
      res.locals.transaction = transaction;
      // Normally ended by willSendResponse; this covers answers Apollo gives without its hooks and clients gone away.
      res.once("close", () => void transaction.finish());
      requestTransactions.run(transaction, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        // res.locals is untyped (any); the middlewares above set both.
        const requestId: string = res.locals.requestId;
        const transaction: RequestTransaction = res.locals.transaction;
        const token = bearerToken(req.headers.authorization);
        const actor = token ? await authenticate(token, requestId, transaction) : null;
        return { requestId, actor, sentToken: token !== null, services, transaction, loaders: new Loaders(services.db, actor, services.claims, services.remittances) };
      },
    }),
  );

  const consoleDir = options.consoleDir;
  if (consoleDir && fs.existsSync(path.join(consoleDir, "index.html"))) {
    // The console routes in the browser: its files, and its shell for any other page load.
    app.use(consoleAssets(consoleDir));
  }

  return {
    server,
    listen(port, host = "0.0.0.0") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    async stop({ graceMs = DEFAULT_GRACE_MS, quietMs }: { graceMs?: number; quietMs?: number } = {}) {
      const result = await drain.drain(graceMs, quietMs);
      await refresher?.stop();
      await apollo.stop();
      return result;
    },
  };
}
