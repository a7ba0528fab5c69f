/**
 * FREQUENCY_LIMIT: payers that cap a member's units per week (Sunday to Saturday of the service dates, in the
 * practice's time zone) or per calendar month. Units are counted like daily units: lines already billed to the
 * payer in that week or month hold theirs first, whatever their date; then the member's lines with no other
 * ERROR, in date and start order. A line over either cap is blocked and uses none.
 */
import { addDays, monthEndOf, monthOf, weekStartOf } from "./calendar.js";
import type { BilledLineFacts, ClaimIssue, RuleVersion } from "./types.js";

/** A line's week and month at its turn: how many of the member's units with the payer are already used. */
export interface FrequencyTurn {
  /** Sunday of the line's week. */
  weekStart: string;
  /** YYYY-MM */
  month: string;
  usedInWeek: number;
  billedInWeek: number;
  usedInMonth: number;
  billedInMonth: number;
}

export function hasFrequencyCaps(rules: RuleVersion): boolean {
  return rules.maxUnitsPerWeek != null || rules.maxUnitsPerMonth != null;
}

/**
 * Units per client, payer and window (a week's Sunday or a month, which never equal each other), billed ones and
 * the rest apart. Nested maps keyed by strings the lines already hold, so no key string is built per line.
 */
export class FrequencyCounts {
  private readonly billed = new WindowCounts();
  private readonly used = new WindowCounts();

  constructor(billedLines: readonly BilledLineFacts[]) {
    // A line listed twice still billed one unit.
    const seen = new Map<string, Set<string>>();
    for (const b of billedLines) {
      let clients = seen.get(b.sessionId);
      if (!clients) seen.set(b.sessionId, (clients = new Set()));
      if (clients.has(b.clientId)) continue;
      clients.add(b.clientId);
      const windows = this.billed.windowsOf(b.clientId, b.payerId);
      increment(windows, weekStartOf(b.serviceDate));
      increment(windows, monthOf(b.serviceDate));
    }
  }

  /** The last date asked about and its week and month: lines come a day at a time, so most asks repeat the last. */
  private windowDate = "";
  private windowWeek = "";
  private windowMonth = "";

  private windowsOn(serviceDate: string): void {
    if (serviceDate === this.windowDate) return;
    this.windowDate = serviceDate;
    this.windowWeek = weekStartOf(serviceDate);
    this.windowMonth = monthOf(serviceDate);
  }

  turnOf(clientId: string, payerId: string, serviceDate: string): FrequencyTurn {
    this.windowsOn(serviceDate);
    const weekStart = this.windowWeek;
    const month = this.windowMonth;
    const billed = this.billed.find(clientId, payerId);
    const used = this.used.find(clientId, payerId);
    const billedInWeek = billed?.get(weekStart) ?? 0;
    const billedInMonth = billed?.get(month) ?? 0;
    return {
      weekStart,
      month,
      billedInWeek,
      usedInWeek: billedInWeek + (used?.get(weekStart) ?? 0),
      billedInMonth,
      usedInMonth: billedInMonth + (used?.get(month) ?? 0),
    };
  }

  use(clientId: string, payerId: string, serviceDate: string): void {
    this.windowsOn(serviceDate);
    const windows = this.used.windowsOf(clientId, payerId);
    increment(windows, this.windowWeek);
    increment(windows, this.windowMonth);
  }
}

class WindowCounts {
  private readonly byClient = new Map<string, Map<string, Map<string, number>>>();

  find(clientId: string, payerId: string): Map<string, number> | undefined {
    return this.byClient.get(clientId)?.get(payerId);
  }

  windowsOf(clientId: string, payerId: string): Map<string, number> {
    let byPayer = this.byClient.get(clientId);
    if (!byPayer) this.byClient.set(clientId, (byPayer = new Map()));
    let windows = byPayer.get(payerId);
    if (!windows) byPayer.set(payerId, (windows = new Map()));
    return windows;
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function units(n: number): string {
  return `${n} unit${n === 1 ? "" : "s"}`;
}

function usedBy(used: number, billed: number): string {
  const earlier = used - billed;
  return [billed > 0 ? `${billed} already billed` : "", earlier > 0 ? `${earlier} by earlier billable sessions` : ""].filter(Boolean).join(", ");
}

/** The issue for a line whose week or month is already full; null when both have room (or no cap is set). */
export function frequencyIssue(rules: RuleVersion, turn: FrequencyTurn | null): ClaimIssue | null {
  if (!turn) return null;
  const week = rules.maxUnitsPerWeek;
  const month = rules.maxUnitsPerMonth;
  const full: string[] = [];
  if (week != null && turn.usedInWeek >= week) {
    full.push(
      `the week of ${turn.weekStart} to ${addDays(turn.weekStart, 6)} (Sunday to Saturday) already has ${units(turn.usedInWeek)} (${usedBy(turn.usedInWeek, turn.billedInWeek)}) and this payer pays at most ${units(week)} per member per week`,
    );
  }
  if (month != null && turn.usedInMonth >= month) {
    full.push(
      `the month of ${turn.month} (${turn.month}-01 to ${monthEndOf(`${turn.month}-01`)}) already has ${units(turn.usedInMonth)} (${usedBy(turn.usedInMonth, turn.billedInMonth)}) and this payer pays at most ${units(month)} per member per calendar month`,
    );
  }
  if (full.length === 0) return null;
  return {
    code: "FREQUENCY_LIMIT",
    severity: "ERROR",
    message:
      `This member's group therapy with this payer is over its frequency limit: ${full.join("; and ")}. ` +
      "Bill only the sessions the payer pays for; if the member did not attend this one, correct the attendance, or ask the payer to approve more sessions and raise the limit in the payer's rules.",
    element: null,
  };
}
