import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import type { AttendanceStatus, MemberLocation, SessionQuery } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { ATTENDANCE_LABELS, MEMBER_LOCATION_LABELS, valuesOf } from "../lib/labels";
import { ErrorMessage, SavedStatus } from "../ui/ui";
import { memberName } from "./claim-lines";
import { RecordAttendanceDocument } from "./sessions.documents";
import { EnumOptions } from "../ui/enum-options";

type Session = NonNullable<SessionQuery["session"]>;
const STATUSES = valuesOf(ATTENDANCE_LABELS).map((value) => ({ value, label: ATTENDANCE_LABELS[value] }));

export function AttendanceForm({ session, canEdit }: { session: Session; canEdit: boolean }) {
  // The group's members, plus anyone recorded who has since left the group.
  const people = [...session.group.members];
  for (const a of session.attendance) if (!people.some((p) => p.id === a.client.id)) people.push(a.client);
  const recorded = Object.fromEntries(session.attendance.map((a) => [a.client.id, a.status])) as Record<string, AttendanceStatus>;
  const [marks, setMarks] = useState<Record<string, AttendanceStatus>>(recorded);
  // Minutes as typed; empty means the whole session (nothing recorded).
  const recordedMinutes = Object.fromEntries(session.attendance.map((a) => [a.client.id, a.minutesAttended == null ? "" : String(a.minutesAttended)])) as Record<string, string>;
  const [minutes, setMinutes] = useState<Record<string, string>>(recordedMinutes);
  const minutesOf = (id: string) => (minutes[id] ?? "").trim();
  const telehealth = session.modality !== "IN_PERSON";
  const recordedLocation = Object.fromEntries(session.attendance.map((a) => [a.client.id, a.location ?? ""])) as Record<string, MemberLocation | "">;
  const [locations, setLocations] = useState<Record<string, MemberLocation | "">>(recordedLocation);
  const locationChanged = (id: string) => telehealth && marks[id] === "PRESENT" && (locations[id] ?? "") !== (recordedLocation[id] ?? "");
  const minutesChanged = (id: string) => marks[id] === "PRESENT" && minutesOf(id) !== (recordedMinutes[id] ?? "");
  // Interactive complexity (add-on 90785): the reason as typed, and whether the box is ticked.
  const recordedReason = Object.fromEntries(session.attendance.map((a) => [a.client.id, a.interactiveComplexityReason ?? ""])) as Record<string, string>;
  const [complex, setComplex] = useState<Record<string, boolean>>(Object.fromEntries(Object.entries(recordedReason).map(([id, r]) => [id, r !== ""])));
  const [reasons, setReasons] = useState<Record<string, string>>(recordedReason);
  const reasonOf = (id: string) => (complex[id] ? (reasons[id] ?? "").trim() : "");
  const complexityChanged = (id: string) => marks[id] === "PRESENT" && reasonOf(id) !== (recordedReason[id] ?? "").trim();
  const [saved, setSaved] = useState(false);
  const withBilling = useViewer().can("ReadClaims");
  const [record, { loading, error }] = useMutation(RecordAttendanceDocument, { refetchQueries: ["Session"] });
  const dirty = people.some((p) => marks[p.id] !== recorded[p.id] || minutesChanged(p.id) || locationChanged(p.id) || complexityChanged(p.id) || missingReason(p.id));
  // A ticked box without a reason yet: not saved, but the form is not clean either.
  function missingReason(id: string) {
    return marks[id] === "PRESENT" && complex[id] === true && reasonOf(id) === "";
  }
  const [minutesError, setMinutesError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const bad = people.find((p) => minutesChanged(p.id) && minutesOf(p.id) !== "" && !/^\d+$/.test(minutesOf(p.id)));
    if (bad) {
      setMinutesError(`Minutes attended for ${memberName(bad)} must be a whole number, or empty for the whole session.`);
      return;
    }
    const noReason = people.find((p) => missingReason(p.id));
    if (noReason) {
      setMinutesError(`Say what made the session of interactive complexity for ${memberName(noReason)}, or untick the box.`);
      return;
    }
    setMinutesError(null);
    // Minutes go only where they changed, so arrival and departure recorded elsewhere are kept.
    const entries = people
      .filter((p) => marks[p.id])
      .map((p) => ({
        clientId: p.id,
        status: marks[p.id],
        ...(minutesChanged(p.id) ? { minutesAttended: minutesOf(p.id) === "" ? null : Number(minutesOf(p.id)) } : {}),
        ...(locationChanged(p.id) ? { location: locations[p.id] || null } : {}),
        ...(complexityChanged(p.id) ? (reasonOf(p.id) ? { interactiveComplexity: true, interactiveComplexityReason: reasonOf(p.id) } : { interactiveComplexity: false }) : {}),
      }));
    try {
      await record({ variables: { sessionId: session.id, entries, withBilling } });
      setSaved(true);
    } catch {
      setSaved(false);
    }
  }

  if (people.length === 0) return <p className="muted">This group has no members.</p>;

  return (
    <form onSubmit={submit}>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Attendance by member">
        <table className="table--compact attendance">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Attendance</th>
              <th scope="col">Minutes attended</th>
              {telehealth && <th scope="col">Joined from</th>}
              <th scope="col">Interactive complexity (90785)</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <th scope="row" id={`att-${p.id}`}>
                  {memberName(p)}
                </th>
                <td>
                  <div className="segmented" role="radiogroup" aria-labelledby={`att-${p.id}`}>
                    {STATUSES.map((s) => (
                      <label key={s.value} className={marks[p.id] === s.value ? "segmented__option is-selected" : "segmented__option"}>
                        <input
                          type="radio"
                          name={`attendance-${p.id}`}
                          value={s.value}
                          checked={marks[p.id] === s.value}
                          disabled={!canEdit}
                          onChange={() => {
                            setSaved(false);
                            setMarks({ ...marks, [p.id]: s.value });
                          }}
                        />
                        {s.label}
                      </label>
                    ))}
                  </div>
                </td>
                <td>
                  {marks[p.id] === "PRESENT" && (
                    <input
                      id={`minutes-${p.id}`}
                      aria-label={`Minutes ${memberName(p)} attended`}
                      inputMode="numeric"
                      className="input--short"
                      placeholder="whole session"
                      value={minutes[p.id] ?? ""}
                      disabled={!canEdit}
                      onChange={(e) => {
                        setSaved(false);
                        setMinutes({ ...minutes, [p.id]: e.target.value });
                      }}
                    />
                  )}
                </td>
                {telehealth && (
                  <td>
                    {marks[p.id] === "PRESENT" && (
                      <select
                        aria-label={`Where ${memberName(p)} joined from`}
                        value={locations[p.id] ?? ""}
                        disabled={!canEdit}
                        onChange={(e) => {
                          setSaved(false);
                          setLocations({ ...locations, [p.id]: e.target.value as MemberLocation | "" });
                        }}
                      >
                        <option value="">Not recorded</option>
                        <EnumOptions labels={MEMBER_LOCATION_LABELS} />
                      </select>
                    )}
                  </td>
                )}
                <td>
                  {marks[p.id] === "PRESENT" && (
                    <div className="complexity">
                      <label className="checkbox">
                        <input
                          type="checkbox"
                          checked={complex[p.id] === true}
                          disabled={!canEdit}
                          onChange={(e) => {
                            setSaved(false);
                            setComplex({ ...complex, [p.id]: e.target.checked });
                          }}
                        />
                        Complex<span className="visually-hidden"> session (90785) for {memberName(p)}</span>
                      </label>
                      {complex[p.id] && (
                        <textarea
                          aria-label={`Why the session was of interactive complexity for ${memberName(p)}`}
                          placeholder="What made it complex (e.g. a caregiver who interfered, an interpreter or play equipment needed)"
                          maxLength={500}
                          rows={2}
                          value={reasons[p.id] ?? ""}
                          disabled={!canEdit}
                          onChange={(e) => {
                            setSaved(false);
                            setReasons({ ...reasons, [p.id]: e.target.value });
                          }}
                        />
                      )}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {minutesError && <p className="field__error">{minutesError}</p>}
      <ErrorMessage error={error} />
      {saved && !dirty && <SavedStatus>Attendance saved.</SavedStatus>}
      {canEdit && (
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading || !dirty}>
            {loading ? "Saving…" : "Save attendance"}
          </button>
        </div>
      )}
    </form>
  );
}
