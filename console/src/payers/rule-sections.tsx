import { Field } from "../ui/ui";
import { LATE_SIGNATURE_LABELS, NOTE_ELEMENT_LABELS } from "../lib/labels";
import { CountField, MoneyField, RuleSwitch, rulePath, useRuleForm } from "./rule-controls";
import { NOTE_ELEMENTS, type RulesForm } from "./rules-form";
import { EnumOptions } from "../ui/enum-options";

/** The editor's sections, one per family of rules; the modifiers' are in modifier-rules.tsx. */

export function GroupSizeRules() {
  return (
    <fieldset className="rule-group">
      <legend>Group size</legend>
      <div className="inline-fields">
        <CountField name="minGroupSize" label="Minimum members" />
        <CountField name="maxGroupSize" label="Maximum members" />
      </div>
    </fieldset>
  );
}

export function SessionMinutesRules() {
  return (
    <fieldset className="rule-group">
      <legend>Session minutes</legend>
      <div className="inline-fields">
        <CountField name="minSessionMinutes" label="Minimum" hint="Empty: no minimum" />
        <CountField name="maxSessionMinutes" label="Maximum" hint="Longer sessions get a warning" />
      </div>
      <div className="inline-fields">
        <CountField name="minAttendedMinutes" label="Each member attends at least (minutes)" hint="Empty: no minimum" />
        <CountField name="minAttendedPercent" label="…and at least (% of the session)" hint="Empty: no minimum. Minutes come from the session's attendance." />
      </div>
    </fieldset>
  );
}

const TELEHEALTH_PLACES = ["02", "10"];

export function TelehealthRules() {
  const { form, update, field } = useRuleForm();
  return (
    <fieldset className="rule-group">
      <legend>Telehealth</legend>
      <RuleSwitch name="telehealthVideoAllowed" label="Video sessions covered" />
      <RuleSwitch name="telehealthAudioAllowed" label="Audio-only sessions covered" />
      <Field label="Telehealth place of service" {...field(rulePath("telehealthPlaceOfService"))}>
        {(p) => (
          <select {...p} value={form.telehealthPlaceOfService} onChange={(e) => update({ telehealthPlaceOfService: e.target.value })}>
            <option value="02">02 — not in the patient's home</option>
            <option value="10">10 — in the patient's home</option>
            {!TELEHEALTH_PLACES.includes(form.telehealthPlaceOfService) && <option value={form.telehealthPlaceOfService}>{form.telehealthPlaceOfService}</option>}
          </select>
        )}
      </Field>
      <RuleSwitch
        name="telehealthPosByLocation"
        label="Place of service by where the member joined from"
        hint="10 for a member at home, 02 elsewhere, as the session's attendance records it; members without a recorded location get the place of service above."
      />
    </fieldset>
  );
}

export function DocumentationRules() {
  const { form, update, field } = useRuleForm();
  return (
    <fieldset className="rule-group">
      <legend>Documentation and leader</legend>
      <RuleSwitch name="requireSignedNote" label="Member's note must be signed" />
      <RuleSwitch name="requireLicensedLeader" label="Leader must hold a current license" />
      <RuleSwitch
        name="warnClassLikeDocumentation"
        label="Warn when documentation reads as a class"
        hint="Didactic words (lecture, presentation, video, handout, class) with no therapeutic intervention named, in the session's documentation or a member's note."
      />
      <div className="inline-fields">
        <CountField name="signWithinDays" label="Sign notes within (days after the session)" hint="Empty: no deadline. 0: the same day." />
        <Field label="A late signature" {...field(rulePath("lateSignatureSeverity"))}>
          {(p) => (
            <select {...p} value={form.lateSignatureSeverity} onChange={(e) => update({ lateSignatureSeverity: e.target.value as RulesForm["lateSignatureSeverity"] })}>
              <EnumOptions labels={LATE_SIGNATURE_LABELS} />
            </select>
          )}
        </Field>
      </div>
      <RequiredNoteElements />
    </fieldset>
  );
}

function RequiredNoteElements() {
  const { form, update, field, touch } = useRuleForm();
  const path = rulePath("requiredNoteElements");
  const error = field(path).error;
  return (
    <>
      <p className="group-label" id="required-elements-label">
        Required note sections
      </p>
      <div className="checkbox-row" role="group" aria-labelledby="required-elements-label">
        {NOTE_ELEMENTS.map((el) => (
          <label key={el} className="checkbox">
            <input
              type="checkbox"
              checked={form.requiredNoteElements.includes(el)}
              onChange={(e) => {
                update({ requiredNoteElements: NOTE_ELEMENTS.filter((x) => (x === el ? e.target.checked : form.requiredNoteElements.includes(x))) });
                touch(path);
              }}
            />
            {NOTE_ELEMENT_LABELS[el]}
          </label>
        ))}
      </div>
      {error && <p className="field__error">{error}</p>}
    </>
  );
}

export function BillingRules() {
  const { form, update, field, answered } = useRuleForm();
  return (
    <fieldset className="rule-group">
      <legend>Billing</legend>
      <div className="inline-fields">
        <CountField name="maxUnitsPerDay" label="Units a day per member" />
        <MoneyField name="fee" apiField="feeCents" label="Fee per line (USD)" />
      </div>
      <div className="inline-fields">
        <CountField name="maxUnitsPerWeek" label="Units a week per member" hint="Sunday to Saturday. Empty: no weekly limit." />
        <CountField name="maxUnitsPerMonth" label="Units a month per member" hint="Calendar month of the session. Empty: no monthly limit." />
        <CountField
          name="timelyFilingDays"
          label="Timely filing (days after the session)"
          hint="The last day to file is the session's date plus these days. Unbilled lines warn from 14 days before it and are blocked after it. Empty: no limit."
        />
      </div>
      <RuleSwitch
        name="requirePriorAuthorization"
        label="Requires prior authorization"
        hint="Each member needs an authorization from this payer in force on the session's date with units left (Clients → the member → Prior authorizations)."
      />
      <RuleSwitch
        name="allowInteractiveComplexity"
        label="Pays interactive complexity (90785)"
        hint="A member whose attendance flags interactive complexity gets a second line, 90785, on the same claim with the same modifiers and place of service. Without it, the flag warns that the claim goes out with 90853 alone."
      />
      {/* Also shown when the last answer refused the fee of a payer that does not pay 90785, so it can be fixed there. */}
      {(form.allowInteractiveComplexity || answered[rulePath("interactiveComplexityFeeCents")]) && (
        <MoneyField name="interactiveComplexityFee" apiField="interactiveComplexityFeeCents" label="Fee for 90785 (USD)" />
      )}
      <Field label="Effective from (service date)" hint="The new version applies to sessions on and after this date." {...field(rulePath("effectiveFrom"))}>
        {(p) => <input {...p} type="date" value={form.effectiveFrom} onChange={(e) => update({ effectiveFrom: e.target.value })} />}
      </Field>
    </fieldset>
  );
}
