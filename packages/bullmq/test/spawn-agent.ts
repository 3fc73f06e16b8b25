// Agents as child processes: the built bin (dist/bin.js) on Node, Deno or Bun, as a host runs it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { binaryVersion, type RuntimeId, selectRuntimes } from "@multiproc/runtimes";

export const bin = new URL("../dist/bin.js", import.meta.url).pathname;
export const tasks = new URL("./fixtures/tasks.mjs", import.meta.url).pathname;

/** Why agents cannot be spawned on `runtime` here, or undefined when they can. */
export function cannotSpawn(runtime: RuntimeId): string | undefined {
  if (!existsSync(bin)) return "the package is not built (npx -y pnpm@12.4.2 run build)";
  const [found] = selectRuntimes([runtime]);
  return found && binaryVersion(found) ? undefined : `${runtime} is not installed here`;
}

/** A spawned agent: its process, and its stderr so far. */
export interface SpawnedAgent {
  child: ChildProcess;
  /**
   * Signals the agent's whole process group: Deno and Bun start through npm shims (a Node
   * wrapper that spawns the real binary), and a signal to the wrapper alone would orphan it.
   */
  kill(signal: NodeJS.Signals): void;
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `multiproc-agent` on `runtime` and resolves once it serves the queue. */
export async function spawnAgent(
  runtime: RuntimeId,
  options: {
    url: string;
    queue: string;
    tag: string;
    workers?: number;
    lockMs?: number;
    module?: string;
    /** More arguments for the agent (`--tls-ca FILE`). */
    args?: string[];
  },
): Promise<SpawnedAgent> {
  const [found] = selectRuntimes([runtime]);
  if (!found) throw new Error(`no runtime ${runtime}`);
  const args = [
    "--connection",
    options.url,
    "--queue",
    options.queue,
    "--module",
    options.module ?? tasks,
    "--workers",
    String(options.workers ?? 2),
    ...(options.lockMs ? ["--lock-ms", String(options.lockMs)] : []),
    ...(options.args ?? []),
  ];
  const child = spawn(found.binary, found.argv(bin, args), {
    env: { ...process.env, MULTIPROC_AGENT_TAG: options.tag },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // a process group of its own, ended as one
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  let log = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(" serving ")) resolve();
    });
    exited.then(({ code, signal }) =>
      reject(new Error(`agent on ${runtime} ended (${code ?? signal}): ${log}`)),
    );
  });
  return { child, kill, log: () => log, exited };
}
