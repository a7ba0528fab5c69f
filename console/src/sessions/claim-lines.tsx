import type { ClaimLineFieldsFragment } from "../__generated__/graphql";
import { Link } from "../app/router";
import { useViewer } from "../auth/viewer";
import { fixLinkFor, type IssueRef, type LineWhere } from "../lib/fix-links";
import { formatCents } from "../lib/money";
import { StatusBadge } from "../ui/ui";

export function memberName(c: { firstName: string; lastName: string }): string {
  return `${c.firstName} ${c.lastName}`;
}

/** Errors first, then warnings, each in the API's plain words, with a link to where it is fixed. */
export function IssueList({ line, where }: { line: ClaimLineFieldsFragment; where?: Omit<LineWhere, "clientId" | "payerId" | "clinicianId"> }) {
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
          {where && <FixLink issue={issue} where={{ ...where, clientId: line.client.id, payerId: line.payer?.id, clinicianId: line.renderingProvider?.id }} />}
        </li>
      ))}
    </ul>
  );
}

export function FixLink({ issue, where }: { issue: IssueRef; where: LineWhere }) {
  const { can } = useViewer();
  const fix = fixLinkFor(issue, where, can);
  if (!fix) return null;
  // Who fixes what this viewer may not even open: said, not linked.
  if (fix.to === null) return <span className="fix-hint muted"> {fix.label}.</span>;
  return (
    <>
      {" "}
      <Link to={fix.to} className="fix-link">
        {fix.label}
      </Link>
    </>
  );
}

export function lineCode(line: Pick<ClaimLineFieldsFragment, "cptCode" | "modifiers">): string {
  return [line.cptCode, ...line.modifiers].join("-");
}

const ADD_ON_NAMES: Record<string, string> = { "90785": "interactive complexity" };

/**
 * The add-on service lines billed on the same claim (90785), each with its code, what it is and its charge when
 * shown; its reason is read where it is recorded, on the attendance form above, so the line stays compact.
 */
interface AddOnShown {
  cptCode: string;
  modifiers: string[];
  chargeCents?: number | null;
}

export function AddOnLines({ line }: { line: { addOnLines: AddOnShown[] } }) {
  if (line.addOnLines.length === 0) return null;
  return (
    <ul className="add-ons">
      {line.addOnLines.map((addOn, i) => (
        <li key={`${addOn.cptCode}-${i}`}>
          + <code>{lineCode(addOn)}</code> {ADD_ON_NAMES[addOn.cptCode] ?? "add-on"}
          {addOn.chargeCents != null && <span className="muted"> · {formatCents(addOn.chargeCents)}</span>}
        </li>
      ))}
    </ul>
  );
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
export function ClaimLinesTable({ lines, where }: { lines: ClaimLineFieldsFragment[]; where?: Omit<LineWhere, "clientId" | "payerId" | "clinicianId"> }) {
  // The lines carry charges exactly when the query asked for them (withBilling), so they decide the column.
  const showCharge = lines.some((l) => l.chargeCents != null);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Claim lines by member">
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
                <AddOnLines line={line} />
              </td>
              {/* The claim's charge: the 90853 line's plus its add-on lines' (each shown beside its code). */}
              {showCharge && <td className="num">{line.totalChargeCents != null ? formatCents(line.totalChargeCents) : ""}</td>}
              <td>
                <IssueList line={line} where={where} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
