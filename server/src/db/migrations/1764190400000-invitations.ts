import { MigrationInterface, QueryRunner } from "typeorm";
import { RUNTIME_ROLE } from "../runtime-role.js";

/**
 * Invitations: adding someone who already has an account asks them first instead of joining them to the
 * practice. Tenant rows like any other, but the invited user reads their own across practices (as with
 * memberships) and sees the name of a practice that invites them.
 */
export class Invitations1764190400000 implements MigrationInterface {
  name = "Invitations1764190400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE invitation_status AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED')`);
    // email and name are what the practice typed, never read from the account, so the practice learns nothing from them.
    await q.query(`
      CREATE TABLE invitations (
        practice_id uuid NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        email text NOT NULL,
        name text NOT NULL,
        role role_kind NOT NULL,
        status invitation_status NOT NULL DEFAULT 'PENDING',
        invited_by uuid NOT NULL REFERENCES users (id),
        invited_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        responded_at timestamptz,
        PRIMARY KEY (practice_id, id),
        CHECK ((status = 'PENDING') = (responded_at IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX invitations_one_pending ON invitations (practice_id, user_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX invitations_user_idx ON invitations (user_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX invitations_inviter_idx ON invitations (invited_by)`);

    await q.query(`ALTER TABLE invitations ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE invitations FORCE ROW LEVEL SECURITY`);
    // Like memberships: the active practice's rows, and the user's own in any practice; written only in the practice's scope.
    await q.query(`
      CREATE POLICY tenant_isolation ON invitations
        USING (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid
               OR user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)
        WITH CHECK (practice_id = NULLIF(current_setting('app.practice_id', true), '')::uuid)`);
    // Read-only, and only while the invitation is open: an invited user sees which practice asks them.
    await q.query(`
      CREATE POLICY invited_reads ON practices FOR SELECT
        USING (id IN (SELECT i.practice_id FROM invitations i
                      WHERE i.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid AND i.status = 'PENDING'))`);

    // An invitation is answered or revoked, never rewritten.
    await q.query(`GRANT SELECT, INSERT ON invitations TO ${RUNTIME_ROLE}`);
    await q.query(`GRANT UPDATE (status, responded_at) ON invitations TO ${RUNTIME_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS invited_reads ON practices`);
    await q.query(`DROP TABLE IF EXISTS invitations`);
    await q.query(`DROP TYPE IF EXISTS invitation_status`);
  }
}
