// A tagged JSON codec that Node, Deno and Bun read alike (node:v8 serialize is not portable: Bun
// writes JavaScriptCore's format). It carries what a local pool carries: Map, Set, Date, RegExp,
// bigint, ArrayBuffer and typed arrays, boxed primitives, errors with their class, stack and cause,
// undefined, NaN, ±Infinity, -0 and array holes. Decoding builds data only: it never evaluates anything and never sets a prototype.
import { Buffer } from "node:buffer";
import { VIEW_CLASSES } from "@multiproc/core/adapter";

/** JSON as BullMQ stores it: what encode() returns and decode() reads. */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** An error as it crosses: its class, name, message, stack and own properties. */
export interface WireError {
  /** The class name (`"TaskError"`, `"RangeError"`, …). */
  cls: string;
  /** The error's `name`. */
  name: string;
  /** The error's `message`. */
  message: string;
  /** The error's `stack`, when it had one. */
  stack: string | undefined;
  /** Own enumerable properties besides those (`exitCode`, `task`, `code`, …), decoded. */
  props: Record<string, unknown>;
  /** The error's own `cause` (set by `new Error(m, { cause })`), when it had one. */
  cause?: { value: unknown } | undefined;
}

/** Makes the error a decoded WireError stands for; the default makes a built-in Error class. */
export type ErrorReviver = (error: WireError) => Error;

// By class name, as the wire names them.
const TYPED: Record<string, (typeof VIEW_CLASSES)[number]> = Object.fromEntries(
  VIEW_CLASSES.map((View) => [View.name, View]),
);

const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** The value as JSON-safe data; throws TypeError on what cannot be sent (functions, symbols, cycles). */
export function encode(value: unknown): Wire {
  return walk(value, new Set());
}

function walk(value: unknown, path: Set<object>): Wire {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { $: "n", v: Object.is(value, -0) ? "-0" : String(value) };
    case "undefined":
      return { $: "u" };
    case "bigint":
      return { $: "b", v: value.toString() };
    case "function":
    case "symbol":
      throw new TypeError(`${describe(value)} could not be cloned`);
  }
  if (value === null) return null;
  const object = value as object;
  if (path.has(object)) throw new TypeError("a circular structure could not be cloned");
  path.add(object);
  try {
    return walkObject(object, path);
  } finally {
    path.delete(object);
  }
}

function walkObject(object: object, path: Set<object>): Wire {
  if (Array.isArray(object)) return walkArray(object, path);
  if (object instanceof Date) return { $: "D", v: walk(object.getTime(), path) };
  if (object instanceof RegExp) return { $: "R", s: object.source, f: object.flags };
  if (object instanceof Map)
    return { $: "M", v: [...object].map(([k, v]) => [walk(k, path), walk(v, path)]) };
  if (object instanceof Set) return { $: "S", v: [...object].map((v) => walk(v, path)) };
  if (object instanceof ArrayBuffer) return { $: "A", v: Buffer.from(object).toString("base64") };
  if (ArrayBuffer.isView(object)) {
    const bytes = Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString("base64");
    return { $: "T", t: typedName(object), v: bytes };
  }
  if (object instanceof Error) return walkError(object, path);
  const boxed = unbox(object);
  if (boxed !== NOT_BOXED) return { $: "X", v: walk(boxed, path) };
  const out: { [key: string]: Wire } = {};
  for (const key of Object.keys(object))
    setOwn(out, key, walk((object as Record<string, unknown>)[key], path));
  return "$" in out ? { $: "o", v: out } : out;
}

/** An array, a run of holes as one `{ $: "h", n }` (structuredClone keeps holes too). */
function walkArray(array: unknown[], path: Set<object>): Wire {
  const out: Wire[] = [];
  let holes = 0;
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) {
      holes++;
      continue;
    }
    if (holes > 0) out.push({ $: "h", n: holes });
    holes = 0;
    out.push(walk(array[i], path));
  }
  if (holes > 0) out.push({ $: "h", n: holes });
  return out;
}

const NOT_BOXED = Symbol("not boxed");

/** The primitive inside a Number, String, Boolean or BigInt object; a Symbol object cannot cross. */
function unbox(object: object): unknown {
  if (object instanceof Number) return Number.prototype.valueOf.call(object);
  if (object instanceof String) return String.prototype.valueOf.call(object);
  if (object instanceof Boolean) return Boolean.prototype.valueOf.call(object);
  if (object instanceof BigInt) return BigInt.prototype.valueOf.call(object);
  if (object instanceof Symbol) throw new TypeError("a Symbol object could not be cloned");
  return NOT_BOXED;
}

function walkError(error: Error, path: Set<object>): Wire {
  const props: { [key: string]: Wire } = {};
  for (const key of Object.keys(error)) {
    if (key === "name" || key === "message" || key === "stack") continue;
    try {
      setOwn(props, key, walk((error as unknown as Record<string, unknown>)[key], path));
    } catch {
      // A property that cannot cross (a function, a socket) is left behind; the error still goes.
    }
  }
  const wire: { [key: string]: Wire } = {
    $: "E",
    c: error.constructor?.name ?? "Error",
    n: String(error.name),
    m: String(error.message),
    s: typeof error.stack === "string" ? error.stack : null,
    p: props,
  };
  // `cause` is own but not enumerable when given to the constructor; one that cannot cross stays behind.
  if (Object.hasOwn(error, "cause") && !Object.hasOwn(props, "cause")) {
    try {
      wire.k = walk((error as { cause?: unknown }).cause, path);
    } catch {
      // as for props
    }
  }
  return wire;
}

/** The value encode() was given, rebuilt; `reviveError` makes the errors (default: built-in classes). */
export function decode(wire: Wire, reviveError: ErrorReviver = builtInError): unknown {
  if (wire === null || typeof wire !== "object") return wire;
  if (Array.isArray(wire)) return decodeArray(wire, reviveError);
  if (!("$" in wire)) return plainObject(wire, reviveError);
  const tagged = wire as Record<string, Wire>;
  switch (tagged.$) {
    case "u":
      return undefined;
    case "n":
      return tagged.v === "-0" ? -0 : Number(tagged.v);
    case "b":
      return BigInt(String(tagged.v));
    case "D":
      return new Date(decode(tagged.v ?? null) as number);
    case "R":
      return new RegExp(String(tagged.s), String(tagged.f));
    case "M":
      return new Map(
        list(tagged.v).map((pair) => list(pair).map((x) => decode(x, reviveError)) as [unknown, unknown]),
      );
    case "S":
      return new Set(list(tagged.v).map((x) => decode(x, reviveError)));
    case "A":
      return bytes(tagged.v).buffer;
    case "T":
      return typedArray(String(tagged.t), bytes(tagged.v));
    case "E":
      return reviveError(wireError(tagged, reviveError));
    case "o":
      return plainObject((tagged.v ?? {}) as { [key: string]: Wire }, reviveError);
    case "X":
      return boxedPrimitive(decode(tagged.v ?? null, reviveError));
  }
  throw new TypeError(`unknown tag ${JSON.stringify(tagged.$)} in an encoded value`);
}

/** An array with its holes: `{ $: "h", n }` in a list leaves n holes. */
function decodeArray(wire: Wire[], reviveError: ErrorReviver): unknown[] {
  let length = 0;
  for (const item of wire) length += holeRun(item) ?? 1;
  const out = new Array<unknown>(length);
  let index = 0;
  for (const item of wire) {
    const holes = holeRun(item);
    if (holes !== undefined) index += holes;
    else out[index++] = decode(item, reviveError);
  }
  return out;
}

function holeRun(item: Wire): number | undefined {
  if (item === null || typeof item !== "object" || Array.isArray(item) || item.$ !== "h") return undefined;
  const n = item.n;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1 || n > 2 ** 32 - 1) {
    throw new TypeError("malformed encoded value: a bad run of array holes");
  }
  return n;
}

function boxedPrimitive(value: unknown): unknown {
  const type = typeof value;
  if (type === "number" || type === "string" || type === "boolean" || type === "bigint") return Object(value);
  throw new TypeError("malformed encoded value: only a number, string, boolean or bigint is boxed");
}

function plainObject(wire: { [key: string]: Wire }, reviveError: ErrorReviver): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(wire)) {
    const value = decode(wire[key] as Wire, reviveError);
    setOwn(out, key, value);
  }
  return out;
}

/** `object[key] = value`, except that an own "__proto__" key stays data instead of setting the prototype. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else object[key] = value;
}

function wireError(tagged: Record<string, Wire>, reviveError: ErrorReviver): WireError {
  return {
    cls: String(tagged.c),
    name: String(tagged.n),
    message: String(tagged.m),
    stack: typeof tagged.s === "string" ? tagged.s : undefined,
    props: plainObject((tagged.p ?? {}) as { [key: string]: Wire }, reviveError),
    cause: "k" in tagged ? { value: decode(tagged.k as Wire, reviveError) } : undefined,
  };
}

/** A built-in Error of the class it was (Error for any other class), with its name, stack and properties. */
export function builtInError(wire: WireError): Error {
  // Own names only: "constructor" or "toString" must not find Object.prototype's members.
  const Class = Object.hasOwn(BUILT_IN_ERRORS, wire.cls) ? BUILT_IN_ERRORS[wire.cls] : undefined;
  const error = new (Class ?? Error)(wire.message);
  return restore(error, wire);
}

/** Sets a revived error's name, stack and own properties as they were. */
export function restore<E extends Error>(error: E, wire: WireError): E {
  for (const [key, value] of Object.entries(wire.props)) {
    if (key !== "__proto__")
      Object.defineProperty(error, key, { value, enumerable: true, writable: true, configurable: true });
  }
  if (wire.cause) {
    // Not enumerable, as `new Error(m, { cause })` makes it.
    Object.defineProperty(error, "cause", {
      value: wire.cause.value,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(error, "name", {
    value: wire.name,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  if (wire.stack !== undefined) {
    Object.defineProperty(error, "stack", {
      value: wire.stack,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return error;
}

function list(wire: Wire | undefined): Wire[] {
  if (!Array.isArray(wire)) throw new TypeError("malformed encoded value: a list was expected");
  return wire;
}

function bytes(wire: Wire | undefined): Uint8Array {
  const decoded = Buffer.from(String(wire), "base64");
  // A copy of its own: Buffer.from may hand out a slice of a shared pool.
  return new Uint8Array(decoded);
}

function typedArray(type: string, data: Uint8Array): unknown {
  const Type = Object.hasOwn(TYPED, type) ? TYPED[type] : undefined;
  if (!Type) throw new TypeError(`unknown typed array ${JSON.stringify(type)} in an encoded value`);
  if (Type === DataView) return new DataView(data.buffer);
  const size = (Type as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  return new (Type as unknown as new (b: ArrayBuffer, o: number, n: number) => unknown)(
    data.buffer as ArrayBuffer,
    0,
    data.byteLength / size,
  );
}

/** The built-in class a view is (a Node Buffer is a Uint8Array). */
function typedName(view: ArrayBufferView): string {
  for (const [name, Type] of Object.entries(TYPED)) if (view instanceof Type) return name;
  return "Uint8Array";
}

function describe(value: unknown): string {
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  return String(value);
}
