import { Fragment, useRef, useState, type FormEvent } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import type { DenialsQuery, PayerRulesInput, PreviewPayerRulesQuery } from "../__generated__/graphql";
import { PreviewPayerRulesDocument } from "../payers/payers.documents";
import { Link } from "../app/router";
import { useViewer } from "../auth/viewer";
import { addDays, formatDate, previousMonth, todayIn } from "../lib/dates";
import { fieldErrorsOf } from "../lib/errors";
import { dollarsToCents, formatCents } from "../lib/money";
import { Dialog, Empty, ErrorMessage, Field, Loading, Notice, PageHeader, Section, Switch, useFieldErrors } from "../ui/ui";
import { OutcomeBadge, Reasons, ServiceLinesRow } from "./remittance-claims";
import { CorrectAndRebillDocument, DenialReportDocument, DenialsDocument, NoteAppealDocument, RemittanceTotalsDocument, WriteOffDenialDocument } from "./remittances.documents";

type Denial = DenialsQuery["denials"][number];

export function DenialsPage() {
  return (
    <>
      <PageHeader
        title="Denials"
        subtitle="Denied and partially paid lines, what is still open, and what GroupBill could have prevented."
        actions={<Link to="/remittances">Remittances</Link>}
      />
      <WorkList />
      <Totals />
      <Report />
    </>
  );
}

interface Filters {
  payerId: string;
  reasonCode: string;
  minAgeDays: string;
  minAmount: string;
  status: "" | "DENIED" | "PARTIALLY_PAID";
  openOnly: boolean;
}

function WorkList() {
  const { can } = useViewer();
  const [filters, setFilters] = useState<Filters>({ payerId: "", reasonCode: "", minAgeDays: "", minAmount: "", status: "", openOnly: true });
  const minAmountCents = filters.minAmount.trim() ? dollarsToCents(filters.minAmount) : null;
  const filter = {
    payerId: filters.payerId || null,
    reasonCode: filters.reasonCode.trim() || null,
    minAgeDays: /^\d+$/.test(filters.minAgeDays) ? Number(filters.minAgeDays) : null,
    minAmountCents,
    status: filters.status || null,
    openOnly: filters.openOnly,
  };
  const { data, loading, error, refetch } = useQuery(DenialsDocument, { variables: { filter }, fetchPolicy: "cache-and-network" });
  const [acting, setActing] = useState<{ denial: Denial; kind: "WRITE_OFF" | "APPEAL_NOTE" } | null>(null);
  const [rebilling, setRebilling] = useState<Denial | null>(null);
  const [rebilled, setRebilled] = useState<string | null>(null);
  const set = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
  const open = (data?.denials ?? []).reduce((sum, d) => sum + d.openBalanceCents, 0);

  return (
    <Section title="Work list">
      <div className="form-grid">
        <Field label="Payer">
          {(p) => (
            <select {...p} value={filters.payerId} onChange={(e) => set({ payerId: e.target.value })}>
              <option value="">All payers</option>
              {(data?.payers ?? []).map((payer) => (
                <option key={payer.id} value={payer.id}>
                  {payer.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Reason code (CARC)">{(p) => <input {...p} value={filters.reasonCode} onChange={(e) => set({ reasonCode: e.target.value })} placeholder="e.g. 197" />}</Field>
        <Field label="At least this many days old">{(p) => <input {...p} inputMode="numeric" value={filters.minAgeDays} onChange={(e) => set({ minAgeDays: e.target.value })} />}</Field>
        <Field label="Open balance at least ($)" error={filters.minAmount.trim() && minAmountCents === null ? "Enter an amount like 25 or 25.50." : undefined}>
          {(p) => <input {...p} inputMode="decimal" value={filters.minAmount} onChange={(e) => set({ minAmount: e.target.value })} />}
        </Field>
        <Field label="Status">
          {(p) => (
            <select {...p} value={filters.status} onChange={(e) => set({ status: e.target.value as Filters["status"] })}>
              <option value="">Denied and partially paid</option>
              <option value="DENIED">Denied</option>
              <option value="PARTIALLY_PAID">Partially paid</option>
            </select>
          )}
        </Field>
      </div>
      <Switch label="Open balances only" checked={filters.openOnly} onChange={(openOnly) => set({ openOnly })} hint="Written-off lines have a zero balance." />
      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Loading denials" />
      ) : !data || data.denials.length === 0 ? (
        <Empty title="No denials match." />
      ) : (
        <>
          <p className="muted">
            {data.denials.length} line{data.denials.length === 1 ? "" : "s"}, {formatCents(open)} open. Fixed the cause of a denial? Correct and rebill sends that line alone as a
            replacement claim naming the payer's claim number.
          </p>
          <div className="table-wrap">
            <table className="table--compact">
              <thead>
                <tr>
                  <th scope="col">Control #</th>
                  <th scope="col">Member</th>
                  <th scope="col">Payer</th>
                  <th scope="col">Service date</th>
                  <th scope="col" className="num">Age</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Open</th>
                  <th scope="col">Reasons</th>
                  <th scope="col">Work</th>
                </tr>
              </thead>
              <tbody>
                {data.denials.map((d) => (
                  <Fragment key={d.lineId}>
                    <tr className={d.latest.serviceLines?.length ? "has-service-lines" : undefined}>
                      <td>{d.latest.patientControlNumber}</td>
                      <td>{d.latest.clientName}</td>
                      <td>{d.latest.payerName}</td>
                      <td>{formatDate(d.latest.serviceDate)}</td>
                      <td className="num">{d.ageDays} d</td>
                      <td>
                        <OutcomeBadge outcome={d.latest.outcome} />
                      </td>
                      <td className="num">{formatCents(d.openBalanceCents)}</td>
                      <td>
                        <Reasons posting={d.latest} />
                      </td>
                      <td>
                        {d.actions.length > 0 && (
                          <ul className="reason-list">
                            {d.actions.map((a, i) => (
                              <li key={i}>
                                {a.kind === "WRITE_OFF" ? `Written off ${formatCents(a.amountCents)}: ` : "Appeal: "}
                                {a.note}
                              </li>
                            ))}
                          </ul>
                        )}
                        {d.rebill && (
                          <p className="muted">
                            Rebilled as {d.rebill.patientControlNumber} (batch {d.rebill.batchControlNumber})
                          </p>
                        )}
                        {can("ManageRemittances") && (
                          <div className="button-row button-row--tight button-row--stack">
                            {d.availableActions.includes("CORRECT_AND_REBILL") && can("ManageClaimBatches") && (
                              <button type="button" className="button button--small" onClick={() => setRebilling(d)}>
                                Correct and rebill
                              </button>
                            )}
                            {d.availableActions.includes("WRITE_OFF") && (
                              <button type="button" className="button button--small" onClick={() => setActing({ denial: d, kind: "WRITE_OFF" })}>
                                Write off
                              </button>
                            )}
                            <button type="button" className="button button--small" onClick={() => setActing({ denial: d, kind: "APPEAL_NOTE" })}>
                              Note appeal
                            </button>
                          </div>
                        )}
                      </td>
                    </tr>
                    <ServiceLinesRow posting={d.latest} columns={9} />
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {rebilled && <Notice kind="success">{rebilled}</Notice>}
      {acting && <DenialActionDialog denial={acting.denial} kind={acting.kind} onClose={() => setActing(null)} />}
      {rebilling && (
        <RebillDialog
          denial={rebilling}
          onClose={() => setRebilling(null)}
          onDone={(message) => {
            setRebilling(null);
            setRebilled(message);
          }}
        />
      )}
    </Section>
  );
}

/**
 * Confirms before the line goes out again: the server checks the line is READY with today's data and refuses
 * otherwise, naming what still blocks it. One key per opened dialog, so a double click rebills once.
 */
function RebillDialog({ denial, onClose, onDone }: { denial: Denial; onClose: () => void; onDone: (message: string) => void }) {
  const keyRef = useRef(crypto.randomUUID());
  const [rebill, { loading, error }] = useMutation(CorrectAndRebillDocument, { refetchQueries: ["Denials", "RemittanceTotals", "ClaimBatches"], awaitRefetchQueries: true });
  const fields = fieldErrorsOf(error);

  async function confirm() {
    try {
      const { data } = await rebill({ variables: { lineId: denial.lineId, idempotencyKey: keyRef.current } });
      const batch = data?.correctAndRebill;
      if (batch) onDone(`Rebilled ${denial.latest.clientName}, ${formatDate(denial.latest.serviceDate)} as ${batch.lines[0]?.patientControlNumber} in batch ${batch.controlNumber}: download its 837P from Claims.`);
    } catch {
      // shown from `error`
    }
  }

  return (
    <Dialog open title="Correct and rebill" onClose={onClose}>
      <p>
        {denial.latest.clientName}, {formatDate(denial.latest.serviceDate)}, {denial.latest.payerName} ({denial.latest.patientControlNumber}).
      </p>
      <p>
        This line goes out again on its own, as a replacement claim for the payer's claim {denial.latest.payerClaimControlNumber ?? "(the payer gave no claim number)"}, in a new batch
        with today's data. The rest of its batch stays as billed. Only do this once the cause of the denial is fixed.
      </p>
      {error && (fields.lineId ? <Notice kind="warning">Nothing was rebilled: {fields.lineId}</Notice> : <ErrorMessage error={error} />)}
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={loading} onClick={() => void confirm()}>
          {loading ? "Rebilling…" : "Rebill this line"}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

function DenialActionDialog({ denial, kind, onClose }: { denial: Denial; kind: "WRITE_OFF" | "APPEAL_NOTE"; onClose: () => void }) {
  const [text, setText] = useState("");
  const refetchQueries = ["Denials", "RemittanceTotals"];
  const [writeOff, writing] = useMutation(WriteOffDenialDocument, { refetchQueries, awaitRefetchQueries: true });
  const [noteAppeal, noting] = useMutation(NoteAppealDocument, { refetchQueries, awaitRefetchQueries: true });
  const state = kind === "WRITE_OFF" ? writing : noting;
  const [fields, touch] = useFieldErrors(state.error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      if (kind === "WRITE_OFF") await writeOff({ variables: { lineId: denial.lineId, reason: text } });
      else await noteAppeal({ variables: { lineId: denial.lineId, note: text } });
      onClose();
    } catch {
      // shown from the mutation's error
    }
  }

  return (
    <Dialog open title={kind === "WRITE_OFF" ? `Write off ${formatCents(denial.openBalanceCents)}` : "Note an appeal"} onClose={onClose}>
      <form onSubmit={submit}>
        <p>
          {denial.latest.clientName}, {formatDate(denial.latest.serviceDate)}, {denial.latest.payerName} ({denial.latest.patientControlNumber}).
          {kind === "WRITE_OFF" && " The open balance becomes zero; this is recorded in the audit log and cannot be done twice."}
        </p>
        <Field label={kind === "WRITE_OFF" ? "Reason" : "Note"} error={fields.reason ?? fields.note} onEdit={() => {
            touch("reason");
            touch("note");
          }}>
          {(p) => <textarea {...p} rows={3} required value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        {state.error && Object.keys(fieldErrorsOf(state.error)).length === 0 && <ErrorMessage error={state.error} />}
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={state.loading || text.trim() === ""}>
            {kind === "WRITE_OFF" ? "Write off" : "Save note"}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Totals() {
  const { data, loading, error, refetch } = useQuery(RemittanceTotalsDocument, { fetchPolicy: "cache-and-network" });
  return (
    <Section title="Totals by payer and month of service">
      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Adding up" />
      ) : !data || data.remittanceTotals.length === 0 ? (
        <Empty title="Nothing billed yet." />
      ) : (
        <div className="table-wrap">
          <table className="table--compact">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Payer</th>
                <th scope="col" className="num">Billed</th>
                <th scope="col" className="num">Paid</th>
                <th scope="col" className="num">Denied</th>
                <th scope="col" className="num">Outstanding</th>
              </tr>
            </thead>
            <tbody>
              {data.remittanceTotals.map((t) => (
                <tr key={`${t.month}-${t.payerId}`}>
                  <td>{t.month}</td>
                  <td>{t.payerName}</td>
                  <td className="num">{formatCents(t.billedCents)}</td>
                  <td className="num">{formatCents(t.paidCents)}</td>
                  <td className="num">{formatCents(t.deniedCents)}</td>
                  <td className="num">{formatCents(t.outstandingCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** The widest bar, in the chart's 600-unit width: the payer names take 170 and the largest amount's label the rest. */
const BAR_WIDTH = 330;

const AREA_LABELS: Record<string, string> = {
  MODIFIER_RULES: "Modifier rules",
  PRIOR_AUTHORIZATION: "Prior authorization",
  TIMELY_FILING: "Timely filing",
  REGISTRATION: "Registration",
  UNITS: "Units per day",
};

function Report() {
  const { viewer, can } = useViewer();
  const today = todayIn(viewer.practice.timezone);
  const [range, setRange] = useState(() => ({ from: addDays(previousMonth(today).from, -62), to: today }));
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(range.from) && /^\d{4}-\d{2}-\d{2}$/.test(range.to) && range.from <= range.to;
  const { data, loading, error, refetch } = useQuery(DenialReportDocument, { variables: range, skip: !ok, fetchPolicy: "cache-and-network" });
  const payers = data?.denialReport ?? [];
  const max = Math.max(1, ...payers.map((p) => p.preventedCents + p.missedCents));

  return (
    <Section title="Predicted vs actual">
      <p className="muted">
        A denial GroupBill would have prevented: the line carried a warning when it was billed, or the rule that catches it was off for that payer. Every other denial was missed;
        where GroupBill has a rule for its reason, the change is suggested (try it in the payer's rule editor, which previews its impact before saving).
      </p>
      <div className="form-grid">
        <Field label="Served from">{(p) => <input {...p} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />}</Field>
        <Field label="Served to" error={!ok && range.from && range.to ? "The last date is before the first." : undefined}>
          {(p) => <input {...p} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />}
        </Field>
      </div>
      {error ? (
        <ErrorMessage error={error} onRetry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading what="Comparing" />
      ) : payers.length === 0 ? (
        <Empty title="No denials for these service dates." />
      ) : (
        <>
          <svg className="denial-chart" role="img" aria-label="Denied dollars per payer: prevented and missed" viewBox={`0 0 600 ${payers.length * 34 + 24}`} width="100%">
            {payers.map((p, i) => {
              const prevented = (p.preventedCents / max) * BAR_WIDTH;
              const missed = (p.missedCents / max) * BAR_WIDTH;
              const y = i * 34 + 4;
              return (
                <g key={p.payerId}>
                  <text x={0} y={y + 17} className="denial-chart__label">
                    {p.payerName.slice(0, 22)}
                  </text>
                  <rect x={170} y={y} width={prevented} height={24} className="denial-chart__prevented">
                    <title>{`Would have prevented: ${p.preventedCount} lines, ${formatCents(p.preventedCents)}`}</title>
                  </rect>
                  <rect x={170 + prevented} y={y} width={missed} height={24} className="denial-chart__missed">
                    <title>{`Missed: ${p.missedCount} lines, ${formatCents(p.missedCents)}`}</title>
                  </rect>
                  <text x={176 + prevented + missed} y={y + 17} className="denial-chart__value">
                    {formatCents(p.preventedCents + p.missedCents)}
                  </text>
                </g>
              );
            })}
            <g transform={`translate(170 ${payers.length * 34 + 8})`}>
              <rect width={12} height={12} className="denial-chart__prevented" />
              <text x={16} y={11} className="denial-chart__label">
                Would have prevented
              </text>
              <rect x={170} width={12} height={12} className="denial-chart__missed" />
              <text x={186} y={11} className="denial-chart__label">
                Missed
              </text>
            </g>
          </svg>
          {payers.map((p) => (
            <div key={p.payerId} className="report-payer">
              <h3>
                {p.payerName}: {p.preventedCount} prevented ({formatCents(p.preventedCents)}), {p.missedCount} missed ({formatCents(p.missedCents)})
              </h3>
              <div className="table-wrap">
                <table className="table--compact">
                  <thead>
                    <tr>
                      <th scope="col">Reason</th>
                      <th scope="col"></th>
                      <th scope="col" className="num">Lines</th>
                      <th scope="col" className="num">Denied</th>
                      <th scope="col">What would prevent it</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.reasons.map((r) => (
                      <tr key={`${r.reasonCode}-${r.prevented}`}>
                        <td>
                          <strong>{r.reasonCode}</strong> {r.description}
                        </td>
                        <td>{r.prevented ? "Would have prevented" : "Missed"}</td>
                        <td className="num">{r.count}</td>
                        <td className="num">{formatCents(r.deniedCents)}</td>
                        <td>
                          {r.prevention ? (
                            <>
                              {AREA_LABELS[r.prevention.area] ?? r.prevention.area}: {r.prevention.suggestion}
                              <div className="button-row button-row--tight">
                                {!r.prevented && r.prevention.payerRuleField && PROPOSALS[r.prevention.payerRuleField] && (
                                  <RulePreview payerId={p.payerId} field={r.prevention.payerRuleField} from={range.from} to={range.to} />
                                )}
                                {r.prevention.payerRuleField && can("ManagePayers") && <Link to={`/payers/${p.payerId}`}>Open the rule editor</Link>}
                              </div>
                            </>
                          ) : (
                            <span className="muted">No GroupBill rule for this reason yet.</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
        </>
      )}
    </Section>
  );
}

/** The settings a missed denial suggests, as a change the impact preview can evaluate over the report's dates. */
const PROPOSALS: Record<string, PayerRulesInput> = {
  requirePriorAuthorization: { requirePriorAuthorization: true },
  maxUnitsPerDay: { maxUnitsPerDay: 1 },
};

/** Runs the existing impact preview (previewPayerRules) for the suggested change; saves nothing. */
function RulePreview({ payerId, field, from, to }: { payerId: string; field: string; from: string; to: string }) {
  const client = useApolloClient();
  const [state, setState] = useState<{ status: "idle" | "loading" } | { status: "done"; impact: PreviewPayerRulesQuery["previewPayerRules"] } | { status: "error"; error: unknown }>({ status: "idle" });

  async function run() {
    setState({ status: "loading" });
    try {
      const { data } = await client.query({
        query: PreviewPayerRulesDocument,
        variables: { payerId, rules: { ...PROPOSALS[field], effectiveFrom: from }, from, to },
        fetchPolicy: "network-only",
      });
      if (data) setState({ status: "done", impact: data.previewPayerRules });
    } catch (error) {
      setState({ status: "error", error });
    }
  }

  if (state.status === "done") {
    const { decisionsEvaluated, newlyBlocked, otherwiseChanged } = state.impact;
    return (
      <p className="muted" role="status">
        Had it been on from {formatDate(from)}: of {decisionsEvaluated} lines, {newlyBlocked} would have been held and {otherwiseChanged} would have changed otherwise.
      </p>
    );
  }
  return (
    <>
      <button type="button" className="button button--small" onClick={() => void run()} disabled={state.status === "loading"}>
        {state.status === "loading" ? "Previewing…" : "Preview this change"}
      </button>
      {state.status === "error" && <ErrorMessage error={state.error} />}
    </>
  );
}
