/**
 * axe-core in the page under test: its source is read from node_modules and evaluated in the page, so
 * nothing is fetched while the test runs. Not page.addScriptTag: the console's Content-Security-Policy
 * (script-src 'self') rightly refuses an inline script, and the scan must see the page as served.
 */
import fs from "node:fs";
import type { Page } from "playwright-core";

let source: string | null = null;

function axeSource(): string {
  source ??= fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  return source;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every WCAG A/AA (and best-practice) violation on the page as it is now, one entry per rule. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
}
