import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chooseEncoding } from "../../../server/src/console-assets";
import { startTestServer, type TestServer } from "../../support/api";

/**
 * The built console over real HTTP: scripts compressed as the browser accepts, hashed files cached for a year,
 * the shell revalidated, a real favicon, and a missing file answered 404 rather than with the HTML shell.
 * A small stand-in build keeps this independent of the real one (which the browser tests use).
 */

let server: TestServer;
let dir: string;
const SCRIPT = `console.log(${JSON.stringify("GroupBill ".repeat(2000))});\n`;
const SHELL = `<!doctype html><html><head><link rel="icon" type="image/svg+xml" href="/favicon.svg"><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "groupbill-console-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), SHELL);
  fs.writeFileSync(path.join(dir, "assets", "index-Ab12Cd34.js"), SCRIPT);
  fs.copyFileSync(path.resolve("console/public/favicon.svg"), path.join(dir, "favicon.svg"));
  server = await startTestServer({ consoleDir: dir });
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// fetch would decompress on its own; node:http shows the bytes and headers exactly as a browser receives them.
function get(urlPath: string, acceptEncoding?: string, extra: Record<string, string> = {}): Promise<{ res: { status: number; headers: { get(name: string): string | null } }; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${urlPath}`, { headers: { "accept-encoding": acceptEncoding ?? "identity", ...extra } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const header = (name: string) => {
          const v = res.headers[name.toLowerCase()];
          return v === undefined ? null : Array.isArray(v) ? v.join(", ") : String(v);
        };
        resolve({ res: { status: res.statusCode ?? 0, headers: { get: header } }, body: Buffer.concat(chunks) });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

describe("console files", () => {
  it("sends a hashed script brotli-compressed when accepted, cached for a year", async () => {
    const { res, body } = await get("/assets/index-Ab12Cd34.js", "gzip, deflate, br");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(body.length).toBeLessThan(SCRIPT.length / 10);
    expect(zlib.brotliDecompressSync(body).toString("utf8")).toBe(SCRIPT);
  });

  it("falls back to gzip, and to the plain file when nothing is accepted", async () => {
    const gz = await get("/assets/index-Ab12Cd34.js", "gzip");
    expect(gz.res.headers.get("content-encoding")).toBe("gzip");
    expect(zlib.gunzipSync(gz.body).toString("utf8")).toBe(SCRIPT);
    const plain = await get("/assets/index-Ab12Cd34.js", "br;q=0, gzip;q=0");
    expect(plain.res.headers.get("content-encoding")).toBeNull();
    expect(plain.body.toString("utf8")).toBe(SCRIPT);
  });

  it("has the shell revalidated on every load, for / and for any console page", async () => {
    for (const page of ["/", "/claims", "/sessions/123"]) {
      const { res, body } = await get(page);
      expect([page, res.status, res.headers.get("cache-control"), res.headers.get("content-type")]).toEqual([page, 200, "no-cache", "text/html; charset=utf-8"]);
      expect(body.toString("utf8")).toBe(SHELL);
    }
    const first = await get("/claims");
    const again = await get("/claims", undefined, { "if-none-match": first.res.headers.get("etag")! });
    expect(again.res.status).toBe(304);
  });

  it("serves a real favicon, and sends browsers asking for /favicon.ico to it", async () => {
    const { res, body } = await get("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(body.toString("utf8")).toContain("<svg");
    const ico = await get("/favicon.ico");
    expect([ico.res.status, ico.res.headers.get("location")]).toEqual([301, "/favicon.svg"]);
  });

  it("answers 404 for a file that is not there instead of the HTML shell", async () => {
    for (const missing of ["/assets/index-Zz99Yy88.js", "/robots.txt", "/assets/nothing", "/../package.json"]) {
      const { res, body } = await get(missing);
      expect([missing, res.status]).toEqual([missing, 404]);
      expect(body.toString("utf8")).not.toContain("<html");
    }
  });

  it("leaves the API alone", async () => {
    const { res } = await get("/healthz");
    expect(res.headers.get("content-type")).toMatch(/json/);
    expect(await server.gql("{ __typename }")).toEqual({ data: { __typename: "Query" } });
  });
});

describe("chooseEncoding", () => {
  it.each([
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["*", "br"],
    ["identity", "identity"],
    [undefined, "identity"],
    ["gzip;q=0", "identity"],
  ])("%s -> %s", (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });
});
