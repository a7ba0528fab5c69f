import { useState } from "react";
import { useQuery } from "@apollo/client/react";
import { useViewer } from "../auth/viewer";
import { formatDateTime } from "../lib/dates";
import { Empty, ErrorMessage, Field, Loading, PageHeader, Section } from "../ui/ui";
import { AuditEventsDocument } from "./audit.documents";
import { LoadMore } from "../ui/list-page";

const PAGE_SIZE = 50;
const ENTITY_TYPES = ["Practice", "Membership", "Payer", "Clinician", "Client", "TherapyGroup", "GroupSession", "MemberNote", "ClaimBatch"];

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** `changes` is { field: { before, after } }; anything else is shown as it came. */
function Changes({ changes }: { changes: unknown }) {
  if (!changes || typeof changes !== "object") return <span className="muted">—</span>;
  const entries = Object.entries(changes as Record<string, unknown>);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="changes">
      {entries.map(([field, change]) => {
        const c = change as { before?: unknown; after?: unknown } | null;
        const isPair = c !== null && typeof c === "object" && ("before" in c || "after" in c);
        return (
          <div key={field}>
            <dt>{field}</dt>
            <dd>
              {isPair ? (
                <>
                  <span className="change__before">{show(c.before)}</span> → <span className="change__after">{show(c.after)}</span>
                </>
              ) : (
                show(change)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function AuditPage() {
  const { viewer } = useViewer();
  const [entityType, setEntityType] = useState("");
  const { data, loading, error, refetch, fetchMore } = useQuery(AuditEventsDocument, {
    variables: { entityType: entityType || null, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [loadingMore, setLoadingMore] = useState(false);

  async function loadMore() {
    if (!data?.auditEvents.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: data.auditEvents.pageInfo.endCursor },
        updateQuery: (prev, { fetchMoreResult }) => ({ auditEvents: { ...fetchMoreResult.auditEvents, edges: [...prev.auditEvents.edges, ...fetchMoreResult.auditEvents.edges] } }),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change made in this practice, who made it and what it changed. Newest first." />
      <Section title="Events">
        <div className="filters filters--single" role="search">
          <Field label="What changed">
            {(p) => (
              <select {...p} value={entityType} onChange={(e) => setEntityType(e.target.value)}>
                <option value="">Everything</option>
                {ENTITY_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {error ? (
          <ErrorMessage error={error} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Loading what="Loading the audit log" />
        ) : !data || data.auditEvents.edges.length === 0 ? (
          <Empty title="No events." />
        ) : (
          <>
            <div className="table-wrap">
              <table className="table--compact">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">What</th>
                    <th scope="col">Changes</th>
                  </tr>
                </thead>
                <tbody>
                  {data.auditEvents.edges.map(({ node: e }) => (
                    <tr key={e.id}>
                      <td className="nowrap">{formatDateTime(e.at, viewer.practice.timezone)}</td>
                      <td>{e.actor?.email ?? <span className="muted">system</span>}</td>
                      <td>
                        <code>{e.action}</code>
                      </td>
                      <td>
                        {e.entityType}
                        {e.entityId && <div className="muted mono small" title={e.entityId}>{e.entityId.slice(0, 8)}</div>}
                      </td>
                      <td>
                        <Changes changes={e.changes} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <LoadMore
              shown={data.auditEvents.edges.length}
              total={data.auditEvents.totalCount}
              hasMore={data.auditEvents.pageInfo.hasNextPage}
              loading={loadingMore}
              label="Load older events"
              onLoadMore={() => void loadMore()}
            />
          </>
        )}
      </Section>
    </>
  );
}
