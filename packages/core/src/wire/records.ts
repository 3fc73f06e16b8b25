// A map chunk's items, and its results, travel as columns when that is much cheaper to copy:
// plain objects of one shape ({ a, b } for every item) as the keys once and one column of values
// per key, a column of numbers as a Float64Array (written in place: one allocation, copied as one
// block of bytes). Structured clone writes and reads an object key by key, every time, and an
// array of numbers number by number. A plain list of numbers is packed on the channels whose
// handle asks for it (WorkerHandle.packNumbers). The other side rebuilds the same values, so
// neither the task nor the caller can tell the difference.

/** Lists shorter than this go as they are: below about 8 items the columns save less than they cost. */
const MIN_ITEMS = 8;

/** Objects with more keys than this go as they are (rare in a map; columns win on small ones). */
const MAX_KEYS = 32;

/**
 * A list packed as columns: `[null, column]` for a list of numbers, or `[keys, column0,
 * column1, …]` for plain objects of one shape, where `column_k[i]` is `items[i][keys[k]]`. A
 * column of numbers is a Float64Array (every JavaScript number is a double: nothing is lost, -0
 * and NaN included), any other column an array of primitives.
 */
export type Packed = [keys: string[] | null, ...columns: (Float64Array | unknown[])[]];

/**
 * The list as columns (see Packed) when every item is a number and `numbers` is set, or when every item is a plain
 * object (prototype Object.prototype) with the same own enumerable keys in the same order, each
 * holding a primitive value. Otherwise undefined, and the list goes as it is, so anything
 * structured clone treats specially (nested objects, shared references, class instances,
 * Dates, …) keeps its usual copy.
 */
export function packList(items: readonly unknown[], numbers: boolean): Packed | undefined {
  try {
    return pack(items, numbers);
  } catch {
    return undefined; // a getter or a proxy threw: structured clone will meet it and say so
  }
}

function pack(items: readonly unknown[], numbers: boolean): Packed | undefined {
  const count = items.length;
  if (count < MIN_ITEMS) return undefined;
  const first = items[0];
  if (typeof first === "number") {
    const column = numbers ? numberColumn(items) : undefined;
    return column ? [null, column] : undefined;
  }
  if (!isPlainObject(first)) return undefined;
  const keys = Object.keys(first);
  const width = keys.length;
  if (width === 0 || width > MAX_KEYS || keys.includes("__proto__")) return undefined;
  // A key whose first value is a number gets a Float64Array, written in place; any other, an
  // array filled by push (packed: a preallocated, holey one is cloned as a sparse one).
  const columns: (Float64Array | unknown[])[] = [];
  for (let k = 0; k < width; k++) {
    columns.push(typeof first[keys[k] as string] === "number" ? new Float64Array(count) : []);
  }
  if (!fillColumns(items, keys, columns)) return undefined;
  // An item that appears twice goes as it is: cloning keeps it one shared object, columns would
  // not. Only a list with no column of distinct numbers needs the (costly) look for one.
  if (!columns.some(strictlyMonotonic) && repeatsAnItem(items)) return undefined;
  return [keys, ...columns];
}

/**
 * Writes `items[i][keys[k]]` into `columns[k]`, or says false when an item is not a plain object
 * with exactly these keys, in this order, holding primitives. Its own function, and small: it is
 * the loop the JIT compiles during a first map, on a thread that shares the cores with the
 * workers, and it runs in the interpreter until then.
 */
function fillColumns(
  items: readonly unknown[],
  keys: string[],
  columns: (Float64Array | unknown[])[],
): boolean {
  const width = keys.length;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== "object" || item === null || Object.getPrototypeOf(item) !== Object.prototype)
      return false;
    // for…in, not Object.keys: it allocates nothing. It also walks inherited enumerable keys,
    // which makes an item with any (a polluted Object.prototype) fail the match and go as it is.
    let k = 0;
    for (const key in item) {
      if (key !== keys[k]) return false;
      const value = (item as Record<string, unknown>)[key];
      if (
        typeof value === "object" ? value !== null : typeof value === "function" || typeof value === "symbol"
      )
        return false;
      const column = columns[k] as Float64Array | unknown[];
      if (Array.isArray(column)) column.push(value);
      else if (typeof value === "number") column[i] = value;
      else columns[k] = plainColumn(column, i, value);
      k++;
    }
    if (k !== width) return false;
  }
  return true;
}

/** A column of numbers that met another value at `at`: its numbers so far, then that value, as a plain array. */
function plainColumn(column: Float64Array, at: number, value: unknown): unknown[] {
  const values: unknown[] = Array.from(column.subarray(0, at));
  values.push(value);
  return values;
}

/** The list `packList` packed: numbers, or new plain objects with the same keys in the same order. */
export function unpackList(packed: Packed): unknown[] {
  if (packed[0] === null) return numbersOf(packed[1] as Float64Array);
  const { count, at } = packedItems(packed);
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) items.push(at(i));
  return items;
}

/** A column of numbers as a plain array, in one tight loop; filled by push: packed, not holey (see pack()). */
function numbersOf(column: Float64Array): number[] {
  const items: number[] = [];
  for (let i = 0; i < column.length; i++) items.push(column[i] as number);
  return items;
}

/** A packed list read one item at a time: `at(i)` makes item `i`, as unpackList() gives it. */
export interface PackedItems {
  count: number;
  at: (i: number) => unknown;
}

/**
 * The items of a packed list, made one at a time: a worker makes each item just before its call,
 * with no array of items in between (less to allocate, and one loop instead of two).
 */
export function packedItems(packed: Packed): PackedItems {
  const keys = packed[0];
  const columns = packed as unknown as (readonly unknown[])[]; // key k's values are columns[k + 1]
  const c0 = columns[1] as readonly unknown[];
  if (keys === null) return { count: c0.length, at: (i) => c0[i] };
  const width = keys.length;
  const [k0, k1, k2, k3] = keys as [string, string, string, string];
  const c1 = (columns[2] ?? c0) as readonly unknown[];
  const c2 = (columns[3] ?? c0) as readonly unknown[];
  const c3 = (columns[4] ?? c0) as readonly unknown[];
  return {
    count: c0.length,
    at: (i) => {
      // A line per key for the first four: each line then always sets the same key, which the
      // JIT turns into a direct store. One line setting keys[k] in turn sees every key and takes
      // the runtimes' slow generic store each time (most of a worker's time on a map of objects).
      const item: Record<string, unknown> = {};
      item[k0] = c0[i];
      if (width > 1) item[k1] = c1[i];
      if (width > 2) item[k2] = c2[i];
      if (width > 3) item[k3] = c3[i];
      for (let k = 4; k < width; k++) item[keys[k] as string] = (columns[k + 1] as readonly unknown[])[i];
      return item;
    },
  };
}

/**
 * Whether a column of numbers only rises, or only falls: its values are then all different, so
 * no item appears twice (an item seen twice has the same value twice in every column). An index
 * or an id is such a column; a NaN, a tie or a turn says nothing. Only a getter that answers
 * differently on each read could fool it: such an item, twice in a chunk, arrives as two objects.
 */
function strictlyMonotonic(column: Float64Array | unknown[]): boolean {
  if (Array.isArray(column) || column.length < 2) return false;
  const rising = (column[1] as number) > (column[0] as number);
  for (let i = 1; i < column.length; i++) {
    const step = (column[i] as number) - (column[i - 1] as number);
    if (rising ? !(step > 0) : !(step < 0)) return false;
  }
  return true;
}

/** Whether some item is in the list twice. */
function repeatsAnItem(items: readonly unknown[]): boolean {
  const seen = new Set<unknown>();
  for (let i = 0; i < items.length; i++) if (seen.size === seen.add(items[i]).size) return true;
  return false;
}

/** The values as a Float64Array when every one is a number, else undefined. */
function numberColumn(values: readonly unknown[]): Float64Array | undefined {
  const column = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number") return undefined;
    column[i] = value;
  }
  return column;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
