import { useState } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import type { AuditEventsQuery } from "../__generated__/graphql";
import { useViewer } from "../auth/viewer";
import { downloadText } from "../claims/download";
import { formatDateTime } from "../lib/dates";
import { Empty, ErrorMessage, Field, Loading, PageHeader, Section } from "../ui/ui";
import { DateInput } from "../ui/date-input";
import { DataTable, LoadMore } from "../ui/list-page";
import { ACTION_LABELS, actionLabel, auditCsv, changedRows, ENTITY_LABELS, namesOf, type NamesById } from "./audit-format";
import { AuditEventsDocument, AuditUsersDocument } from "./audit.documents";

const PAGE_SIZE = 50;
// The API pages at most 100; an export walks every page of the filter.
const EXPORT_PAGE_SIZE = 100;

function Changes({ changes, names }: { changes: unknown; names: NamesById }) {
  const rows = changedRows(changes, names);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="changes">
      {rows.map((r) => (
        <div key={r.field}>
          <dt>{r.field}</dt>
          <dd>
            <span className="change__before">{r.before}</span> → <span className="change__after">{r.after}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface AuditFilter {
  entityType: string;
  actorUserId: string;
  action: string;
  from: string;
  to: string;
}

function variablesOf(f: AuditFilter) {
  return { entityType: f.entityType || null, actorUserId: f.actorUserId || null, action: f.action || null, from: f.from || null, to: f.to || null };
}

export function AuditPage() {
  const { viewer } = useViewer();
  const timeZone = viewer.practice.timezone;
  const apollo = useApolloClient();
  const [filter, setFilter] = useState<AuditFilter>({ entityType: "", actorUserId: "", action: "", from: "", to: "" });
  const users = useQuery(AuditUsersDocument);
  const { data, loading, error, refetch, fetchMore } = useQuery(AuditEventsDocument, {
    variables: { ...variablesOf(filter), first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [exporting, setExporting] = useState<"idle" | "busy" | "failed">("idle");

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

  async function exportCsv() {
    setExporting("busy");
    try {
      const events: AuditEventsQuery["auditEvents"]["edges"][number]["node"][] = [];
      let after: string | null = null;
      for (;;) {
        const result: { data?: AuditEventsQuery } = await apollo.query({ query: AuditEventsDocument, variables: { ...variablesOf(filter), first: EXPORT_PAGE_SIZE, after }, fetchPolicy: "network-only" });
        const page: AuditEventsQuery | undefined = result.data;
        if (!page) throw new Error("no data");
        events.push(...page.auditEvents.edges.map((e) => e.node));
        if (!page.auditEvents.pageInfo.hasNextPage) break;
        after = page.auditEvents.pageInfo.endCursor ?? null;
      }
      const csv = auditCsv(
        events.map((e) => ({
          when: formatDateTime(e.at, timeZone),
          who: e.actor?.email ?? "system",
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId ?? null,
          entityName: e.entityName ?? null,
          changes: e.changes,
          names: namesOf(e),
        })),
      );
      downloadText(`audit-log${filter.from ? `-${filter.from}` : ""}${filter.to ? `-to-${filter.to}` : ""}.csv`, csv, "text/csv");
      setExporting("idle");
    } catch {
      setExporting("failed");
    }
  }

  const set = (patch: Partial<AuditFilter>) => setFilter({ ...filter, ...patch });
  const hasFilter = Object.values(filter).some(Boolean);

  return (
    <>
      <PageHeader title="Audit log" subtitle={`Every change made in this practice, who made it and what it changed. Newest first; times in the practice's zone.`} />
      <Section
        title="Events"
        actions={
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={exporting === "busy" || !data || data.auditEvents.totalCount === 0}>
            {exporting === "busy" ? "Exporting…" : "Export CSV"}
          </button>
        }
      >
        <div className="filters" role="search" aria-label="Filter the audit log">
          <Field label="Who">
            {(p) => (
              <select {...p} value={filter.actorUserId} onChange={(e) => set({ actorUserId: e.target.value })}>
                <option value="">Anyone</option>
                {(users.data?.members ?? []).map((m) => (
                  <option key={m.user.id} value={m.user.id}>
                    {m.user.name ? `${m.user.name} (${m.user.email})` : m.user.email}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Action">
            {(p) => (
              <select {...p} value={filter.action} onChange={(e) => set({ action: e.target.value })}>
                <option value="">Any action</option>
                {Object.entries(ACTION_LABELS).map(([action, label]) => (
                  <option key={action} value={action}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="What changed">
            {(p) => (
              <select {...p} value={filter.entityType} onChange={(e) => set({ entityType: e.target.value })}>
                <option value="">Everything</option>
                {Object.entries(ENTITY_LABELS).map(([type, label]) => (
                  <option key={type} value={type}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DateInput label="From" value={filter.from} onApply={(from) => set({ from })} invalidIf={(iso) => (filter.to && iso > filter.to ? "The first day must not come after the last day." : null)} />
          <DateInput label="To" value={filter.to} onApply={(to) => set({ to })} invalidIf={(iso) => (filter.from && iso < filter.from ? "The last day must not come before the first day." : null)} />
          {hasFilter && (
            <button type="button" className="button button--small" onClick={() => setFilter({ entityType: "", actorUserId: "", action: "", from: "", to: "" })}>
              Clear filters
            </button>
          )}
        </div>
        {exporting === "failed" && <ErrorMessage error={new Error("The export could not read the whole log. Try again.")} />}
        {error ? (
          <ErrorMessage error={error} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Loading what="Loading the audit log" />
        ) : !data || data.auditEvents.edges.length === 0 ? (
          <Empty title={hasFilter ? "No events match." : "No events."} />
        ) : (
          <>
            <DataTable label="Audit events" className="table--compact" columns={["When", "Who", "Action", "What", "Changes"]}>
              {data.auditEvents.edges.map(({ node: e }) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateTime(e.at, timeZone)}</td>
                  <td>{e.actor ? (e.actor.name ?? e.actor.email) : <span className="muted">System</span>}</td>
                  <td>{actionLabel(e.action)}</td>
                  <td>
                    {ENTITY_LABELS[e.entityType] ?? e.entityType}
                    {/* The name the server found in this practice; an id alone means nothing to a reader, so it is only a tooltip. */}
                    {e.entityName && (
                      <div className="muted small" title={e.entityId ?? undefined}>
                        {e.entityName}
                      </div>
                    )}
                  </td>
                  <td>
                    <Changes changes={e.changes} names={namesOf(e)} />
                  </td>
                </tr>
              ))}
            </DataTable>
            <LoadMore page={data.auditEvents} loading={loadingMore} label="Load older events" onLoadMore={() => void loadMore()} />
          </>
        )}
      </Section>
    </>
  );
}
