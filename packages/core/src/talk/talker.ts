// What every object that crosses to workers has: a wire form (a plain marked object around its
// SharedArrayBuffer, which structured clone shares instead of copying) and, for those that can
// be held, a way to free what a dead worker held. The parent's walk is in handoff.ts, the
// worker's in revive.ts.

/** The key that marks a wire form; its value names the class to revive. */
export const TALK_MARK = "@multiproc/talk";

/** The method that gives an object's wire form. */
export const TO_WIRE: unique symbol = Symbol.for("multiproc.talk.toWire") as never;

/** The method that frees what the thread `agent` held (it died): a lock it owned, a pipe end it had. */
export const RELEASE_FOR: unique symbol = Symbol.for("multiproc.talk.releaseFor") as never;

/** An object's wire form: structured clone copies it, and shares its buffers. */
export interface WireForm {
  readonly [TALK_MARK]: string;
  readonly [key: string]: unknown;
}

/** An object that can be handed to a worker. */
export interface Talker {
  /** The class name users know: "Queue", "Lock", … */
  readonly [Symbol.toStringTag]: string;
  /** Its wire form. The object given a worker (a pipe's end) may be detached here by this. */
  [TO_WIRE](): WireForm;
  /** Frees what the dead thread `agent` held in this object, if anything. */
  [RELEASE_FOR]?(agent: number): void;
}

/** The token a class's constructor takes to be rebuilt from its wire form (on the other side). */
export class Revive {
  constructor(readonly wire: WireForm) {}
}

// On globalThis, as the agent id: every copy of core in a thread must see it (a bundled worker
// entry carries its own copy of core's worker side beside the one the task module imports).
const MADE = Symbol.for("multiproc.talk.made");
type MadeHolder = { [MADE]?: true };

/** Called by every Talker's constructor: until one exists, no call's arguments are searched. */
export function noteTalker(): void {
  (globalThis as MadeHolder)[MADE] = true;
}

/** Whether any Talker was ever made in this thread (then calls' arguments are searched for them). */
export function talkersMade(): boolean {
  return (globalThis as MadeHolder)[MADE] === true;
}

/**
 * Makes `value instanceof Class` true for an object of this class from another copy of core in
 * the same thread: a worker revives arguments with the classes of its entry's copy, while the
 * task module imports the package's. A subclass is marked with its own name as well.
 */
export function sameAcrossCopies(Class: { prototype: object }, name: string): void {
  const brand = Symbol.for(`multiproc.talk.class.${name}`);
  Object.defineProperty(Class.prototype, brand, { value: true });
  Object.defineProperty(Class, Symbol.hasInstance, {
    value: (value: unknown) =>
      typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true,
  });
}

/** Whether `value` is a Talker. */
export function isTalker(value: unknown): value is Talker {
  return typeof value === "object" && value !== null && typeof (value as Talker)[TO_WIRE] === "function";
}

/** Whether `value` is a Talker's wire form. */
export function isWireForm(value: unknown): value is WireForm {
  return typeof value === "object" && value !== null && typeof (value as WireForm)[TALK_MARK] === "string";
}
