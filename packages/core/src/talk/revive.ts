// The worker's side of handoff.ts: wire forms in the arguments become live objects over the same
// shared memory. Only for a call the parent marked `live`, so other calls pay nothing.
import { Barrier } from "./barrier.ts";
import { Condition } from "./condition.ts";
import { Event } from "./event.ts";
import { Lock, RLock } from "./lock.ts";
import { Connection } from "./pipe.ts";
import { JoinableQueue, Queue, SimpleQueue } from "./queue.ts";
import { BoundedSemaphore, Semaphore } from "./semaphore.ts";
import { SharedArray, Value } from "./shared-value.ts";
import { isWireForm, Revive, TALK_MARK, type WireForm } from "./talker.ts";

const CLASSES: Record<string, new (revive: Revive) => unknown> = {
  Queue,
  JoinableQueue,
  SimpleQueue,
  Lock,
  RLock,
  Semaphore,
  BoundedSemaphore,
  Event,
  Condition,
  Barrier: Barrier as unknown as new (revive: Revive) => unknown,
  Value: Value as unknown as new (revive: Revive) => unknown,
  SharedArray: SharedArray as unknown as new (revive: Revive) => unknown,
  Connection,
};

/** The live object a wire form stands for. */
function reviveOne(wire: WireForm): unknown {
  const Class = CLASSES[wire[TALK_MARK]];
  if (!Class)
    throw new Error(`multiproc: cannot rebuild a ${wire[TALK_MARK]} (a worker from another version?)`);
  return new Class(new Revive(wire));
}

/** The arguments with every wire form (in arrays and plain objects, at any depth) made live, in place. */
export function reviveArgs(args: unknown[]): unknown[] {
  const seen = new Set<object>();
  const live = new Map<object, unknown>(); // one object twice in the arguments: one live object
  const visit = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    if (isWireForm(value)) {
      if (!live.has(value)) live.set(value, reviveOne(value));
      return live.get(value);
    }
    if (seen.has(value)) return value;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = visit(value[i]);
    } else {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null)
        for (const key of Object.keys(value))
          (value as Record<string, unknown>)[key] = visit((value as Record<string, unknown>)[key]);
    }
    return value;
  };
  return visit(args) as unknown[];
}
