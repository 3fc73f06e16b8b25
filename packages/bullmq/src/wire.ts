// What crosses Redis: a job's data (export, arguments, chunk kind; or several calls) and its
// result envelope (or one per call), and how errors come back as the core classes they were.
import {
  AbortError,
  InitializerError,
  InvalidArgumentError,
  MemoryLimitError,
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
import { AgentLostError, PayloadTooLargeError, TaskLostError } from "./errors.ts";

/** A job's data: the export to run, its encoded arguments, and whether they are a chunk of items. */
export interface JobData {
  /** The export's name. */
  f: string;
  /** The encoded argument list (for a chunk: the items or argument lists). */
  a: Wire;
  /** "items" (map), "argLists" (starmap), or 0 for one call. */
  c: "items" | "argLists" | 0;
  /** Set when the caller hears the task's progress: the agent passes it on as the job's. */
  o?: 1;
}

/** A job of several calls (batch.ts): each as a job of one call holds it, never a chunk. */
export interface BatchData {
  b: JobData[];
}

/** One call's outcome: the encoded result, or the encoded error. */
export type Envelope = { ok: Wire } | { err: Wire };

/** How long the agent took to run a job (`t`, ms) and the size of its outcomes (`s`, characters of JSON). */
export interface RunStats {
  t?: number;
  s?: number;
}

/** A job of one call returns its envelope; a job of several, one envelope per call, in order. */
export type Reply = (Envelope | { b: Envelope[] }) & RunStats;

/**
 * What a job of several calls reports while it runs (as BullMQ's job progress): the outcomes of
 * calls that have finished, by their index in the job, so that a long call does not hold them.
 */
export interface PartialReply {
  p: [number, Envelope][];
}

/** What a job of one call reports while it runs (as BullMQ's job progress): a value its task reported. */
export interface TaskProgress {
  /** The value, encoded. */
  r: Wire;
}

/** A job's progress, as the driver reads it. */
export type JobProgress = PartialReply | TaskProgress;

/** A task's progress value as the job's (see TaskProgress). */
export function progressData(value: unknown): TaskProgress {
  return { r: encode(value) };
}

/** The value a task reported, from its job's progress. */
export function openProgress(progress: TaskProgress): unknown {
  return decode(progress.r, reviveError);
}

/** The largest JSON payload a job or a result may have, by default: 16 Mi characters. */
export const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

const CLASSES: Record<string, new (...args: never[]) => Error> = {
  AbortError,
  AgentLostError,
  InitializerError,
  InvalidArgumentError,
  MemoryLimitError,
  ModuleLoadError,
  MultiprocError,
  PayloadTooLargeError,
  PoolClosedError,
  QueueFullError,
  SerializationError,
  TaskError,
  TaskLostError,
  TimeoutError,
  UnknownTaskError,
  WorkerExitError,
  WorkerStartError,
};

/** Errors as the driver sees them: multiproc's own classes by name, built-in ones otherwise. */
export function reviveError(wire: WireError): Error {
  // Own names only: "constructor" or "toString" must not find Object.prototype's members.
  const Class = Object.hasOwn(CLASSES, wire.cls) ? CLASSES[wire.cls] : undefined;
  if (!Class) return builtInError(wire);
  const error = Reflect.construct(Error, [wire.message], Class) as Error;
  return restore(error, wire);
}

/** The encoded envelope of a result or an error. */
export function envelope(outcome: { ok: unknown } | { err: unknown }): Envelope {
  return "ok" in outcome ? { ok: encode(outcome.ok) } : { err: encode(asError(outcome.err)) };
}

/** A truncated error keeps at least this much of its message, whatever the limit. */
const MIN_MESSAGE = 200;

/**
 * The encoded envelope of an error, within `limit` characters of JSON: an error over it (a huge
 * message, stack or property) comes back as the same class with its message cut, its stack and
 * the properties that do not fit left out, saying so.
 */
export function errorEnvelope(error: unknown, limit: number): Envelope {
  const out = envelope({ err: error });
  const size = JSON.stringify(out).length;
  if (size <= limit) return out;
  const wire = (out as { err: Wire }).err as { [key: string]: Wire };
  const props = (wire.p ?? {}) as { [key: string]: Wire };
  const note = ` [truncated: the error was ${size} characters encoded, over the agent's maxPayload of ${limit}]`;
  const kept: { [key: string]: Wire } = {};
  const { k: cause, ...rest } = wire;
  const cut: { [key: string]: Wire } = { ...rest, m: note, s: null, p: kept };
  const sizeOf = () => JSON.stringify({ err: cut }).length;
  // Small properties first (a task's name, a code), leaving room for a message of 200 characters.
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
    if (sizeOf() > limit - MIN_MESSAGE) delete kept[key];
  }
  if (cause !== undefined) {
    cut.k = cause;
    if (sizeOf() > limit - MIN_MESSAGE) delete cut.k;
  }
  // The message fills the rest; JSON escapes can make it longer than its length, so measure again.
  const message = String(wire.m);
  let room = Math.max(MIN_MESSAGE, limit - sizeOf());
  for (;;) {
    cut.m = `${message.slice(0, room)}${note}`;
    const over = sizeOf() - limit;
    if (over <= 0 || room <= MIN_MESSAGE) break;
    room = Math.max(MIN_MESSAGE, room - over);
  }
  return { err: cut };
}

/** The value an envelope holds, or throws the error it holds. */
export function open(envelope: Envelope): unknown {
  if ("ok" in envelope) return decode(envelope.ok, reviveError);
  throw decode(envelope.err, reviveError);
}

/** The JSON size of `data`; throws PayloadTooLargeError when it is over `limit` characters. */
export function checkSize(
  data: unknown,
  limit: number,
  direction: "arguments" | "result",
  site: { task?: string; module?: string },
): number {
  const size = JSON.stringify(data).length;
  if (size > limit) throw new PayloadTooLargeError(direction, size, limit, site);
  return size;
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
