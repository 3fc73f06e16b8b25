// How a slot's calls go on the wire: the "call"/"calls" messages and their transfer lists.
// Pure functions, so the slot keeps only the deciding (what goes, when, marked quick or not).

import type { HandOff } from "../../talk/handoff.ts";
import type { Call, Chunk, ToWorker, WireChunk } from "../../wire/protocol.ts";
import { packList } from "../../wire/records.ts";
import type { TransferItem } from "../adapter.ts";
import type { Task } from "./task.ts";

/** A task alone as it goes on the wire. */
export function callMessage(t: Task<unknown>, packNumbers: boolean, handed?: HandOff): ToWorker {
  const args = handed ? handed.args : t.args;
  const message: ToWorker = t.chunk
    ? { t: "call", id: t.id, fn: t.fn, ...wireChunk(t.chunk, args, packNumbers) }
    : { t: "call", id: t.id, fn: t.fn, args };
  if (handed) message.live = true;
  return message;
}

/** A task as it goes on the wire, among others. */
export function wireCall(t: Task<unknown>, packNumbers: boolean, quick: boolean, handed?: HandOff): Call {
  const args = handed ? handed.args : t.args;
  const call: Call = t.chunk
    ? { id: t.id, fn: t.fn, ...wireChunk(t.chunk, args, packNumbers) }
    : { id: t.id, fn: t.fn, args };
  if (quick) call.quick = true;
  if (handed) call.live = true;
  return call;
}

/** A chunk's items, as columns when they pack (see records.ts): much faster to clone. */
function wireChunk(
  chunk: Chunk,
  args: unknown[],
  packNumbers: boolean,
): { args: unknown[]; chunk: WireChunk } {
  const columns = chunk === "items" ? packList(args, packNumbers) : undefined;
  return columns ? { args: columns, chunk: "packed" } : { args, chunk };
}

/** The transfer lists of several calls as one, or undefined when none has any (the usual case). */
export function transfersOf(tasks: readonly Task<unknown>[]): TransferItem[] | undefined {
  let all: TransferItem[] | undefined;
  for (const task of tasks) {
    if (!task.transfer) continue;
    all ??= [];
    all.push(...task.transfer);
  }
  return all;
}

/** An error thrown by the adapter's send, as a SerializationError's text. */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
