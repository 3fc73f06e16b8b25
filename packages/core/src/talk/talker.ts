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

let made = 0;

/** Called by every Talker's constructor: until one exists, no call's arguments are searched. */
export function noteTalker(): void {
  made++;
}

/** Whether any Talker was ever made in this thread (then calls' arguments are searched for them). */
export function talkersMade(): boolean {
  return made > 0;
}

/** Whether `value` is a Talker. */
export function isTalker(value: unknown): value is Talker {
  return typeof value === "object" && value !== null && typeof (value as Talker)[TO_WIRE] === "function";
}

/** Whether `value` is a Talker's wire form. */
export function isWireForm(value: unknown): value is WireForm {
  return typeof value === "object" && value !== null && typeof (value as WireForm)[TALK_MARK] === "string";
}
