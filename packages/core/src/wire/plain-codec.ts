// Small plain messages as bytes in shared memory (see mailbox.ts): numbers, strings, booleans,
// null, undefined, and arrays and plain objects of them. Only what structured clone copies the
// same way: anything else (a class instance, a Map, a typed array, an array with holes or extra
// keys, an object met twice, a null prototype, and what `exotic` names: a Proxy, an arguments
// object, which look plain to JavaScript) is refused, and the message is posted instead, so what
// a task receives never depends on the way its message came. (One trace is left: a getter read
// before the refusal is read again as the message is posted.)

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const INT = 4;
const FLOAT = 5;
const STRING = 6;
const ARRAY = 7;
const OBJECT = 8;

/** Objects at most in one message (it also bounds the depth): past that, posting costs less than the search for repeats. */
const MAX_OBJECTS = 32;

/** Objects that look plain but that structured clone refuses or copies otherwise. */
export type IsExotic = (value: object) => boolean;

/** Writes into `view` from `start`; -1 when the value is not plain or does not fit before `end`. */
export function encodePlain(
  value: unknown,
  view: DataView,
  start: number,
  end: number,
  exotic: IsExotic,
): number {
  const writer = new PlainWriter(view, start, end, exotic);
  return writer.write(value) ? writer.at : -1;
}

/** The value encodePlain() wrote at `start` (new arrays and objects). */
export function decodePlain(view: DataView, start: number): unknown {
  return new PlainReader(view, start).read();
}

class PlainWriter {
  at: number;
  readonly #objects: object[] = [];

  constructor(
    readonly view: DataView,
    start: number,
    readonly end: number,
    readonly exotic: IsExotic,
  ) {
    this.at = start;
  }

  write(value: unknown): boolean {
    switch (typeof value) {
      case "number":
        if ((value | 0) === value && !Object.is(value, -0)) return this.#tag(INT, 4) && this.#i32(value);
        return this.#tag(FLOAT, 8) && this.#f64(value);
      case "string":
        return this.#string(value);
      case "boolean":
        return this.#tag(value ? TRUE : FALSE, 0);
      case "undefined":
        return this.#tag(UNDEFINED, 0);
      case "object":
        if (value === null) return this.#tag(NULL, 0);
        return this.#object(value);
      default:
        return false; // bigint, symbol, function: posted (structured clone decides)
    }
  }

  #object(value: object): boolean {
    const objects = this.#objects;
    if (this.exotic(value)) return false;
    if (objects.length >= MAX_OBJECTS || objects.includes(value)) return false; // a repeat keeps its identity when posted
    objects.push(value);
    if (Array.isArray(value)) {
      const length = value.length;
      if (this.at + 5 + length > this.end) return false; // each item takes a byte at least
      if (Object.keys(value).length !== length) return false; // extra keys (or holes)
      if (!this.#tag(ARRAY, 4) || !this.#u32(length)) return false;
      for (let i = 0; i < length; i++) {
        if (!Object.hasOwn(value, i) || !this.write(value[i])) return false; // a hole
      }
      return true;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return false;
    const keys = Object.keys(value);
    if (!this.#tag(OBJECT, 4) || !this.#u32(keys.length)) return false;
    for (const key of keys) {
      // "__proto__" would set the copy's prototype where structured clone makes an own key
      if (key === "__proto__" || !this.#string(key)) return false;
      if (!this.write((value as Record<string, unknown>)[key])) return false;
    }
    return true;
  }

  /** A string as its UTF-16 code units: exact, lone surrogates too. */
  #string(text: string): boolean {
    const length = text.length;
    if (!this.#tag(STRING, 4 + 2 * length) || !this.#u32(length)) return false;
    const view = this.view;
    let at = this.at;
    for (let i = 0; i < length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), true);
    this.at = at;
    return true;
  }

  /** Writes a tag byte if it and `more` bytes after it fit. */
  #tag(tag: number, more: number): boolean {
    if (this.at + 1 + more > this.end) return false;
    this.view.setUint8(this.at++, tag);
    return true;
  }

  #u32(n: number): boolean {
    this.view.setUint32(this.at, n, true);
    this.at += 4;
    return true;
  }

  #i32(n: number): boolean {
    this.view.setInt32(this.at, n, true);
    this.at += 4;
    return true;
  }

  #f64(n: number): boolean {
    this.view.setFloat64(this.at, n, true);
    this.at += 8;
    return true;
  }
}

class PlainReader {
  #at: number;

  constructor(
    readonly view: DataView,
    start: number,
  ) {
    this.#at = start;
  }

  read(): unknown {
    const view = this.view;
    const tag = view.getUint8(this.#at++);
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT: {
        const n = view.getInt32(this.#at, true);
        this.#at += 4;
        return n;
      }
      case FLOAT: {
        const n = view.getFloat64(this.#at, true);
        this.#at += 8;
        return n;
      }
      case STRING:
        return this.#string();
      case ARRAY: {
        const length = this.#u32();
        const array: unknown[] = []; // pushed: an array made at its length stays "holey" for V8
        for (let i = 0; i < length; i++) array.push(this.read());
        return array;
      }
      case OBJECT: {
        const count = this.#u32();
        const object: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) {
          this.#at++; // the key's STRING tag
          const key = this.#string();
          const value = this.read();
          // An own key, as structured clone makes it, even where Object.prototype has a setter
          if (key in object)
            Object.defineProperty(object, key, {
              value,
              writable: true,
              enumerable: true,
              configurable: true,
            });
          else object[key] = value;
        }
        return object;
      }
      default:
        throw new Error(`multiproc mailbox: unknown tag ${tag}`); // a bug, never the user's data
    }
  }

  #u32(): number {
    const n = this.view.getUint32(this.#at, true);
    this.#at += 4;
    return n;
  }

  #string(): string {
    const length = this.#u32();
    const view = this.view;
    let at = this.#at;
    let text = "";
    for (let i = 0; i < length; i++, at += 2) text += String.fromCharCode(view.getUint16(at, true));
    this.#at = at;
    return text;
  }
}
