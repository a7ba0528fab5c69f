import { useEffect, useMemo, useRef, useState } from "react";
import { useQuery } from "@apollo/client/react";
import type { ClaimIssueCode, ClaimStatus } from "../__generated__/graphql";
import { Link, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { memberName } from "../sessions/claim-lines";
import { presetMatching, presetRange, PRESETS } from "../lib/date-input";
import { formatDate, todayIn } from "../lib/dates";
import { fixLinkFor, type IssueRef, type LineWhere } from "../lib/fix-links";
import { ISSUE_LABELS, STATUS_LABELS } from "../lib/labels";
import { formatCents } from "../lib/money";
import { DateInput } from "../ui/date-input";
import { Empty, ErrorMessage, Field, Loading, PageHeader, StatusBadge } from "../ui/ui";
import { claimsHref, filterFromSearch, filterToSearch, filterVariables, reasonOf, WARNING_ONLY_CODES, withReason, type ClaimListFilter } from "./claim-filters";
import { ClaimFilterClientDocument, ClaimFilterOptionsDocument, ClaimLinesDocument, ClaimLinesTotalsDocument } from "./claims.documents";
import { StillRecomputing } from "./still-recomputing";
import { EnumOptions } from "../ui/enum-options";

const PAGE_SIZE = 50;
/** Long enough that a name is typed before it is looked up, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 400;

const STORAGE_PREFIX = "groupbill.claims.filter.";

function storageKey(practiceId: string): string {
  return `${STORAGE_PREFIX}${practiceId}`;
}

/** A search may hold a member's name: nothing of it outlives the session. */
export function forgetClaimFilters(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(STORAGE_PREFIX)) sessionStorage.removeItem(key);
}

/**
 * The filter is the address: a list can be shared or bookmarked, and Back returns to it. The last one is also kept
 * for the browser tab, so the Claims link in the menu reopens the list as it was left.
 */
function useClaimFilter(practiceId: string, defaults: { from: string; to: string }) {
  const { search, navigate, path } = useRouter();
  const query = search.toString();
  const saved = typeof sessionStorage !== "undefined" ? sessionStorage.getItem(storageKey(practiceId)) : null;
  const restoring = query === "" && Boolean(saved);
  useEffect(() => {
    if (restoring) navigate(`${path}?${saved}`, { replace: true });
  }, [restoring, saved, path, navigate]);
  // Whatever brought this address (a filter changed here, a dashboard number, Back), it is the list to return to.
  useEffect(() => {
    if (query) sessionStorage.setItem(storageKey(practiceId), query);
  }, [query, practiceId]);
  const filter = useMemo(() => filterFromSearch(new URLSearchParams(restoring ? saved! : query), defaults), [restoring, saved, query, defaults]);
  const set = (patch: Partial<ClaimListFilter>, options: { replace?: boolean } = {}) => {
    const next = filterToSearch({ ...filter, ...patch });
    navigate(`${path}?${next}`, options);
  };
  return [filter, set] as const;
}

export function WorkListPage() {
  const { viewer } = useViewer();
  const today = todayIn(viewer.practice.timezone);
  const defaults = useMemo(() => presetRange("last-month", today), [today]);
  const [filter, setFilter] = useClaimFilter(viewer.practice.id, defaults);
  const variables = filterVariables(filter);

  const options = useQuery(ClaimFilterOptionsDocument);
  const member = useQuery(ClaimFilterClientDocument, { variables: { id: filter.clientId }, skip: !filter.clientId });
  const totals = useQuery(ClaimLinesTotalsDocument, { variables, fetchPolicy: "cache-and-network" });
  const { data, loading, error, refetch, fetchMore } = useQuery(ClaimLinesDocument, {
    variables: { ...variables, status: filter.status || null, first: PAGE_SIZE },
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const [loadingMore, setLoadingMore] = useState(false);

  async function loadMore() {
    if (!data?.claimDecisions.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: data.claimDecisions.pageInfo.endCursor },
        updateQuery: (prev, { fetchMoreResult }) => ({
          claimDecisions: { ...fetchMoreResult.claimDecisions, edges: [...prev.claimDecisions.edges, ...fetchMoreResult.claimDecisions.edges] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  }

  const lines = data?.claimDecisions.edges.map((e) => e.node) ?? [];
  const summary = totals.data?.claimSummary;
  const shown = filter.status ? summary?.byStatus.find((s) => s.status === filter.status) : summary;
  const activePreset = presetMatching(filter, today);

  return (
    <>
      <PageHeader title="Claims" subtitle="Every claim line of the dates chosen: find what blocks billing, payer by payer." actions={<Link to="/batches">Claim batches</Link>} />
      <form className="card" role="search" aria-label="Filter claim lines" onSubmit={(e) => e.preventDefault()}>
        <div className="presets" role="group" aria-label="Service dates">
          {PRESETS.map((p) => (
            <button key={p.id} type="button" className="button button--small" aria-pressed={activePreset === p.id} onClick={() => setFilter(presetRange(p.id, today))}>
              {p.label}
            </button>
          ))}
        </div>
        <div className="filters--claims">
          <DateInput label="From" value={filter.from} onApply={(from) => setFilter({ from })} invalidIf={(from) => (from > filter.to ? "This is after the last date." : null)} />
          <DateInput label="To" value={filter.to} onApply={(to) => setFilter({ to })} invalidIf={(to) => (to < filter.from ? "This is before the first date." : null)} />
          <Field label="Status">
            {(p) => (
              <select {...p} value={filter.status} onChange={(e) => setFilter({ status: e.target.value as ClaimStatus | "" })}>
                <option value="">All statuses</option>
                <EnumOptions labels={STATUS_LABELS} />
              </select>
            )}
          </Field>
          <Field label="Reason">
            {(p) => (
              <select {...p} value={reasonOf(filter)} onChange={(e) => setFilter(withReason(filter, e.target.value))}>
                <option value="">Any reason</option>
                <optgroup label="Blocks the line">
                  {Object.entries(ISSUE_LABELS)
                    .filter(([code]) => !WARNING_ONLY_CODES.has(code))
                    .map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                </optgroup>
                <optgroup label="Warns only">
                  {Object.entries(ISSUE_LABELS)
                    .filter(([code]) => WARNING_ONLY_CODES.has(code))
                    .map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                </optgroup>
              </select>
            )}
          </Field>
          <OptionSelect label="Payer" anyLabel="All payers" value={filter.payerId} options={options.data?.payers} onChange={(payerId) => setFilter({ payerId })} />
          <OptionSelect label="Clinician" anyLabel="All clinicians" value={filter.clinicianId} options={options.data?.clinicians} onChange={(clinicianId) => setFilter({ clinicianId })} />
          <OptionSelect label="Group" anyLabel="All groups" value={filter.groupId} options={options.data?.groups} onChange={(groupId) => setFilter({ groupId })} />
          <SearchInput value={filter.search} onApply={(search) => setFilter({ search }, { replace: true })} />
        </div>
        {filter.flaggedBy && !WARNING_ONLY_CODES.has(filter.flaggedBy) && (
          <p>
            <span className="chip">
              Flagged: {ISSUE_LABELS[filter.flaggedBy] ?? filter.flaggedBy}
              <button type="button" className="button button--small button--ghost" onClick={() => setFilter({ flaggedBy: "" })} aria-label="Show lines with any issue">
                ×
              </button>
            </span>
          </p>
        )}
        {filter.clientId && (
          <p>
            <span className="chip">
              Member: {member.data?.client ? memberName(member.data.client) : member.loading ? "…" : "not in this practice"}
              <button type="button" className="button button--small button--ghost" onClick={() => setFilter({ clientId: "" })} aria-label="Show every member">
                ×
              </button>
            </span>
          </p>
        )}
      </form>

      <p className="totals" aria-live="polite">
        {totals.error ? (
          <span>The totals could not be loaded.</span>
        ) : shown ? (
          <>
            <span>
              {shown.lineCount} line{shown.lineCount === 1 ? "" : "s"}
              {filter.status ? ` ${STATUS_LABELS[filter.status].toLowerCase()}` : ""}
            </span>
            <span>{formatCents(shown.chargeCents)}</span>
            {!filter.status &&
              summary?.byStatus.map((s) => (
                <Link key={s.status} to={claimsHref({ ...filter, status: s.status })}>
                  {s.lineCount} {STATUS_LABELS[s.status].toLowerCase()}
                </Link>
              ))}
          </>
        ) : (
          <span>Adding up…</span>
        )}
      </p>

      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Loading claim lines" />
      ) : lines.length === 0 ? (
        <Empty title="No claim lines match.">Try other dates or fewer filters.</Empty>
      ) : (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Claim lines">
            <table className="table--compact">
              <thead>
                <tr>
                  <th scope="col">Service date</th>
                  <th scope="col">Group</th>
                  <th scope="col">Member</th>
                  <th scope="col">Clinician</th>
                  <th scope="col">Payer</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Charge
                  </th>
                  <th scope="col">Reasons</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr key={l.id} data-status={l.status} data-line={l.id}>
                    <td className="nowrap">
                      <Link to={`/sessions/${l.session.id}`}>{formatDate(l.session.date)}</Link>
                    </td>
                    <td>{l.session.group.name}</td>
                    <td>
                      <Link to={claimsHref({ ...filter, clientId: l.client.id })} aria-label={`Only the lines of ${memberName(l.client)}`}>
                        {memberName(l.client)}
                      </Link>
                    </td>
                    <td>{l.renderingProvider?.name ?? ""}</td>
                    <td>{l.payer?.name ?? <span className="muted">No coverage</span>}</td>
                    <td>
                      <StatusBadge status={l.status} />
                    </td>
                    <td className="num">{formatCents(l.totalChargeCents)}</td>
                    <td>
                      {l.issues.filter((i) => i.severity === "ERROR").length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <ul className="issues">
                          {l.issues
                            .filter((i) => i.severity === "ERROR")
                            .map((i, n) => (
                              <li key={`${i.code}-${n}`} className="issue issue--error">
                                {/* The short name keeps a row readable at tablet width; it links to the field that fixes it. */}
                                <ReasonLink issue={i} where={{ sessionId: l.session.id, clientId: l.client.id, payerId: l.payer?.id, clinicianId: l.renderingProvider?.id, groupId: l.session.group.id }} />
                              </li>
                            ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" aria-live="polite">
            Showing {lines.length} of {data?.claimDecisions.totalCount ?? 0} line{data?.claimDecisions.totalCount === 1 ? "" : "s"}.
          </p>
          {(data?.claimDecisions.staleDates ?? 0) > 0 && <StillRecomputing dates={data!.claimDecisions.staleDates} />}
          {data?.claimDecisions.pageInfo.hasNextPage && (
            <button type="button" className="button" onClick={() => void loadMore()} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Load more lines"}
            </button>
          )}
        </>
      )}
    </>
  );
}

function ReasonLink({ issue, where }: { issue: IssueRef & { code: ClaimIssueCode; message: string }; where: LineWhere }) {
  const { can } = useViewer();
  const { message } = issue;
  const label = ISSUE_LABELS[issue.code] ?? message;
  const fix = fixLinkFor(issue, where, can);
  if (!fix) return <span title={message}>{label}</span>;
  if (fix.to === null)
    return (
      <span title={message}>
        {label} <span className="muted small">({fix.label.charAt(0).toLowerCase() + fix.label.slice(1)})</span>
      </span>
    );
  return (
    <Link to={fix.to} title={message} aria-label={`${label}: ${fix.label.toLowerCase()}`}>
      {label}
    </Link>
  );
}

function OptionSelect({ label, anyLabel, value, options, onChange }: { label: string; anyLabel: string; value: string; options?: { id: string; name: string }[]; onChange: (id: string) => void }) {
  return (
    <Field label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{anyLabel}</option>
          {value && !options?.some((o) => o.id === value) && <option value={value}>(not in this practice)</option>}
          {(options ?? []).map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function SearchInput({ value, onApply }: { value: string; onApply: (text: string) => void }) {
  const [draft, setDraft] = useState(value);
  const applied = useRef(value);
  const latestOnApply = useRef(onApply);
  latestOnApply.current = onApply;
  useEffect(() => {
    applied.current = value;
    setDraft(value);
  }, [value]);
  useEffect(() => {
    if (draft === applied.current) return;
    const timer = window.setTimeout(() => {
      applied.current = draft;
      latestOnApply.current(draft);
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]);
  return (
    <Field label="Search" hint="Member or group name">
      {(p) => (
        <input
          {...p}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && draft !== applied.current) {
              e.preventDefault();
              applied.current = draft;
              onApply(draft);
            }
          }}
        />
      )}
    </Field>
  );
}

