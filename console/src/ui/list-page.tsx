import { useState, type ReactNode } from "react";
import { Empty, ErrorMessage, Loading, PageHeader } from "./ui";

/**
 * A list page's title, the action that opens its create form (for roles that may create), and that form while it is
 * open. The form calls `done` when saved or cancelled; what it passes (a name, a message) goes to `onCreated`.
 */
export function ListHeader<T = never>({ title, subtitle, createLabel, canCreate, createForm, onCreated }: {
  title: string;
  subtitle: ReactNode;
  createLabel: string;
  canCreate: boolean;
  createForm: (done: (result?: T) => void) => ReactNode;
  onCreated?: (result?: T) => void;
}) {
  const [creating, setCreating] = useState(false);
  const done = (result?: T) => {
    setCreating(false);
    onCreated?.(result);
  };
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          canCreate && !creating ? (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              {createLabel}
            </button>
          ) : undefined
        }
      />
      {creating && createForm(done)}
    </>
  );
}

/** The three states every list passes through before it has rows to show. */
export function QueryState({ loading, error, empty, what, emptyTitle, emptyHint, onRetry, children }: {
  loading: boolean;
  error: unknown;
  empty: boolean;
  what: string;
  emptyTitle: string;
  emptyHint?: ReactNode;
  onRetry: () => void;
  children: () => ReactNode;
}) {
  if (loading) return <Loading what={`Loading ${what}`} />;
  if (error) return <ErrorMessage error={error} onRetry={onRetry} />;
  if (empty) return <Empty title={emptyTitle}>{emptyHint}</Empty>;
  return <>{children()}</>;
}

/** A page of a connection, as the API returns it: what LoadMore needs to say how much is shown and whether there is more. */
export interface ConnectionPage {
  edges: readonly unknown[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
}

/** The end of a paged list: how much is shown, and a button for the next page while there is one. */
export function LoadMore({ page, loading, label, onLoadMore }: { page: ConnectionPage; loading: boolean; label: string; onLoadMore: () => void }) {
  return (
    <>
      <p className="muted" aria-live="polite">
        {page.edges.length} of {page.totalCount}
      </p>
      {page.pageInfo.hasNextPage && (
        <button type="button" className="button" disabled={loading} onClick={onLoadMore}>
          {loading ? "Loading…" : label}
        </button>
      )}
    </>
  );
}

/** A column's heading: its words, or its words and how they show (a right-aligned amount, a hint, a heading only screen readers need). */
export type Column = string | { label: string; numeric?: boolean; hint?: string; hidden?: boolean };

/**
 * A list's table: in a scroll region the keyboard reaches and screen readers name, with one row of column headings.
 * A falsy column is left out (the actions a role does not have).
 */
export function DataTable({ label, columns, className, children }: { label: string; columns: (Column | false | null | undefined)[]; className?: string; children: ReactNode }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table className={className}>
        <thead>
          <tr>
            {columns
              .filter((c): c is Column => Boolean(c))
              .map((c) => (typeof c === "string" ? { label: c } : c))
              .map((c) => (
                <th key={c.label} scope="col" className={c.numeric ? "num" : undefined} title={c.hint}>
                  {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
