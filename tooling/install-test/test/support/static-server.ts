// A static file server for one folder on a free loopback port: what serves a built page to
// Chromium. Only files under the folder; JavaScript with its module MIME type.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".html": "text/html",
  ".json": "application/json",
  ".map": "application/json",
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

export async function serveFolder(root: string): Promise<StaticServer> {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    const body = file.startsWith(root + sep) ? await readFile(file).catch(() => null) : null;
    response.writeHead(body ? 200 : 404, {
      "content-type": body ? (TYPES[extname(file)] ?? "application/octet-stream") : "text/plain",
    });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
