// Each contender behind one shape: start(), run(x) → Promise, stop(). All use 2 thread workers.
import { Worker } from "node:worker_threads";
import { Pool } from "@multiproc/node";
import { Piscina } from "piscina";
import Tinypool from "tinypool";

const tasks = new URL("../tasks/square.mjs", import.meta.url);
const WORKERS = 2;

function raw() {
  const workers = [];
  const pending = new Map();
  let next = 0;
  return {
    name: "raw postMessage",
    async start() {
      for (let i = 0; i < WORKERS; i++) {
        const w = new Worker(new URL("../tasks/raw-worker.mjs", import.meta.url));
        w.on("message", ([id, value]) => {
          pending.get(id)(value);
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
        workers[id % WORKERS].postMessage([id, x]);
      });
    },
    stop: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

function multiproc() {
  let pool;
  return {
    name: "multiproc (thread)",
    async start() {
      pool = new Pool({ module: tasks, workers: WORKERS });
      await Promise.all([pool.apply("square", [1]), pool.apply("square", [2])]);
    },
    run: (x) => pool.apply("square", [x]),
    stop: () => pool.terminate(),
  };
}

function multiprocOnTinypool() {
  let pool;
  return {
    name: "multiproc engine=tinypool",
    async start() {
      pool = new Pool({ module: tasks, workers: WORKERS, engine: "tinypool" });
      await Promise.all([pool.apply("square", [1]), pool.apply("square", [2])]);
    },
    run: (x) => pool.apply("square", [x]),
    stop: () => pool.terminate(),
  };
}

function tinypool() {
  let pool;
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

function piscina() {
  let pool;
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

export const contenders = [raw, multiproc, multiprocOnTinypool, tinypool, piscina];
