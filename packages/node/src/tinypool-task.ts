// Runs inside tinypool's workers: tinypool calls one function with one argument, so this shim
// receives { init, call }, starts the task module once per worker by core's own start-up, and
// answers with core's own messages, which the engine turns into the same errors as core's pools.
import {
  answerCall,
  type CallError,
  type CallResult,
  type InitFailed,
  isInitFailed,
  type LoneCall,
  serializeError,
  startTaskModule,
  type TaskModule,
  type ToWorker,
} from "@multiproc/core/worker";
import { importTaskModule } from "./import-task-module.ts";

/** What the engine sends tinypool for one call: the worker's start-up, and the call. */
export interface TinypoolCall {
  init: Extract<ToWorker, { t: "init" }>;
  call: LoneCall;
}

/** What the shim answers: core's messages for a result, a failure, or a start-up that failed. */
export type TinypoolOutcome = CallResult | CallError | InitFailed;

const started = new Map<string, Promise<TaskModule | InitFailed>>();

export default async function runTask({ init, call }: TinypoolCall): Promise<TinypoolOutcome> {
  let module = started.get(init.module);
  if (!module) {
    module = startTaskModule(init, importTaskModule);
    started.set(init.module, module);
  }
  const tasks = await module;
  if (isInitFailed(tasks)) return tasks;
  const answer = await answerCall(tasks, call);
  // tinypool answers a result it cannot send with an empty object: check here, so the caller
  // gets a SerializationError (this costs one extra copy of results that are objects).
  if (answer.t === "ok" && (typeof answer.value === "object" || typeof answer.value === "function")) {
    try {
      structuredClone(answer.value);
    } catch (error) {
      return { t: "err", id: call.id, reason: "unsendable-result", error: serializeError(error) };
    }
  }
  return answer;
}
