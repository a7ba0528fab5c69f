import { Fragment } from "react";
import type { PostingFieldsFragment, RemittanceFieldsFragment, RemittanceOutcome } from "../__generated__/graphql";
import { formatDate } from "../lib/dates";
import { formatCents } from "../lib/money";

export const OUTCOME_LABELS: Record<RemittanceOutcome, string> = { PAID: "Paid", PARTIALLY_PAID: "Partially paid", DENIED: "Denied", REVERSED: "Reversed" };

export function OutcomeBadge({ outcome }: { outcome: RemittanceOutcome }) {
  return <span className={`badge badge--${outcome.toLowerCase().replace("_", "-")}`}>{OUTCOME_LABELS[outcome]}</span>;
}

type Adjustment = Pick<PostingFieldsFragment["adjustments"][number], "group" | "reasonCode" | "amountCents" | "quantity" | "description">;
type Remark = Pick<PostingFieldsFragment["remarks"][number], "code" | "description">;
type ServiceLine = NonNullable<PostingFieldsFragment["serviceLines"]>[number];

/** Each CAS as "CO-97 $18.50: what it means", each remark code with its meaning. */
function ReasonList({ adjustments, remarks }: { adjustments: Adjustment[]; remarks: Remark[] }) {
  if (adjustments.length === 0 && remarks.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="reason-list">
      {adjustments.map((a, i) => (
        <li key={`a${i}`}>
          <strong>
            {a.group}-{a.reasonCode}
          </strong>{" "}
          {formatCents(a.amountCents)}
          {a.quantity !== null ? ` (${a.quantity} unit${a.quantity === 1 ? "" : "s"})` : ""}: {a.description}
        </li>
      ))}
      {remarks.map((r, i) => (
        <li key={`r${i}`}>
          <strong>{r.code}</strong> {r.description}
        </li>
      ))}
    </ul>
  );
}

/** "90785-HQ", as the claim screens write a billed line. */
const procedureText = (p: { code: string; modifiers: string[] }) => [p.code, ...p.modifiers].join("-");

/**
 * Why the payment differs from the charge. With service lines, each line's reasons are shown on the line (see
 * ServiceLinesRow), and only the claim's own stay here. A posting from before lines were kept, or one the payer
 * answered as a whole, lists every reason as the claim's.
 */
export function Reasons({ posting }: { posting: PostingFieldsFragment }) {
  if (!posting.serviceLines?.length) return <ReasonList adjustments={posting.adjustments} remarks={posting.remarks} />;
  const claimAdjustments = posting.adjustments.filter((a) => a.level === "CLAIM");
  const claimRemarks = posting.remarks.filter((r) => r.level === "CLAIM");
  if (claimAdjustments.length === 0 && claimRemarks.length === 0) return <span className="muted">By service line, below</span>;
  return <ReasonList adjustments={claimAdjustments} remarks={claimRemarks} />;
}

/**
 * A full-width row under a posting's row, with its service lines: each says what the payer did with its own
 * procedure (a paid 90853 beside a refused 90785 add-on), which the claim's totals alone hide. None when the
 * payer sent no lines, or the posting predates keeping them.
 */
export function ServiceLinesRow({ posting, columns }: { posting: PostingFieldsFragment; columns: number }) {
  if (!posting.serviceLines?.length) return null;
  return (
    <tr className="service-lines-row">
      <td colSpan={columns}>
        <ServiceLines lines={posting.serviceLines} controlNumber={posting.patientControlNumber} />
      </td>
    </tr>
  );
}

/** One row per service line (SVC) as the payer adjudicated it. Named by aria-label, so its name is no text of the row it sits in. */
export function ServiceLines({ lines, controlNumber }: { lines: ServiceLine[]; controlNumber: string }) {
  return (
    <table className="service-lines" aria-label={`Service lines of ${controlNumber}`}>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Charged</th>
          <th scope="col" className="num">Paid</th>
          <th scope="col">Adjustments</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.index}>
            <th scope="row">
              {procedureText(line.procedure)}
              {line.unitsPaid !== 1 || line.originalUnits !== null ? (
                <span className="service-lines__note">
                  , {line.unitsPaid} unit{line.unitsPaid === 1 ? "" : "s"}
                  {line.originalUnits !== null ? ` (billed ${line.originalUnits})` : ""}
                </span>
              ) : null}
              {line.originalProcedure && (
                <div className="service-lines__note" title="SVC06: the payer adjudicated another procedure than the one billed">
                  billed as {procedureText(line.originalProcedure)}
                </div>
              )}
            </th>
            <td>
              <OutcomeBadge outcome={line.outcome} />
            </td>
            <td className="num">{formatCents(line.chargeCents)}</td>
            <td className="num">{formatCents(line.paidCents)}</td>
            <td>
              <ReasonList adjustments={line.adjustments} remarks={line.remarks} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The claims (CLPs) of a remittance as posted. */
export function RemittanceClaimsTable({ claims }: { claims: PostingFieldsFragment[] }) {
  return (
    <div className="table-wrap">
      <table className="table--compact">
        <caption className="visually-hidden">Claims in this remittance</caption>
        <thead>
          <tr>
            <th scope="col" title="Patient control number (CLP01): the CLM01 GroupBill sent">Control #</th>
            <th scope="col">Member</th>
            <th scope="col">Service date</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Charge</th>
            <th scope="col" className="num">Paid</th>
            <th scope="col" className="num">Patient</th>
            <th scope="col" className="num">Denied</th>
            <th scope="col" title="Payer claim control number (CLP07), used by corrected claims">Payer #</th>
            <th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => (
            <Fragment key={c.id}>
              <tr className={c.serviceLines?.length ? "has-service-lines" : undefined}>
                <td>{c.patientControlNumber}</td>
                <td>{c.clientName}</td>
                <td>{formatDate(c.serviceDate)}</td>
                <td>
                  <OutcomeBadge outcome={c.outcome} />
                </td>
                <td className="num">
                  {formatCents(c.chargeCents)}
                  {c.chargeWarning && (
                    <div className="charge-warning" title={c.chargeWarning}>
                      Billed {c.billedChargeCents === null ? "another amount" : formatCents(c.billedChargeCents)}
                    </div>
                  )}
                </td>
                <td className="num">{formatCents(c.paidCents)}</td>
                <td className="num">{formatCents(c.patientResponsibilityCents)}</td>
                <td className="num">{formatCents(c.deniedCents)}</td>
                <td>{c.payerClaimControlNumber ?? "—"}</td>
                <td>
                  <Reasons posting={c} />
                </td>
              </tr>
              <ServiceLinesRow posting={c} columns={10} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Claims whose charge (CLP03) differs from what was billed: posted as the payer sent them, flagged for a look. */
export function ChargeWarnings({ claims }: { claims: PostingFieldsFragment[] }) {
  const flagged = claims.filter((c) => c.chargeWarning);
  if (flagged.length === 0) return null;
  return (
    <div className="alert alert--warning" role="note" aria-label="Charge warnings">
      <strong>
        {flagged.length} claim{flagged.length === 1 ? "" : "s"} posted with a charge that differs from what was billed:
      </strong>
      <ul>
        {flagged.map((c) => (
          <li key={c.id}>
            {c.patientControlNumber} ({c.clientName}): {c.chargeWarning}
          </li>
        ))}
      </ul>
    </div>
  );
}

type Payment = RemittanceFieldsFragment["payments"][number];

/** Provider-level adjustments (PLB): money of the payment as a whole, which is why it differs from the claims' sum. */
export function ProviderAdjustments({ payments }: { payments: Payment[] }) {
  const rows = payments.flatMap((p) => p.providerAdjustments.map((a, i) => ({ payment: p, adjustment: a, key: `${p.id}-${i}` })));
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="table--compact">
        <caption>Provider-level adjustments (PLB): positive amounts were held back from the payment, negative ones added to it</caption>
        <thead>
          <tr>
            <th scope="col">Check / EFT</th>
            <th scope="col">Reason</th>
            <th scope="col">Reference</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ payment, adjustment: a, key }) => (
            <tr key={key}>
              <td>{payment.traceNumber}</td>
              <td>
                <strong>{a.reasonCode}</strong> {a.description}
              </td>
              <td>{a.referenceId ?? "—"}</td>
              <td className="num">{formatCents(a.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
