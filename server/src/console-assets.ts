import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type express from "express";

/**
 * Serves the built console. Vite names every file under /assets/ by its content hash, so those may be cached for a
 * year; index.html names the current hashes and must be revalidated on every load. Text files go out brotli- or
 * gzip-compressed as the browser accepts, compressed once on first request and kept (the build is fixed while the
 * server runs). Only files that exist at start are served, so no request can reach outside the folder.
 */

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt"]);
/** Below this, compression saves less than the header it costs. */
const MIN_COMPRESS_BYTES = 1024;
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
const SHORT = "public, max-age=86400";
/** Vite's hashed file names: name-<8+ hash characters>.ext under assets/. */
const HASHED = /^\/assets\/.+-[\w-]{8,}\.[a-z0-9]+$/;

type Encoding = "br" | "gzip" | "identity";

interface Asset {
  file: string;
  type: string;
  etag: string;
  cacheControl: string;
  compressible: boolean;
  encoded: Map<Encoding, Buffer>;
}

function listFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const urlPath = `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), urlPath);
    return entry.isFile() ? [urlPath] : [];
  });
}

/** The encoding to send: brotli when accepted, else gzip, else none (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? (accepted.has("*") ? accepted.get("*")! : 0)) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

function encode(raw: Buffer, encoding: Encoding): Buffer {
  if (encoding === "br") return zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  if (encoding === "gzip") return zlib.gzipSync(raw, { level: 9 });
  return raw;
}

export function consoleAssets(consoleDir: string): express.RequestHandler {
  const assets = new Map<string, Asset>();
  for (const urlPath of listFiles(consoleDir)) {
    const file = path.join(consoleDir, urlPath);
    const ext = path.extname(urlPath).toLowerCase();
    const raw = fs.readFileSync(file);
    assets.set(urlPath, {
      file,
      type: TYPES[ext] ?? "application/octet-stream",
      etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 22)}"`,
      cacheControl: urlPath === "/index.html" ? REVALIDATE : HASHED.test(urlPath) ? IMMUTABLE : SHORT,
      compressible: COMPRESSIBLE.has(ext) && raw.length >= MIN_COMPRESS_BYTES,
      encoded: new Map([["identity", raw]]),
    });
  }
  const shell = assets.get("/index.html")!;

  function send(req: express.Request, res: express.Response, asset: Asset): void {
    const encoding = asset.compressible ? chooseEncoding(req.headers["accept-encoding"]) : "identity";
    let body = asset.encoded.get(encoding);
    if (!body) {
      body = encode(asset.encoded.get("identity")!, encoding);
      asset.encoded.set(encoding, body);
    }
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Cache-Control", asset.cacheControl);
    res.setHeader("ETag", asset.etag);
    if (asset.compressible) res.setHeader("Vary", "Accept-Encoding");
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    if (req.headers["if-none-match"] === asset.etag) {
      res.status(304).end();
      return;
    }
    res.setHeader("Content-Length", String(body.length));
    res.status(200).end(req.method === "HEAD" ? undefined : body);
  }

  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const urlPath = req.path;
    if (/^\/(graphql|healthz|readyz)(\/|$)/.test(urlPath)) return next();
    const asset = assets.get(urlPath);
    if (asset && urlPath !== "/index.html") return send(req, res, asset);
    // Browsers ask for /favicon.ico on their own; the console's icon is an SVG.
    if (urlPath === "/favicon.ico" && assets.has("/favicon.svg")) return res.redirect(301, "/favicon.svg");
    // A path naming a file that is not there is a missing file, not a console page: answering it with the
    // HTML shell would hand a browser HTML where it expects a script or an image.
    if (urlPath.startsWith("/assets/") || /\.[A-Za-z0-9]+$/.test(urlPath)) {
      res.status(404).type("text/plain").setHeader("Cache-Control", "no-store");
      res.send("Not found");
      return;
    }
    send(req, res, shell);
  };
}
