// A longer run with a progress line (rate and time left, from imap's onProgress): pool.imap
// hashes 160 generated 4 MiB buffers and yields the SHA-256 digests in input order as they are
// ready, so each is written out at once.
// Run: examples/node_modules/.bin/tsx examples/node/progress.ts
import { open } from "node:fs/promises";
import { join } from "node:path";
import { Pool } from "@multiproc/node";
import { outputDir } from "../shared/output-dir.ts";
import { progressLine } from "../shared/progress.ts";

const seeds = Array.from({ length: 160 }, (_, i) => i);
const out = join(await outputDir(), "digests.txt");
const file = await open(out, "w");

const start = performance.now();
await using pool = new Pool<typeof import("../tasks.ts")>({
  module: new URL("../tasks.ts", import.meta.url),
});
let done = 0;
for await (const digest of pool.imap("hashGenerated", seeds, { onProgress: progressLine("hashed") })) {
  await file.write(`${digest}\n`);
  done++;
}
await file.close();
const ms = performance.now() - start;
console.log(`wrote ${done} digests to ${out} in ${ms.toFixed(0)} ms`);
