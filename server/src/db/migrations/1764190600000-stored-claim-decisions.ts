import { MigrationInterface, QueryRunner } from "typeorm";
import { DECISION_SCAN_ROLE, unwatchForDecisions, watchForDecisions, type DecisionInputKind } from "../decision-freshness.js";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/**
 * Every table the rules engine reads, and how a changed row finds the service dates it can change.
 * A table added later that the engine reads gets one `watchForDecisions` call in its own migration.
 */
const WATCHED: [table: string, kind: DecisionInputKind, column: string, since?: string][] = [
  ["group_sessions", "date", "service_date"],
  ["attendance", "session", "session_id"],
  ["member_notes", "session", "session_id"],
  ["note_addenda", "note", "note_id"],
  ["clients", "client", "id"],
  ["coverages", "client", "client_id"],
  ["clinicians", "clinician", "id"],
  ["therapy_groups", "group", "id"],
  ["payer_rule_versions", "payer_rules", "payer_id", "effective_from"],
  ["claim_batch_lines", "session", "session_id"],
  // A line billed under an authorization uses one of its units before any unbilled line of its range.
  ["claim_batch_lines", "authorization", "authorization_id"],
  // An authorization's units are counted over its range; a change reaches every date its client attended,
  // which holds both its old and its new range.
  ["prior_authorizations", "client", "client_id"],
];

/**
 * Claim decisions are stored per (session, client) line and kept fresh through an outbox of stale service
 * dates that triggers fill in the transaction of every change; reads recompute the stale dates they touch
 * and then answer with one indexed query.
 */
export class StoredClaimDecisions1764190600000 implements MigrationInterface {
  name = "StoredClaimDecisions1764190600000";

  async up(q: QueryRunner): Promise<void> {
    // Derived rows, rewritten whole from their date's facts, so no foreign keys to sessions or clients: a
    // date's rows are deleted and inserted together, and every FK lookup would slow a year's recompute.
    await q.query(`
      CREATE TABLE claim_decisions (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        session_id uuid NOT NULL,
        client_id uuid NOT NULL,
        session_date date NOT NULL,
        session_starts_at timestamptz NOT NULL,
        service_date date NOT NULL,
        payer_id uuid,
        status text NOT NULL CHECK (status IN ('READY', 'BLOCKED', 'BILLED')),
        batch_id uuid,
        charge_cents integer NOT NULL,
        issue_codes text[] NOT NULL,
        -- The codes of the line's ERROR issues (what blocks it): the work list's reason filter and the summary's reasons.
        error_codes text[] NOT NULL,
        group_id uuid NOT NULL,
        leader_id uuid NOT NULL,
        rendering_clinician_id uuid NOT NULL,
        supervised_clinician_id uuid,
        rule_version_id uuid,
        decision jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id)
      )`);
    // session_date is the session's own service_date: the unit of recomputation and the range filter.
    // The page index carries the filter columns as keys so a filtered page is decided in the index; the date
    // index serves recomputes, batches and a session's lines (looked up with its date). Each index costs every
    // rewrite of a date, so there are no more.
    await q.query(`CREATE INDEX claim_decisions_page_idx ON claim_decisions (practice_id, session_starts_at, id, session_date, status, payer_id)`);
    await q.query(`CREATE INDEX claim_decisions_date_idx ON claim_decisions (practice_id, session_date, status, payer_id)`);
    // Every recompute rewrites a date's rows; frequent vacuums keep the visibility map (index-only scans) and statistics current.
    await q.query(`ALTER TABLE claim_decisions SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`);

    // Lines per (date, status, payer), written with the date's lines: a year's totalCount sums a few hundred rows
    // instead of visiting 80,000 lines, however recently they were rewritten.
    await q.query(`
      CREATE TABLE claim_decision_counts (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        session_date date NOT NULL,
        status text NOT NULL,
        payer_id uuid,
        lines integer NOT NULL,
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE INDEX claim_decision_counts_date_idx ON claim_decision_counts (practice_id, session_date, status, payer_id) INCLUDE (lines)`);

    // One row per (date, writing transaction): writers never wait for one another on a mark, and a reader
    // deletes exactly the marks it saw before reading the facts, so a change committed meanwhile stays marked.
    await q.query(`
      CREATE TABLE claim_decision_stale (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id bigint GENERATED ALWAYS AS IDENTITY,
        service_date date NOT NULL,
        marked_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
        marked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX claim_decision_stale_once ON claim_decision_stale (practice_id, service_date, marked_by)`);

    await q.query(`
      CREATE FUNCTION claim_decisions_mark_keys(practice uuid, kind text, keys text[], since date) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        dates date[];
      BEGIN
        IF kind = 'date' THEN
          dates := keys::date[];
        ELSIF kind = 'session' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM group_sessions s WHERE s.practice_id = practice AND s.id = ANY (keys::uuid[]));
        ELSIF kind = 'note' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM member_notes n JOIN group_sessions s ON s.practice_id = n.practice_id AND s.id = n.session_id
                         WHERE n.practice_id = practice AND n.id = ANY (keys::uuid[]));
        ELSIF kind = 'client' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM attendance a JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                         WHERE a.practice_id = practice AND a.client_id = ANY (keys::uuid[]));
        ELSIF kind = 'coverage' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM coverages c
                         JOIN attendance a ON a.practice_id = c.practice_id AND a.client_id = c.client_id
                         JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                         WHERE c.practice_id = practice AND c.id = ANY (keys::uuid[]));
        ELSIF kind = 'clinician' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM group_sessions s
                         WHERE s.practice_id = practice AND (s.leader_id = ANY (keys::uuid[]) OR s.supervisor_id = ANY (keys::uuid[])));
        ELSIF kind = 'group' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM group_sessions s WHERE s.practice_id = practice AND s.group_id = ANY (keys::uuid[]));
        ELSIF kind IN ('payer', 'payer_rules') THEN
          -- A version governs from its effectiveFrom on, and only lines of members covered by that payer.
          dates := ARRAY(SELECT DISTINCT s.service_date FROM coverages c
                         JOIN attendance a ON a.practice_id = c.practice_id AND a.client_id = c.client_id
                         JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                         WHERE c.practice_id = practice AND c.payer_id = ANY (keys::uuid[]) AND s.service_date >= COALESCE(since, '-infinity'::date));
        ELSIF kind = 'authorization' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM prior_authorizations pa
                         JOIN attendance a ON a.practice_id = pa.practice_id AND a.client_id = pa.client_id
                         JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                         WHERE pa.practice_id = practice AND pa.id = ANY (keys::uuid[]) AND s.service_date BETWEEN pa.start_date AND pa.end_date);
        ELSIF kind = 'practice' THEN
          dates := ARRAY(SELECT DISTINCT s.service_date FROM group_sessions s WHERE s.practice_id = practice);
        ELSE
          RAISE EXCEPTION 'claim_decisions_mark_keys: unknown kind %', kind;
        END IF;
        -- AUTH_EXHAUSTED: a client's line on date D uses an authorization's units after the client's lines on its
        -- earlier days, so a change on date X reaches, for every authorization covering X, its client's dates
        -- after X up to the authorization's end. Every client's authorizations, not only those present on X: the
        -- change may be that client's attendance on X, already deleted when this runs. Client and practice
        -- changes already mark every date they reach.
        IF kind NOT IN ('client', 'practice') AND cardinality(dates) > 0 THEN
          dates := dates || ARRAY(SELECT DISTINCT s.service_date FROM unnest(dates) AS x
                                  JOIN prior_authorizations pa ON pa.practice_id = practice AND x BETWEEN pa.start_date AND pa.end_date
                                  JOIN attendance a ON a.practice_id = pa.practice_id AND a.client_id = pa.client_id
                                  JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                                  WHERE s.service_date > x AND s.service_date <= pa.end_date);
        END IF;
        -- Date order, so two writers marking overlapping dates take the index entries in the same order.
        INSERT INTO claim_decision_stale (practice_id, service_date)
        SELECT DISTINCT practice, d FROM unnest(dates) AS d WHERE d IS NOT NULL ORDER BY 2
        ON CONFLICT (practice_id, service_date, marked_by) DO NOTHING;
      END $$`);
    // Statement-level over the transition tables: a statement that writes 5,000 batch lines marks its dates
    // once, not 5,000 times. TG_ARGV: the kind, the key column, and for rules the column of their start date.
    await q.query(`
      CREATE FUNCTION claim_decisions_mark_stale() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        source text;
        changed record;
        row_keys text := format('SELECT practice_id, %I::text AS key, %s AS since FROM ', TG_ARGV[1],
                                CASE WHEN TG_NARGS > 2 THEN format('%I', TG_ARGV[2]) ELSE 'NULL::date' END);
      BEGIN
        source := CASE TG_OP
          WHEN 'INSERT' THEN row_keys || 'new_rows'
          WHEN 'DELETE' THEN row_keys || 'old_rows'
          ELSE row_keys || 'old_rows UNION ALL ' || row_keys || 'new_rows' END;
        FOR changed IN EXECUTE 'SELECT practice_id, array_agg(DISTINCT key) AS keys, min(since) AS since FROM (' || source || ') k
                                WHERE key IS NOT NULL GROUP BY practice_id' LOOP
          PERFORM claim_decisions_mark_keys(changed.practice_id, TG_ARGV[0], changed.keys, changed.since);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION practices_mark_decisions_stale() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM claim_decisions_mark_keys(NEW.id, 'practice', ARRAY[NEW.id::text], NULL);
        RETURN NULL;
      END $$`);
    for (const [table, kind, column, since] of WATCHED) await watchForDecisions(q, table, kind, column, since);
    // The practice's time zone and default place of service shape every line; its name or address do not.
    await q.query(`
      CREATE TRIGGER practices_claim_decisions_stale AFTER UPDATE OF timezone, default_place_of_service ON practices
      FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.default_place_of_service IS DISTINCT FROM NEW.default_place_of_service)
      EXECUTE FUNCTION practices_mark_decisions_stale()`);

    // Existing data: every date with sessions starts stale and is computed on first read or by the worker.
    await q.query(`INSERT INTO claim_decision_stale (practice_id, service_date) SELECT DISTINCT practice_id, service_date FROM group_sessions`);

    for (const table of ["claim_decisions", "claim_decision_counts", "claim_decision_stale"]) await isolateByPractice(q, table);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON claim_decisions TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON claim_decision_counts TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON claim_decision_stale TO ${RUNTIME_ROLE}`);

    // The background refresh must learn which practices have stale dates, across tenants, and nothing else:
    // a function owned by a role that sees the outbox (only) and returns practice ids (only).
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${DECISION_SCAN_ROLE}') THEN
          CREATE ROLE ${DECISION_SCAN_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END $$`);
    await q.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('GRANT ${DECISION_SCAN_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${DECISION_SCAN_ROLE}`);
    await q.query(`GRANT SELECT (practice_id) ON claim_decision_stale TO ${DECISION_SCAN_ROLE}`);
    await q.query(`CREATE POLICY practice_scan ON claim_decision_stale FOR SELECT TO ${DECISION_SCAN_ROLE} USING (true)`);
    await q.query(`
      CREATE FUNCTION practices_with_stale_decisions() RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT DISTINCT practice_id FROM claim_decision_stale
      $$`);
    await q.query(`ALTER FUNCTION practices_with_stale_decisions() OWNER TO ${DECISION_SCAN_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION practices_with_stale_decisions() FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION practices_with_stale_decisions() TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS practices_with_stale_decisions()`);
    await q.query(`DROP TRIGGER IF EXISTS practices_claim_decisions_stale ON practices`);
    for (const [table, , column] of WATCHED) await unwatchForDecisions(q, table, column);
    await q.query(`DROP FUNCTION IF EXISTS practices_mark_decisions_stale()`);
    await q.query(`DROP FUNCTION IF EXISTS claim_decisions_mark_stale()`);
    await q.query(`DROP FUNCTION IF EXISTS claim_decisions_mark_keys(uuid, text, text[], date)`);
    await q.query(`DROP TABLE IF EXISTS claim_decision_stale`);
    await q.query(`DROP TABLE IF EXISTS claim_decision_counts`);
    await q.query(`DROP TABLE IF EXISTS claim_decisions`);
  }
}
