// piscina with 2 threads, both started before the run, calling the same task module by name.
import { Piscina } from "piscina";
import type { AddArgs } from "../tasks/bench-tasks.ts";
import { type Contender, taskModule, WORKERS } from "./contender.ts";

export function create(): Contender {
  let pool: Piscina<AddArgs, number>;
  const add = (args: AddArgs): Promise<number> => pool.run(args, { name: "add" });
  return {
    async start() {
      pool = new Piscina({ filename: taskModule.href, minThreads: WORKERS, maxThreads: WORKERS });
      await Promise.all([add({ a: 1, b: 1 }), add({ a: 2, b: 1 })]);
    },
    add,
    stop: () => pool.destroy(),
  };
}
