import { useEffect, useState } from "react";
import { formatDateInput, parseDateInput } from "../lib/date-input";
import { Field } from "./ui";

/**
 * A date typed as MM/DD/YYYY (or YYYY-MM-DD, or 10012026): the list changes when the field is left or Enter is
 * pressed, never on each keystroke, and a date that cannot be read says so instead of guessing.
 */
export function DateInput({
  label,
  value,
  onApply,
  invalidIf,
  error: serverError,
  onEdit,
}: {
  label: string;
  value: string;
  onApply: (iso: string) => void;
  invalidIf?: (iso: string) => string | null;
  /** The server's message for this field, shown unless the typed text has its own problem. */
  error?: string;
  /** Called on each keystroke (useFieldErrors' `field(name)` passes one that hides the server's stale message). */
  onEdit?: () => void;
}) {
  const [draft, setDraft] = useState(formatDateInput(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(formatDateInput(value));
    setError(null);
  }, [value]);

  function apply() {
    const iso = parseDateInput(draft);
    if (!iso) {
      setError("Type a date as MM/DD/YYYY.");
      return;
    }
    const problem = invalidIf?.(iso) ?? null;
    setError(problem);
    if (problem) return;
    setDraft(formatDateInput(iso));
    if (iso !== value) onApply(iso);
  }

  return (
    <Field label={label} hint="MM/DD/YYYY" error={error ?? serverError} onEdit={onEdit}>
      {(p) => (
        <input
          {...p}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (error) setError(null);
          }}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
            }
          }}
        />
      )}
    </Field>
  );
}

