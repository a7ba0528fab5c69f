import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { PayerRulesFieldsFragment } from "../__generated__/graphql";
import { Link, useFocusFromHash } from "../app/router";
import { useViewer } from "../auth/viewer";
import { SINCE_ALWAYS, formatDate, formatDateTime, formatEffectiveFrom, todayIn } from "../lib/dates";
import { fieldErrorsOf } from "../lib/errors";
import { formatCents } from "../lib/money";
import { MODIFIER_WHEN_LABELS, NOTE_ELEMENT_LABELS, PAYER_KIND_LABELS } from "../lib/labels";
import { Empty, ErrorMessage, Field, Loading, PageHeader, SavedStatus, Section, useFieldErrors } from "../ui/ui";
import { PayerDocument, UpdatePayerDocument } from "./payers.documents";
import { RuleEditor } from "./rule-editor";

export function PayerPage({ id }: { id: string }) {
  const { viewer, can } = useViewer();
  const { data, loading, error, refetch } = useQuery(PayerDocument, { variables: { id } });
  useFocusFromHash(Boolean(data?.payer));
  const [editingName, setEditingName] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  if (loading && !data) return <Loading what="Loading payer" />;
  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  const payer = data?.payer;
  if (!payer)
    return (
      <Empty title="This payer does not exist in this practice.">
        <Link to="/payers">Back to payers</Link>
      </Empty>
    );
  const canEdit = can("ManagePayers");

  return (
    <>
      <p className="breadcrumb">
        <Link to="/payers">Payers</Link> /
      </p>
      <PageHeader
        title={payer.name}
        subtitle={
          <>
            {PAYER_KIND_LABELS[payer.kind]} · payer ID <code>{payer.payerCode}</code>
          </>
        }
        actions={
          canEdit && !editingName ? (
            <button type="button" className="button" onClick={() => setEditingName(true)}>
              Rename
            </button>
          ) : undefined
        }
      />
      {editingName && <RenamePayer id={payer.id} name={payer.name} payerCode={payer.payerCode} onDone={() => setEditingName(false)} />}
      <Section title="Rules" id="rules">
        <p className="muted">
          In force today:{" "}
          {payer.rules.effectiveFrom === SINCE_ALWAYS ? "the payer's first rules, which hold since always" : `the version effective ${formatDate(payer.rules.effectiveFrom)}`}.
          Changes are saved as a new version that applies from its own date until the next one; earlier versions keep applying to earlier sessions.
        </p>
        {saved && <SavedStatus key={saved}>{saved}</SavedStatus>}
        <RuleEditor key={payer.rules.id} payerId={payer.id} rules={payer.rules} today={todayIn(viewer.practice.timezone)} canEdit={canEdit} onSaved={setSaved} />
      </Section>
      <Section title="Version history">
        <RuleHistory versions={payer.ruleHistory} currentId={payer.rules.id} />
      </Section>
    </>
  );
}

function RenamePayer({ id, name, payerCode, onDone }: { id: string; name: string; payerCode: string; onDone: () => void }) {
  const [form, setForm] = useState({ name, payerCode });
  const [update, { loading, error }] = useMutation(UpdatePayerDocument);
  const [, , field] = useFieldErrors(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await update({ variables: { id, input: form } });
      onDone();
    } catch {
      // shown from `error`
    }
  }
  return (
    <Section title="Name and payer ID">
      <form onSubmit={submit}>
        <div className="form-grid">
          <Field label="Name" {...field("name")}>
            {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Payer ID on claims" {...field("payerCode")}>
            {(p) => <input {...p} required value={form.payerCode} onChange={(e) => setForm({ ...form, payerCode: e.target.value })} />}
          </Field>
        </div>
        {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading}>
            Save
          </button>
          <button type="button" className="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Section>
  );
}

export function RuleHistory({ versions, currentId }: { versions: PayerRulesFieldsFragment[]; currentId: string }) {
  const timeZone = useViewer().viewer.practice.timezone;
  if (versions.length === 0) return <Empty title="No versions yet." />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Rule versions">
      <table className="table--compact">
        <thead>
          <tr>
            <th scope="col">Effective from</th>
            <th scope="col">Saved</th>
            <th scope="col">Group size</th>
            <th scope="col">Minutes</th>
            <th scope="col">Telehealth</th>
            <th scope="col">Modifiers</th>
            <th scope="col">Note sections</th>
            <th scope="col">Signed note / licensed</th>
            <th scope="col">Units/day</th>
            <th scope="col">Prior auth</th>
            <th scope="col" className="num">
              Fee
            </th>
          </tr>
        </thead>
        <tbody>
          {[...versions].reverse().map((v) => (
            <tr key={v.id} className={v.id === currentId ? "row--current" : undefined}>
              <td className="nowrap">
                {formatEffectiveFrom(v.effectiveFrom)}
                {v.id === currentId && <span className="tag">in force</span>}
              </td>
              <td className="nowrap">{formatDateTime(v.createdAt, timeZone)}</td>
              <td>
                {v.minGroupSize}–{v.maxGroupSize}
              </td>
              <td>
                {v.minSessionMinutes ?? "—"}–{v.maxSessionMinutes ?? "—"}
                {(v.minAttendedMinutes != null || v.minAttendedPercent != null) && (
                  <div className="muted">
                    member ≥ {[v.minAttendedMinutes != null && `${v.minAttendedMinutes} min`, v.minAttendedPercent != null && `${v.minAttendedPercent}%`].filter(Boolean).join(" and ")}
                  </div>
                )}
              </td>
              <td>
                {[v.telehealthVideoAllowed && "video", v.telehealthAudioAllowed && "audio"].filter(Boolean).join(", ") || "none"} · POS {v.telehealthPosByLocation ? `10 at home, 02 elsewhere (else ${v.telehealthPlaceOfService})` : v.telehealthPlaceOfService}
              </td>
              <td>
                {v.modifierRules.map((m) => `${m.modifier}${m.when === "ALWAYS" ? "" : ` (${MODIFIER_WHEN_LABELS[m.when].toLowerCase()})`}`).join(", ") || "none"}
                {v.credentialModifiers.length > 0 && <div className="muted">{v.credentialModifiers.map((c) => `${c.credential} → ${c.modifier}`).join(", ")}</div>}
              </td>
              <td>{v.requiredNoteElements.map((e) => NOTE_ELEMENT_LABELS[e]).join(", ") || "none"}</td>
              <td>
                {v.requireSignedNote ? "yes" : "no"} / {v.requireLicensedLeader ? "yes" : "no"}
                {v.warnClassLikeDocumentation && <div className="muted">warns on class-like wording</div>}
                {v.signWithinDays != null && (
                  <div className="muted">
                    sign within {v.signWithinDays} {v.signWithinDays === 1 ? "day" : "days"} ({v.lateSignatureSeverity === "ERROR" ? "blocks" : "warns"})
                  </div>
                )}
              </td>
              <td>
                {v.maxUnitsPerDay}
                {(v.maxUnitsPerWeek != null || v.maxUnitsPerMonth != null) && (
                  <div className="muted">{[v.maxUnitsPerWeek != null && `${v.maxUnitsPerWeek} a week`, v.maxUnitsPerMonth != null && `${v.maxUnitsPerMonth} a month`].filter(Boolean).join(", ")}</div>
                )}
                {v.timelyFilingDays != null && <div className="muted">file within {v.timelyFilingDays} days</div>}
              </td>
              <td>{v.requirePriorAuthorization ? "required" : "no"}</td>
              <td className="num">
                {formatCents(v.feeCents)}
                {v.allowInteractiveComplexity && <div className="muted">90785: {formatCents(v.interactiveComplexityFeeCents)}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
