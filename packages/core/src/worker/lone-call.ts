// A call answered on its own, by a plain async function: for an engine whose workers call one
// function per task (tinypool) instead of speaking core's protocol. The start-up and the answers
// are core's own (task-start-up.ts, run-chunk.ts, the protocol's messages), so the parent maps
// them to the same typed errors (see initError and callError in @multiproc/core/adapter).
import type { Call, CallError, CallResult, Chunk, InitFailed, InitMessage } from "../wire/protocol.ts";
import { serializeError } from "../wire/serialized-error.ts";
import { listCalls, runChunk } from "./run-chunk.ts";
import { functionExports, startUp, type TaskModule } from "./task-start-up.ts";

export type { InitFailed } from "../wire/protocol.ts";

/**
 * Core's start-up for an "init" message (the version, the module's import, its initializer):
 * the module's exports, or the init-failed message that says why there are none.
 */
export function startTaskModule(
  init: InitMessage,
  importModule: (url: string) => Promise<TaskModule>,
): Promise<TaskModule | InitFailed> {
  return new Promise((resolve) => {
    let tasks: TaskModule = {};
    void startUp(init, importModule, {
      loaded: (loaded) => {
        tasks = loaded;
      },
      started: () => resolve(tasks),
      failed: (message) => resolve(message),
    });
  });
}

/** Whether start-up failed (see startTaskModule). */
export function isInitFailed(started: TaskModule | InitFailed): started is InitFailed {
  return (started as { t?: unknown }).t === "init-failed" && "stage" in started;
}

/** A call as answerCall() takes it: core's Call, its chunk (if any) not packed. */
export interface LoneCall extends Omit<Call, "chunk" | "quick"> {
  /** How `args` is read for a chunk (never packed here); absent for one plain call. */
  chunk?: Chunk | undefined;
}

/** Runs one call (each item of a chunk) and answers as the task server would. */
export async function answerCall(
  tasks: TaskModule,
  { id, fn, args, chunk }: LoneCall,
): Promise<CallResult | CallError> {
  const task = tasks[fn];
  if (typeof task !== "function") {
    const error = { name: "UnknownTaskError", message: `no function export "${fn}"` };
    return { t: "err", id, error, reason: "unknown-task", available: functionExports(tasks) };
  }
  try {
    const call = task as (...args: unknown[]) => unknown;
    const value = chunk ? await runChunk(call, listCalls(args), chunk === "argLists") : await call(...args);
    return { t: "ok", id, value };
  } catch (error) {
    return { t: "err", id, error: serializeError(error) };
  }
}
