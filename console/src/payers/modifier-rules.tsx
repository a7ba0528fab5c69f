import { Field } from "../ui/ui";
import { MODIFIER_WHEN_LABELS } from "../lib/labels";
import { rulePath, useRuleForm } from "./rule-controls";
import { QUICK_MODIFIERS, moveRow, newRowKey, type CredentialRow, type ModifierRow } from "./rules-form";
import { EnumOptions } from "../ui/enum-options";

const LIST = rulePath("modifierRules");

/** The payer's modifiers in claim order, each with when it applies; common ones one click away. */
export function ModifierRules() {
  const { form, update, errors, touch } = useRuleForm();
  const rows = form.modifierRules;
  // Rows that move, come or go change every row's index: the messages about them no longer point at the right row.
  const setRows = (next: ModifierRow[]) => {
    update({ modifierRules: next });
    touch(LIST);
  };
  const hasModifier = (modifier: string) => rows.some((m) => m.modifier.toUpperCase() === modifier);
  return (
    <fieldset className="rule-group rule-group--wide">
      <legend>Modifiers, in claim order</legend>
      {rows.length === 0 ? (
        <p className="muted">No modifiers. Lines go out with 90853 alone.</p>
      ) : (
        <ol className="modifier-list">
          {rows.map((row, i) => (
            <ModifierRowFields key={row.key} row={row} index={i} count={rows.length} onMove={(to) => setRows(moveRow(rows, i, to))} onRemove={() => setRows(rows.filter((r) => r.key !== row.key))} />
          ))}
        </ol>
      )}
      {errors[LIST] && <p className="field__error">{errors[LIST]}</p>}
      <div className="button-row">
        {QUICK_MODIFIERS.map((q) => (
          <button key={q.modifier} type="button" className="button button--small" disabled={hasModifier(q.modifier)} onClick={() => setRows([...rows, { key: newRowKey(), modifier: q.modifier, when: q.when }])}>
            + {q.label}
          </button>
        ))}
        <button type="button" className="button button--small" onClick={() => setRows([...rows, { key: newRowKey(), modifier: "", when: "ALWAYS" }])}>
          + Other modifier
        </button>
      </div>
    </fieldset>
  );
}

function ModifierRowFields({ row, index: i, count, onMove, onRemove }: { row: ModifierRow; index: number; count: number; onMove: (to: number) => void; onRemove: () => void }) {
  const { form, update, errors, field } = useRuleForm();
  const path = `${LIST}[${i}]`;
  const set = (patch: Partial<ModifierRow>) => update({ modifierRules: form.modifierRules.map((r) => (r.key === row.key ? { ...r, ...patch } : r)) });
  const name = row.modifier || "modifier";
  return (
    <li className="modifier-row">
      <span className="modifier-row__index" aria-hidden="true">
        {i + 1}
      </span>
      <Field label={`Modifier ${i + 1}`} {...field(`${path}.modifier`)} className="field--compact">
        {(p) => <input {...p} className="input--code" maxLength={2} value={row.modifier} onChange={(e) => set({ modifier: e.target.value.toUpperCase() })} />}
      </Field>
      <Field label="Applies" {...field(`${path}.when`)} className="field--compact">
        {(p) => (
          <select {...p} value={row.when} onChange={(e) => set({ when: e.target.value as ModifierRow["when"] })}>
            <EnumOptions labels={MODIFIER_WHEN_LABELS} />
          </select>
        )}
      </Field>
      <div className="modifier-row__actions">
        <button type="button" className="button button--icon" aria-label={`Move ${name} up`} disabled={i === 0} onClick={() => onMove(i - 1)}>
          ↑
        </button>
        <button type="button" className="button button--icon" aria-label={`Move ${name} down`} disabled={i === count - 1} onClick={() => onMove(i + 1)}>
          ↓
        </button>
        <button type="button" className="button button--icon button--danger" aria-label={`Remove ${name}`} onClick={onRemove}>
          ×
        </button>
      </div>
      {errors[path] && <p className="field__error modifier-row__error">{errors[path]}</p>}
    </li>
  );
}

const CREDENTIALS = rulePath("credentialModifiers");

/** Modifiers added by the rendering clinician's credential (LCSW → AJ), after the payer's own. */
export function CredentialModifierRules() {
  const { form, update, errors, field, touch } = useRuleForm();
  const rows = form.credentialModifiers;
  const setRows = (next: CredentialRow[]) => {
    update({ credentialModifiers: next });
    touch(CREDENTIALS);
  };
  return (
    <fieldset className="rule-group rule-group--wide">
      <legend>Modifiers by the rendering clinician's credential</legend>
      {rows.length === 0 ? (
        <p className="muted">None. Added after the modifiers above, in this order (e.g. LCSW → AJ).</p>
      ) : (
        <ol className="modifier-list">
          {rows.map((row, i) => {
            const set = (patch: Partial<CredentialRow>) => update({ credentialModifiers: rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)) });
            const path = `${CREDENTIALS}[${i}]`;
            return (
              <li key={row.key} className="modifier-row">
                <Field label={`Credential ${i + 1}`} {...field(`${path}.credential`)} className="field--compact">
                  {(p) => <input {...p} className="input--short" value={row.credential} onChange={(e) => set({ credential: e.target.value.toUpperCase() })} />}
                </Field>
                <Field label={`Adds modifier ${i + 1}`} {...field(`${path}.modifier`)} className="field--compact">
                  {(p) => <input {...p} className="input--short" maxLength={2} value={row.modifier} onChange={(e) => set({ modifier: e.target.value.toUpperCase() })} />}
                </Field>
                <div className="modifier-row__actions">
                  <button type="button" className="button button--icon button--danger" aria-label={`Remove ${row.credential || "credential"} modifier`} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                    ×
                  </button>
                </div>
                {errors[path] && <p className="field__error modifier-row__error">{errors[path]}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {errors[CREDENTIALS] && <p className="field__error">{errors[CREDENTIALS]}</p>}
      <div className="button-row">
        <button type="button" className="button button--small" onClick={() => setRows([...rows, { key: newRowKey(), credential: "", modifier: "" }])}>
          + Credential modifier
        </button>
      </div>
    </fieldset>
  );
}
