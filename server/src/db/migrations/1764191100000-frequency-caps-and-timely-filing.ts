import { MigrationInterface, QueryRunner } from "typeorm";
import { DECISION_SCAN_ROLE } from "../decision-freshness.js";
import { RUNTIME_ROLE } from "../runtime-role.js";

/**
 * Issue 11 items 4 and 5. Payer rules gain frequency caps (units per member per Sunday-Saturday week and per
 * calendar month) and a timely filing window in days; all null on existing versions, so nothing changes until a
 * practice sets them.
 *
 * Freshness. A cap makes a member's line depend on their other lines of the same week and month, so a marked
 * date X also marks, where a member covered by a capped payer attended, the dates from X's Sunday (or the 1st,
 * whichever is earlier) to the end of the month after X's: a week that ends a month also reaches into the next,
 * whose monthly count then changes too. A filing window makes a decision depend on today's date: each stored
 * decision keeps `recheck_on`, the first date on which that alone changes it, and reads and the background
 * refresh mark the dates of decisions whose recheck_on has come (claim_decisions_recheck_idx).
 */
export class FrequencyCapsAndTimelyFiling1764191100000 implements MigrationInterface {
  name = "FrequencyCapsAndTimelyFiling1764191100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE payer_rule_versions
        ADD COLUMN max_units_per_week integer,
        ADD COLUMN max_units_per_month integer,
        ADD COLUMN timely_filing_days integer,
        ADD CONSTRAINT payer_rule_versions_max_units_per_week_check CHECK (max_units_per_week IS NULL OR max_units_per_week BETWEEN 1 AND 168),
        ADD CONSTRAINT payer_rule_versions_max_units_per_month_check CHECK (max_units_per_month IS NULL OR max_units_per_month BETWEEN 1 AND 744),
        ADD CONSTRAINT payer_rule_versions_timely_filing_days_check CHECK (timely_filing_days IS NULL OR timely_filing_days BETWEEN 1 AND 3650)`);
    await q.query(`ALTER TABLE claim_decisions ADD COLUMN recheck_on date`);
    await q.query(`CREATE INDEX claim_decisions_recheck_idx ON claim_decisions (practice_id, recheck_on) WHERE recheck_on IS NOT NULL`);
    await q.query(MARK_KEYS_WITH_FREQUENCY);

    // The background refresh must learn which practices have decisions due for a recheck, across tenants, and
    // nothing else: like practices_with_stale_decisions, owned by the scan role, returning practice ids only.
    await q.query(`GRANT SELECT (practice_id, recheck_on) ON claim_decisions TO ${DECISION_SCAN_ROLE}`);
    await q.query(`CREATE POLICY practice_scan ON claim_decisions FOR SELECT TO ${DECISION_SCAN_ROLE} USING (true)`);
    await q.query(`GRANT SELECT (id, timezone) ON practices TO ${DECISION_SCAN_ROLE}`);
    await q.query(`CREATE POLICY practice_scan ON practices FOR SELECT TO ${DECISION_SCAN_ROLE} USING (true)`);
    await q.query(`
      CREATE FUNCTION practices_with_due_decisions(at timestamptz) RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT p.id FROM practices p
        WHERE EXISTS (SELECT 1 FROM claim_decisions d WHERE d.practice_id = p.id AND d.recheck_on <= (at AT TIME ZONE p.timezone)::date)
      $$`);
    await q.query(`ALTER FUNCTION practices_with_due_decisions(timestamptz) OWNER TO ${DECISION_SCAN_ROLE}`);
    await q.query(`REVOKE ALL ON FUNCTION practices_with_due_decisions(timestamptz) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION practices_with_due_decisions(timestamptz) TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS practices_with_due_decisions(timestamptz)`);
    await q.query(`DROP POLICY IF EXISTS practice_scan ON practices`);
    await q.query(`REVOKE SELECT (id, timezone) ON practices FROM ${DECISION_SCAN_ROLE}`);
    await q.query(`DROP POLICY IF EXISTS practice_scan ON claim_decisions`);
    await q.query(`REVOKE SELECT (practice_id, recheck_on) ON claim_decisions FROM ${DECISION_SCAN_ROLE}`);
    await q.query(MARK_KEYS_BODY(""));
    await q.query(`DROP INDEX IF EXISTS claim_decisions_recheck_idx`);
    await q.query(`ALTER TABLE claim_decisions DROP COLUMN recheck_on`);
    await q.query(`
      ALTER TABLE payer_rule_versions DROP COLUMN timely_filing_days, DROP COLUMN max_units_per_month, DROP COLUMN max_units_per_week`);
  }
}

/** The authorization step of claim_decisions_mark_keys (see 1764190600000), applied to `dates`. */
const AUTHORIZATION_REACH = `
          dates := dates || ARRAY(SELECT DISTINCT s.service_date FROM unnest(dates) AS x
                                  JOIN prior_authorizations pa ON pa.practice_id = practice AND x BETWEEN pa.start_date AND pa.end_date
                                  JOIN attendance a ON a.practice_id = pa.practice_id AND a.client_id = pa.client_id
                                  JOIN group_sessions s ON s.practice_id = a.practice_id AND s.id = a.session_id
                                  WHERE s.service_date > x AND s.service_date <= pa.end_date);`;

/**
 * FREQUENCY_LIMIT: a date X reaches the dates of X's week and month and the next month where a member covered by
 * a payer with a cap (in any of its versions) attended. Any such member, not only those present on X: the change
 * may be a member's attendance on X, already deleted when this runs.
 */
const FREQUENCY_REACH = `
          IF EXISTS (SELECT 1 FROM payer_rule_versions r WHERE r.practice_id = practice AND (r.max_units_per_week IS NOT NULL OR r.max_units_per_month IS NOT NULL)) THEN
            dates := dates || ARRAY(
              SELECT DISTINCT s.service_date
              FROM (SELECT min(LEAST(x - extract(dow FROM x)::int, date_trunc('month', x)::date)) AS lo,
                           max((date_trunc('month', x) + interval '2 months' - interval '1 day')::date) AS hi
                    FROM unnest(dates) AS x) w
              JOIN group_sessions s ON s.practice_id = practice AND s.service_date BETWEEN w.lo AND w.hi
              WHERE EXISTS (SELECT 1 FROM attendance a
                            JOIN coverages c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
                            JOIN payer_rule_versions r ON r.practice_id = c.practice_id AND r.payer_id = c.payer_id
                                                      AND (r.max_units_per_week IS NOT NULL OR r.max_units_per_month IS NOT NULL)
                            WHERE a.practice_id = s.practice_id AND a.session_id = s.id));
${AUTHORIZATION_REACH}
          END IF;`;

const MARK_KEYS_BODY = (frequency: string) => `
      CREATE OR REPLACE FUNCTION claim_decisions_mark_keys(practice uuid, kind text, keys text[], since date) RETURNS void
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
        -- AUTH_EXHAUSTED: see 1764190600000. Client and practice changes already mark every date they reach.
        IF kind NOT IN ('client', 'practice') AND cardinality(dates) > 0 THEN
${AUTHORIZATION_REACH}
${frequency}
        END IF;
        INSERT INTO claim_decision_stale (practice_id, service_date)
        SELECT DISTINCT practice, d FROM unnest(dates) AS d WHERE d IS NOT NULL ORDER BY 2
        ON CONFLICT (practice_id, service_date, marked_by) DO NOTHING;
      END $$`;

const MARK_KEYS_WITH_FREQUENCY = MARK_KEYS_BODY(FREQUENCY_REACH);
