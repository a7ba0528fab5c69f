import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { ROLE_LABELS } from "../lib/labels";
import { Dialog, ErrorMessage, Field } from "../ui/ui";
import { SwitchPracticeDocument } from "./auth.documents";
import { useViewer } from "./viewer";

/**
 * Switching practice is a new sign-in (the token names one practice), so it asks for the password
 * again instead of keeping it anywhere.
 */
export function PracticeSwitcher({ onSwitched }: { onSwitched: (token: string) => void }) {
  const { viewer } = useViewer();
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const others = viewer.memberships.filter((m) => m.practice.id !== viewer.practice.id);
  if (others.length === 0) return <span className="practice-name">{viewer.practice.name}</span>;

  return (
    <>
      <label className="visually-hidden" htmlFor="practice-switcher">
        Practice
      </label>
      <select
        id="practice-switcher"
        className="practice-switcher"
        value={viewer.practice.id}
        onChange={(e) => {
          const m = viewer.memberships.find((x) => x.practice.id === e.target.value);
          if (m && m.practice.id !== viewer.practice.id) setTarget(m.practice);
        }}
      >
        {viewer.memberships.map((m) => (
          <option key={m.practice.id} value={m.practice.id}>
            {m.practice.name} ({ROLE_LABELS[m.role]})
          </option>
        ))}
      </select>
      <ReauthDialog email={viewer.user.email} target={target} onClose={() => setTarget(null)} onSwitched={onSwitched} />
    </>
  );
}

export function ReauthDialog({
  email,
  target,
  onClose,
  onSwitched,
}: {
  email: string;
  target: { id: string; name: string } | null;
  onClose: () => void;
  onSwitched: (token: string) => void;
}) {
  const [password, setPassword] = useState("");
  const [switchPractice, { loading, error, reset }] = useMutation(SwitchPracticeDocument);

  function close() {
    setPassword("");
    reset();
    onClose();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    try {
      const { data } = await switchPractice({ variables: { input: { email, password, practiceId: target.id } } });
      setPassword("");
      if (data) onSwitched(data.logIn.token);
    } catch {
      // shown from `error`
    }
  }

  return (
    <Dialog open={target !== null} title={`Switch to ${target?.name ?? ""}`} onClose={close}>
      <form onSubmit={submit}>
        <p className="muted">Enter your password to open this practice. It is not stored.</p>
        <Field label="E-mail">{(p) => <input {...p} type="email" value={email} readOnly autoComplete="username" />}</Field>
        <Field label="Password">
          {(p) => <input {...p} type="password" autoComplete="current-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <ErrorMessage error={error} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? "Switching…" : "Switch practice"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
