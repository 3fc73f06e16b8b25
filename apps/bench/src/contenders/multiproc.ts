// multiproc's Pool of 2 workers of the row's kind, on this runtime's adapter; and the article's
// Process program: one Process per file, all started, then all joined.
import { runtime } from "../runtime.ts";
import { type Contender, taskModule, WORKERS } from "./contender.ts";

type BenchTasks = typeof import("../tasks/bench-tasks.ts");
// The three adapters export the same Pool and Process: Node's types stand for Deno's and Bun's.
type Adapter = Pick<typeof import("@multiproc/node"), "Pool" | "Process">;
/** This runtime's adapter package. */
export const adapter = (): Promise<Adapter> =>
  import({ node: "@multiproc/node", deno: "@multiproc/deno", bun: "@multiproc/bun" }[runtime]);

/** A multiproc Pool; `engine` "tinypool" takes it from `@multiproc/node/tinypool` (the same Pool on tinypool). */
export async function createPool(kind: string, engine?: "tinypool"): Promise<Contender> {
  const { Pool } = engine === "tinypool" ? await import("@multiproc/node/tinypool") : await adapter();
  let pool: InstanceType<typeof Pool<BenchTasks>>;
  return {
    async start() {
      pool = new Pool<BenchTasks>({
        module: taskModule,
        workers: WORKERS,
        kind: kind as "thread" | "process",
      });
      await Promise.all([pool.apply("add", [{ a: 1, b: 1 }]), pool.apply("add", [{ a: 2, b: 1 }])]);
    },
    add: (args) => pool.apply("add", [args]),
    mapNumbers: (items) => pool.map("inc", items),
    mapObjects: (items) => pool.map("add", items),
    stop: () => pool.terminate(),
  };
}

export const create = (kind: string): Promise<Contender> => createPool(kind);

/** The article's Process program: a Process per file, `writeHi` as its target. */
export async function startTwo(kind: string, files: string[]): Promise<void> {
  const { Process } = await adapter();
  const processes = files.map(
    (file) =>
      new Process<BenchTasks, "writeHi">({
        module: taskModule,
        target: "writeHi",
        args: [file],
        kind: kind as "thread" | "process",
      }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  if (processes.some((p) => p.exitCode !== 0)) throw new Error("a Process failed");
}
