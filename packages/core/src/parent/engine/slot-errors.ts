// A worker's failure replies turned into the typed errors the owner hands to callers.

import { isMissingModule } from "../../wire/missing-module.ts";
import type { CallError, FromWorker } from "../../wire/protocol.ts";
import {
  InitializerError,
  ModuleLoadError,
  type MultiprocError,
  SerializationError,
  TaskError,
  UnknownTaskError,
} from "../errors.ts";

/** The error an "init-failed" message stands for, by the start-up stage that failed. */
export function initError(
  module: string,
  message: Extract<FromWorker, { t: "init-failed" }>,
): MultiprocError {
  const site = { module };
  const { error } = message;
  switch (message.stage) {
    case "version":
      return new ModuleLoadError(`worker protocol mismatch: ${error.message}`, site, error);
    case "module":
      // A module that is not there: its import's stack says nothing more, and would bury the fix.
      return isMissingModule(error)
        ? new ModuleLoadError(error.message, site, { ...error, stack: undefined })
        : new ModuleLoadError(`${error.name}: ${error.message}`, site, error);
    case "initializer":
      return new InitializerError(
        `${error.name}: ${error.message}${message.available ? `; function exports: ${message.available.join(", ")}` : ""}`,
        site,
        error,
      );
  }
}

/** The error an "err" reply to a call of export `fn` stands for. */
export function callError(module: string, fn: string, message: CallError): Error {
  const site = { task: fn, module };
  if (message.reason === "unknown-task") return new UnknownTaskError(site, message.available ?? []);
  if (message.reason === "unsendable-result")
    return new SerializationError("result", message.error.message, site);
  return new TaskError(message.error, site);
}
