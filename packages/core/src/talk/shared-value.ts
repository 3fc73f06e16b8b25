// Python's multiprocessing.Value and Array (SharedArray here: Array is JavaScript's): typed
// shared memory with synchronous access, and the RLock that guards compound updates.
import { InvalidArgumentError, InvalidStateError } from "../parent/errors.ts";
import { Lock, RLock } from "./lock.ts";
import {
  noteTalker,
  RELEASE_FOR,
  Revive,
  sameAcrossCopies,
  TALK_MARK,
  TO_WIRE,
  type WireForm,
} from "./talker.ts";
import { kindOf, makeView, readItem, type Typecode, type TypecodeValue, writeItem } from "./typecodes.ts";

/** The `lock` option: true (a new RLock, the default), false (none: Python's RawValue), or a lock to share. */
export type LockOption = boolean | Lock | RLock | undefined;

function makeLock(option: LockOption): Lock | RLock | undefined {
  if (option === undefined || option === true) return new RLock();
  if (option === false) return undefined;
  if (option instanceof Lock || option instanceof RLock) return option;
  throw new InvalidArgumentError("lock must be true, false, a Lock or an RLock");
}

function reviveLock(wire: unknown): Lock | RLock | undefined {
  if (wire === undefined) return undefined;
  const form = wire as WireForm;
  return form[TALK_MARK] === "Lock" ? new Lock(new Revive(form)) : new RLock(new Revive(form));
}

function noLock(): never {
  throw new InvalidStateError("made with { lock: false }: it has no lock");
}

/**
 * Python's `multiprocessing.Value(typecode, init, lock=True)`: one shared number (a bigint for
 * "q"/"Q", a one-character string for "c"/"u"), read and written at once through `.value`.
 * `value += 1` is a read then a write: guard it with `getLock()` where others write too.
 */
export class Value<C extends Typecode = Typecode> {
  /** The typecode it was made with. */
  readonly typecode: C;
  readonly #kind;
  readonly #view;
  readonly #lock: Lock | RLock | undefined;

  constructor(typecode: C | Revive, init?: TypecodeValue<C>, options: { lock?: LockOption } = {}) {
    if (typecode instanceof Revive) {
      const wire = typecode.wire;
      this.typecode = wire.typecode as C;
      this.#kind = kindOf(this.typecode);
      this.#view = makeView(this.#kind, 1, wire.sab as SharedArrayBuffer);
      this.#lock = reviveLock(wire.lock);
    } else {
      this.typecode = typecode;
      this.#kind = kindOf(typecode);
      this.#view = makeView(this.#kind, 1);
      if (init !== undefined) writeItem(this.#kind, this.#view, 0, init);
      this.#lock = makeLock(options.lock);
    }
    noteTalker();
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "Value";
  }

  /** The shared value. */
  get value(): TypecodeValue<C> {
    return readItem(this.#kind, this.#view, 0) as TypecodeValue<C>;
  }

  /** Writes the shared value (Atomics for integer typecodes). */
  set value(v: TypecodeValue<C>) {
    writeItem(this.#kind, this.#view, 0, v);
  }

  /** The lock that guards it (an RLock unless made with another); InvalidStateError when made with `{ lock: false }`. */
  getLock(): Lock | RLock {
    return this.#lock ?? noLock();
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return {
      [TALK_MARK]: "Value",
      sab: this.#view.buffer,
      typecode: this.typecode,
      lock: this.#lock?.[TO_WIRE](),
    };
  }

  /** Frees what a dead worker held in it. @internal */
  [RELEASE_FOR](agent: number): void {
    this.#lock?.[RELEASE_FOR](agent);
  }
}

/**
 * Python's `multiprocessing.Array(typecode, size_or_initializer, lock=True)`: a fixed-length
 * shared array with index access (`a[0] = 5`), `length`, iteration and `getLock()`.
 */
export class SharedArray<C extends Typecode = Typecode> {
  /** The typecode it was made with. */
  readonly typecode!: C;
  /** Item `index`, read and written in place. */
  [index: number]: TypecodeValue<C>;
  /** How its typecode reads and writes. @internal */
  readonly kind!: ReturnType<typeof kindOf>;
  /** The shared items. @internal */
  readonly view!: ReturnType<typeof makeView>;
  /** Its lock, unless made with `{ lock: false }`. @internal */
  readonly lock!: Lock | RLock | undefined;

  constructor(
    typecode: C | Revive,
    sizeOrInit: number | ArrayLike<TypecodeValue<C>> | Iterable<TypecodeValue<C>> = 0,
    options: { lock?: LockOption } = {},
  ) {
    const self = this as { -readonly [K in "typecode" | "kind" | "view" | "lock"]: SharedArray<C>[K] };
    if (typecode instanceof Revive) {
      const wire = typecode.wire;
      self.typecode = wire.typecode as C;
      self.kind = kindOf(self.typecode);
      self.view = makeView(self.kind, wire.length as number, wire.sab as SharedArrayBuffer);
      self.lock = reviveLock(wire.lock);
    } else {
      self.typecode = typecode;
      self.kind = kindOf(typecode);
      const init = typeof sizeOrInit === "number" ? undefined : Array.from(sizeOrInit as ArrayLike<unknown>);
      const length = init ? init.length : sizeOrInit;
      if (!Number.isInteger(length) || (length as number) < 0)
        throw new InvalidArgumentError(
          `a SharedArray's size must be a whole number ≥ 0, got ${String(length)}`,
        );
      self.view = makeView(self.kind, length as number);
      if (init) for (let i = 0; i < init.length; i++) writeItem(self.kind, self.view, i, init[i]);
      self.lock = makeLock(options.lock);
    }
    noteTalker();
    // biome-ignore lint/correctness/noConstructorReturn: index access (a[0]) on shared memory needs a Proxy
    return new Proxy(this, INDEXED as ProxyHandler<SharedArray<C>>);
  }

  /** The class name, as `Object.prototype.toString` shows it. */

  get [Symbol.toStringTag](): string {
    return "SharedArray";
  }

  /** Items in the array. */
  get length(): number {
    return this.view.length;
  }

  /** The lock that guards it; InvalidStateError when made with `{ lock: false }`. */
  getLock(): Lock | RLock {
    return this.lock ?? noLock();
  }

  /** The items, copied into a plain array. */
  toArray(): TypecodeValue<C>[] {
    return Array.from(this);
  }

  /** The items, in order. */

  *[Symbol.iterator](): IterableIterator<TypecodeValue<C>> {
    for (let i = 0; i < this.view.length; i++) yield readItem(this.kind, this.view, i) as TypecodeValue<C>;
  }

  /** Its wire form, for a worker to rebuild it from (talk/handoff.ts). @internal */
  [TO_WIRE](): WireForm {
    return {
      [TALK_MARK]: "SharedArray",
      sab: this.view.buffer,
      typecode: this.typecode,
      length: this.view.length,
      lock: this.lock?.[TO_WIRE](),
    };
  }

  /** Frees what a dead worker held in it. @internal */
  [RELEASE_FOR](agent: number): void {
    this.lock?.[RELEASE_FOR](agent);
  }
}

/** An index as a property key ("0", "17"), or -1. */
function indexOf(key: string | symbol): number {
  if (typeof key !== "string") return -1;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  const i = Number(key);
  return Number.isInteger(i) && String(i) === key ? i : -1;
}

const INDEXED: ProxyHandler<SharedArray> = {
  get(target, key, receiver) {
    const i = indexOf(key);
    if (i < 0) return Reflect.get(target, key, receiver);
    return i < target.view.length ? readItem(target.kind, target.view, i) : undefined;
  },
  set(target, key, value, receiver) {
    const i = indexOf(key);
    if (i < 0) return Reflect.set(target, key, value, receiver);
    if (i >= target.view.length)
      throw new RangeError(`index ${i} out of range: the SharedArray has ${target.view.length} items`);
    writeItem(target.kind, target.view, i, value);
    return true;
  },
  has(target, key) {
    const i = indexOf(key);
    return i < 0 ? Reflect.has(target, key) : i < target.view.length;
  },
};

sameAcrossCopies(Value, "Value");
sameAcrossCopies(SharedArray, "SharedArray");
