import { useState, type FormEvent } from "react";
import { useApolloClient, useMutation } from "@apollo/client/react";
import type { NoteElement, PayerRulesFieldsFragment, PayerRulesInput, PreviewPayerRulesQuery } from "../__generated__/graphql";
import { Link } from "../app/router";
import { errorsUnder, fieldErrorsOf, type FieldErrors } from "../lib/errors";
import { SINCE_ALWAYS, formatDate } from "../lib/dates";
import { formatCents } from "../lib/money";
import { ISSUE_LABELS, MODIFIER_WHEN_LABELS, NOTE_ELEMENT_LABELS } from "../lib/labels";
import { ErrorMessage, Field, Notice, StatusBadge, Switch } from "../ui/ui";
import { PreviewPayerRulesDocument, SetPayerRulesDocument } from "./payers.documents";
import {
  MODIFIER_CONDITIONS,
  NOTE_ELEMENTS,
  QUICK_MODIFIERS,
  formFromRules,
  moveRow,
  newRowKey,
  rulesInputFrom,
  type RulesForm,
} from "./rules-form";

type Impact = PreviewPayerRulesQuery["previewPayerRules"];

type PreviewState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "done"; impact: Impact; key: string }
  | { status: "error"; error: unknown };

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
  const client = useApolloClient();
  const [form, setForm] = useState<RulesForm>(() => formFromRules(rules, today));
  const [range, setRange] = useState({ from: "", to: "" });
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const [preview, setPreview] = useState<PreviewState>({ status: "idle" });
  const [save, saving] = useMutation(SetPayerRulesDocument);

  const serverErrors = { ...fieldErrorsOf(preview.status === "error" ? preview.error : undefined), ...fieldErrorsOf(saving.error) };
  const errors: FieldErrors = { ...serverErrors, ...localErrors };
  const { input } = rulesInputFrom(form);
  const key = JSON.stringify({ input, range });
  const previewIsCurrent = preview.status === "done" && preview.key === key;

  function update(patch: Partial<RulesForm>) {
    setForm((f) => ({ ...f, ...patch }));
    onSaved(null);
  }

  function checked(): PayerRulesInput | null {
    const { input: next, errors: local } = rulesInputFrom(form);
    setLocalErrors(local);
    return Object.keys(local).length > 0 ? null : next;
  }

  async function runPreview(e?: FormEvent) {
    e?.preventDefault();
    const next = checked();
    if (!next) return;
    saving.reset();
    setPreview({ status: "loading" });
    try {
      const { data } = await client.query({
        query: PreviewPayerRulesDocument,
        variables: { payerId, rules: next, from: range.from || null, to: range.to || null },
        fetchPolicy: "network-only",
      });
      if (data) setPreview({ status: "done", impact: data.previewPayerRules, key });
    } catch (error) {
      setPreview({ status: "error", error });
    }
  }

  async function runSave() {
    const next = checked();
    if (!next || !previewIsCurrent) return;
    try {
      const { data } = await save({ variables: { payerId, rules: next } });
      if (data) {
        setPreview({ status: "idle" });
        onSaved(`Saved a new version, in force from ${formatDate(next.effectiveFrom ?? today)}.`);
      }
    } catch {
      // shown from saving.error
    }
  }

  const err = (field: string) => errors[`rules.${field}`];
  const hasModifier = (modifier: string) => form.modifierRules.some((m) => m.modifier.toUpperCase() === modifier);

  return (
    <form className="rule-editor" onSubmit={runPreview} aria-label="Payer rules">
      <fieldset disabled={!canEdit} className="plain">
        {!canEdit && <Notice>Only owners and admins change payer rules. You can read them here.</Notice>}
        <div className="rule-grid">
          <fieldset className="rule-group">
            <legend>Group size</legend>
            <div className="inline-fields">
              <Field label="Minimum members" error={err("minGroupSize")}>
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.minGroupSize} onChange={(e) => update({ minGroupSize: e.target.value })} />}
              </Field>
              <Field label="Maximum members" error={err("maxGroupSize")}>
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.maxGroupSize} onChange={(e) => update({ maxGroupSize: e.target.value })} />}
              </Field>
            </div>
          </fieldset>

          <fieldset className="rule-group">
            <legend>Session minutes</legend>
            <div className="inline-fields">
              <Field label="Minimum" error={err("minSessionMinutes")} hint="Empty: no minimum">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.minSessionMinutes} onChange={(e) => update({ minSessionMinutes: e.target.value })} />}
              </Field>
              <Field label="Maximum" error={err("maxSessionMinutes")} hint="Longer sessions get a warning">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.maxSessionMinutes} onChange={(e) => update({ maxSessionMinutes: e.target.value })} />}
              </Field>
            </div>
            <div className="inline-fields">
              <Field label="Each member attends at least (minutes)" error={err("minAttendedMinutes")} hint="Empty: no minimum">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.minAttendedMinutes} onChange={(e) => update({ minAttendedMinutes: e.target.value })} />}
              </Field>
              <Field label="…and at least (% of the session)" error={err("minAttendedPercent")} hint="Empty: no minimum. Minutes come from the session's attendance.">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.minAttendedPercent} onChange={(e) => update({ minAttendedPercent: e.target.value })} />}
              </Field>
            </div>
          </fieldset>

          <fieldset className="rule-group">
            <legend>Telehealth</legend>
            <Switch label="Video sessions covered" checked={form.telehealthVideoAllowed} onChange={(v) => update({ telehealthVideoAllowed: v })} />
            {err("telehealthVideoAllowed") && <p className="field__error">{err("telehealthVideoAllowed")}</p>}
            <Switch label="Audio-only sessions covered" checked={form.telehealthAudioAllowed} onChange={(v) => update({ telehealthAudioAllowed: v })} />
            {err("telehealthAudioAllowed") && <p className="field__error">{err("telehealthAudioAllowed")}</p>}
            <Field label="Telehealth place of service" error={err("telehealthPlaceOfService")}>
              {(p) => (
                <select {...p} value={form.telehealthPlaceOfService} onChange={(e) => update({ telehealthPlaceOfService: e.target.value })}>
                  <option value="02">02 — not in the patient's home</option>
                  <option value="10">10 — in the patient's home</option>
                  {!["02", "10"].includes(form.telehealthPlaceOfService) && <option value={form.telehealthPlaceOfService}>{form.telehealthPlaceOfService}</option>}
                </select>
              )}
            </Field>
            <Switch
              label="Place of service by where the member joined from"
              hint="10 for a member at home, 02 elsewhere, as the session's attendance records it; members without a recorded location get the place of service above."
              checked={form.telehealthPosByLocation}
              onChange={(v) => update({ telehealthPosByLocation: v })}
            />
            {err("telehealthPosByLocation") && <p className="field__error">{err("telehealthPosByLocation")}</p>}
          </fieldset>

          <fieldset className="rule-group">
            <legend>Documentation and leader</legend>
            <Switch label="Member's note must be signed" checked={form.requireSignedNote} onChange={(v) => update({ requireSignedNote: v })} />
            <Switch label="Leader must hold a current license" checked={form.requireLicensedLeader} onChange={(v) => update({ requireLicensedLeader: v })} />
            <Switch
              label="Warn when documentation reads as a class"
              hint="Didactic words (lecture, presentation, video, handout, class) with no therapeutic intervention named, in the session's documentation or a member's note."
              checked={form.warnClassLikeDocumentation}
              onChange={(v) => update({ warnClassLikeDocumentation: v })}
            />
            {err("warnClassLikeDocumentation") && <p className="field__error">{err("warnClassLikeDocumentation")}</p>}
            <div className="inline-fields">
              <Field label="Sign notes within (days after the session)" error={err("signWithinDays")} hint="Empty: no deadline. 0: the same day.">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.signWithinDays} onChange={(e) => update({ signWithinDays: e.target.value })} />}
              </Field>
              <Field label="A late signature" error={err("lateSignatureSeverity")}>
                {(p) => (
                  <select {...p} value={form.lateSignatureSeverity} onChange={(e) => update({ lateSignatureSeverity: e.target.value as RulesForm["lateSignatureSeverity"] })}>
                    <option value="WARNING">warns (the line can still be billed)</option>
                    <option value="ERROR">blocks the line</option>
                  </select>
                )}
              </Field>
            </div>
            <p className="group-label" id="required-elements-label">
              Required note sections
            </p>
            <div className="checkbox-row" role="group" aria-labelledby="required-elements-label">
              {NOTE_ELEMENTS.map((el) => (
                <label key={el} className="checkbox">
                  <input
                    type="checkbox"
                    checked={form.requiredNoteElements.includes(el)}
                    onChange={(e) =>
                      update({
                        requiredNoteElements: NOTE_ELEMENTS.filter((x) => (x === el ? e.target.checked : form.requiredNoteElements.includes(x))) as NoteElement[],
                      })
                    }
                  />
                  {NOTE_ELEMENT_LABELS[el]}
                </label>
              ))}
            </div>
            {errorsUnder(errors, "rules.requiredNoteElements") && <p className="field__error">{errorsUnder(errors, "rules.requiredNoteElements")}</p>}
          </fieldset>

          <fieldset className="rule-group">
            <legend>Billing</legend>
            <div className="inline-fields">
              <Field label="Units a day per member" error={err("maxUnitsPerDay")}>
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.maxUnitsPerDay} onChange={(e) => update({ maxUnitsPerDay: e.target.value })} />}
              </Field>
              <Field label="Fee per line (USD)" error={err("feeCents")}>
                {(p) => (
                  <span className="input-prefix">
                    <span aria-hidden="true">$</span>
                    <input {...p} inputMode="decimal" className="input--medium" value={form.fee} onChange={(e) => update({ fee: e.target.value })} />
                  </span>
                )}
              </Field>
            </div>
            <div className="inline-fields">
              <Field label="Units a week per member" error={err("maxUnitsPerWeek")} hint="Sunday to Saturday. Empty: no weekly limit.">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.maxUnitsPerWeek} onChange={(e) => update({ maxUnitsPerWeek: e.target.value })} />}
              </Field>
              <Field label="Units a month per member" error={err("maxUnitsPerMonth")} hint="Calendar month of the session. Empty: no monthly limit.">
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.maxUnitsPerMonth} onChange={(e) => update({ maxUnitsPerMonth: e.target.value })} />}
              </Field>
              <Field
                label="Timely filing (days after the session)"
                error={err("timelyFilingDays")}
                hint="The last day to file is the session's date plus these days. Unbilled lines warn from 14 days before it and are blocked after it. Empty: no limit."
              >
                {(p) => <input {...p} inputMode="numeric" className="input--short" value={form.timelyFilingDays} onChange={(e) => update({ timelyFilingDays: e.target.value })} />}
              </Field>
            </div>
            <Switch
              label="Requires prior authorization"
              hint="Each member needs an authorization from this payer in force on the session's date with units left (Clients → the member → Prior authorizations)."
              checked={form.requirePriorAuthorization}
              onChange={(v) => update({ requirePriorAuthorization: v })}
            />
            {err("requirePriorAuthorization") && <p className="field__error">{err("requirePriorAuthorization")}</p>}
            <Switch
              label="Pays interactive complexity (90785)"
              hint="A member whose attendance flags interactive complexity gets a second line, 90785, on the same claim with the same modifiers and place of service. Without it, the flag warns that the claim goes out with 90853 alone."
              checked={form.allowInteractiveComplexity}
              onChange={(v) => update({ allowInteractiveComplexity: v })}
            />
            {err("allowInteractiveComplexity") && <p className="field__error">{err("allowInteractiveComplexity")}</p>}
            {(form.allowInteractiveComplexity || err("interactiveComplexityFeeCents")) && (
              <Field label="Fee for 90785 (USD)" error={err("interactiveComplexityFeeCents")}>
                {(p) => (
                  <span className="input-prefix">
                    <span aria-hidden="true">$</span>
                    <input {...p} inputMode="decimal" className="input--medium" value={form.interactiveComplexityFee} onChange={(e) => update({ interactiveComplexityFee: e.target.value })} />
                  </span>
                )}
              </Field>
            )}
            <Field label="Effective from (service date)" error={err("effectiveFrom")} hint="The new version applies to sessions on and after this date.">
              {(p) => <input {...p} type="date" value={form.effectiveFrom} onChange={(e) => update({ effectiveFrom: e.target.value })} />}
            </Field>
          </fieldset>

          <fieldset className="rule-group rule-group--wide">
            <legend>Modifiers, in claim order</legend>
            {form.modifierRules.length === 0 ? (
              <p className="muted">No modifiers. Lines go out with 90853 alone.</p>
            ) : (
              <ol className="modifier-list">
                {form.modifierRules.map((row, i) => {
                  const rowError = errors[`rules.modifierRules[${i}]`];
                  return (
                    <li key={row.key} className="modifier-row">
                      <span className="modifier-row__index" aria-hidden="true">
                        {i + 1}
                      </span>
                      <Field label={`Modifier ${i + 1}`} error={errors[`rules.modifierRules[${i}].modifier`]} className="field--compact">
                        {(p) => (
                          <input
                            {...p}
                            className="input--code"
                            maxLength={2}
                            value={row.modifier}
                            onChange={(e) => update({ modifierRules: form.modifierRules.map((r) => (r.key === row.key ? { ...r, modifier: e.target.value.toUpperCase() } : r)) })}
                          />
                        )}
                      </Field>
                      <Field label="Applies" error={errors[`rules.modifierRules[${i}].when`]} className="field--compact">
                        {(p) => (
                          <select
                            {...p}
                            value={row.when}
                            onChange={(e) =>
                              update({ modifierRules: form.modifierRules.map((r) => (r.key === row.key ? { ...r, when: e.target.value as RulesForm["modifierRules"][number]["when"] } : r)) })
                            }
                          >
                            {MODIFIER_CONDITIONS.map((c) => (
                              <option key={c} value={c}>
                                {MODIFIER_WHEN_LABELS[c]}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <div className="modifier-row__actions">
                        <button type="button" className="button button--icon" aria-label={`Move ${row.modifier || "modifier"} up`} disabled={i === 0} onClick={() => update({ modifierRules: moveRow(form.modifierRules, i, i - 1) })}>
                          ↑
                        </button>
                        <button
                          type="button"
                          className="button button--icon"
                          aria-label={`Move ${row.modifier || "modifier"} down`}
                          disabled={i === form.modifierRules.length - 1}
                          onClick={() => update({ modifierRules: moveRow(form.modifierRules, i, i + 1) })}
                        >
                          ↓
                        </button>
                        <button type="button" className="button button--icon button--danger" aria-label={`Remove ${row.modifier || "modifier"}`} onClick={() => update({ modifierRules: form.modifierRules.filter((r) => r.key !== row.key) })}>
                          ×
                        </button>
                      </div>
                      {rowError && <p className="field__error modifier-row__error">{rowError}</p>}
                    </li>
                  );
                })}
              </ol>
            )}
            {errors["rules.modifierRules"] && <p className="field__error">{errors["rules.modifierRules"]}</p>}
            <div className="button-row">
              {QUICK_MODIFIERS.map((q) => (
                <button
                  key={q.modifier}
                  type="button"
                  className="button button--small"
                  disabled={hasModifier(q.modifier)}
                  onClick={() => update({ modifierRules: [...form.modifierRules, { key: newRowKey(), modifier: q.modifier, when: q.when }] })}
                >
                  + {q.label}
                </button>
              ))}
              <button type="button" className="button button--small" onClick={() => update({ modifierRules: [...form.modifierRules, { key: newRowKey(), modifier: "", when: "ALWAYS" }] })}>
                + Other modifier
              </button>
            </div>
          </fieldset>

          <fieldset className="rule-group rule-group--wide">
            <legend>Modifiers by the rendering clinician's credential</legend>
            {form.credentialModifiers.length === 0 ? (
              <p className="muted">None. Added after the modifiers above, in this order (e.g. LCSW → AJ).</p>
            ) : (
              <ol className="modifier-list">
                {form.credentialModifiers.map((row, i) => {
                  const set = (patch: Partial<typeof row>) => update({ credentialModifiers: form.credentialModifiers.map((r) => (r.key === row.key ? { ...r, ...patch } : r)) });
                  const rowError = errors[`rules.credentialModifiers[${i}]`];
                  return (
                    <li key={row.key} className="modifier-row">
                      <Field label={`Credential ${i + 1}`} error={errors[`rules.credentialModifiers[${i}].credential`]} className="field--compact">
                        {(p) => <input {...p} className="input--short" value={row.credential} onChange={(e) => set({ credential: e.target.value.toUpperCase() })} />}
                      </Field>
                      <Field label={`Adds modifier ${i + 1}`} error={errors[`rules.credentialModifiers[${i}].modifier`]} className="field--compact">
                        {(p) => <input {...p} className="input--short" maxLength={2} value={row.modifier} onChange={(e) => set({ modifier: e.target.value.toUpperCase() })} />}
                      </Field>
                      <div className="modifier-row__actions">
                        <button
                          type="button"
                          className="button button--icon button--danger"
                          aria-label={`Remove ${row.credential || "credential"} modifier`}
                          onClick={() => update({ credentialModifiers: form.credentialModifiers.filter((r) => r.key !== row.key) })}
                        >
                          ×
                        </button>
                      </div>
                      {rowError && <p className="field__error modifier-row__error">{rowError}</p>}
                    </li>
                  );
                })}
              </ol>
            )}
            {errors["rules.credentialModifiers"] && <p className="field__error">{errors["rules.credentialModifiers"]}</p>}
            <div className="button-row">
              <button type="button" className="button button--small" onClick={() => update({ credentialModifiers: [...form.credentialModifiers, { key: newRowKey(), credential: "", modifier: "" }] })}>
                + Credential modifier
              </button>
            </div>
          </fieldset>
        </div>

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
              <button type="button" className="button button--primary" disabled={!previewIsCurrent || saving.loading} onClick={() => void runSave()}>
                {saving.loading ? "Saving…" : "Save new version"}
              </button>
            </div>
          </div>
        )}
      </fieldset>

      {canEdit && !previewIsCurrent && preview.status !== "loading" && <p className="muted">Preview the impact of your change before saving it.</p>}
      {Object.keys(errors).length > 0 && <p className="field__error" role="alert">Fix the fields marked above.</p>}
      {preview.status === "error" && Object.keys(fieldErrorsOf(preview.error)).length === 0 && <ErrorMessage error={preview.error} />}
      {saving.error && Object.keys(fieldErrorsOf(saving.error)).length === 0 && <ErrorMessage error={saving.error} />}
      {preview.status === "done" && <ImpactPreview impact={preview.impact} stale={!previewIsCurrent} />}
    </form>
  );
}

/** What a line would send differently, in words, before its reasons. */
function changeSummary(c: Impact["changes"][number]): string {
  const parts: string[] = [];
  if (c.changedFields.includes("chargeCents")) parts.push(`charge ${formatCents(c.beforeLine.chargeCents)} → ${formatCents(c.afterLine.chargeCents)}`);
  if (c.changedFields.includes("modifiers")) parts.push(`modifiers ${c.beforeLine.modifiers.join(" ") || "none"} → ${c.afterLine.modifiers.join(" ") || "none"}`);
  if (c.changedFields.includes("placeOfService")) parts.push(`place of service ${c.beforeLine.placeOfService} → ${c.afterLine.placeOfService}`);
  if (c.changedFields.includes("addOnLines")) parts.push(`add-on lines ${c.beforeLine.addOnCodes.join(", ") || "none"} → ${c.afterLine.addOnCodes.join(", ") || "none"}`);
  return parts.length > 0 ? `${parts.join("; ")}. ` : "";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function ImpactPreview({ impact, stale }: { impact: Impact; stale: boolean }) {
  return (
    <section className={`impact${stale ? " impact--stale" : ""}`} aria-live="polite" aria-label="Impact preview">
      <p className="impact__summary">
        This change would block <strong>{plural(impact.newlyBlocked, "line")}</strong>, unblock <strong>{plural(impact.newlyReady, "line")}</strong> and change what{" "}
        <strong>{plural(impact.otherwiseChanged, "line")}</strong> would send (charge, modifiers, place of service) or why.
      </p>
      <p className="muted">
        {plural(impact.decisionsEvaluated, "line")} of this payer checked; {impact.unchanged} unchanged.
        {stale && " You changed the rules since this preview: preview again to save."}
      </p>
      {impact.timeline.length > 0 && (
        <ul className="impact__timeline" aria-label="Rules versions by date">
          {impact.timeline.map((segment) => (
            <li key={segment.from}>
              {formatDate(segment.from)} – {formatDate(segment.to)}:{" "}
              {segment.proposed
                ? "your proposed rules"
                : segment.effectiveFrom === null
                  ? "no rules in force (not billed)"
                  : `the version ${segment.effectiveFrom === SINCE_ALWAYS ? "in force since always" : `effective ${formatDate(segment.effectiveFrom)}`}`}
            </li>
          ))}
        </ul>
      )}
      {impact.changes.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Lines these rules would change">
          <table>
            <caption className="visually-hidden">Lines that would change</caption>
            <thead>
              <tr>
                <th scope="col">Service date</th>
                <th scope="col">Group</th>
                <th scope="col">Member</th>
                <th scope="col">Now</th>
                <th scope="col">After</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {impact.changes.map((c) => (
                <tr key={`${c.session.id}-${c.client.id}`}>
                  <td>
                    <Link to={`/sessions/${c.session.id}`}>{formatDate(c.session.date)}</Link>
                  </td>
                  <td>{c.session.group.name}</td>
                  <td>
                    {c.client.firstName} {c.client.lastName}
                  </td>
                  <td>
                    <StatusBadge status={c.before} />
                  </td>
                  <td>
                    <StatusBadge status={c.after} />
                  </td>
                  <td>
                    {changeSummary(c)}
                    {c.issueCodes.length === 0 ? "Nothing blocks it" : c.issueCodes.map((code) => ISSUE_LABELS[code] ?? code).join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
