import type { ClaimLineFieldsFragment } from "../__generated__/graphql";
import { formatCents } from "../lib/money";
import { StatusBadge } from "../ui/ui";

export function memberName(c: { firstName: string; lastName: string }): string {
  return `${c.firstName} ${c.lastName}`;
}

/** Errors first, then warnings, each in the API's plain words. */
export function IssueList({ line }: { line: ClaimLineFieldsFragment }) {
  if (line.status === "BILLED") return <span className="muted">In a claim batch</span>;
  if (line.issues.length === 0) return <span className="muted">Nothing blocks it</span>;
  const sorted = [...line.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "ERROR" ? -1 : 1));
  return (
    <ul className="issues">
      {sorted.map((issue, i) => (
        <li key={`${issue.code}-${issue.element ?? ""}-${i}`} className={`issue issue--${issue.severity.toLowerCase()}`}>
          {issue.severity === "WARNING" && <span className="issue__tag">Warning</span>}
          {issue.message}
          {issue.code === "USE_INDIVIDUAL_CODE" || issue.code === "USE_FAMILY_CODE" ? (
            line.suggestedCptCodes.length > 0 && <span className="muted"> (use {line.suggestedCptCodes.join(" or ")})</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function lineCode(line: ClaimLineFieldsFragment): string {
  return [line.cptCode, ...line.modifiers].join("-");
}

export function StatusCounts({ lines }: { lines: ClaimLineFieldsFragment[] }) {
  const count = (s: string) => lines.filter((l) => l.status === s).length;
  return (
    <span className="status-counts">
      {(["READY", "BLOCKED", "BILLED"] as const)
        .filter((s) => count(s) > 0)
        .map((s) => (
          <span key={s} className={`count count--${s.toLowerCase()}`}>
            {count(s)} {s.toLowerCase()}
          </span>
        ))}
    </span>
  );
}

/** Every present member's line with its full contents; the charge only for roles that read claims. */
export function ClaimLinesTable({ lines }: { lines: ClaimLineFieldsFragment[] }) {
  // The lines carry charges exactly when the query asked for them (withBilling), so they decide the column.
  const showCharge = lines.some((l) => l.chargeCents != null);
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col" className="col-member">Member</th>
            <th scope="col">Status</th>
            <th scope="col" className="col-payer">Payer</th>
            <th scope="col">Line</th>
            {showCharge && (
              <th scope="col" className="num">
                Charge
              </th>
            )}
            <th scope="col" className="col-reasons">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">{memberName(line.client)}</th>
              <td>
                <StatusBadge status={line.status} />
              </td>
              <td>{line.payer?.name ?? <span className="muted">No coverage</span>}</td>
              <td>
                <code>{lineCode(line)}</code>
                {line.units !== 1 && ` × ${line.units}`}
                <div className="muted small">
                  POS {line.placeOfService} · Dx {line.diagnosisCodes.join(", ") || "none"}
                </div>
              </td>
              {showCharge && <td className="num">{line.chargeCents != null ? formatCents(line.chargeCents) : ""}</td>}
              <td>
                <IssueList line={line} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
