// About how many bytes an item takes on the wire, from a few items of the list, cheaply: what the
// plan of map's chunks (chunk-plan.ts) caps a chunk by. A message of many KB costs each side
// time to pack and unpack in one go, while the other side waits; items of a few bytes cost
// nothing of the kind. An estimate, never a walk of the whole item: past NODE_BUDGET values it
// stops (an array's rest counted at the rate so far), and what it cannot read counts as nothing.

/** Values one estimate reads at most. */
const NODE_BUDGET = 256;
/** Items of the list read, spread over it. */
const SAMPLES = 16;

/** About the bytes of `value` once cloned: strings by length, numbers 8, buffers by size. */
export function itemBytes(value: unknown): number {
  let nodes = 0;
  const walk = (v: unknown): number => {
    nodes++;
    switch (typeof v) {
      case "string":
        return v.length;
      case "number":
      case "bigint":
        return 8;
      case "object": {
        if (v === null) return 1;
        if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return v.byteLength;
        if (Array.isArray(v)) {
          let bytes = 0;
          let i = 0;
          for (; i < v.length && nodes < NODE_BUDGET; i++) bytes += walk(v[i]);
          return i < v.length && i > 0 ? (bytes * v.length) / i : bytes;
        }
        let bytes = 0;
        for (const key in v) {
          if (nodes >= NODE_BUDGET) break;
          bytes += key.length + walk((v as Record<string, unknown>)[key]);
        }
        return bytes;
      }
      default:
        return 1;
    }
  };
  try {
    return walk(value);
  } catch {
    return 0; // a getter that throws: the clone will say so, not the estimate
  }
}

/** The mean of itemBytes over up to SAMPLES items spread over `list`. */
export function sampledItemBytes(list: readonly unknown[]): number {
  const n = Math.min(list.length, SAMPLES);
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += itemBytes(list[Math.floor((i * list.length) / n)]);
  return total / n;
}
