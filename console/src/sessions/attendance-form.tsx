import { useState, type FormEvent } from "react";
import { useMutation } from "@apollo/client/react";
import type { AttendanceStatus, SessionQuery } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { ErrorMessage, SavedStatus } from "../ui/ui";
import { memberName } from "./claim-lines";
import { RecordAttendanceDocument } from "./sessions.documents";

type Session = NonNullable<SessionQuery["session"]>;
const STATUSES: { value: AttendanceStatus; label: string }[] = [
  { value: "PRESENT", label: "Present" },
  { value: "ABSENT", label: "Absent" },
  { value: "EXCUSED", label: "Excused" },
];

export function AttendanceForm({ session, canEdit }: { session: Session; canEdit: boolean }) {
  // The group's members, plus anyone recorded who has since left the group.
  const people = [...session.group.members];
  for (const a of session.attendance) if (!people.some((p) => p.id === a.client.id)) people.push(a.client);
  const recorded = Object.fromEntries(session.attendance.map((a) => [a.client.id, a.status])) as Record<string, AttendanceStatus>;
  const [marks, setMarks] = useState<Record<string, AttendanceStatus>>(recorded);
  const [saved, setSaved] = useState(false);
  const withBilling = useViewer().can("ReadClaims");
  const [record, { loading, error }] = useMutation(RecordAttendanceDocument, { refetchQueries: ["Session"] });
  const dirty = people.some((p) => marks[p.id] !== recorded[p.id]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const entries = people.filter((p) => marks[p.id]).map((p) => ({ clientId: p.id, status: marks[p.id] }));
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
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
