import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import { Dialog, Field, FormFooter, useFieldErrors } from "../ui/ui";
import { CreatePracticeDocument } from "./auth.documents";
import { defaultTimezone, timezoneChoices } from "./timezones";

/** Founds another practice owned by the signed-in user and moves there, like choosing it in the switcher. */
export function NewPracticeButton({ onCreated }: { onCreated: (token: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--small button--ghost" onClick={() => setOpen(true)}>
        New practice
      </button>
      <Dialog open={open} title="New practice" onClose={() => setOpen(false)}>
        <NewPracticeForm onCreated={onCreated} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function NewPracticeForm({ onCreated, onCancel }: { onCreated: (token: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState({ practiceName: "", npi: "", timezone: defaultTimezone() });
  const [create, { loading, error }] = useMutation(CreatePracticeDocument);
  const [, , field] = useFieldErrors(error);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const { data } = await create({ variables: { input: { ...form, npi: form.npi.trim() } } });
      if (data) onCreated(data.createPractice.token);
    } catch {
      // shown from `error`
    }
  }

  return (
    <form onSubmit={submit}>
      <p className="muted">You become its owner; your other practices stay as they are.</p>
      <Field label="Practice name" {...field("practiceName")}>
        {(p) => <input {...p} required autoComplete="organization" value={form.practiceName} onChange={set("practiceName")} />}
      </Field>
      <Field label="Practice NPI (type 2)" {...field("npi")} hint="10 digits, starting with 1 or 2">
        {(p) => <input {...p} required inputMode="numeric" value={form.npi} onChange={set("npi")} />}
      </Field>
      <Field label="Time zone" {...field("timezone")} hint="Service dates are counted in this zone">
        {(p) => (
          <select {...p} value={form.timezone} onChange={set("timezone")}>
            {timezoneChoices().map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormFooter error={error} busy={loading} submitLabel="Create practice" busyLabel="Creating…" onCancel={onCancel} />
    </form>
  );
}
