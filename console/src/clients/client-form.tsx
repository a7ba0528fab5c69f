import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import type { ClientFieldsFragment, CoverageInput, CoveragePriority } from "../__generated__/graphql";
import { errorsUnder, fieldErrorsOf } from "../lib/errors";
import { ErrorMessage, Field } from "../ui/ui";
import { ClientPayersDocument } from "./clients.documents";

export interface ClientValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  diagnosisCodes: string[];
  coverages: CoverageInput[];
}

interface CoverageRow {
  key: number;
  payerId: string;
  memberId: string;
  priority: CoveragePriority;
  effectiveFrom: string;
  effectiveTo: string;
}

let rowKey = 0;

/** Diagnoses and coverages for create and edit; messages come back per field (`coverages[1].memberId`). */
export function ClientForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: ClientFieldsFragment;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (values: ClientValues) => void;
  onCancel?: () => void;
}) {
  const payers = useQuery(ClientPayersDocument);
  const [form, setForm] = useState({
    firstName: initial?.firstName ?? "",
    lastName: initial?.lastName ?? "",
    dateOfBirth: initial?.dateOfBirth ?? "",
    diagnosisCodes: initial?.diagnosisCodes.join(", ") ?? "",
  });
  const [coverages, setCoverages] = useState<CoverageRow[]>(
    () =>
      initial?.coverages.map((c) => ({
        key: ++rowKey,
        payerId: c.payer.id,
        memberId: c.memberId,
        priority: c.priority,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo ?? "",
      })) ?? [],
  );
  const fields = fieldErrorsOf(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      firstName: form.firstName,
      lastName: form.lastName,
      dateOfBirth: form.dateOfBirth,
      diagnosisCodes: form.diagnosisCodes
        .split(/[,\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
      coverages: coverages.map((c) => ({
        payerId: c.payerId,
        memberId: c.memberId,
        priority: c.priority,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo || null,
      })),
    });
  }

  const setRow = (key: number, patch: Partial<CoverageRow>) => setCoverages(coverages.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  return (
    <form onSubmit={submit}>
      <div className="form-grid">
        <Field label="First name" error={fields.firstName}>
          {(p) => <input {...p} required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />}
        </Field>
        <Field label="Last name" error={fields.lastName}>
          {(p) => <input {...p} required value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} />}
        </Field>
        <Field label="Date of birth" error={fields.dateOfBirth}>
          {(p) => <input {...p} type="date" required value={form.dateOfBirth} onChange={(e) => setForm({ ...form, dateOfBirth: e.target.value })} />}
        </Field>
        <Field label="Diagnosis codes (ICD-10)" error={errorsUnder(fields, "diagnosisCodes")} hint="Primary first, separated by commas, e.g. F33.1, F41.1">
          {(p) => <input {...p} value={form.diagnosisCodes} onChange={(e) => setForm({ ...form, diagnosisCodes: e.target.value })} />}
        </Field>
      </div>

      <fieldset className="coverages">
        <legend>Insurance coverage</legend>
        {coverages.length === 0 && <p className="muted">No coverage: this member's lines will be blocked until a primary coverage is added.</p>}
        {coverages.map((c, i) => (
          <div key={c.key} className="coverage-row">
            <Field label="Payer" error={fields[`coverages[${i}].payerId`]}>
              {(p) => (
                <select {...p} required value={c.payerId} onChange={(e) => setRow(c.key, { payerId: e.target.value })}>
                  <option value="">Choose…</option>
                  {(payers.data?.payers ?? []).map((payer) => (
                    <option key={payer.id} value={payer.id}>
                      {payer.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Member ID" error={fields[`coverages[${i}].memberId`]}>
              {(p) => <input {...p} required value={c.memberId} onChange={(e) => setRow(c.key, { memberId: e.target.value })} />}
            </Field>
            <Field label="Priority" error={fields[`coverages[${i}].priority`]}>
              {(p) => (
                <select {...p} value={c.priority} onChange={(e) => setRow(c.key, { priority: e.target.value as CoveragePriority })}>
                  <option value="PRIMARY">Primary</option>
                  <option value="SECONDARY">Secondary</option>
                </select>
              )}
            </Field>
            <Field label="From" error={fields[`coverages[${i}].effectiveFrom`]}>
              {(p) => <input {...p} type="date" required value={c.effectiveFrom} onChange={(e) => setRow(c.key, { effectiveFrom: e.target.value })} />}
            </Field>
            <Field label="To" error={fields[`coverages[${i}].effectiveTo`]} hint="Empty: open-ended">
              {(p) => <input {...p} type="date" value={c.effectiveTo} onChange={(e) => setRow(c.key, { effectiveTo: e.target.value })} />}
            </Field>
            <button type="button" className="button button--small button--danger coverage-row__remove" onClick={() => setCoverages(coverages.filter((x) => x.key !== c.key))}>
              Remove
            </button>
            {fields[`coverages[${i}]`] && <p className="field__error coverage-row__error">{fields[`coverages[${i}]`]}</p>}
          </div>
        ))}
        {errorsUnder(fields, "coverages") && !coverages.some((_, i) => Object.keys(fields).some((f) => f.startsWith(`coverages[${i}]`))) && (
          <p className="field__error">{errorsUnder(fields, "coverages")}</p>
        )}
        <button
          type="button"
          className="button button--small"
          onClick={() =>
            setCoverages([...coverages, { key: ++rowKey, payerId: payers.data?.payers[0]?.id ?? "", memberId: "", priority: coverages.length === 0 ? "PRIMARY" : "SECONDARY", effectiveFrom: "", effectiveTo: "" }])
          }
        >
          + Add coverage
        </button>
        {payers.data && payers.data.payers.length === 0 && <p className="muted">Add a payer first (Payers) to record coverage.</p>}
      </fieldset>

      {Boolean(error) && Object.keys(fields).length === 0 && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
