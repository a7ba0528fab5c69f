import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { CliniciansQuery } from "../__generated__/graphql";
import { useFocusFromHash, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { CLAIM_DECISION_QUERIES } from "../lib/claim-refresh";
import { formatDate } from "../lib/dates";
import { DataTable, ListHeader, QueryState } from "../ui/list-page";
import { ErrorMessage, Field, FormFooter, SavedStatus, Section, Switch, useFieldErrors } from "../ui/ui";
import { MembersDocument } from "../members/members.documents";
import { CliniciansDocument, CreateClinicianDocument, LinkClinicianUserDocument, UpdateClinicianDocument } from "./clinicians.documents";

type ClinicianRow = CliniciansQuery["clinicians"][number];

export function CliniciansPage() {
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(CliniciansDocument);
  const canLink = can("ManageMembers");
  const { hash } = useRouter();
  const [editing, setEditing] = useState<string | null>(null);
  const [savedName, setSavedName] = useState<string | null>(null);
  // A reason's link ("#clinician-<id>") opens that clinician's form, where the license is the first field.
  useEffect(() => {
    const linked = /^#clinician-(.+)$/.exec(hash)?.[1];
    if (linked && can("ManageClinicians")) setEditing(linked);
  }, [hash, can]);
  useFocusFromHash(Boolean(data));
  const editedClinician = data?.clinicians.find((c) => c.id === editing) ?? null;

  return (
    <>
      <ListHeader
        title="Clinicians"
        subtitle="Group leaders: the rendering providers on claims."
        createLabel="New clinician"
        canCreate={can("ManageClinicians")}
        createForm={(done) => <CreateClinicianForm onDone={done} />}
        onCreated={(name?: string) => name && setSavedName(name)}
      />
      {editedClinician && (
        <EditClinicianForm
          key={editedClinician.id}
          clinician={editedClinician}
          onSaved={() => {
            setSavedName(editedClinician.name);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {savedName && <SavedStatus key={savedName}>Saved {savedName}. Claim lines are decided again with the new details.</SavedStatus>}
      <Section title="All clinicians">
        <QueryState
          loading={loading && !data}
          error={error}
          empty={!data || data.clinicians.length === 0}
          what="clinicians"
          emptyTitle="No clinicians yet."
          onRetry={() => void refetch()}
        >
          {() => (
            <DataTable
              label="Clinicians"
              columns={[
                "Name",
                "Credential",
                "NPI",
                { label: "Legal name on claims", hint: "As claims name the rendering provider" },
                "Taxonomy",
                "License",
                { label: "Signs in as", hint: "Once a session's leader or supervisor is linked, only the linked users sign its notes" },
                can("ManageClinicians") && { label: "Actions", hidden: true },
              ]}
            >
              {data!.clinicians.map((c) => (
                // Someone who may not edit still lands on the clinician a reason points at.
                <tr key={c.id} id={can("ManageClinicians") ? `clinician-row-${c.id}` : `clinician-${c.id}`}>
                  <td>{c.name}</td>
                  <td>{c.credential}</td>
                  <td>
                    <code>{c.npi}</code>
                  </td>
                  <td>{[c.lastName, c.firstName].filter(Boolean).join(", ")}</td>
                  <td>{c.taxonomyCode ? <code>{c.taxonomyCode}</code> : <span className="muted">Not recorded</span>}</td>
                  <td>{c.licensed ? (c.licenseExpiresOn ? `Licensed until ${formatDate(c.licenseExpiresOn)}` : "Licensed") : <span className="muted">Not licensed</span>}</td>
                  <td>{canLink ? <LinkUserSelect clinician={c} /> : c.userId ? "Linked" : <span className="muted">Not linked</span>}</td>
                  {can("ManageClinicians") && (
                    <td>
                      <button
                        type="button"
                        className="button button--small"
                        aria-label={`Edit ${c.name}`}
                        onClick={() => {
                          setSavedName(null);
                          setEditing(c.id);
                        }}
                      >
                        Edit
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}

/** Which practice member signs in as this clinician (and so signs their sessions' notes). */
function LinkUserSelect({ clinician }: { clinician: { id: string; name: string; userId?: string | null } }) {
  const { data } = useQuery(MembersDocument);
  const [link, { loading, error }] = useMutation(LinkClinicianUserDocument, { refetchQueries: ["Clinicians"] });
  const value = clinician.userId ?? "";
  return (
    <>
      <select
        aria-label={`User who signs in as ${clinician.name}`}
        value={value}
        disabled={loading}
        onChange={(e) => {
          void link({ variables: { clinicianId: clinician.id, userId: e.target.value || null } }).catch(() => undefined);
        }}
      >
        <option value="">Not linked</option>
        {(data?.members ?? []).map((m) => (
          <option key={m.user.id} value={m.user.id}>
            {m.user.name} ({m.user.email})
          </option>
        ))}
        {value && !data?.members.some((m) => m.user.id === value) && <option value={value}>A member</option>}
      </select>
      <ErrorMessage error={error} />
    </>
  );
}

/** `onDone(name)` after creating, `onDone()` on cancel. */
function CreateClinicianForm({ onDone }: { onDone: (createdName?: string) => void }) {
  const [form, setForm] = useState({ name: "", firstName: "", lastName: "", taxonomyCode: "", npi: "", credential: "", licensed: true, licenseExpiresOn: "" });
  const [create, { loading, error }] = useMutation(CreateClinicianDocument, { refetchQueries: ["Clinicians"] });
  const [fields, touch] = useFieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await create({
        variables: {
          input: {
            ...form,
            npi: form.npi.trim(),
            // Empty legal names are taken from the full name by the server.
            firstName: form.firstName.trim() || null,
            lastName: form.lastName.trim() || null,
            taxonomyCode: form.taxonomyCode.trim() || null,
            licenseExpiresOn: form.licensed && form.licenseExpiresOn ? form.licenseExpiresOn : null,
          },
        },
      });
      onDone(form.name.trim());
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title="New clinician">
      <form onSubmit={submit}>
        <div className="form-grid">
          <Field label="Full name" error={fields.name}>
            {(p) => <input {...p} required value={form.name} onChange={(e) => {
              touch("name");
              setForm({ ...form, name: e.target.value });
            }} />}
          </Field>
          <Field label="Individual NPI" error={fields.npi} hint="10 digits">
            {(p) => <input {...p} required inputMode="numeric" value={form.npi} onChange={(e) => {
              touch("npi");
              setForm({ ...form, npi: e.target.value });
            }} />}
          </Field>
          <Field label="Legal first name" error={fields.firstName} hint="For claims; empty: from the full name">
            {(p) => <input {...p} value={form.firstName} onChange={(e) => {
              touch("firstName");
              setForm({ ...form, firstName: e.target.value });
            }} />}
          </Field>
          <Field label="Legal last name" error={fields.lastName} hint="For claims; empty: from the full name">
            {(p) => <input {...p} value={form.lastName} onChange={(e) => {
              touch("lastName");
              setForm({ ...form, lastName: e.target.value });
            }} />}
          </Field>
          <Field label="Taxonomy code" error={fields.taxonomyCode} hint="10 characters, e.g. 1041C0700X">
            {(p) => <input {...p} maxLength={10} value={form.taxonomyCode} onChange={(e) => {
              touch("taxonomyCode");
              setForm({ ...form, taxonomyCode: e.target.value.toUpperCase() });
            }} />}
          </Field>
          <Field label="Credential" error={fields.credential} hint="e.g. LCSW, PhD, LPC">
            {(p) => <input {...p} required value={form.credential} onChange={(e) => {
              touch("credential");
              setForm({ ...form, credential: e.target.value });
            }} />}
          </Field>
          <Field label="License expires" error={fields.licenseExpiresOn} hint="Empty: does not expire">
            {(p) => <input {...p} type="date" disabled={!form.licensed} value={form.licenseExpiresOn} onChange={(e) => {
              touch("licenseExpiresOn");
              setForm({ ...form, licenseExpiresOn: e.target.value });
            }} />}
          </Field>
        </div>
        <Switch label="Licensed to provide psychotherapy" checked={form.licensed} onChange={(v) => {
              touch("licensed");
              setForm({ ...form, licensed: v });
            }} />
        {fields.licensed && <p className="field__error">{fields.licensed}</p>}
        <FormFooter error={error} busy={loading} submitLabel="Create clinician" busyLabel="Creating…" onCancel={() => onDone()} />
      </form>
    </Section>
  );
}

/** License first: a blocked line's "leader not licensed" link lands on it. */
function EditClinicianForm({ clinician, onSaved, onCancel }: { clinician: ClinicianRow; onSaved: () => void; onCancel: () => void }) {
  const [form, setForm] = useState({
    licensed: clinician.licensed,
    licenseExpiresOn: clinician.licenseExpiresOn ?? "",
    credential: clinician.credential,
    name: clinician.name,
    firstName: clinician.firstName ?? "",
    lastName: clinician.lastName,
    taxonomyCode: clinician.taxonomyCode ?? "",
  });
  const [update, { loading, error }] = useMutation(UpdateClinicianDocument, { refetchQueries: ["Clinicians", ...CLAIM_DECISION_QUERIES], awaitRefetchQueries: true });
  const [fields, touch] = useFieldErrors(error);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    touch(key);
    setForm({ ...form, [key]: value });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await update({
        variables: {
          id: clinician.id,
          input: {
            licensed: form.licensed,
            licenseExpiresOn: form.licensed && form.licenseExpiresOn ? form.licenseExpiresOn : null,
            credential: form.credential,
            name: form.name,
            firstName: form.firstName.trim() || null,
            lastName: form.lastName,
            taxonomyCode: form.taxonomyCode.trim() || null,
          },
        },
      });
      onSaved();
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title={`Edit ${clinician.name}`} id={`clinician-${clinician.id}`}>
      <form onSubmit={submit}>
        <Switch label="Licensed to provide psychotherapy" checked={form.licensed} onChange={(v) => set("licensed", v)} />
        {fields.licensed && <p className="field__error">{fields.licensed}</p>}
        <div className="form-grid">
          <Field label="License expires" error={fields.licenseExpiresOn} hint="Empty: does not expire">
            {(p) => <input {...p} type="date" disabled={!form.licensed} value={form.licenseExpiresOn} onChange={(e) => set("licenseExpiresOn", e.target.value)} />}
          </Field>
          <Field label="Credential" error={fields.credential} hint="e.g. LCSW, PhD, LPC">
            {(p) => <input {...p} required value={form.credential} onChange={(e) => set("credential", e.target.value)} />}
          </Field>
          <Field label="Full name" error={fields.name}>
            {(p) => <input {...p} required value={form.name} onChange={(e) => set("name", e.target.value)} />}
          </Field>
          <Field label="Legal first name" error={fields.firstName} hint="As on claims">
            {(p) => <input {...p} value={form.firstName} onChange={(e) => set("firstName", e.target.value)} />}
          </Field>
          <Field label="Legal last name" error={fields.lastName} hint="As on claims">
            {(p) => <input {...p} required value={form.lastName} onChange={(e) => set("lastName", e.target.value)} />}
          </Field>
          <Field label="Taxonomy code" error={fields.taxonomyCode} hint="10 characters, e.g. 1041C0700X">
            {(p) => <input {...p} maxLength={10} value={form.taxonomyCode} onChange={(e) => set("taxonomyCode", e.target.value.toUpperCase())} />}
          </Field>
        </div>
        <p className="muted small">NPI {clinician.npi} cannot change: it identifies the clinician on claims already sent.</p>
        <FormFooter error={error} busy={loading} submitLabel="Save clinician" busyLabel="Saving…" onCancel={onCancel} />
      </form>
    </Section>
  );
}
