import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PASSWORD, startTestServer, type TestServer } from "../../support/api";
import { createScratchDatabase, type ScratchDatabase } from "../../support/scratch-database";

export const SHOTS = path.resolve("test-artifacts/screenshots");
const CONSOLE_DIR = path.resolve("console/dist");

/**
 * A browser test's world: the built console served by a test server, Debian's chromium in a throwaway profile,
 * and every console error or page error a page reports collected so each test can insist there were none.
 */
export interface BrowserHarness {
  readonly server: TestServer;
  readonly context: BrowserContext;
  /** A page whose console errors and uncaught errors land in `consoleErrors`. */
  newPage(): Promise<Page>;
  /** A new page signed in through the console's sign-in form, on the dashboard. */
  signedIn(user: { email: string }): Promise<Page>;
  readonly consoleErrors: string[];
}

export interface BrowserHarnessOptions {
  /**
   * A database of the file's own, dropped afterwards, for data that must be alone in its database: the demo
   * practice (one fixed login) loaded for a browser test while another file loads it too.
   */
  ownDatabase?: boolean;
  /**
   * False for a file that speaks to the server as the console does (its operations, as sent) but opens no page:
   * it gets the same server setup and no Chromium.
   */
  browser?: boolean;
}

/** Registers beforeAll/afterAll/afterEach for the file; the harness's fields are ready inside tests. */
export function useBrowserHarness(options: BrowserHarnessOptions = {}): BrowserHarness {
  let server: TestServer | undefined;
  let database: ScratchDatabase | undefined;
  let context: BrowserContext | undefined;
  let userDataDir: string | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const browser = options.browser ?? true;
    if (browser && !fs.existsSync(path.join(CONSOLE_DIR, "index.html"))) throw new Error("Build the console first (npm run build)");
    if (options.ownDatabase) database = await createScratchDatabase("e2e");
    server = await startTestServer({ consoleDir: browser ? CONSOLE_DIR : undefined, databaseUrl: database?.url });
    if (!browser) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "groupbill-e2e-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    await database?.drop();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(consoleErrors.splice(0)).toEqual([]);
  });

  return {
    get server() {
      return server!;
    },
    get context() {
      if (!context) throw new Error("This harness opens no browser (browser: false)");
      return context;
    },
    consoleErrors,
    async newPage() {
      if (!context) throw new Error("This harness opens no browser (browser: false)");
      const page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(`${m.text()} (${page.url()})`);
      });
      page.on("pageerror", (e) => consoleErrors.push(`page error: ${e.message} (${page.url()})`));
      return page;
    },
    async signedIn(user) {
      const page = await this.newPage();
      await page.goto(`${server!.url}/signin`);
      await page.getByLabel("E-mail").fill(user.email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
      return page;
    },
  };
}
