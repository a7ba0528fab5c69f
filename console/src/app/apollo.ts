import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { map } from "rxjs";
import { sessionStore } from "../auth/session-store";

/** Operations that sign in: they carry no token, and their UNAUTHENTICATED means "wrong password", not "expired". */
const SIGN_IN_OPERATIONS = new Set(["LogIn", "SignUp"]);

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      // Objects without ids that are re-read with other fields: replace them quietly.
      Query: { fields: { me: { merge: true } } },
      Viewer: { keyFields: false, merge: true },
      GroupSession: { fields: { attendance: { merge: false }, claimDecisions: { merge: false }, notes: { merge: false } } },
      PayerRules: { fields: { modifierRules: { merge: false } } },
      MemberNote: { fields: { addenda: { merge: false } } },
      Client: { fields: { coverages: { merge: false } } },
      TherapyGroup: { fields: { members: { merge: false } } },
    },
  });
}

export function createApolloClient(link: ApolloLink = new HttpLink({ uri: "/graphql" })): ApolloClient {
  const auth = new SetContextLink(({ headers }, operation) => {
    const token = SIGN_IN_OPERATIONS.has(operation.operationName ?? "") ? null : sessionStore.token();
    return { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }, sentToken: token !== null };
  });

  // The token expired or was revoked: the server says UNAUTHENTICATED to a request that carried one.
  const expiry = new ErrorLink(({ error, operation }) => {
    if (!operation.getContext().sentToken) return;
    if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
      sessionStore.end("Your session has ended. Sign in again to continue.");
    }
  });

  const activity = new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      map((result) => {
        if (operation.getContext().sentToken) sessionStore.touch();
        return result;
      }),
    ),
  );

  return new ApolloClient({ link: ApolloLink.from([auth, expiry, activity, link]), cache: createCache() });
}
