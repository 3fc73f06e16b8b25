// A redis-server of the test's own: a free loopback port, nothing written to disk, stopped after.
// Missing binary: installed from Debian when we are root, else the reason to skip, in words.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  url: string;
  stop(): Promise<void>;
}

const binary = "/usr/bin/redis-server";

/** The binary's path, or why there is none (the skip reason). */
export function redisBinary(): { path: string } | { missing: string } {
  if (existsSync(binary)) return { path: binary };
  if (process.getuid?.() !== 0) {
    return { missing: `${binary} is missing and installing it needs root (apt-get install -y redis-server)` };
  }
  try {
    execFileSync("apt-get", ["install", "-y", "redis-server"], { stdio: "ignore", timeout: 300_000 });
  } catch (error) {
    return { missing: `${binary} is missing and apt-get install -y redis-server failed: ${error}` };
  }
  return existsSync(binary) ? { path: binary } : { missing: `apt-get installed no ${binary}` };
}

/** Starts redis-server and resolves once it accepts connections; retries when the port was taken meanwhile. */
export async function startRedis(path: string): Promise<RedisServer> {
  let lastLog = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await unusedPort();
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
    const child = spawn(path, args, { stdio: ["ignore", "pipe", "pipe"] });
    const started = await new Promise<boolean>((resolve) => {
      lastLog = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        lastLog += chunk;
        if (lastLog.includes("Ready to accept connections")) resolve(true);
      });
      child.on("exit", () => resolve(false));
    });
    if (started) {
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    }
  }
  throw new Error(`redis-server did not start in 3 attempts:\n${lastLog}`);
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
