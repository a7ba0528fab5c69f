import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AttendanceForm } from "../../console/src/sessions/attendance-form";
import type { SessionQuery } from "../../console/src/__generated__/graphql";
import { mockClient, renderAs, type Call, type Reply } from "./support/render";

type Session = NonNullable<SessionQuery["session"]>;

const ana = { __typename: "Client" as const, id: "c1", firstName: "Ana", lastName: "Diaz" };
const ben = { __typename: "Client" as const, id: "c2", firstName: "Ben", lastName: "Ode" };

function sessionWith(attendance: { client: typeof ana; status: "PRESENT" | "ABSENT"; minutesAttended: number | null; location?: "HOME" | "OTHER" | null }[], modality = "IN_PERSON"): Session {
  return {
    id: "s1",
    modality,
    group: { members: [ana, ben] },
    attendance: attendance.map((a) => ({ __typename: "Attendance", ...a })),
  } as unknown as Session;
}

function setup(session: Session, handler: (call: Call) => Reply) {
  const mock = mockClient(handler);
  renderAs("CLINICIAN", <AttendanceForm session={session} canEdit />, mock.client);
  return { ...mock, user: userEvent.setup() };
}

const saved = (): Reply => ({ data: { recordAttendance: { __typename: "GroupSession", id: "s1", attendance: [], claimDecisions: [] } } });

it("sends minutes only for the member whose minutes changed, and empty as the whole session", async () => {
  const { user, calls } = setup(
    sessionWith([
      { client: ana, status: "PRESENT", minutesAttended: 40 },
      { client: ben, status: "PRESENT", minutesAttended: null },
    ]),
    (call) => (call.operationName === "RecordAttendance" ? saved() : { data: null }),
  );
  const anaMinutes = screen.getByLabelText("Minutes Ana Diaz attended");
  expect(anaMinutes).toHaveValue("40");
  expect(screen.getByLabelText("Minutes Ben Ode attended")).toHaveValue("");
  await user.clear(anaMinutes);
  await user.click(screen.getByRole("button", { name: "Save attendance" }));
  await waitFor(() => expect(calls.some((c) => c.operationName === "RecordAttendance")).toBe(true));
  const call = calls.find((c) => c.operationName === "RecordAttendance")!;
  expect(call.variables.entries).toEqual([
    { clientId: "c1", status: "PRESENT", minutesAttended: null },
    { clientId: "c2", status: "PRESENT" },
  ]);
});

it("refuses minutes that are not a whole number without asking the server, and hides minutes for absent members", async () => {
  const { user, calls } = setup(
    sessionWith([
      { client: ana, status: "PRESENT", minutesAttended: null },
      { client: ben, status: "ABSENT", minutesAttended: null },
    ]),
    () => ({ data: null }),
  );
  expect(screen.queryByLabelText("Minutes Ben Ode attended")).toBeNull();
  await user.type(screen.getByLabelText("Minutes Ana Diaz attended"), "forty");
  await user.click(screen.getByRole("button", { name: "Save attendance" }));
  expect(await screen.findByText(/Minutes attended for Ana Diaz must be a whole number/)).toBeTruthy();
  expect(calls.filter((c) => c.operationName === "RecordAttendance")).toHaveLength(0);
});

it("records where each member joined a telehealth session from, sending only changed locations", async () => {
  const { user, calls } = setup(
    sessionWith(
      [
        { client: ana, status: "PRESENT", minutesAttended: null, location: "HOME" },
        { client: ben, status: "PRESENT", minutesAttended: null, location: null },
      ],
      "TELEHEALTH_VIDEO",
    ),
    (call) => (call.operationName === "RecordAttendance" ? saved() : { data: null }),
  );
  expect(screen.getByLabelText("Where Ana Diaz joined from")).toHaveValue("HOME");
  await user.selectOptions(screen.getByLabelText("Where Ben Ode joined from"), "OTHER");
  await user.click(screen.getByRole("button", { name: "Save attendance" }));
  await waitFor(() => expect(calls.some((c) => c.operationName === "RecordAttendance")).toBe(true));
  expect(calls.find((c) => c.operationName === "RecordAttendance")!.variables.entries).toEqual([
    { clientId: "c1", status: "PRESENT" },
    { clientId: "c2", status: "PRESENT", location: "OTHER" },
  ]);
});

it("asks no location for an in-person session", () => {
  setup(sessionWith([{ client: ana, status: "PRESENT", minutesAttended: null }]), () => ({ data: null }));
  expect(screen.queryByText("Joined from")).toBeNull();
});
