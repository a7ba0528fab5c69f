import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { errorCode, errorsUnder, fieldErrorsOf, messageOf, type FieldErrors } from "../lib/errors";
import type { ClaimStatus } from "../__generated__/graphql";
import { STATUS_LABELS } from "../lib/labels";

/** A label, its control, a hint and the server's message for that field, wired for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
  className,
  id: controlId,
  onEdit,
}: {
  /** The control's id when a link must reach it ("#session-length"); generated otherwise. */
  id?: string;
  /** Called when the control inside changes (useFieldErrors' `field(name)` passes one that hides the stale message). */
  onEdit?: () => void;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
  className?: string;
}) {
  const generatedId = useId();
  const id = controlId ?? generatedId;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}${className ? ` ${className}` : ""}`} onChange={onEdit}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox that reads as an on/off switch. */
export function Switch({
  label,
  checked,
  onChange,
  disabled,
  hint,
  id: controlId,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  disabled?: boolean;
  hint?: string;
  /** The control's id when a link must reach it ("#group-psychotherapy"); generated otherwise. */
  id?: string;
}) {
  const generatedId = useId();
  const id = controlId ?? generatedId;
  return (
    <div className="switch">
      <input id={id} type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="state state--loading" role="status">
      <span className="spinner" aria-hidden="true" /> {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty">
      <p className="state__title">{title}</p>
      {children && <div>{children}</div>}
    </div>
  );
}

/**
 * An error from a query or mutation, in words; CONFLICT gets its own explanation and an optional way out.
 * Not every CONFLICT is a concurrent edit (the last owner cannot step down, a duplicate NPI): those
 * screens pass their own heading, or null for none.
 */
export function ErrorMessage({
  error,
  onRetry,
  retryLabel = "Try again",
  conflictHeading = "Someone else changed this first.",
}: {
  error: unknown;
  onRetry?: () => void;
  retryLabel?: string;
  conflictHeading?: string | null;
}) {
  if (!error) return null;
  const conflict = errorCode(error) === "CONFLICT";
  return (
    <div className={`alert ${conflict ? "alert--warning" : "alert--error"}`} role="alert">
      {conflict && conflictHeading && <strong>{conflictHeading} </strong>}
      {messageOf(error)}
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          {retryLabel}
        </button>
      )}
    </div>
  );
}

export function Notice({ kind = "info", children }: { kind?: "info" | "success" | "warning"; children: ReactNode }) {
  return (
    <div className={`alert alert--${kind}`} role={kind === "success" ? "status" : undefined}>
      {children}
    </div>
  );
}

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return <span className={`badge badge--${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}

export function PageHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}

export function Section({ title, children, actions, id }: { title: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <div className="card__header">
        <h2 id={headingId}>{title}</h2>
        {actions && <div className="card__actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * A modal on the native <dialog>: focus moves in and is held by the browser, Escape closes it,
 * and focus returns where it was.
 */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

/** Whether a message about `field` is about `edited` too: the same path, a part of it, or the whole it is part of. */
function related(edited: string, field: string): boolean {
  const under = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return field === edited || under(field, edited) || under(edited, field);
}

/**
 * The server's field messages for the last save, minus those the user has since edited: a message
 * about a value that is no longer there only misleads. `touch(field)` hides that field's message, its parts'
 * (`diagnosisCodes[1]`) and the whole's it belongs to (`address` for `address.zip`). `field(name)` gives a Field
 * its message and the `onEdit` that hides it: `<Field label="ZIP" {...field("address.zip")}>`.
 */
export type FieldProps = (name: string) => { error?: string; onEdit: () => void };

export function useFieldErrors(error: unknown, local?: FieldErrors): [FieldErrors, (field: string) => void, FieldProps] {
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  // A new answer (or a new check before sending, `local`) is about the values as they are now.
  useEffect(() => setEdited(new Set()), [error, local]);
  const shown: FieldErrors = {};
  for (const [field, message] of Object.entries({ ...fieldErrorsOf(error), ...local })) if (![...edited].some((e) => related(e, field))) shown[field] = message;
  const touch = useCallback((field: string) => setEdited((s) => (s.has(field) ? s : new Set([...s, field]))), []);
  const field = (name: string) => ({ error: errorsUnder(shown, name), onEdit: () => touch(name) });
  return [shown, touch, field];
}

/** A status line that takes focus when it appears, so keyboard and screen-reader users land on the result of a save. */
export function SavedStatus({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} role="status" className="alert alert--success">
      {children}
    </p>
  );
}

/**
 * The end of a form: the save's error when no field's message carries it (those stand by their fields), then the
 * submit button, which says what it is doing while busy, and Cancel when the form can be left.
 */
export function FormFooter({ error, busy, submitLabel, busyLabel, onCancel }: { error: unknown; busy: boolean; submitLabel: string; busyLabel: string; onCancel?: () => void }) {
  return (
    <>
      {Boolean(error) && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
