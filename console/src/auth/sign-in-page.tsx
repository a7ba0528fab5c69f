import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { Link } from "../app/router";
import { fieldErrorsOf } from "../lib/errors";
import { ErrorMessage, Field, Notice, useFieldErrors } from "../ui/ui";
import { LogInDocument } from "./auth.documents";

export function SignInPage({ endedBecause, onSignedIn }: { endedBecause: string | null; onSignedIn: (token: string) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [logIn, { loading, error }] = useMutation(LogInDocument);
  const [, , field] = useFieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const { data } = await logIn({ variables: { input: { email, password } } });
      if (data) {
        setPassword("");
        onSignedIn(data.logIn.token);
      }
    } catch {
      // shown from `error`
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p className="brand">GroupBill</p>
        <h1 id="sign-in-title">Sign in</h1>
        {endedBecause && <Notice kind="warning">{endedBecause}</Notice>}
        <Field label="E-mail" {...field("email")}>
          {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="Password" {...field("password")}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
        <button className="button button--primary button--block" type="submit" disabled={loading}>
          {loading ? "Signing in…" : "Sign in"}
        </button>
        <p className="auth-card__footer">
          New practice? <Link to="/signup">Create an account</Link>
        </p>
      </form>
    </main>
  );
}
