// `pnpm demo --engine bullmq`: a throwaway redis-server and two agents per kind (the package's
// bin, on the Node running the demo), serving the article's tasks; stopped when the demo ends.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Kind } from "../workloads.ts";
import { findBullmq } from "./package-path.ts";

/** What the bullmq cells need: the Redis URL and a queue per kind. */
export interface BullmqSetup {
  connection: string;
  queues: Partial<Record<Kind, string>>;
  agents: number;
  stop(): Promise<void>;
}

const AGENTS = 2;

export async function startBullmq(kinds: readonly Kind[]): Promise<BullmqSetup> {
  const { bin } = await findBullmq();
  const port = await freePort();
  const redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const children: ChildProcess[] = [redis];
  await waitFor(redis, "stdout", "Ready to accept connections");
  const connection = `redis://127.0.0.1:${port}`;
  const tasks = fileURLToPath(new URL("../programs/tasks.js", import.meta.url));
  const queues: BullmqSetup["queues"] = {};
  for (const kind of kinds) {
    const queue = `demo-${kind}`;
    queues[kind] = queue;
    for (let i = 0; i < AGENTS; i++) {
      const agent = spawn(
        process.execPath,
        [
          bin,
          "--connection",
          connection,
          "--queue",
          queue,
          "--module",
          tasks,
          "--workers",
          "1",
          "--kind",
          kind,
        ],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      children.push(agent);
      await waitFor(agent, "stderr", " serving ");
    }
  }
  return {
    connection,
    queues,
    agents: AGENTS,
    stop: async () => {
      // Agents first (SIGTERM drains them), then Redis.
      for (const child of children.reverse()) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        const gone = new Promise((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        await gone;
      }
    },
  };
}

function waitFor(child: ChildProcess, stream: "stdout" | "stderr", text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    child[stream]?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(text)) resolve();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      reject(new Error(`${child.spawnfile} exited (${code}) before "${text}": ${out}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
