// A static file server on a free loopback port: each URL prefix served from a folder, nothing
// else. What a page needs to load the built package as plain ES modules, with no bundler, and
// cross-origin isolated (COOP/COEP headers), as a page must be to share memory with its workers.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".html": "text/html",
  ".json": "application/json",
  ".map": "application/json",
};

/** A running server: its base URL (`http://127.0.0.1:PORT`) and how to stop it. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `routes` (`{ "/pkg/core/": "/abs/dist" }`) on 127.0.0.1, a port the system picks. */
export async function serveStatic(routes: Record<string, string>): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = fileFor(routes, path);
    if (!file) return send(response, 404, "text/plain", "not found");
    try {
      const body = await readFile(file);
      send(response, 200, TYPES[extname(file)] ?? "application/octet-stream", body);
    } catch {
      send(response, 404, "text/plain", "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The file a path names under its route's folder; never a file outside it. */
function fileFor(routes: Record<string, string>, path: string): string | undefined {
  for (const [prefix, dir] of Object.entries(routes)) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return file;
  }
  return undefined;
}

function send(
  response: import("node:http").ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
) {
  response.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    // Cross-origin isolated, so the page has SharedArrayBuffer (Queue, Lock, … are built on it).
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-embedder-policy": "require-corp",
  });
  response.end(body);
}
