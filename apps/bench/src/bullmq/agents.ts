// The processes of one BullMQ row: `multiproc-agent`s (the package's bin) or bare BullMQ workers
// (raw-bullmq-worker.ts), on the Node that runs the row, serving the bench's tiny tasks.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("./bin.js", import.meta.resolve("@multiproc/bullmq")));
const taskModule = fileURLToPath(new URL("./bullmq-tasks.js", import.meta.url));

/** Starts `count` Node processes of `args` and waits until each says it is serving. */
export function startServing(url: string, args: string[], count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, args, {
        stdio: ["ignore", "ignore", "pipe"],
        // The URL by environment, as the README advises: it stays out of process lists.
        env: { ...process.env, MULTIPROC_REDIS_URL: url },
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        let log = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes(" serving ")) resolve(child);
        });
        child.on("exit", (code) => reject(new Error(`${args[0]} exited (${code}): ${log.slice(-500)}`)));
      });
    }),
  );
}

/** Starts `count` agents of one worker each on `queue` and waits until each says it is serving. */
export function startAgents(url: string, queue: string, count: number): Promise<ChildProcess[]> {
  return startServing(url, [bin, "--queue", queue, "--module", taskModule, "--workers", "1"], count);
}

/** SIGTERM to every agent (they drain, having nothing running), resolved once all have exited. */
export async function stopAgents(agents: ChildProcess[]): Promise<void> {
  await Promise.all(
    agents.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.removeAllListeners("exit");
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.on("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
}

/**
 * A thousand round trips, one call at a time, before the run's own warm-up (a burst, then 200
 * calls one at a time): a burst that travels in a few large jobs leaves the code of single jobs
 * cold in the driver, its Redis client and the agents, and the round trips measured after it
 * would time its warming. Done for multiproc's rows and raw BullMQ's alike.
 */
export async function warmRoundTrips(
  add: (args: { a: number; b: number }) => Promise<number>,
): Promise<void> {
  for (let i = 0; i < 1000; i++) await add({ a: i, b: 1 });
}
