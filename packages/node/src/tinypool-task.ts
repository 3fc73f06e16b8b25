// Runs inside tinypool's workers: tinypool calls one function with one argument, so this shim
// receives { module, fn, args, … }, imports the task module once per worker (running the
// initializer first), and answers with a tagged outcome the parent turns into multiproc's errors.
import type { SerializedError } from "@multiproc/core";
import { type Chunk, serializeError } from "@multiproc/core/adapter";
import { importTaskModule } from "./import-task-module.ts";

export interface TinypoolCall {
  module: string;
  fn: string;
  args: unknown[];
  chunk: Chunk | false;
  initializer: string | undefined;
  initArgs: unknown[];
}

export type TinypoolOutcome =
  | { ok: true; value: unknown }
  | {
      ok: false;
      error: SerializedError;
      stage?: "module" | "initializer";
      reason?: "unknown-task" | "unsendable-result";
      available?: string[];
    };

const loaded = new Map<string, Promise<Record<string, unknown>>>();

function load(call: TinypoolCall): Promise<Record<string, unknown>> {
  let module = loaded.get(call.module);
  if (!module) {
    module = (async () => {
      const tasks = await importTaskModule(call.module).catch((error) => {
        throw Object.assign(new Error("load"), { stage: "module", original: error });
      });
      if (call.initializer !== undefined) {
        const init = tasks[call.initializer];
        const failure =
          typeof init !== "function" ? new Error(`no function export "${call.initializer}"`) : undefined;
        try {
          if (failure) throw failure;
          await (init as (...a: unknown[]) => unknown)(...call.initArgs);
        } catch (error) {
          throw Object.assign(new Error("init"), { stage: "initializer", original: error });
        }
      }
      return tasks;
    })();
    loaded.set(call.module, module);
  }
  return module;
}

export default async function runTask(call: TinypoolCall): Promise<TinypoolOutcome> {
  let tasks: Record<string, unknown>;
  try {
    tasks = await load(call);
  } catch (error) {
    const { stage, original } = error as { stage: "module" | "initializer"; original: unknown };
    return { ok: false, stage, error: serializeError(original) };
  }
  const fn = tasks[call.fn];
  if (typeof fn !== "function") {
    const available = Object.keys(tasks).filter((k) => typeof tasks[k] === "function");
    return {
      ok: false,
      reason: "unknown-task",
      available,
      error: { name: "UnknownTaskError", message: call.fn },
    };
  }
  let value: unknown;
  try {
    if (call.chunk === "items") {
      const results: unknown[] = [];
      for (const item of call.args) results.push(await fn(item));
      value = results;
    } else if (call.chunk === "argLists") {
      const results: unknown[] = [];
      for (const args of call.args as unknown[][]) results.push(await fn(...args));
      value = results;
    } else {
      value = await fn(...call.args);
    }
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
  // tinypool answers a result it cannot send with an empty object: check here, so the caller
  // gets a SerializationError (this costs one extra copy of results that are objects).
  if (typeof value === "object" || typeof value === "function") {
    try {
      structuredClone(value);
    } catch (error) {
      return { ok: false, reason: "unsendable-result", error: serializeError(error) };
    }
  }
  return { ok: true, value };
}
