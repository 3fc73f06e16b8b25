// A read-only npm registry over the packed tarballs, on loopback: what `deno add npm:…` and Deno's
// own npm resolver (no package.json, no node_modules) fetch from when NPM_CONFIG_REGISTRY points
// here. Only the packuments and tarballs of the packages it was given; anything else is a 404, as
// the real registry says for a package that does not exist.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { PackedPackage } from "./pack.ts";

export interface LocalRegistry {
  /** The registry's URL, with the trailing slash npm clients expect. */
  url: string;
  close(): Promise<void>;
}

interface Served {
  manifest: Record<string, unknown> & { name: string; version: string };
  file: string;
  bytes: Buffer;
}

export async function startLocalRegistry(packages: PackedPackage[]): Promise<LocalRegistry> {
  const served = await Promise.all(
    packages.map(async (p): Promise<Served> => {
      const manifest = JSON.parse(await readFile(join(p.unpacked, "package.json"), "utf8"));
      return {
        manifest,
        file: `${p.name.replace("/", "-").replace("@", "")}.tgz`,
        bytes: await readFile(p.tarball),
      };
    }),
  );
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://registry").pathname);
    const byTarball = served.find((s) => path === `/-/${s.file}`);
    if (byTarball) {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(byTarball.bytes);
      return;
    }
    const byName = served.find((s) => path === `/${s.manifest.name}`);
    if (!byName) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify(packument(byName, base)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url: base, close: () => closeServer(server) };
}

/** The registry document of a package with one version, the packed one. */
function packument({ manifest, file, bytes }: Served, base: string): unknown {
  const dist = {
    tarball: `${base}-/${file}`,
    shasum: createHash("sha1").update(bytes).digest("hex"),
    integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
  };
  return {
    name: manifest.name,
    "dist-tags": { latest: manifest.version },
    versions: { [manifest.version]: { ...manifest, dist } },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.closeAllConnections();
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
