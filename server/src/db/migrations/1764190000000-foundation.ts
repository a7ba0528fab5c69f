import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

/** Practices, people, auth, payers with versioned rules, clinicians, clients with coverages, audit. */
export class Foundation1764190000000 implements MigrationInterface {
  name = "Foundation1764190000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RUNTIME_ROLE}') THEN
          CREATE ROLE ${RUNTIME_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
        END IF;
      END $$`);
    // A non-superuser migrator must be a member to SET ROLE; a superuser already may.
    await q.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('GRANT ${RUNTIME_ROLE} TO %I', current_user);
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${RUNTIME_ROLE}`);

    await q.query(`CREATE TYPE role_kind AS ENUM ('OWNER', 'ADMIN', 'BILLER', 'CLINICIAN')`);
    await q.query(`CREATE TYPE payer_kind AS ENUM ('MEDICARE', 'MEDICARE_ADVANTAGE', 'MEDICAID', 'COMMERCIAL', 'TRICARE', 'OTHER')`);
    await q.query(`CREATE TYPE coverage_priority AS ENUM ('PRIMARY', 'SECONDARY')`);

    await q.query(`
      CREATE TABLE practices (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        npi char(10) NOT NULL,
        timezone text NOT NULL,
        default_place_of_service char(2) NOT NULL DEFAULT '11',
        tax_id char(9),
        taxonomy_code text,
        address_line1 text,
        address_city text,
        address_state char(2),
        address_zip text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);

    await q.query(`
      CREATE TABLE memberships (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role role_kind NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, user_id)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    // Global like users: a token is looked up before any practice is known.
    await q.query(`
      CREATE TABLE auth_sessions (
        id uuid PRIMARY KEY,
        token_hash bytea NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        active_practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id)`);
    await q.query(`CREATE INDEX auth_sessions_practice_idx ON auth_sessions (active_practice_id)`);

    // Keyed by the e-mail as typed (normalized), not by user, so unknown addresses throttle exactly like real ones.
    await q.query(`
      CREATE TABLE login_throttle (
        email text PRIMARY KEY,
        failures integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE payers (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        kind payer_kind NOT NULL,
        payer_code text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX payers_name_key ON payers (practice_id, lower(name))`);

    await q.query(`
      CREATE TABLE payer_rule_versions (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        payer_id uuid NOT NULL,
        effective_from date NOT NULL,
        min_group_size integer NOT NULL CHECK (min_group_size BETWEEN 2 AND 100),
        max_group_size integer NOT NULL CHECK (max_group_size BETWEEN min_group_size AND 100),
        min_session_minutes integer CHECK (min_session_minutes BETWEEN 1 AND 480),
        max_session_minutes integer CHECK (max_session_minutes BETWEEN 1 AND 480),
        telehealth_video_allowed boolean NOT NULL,
        telehealth_audio_allowed boolean NOT NULL,
        telehealth_place_of_service char(2) NOT NULL CHECK (telehealth_place_of_service IN ('02', '10')),
        modifier_rules jsonb NOT NULL,
        required_note_elements text[] NOT NULL,
        require_signed_note boolean NOT NULL,
        require_licensed_leader boolean NOT NULL,
        max_units_per_day integer NOT NULL CHECK (max_units_per_day >= 1),
        fee_cents integer NOT NULL CHECK (fee_cents >= 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES users (id),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT payer_rule_versions_payer_fk FOREIGN KEY (practice_id, payer_id) REFERENCES payers (practice_id, id) ON DELETE CASCADE,
        CHECK (min_session_minutes IS NULL OR max_session_minutes IS NULL OR min_session_minutes <= max_session_minutes)
      )`);
    await q.query(`CREATE INDEX payer_rule_versions_payer_idx ON payer_rule_versions (practice_id, payer_id, effective_from DESC, created_at DESC)`);

    await q.query(`
      CREATE TABLE clinicians (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        npi char(10) NOT NULL,
        credential text NOT NULL,
        licensed boolean NOT NULL,
        license_expires_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX clinicians_npi_key ON clinicians (practice_id, npi)`);

    await q.query(`
      CREATE TABLE clients (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        first_name text NOT NULL,
        last_name text NOT NULL,
        date_of_birth date NOT NULL,
        diagnosis_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE INDEX clients_name_idx ON clients (practice_id, lower(last_name), lower(first_name), id)`);

    await q.query(`
      CREATE TABLE coverages (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        client_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        member_id text NOT NULL,
        priority coverage_priority NOT NULL,
        effective_from date NOT NULL,
        effective_to date,
        position integer NOT NULL,
        PRIMARY KEY (practice_id, id),
        CONSTRAINT coverages_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id) ON DELETE CASCADE,
        CONSTRAINT coverages_payer_fk FOREIGN KEY (practice_id, payer_id) REFERENCES payers (practice_id, id),
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      )`);
    await q.query(`CREATE INDEX coverages_client_idx ON coverages (practice_id, client_id, position)`);
    await q.query(`CREATE INDEX coverages_payer_idx ON coverages (practice_id, payer_id)`);

    await q.query(`
      CREATE TABLE audit_events (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_user_id uuid REFERENCES users (id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        changes jsonb,
        request_id text,
        PRIMARY KEY (practice_id, id)
      )`);
    await q.query(`CREATE INDEX audit_events_order_idx ON audit_events (practice_id, seq DESC)`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (practice_id, entity_type, entity_id, seq DESC)`);

    // Memberships and practices get their own policies below: a user must see their practices to switch.
    for (const table of ["payers", "payer_rule_versions", "clinicians", "clients", "coverages", "audit_events"]) {
      await isolateByPractice(q, table);
    }
    // A member sees the active practice's memberships, and their own in every practice (for the switcher).
    await q.query(`ALTER TABLE memberships ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE memberships FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON memberships
        USING (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid
               OR user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)
        WITH CHECK (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid)`);
    await q.query(`ALTER TABLE practices ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE practices FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY tenant_isolation ON practices
        USING (id = NULLIF(current_setting('app.practice_id', true), '')::uuid
               OR id IN (SELECT m.practice_id FROM memberships m
                         WHERE m.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid))
        WITH CHECK (id = NULLIF(current_setting('app.practice_id', true), '')::uuid)`);

    await q.query(`GRANT SELECT, INSERT, UPDATE ON practices, users, memberships, payers, clinicians, clients TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON auth_sessions TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON coverages TO ${RUNTIME_ROLE}`);
    // History is append-only: a rule version or an audit event is never edited or removed by the application.
    await q.query(`GRANT SELECT, INSERT ON payer_rule_versions, audit_events TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["audit_events", "coverages", "clients", "clinicians", "payer_rule_versions", "payers", "login_throttle", "auth_sessions", "memberships", "users", "practices"]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP TYPE IF EXISTS coverage_priority`);
    await q.query(`DROP TYPE IF EXISTS payer_kind`);
    await q.query(`DROP TYPE IF EXISTS role_kind`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${RUNTIME_ROLE}`);
  }
}
