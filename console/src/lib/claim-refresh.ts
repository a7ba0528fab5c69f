/**
 * Queries whose claim lines a fix can change (a session's length, a clinician's license, ...). Refetching
 * the ones on screen after each save makes a line turn READY without a reload; the lists refetch on
 * their own when opened again (cache-and-network).
 */
export const CLAIM_DECISION_QUERIES = ["Session", "ClaimLines", "ClaimLinesTotals", "Dashboard", "SessionsBoard"];
