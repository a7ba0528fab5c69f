import { useState, type FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import type { AddressInput, ClientFieldsFragment, CoverageInput, CoveragePriority, Sex, SubscriberRelationship } from "../__generated__/graphql";
import { errorsUnder, fieldErrorsOf, type FieldErrors } from "../lib/errors";
import { RELATIONSHIP_LABELS, SEX_LABELS } from "../lib/labels";
import { ErrorMessage, Field, useFieldErrors, type FieldProps } from "../ui/ui";
import { ClientPayersDocument } from "./clients.documents";

export interface ClientValues {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | null;
  address: AddressInput | null;
  diagnosisCodes: string[];
  coverages: CoverageInput[];
}

interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
}

interface SubscriberDraft {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | "";
  address: AddressDraft;
}

interface CoverageRow {
  key: number;
  payerId: string;
  memberId: string;
  priority: CoveragePriority;
  effectiveFrom: string;
  effectiveTo: string;
  relationship: SubscriberRelationship;
  subscriber: SubscriberDraft;
}

const NO_ADDRESS: AddressDraft = { line1: "", line2: "", city: "", state: "", zip: "" };
const NO_SUBSCRIBER: SubscriberDraft = { firstName: "", lastName: "", dateOfBirth: "", sex: "", address: NO_ADDRESS };

function draftOf(address: { line1: string; line2?: string | null; city: string; state: string; zip: string } | null | undefined): AddressDraft {
  return address ? { line1: address.line1, line2: address.line2 ?? "", city: address.city, state: address.state, zip: address.zip } : NO_ADDRESS;
}

/** An address left wholly empty is "not recorded" (null); a partly filled one goes to the server to be judged. */
function addressInput(draft: AddressDraft): AddressInput | null {
  if (Object.values(draft).every((v) => v.trim() === "")) return null;
  return { line1: draft.line1, line2: draft.line2 || null, city: draft.city, state: draft.state, zip: draft.zip };
}

/** Street, city, state and ZIP; errors come back per part (`address.zip`, `coverages[0].subscriber.address.state`). */
function AddressFields({
  value,
  onChange,
  fields,
  field,
  at,
  legend,
  id,
}: {
  value: AddressDraft;
  onChange: (next: AddressDraft) => void;
  fields: FieldErrors;
  field: FieldProps;
  at: string;
  legend: string;
  /** For a reason's link to reach the address ("#client-address"). */
  id?: string;
}) {
  const set = (patch: Partial<AddressDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="address" id={id}>
      <legend>{legend}</legend>
      <div className="form-grid">
        <Field label="Street" {...field(`${at}.line1`)}>
          {(p) => <input {...p} autoComplete="address-line1" value={value.line1} onChange={(e) => set({ line1: e.target.value })} />}
        </Field>
        <Field label="Apt / suite" {...field(`${at}.line2`)}>
          {(p) => <input {...p} autoComplete="address-line2" value={value.line2} onChange={(e) => set({ line2: e.target.value })} />}
        </Field>
        <Field label="City" {...field(`${at}.city`)}>
          {(p) => <input {...p} value={value.city} onChange={(e) => set({ city: e.target.value })} />}
        </Field>
        <Field label="State" {...field(`${at}.state`)} hint="Two letters, e.g. MA">
          {(p) => <input {...p} maxLength={2} value={value.state} onChange={(e) => set({ state: e.target.value.toUpperCase() })} />}
        </Field>
        <Field label="ZIP" {...field(`${at}.zip`)} hint="5 digits or ZIP+4">
          {(p) => <input {...p} inputMode="numeric" value={value.zip} onChange={(e) => set({ zip: e.target.value })} />}
        </Field>
      </div>
      {fields[at] && <p className="field__error">{fields[at]}</p>}
    </fieldset>
  );
}

function SexSelect({ value, onChange, props, allowEmpty }: { value: Sex | ""; onChange: (sex: Sex | "") => void; props: object; allowEmpty: boolean }) {
  return (
    <select {...props} value={value} onChange={(e) => onChange(e.target.value as Sex | "")}>
      <option value="" disabled={!allowEmpty}>
        {allowEmpty ? "Not recorded" : "Choose…"}
      </option>
      {(Object.keys(SEX_LABELS) as Sex[]).map((sex) => (
        <option key={sex} value={sex}>
          {SEX_LABELS[sex]}
        </option>
      ))}
    </select>
  );
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
    sex: (initial?.sex ?? "") as Sex | "",
  });
  const [address, setAddress] = useState<AddressDraft>(() => draftOf(initial?.address));
  const [coverages, setCoverages] = useState<CoverageRow[]>(
    () =>
      initial?.coverages.map((c) => ({
        key: ++rowKey,
        payerId: c.payer.id,
        memberId: c.memberId,
        priority: c.priority,
        effectiveFrom: c.effectiveFrom,
        effectiveTo: c.effectiveTo ?? "",
        relationship: c.relationship,
        subscriber: c.subscriber
          ? { firstName: c.subscriber.firstName, lastName: c.subscriber.lastName, dateOfBirth: c.subscriber.dateOfBirth, sex: c.subscriber.sex, address: draftOf(c.subscriber.address) }
          : NO_SUBSCRIBER,
      })) ?? [],
  );
  const [fields, , field] = useFieldErrors(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({
      firstName: form.firstName,
      lastName: form.lastName,
      dateOfBirth: form.dateOfBirth,
      sex: form.sex || null,
      address: addressInput(address),
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
        relationship: c.relationship,
        // The insured person is sent only when the client is not the insured; the server asks for what is missing.
        subscriber:
          c.relationship === "SELF"
            ? null
            : {
                firstName: c.subscriber.firstName,
                lastName: c.subscriber.lastName,
                dateOfBirth: c.subscriber.dateOfBirth,
                sex: (c.subscriber.sex || "UNKNOWN") as Sex,
                address: addressInput(c.subscriber.address) ?? { line1: "", city: "", state: "", zip: "" },
              },
      })),
    });
  }

  const setRow = (key: number, patch: Partial<CoverageRow>) => setCoverages(coverages.map((c) => (c.key === key ? { ...c, ...patch } : c)));

  return (
    <form onSubmit={submit}>
      <div className="form-grid">
        <Field label="First name" {...field("firstName")}>
          {(p) => <input {...p} required value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />}
        </Field>
        <Field label="Last name" {...field("lastName")}>
          {(p) => <input {...p} required value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} />}
        </Field>
        <Field label="Date of birth" {...field("dateOfBirth")}>
          {(p) => <input {...p} type="date" required value={form.dateOfBirth} onChange={(e) => setForm({ ...form, dateOfBirth: e.target.value })} />}
        </Field>
        <Field id="client-sex" label="Sex" {...field("sex")} hint="Claims need female or male">
          {(p) => <SexSelect props={p} allowEmpty value={form.sex} onChange={(sex) => setForm({ ...form, sex })} />}
        </Field>
        <Field id="diagnosis" label="Diagnosis codes (ICD-10)" {...field("diagnosisCodes")} hint="Primary first, separated by commas, e.g. F33.1, F41.1">
          {(p) => <input {...p} value={form.diagnosisCodes} onChange={(e) => setForm({ ...form, diagnosisCodes: e.target.value })} />}
        </Field>
      </div>
      <AddressFields id="client-address" legend="Home address (claims need it)" value={address} onChange={setAddress} fields={fields} field={field} at="address" />

      <fieldset className="coverages" id="coverage">
        <legend>Insurance coverage</legend>
        {coverages.length === 0 && <p className="muted">No coverage: this member's lines will be blocked until a primary coverage is added.</p>}
        {coverages.map((c, i) => (
          <div key={c.key} className="coverage-row">
            <Field label="Payer" {...field(`coverages[${i}].payerId`)}>
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
            <Field label="Member ID" {...field(`coverages[${i}].memberId`)}>
              {(p) => <input {...p} required value={c.memberId} onChange={(e) => setRow(c.key, { memberId: e.target.value })} />}
            </Field>
            <Field label="Priority" {...field(`coverages[${i}].priority`)}>
              {(p) => (
                <select {...p} value={c.priority} onChange={(e) => setRow(c.key, { priority: e.target.value as CoveragePriority })}>
                  <option value="PRIMARY">Primary</option>
                  <option value="SECONDARY">Secondary</option>
                </select>
              )}
            </Field>
            <Field label="From" {...field(`coverages[${i}].effectiveFrom`)}>
              {(p) => <input {...p} type="date" required value={c.effectiveFrom} onChange={(e) => setRow(c.key, { effectiveFrom: e.target.value })} />}
            </Field>
            <Field label="To" {...field(`coverages[${i}].effectiveTo`)} hint="Empty: open-ended">
              {(p) => <input {...p} type="date" value={c.effectiveTo} onChange={(e) => setRow(c.key, { effectiveTo: e.target.value })} />}
            </Field>
            <Field label="Client is the insured's" {...field(`coverages[${i}].relationship`)}>
              {(p) => (
                <select {...p} value={c.relationship} onChange={(e) => setRow(c.key, { relationship: e.target.value as SubscriberRelationship })}>
                  {(Object.keys(RELATIONSHIP_LABELS) as SubscriberRelationship[]).map((r) => (
                    <option key={r} value={r}>
                      {RELATIONSHIP_LABELS[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {c.relationship !== "SELF" && (
              // A line's MISSING_REGISTRATION links here by its payer: the first dependent coverage of that payer.
              <fieldset className="subscriber" id={coverages.findIndex((x) => x.payerId === c.payerId && x.relationship !== "SELF") === i ? `subscriber-${c.payerId}` : undefined}>
                <legend>The insured person (subscriber)</legend>
                <div className="form-grid">
                  <Field label="First name" {...field(`coverages[${i}].subscriber.firstName`)}>
                    {(p) => <input {...p} required value={c.subscriber.firstName} onChange={(e) => setRow(c.key, { subscriber: { ...c.subscriber, firstName: e.target.value } })} />}
                  </Field>
                  <Field label="Last name" {...field(`coverages[${i}].subscriber.lastName`)}>
                    {(p) => <input {...p} required value={c.subscriber.lastName} onChange={(e) => setRow(c.key, { subscriber: { ...c.subscriber, lastName: e.target.value } })} />}
                  </Field>
                  <Field label="Date of birth" {...field(`coverages[${i}].subscriber.dateOfBirth`)}>
                    {(p) => <input {...p} type="date" required value={c.subscriber.dateOfBirth} onChange={(e) => setRow(c.key, { subscriber: { ...c.subscriber, dateOfBirth: e.target.value } })} />}
                  </Field>
                  <Field label="Sex" {...field(`coverages[${i}].subscriber.sex`)}>
                    {(p) => <SexSelect props={p} allowEmpty={false} value={c.subscriber.sex} onChange={(sex) => setRow(c.key, { subscriber: { ...c.subscriber, sex } })} />}
                  </Field>
                </div>
                <AddressFields
                  legend="The insured person's address"
                  value={c.subscriber.address}
                  onChange={(next) => setRow(c.key, { subscriber: { ...c.subscriber, address: next } })}
                  fields={fields}
                  field={field}
                  at={`coverages[${i}].subscriber.address`}
                />
                {fields[`coverages[${i}].subscriber`] && <p className="field__error">{fields[`coverages[${i}].subscriber`]}</p>}
              </fieldset>
            )}
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
            setCoverages([...coverages, {
                key: ++rowKey,
                payerId: payers.data?.payers[0]?.id ?? "",
                memberId: "",
                priority: coverages.length === 0 ? "PRIMARY" : "SECONDARY",
                effectiveFrom: "",
                effectiveTo: "",
                relationship: "SELF",
                subscriber: NO_SUBSCRIBER,
              }])
          }
        >
          + Add coverage
        </button>
        {payers.data && payers.data.payers.length === 0 && <p className="muted">Add a payer first (Payers) to record coverage.</p>}
      </fieldset>

      {Boolean(error) && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
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
