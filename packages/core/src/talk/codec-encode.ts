// An item of a Queue or a Pipe as bytes, to copy into shared memory. It keeps what structured
// clone keeps (primitives, plain objects and class instances as plain objects, arrays, Date,
// RegExp, Map, Set, ArrayBuffer and views, Error, shared references and cycles) and refuses what
// structured clone refuses (functions, symbols, promises, weak collections), at once, before the
// item takes any place. JavaScript has no runtime-free way to get structured clone's bytes.
import * as T from "./codec-tags.ts";
import { isTalker } from "./talker.ts";

/** An item that cannot be copied, and why. */
export class UncloneableError extends Error {
  override name = "DataCloneError";
}

const encoder = new TextEncoder();
let bytes = new Uint8Array(1024);
let view = new DataView(bytes.buffer);
let at = 0;
let seen: Map<object, number> | undefined;

/** The item's bytes: a view of a scratch buffer, valid until the next encode() in this thread. */
export function encode(value: unknown): Uint8Array {
  at = 0;
  seen = undefined;
  try {
    write(value);
  } finally {
    seen = undefined;
  }
  return bytes.subarray(0, at);
}

function room(n: number): void {
  if (at + n <= bytes.length) return;
  let size = bytes.length * 2;
  while (size < at + n) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(bytes.subarray(0, at));
  bytes = grown;
  view = new DataView(grown.buffer);
}

function tag(t: number): void {
  room(1);
  bytes[at++] = t;
}

function u32(n: number): void {
  room(4);
  view.setUint32(at, n, true);
  at += 4;
}

function f64(n: number): void {
  room(8);
  view.setFloat64(at, n, true);
  at += 8;
}

function string(s: string): void {
  const n = s.length;
  room(5 + n);
  const start = at;
  bytes[at] = T.T_ASCII;
  view.setUint32(at + 1, n, true);
  at += 5;
  // Short ASCII strings by hand: cheaper than a call into TextEncoder.
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      at = start;
      wideString(s);
      return;
    }
    bytes[at++] = c;
  }
}

function wideString(s: string): void {
  if (!wellFormed(s)) {
    // A lone surrogate: structured clone keeps it, UTF-8 cannot. Code units as they are.
    tag(T.T_UTF16);
    u32(s.length);
    room(2 * s.length);
    for (let i = 0; i < s.length; i++, at += 2) view.setUint16(at, s.charCodeAt(i), true);
    return;
  }
  room(5 + 3 * s.length);
  bytes[at] = T.T_UTF8;
  const written = encoder.encodeInto(s, bytes.subarray(at + 5)).written;
  view.setUint32(at + 1, written, true);
  at += 5 + written;
}

function write(value: unknown): void {
  switch (typeof value) {
    case "number":
      if ((value | 0) === value && !Object.is(value, -0)) {
        room(5);
        bytes[at] = T.T_INT;
        view.setInt32(at + 1, value, true);
        at += 5;
      } else {
        tag(T.T_FLOAT);
        f64(value);
      }
      return;
    case "string":
      string(value);
      return;
    case "boolean":
      tag(value ? T.T_TRUE : T.T_FALSE);
      return;
    case "undefined":
      tag(T.T_UNDEFINED);
      return;
    case "bigint":
      tag(T.T_BIGINT);
      string(value.toString(16));
      return;
    case "object":
      if (value === null) {
        tag(T.T_NULL);
        return;
      }
      object(value);
      return;
    default:
      throw new UncloneableError(`${describe(value)} could not be cloned`);
  }
}

function object(value: object): void {
  seen ??= new Map();
  const ref = seen.get(value);
  if (ref !== undefined) {
    tag(T.T_REF);
    u32(ref);
    return;
  }
  seen.set(value, seen.size);
  if (Array.isArray(value)) {
    array(value);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    plain(value);
    return;
  }
  if (value instanceof Date) {
    tag(T.T_DATE);
    f64(value.getTime());
    return;
  }
  if (value instanceof RegExp) {
    tag(T.T_REGEXP);
    string(value.source);
    string(value.flags);
    return;
  }
  if (value instanceof Map) {
    tag(T.T_MAP);
    u32(value.size);
    for (const [k, v] of value) {
      write(k);
      write(v);
    }
    return;
  }
  if (value instanceof Set) {
    tag(T.T_SET);
    u32(value.size);
    for (const v of value) write(v);
    return;
  }
  if (value instanceof ArrayBuffer) {
    buffer(value);
    return;
  }
  if (ArrayBuffer.isView(value)) {
    typedView(value);
    return;
  }
  if (value instanceof Error) {
    error(value);
    return;
  }
  if (
    value instanceof Boolean ||
    value instanceof Number ||
    value instanceof String ||
    value instanceof BigInt
  ) {
    tag(T.T_BOXED);
    write(value.valueOf());
    return;
  }
  refuseSpecial(value);
  plain(value); // a class instance: its own enumerable properties, as structured clone does
}

function refuseSpecial(value: object): void {
  if (isTalker(value))
    throw new UncloneableError(
      `a ${value[Symbol.toStringTag]} cannot travel inside an item: hand it to the worker as a Process argument, in initArgs or in a call's arguments`,
    );
  if (
    value instanceof Promise ||
    value instanceof WeakMap ||
    value instanceof WeakSet ||
    (typeof WeakRef === "function" && value instanceof WeakRef) ||
    value instanceof SharedArrayBuffer
  )
    throw new UncloneableError(
      value instanceof SharedArrayBuffer
        ? "a SharedArrayBuffer cannot travel inside an item: use a SharedArray, handed to the worker as an argument"
        : `${describe(value)} could not be cloned`,
    );
}

function array(value: unknown[]): void {
  tag(T.T_ARRAY);
  u32(value.length);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) tag(T.T_HOLE);
    else write(value[i]);
  }
}

function plain(value: object): void {
  tag(T.T_OBJECT);
  const keys = Object.keys(value);
  u32(keys.length);
  for (const key of keys) {
    string(key);
    write((value as Record<string, unknown>)[key]);
  }
}

function buffer(value: ArrayBuffer): void {
  if (value.byteLength === 0 && isDetached(value)) throw new UncloneableError("an ArrayBuffer is detached");
  tag(T.T_BUFFER);
  u32(value.byteLength);
  room(value.byteLength);
  bytes.set(new Uint8Array(value), at);
  at += value.byteLength;
}

function typedView(value: ArrayBufferView): void {
  const kind = T.VIEW_KINDS.findIndex((k) => value instanceof k);
  if (kind < 0) throw new UncloneableError(`${describe(value)} could not be cloned`);
  tag(T.T_VIEW);
  tag(kind);
  if (value.buffer instanceof SharedArrayBuffer) refuseSpecial(value.buffer);
  object(value.buffer as ArrayBuffer);
  u32(value.byteOffset);
  u32(value instanceof DataView ? value.byteLength : (value as unknown as { length: number }).length);
}

function error(value: Error): void {
  tag(T.T_ERROR);
  string(String(value.name));
  string(String(value.message));
  if (typeof value.stack === "string") string(value.stack);
  else tag(T.T_UNDEFINED);
  if ("cause" in value) write(value.cause);
  else tag(T.T_HOLE);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(s: string): boolean {
  const native = (s as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

function isDetached(value: ArrayBuffer): boolean {
  return (value as { detached?: boolean }).detached === true;
}

function describe(value: unknown): string {
  if (typeof value === "function") return `${value.name ? `function ${value.name}` : "a function"}`;
  if (typeof value === "symbol") return String(value);
  return Object.prototype.toString.call(value);
}
