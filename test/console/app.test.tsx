import { act, screen, waitFor, within } from "@testing-library/react";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../console/src/app/app";
import { sessionStore } from "../../console/src/auth/session-store";
import type { Role } from "../../console/src/__generated__/graphql";
import { mockClient, viewerFor, type Call, type Reply } from "./support/render";

const NO_LINES = { __typename: "ClaimDecisionConnection", totalCount: 0, edges: [] };

function emptySummary(from: string, to: string) {
  return { __typename: "ClaimSummary", from, to, lineCount: 0, chargeCents: 0, byStatus: [], blockedByIssue: [], blockedByPayer: [], oldestUnbilled: [] };
}

const EMPTY_BOARD = {
  sessions: { __typename: "GroupSessionConnection", totalCount: 0, pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null }, edges: [] },
};

function server(role: Role, extra: (call: Call) => Reply | undefined = () => undefined) {
  return (call: Call): Reply => {
    const special = extra(call);
    if (special) return special;
    switch (call.operationName) {
      case "LogIn":
        return call.variables.input && (call.variables.input as { password: string }).password === "correct horse battery"
          ? { data: { logIn: { __typename: "AuthPayload", token: "tok-1" } } }
          : { errors: [{ message: "The e-mail or password is not correct", extensions: { code: "UNAUTHENTICATED" } }] };
      case "Me":
        return { data: { me: viewerFor(role) } };
      case "SessionsBoard":
        return { data: EMPTY_BOARD };
      case "Dashboard":
        return {
          data: {
            thisMonth: emptySummary(call.variables.thisFrom as string, call.variables.thisTo as string),
            lastMonth: emptySummary(call.variables.lastFrom as string, call.variables.lastTo as string),
          },
        };
      case "FilingDeadlines":
        return { data: { expired: NO_LINES, soon: NO_LINES } };
      case "BoardGroups":
        return { data: { groups: [] } };
      case "BoardPayers":
        return { data: { payers: [] } };
      case "Payer":
        return { errors: [{ message: "Your role in this practice does not allow this", extensions: { code: "FORBIDDEN" } }] };
      default:
        throw new Error(`unexpected ${call.operationName}`);
    }
  };
}

beforeEach(() => {
  sessionStore.end(null);
  window.history.replaceState(null, "", "/");
});

async function signIn(password = "correct horse battery") {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("E-mail"), "pat@example.test");
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  return user;
}

it("signs in, keeps only the token (never the password), and lands on the dashboard", async () => {
  const { client, calls } = mockClient(server("OWNER"));
  render(<App client={client} />);
  await signIn();
  expect(await screen.findByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
  expect(window.location.pathname).toBe("/");
  const stored = JSON.stringify({ ...sessionStorage });
  expect(stored).toContain("tok-1");
  expect(stored).not.toContain("correct horse battery");
  expect(calls.find((c) => c.operationName === "LogIn")?.authorization).toBeUndefined();
  expect(calls.find((c) => c.operationName === "Me")?.authorization).toBe("Bearer tok-1");
});

it("says when the password is wrong and stays on the sign-in page", async () => {
  const { client } = mockClient(server("OWNER"));
  render(<App client={client} />);
  await signIn("wrong password!!");
  expect(await screen.findByRole("alert")).toHaveTextContent("The e-mail or password is not correct");
  expect(sessionStore.token()).toBeNull();
});

it.each([
  ["OWNER", ["Dashboard", "Sessions", "Claims", "Batches", "Remittances", "Denials", "Payers", "Clients", "Groups", "Clinicians", "Members", "Practice", "Audit log"]],
  ["BILLER", ["Dashboard", "Sessions", "Claims", "Batches", "Remittances", "Denials", "Payers", "Clients", "Groups", "Clinicians"]],
  ["CLINICIAN", ["Dashboard", "Sessions", "Clients", "Groups", "Clinicians"]],
] as const)("shows a %s only the screens the role may use", async (role, screens) => {
  const { client } = mockClient(server(role));
  render(<App client={client} />);
  await signIn();
  const nav = await screen.findByRole("navigation", { name: "Main" });
  expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(screens);
});

it("shows and hides screens by the permissions the API serves, not by the role's name", async () => {
  // An owner whose served permissions are only a clinician's: the console must follow what it is told.
  const { client, calls } = mockClient(server("OWNER", (call) => (call.operationName === "Me" ? { data: { me: viewerFor("OWNER", { permissions: ["ReadSessions", "ReadClients"] } as never) } } : undefined)));
  window.history.replaceState(null, "", "/claims");
  render(<App client={client} />);
  await signIn();
  expect(await screen.findByText("Your role cannot open claims.")).toBeInTheDocument();
  const nav = screen.getByRole("navigation", { name: "Main" });
  expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["Dashboard", "Sessions", "Clients"]);
  expect(calls.map((c) => c.operationName)).not.toContain("ClaimLines");
});

it("tells a clinician who follows a link to the rule editor that the role cannot open it", async () => {
  const { client, calls } = mockClient(server("CLINICIAN"));
  window.history.replaceState(null, "", "/payers/p1");
  render(<App client={client} />);
  await signIn();
  expect(await screen.findByText("Your role cannot open the payer rule editor.")).toBeInTheDocument();
  expect(calls.map((c) => c.operationName)).not.toContain("Payer");
});

it("signs out by itself when the API says the token is no longer valid", async () => {
  let expired = false;
  const { client } = mockClient(
    server("OWNER", (call) =>
      expired && call.operationName === "Dashboard" ? { errors: [{ message: "Your session has ended; sign in again", extensions: { code: "UNAUTHENTICATED" } }] } : undefined,
    ),
  );
  render(<App client={client} />);
  await signIn();
  await screen.findByRole("heading", { name: "Dashboard" });
  expired = true;
  await act(async () => {
    await client.refetchQueries({ include: ["Dashboard"] }).catch(() => undefined);
  });
  expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
  expect(screen.getByText("Your session has ended. Sign in again to continue.")).toBeInTheDocument();
  expect(sessionStore.token()).toBeNull();
  expect(JSON.stringify({ ...sessionStorage })).not.toContain("tok-1");
});

it("signs out after 30 idle minutes even without a request", async () => {
  const { client } = mockClient(server("OWNER"));
  render(<App client={client} />);
  await signIn();
  await screen.findByRole("heading", { name: "Dashboard" });
  act(() => {
    sessionStore.expireIfDue(Date.now() + 31 * 60 * 1000);
  });
  expect(await screen.findByText(/30 minutes without activity/)).toBeInTheDocument();
  await waitFor(() => expect(client.cache.extract()).toEqual({}));
});

it("switches practice with the current token, without asking for the password, and starts over with the new token", async () => {
  const twoPractices = {
    memberships: [
      { __typename: "Membership", role: "OWNER", practice: { __typename: "Practice", id: "p1", name: "Harbor" } },
      { __typename: "Membership", role: "BILLER", practice: { __typename: "Practice", id: "p2", name: "Lakeside" } },
      { __typename: "Membership", role: "BILLER", practice: { __typename: "Practice", id: "p3", name: "Gone" } },
    ],
  };
  const { client, calls } = mockClient(
    server("OWNER", (call) => {
      if (call.operationName === "Me") return { data: { me: viewerFor("OWNER", twoPractices as never) } };
      if (call.operationName === "SwitchPractice") {
        return call.variables.practiceId === "p2"
          ? { data: { switchPractice: { __typename: "AuthPayload", token: "tok-2" } } }
          : { errors: [{ message: "You are not a member of that practice", extensions: { code: "FORBIDDEN" } }] };
      }
      return undefined;
    }),
  );
  render(<App client={client} />);
  const user = await signIn();
  await user.selectOptions(await screen.findByLabelText("Practice"), "p3");
  expect(await screen.findByRole("alert")).toHaveTextContent(/does not allow/);
  expect(sessionStore.token()).toBe("tok-1");

  await user.selectOptions(screen.getByLabelText("Practice"), "p2");
  await waitFor(() => expect(sessionStore.token()).toBe("tok-2"));
  await waitFor(() => expect(calls.filter((c) => c.operationName === "Me").pop()?.authorization).toBe("Bearer tok-2"));
  expect(calls.filter((c) => c.operationName === "SwitchPractice").map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  expect(JSON.stringify({ ...sessionStorage })).not.toContain("correct horse battery");
});

it("shows an invitation to another practice, and accepting it adds that practice to the switcher", async () => {
  let answered = false;
  const invitation = { __typename: "Invitation", id: "inv-1", practiceName: "Lakeside", role: "BILLER", invitedAt: "2026-03-01T12:00:00.000Z" };
  const { client, calls } = mockClient(
    server("OWNER", (call) => {
      if (call.operationName === "Me") {
        const joined = [
          { __typename: "Membership", role: "OWNER", practice: { __typename: "Practice", id: "p1", name: "Harbor" } },
          { __typename: "Membership", role: "BILLER", practice: { __typename: "Practice", id: "p2", name: "Lakeside" } },
        ];
        return { data: { me: viewerFor("OWNER", (answered ? { memberships: joined, invitations: [] } : { invitations: [invitation] }) as never) } };
      }
      if (call.operationName === "AcceptInvitation") {
        answered = true;
        return { data: { acceptInvitation: { __typename: "Membership", role: "BILLER", practice: { __typename: "Practice", id: "p2", name: "Lakeside" } } } };
      }
      return undefined;
    }),
  );
  render(<App client={client} />);
  const user = await signIn();
  expect(await screen.findByText(/invites you to join as biller/)).toHaveTextContent("Lakeside");
  await user.click(screen.getByRole("button", { name: "Accept" }));
  expect(await screen.findByText("You joined Lakeside. Switch to it from the practice menu.")).toBeInTheDocument();
  expect(calls.find((c) => c.operationName === "AcceptInvitation")?.variables).toEqual({ id: "inv-1" });
  expect(within(screen.getByLabelText("Practice")).getByRole("option", { name: "Lakeside (Biller)" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Accept" })).toBeNull();
  expect(sessionStore.token()).toBe("tok-1");
});

it("creates another practice from the practice menu and starts over with the token for it", async () => {
  const { client, calls } = mockClient(
    server("OWNER", (call) =>
      call.operationName === "CreatePractice" ? { data: { createPractice: { __typename: "AuthPayload", token: "tok-3" } } } : undefined,
    ),
  );
  render(<App client={client} />);
  const user = await signIn();
  await user.click(await screen.findByRole("button", { name: "New practice" }));
  const dialog = screen.getByRole("dialog", { name: "New practice" });
  await user.type(within(dialog).getByLabelText("Practice name"), "Second Site");
  await user.type(within(dialog).getByLabelText("Practice NPI (type 2)"), " 1234567893 ");
  await user.click(within(dialog).getByRole("button", { name: "Create practice" }));
  await waitFor(() => expect(sessionStore.token()).toBe("tok-3"));
  await waitFor(() => expect(calls.filter((c) => c.operationName === "Me").pop()?.authorization).toBe("Bearer tok-3"));
  const created = calls.find((c) => c.operationName === "CreatePractice")!;
  expect(created.authorization).toBe("Bearer tok-1");
  expect(created.variables.input).toMatchObject({ practiceName: "Second Site", npi: "1234567893" });
});

it("tells someone signing up with a taken e-mail to sign in, without blaming a concurrent change", async () => {
  const { client } = mockClient(
    server("OWNER", (call) =>
      call.operationName === "SignUp"
        ? { errors: [{ message: "This e-mail cannot be used to sign up. If it is yours, sign in instead", extensions: { code: "CONFLICT" } }] }
        : undefined,
    ),
  );
  window.history.replaceState(null, "", "/signup");
  render(<App client={client} />);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Practice name"), "Harbor");
  await user.type(screen.getByLabelText("Practice NPI (type 2)"), "1234567893");
  await user.type(screen.getByLabelText("Your name"), "Pat Doe");
  await user.type(screen.getByLabelText("E-mail"), "pat@example.test");
  await user.type(screen.getByLabelText("Password"), "correct horse battery");
  await user.click(screen.getByRole("button", { name: "Create practice" }));
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("This e-mail cannot be used to sign up. If it is yours, sign in instead");
  expect(alert).not.toHaveTextContent(/someone else/i);
  expect(within(alert).getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/signin");
  expect(sessionStore.token()).toBeNull();
});
