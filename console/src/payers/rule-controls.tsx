import { createContext, useContext, type ReactNode } from "react";
import type { FieldErrors } from "../lib/errors";
import { Field, Switch, type FieldProps } from "../ui/ui";
import type { RulesForm } from "./rules-form";

/**
 * What every section of the rule editor works on: the form, a way to change it, and the field messages still
 * about the values shown (`field(path)` gives a Field its message and the edit that hides it; `touch(path)` hides
 * it for controls that are not a Field). Shared through context so that a section names only its own rules.
 */
export interface RuleFormState {
  form: RulesForm;
  update: (patch: Partial<RulesForm>) => void;
  /** The messages still about the values shown. */
  errors: FieldErrors;
  /** Every message of the last check or answer, edited since or not. */
  answered: FieldErrors;
  field: FieldProps;
  touch: (path: string) => void;
}

const RuleFormContext = createContext<RuleFormState | null>(null);

export function RuleFormProvider({ value, children }: { value: RuleFormState; children: ReactNode }) {
  return <RuleFormContext.Provider value={value}>{children}</RuleFormContext.Provider>;
}

export function useRuleForm(): RuleFormState {
  const state = useContext(RuleFormContext);
  if (!state) throw new Error("useRuleForm is used outside the rule editor");
  return state;
}

/** The path of a rule in the API's messages (`rules.minGroupSize`). */
export const rulePath = (apiField: string) => `rules.${apiField}`;

type KeysOf<V> = { [K in keyof RulesForm]: RulesForm[K] extends V ? K : never }[keyof RulesForm];
type TextKey = KeysOf<string>;
type FlagKey = KeysOf<boolean>;

/** A whole number typed as text: the form's field and the API's have the same name. */
export function CountField({ name, label, hint }: { name: TextKey; label: string; hint?: string }) {
  const { form, update, field } = useRuleForm();
  return (
    <Field label={label} hint={hint} {...field(rulePath(name))}>
      {(p) => <input {...p} inputMode="numeric" className="input--short" value={form[name]} onChange={(e) => update({ [name]: e.target.value })} />}
    </Field>
  );
}

/** Dollars as typed, for a fee the API takes in cents (`apiField`). */
export function MoneyField({ name, apiField, label }: { name: TextKey; apiField: string; label: string }) {
  const { form, update, field } = useRuleForm();
  return (
    <Field label={label} {...field(rulePath(apiField))}>
      {(p) => (
        <span className="input-prefix">
          <span aria-hidden="true">$</span>
          <input {...p} inputMode="decimal" className="input--medium" value={form[name]} onChange={(e) => update({ [name]: e.target.value })} />
        </span>
      )}
    </Field>
  );
}

/** An on/off rule with the server's message about it, which goes once it is switched. */
export function RuleSwitch({ name, label, hint }: { name: FlagKey; label: string; hint?: string }) {
  const { form, update, errors, touch } = useRuleForm();
  const error = errors[rulePath(name)];
  return (
    <>
      <Switch
        label={label}
        hint={hint}
        checked={form[name]}
        onChange={(v) => {
          update({ [name]: v });
          touch(rulePath(name));
        }}
      />
      {error && <p className="field__error">{error}</p>}
    </>
  );
}
