import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";
import { isolateByPractice } from "../tenant-policy.js";

const TENANT_TABLES = ["therapy_groups", "group_members", "group_sessions", "attendance", "member_notes", "note_addenda"];

/** Groups, sessions with attendance, and per-member notes that become immutable once signed. */
export class SessionsAndNotes1764190100000 implements MigrationInterface {
  name = "SessionsAndNotes1764190100000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE group_kind AS ENUM ('PSYCHOTHERAPY', 'SKILLS', 'SUBSTANCE_USE', 'PSYCHOEDUCATION', 'SUPPORT', 'FAMILY')`);
    await q.query(`CREATE TYPE modality AS ENUM ('IN_PERSON', 'TELEHEALTH_VIDEO', 'TELEHEALTH_AUDIO')`);
    await q.query(`CREATE TYPE attendance_status AS ENUM ('PRESENT', 'ABSENT', 'EXCUSED')`);

    await q.query(`
      CREATE TABLE therapy_groups (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        name text NOT NULL,
        kind group_kind NOT NULL,
        has_psychotherapy_component boolean NOT NULL,
        leader_id uuid NOT NULL,
        default_duration_minutes integer NOT NULL CHECK (default_duration_minutes BETWEEN 1 AND 480),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT therapy_groups_leader_fk FOREIGN KEY (practice_id, leader_id) REFERENCES clinicians (practice_id, id)
      )`);
    await q.query(`CREATE INDEX therapy_groups_leader_idx ON therapy_groups (practice_id, leader_id)`);

    await q.query(`
      CREATE TABLE group_members (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        group_id uuid NOT NULL,
        client_id uuid NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (practice_id, id),
        CONSTRAINT group_members_group_fk FOREIGN KEY (practice_id, group_id) REFERENCES therapy_groups (practice_id, id) ON DELETE CASCADE,
        CONSTRAINT group_members_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id),
        CONSTRAINT group_members_unique UNIQUE (practice_id, group_id, client_id)
      )`);
    await q.query(`CREATE INDEX group_members_client_idx ON group_members (practice_id, client_id)`);

    // service_date is the local date in the practice's time zone, fixed when startsAt is written.
    await q.query(`
      CREATE TABLE group_sessions (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        group_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        service_date date NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
        modality modality NOT NULL,
        place_of_service char(2),
        leader_id uuid NOT NULL,
        topics text,
        interventions text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT group_sessions_group_fk FOREIGN KEY (practice_id, group_id) REFERENCES therapy_groups (practice_id, id),
        CONSTRAINT group_sessions_leader_fk FOREIGN KEY (practice_id, leader_id) REFERENCES clinicians (practice_id, id)
      )`);
    await q.query(`CREATE INDEX group_sessions_date_idx ON group_sessions (practice_id, service_date, starts_at, id)`);
    await q.query(`CREATE INDEX group_sessions_group_idx ON group_sessions (practice_id, group_id, starts_at)`);
    await q.query(`CREATE INDEX group_sessions_leader_idx ON group_sessions (practice_id, leader_id)`);

    await q.query(`
      CREATE TABLE attendance (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        session_id uuid NOT NULL,
        client_id uuid NOT NULL,
        status attendance_status NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT attendance_session_fk FOREIGN KEY (practice_id, session_id) REFERENCES group_sessions (practice_id, id) ON DELETE CASCADE,
        CONSTRAINT attendance_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id),
        CONSTRAINT attendance_unique UNIQUE (practice_id, session_id, client_id)
      )`);
    await q.query(`CREATE INDEX attendance_client_idx ON attendance (practice_id, client_id)`);

    await q.query(`
      CREATE TABLE member_notes (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        session_id uuid NOT NULL,
        client_id uuid NOT NULL,
        participation text,
        response text,
        interventions text,
        progress text,
        plan text,
        risk text,
        signed_at timestamptz,
        signed_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT member_notes_session_fk FOREIGN KEY (practice_id, session_id) REFERENCES group_sessions (practice_id, id),
        CONSTRAINT member_notes_client_fk FOREIGN KEY (practice_id, client_id) REFERENCES clients (practice_id, id),
        CONSTRAINT member_notes_unique UNIQUE (practice_id, session_id, client_id),
        CHECK ((signed_at IS NULL) = (signed_by IS NULL))
      )`);
    await q.query(`CREATE INDEX member_notes_client_idx ON member_notes (practice_id, client_id)`);
    await q.query(`CREATE INDEX member_notes_signer_idx ON member_notes (signed_by)`);

    await q.query(`
      CREATE TABLE note_addenda (
        practice_id uuid NOT NULL,
        id uuid NOT NULL,
        note_id uuid NOT NULL,
        text text NOT NULL,
        author_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (practice_id, id),
        CONSTRAINT note_addenda_note_fk FOREIGN KEY (practice_id, note_id) REFERENCES member_notes (practice_id, id)
      )`);
    await q.query(`CREATE INDEX note_addenda_note_idx ON note_addenda (practice_id, note_id, created_at)`);
    await q.query(`CREATE INDEX note_addenda_author_idx ON note_addenda (author_id)`);

    // A signed note is a legal record: the database itself refuses to change or remove it.
    await q.query(`
      CREATE FUNCTION member_notes_keep_signed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.signed_at IS NOT NULL THEN
          RAISE EXCEPTION 'member note % is signed and cannot be changed; add an addendum', OLD.id
            USING ERRCODE = 'GB001';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER member_notes_keep_signed BEFORE UPDATE OR DELETE ON member_notes
      FOR EACH ROW EXECUTE FUNCTION member_notes_keep_signed()`);

    for (const table of TENANT_TABLES) {
      await isolateByPractice(q, table);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE ON therapy_groups, group_sessions, attendance, member_notes TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON group_members TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON note_addenda TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    await q.query(`DROP FUNCTION IF EXISTS member_notes_keep_signed()`);
    await q.query(`DROP TYPE IF EXISTS attendance_status`);
    await q.query(`DROP TYPE IF EXISTS modality`);
    await q.query(`DROP TYPE IF EXISTS group_kind`);
  }
}
