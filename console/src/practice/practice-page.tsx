import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { PracticeSettingsQuery, UpdatePracticeInput, UsageIndicator } from "../__generated__/graphql";
import { fieldErrorsOf } from "../lib/errors";
import { POS_LABELS } from "../lib/labels";
import { ErrorMessage, Field, Loading, PageHeader, SavedStatus, Section, useFieldErrors } from "../ui/ui";
import { PracticeSettingsDocument, UpdatePracticeDocument } from "./practice.documents";

type Practice = PracticeSettingsQuery["practice"];
type Key = Exclude<keyof UpdatePracticeInput, "defaultPlaceOfService" | "x12UsageIndicator">;

const FIELDS: { key: Key; label: string; hint?: string }[] = [
  { key: "name", label: "Practice name", hint: "As billed (837P billing provider)" },
  { key: "taxId", label: "Tax ID (EIN)", hint: "9 digits" },
  { key: "taxonomyCode", label: "Taxonomy code", hint: "e.g. 261QM0801X" },
  { key: "phone", label: "Billing phone", hint: "10 digits" },
  { key: "addressLine1", label: "Street address", hint: "A street address, not a PO box" },
  { key: "addressCity", label: "City" },
  { key: "addressState", label: "State", hint: "Two letters" },
  { key: "addressZip", label: "ZIP+4", hint: "9 digits, e.g. 02110-1234" },
  { key: "clearinghouseName", label: "Clearinghouse name", hint: "Receiver (1000B)" },
  { key: "clearinghouseId", label: "Clearinghouse receiver ID", hint: "ISA08, from the clearinghouse" },
  { key: "submitterId", label: "Submitter ID", hint: "ISA06, issued by the clearinghouse" },
  { key: "submitterName", label: "Submitter name", hint: "1000A" },
  { key: "submitterContactName", label: "Billing contact name", hint: "Whom the clearinghouse calls" },
];

/** ISA15 as billers say it. */
export const USAGE_LABELS: Record<UsageIndicator, string> = { T: "Test (T)", P: "Production (P)" };

export function PracticePage() {
  const { data, loading, error, refetch } = useQuery(PracticeSettingsDocument);
  if (loading && !data) return <Loading what="Loading practice" />;
  if (error || !data) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  return (
    <>
      <PageHeader
        title="Practice"
        subtitle={`NPI ${data.practice.npi} · ${data.practice.timezone.replace(/_/g, " ")} · 837P files: ${data.practice.x12UsageIndicator ? USAGE_LABELS[data.practice.x12UsageIndicator] : "usage not set"}`}
      />
      <Section title="Billing details">
        <PracticeForm practice={data.practice} />
      </Section>
    </>
  );
}

function PracticeForm({ practice }: { practice: Practice }) {
  const [form, setForm] = useState(() => {
    const values: Record<string, string> = { defaultPlaceOfService: practice.defaultPlaceOfService, x12UsageIndicator: practice.x12UsageIndicator ?? "" };
    for (const f of FIELDS) values[f.key] = (practice[f.key] as string | null) ?? "";
    return values;
  });
  const [saved, setSaved] = useState(false);
  const [update, { loading, error }] = useMutation(UpdatePracticeDocument, { refetchQueries: ["Me"] });
  const [, , field] = useFieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const input: UpdatePracticeInput = { defaultPlaceOfService: form.defaultPlaceOfService, x12UsageIndicator: form.x12UsageIndicator || null };
    for (const f of FIELDS) input[f.key] = f.key === "name" ? form[f.key] : form[f.key].trim() || null;
    try {
      await update({ variables: { input } });
      setSaved(true);
    } catch {
      // shown from `error`
    }
  }

  return (
    <form onSubmit={submit}>
      <p className="muted">
        A claim batch can be made only when all of these are filled in: the billing provider (tax ID, taxonomy, street address with ZIP+4, phone) and the
        clearinghouse settings (submitter and receiver IDs, contact, usage).
      </p>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <Field key={f.key} label={f.label} hint={f.hint} {...field(f.key)}>
            {(p) => <input {...p} value={form[f.key]} onChange={(e) => setForm({ ...form, [f.key]: e.target.value })} />}
          </Field>
        ))}
        <Field label="837P usage (ISA15)" {...field("x12UsageIndicator")} hint="Test until the clearinghouse approves production files">
          {(p) => (
            <select {...p} value={form.x12UsageIndicator} onChange={(e) => setForm({ ...form, x12UsageIndicator: e.target.value })}>
              <option value="">Not set</option>
              {Object.entries(USAGE_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Default place of service" {...field("defaultPlaceOfService")}>
          {(p) => (
            <select {...p} value={form.defaultPlaceOfService} onChange={(e) => setForm({ ...form, defaultPlaceOfService: e.target.value })}>
              {["11", "53", "57"].map((pos) => (
                <option key={pos} value={pos}>
                  {POS_LABELS[pos]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
      {saved && <SavedStatus>Saved.</SavedStatus>}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
