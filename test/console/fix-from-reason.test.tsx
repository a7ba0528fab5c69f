import { useState } from "react";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ClaimLineFieldsFragment, SessionQuery } from "../../console/src/__generated__/graphql";
import { CliniciansPage } from "../../console/src/clinicians/clinicians-page";
import { fixLinkFor } from "../../console/src/lib/fix-links";
import { CLAIM_ISSUE_CODES } from "../../server/src/domain/engine/types";
import { permissionsOf, type Role } from "../../server/src/auth/roles";
import { ClientPage } from "../../console/src/clients/client-page";
import { ClaimLinesTable } from "../../console/src/sessions/claim-lines";
import { SessionDetailsForm } from "../../console/src/sessions/session-details-form";
import { badUserInput, mockClient, renderAs, type Call, type Reply } from "./support/render";

const where = { sessionId: "s1", clientId: "c1", payerId: "p1", clinicianId: "k1", groupId: "g1" };
/** What Viewer.permissions lets a role do: the server's own table. */
const as = (role: Role) => (permission: string) => (permissionsOf(role) as string[]).includes(permission);
const ADMIN = as("ADMIN");

describe("where each reason is fixed", () => {
  it.each([
    ["MISSING_MEMBER_NOTE", "/sessions/s1#note-c1"],
    ["NOTE_UNSIGNED", "/sessions/s1#note-c1"],
    ["SESSION_TOO_SHORT", "/sessions/s1#session-length"],
    ["TELEHEALTH_NOT_COVERED", "/sessions/s1#session-modality"],
    ["LEADER_NOT_LICENSED", "/clinicians#clinician-k1"],
    ["NO_ACTIVE_COVERAGE", "/clients/c1#coverage"],
    ["MISSING_REGISTRATION", "/clients/c1#client-details"],
    ["MISSING_DIAGNOSIS", "/clients/c1#diagnosis"],
    ["MISSING_FEE", "/payers/p1#rules"],
    ["INTERACTIVE_COMPLEXITY_NOT_COVERED", "/payers/p1#rules"],
    ["AUTH_REQUIRED", "/clients/c1#authorizations"],
    ["AUTH_EXHAUSTED", "/clients/c1#authorizations"],
    ["USE_INDIVIDUAL_CODE", "/sessions/s1#attendance"],
    ["ATTENDANCE_TOO_SHORT", "/sessions/s1#minutes-c1"],
    ["DOCUMENTATION_READS_AS_CLASS", "/sessions/s1#group-documentation"],
    ["OTHER_MEMBER_NAMED", "/sessions/s1#note-c1"],
    ["NOTE_SIGNED_LATE", "/sessions/s1#note-c1"],
    ["NOT_PSYCHOTHERAPY", "/groups?edit=g1#group-psychotherapy"],
    ["USE_FAMILY_CODE", "/groups?edit=g1#group-kind"],
  ])("%s -> %s", (code, to) => {
    expect(fixLinkFor(code, where, ADMIN)?.to).toBe(to);
  });

  it("every reason the engine gives has a screen and a field that fixes it", () => {
    for (const code of CLAIM_ISSUE_CODES) expect([code, fixLinkFor(code, where, ADMIN)?.to]).toEqual([code, expect.stringMatching(/#.+$/)]);
  });

  it("has no link where the group or the payer is unknown", () => {
    expect(fixLinkFor("USE_FAMILY_CODE", { ...where, groupId: null }, ADMIN)).toBeNull();
    expect(fixLinkFor("MISSING_FEE", { ...where, payerId: null }, ADMIN)).toBeNull();
    expect(fixLinkFor("LEADER_NOT_LICENSED", { ...where, clinicianId: null }, ADMIN)?.to).toBe("/sessions/s1#session-leader");
  });

  it.each([
    [["SEX", "ADDRESS", "SUBSCRIBER"], "/clients/c1#client-sex", "Enter the member's sex"],
    [["ADDRESS"], "/clients/c1#client-address", "Enter the member's home address"],
    [["ADDRESS", "SUBSCRIBER"], "/clients/c1#client-address", "Enter the member's home address"],
    [["SUBSCRIBER"], "/clients/c1#subscriber-p1", "Enter the insured person"],
  ])("a missing registration links to the first missing field: %j -> %s", (missing, to, label) => {
    for (const role of ["OWNER", "BILLER"] as const) expect(fixLinkFor({ code: "MISSING_REGISTRATION", missingRegistration: missing }, where, as(role))).toEqual({ to, label });
  });

  it("a missing registration goes to the client's details for whoever may not edit the client", () => {
    expect(fixLinkFor({ code: "MISSING_REGISTRATION", missingRegistration: ["SEX"] }, where, as("CLINICIAN"))?.to).toBe("/clients/c1#client-details");
  });

  it("an unlicensed leader's license is edited by those who may edit clinicians; others change the session's leader or supervisor", () => {
    expect(fixLinkFor("LEADER_NOT_LICENSED", where, as("OWNER"))?.to).toBe("/clinicians#clinician-k1");
    expect(fixLinkFor("LEADER_NOT_LICENSED", where, as("BILLER"))).toEqual({ to: "/sessions/s1#session-leader", label: "Change the leader or supervisor" });
    expect(fixLinkFor("LEADER_NOT_LICENSED", where, as("CLINICIAN"))?.to).toBe("/sessions/s1#session-leader");
    // Neither permission: the clinician can still be read, and the label says so; without even that, who fixes it.
    expect(fixLinkFor("LEADER_NOT_LICENSED", where, (p) => p === "ReadClinicians")).toEqual({ to: "/clinicians#clinician-k1", label: "See the license (an administrator edits it)", readOnly: true });
    expect(fixLinkFor("LEADER_NOT_LICENSED", where, () => false)).toEqual({ to: null, label: "An administrator edits the license", readOnly: true });
  });
});

// Whether the server accepts each link's save for each role is test/integration/api/fix-link-permissions.test.ts's.
describe("what a viewer who may not fix a reason is given", () => {
  it.each([
    // Billers do not write clinical documentation or record attendance: they see it, and who does it.
    ["NOTE_UNSIGNED", "BILLER", { to: "/sessions/s1#note-c1", label: "See the note (a clinician signs it)", readOnly: true }],
    ["MISSING_MEMBER_NOTE", "BILLER", { to: "/sessions/s1#note-c1", label: "See the note (a clinician writes it)", readOnly: true }],
    ["MISSING_GROUP_DOCUMENTATION", "BILLER", { to: "/sessions/s1#group-documentation", label: "See the documentation (a clinician writes it)", readOnly: true }],
    ["ATTENDANCE_TOO_SHORT", "BILLER", { to: "/sessions/s1#attendance", label: "See attendance (a clinician records it)", readOnly: true }],
    ["MISSING_FEE", "BILLER", { to: "/payers/p1#rules", label: "See the payer's rules (an administrator edits them)", readOnly: true }],
    ["NOT_PSYCHOTHERAPY", "BILLER", { to: null, label: "An administrator edits the group", readOnly: true }],
    // Clinicians do not edit clients, and may not open payers at all.
    ["MISSING_DIAGNOSIS", "CLINICIAN", { to: "/clients/c1#client-details", label: "See the diagnoses (a biller enters them)", readOnly: true }],
    ["AUTH_REQUIRED", "CLINICIAN", { to: "/clients/c1#authorizations", label: "See the authorizations (a biller enters them)", readOnly: true }],
    ["MISSING_FEE", "CLINICIAN", { to: null, label: "An administrator edits the payer's rules", readOnly: true }],
    ["TIMELY_FILING_SOON", "CLINICIAN", { to: null, label: "A biller bills it in a batch", readOnly: true }],
    // Another fix that is theirs: attendance recorded wrong.
    ["FREQUENCY_LIMIT", "CLINICIAN", { to: "/sessions/s1#attendance", label: "Check attendance" }],
  ] as const)("%s as %s", (code, role, link) => {
    expect(fixLinkFor(code, where, as(role))).toEqual(link);
  });

  it("every role is told something on every reason: where to fix it, where to see it, or who fixes it", () => {
    for (const role of ["OWNER", "ADMIN", "BILLER", "CLINICIAN"] as const)
      for (const code of CLAIM_ISSUE_CODES) {
        const link = fixLinkFor(code, where, as(role));
        expect([code, role, link?.label]).toEqual([code, role, expect.stringMatching(/\S/)]);
        if (link!.readOnly) expect([code, role, link!.label]).toEqual([code, role, expect.stringMatching(/\b(a clinician|a biller|an administrator)\b/i)]);
        else expect([code, role, link!.to]).toEqual([code, role, expect.stringMatching(/#.+$/)]);
      }
  });

  it("on a session's lines, a read-only link says who fixes it", () => {
    const { client } = mockClient(() => ({ data: {} }));
    renderAs("BILLER", <ClaimLinesTable lines={[blockedLine("NOTE_UNSIGNED")]} where={{ sessionId: "s1" }} />, client);
    expect(screen.getByRole("link", { name: "See the note (a clinician signs it)" }).getAttribute("href")).toBe("/sessions/s1#note-c1");
  });

  it("names who fixes it, without a link, where the viewer may not open the screen", () => {
    const { client } = mockClient(() => ({ data: {} }));
    renderAs("CLINICIAN", <ClaimLinesTable lines={[blockedLine("MISSING_FEE")]} where={{ sessionId: "s1" }} />, client);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByText("An administrator edits the payer's rules.")).toBeTruthy();
  });
});

function blockedLine(code: string): ClaimLineFieldsFragment {
  return {
    __typename: "ClaimDecision",
    id: "d1",
    status: "BLOCKED",
    cptCode: "90853",
    suggestedCptCodes: [],
    modifiers: [],
    placeOfService: "11",
    units: 1,
    diagnosisCodes: ["F33.1"],
    chargeCents: 4800,
    totalChargeCents: 4800,
    batchId: null,
    requiredNoteElements: [],
    addOnLines: [],
    issues: [{ __typename: "ClaimIssue", code, severity: "ERROR", message: "The session is shorter than the payer's minimum", element: null }],
    client: { __typename: "Client", id: "c1", firstName: "Ana", lastName: "Martinez" },
    payer: { __typename: "Payer", id: "p1", name: "Bay State Medicaid" },
    renderingProvider: { __typename: "Clinician", id: "k1" },
  } as ClaimLineFieldsFragment;
}

describe("an unlicensed leader on the session's lines", () => {
  // The session has a supervisor, but the payer requires a licensed leader: the server keeps the leader (k1) as
  // rendering provider, and the link follows that answer rather than taking the supervisor (k2) for granted.
  const line = { ...blockedLine("LEADER_NOT_LICENSED"), renderingProvider: { __typename: "Clinician", id: "k1" } } as ClaimLineFieldsFragment;

  it.each([
    ["ADMIN", "Edit the clinician's license", "/clinicians#clinician-k1"],
    ["BILLER", "Change the leader or supervisor", "/sessions/s1#session-leader"],
  ] as const)("as %s: %s", (role, name, href) => {
    const { client } = mockClient(() => ({ data: {} }));
    renderAs(role, <ClaimLinesTable lines={[line]} where={{ sessionId: "s1", groupId: "g1" }} />, client);
    expect(screen.getByRole("link", { name }).getAttribute("href")).toBe(href);
  });

  it("links to the clinician the server bills, when that is the supervisor", () => {
    const { client } = mockClient(() => ({ data: {} }));
    renderAs("OWNER", <ClaimLinesTable lines={[{ ...line, renderingProvider: { __typename: "Clinician", id: "k2" } } as ClaimLineFieldsFragment]} where={{ sessionId: "s1" }} />, client);
    expect(screen.getByRole("link", { name: "Edit the clinician's license" }).getAttribute("href")).toBe("/clinicians#clinician-k2");
  });
});

describe("a missing registration's link lands on the missing field of the client's form", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));
  const address = { __typename: "Address", line1: "1 Main St", line2: null, city: "Boston", state: "MA", zip: "02110" };
  const coverage = {
    __typename: "Coverage",
    id: "cov1",
    memberId: "M-1",
    priority: "PRIMARY",
    effectiveFrom: "2026-01-01",
    effectiveTo: null,
    payer: { __typename: "Payer", id: "p1", name: "Bay State Medicaid" },
    relationship: "CHILD",
    subscriber: null,
  };
  const ana = { __typename: "Client", id: "c1", firstName: "Ana", lastName: "Martinez", dateOfBirth: "2010-02-03", diagnosisCodes: ["F33.1"], sex: null, address: null, coverages: [coverage] };

  it.each([
    ["#client-sex", { sex: null }, "Sex"],
    ["#client-address", { sex: "FEMALE" }, "Street"],
    ["#subscriber-p1", { sex: "FEMALE", address }, "First name"],
  ])("%s focuses %s", async (hash, patch, label) => {
    window.history.replaceState(null, "", `/clients/c1${hash}`);
    const { client } = mockClient((call: Call): Reply => {
      if (call.operationName === "Client") return { data: { client: { ...ana, ...patch } } };
      if (call.operationName === "ClientPayers") return { data: { payers: [coverage.payer] } };
      if (call.operationName === "ClientAuthorizations") return { data: { client: { __typename: "Client", id: "c1", priorAuthorizations: [] } } };
      throw new Error(`unexpected ${call.operationName}`);
    });
    renderAs("BILLER", <ClientPage id="c1" />, client);
    await screen.findByRole("heading", { name: "Ana Martinez" });
    await waitFor(() => expect(document.activeElement?.id).not.toBe(""));
    const focused = document.activeElement as HTMLElement;
    expect(focused.labels?.[0]?.textContent).toBe(label);
    expect(document.getElementById(hash.slice(1))!.contains(focused)).toBe(true);
  });
});

it("a session's claim line links its reason to the field", () => {
  const { client } = mockClient(() => ({ data: {} }));
  renderAs("BILLER", <ClaimLinesTable lines={[blockedLine("SESSION_TOO_SHORT")]} where={{ sessionId: "s1" }} />, client);
  expect(screen.getByRole("link", { name: "Edit the session's length" }).getAttribute("href")).toBe("/sessions/s1#session-length");
  expect(screen.getByRole("region", { name: "Claim lines by member" }).tabIndex).toBe(0);
});

const clinician = {
  __typename: "Clinician",
  id: "k1",
  name: "Robin Lee",
  firstName: "Robin",
  lastName: "Lee",
  taxonomyCode: null,
  npi: "1234567893",
  credential: "LCSW",
  licensed: false,
  licenseExpiresOn: null,
};

describe("editing a clinician", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("a reason's link opens the clinician with the license focused; saving sends only the form and focuses the result", async () => {
    window.history.replaceState(null, "", "/clinicians#clinician-k1");
    let saved = clinician;
    const { client, calls } = mockClient((call: Call): Reply => {
      if (call.operationName === "Clinicians") return { data: { clinicians: [saved] } };
      if (call.operationName === "UpdateClinician") {
        saved = { ...clinician, licensed: true, licenseExpiresOn: "2027-06-30" };
        return { data: { updateClinician: saved } };
      }
      throw new Error(`unexpected ${call.operationName}`);
    });
    renderAs("ADMIN", <CliniciansPage />, client);
    const license = await screen.findByRole("switch", { name: "Licensed to provide psychotherapy" });
    await waitFor(() => expect(document.activeElement).toBe(license));
    const user = userEvent.setup();
    await user.click(license);
    await user.type(screen.getByLabelText("License expires"), "2027-06-30");
    await user.click(screen.getByRole("button", { name: "Save clinician" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Saved Robin Lee");
    expect(document.activeElement).toBe(status);
    const update = calls.find((c) => c.operationName === "UpdateClinician")!;
    expect(update.variables).toEqual({
      id: "k1",
      input: { licensed: true, licenseExpiresOn: "2027-06-30", credential: "LCSW", name: "Robin Lee", firstName: "Robin", lastName: "Lee", taxonomyCode: null },
    });
    expect(screen.getByText("Licensed until Wed, Jun 30, 2027")).toBeTruthy();
  });

  it("a field's error goes away once that field is edited, the others stay", async () => {
    const { client } = mockClient((call: Call): Reply => {
      if (call.operationName === "Clinicians") return { data: { clinicians: [clinician] } };
      if (call.operationName === "UpdateClinician")
        return badUserInput([
          { field: "credential", message: "Credential is required" },
          { field: "taxonomyCode", message: "Taxonomy code must be 10 characters" },
        ]);
      throw new Error(`unexpected ${call.operationName}`);
    });
    renderAs("OWNER", <CliniciansPage />, client);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit Robin Lee" }));
    await user.click(screen.getByRole("button", { name: "Save clinician" }));
    expect(await screen.findByText("Credential is required")).toBeTruthy();
    expect(screen.getByText("Taxonomy code must be 10 characters")).toBeTruthy();
    await user.type(screen.getByLabelText("Credential"), "W");
    expect(screen.queryByText("Credential is required")).toBeNull();
    expect(screen.getByText("Taxonomy code must be 10 characters")).toBeTruthy();
  });

  it("offers no edit to a biller, whom a reason's link still takes to the clinician", async () => {
    window.history.replaceState(null, "", "/clinicians#clinician-k1");
    const { client } = mockClient(() => ({ data: { clinicians: [clinician] } }));
    renderAs("BILLER", <CliniciansPage />, client);
    await screen.findByText("Robin Lee");
    expect(screen.queryByRole("button", { name: "Edit Robin Lee" })).toBeNull();
    await waitFor(() => expect(document.activeElement?.textContent).toContain("Robin Lee"));
    expect(document.activeElement?.tagName).toBe("TR");
  });
});

type Session = NonNullable<SessionQuery["session"]>;

it("session details save time, length, modality, leader and POS against the loaded version, in the practice's zone", async () => {
  const session = {
    __typename: "GroupSession",
    id: "s1",
    startsAt: "2026-10-06T14:00:00.000Z",
    date: "2026-10-06",
    durationMinutes: 30,
    modality: "IN_PERSON",
    placeOfService: null,
    version: 4,
    leader: { __typename: "Clinician", id: "k1", name: "Robin Lee", credential: "LCSW", licensed: true },
    supervisor: null,
  } as unknown as Session;
  const { client, calls } = mockClient((call: Call): Reply => {
    if (call.operationName === "Clinicians") return { data: { clinicians: [{ ...clinician, licensed: true }, { ...clinician, id: "k2", name: "Sam Park" }] } };
    if (call.operationName === "UpdateSessionDetails") return { data: { updateSession: { ...session, durationMinutes: 60, claimDecisions: [] } } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  renderAs("ADMIN", <SessionDetailsForm session={session} canEdit />, client);
  const user = userEvent.setup();
  // 14:00Z in October is 10:00 in New York (EDT), labelled with the zone.
  const start = screen.getByLabelText("Starts (ET)") as HTMLInputElement;
  expect(start.value).toBe("2026-10-06T10:00");
  const length = screen.getByLabelText("Length (minutes)");
  await user.clear(length);
  await user.type(length, "60");
  await user.selectOptions(screen.getByLabelText("Modality"), "Video telehealth");
  await screen.findByRole("option", { name: "Sam Park (not licensed)" });
  await user.selectOptions(screen.getByLabelText("Leader"), "Sam Park (not licensed)");
  await user.selectOptions(screen.getByLabelText("Place of service"), "02 Telehealth, not in the patient's home");
  await user.click(screen.getByRole("button", { name: "Save session details" }));
  const status = await screen.findByRole("status");
  expect(document.activeElement).toBe(status);
  expect(calls.find((c) => c.operationName === "UpdateSessionDetails")!.variables).toEqual({
    id: "s1",
    withBilling: true,
    input: { startsAt: "2026-10-06T14:00:00.000Z", durationMinutes: 60, modality: "TELEHEALTH_VIDEO", leaderId: "k2", placeOfService: "02", expectedVersion: 4 },
  });
});

it("after saving attendance, focus is on the result, not dropped to the page", async () => {
  const { AttendanceForm } = await import("../../console/src/sessions/attendance-form");
  const dana = { __typename: "Client", id: "c1", firstName: "Dana", lastName: "Reyes" };
  const session = {
    __typename: "GroupSession",
    id: "s1",
    group: { __typename: "TherapyGroup", id: "g1", members: [dana] },
    attendance: [],
  } as unknown as Session;
  const { client } = mockClient((call: Call): Reply => {
    if (call.operationName === "RecordAttendance")
      return { data: { recordAttendance: { __typename: "GroupSession", id: "s1", presentCount: 1, attendance: [{ __typename: "Attendance", status: "PRESENT", client: dana }], claimDecisions: [] } } };
    if (call.operationName === "Session") return { data: { session: null } };
    throw new Error(`unexpected ${call.operationName}`);
  });
  function Live() {
    // The page passes the session from the cache; here the mutation's answer stands in for it.
    const [s, setS] = useState(session);
    return (
      <div onSubmit={() => setTimeout(() => setS({ ...session, attendance: [{ __typename: "Attendance", status: "PRESENT", client: dana }] } as unknown as Session), 0)}>
        <AttendanceForm session={s} canEdit />
      </div>
    );
  }
  renderAs("CLINICIAN", <Live />, client);
  const user = userEvent.setup();
  await user.click(screen.getByRole("radio", { name: "Present" }));
  await user.click(screen.getByRole("button", { name: "Save attendance" }));
  const status = await screen.findByRole("status");
  expect(status.textContent).toBe("Attendance saved.");
  expect(document.activeElement).toBe(status);
});
