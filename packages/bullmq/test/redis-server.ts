// A throwaway redis-server for a test file: a free loopback port, no persistence, stopped after.
// Where redis-server is missing, `apt-get install -y redis-server` when root, else a stated skip.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

/** A running redis-server. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const BINARY = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

/** The redis-server binary, installed from Debian when missing and we are root; or why there is none. */
export function findRedis(): { path: string } | { missing: string } {
  const found = BINARY.find((path) => existsSync(path));
  if (found) return { path: found };
  if (process.getuid?.() === 0) {
    try {
      execFileSync("apt-get", ["install", "-y", "redis-server"], { stdio: "ignore", timeout: 300_000 });
      const installed = BINARY.find((path) => existsSync(path));
      if (installed) return { path: installed };
    } catch {
      return { missing: "redis-server is not installed and apt-get install redis-server failed" };
    }
  }
  return { missing: "redis-server is not installed (apt-get install redis-server, as root)" };
}

/** redis-server arguments that turn the default user off: nothing works without an ACL user. */
export const DEFAULT_USER_OFF = ["--user", "default", "off"];

/** redis-server arguments for an ACL user with a password, its keys and channels limited to `pattern`. */
export function aclUser(name: string, password: string, pattern = "*"): string[] {
  return ["--user", name, "on", `>${password}`, `~${pattern}`, `&${pattern}`, "+@all"];
}

/** Starts redis-server on a free loopback port and waits until it accepts connections. */
export async function startRedis(binary: string, extra: string[] = []): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", ...extra],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    if (await ready(child)) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: () => stop(child),
      };
    }
    if (attempt >= 3) throw new Error(`redis-server did not start on port ${port}`);
  }
}

/** A TCP port free on loopback now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true once redis-server says it accepts connections, false if it exits first. */
export function ready(child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve(true);
    });
    child.on("exit", () => resolve(false));
  });
}

/** Stops a redis-server child (SIGTERM) and waits for its exit. */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
