// What the soak drives, behind one shape: apply(a, b) and map(items) → promises; probe(gc, file)
// → the two workers' heap readings (and snapshots to file-w0/-w1.heapsnapshot); stop().
// multiproc's Pool, or raw workers with no multiproc code.
import { runtime } from "../runtime.ts";
import type { HeapReading } from "./probe.ts";
import type { RawAnswer, RawCall } from "./raw-message.ts";

const WORKERS = 2;

/** One pool (or pair of raw workers) under load. */
export interface SoakContender {
  name: string;
  apply(a: number, b: number): Promise<number>;
  map(items: number[]): Promise<number[]>;
  probe(gc: boolean, file?: string): Promise<HeapReading[]>;
  stop(): Promise<unknown>;
}

type SoakTasks = typeof import("./tasks.ts");
// The three adapters export the same Pool: Node's types stand for Deno's and Bun's.
type AdapterPool = Pick<typeof import("@multiproc/node"), "Pool">;

/** One Pool of 2 workers of `kind`, started (both workers ready) before it is returned. */
export async function multiproc(kind: "thread" | "process"): Promise<SoakContender> {
  const adapter = { node: "@multiproc/node", deno: "@multiproc/deno", bun: "@multiproc/bun" }[runtime];
  const { Pool }: AdapterPool = await import(adapter);
  // Resolved from the built file: every runtime runs dist/, tasks.js beside this one.
  const pool = new Pool<SoakTasks>({
    module: new URL("./tasks.js", import.meta.url),
    workers: WORKERS,
    kind,
  });
  const contender: SoakContender = {
    name: `multiproc ${kind}`,
    apply: (a, b) => pool.apply("add", [a, b]),
    map: (items) => pool.map("inc", items),
    // Sent together to an idle pool, the two probes go one to each worker (least busy first).
    probe: (gc, file) =>
      Promise.all([0, 1].map((i) => pool.apply("probe", [gc, file && `${file}-w${i}.heapsnapshot`]))),
    stop: () => pool.terminate(),
  };
  await contender.probe(false);
  return contender;
}

/** A raw worker as far as the soak uses it: a Web Worker, or worker_threads on Node. */
interface RawWorker {
  postMessage(call: RawCall): void;
  terminate(): unknown;
}

/** Two raw workers (Web Worker, or worker_threads on Node) and a Map of pending ids: the floor. */
export async function raw(): Promise<SoakContender> {
  const pending = new Map<number, (value: RawAnswer[1]) => void>();
  const settle = ([id, value]: RawAnswer) => {
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.(value);
  };
  const workers: RawWorker[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await rawWorker(settle));
  let next = 0;
  const call = (worker: RawWorker, op: RawCall[1], a: unknown, b: unknown) =>
    new Promise<RawAnswer[1]>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage([id, op, a, b] as RawCall);
    });
  const contender: SoakContender = {
    name: "raw worker",
    apply: (a, b) => call(workers[next % WORKERS] as RawWorker, "add", a, b) as Promise<number>,
    map: (items) => Promise.all(items.map((x) => contender.apply(x, 1))),
    probe: (gc, file) =>
      Promise.all(
        workers.map(
          (w, i) => call(w, "probe", gc, file && `${file}-w${i}.heapsnapshot`) as Promise<HeapReading>,
        ),
      ),
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
  await contender.probe(false);
  return contender;
}

async function rawWorker(onData: (answer: RawAnswer) => void): Promise<RawWorker> {
  if (runtime === "node") {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(new URL("./raw-node-worker.js", import.meta.url));
    worker.on("message", onData);
    return worker;
  }
  const worker = new Worker(new URL("./raw-web-worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<RawAnswer>) => onData(event.data);
  return worker;
}
