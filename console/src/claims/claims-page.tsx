import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import type { ClaimBatchFieldsFragment, ExportFormat } from "../__generated__/graphql";
import { Link, useFocusFromHash } from "../app/router";
import { useViewer } from "../auth/viewer";
import { formatDate, formatDateTime, formatShortDate, previousMonth, todayIn } from "../lib/dates";
import { errorsUnder, fieldErrorsOf, messageOf } from "../lib/errors";
import { randomId } from "../lib/ids";
import { formatCents } from "../lib/money";
import { Dialog, Empty, ErrorMessage, Field, Loading, Notice, PageHeader, Section, useFieldErrors } from "../ui/ui";
import { DateInput } from "../ui/date-input";
import { claimsHref } from "./claim-filters";
import { BatchReviewDocument, BatchReviewLinesDocument, ClaimBatchesDocument, ClaimBatchExportDocument, ClaimBatchLinesDocument, ClaimsPayersDocument, CreateClaimBatchDocument, CreateSecondaryClaimsDocument, ReadyCountDocument, VoidClaimBatchDocument } from "./claims.documents";
import { AddOnLines } from "../sessions/claim-lines";
import { downloadText } from "./download";
import { StillRecomputing } from "./still-recomputing";

export function ClaimsPage() {
  const { can } = useViewer();
  const batches = useQuery(ClaimBatchesDocument, { fetchPolicy: "cache-and-network" });
  return (
    <>
      <PageHeader title="Claim batches" subtitle="Freeze READY lines into a batch, send its file, and void it if it must be redone." actions={<Link to="/claims">Claim lines</Link>} />
      {can("ManageClaimBatches") && <CreateBatchForm />}
      <Section title="Batches">
        {batches.error ? (
          <ErrorMessage error={batches.error} onRetry={() => void batches.refetch()} />
        ) : batches.loading && !batches.data ? (
          <Loading what="Loading batches" />
        ) : !batches.data || batches.data.claimBatches.length === 0 ? (
          <Empty title="No claim batches yet." />
        ) : (
          <BatchTable batches={batches.data.claimBatches} canManage={can("ManageClaimBatches")} />
        )}
      </Section>
    </>
  );
}

/**
 * The idempotency key belongs to the form as filled in: a double click (or a retry after a lost
 * answer) sends the same key and gets the same batch back; a change to the form, or a batch made,
 * starts a new key.
 */
function CreateBatchForm() {
  const { viewer } = useViewer();
  const today = todayIn(viewer.practice.timezone);
  const payers = useQuery(ClaimsPayersDocument);
  const [form, setForm] = useState({ ...previousMonth(today), payerId: "" });
  const keyRef = useRef(randomId());
  const [created, setCreated] = useState<ClaimBatchFieldsFragment | null>(null);
  // Nothing is billed before the lines, their totals and what is missing have been shown.
  const [reviewing, setReviewing] = useState(false);
  const [create, { loading, error, reset }] = useMutation(CreateClaimBatchDocument, { refetchQueries: ["ClaimBatches", "ReadyCount", "BatchReview"], awaitRefetchQueries: true });
  // A date's message is about the date sent: it goes as soon as that date is edited, the others' stay.
  const [fields, , field] = useFieldErrors(error);
  // A line about to miss its filing deadline links here ("#new-batch") to be billed.
  useFocusFromHash(true);
  const rangeOk = /^\d{4}-\d{2}-\d{2}$/.test(form.from) && /^\d{4}-\d{2}-\d{2}$/.test(form.to) && form.from <= form.to;
  const counts = useQuery(ReadyCountDocument, { variables: { from: form.from, to: form.to, payerId: form.payerId || null }, skip: !rangeOk, fetchPolicy: "cache-and-network" });

  function change(patch: Partial<typeof form>) {
    setForm({ ...form, ...patch });
    keyRef.current = randomId();
    setCreated(null);
    setReviewing(false);
    reset();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reviewing) {
      setCreated(null);
      setReviewing(true);
      return;
    }
    try {
      const { data } = await create({ variables: { input: { from: form.from, to: form.to, payerId: form.payerId || null, idempotencyKey: keyRef.current } } });
      if (data) {
        setCreated(data.createClaimBatch);
        setReviewing(false);
        keyRef.current = randomId();
      }
    } catch {
      // shown from `error`
    }
  }

  const ready = counts.data?.ready.totalCount;
  const blocked = counts.data?.blocked.totalCount;
  return (
    <Section title="New claim batch" id="new-batch">
      <form onSubmit={submit}>
        <div className="form-grid">
          <DateInput label="First service date" value={form.from} {...field("from")} onApply={(from) => change({ from })} />
          <DateInput
            label="Last service date"
            value={form.to}
            {...field("to")}
            error={field("to").error ?? (!rangeOk && form.from && form.to ? "The last date is before the first." : undefined)}
            onApply={(to) => change({ to })}
          />
          <Field label="Payer" {...field("payerId")}>
            {(p) => (
              <select {...p} value={form.payerId} onChange={(e) => change({ payerId: e.target.value })}>
                <option value="">All payers</option>
                {(payers.data?.payers ?? []).map((payer) => (
                  <option key={payer.id} value={payer.id}>
                    {payer.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p className="muted" aria-live="polite">
          {!rangeOk ? (
            "Choose a range of service dates."
          ) : counts.error ? (
            messageOf(counts.error)
          ) : ready === undefined ? (
            "Counting lines…"
          ) : (
            <>
              {`${ready} line${ready === 1 ? "" : "s"} ready to bill${blocked ? `; ${blocked} still blocked` : ""}.`}
              {blocked ? (
                <>
                  {" "}
                  <Link to={claimsHref({ from: form.from, to: form.to, status: "BLOCKED", payerId: form.payerId })}>See the blocked lines</Link>
                </>
              ) : null}
            </>
          )}
        </p>
        {reviewing && rangeOk && <BatchReview from={form.from} to={form.to} payerId={form.payerId} />}
        {errorsUnder(fields, "idempotencyKey") && <p className="field__error">{errorsUnder(fields, "idempotencyKey")}</p>}
        {error && Object.keys(fieldErrorsOf(error)).length === 0 && <ErrorMessage error={error} />}
        {created && (
          <Notice kind="success">
            Batch #{created.controlNumber} made: {created.lineCount} lines, {formatCents(created.totalChargeCents)}. Download its file below.
          </Notice>
        )}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={loading || !rangeOk || ready === 0}>
            {loading ? "Creating…" : reviewing ? "Create batch" : "Review batch"}
          </button>
          {reviewing && (
            <button type="button" className="button" onClick={() => setReviewing(false)} disabled={loading}>
              Back to the dates
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}

const BILLING_DETAILS: [keyof BillingDetails, string][] = [
  ["taxId", "tax id (EIN)"],
  ["taxonomyCode", "taxonomy code"],
  ["addressLine1", "street address"],
  ["addressCity", "city"],
  ["addressState", "state"],
  ["addressZip", "ZIP code"],
  ["phone", "phone"],
];
type BillingDetails = Record<"taxId" | "taxonomyCode" | "addressLine1" | "addressCity" | "addressState" | "addressZip" | "phone", string | null>;

/** The practice details an 837P file cannot be written without; a CSV file needs none of them. */
export function missingBillingDetails(practice: BillingDetails): string[] {
  return BILLING_DETAILS.filter(([key]) => !practice[key]?.trim()).map(([, label]) => label);
}

/** What a batch of these dates would take, by payer, and what stands in its way, shown before anything is billed. */
function BatchReview({ from, to, payerId }: { from: string; to: string; payerId: string }) {
  const { can } = useViewer();
  const variables = { from, to, payerId: payerId || null };
  const { data, loading, error } = useQuery(BatchReviewDocument, { variables, fetchPolicy: "cache-and-network" });
  const listed = useQuery(BatchReviewLinesDocument, { variables, fetchPolicy: "cache-and-network" });
  if (error || listed.error) return <ErrorMessage error={error ?? listed.error} />;
  if ((loading && !data) || (listed.loading && !listed.data)) return <Loading what="Preparing the review" />;
  if (!data || !listed.data) return null;
  const ready = data.claimSummary.byStatus.find((s) => s.status === "READY");
  const blocked = data.claimSummary.byStatus.find((s) => s.status === "BLOCKED")?.lineCount ?? 0;
  const missing = missingBillingDetails(data.practice);
  const lines = listed.data.claimDecisions.edges.map((e) => e.node);
  const totalListed = listed.data.claimDecisions.totalCount;
  return (
    <section className="review" aria-label="Review the batch">
      {data.claimSummary.staleDates > 0 && <StillRecomputing dates={data.claimSummary.staleDates} />}
      <h3>
        This batch would bill {ready?.lineCount ?? 0} line{ready?.lineCount === 1 ? "" : "s"}, {formatCents(ready?.chargeCents ?? 0)}
      </h3>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Totals by payer">
        <table className="table--compact">
          <thead>
            <tr>
              <th scope="col">Payer</th>
              <th scope="col" className="num">Lines</th>
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {data.claimSummary.readyByPayer.map((p) => (
              <tr key={p.payer?.id ?? "none"}>
                <th scope="row">{p.payer?.name ?? "No coverage"}</th>
                <td className="num">{p.lineCount}</td>
                <td className="num">{formatCents(p.chargeCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>What is missing</h4>
      <ul className="review__missing">
        {blocked > 0 && (
          <li>
            {blocked} line{blocked === 1 ? " is" : "s are"} blocked and stay{blocked === 1 ? "s" : ""} out of this batch.{" "}
            <Link to={claimsHref({ from, to, status: "BLOCKED", payerId })}>See what blocks {blocked === 1 ? "it" : "them"}</Link>
          </li>
        )}
        {missing.length > 0 && (
          <li>
            The 837P file will need the practice's {missing.join(", ")} (the CSV file does not).{" "}
            {can("ManagePractice") ? <Link to="/practice">Fill them in under Practice</Link> : "Ask an owner or admin to fill them in under Practice."}
          </li>
        )}
        {blocked === 0 && missing.length === 0 && <li>Nothing: every line of these dates is ready and the practice's billing details are complete.</li>}
      </ul>
      <details>
        <summary>
          The lines{totalListed > lines.length ? ` (the first ${lines.length} of ${totalListed})` : ""}
        </summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Lines to bill">
          <table className="table--compact">
            <thead>
              <tr>
                <th scope="col">Service date</th>
                <th scope="col">Group</th>
                <th scope="col">Member</th>
                <th scope="col">Payer</th>
                <th scope="col" className="num">Charge</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id}>
                  <td className="nowrap">{formatShortDate(l.session.date)}</td>
                  <td>{l.session.group.name}</td>
                  <td>
                    {l.client.firstName} {l.client.lastName}
                  </td>
                  <td>{l.payer?.name ?? ""}</td>
                  <td className="num">{formatCents(l.totalChargeCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {totalListed > lines.length && <Link to={claimsHref({ from, to, status: "READY", payerId })}>All {totalListed} lines in the claim list</Link>}
      </details>
    </section>
  );
}

/** A Record over the enum, so a format the server adds fails to compile until it can be downloaded here. */
const FILES: Record<ExportFormat, { label: string; ext: string; mime: string }> = {
  CSV: { label: "CSV", ext: "csv", mime: "text/csv" },
  X12_837P: { label: "837P", ext: "837", mime: "application/edi-x12" },
};
const FORMATS = (Object.keys(FILES) as ExportFormat[]).map((format) => ({ format, ...FILES[format] }));

function BatchTable({ batches, canManage }: { batches: ClaimBatchFieldsFragment[]; canManage: boolean }) {
  const client = useApolloClient();
  const [exportError, setExportError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [voiding, setVoiding] = useState<ClaimBatchFieldsFragment | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const [createSecondary] = useMutation(CreateSecondaryClaimsDocument, { refetchQueries: ["ClaimBatches"], awaitRefetchQueries: true });
  const [notice, setNotice] = useState<string | null>(null);

  async function download(batch: ClaimBatchFieldsFragment, f: (typeof FORMATS)[number], voidClaims = false) {
    setExportError(null);
    setBusy(`${batch.id}-${f.format}${voidClaims ? "-void" : ""}`);
    try {
      const { data } = await client.query({ query: ClaimBatchExportDocument, variables: { id: batch.id, format: f.format, voidClaims }, fetchPolicy: "network-only" });
      const name = voidClaims ? `claim-batch-${batch.controlNumber}-void-claims.${f.ext}` : `claim-batch-${batch.controlNumber}-${batch.from}-to-${batch.to}.${f.ext}`;
      if (data?.claimBatch) downloadText(name, data.claimBatch.export, f.mime);
    } catch (e) {
      setExportError(e);
    } finally {
      setBusy(null);
    }
  }

  async function secondaryClaims(batch: ClaimBatchFieldsFragment) {
    setExportError(null);
    setNotice(null);
    setBusy(`${batch.id}-secondary`);
    try {
      const { data } = await createSecondary({ variables: { batchId: batch.id, idempotencyKey: crypto.randomUUID() } });
      if (data) setNotice(`Batch #${data.createSecondaryClaims.controlNumber} bills ${data.createSecondaryClaims.lineCount} secondary claim(s).`);
    } catch (e) {
      setExportError(e);
    } finally {
      setBusy(null);
    }
  }

  const missingBilling = Object.keys(fieldErrorsOf(exportError));
  return (
    <>
      {exportError != null &&
        (missingBilling.length > 0 ? (
          <div className="alert alert--error" role="alert">
            The 837P file needs the practice's billing details: {Object.values(fieldErrorsOf(exportError)).join(" ")} <Link to="/practice">Fill them in under Practice</Link>.
          </div>
        ) : (
          <ErrorMessage error={exportError} />
        ))}
      {notice && (
        <div className="alert" role="status">
          {notice}
        </div>
      )}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Claim batches">
        <table className="batch-table">
          <thead>
            <tr>
              <th scope="col">Batch</th>
              <th scope="col">Made</th>
              <th scope="col">Service dates</th>
              <th scope="col">Payer</th>
              <th scope="col" className="num">
                Lines
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" title="Billed or void, and the ISA15 usage of the batch's 837P file">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <BatchRow
                key={b.id}
                batch={b}
                open={open === b.id}
                onToggle={() => setOpen(open === b.id ? null : b.id)}
                detailActions={
                  // In the opened batch rather than the row: the row's actions must fit a 768 px screen.
                  canManage && !b.voided ? (
                    <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void secondaryClaims(b)} aria-label={`Bill secondary payers for batch ${b.controlNumber}`}>
                      {busy === `${b.id}-secondary` ? "…" : "Bill secondary payers"}
                    </button>
                  ) : null
                }
              >
                <div className="button-row button-row--tight">
                  {/* A void batch was taken back: offering its file would invite sending it anyway; if it was sent, the payer gets void claims instead. */}
                  {b.voided && (
                    <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void download(b, FORMATS[1]!, true)} aria-label={`Download the void claims of batch ${b.controlNumber} as 837P`}>
                      {busy === `${b.id}-X12_837P-void` ? "…" : "Void claims"}
                    </button>
                  )}
                  {!b.voided && FORMATS.map((f) => (
                    <button key={f.format} type="button" className="button button--small" disabled={busy !== null} onClick={() => void download(b, f)} aria-label={`Download batch ${b.controlNumber} as ${f.label}`}>
                      {busy === `${b.id}-${f.format}` ? "…" : f.label}
                    </button>
                  ))}
                  {canManage && !b.voided && (
                    <button type="button" className="button button--small button--danger" onClick={() => setVoiding(b)}>
                      Void
                    </button>
                  )}
                </div>
              </BatchRow>
            ))}
          </tbody>
        </table>
      </div>
      <VoidDialog batch={voiding} onClose={() => setVoiding(null)} />
    </>
  );
}

function BatchRow({
  batch: b,
  open,
  onToggle,
  children,
  detailActions,
}: {
  batch: ClaimBatchFieldsFragment;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
  detailActions?: ReactNode;
}) {
  const timeZone = useViewer().viewer.practice.timezone;
  return (
    <>
      <tr className={b.voided ? "row--voided" : undefined}>
        <td>
          <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
            #{b.controlNumber}
          </button>
        </td>
        <td>{formatDateTime(b.createdAt, timeZone)}</td>
        <td className="nowrap">
          {formatShortDate(b.from)} – {formatShortDate(b.to)}
        </td>
        <td>{b.payer?.name ?? "All payers"}</td>
        <td className="num">{b.lineCount}</td>
        <td className="num">{formatCents(b.totalChargeCents)}</td>
        {/* One cell for both badges keeps the table inside its card at 768 px. */}
        <td>
          {b.voided ? <span className="badge badge--void">Void{b.voidedAt ? ` since ${formatDate(b.voidedAt.slice(0, 10))}` : ""}</span> : <span className="badge badge--billed">Billed</span>}{" "}
          <span className={`badge ${b.usageIndicator === "P" ? "badge--billed" : "badge--void"}`} title={`837P usage (ISA15 ${b.usageIndicator})`}>
            {b.usageIndicator === "P" ? "Production (P)" : "Test (T)"}
          </span>
        </td>
        <td>{children}</td>
      </tr>
      {open && (
        <tr className="row--detail">
          <td colSpan={8}>
            {detailActions && <div className="button-row button-row--tight">{detailActions}</div>}
            <BatchLines id={b.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function BatchLines({ id }: { id: string }) {
  const { data, loading, error } = useQuery(ClaimBatchLinesDocument, { variables: { id } });
  if (loading && !data) return <Loading what="Loading lines" />;
  if (error) return <ErrorMessage error={error} />;
  const lines = data?.claimBatch?.lines ?? [];
  const discrepancies = data?.claimBatch?.discrepancies ?? [];
  return (
    <>
    {discrepancies.length > 0 && (
      <Notice kind="warning">
        <strong>Today's data no longer supports {discrepancies.length === 1 ? "a line" : `${discrepancies.length} lines`} of this batch.</strong> If the
        batch was not yet accepted, void it and bill again; otherwise correct the claim with the payer.
        <ul>
          {discrepancies.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      </Notice>
    )}
    <table className="table--compact">
      <caption className="visually-hidden">Lines in this batch</caption>
      <thead>
        <tr>
          <th scope="col" title="Patient control number: CLM01, how the payer's remittance names the line">Control #</th>
          <th scope="col">Service date</th>
          <th scope="col">Group</th>
          <th scope="col">Member</th>
          <th scope="col">Payer</th>
          <th scope="col">Code</th>
          <th scope="col" className="num">
            Charge
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id}>
            <td>
              <code>{l.patientControlNumber}</code>
            </td>
            <td>
              <Link to={`/sessions/${l.session.id}`}>{formatDate(l.session.date)}</Link>
            </td>
            <td>{l.session.group.name}</td>
            <td>
              {l.client.firstName} {l.client.lastName}
            </td>
            <td>{l.payer?.name ?? ""}</td>
            <td>
              <code>{[l.cptCode, ...l.modifiers].join("-")}</code>
              <AddOnLines line={l} />
            </td>
            <td className="num">{formatCents(l.totalChargeCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </>
  );
}

function VoidDialog({ batch, onClose }: { batch: ClaimBatchFieldsFragment | null; onClose: () => void }) {
  const [voidBatch, { loading, error, reset }] = useMutation(VoidClaimBatchDocument, { refetchQueries: ["ReadyCount"], awaitRefetchQueries: true });
  function close() {
    reset();
    onClose();
  }
  return (
    <Dialog open={batch !== null} title={`Void batch #${batch?.controlNumber ?? ""}?`} onClose={close}>
      <p>
        Its {batch?.lineCount} lines ({formatCents(batch?.totalChargeCents ?? 0)}) become billable again. Void a batch only when its file was not accepted, or
        after you have told the payer.
      </p>
      <ErrorMessage error={error} />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={close} autoFocus>
          Keep it
        </button>
        <button
          type="button"
          className="button button--danger-solid"
          disabled={loading}
          onClick={async () => {
            if (!batch) return;
            try {
              await voidBatch({ variables: { id: batch.id } });
              close();
            } catch {
              // shown from `error`
            }
          }}
        >
          {loading ? "Voiding…" : "Void batch"}
        </button>
      </div>
    </Dialog>
  );
}
