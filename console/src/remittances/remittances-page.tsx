import { useState, type ChangeEvent, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import type { RemittanceFieldsFragment } from "../__generated__/graphql";
import { Link } from "../app/router";
import { useViewer } from "../auth/viewer";
import { formatDate, formatDateTime } from "../lib/dates";
import { errorCode, fieldMessagesOf, messageOf } from "../lib/errors";
import { formatCents } from "../lib/money";
import { Empty, ErrorMessage, Field, Loading, Notice, PageHeader, Section } from "../ui/ui";
import { ChargeWarnings, ProviderAdjustments, RemittanceClaimsTable } from "./remittance-claims";
import { ImportRemittanceDocument, RemittanceDocument, RemittancesDocument } from "./remittances.documents";

export function RemittancesPage() {
  const { can } = useViewer();
  const list = useQuery(RemittancesDocument, { fetchPolicy: "cache-and-network" });
  return (
    <>
      <PageHeader title="Remittances" subtitle="Import the 835 files payers send back; every claim is posted on the line it billed." actions={<Link to="/denials">Denials</Link>} />
      {can("ManageRemittances") && <ImportForm />}
      <Section title="Imported files">
        {list.error ? (
          <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
        ) : list.loading && !list.data ? (
          <Loading what="Loading remittances" />
        ) : !list.data || list.data.remittances.length === 0 ? (
          <Empty title="No remittances imported yet." />
        ) : (
          <RemittanceList remittances={list.data.remittances} />
        )}
      </Section>
    </>
  );
}

/** The server's limit for an 835 (MAX_835_CHARACTERS; an 835 is ASCII, a byte a character). */
const MAX_FILE_BYTES = 10_000_000;

/** A file picked or pasted; nothing is posted unless the whole file is good. */
function ImportForm() {
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState("");
  const [pickError, setPickError] = useState<string | null>(null);
  const [result, setResult] = useState<RemittanceFieldsFragment | null>(null);
  const [importFile, { loading, error, reset }] = useMutation(ImportRemittanceDocument, { refetchQueries: ["Remittances", "Denials", "RemittanceTotals", "DenialReport"] });
  const problems = fieldMessagesOf(error, "text");

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    reset();
    setResult(null);
    setPickError(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setPickError("This file is larger than 10 MB; ask the payer or clearinghouse to send it in smaller files (one per payment).");
      return;
    }
    setText(await file.text());
    setFileName(file.name);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    try {
      const { data } = await importFile({ variables: { input: { text, fileName: fileName || null } } });
      if (data) setResult(data.importRemittance);
    } catch {
      // shown from `error`
    }
  }

  return (
    <Section title="Import an 835">
      <form onSubmit={submit}>
        <div className="form-grid form-grid--two">
          <Field label="835 file" hint="The ERA file from the payer or clearinghouse (005010X221A1)." error={pickError ?? undefined}>
            {(p) => <input {...p} type="file" accept=".835,.txt,.edi,.x12,text/plain" onChange={(e) => void pick(e)} />}
          </Field>
          <Field label="File name" hint="Kept with the import.">
            {(p) => <input {...p} value={fileName} onChange={(e) => setFileName(e.target.value)} maxLength={255} />}
          </Field>
        </div>
        <Field label="Or paste the file's text">
          {(p) => (
            <textarea
              {...p}
              rows={6}
              className="mono"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setResult(null);
                reset();
              }}
              spellCheck={false}
            />
          )}
        </Field>
        {problems.length > 0 && (
          <div className="alert alert--error" role="alert">
            <strong>Nothing was posted.</strong> Fix the file (or ask the payer for a corrected one) and import it again:
            <ul>
              {problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {errorCode(error) === "CONFLICT" ? (
          <Notice kind="warning">Nothing was posted. {messageOf(error)}</Notice>
        ) : (
          error && problems.length === 0 && <ErrorMessage error={error} />
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading || text.trim() === ""}>
            {loading ? "Importing…" : "Import and post"}
          </button>
        </div>
      </form>
      {result && <ImportResult remittance={result} />}
    </Section>
  );
}

function ImportResult({ remittance }: { remittance: RemittanceFieldsFragment }) {
  const timeZone = useViewer().viewer.practice.timezone;
  const counts = remittance.claims.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.outcome]: (acc[c.outcome] ?? 0) + 1 }), {});
  const paid = remittance.claims.reduce((sum, c) => sum + c.paidCents, 0);
  const held = remittance.payments.reduce((sum, p) => sum + p.providerAdjustments.reduce((t, a) => t + a.amountCents, 0), 0);
  const received = remittance.payments.reduce((sum, p) => sum + (p.creditDebit === "D" ? -p.paymentCents : p.paymentCents), 0);
  return (
    <div className="import-result">
      {remittance.alreadyImported ? (
        <Notice kind="warning">
          These payments were already imported on {formatDateTime(remittance.importedAt, timeZone)}; nothing was posted again. <Link to={`/remittances/${remittance.id}`}>Open that import</Link>
        </Notice>
      ) : (
        <Notice kind="success">
          Posted {remittance.claims.length} claim{remittance.claims.length === 1 ? "" : "s"}, {formatCents(paid)} paid:{" "}
          {Object.entries(counts)
            .map(([outcome, n]) => `${n} ${outcome.toLowerCase().replace("_", " ")}`)
            .join(", ")}
          .{held !== 0 && ` Provider-level adjustments ${formatCents(held)}, so the payment is ${formatCents(received)}.`}
        </Notice>
      )}
      <ChargeWarnings claims={remittance.claims} />
      <ProviderAdjustments payments={remittance.payments} />
      <RemittanceClaimsTable claims={remittance.claims} />
    </div>
  );
}

function RemittanceList({ remittances }: { remittances: RemittanceFieldsFragment[] }) {
  const timeZone = useViewer().viewer.practice.timezone;
  return (
    <div className="table-wrap">
      <table className="table--compact">
        <thead>
          <tr>
            <th scope="col">Imported</th>
            <th scope="col">File</th>
            <th scope="col">Payer</th>
            <th scope="col">Check / EFT</th>
            <th scope="col" className="num">Claims</th>
            <th scope="col" className="num">Payment</th>
          </tr>
        </thead>
        <tbody>
          {remittances.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/remittances/${r.id}`}>{formatDateTime(r.importedAt, timeZone)}</Link>
              </td>
              <td>{r.fileName ?? `ISA ${r.interchangeControlNumber}`}</td>
              <td>{r.payments.map((p) => p.payerName).join(", ")}</td>
              <td>{r.payments.map((p) => `${p.traceNumber} (${formatDate(p.paymentDate)})`).join(", ")}</td>
              <td className="num">{r.claims.length}</td>
              <td className="num">{formatCents(r.payments.reduce((sum, p) => sum + p.paymentCents, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RemittancePage({ id }: { id: string }) {
  const timeZone = useViewer().viewer.practice.timezone;
  const { data, loading, error, refetch } = useQuery(RemittanceDocument, { variables: { id } });
  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  if (loading && !data) return <Loading what="Loading the remittance" />;
  const r = data?.remittance;
  if (!r) {
    return (
      <Empty title="There is no such remittance in this practice.">
        <Link to="/remittances">All remittances</Link>
      </Empty>
    );
  }
  return (
    <>
      <PageHeader title={r.fileName ?? `Remittance ${r.interchangeControlNumber}`} subtitle={`Imported ${formatDateTime(r.importedAt, timeZone)}${r.usageIndicator === "T" ? " · test file" : ""}`} actions={<Link to="/remittances">All remittances</Link>} />
      <Section title="Payments">
        <ul>
          {r.payments.map((p) => (
            <li key={p.id}>
              {p.payerName}: {formatCents(p.paymentCents)} by {p.paymentMethod} {p.traceNumber} on {formatDate(p.paymentDate)}
            </li>
          ))}
        </ul>
        <ProviderAdjustments payments={r.payments} />
      </Section>
      <Section title="Claims">
        <ChargeWarnings claims={r.claims} />
        <RemittanceClaimsTable claims={r.claims} />
      </Section>
    </>
  );
}
