import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { Link } from "../app/router";
import { errorCode, fieldErrorsOf, messageOf } from "../lib/errors";
import { ErrorMessage, Field, useFieldErrors } from "../ui/ui";
import { SignUpDocument } from "./auth.documents";
import { defaultTimezone, timezoneChoices } from "./timezones";

export function SignUpPage({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const zones = timezoneChoices();
  const [form, setForm] = useState({ practiceName: "", npi: "", name: "", email: "", password: "", timezone: defaultTimezone() });
  const [signUp, { loading, error }] = useMutation(SignUpDocument);
  const [, , field] = useFieldErrors(error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const { data } = await signUp({ variables: { input: { ...form, npi: form.npi.trim() } } });
      if (data) onSignedIn(data.signUp.token);
    } catch {
      // shown from `error`
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card auth-card--wide" onSubmit={submit} aria-labelledby="sign-up-title">
        <p className="brand">GroupBill</p>
        <h1 id="sign-up-title">Create your practice</h1>
        <p className="muted">You become its owner. You can add colleagues once you are in.</p>
        <div className="form-grid">
          <Field label="Practice name" {...field("practiceName")}>
            {(p) => <input {...p} required autoComplete="organization" value={form.practiceName} onChange={set("practiceName")} />}
          </Field>
          <Field label="Practice NPI (type 2)" {...field("npi")} hint="10 digits, starting with 1 or 2">
            {(p) => <input {...p} required inputMode="numeric" value={form.npi} onChange={set("npi")} />}
          </Field>
          <Field label="Your name" {...field("name")}>
            {(p) => <input {...p} required autoComplete="name" value={form.name} onChange={set("name")} />}
          </Field>
          <Field label="E-mail" {...field("email")}>
            {(p) => <input {...p} type="email" required autoComplete="username" value={form.email} onChange={set("email")} />}
          </Field>
          <Field label="Password" {...field("password")} hint="At least 12 characters">
            {(p) => <input {...p} type="password" required autoComplete="new-password" value={form.password} onChange={set("password")} />}
          </Field>
          <Field label="Time zone" {...field("timezone")} hint="Service dates are counted in this zone">
            {(p) => (
              <select {...p} value={form.timezone} onChange={set("timezone")}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {errorCode(error) === "CONFLICT" ? (
          <div className="alert alert--warning" role="alert">
            {messageOf(error)} <Link to="/signin">Sign in</Link>
          </div>
        ) : (
          error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />
        )}
        <button className="button button--primary button--block" type="submit" disabled={loading}>
          {loading ? "Creating…" : "Create practice"}
        </button>
        <p className="auth-card__footer">
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </form>
    </main>
  );
}
