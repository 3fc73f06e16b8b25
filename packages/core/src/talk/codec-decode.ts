// The item codec-encode.ts wrote, rebuilt: new objects, the same shape, shared references kept.
import * as T from "./codec-tags.ts";

const decoder = new TextDecoder();
let bytes: Uint8Array = new Uint8Array(0);
let view: DataView = new DataView(bytes.buffer);
let at = 0;
let objects: object[] = [];

/** The value encoded in `source` (a private, unshared buffer). */
export function decode(source: Uint8Array): unknown {
  bytes = source;
  view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  at = 0;
  objects = [];
  try {
    return read();
  } finally {
    objects = [];
  }
}

function u32(): number {
  const n = view.getUint32(at, true);
  at += 4;
  return n;
}

function f64(): number {
  const n = view.getFloat64(at, true);
  at += 8;
  return n;
}

function ascii(n: number): string {
  if (n > 64) {
    const s = decoder.decode(bytes.subarray(at, at + n));
    at += n;
    return s;
  }
  let s = "";
  for (let end = at + n; at < end; at++) s += String.fromCharCode(bytes[at] as number);
  return s;
}

function read(): unknown {
  const t = bytes[at++];
  switch (t) {
    case T.T_INT: {
      const n = view.getInt32(at, true);
      at += 4;
      return n;
    }
    case T.T_FLOAT:
      return f64();
    case T.T_ASCII:
      return ascii(u32());
    case T.T_UTF8: {
      const n = u32();
      const s = decoder.decode(bytes.subarray(at, at + n));
      at += n;
      return s;
    }
    case T.T_UTF16: {
      const n = u32();
      let s = "";
      for (let i = 0; i < n; i++, at += 2) s += String.fromCharCode(view.getUint16(at, true));
      return s;
    }
    case T.T_UNDEFINED:
      return undefined;
    case T.T_NULL:
      return null;
    case T.T_FALSE:
      return false;
    case T.T_TRUE:
      return true;
    case T.T_BIGINT: {
      const s = read() as string;
      return s.startsWith("-") ? -BigInt(`0x${s.slice(1)}`) : BigInt(`0x${s}`);
    }
    case T.T_REF:
      return objects[u32()];
    default:
      return compound(t as number);
  }
}

function compound(t: number): unknown {
  switch (t) {
    case T.T_ARRAY: {
      const n = u32();
      const list: unknown[] = new Array(n);
      objects.push(list);
      for (let i = 0; i < n; i++) {
        if (bytes[at] === T.T_HOLE) at++;
        else list[i] = read();
      }
      return list;
    }
    case T.T_OBJECT: {
      const n = u32();
      const o: Record<string, unknown> = {};
      objects.push(o);
      for (let i = 0; i < n; i++) {
        const key = read() as string;
        // A key named __proto__ is an own property, as structured clone makes it.
        if (key === "__proto__")
          Object.defineProperty(o, key, {
            value: read(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else o[key] = read();
      }
      return o;
    }
    case T.T_DATE: {
      const d = new Date(f64());
      objects.push(d);
      return d;
    }
    case T.T_REGEXP: {
      const slot = objects.push(null as never) - 1;
      const source = read() as string;
      const r = new RegExp(source, read() as string);
      objects[slot] = r;
      return r;
    }
    case T.T_MAP: {
      const m = new Map();
      objects.push(m);
      const n = u32();
      for (let i = 0; i < n; i++) {
        const k = read();
        m.set(k, read());
      }
      return m;
    }
    case T.T_SET: {
      const s = new Set();
      objects.push(s);
      const n = u32();
      for (let i = 0; i < n; i++) s.add(read());
      return s;
    }
    case T.T_BUFFER: {
      const n = u32();
      const b = bytes.slice(at, at + n).buffer;
      at += n;
      objects.push(b);
      return b;
    }
    case T.T_VIEW: {
      const Kind = T.VIEW_KINDS[bytes[at++] as number] as unknown as new (
        b: ArrayBuffer,
        o: number,
        n: number,
      ) => object;
      const slot = objects.push(null as never) - 1;
      const buffer = read() as ArrayBuffer;
      const offset = u32();
      const v = new Kind(buffer, offset, u32());
      objects[slot] = v;
      return v;
    }
    case T.T_ERROR:
      return error();
    case T.T_BOXED: {
      const slot = objects.push(null as never) - 1;
      const boxed = Object(read()) as object;
      objects[slot] = boxed;
      return boxed;
    }
    default:
      throw new Error(`multiproc: unreadable item (tag ${t}): the queue's memory was overwritten`);
  }
}

const ERRORS: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

function error(): Error {
  const slot = objects.push(null as never) - 1;
  const name = read() as string;
  const message = read() as string;
  const stack = read() as string | undefined;
  const Kind = ERRORS[name] ?? Error;
  const e = new Kind(message);
  objects[slot] = e;
  if (!(name in ERRORS)) e.name = name;
  if (stack !== undefined) e.stack = stack;
  else delete (e as { stack?: string }).stack;
  if (bytes[at] === T.T_HOLE) at++;
  else Object.defineProperty(e, "cause", { value: read(), writable: true, configurable: true });
  return e;
}
