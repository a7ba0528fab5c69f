import { useQuery } from "@apollo/client/react";
import type { ClaimSummaryFieldsFragment } from "../__generated__/graphql";
import { Link, useRouter } from "../app/router";
import { useViewer } from "../auth/viewer";
import { claimsHref } from "../claims/claim-filters";
import { presetRange } from "../lib/date-input";
import { addDays, formatDate, formatShortDate, todayIn } from "../lib/dates";
import { ISSUE_LABELS, STATUS_LABELS, valuesOf } from "../lib/labels";
import { formatCents } from "../lib/money";
import { Empty, ErrorMessage, Loading, PageHeader, Section } from "../ui/ui";
import type { FilingDeadlineLinesFragment } from "../__generated__/graphql";
import { DashboardDocument, FilingDeadlinesDocument } from "./dashboard.documents";

type Month = "this" | "last";
type Summary = ClaimSummaryFieldsFragment;

const STATUSES = valuesOf(STATUS_LABELS);

function lines(n: number): string {
  return `${n} line${n === 1 ? "" : "s"}`;
}

/**
 * Where a day starts: the month's lines by status, what blocks them and for which payers, and the sessions waiting
 * longest. Every number opens the work list narrowed to exactly those lines. Clinicians, who see no money and no
 * claim list, get the counts and the sessions.
 */
export function DashboardPage() {
  const { viewer, can } = useViewer();
  const { search, navigate, path } = useRouter();
  const today = todayIn(viewer.practice.timezone);
  const withMoney = can("ReadClaims");
  const thisMonth = presetRange("this-month", today);
  const lastMonth = presetRange("last-month", today);
  const { data, loading, error, refetch } = useQuery(DashboardDocument, {
    variables: { thisFrom: thisMonth.from, thisTo: thisMonth.to, lastFrom: lastMonth.from, lastTo: lastMonth.to, withMoney },
    fetchPolicy: "cache-and-network",
  });

  const asked = search.get("month");
  // Early in a month there is usually nothing yet: start on the month being billed.
  const month: Month = asked === "this" || asked === "last" ? asked : data && data.thisMonth.lineCount === 0 ? "last" : "this";
  const summary = data ? (month === "this" ? data.thisMonth : data.lastMonth) : null;

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={summary ? `Claim lines of sessions from ${formatShortDate(summary.from)} to ${formatShortDate(summary.to)}.` : "Claim lines of the month."}
        actions={
          <div className="segmented" role="group" aria-label="Month">
            {(["this", "last"] as const).map((m) => (
              <button
                key={m}
                type="button"
                className="button button--small"
                aria-pressed={month === m}
                onClick={() => navigate(`${path}?month=${m}`, { replace: true })}
              >
                {m === "this" ? "This month" : "Last month"}
              </button>
            ))}
          </div>
        }
      />
      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Adding up the month" />
      ) : !summary ? null : summary.lineCount === 0 ? (
        <Empty title="No claim lines in this month yet.">Lines appear once members are marked present at sessions.</Empty>
      ) : (
        <MonthSummary summary={summary} withMoney={withMoney} />
      )}
      {withMoney && <FilingDeadlines today={today} />}
    </>
  );
}

/** Sessions of the past year: longer filing windows than that are rare, and a work-list range is at most 366 days. */
const FILING_LOOKBACK_DAYS = 365;

/**
 * Unbilled lines whose payer's filing deadline (date of service plus the payer's window) has passed or comes within
 * 14 days; each opens the work list narrowed to that member, day and issue. Billers only: it lists claim lines.
 */
function FilingDeadlines({ today }: { today: string }) {
  const range = { from: addDays(today, -FILING_LOOKBACK_DAYS), to: today };
  const { data, error, loading, refetch } = useQuery(FilingDeadlinesDocument, { variables: range, fetchPolicy: "cache-and-network" });
  const groups: { code: "TIMELY_FILING_EXPIRED" | "TIMELY_FILING_SOON"; title: string; lines: FilingDeadlineLinesFragment | undefined }[] = [
    { code: "TIMELY_FILING_EXPIRED", title: "Deadline passed", lines: data?.expired },
    { code: "TIMELY_FILING_SOON", title: "Due within 14 days", lines: data?.soon },
  ];
  return (
    <Section title="Filing deadlines approaching">
      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Looking for filing deadlines" />
      ) : data && data.expired.totalCount + data.soon.totalCount === 0 ? (
        <p className="muted">No unbilled line is near its payer's filing deadline.</p>
      ) : (
        groups.map(({ code, title, lines: found }) =>
          found && found.totalCount > 0 ? (
            <div key={code} className="filing-deadlines">
              <h3>
                {title}: <Link to={claimsHref({ ...range, flaggedBy: code })}>{lines(found.totalCount)}</Link>
              </h3>
              <ul className="plain-list" aria-label={title}>
                {found.edges.map(({ node }) => (
                  <li key={node.id}>
                    <Link to={claimsHref({ from: node.session.date, to: node.session.date, clientId: node.client.id, flaggedBy: code })}>
                      {node.client.firstName} {node.client.lastName}, {node.session.group.name}, {formatDate(node.session.date)}
                    </Link>
                    {node.payer && <span className="muted"> · {node.payer.name}</span>}
                    <div className="muted small">{node.issues.find((i) => i.code === code)?.message}</div>
                  </li>
                ))}
              </ul>
            </div>
          ) : null,
        )
      )}
    </Section>
  );
}

function MonthSummary({ summary, withMoney }: { summary: Summary; withMoney: boolean }) {
  const range = { from: summary.from, to: summary.to };
  return (
    <>
      <ul className="tiles" aria-label="Lines by status">
        {STATUSES.map((status) => {
          const total = summary.byStatus.find((s) => s.status === status);
          const count = total?.lineCount ?? 0;
          const body = (
            <>
              <span className="tile__label">{STATUS_LABELS[status]}</span>
              <span className="tile__count">{lines(count)}</span>
              {withMoney && <span className="tile__money">{formatCents(total?.chargeCents ?? 0)}</span>}
            </>
          );
          return (
            <li key={status} className={`tile tile--${status.toLowerCase()}`}>
              {withMoney ? <Link to={claimsHref({ ...range, status })}>{body}</Link> : <div>{body}</div>}
            </li>
          );
        })}
      </ul>
      <div className="dashboard-grid">
        <Section title="Blocked by reason">
          {summary.blockedByIssue.length === 0 ? (
            <p className="muted">Nothing is blocked.</p>
          ) : (
            <>
              <p className="muted small">A line blocked for two reasons counts under both.</p>
              <BarList
                label="Blocked lines by reason"
                withMoney={withMoney}
                bars={summary.blockedByIssue.map((b) => ({
                  key: b.code,
                  label: ISSUE_LABELS[b.code] ?? b.code,
                  lineCount: b.lineCount,
                  chargeCents: b.chargeCents ?? 0,
                  href: withMoney ? claimsHref({ ...range, status: "BLOCKED", issueCode: b.code }) : null,
                }))}
              />
            </>
          )}
        </Section>
        <Section title="Blocked by payer">
          {summary.blockedByPayer.length === 0 ? (
            <p className="muted">Nothing is blocked.</p>
          ) : (
            <BarList
              label="Blocked lines by payer"
              withMoney={withMoney}
              bars={summary.blockedByPayer.map((b) => ({
                key: b.payer?.id ?? "none",
                label: b.payer?.name ?? "No coverage",
                lineCount: b.lineCount,
                chargeCents: b.chargeCents ?? 0,
                href: withMoney && b.payer ? claimsHref({ ...range, status: "BLOCKED", payerId: b.payer.id }) : null,
              }))}
            />
          )}
        </Section>
      </div>
      <Section title="Oldest unbilled sessions">
        {summary.oldestUnbilled.length === 0 ? (
          <p className="muted">Every session of the month is billed.</p>
        ) : (
          <ul className="plain-list">
            {summary.oldestUnbilled.map((s) => (
              <li key={s.session.id}>
                <Link to={`/sessions/${s.session.id}`}>
                  {s.session.group.name}, {formatDate(s.serviceDate)}
                </Link>
                :{s.readyCount > 0 && <span className="count count--ready">{s.readyCount} ready</span>}
                {s.blockedCount > 0 && <span className="count count--blocked">{s.blockedCount} blocked</span>}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

interface Bar {
  key: string;
  label: string;
  lineCount: number;
  chargeCents: number;
  href: string | null;
}

/** A bar chart in plain HTML: the numbers are text (read aloud and copied), the bars only show proportion. */
function BarList({ label, bars, withMoney }: { label: string; bars: Bar[]; withMoney: boolean }) {
  const size = (b: Bar) => (withMoney ? b.chargeCents : b.lineCount);
  const largest = Math.max(1, ...bars.map(size));
  return (
    <ul className="bars" aria-label={label}>
      {bars.map((b) => {
        const text = withMoney ? `${formatCents(b.chargeCents)} · ${lines(b.lineCount)}` : lines(b.lineCount);
        return (
          <li key={b.key} className="bar">
            <span className="bar__label">{b.href ? <Link to={b.href}>{b.label}</Link> : b.label}</span>
            <span className="bar__value">{text}</span>
            <span className="bar__track" aria-hidden="true">
              <span className="bar__fill" style={{ width: `${Math.max(2, Math.round((size(b) / largest) * 100))}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
