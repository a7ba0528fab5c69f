import { useCallback, useEffect, type ReactNode } from "react";
import type { ApolloClient } from "@apollo/client";
import { ApolloProvider, useApolloClient, useQuery } from "@apollo/client/react";
import { LogOutDocument, MeDocument } from "../auth/auth.documents";
import { SignInPage } from "../auth/sign-in-page";
import { SignUpPage } from "../auth/sign-up-page";
import { sessionStore } from "../auth/session-store";
import { useSessionState } from "../auth/use-session";
import { ViewerProvider } from "../auth/viewer";
import { ErrorMessage, Loading } from "../ui/ui";
import { forgetClaimFilters } from "../claims/work-list-page";
import { Layout } from "./layout";
import { RouterProvider, useRouter } from "./router";
import { Routes } from "./routes";

export function App({ client }: { client: ApolloClient }) {
  return (
    <ApolloProvider client={client}>
      <RouterProvider>
        <Root />
      </RouterProvider>
    </ApolloProvider>
  );
}

const EXPIRY_CHECK_MS = 15_000;

/** Public pages without a session; the console with one. Everything cached is dropped whenever the session changes. */
function Root() {
  const { session, endedBecause } = useSessionState();
  const client = useApolloClient();
  const { path, navigate } = useRouter();

  useEffect(() => {
    const check = () => sessionStore.expireIfDue();
    const timer = window.setInterval(check, EXPIRY_CHECK_MS);
    document.addEventListener("visibilitychange", check);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", check);
    };
  }, []);

  useEffect(() => {
    if (!session) {
      void client.clearStore();
      forgetClaimFilters();
    }
  }, [session, client]);

  const startSession = useCallback(
    async (token: string) => {
      await client.clearStore();
      sessionStore.start(token);
      if (path === "/signin" || path === "/signup") navigate("/", { replace: true });
    },
    [client, navigate, path],
  );

  if (!session) {
    if (path === "/signup") return <SignUpPage onSignedIn={startSession} />;
    return <SignInPage endedBecause={endedBecause} onSignedIn={startSession} />;
  }
  return <SignedIn key={session.token} />;
}

function SignedIn() {
  const client = useApolloClient();
  const { path, navigate } = useRouter();
  const { data, loading, error, refetch } = useQuery(MeDocument);

  useEffect(() => {
    if (path === "/signin" || path === "/signup") navigate("/", { replace: true });
  }, [path, navigate]);

  const signOut = useCallback(async () => {
    try {
      await client.mutate({ mutation: LogOutDocument });
    } catch {
      // Signing out locally is what matters; the token also expires on its own.
    }
    sessionStore.end(null);
    navigate("/signin", { replace: true });
  }, [client, navigate]);

  const switched = useCallback(
    async (token: string) => {
      // Nothing of the old practice may linger in the cache once the new token is in use.
      await client.clearStore();
      sessionStore.start(token);
      navigate("/");
    },
    [client, navigate],
  );

  if (loading && !data) return <FullPage><Loading what="Opening your practice" /></FullPage>;
  if (error || !data) {
    return (
      <FullPage>
        <ErrorMessage error={error} onRetry={() => void refetch()} />
        <button className="button" type="button" onClick={() => sessionStore.end(null)}>
          Back to sign in
        </button>
      </FullPage>
    );
  }
  return (
    <ViewerProvider viewer={data.me} signOut={signOut}>
      <Layout onSwitched={switched}>
        <Routes />
      </Layout>
    </ViewerProvider>
  );
}

function FullPage({ children }: { children: ReactNode }) {
  return <main className="auth-page"><div className="auth-card">{children}</div></main>;
}
