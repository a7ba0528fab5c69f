import { matchesClaimFilter, type FilterableDecision } from "../../../server/src/services/claim.service";
import { summarizeClaims } from "../../../server/src/services/claim-summary.service";

/**
 * The work list's filter and the dashboard's totals as plain functions over lines: the specification the SQL
 * versions must keep when the filtering and summing move into the database.
 */

let n = 0;
function line(patch: Partial<FilterableDecision> = {}): FilterableDecision {
  n += 1;
  return {
    id: `line-${n}`,
    sessionId: "s1",
    clientId: `c${n}`,
    serviceDate: "2026-03-10",
    sessionStartsAt: new Date("2026-03-10T15:00:00Z"),
    payerId: "medicaid",
    memberId: "M1",
    ruleVersionId: "v1",
    status: "READY",
    batchId: null,
    cptCode: "90853",
    suggestedCptCodes: [],
    modifiers: ["HQ"],
    placeOfService: "11",
    units: 1,
    diagnosisCodes: ["F33.1"],
    chargeCents: 4800,
    renderingClinicianId: "leader",
    supervisedClinicianId: null,
    requiredNoteElements: [],
    issues: [],
    groupId: "g1",
    groupName: "DBT Skills",
    clientName: "Dana Reyes",
    ...patch,
  };
}

const missingNote = { code: "MISSING_MEMBER_NOTE" as const, severity: "ERROR" as const, message: "No note", element: null };
const overLimitWarning = { code: "DAILY_UNIT_LIMIT" as const, severity: "WARNING" as const, message: "Close to the limit", element: null };

describe("matchesClaimFilter", () => {
  it("matches everything without a filter", () => {
    expect(matchesClaimFilter(line(), {})).toBe(true);
  });

  it.each([
    ["status", { status: "BLOCKED" as const }, line({ status: "BLOCKED" }), line()],
    ["payer", { payerId: "blue" }, line({ payerId: "blue" }), line()],
    ["reason as an ERROR only", { issueCode: "MISSING_MEMBER_NOTE" as const }, line({ status: "BLOCKED", issues: [missingNote] }), line({ issues: [{ ...missingNote, severity: "WARNING" }] })],
    ["clinician as leader", { clinicianId: "leader" }, line(), line({ renderingClinicianId: "other" })],
    ["clinician as supervisor rendering", { clinicianId: "sup" }, line({ renderingClinicianId: "sup", supervisedClinicianId: "leader" }), line()],
    ["supervised leader", { clinicianId: "leader" }, line({ renderingClinicianId: "sup", supervisedClinicianId: "leader" }), line({ renderingClinicianId: "sup" })],
    ["group", { groupId: "g2" }, line({ groupId: "g2" }), line()],
    ["member", { clientId: "c-x" }, line({ clientId: "c-x" }), line()],
    ["search in the member's name, any case", { search: "  REYES " }, line(), line({ clientName: "Sam Ortiz" })],
    ["search in the group's name", { search: "dbt" }, line({ clientName: "Sam Ortiz" }), line({ clientName: "Sam Ortiz", groupName: "Grief" })],
  ])("%s", (_name, filter, matching, other) => {
    expect([matchesClaimFilter(matching, filter), matchesClaimFilter(other, filter)]).toEqual([true, false]);
  });

  it("treats an empty search as none, and needs every condition given", () => {
    expect(matchesClaimFilter(line(), { search: "   " })).toBe(true);
    expect(matchesClaimFilter(line({ status: "BLOCKED" }), { status: "BLOCKED", payerId: "blue" })).toBe(false);
  });
});

describe("summarizeClaims", () => {
  it("totals by status, blocked by ERROR reason (once per reason) and by payer, ready by payer, oldest unbilled sessions first", () => {
    const lines = [
      line({ sessionId: "late", sessionStartsAt: new Date("2026-03-20T15:00:00Z"), serviceDate: "2026-03-20" }),
      line({ sessionId: "early", sessionStartsAt: new Date("2026-03-02T15:00:00Z"), serviceDate: "2026-03-02", status: "BLOCKED", issues: [missingNote, missingNote, overLimitWarning] }),
      line({ sessionId: "early", sessionStartsAt: new Date("2026-03-02T15:00:00Z"), serviceDate: "2026-03-02", status: "BLOCKED", payerId: null, chargeCents: 0, issues: [{ ...missingNote, code: "NO_ACTIVE_COVERAGE" }] }),
      line({ sessionId: "billed", sessionStartsAt: new Date("2026-03-01T15:00:00Z"), status: "BILLED", batchId: "b1" }),
      line({ sessionId: "late", sessionStartsAt: new Date("2026-03-20T15:00:00Z"), serviceDate: "2026-03-20", payerId: "blue", chargeCents: 9100 }),
    ];
    expect(summarizeClaims(lines, { from: "2026-03-01", to: "2026-03-31" })).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      total: { lineCount: 5, chargeCents: 4800 * 3 + 9100 },
      byStatus: [
        { status: "READY", lineCount: 2, chargeCents: 4800 + 9100 },
        { status: "BLOCKED", lineCount: 2, chargeCents: 4800 },
        { status: "BILLED", lineCount: 1, chargeCents: 4800 },
      ],
      blockedByIssue: [
        { code: "MISSING_MEMBER_NOTE", lineCount: 1, chargeCents: 4800 },
        { code: "NO_ACTIVE_COVERAGE", lineCount: 1, chargeCents: 0 },
      ],
      blockedByPayer: [
        { payerId: "medicaid", lineCount: 1, chargeCents: 4800 },
        { payerId: null, lineCount: 1, chargeCents: 0 },
      ],
      readyByPayer: [
        { payerId: "blue", lineCount: 1, chargeCents: 9100 },
        { payerId: "medicaid", lineCount: 1, chargeCents: 4800 },
      ],
      oldestUnbilled: [
        { sessionId: "early", serviceDate: "2026-03-02", readyCount: 0, blockedCount: 2 },
        { sessionId: "late", serviceDate: "2026-03-20", readyCount: 2, blockedCount: 0 },
      ],
    });
  });

  it("keeps only the oldest sessions, and is all zeros for no lines", () => {
    const many = [1, 2, 3, 4, 5, 6, 7].map((d) => line({ sessionId: `s${d}`, sessionStartsAt: new Date(`2026-03-0${d}T15:00:00Z`), serviceDate: `2026-03-0${d}` }));
    expect(summarizeClaims(many.reverse(), { from: "2026-03-01", to: "2026-03-31" }).oldestUnbilled.map((s) => s.sessionId)).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    const empty = summarizeClaims([], { from: "2026-03-01", to: "2026-03-31" });
    expect(empty.byStatus.map((s) => [s.status, s.lineCount, s.chargeCents])).toEqual([
      ["READY", 0, 0],
      ["BLOCKED", 0, 0],
      ["BILLED", 0, 0],
    ]);
    expect([empty.blockedByIssue, empty.blockedByPayer, empty.readyByPayer, empty.oldestUnbilled]).toEqual([[], [], [], []]);
  });
});
