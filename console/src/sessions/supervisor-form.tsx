import { useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useViewer } from "../auth/viewer";
import { CliniciansDocument } from "../clinicians/clinicians.documents";
import { fieldErrorsOf } from "../lib/errors";
import { ErrorMessage, Field, SavedStatus, useFieldErrors } from "../ui/ui";
import { UpdateSessionSupervisorDocument } from "./sessions.documents";

interface ClinicianRef {
  id: string;
  name: string;
  licensed: boolean;
}

/**
 * Payers that accept supervised leaders bill the licensed supervisor as rendering provider when the
 * leader is not licensed; without one, a group led by an unlicensed clinician is never billable.
 */
export function SupervisorForm({ session, canEdit }: { session: { id: string; version: number; leader: ClinicianRef; supervisor: ClinicianRef | null }; canEdit: boolean }) {
  const withBilling = useViewer().can("ReadClaims");
  const clinicians = useQuery(CliniciansDocument, { skip: !canEdit });
  const [choice, setChoice] = useState(session.supervisor?.id ?? "");
  const [saved, setSaved] = useState(false);
  const [update, { loading, error }] = useMutation(UpdateSessionSupervisorDocument, { refetchQueries: ["Session"] });
  const [, , field] = useFieldErrors(error);
  const options = (clinicians.data?.clinicians ?? []).filter((c) => c.id !== session.leader.id);

  if (!canEdit) {
    return <p>{session.supervisor ? `Supervised by ${session.supervisor.name}.` : "No supervisor recorded."}</p>;
  }
  return (
    <form
      className="supervisor-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        try {
          await update({ variables: { id: session.id, input: { supervisorId: choice === "" ? null : choice, expectedVersion: session.version }, withBilling } });
          setSaved(true);
        } catch {
          // shown from `error`
        }
      }}
    >
      {!session.leader.licensed && (
        <p className="muted">
          {session.leader.name} is not recorded as licensed. Payers that accept supervised leaders bill this group under a licensed supervisor; others need a licensed
          leader.
        </p>
      )}
      <Field label="Supervising clinician" hint="Licensed on the date of service; billed as rendering provider when the leader is not licensed." {...field("supervisorId")}>
        {(p) => (
          <select
            {...p}
            value={choice}
            onChange={(e) => {
              setSaved(false);
              setChoice(e.target.value);
            }}
          >
            <option value="">No supervisor</option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.licensed ? "" : " (not licensed)"}
              </option>
            ))}
          </select>
        )}
      </Field>
      {error && !fieldErrorsOf(error).supervisorId && <ErrorMessage error={error} />}
      {saved && <SavedStatus>Supervisor saved.</SavedStatus>}
      <div className="button-row">
        <button type="submit" className="button" disabled={loading || choice === (session.supervisor?.id ?? "")}>
          {loading ? "Saving…" : "Save supervisor"}
        </button>
      </div>
    </form>
  );
}
