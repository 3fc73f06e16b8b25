// Python's array/ctypes typecodes for Value and SharedArray, and how each reads and writes.
import { InvalidArgumentError } from "../parent/errors.ts";

/** A typecode: `"b"`, `"B"`, `"h"`, `"H"`, `"i"`, `"I"`, `"l"`, `"L"`, `"q"`, `"Q"`, `"f"`, `"d"`, `"c"`, `"u"`. */
export type Typecode = "b" | "B" | "h" | "H" | "i" | "I" | "l" | "L" | "q" | "Q" | "f" | "d" | "c" | "u";

/** What a typecode's item reads as: bigint for q/Q, a one-character string for c/u, else number. */
export type TypecodeValue<C extends Typecode> = C extends "q" | "Q"
  ? bigint
  : C extends "c" | "u"
    ? string
    : number;

type View =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

interface Kind {
  view: new (buffer: SharedArrayBuffer, offset?: number, length?: number) => View;
  /** Integer kinds are read and written with Atomics (every thread sees whole values, in order). */
  atomic: boolean;
  char: boolean;
}

// "l"/"L" are 32-bit, as C's long is on Windows; Python's on 64-bit Linux is 64-bit: use "q"/"Q".
const KINDS: Record<Typecode, Kind> = {
  b: { view: Int8Array, atomic: true, char: false },
  B: { view: Uint8Array, atomic: true, char: false },
  h: { view: Int16Array, atomic: true, char: false },
  H: { view: Uint16Array, atomic: true, char: false },
  i: { view: Int32Array, atomic: true, char: false },
  I: { view: Uint32Array, atomic: true, char: false },
  l: { view: Int32Array, atomic: true, char: false },
  L: { view: Uint32Array, atomic: true, char: false },
  q: { view: BigInt64Array, atomic: true, char: false },
  Q: { view: BigUint64Array, atomic: true, char: false },
  f: { view: Float32Array, atomic: false, char: false },
  d: { view: Float64Array, atomic: false, char: false },
  c: { view: Uint8Array, atomic: true, char: true },
  u: { view: Uint16Array, atomic: true, char: true },
};

/** The typecode's kind, or InvalidArgumentError naming the ones there are. */
export function kindOf(typecode: string): Kind {
  const kind = KINDS[typecode as Typecode];
  if (!kind || !Object.hasOwn(KINDS, typecode))
    throw new InvalidArgumentError(
      `unknown typecode ${JSON.stringify(typecode)}: one of ${Object.keys(KINDS).join(" ")}`,
    );
  return kind;
}

/** A shared view of `length` items of the typecode, over a new buffer or over `sab`. */
export function makeView(kind: Kind, length: number, sab?: SharedArrayBuffer): View {
  const Ctor = kind.view as unknown as { BYTES_PER_ELEMENT: number } & Kind["view"];
  return new Ctor(sab ?? new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT), 0, length);
}

/** Reads item `i`. */
export function readItem(kind: Kind, view: View, i: number): unknown {
  const raw = kind.atomic ? Atomics.load(view as Int32Array, i) : view[i];
  return kind.char ? String.fromCharCode(raw as number) : raw;
}

/** Writes item `i`, converting as the typed array would (a one-character string for c/u). */
export function writeItem(kind: Kind, view: View, i: number, value: unknown): void {
  let raw = value;
  if (kind.char) {
    if (typeof value !== "string" || value.length !== 1)
      throw new InvalidArgumentError(`a "c" or "u" item is a one-character string, got ${String(value)}`);
    raw = value.charCodeAt(0);
  }
  if (kind.atomic) Atomics.store(view as Int32Array, i, raw as number);
  else (view as Float64Array)[i] = raw as number;
}
