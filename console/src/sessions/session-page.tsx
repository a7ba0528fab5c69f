import { useQuery } from "@apollo/client/react";
import { Link, useFocusFromHash } from "../app/router";
import { useViewer } from "../auth/viewer";
import { formatDate, formatTime } from "../lib/dates";
import { GROUP_KIND_LABELS, MODALITY_LABELS } from "../lib/labels";
import { Empty, ErrorMessage, Loading, PageHeader, Section } from "../ui/ui";
import { AttendanceForm } from "./attendance-form";
import { ClaimLinesTable, StatusCounts } from "./claim-lines";
import { DocumentationForm } from "./documentation-form";
import { DraftNotesForm } from "./draft-notes-form";
import { MemberNoteCard } from "./member-note";
import { SessionDetailsForm } from "./session-details-form";
import { SupervisorForm } from "./supervisor-form";
import { SessionDocument } from "./sessions.documents";

export function SessionPage({ id }: { id: string }) {
  const { viewer, can } = useViewer();
  const { data, loading, error, refetch } = useQuery(SessionDocument, { variables: { id, withBilling: can("ReadClaims") }, fetchPolicy: "cache-and-network" });
  useFocusFromHash(Boolean(data?.session));

  if (loading && !data) return <Loading what="Loading session" />;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  const session = data?.session;
  if (!session)
    return (
      <Empty title="This session does not exist in this practice.">
        <Link to="/sessions">Back to sessions</Link>
      </Empty>
    );

  const tz = viewer.practice.timezone;
  const present = session.attendance.filter((a) => a.status === "PRESENT").map((a) => a.client);
  const noteFor = (clientId: string) => session.notes.find((n) => n.client.id === clientId) ?? null;
  const lineFor = (clientId: string) => session.claimDecisions.find((l) => l.client.id === clientId) ?? null;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/sessions">Sessions</Link> /
      </p>
      <PageHeader
        title={`${session.group.name} · ${formatDate(session.date)}, ${formatTime(session.startsAt, tz)}`}
        subtitle={
          <>
            Led by {session.leader.name}
            {session.leader.credential ? `, ${session.leader.credential}` : ""}
            {session.supervisor ? ` under the supervision of ${session.supervisor.name}` : ""} · {MODALITY_LABELS[session.modality]} · {session.durationMinutes} minutes ·{" "}
            {GROUP_KIND_LABELS[session.group.kind]} group{session.modality === "IN_PERSON" && ` · POS ${session.placeOfService ?? viewer.practice.defaultPlaceOfService}`}
          </>
        }
        actions={<StatusCounts lines={session.claimDecisions} />}
      />
      {error && <ErrorMessage error={error} onRetry={() => void refetch()} />}

      {/* Billers correct what a line is billed from (a reason links here); the documentation below stays clinical. */}
      {can("CorrectSessions") && (
        <Section title="Session details" id="session-details">
          <SessionDetailsForm key={session.id} session={session} canEdit />
        </Section>
      )}

      <Section title="Attendance" id="attendance">
        <AttendanceForm key={session.id} session={session} canEdit={can("RecordAttendance")} />
      </Section>

      <Section title="Supervision">
        <SupervisorForm key={`${session.id}:${session.supervisor?.id ?? ""}`} session={session} canEdit={can("CorrectSessions")} />
      </Section>

      <Section title="Group documentation" id="group-documentation">
        <DocumentationForm session={session} canEdit={can("ScheduleSessions")} />
      </Section>

      <Section title="Member notes">
        {present.length === 0 ? (
          <Empty title="No one is marked present.">Mark attendance first: every present member needs their own note.</Empty>
        ) : (
          <div className="note-list">
            {can("WriteNotes") && <DraftNotesForm sessionId={session.id} members={present} />}
            {present.map((client) => (
              <MemberNoteCard key={client.id} sessionId={session.id} client={client} note={noteFor(client.id)} line={lineFor(client.id)} canWrite={can("WriteNotes")} />
            ))}
          </div>
        )}
      </Section>

      <Section title="Claim lines">
        {session.claimDecisions.length === 0 ? <Empty title="No claim lines yet.">Each member marked present gets one line.</Empty> : <ClaimLinesTable lines={session.claimDecisions} where={{ sessionId: session.id, groupId: session.group.id }} />}
      </Section>
    </>
  );
}
