import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

jest.setTimeout(90_000);

const entry = path.resolve(__dirname, "../../server/dist/index.js");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the built server the way `npm start` does, without DATABASE_URL, and waits for it to listen. */
async function boot(dataDir: string, port: number, pgPort: number) {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", EMBEDDED_PG_PORT: String(pgPort) };
  delete env.SEED_DEMO;
  delete env.DATABASE_URL;
  // As under `npm start`: jest's NODE_ENV=test would hide libraries' signal handling from this test.
  delete env.NODE_ENV;
  const child = spawn(process.execPath, [entry], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on("data", () => {
      if (output.includes("serving the API")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output };
}

function stop(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

describe("npm start without DATABASE_URL", () => {
  it("boots on an embedded PostgreSQL kept in DATA_DIR, seeds the demo once, answers /readyz, and keeps its data across restarts", async () => {
    if (!fs.existsSync(entry)) throw new Error("server/dist is missing: run `npm run build` (npm test does) first");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "groupbill-boot-"));
    try {
      const [port, pgPort] = [await freePort(), await freePort()];
      const first = await boot(dataDir, port, pgPort);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      const signUp = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `mutation { signUp(input: { practiceName: "Boot Test", npi: "1234567893", email: "boot@example.test", password: "a long enough password", name: "B" }) { token } }`,
        }),
      });
      expect((await signUp.json()).data.signUp.token).toEqual(expect.any(String));
      expect(first.output()).toContain("Sign in as demo@harbor-group.example");
      expect(await stop(first.child)).toBe(0);
      expect(fs.existsSync(path.join(dataDir, "pg", "PG_VERSION"))).toBe(true);

      const second = await boot(dataDir, port, pgPort);
      const logIn = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation { logIn(input: { email: "boot@example.test", password: "a long enough password" }) { viewer { practice { name } } } }` }),
      });
      expect((await logIn.json()).data.logIn.viewer.practice.name).toBe("Boot Test");
      expect(second.output()).not.toContain("Loaded the demo practice");
      const demo = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `mutation { logIn(input: { email: "demo@harbor-group.example", password: "harbor-demo-2026" }) { viewer { practice { name } } } }` }),
      });
      expect((await demo.json()).data.logIn.viewer.practice.name).toBe("Harbor Group Therapy");
      expect(await stop(second.child)).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
