import { useMemo, useState } from "react";
import { useQuery } from "@apollo/client/react";
import type { SessionsBoardQuery } from "../__generated__/graphql";
import { Link, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { addDays, formatDate, formatTime, todayIn } from "../lib/dates";
import { MODALITY_LABELS } from "../lib/labels";
import { DateInput } from "../ui/date-input";
import { Empty, ErrorMessage, Field, Loading, PageHeader, StatusBadge } from "../ui/ui";
import { IssueList, StatusCounts, lineCode, memberName } from "./claim-lines";
import { ScheduleSessionForm } from "./schedule-session-form";
import { BoardGroupsDocument, BoardPayersDocument, SessionsBoardDocument } from "./sessions.documents";

const PAGE_SIZE = 25;
type SessionNode = SessionsBoardQuery["sessions"]["edges"][number]["node"];

/** Filters live in the address, so the board comes back as it was after opening a session. */
function useBoardFilters(today: string) {
  const { search, navigate, path } = useRouter();
  const filters = {
    from: search.get("from") ?? addDays(today, -14),
    to: search.get("to") ?? addDays(today, 7),
    group: search.get("group") ?? "",
    payer: search.get("payer") ?? "",
  };
  const set = (patch: Partial<typeof filters>) => {
    const next = new URLSearchParams({ ...filters, ...patch });
    for (const [k, v] of [...next.entries()]) if (!v) next.delete(k);
    navigate(`${path}?${next.toString()}`, { replace: true });
  };
  return [filters, set] as const;
}

export function SessionsBoard() {
  const { viewer, can } = useViewer();
  const today = todayIn(viewer.practice.timezone);
  const [filters, setFilters] = useBoardFilters(today);
  const [scheduling, setScheduling] = useState(false);
  const rangeError = filters.from && filters.to && filters.from > filters.to ? "The start date is after the end date." : null;

  const groups = useQuery(BoardGroupsDocument);
  const payers = useQuery(BoardPayersDocument, { skip: !can("ReadPayers") });
  const { data, loading, error, refetch, fetchMore } = useQuery(SessionsBoardDocument, {
    variables: {
      from: filters.from || null,
      to: filters.to || null,
      groupId: filters.group || null,
      payerId: filters.payer || null,
      first: PAGE_SIZE,
      withBilling: can("ReadClaims"),
    },
    skip: Boolean(rangeError),
    notifyOnNetworkStatusChange: true,
    fetchPolicy: "cache-and-network",
  });
  const [loadingMore, setLoadingMore] = useState(false);

  const sessions = useMemo(() => (data?.sessions.edges ?? []).map((e) => e.node), [data]);
  // Clinicians may not list payers; they can still filter by the payers on the lines they see.
  const payerOptions = useMemo(() => {
    if (payers.data) return payers.data.payers;
    const seen = new Map<string, string>();
    for (const s of sessions) for (const l of s.claimDecisions) if (l.payer) seen.set(l.payer.id, l.payer.name);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [payers.data, sessions]);

  // The server already filters by payer; this keeps a page consistent while a refetch is on its way.
  const visible = filters.payer ? sessions.filter((s) => s.claimDecisions.some((l) => l.payer?.id === filters.payer)) : sessions;

  async function loadMore() {
    if (!data?.sessions.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: data.sessions.pageInfo.endCursor },
        updateQuery: (prev, { fetchMoreResult }) => ({
          sessions: { ...fetchMoreResult.sessions, edges: [...prev.sessions.edges, ...fetchMoreResult.sessions.edges] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Sessions"
        subtitle="Every member's claim line, and what stands between it and billing."
        actions={
          can("ScheduleSessions") && !scheduling ? (
            <button type="button" className="button button--primary" onClick={() => setScheduling(true)}>
              Schedule session
            </button>
          ) : undefined
        }
      />
      {scheduling && <ScheduleSessionForm onCancel={() => setScheduling(false)} />}
      <form className="filters" role="search" aria-label="Filter sessions" onSubmit={(e) => e.preventDefault()}>
        <DateInput label="From" value={filters.from} onApply={(from) => setFilters({ from })} invalidIf={(from) => (from > filters.to ? "This is after the last date." : null)} />
        <DateInput label="To" value={filters.to} onApply={(to) => setFilters({ to })} invalidIf={(to) => (to < filters.from ? "This is before the first date." : null)} />
        <Field label="Group">
          {(p) => (
            <select {...p} value={filters.group} onChange={(e) => setFilters({ group: e.target.value })}>
              <option value="">All groups</option>
              {(groups.data?.groups ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Payer">
          {(p) => (
            <select {...p} value={filters.payer} onChange={(e) => setFilters({ payer: e.target.value })}>
              <option value="">All payers</option>
              {payerOptions.map((payer) => (
                <option key={payer.id} value={payer.id}>
                  {payer.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>

      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Loading sessions" />
      ) : visible.length === 0 ? (
        <Empty title={sessions.length === 0 ? "No sessions in these dates." : "No sessions with lines for this payer."}>
          {sessions.length === 0 && can("ScheduleSessions") ? "Schedule one, or widen the dates." : "Try other dates or filters."}
        </Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            Showing {visible.length} of {data?.sessions.totalCount ?? 0} sessions.
          </p>
          <ul className="session-list">
            {visible.map((s) => (
              <SessionCard key={s.id} session={s} timeZone={viewer.practice.timezone} payerId={filters.payer} />
            ))}
          </ul>
          {data?.sessions.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Load more sessions"}
            </button>
          )}
        </>
      )}
    </>
  );
}

function SessionCard({ session, timeZone, payerId }: { session: SessionNode; timeZone: string; payerId: string }) {
  const lines = payerId ? session.claimDecisions.filter((l) => l.payer?.id === payerId) : session.claimDecisions;
  return (
    <li className="card session-card">
      <div className="session-card__header">
        <h2>
          <Link to={`/sessions/${session.id}`}>
            {session.group.name} · {formatDate(session.date)}, {formatTime(session.startsAt, timeZone)}
          </Link>
        </h2>
        <StatusCounts lines={lines} />
      </div>
      <p className="session-card__meta">
        {session.leader.name} · {MODALITY_LABELS[session.modality]} · {session.durationMinutes} min · {session.presentCount} present
      </p>
      {lines.length === 0 ? (
        <p className="muted">
          No one is marked present yet, so there are no lines. <Link to={`/sessions/${session.id}`}>Record attendance</Link>
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={`Claim lines of ${session.group.name}, ${formatDate(session.date)}`}>
          <table className="table--compact">
            <thead>
              <tr>
                <th scope="col" className="col-member">Member</th>
                <th scope="col">Status</th>
                <th scope="col" className="col-payer">Payer</th>
                <th scope="col">Code</th>
                <th scope="col" className="col-reasons">Reasons</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id} data-status={line.status}>
                  <th scope="row">{memberName(line.client)}</th>
                  <td>
                    <StatusBadge status={line.status} />
                  </td>
                  <td>{line.payer?.name ?? <span className="muted">No coverage</span>}</td>
                  <td>
                    <code>{lineCode(line)}</code>
                  </td>
                  <td>
                    <IssueList line={line} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}
