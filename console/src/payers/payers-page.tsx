import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { PayerKind } from "../__generated__/graphql";
import { Link, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { dollarsToCents, formatCents } from "../lib/money";
import { MODIFIER_WHEN_LABELS, PAYER_KIND_LABELS } from "../lib/labels";
import { DataTable, ListHeader, QueryState } from "../ui/list-page";
import { Field, FormFooter, Section, useFieldErrors } from "../ui/ui";
import { CreatePayerDocument, PayersDocument } from "./payers.documents";
import { EnumOptions } from "../ui/enum-options";

export function PayersPage() {
  const { can } = useViewer();
  const { data, loading, error, refetch } = useQuery(PayersDocument);

  return (
    <>
      <ListHeader
        title="Payers"
        subtitle="Each payer's rules decide which group-therapy lines are ready to bill."
        createLabel="New payer"
        canCreate={can("ManagePayers")}
        createForm={(done) => <CreatePayerForm onCancel={() => done()} />}
      />
      <Section title="All payers">
        <QueryState
          loading={loading && !data}
          error={error}
          empty={!data || data.payers.length === 0}
          what="payers"
          emptyTitle="No payers yet."
          emptyHint={can("ManagePayers") ? "Add the insurers you bill, starting with your largest." : "An owner or admin adds payers."}
          onRetry={() => void refetch()}
        >
          {() => (
            <DataTable label="Payers" columns={["Name", "Kind", "Payer ID", "Group size", "Minutes", "Modifiers", { label: "Fee", numeric: true }]}>
              {data!.payers.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/payers/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{PAYER_KIND_LABELS[p.kind]}</td>
                  <td>
                    <code>{p.payerCode}</code>
                  </td>
                  <td>
                    {p.rules.minGroupSize}–{p.rules.maxGroupSize}
                  </td>
                  <td>{p.rules.minSessionMinutes ?? "any"}{p.rules.maxSessionMinutes ? `–${p.rules.maxSessionMinutes}` : "+"}</td>
                  <td>
                    {p.rules.modifierRules.length === 0
                      ? "none"
                      : p.rules.modifierRules.map((m) => (
                          <span key={`${m.modifier}-${m.when}`} className="code-chip" title={MODIFIER_WHEN_LABELS[m.when]}>
                            {m.modifier}
                            {m.when !== "ALWAYS" && <small> {MODIFIER_WHEN_LABELS[m.when].toLowerCase()}</small>}
                          </span>
                        ))}
                  </td>
                  <td className="num">{formatCents(p.rules.feeCents)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
      </Section>
    </>
  );
}


function CreatePayerForm({ onCancel }: { onCancel: () => void }) {
  const { navigate } = useRouter();
  const [form, setForm] = useState({ name: "", kind: "MEDICAID" as PayerKind, payerCode: "", effectiveFrom: "", fee: "" });
  const [localFee, setLocalFee] = useState<string | undefined>();
  const [create, { loading, error }] = useMutation(CreatePayerDocument, { refetchQueries: [PayersDocument] });
  const [, , field] = useFieldErrors(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const feeCents = form.fee.trim() === "" ? undefined : dollarsToCents(form.fee);
    if (feeCents === null) {
      setLocalFee("Enter the fee in dollars, like 48.00");
      return;
    }
    setLocalFee(undefined);
    try {
      const { data } = await create({
        variables: { input: { name: form.name, kind: form.kind, payerCode: form.payerCode, rules: { effectiveFrom: form.effectiveFrom || undefined, feeCents } } },
      });
      if (data) navigate(`/payers/${data.createPayer.id}`);
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title="New payer">
      <form onSubmit={submit}>
        <p className="muted">
          New payers start from the standard rules (2–12 members, 45–90 minutes, video with 95, signed notes, licensed leader); Medicaid payers also get HQ. You can change
          every rule next.
        </p>
        <div className="form-grid">
          <Field label="Name" {...field("name")}>
            {(p) => <input {...p} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Kind" {...field("kind")}>
            {(p) => (
              <select {...p} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as PayerKind })}>
                <EnumOptions labels={PAYER_KIND_LABELS} />
              </select>
            )}
          </Field>
          <Field label="Payer ID on claims" {...field("payerCode")} hint="The ID your clearinghouse lists for this payer">
            {(p) => <input {...p} required value={form.payerCode} onChange={(e) => setForm({ ...form, payerCode: e.target.value })} />}
          </Field>
          <Field
            label="Rules effective from (optional)"
            {...field("rules.effectiveFrom")}
            hint="Leave empty and these rules apply to every session, past and future, until you add a dated change. With a date, sessions before it have no rules and are not billed."
          >
            {(p) => <input {...p} type="date" value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} />}
          </Field>
          <Field
            label="Fee per line (USD)"
            error={localFee ?? field("rules.feeCents").error}
            onEdit={() => {
              setLocalFee(undefined);
              field("rules.feeCents").onEdit();
            }}
          >
            {(p) => (
              <span className="input-prefix">
                <span aria-hidden="true">$</span>
                <input {...p} inputMode="decimal" placeholder="0.00" value={form.fee} onChange={(e) => setForm({ ...form, fee: e.target.value })} />
              </span>
            )}
          </Field>
        </div>
        <FormFooter error={error} busy={loading} submitLabel="Create payer" busyLabel="Creating…" onCancel={onCancel} />
      </form>
    </Section>
  );
}
