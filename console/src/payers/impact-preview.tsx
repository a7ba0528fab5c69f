import type { PreviewPayerRulesQuery } from "../__generated__/graphql";
import { Link } from "../app/router";
import { SINCE_ALWAYS, formatDate } from "../lib/dates";
import { formatCents } from "../lib/money";
import { ISSUE_LABELS } from "../lib/labels";
import { DataTable } from "../ui/list-page";
import { StatusBadge } from "../ui/ui";

export type Impact = PreviewPayerRulesQuery["previewPayerRules"];

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
      {impact.timeline.length > 0 && <RulesTimeline timeline={impact.timeline} />}
      {impact.changes.length > 0 && <ChangedLines changes={impact.changes} />}
    </section>
  );
}

/** Which rules apply to which dates of the previewed range, the proposed version among them. */
function RulesTimeline({ timeline }: { timeline: Impact["timeline"] }) {
  return (
    <ul className="impact__timeline" aria-label="Rules versions by date">
      {timeline.map((segment) => (
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
  );
}

/** Each line the change would treat differently: its status before and after, and why. */
function ChangedLines({ changes }: { changes: Impact["changes"] }) {
  return (
    <DataTable label="Lines these rules would change" columns={["Service date", "Group", "Member", "Now", "After", "Why"]}>
      {changes.map((c) => (
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
            {c.issueCodes.length === 0 ? "Nothing blocks it" : c.issueCodes.map((code) => ISSUE_LABELS[code]).join("; ")}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
