// Each contender behind one shape: start(), run(x) → Promise, stop(). All use 2 thread workers.
import { Worker } from "node:worker_threads";
import { Pool } from "@multiproc/node";
import { Piscina } from "piscina";
import Tinypool from "tinypool";

/** One way to run the tiny task on 2 thread workers. */
export interface Contender {
  name: string;
  /** Starts the workers and waits until both have answered once. */
  start(): Promise<void>;
  run(x: number): Promise<number>;
  stop(): Promise<unknown>;
}

type SquareTasks = typeof import("./tasks/square.ts");

// Resolved from the built file: every runtime runs dist/, where tasks/ is built beside this one.
const tasks = new URL("./tasks/square.js", import.meta.url);
const WORKERS = 2;

function raw(): Contender {
  const workers: Worker[] = [];
  const pending = new Map<number, (value: number) => void>();
  let next = 0;
  return {
    name: "raw postMessage",
    async start() {
      for (let i = 0; i < WORKERS; i++) {
        const w = new Worker(new URL("./tasks/raw-worker.js", import.meta.url));
        w.on("message", ([id, value]: [number, number]) => {
          pending.get(id)?.(value);
          pending.delete(id);
        });
        workers.push(w);
      }
      await Promise.all(workers.map((_, i) => this.run(i)));
    },
    run(x) {
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        workers[id % WORKERS]?.postMessage([id, x]);
      });
    },
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** multiproc's Pool on its own engine, or on tinypool's (`engine: "tinypool"`). */
function multiprocPool(name: string, engine: "multiproc" | "tinypool"): Contender {
  let pool: Pool<SquareTasks>;
  return {
    name,
    async start() {
      pool = new Pool<SquareTasks>({ module: tasks, workers: WORKERS, engine });
      await Promise.all([pool.apply("square", [1]), pool.apply("square", [2])]);
    },
    run: (x) => pool.apply("square", [x]),
    stop: () => pool.terminate(),
  };
}

const multiproc = () => multiprocPool("multiproc (thread)", "multiproc");
const multiprocOnTinypool = () => multiprocPool("multiproc engine=tinypool", "tinypool");

function tinypool(): Contender {
  let pool: Tinypool;
  return {
    name: "tinypool",
    async start() {
      pool = new Tinypool({ filename: tasks.href, minThreads: WORKERS, maxThreads: WORKERS });
      await Promise.all([pool.run(1), pool.run(2)]);
    },
    run: (x) => pool.run(x),
    stop: () => pool.destroy(),
  };
}

function piscina(): Contender {
  let pool: Piscina<number, number>;
  return {
    name: "piscina",
    async start() {
      pool = new Piscina({ filename: tasks.href, minThreads: WORKERS, maxThreads: WORKERS });
      await Promise.all([pool.run(1), pool.run(2)]);
    },
    run: (x) => pool.run(x),
    stop: () => pool.destroy(),
  };
}

export const contenders: (() => Contender)[] = [raw, multiproc, multiprocOnTinypool, tinypool, piscina];
