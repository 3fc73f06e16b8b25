// The program each measurement runs in: a fresh process of the runtime measured (Node, Deno or
// Bun), started by the driver with one JSON argument (a ChildSpec). It loads the user's installed
// adapter, checks or runs one mode once, and prints one result line. Runtime-neutral: node:* only.
import { readFileSync } from "node:fs";
import process from "node:process";
import { describeError, loadAdapter, loadModule } from "./load.ts";
import { type Adapter, runMode } from "./modes.ts";
import { type ChildResult, type ChildSpec, RESULT_PREFIX } from "./protocol.ts";

const deno = (globalThis as { Deno?: { args: string[] } }).Deno;
const argument = deno ? deno.args[0] : process.argv[2];
if (argument === undefined) throw new Error("bench-child expects one JSON argument from multiproc-bench");
const spec = JSON.parse(argument) as ChildSpec;

const result = await answer(spec);
console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
// The user's module may hold timers or handles in this thread: the answer is out, so end here.
process.exit(result.ok ? 0 : 3);

async function answer(spec: ChildSpec): Promise<ChildResult> {
  let adapter: Adapter;
  try {
    adapter = await loadAdapter(spec.adapter);
  } catch (error) {
    return { ok: false, phase: "adapter", error: describeError(error) };
  }
  if (spec.op === "check" || spec.mode === "main") {
    let module: Record<string, unknown>;
    try {
      module = await loadModule(spec);
    } catch (error) {
      return { ok: false, phase: "module", error: describeError(error) };
    }
    if (spec.op === "check") {
      const exports = Object.keys(module).sort();
      return { ok: true, exports, functions: exports.filter((name) => typeof module[name] === "function") };
    }
    return runMode(spec, readCalls(spec), adapter, module[spec.task]);
  }
  return runMode(spec, readCalls(spec), adapter, undefined);
}

function readCalls(spec: ChildSpec): unknown[][] {
  return JSON.parse(readFileSync(spec.callsFile, "utf8")) as unknown[][];
}
