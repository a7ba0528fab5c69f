import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { Role } from "../__generated__/graphql";
import { fieldErrorsOf } from "../lib/errors";
import { ROLE_LABELS, valuesOf } from "../lib/labels";
import { useViewer } from "../auth/viewer";
import { DataTable } from "../ui/list-page";
import { Empty, ErrorMessage, Field, Loading, PageHeader, SavedStatus, Section, useFieldErrors } from "../ui/ui";
import { formatDateTime } from "../lib/dates";
import { AddMemberDocument, MembersDocument, RevokeInvitationDocument, SentInvitationsDocument, SetMemberRoleDocument } from "./members.documents";

/** What each role may do, in a few words; a Record over the enum, so a new role fails to compile until described. */
const ROLE_SCOPES: Record<Role, string> = {
  ADMIN: "everything, like the owner",
  BILLER: "reads everything; manages clients and claim batches",
  CLINICIAN: "sessions, attendance and notes",
  OWNER: "everything",
};
const ROLES = valuesOf(ROLE_SCOPES).map((role) => ({ role, what: ROLE_SCOPES[role] }));

export function MembersPage() {
  const [form, setForm] = useState({ email: "", name: "", password: "", role: "CLINICIAN" as Role });
  const [added, setAdded] = useState<string | null>(null);
  const [addMember, { loading, error }] = useMutation(AddMemberDocument, { refetchQueries: [MembersDocument, SentInvitationsDocument] });
  const [, , field] = useFieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    try {
      const { data } = await addMember({ variables: { input: form } });
      if (data) {
        // The server answers alike for a new account and an invitation, so the console cannot (and should not) tell which.
        setAdded(
          `${data.addMember.user.name} (${data.addMember.user.email}) was added as ${ROLE_LABELS[data.addMember.role].toLowerCase()}. If that address already had a GroupBill account, it was sent an invitation and joins once it accepts.`,
        );
        setForm({ email: "", name: "", password: "", role: form.role });
      }
    } catch {
      // shown from `error`
    }
  }

  return (
    <>
      <PageHeader title="Members and roles" subtitle="Who can sign in to this practice, and what each may do." />
      <Section title="Add a member">
        <form onSubmit={submit}>
          <p className="muted">Someone who already has a GroupBill account is invited and joins once they accept, with their own password; the password below is only used for a new account. Give it to them privately.</p>
          <div className="form-grid">
            <Field label="E-mail" {...field("email")}>
              {(p) => <input {...p} type="email" required autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
            </Field>
            <Field label="Name" {...field("name")}>
              {(p) => <input {...p} required autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
            </Field>
            <Field label="Initial password" {...field("password")} hint="At least 12 characters">
              {(p) => <input {...p} type="password" required autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
            </Field>
            <Field label="Role" {...field("role")}>
              {(p) => (
                <select {...p} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
                  {ROLES.map((r) => (
                    <option key={r.role} value={r.role}>
                      {ROLE_LABELS[r.role]} — {r.what}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
          {added && <SavedStatus key={added}>{added}</SavedStatus>}
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={loading}>
              {loading ? "Adding…" : "Add member"}
            </button>
          </div>
        </form>
      </Section>
      <Section title="Current members">
        <MemberList />
      </Section>
      <Section title="Open invitations">
        <InvitationList />
      </Section>
    </>
  );
}

/** Owners may grant or take away OWNER; the server refuses the change that would leave no owner. */
function MemberList() {
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(MembersDocument);
  const [setRole, change] = useMutation(SetMemberRoleDocument, { refetchQueries: [MembersDocument], awaitRefetchQueries: true });
  // A role changes only after a second, explicit step: arrowing through the list must not change anyone's access.
  const [pending, setPending] = useState<{ userId: string; name: string; from: Role; to: Role } | null>(null);
  const [savedRole, setSavedRole] = useState<string | null>(null);
  if (loading && !data) return <Loading what="Loading members" />;
  if (error || !data) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  const grantable = ROLES.filter((r) => r.role !== "OWNER" || viewer.role === "OWNER");
  return (
    <>
      {change.error && <ErrorMessage error={change.error} conflictHeading="This role cannot change." />}
      {pending && (
        <div className="alert alert--warning confirm" role="alertdialog" aria-labelledby="role-confirm-text">
          <p id="role-confirm-text">
            Change the role of {pending.name} from {ROLE_LABELS[pending.from]} to {ROLE_LABELS[pending.to]}? What they may do in this practice changes at once.
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              disabled={change.loading}
              onClick={async () => {
                try {
                  await setRole({ variables: { userId: pending.userId, role: pending.to } });
                  setSavedRole(`${pending.name} is now ${ROLE_LABELS[pending.to].toLowerCase()}.`);
                } catch {
                  setSavedRole(null);
                }
                setPending(null);
              }}
            >
              Change role
            </button>
            <button type="button" className="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {savedRole && <SavedStatus>{savedRole}</SavedStatus>}
      <DataTable label="Members" columns={["Name", "E-mail", "Role"]}>
        {data.members.map((m) => {
          const locked = m.role === "OWNER" && viewer.role !== "OWNER";
          return (
            <tr key={m.user.id}>
              <td>{m.user.name}</td>
              <td>{m.user.email}</td>
              <td>
                <label className="visually-hidden" htmlFor={`role-${m.user.id}`}>
                  Role of {m.user.name}
                </label>
                <select
                  id={`role-${m.user.id}`}
                  value={pending?.userId === m.user.id ? pending.to : m.role}
                  disabled={locked || change.loading}
                  onChange={(e) => {
                    const to = e.target.value as Role;
                    setSavedRole(null);
                    change.reset();
                    setPending(to === m.role ? null : { userId: m.user.id, name: m.user.name, from: m.role, to });
                  }}
                >
                  {(locked ? ROLES : grantable).map((r) => (
                    <option key={r.role} value={r.role}>
                      {ROLE_LABELS[r.role]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}

/** People with an account elsewhere who were asked to join and have not answered yet. */
function InvitationList() {
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(SentInvitationsDocument);
  const [revoke, revoking] = useMutation(RevokeInvitationDocument, { refetchQueries: [SentInvitationsDocument] });
  if (loading && !data) return <Loading what="Loading invitations" />;
  if (error || !data) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  if (data.invitations.length === 0) return <Empty title="No open invitations." />;
  return (
    <>
      {revoking.error && <ErrorMessage error={revoking.error} />}
      <DataTable label="Invitations not yet answered" columns={["Name", "E-mail", "Role", "Invited", { label: "Actions", hidden: true }]}>
        {data.invitations.map((i) => (
          <tr key={i.id}>
            <td>{i.name}</td>
            <td>{i.email}</td>
            <td>{ROLE_LABELS[i.role]}</td>
            <td>{formatDateTime(i.invitedAt, viewer.practice.timezone)}</td>
            <td>
              <button
                type="button"
                className="button button--small"
                disabled={revoking.loading}
                aria-label={`Revoke the invitation of ${i.name}`}
                onClick={() => void revoke({ variables: { id: i.id } }).catch(() => undefined)}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
