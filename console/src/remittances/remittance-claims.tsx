import type { PostingFieldsFragment, RemittanceFieldsFragment, RemittanceOutcome } from "../__generated__/graphql";
import { formatDate } from "../lib/dates";
import { formatCents } from "../lib/money";

export const OUTCOME_LABELS: Record<RemittanceOutcome, string> = { PAID: "Paid", PARTIALLY_PAID: "Partially paid", DENIED: "Denied", REVERSED: "Reversed" };

export function OutcomeBadge({ outcome }: { outcome: RemittanceOutcome }) {
  return <span className={`badge badge--${outcome.toLowerCase().replace("_", "-")}`}>{OUTCOME_LABELS[outcome]}</span>;
}

/** Adjustments and remarks as the payer gave them, each code with its meaning. */
export function Reasons({ posting }: { posting: PostingFieldsFragment }) {
  if (posting.adjustments.length === 0 && posting.remarks.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="reason-list">
      {posting.adjustments.map((a, i) => (
        <li key={`a${i}`}>
          <strong>
            {a.group}-{a.reasonCode}
          </strong>{" "}
          {formatCents(a.amountCents)}
          {a.quantity !== null ? ` (${a.quantity} unit${a.quantity === 1 ? "" : "s"})` : ""}: {a.description}
        </li>
      ))}
      {posting.remarks.map((r, i) => (
        <li key={`r${i}`}>
          <strong>{r.code}</strong> {r.description}
        </li>
      ))}
    </ul>
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
            <tr key={c.id}>
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
