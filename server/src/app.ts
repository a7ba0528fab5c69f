import "reflect-metadata";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { LoginThrottlePolicy } from "./auth/login-throttle.js";
import { bearerToken } from "./auth/token.js";
import type { GraphQLContext } from "./graphql/context.js";
import { formatError, INTERNAL, isUnexpected } from "./graphql/errors.js";
import { Loaders } from "./graphql/loaders.js";
import { Services } from "./services/services.js";

export interface AppOptions {
  dataSource: DataSource;
  schema: GraphQLSchema;
  production: boolean;
  /** Serves the built console at / when the folder exists. */
  consoleDir?: string;
  x12UsageIndicator?: "P" | "T";
  /** Sign-in lockout; tests shorten it instead of waiting out the real one. */
  loginThrottle?: LoginThrottlePolicy;
  log?: (message: string, detail?: unknown) => void;
}

export interface GroupBillApp {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

const REQUEST_BODY_LIMIT = "1mb";

// Deep enough for the console's nested reads (sessions -> attendance -> client -> coverages -> payer -> rules).
const armor = new ApolloArmor({
  maxDepth: { n: 12, exposeLimits: false, ignoreIntrospection: true, flattenFragments: true },
  maxAliases: { n: 15, exposeLimits: false },
  costLimit: { maxCost: 8000, exposeLimits: false, ignoreIntrospection: true },
  maxTokens: { n: 3000, exposeLimits: false },
  maxDirectives: { n: 30, exposeLimits: false },
  blockFieldSuggestion: { enabled: true },
});

function errorPlugin(log: NonNullable<AppOptions["log"]>): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (isUnexpected(error)) log(`request ${contextValue.requestId} failed`, error.originalError ?? error);
          }
        },
        async willSendResponse({ contextValue, response }) {
          response.http.headers.set("x-request-id", contextValue.requestId);
          if (response.body.kind !== "single") return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === INTERNAL) (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

export async function createApp(options: AppOptions): Promise<GroupBillApp> {
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(message, detail ?? ""));
  const services = new Services(options.dataSource, { x12UsageIndicator: options.x12UsageIndicator, loginThrottle: options.loginThrottle });
  const app = express();
  app.disable("x-powered-by");
  const server = http.createServer(app);
  const protection = armor.protect();

  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: !options.production,
    hideSchemaDetailsFromClientErrors: options.production,
    csrfPrevention: true,
    // index.ts owns the signals: it must stop the embedded database after the HTTP server, in order.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: protection.validationRules,
    formatError,
    plugins: [...protection.plugins, errorPlugin(log), ApolloServerPluginDrainHttpServer({ httpServer: server })],
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

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await options.dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database unreachable" });
    }
  });

  app.use(
    "/graphql",
    express.json({ limit: REQUEST_BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        const header = req.headers["x-request-id"];
        const requestId = typeof header === "string" && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
        const token = bearerToken(req.headers.authorization);
        const actor = token ? await services.auth.authenticate(token) : null;
        return { requestId, actor, sentToken: token !== null, services, loaders: new Loaders(services.db, actor, services.claims) };
      },
    }),
  );

  const consoleDir = options.consoleDir;
  if (consoleDir && fs.existsSync(path.join(consoleDir, "index.html"))) {
    app.use(express.static(consoleDir, { index: "index.html", maxAge: "1h" }));
    // The console routes in the browser; any other page load gets its shell.
    app.get(/^\/(?!graphql|healthz|readyz).*/, (_req, res) => {
      res.sendFile(path.join(consoleDir, "index.html"));
    });
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
    async stop() {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
