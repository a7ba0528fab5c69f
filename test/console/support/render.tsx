import type { ReactElement } from "react";
import { ApolloLink, Observable } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { render } from "@testing-library/react";
import { createApolloClient } from "../../../console/src/app/apollo";
import { RouterProvider } from "../../../console/src/app/router";
import { ViewerProvider, type Viewer } from "../../../console/src/auth/viewer";
import type { Role } from "../../../console/src/__generated__/graphql";
import { permissionsOf } from "../../../server/src/auth/roles";

export interface Call {
  operationName: string;
  variables: Record<string, unknown>;
  authorization?: string;
}

export type Reply = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

/** An Apollo client behind the console's own links, answering each operation from `handler` instead of a server. */
export function mockClient(handler: (call: Call) => Reply | Promise<Reply>) {
  const calls: Call[] = [];
  const terminal = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const headers = (operation.getContext().headers ?? {}) as Record<string, string>;
        const call = { operationName: operation.operationName ?? "", variables: operation.variables as Record<string, unknown>, authorization: headers.authorization };
        calls.push(call);
        Promise.resolve(handler(call)).then(
          (reply) => {
            observer.next(reply as never);
            observer.complete();
          },
          (error) => observer.error(error),
        );
      }),
  );
  return { client: createApolloClient(terminal), calls };
}

export function viewerFor(role: Role, overrides: Partial<Viewer> = {}): Viewer {
  return {
    __typename: "Viewer",
    role,
    // What the API serves as me.permissions: the server's own table, so the console tests cannot drift from it.
    permissions: permissionsOf(role),
    user: { __typename: "User", id: "u1", email: "pat@example.test", name: "Pat Doe" },
    practice: { __typename: "Practice", id: "p1", name: "Harbor", npi: "1234567893", timezone: "America/New_York", defaultPlaceOfService: "11" },
    memberships: [{ __typename: "Membership", role, practice: { __typename: "Practice", id: "p1", name: "Harbor" } }],
    invitations: [],
    ...overrides,
  } as Viewer;
}

/** Renders a screen as a signed-in user with a role, against a mock client. */
export function renderAs(role: Role, ui: ReactElement, client: ReturnType<typeof mockClient>["client"]) {
  return render(
    <ApolloProvider client={client}>
      <RouterProvider>
        <ViewerProvider viewer={viewerFor(role)} signOut={async () => undefined}>
          {ui}
        </ViewerProvider>
      </RouterProvider>
    </ApolloProvider>,
  );
}

export function badUserInput(fields: { field: string; message: string }[]): Reply {
  return { errors: [{ message: fields.map((f) => f.message).join(" "), extensions: { code: "BAD_USER_INPUT", fields } }] };
}
