#!/usr/bin/env node
// Starts one server for the scale bench in its own process, so the load generator does not share its event loop:
//   node bench/serve.js groupbill <databaseUrl>   GroupBill as the tests start it (createApp over the built server)
//   node bench/serve.js baseline <databaseUrl>    a bare Apollo Server + pg + DataLoader answering the sessions page
// Reports { port } to the parent, and { rss } whenever asked.
"use strict";
require("reflect-metadata");
const path = require("node:path");

const dist = path.resolve(__dirname, "../server/dist");
const [kind, databaseUrl] = process.argv.slice(2);
const POOL_SIZE = 10;

async function groupBill() {
  // As the server's entry point (index.ts) sets it: the bench measures the memory of what runs.
  require(`${dist}/server-heap.js`).tuneServerHeap();
  const { createDataSource } = require(`${dist}/db/data-source.js`);
  const { createApp } = require(`${dist}/app.js`);
  const { buildGroupBillSchema } = require(`${dist}/graphql/schema.js`);
  const dataSource = createDataSource(databaseUrl, POOL_SIZE);
  await dataSource.initialize();
  const log = (message) => console.error(`[groupbill] ${String(message).split("\n", 1)[0]}`);
  // The background refresh of stale decisions runs as in production (DECISION_REFRESH_INTERVAL_MS defaults to 1 s).
  const app = await createApp({ dataSource, schema: await buildGroupBillSchema(), production: false, log, decisionRefreshIntervalMs: 1000 });
  return app.listen(0, "127.0.0.1");
}

const BASELINE_SCHEMA = `
  type Query { sessions(first: Int!, from: String!): SessionConnection! }
  type SessionConnection { totalCount: Int! edges: [SessionEdge!]! }
  type SessionEdge { node: Session! }
  type Session { id: ID! date: String! presentCount: Int! group: Group! leader: Clinician! attendance: [Attendance!]! }
  type Group { name: String! }
  type Clinician { name: String! }
  type Attendance { status: String! client: Client! }
  type Client { id: ID! firstName: String! lastName: String! }
`;

/** What a hand-written server does for the same page: a query per kind of row, no ORM, no RLS, no transaction. */
async function baseline() {
  const { ApolloServer } = require("@apollo/server");
  const { expressMiddleware } = require("@as-integrations/express5");
  const express = require("express");
  const DataLoader = require("dataloader");
  const { Pool, types } = require("pg");
  types.setTypeParser(1082, (value) => value); // dates stay YYYY-MM-DD, as GroupBill answers them
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  const byId = (practiceId, table, columns) =>
    new DataLoader(async (ids) => {
      const { rows } = await pool.query(`SELECT id, ${columns} FROM ${table} WHERE practice_id = $1 AND id = ANY($2::uuid[])`, [practiceId, ids]);
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
  const contextFor = (practiceId) => ({
    practiceId,
    group: byId(practiceId, "therapy_groups", "name"),
    clinician: byId(practiceId, "clinicians", "name"),
    client: byId(practiceId, "clients", "first_name, last_name"),
    attendance: new DataLoader(async (sessionIds) => {
      const { rows } = await pool.query(
        `SELECT session_id, client_id, status FROM attendance WHERE practice_id = $1 AND session_id = ANY($2::uuid[]) ORDER BY client_id`,
        [practiceId, sessionIds],
      );
      const bySession = new Map(sessionIds.map((id) => [id, []]));
      for (const row of rows) bySession.get(row.session_id).push(row);
      return sessionIds.map((id) => bySession.get(id));
    }),
  });
  const resolvers = {
    Query: {
      async sessions(_, { first, from }, ctx) {
        const [page, count] = await Promise.all([
          pool.query(
            `SELECT id, service_date, group_id, leader_id FROM group_sessions WHERE practice_id = $1 AND service_date >= $2 ORDER BY starts_at, id LIMIT $3`,
            [ctx.practiceId, from, first],
          ),
          pool.query(`SELECT count(*)::int AS n FROM group_sessions WHERE practice_id = $1 AND service_date >= $2`, [ctx.practiceId, from]),
        ]);
        return { totalCount: count.rows[0].n, edges: page.rows.map((node) => ({ node })) };
      },
    },
    Session: {
      date: (s) => s.service_date,
      group: (s, _, ctx) => ctx.group.load(s.group_id),
      leader: (s, _, ctx) => ctx.clinician.load(s.leader_id),
      attendance: (s, _, ctx) => ctx.attendance.load(s.id),
      presentCount: async (s, _, ctx) => (await ctx.attendance.load(s.id)).filter((a) => a.status === "PRESENT").length,
    },
    Attendance: { client: (a, _, ctx) => ctx.client.load(a.client_id) },
    Client: { firstName: (c) => c.first_name, lastName: (c) => c.last_name },
  };
  const apollo = new ApolloServer({ typeDefs: BASELINE_SCHEMA, resolvers });
  await apollo.start();
  const app = express();
  app.use("/graphql", express.json(), expressMiddleware(apollo, { context: async ({ req }) => contextFor(String(req.headers["x-practice-id"] ?? "")) }));
  return new Promise((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

process.on("message", (message) => {
  if (message === "rss") process.send({ rss: process.memoryUsage().rss });
});
process.on("disconnect", () => process.exit(0));
// A normal exit, so --cpu-prof (BENCH_PROFILE) can write its profile.
process.on("SIGTERM", () => process.exit(0));

(kind === "baseline" ? baseline() : groupBill()).then(
  (port) => process.send({ port }),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
