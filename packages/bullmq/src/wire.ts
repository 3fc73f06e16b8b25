// What crosses Redis: a job's data (export, arguments, chunk kind) and its result envelope, and
// how errors come back as the core classes they were.
import {
  AbortError,
  InitializerError,
  InvalidArgumentError,
  ModuleLoadError,
  MultiprocError,
  PoolClosedError,
  QueueFullError,
  SerializationError,
  TaskError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
} from "@multiproc/core";
import { builtInError, decode, encode, restore, type Wire, type WireError } from "./codec.ts";
import { AgentLostError, PayloadTooLargeError } from "./errors.ts";

/** A job's data: the export to run, its encoded arguments, and whether they are a chunk of items. */
export interface JobData {
  /** The export's name. */
  f: string;
  /** The encoded argument list (for a chunk: the items or argument lists). */
  a: Wire;
  /** "items" (map), "argLists" (starmap), or 0 for one call. */
  c: "items" | "argLists" | 0;
}

/** A job's return value: the encoded result, or the encoded error. */
export type Envelope = { ok: Wire } | { err: Wire };

/** The largest JSON payload a job or a result may have, by default: 16 Mi characters. */
export const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

const CLASSES: Record<string, new (...args: never[]) => Error> = {
  AbortError,
  AgentLostError,
  InitializerError,
  InvalidArgumentError,
  ModuleLoadError,
  MultiprocError,
  PayloadTooLargeError,
  PoolClosedError,
  QueueFullError,
  SerializationError,
  TaskError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
};

/** Errors as the driver sees them: multiproc's own classes by name, built-in ones otherwise. */
export function reviveError(wire: WireError): Error {
  const Class = CLASSES[wire.cls];
  if (!Class) return builtInError(wire);
  const error = Reflect.construct(Error, [wire.message], Class) as Error;
  return restore(error, wire);
}

/** The encoded envelope of a result or an error. */
export function envelope(outcome: { ok: unknown } | { err: unknown }): Envelope {
  return "ok" in outcome ? { ok: encode(outcome.ok) } : { err: encode(asError(outcome.err)) };
}

/** The value an envelope holds, or throws the error it holds. */
export function open(envelope: Envelope): unknown {
  if ("ok" in envelope) return decode(envelope.ok, reviveError);
  throw decode(envelope.err, reviveError);
}

/** Throws PayloadTooLargeError when the JSON of `data` is over `limit` characters. */
export function checkSize(
  data: unknown,
  limit: number,
  direction: "arguments" | "result",
  site: { task?: string; module?: string },
): void {
  if (limit === Number.POSITIVE_INFINITY) return;
  const size = JSON.stringify(data).length;
  if (size > limit) throw new PayloadTooLargeError(direction, size, limit, site);
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(`non-Error value thrown: ${String(value)}`);
}

/** The maxPayload option checked (a positive integer of characters, or Infinity). */
export function checkMaxPayload(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_PAYLOAD;
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`maxPayload must be a positive integer, not ${JSON.stringify(value)}`);
  }
  return value;
}
