import { useEffect, useState } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "../app/router";
import { useViewer } from "../auth/viewer";
import { formatDate, formatShortDate, todayIn } from "../lib/dates";
import { Empty, ErrorMessage, Field, Loading, PageHeader, Section } from "../ui/ui";
import { ClientForm } from "./client-form";
import { ClientsDocument, CreateClientDocument } from "./clients.documents";
import { DataTable, LoadMore } from "../ui/list-page";

const PAGE_SIZE = 25;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function ClientsPage() {
  const { viewer, can } = useViewer();
  const today = todayIn(viewer.practice.timezone);
  const [search, setSearch] = useState("");
  const debounced = useDebounced(search.trim(), 250);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const { data, loading, error, refetch, fetchMore } = useQuery(ClientsDocument, { variables: { search: debounced || null, first: PAGE_SIZE }, fetchPolicy: "cache-and-network" });
  const [create, creation] = useMutation(CreateClientDocument, { refetchQueries: ["Clients"] });
  const [loadingMore, setLoadingMore] = useState(false);

  async function loadMore() {
    if (!data?.clients.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: data.clients.pageInfo.endCursor },
        updateQuery: (prev, { fetchMoreResult }) => ({ clients: { ...fetchMoreResult.clients, edges: [...prev.clients.edges, ...fetchMoreResult.clients.edges] } }),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Clients"
        subtitle="Members of your groups, with the diagnoses and coverage their claims need."
        actions={
          can("ManageClients") && !creating ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setCreated(null);
                setCreating(true);
              }}
            >
              New client
            </button>
          ) : undefined
        }
      />
      {created && <p className="alert alert--success" role="status">{created}</p>}
      {creating && (
        <Section title="New client">
          <ClientForm
            submitLabel="Create client"
            busy={creation.loading}
            error={creation.error}
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              try {
                const { data: d } = await create({ variables: { input: values } });
                if (d) {
                  setCreating(false);
                  setCreated(`${d.createClient.firstName} ${d.createClient.lastName} added.`);
                  creation.reset();
                }
              } catch {
                // shown from creation.error
              }
            }}
          />
        </Section>
      )}
      <Section title="All clients">
        <div className="filters filters--single" role="search">
          <Field label="Search by name">{(p) => <input {...p} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}</Field>
        </div>
        {error ? (
          <ErrorMessage error={error} onRetry={() => void refetch()} />
        ) : loading && !data ? (
          <Loading what="Loading clients" />
        ) : !data || data.clients.edges.length === 0 ? (
          <Empty title={debounced ? "No client matches this search." : "No clients yet."} />
        ) : (
          <>
            <DataTable label="Clients" columns={["Name", "Date of birth", "Diagnoses", "Coverage"]}>
              {data.clients.edges.map(({ node: c }) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/clients/${c.id}`}>
                      {c.lastName}, {c.firstName}
                    </Link>
                  </td>
                  <td>{formatDate(c.dateOfBirth)}</td>
                  <td>{c.diagnosisCodes.join(", ") || <span className="muted">none</span>}</td>
                  <td>
                    {c.coverages.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      c.coverages.map((cov) => {
                        const state = coverageState(cov, today);
                        return (
                          <div key={cov.id} className={state === "current" ? undefined : "muted"}>
                            {cov.payer.name} <span className="muted">({cov.priority.toLowerCase()}, {cov.memberId})</span>
                            {state === "expired" && <span className="tag tag--pending"> ended {formatShortDate(cov.effectiveTo!)}</span>}
                            {state === "future" && <span className="tag"> starts {formatShortDate(cov.effectiveFrom)}</span>}
                          </div>
                        );
                      })
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
            <LoadMore page={data.clients} loading={loadingMore} label="Load more" onLoadMore={() => void loadMore()} />
          </>
        )}
      </Section>
    </>
  );
}

/** Coverage dates are the practice's calendar days, inclusive at both ends. */
export function coverageState(coverage: { effectiveFrom: string; effectiveTo?: string | null }, today: string): "current" | "expired" | "future" {
  if (coverage.effectiveTo && coverage.effectiveTo < today) return "expired";
  if (coverage.effectiveFrom > today) return "future";
  return "current";
}
