import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useFocusFromHash } from "../app/router";
import type { PriorAuthorizationFieldsFragment } from "../__generated__/graphql";
import { formatDate } from "../lib/dates";
import { fieldErrorsOf, messageOf } from "../lib/errors";
import { ErrorMessage, Field, Loading, Notice, SavedStatus, Section, useFieldErrors } from "../ui/ui";
import {
  AddPriorAuthorizationDocument,
  ClientAuthorizationsDocument,
  RemovePriorAuthorizationDocument,
  UpdatePriorAuthorizationDocument,
} from "./authorizations.documents";

interface AuthorizationForm {
  number: string;
  startDate: string;
  endDate: string;
  units: string;
  note: string;
}

const EMPTY: AuthorizationForm = { number: "", startDate: "", endDate: "", units: "", note: "" };

function formOf(a: PriorAuthorizationFieldsFragment): AuthorizationForm {
  return { number: a.number, startDate: a.startDate, endDate: a.endDate, units: String(a.units), note: a.note ?? "" };
}

/** Units are checked by the server; text that is not a whole number is sent as 0 so its message names the field. */
function inputOf(form: AuthorizationForm) {
  const units = /^\d+$/.test(form.units.trim()) ? Number(form.units.trim()) : 0;
  return { number: form.number, startDate: form.startDate, endDate: form.endDate, units, note: form.note };
}

/** Which authorization is being edited, under which coverage: a new one for its payer (id null), or an existing one. */
type Editing = { coverageId: string; payerId: string; id: string | null } | null;

/**
 * A client's prior authorizations, listed under the coverage of the payer that issued them, with the units
 * used (billed lines plus lines that would use it now) and left.
 */
export function AuthorizationsSection({ clientId, canManage }: { clientId: string; canManage: boolean }) {
  const { data, loading, error, refetch } = useQuery(ClientAuthorizationsDocument, { variables: { id: clientId } });
  const refetchQueries = [{ query: ClientAuthorizationsDocument, variables: { id: clientId } }];
  const [add, adding] = useMutation(AddPriorAuthorizationDocument, { refetchQueries, awaitRefetchQueries: true });
  const [update, updating] = useMutation(UpdatePriorAuthorizationDocument, { refetchQueries, awaitRefetchQueries: true });
  const [remove, removing] = useMutation(RemovePriorAuthorizationDocument, { refetchQueries, awaitRefetchQueries: true });
  const [editing, setEditing] = useState<Editing>(null);
  const [form, setForm] = useState<AuthorizationForm>(EMPTY);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const saveError = editing?.id ? updating.error : adding.error;
  const [fields, touch] = useFieldErrors(saveError);
  // It loads after the client's page: a link to "#authorizations" lands here once there is something to focus.
  useFocusFromHash(Boolean(data));
  const edit = (key: keyof AuthorizationForm, value: string) => {
    touch(key);
    setForm({ ...form, [key]: value });
  };

  if (loading && !data) return <Loading what="Loading prior authorizations" />;
  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  const coverages = data?.client?.coverages ?? [];
  // Coverages are edited as a whole list, so an authorization can outlive the coverage it was recorded under.
  const coveredPayers = new Set(coverages.map((c) => c.payer.id));
  const uncovered = (data?.client?.authorizations ?? []).filter((a) => !coveredPayers.has(a.payer.id));
  const startEdit = (next: Editing, values: AuthorizationForm) => {
    adding.reset();
    updating.reset();
    setRemoveError(null);
    setSavedMessage(null);
    setEditing(next);
    setForm(values);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    try {
      if (editing.id) await update({ variables: { id: editing.id, input: inputOf(form) } });
      else await add({ variables: { clientId, input: { payerId: editing.payerId, ...inputOf(form) } } });
      setEditing(null);
      setSavedMessage(`Prior authorization ${form.number.trim()} saved.`);
    } catch {
      // shown from the mutation's error, next to its field
    }
  };

  const onRemove = async (a: PriorAuthorizationFieldsFragment) => {
    if (!window.confirm(`Remove prior authorization ${a.number}?`)) return;
    setRemoveError(null);
    try {
      await remove({ variables: { id: a.id } });
      setSavedMessage(`Prior authorization ${a.number} removed.`);
    } catch (err) {
      setRemoveError(err);
    }
  };

  const editor = (
    <form className="authorization-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="form-grid">
        <Field label="Authorization number" error={fields.number}>
          {(p) => <input {...p} value={form.number} onChange={(e) => edit("number", e.target.value)} />}
        </Field>
        <Field label="First day" error={fields.startDate}>
          {(p) => <input {...p} type="date" value={form.startDate} onChange={(e) => edit("startDate", e.target.value)} />}
        </Field>
        <Field label="Last day" error={fields.endDate}>
          {(p) => <input {...p} type="date" value={form.endDate} onChange={(e) => edit("endDate", e.target.value)} />}
        </Field>
        <Field label="Units approved (90853)" error={fields.units}>
          {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.units} onChange={(e) => edit("units", e.target.value)} />}
        </Field>
        <Field label="Note" error={fields.note}>
          {(p) => <input {...p} value={form.note} onChange={(e) => edit("note", e.target.value)} />}
        </Field>
      </div>
      {fields.payerId && <p className="field__error">{fields.payerId}</p>}
      {saveError && Object.keys(fieldErrorsOf(saveError)).length === 0 && <ErrorMessage error={saveError} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={adding.loading || updating.loading}>
          {editing?.id ? "Save authorization" : "Add authorization"}
        </button>
        <button type="button" className="button" onClick={() => setEditing(null)}>
          Cancel
        </button>
      </div>
    </form>
  );

  const table = (authorizations: PriorAuthorizationFieldsFragment[], coverageId: string, payerId: string) => (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Dates</th>
          <th scope="col" className="num">
            Units
          </th>
          <th scope="col" className="num">
            Used
          </th>
          <th scope="col" className="num">
            Left
          </th>
          <th scope="col">Note</th>
          {canManage && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {authorizations.map((a) => (
          <tr key={a.id}>
            <td>{a.number}</td>
            <td className="nowrap">
              {formatDate(a.startDate)} – {formatDate(a.endDate)}
            </td>
            <td className="num">{a.units}</td>
            <td className="num">{a.unitsUsed}</td>
            <td className="num">{a.unitsLeft === 0 ? <strong>0 (used up)</strong> : a.unitsLeft}</td>
            <td>{a.note ?? ""}</td>
            {canManage && (
              <td className="nowrap">
                <button type="button" className="button button--small" onClick={() => startEdit({ coverageId, payerId, id: a.id }, formOf(a))}>
                  Edit
                </button>{" "}
                <button type="button" className="button button--small button--danger" disabled={removing.loading} onClick={() => void onRemove(a)}>
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <Section title="Prior authorizations" id="authorizations">
      {removeError ? <Notice kind="warning">{messageOf(removeError)}</Notice> : null}
      {savedMessage && <SavedStatus key={savedMessage}>{savedMessage}</SavedStatus>}
      {coverages.length === 0 && <p className="muted">No coverage: authorizations are recorded per payer, under the member's coverage with it.</p>}
      {coverages.map((coverage) => (
        <div key={coverage.id} className="authorizations">
          <h3>
            {coverage.payer.name} · {coverage.priority.toLowerCase()} · {coverage.memberId}
          </h3>
          {coverage.authorizations.length === 0 ? (
            <p className="muted">No prior authorization recorded with this payer.</p>
          ) : (
            table(coverage.authorizations, coverage.id, coverage.payer.id)
          )}
          {canManage && editing?.coverageId === coverage.id
            ? editor
            : canManage && (
                <button type="button" className="button button--small" onClick={() => startEdit({ coverageId: coverage.id, payerId: coverage.payer.id, id: null }, EMPTY)}>
                  Add authorization for {coverage.payer.name}
                </button>
              )}
        </div>
      ))}
      {uncovered.length > 0 && (
        <div className="authorizations">
          <h3>With payers this client has no coverage with</h3>
          <p className="muted">These no longer apply to any line; remove them, or add the coverage back.</p>
          {uncovered.map((a) => (
            <div key={a.id}>
              <p>{a.payer.name}</p>
              {table([a], `uncovered-${a.id}`, a.payer.id)}
              {canManage && editing?.coverageId === `uncovered-${a.id}` && editor}
            </div>
          ))}
        </div>
      )}
    </Section>
  );
}
