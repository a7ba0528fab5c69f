import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue 10: a request's token check in one statement instead of three (find the session, narrow the scope to
 * its user and practice, read the membership's role) plus, once a minute, a fourth (last seen). The function
 * runs as its caller (the runtime role, under RLS): it narrows the scope itself with transaction-local settings,
 * exactly as `rescope` does, and only for a token that is valid and whose user is still a member; otherwise the
 * scope is left (or put back) as it was, with no practice and no user.
 */
export class AuthenticateInOneStatement1764191400000 implements MigrationInterface {
  name = "AuthenticateInOneStatement1764191400000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION authenticate_token(token bytea, at timestamptz, idle interval, touch_after interval)
      RETURNS TABLE (auth_session_id uuid, actor_user_id uuid, actor_practice_id uuid, actor_role role_kind)
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        auth_row auth_sessions%ROWTYPE;
        member_role role_kind;
      BEGIN
        SELECT * INTO auth_row FROM auth_sessions s WHERE s.token_hash = token;
        IF NOT FOUND OR auth_row.revoked_at IS NOT NULL OR auth_row.expires_at <= at OR at - auth_row.last_seen_at >= idle THEN
          RETURN;
        END IF;
        -- Memberships are visible to their own user only once the scope names them.
        PERFORM set_config('app.practice_id', auth_row.active_practice_id::text, true), set_config('app.user_id', auth_row.user_id::text, true);
        SELECT m.role INTO member_role FROM memberships m WHERE m.practice_id = auth_row.active_practice_id AND m.user_id = auth_row.user_id;
        IF NOT FOUND THEN
          PERFORM set_config('app.practice_id', '', true), set_config('app.user_id', '', true);
          RETURN;
        END IF;
        IF at - auth_row.last_seen_at > touch_after THEN
          UPDATE auth_sessions s SET last_seen_at = at WHERE s.id = auth_row.id;
        END IF;
        RETURN QUERY SELECT auth_row.id, auth_row.user_id, auth_row.active_practice_id, member_role;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS authenticate_token(bytea, timestamptz, interval, interval)`);
  }
}
