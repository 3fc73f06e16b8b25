// A worker's start-up: check the protocol version, import the task module, run the initializer.
// Apart from the call loop so that what can fail at start-up, and how it is told, reads in one place.

import { isMissingModule, missingModuleHint } from "../wire/missing-module.ts";
import { type FromWorker, type InitMessage, PROTOCOL_VERSION } from "../wire/protocol.ts";
import { serializeError } from "../wire/serialized-error.ts";
import { liveArgs } from "./live-args.ts";

/** The task module's exports, by name. */
export type TaskModule = Record<string, unknown>;

/** How start-up went, as the task server hears it. */
export interface StartUpListener {
  /** The module was imported (its initializer, if any, has not run yet). */
  loaded(tasks: TaskModule): void;
  /** The module and its initializer are ready: calls may run. */
  started(): void;
  failed(message: FromWorker & { t: "init-failed" }): void;
}

/**
 * Runs start-up for an "init" message. A version mismatch is reported synchronously, before any
 * await, as the parent's calls that came with "init" must not wait on a module never loaded.
 */
export async function startUp(
  message: InitMessage,
  importModule: (url: string) => Promise<TaskModule>,
  listener: StartUpListener,
): Promise<void> {
  if (message.v !== PROTOCOL_VERSION) {
    const error = {
      name: "Error",
      message: `protocol ${message.v} sent, worker speaks ${PROTOCOL_VERSION}`,
    };
    listener.failed({ t: "init-failed", stage: "version", error });
    return;
  }
  let loaded: TaskModule;
  try {
    loaded = await importModule(message.module);
  } catch (error) {
    const failure = serializeError(error);
    if (isMissingModule(failure)) failure.message += missingModuleHint(message.module);
    listener.failed({ t: "init-failed", stage: "module", error: failure });
    return;
  }
  listener.loaded(loaded);
  if (message.initializer !== undefined) {
    const initializer = loaded[message.initializer];
    if (typeof initializer !== "function") {
      const error = { name: "Error", message: `no function export "${message.initializer}"` };
      listener.failed({ t: "init-failed", stage: "initializer", error, available: functionExports(loaded) });
      return;
    }
    try {
      const args = message.initArgs ?? [];
      await initializer(...(message.initLive ? await liveArgs(args) : args));
    } catch (error) {
      listener.failed({ t: "init-failed", stage: "initializer", error: serializeError(error) });
      return;
    }
  }
  listener.started();
}

/** The module's function exports, sorted: what an unknown-task or initializer error lists. */
export function functionExports(tasks: TaskModule | undefined): string[] {
  return tasks
    ? Object.keys(tasks)
        .filter((k) => typeof tasks[k] === "function")
        .sort()
    : [];
}
