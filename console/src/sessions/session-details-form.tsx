import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { Modality, SessionQuery } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { CliniciansDocument } from "../clinicians/clinicians.documents";
import { CLAIM_DECISION_QUERIES } from "../lib/claim-refresh";
import { isoToZonedLocal, timeZoneLabel, zonedLocalToIso } from "../lib/dates";
import { errorCode, fieldErrorsOf } from "../lib/errors";
import { MODALITY_LABELS, POS_LABELS } from "../lib/labels";
import { ErrorMessage, Field, SavedStatus, useFieldErrors } from "../ui/ui";
import { UpdateSessionDetailsDocument } from "./sessions.documents";

type Session = NonNullable<SessionQuery["session"]>;

/**
 * What a session's lines are decided from: when it met, for how long, how, who led it and where.
 * Reasons such as "session too short" link to these fields (ids session-start, session-length, ...).
 */
export function SessionDetailsForm({ session, canEdit }: { session: Session; canEdit: boolean }) {
  const { viewer, can } = useViewer();
  const tz = viewer.practice.timezone;
  const withBilling = can("ReadClaims");
  const clinicians = useQuery(CliniciansDocument, { skip: !canEdit });
  const initial = () => ({
    startsAt: isoToZonedLocal(session.startsAt, tz),
    durationMinutes: String(session.durationMinutes),
    modality: session.modality as string,
    leaderId: session.leader.id,
    placeOfService: session.placeOfService ?? "",
  });
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [update, { loading, error }] = useMutation(UpdateSessionDetailsDocument, { refetchQueries: CLAIM_DECISION_QUERIES, awaitRefetchQueries: true });
  const [fields, touch] = useFieldErrors(error);
  const set = (key: keyof ReturnType<typeof initial>, value: string) => {
    touch(key);
    setSaved(false);
    setForm({ ...form, [key]: value });
  };

  if (!canEdit) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const minutes = Number(form.durationMinutes);
    try {
      await update({
        variables: {
          id: session.id,
          withBilling,
          input: {
            startsAt: zonedLocalToIso(form.startsAt, tz),
            durationMinutes: minutes,
            modality: form.modality as Modality,
            leaderId: form.leaderId,
            placeOfService: form.placeOfService || null,
            expectedVersion: session.version,
          },
        },
      });
      setSaved(true);
    } catch {
      // shown from `error`
    }
  }

  const otherError = error && Object.keys(fieldErrorsOf(error)).length === 0;
  return (
    <form onSubmit={submit} aria-label="Session details">
      <div className="form-grid">
        <Field id="session-start" label={`Starts (${timeZoneLabel(tz, new Date(session.startsAt))})`} error={fields.startsAt}>
          {(p) => <input {...p} type="datetime-local" required value={form.startsAt} onChange={(e) => set("startsAt", e.target.value)} />}
        </Field>
        <Field id="session-length" label="Length (minutes)" error={fields.durationMinutes} hint="1 to 480">
          {(p) => <input {...p} type="number" min={1} max={480} required value={form.durationMinutes} onChange={(e) => set("durationMinutes", e.target.value)} />}
        </Field>
        <Field id="session-modality" label="Modality" error={fields.modality}>
          {(p) => (
            <select {...p} value={form.modality} onChange={(e) => set("modality", e.target.value)}>
              {Object.entries(MODALITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="session-leader" label="Leader" error={fields.leaderId}>
          {(p) => (
            <select {...p} value={form.leaderId} onChange={(e) => set("leaderId", e.target.value)}>
              {!clinicians.data?.clinicians.some((c) => c.id === session.leader.id) && <option value={session.leader.id}>{session.leader.name}</option>}
              {(clinicians.data?.clinicians ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.licensed ? "" : " (not licensed)"}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="session-pos" label="Place of service" error={fields.placeOfService}>
          {(p) => (
            <select {...p} value={form.placeOfService} onChange={(e) => set("placeOfService", e.target.value)}>
              <option value="">Practice default ({viewer.practice.defaultPlaceOfService})</option>
              {form.placeOfService && !POS_LABELS[form.placeOfService] && <option value={form.placeOfService}>{form.placeOfService}</option>}
              {Object.entries(POS_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {otherError && <ErrorMessage error={error} />}
      {errorCode(error) === "CONFLICT" && <p className="muted">Reload the page to see their change, then apply yours again.</p>}
      {saved && <SavedStatus>Session details saved; its claim lines are decided again.</SavedStatus>}
      <div className="button-row">
        <button type="submit" className="button" disabled={loading}>
          {loading ? "Saving…" : "Save session details"}
        </button>
      </div>
    </form>
  );
}
