// A throwaway redis-server that speaks only TLS, with a certificate signed by a CA made for the
// test (openssl, in a temporary folder): what a client must be told to trust. Optionally an ACL
// user, with the default user off. Or why there can be none here.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, ready, stop } from "./redis-server.ts";

/** A running TLS-only redis-server. */
export interface TlsRedisServer {
  port: number;
  /** The CA's certificate, PEM text, and the file it is in. */
  ca: string;
  caFile: string;
  /** Another CA's certificate, which did not sign the server's: trusting it must not do. */
  otherCa: string;
  stop(): Promise<void>;
}

/** Why a TLS redis-server cannot run here (no openssl, or a redis-server built without TLS), or undefined. */
export function cannotRunTls(binary: string): string | undefined {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
  } catch {
    return "openssl is not installed (it makes the test's CA and certificate)";
  }
  try {
    // A build without TLS refuses the directive; one with it fails only for the missing file.
    execFileSync(binary, ["--port", "0", "--tls-port", "1", "--tls-cert-file", "/nonexistent"], {
      stdio: "pipe",
      timeout: 10_000,
    });
  } catch (error) {
    const out =
      String((error as { stdout?: Buffer }).stdout ?? "") +
      String((error as { stderr?: Buffer }).stderr ?? "");
    if (/Bad directive|wrong number of arguments/i.test(out))
      return "this redis-server was built without TLS";
  }
  return undefined;
}

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
}

/** A CA, a server certificate for 127.0.0.1 signed by it, and a second, unrelated CA. */
function makeCertificates(dir: string): void {
  const key = ["-newkey", "rsa:2048", "-nodes"];
  openssl(dir, [
    "req",
    "-x509",
    ...key,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=multiproc test CA",
  ]);
  openssl(dir, [
    "req",
    "-x509",
    ...key,
    "-keyout",
    "other.key",
    "-out",
    "other.pem",
    "-days",
    "2",
    "-subj",
    "/CN=another CA",
  ]);
  openssl(dir, ["req", ...key, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]);
  writeFileSync(join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(dir, [
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.pem",
    "-days",
    "2",
    "-extfile",
    "ext.cnf",
  ]);
}

/** Starts redis-server with TLS only (no plain port) on a free loopback port; `extra` adds settings (ACL users). */
export async function startTlsRedis(binary: string, extra: string[] = []): Promise<TlsRedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "multiproc-tls-"));
  makeCertificates(dir);
  const file = (name: string) => join(dir, name);
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      binary,
      [
        ...[
          "--port",
          "0",
          "--tls-port",
          String(port),
          "--bind",
          "127.0.0.1",
          "--save",
          "",
          "--appendonly",
          "no",
        ],
        ...["--tls-cert-file", file("server.pem"), "--tls-key-file", file("server.key")],
        ...["--tls-ca-cert-file", file("ca.pem"), "--tls-auth-clients", "no"],
        ...extra,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    if (await ready(child)) {
      return {
        port,
        ca: readFileSync(file("ca.pem"), "utf8"),
        caFile: file("ca.pem"),
        otherCa: readFileSync(file("other.pem"), "utf8"),
        stop: async () => {
          await stop(child);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (attempt >= 3) throw new Error(`redis-server with TLS did not start on port ${port}`);
  }
}
