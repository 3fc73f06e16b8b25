// A throwaway redis-server for one BullMQ row: a free loopback port, no persistence; or why there
// is none on this machine.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface LocalRedis {
  url: string;
  stop(): Promise<void>;
}

/** Why redis-server cannot be run here, or undefined when it can. */
export function redisMissing(binary = "redis-server"): string | undefined {
  try {
    execFileSync(binary, ["--version"], { stdio: "pipe" });
    return undefined;
  } catch {
    return "redis-server is not installed (Debian: apt-get install redis-server)";
  }
}

export async function startLocalRedis(binary = "redis-server"): Promise<LocalRedis> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
  const child: ChildProcess = spawn(
    binary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
