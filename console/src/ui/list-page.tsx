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
