import { useState, type FormEvent } from "react";
import type { PayerRulesFieldsFragment, PayerRulesInput } from "../__generated__/graphql";
import { fieldErrorsOf, type FieldErrors } from "../lib/errors";
import { formatDate } from "../lib/dates";
import { ErrorMessage, Field, Notice, useFieldErrors } from "../ui/ui";
import { ImpactPreview } from "./impact-preview";
import { CredentialModifierRules, ModifierRules } from "./modifier-rules";
import { RuleFormProvider } from "./rule-controls";
import { BillingRules, DocumentationRules, GroupSizeRules, SessionMinutesRules, TelehealthRules } from "./rule-sections";
import { formFromRules, rulesInputFrom, type RulesForm } from "./rules-form";
import { useRulesPreview, type PreviewRange } from "./use-rules-preview";

const NO_ERRORS: FieldErrors = {};

/**
 * The rule editor. A change is previewed first — how many existing lines it would block or
 * unblock, and which — and only a previewed change can be saved, as a new version.
 */
export function RuleEditor({
  payerId,
  rules,
  today,
  canEdit,
  onSaved,
}: {
  payerId: string;
  rules: PayerRulesFieldsFragment;
  today: string;
  canEdit: boolean;
  onSaved: (message: string | null) => void;
}) {
  const [form, setForm] = useState<RulesForm>(() => formFromRules(rules, today));
  const [range, setRange] = useState<PreviewRange>({ from: "", to: "" });
  // What the form's own check found before sending: numbers that are not numbers, a fee that is not dollars.
  const [localErrors, setLocalErrors] = useState<FieldErrors>(NO_ERRORS);
  const { input } = rulesInputFrom(form);
  const { preview, previewIsCurrent, runPreview, runSave, saving, error } = useRulesPreview(payerId, JSON.stringify({ input, range }));
  const [errors, touch, field] = useFieldErrors(error, localErrors);

  function update(patch: Partial<RulesForm>) {
    setForm((f) => ({ ...f, ...patch }));
    onSaved(null);
  }

  function checked(): PayerRulesInput | null {
    const { input: next, errors: local } = rulesInputFrom(form);
    setLocalErrors(local);
    return Object.keys(local).length > 0 ? null : next;
  }

  async function submitPreview(e: FormEvent) {
    e.preventDefault();
    const next = checked();
    if (next) await runPreview(next, range);
  }

  async function submitSave() {
    const next = checked();
    if (next && (await runSave(next))) onSaved(`Saved a new version, in force from ${formatDate(next.effectiveFrom ?? today)}.`);
  }

  const answered = { ...fieldErrorsOf(error), ...localErrors };
  return (
    <form className="rule-editor" onSubmit={submitPreview} aria-label="Payer rules">
      <fieldset disabled={!canEdit} className="plain">
        {!canEdit && <Notice>Only owners and admins change payer rules. You can read them here.</Notice>}
        <RuleFormProvider value={{ form, update, errors, answered, field, touch }}>
          <div className="rule-grid">
            <GroupSizeRules />
            <SessionMinutesRules />
            <TelehealthRules />
            <DocumentationRules />
            <BillingRules />
            <ModifierRules />
            <CredentialModifierRules />
          </div>
        </RuleFormProvider>
        {canEdit && (
          <div className="preview-bar">
            <div className="inline-fields">
              <Field label="Preview from" hint="Empty: from the rules' start">
                {(p) => <input {...p} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />}
              </Field>
              <Field label="Preview to" hint="Empty: today">
                {(p) => <input {...p} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />}
              </Field>
            </div>
            <div className="button-row">
              <button type="submit" className="button" disabled={preview.status === "loading"}>
                {preview.status === "loading" ? "Checking…" : "Preview impact"}
              </button>
              <button type="button" className="button button--primary" disabled={!previewIsCurrent || saving} onClick={() => void submitSave()}>
                {saving ? "Saving…" : "Save new version"}
              </button>
            </div>
          </div>
        )}
      </fieldset>

      {canEdit && !previewIsCurrent && preview.status !== "loading" && <p className="muted">Preview the impact of your change before saving it.</p>}
      {Object.keys(errors).length > 0 && <p className="field__error" role="alert">Fix the fields marked above.</p>}
      {Boolean(error) && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
      {preview.status === "done" && <ImpactPreview impact={preview.impact} stale={!previewIsCurrent} />}
    </form>
  );
}
