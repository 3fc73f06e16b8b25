// The adapter for the runtime running this program: same names everywhere.
import type { ProgramOptions } from "./program-options.ts";

const runtime = globalThis as { Deno?: { args: string[] }; Bun?: unknown };
const adapter = runtime.Deno ? "@multiproc/deno" : runtime.Bun ? "@multiproc/bun" : "@multiproc/node";
// The three adapters export the same Pool and Process: Node's types stand for all of them.
type AdapterClasses = Pick<typeof import("@multiproc/node"), "Pool" | "Process">;
export const { Pool, Process }: AdapterClasses = await import(adapter);

/** Options passed by the demo driver as one JSON argument. */
export function readOptions<T extends ProgramOptions>(): T {
  const json = runtime.Deno ? runtime.Deno.args[0] : process.argv[2];
  if (json === undefined) throw new Error("expected the demo driver's options as one JSON argument");
  return JSON.parse(json) as T;
}

/** The one line the driver reads back. */
export function report(result: { ms: number; workers?: number }): void {
  console.log(`MULTIPROC-RESULT ${JSON.stringify(result)}`);
}

/**
 * The task module's URL. Every runtime runs the built JavaScript (Node 20 cannot strip types),
 * so this names the `.js` twin of tasks.ts.
 */
export const tasksModule = new URL("./tasks.js", import.meta.url);

/** The task module's type, for typed task names and arguments. */
export type Tasks = typeof import("./tasks.ts");
