/**
 * The role every request switches to. It owns nothing and cannot bypass row-level security, so RLS
 * holds even when DATABASE_URL names a superuser. It is cluster-wide, so migrations create it idempotently.
 */
export const RUNTIME_ROLE = "groupbill_app";
