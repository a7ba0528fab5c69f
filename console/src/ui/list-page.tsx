import type { ReactNode } from "react";
import { Empty, ErrorMessage, Loading, PageHeader } from "./ui";

/** A page title whose action opens the page's create form, for roles that may create. */
export function ListHeader({ title, subtitle, createLabel, canCreate, creating, onCreate }: {
  title: string;
  subtitle: ReactNode;
  createLabel: string;
  canCreate: boolean;
  creating: boolean;
  onCreate: () => void;
}) {
  return (
    <PageHeader
      title={title}
      subtitle={subtitle}
      actions={
        canCreate && !creating ? (
          <button type="button" className="button button--primary" onClick={onCreate}>
            {createLabel}
          </button>
        ) : undefined
      }
    />
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

/** The end of a paged list: how much is shown, and a button for the next page while there is one. */
export function LoadMore({ shown, total, hasMore, loading, label, onLoadMore }: {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  label: string;
  onLoadMore: () => void;
}) {
  return (
    <>
      <p className="muted" aria-live="polite">
        {shown} of {total}
      </p>
      {hasMore && (
        <button type="button" className="button" disabled={loading} onClick={onLoadMore}>
          {loading ? "Loading…" : label}
        </button>
      )}
    </>
  );
}
