#!/usr/bin/env node
// Benchmarks: speed and memory of the rules engine, the claim exports and (when PostgreSQL answers)
// a month of decisions for the demo practice and the scale suite (bench/scale.js). Prints tables and writes
// bench/results/<timestamp>.json and bench/results/latest.json. BENCH_QUICK=1 runs on a tenth of the data;
// BENCH_ONLY=engine runs the engine figures alone (no exports, no PostgreSQL), repeated, reporting medians.
"use strict";
require("reflect-metadata");
const fs = require("node:fs");
const path = require("node:path");
const { randomUUID } = require("node:crypto");

const dist = path.resolve(__dirname, "../server/dist");
const engine = require(`${dist}/domain/engine/index.js`);
const { evaluateSessions } = engine;
const { exportCsv, exportX12_837P } = require(`${dist}/domain/export/index.js`);
const { engineMix } = require("./engine-mix.js");
const { draftsWithoutChecks, noteCharactersRead } = require("./engine-floor.js");
const { scaleBench, printScale } = require("./scale.js");

function measure(name, iterations, run) {
  run(); // warm-up
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let units = 0;
  for (let i = 0; i < iterations; i++) units = run();
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / iterations;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
  const cpuMs = (cpu.user + cpu.system) / 1000 / iterations;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  return {
    name, iterations, msPerRun: Number(ms.toFixed(2)), cpuMsPerRun: Number(cpuMs.toFixed(2)), unitsPerRun: units,
    unitsPerSecond: Math.round((units / ms) * 1000), unitsPerCpuSecond: Math.round((units / cpuMs) * 1000), heapDeltaMb: Number(heapMb.toFixed(1)),
  };
}

function engineInput(sessionCount, membersPerSession) {
  const payerId = randomUUID();
  const rules = {
    id: randomUUID(), effectiveFrom: "2026-01-01", minGroupSize: 2, maxGroupSize: 12, minSessionMinutes: 45, maxSessionMinutes: 90,
    telehealthVideoAllowed: true, telehealthAudioAllowed: false, telehealthPlaceOfService: "02",
    modifierRules: [{ modifier: "HQ", when: "ALWAYS" }, { modifier: "95", when: "TELEHEALTH_VIDEO" }],
    requiredNoteElements: ["PARTICIPATION", "RESPONSE"], requireSignedNote: true, requireLicensedLeader: true, maxUnitsPerDay: 1, feeCents: 4800, createdAt: new Date("2026-01-01"),
  };
  const members = new Map();
  const clients = Array.from({ length: membersPerSession * 10 }, () => randomUUID());
  for (const clientId of clients) {
    members.set(clientId, { clientId, diagnosisCodes: ["F33.1"], coverages: [{ payerId, memberId: "M1", priority: "PRIMARY", effectiveFrom: "2025-01-01", effectiveTo: null, relationship: "SELF", subscriber: null }], registration: { sex: "FEMALE", address: { line1: "1 Main St", line2: null, city: "Boston", state: "MA", zip: "02110" } } });
  }
  const sessions = Array.from({ length: sessionCount }, (_, i) => {
    const present = clients.slice((i % 10) * membersPerSession, (i % 10) * membersPerSession + membersPerSession);
    return {
      id: randomUUID(), startsAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 15 + (i % 5))), durationMinutes: 60, modality: i % 3 ? "IN_PERSON" : "TELEHEALTH_VIDEO",
      placeOfService: null, topics: "Topic", interventions: "Intervention", groupKind: "SKILLS", hasPsychotherapyComponent: true,
      leader: { id: "leader", licensed: true, licenseExpiresOn: null }, supervisor: null, presentClientIds: present,
      notes: present.map((clientId) => ({ clientId, participation: "p", response: "r", interventions: null, progress: null, plan: null, risk: null, signedAt: new Date(), addenda: [] })),
    };
  });
  return { timezone: "America/New_York", defaultPlaceOfService: "11", sessions, members, payers: new Map([[payerId, { id: payerId, ruleVersions: [rules] }]]), billed: [] };
}

function frozenBatch(lineCount) {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    lineId: randomUUID(), patientControlNumber: `B7L${i + 1}`, serviceDate: "2026-03-10",
    client: { id: randomUUID(), firstName: "Dana", lastName: `Member${i % 400}`, dateOfBirth: "1990-01-01", gender: "F", address: { line1: "12 Oak Ave", city: "Boston", state: "MA", zip: "02118" } },
    memberId: `M${i % 400}`, payer: { id: "p1", name: "State Medicaid", payerCode: "SMCD1", claimFilingCode: "MC" }, cptCode: "90853", modifiers: ["HQ"],
    placeOfService: "11", units: 1, chargeCents: 4800, diagnosisCodes: ["F33.1", "F41.1"], renderingProvider: { name: "Robin Lee", npi: "1234567893" },
  }));
  return {
    id: randomUUID(), createdAt: new Date("2026-04-01T12:00:00Z"), controlNumber: 7,
    practice: { name: "Bench Practice", npi: "1245319599", taxId: "043219876", taxonomyCode: "261QM0801X", address: { line1: "1 Main St", city: "Boston", state: "MA", zip: "021101234" } },
    submitter: { name: "Bench Practice", id: "1245319599", contactName: "Billing", contactPhone: "6175550100" },
    receiver: { name: "Clearinghouse", id: "CLEAR" }, usageIndicator: "T", lines,
  };
}

async function databaseBench() {
  const adminUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const { Client } = require("pg");
  const probe = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    return [{ name: "demo month of decisions (skipped: no PostgreSQL)", iterations: 0 }];
  } finally {
    await probe.end().catch(() => undefined);
  }
  const { ensureDatabase } = require(`${dist}/db/ensure-database.js`);
  const { createDataSource, migrate } = require(`${dist}/db/data-source.js`);
  const { seedDemo } = require(`${dist}/db/seed.js`);
  const { evaluateDates } = require(`${dist}/services/claim.service.js`);
  const { inScope } = require(`${dist}/db/tenant-transaction.js`);
  const name = `gb_bench_${process.pid}_${Date.now()}`;
  const url = await ensureDatabase(adminUrl, name);
  const dataSource = createDataSource(url, 2);
  try {
    await dataSource.initialize();
    await migrate(dataSource);
    const now = new Date();
    await seedDemo(dataSource, now);
    const [{ id }] = await dataSource.query(`SELECT id FROM practices LIMIT 1`);
    // The month the seed filled, in the practice's time zone (near midnight UTC that is not today's UTC month).
    const [month] = await dataSource.query(`SELECT min(service_date)::text AS "from", max(service_date)::text AS "to" FROM group_sessions`);
    const runs = 20;
    let lines = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) lines = (await inScope(dataSource, { practiceId: id, userId: null }, (m) => evaluateDates(m, id, month))).length;
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / runs;
    return [{ name: "demo month of decisions (PostgreSQL)", iterations: runs, msPerRun: Number(ms.toFixed(2)), unitsPerRun: lines, unitsPerSecond: Math.round((lines / ms) * 1000) }];
  } finally {
    await dataSource.destroy().catch(() => undefined);
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function scaleIfPostgres() {
  const adminUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const { Client } = require("pg");
  const probe = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
  } catch {
    console.log("scale bench skipped: no PostgreSQL");
    return null;
  } finally {
    await probe.end().catch(() => undefined);
  }
  return scaleBench(adminUrl);
}

/** Issue 10 item 6: the engine's target on the realistic mix, on one core (CPU time). */
const ENGINE_TARGET_PER_CPU_SECOND = 1_000_000;

/** The median of measured rounds by CPU rate, since a shared machine's rounds differ. */
function medianOf(measured) {
  const results = [...measured].sort((a, b) => a.unitsPerCpuSecond - b.unitsPerCpuSecond);
  return { ...results[results.length >> 1], rounds: results.length, unitsPerCpuSecondRange: [results[0].unitsPerCpuSecond, results[results.length - 1].unitsPerCpuSecond] };
}

function engineFigures() {
  const big = engineInput(1000, 8);
  const year = engineMix(process.env.BENCH_QUICK === "1" ? 836 : 8360, 10);
  const rounds = process.env.BENCH_ONLY === "engine" ? 7 : 3;
  // Interleaved round by round, so the engine and its baseline see the same machine.
  const realisticRounds = [];
  const floorRounds = [];
  const characterRounds = [];
  for (let round = 0; round < rounds; round++) {
    realisticRounds.push(measure(`engine: a year, ${year.sessions.length} sessions x 10 members (realistic mix, bench/engine-mix.js)`, 5, () => evaluateSessions(year).length));
    floorRounds.push(measure("baseline: the same lines drafted with no checks (bench/engine-floor.js)", 5, () => draftsWithoutChecks(year, engine).length));
    characterRounds.push(measure("bound: only the lines' note characters read once in JavaScript (bench/engine-floor.js)", 5, () => noteCharactersRead(year)));
  }
  const realistic = medianOf(realisticRounds);
  const floor = medianOf(floorRounds);
  const characters = medianOf(characterRounds);
  return [
    measure("engine: 1,000 sessions x 8 members (mostly unit-limited)", 10, () => evaluateSessions(big).length),
    {
      ...realistic,
      baseline: floor.unitsPerCpuSecond,
      baselineLabel: "drafted with no checks",
      ratio: Number((realistic.unitsPerCpuSecond / floor.unitsPerCpuSecond).toFixed(2)),
      target: `≥ ${ENGINE_TARGET_PER_CPU_SECOND.toLocaleString("en-US")}/cpu-s: ${(realistic.unitsPerCpuSecond / ENGINE_TARGET_PER_CPU_SECOND).toFixed(2)}x`,
    },
    { ...floor, target: `${(floor.unitsPerCpuSecond / ENGINE_TARGET_PER_CPU_SECOND).toFixed(2)}x of the engine's target` },
    // No engine can beat reading the notes' characters: where this bound is near the target, the target is out of reach here.
    { ...characters, target: `${(characters.unitsPerCpuSecond / ENGINE_TARGET_PER_CPU_SECOND).toFixed(2)}x of the engine's target` },
  ];
}

function printResults(results) {
  console.table(
    results.map((r) => ({
      benchmark: r.name, "ms/run": r.msPerRun, "cpu ms/run": r.cpuMsPerRun, "units/run": r.unitsPerRun, "units/s": r.unitsPerSecond, "units/cpu-s": r.unitsPerCpuSecond,
      "heap Δ MB": r.heapDeltaMb, baseline: r.baseline ? `${r.baseline} units/cpu-s (${r.baselineLabel})` : "", ratio: r.ratio ? `${r.ratio}x` : "", target: r.target ?? "",
    })),
  );
}

async function main() {
  if (process.env.BENCH_ONLY === "engine") {
    const results = engineFigures();
    printResults(results);
    writeReport({ results, scale: null });
    return;
  }

  const batch = frozenBatch(5000);
  const results = [
    ...engineFigures(),
    measure("837P export: 5,000 lines", 10, () => (exportX12_837P(batch), batch.lines.length)),
    measure("CSV export: 5,000 lines", 10, () => (exportCsv(batch), batch.lines.length)),
    ...(await databaseBench()),
  ];
  printResults(results);
  const scale = await scaleIfPostgres();
  if (scale) printScale(scale);
  writeReport({ results, scale });
}

function writeReport({ results, scale }) {
  const out = path.resolve(__dirname, "results");
  fs.mkdirSync(out, { recursive: true });
  const at = new Date().toISOString();
  const report = JSON.stringify({ at, node: process.version, quick: process.env.BENCH_QUICK === "1", results, scale }, null, 2);
  const stamped = path.join(out, `${at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(stamped, report);
  fs.writeFileSync(path.join(out, "latest.json"), report);
  console.log(`Wrote ${stamped} and latest.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
