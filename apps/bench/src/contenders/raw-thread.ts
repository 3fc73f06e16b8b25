// The raw thread floor: two bare workers answering { id, a, b } by postMessage (worker_threads on
// Node, Web Workers on Deno and Bun), and, for Process start, bare workers running the article's
// task. No multiproc code on either side.
import { runtime } from "../runtime.ts";
import { type Contender, WORKERS } from "./contender.ts";
import { Pending, type RawAnswer } from "./pending.ts";

const script = (name: string) => new URL(`../workers/${name}.js`, import.meta.url);

/** A worker as far as the floor uses it. */
interface BareWorker {
  postMessage(message: unknown): void;
  terminate(): unknown;
}

async function spawnWorker(name: string, onMessage: (data: unknown) => void, data?: unknown) {
  if (runtime === "node") {
    const { Worker } = await import("node:worker_threads");
    const worker = new Worker(script(name), { workerData: data });
    worker.on("message", onMessage);
    return { worker, exited: new Promise<void>((resolve) => worker.once("exit", () => resolve())) };
  }
  const worker = new Worker(script(name), { type: "module" });
  worker.onmessage = (event: MessageEvent) => onMessage(event.data);
  return { worker, exited: undefined };
}

export function create(): Contender {
  const workers: BareWorker[] = [];
  const pending = new Pending(WORKERS, (i, call) => workers[i]?.postMessage(call));
  const name = runtime === "node" ? "raw-node-thread" : "raw-web-thread";
  return {
    async start() {
      for (let i = 0; i < WORKERS; i++) {
        const { worker } = await spawnWorker(name, (data) => pending.settle(data as RawAnswer));
        workers.push(worker);
      }
      await Promise.all(workers.map((_, i) => pending.call({ a: i, b: 1 })));
    },
    add: (args) => pending.call(args),
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** Bare workers, one per file: started together, each done when its task has run. */
export async function startTwo(_kind: string, files: string[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      if (runtime === "node") return (await spawnWorker("bare-start-node-thread", () => {}, file)).exited;
      let done!: () => void;
      const finished = new Promise<void>((resolve) => {
        done = resolve;
      });
      const { worker } = await spawnWorker("bare-start-web-thread", () => done());
      worker.postMessage(file);
      await finished;
      worker.terminate();
    }),
  );
}
