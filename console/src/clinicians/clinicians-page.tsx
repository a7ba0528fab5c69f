import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useViewer } from "../auth/viewer";
import { formatDate } from "../lib/dates";
import { fieldErrorsOf } from "../lib/errors";
import { ListHeader, QueryState } from "../ui/list-page";
import { ErrorMessage, Field, Section, Switch } from "../ui/ui";
import { MembersDocument } from "../members/members.documents";
import { CliniciansDocument, CreateClinicianDocument, LinkClinicianUserDocument } from "./clinicians.documents";

export function CliniciansPage() {
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(CliniciansDocument);
  const [creating, setCreating] = useState(false);
  const canLink = can("ManageMembers");

  return (
    <>
      <ListHeader
        title="Clinicians"
        subtitle="Group leaders: the rendering providers on claims."
        createLabel="New clinician"
        canCreate={can("ManageClinicians")}
        creating={creating}
        onCreate={() => setCreating(true)}
      />
      {creating && <CreateClinicianForm onDone={() => setCreating(false)} />}
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
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Credential</th>
                    <th scope="col">NPI</th>
                    <th scope="col" title="As claims name the rendering provider">Legal name on claims</th>
                    <th scope="col">Taxonomy</th>
                    <th scope="col">License</th>
                    <th scope="col" title="Once a session's leader or supervisor is linked, only the linked users sign its notes">
                      Signs in as
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data!.clinicians.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td>
                      <td>{c.credential}</td>
                      <td>
                        <code>{c.npi}</code>
                      </td>
                      <td>{[c.lastName, c.firstName].filter(Boolean).join(", ")}</td>
                      <td>{c.taxonomyCode ? <code>{c.taxonomyCode}</code> : <span className="muted">Not recorded</span>}</td>
                      <td>{c.licensed ? (c.licenseExpiresOn ? `Licensed until ${formatDate(c.licenseExpiresOn)}` : "Licensed") : <span className="muted">Not licensed</span>}</td>
                      <td>{canLink ? <LinkUserSelect clinician={c} /> : c.userId ? "Linked" : <span className="muted">Not linked</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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

function CreateClinicianForm({ onDone }: { onDone: () => void }) {
  const [form, setForm] = useState({ name: "", firstName: "", lastName: "", taxonomyCode: "", npi: "", credential: "", licensed: true, licenseExpiresOn: "" });
  const [create, { loading, error }] = useMutation(CreateClinicianDocument, { refetchQueries: ["Clinicians"] });
  const fields = fieldErrorsOf(error);

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
      onDone();
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title="New clinician">
      <form onSubmit={submit}>
        <div className="form-grid">
          <Field label="Full name" error={fields.name}>
            {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Individual NPI" error={fields.npi} hint="10 digits">
            {(p) => <input {...p} required inputMode="numeric" value={form.npi} onChange={(e) => setForm({ ...form, npi: e.target.value })} />}
          </Field>
          <Field label="Legal first name" error={fields.firstName} hint="For claims; empty: from the full name">
            {(p) => <input {...p} value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />}
          </Field>
          <Field label="Legal last name" error={fields.lastName} hint="For claims; empty: from the full name">
            {(p) => <input {...p} value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} />}
          </Field>
          <Field label="Taxonomy code" error={fields.taxonomyCode} hint="10 characters, e.g. 1041C0700X">
            {(p) => <input {...p} maxLength={10} value={form.taxonomyCode} onChange={(e) => setForm({ ...form, taxonomyCode: e.target.value.toUpperCase() })} />}
          </Field>
          <Field label="Credential" error={fields.credential} hint="e.g. LCSW, PhD, LPC">
            {(p) => <input {...p} required value={form.credential} onChange={(e) => setForm({ ...form, credential: e.target.value })} />}
          </Field>
          <Field label="License expires" error={fields.licenseExpiresOn} hint="Empty: does not expire">
            {(p) => <input {...p} type="date" disabled={!form.licensed} value={form.licenseExpiresOn} onChange={(e) => setForm({ ...form, licenseExpiresOn: e.target.value })} />}
          </Field>
        </div>
        <Switch label="Licensed to provide psychotherapy" checked={form.licensed} onChange={(v) => setForm({ ...form, licensed: v })} />
        {fields.licensed && <p className="field__error">{fields.licensed}</p>}
        {error && Object.keys(fields).length === 0 && <ErrorMessage error={error} />}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? "Creating…" : "Create clinician"}
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Section>
  );
}
