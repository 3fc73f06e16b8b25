// Which objects a soak added: two heap snapshots (V8's format, from --snapshots) compared by
// kind of object, by count and by bytes. A leak of one object per task shows as a count near
// the number of tasks between the two snapshots.
//   node dist/soak/heap-diff.js before.heapsnapshot after.heapsnapshot [rows]
import { readFileSync } from "node:fs";

/** The parts of V8's .heapsnapshot JSON read here: nodes is a flat array of node_fields records. */
interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Count and self size per kind: the constructor for objects, the name for closures, else the type. */
function tally(file: string): Map<string, Tally> {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, "utf8")) as HeapSnapshot;
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const kinds = new Map<string, Tally>();
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt] as number];
    const name = strings[nodes[i + nameAt] as number];
    const kind =
      type === "object" || type === "array" || type === "hidden"
        ? `${name} (${type})`
        : type === "closure"
          ? `${name || "anonymous"}() (closure)`
          : `(${type})`;
    const k = kinds.get(kind) ?? { count: 0, bytes: 0 };
    k.count++;
    k.bytes += nodes[i + sizeAt] as number;
    kinds.set(kind, k);
  }
  return kinds;
}

const [before, after, rows = "15"] = process.argv.slice(2);
if (!before || !after) {
  console.error("usage: heap-diff.js before.heapsnapshot after.heapsnapshot [rows]");
  process.exit(2);
}
const a = tally(before);
const b = tally(after);
const diff = [...new Set([...a.keys(), ...b.keys()])].map((kind) => {
  const x = a.get(kind) ?? { count: 0, bytes: 0 };
  const y = b.get(kind) ?? { count: 0, bytes: 0 };
  return { kind, count: y.count - x.count, bytes: y.bytes - x.bytes };
});
const total = diff.reduce((sum, d) => ({ count: sum.count + d.count, bytes: sum.bytes + d.bytes }), {
  count: 0,
  bytes: 0,
});
console.log(`${before} → ${after}: ${total.count} objects, ${(total.bytes / 1024).toFixed(0)} KiB`);
console.log("   Δ count     Δ KiB  kind");
for (const d of diff.sort((p, q) => Math.abs(q.bytes) - Math.abs(p.bytes)).slice(0, Number(rows))) {
  console.log(`${String(d.count).padStart(10)}  ${(d.bytes / 1024).toFixed(1).padStart(8)}  ${d.kind}`);
}
