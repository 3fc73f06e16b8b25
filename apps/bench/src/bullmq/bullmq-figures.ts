// Figures for @multiproc/bullmq: round trip through Redis on loopback (p50/p99), tiny-task
// throughput with 1, 2 and 4 agents, and map over 10^5 items in chunks. Starts its own
// redis-server and agents (the package's bin, on the runtime running this).
//   node dist/bullmq/bullmq-figures.js [--quick]     prints the rows as a table
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type LocalRedis, startLocalRedis } from "./redis.ts";

/** One figure: what was measured, its median over the rounds, and how far the rounds spread. */
export interface BullmqRow {
  name: string;
  value: number;
  unit: string;
  /** (max − min) ÷ median over the rounds: how noisy the machine was. */
  spread: number;
  rounds: number[];
}

export interface BullmqFigureOptions {
  /** Rounds per figure (default 3; the median is reported). */
  rounds?: number;
  /** Sequential calls for the round trip (default 2000). */
  trips?: number;
  /** Concurrent tiny calls for the throughput (default 4000). */
  tasks?: number;
  /** Items for map (default 100000). */
  mapItems?: number;
  /** Items per job for map (default 5000). */
  chunksize?: number;
  /** A Redis to use instead of starting one. */
  redisUrl?: string;
}

// What is used of @multiproc/bullmq, typed here: apps/bench does not depend on it.
interface Pool {
  apply(task: string, args: unknown[]): Promise<unknown>;
  map(task: string, items: unknown[], options?: { chunksize?: number }): Promise<unknown[]>;
  terminate(): Promise<void>;
}
interface BullmqModule {
  Pool: new (options: { connection: string; queue: string; workers?: number }) => Pool;
}

const here = import.meta.url;
const ext = here.endsWith(".ts") ? ".ts" : ".js";
const taskModule = fileURLToPath(new URL(`./bullmq-tasks${ext}`, here));
// In the workspace, the package is beside apps/ (apps/bench does not list it as a dependency).
const workspacePackage = new URL("../../../../packages/bullmq/", here);

async function loadBullmq(): Promise<{ module: BullmqModule; bin: string }> {
  try {
    const module = (await import("@multiproc/bullmq" as string)) as BullmqModule;
    const bin = fileURLToPath(new URL("./bin.js", import.meta.resolve("@multiproc/bullmq")));
    return { module, bin };
  } catch {
    const dist = new URL("dist/", workspacePackage);
    return {
      module: (await import(new URL("index.js", dist).href)) as BullmqModule,
      bin: fileURLToPath(new URL("bin.js", dist)),
    };
  }
}

function startAgents(bin: string, url: string, queue: string, count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(
        process.execPath,
        [bin, "--connection", url, "--queue", queue, "--module", taskModule, "--workers", "1"],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      return new Promise<ChildProcess>((resolve, reject) => {
        let log = "";
        child.stderr?.on("data", (chunk: Buffer) => {
          log += chunk.toString();
          if (log.includes(" serving ")) resolve(child);
        });
        child.on("exit", (code) => reject(new Error(`agent exited (${code}): ${log}`)));
      });
    }),
  );
}

async function stopAgents(agents: ChildProcess[]): Promise<void> {
  await Promise.all(
    agents.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.removeAllListeners("exit");
          child.on("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

function row(name: string, unit: string, rounds: number[]): BullmqRow {
  const sorted = [...rounds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  const spread = median ? ((sorted.at(-1) as number) - (sorted[0] as number)) / median : 0;
  return { name, value: median, unit, spread, rounds };
}

/** Measures every figure and returns the rows (medians over `rounds`). */
export async function bullmqFigures(options: BullmqFigureOptions = {}): Promise<BullmqRow[]> {
  const { rounds = 3, trips = 2000, tasks = 4000, mapItems = 100_000, chunksize = 5000 } = options;
  const { module, bin } = await loadBullmq();
  const redis: LocalRedis | undefined = options.redisUrl ? undefined : await startLocalRedis();
  const url = options.redisUrl ?? (redis as LocalRedis).url;
  let queues = 0;
  const withAgents = async <T>(count: number, workers: number, run: (pool: Pool) => Promise<T>) => {
    const queue = `bench-${process.pid}-${++queues}`;
    const agents = await startAgents(bin, url, queue, count);
    const pool = new module.Pool({ connection: url, queue, workers });
    try {
      await pool.map(
        "square",
        Array.from({ length: 200 }, (_, i) => i),
        { chunksize: 1 },
      ); // warm up
      return await run(pool);
    } finally {
      await pool.terminate();
      await stopAgents(agents);
    }
  };
  const p50: number[] = [];
  const p99: number[] = [];
  const throughput = new Map<number, number[]>([1, 2, 4].map((n) => [n, []]));
  const mapRates: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await withAgents(1, 1, async (pool) => {
        const times: number[] = [];
        for (let i = 0; i < trips; i++) {
          const start = performance.now();
          await pool.apply("square", [i]);
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        p50.push(percentile(times, 50));
        p99.push(percentile(times, 99));
      });
      for (const agents of [1, 2, 4]) {
        await withAgents(agents, agents, async (pool) => {
          const start = performance.now();
          await Promise.all(Array.from({ length: tasks }, (_, i) => pool.apply("square", [i])));
          throughput.get(agents)?.push(tasks / ((performance.now() - start) / 1000));
        });
      }
      await withAgents(2, 2, async (pool) => {
        const items = Array.from({ length: mapItems }, (_, i) => i);
        const start = performance.now();
        await pool.map("square", items, { chunksize });
        mapRates.push(mapItems / ((performance.now() - start) / 1000));
      });
    }
  } finally {
    redis?.stop();
  }
  return [
    row("round trip p50 (1 agent, sequential apply)", "ms", p50),
    row("round trip p99 (1 agent, sequential apply)", "ms", p99),
    ...[1, 2, 4].map((n) =>
      row(
        `tiny tasks, ${n} agent${n > 1 ? "s" : ""} × 1 worker (concurrent apply)`,
        "tasks/s",
        throughput.get(n) ?? [],
      ),
    ),
    row(`map over ${mapItems} items, chunksize ${chunksize}, 2 agents`, "items/s", mapRates),
  ];
}

/** The rows as a Markdown table. */
export function bullmqTable(rows: BullmqRow[]): string {
  const format = (x: number) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(2));
  return [
    "| figure | median | unit | spread |",
    "| --- | ---: | --- | ---: |",
    ...rows.map((r) => `| ${r.name} | ${format(r.value)} | ${r.unit} | ${(r.spread * 100).toFixed(0)}% |`),
  ].join("\n");
}

if (process.argv[1] && fileURLToPath(here) === process.argv[1]) {
  const quick = process.argv.includes("--quick");
  const rows = await bullmqFigures(quick ? { rounds: 1, trips: 500, tasks: 1000, mapItems: 100_000 } : {});
  console.log(bullmqTable(rows));
}
